"""Audit a folder of published reports: every figure and every finding, as CSV.

Usage: python examples/audit_folder.py [DIR] [OUTDIR]

Reads every .html/.htm/.txt/.pdf file under DIR with ``gd.parse`` (and .json files with
``gd.from_json``), then writes OUTDIR/figures.csv (one row per cell, ``gd.to_records``)
and OUTDIR/findings.csv (one row per finding, with its fingerprint and message in both
languages). Prints one summary line per report. A file that cannot be read at all is
reported and skipped; the audit goes on.

The command line does the same for large folders, in parallel:
``govdisclosure extract DIR --to figures.csv``.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

import govdisclosure as gd

SUFFIXES = {".html", ".htm", ".txt", ".pdf", ".json"}
FINDING_FIELDS = (
    "file",
    "organ",
    "year",
    "severity",
    "code",
    "path",
    "source",
    "fingerprint",
    "message_zh",
    "message_en",
)


def read(path: Path) -> gd.Report:
    if path.suffix == ".json":
        return gd.from_json(path.read_text("utf-8"))
    return gd.parse(path)  # type: ignore[attr-defined, no-any-return, unused-ignore]


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("tests/data/real")
    outdir = Path(argv[2]) if len(argv) > 2 else Path(tempfile.mkdtemp(prefix="audit-"))
    outdir.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES)
    # PDF-extracted text beside its PDF would be the same report twice
    files = [p for p in files if not p.name.endswith((".pdfplumber.txt", ".pypdf.txt"))]
    with (
        (outdir / "figures.csv").open("w", encoding="utf-8", newline="") as fig,
        (outdir / "findings.csv").open("w", encoding="utf-8", newline="") as fin,
    ):
        figures = csv.DictWriter(fig, fieldnames=list(gd.Record.__annotations__))
        findings = csv.DictWriter(fin, fieldnames=FINDING_FIELDS)
        figures.writeheader()
        findings.writeheader()
        for path in files:
            try:
                report = read(path)
            except gd.ParseError as exc:
                print(f"{path.name}: not a report ({exc})")
                continue
            figures.writerows(gd.to_records(report))
            found = gd.check(report)
            for f in found:
                findings.writerow(
                    {
                        "file": path.name,
                        "organ": report.organ.name,
                        "year": report.year,
                        "severity": f.severity.value,
                        "code": f.code,
                        "path": f.path,
                        # a check's finding names a cell; the report knows where it was read
                        "source": str(f.source or report.provenance.get(f.path) or ""),
                        "fingerprint": f.fingerprint,
                        "message_zh": f.message("zh_CN"),
                        "message_en": f.message("en"),
                    }
                )
            errors = sum(f.severity == "error" for f in found)
            print(
                f"{path.name}: {report.organ.name} {report.year} — "
                f"{errors} error(s), {len(found) - errors} other finding(s)"
            )
    print(f"written: {outdir / 'figures.csv'}, {outdir / 'findings.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
