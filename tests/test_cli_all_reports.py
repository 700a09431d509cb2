"""``govdisclosure check --all-reports``: every report of a compilation checked, each
under its organ and year. (Before, the option did not exist: a file's reports after
the first were only named in a ``parse.further-report`` finding.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govdisclosure as gd
from govdisclosure.cli import main

A = gd.build_report(
    organ="某县甲局",
    year=2024,
    other="无。",
    applications={"new_received": {"natural_person": 2}, "granted": {"natural_person": 1}},
)
B = gd.build_report(organ="某县乙局", year=2023, other="无。")


@pytest.fixture
def compilation(tmp_path: Path) -> Path:
    path = tmp_path / "汇编.txt"
    path.write_text(gd.render_text(A) + "\n" + gd.render_text(B), encoding="utf-8")
    return path


def test_each_report_checked_under_its_organ(
    compilation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["check", str(compilation), "--all-reports", "--lang", "en"])
    out = capsys.readouterr().out
    assert status == 1  # report 1's section 三 does not balance
    assert f"{compilation}, report 1 of 2: 某县甲局, 2024; findings:" in out
    assert f"{compilation}, report 2 of 2: 某县乙局, 2023; findings:" in out
    assert "parse.further-report" not in out
    assert "Files checked: 1;" in out
    second = out[out.index("report 2 of 2") :]
    assert "applications.balance" not in second  # (report 1's error, not report 2's)


def test_in_chinese(compilation: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(compilation), "--all-reports", "--lang", "zh_CN"])
    out = capsys.readouterr().out
    assert "第 2 份（共 2 份）：某县乙局，2023年度" in out


def test_json_numbers_each_report(compilation: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(compilation), "--all-reports", "--format", "json"])
    files = json.loads(capsys.readouterr().out)["files"]
    assert [(f["report"], f["reports"], f["organ"], f["year"]) for f in files] == [
        (1, 2, "某县甲局", 2024),
        (2, 2, "某县乙局", 2023),
    ]


def test_without_the_option_the_first_report_and_a_finding(
    compilation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(compilation), "--format", "json"])
    (only,) = json.loads(capsys.readouterr().out)["files"]
    assert "report" not in only
    assert only["organ"] == "某县甲局"
    assert "parse.further-report" in [f["code"] for f in only["findings"]]


def test_two_years_of_one_organ_checked_as_a_series(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two years of one organ joined in one file: --series compares them."""
    earlier = gd.build_report(
        organ="某县甲局",
        year=2023,
        other="无。",
        applications={"carried_forward": {"natural_person": 3, "total": 3}},
    )
    later = gd.build_report(organ="某县甲局", year=2024, other="无。")
    path = tmp_path / "two-years.txt"
    path.write_text(gd.render_text(earlier) + "\n" + gd.render_text(later), encoding="utf-8")
    main(["check", str(path), "--all-reports", "--series", "--format", "json"])
    files = json.loads(capsys.readouterr().out)["files"]
    codes = [f["code"] for f in files[1]["findings"]]
    assert any(c.startswith("series.") for c in codes), codes
