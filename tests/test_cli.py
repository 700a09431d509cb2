"""The ``govdisclosure`` command: exit statuses, languages, formats."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.checks import in_reading_order
from govdisclosure.cli import main
from govdisclosure.corpus.extract import ExtractSummary
from govdisclosure.formats.docx import read_docx_grids
from govdisclosure.model import Table
from govdisclosure.strategies import Defect, defective_reports, valid_reports

ROOT = Path(__file__).parent.parent
SEED = ROOT / "tests" / "data" / "real" / "xunzhen-2024.txt"


@pytest.fixture(autouse=True)
def chinese_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("GOVDISCLOSURE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)


def seed_like() -> gd.Report:
    """The seed's figures as published: 2 granted to a natural person, every total 0."""
    apps = Table.from_mapping("applications", "2021", {"granted": {"natural_person": 2}}, missing=0)
    return gd.build_report(
        organ="河曲县巡镇镇人民政府",
        year=2024,
        published="2025-02-07",
        overview="在 2024 年，我镇紧密遵循上级党委与政府的指示精神。",
        applications=apps,
        problems="（一）存在的问题\n各村的信息公开工作尚待加强。",
        other="我镇无其他需要报告的事项。",
    )


@pytest.fixture
def seed_json(tmp_path: Path) -> Path:
    path = tmp_path / "xunzhen-2024.json"
    path.write_text(gd.to_json(seed_like()), encoding="utf-8")
    return path


@pytest.fixture
def valid_json(tmp_path: Path) -> Path:
    r = gd.build_report(
        organ="某县财政局",
        year=2024,
        published="2025-01-20",
        overview="概述。",
        problems="问题。",
        other="未收取信息处理费。",
    )
    path = tmp_path / "valid.json"
    path.write_text(gd.to_json(r), encoding="utf-8")
    return path


def test_check_prints_findings_in_chinese_by_default(
    seed_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(seed_json)]) == 1
    out = capsys.readouterr().out
    assert "applications.row-total" in out
    assert "错误" in out
    assert "严重程度" in out
    assert "总计栏填报为0，而六类申请人之和为2" in out
    assert "error" not in out


