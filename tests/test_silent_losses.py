"""Losses the fuzz campaign found, each fixed and held here: a figure of the input reaches
the model or a finding, and no reader raises where a report is there to read.

- a ``<td>`` wrapped in another element inside a ``<tr>`` (``<div>``, ``<form>``) is a
  cell of that row;
- a footnote mark in a ``<sup>``/``<sub>`` beside a figure is no digit of it;
- numbering alone between the figures of a row ("3.", "（三）") is a cell of the row;
- figures glued to the end of a label ("（一）予以公开2") are figures, but a footnote
  digit glued to the label of a row that has all its figures without it is a mark;
- every line break of :meth:`str.splitlines` (U+2028, form feed …) ends a line of text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from footnotes import assert_one_mark, report_with_figures
from govdisclosure.strategies import valid_reports

REAL = Path(__file__).parent / "data" / "real"
#: each property test renders and reads a report an example: half the profile's
#: examples keep the five of them near 3 s in the ci profile
HALF = settings(max_examples=max(10, settings().max_examples // 2))

#: the characters str.splitlines ends a line at, besides \n, \r and \r\n
BREAKS = ("\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\x0c", "\x0b")


# ------------------------------------------------------------------ line breaks


@pytest.mark.parametrize("brk", BREAKS, ids=lambda b: f"U+{ord(b):04X}")
def test_text_with_other_line_breaks_reads_as_with_newlines(brk: str) -> None:
    text = (REAL / "xunzhen-2024.txt").read_text("utf-8")
    plain = gd.parse_text(text)
    again = gd.parse_text(text.replace("\n", brk))
    assert again == plain
    assert [f.code for f in again.findings] == [f.code for f in plain.findings]
    assert gd.parse(text.replace("\n", brk)) == plain  # (by content, too)


@HALF
@given(valid_reports(), st.data())
def test_any_line_break_of_splitlines_ends_a_line(report: gd.Report, data: st.DataObject) -> None:
    lines = gd.render_text(report).split("\n")
    seps = data.draw(st.lists(st.sampled_from(["\n", "\r\n", "\r", *BREAKS]), min_size=1))
    text = "".join(line + seps[i % len(seps)] for i, line in enumerate(lines))
    assert gd.parse_text(text) == report


# ------------------------------------------------------------------ wrapped cells

WRAPPERS = ("div", "form", "span", "font", "center", "section", "b")


@pytest.mark.parametrize("wrap", WRAPPERS)
def test_a_cell_wrapped_inside_its_row_is_a_cell_of_the_row(wrap: str) -> None:
    report = report_with_figures()
    page = gd.render_html(report)
    row = "（一）予以公开</th><td>12</td><td>3</td>"
    assert row in page
    damaged = page.replace(row, f"（一）予以公开</th><{wrap}><td>12</td></{wrap}><td>3</td>")
    again = gd.parse_html(damaged)
    assert again == report
    assert again.provenance["applications.granted.natural_person"].cell == 3  # (its column)


@HALF
@given(valid_reports(), st.data())
def test_cells_wrapped_inside_their_rows_are_read_in_place(
    report: gd.Report, data: st.DataObject
) -> None:
    """Any of a row's cells wrapped (alone or with the ones after it) in an element that
    lxml leaves inside the row reads as if unwrapped."""
    pieces = gd.render_html(report, standalone=False).split("<td")
    cells = range(1, len(pieces))
    chosen = sorted(data.draw(st.sets(st.sampled_from(cells), max_size=6)) if cells else ())
    for k in chosen:
        wrap = data.draw(st.sampled_from(WRAPPERS))
        end = pieces[k].index("</td>") + len("</td>")
        pieces[k] = pieces[k][:end] + f"</{wrap}>" + pieces[k][end:]
        pieces[k - 1] += f"<{wrap}>"
    assert gd.parse_html("<td".join(pieces)) == report


# ------------------------------------------------------------------ footnote marks


@pytest.mark.parametrize(
    ("cell", "mark"),
    [
        ("<td>12<sup>1</sup></td>", "1"),
        ("<td>12<sub>2</sub></td>", "2"),
        ("<td><p><span>12<sup>注1</sup></span></p></td>", "注1"),
        ("<td>12<sup>[1]</sup><sup>*</sup></td>", "[1] *"),
    ],
)
def test_a_footnote_mark_is_no_digit_of_the_figure(cell: str, mark: str) -> None:
    report = report_with_figures()
    page = gd.render_html(report)
    row = "（一）予以公开</th><td>12</td>"
    assert row in page
    again = gd.parse_html(page.replace(row, "（一）予以公开</th>" + cell))
    assert again == report
    assert_one_mark(again, "applications.granted.natural_person", mark, "12")


def test_a_mark_beside_a_label_is_no_figure_glued_to_it() -> None:
    report = report_with_figures()
    page = gd.render_html(report)
    again = gd.parse_html(page.replace("（一）予以公开</th>", "（一）予以公开<sup>1</sup></th>"))
    assert again == report
    notes = [f for f in again.findings if f.code == "parse.footnote-mark"]
    assert [(f.path, dict(f.params)) for f in notes] == [
        ("applications.granted.*", {"mark": "1", "text": "（一）予以公开"})
    ]


def test_a_mark_alone_in_a_cell_is_left_as_written() -> None:
    report = report_with_figures()
    page = gd.render_html(report).replace("<td>12</td>", "<td><sup>12</sup></td>", 1)
    again = gd.parse_html(page)
    assert again == report
    assert not [f for f in again.findings if f.code == "parse.footnote-mark"]


@HALF
@given(valid_reports(), st.data())
def test_footnote_marks_leave_every_figure_and_are_each_reported(
    report: gd.Report, data: st.DataObject
) -> None:
    pieces = gd.render_html(report, standalone=False).split("</td>")
    figures = [k for k, p in enumerate(pieces[:-1]) if p.rpartition(">")[2].isdigit()]
    chosen = data.draw(st.sets(st.sampled_from(figures), max_size=5)) if figures else set()
    planted = []
    for k in chosen:
        mark = data.draw(st.sampled_from(["1", "2", "*", "注", "①", "10"]))
        tag = data.draw(st.sampled_from(["sup", "sub"]))
        planted.append((pieces[k].rpartition(">")[2], mark))
        pieces[k] += f"<{tag}>{mark}</{tag}>"
    again = gd.parse_html("</td>".join(pieces))
    assert again == report
    notes = [dict(f.params, path=f.path) for f in again.findings if f.code == "parse.footnote-mark"]
    assert sorted((n["text"], n["mark"]) for n in notes) == sorted(planted)
    assert len({n["path"] for n in notes}) == len(planted)  # each names its own cell
    assert all(str(again.cell(n["path"])) == n["text"] for n in notes)


# ------------------------------------------------------------------ figures glued to labels


@pytest.mark.parametrize(
    ("row", "glued"),
    [
        ("（一）予以公开\t12\t3\t", "（一）予以公开12\t3\t"),
        ("（一）予以公开\t12\t3\t0\t0\t0\t0\t15", "（一）予以公开12 3 0 0 0 0 15"),
        ("规章\t5\t0\t0", "规章5\t0\t0"),
        ("规章\t5\t0\t0", "规章5 0 0"),
    ],
)
def test_a_figure_glued_to_its_label_reaches_its_cell(row: str, glued: str) -> None:
    report = report_with_figures()
    text = gd.render_text(report)
    assert row in text
    again = gd.parse_text(text.replace(row, glued))
    assert again == report


def test_a_figure_glued_to_its_label_in_extracted_text_reaches_its_cell() -> None:
    report = report_with_figures()
    text = gd.render_text(report).replace("\t", " ")  # words in columns, as a PDF's text
    assert "规章 5 0 0" in text
    assert gd.parse_text(text.replace("规章 5 0 0", "规章5 0 0")) == gd.parse_text(text)


def test_a_figure_glued_to_its_label_in_a_page_reaches_its_cell() -> None:
    report = report_with_figures()
    page = gd.render_html(report)
    row = "（一）予以公开</th><td>12</td>"
    assert row in page
    again = gd.parse_html(page.replace(row, "（一）予以公开12</th>"))
    assert again == report


@HALF
@given(valid_reports(), st.data())
def test_figures_glued_to_labels_reach_their_cells(report: gd.Report, data: st.DataObject) -> None:
    """The tab between a row's label and its first figure lost, in any rows: the
    report reads the same."""
    lines = gd.render_text(report).split("\n")
    glueable = [
        i
        for i, line in enumerate(lines)
        if "\t" in line
        and (parts := line.split("\t"))
        and any(p and not p[-1].isdigit() for p in parts[:1])
        and (k := next((j for j, p in enumerate(parts) if p.isdigit()), None)) is not None
        and k > 0
        and parts[k - 1]
        and not parts[k - 1][-1].isdigit()
    ]
    chosen = data.draw(st.sets(st.sampled_from(glueable), max_size=4)) if glueable else set()
    for i in chosen:
        parts = lines[i].split("\t")
        k = next(j for j, p in enumerate(parts) if p.isdigit())
        parts[k - 1 : k + 1] = [parts[k - 1] + parts[k]]
        lines[i] = "\t".join(parts)
    assert gd.parse_text("\n".join(lines)) == report


# ------------------------------------------------------------------ a footnote digit glued to a label

#: a row that has all its figures, and the same row with a footnote digit glued to its
#: label (the tab lost, or the spaces of a line of text written with spaces); the row
#: read and the text the finding quotes
GLUED_MARKS = [
    (
        "（一）予以公开\t12\t3\t0\t0\t0\t0\t15",
        "（一）予以公开1\t12\t3\t0\t0\t0\t0\t15",
        "applications.granted.*",
        "1",
        "（一）予以公开",
    ),
    (
        "（一）予以公开\t12\t3\t0\t0\t0\t0\t15",
        "（一）予以公开2 12 3 0 0 0 0 15",
        "applications.granted.*",
        "2",
        "（一）予以公开",
    ),
    ("规章\t5\t0\t0", "规章1\t5\t0\t0", "active.art20_1.regulations.*", "1", "规章"),
    ("规章\t5\t0\t0", "规章3 5 0 0", "active.art20_1.regulations.*", "3", "规章"),
    ("行政许可\t0", "行政许可1\t0", "active.art20_5.licensing.*", "1", "行政许可"),
    ("行政许可\t0", "行政许可12\t0", "active.art20_5.licensing.*", "12", "行政许可"),
]


def _marks(report: gd.Report) -> list[tuple[str, str, str]]:
    return [
        (f.path, str(f.args["mark"]), str(f.args["text"]))
        for f in report.findings
        if f.code == "parse.footnote-mark"
    ]


@pytest.mark.parametrize(("row", "glued", "path", "mark", "label"), GLUED_MARKS)
def test_a_footnote_digit_glued_to_the_label_of_a_full_row_is_a_mark(
    row: str, glued: str, path: str, mark: str, label: str
) -> None:
    """With the digit, the row has one cell too many; without it, all its cells: the
    digit is a footnote mark, reported, and the row's figures stay in their columns."""
    report = report_with_figures()
    text = gd.render_text(report)
    assert row in text
    again = gd.parse_text(text.replace(row, glued))
    assert again == report
    assert _marks(again) == [(path, mark, label)]
    assert not [f for f in again.findings if f.code == "parse.extra-cells"]
    checked = [f.code for f in gd.check(again) if not f.code.startswith("parse.")]
    assert checked == [f.code for f in gd.check(report)]  # (no false arithmetic errors)


