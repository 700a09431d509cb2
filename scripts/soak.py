"""Soak test: parse and check many generated reports in one process; memory must stay flat.

    nice python scripts/soak.py                  # 100,000 reports, text parser
    nice python scripts/soak.py -n 20000 --format html

A pool of reports is drawn from ``govdisclosure.strategies.reports()`` (valid and
possibly invalid ones, both editions); each round takes one, changes a few figures at
random, renders it, parses it back and checks it. The resident set size (RSS) is
printed at the start, every ``--every`` reports and at the end, after a garbage
collection. Exit status 1 if any round raised, or if RSS grew by more than
``--max-growth`` MB between the first report and the last.

Needs the ``fuzz`` extra (psutil) and the ``strategies`` extra (hypothesis).
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
import warnings
from pathlib import Path

import psutil  # type: ignore[import-untyped]
from hypothesis import HealthCheck, given, settings
from hypothesis import seed as hseed

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import govdisclosure as gd
from govdisclosure.strategies import reports


def rss_mb() -> float:
    """Resident set size of this process in MB, after a collection."""
    gc.collect()
    return float(psutil.Process().memory_info().rss) / 2**20


def pool(size: int, seed: int) -> list[gd.Report]:
    """``size`` reports drawn from the library's strategy."""
    out: list[gd.Report] = []

    @hseed(seed)
    @settings(
        max_examples=size, database=None, suppress_health_check=list(HealthCheck), deadline=None
    )
    @given(reports())
    def collect(report: gd.Report) -> None:
        out.append(report)

    collect()
    return out


def vary(report: gd.Report, rng: random.Random) -> gd.Report:
    """``report`` with up to three count cells of section 三 changed at random."""
    table = report.applications
    if table is None:
        return report
    for _ in range(rng.randrange(4)):
        row = rng.choice(table.spec.row_ids)
        column = rng.choice(table.spec.column_ids)
        report = report.with_cell(f"applications.{row}.{column}", rng.randrange(100_000))
    return report


def main(argv: list[str] | None = None) -> int:
    """Run the soak; print RSS figures; return the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("-n", "--count", type=int, default=100_000)
    ap.add_argument("--every", type=int, default=10_000)
    ap.add_argument("--format", choices=("text", "html"), default="text")
    ap.add_argument("--pool", type=int, default=300)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--max-growth", type=float, default=20.0, help="MB allowed")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")

    render, parse = (
        (gd.render_text, gd.parse_text)
        if args.format == "text"
        else (gd.render_html, gd.parse_html)
    )
    rng = random.Random(args.seed)
    start = rss_mb()
    print(f"start: RSS {start:.1f} MB (before drawing the pool)", flush=True)
    reports_pool = pool(args.pool, args.seed)
    print(f"pool of {len(reports_pool)} reports drawn: RSS {rss_mb():.1f} MB", flush=True)
    failures = 0
    findings = 0
    first = None
    t0 = time.perf_counter()
    for i in range(1, args.count + 1):
        report = vary(reports_pool[i % len(reports_pool)], rng)
        try:
            parsed = parse(render(report))
            findings += len(gd.check(parsed))
        except Exception as exc:
            failures += 1
            if failures <= 5:
                print(f"report {i}: {type(exc).__name__}: {exc}", flush=True)
        if i == 1:
            first = rss_mb()
            print(f"after 1 report: RSS {first:.1f} MB", flush=True)
        if i % args.every == 0:
            elapsed = time.perf_counter() - t0
            print(
                f"{i:>7} reports: RSS {rss_mb():.1f} MB, {elapsed:.0f} s "
                f"({1000 * elapsed / i:.1f} ms/report), {failures} failures",
                flush=True,
            )
    end = rss_mb()
    elapsed = time.perf_counter() - t0
    print(
        f"end: {args.count} reports in {elapsed:.0f} s, RSS {end:.1f} MB "
        f"(start {start:.1f}, after the first report {first:.1f}), "
        f"{findings} findings, {failures} failures",
        flush=True,
    )
    growth = end - (first or end)
    return 1 if failures or growth > args.max_growth else 0


if __name__ == "__main__":
    sys.exit(main())
