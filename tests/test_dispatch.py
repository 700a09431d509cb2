"""parse(): the parser is chosen by content, not by file name."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.formats.dispatch import sniff
from govdisclosure.strategies import valid_reports

REAL = Path(__file__).parent / "data" / "real"


@pytest.fixture(scope="module")
def report() -> gd.Report:
    return gd.build_report(
        organ="某县某局",
        year=2024,
        published="2025-01-20",
        applications={"new_received": {"natural_person": 2}, "granted": {"natural_person": 2}},
        review_litigation={"review": {"upheld": 1}},
    )


def test_sniff() -> None:
    assert sniff((REAL / "huaian-2024.pdf").read_bytes()) == "pdf"
    assert sniff(b"\n  %PDF-1.4 ...") == "pdf"
    assert sniff(b"<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff("<table><tr><td>1</td></tr></table>") == "html"
    assert sniff((REAL / "xunzhen-2024.txt").read_bytes()) == "text"
    assert sniff('{"format": "govdisclosure.report/1"}') == "json"
    assert sniff('{"format": "something else"}') == "text"
    assert sniff("{not json") == "text"
    assert sniff(b"PK\x03\x04 broken zip") == "text"


def test_pdf_by_path_bytes_and_renamed_file(tmp_path: Path) -> None:
    expected = gd.parse_pdf(REAL / "hongze-2024.pdf")
    assert gd.parse(REAL / "hongze-2024.pdf") == expected
    assert gd.parse(str(REAL / "hongze-2024.pdf")) == expected
    data = (REAL / "hongze-2024.pdf").read_bytes()
    assert gd.parse(data) == expected
    renamed = tmp_path / "report.txt"  # the name lies; the content decides
    renamed.write_bytes(data)
    assert gd.parse(renamed) == expected


def test_text(report: gd.Report) -> None:
    assert gd.parse(REAL / "xunzhen-2024.txt") == gd.parse_text(
        (REAL / "xunzhen-2024.txt").read_bytes()
    )
    assert gd.parse(gd.render_text(report)) == report


def test_html(report: gd.Report, tmp_path: Path) -> None:
    page = gd.render_html(report)
    assert gd.parse(page) == report
    path = tmp_path / "page.pdf"
    path.write_text(page, encoding="utf-8")
    assert gd.parse(path) == report


def test_json(report: gd.Report) -> None:
    assert gd.parse(gd.to_json(report)) == report
    assert gd.parse(gd.to_json(report).encode()) == report


def test_docx(report: gd.Report, tmp_path: Path) -> None:
    pytest.importorskip("docx")
    data = gd.render_docx(report)
    assert gd.parse(data) == report
    path = tmp_path / "report.bin"
    path.write_bytes(data)
    assert gd.parse(path) == report


def test_format_override(report: gd.Report) -> None:
    text = gd.render_text(report)
    assert gd.parse(text, format="text") == report
    with pytest.raises(ValueError, match="unknown format"):
        gd.parse(text, format="xls")  # type: ignore[arg-type]
    with pytest.raises(gd.ParseError):
        gd.parse("plain words", format="pdf")


@pytest.mark.parametrize("data", [b"", "", "   \n", b"\x00" * 3])
def test_empty_input(data: bytes | str) -> None:
    with pytest.raises(gd.ParseError):
        gd.parse(data)


def test_json_of_another_kind_is_not_a_report() -> None:
    with pytest.raises(gd.ParseError):
        gd.parse(json.dumps({"format": "something else", "cells": []}))


@settings(max_examples=15)
@given(valid_reports(), st.sampled_from(["json", "html", "text"]))
def test_every_rendering_comes_back(report: gd.Report, kind: str) -> None:
    renderers: dict[str, Callable[[gd.Report], str]] = {
        "json": gd.to_json,
        "html": gd.render_html,
        "text": gd.render_text,
    }
    rendered = renderers[kind](report)
    assert sniff(rendered) == kind
    assert gd.parse(rendered) == report


@settings(max_examples=15)
@given(
    valid_reports(),
    st.sampled_from(["html", "text", "markdown", "json"]),
    st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"]),
)
def test_renderings_in_unicode_encodings_with_a_mark_come_back(
    report: gd.Report, kind: str, codec: str
) -> None:
    """A file saved as "Unicode" (UTF-16 with its byte-order mark, as Notepad writes it),
    UTF-32 or UTF-8 with a mark reads as its text does, and says how it was decoded."""
    renderers = {
        "html": gd.render_html,
        "text": gd.render_text,
        "markdown": gd.render_markdown,
        "json": gd.to_json,
    }
    rendered = renderers[kind](report)
    data = (
        ("\ufeff" + rendered).encode(codec)
        if codec.endswith(("-le", "-be"))
        else rendered.encode(codec)
    )
    assert sniff(data) == kind
    if kind == "json":
        assert gd.parse(data) == report
        return
    readers = {"html": gd.parse_html, "text": gd.parse_text, "markdown": gd.parse_markdown}
    for read in (gd.parse, readers[kind]):
        back = read(data)
        assert back == report
        encodings = [f.args["encoding"] for f in back.findings if f.code == "parse.encoding"]
        assert encodings == ([] if codec == "utf-8-sig" else [codec[:6].upper()])


def test_the_seed_saved_as_utf16_reads_as_the_seed() -> None:
    text = (REAL / "xunzhen-2024.txt").read_text(encoding="utf-8")
    seed = gd.parse_text(text)
    for data in (text.encode("utf-16"), text.encode("utf-32")):
        for read in (gd.parse, gd.parse_text):
            back = read(data)
            assert back == seed
            assert [f.code for f in back.findings] == ["parse.encoding"] + [
                f.code for f in seed.findings
            ]


@pytest.mark.parametrize(("mark", "codec"), [("\ufeff", "utf-8"), ("\ufeff", "utf-16-le")])
@pytest.mark.parametrize("read", [gd.parse_text, gd.parse_markdown])
def test_regression_bytes_a_mark_does_not_decode_are_said_to_be_replaced(
    mark: str, codec: str, read: Any
) -> None:
    """A text whose byte-order mark names an encoding its bytes are not in (a GBK text
    after a UTF-8 mark: an editor's mark added to a file it did not decode) had its
    undecodable bytes replaced and said nothing (after a UTF-8 mark) or named the
    encoding only; it says they were replaced now, as without a mark. The figures,
    ASCII digits, are read all the same."""
    report = gd.build_report(
        organ="某县某局", year=2024, applications={"new_received": {"natural_person": 12}}
    )
    text = gd.render_text(report) if read is gd.parse_text else gd.render_markdown(report)
    data = mark.encode(codec) + text.encode(codec) + "报告".encode("gbk")[:1]
    back = read(data)
    assert not [f for f in back.findings if f.code == "parse.encoding"]
    (replaced,) = [f for f in back.findings if f.code == "parse.bytes-replaced"]
    named = "UTF-8" if codec == "utf-8" else "UTF-16"
    # the last byte, half a GBK character, is the one replaced
    assert replaced.args == {"encoding": named, "count": 1, "offset": len(data) - 1}
    assert back.cell("applications.new_received.natural_person") == 12


@settings(max_examples=25)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    with contextlib.suppress(gd.ParseError):
        gd.parse(data)


def test_missing_file_name() -> None:
    with pytest.raises(FileNotFoundError):
        gd.parse("no/such/report.pdf")
    with pytest.raises(FileNotFoundError):
        gd.parse(Path("no/such/report.html"))


def _pipe_tables(text: str) -> str:
    """``text`` (tab-separated tables) as a PDF-to-Markdown converter writes it: each
    table a pipe table with a rule under its first row, the headings plain lines."""
    out: list[str] = []
    in_table = False
    for line in text.splitlines():
        if "\t" in line.strip(" "):
            cells = [c.strip() for c in line.split("\t")]
            row = "| " + " | ".join(cells) + " |"
            out.extend(["", row, "|" + "---|" * len(cells)] if not in_table else [row])
            in_table = True
        else:
            out.extend([""] if in_table else [])
            out.append(line)
            in_table = False
    return "\n".join(out)


def test_converted_markdown_without_headings_is_markdown() -> None:
    """Pipe tables whose section headings are plain lines (no ``#``), as converters of
    PDF to Markdown write them, are read by the Markdown reader: as text, the pipes were
    read as cells (26 rows with extra cells, 6 rows unknown)."""
    text = (REAL / "xunzhen-2024.txt").read_text("utf-8")
    converted = _pipe_tables(text)
    assert "|---|" in converted
    assert "\n#" not in converted
    assert sniff(converted) == "markdown"
    assert sniff(converted.encode("utf-8")) == "markdown"
    read, plain = gd.parse(converted.encode("utf-8")), gd.parse_text(text)
    assert (read.active, read.applications, read.review_litigation) == (
        plain.active,
        plain.applications,
        plain.review_litigation,
    )
    assert {f.code for f in read.findings} == {f.code for f in plain.findings}
