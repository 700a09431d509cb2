"""Footnote marks in the cells of a Word table: text set above or below the line of the
cell's figure or label.

A run of a table cell is a mark when, beside other text of its cell,

- its vertical alignment (``w:vertAlign``) is superscript or subscript, as Word
  resolves it: the run's own properties, else its character style (``w:rStyle``), else
  its paragraph's style (``w:pStyle``, or the default paragraph style), else the
  table's style (``w:tblStyle``, or the default table style), each with the styles it
  is ``w:basedOn``, else the document's defaults. A character style Word names
  ``FootnoteReference`` or ``EndnoteReference`` that the document does not define is
  taken as Word's own, in superscript;
- or it is raised or lowered (``w:position``, resolved the same way) off the line of
  the cell's largest text *and* is smaller than that text (``w:sz``). A raised position
  alone is no mark: Word's "Raised by" also sets a Latin figure level with the Chinese
  characters beside it (the same size), and a whole cell raised is a cell, not a mark.

A cell whose text is all raised (a paragraph or table style in superscript, or every
run raised by the same position) is read as it is: the figure is the figure. Where all
the cell's text is in superscript or subscript, the rule on positions and sizes still
finds a smaller mark raised further among it.

Conditional formatting of a table style (``w:tblStylePr``: first row, banded rows, …)
is not looked at.

:func:`levels_of` decides once for a document whether any of this can happen (one
search of the body, as for ``w:vertAlign`` alone before; the styles are looked at only
when the body names a paragraph or character style), so that a document without marks
reads its cells' text directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final, NamedTuple

from govdisclosure.formats._docxtext import Piece

W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R, _RPR, _PPR = W + "r", W + "rPr", W + "pPr"
_VALIGN, _POSITION, _SZ = W + "vertAlign", W + "position", W + "sz"
_RSTYLE, _PSTYLE, _TBLPR, _TBLSTYLE = W + "rStyle", W + "pStyle", W + "tblPr", W + "tblStyle"
_STYLE, _STYLE_ID, _BASED_ON, _TYPE, _DEFAULT = (
    W + "style",
    W + "styleId",
    W + "basedOn",
    W + "type",
    W + "default",
)
_VAL: Final = W + "val"
WRAPPERS: Final = frozenset({W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"})
"""Elements around paragraphs, tables, rows and cells that Word shows as their content:
content controls and custom XML (``w:sdtPr`` and the like inside them hold no content)."""
_RAISED: Final = frozenset({"superscript", "subscript"})
_BUILT_IN: Final = {"FootnoteReference", "EndnoteReference"}
"""Character styles Word defines in superscript, taken as such when a document names
them without defining them."""
DEFAULT_SIZE: Final = 20.0
"""The size of text no style gives one: 10 pt, in half-points."""

_MEASURE: Final = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in|pc|pi)?\s*")
_HALF_POINTS: Final = {"pt": 2.0, "mm": 2 * 72 / 25.4, "cm": 2 * 72 / 2.54, "in": 144.0}


class Props(NamedTuple):
    """Vertical alignment, position and size (half-points) as set at one level of
    formatting; ``None`` where that level leaves them to the next."""

    align: str | None
    position: float | None
    size: float | None

    def under(self, other: Props) -> Props:
        """These properties, with what they leave unset taken from ``other``."""
        return Props(
            other.align if self.align is None else self.align,
            other.position if self.position is None else self.position,
            other.size if self.size is None else self.size,
        )


_UNSET: Final = Props(None, None, None)


def _half_points(value: str | None) -> float | None:
    """A measure in half-points (``6``) or with its unit (``3pt``); ``None`` if it is
    neither."""
    if value is None:
        return None
    m = _MEASURE.fullmatch(value)
    if m is None:
        return None
    number = float(m.group(1))
    unit = m.group(2)
    if unit is None:
        return number
    return number * _HALF_POINTS.get(unit, 12.0)  # pc, pi: picas of 12 pt


def _props(rpr: Any) -> Props:
    if rpr is None:
        return _UNSET
    align = rpr.find(_VALIGN)
    position = rpr.find(_POSITION)
    size = rpr.find(_SZ)
    return Props(
        None if align is None else align.get(_VAL, "baseline"),
        None if position is None else (_half_points(position.get(_VAL)) or 0.0),
        None if size is None else _half_points(size.get(_VAL)),
    )


class Levels:
    """The styles of one document, for the place and size of a table cell's runs."""

    def __init__(self, styles: Any) -> None:
        self._by_id: dict[str, Any] = {}
        self._default: dict[str, str] = {}
        self._chains: dict[str | None, Props] = {}
        self._tails: dict[tuple[str | None, str | None, str | None], Props] = {}
        self._document = _UNSET
        if styles is None:
            return
        for style in styles.iterchildren(_STYLE):
            sid = style.get(_STYLE_ID)
            if sid is None:
                continue
            self._by_id.setdefault(sid, style)
            if style.get(_DEFAULT) in ("1", "true", "on"):
                self._default.setdefault(style.get(_TYPE, "paragraph"), sid)
        defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{_RPR}")
        self._document = _props(defaults)

    def style(self, sid: str | None) -> Props:
        """What the style ``sid`` (with those it is based on) sets."""
        try:
            return self._chains[sid]
        except KeyError:
            pass
        props = _UNSET
        seen: set[str] = set()
        current = sid
        while current is not None and current not in seen:
            seen.add(current)
            style = self._by_id.get(current)
            if style is None:
                if current in _BUILT_IN and current == sid:
                    props = props.under(Props("superscript", None, None))
                break
            props = props.under(_props(style.find(_RPR)))
            based = style.find(_BASED_ON)
            current = None if based is None else based.get(_VAL)
        self._chains[sid] = props
        return props

    def places(self, sid: str | None) -> bool:
        """Whether the style ``sid`` sets a vertical alignment or a position."""
        props = self.style(sid)
        return props.align is not None or props.position is not None

    def run(
        self, run: Any, paragraph_style: str | None, table_style: str | None
    ) -> tuple[bool, float, float]:
        """Whether a run is in superscript or subscript, its position and its size."""
        rpr = run.find(_RPR) if run is not None and run.tag == _R else None
        own = _props(rpr)
        rstyle = rpr.find(_RSTYLE) if rpr is not None else None
        char_style = None if rstyle is None else rstyle.get(_VAL)
        key = (char_style, paragraph_style, table_style)
        tail = self._tails.get(key)
        if tail is None:
            para = paragraph_style if paragraph_style in self._by_id else None
            table = table_style if table_style in self._by_id else None
            tail = (
                self.style(char_style)
                .under(self.style(para or self._default.get("paragraph")))
                .under(self.style(table or self._default.get("table")))
                .under(self._document)
            )
            self._tails[key] = tail
        props = own.under(tail)
        return (
            props.align in _RAISED,
            props.position or 0.0,
            DEFAULT_SIZE if props.size is None else props.size,
        )


