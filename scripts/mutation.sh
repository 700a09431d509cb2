#!/usr/bin/env bash
# Mutation testing of the checks (checks/arithmetic.py, checks/report.py, checks/series.py)
# with mutmut 3, bounded in time.
#
#   scripts/mutation.sh            # at most MUTATION_TIMEOUT seconds (default 1500)
#
# Runs on a scratch copy of the working tree, never on the tree itself: mutmut 3 does not
# mutate decorated functions, and every check is registered with a decorator, so the copy's
# `@register(...)` decorators are rewritten as plain calls first (scripts/_undecorate.py;
# the registered functions are the same). The tests run are the quick, deterministic ones
# of tests/test_checks.py and tests/test_checks_exact.py (the Hypothesis properties are left
# out: they are slow and add nothing the exact tests do not see).
# Needs: pip install 'govdisclosure[fuzz]'  (mutmut>=3.3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${MUTATION_WORKDIR:-$(mktemp -d -t govdisclosure-mutation.XXXXXX)}"
rm -rf "$work/mutants"
mkdir -p "$work"
cp -r "$root/src" "$root/tests" "$root/pyproject.toml" "$work/"
python "$root/scripts/_undecorate.py" \
  "$work"/src/govdisclosure/checks/{arithmetic,report,series}.py
cat >> "$work/pyproject.toml" <<'TOML'

[tool.mutmut]
source_paths = ["src"]
only_mutate = [
  "src/govdisclosure/checks/arithmetic.py",
  "src/govdisclosure/checks/report.py",
  "src/govdisclosure/checks/series.py",
]
pytest_add_cli_args_test_selection = ["tests/test_checks.py", "tests/test_checks_exact.py"]
pytest_add_cli_args = [
  "-p", "no:cacheprovider",
  "-k", "not plantable and not never_raises and not planted and not valid_reports_have and not one_leaf",
]
TOML
cd "$work"
status=0
timeout "${MUTATION_TIMEOUT:-1500}" nice -n 10 mutmut run --max-children "${MUTATION_JOBS:-2}" \
  > mutmut.log 2>&1 || status=$?
mutmut results --all true > results.txt 2>/dev/null || true
killed=$(grep -c ': killed' results.txt || true)
survived=$(grep -c ': survived' results.txt || true)
total=$(grep -c ': ' results.txt || true)
echo "mutants: $total, killed: $killed, survived: $survived (workdir $work)"
if [ "$total" -gt 0 ]; then
  python -c "print(f'mutation score: {100 * $killed / $total:.1f}%')"
fi
grep ': survived' results.txt || true
exit $status