@pytest.mark.parametrize(
    ("row", "glued", "path", "mark"),
    [
        (
            "（一）予以公开 12 3 0 0 0 0 15",
            "（一）予以公开1 12 3 0 0 0 0 15",
            "applications.granted.*",
            "1",
        ),
        ("（七）总计 12 3 0 0 0 0 15", "（七）总计2 12 3 0 0 0 0 15", "applications.total.*", "2"),
        ("规章 5 0 0", "规章1 5 0 0", "active.art20_1.regulations.*", "1"),
    ],
)
def test_a_footnote_digit_glued_to_a_label_in_extracted_text_is_a_mark(
    row: str, glued: str, path: str, mark: str
) -> None:
    report = report_with_figures()
    text = gd.render_text(report).replace("\t", " ")  # words in columns, as a PDF's text
    assert row in text
    plain = gd.parse_text(text)
    again = gd.parse_text(text.replace(row, glued))
    assert again == plain
    assert _marks(again) == [(path, mark, row.split(maxsplit=1)[0])]
    assert tuple(f for f in again.findings if f.code != "parse.footnote-mark") == plain.findings


def test_a_footnote_digit_glued_to_a_label_in_a_page_is_a_mark() -> None:
    report = report_with_figures()
    page = gd.render_html(report)
    again = gd.parse_html(page.replace("（一）予以公开</th>", "（一）予以公开1</th>"))
    assert again == report
    assert _marks(again) == [("applications.granted.*", "1", "（一）予以公开")]


