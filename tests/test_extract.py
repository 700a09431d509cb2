"""Bulk extraction: the pure per-file function, the outputs, resuming, workers, Dask."""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import pickle
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.corpus import BROKEN, write_corpus

import govdisclosure as gd
from govdisclosure.checks import in_reading_order
from govdisclosure.corpus.extract import FINDING_FIELDS, RECORD_COLUMNS, output_paths, read_path
from govdisclosure.strategies import valid_reports


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@given(valid_reports())
def test_extract_file_flattens_like_to_records(report: gd.Report) -> None:
    result = gd.extract_file("r.json", gd.to_json(report).encode())
    assert result.ok
    assert result.error is None
    assert len(result.records) == len(gd.to_records(report))
    assert all(tuple(r) == RECORD_COLUMNS for r in result.records)
    assert [r["path"] for r in result.records] == [r["path"] for r in gd.to_records(report)]
    in_order = in_reading_order(gd.check(report), report.edition)
    assert [r["fingerprint"] for r in result.findings] == [f.fingerprint for f in in_order]
    assert pickle.loads(pickle.dumps(result)) == result


@given(st.binary(max_size=300))
def test_extract_file_never_raises(data: bytes) -> None:
    result = gd.extract_file("junk.bin", data)
    if not result.ok:
        assert result.records == ()
        (row,) = result.findings
        assert row["code"] == "input.unreadable"
        assert tuple(row) == FINDING_FIELDS
        assert result.error
        # the message is in Chinese, whatever the reader said in English (its words
        # stay in the finding's parameters, and in FileResult.error)
        assert re.search("[a-z]{2,}", row["message"]) is None, row["message"]


def test_extract_file_is_picklable_and_top_level() -> None:
    assert pickle.loads(pickle.dumps(gd.extract_file)) is gd.extract_file


def test_broken_json_is_one_unreadable_finding() -> None:
    result = gd.extract_file("x.json", BROKEN["broken-json.json"], lang="en")
    assert not result.ok
    assert result.findings[0]["severity"] == "error"
    assert result.findings[0]["message"].startswith("The file could not be read as a report")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[gd.Report]]:
    path = tmp_path_factory.mktemp("corpus")
    return path, write_corpus(path, 12, seed=5)


def test_extract_csv_counts_cells_and_records_broken_files(
    folder: tuple[Path, list[gd.Report]], tmp_path: Path
) -> None:
    src, reports = folder
    out = tmp_path / "cells.csv"
    summary = gd.extract([src], out, lang="en")
    cells_path, findings_path, state_path = output_paths(out)
    cells = rows(cells_path)
    assert len(cells) == summary.records == sum(len(gd.to_records(r)) for r in reports)
    assert list(cells[0]) == list(RECORD_COLUMNS)
    assert summary.files == 12 + len(BROKEN)
    assert summary.reports == 12
    assert {Path(f).name for f, _ in summary.failures} == set(BROKEN)
    unreadable = [r for r in rows(findings_path) if r["code"] == "input.unreadable"]
    assert {Path(r["file"]).name for r in unreadable} == set(BROKEN)
    assert summary.findings["input.unreadable"] == len(BROKEN)
    assert len(state_path.read_text().splitlines()) == summary.files


