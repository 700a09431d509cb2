"""Compare an organ's reports of consecutive years.

Usage: python examples/compare_years.py [--lang en|zh_CN] REPORT...

Each REPORT is any report file ``gd.parse`` reads (text, web page, PDF, Word, or the
JSON of ``gd.to_json``). The reports are sorted by year and each is checked against the
one before with ``gd.check(report, previous=...)``. Prints the cross-year findings;
exits 1 if any was found.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import govdisclosure as gd

HERE = Path(__file__).parent
DEFAULT = [HERE / "data" / "ziranziyuan-2023.json", HERE / "data" / "ziranziyuan-2024.json"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reports", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--lang", default="en")
    args = ap.parse_args(argv)
    reports = sorted((gd.parse(p) for p in args.reports), key=lambda r: r.year or 0)
    found = 0
    for previous, report in itertools.pairwise(reports):
        cross = [f for f in gd.check(report, previous=previous) if f.code.startswith("series.")]
        print(f"{report.organ.name} {previous.year} → {report.year}: {len(cross)} finding(s)")
        for f in cross:
            print(f"  {f.fingerprint}")
            print(f"    {f.message(args.lang)}")
        found += len(cross)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