@pytest.mark.parametrize(
    ("row", "glued"),
    [
        ("（一）予以公开\t12\t3\t0\t0\t0\t0\t15", "（一）予以公开12\t3\t0\t0\t0\t0\t15"),
        ("（一）予以公开\t12\t3\t0\t0\t0\t0\t15", "（一）予以公开1\t3\t0\t0\t0\t0\t15"),
        ("规章\t5\t0\t0", "规章5\t0\t0"),
    ],
)
def test_digits_glued_to_the_label_of_a_row_short_without_them_are_its_first_figure(
    row: str, glued: str
) -> None:
    """Without the digits the row is short of a cell: they are its first figure, as
    before (no footnote mark is reported)."""
    report = report_with_figures()
    text = gd.render_text(report)
    again = gd.parse_text(text.replace(row, glued))
    assert not _marks(again)
    if glued.startswith("（一）予以公开1\t"):  # (1, 3 … 15: the row's cells, as written)
        assert again.applications.row("granted")["natural_person"] == 1
        assert again.applications.row("granted")["commercial"] == 3
        assert not again.findings
    else:
        assert again == report


def test_the_row_total_decides_between_a_mark_and_the_first_figure() -> None:
    """（一）予以公开12, then seven cells: one too many with 12, all of them without.
    With 12 as the first figure the row adds up (12 + 3 = 15, the last 0 an extra
    cell); without it, it does not (3 + … + 15 ≠ 0): 12 is the row's figure."""
    report = report_with_figures()
    text = gd.render_text(report)
    row = "（一）予以公开\t12\t3\t0\t0\t0\t0\t15"
    again = gd.parse_text(text.replace(row, "（一）予以公开12\t3\t0\t0\t0\t0\t15\t0"))
    assert again == report
    assert not _marks(again)
    assert [(f.code, f.args["cells"]) for f in again.findings] == [("parse.extra-cells", "0")]
    # the other way round: 1, then a row that adds up without it
    again = gd.parse_text(text.replace(row, "（一）予以公开1\t12\t3\t0\t0\t0\t0\t15"))
    assert again == report
    assert _marks(again) == [("applications.granted.*", "1", "（一）予以公开")]


