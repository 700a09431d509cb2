"""Raw blocks: paragraphs and tables of cells as a parser read them, before matching."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from govdisclosure.model import Source

__all__ = ["Block", "RawCell", "RawParagraph", "RawRow", "RawTable"]


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


Block = RawParagraph | RawTable
"""What a parser hands to :func:`assemble`: a paragraph or a table."""
