"""Hostile and unusual input to the text, Markdown and JSON readers, and to the model.

What ``tests/test_fuzz.py`` does not reach: figures beyond the digits Python turns
into text (``sys.get_int_max_str_digits()``, 4,300 by default), superscript digits
where figures run together, lines so long that reading them took time growing with
the square of their length or gigabytes of memory, the minus sign U+2212, and a
byte-order mark at the start of JSON text. Nothing here is timed: the work on long
lines is counted, or checked against a plain oracle.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.formats import _assembly
from govdisclosure.formats._cells import _kind, _next_stops, is_cell_word
from govdisclosure.formats._raw import RawCell
from govdisclosure.formats.docx import render_docx
from govdisclosure.model import Source
from govdisclosure.model.cells import MAX_FIGURE_DIGITS, read_cell
from govdisclosure.strategies import valid_reports

SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HEAD = "某县某局2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
NEW_ROW = "一、本年新收政府信息公开申请数量"

READERS: dict[str, tuple[Callable[[gd.Report], str], Callable[[str], gd.Report]]] = {
    "text": (gd.render_text, gd.parse_text),
    "markdown": (gd.render_markdown, gd.parse_markdown),
}


def _every_output(report: gd.Report) -> None:
    """Every check, renderer and writer accepts ``report``, and its JSON reads back."""
    gd.check(report)
    gd.render_text(report)
    gd.render_html(report)
    gd.render_markdown(report)
    gd.to_records(report)
    assert render_docx(report)[:2] == b"PK"
    assert gd.from_json(gd.to_json(report), strict=False) == report


# ------------------------------------------------ figures beyond the int-to-text limit


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize(
    "figure",
    ["9" * 4301, "1" * 5000, "-" + "9" * 5000, "9" * 4301 + "件", "1," + "000," * 1500 + "000"],
    ids=["4301", "5000", "negative", "unit", "thousands"],
)
def test_regression_a_figure_beyond_4300_digits_is_kept_as_text(reader: str, figure: str) -> None:
    """A figure of more than 4,300 digits in a cell was read as an ``int`` that no
    renderer, nor ``to_json``, could write out: ValueError from ``str``. It is the
    cell's text now, quoted by a ``cell.text`` finding, and every output works."""
    render, parse = READERS[reader]
    report = gd.build_report(organ="某县某局", year=2024)
    written = render(report).replace("0", "\x00", 1)  # (no 0 before the first cell)
    row = next(line for line in written.splitlines() if NEW_ROW in line)
    cell = "\t0" if reader == "text" else "| 0 |"
    new = "\t" + figure if reader == "text" else f"| {figure} |"
    text = written.replace(row, row.replace(cell, new, 1)).replace("\x00", "0")
    parsed = parse(text)
    assert parsed.cell("applications.new_received.natural_person") == gd.Text(figure)
    quoted = [f for f in gd.check(parsed) if f.code == "cell.text"]
    assert [f.path for f in quoted] == ["applications.new_received.natural_person"]
    _every_output(parsed)


@settings(SLOW, max_examples=10)
@given(valid_reports(), st.sampled_from(sorted(READERS)), st.data())
def test_an_overlong_figure_in_any_cell_reaches_that_cell_as_text(
    report: gd.Report, reader: str, data: st.DataObject
) -> None:
    """Any count cell of a rendered report written as a figure of more than
    ``MAX_FIGURE_DIGITS`` digits reads back as that cell's text, in its place (no
    figure of the row moves), and the report goes through every output."""
    tables = [t for t in report.tables if t.id != "review_litigation" or reader == "text"]
    table = data.draw(st.sampled_from(tables))
    row_id, column_id, _ = data.draw(st.sampled_from(list(table.items())))
    path = f"{table.id}.{row_id}.{column_id}"
    if table.id.startswith("active."):
        path = f"active.{table.id.split('.', 1)[1]}.{row_id}.{column_id}"
    digits = data.draw(st.integers(MAX_FIGURE_DIGITS + 1, 6000))
    figure = data.draw(st.sampled_from("123456789")) + "0" * (digits - 1)
    render, parse = READERS[reader]
    planted = report.with_cell(path, gd.Text(figure))
    parsed = parse(render(planted))
    assert parsed.cell(path) == gd.Text(figure)
    assert parsed.table(table.id) == planted.table(table.id)
    _every_output(parsed)


