"""``extract(..., all_reports=True)`` and ``extract --all-reports``: every report of a
compilation in the tidy outputs, each numbered in its file.

A county's 汇编, two years joined in one PDF, a page of several reports: without the
option a file is read as its first report (the rest named in ``parse.further-report``);
with it each report of the file is read, checked and flattened, and its rows carry
``report`` (its number in the file) and ``reports`` (how many the file holds).
(Before, ``extract`` had no such option: the reports after the first reached the outputs
only as figures quoted in that finding.)
"""

from __future__ import annotations

import csv
import importlib
import json
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.cli import main
from govdisclosure.strategies import valid_reports
from test_further_report import REAL, joined_pdf
from test_nothing_lost import SLOW, _decimals, text_figures
from test_parse_all import page

EX = importlib.import_module("govdisclosure.corpus.extract")  # the module, not the function
FURTHER = "parse.further-report"
ADDED = ("report", "reports")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def built(organ: str, upheld: int) -> gd.Report:
    return gd.build_report(
        organ=organ,
        year=2024,
        published="2025-01-20",
        overview="我局认真做好主动公开和依申请公开工作，加强政府信息管理，完善网站公开专栏。",
        problems="（一）存在的问题：政策解读还不够深入。（二）改进措施：下一步将加强解读。",
        other="本年度未收取信息处理费。",
        review_litigation={"review": {"upheld": upheld, "total": upheld}},
    )