def test_rerun_skips_everything_done_and_appends_new_files(
    folder: tuple[Path, list[gd.Report]], tmp_path: Path
) -> None:
    src, _ = folder
    work = tmp_path / "in"
    work.mkdir()
    for p in src.iterdir():
        (work / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "cells.csv"
    first = gd.extract([work], out)
    before = out.read_bytes()
    again = gd.extract([work], out)
    assert (again.skipped, again.processed, again.records) == (first.files, 0, 0)
    assert out.read_bytes() == before
    extra = gd.build_report(organ="新增局", year=2024)
    (work / "zz-new.json").write_text(gd.to_json(extra), encoding="utf-8")
    third = gd.extract([work], out)
    assert (third.skipped, third.processed, third.reports) == (first.files, 1, 1)
    assert len(rows(out)) == first.records + len(gd.to_records(extra))


def test_rerun_truncates_rows_written_after_the_last_checkpoint(
    folder: tuple[Path, list[gd.Report]], tmp_path: Path
) -> None:
    src, _ = folder
    out = tmp_path / "cells.csv"
    first = gd.extract([src], out)
    state = output_paths(out)[2]
    # a crash after the last file's rows were written, before the state recorded them,
    # and a half-written row after that
    lines = state.read_text(encoding="utf-8").splitlines(keepends=True)
    state.write_text("".join(lines[:-1]), encoding="utf-8")
    with out.open("a", encoding="utf-8") as fh:
        fh.write("half,a,row\n")
    again = gd.extract([src], out)
    assert again.processed == 1
    assert len(rows(out)) == first.records
    assert len(state.read_text(encoding="utf-8").splitlines()) == first.files


def test_restart_starts_afresh(folder: tuple[Path, list[gd.Report]], tmp_path: Path) -> None:
    src, _ = folder
    out = tmp_path / "cells.csv"
    first = gd.extract([src], out)
    again = gd.extract([src], out, resume=False)
    assert again.skipped == 0
    assert len(rows(out)) == first.records


def test_two_workers_write_the_same_rows(
    folder: tuple[Path, list[gd.Report]], tmp_path: Path
) -> None:
    src, _ = folder
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    gd.extract([src], one)
    gd.extract([src], two, workers=2, chunk=3)
    assert one.read_bytes() == two.read_bytes()
    assert output_paths(one)[1].read_bytes() == output_paths(two)[1].read_bytes()


def test_jsonl_output(folder: tuple[Path, list[gd.Report]], tmp_path: Path) -> None:
    src, reports = folder
    out = tmp_path / "cells.jsonl"
    gd.extract([src], out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == sum(len(gd.to_records(r)) for r in reports)
    assert tuple(lines[0]) == RECORD_COLUMNS


def test_parquet_output_is_exact_and_resumable(
    folder: tuple[Path, list[gd.Report]], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    src, reports = folder
    out = tmp_path / "cells.parquet"
    summary = gd.extract([src], out, workers=2)
    table = pq.read_table(out)
    assert table.num_rows == summary.records == sum(len(gd.to_records(r)) for r in reports)
    assert tuple(table.column_names) == RECORD_COLUMNS
    expected = [rec["value"] for r in reports for rec in gd.to_records(r)]
    values = table.column("value").to_pylist()
    assert [None if v is None else Decimal(v) for v in values] == [
        None if v is None else Decimal(v) for v in expected
    ]
    findings = pq.read_table(output_paths(out)[1])
    assert "input.unreadable" in findings.column("code").to_pylist()
    again = gd.extract([src], out)
    assert again.processed == 0
    assert pq.read_table(out).num_rows == summary.records
    assert not out.with_name(out.name + ".partial").exists()


def test_unsupported_output_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unsupported output format"):
        gd.extract([tmp_path], tmp_path / "out.xlsx")


def test_find_files_skips_hidden_and_foreign_files(tmp_path: Path) -> None:
    from govdisclosure.corpus.extract import find_files  # noqa: PLC0415

    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.csv").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.HTML").write_text("x")
    assert [p.name for p in find_files([tmp_path])] == ["a.txt", "d.HTML"]


def test_on_a_dask_local_cluster(folder: tuple[Path, list[gd.Report]]) -> None:
    distributed = pytest.importorskip("dask.distributed")
    src, _ = folder
    files = sorted(p for p in src.iterdir() if p.is_file())
    names, blobs = [str(p) for p in files], [p.read_bytes() for p in files]
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = client.gather(client.map(gd.extract_file, names, blobs, lang="en"))
    local = [gd.extract_file(n, b, lang="en") for n, b in zip(names, blobs, strict=True)]
    assert results == local
    assert sum(not r.ok for r in results) == len(BROKEN)


def test_the_real_reports_are_all_read(real_dir: Path, tmp_path: Path) -> None:
    """The published PDFs, their extracted texts and the text seed: every one yields a
    report, and the cells match ``to_records`` of the parsed report."""
    summary = gd.extract([real_dir], tmp_path / "real.csv", lang="en")
    files = [p for p in sorted(real_dir.iterdir()) if p.suffix in {".pdf", ".txt"}]
    assert summary.files == len(files)
    assert summary.failures == ()
    assert summary.reports == len(files)
    assert summary.records == sum(len(gd.to_records(gd.parse(p.read_bytes()))) for p in files)
    findings = rows(output_paths(tmp_path / "real.csv")[1])
    seed = [
        r for r in findings if r["file"].endswith("xunzhen-2024.txt") and r["severity"] == "error"
    ]
    assert {r["code"] for r in seed} == {"applications.row-total", "applications.outcome-total"}
    assert all(r["source"] for r in seed)  # located through the report's provenance


# ------------------------------------------------------------------------- each file once
def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    """A file given twice, in two spellings, and inside a folder given too, is one file."""
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    report = gd.build_report(organ="某县财政局", year=2024)
    (src / "a.json").write_text(gd.to_json(report), encoding="utf-8")
    (src / "b.json").write_text(
        gd.to_json(gd.build_report(organ="某县教育局", year=2024)), encoding="utf-8"
    )
    out = tmp_path / "cells.csv"
    again = src / "." / "a.json"
    summary = gd.extract([src, src / "a.json", again, str(src / "sub" / ".." / "b.json")], out)
    assert summary.files == summary.processed == 2
    assert len(rows(out)) == summary.records == 2 * len(gd.to_records(report))
    assert [r["file"] for r in rows(out)][:: len(gd.to_records(report))] == [
        str(src / "a.json"),
        str(src / "b.json"),
    ]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tree")
    for name in ("a.txt", "b.html", "c.csv", "sub/d.json", "sub/e.pdf", "sub/deeper/f.htm"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name)
    (root / "link.txt").symlink_to(root / "a.txt")
    return root


_SPELLINGS = (
    ".",
    "sub",
    "sub/deeper",
    "a.txt",
    "./a.txt",
    "sub/../a.txt",
    "link.txt",
    "b.html",
    "c.csv",
    "sub/d.json",
    "sub/deeper/../e.pdf",
    "sub/deeper/f.htm",
    "missing.txt",
)


@given(st.lists(st.sampled_from(_SPELLINGS), max_size=8), st.booleans())
def test_find_files_yields_each_file_once_in_first_seen_order(
    tree: Path, names: list[str], relative: bool
) -> None:
    """For any list of paths with repeats, ``find_files`` yields each resolved file once,
    under its first name: the files of each path in turn, less those already seen."""
    from govdisclosure.corpus.extract import find_files  # noqa: PLC0415

    base = Path(os.path.relpath(tree)) if relative else tree
    paths = [base / n for n in names]
    found = find_files(paths)
    resolved = [p.resolve() for p in found]
    assert len(resolved) == len(set(resolved))
    expected: list[Path] = []
    for p in paths:
        seen = {e.resolve() for e in expected}
        expected.extend(f for f in find_files([p]) if f.resolve() not in seen)
    assert found == expected


# ------------------------------------------------------------------------- resuming
def _copies(folder: Path) -> dict[str, Path]:
    """``a.json`` and ``b.json`` of identical bytes, ``c.json`` another report."""
    folder.mkdir()
    same = gd.to_json(gd.build_report(organ="某县财政局", year=2024))
    files = {name: folder / name for name in ("a.json", "b.json", "c.json")}
    files["a.json"].write_text(same, encoding="utf-8")
    files["b.json"].write_text(same, encoding="utf-8")
    files["c.json"].write_text(
        gd.to_json(gd.build_report(organ="某县教育局", year=2023)), encoding="utf-8"
    )
    return files


def test_a_copy_under_another_name_is_not_done(tmp_path: Path) -> None:
    """Identical pages under two names: resuming after one of them reads the other."""
    files = _copies(tmp_path / "in")
    whole = gd.extract([tmp_path / "in"], tmp_path / "whole.csv")
    out = tmp_path / "resumed.csv"
    gd.extract([files["a.json"]], out)
    again = gd.extract([tmp_path / "in"], out)
    assert (again.files, again.skipped, again.processed) == (3, 1, 2)
    assert {r["file"] for r in rows(out)} == {str(p) for p in files.values()}
    assert sorted(map(tuple, map(dict.items, rows(out)))) == sorted(
        map(tuple, map(dict.items, rows(tmp_path / "whole.csv")))
    )
    assert whole.records == len(rows(out))


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    files = _copies(tmp_path / "in")
    out = tmp_path / "cells.csv"
    gd.extract([tmp_path / "in"], out)
    files["c.json"].write_text(
        gd.to_json(gd.build_report(organ="某县教育局", year=2024)), encoding="utf-8"
    )
    again = gd.extract([tmp_path / "in"], out)
    assert (again.skipped, again.processed) == (2, 1)


def test_a_state_line_without_a_name_counts_for_any_name(tmp_path: Path) -> None:
    """Lines name their file (every version wrote ``file``); one that does not is taken
    as before: its content is done under whatever name."""
    files = _copies(tmp_path / "in")
    out = tmp_path / "cells.csv"
    gd.extract([files["a.json"]], out)
    state = output_paths(out)[2]
    (entry,) = [json.loads(line) for line in state.read_text(encoding="utf-8").splitlines()]
    del entry["file"], entry["path"]  # (a line that names its file in neither way)
    state.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    again = gd.extract([tmp_path / "in"], out)
    assert (again.skipped, again.processed) == (2, 1)


_BLOBS = (
    gd.to_json(gd.build_report(organ="某县财政局", year=2024)).encode(),
    gd.to_json(gd.build_report(organ="某县教育局", year=2019)).encode(),
    "这不是报告".encode(),
)


@given(
    st.lists(st.sampled_from(range(len(_BLOBS))), min_size=1, max_size=5),
    st.data(),
)
def test_a_resumed_run_writes_the_rows_of_an_uninterrupted_one(
    contents: list[int], data: st.DataObject
) -> None:
    """For any split of a folder's files (identical ones among them) into a first run and
    a resumed run over the whole folder, the outputs hold the rows of one uninterrupted
    run, and the resumed run reads exactly the files the first did not."""
    first = data.draw(st.sets(st.sampled_from(range(len(contents)))), label="first")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "in"
        folder.mkdir()
        names = [folder / f"{i}.{'txt' if c == 2 else 'json'}" for i, c in enumerate(contents)]
        for name, c in zip(names, contents, strict=True):
            name.write_bytes(_BLOBS[c])
        gd.extract([folder], root / "whole.csv")
        out = root / "resumed.csv"
        gd.extract([names[i] for i in sorted(first)], out)
        again = gd.extract([folder], out)
        assert (again.skipped, again.processed) == (len(first), len(contents) - len(first))
        for whole, resumed in zip(
            output_paths(root / "whole.csv")[:2], output_paths(out)[:2], strict=True
        ):
            assert sorted(map(tuple, map(dict.items, rows(resumed)))) == sorted(
                map(tuple, map(dict.items, rows(whole)))
            )


def test_word_documents_are_extracted(tmp_path: Path) -> None:
    """A ``.docx`` in a folder is read like the other formats (it used to be skipped)."""
    pytest.importorskip("docx")
    report = gd.build_report(
        organ="某县财政局", year=2024, applications={"granted": {"commercial": 2}}
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.docx").write_bytes(gd.render_docx(report))
    out = tmp_path / "cells.csv"
    summary = gd.extract([tmp_path / "in"], out)
    assert (summary.files, summary.reports, summary.failures) == (1, 1, ())
    cells = rows(out)
    assert {r["file"] for r in cells} == {str(tmp_path / "in" / "report.docx")}
    assert [(r["path"], r["value"]) for r in cells] == [
        (r["path"], "" if r["value"] is None else str(r["value"])) for r in gd.to_records(report)
    ]


def test_a_bom_for_excel_starts_each_csv_once_even_on_resume(
    folder: tuple[Path, list[gd.Report]], tmp_path: Path
) -> None:
    """With bom, both CSV outputs start with one UTF-8 byte-order mark (Excel then reads
    them as UTF-8); a resumed run appends after it, and the rows are those of a run
    without the mark."""
    src, _ = folder
    files = sorted(p for p in src.iterdir() if p.is_file())
    plain = tmp_path / "plain.csv"
    gd.extract(files, plain)
    marked = tmp_path / "marked.csv"
    gd.extract(files[:3], marked, bom=True)
    gd.extract(files, marked, bom=True)  # resumed: the other files are appended
    for a, b in zip(output_paths(plain)[:2], output_paths(marked)[:2], strict=True):
        data = b.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert data.count(b"\xef\xbb\xbf") == 1
        with b.open(encoding="utf-8-sig", newline="") as fh:
            marked_rows = list(csv.DictReader(fh))
        assert sorted(map(str, marked_rows)) == sorted(map(str, rows(a)))
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_rerun_naming_the_folder_otherwise_skips_what_is_done(
    folder: tuple[Path, list[gd.Report]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file is the same file however a run names it (in/a.txt, then /abs/in/a.txt):
    the rerun skips it instead of writing its rows again."""
    src, _ = folder
    monkeypatch.chdir(src.parent)
    out = tmp_path / "cells.csv"
    first = gd.extract([src.name], out)
    again = gd.extract([str(src.resolve())], out)
    assert (again.skipped, again.processed) == (first.files, 0)
    cells = rows(output_paths(out)[0])
    assert len(cells) == first.records


# ------------------------------------------------------------------------- messy folders
EX = importlib.import_module("govdisclosure.corpus.extract")  # not the function extract


def _json_report(path: Path, organ: str) -> int:
    report = gd.build_report(organ=organ, year=2024)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(gd.to_json(report), encoding="utf-8")
    return len(gd.to_records(report))


def _by_file(out: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in rows(out):
        counts[r["file"]] = counts.get(r["file"], 0) + 1
    return counts


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX links")
def test_links_are_followed_once_and_a_dangling_link_is_reported(tmp_path: Path) -> None:
    """A link to a file and to a folder, a link loop, a dangling link: no hang, each file
    once, the folder outside reached through its link, the dangling link unreadable."""
    crawl, outside = tmp_path / "crawl", tmp_path / "outside"
    n = _json_report(crawl / "a.json", "某县财政局")
    _json_report(outside / "b.json", "某县教育局")
    (crawl / "to-a.json").symlink_to("a.json")
    (crawl / "ext").symlink_to(outside)
    (crawl / "loop").symlink_to(".")
    (crawl / "sub").mkdir()
    (crawl / "sub" / "up").symlink_to(crawl)
    (crawl / "gone.json").symlink_to("nowhere.json")
    found = EX.find_files([crawl])
    assert len(found) == len({p.resolve() for p in found}) == 3
    out = tmp_path / "out.csv"
    summary = gd.extract([crawl], out, lang="en")
    assert summary.files == 3
    assert summary.reports == 2
    assert _by_file(out) == {str(crawl / "a.json"): n, str(crawl / "ext" / "b.json"): n}
    ((file, error),) = summary.failures
    assert file == str(crawl / "gone.json")
    assert "FileNotFoundError" in error
    assert summary.reasons == ("it is a symbolic link to a file that does not exist",)
    (row,) = [r for r in rows(output_paths(out)[1]) if r["code"] == "input.unreadable"]
    assert "symbolic link" in row["message"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_nobody_writes_to_is_unreadable_not_waited_for(tmp_path: Path) -> None:
    """A FIFO with a report's name, found in a folder or named, reads as empty at once
    (it used to be skipped in a folder, and to block for ever when named); a folder
    named like a file is walked."""
    crawl = tmp_path / "crawl"
    _json_report(crawl / "a.json", "某县财政局")
    os.mkfifo(crawl / "x.txt")
    (crawl / "y.html").mkdir()
    summary = gd.extract([crawl, crawl / "x.txt"], tmp_path / "out.csv", lang="en")
    assert summary.files == 2
    assert [(f, r) for (f, _), r in zip(summary.failures, summary.reasons, strict=True)] == [
        (str(crawl / "x.txt"), "the input is empty")
    ]
    # a pipe is never done: a rerun does not wait on it to hash it, and lists it again
    again = gd.extract([crawl], tmp_path / "out.csv", lang="en")
    assert (again.skipped, again.processed, len(again.failures)) == (1, 1, 1)


def test_file_names_that_are_not_utf8_or_hold_newlines_and_commas(tmp_path: Path) -> None:
    """Names with bytes that are not UTF-8 (a GBK zip unpacked on Linux), newlines, tabs,
    commas and quotes, or very long: the CSV stays well-formed UTF-8, one file per name
    (the bytes escaped as ``\\xNN``), and a rerun skips them all."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    names = [b"\xb1\xa8\xb8\xe6.json", b"new\nline.json", b'tab\tcomma, "q".json', b"L" * 240]
    names[-1] += b".json"
    n = 0
    for raw in names:
        n = _json_report(crawl / os.fsdecode(raw), "某县财政局")
    out = tmp_path / "out.csv"
    summary = gd.extract([crawl], out, lang="en")
    assert summary.failures == ()
    assert summary.records == 4 * n
    data = out.read_bytes()
    data.decode("utf-8")  # well-formed UTF-8
    expected = {str(crawl) + "/" + EX.printable_name(os.fsdecode(raw)) for raw in names}
    assert str(crawl) + "/\\xb1\\xa8\\xb8\\xe6.json" in expected
    assert _by_file(out) == dict.fromkeys(expected, n)
    again = gd.extract([crawl], out, lang="en")
    assert (again.skipped, again.processed) == (4, 0)


def test_named_outputs_of_the_run_are_not_read(tmp_path: Path) -> None:
    """``extract reports/* --to reports/cells.csv`` run twice: the shell names the outputs
    of the first run, which the second does not read as reports."""
    crawl = tmp_path / "crawl"
    _json_report(crawl / "a.json", "某县财政局")
    out = crawl / "cells.csv"
    gd.extract([crawl], out)
    _json_report(crawl / "b.json", "某县教育局")
    summary = gd.extract(sorted(crawl.iterdir()), out)
    assert (summary.files, summary.skipped, summary.failures) == (2, 1, ())


def test_resuming_into_a_replaced_output_is_refused(tmp_path: Path) -> None:
    """An output replaced by a shorter file since its state was written is not padded
    with NUL bytes up to the old offset (as it was): the run is refused, the file kept."""
    from govdisclosure.corpus.extract import OutputMismatch  # noqa: PLC0415 - new name

    crawl = tmp_path / "crawl"
    _json_report(crawl / "a.json", "某县财政局")
    out = tmp_path / "cells.csv"
    gd.extract([crawl], out)
    out.write_text("my,own\n1,2\n", encoding="utf-8")
    _json_report(crawl / "b.json", "某县教育局")
    with pytest.raises(OutputMismatch):
        gd.extract([crawl], out)
    assert out.read_text(encoding="utf-8") == "my,own\n1,2\n"
    assert gd.extract([crawl], out, resume=False).processed == 2


def dying_reader(data: bytes, name: str) -> gd.Report:
    """A reader whose process dies on one file (as a crash in a C library would)."""
    if "boom" in name:
        os._exit(3)
    return EX.read_report(data, name)


def test_a_worker_that_dies_makes_its_file_unreadable_and_the_run_go_on(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    names = [f"{i:02d}.json" for i in range(20)]
    names[5] = "05-boom.json"
    n = 0
    for name in names:
        n = _json_report(crawl / name, "某县财政局")
    out = tmp_path / "out.csv"
    summary = gd.extract([crawl], out, workers=2, chunk=3, reader=dying_reader, lang="en")
    assert summary.files == summary.processed == 20
    assert summary.reports == 19
    assert summary.failures == ((str(crawl / "05-boom.json"), summary.failures[0][1]),)
    assert summary.reasons == ("the process reading it stopped abruptly",)
    assert summary.records == 19 * n
    assert list(_by_file(out)) == [str(crawl / x) for x in names if "boom" not in x]
    # the crashed file is not recorded as done: a rerun tries it again
    again = gd.extract([crawl], out, workers=2, reader=dying_reader, lang="en")
    assert (again.skipped, again.processed) == (19, 1)


def test_a_file_removed_between_the_walk_and_the_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crawler deletes a file while the run goes: that file is unreadable (no such
    file), not recorded as done, and the run goes on."""
    crawl = tmp_path / "crawl"
    n = _json_report(crawl / "a.json", "某县财政局")
    _json_report(crawl / "b.json", "某县教育局")
    walk = EX.find_files

    def find_then_remove(*args: object, **kwargs: object) -> list[Path]:
        found: list[Path] = walk(*args, **kwargs)  # type: ignore[arg-type]
        (crawl / "a.json").unlink()
        return found

    monkeypatch.setattr(EX, "find_files", find_then_remove)
    out = tmp_path / "out.csv"
    summary = gd.extract([crawl], out, lang="en")
    assert (summary.files, summary.reports, summary.records) == (2, 1, n)
    assert summary.reasons == ("there is no such file",)
    assert [json.loads(line)["file"] for line in output_paths(out)[2].open()] == [
        str(crawl / "b.json")
    ]


def test_a_file_beyond_max_bytes_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """read_path (extract, check) and parse of a path hold a file to the process-wide
    max_bytes by its size, as the readers' own read_input does, not after reading it."""
    path = tmp_path / "big.txt"
    path.write_bytes(b"0" * 2000)
    previous = gd.set_limits(gd.Limits(max_bytes=1000))
    try:
        for read in (read_path, gd.parse):
            with pytest.raises(
                gd.LimitExceeded, match="bytes of the input: 2000, more than max_bytes=1000"
            ):
                read(path)
    finally:
        gd.set_limits(previous)
    assert read_path(path) == b"0" * 2000


_EXTRACT = importlib.import_module("govdisclosure.corpus.extract")
_ROW_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal("1E+3"), Decimal("1.50"), Decimal("-0"), Decimal("1E-7")]),
    st.text(st.sampled_from('a中,"\n\r\t 1E+3\\\u2028\x00')),
    st.floats(allow_nan=False),
)


@given(st.lists(st.lists(_ROW_VALUES, min_size=3, max_size=3), max_size=5), st.integers(1, 3))
@example([[1, None, ""]], 1)
@example([["", None, ""]], 1)
@example([[None, None, None]], 3)
@example([["a", '"', "b"]], 3)
@example([["a\rb", 1, None], ["c", Decimal("1E+3"), True]], 2)
@example([["x,y", 2, None]], 2)
@example([["a\nb", None, None]], 2)
def test_sinks_write_each_row_as_defined(values: list[list[object]], width: int) -> None:
    """The CSV and JSON-lines outputs hold each row as first defined (every field by
    ``_cell`` for CSV, ``json.dumps`` of the row for JSON lines), whatever the types of
    its values, for one field or several."""
    fields = ("a", "b", "c")[:width]
    rows = [dict(zip(("a", "b", "c"), v, strict=True)) for v in values]
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, jsonl_path = Path(tmp, "o.csv"), Path(tmp, "o.jsonl")
        sinks = [
            _EXTRACT._CSVSink(csv_path, fields, None),
            _EXTRACT._JSONLSink(jsonl_path, fields, None),
        ]
        for sink in sinks:
            sink.write(rows)
            sink.close()
        expected_csv = io.StringIO(newline="")
        writer = csv.writer(expected_csv)
        writer.writerow(fields)
        writer.writerows([[_EXTRACT._cell(r[k]) for k in fields] for r in rows])
        assert csv_path.read_bytes().decode("utf-8") == expected_csv.getvalue()
        expected_jsonl = "".join(
            json.dumps(
                {k: r[k] for k in fields}, ensure_ascii=False, default=_EXTRACT._json_default
            )
            + "\n"
            for r in rows
        )
        assert jsonl_path.read_bytes().decode("utf-8") == expected_jsonl
