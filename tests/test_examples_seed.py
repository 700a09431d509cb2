"""The seed report, built in code as published, shows exactly its real defects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import govdisclosure as gd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples"))
from check_seed import seed_report  # noqa: E402


def test_seed_findings() -> None:
    """（一） total 0 vs 2; （七） 自然人 0 vs 2; balance holds; township published late in February."""
    findings = gd.check(seed_report())
    by_key = {(f.code, f.path): f for f in findings}
    row = by_key["applications.row-total", "applications.granted.total"]
    assert (row.actual, row.expected, row.difference) == (0, 2, -2)
    col = by_key["applications.outcome-total", "applications.total.natural_person"]
    assert (col.actual, col.expected, col.difference) == (0, 2, -2)
    assert not [f for f in findings if f.code == "applications.balance"]
    late = by_key["publication.after-january", "published"]
    assert late.severity is gd.Severity.INFO
    assert "2025年2月7日" in late.message()
    assert "乡镇" in late.message()
    assert {f.code for f in findings if f.severity is gd.Severity.ERROR} == {
        "applications.row-total",
        "applications.outcome-total",
    }


def test_example_script_runs_in_both_languages() -> None:
    """examples/check_seed.py prints the findings in Chinese and in English."""
    script = ROOT / "examples" / "check_seed.py"
    zh = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True
    ).stdout
    en = subprocess.run(
        [sys.executable, str(script), "--lang", "en"], capture_output=True, text=True, check=True
    ).stdout
    assert "（一）予以公开／总计" in zh
    assert "相差-2" in zh
    assert "(1) Disclosed / Total" in en
    assert "difference -2" in en
    assert zh.strip().endswith(" findings, 2 errors")