def levels_of(doc: Any) -> Levels | None:
    """The document's :class:`Levels` when a run of it may be set off the line of its
    text, or ``None`` when none can be (no ``w:vertAlign`` or ``w:position`` in the
    body, and no paragraph or character style named there that sets either)."""
    body = doc.element.body
    named: set[str] = set()
    for el in body.iter(_VALIGN, _POSITION, _RSTYLE, _PSTYLE):
        if el.tag in (_VALIGN, _POSITION):
            return Levels(doc.styles.element)
        sid = el.get(_VAL)
        if sid is not None:
            named.add(sid)
    if not named:
        return None
    levels = Levels(doc.styles.element)
    return levels if any(levels.places(sid) for sid in named) else None


def children(parent: Any, tag: str) -> Iterator[Any]:
    """The children of ``parent`` with ``tag``, and those inside content controls and
    custom XML (a row, a cell or a paragraph may be wrapped in one)."""
    for el in parent.iterchildren():
        if el.tag == tag:
            yield el
        elif el.tag in WRAPPERS:
            yield from children(el, tag)


def table_style(tbl: Any) -> str | None:
    """The style a table names, if any."""
    style = tbl.find(f"{_TBLPR}/{_TBLSTYLE}")
    return None if style is None else style.get(_VAL)


