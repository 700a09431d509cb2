"""The text of a Word paragraph as Word shows it, with tracked changes accepted.

A paragraph's text is more than its ``w:t`` elements:

- a tab (``w:tab``, ``w:ptab``) is a tab and a line break (``w:br``, ``w:cr``) a line
  break, as the text reader expects them: a table pasted into Word as text keeps its
  cells tab-separated (``（一）予以公开⇥12⇥3``), where reading the ``w:t`` alone glued
  the figures (``予以公开123``);
- a non-breaking hyphen (``w:noBreakHyphen``) is a hyphen; an optional hyphen
  (``w:softHyphen``) shows only where a line is cut, and is read as nothing; a symbol
  (``w:sym``) is the character it names (a symbol font's digits, ``F030``–``F039``,
  are the digits);
- a text box (``w:txbxContent``, in a drawing or a VML shape) is not text of the
  paragraph that anchors it: its paragraphs and tables are given apart, to be read as
  blocks after the paragraph. Word writes a text box twice, as a DrawingML shape under
  ``mc:Choice`` and as VML under ``mc:Fallback``: of ``mc:AlternateContent`` only the
  first ``mc:Choice`` is read (the ``mc:Fallback`` when there is none);
- tracked changes are read accepted: deleted text (``w:del``, ``w:delText``) and text
  moved away (``w:moveFrom``) are not read, inserted text (``w:ins``) and text moved
  here (``w:moveTo``) are;
- a field's code (``w:instrText``) is not text, its result is (the runs between
  ``separate`` and ``end``, or inside ``w:fldSimple``); hyperlinks, content controls,
  smart tags and custom XML are read through; of ruby text only the base is read (the
  guide above it, ``w:rt``, is not); equations are read by their text (``m:t``);
- a footnote or endnote reference (``w:footnoteReference``, ``w:endnoteReference``)
  shows a number Word counts, not text: the note it refers to is given apart, to be
  read after the block that refers to it.
"""

from __future__ import annotations

from typing import Any, Final, NamedTuple

W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC: Final = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_M: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_P, _R, _T = W + "p", W + "r", W + "t"
TXBX: Final = W + "txbxContent"
ALTERNATE, CHOICE, FALLBACK = _MC + "AlternateContent", _MC + "Choice", _MC + "Fallback"
FOOTNOTE_REF, ENDNOTE_REF = W + "footnoteReference", W + "endnoteReference"
_ID: Final = W + "id"

_SKIPPED: Final = frozenset(
    W + tag
    for tag in (
        "pPr",
        "rPr",
        "sdtPr",
        "sdtEndPr",
        "del",
        "moveFrom",
        "delText",
        "instrText",
        "delInstrText",
        "rt",
        "fldChar",
        "softHyphen",
    )
)
"""Elements that show no text (properties, deleted or moved-away text, field codes,
ruby guides, optional hyphens)."""
_SEPARATORS: Final = {
    W + "tab": "\t",
    W + "ptab": "\t",
    W + "br": "\n",
    W + "cr": "\n",
    W + "noBreakHyphen": "-",
}
_SYMBOL_DIGITS: Final = range(0xF030, 0xF03A)
"""A symbol font's digits, in the private use area where Word writes them."""


class Piece(NamedTuple):
    """A piece of a paragraph's text and the run (``w:r``) it is in, if any."""

    text: str
    run: Any


class Shown(NamedTuple):
    """What a paragraph shows: its text in pieces, its text boxes and the notes it
    refers to (``("footnote", id)`` or ``("endnote", id)``), in order."""

    pieces: list[Piece]
    boxes: list[Any]
    notes: list[tuple[str, str]]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


def _symbol(el: Any) -> str:
    value = el.get(W + "char") or ""
    try:
        code = int(value, 16)
    except ValueError:
        return ""
    if code in _SYMBOL_DIGITS:
        return chr(code - 0xF000)
    if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code)


def shown(paragraph: Any) -> Shown:
    """What ``paragraph`` (a ``w:p``, or any element holding runs) shows; see the
    module's docstring."""
    out = Shown([], [], [])
    _walk(paragraph, None, out)
    return out


def _walk(parent: Any, run: Any, out: Shown) -> None:
    for el in parent.iterchildren():
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue  # (comments and processing instructions have no str tag)
        if tag == _T or tag == _M + "t":
            if el.text:
                out.pieces.append(Piece(el.text, run))
        elif tag in _SEPARATORS:
            out.pieces.append(Piece(_SEPARATORS[tag], run))
        elif tag == W + "sym":
            out.pieces.append(Piece(_symbol(el), run))
        elif tag == TXBX:
            out.boxes.append(el)
        elif tag in (FOOTNOTE_REF, ENDNOTE_REF):
            kind = "footnote" if tag == FOOTNOTE_REF else "endnote"
            out.notes.append((kind, el.get(_ID) or ""))
        elif tag == ALTERNATE:
            chosen = el.find(CHOICE)
            if chosen is None:
                chosen = el.find(FALLBACK)
            if chosen is not None:
                _walk(chosen, run, out)
        elif tag == _R:
            _walk(el, el, out)
        else:
            _walk(el, run, out)


_HOLDERS: Final = frozenset(
    W + tag for tag in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "smartTag")
)
"""What holds paragraphs in a cell or a text box: tables, rows, cells, content controls
and custom XML."""


def cell_paragraphs(tc: Any) -> tuple[list[tuple[Any, list[Piece]]], list[tuple[str, str]]]:
    """The paragraphs of a table cell, each with the pieces of its text, and the notes
    they refer to. A text box in the cell is read as more lines of the cell, after the
    paragraph that anchors it (its paragraphs, and its tables' cells in order)."""
    lines: list[tuple[Any, list[Piece]]] = []
    notes: list[tuple[str, str]] = []

    def add(parent: Any) -> None:
        for el in parent.iterchildren():
            if el.tag == _P:
                seen = shown(el)
                lines.append((el, seen.pieces))
                notes.extend(seen.notes)
                for box in seen.boxes:
                    add(box)
            elif el.tag in _HOLDERS:
                add(el)

    add(tc)
    return lines, notes
