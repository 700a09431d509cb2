"""Footnote marks that a page raises or lowers by style, not with ``<sup>``/``<sub>``.

Google Docs and many web editors write a superscript as ``<span
style="vertical-align:super">``, and a page's style sheet may raise a class. Read as text, the figure 12 and its mark 1 become 121
without a word; the HTML reader reads them as it reads ``<sup>``: the figure, and a
``parse.footnote-mark`` finding quoting the mark.
"""

from __future__ import annotations

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

import govdisclosure as gd
from footnotes import assert_one_mark, report_with_figures
from govdisclosure.formats._raised import raising
from govdisclosure.strategies import valid_reports

HALF = settings(max_examples=max(10, settings().max_examples // 2))

ROW = "（一）予以公开</th><td>12</td>"
SHEET = "<style>\np { margin: 0 }\nspan.fn, .note-ref { font-size: 9px; vertical-align: super }\n</style>"

#: a mark written in each way that raises or lowers text by style (``{}``: the mark);
#: the last two need ``SHEET`` in the page
RAISED = (
    '<span style="vertical-align:super">{}</span>',
    '<span style="font-size: 9px; vertical-align: super;">{}</span>',
    '<span style="vertical-align:sub">{}</span>',
    '<font style="vertical-align: 33%">{}</font>',
    '<span style="vertical-align:-0.4em">{}</span>',
    '<span class="fn">{}</span>',
    '<a href="#n1"><span class="x note-ref">{}</span></a>',
)
#: styles that leave text on its line: their text is part of the cell's
LEVEL = (
    '<span style="vertical-align:middle">{}</span>',
    '<span style="vertical-align: top">{}</span>',
    '<span style="vertical-align:baseline">{}</span>',
    '<span style="vertical-align:0">{}</span>',
    '<span class="plain">{}</span>',
)


def _page(report: gd.Report) -> str:
    return gd.render_html(report).replace("</head>", SHEET + "</head>")


@pytest.mark.parametrize("mark", RAISED)
def test_a_mark_raised_by_style_is_no_digit_of_the_figure(mark: str) -> None:
    report = report_with_figures()
    page = _page(report)
    assert ROW in page
    again = gd.parse_html(
        page.replace(ROW, "（一）予以公开</th><td>12" + mark.format("1") + "</td>")
    )
    assert again == report
    assert_one_mark(again, "applications.granted.natural_person", "1", "12")


@pytest.mark.parametrize("style", LEVEL)
def test_text_left_on_its_line_is_part_of_the_cell(style: str) -> None:
    page = _page(report_with_figures())
    again = gd.parse_html(
        page.replace(ROW, "（一）予以公开</th><td>1" + style.format("2") + "</td>")
    )
    assert again.applications is not None
    assert again.applications["granted", "natural_person"] == 12
    assert not [f for f in again.findings if f.code == "parse.footnote-mark"]


def test_a_class_raised_by_no_sheet_of_the_page_is_part_of_the_cell() -> None:
    page = gd.render_html(report_with_figures())  # (no SHEET: the class raises nothing)
    raised = '<span style="vertical-align:super">2</span>'  # elsewhere on the page
    page = page.replace("</h1>", "</h1><p>注" + raised + "</p>", 1)
    again = gd.parse_html(
        page.replace(ROW, '（一）予以公开</th><td>1<span class="fn">2</span></td>')
    )
    assert again.applications is not None
    assert again.applications["granted", "natural_person"] == 12


def test_a_raised_mark_in_a_table_outside_the_content_is_quoted_apart() -> None:
    """A report table left outside the content container is quoted figure by figure in
    its ``parse.outside-content`` finding: a raised mark apart from its figure."""
    report = report_with_figures()
    inner = gd.render_html(report, standalone=False)
    start, end = inner.index("<table"), inner.index("</table>") + len("</table>")
    stray = inner[start:end].replace(
        "<td>5</td>", '<td>5<span style="vertical-align:super">3</span></td>', 1
    )
    assert "vertical-align" in stray
    page = (
        f"<html><head><title>t</title></head><body><div id='nav'>{stray}</div>"
        f"<div class='article'>{inner}</div></body></html>"
    )
    again = gd.parse_html(page)
    notes = [f for f in again.findings if f.code == "parse.outside-content"]
    assert len(notes) == 1
    assert "5 (mark 3)" in dict(notes[0].params)["cells"]


def test_a_raised_mark_in_a_markdown_table_of_html() -> None:
    """The HTML tables a converter leaves in Markdown are read as a page's are."""
    report = report_with_figures()
    page = gd.render_html(report, standalone=False)
    assert "<td>12</td>" in page
    marked = page.replace(
        "<td>12</td>", '<td>12<span style="vertical-align:super">1</span></td>', 1
    )
    again = gd.parse_markdown(marked)
    assert again.applications == report.applications
    assert [f.code for f in again.findings if f.code == "parse.footnote-mark"] == [
        "parse.footnote-mark"
    ]


@HALF
@given(valid_reports(), st.data())
def test_raised_marks_leave_every_figure_and_are_each_reported(
    report: gd.Report, data: st.DataObject
) -> None:
    pieces = _page(report).split("</td>")
    figures = [k for k, p in enumerate(pieces[:-1]) if p.rpartition(">")[2].isdigit()]
    chosen = data.draw(st.sets(st.sampled_from(figures), max_size=5)) if figures else set()
    planted = []
    for k in chosen:
        mark = data.draw(st.sampled_from(["1", "2", "*", "注", "①", "10"]))
        style = data.draw(st.sampled_from(RAISED))
        planted.append((pieces[k].rpartition(">")[2], mark))
        pieces[k] += style.format(mark)
    again = gd.parse_html("</td>".join(pieces))
    assert again == report
    notes = [dict(f.params, path=f.path) for f in again.findings if f.code == "parse.footnote-mark"]
    assert sorted((n["text"], n["mark"]) for n in notes) == sorted(planted)
    assert len({n["path"] for n in notes}) == len(planted)
    assert all(str(again.cell(n["path"])) == n["text"] for n in notes)


@HALF
@given(valid_reports())
def test_a_page_that_raises_nothing_reads_as_without_its_level_styles(report: gd.Report) -> None:
    """Every cell of a page wrapped in a span that keeps it on its line (the styles an
    editor writes on every cell) reads as the plain page."""
    page = gd.render_html(report, standalone=False)
    styled = page.replace("<td>", '<td><span style="vertical-align: middle">').replace(
        "</td>", "</span></td>"
    )
    assert gd.parse_html(styled) == gd.parse_html(page)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (b'<td style="vertical-align:middle">3</td>', None),
        (b"<p style='vertical-align:" + b"0" * 100_000 + b"'>1</p>", None),
        (b"<style>" * 10_000 + b".a{vertical-align:super}", frozenset({"a"})),
        (b"<style>" + b"x" * 100_000 + b"{vertical-align:sub}", frozenset()),
        (b"<style>.a, b .c {vertical-align:10%} .d{color:red}</style>", frozenset({"a", "c"})),
    ],
    ids=["level", "long-zero", "unclosed-sheets", "long-selector", "classes"],
)
def test_what_a_source_raises(source: bytes, expected: frozenset[str] | None) -> None:
    """``raising`` reads any source in one pass (hostile ones: a figure of many zeros,
    sheets never closed, a selector without braces) and names the raised classes."""
    assert raising(source) == expected


def test_a_cell_raised_by_style_is_read_as_a_cell() -> None:
    """Only runs of text are marks: a cell, a row or a paragraph whose style raises it
    is read as it is (made a mark, the table would lose its cell)."""
    report = report_with_figures()
    page = gd.render_html(report).replace(
        ROW, '（一）予以公开</th><td style="vertical-align:super">12</td>'
    )
    again = gd.parse_html(page.replace("<tr>", '<tr style="vertical-align: sub">'))
    assert again == report
    assert not [f for f in again.findings if f.code == "parse.footnote-mark"]
