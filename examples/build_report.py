"""Build an annual report from a case register, check it, and save it as JSON.

Usage: python examples/build_report.py [CASES.csv] [OUT.json]

The register has one row per application: when it was received, the applicant type and
the outcome (empty while still being handled), keyed by the canonical identifiers of
section 三 (see docs/glossary). Applications received last year and decided this year
count as 上年结转; those still open at the end of the year as 结转下年度继续办理.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import govdisclosure as gd

YEAR = 2024
HERE = Path(__file__).parent


def tally(rows: list[dict[str, str]]) -> dict[str, dict[str, int]]:
    """Count applications per (row, applicant column) of section 三."""
    counts: Counter[tuple[str, str]] = Counter()
    for case in rows:
        applicant = case["applicant"]
        received_this_year = case["received"].startswith(str(YEAR))
        counts["new_received" if received_this_year else "carried_over", applicant] += 1
        if case["outcome"]:
            counts[case["outcome"], applicant] += 1
        else:
            counts["carried_forward", applicant] += 1
    table: dict[str, dict[str, int]] = {}
    for (row, column), n in counts.items():
        table.setdefault(row, {})[column] = n
    return table


def main(argv: list[str]) -> int:
    cases = Path(argv[1]) if len(argv) > 1 else HERE / "data" / "cases-2024.csv"
    out = Path(argv[2]) if len(argv) > 2 else None
    with cases.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    report = gd.build_report(
        organ="某县市场监督管理局",
        year=YEAR,
        published=f"{YEAR + 1}-01-20",
        overview="我局认真做好主动公开和依申请公开工作，加强政府信息管理，完善网站公开专栏，强化监督保障。",
        problems="（一）存在的问题：政策解读还不够深入。\n（二）改进措施：下一步将加强解读。",
        other="本年度未收取信息处理费。",
        applications=tally(rows),
        active={"art20_6": {"penalty": {"decisions": 57}}},
    )
    apps = report.applications
    assert apps is not None
    print(f"{report.organ.name} {report.year}: {len(rows)} cases in the register")
    for row in ("new_received", "carried_over", "total", "carried_forward"):
        print(f"  {gd.describe_path(f'applications.{row}.total', 'en')}: {apps[row, 'total']}")
    findings = gd.check(report)
    print(f"findings: {len(findings)}")
    for f in findings:
        print(f"  {f.severity}: {f.message('en')}")
    if out is not None:
        out.write_text(gd.to_json(report, indent=2), encoding="utf-8")
        print(f"written: {out}")
    return 1 if any(f.severity == "error" for f in findings) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