def test_a_glued_digit_before_a_row_ending_in_a_blank_stays_its_first_figure() -> None:
    """（一）予以公开1, six figures and an empty last cell: seven cells with the digit
    (the empty cell a stray tab) and seven without it (the empty cell the row's 总计).
    The sum cannot choose the second reading (it has no 总计 to add up to), so the digit
    stays the first figure, as written, with no mark reported; ``check`` then reports
    the row's sum (1 + 12 + 3 ≠ 0). Documented in run-together-cells.md."""
    report = report_with_figures()
    text = gd.render_text(report)
    row = "（一）予以公开\t12\t3\t0\t0\t0\t0\t15"
    again = gd.parse_text(text.replace(row, "（一）予以公开1\t12\t3\t0\t0\t0\t0\t"))
    assert not _marks(again)
    assert list(again.applications.row("granted").values()) == [1, 12, 3, 0, 0, 0, 0]
    assert "applications.row-total" in {f.code for f in gd.check(again)}


@HALF
@given(valid_reports(), st.data())
def test_a_footnote_digit_glued_to_a_full_rows_label_is_reported_not_read(
    report: gd.Report, data: st.DataObject
) -> None:
    """A footnote digit glued to the label of one row that has all its cells (the
    label right before its first figure, the row's last cell written): the tables read
    the same, and a finding quotes the digit."""
    lines = gd.render_text(report).split("\n")
    glueable = [
        i
        for i, line in enumerate(lines)
        if "\t" in line
        and (parts := line.split("\t"))
        and parts[-1]
        and (k := next((j for j, p in enumerate(parts) if p.isdigit()), None)) is not None
        and k > 0
        and parts[k - 1]
        and not parts[k - 1][-1].isdigit()
    ]
    if not glueable:
        return
    i = data.draw(st.sampled_from(glueable))
    mark = data.draw(st.sampled_from(["1", "2", "3", "9", "12"]))
    parts = lines[i].split("\t")
    k = next(j for j, p in enumerate(parts) if p.isdigit())
    label = parts[k - 1]
    parts[k - 1] += mark
    lines[i] = "\t".join(parts)
    again = gd.parse_text("\n".join(lines))
    assert again == report
    assert [(str(m), t) for _, m, t in _marks(again)] == [(mark, label)]