TEXTS = ("xunzhen-2024.txt", "hongze-2024.pdfplumber.txt")
COMPILATIONS = {"a-texts.txt": 2, "b-page.html": 2, "c-joined.pdf": 2}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three compilations (two real texts joined; two rendered reports on one page; two
    real PDFs joined with pypdf), three files of one report and one that is no report."""
    root = tmp_path_factory.mktemp("compilations")
    one, two = ((REAL / n).read_text("utf-8") for n in TEXTS)
    (root / "a-texts.txt").write_text(one + "\n" + two, encoding="utf-8")
    articles = (
        gd.render_html(built(o, n), standalone=False) for o, n in [("某县甲局", 1), ("某县乙局", 3)]
    )
    (root / "b-page.html").write_text(page(*articles), encoding="utf-8")
    (root / "c-joined.pdf").write_bytes(joined_pdf("hongze-2024.pdf", "huaian-2024.pdf"))
    (root / "d-single.txt").write_bytes((REAL / "huaian-2024.pdfplumber.txt").read_bytes())
    (root / "e-single.json").write_text(gd.to_json(built("某县丙局", 2)), encoding="utf-8")
    (root / "f-single.html").write_text(gd.render_html(built("某县丁局", 5)), encoding="utf-8")
    (root / "g-broken.txt").write_text("这不是报告", encoding="utf-8")
    return root


def expected_records(path: Path) -> list[dict[str, Any]]:
    """The cell rows of a file: each report of parse_all flattened, numbered."""
    data = path.read_bytes()
    head = {"file": str(path), "sha256": EX.extract_file("", data).sha256}
    reports = EX.read_reports(data, str(path))
    return [
        {**head, "report": n, "reports": len(reports), **r}
        for n, report in enumerate(reports, 1)
        for r in gd.to_records(report)
    ]


def test_each_report_of_a_compilation_is_flattened_and_numbered(folder: Path) -> None:
    results = {
        p.name: EX.extract_file(str(p), p.read_bytes(), all_reports=True)
        for p in sorted(folder.iterdir())
    }
    for name, result in results.items():
        if name == "g-broken.txt":
            assert not result.ok
            assert (result.records, result.reports) == ((), 0)
            (row,) = result.findings
            assert tuple(row) == EX.ALL_REPORTS_FINDING_FIELDS
            assert (row["code"], row["report"], row["reports"]) == ("input.unreadable", None, 0)
            continue
        assert result.reports == COMPILATIONS.get(name, 1), name
        assert list(result.records) == expected_records(folder / name)
        assert all(tuple(r) == EX.ALL_REPORTS_RECORD_COLUMNS for r in result.records)
        assert all(tuple(r) == EX.ALL_REPORTS_FINDING_FIELDS for r in result.findings)
        assert FURTHER not in {r["code"] for r in result.findings}
        numbers = [r["report"] for r in result.records]
        assert numbers == sorted(numbers)
        assert set(numbers) == set(range(1, result.reports + 1))
    # the organs of each report of a compilation, in order
    organs = [r["organ"] for r in results["b-page.html"].records]
    assert list(dict.fromkeys(organs)) == ["某县甲局", "某县乙局"]
    organs = [r["organ"] for r in results["c-joined.pdf"].records]
    assert list(dict.fromkeys(organs)) == ["淮安市洪泽区人民政府", "淮安市人民政府"]


def test_a_file_of_one_report_has_the_same_rows_but_the_number(folder: Path) -> None:
    for name in ("d-single.txt", "e-single.json", "f-single.html", "g-broken.txt"):
        data = (folder / name).read_bytes()
        first = EX.extract_file(name, data)
        every = EX.extract_file(name, data, all_reports=True)
        for without, numbered_rows in (
            (first.records, every.records),
            (first.findings, every.findings),
        ):
            assert [{k: v for k, v in r.items() if k not in ADDED} for r in numbered_rows] == list(
                without
            )
        one = (1, 1) if first.ok else (None, 0)
        assert {(r["report"], r["reports"]) for r in every.records + every.findings} <= {one}
        assert (first.error, first.reason) == (every.error, every.reason)


def figures_in(records: list[dict[str, str]], findings: list[dict[str, str]]) -> Counter[Decimal]:
    values = [r[k] for r in records for k in ("value", "text")]
    values += [r[k] for r in findings for k in ("expected", "actual", "difference", "message")]
    return Counter(d.normalize() for d in _decimals(values))


def test_every_figure_of_a_compilation_ends_in_a_record_or_a_finding(
    folder: Path, tmp_path: Path
) -> None:
    one, two = ((REAL / n).read_text("utf-8") for n in TEXTS)
    wanted = Counter(f.normalize() for f in text_figures(one) + text_figures(two))
    for option in (False, True):
        out = tmp_path / f"{option}.csv"
        gd.extract([folder / "a-texts.txt"], out, all_reports=option, lang="en")
        have = figures_in(rows(out), rows(EX.output_paths(out)[1]))
        assert not wanted - have, option


def run(folder: Path, out: Path, **kwargs: Any) -> gd.ExtractSummary:
    return gd.extract([folder], out, lang="en", **kwargs)


def test_one_and_two_workers_write_the_same_outputs(folder: Path, tmp_path: Path) -> None:
    for option in (False, True):
        one, two = tmp_path / f"one-{option}.csv", tmp_path / f"two-{option}.csv"
        a = run(folder, one, all_reports=option)
        b = run(folder, two, all_reports=option, workers=2, chunk=2)
        assert a == attrs_evolve_outputs(b, a.outputs)
        for x, y in zip(EX.output_paths(one), EX.output_paths(two), strict=True):
            assert x.read_bytes() == y.read_bytes().replace(b"two-", b"one-"), x.name


def attrs_evolve_outputs(
    summary: gd.ExtractSummary, outputs: tuple[Path, Path, Path]
) -> gd.ExtractSummary:
    import attrs  # noqa: PLC0415

    return attrs.evolve(summary, outputs=outputs)


def test_summary_counts_reports_and_files_apart(folder: Path, tmp_path: Path) -> None:
    every = run(folder, tmp_path / "every.csv", all_reports=True)
    first = run(folder, tmp_path / "first.csv")
    assert (every.files, every.processed, every.files_read) == (7, 7, 6)
    assert (every.reports, every.compilations, every.all_reports) == (9, 3, True)
    assert (first.files, first.processed, first.files_read) == (7, 7, 6)
    assert (first.reports, first.compilations, first.all_reports) == (6, 0, False)
    assert len(every.failures) == len(first.failures) == 1
    assert every.findings[FURTHER] == 0
    # without it, the rest of a compilation is in a finding of its first report: where
    # the next begins (text, PDF), or the tables of the page outside the report read
    assert first.findings[FURTHER] == 2
    assert first.findings["parse.outside-content"] > every.findings["parse.outside-content"]
    cells = rows(tmp_path / "every.csv")
    assert len(cells) == every.records
    assert len({(r["file"], r["report"]) for r in cells}) == every.reports
    assert list(cells[0]) == list(EX.ALL_REPORTS_RECORD_COLUMNS)


def test_without_the_option_the_outputs_are_those_of_before(folder: Path, tmp_path: Path) -> None:
    """The columns, the rows and the state lines of a run without the option are those
    of the versions before it: nothing says which report a row belongs to."""
    out = tmp_path / "cells.csv"
    run(folder, out)
    cells, found, state = EX.output_paths(out)
    assert out.read_text("utf-8").splitlines()[0] == ",".join(EX.RECORD_COLUMNS)
    assert found.read_text("utf-8").splitlines()[0] == ",".join(EX.FINDING_FIELDS)
    entries = [json.loads(line) for line in state.read_text("utf-8").splitlines()]
    assert {tuple(e) for e in entries} == {("sha256", "file", "path", "records", "findings")}
    want = [
        r
        for p in sorted(folder.iterdir())
        for r in EX.extract_file(str(p), p.read_bytes(), lang="en").records
    ]
    assert rows(cells) == [{k: EX._cell(v) for k, v in r.items()} for r in want]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_run_is_resumed_only_with_its_setting(folder: Path, tmp_path: Path, suffix: str) -> None:
    for option in (False, True):
        out = tmp_path / f"{option}{suffix}"
        run(folder, out, all_reports=option)
        before = [p.read_bytes() for p in EX.output_paths(out)]
        with pytest.raises(EX.SettingMismatch) as raised:
            run(folder, out, all_reports=not option)
        assert raised.value.all_reports is option
        assert isinstance(raised.value, EX.OutputMismatch)
        assert [p.read_bytes() for p in EX.output_paths(out)] == before
        again = run(folder, out, all_reports=option)
        assert (again.skipped, again.processed) == (7, 0)
        assert run(folder, out, all_reports=not option, resume=False).processed == 7


@pytest.mark.parametrize("workers", [1, 2])
def test_an_interrupted_run_resumes_to_the_rows_of_an_uninterrupted_one(
    folder: Path, tmp_path: Path, workers: int
) -> None:
    whole = tmp_path / "whole.csv"
    run(folder, whole, all_reports=True, workers=workers)
    out = tmp_path / "resumed.csv"
    names = sorted(folder.iterdir())
    gd.extract(names[::2], out, all_reports=True, lang="en")
    # a crash after the rows of the last file were written, before the state said so
    state = EX.output_paths(out)[2]
    lines = state.read_text("utf-8").splitlines(keepends=True)
    state.write_text("".join(lines[:-1]), encoding="utf-8")
    again = gd.extract(names, out, all_reports=True, lang="en", workers=workers)
    assert (again.skipped, again.processed) == (len(lines) - 1, len(names) - len(lines) + 1)
    for x, y in zip(EX.output_paths(whole)[:2], EX.output_paths(out)[:2], strict=True):
        assert sorted(tuple(r.items()) for r in rows(x)) == sorted(
            tuple(r.items()) for r in rows(y)
        )


def test_parquet_keeps_the_numbers_as_integers(folder: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "cells.parquet"
    summary = run(folder, out, all_reports=True)
    table = pq.read_table(str(out))
    assert table.column_names == list(EX.ALL_REPORTS_RECORD_COLUMNS)
    assert str(table.schema.field("report").type) == "int32"
    assert table.num_rows == summary.records
    pairs = set(
        zip(table.column("file").to_pylist(), table.column("report").to_pylist(), strict=True)
    )
    assert len(pairs) == summary.reports
    with pytest.raises(EX.SettingMismatch):
        run(folder, out)
    broken = pq.read_table(str(EX.output_paths(out)[1])).to_pylist()
    (row,) = [r for r in broken if r["code"] == "input.unreadable"]
    assert (row["report"], row["reports"]) == (None, 0)


def test_the_command_line_option(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cells.csv"
    assert (
        main(["extract", str(folder), "--to", str(out), "--all-reports", "--quiet", "--lang", "en"])
        == 0
    )
    err = capsys.readouterr().err
    assert "reports: 9 from 6 files (several reports in 3 of them); unreadable: 1" in err
    assert list(rows(out)[0])[:4] == ["file", "sha256", "report", "reports"]
    assert main(["extract", str(folder), "--to", str(out), "--quiet", "--lang", "en"]) == 2
    assert "give --all-reports to resume it, or --restart" in capsys.readouterr().err
    plain = tmp_path / "plain.csv"
    assert main(["extract", str(folder), "--to", str(plain), "--quiet", "--lang", "en"]) == 0
    assert "reports: 6; unreadable: 1" in capsys.readouterr().err
    assert main(["extract", str(folder), "--to", str(plain), "--all-reports", "--quiet"]) == 2
    assert "--all-reports" in capsys.readouterr().err
    assert (
        main(["extract", str(folder), "--to", str(plain), "--all-reports", "--restart", "--quiet"])
        == 0
    )


@settings(SLOW, max_examples=25)
@given(st.lists(valid_reports(), min_size=1, max_size=3))
def test_the_records_are_those_of_parse_all_numbered(originals: list[gd.Report]) -> None:
    """For any one to three valid reports joined as text, the rows with the option are
    the records of each report parse_all reads, in order, each with its number; a file
    of one report gives the rows without the option, numbered 1 of 1."""
    text = "\n\n".join(gd.render_text(r) for r in originals).encode("utf-8")
    read = gd.parse_all(text)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.txt"
        path.write_bytes(text)
        out = Path(tmp) / "out.jsonl"
        summary = gd.extract([path], out, all_reports=True, lang="en")
        got = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert (summary.reports, summary.files_read) == (len(read), 1)
    sha = EX.extract_file("", text).sha256
    want = [
        {"file": str(path), "sha256": sha, "report": n, "reports": len(read), **r}
        for n, report in enumerate(read, 1)
        for r in gd.to_records(report)
    ]
    assert got == json.loads(json.dumps(want, ensure_ascii=False, default=EX._json_default))
    result = EX.extract_file("in.txt", text, all_reports=True)
    flat = [
        (n, f.fingerprint)
        for n, report in enumerate(read, 1)
        for f in gd.in_reading_order(gd.check(report), report.edition)
    ]
    assert [(r["report"], r["fingerprint"]) for r in result.findings] == flat
    if len(read) == 1:
        alone = EX.extract_file("in.txt", text)
        assert [{k: v for k, v in r.items() if k not in ADDED} for r in result.records] == list(
            alone.records
        )


def two_reports(data: bytes, name: str = "") -> tuple[gd.Report, ...]:
    """A reader of a caller's that gives several reports."""
    return gd.parse_all(data)


def test_a_readers_several_reports_are_refused_without_the_option_not_cut() -> None:
    """Without ``all_reports`` a reader that gives several reports makes the file one
    unreadable row that says why (cutting to the first would drop the rest silently);
    with it, each is read."""
    data = "\n\n".join(gd.render_text(built(o, 1)) for o in ("甲县某局", "乙县某局")).encode()
    alone = gd.extract_file("c.txt", data, reader=two_reports, lang="en")
    assert alone.records == ()
    assert [f["code"] for f in alone.findings] == ["input.unreadable"]
    assert "all_reports" in alone.findings[0]["message"]
    every = gd.extract_file("c.txt", data, reader=two_reports, all_reports=True)
    assert every.reports == 2
    assert {r["report"] for r in every.records} == {1, 2}
