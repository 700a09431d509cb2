"""Run the benchmark suite: every case side by side, interleaved, with ratios.

Usage (from the repository root)::

    PYTHONPATH=src python bench/run.py                 # full run (several minutes)
    PYTHONPATH=src python bench/run.py --quick         # smoke run for CI (< 30 s), no timing assertions

Each round runs every case once (a calibrated batch of calls), in the same process, so
that load from other processes hits all cases alike; ratios are taken within a round
and reported as median [min - max] over the rounds. Nothing here ever fails on timing:
the exit status is non-zero only when a case raises.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cases as _cases

import corpus as _corpus

VERSIONS = (
    "attrs",
    "cattrs",
    "lxml",
    "pandas",
    "pydantic",
    "pydantic_core",
    "orjson",
    "pdfplumber",
    "pypdfium2",
    "python-docx",
    "babel",
)


def versions() -> dict[str, str]:
    """The interpreter and the versions of the packages measured."""
    out = {"python": platform.python_version()}
    for name in VERSIONS:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "-"
    return out


def machine() -> str:
    """CPU model, core count and load average."""
    model = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; load average {load}"


def calibrate(func: object, target: float) -> int:
    """How many calls make a batch of about ``target`` seconds (at least one)."""
    assert callable(func)
    func()  # warm up: imports, caches
    t0 = time.perf_counter()
    func()
    one = time.perf_counter() - t0
    return max(1, int(target / max(one, 1e-7)))


def fmt(seconds: float) -> str:
    """A duration in the most readable unit."""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def measure(cases: list[_cases.Case], rounds: int, target: float) -> dict[str, list[float]]:
    """Per-call seconds of every case, one figure per round, rounds interleaved."""
    numbers = {c.key: calibrate(c.func, target) for c in cases}
    times: dict[str, list[float]] = {c.key: [] for c in cases}
    for r in range(rounds):
        for c in cases:
            n = numbers[c.key]
            gc.collect()
            t0 = time.perf_counter()
            for _ in range(n):
                c.func()
            times[c.key].append((time.perf_counter() - t0) / n)
        print(f"  round {r + 1}/{rounds} done", file=sys.stderr)
    return times


def table(cases: list[_cases.Case], times: dict[str, list[float]]) -> list[str]:
    """The figures as Markdown: best, median, spread and the ratio to the baseline."""
    lines = [
        "| group | case | best | median | spread (max/min) | ratio to baseline: median [min–max] |",
        "|---|---|---:|---:|---:|---|",
    ]
    for c in cases:
        ts = times[c.key]
        ratio = ""
        if c.baseline is not None and c.baseline in times:
            rs = [a / b for a, b in zip(ts, times[c.baseline], strict=True)]
            ratio = f"{statistics.median(rs):.2f}× {c.baseline.split('/', 1)[1]} [{min(rs):.2f}–{max(rs):.2f}]"
        lines.append(
            f"| {c.group} | {c.name} | {fmt(min(ts))} | {fmt(statistics.median(ts))} | {max(ts) / min(ts):.2f} | {ratio} |"
        )
    return lines


TARGETS: tuple[tuple[str, str, str | None, float], ...] = (
    # (label, case, baseline case or None for an absolute target in seconds, limit)
    ("check(report) ≤ 50 µs", "check/generated", None, 50e-6),
    (
        "check without prose checks ≤ 50 µs",
        "check/generated: tables, structure, dates (no prose checks)",
        None,
        50e-6,
    ),
    (
        "check ÷ plain-Python floor (informative)",
        "check/generated",
        "check/plain-python 三 identities (floor)",
        0,
    ),
    (
        "parse_html ≤ 1.5× lxml grid floor",
        "parse_html/cms-page-60KB",
        "parse_html/lxml-grids (floor)",
        1.5,
    ),
    (
        "parse_html ÷ pandas.read_html ≤ 0.5 (pandas ≥ 2× slower)",
        "parse_html/cms-page-60KB",
        "parse_html/pandas.read_html",
        0.5,
    ),
    (
        "parse_html ÷ tight lxml grid floor (informative)",
        "parse_html/cms-page-60KB",
        "parse_html/lxml-grids, tight (floor)",
        0,
    ),
    (
        "editor page: parse_html ≤ 1.5× lxml grid floor",
        "parse_html/editor page",
        "parse_html/editor page: lxml-grids (floor)",
        1.5,
    ),
    (
        "editor page: parse_html ÷ tight floor (informative)",
        "parse_html/editor page",
        "parse_html/editor page: lxml-grids, tight (floor)",
        0,
    ),
    (
        "editor page: parse_html ÷ pandas.read_html ≤ 0.5",
        "parse_html/editor page",
        "parse_html/editor page: pandas.read_html",
        0.5,
    ),
    ("from_json ≤ pydantic v2", "json/from_json", "json/pydantic.model_validate_json", 1.0),
    ("to_json < pydantic v2", "json/to_json", "json/pydantic.model_dump_json", 1.0),
    ("parse_text ≤ 1 ms (seed)", "parse_text/seed", None, 1e-3),
)


def targets(times: dict[str, list[float]]) -> list[str]:
    """The targets of issue 7 against this run (medians; never fails the run)."""
    lines = ["| target | this run (median) | met? |", "|---|---:|---|"]
    for label, case, base, limit in TARGETS:
        if case not in times or (base is not None and base not in times):
            continue
        if base is None:
            value = statistics.median(times[case])
            lines.append(f"| {label} | {fmt(value)} | {'yes' if value <= limit else 'no'} |")
        else:
            ratio = statistics.median(
                [a / b for a, b in zip(times[case], times[base], strict=True)]
            )
            met = "—" if limit == 0 else ("yes" if ratio <= limit else "no")
            lines.append(f"| {label} | {ratio:.2f}× | {met} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the suite and print the Markdown report; write JSON with ``--json``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--quick",
        action="store_true",
        help="smoke run for CI: few calls, small corpus, no PDF/DOCX",
    )
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--target", type=float, default=0.2, help="seconds per batch")
    ap.add_argument(
        "--corpus", type=int, default=10_000, help="reports in the corpus run (0: skip)"
    )
    ap.add_argument("--workers", default="1,2", help="worker counts for the corpus run")
    ap.add_argument("--only", default="", help="comma-separated groups to run")
    ap.add_argument("--json", type=Path, help="write the raw figures here")
    args = ap.parse_args(argv)
    if args.quick:
        args.rounds, args.target, args.corpus = 1, 0.005, min(args.corpus, 20)
    with_pdf = not args.quick
    print(f"# govdisclosure benchmarks ({'quick' if args.quick else 'full'} run)\n")
    print(f"- machine: {machine()}")
    print(f"- versions: {', '.join(f'{k} {v}' for k, v in versions().items())}")
    print(
        f"- command: `PYTHONPATH=src python bench/run.py {' '.join(argv if argv is not None else sys.argv[1:])}`"
    )
    inp = _cases.build_inputs(with_pdf=with_pdf)
    print(
        f"- inputs: CMS page {len(inp.page_bytes):,} bytes UTF-8 ({len(inp.page):,} characters), the editor's page of the same report {len(inp.editor_page.encode()):,} bytes, report JSON {len(inp.json_bytes):,} bytes"
    )
    cases = _cases.build_cases(inp, with_pdf=with_pdf)
    if args.quick:
        cases = [c for c in cases if c.name != "render_docx"]
    if args.only:
        groups = set(args.only.split(","))
        cases = [c for c in cases if c.group in groups]
    print(f"- rounds: {args.rounds}, batch ≈ {args.target} s per case per round, interleaved\n")
    t0 = time.perf_counter()
    times = measure(cases, args.rounds, args.target)
    print("\n".join(table(cases, times)))
    print(f"\n(measured in {time.perf_counter() - t0:.1f} s)\n")
    print("## Targets (informative: the run never fails on timing)\n")
    print("\n".join(targets(times)))
    print()
    corpus_rows = []
    steps: dict[str, float] | None = None
    extract_rates: dict[str, float] | None = None
    if args.corpus:
        print("## Corpus run (parse_html → check → to_records, generated CMS pages)\n")
        print(
            "| workers | reports | wall | reports/s | per worker (target ≥ 300) | worker ru_maxrss, max | worker VmHWM, max (target < 200 MB) |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for w in (int(x) for x in args.workers.split(",")):
            res = _corpus.run(args.corpus, w, pool=10 if args.quick else 200)
            corpus_rows.append(res)
            print(
                f"| {w} | {res['reports']:,} | {res['wall']:.1f} s | {res['rate']:.0f} | {res['rate'] / w:.0f} | {res['peak_rss_mb']:.0f} MB | {res['vm_hwm_mb']:.0f} MB |"
            )
        steps = _corpus.phases(min(args.corpus, 2000), pool=10 if args.quick else 200)
        print(
            "\n- each step in the pipeline (one worker, mean per report): "
            + ", ".join(f"{k} {v:,.0f} µs" for k, v in steps.items())
        )
        extract_rates = _corpus.extract_rates(10 if args.quick else 500)
        pipeline = 1e6 / sum(steps.values())
        print(
            "- `govdisclosure extract`, one worker (the pipeline plus hashing, finding rows and"
            " writing the outputs and state): "
            + ", ".join(
                f"{fmt.upper()} {rate:,.0f} reports/s ({rate / pipeline:.2f}× the pipeline's"
                f" {pipeline:,.0f}/s)"
                for fmt, rate in extract_rates.items()
            )
        )
        print(f"\n- parent process ru_maxrss: {corpus_rows[-1]['parent_maxrss_mb']:.0f} MB")
        print(f"- load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": machine(),
                    "versions": versions(),
                    "times": times,
                    "corpus": corpus_rows,
                    "pipeline_steps_us": steps,
                    "extract_reports_per_s": extract_rates,
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
