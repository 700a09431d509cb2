"""Page numbers are dropped from a PDF's pages, the figures of its tables are not.

A line in the top 8 % or the bottom 12 % of a page that is one number was taken for a
page number and dropped. But the page reader runs the digits of figures apart together
(a figure spread over a ruled cell is one figure), so a row of a table's figures at the
top of a page (``1  0  2``) read ``102``, a number, and was dropped with the page
number; and a figure alone at the top of a page, the first of a table (a header cell
holding just a figure, a row of one), went the same way. Now a row of figures is told
from a page number by the gaps between its figures, and a figure alone at the top of a
page is kept when a table follows it at once (a ruled table under it, or the next row
of figures, as near as a table's rows are to each other) or when it is level with a
row of a ruled table. Page numbers (``3``, ``- 3 -``) are dropped as before.

The PDFs are made here: one page (US Letter, 792 points high: the top 8 % is the top
63.4 points) of Helvetica figures and rules, by ``test_pdf_bombs._pdf``.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure.formats.pdf import PdfGrid, PdfLine, _pages
from test_pdf_bombs import _pdf

pytest.importorskip("pdfplumber")

HEIGHT = 792.0
SIZE = 12
PITCH = 17.0
"""The rows of the tables here: 12-point figures, 17 points apart (5 points between)."""
COLUMNS = (100.0, 200.0, 300.0, 400.0, 500.0)


def _text(text: str, x: float, top: float) -> bytes:
    """``text`` in 12-point Helvetica, its box's top ``top`` points from the top of the
    page (pdfminer boxes Helvetica from its baseline up by the size: no descent)."""
    baseline = HEIGHT - top - SIZE
    return b"BT /F1 %d Tf %.2f %.2f Td (%s) Tj ET\n" % (SIZE, x, baseline, text.encode())


def _row(cells: list[str], top: float) -> bytes:
    return b"".join(_text(c, x, top) for c, x in zip(cells, COLUMNS, strict=False))


def _ruled(rows: list[list[str]], top: float) -> bytes:
    """A ruled table of ``rows`` whose top rule is ``top`` points from the top."""
    height = 20.0
    xs = [90.0 + 100 * k for k in range(len(rows[0]) + 1)]
    out = b"0.5 w\n"
    for k in range(len(rows) + 1):  # the horizontal rules, then the vertical ones
        y = HEIGHT - top - k * height
        out += b"%.2f %.2f m %.2f %.2f l S\n" % (xs[0], y, xs[-1], y)
    bottom = HEIGHT - top - len(rows) * height
    for x in xs:
        out += b"%.2f %.2f m %.2f %.2f l S\n" % (x, HEIGHT - top, x, bottom)
    for k, row in enumerate(rows):
        out += b"".join(
            _text(c, x + 10, top + k * height + 4) for c, x in zip(row, xs, strict=False)
        )
    return out


def _read(content: bytes) -> tuple[list[str], list[list[str]]]:
    """The page's text lines (spaced, as the text reader is given them) and its ruled
    tables' cells, row by row."""
    (page,) = _pages(_pdf(content), None)
    lines = [it.spaced for it in page.items if isinstance(it, PdfLine)]
    tables = [
        [c.text for c in sorted(it.cells, key=lambda c: (c.row, c.column))]
        for it in page.items
        if isinstance(it, PdfGrid)
    ]
    return lines, tables


def test_a_page_beginning_with_a_row_of_figures_keeps_them() -> None:
    content = _row(["1", "0", "2"], 46) + _row(["3", "4", "5"], 46 + PITCH)
    lines, _ = _read(content)
    assert lines == ["1 0 2", "3 4 5"]


def test_a_row_of_figures_at_the_bottom_of_a_page_is_kept() -> None:
    content = _row(["3", "4", "5"], 690 - PITCH) + _row(["1", "0", "2"], 730)
    lines, _ = _read(content)
    assert lines == ["3 4 5", "1 0 2"]


def test_a_figure_heading_a_ruled_table_is_kept() -> None:
    """A header cell holding just a figure, above the rules (5 points above the table)."""
    content = _text("2024", 210, 46) + _ruled([["10", "20"], ["30", "40"]], 46 + SIZE + 5)
    lines, tables = _read(content)
    assert lines == ["2024"]
    assert tables == [["10", "20", "30", "40"]]


def test_a_figure_heading_rows_of_figures_is_kept() -> None:
    """A table the page begins with, whose first row holds one figure."""
    content = _text("7", 200, 46) + _row(["3", "4", "5"], 46 + PITCH)
    lines, _ = _read(content)
    assert lines == ["7", "3 4 5"]


def test_a_figure_level_with_a_row_of_a_ruled_table_is_kept() -> None:
    """A figure beside a ruled table, in one of its rows (its cell's rules not drawn)."""
    content = _ruled([["10", "20"], ["30", "40"]], 40) + _text("9", 330, 44)
    lines, tables = _read(content)
    assert lines == ["9"]
    assert tables == [["10", "20", "30", "40"]]


@pytest.mark.parametrize(
    ("number", "top"),
    [
        ("3", 46),  # at the top, the page's body far below
        ("- 3 -", 46),  # written out as a page number, at the top
        ("3", 760),  # at the bottom
        ("- 3 -", 760),
    ],
)
def test_page_numbers_are_dropped(number: str, top: float) -> None:
    body = _row(["1", "0", "2"], 100) + _row(["3", "4", "5"], 100 + PITCH)
    lines, _ = _read(_text(number, 290, top) + body)
    assert lines == ["1 0 2", "3 4 5"]


def test_a_page_number_written_out_above_a_table_is_dropped() -> None:
    """``- 3 -`` is a page number, however near the table under it."""
    content = _text("- 3 -", 210, 46) + _ruled([["10", "20"]], 46 + SIZE + 5)
    lines, tables = _read(content)
    assert lines == []
    assert tables == [["10", "20"]]


def test_a_page_number_at_the_bottom_just_under_a_table_is_dropped() -> None:
    """As on the real reports, a page number 11 points under the table above it."""
    content = _ruled([["10", "20"], ["30", "40"]], 690) + _text("4", 290, 741)
    lines, _ = _read(content)
    assert lines == []


@settings(max_examples=60, deadline=None)
@given(
    figures=st.lists(
        st.lists(st.integers(0, 9999).map(str), min_size=1, max_size=len(COLUMNS)),
        min_size=2,
        max_size=4,
    ),
    top=st.floats(40.0, 63.0),
    page_number=st.sampled_from(["", "1", "- 12 -"]),
)
def test_every_figure_of_a_table_at_the_top_of_a_page_is_read(
    figures: list[list[str]], top: float, page_number: str
) -> None:
    """Property: a table of figures (no rules, two rows or more) beginning anywhere in
    the top margin, each row a line, loses no figure; a page number at the foot of the
    page is dropped. (One figure alone at the top of a page, nothing under it, is a
    page number.)"""
    content = b"".join(_row(row, top + k * PITCH) for k, row in enumerate(figures))
    if page_number:
        content += _text(page_number, 290, 760)
    lines, _ = _read(content)
    assert lines == [" ".join(row) for row in figures]