def test_check_in_english(seed_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--lang", "en", str(seed_json)]) == 1
    out = capsys.readouterr().out
    assert "the total column states 0, but the six applicant columns add up to 2" in out
    assert "severity" in out
    assert "错误" not in out


def test_language_from_the_environment(
    seed_json: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVDISCLOSURE_LANG", "en")
    assert main(["check", str(seed_json)]) == 1
    assert "the total column states" in capsys.readouterr().out
    assert main(["check", "--lang=zh_CN", str(seed_json)]) == 1
    assert "总计栏" in capsys.readouterr().out


def test_check_the_published_seed(capsys: pytest.CaptureFixture[str]) -> None:
    if not hasattr(gd, "parse_text") and not hasattr(gd, "parse"):
        pytest.skip("the text reader is not on this branch yet")
    assert main(["check", str(SEED)]) == 1
    zh = capsys.readouterr().out
    assert "applications.row-total" in zh
    assert "错误" in zh
    assert main(["check", "--lang", "en", str(SEED)]) == 1
    en = capsys.readouterr().out
    assert "applications.row-total" in en
    assert "error" in en


def test_check_json(seed_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", "--lang", "en", str(seed_json)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == 1
    (entry,) = data["files"]
    assert entry["organ"] == "河曲县巡镇镇人民政府"
    assert entry["error"] is None
    found = {f["code"]: f for f in entry["findings"]}
    row = found["applications.row-total"]
    assert row["severity"] == "error"
    assert row["path"] == "applications.granted.total"
    assert (row["expected"], row["actual"]) == (2, 0)
    assert row["fingerprint"] == "applications.row-total@applications.granted.total"
    assert row["message"].startswith("III. (1) Disclosed / Total")


def test_fail_on_threshold(valid_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    codes = {f.code: f.severity for f in gd.check(gd.from_json(valid_json.read_text()))}
    assert "error" not in codes.values()
    assert main(["check", str(valid_json)]) == 0
    assert main(["check", "--fail-on", "info", str(valid_json)]) == (1 if codes else 0)
    capsys.readouterr()


def test_fail_on_warning(seed_json: Path, tmp_path: Path) -> None:
    r = gd.from_json(seed_json.read_text()).with_cell("applications.granted.natural_person", 0)
    path = tmp_path / "warned.json"
    path.write_text(gd.to_json(r), encoding="utf-8")
    severities = {f.severity for f in gd.check(r)}
    assert severities == {gd.Severity.WARNING, gd.Severity.INFO}
    assert main(["check", str(path)]) == 0
    assert main(["check", "--fail-on", "warning", str(path)]) == 1


def test_missing_file_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "no-such-report.txt"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == ["govdisclosure: no-such-report.txt：文件不存在"]


def test_unreadable_file_exits_2_and_others_are_still_checked(
    tmp_path: Path, seed_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"organ": 1}', encoding="utf-8")
    assert main(["check", "--lang", "en", str(bad), str(seed_json)]) == 2
    captured = capsys.readouterr()
    assert "no report could be read" in captured.err
    assert "Traceback" not in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert "applications.row-total" in captured.out


def test_previous_adds_cross_year_checks(
    tmp_path: Path, seed_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last = gd.build_report(
        organ="河曲县巡镇镇人民政府",
        year=2023,
        applications={
            "new_received": {"natural_person": 3},
            "granted": {"natural_person": 2},
            "carried_forward": {"natural_person": 1},
        },
    )
    prev = tmp_path / "2023.json"
    prev.write_text(gd.to_json(last), encoding="utf-8")
    assert main(["check", "--previous", str(prev), str(seed_json)]) == 1
    assert "series.carry-over" in capsys.readouterr().out
    assert main(["check", "--previous", str(tmp_path / "none.json"), str(seed_json)]) == 2


def test_previous_of_another_year_is_only_reported(capsys: pytest.CaptureFixture[str]) -> None:
    """``--previous`` with a report that is not for the year before gets one note and no
    comparison (2024's report given as 2023's previous used to be compared table by table
    and section by section)."""
    data = ROOT / "examples" / "data"
    args = ["--previous", str(data / "ziranziyuan-2024.json"), str(data / "ziranziyuan-2023.json")]
    main(["check", "--format", "json", *args])
    [entry] = json.loads(capsys.readouterr().out)["files"]
    found = [f["code"] for f in entry["findings"] if f["code"].startswith("series.")]
    assert found == ["series.not-consecutive"]


def test_usage_errors_are_translated(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert "缺少以下必需参数" in capsys.readouterr().err
    assert main(["check", "--lang", "en"]) == 2
    assert "the following arguments are required" in capsys.readouterr().err
    assert main(["convert", "x.txt", "--to", "pdf"]) == 2
    assert "无效的选项" in capsys.readouterr().err


def test_help_in_chinese_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    zh = capsys.readouterr().out
    assert "用法：" in zh
    assert "检查报告并列出发现" in zh
    assert main(["--lang", "en", "extract", "--help"]) == 0
    en = capsys.readouterr().out
    assert "usage:" in en
    assert "number of worker processes" in en


def test_convert_to_json_round_trips(
    seed_json: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(seed_json), "--to", "json"]) == 0
    assert gd.from_json(capsys.readouterr().out) == seed_like()
    out = tmp_path / "out.json"
    assert main(["convert", str(seed_json), "--to", "json", "-o", str(out)]) == 0
    assert gd.from_json(out.read_text(encoding="utf-8")) == seed_like()


@pytest.mark.parametrize(
    ("fmt", "func"),
    [("text", "render_text"), ("html", "render_html"), ("markdown", "render_markdown")],
)
def test_convert_to_published_formats(
    fmt: str, func: str, seed_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --lang the layout is the official Chinese one; with --lang en, HTML and
    Markdown have English headings and labels (the text layout is Chinese only)."""
    render = getattr(gd, func)
    assert main(["convert", str(seed_json), "--to", fmt]) == 0
    assert capsys.readouterr().out == render(seed_like())
    assert main(["convert", str(seed_json), "--to", fmt, "--lang", "en"]) == 0
    english = render(seed_like()) if fmt == "text" else render(seed_like(), locale="en")
    assert capsys.readouterr().out == english
    if fmt != "text":
        assert english != render(seed_like())


def test_convert_docx_in_english(seed_json: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    assert main(["convert", str(seed_json), "--to", "docx", "--lang", "en", "-o", str(out)]) == 0
    text = "\n".join(i for i in read_docx_grids(out) if isinstance(i, str))
    assert "I. Overview" in text
    assert "一、总体情况" not in text


@pytest.mark.parametrize("command", ["check", "convert"])
def test_a_dash_reads_standard_input(
    command: str,
    seed_json: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_json.read_bytes())))
    args = (
        ["check", "-", "--format", "json"]
        if command == "check"
        else ["convert", "-", "--to", "json"]
    )
    status = main(args)
    out = capsys.readouterr().out
    if command == "check":
        assert status == 1  # the seed has errors
        assert json.loads(out)["files"][0]["organ"] == seed_like().organ.name
    else:
        assert status == 0
        assert gd.from_json(out) == seed_like()


def test_convert_docx_refuses_a_terminal(
    seed_json: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(gd, "render_docx"):
        pytest.skip("render_docx is not on this branch yet")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["convert", str(seed_json), "--to", "docx"]) == 2
    assert "-o" in capsys.readouterr().err


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == gd.json_schema()


def test_extract_command(
    tmp_path: Path, seed_json: Path, valid_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.txt").write_text("这不是报告", encoding="utf-8")
    out = tmp_path / "out" / "cells.csv"
    assert main(["extract", str(tmp_path), "--to", str(out)]) == 0
    err = capsys.readouterr().err
    assert "共 3 个文件" in err
    assert "无法读取 1 个" in err
    assert "input.unreadable" in err
    assert "applications.row-total" in err
    assert main(["extract", str(tmp_path), "--to", str(out), "--lang", "en"]) == 0
    assert "Files: 3; already done: 3; read: 0" in capsys.readouterr().err
    assert main(["extract", str(tmp_path), "--to", str(tmp_path / "x.xlsx")]) == 2
    assert main(["extract", str(tmp_path / "nothing"), "--to", str(out)]) == 2
    assert main(["extract", str(tmp_path), "--to", str(out), "--workers", "0"]) == 2


def test_python_dash_m(seed_json: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "GOVDISCLOSURE_LANG": "en"}
    proc = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "check", str(seed_json)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 1
    assert "applications.row-total" in proc.stdout
    assert proc.stderr == ""


def test_locations_are_translated() -> None:
    from govdisclosure.cli import _Lang, _location  # noqa: PLC0415

    saved = _Lang.current
    try:
        _Lang.current = "zh_CN"
        assert _location(gd.Source(line=18, column=3)) == "第18行:3"
        assert (
            _location(gd.Source(table=1, row=2, cell=3, line=40))
            == "第2个表格，表内第3行，第4格，第40行"
        )
        assert _location(None) == "-"
        _Lang.current = "en"
        assert _location(gd.Source(page=2)) == "page 2"
    finally:
        _Lang.current = saved


def test_series_checks_each_report_against_the_year_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def report(year: int, carried: int, forward: int) -> gd.Report:
        return gd.build_report(
            organ="某县财政局",
            year=year,
            applications={
                "new_received": {"natural_person": 5},
                "carried_over": {"natural_person": carried},
                "granted": {"natural_person": 5 + carried - forward},
                "carried_forward": {"natural_person": forward},
            },
            problems="人员不足。",
        )

    files = []
    for r in (report(2023, 0, 2), report(2024, 2, 1), report(2025, 3, 0)):  # 2025 is off by 2
        path = tmp_path / f"{r.year}.json"
        path.write_text(gd.to_json(r), encoding="utf-8")
        files.append(str(path))
    assert main(["check", "--series", "--format", "json", *reversed(files)]) == 0
    data = json.loads(capsys.readouterr().out)
    carry = {
        Path(entry["file"]).stem: [
            f["path"] for f in entry["findings"] if f["code"] == "series.carry-over"
        ]
        for entry in data["files"]
    }
    assert carry["2023"] == carry["2024"] == []
    assert "applications.carried_over.natural_person" in carry["2025"]
    assert main(["check", "--series", "--previous", files[0], files[1]]) == 2
    assert "不能与参数" in capsys.readouterr().err


def test_series_compares_a_duplicate_year_with_the_year_before_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two files of one organ and year (a PDF and its text): the second is noted as a
    duplicate and compared with the year before, never with its twin."""
    real = ROOT / "tests" / "data" / "real"
    names = [
        "hongze-2023.pdf",
        "hongze-2024.pdf",
        "hongze-2024.pdfplumber.txt",
        "hongze-2023.pypdf.txt",
    ]
    main(["check", "--series", "--format", "json", *(str(real / n) for n in names)])
    found = {
        Path(entry["file"]).name: [f["code"] for f in entry["findings"]]
        for entry in json.loads(capsys.readouterr().out)["files"]
    }
    cross_year = {n: [c for c in codes if c.startswith("series.")] for n, codes in found.items()}
    assert cross_year == {
        "hongze-2023.pdf": [],
        "hongze-2024.pdf": ["series.problems-not-followed-up"],
        # in reading order: the duplicate (the whole report) before section 五
        "hongze-2024.pdfplumber.txt": ["series.duplicate-year", "series.problems-not-followed-up"],
        "hongze-2023.pypdf.txt": ["series.duplicate-year"],
    }
    alone = [f.code for f in gd.check(gd.parse(real / "hongze-2023.pypdf.txt"))]
    assert sorted(found["hongze-2023.pypdf.txt"]) == sorted([*alone, "series.duplicate-year"])


def _check_json(report: gd.Report, *extra: str) -> tuple[int, dict[str, object]]:
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.json"
        path.write_text(gd.to_json(report), encoding="utf-8")
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            status = main(["check", "--format", "json", *extra, str(path)])
    return status, json.loads(buf.getvalue())


@given(defective_reports())
def test_check_reports_the_planted_defect_and_fails_on_its_severity(defect: Defect) -> None:
    status, data = _check_json(defect.report, "--fail-on", "warning")
    (entry,) = data["files"]  # type: ignore[misc]
    found = {(f["code"], f["path"]) for f in entry["findings"]}
    assert (defect.code, defect.path) in found
    severities = {f.severity for f in gd.check(defect.report)}
    assert status == (1 if severities & {gd.Severity.ERROR, gd.Severity.WARNING} else 0)


@given(valid_reports())
def test_valid_reports_exit_0(report: gd.Report) -> None:
    status, data = _check_json(report)
    assert status == 0
    assert data["status"] == 0


def test_extract_reads_a_file_named_twice_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "dup.csv"
    page = "tests/data/html/cms-gbk-2023.html"
    args = ["extract", "--quiet", "--lang", "en", "tests/data/html", page, "./" + page]
    assert main([*args, "--to", str(out)]) == 0
    pages = sorted(p.name for p in (ROOT / "tests" / "data" / "html").glob("*.html"))
    assert f"Files: {len(pages)}; already done: 0; read: {len(pages)}" in capsys.readouterr().err
    with out.open(encoding="utf-8", newline="") as fh:
        files = [row["file"] for row in csv.DictReader(fh)]
    assert list(dict.fromkeys(files)) == [f"tests/data/html/{name}" for name in pages]
    assert files.count(page) == len(gd.to_records(gd.parse((ROOT / page).read_bytes())))


def test_unreadable_files_are_counted_and_carry_their_finding(
    tmp_path: Path, seed_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The summary counts an unreadable file, and its JSON entry carries the
    ``input.unreadable`` finding that ``extract`` writes for it."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = str(tmp_path / "nosuch.txt")
    files = [missing, str(seed_json), str(empty)]
    seed_errors = sum(f.severity == gd.Severity.ERROR for f in gd.check(seed_like()))
    assert main(["check", "--lang", "en", *files]) == 2
    captured = capsys.readouterr()
    assert len(captured.err.strip().splitlines()) == 2
    summary = captured.out.strip().splitlines()[-1]
    assert summary.startswith(f"Files checked: 3, unreadable: 2; errors: {seed_errors + 2}, ")
    assert captured.out.count("input.unreadable") == 2
    assert main(["check", *files]) == 2
    assert "共检查 3 个文件，其中 2 个无法读取：错误" in capsys.readouterr().out
    assert main(["check", "--format", "json", *files]) == 2
    entries = json.loads(capsys.readouterr().out)["files"]
    for entry, path in ((entries[0], missing), (entries[2], str(empty))):
        assert (entry["file"], entry["organ"], entry["year"]) == (path, None, None)
        assert entry["error"]
        (f,) = entry["findings"]
        assert (f["code"], f["severity"]) == ("input.unreadable", "error")
    (row,) = gd.extract_file(str(empty), b"").findings
    assert entries[2]["findings"][0]["message"] == row["message"]
    assert entries[2]["findings"][0]["fingerprint"] == row["fingerprint"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("inputs")
    made = {
        "seed": gd.to_json(seed_like()),
        "valid": gd.to_json(gd.build_report(organ="某县财政局", year=2024)),
        "empty": "",
        "junk": "这不是报告",
    }
    for name, text in made.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / "folder").mkdir()
    paths = {name: str(root / f"{name}.txt") for name in made}
    return {**paths, "missing": str(root / "missing.txt"), "folder": str(root / "folder")}


def _run(*args: str) -> tuple[int, str, str]:
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


@given(
    st.lists(
        st.sampled_from(["seed", "valid", "empty", "junk", "missing", "folder"]),
        min_size=1,
        max_size=5,
    )
)
def test_the_summary_counts_every_file_given(inputs: dict[str, str], names: list[str]) -> None:
    """For any mix of readable and unreadable files, the summary line counts what the JSON
    lists: every file, the unreadable ones, and the findings by severity, one
    ``input.unreadable`` error for each unreadable file; the status is 2 when one is."""
    files = [inputs[n] for n in names]
    status, out, _ = _run("check", "--lang", "en", *files)
    json_status, text, _ = _run("check", "--format", "json", *files)
    entries = json.loads(text)["files"]
    assert [e["file"] for e in entries] == files
    bad = [e for e in entries if e["error"]]
    assert all([f["code"] for f in e["findings"]] == ["input.unreadable"] for e in bad)
    assert len(bad) == sum(n in {"empty", "junk", "missing", "folder"} for n in names)
    by = {
        s: sum(f["severity"] == s for e in entries for f in e["findings"])
        for s in ("error", "warning", "info")
    }
    counts = f"errors: {by['error']}, warnings: {by['warning']}, info: {by['info']}."
    head = f"Files checked: {len(files)}" + (f", unreadable: {len(bad)}" if bad else "")
    assert out.strip().splitlines()[-1] == f"{head}; {counts}"
    assert status == json_status == (2 if bad else 1 if by["error"] else 0)


def test_an_unknown_language_is_refused(
    valid_json: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--lang fr`` used to print Chinese and exit 0; it is a usage error now, told in
    the language of the environment."""
    assert main(["check", "--lang", "fr", str(valid_json)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "未知的语言 'fr'：请使用 zh_CN 或 en" in captured.err
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert main(["--lang=de_DE", "check", str(valid_json)]) == 2
    assert "argument --lang: unknown language 'de_DE': use zh_CN or en" in capsys.readouterr().err
    for known in ("zh", "zh-CN", "zh_Hans_CN", "en", "en_GB", "en-US", "en_US.UTF-8"):
        assert main(["check", "--lang", known, str(valid_json)]) == 0, known


def test_the_lang_help_tells_the_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default follows the environment, and the help says so (it said zh_CN)."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert main(["check", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "zh_CN (default)" not in help_text
    assert "(default: en if GOVDISCLOSURE_LANG or the locale is English, else zh_CN)" in help_text
    assert main(["--lang", "zh_CN", "--help"]) == 0
    assert "默认：GOVDISCLOSURE_LANG 或系统区域设置为英语时为" in capsys.readouterr().out


_locale_names = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(["zh", "en", "ZH", "En"]),
        st.sampled_from(["", "_CN", "-CN", "_Hans_CN", "-Hans", "_US", "_GB", "-gb"]),
        st.sampled_from(["", ".UTF-8", ".utf8", ".GB18030", "@euro"]),
    ),
)
_other_languages = st.from_regex(r"[a-z]{2,3}", fullmatch=True).filter(
    lambda code: code not in {"zh", "en"}
)


@given(
    st.one_of(
        _locale_names.map(lambda name: (name, True)),
        st.tuples(_other_languages, st.sampled_from(["", "_CN", "-US", ".UTF-8"])).map(
            lambda parts: ("".join(parts), False)
        ),
    )
)
@example(("eng", False))
@example(("zho_CN", False))
@example(("", False))
def test_lang_is_honoured_or_refused(inputs: dict[str, str], value_known: tuple[str, bool]) -> None:
    """Any spelling of a Chinese or English locale gives messages in that language; any
    other language (``eng``, ``zho`` and ``fr_CN`` too) is refused with status 2 and one
    usage error, never silently Chinese."""
    value, known = value_known
    status, out, err = _run("check", f"--lang={value}", inputs["valid"])
    if known:
        assert status in (0, 1), err
        summary = out.strip().splitlines()[-1]
        expected = "Files checked" if value[:2].lower() == "en" else "共检查"
        assert summary.startswith(expected)
    else:
        assert status == 2
        assert out == ""
        assert f"--lang：未知的语言 {value!r}" in err


def test_check_help_names_word_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("docx")
    assert main(["check", "--lang", "en", "--help"]) == 0
    assert "report files (text, HTML, PDF, Word, JSON;" in " ".join(capsys.readouterr().out.split())
    assert main(["check", "--help"]) == 0
    assert "报告文件（文本、HTML、PDF、Word、JSON；" in "".join(capsys.readouterr().out.split())
    path = tmp_path / "seed.docx"
    path.write_bytes(gd.render_docx(seed_like()))
    assert main(["check", str(path)]) == 1
    assert "applications.row-total" in capsys.readouterr().out


def test_check_reads_the_markdown_convert_writes(
    seed_json: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "seed.md"
    assert main(["convert", str(seed_json), "--to", "markdown", "-o", str(out)]) == 0
    assert main(["check", str(seed_json), "--format", "json"]) == 1
    direct = json.loads(capsys.readouterr().out)["files"][0]
    assert main(["check", str(out), "--format", "json"]) == 1
    back = json.loads(capsys.readouterr().out)["files"][0]
    assert [f["code"] for f in back["findings"]] == [f["code"] for f in direct["findings"]]
    assert (back["organ"], back["year"]) == (direct["organ"], direct["year"])


def test_reader_errors_are_told_in_the_language_of_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["check", str(empty), "--lang", "zh_CN"]) == 2
    assert "输入为空" in capsys.readouterr().err
    assert main(["check", str(empty), "--lang", "en"]) == 2
    assert "the input is empty" in capsys.readouterr().err


def test_a_note_that_speaks_of_reports_is_no_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A README or a note whose words look like a title but that has no year, no
    section and no table is refused, not read as a report missing everything."""
    note = tmp_path / "README.md"
    note.write_text(
        "# 说明\n\n**政府信息公开工作年度报告 的整理说明**\n\n本目录存放各单位报告。\n\n## 用法\n\n见下。\n",
        encoding="utf-8",
    )
    assert main(["check", str(note), "--format", "json"]) == 2
    entry = json.loads(capsys.readouterr().out)["files"][0]
    assert [f["code"] for f in entry["findings"]] == ["input.unreadable"]
    with pytest.raises(gd.ParseError):
        gd.parse_text("政府信息公开工作年度报告的整理说明\n本目录存放各单位报告。\n")


def test_extract_bom_for_excel(tmp_path: Path, seed_json: Path) -> None:
    out = tmp_path / "cells.csv"
    assert main(["extract", str(seed_json), "--to", str(out), "--bom", "--quiet"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbffile,")
    assert main(["extract", str(seed_json), "--to", str(tmp_path / "x.csv"), "--quiet"]) == 0
    assert (tmp_path / "x.csv").read_bytes().startswith(b"file,")


def test_convert_makes_the_output_folder_as_extract_does(tmp_path: Path, seed_json: Path) -> None:
    out = tmp_path / "new" / "folder" / "seed.html"
    assert main(["convert", str(seed_json), "--to", "html", "-o", str(out)]) == 0
    assert gd.parse_html(out) == seed_like()


def test_findings_are_listed_in_reading_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The table, the JSON and extract's findings file list the findings as the report
    reads (:func:`~govdisclosure.checks.in_reading_order`), not in the checks' order."""
    report = gd.parse(SEED)
    found = gd.check(report)
    expected = [f.fingerprint for f in in_reading_order(found, report.edition)]
    assert expected != [f.fingerprint for f in found]  # the seed's checks find them otherwise
    assert main(["check", "--format", "json", str(SEED)]) == 1
    (entry,) = json.loads(capsys.readouterr().out)["files"]
    assert [f["fingerprint"] for f in entry["findings"]] == expected
    assert main(["check", "--lang", "en", str(SEED)]) == 1
    lines = capsys.readouterr().out.splitlines()[2:-2]  # after the title and header
    listed = [next(word for word in line.split() if word in gd.CODES) for line in lines]
    assert listed == [fingerprint.split("@")[0] for fingerprint in expected]
    out = tmp_path / "cells.csv"
    assert main(["extract", str(SEED), "--to", str(out), "--quiet"]) == 0
    with (tmp_path / "cells.findings.csv").open(encoding="utf-8") as fh:
        assert [row["fingerprint"] for row in csv.DictReader(fh)] == expected


def test_an_unreadable_file_is_told_in_the_language_asked_with_its_reason_as_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``input.unreadable`` keeps why as data (the class of the error, the reason as a
    message of the catalogs, the English error for debugging) and says it in the
    language of ``--lang``: no English in the Chinese message."""
    note = tmp_path / "note.txt"
    note.write_text("这不是报告", encoding="utf-8")
    missing = tmp_path / "nosuch.txt"
    messages = {}
    for lang in ("zh_CN", "en"):
        assert main(["check", "--format", "json", "--lang", lang, str(note), str(missing)]) == 2
        entries = json.loads(capsys.readouterr().out)["files"]
        found = [entry["findings"][0] for entry in entries]
        messages[lang] = [f["message"] for f in found]
        params = [dict(f["params"]) for f in found]
        assert [p["exception"] for p in params] == ["ParseError", "FileNotFoundError"]
        assert params[0]["reason"] == "no report found: no title, no section heading and no table"
        assert params[1]["reason"] == "there is no such file"
        assert params[0]["error"].startswith("ParseError: no report found")
    assert messages["zh_CN"][1] == "无法将该文件读取为报告：文件不存在。"
    assert all(re.search("[A-Za-z]", m) is None for m in messages["zh_CN"]), messages
    assert messages["en"][1] == "The file could not be read as a report: there is no such file."


def test_extract_summary_says_why_a_file_is_unreadable_in_the_language_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The summary's list of unreadable files gives the reason in ``--lang``: no English
    in Chinese; in English the error as raised follows in brackets when it says more."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "note.txt").write_text("这不是报告", encoding="utf-8")
    lines = {}
    for lang in ("zh_CN", "en"):
        out = tmp_path / lang / "cells.csv"
        assert main(["extract", "--quiet", "--lang", lang, str(tmp_path), "--to", str(out)]) == 0
        err = capsys.readouterr().err
        lines[lang] = [x.strip() for x in err.splitlines() if x.startswith(("  无法", "  unre"))]
    empty, note = tmp_path / "empty.txt", tmp_path / "note.txt"
    assert lines["zh_CN"] == [
        f"无法读取：{empty}：输入为空",
        f"无法读取：{note}：未找到报告：没有标题、没有章节标题，也没有表格",
    ]
    assert lines["en"] == [
        f"unreadable: {empty}: the input is empty",
        f"unreadable: {note}: no report found: no title, no section heading and no table",
    ]


def test_extract_summary_gives_the_error_as_raised_in_english_when_it_says_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that vanished between listing and reading: Chinese says why, English says
    why and then the error as raised, which says more."""
    from govdisclosure import cli  # noqa: PLC0415 - to stand in for the run

    gone = str(tmp_path / "gone.txt")
    summary = ExtractSummary(
        files=1,
        skipped=0,
        processed=1,
        reports=0,
        failures=((gone, "FileNotFoundError: No such file or directory"),),
        findings=Counter({"input.unreadable": 1}),
        records=0,
        seconds=0.0,
        outputs=(tmp_path / "a.csv", tmp_path / "a.findings.csv", tmp_path / "a.csv.state"),
        reasons=("there is no such file",),
    )
    monkeypatch.setattr(cli, "extract", lambda *_a, **_k: summary)
    lines = {}
    for lang in ("zh_CN", "en"):
        assert (
            main(["extract", "--lang", lang, str(tmp_path), "--to", str(tmp_path / "a.csv")]) == 0
        )
        err = capsys.readouterr().err
        lines[lang] = [x.strip() for x in err.splitlines() if x.startswith(("  无法", "  unre"))]
    assert lines["zh_CN"] == [f"无法读取：{gone}：文件不存在"]
    assert lines["en"] == [
        f"unreadable: {gone}: there is no such file [FileNotFoundError: No such file or directory]"
    ]


# ------------------------------------------------------------------------- messy folders
def test_check_reads_the_report_files_of_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``check`` takes folders as ``extract`` does, with files and ``-``; a folder without
    a report file is an input it cannot read (status 2), and so is a dangling link."""
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "empty").mkdir()
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "in" / "sub" / "b.txt").write_text(text, encoding="utf-8")
    (tmp_path / "in" / "notes.md").write_text("# notes", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["check", str(tmp_path / "in"), "-", str(SEED), "--format", "json"]) == 1
    files = [f["file"] for f in json.loads(capsys.readouterr().out)["files"]]
    assert files == [str(tmp_path / "in" / "sub" / "b.txt"), "-", str(SEED)]
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    args = ["check", str(tmp_path / "empty"), str(tmp_path / "gone.txt"), str(SEED), "--lang", "en"]
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert f"{tmp_path / 'empty'}: no report file in this folder" in err
    assert f"{tmp_path / 'gone.txt'}: a symbolic link to a file that does not exist" in err
    assert "Files checked: 3, unreadable: 2" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("command", ["check", "extract"])
def test_a_named_pipe_nobody_writes_to_does_not_block(tmp_path: Path, command: str) -> None:
    os.mkfifo(tmp_path / "x.txt")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "GOVDISCLOSURE_LANG": "en"}
    args = ["--to", str(tmp_path / "o.csv"), "--quiet"] if command == "extract" else []
    proc = subprocess.run(
        [sys.executable, "-m", "govdisclosure", command, str(tmp_path / "x.txt"), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert proc.returncode == (2 if command == "check" else 0)
    assert "the input is empty" in proc.stderr


def test_extract_refuses_to_resume_into_a_replaced_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out.csv"
    assert main(["extract", str(tmp_path / "in"), "--to", str(out), "--quiet"]) == 0
    out.write_text("mine\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(SEED.read_bytes() + b"\n")
    assert main(["extract", str(tmp_path / "in"), "--to", str(out), "--quiet", "--lang", "en"]) == 2
    assert "does not match its state file" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "mine\n"
    args = ["extract", str(tmp_path / "in"), "--to", str(out), "--quiet", "--restart"]
    assert main(args) == 0


def test_extract_lists_a_dangling_link_among_the_files_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``extract reports/*`` where the shell's glob names a dangling link: the run goes
    on and lists the link as unreadable (it refused the whole run); a path that does
    not exist at all is still refused."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "in" / "b.txt").symlink_to("nowhere.txt")
    named = [str(p) for p in sorted((tmp_path / "in").iterdir())]
    out = tmp_path / "out.csv"
    assert main(["extract", *named, "--to", str(out), "--quiet", "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "reports: 1; unreadable: 1" in err
    assert (
        f"{tmp_path / 'in' / 'b.txt'}: it is a symbolic link to a file that does not exist" in err
    )
    assert main(["extract", str(tmp_path / "in" / "c.txt"), "--to", str(out), "--quiet"]) == 2


def test_extract_says_how_many_files_it_left_for_their_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A crawl of attachments (.zip, .jpg, no suffix) is not silently "Files: 0": the
    summary counts the files not read for their names, by suffix (hidden ones apart)."""
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_bytes(SEED.read_bytes())
    for name in ("b.zip", "sub/c.ZIP", "d.jpg", "README", ".e.zip", "f.md"):
        (tmp_path / "in" / name).write_bytes(b"x")
    out = tmp_path / "out.csv"
    assert main(["extract", str(tmp_path / "in"), "--to", str(out), "--quiet", "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert (
        "Not read, not report files by their names: 5 (.zip 2, .jpg 1, .md 1, no suffix 1)." in err
    )
    summary = gd.extract([tmp_path / "in"], out)
    assert dict(summary.passed) == {".zip": 2, ".jpg": 1, ".md": 1, "": 1}
