"""Every script in examples/ runs as a user would run it, and says something that makes sense."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import govdisclosure as gd

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from gd_pending import available  # type: ignore[import-not-found, unused-ignore]  # noqa: E402 - the docs' switch for unmerged features


def needs(feature: str) -> pytest.MarkDecorator:
    """Skip until ``feature`` (see docs/_ext/gd_pending.py) is merged, unless forced."""
    forced = os.environ.get("GOVDISCLOSURE_DOCS_RUN_PENDING") == "1"
    return pytest.mark.skipif(
        not forced and not available(feature), reason=f"pending feature: {feature}"
    )


def run(script: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``examples/<script>`` from the repository root with ``PYTHONPATH=src``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_build_report_from_the_case_register(tmp_path: Path) -> None:
    """The register's 13 cases become a report whose totals balance and that checks clean."""
    out = tmp_path / "report.json"
    result = run("build_report.py", EXAMPLES / "data" / "cases-2024.csv", out)
    assert result.returncode == 0, result.stderr
    assert "13 cases in the register" in result.stdout
    assert "New applications received this year / Total: 12" in result.stdout
    assert "carried over from last year / Total: 1" in result.stdout
    assert "(7) Total / Total: 11" in result.stdout
    assert "Carried forward to next year / Total: 2" in result.stdout
    assert "findings: 0" in result.stdout
    report = gd.from_json(out.read_text("utf-8"))
    assert gd.check(report) == ()
    new, carried, handled, forward = (
        report.cell(f"applications.{row}.total")
        for row in ("new_received", "carried_over", "total", "carried_forward")
    )
    assert (new, carried, handled, forward) == (12, 1, 11, 2)


def test_compare_years_finds_the_planted_disagreements() -> None:
    """The 2023/2024 pair disagrees on the carry-over and the documents in force; it says so."""
    result = run("compare_years.py")
    assert result.returncode == 1, result.stderr
    assert "2023 → 2024: 4 finding(s)" in result.stdout
    assert "series.carry-over@applications.carried_over.natural_person" in result.stdout
    assert "series.in-force@active.art20_1.normative_documents.in_force" in result.stdout
    assert "make 13 (difference +1)" in result.stdout


def test_compare_years_in_chinese() -> None:
    """--lang zh_CN gives the same findings in Chinese."""
    result = run("compare_years.py", "--lang", "zh_CN")
    assert result.returncode == 1, result.stderr
    assert "上年结转填报为2，而上一年度报告的结转下年度继续办理为3" in result.stdout


def test_audit_folder_of_json_reports(tmp_path: Path) -> None:
    """A folder of JSON reports gives a figures sheet with every cell and a findings sheet."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("ziranziyuan-2023.json", "ziranziyuan-2024.json"):
        shutil.copy(EXAMPLES / "data" / name, folder / name)
    result = run("audit_folder.py", folder, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "某县自然资源局 2023 — 0 error(s)" in result.stdout
    figures = list(csv.DictReader((tmp_path / "out" / "figures.csv").open(encoding="utf-8")))
    assert len(figures) == 2 * 200
    assert {r["year"] for r in figures} == {"2023", "2024"}


@needs("pdf")
def test_audit_folder_of_real_reports(tmp_path: Path) -> None:
    """The real reports are read, and the known defects show up in the findings sheet."""
    result = run("audit_folder.py", ROOT / "tests" / "data" / "real", tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader((tmp_path / "findings.csv").open(encoding="utf-8")))
    found = {(r["file"], r["code"]) for r in rows}
    assert ("xunzhen-2024.txt", "applications.row-total") in found
    assert ("hongze-2023.pdf", "review.group-total") in found
    assert all(r["message_en"] and r["message_zh"] for r in rows)
    group_total = next(
        r for r in rows if r["file"] == "hongze-2023.pdf" and r["code"] == "review.group-total"
    )
    assert group_total["source"].startswith("p.")  # the page the cell was read on


@needs("html")
@needs("docx")
def test_render_report(tmp_path: Path) -> None:
    """A clean report renders as an HTML page, Markdown and a real .docx (a zip)."""
    result = run("render_report.py", EXAMPLES / "data" / "ziranziyuan-2024.json", tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "ziranziyuan-2024.html").read_text("utf-8")
    assert "某县自然资源局" in html
    assert "三、收到和处理政府信息公开申请情况" in html
    assert "收到和处理政府信息公开申请情况" in (tmp_path / "ziranziyuan-2024.md").read_text("utf-8")
    assert zipfile.is_zipfile(tmp_path / "ziranziyuan-2024.docx")


def test_every_example_is_tested() -> None:
    """Each script in examples/ is run by a test (check_seed.py by test_examples_seed.py)."""
    source = Path(__file__).read_text("utf-8")
    source += (Path(__file__).parent / "test_examples_seed.py").read_text("utf-8")
    for script in sorted(EXAMPLES.glob("*.py")):
        assert f'"{script.name}"' in source, f"{script.name} has no test"