def split_marks(
    paragraphs: list[tuple[Any, list[Piece]]], levels: Levels, tstyle: str | None
) -> tuple[str, str]:
    """A table cell's text without its marks, and the text of those marks
    (blank-separated): ``12`` with a superscript ``1`` is the figure 12 and a footnote
    mark, not 121. A cell whose text is all set off the line keeps its text.
    ``paragraphs``: the cell's paragraphs, each with the pieces of its text
    (:func:`~govdisclosure.formats._docxtext.cell_paragraphs`)."""
    whole = "\n".join("".join(t.text for t in ts) for _, ts in paragraphs).strip()
    if sum(1 for _, ts in paragraphs for t in ts if t.text and not t.text.isspace()) < 2:
        return whole, ""  # (most cells: one run, which is the cell's text whatever its place)
    # per piece of text: its paragraph, text, superscript or subscript, position, size
    pieces: list[tuple[int, str, bool, float, float]] = []
    for k, (p, ts) in enumerate(paragraphs):
        ppr = p.find(_PPR)
        pstyle = ppr.find(_PSTYLE) if ppr is not None else None
        pstyle_id = None if pstyle is None else pstyle.get(_VAL)
        for t in ts:
            raised, position, size = levels.run(t.run, pstyle_id, tstyle)
            pieces.append((k, t.text, raised, position, size))
    lines = len(paragraphs)
    visible = [piece for piece in pieces if piece[1].strip()]
    # superscript and subscript beside text on the line are marks; then, among the text
    # on the line (or all of it, when all is in superscript or subscript), text off the
    # line of the largest text and smaller than it
    on_line = [piece for piece in visible if not piece[2]] or visible
    aligned = len(on_line) < len(visible)
    largest = max(piece[4] for piece in on_line)
    line_places = {piece[3] for piece in on_line if piece[4] == largest}

    def is_mark(piece: tuple[int, str, bool, float, float]) -> bool:
        if aligned and piece[2]:
            return True
        return piece[4] < largest and piece[3] not in line_places

    if not any(is_mark(piece) for piece in visible):
        return whole, ""
    kept: list[list[str]] = [[] for _ in range(lines)]
    marks: list[str] = []
    for piece in pieces:
        if not is_mark(piece):
            kept[piece[0]].append(piece[1])
        elif piece[1].strip():
            marks.append(piece[1].strip())
    return "\n".join("".join(line) for line in kept).strip(), " ".join(marks)


def split_row_marks(
    paragraph: Any, pieces: list[Piece], levels: Levels
) -> tuple[str, list[tuple[int, str, str]]]:
    """A paragraph holding a table row as text (cells separated by tabs, or lines by
    breaks) with each cell's marks taken out as :func:`split_marks` takes them out of a
    table cell: its text, and per mark the offset of its cell in the text, the mark and
    the cell's text."""
    cells: list[list[Piece]] = [[]]
    separators: list[str] = []
    for piece in pieces:
        if piece.text in ("\t", "\n"):
            separators.append(piece.text)
            cells.append([])
        else:
            cells[-1].append(piece)
    text = ""
    marks: list[tuple[int, str, str]] = []
    for k, cell in enumerate(cells):
        if k:
            text += separators[k - 1]
        kept, mark = split_marks([(paragraph, cell)], levels, None)
        if mark:
            marks.append((len(text), mark, kept))
            text += kept
        else:
            text += "".join(p.text for p in cell)
    return text, marks
