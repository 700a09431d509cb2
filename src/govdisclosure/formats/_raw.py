"""Raw blocks: paragraphs and tables of cells as a parser read them, before matching."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from govdisclosure.model import Source

__all__ = [
    "Block",
    "RawCell",
    "RawGluedHeading",
    "RawImage",
    "RawParagraph",
    "RawRow",
    "RawTable",
    "clipped",
    "grid_cell",
    "grid_source",
    "make_cell",
    "make_image",
    "make_paragraph",
    "make_row",
]


@attrs.frozen
class RawCell:
    """One cell as read: its text and where it was read."""

    text: str
    """The cell's text as read (``""``, ``"0"``, ``"251000元"``, ``"三、本年度办"`` …)."""
    source: Source


_new = object.__new__
_set_text = RawCell.__dict__["text"].__set__
_set_source = RawCell.__dict__["source"].__set__


def make_cell(text: str, source: Source) -> RawCell:
    """``RawCell(text, source)``, made by setting its two slots directly: the text
    reader makes hundreds of cells a report, and attrs' ``__init__`` for a frozen class
    costs half as much again. (A field added to :class:`RawCell` must be added here:
    a test compares the two.)"""
    cell: RawCell = _new(RawCell)
    _set_text(cell, text)
    _set_source(cell, source)
    return cell


_source_slots = Source.__dict__
_set_line = _source_slots["line"].__set__
_set_column = _source_slots["column"].__set__
_set_table = _source_slots["table"].__set__
_set_row = _source_slots["row"].__set__
_set_cell = _source_slots["cell"].__set__
_set_page = _source_slots["page"].__set__
_set_x = _source_slots["x"].__set__
_set_y = _source_slots["y"].__set__


def grid_source(table: int, row: int, cell: int | None, line: int | None) -> Source:
    """``Source(table=table, row=row, cell=cell, line=line)``, made by setting its eight
    slots directly: the HTML reader makes one for every position of every table, and
    attrs' ``__init__`` for a frozen class costs nearly twice as much. (A field added
    to :class:`~govdisclosure.Source` must be added here: a test compares the two.)"""
    source: Source = _new(Source)
    _set_line(source, line)
    _set_column(source, None)
    _set_table(source, table)
    _set_row(source, row)
    _set_cell(source, cell)
    _set_page(source, None)
    _set_x(source, None)
    _set_y(source, None)
    return source


def grid_cell(text: str, table: int, row: int, cell: int, line: int | None) -> RawCell:
    """``RawCell(text, Source(table=table, row=row, cell=cell, line=line))``."""
    return make_cell(text, grid_source(table, row, cell, line))


def _cells(value: Iterable[RawCell]) -> tuple[RawCell, ...]:
    return tuple(value)


@attrs.frozen
class RawRow:
    """One row of a table as read, cells left to right.

    From HTML, spans are already expanded: a merged cell is repeated in each position it
    covers. Repeat it with the *same* :class:`RawCell` (text and source of the cell as
    written) so that a value spanning three columns is read once; a label repeated with
    different sources is read once too. From text, a row is a line split into its cells
    or words.
    """

    cells: tuple[RawCell, ...] = attrs.field(converter=_cells)
    source: Source


_set_row_cells = RawRow.__dict__["cells"].__set__
_set_row_source = RawRow.__dict__["source"].__set__


def make_row(cells: tuple[RawCell, ...], source: Source) -> RawRow:
    """``RawRow(cells, source)`` for cells already in a tuple, made by setting its two
    slots directly (no converter to run). (A field added to :class:`RawRow` must be
    added here: a test compares the two.)"""
    row: RawRow = _new(RawRow)
    _set_row_cells(row, cells)
    _set_row_source(row, source)
    return row


def _rows(value: Iterable[RawRow]) -> tuple[RawRow, ...]:
    return tuple(value)


@attrs.frozen
class RawTable:
    """A table as read: its rows, top to bottom."""

    rows: tuple[RawRow, ...] = attrs.field(converter=_rows)
    source: Source


@attrs.frozen
class RawParagraph:
    """A paragraph (or a line) of running text."""

    text: str
    source: Source


@attrs.frozen
class RawImage(RawParagraph):
    """A picture in the running text (``text`` is empty): where a table should stand, it
    is the table published as a picture."""

    src: str = ""
    """Where the picture is (its address), with its alternative text if it has one."""


@attrs.frozen
class RawGluedHeading(RawParagraph):
    """A section heading that was printed at the end of the line before it (``text`` is
    the heading alone): a reader split it off, and the report says so."""

    before: str = ""
    """The text it was printed after, as far as it is quoted."""


_MAX_SRC: Final = 200
"""How much of a picture's address and alternative text a finding quotes."""


def make_image(src: str, alt: str, source: Source) -> RawImage:
    """The :class:`RawImage` of a picture at ``src`` (its address, or where it is in the
    document) with alternative text ``alt`` (blanks folded), quoted in at most
    200 characters.

    >>> make_image("media/image3.png", " 申请情况   表 ", Source(line=4)).src
    'media/image3.png (申请情况 表)'
    """
    alt = " ".join(alt.split())
    return RawImage("", source, clipped(f"{src} ({alt})" if alt else src, _MAX_SRC))


def clipped(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, an ellipsis ending it when cut (what a
    finding quotes of a long title, address or name).

    >>> clipped("政府信息公开", 4), clipped("年报", 4)
    ('政府信…', '年报')
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


_set_paragraph_text = RawParagraph.__dict__["text"].__set__
_set_paragraph_source = RawParagraph.__dict__["source"].__set__


def make_paragraph(text: str, source: Source) -> RawParagraph:
    """``RawParagraph(text, source)``, made by setting its two slots directly: the HTML
    reader makes one for each paragraph of a page, and attrs' ``__init__`` for a frozen
    class costs half as much again. (A field added to :class:`RawParagraph` must be
    added here: a test compares the two.)"""
    paragraph: RawParagraph = _new(RawParagraph)
    _set_paragraph_text(paragraph, text)
    _set_paragraph_source(paragraph, source)
    return paragraph


Block = RawParagraph | RawTable
"""What a parser hands to :func:`assemble`: a paragraph or a table."""