def test_a_figure_of_the_most_digits_is_still_a_figure() -> None:
    assert read_cell("9" * MAX_FIGURE_DIGITS).value == int("9" * MAX_FIGURE_DIGITS)
    assert read_cell("9" * (MAX_FIGURE_DIGITS + 1)).value == gd.Text("9" * (MAX_FIGURE_DIGITS + 1))


def test_regression_the_model_refuses_a_figure_it_cannot_write_out() -> None:
    """``build_report`` took a count of 5,000 digits, and every renderer then raised
    ValueError; a table and a report refuse one now, naming the cell, and so does
    ``from_json`` (a ``JSONError``), with ints of Python data or of JSON text."""
    with pytest.raises(ValueError, match=r"review_litigation\.review\.upheld: a figure of more"):
        gd.build_report(
            organ="某县某局", year=2024, review_litigation={"review": {"upheld": 10**5000}}
        )
    with pytest.raises(ValueError, match="year: a number of more than 640 digits"):
        gd.build_report(organ="某县某局", year=10**5000)
    data = json.loads(gd.to_json(gd.build_report(organ="某县某局", year=2024)))
    data["review_litigation"]["cells"]["review"]["upheld"] = 10**1000
    for document in (data, json.dumps(data)):
        with pytest.raises(gd.JSONError, match="a figure of more than 640 digits"):
            gd.from_json(document)
    data = json.loads(gd.to_json(gd.build_report(organ="某县某局", year=2024)))
    data["year"] = 10**1000
    for document in (data, json.dumps(data)):
        with pytest.raises(gd.JSONError):
            gd.from_json(document)


@settings(SLOW, max_examples=20)
@given(st.integers(MAX_FIGURE_DIGITS + 1, 10_000), st.booleans())
def test_from_json_refuses_every_overlong_count(digits: int, negative: bool) -> None:
    value = (-1 if negative else 1) * 10 ** (digits - 1)
    data: dict[str, Any] = json.loads(gd.to_json(gd.build_report(organ="某县某局", year=2024)))
    data["applications"]["cells"]["new_received"]["natural_person"] = value
    with pytest.raises(gd.JSONError):
        gd.from_json(data, strict=False)


def test_regression_a_run_together_figure_beyond_4300_digits() -> None:
    """A row one cell short whose first figure has 5,000 digits: the run-together
    splitter cut it into pieces of 4,999 digits and ``int`` raised ValueError out of
    ``parse_text``; now nothing of so many digits is split (``parse.uncertain-cells``
    quotes the row)."""
    text = HEAD + NEW_ROW + "\t" + "1" * 5000 + "\t0\t0\t0\t0\t0\n"
    report = gd.parse_text(text)
    assert "parse.uncertain-cells" in {f.code for f in report.findings}
    _every_output(report)


@pytest.mark.parametrize("marks", ["¹²", "²³⁴", "12 ³⁴"])
def test_regression_superscript_digits_in_a_row_short_of_cells(marks: str) -> None:
    """``str.isdigit`` holds for superscripts: a row short of cells holding ``¹²`` went
    to the run-together splitter, and ``int("¹²")`` raised ValueError."""
    text = HEAD + NEW_ROW + "\t" + "\t".join(["12", marks, marks, marks]) + "\n"
    report = gd.parse_text(text)
    _every_output(report)


# ------------------------------------------------------------ work on long lines
# (how long these took is measured, not asserted: the figures are in the docstrings and
# docs/explanation/limits.md; the tests count the work, which does not depend on the
# machine)


