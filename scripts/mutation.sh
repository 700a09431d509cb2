#!/usr/bin/env bash
# Mutation testing of the checks with mutmut 3, bounded in time.
#
#   scripts/mutation.sh                      # the arithmetic checks (MUTATION_SET=checks)
#   MUTATION_SET=prose scripts/mutation.sh   # the prose and order checks
#   MUTATION_SET=prose MUTATION_MODULES="narrative" scripts/mutation.sh   # some of a set
#
# MUTATION_SET=checks (the default): checks/arithmetic.py, checks/report.py and
# checks/series.py, against the quick, deterministic tests of tests/test_checks.py and
# tests/test_checks_exact.py (the Hypothesis properties are left out: they are slow and
# add nothing the exact tests do not see).
#
# MUTATION_SET=prose: checks/narrative.py (figures restated in the prose), checks/content.py
# (what sections 一, 五 and 六 must speak of) and checks/order.py (findings in reading
# order), against tests/test_audit_narrative.py, tests/test_audit_content.py,
# tests/test_order.py and tests/test_audit_reference.py, with the Hypothesis profile ci
# cut to 30 examples (the same examples on every run). The reference properties stay in:
# they compare the fast paths of these modules with their plain versions. Left out: the
# properties over generated valid reports, which only see agreeing prose and are slow.
# These modules cache (their patterns, the places of paths): the copy's caching
# decorators are rewritten as calls too, and every test starts with the caches emptied,
# so that a cache filled by mutmut's own process or by another mutant never hides one.
#
# Every run is on a scratch copy of the working tree, never on the tree itself: mutmut 3
# does not mutate decorated functions, and every check is registered with a decorator, so
# the copy's `@register(...)` decorators are rewritten as plain calls first
# (scripts/_undecorate.py; the registered functions are the same).
#
# MUTATION_TIMEOUT: seconds at most (default 1500); MUTATION_JOBS: mutmut's
# --max-children (default 2); MUTATION_WORKDIR: the scratch folder (default: a new one).
# Needs: pip install 'govdisclosure[fuzz]'  (mutmut>=3.3; measured with 3.8.1)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
set_name="${MUTATION_SET:-checks}"
undecorate=()
case "$set_name" in
  checks)
    default_modules="arithmetic report series"
    tests='"tests/test_checks.py", "tests/test_checks_exact.py"'
    deselect="not plantable and not never_raises and not planted and not valid_reports_have"
    deselect+=" and not one_leaf"
    ;;
  prose)
    default_modules="narrative content order"
    tests='"tests/test_audit_narrative.py", "tests/test_audit_content.py", '
    tests+='"tests/test_order.py", "tests/test_audit_reference.py"'
    deselect="not valid_generated_reports and not valid_reports_narrating"
    deselect+=" and not valid_reports_one_changed"
    undecorate=(--caches)
    export HYPOTHESIS_PROFILE=ci
    ;;
  *)
    echo "MUTATION_SET must be checks or prose, not $set_name" >&2
    exit 2
    ;;
esac
read -r -a modules <<< "${MUTATION_MODULES:-$default_modules}"
work="${MUTATION_WORKDIR:-$(mktemp -d -t govdisclosure-mutation.XXXXXX)}"
rm -rf "$work/mutants"
mkdir -p "$work"
cp -r "$root/src" "$root/tests" "$root/pyproject.toml" "$work/"
files=()
only=""
for m in "${modules[@]}"; do
  files+=("$work/src/govdisclosure/checks/$m.py")
  only+="  \"src/govdisclosure/checks/$m.py\",
"
done
python "$root/scripts/_undecorate.py" "${undecorate[@]}" "${files[@]}"
if [ "$set_name" = prose ]; then
  cat >> "$work/tests/conftest.py" <<'PY'


@pytest.fixture(autouse=True)
def _mutation_fresh_caches() -> None:
    """Added by scripts/mutation.sh: each test starts with the prose checks' caches
    empty, so that what a cache holds was made by the mutant under test."""
    from govdisclosure.checks import content, narrative, order

    for cached in (
        narrative._load,
        content._load,
        content._missing,
        content.english_names,
        order._specs,
        order._table_rank,
        order._place,
    ):
        cached.cache_clear()
    narrative._SCANNERS.clear()


# Each mutant runs the properties on fewer examples than CI (the same ones every run):
# a surviving mutant costs every test that reaches it, and these modules have hundreds.
settings.register_profile("mutation", settings.get_profile("ci"), max_examples=30)
settings.load_profile("mutation")
PY
fi
cat >> "$work/pyproject.toml" <<TOML

[tool.mutmut]
source_paths = ["src"]
only_mutate = [
$only]
pytest_add_cli_args_test_selection = [$tests]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-k", "$deselect"]
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