# ------------------------------------------------------------------ numbering in a value cell

NUMBERING = ("3.", "（三）", "3、", "三、", "(3)", "3）")


#: where numbering is written: between two figures, in a row's first cell (sections 三
#: and 二); the path, its figure, the text row and the page row, with ``{}`` for it
PLACES = [
    (
        "applications.granted.commercial",
        3,
        ("（一）予以公开\t12\t3\t0", "（一）予以公开\t12\t{}\t0"),
        ("予以公开</th><td>12</td><td>3</td>", "予以公开</th><td>12</td><td>{}</td>"),
    ),
    (
        "applications.granted.natural_person",
        12,
        ("（一）予以公开\t12\t3", "（一）予以公开\t{}\t3"),
        ("予以公开</th><td>12</td>", "予以公开</th><td>{}</td>"),
    ),
    (
        "active.art20_1.regulations.issued",
        5,
        ("规章\t5\t0\t0", "规章\t{}\t0\t0"),
        ("规章</th><td>5</td>", "规章</th><td>{}</td>"),
    ),
]


@pytest.mark.parametrize("place", PLACES, ids=["between", "first", "first-active"])
@pytest.mark.parametrize("mark", NUMBERING)
def test_numbering_in_a_value_cell_is_a_cell_of_its_row(
    mark: str, place: tuple[str, int, tuple[str, str], tuple[str, str]]
) -> None:
    """Not the label of a new row that takes the figures after it away from theirs, nor
    a piece of the row's label (the row was read one cell short)."""
    path, figure, (row, damaged_row), (cell, damaged_cell) = place
    report = report_with_figures()
    text, page = gd.render_text(report), gd.render_html(report)
    assert row in text
    assert cell in page
    for again in (
        gd.parse_text(text.replace(row, damaged_row.format(mark))),
        gd.parse_html(page.replace(cell, damaged_cell.format(mark))),
    ):
        assert again.cell(path) == gd.Text(mark)
        assert again.with_cell(path, figure) == report
        codes = {f.code for f in again.findings}
        assert not codes & {"parse.unknown-row", "parse.missing-cells"}


@HALF
@given(valid_reports(), st.data())
def test_numbering_in_place_of_a_figure_is_read_in_its_cell(
    report: gd.Report, data: st.DataObject
) -> None:
    """Numbering written in place of any figure of section 三 stays in that cell, as
    text; every other cell keeps its figure."""
    table = report.applications
    assert table is not None
    paths = [f"applications.{r}.{c}" for r, c, _v in table.items()]
    path = data.draw(st.sampled_from(paths))
    mark = data.draw(st.sampled_from(NUMBERING))
    damaged = report.with_cell(path, gd.Text(mark))
    for again in (
        gd.parse_text(gd.render_text(damaged)),
        gd.parse_html(gd.render_html(damaged)),
    ):
        assert again == damaged