def _normalisations(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    """How many times the assembler normalises a piece of a line to match a heading
    while ``text`` is read."""
    calls = 0
    plain = _assembly.normalize_label

    def counted(label: str) -> str:
        nonlocal calls
        calls += 1
        return plain(label)

    monkeypatch.setattr(_assembly, "normalize_label", counted)
    with contextlib.suppress(gd.ParseError):
        gd.parse_text(text)
    return calls


@pytest.mark.parametrize(
    "line",
    [lambda n: NEW_ROW + " 1" * n, lambda n: NEW_ROW + "\t" + "1" * (10 * n) + "\t0" * 6],
    ids=["figures", "digits"],
)
def test_regression_a_long_line_after_a_heading_number(
    monkeypatch: pytest.MonkeyPatch, line: Callable[[int], str]
) -> None:
    """A line starting 一、 tried each of its ends as the end of a heading, normalising
    each prefix anew: work growing with the square of the line (4,000 figures after a
    row label took 6.4 s; 30,000 digits, 110 s). Only ends within the longest heading
    are tried now (0.03 s): the work does not grow with the line."""
    short = _normalisations(monkeypatch, HEAD + line(1000) + "\n")
    long = _normalisations(monkeypatch, HEAD + line(4000) + "\n")
    assert long == short


@settings(SLOW, max_examples=200)
@given(
    st.lists(st.sampled_from(["", " ", "略", "|", "无", "1", "0", "—", "abc", "一、"]), max_size=30)
)
def test_next_stops_is_the_plain_look_ahead(texts: list[str]) -> None:
    """What comes next after blanks and words in place of figures, worked out once for
    a row from its end, is what looking ahead from each cell finds. (Looking ahead from
    each cell sliced the row from its start: 25,000 ``| 1`` cells took 5.2 s; one pass
    from the end, 0.03 s.)"""
    cells = [RawCell(t, Source(line=1)) for t in texts]

    def plain(start: int) -> str:
        for cell in cells[start:]:
            k = _kind(cell.text)
            if k == "figure":
                return "figure"
            if k != "blank" and not is_cell_word(cell.text):
                return "other"
        return "end"

    assert _next_stops(cells) == [plain(i) for i in range(len(cells) + 1)]


def test_a_heading_with_its_first_sentence_run_on_is_still_found() -> None:
    report = gd.parse_text(
        "某县某局2024年政府信息公开工作年度报告\n一、总体情况 本机关全年主动公开信息三百条。\n"
        "五、存在的主要问题及改进情况\u3000\u3000一是公开不够及时。\n"
    )
    assert report.overview is not None
    assert report.overview.text == "本机关全年主动公开信息三百条。"
    assert report.problems is not None
    assert report.problems.text == "一是公开不够及时。"


@pytest.mark.parametrize(
    ("line", "cells"),
    [("1\t" * 30_000, 30_000), ("1 " * 30_000, 30_000), (NEW_ROW + " 略" * 25_000, 25_001)],
    ids=["tabs", "spaces", "words"],
)
def test_regression_a_text_table_beyond_max_cells_is_refused(line: str, cells: int) -> None:
    """A line of 2,000,000 figures (4 MB) took 22 s and 540 MB to read (the 50 MB that
    ``max_bytes`` admits, gigabytes); text tables are held to ``max_cells`` and
    ``max_total_cells`` like the tables of a page, each line counted before it is cut."""
    with pytest.raises(gd.LimitExceeded, match=rf"cells of a table: {cells}, more than max_cells"):
        gd.parse_text(HEAD + line + "\n")
    rows = HEAD + ("\n" + NEW_ROW + "\t1\t2\t3\t4\t5\t6\t21") * 30
    with pytest.raises(gd.LimitExceeded, match="cells of the tables: 208, more than max_total"):
        gd.parse_text(rows, limits=gd.Limits(max_cells=None, max_total_cells=200))


# --------------------------------------------------------------------- signs, BOMs


@settings(SLOW)
@given(st.integers(0, 10**9), st.booleans())
def test_the_minus_sign_reads_as_a_hyphen_minus(n: int, grouped: bool) -> None:
    """U+2212 (−), the minus sign of typeset text, was read as text where ``-`` and
    the full-width ``－`` were read as a sign; ``−`` alone was text where ``-`` and
    ``－`` are placeholders."""
    figure = f"{n:,}" if grouped else str(n)
    assert read_cell("\u2212" + figure) == read_cell("-" + figure)
    assert read_cell("\u2212" + figure) == read_cell("\uff0d" + figure)
    assert read_cell("\u2212").value == gd.NotApplicable("\u2212")


def test_regression_json_text_with_a_byte_order_mark() -> None:
    """JSON bytes with a byte-order mark were read; the same file read as text with
    the "utf-8" codec keeps the mark, and from_json raised JSONError."""
    report = gd.build_report(organ="某县某局", year=2024)
    assert gd.from_json("\ufeff" + gd.to_json(report)) == report
