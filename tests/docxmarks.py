"""Word documents with text set off the line in their table cells, each way Word has:
a run's own superscript or subscript, a character style (defined in superscript or
based on one that is, or Word's own ``FootnoteReference`` left undefined), or a raised
or lowered position. Shared by the Word tests."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest

docx = pytest.importorskip("docx")
WD_STYLE_TYPE = pytest.importorskip("docx.enum.style").WD_STYLE_TYPE
qn = docx.oxml.ns.qn

KINDS = (
    "superscript",
    "subscript",
    "style",
    "based-on",
    "footnote-reference",
    "raised",
    "lowered",
)
"""The ways of setting a run off the line, each read as a footnote mark."""

MARK_SIZE = 7.0
"""The size of a mark set by its position, smaller than the tables' text."""

# the children of w:rPr that come after w:position in the schema's order
_AFTER_POSITION = (
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


def style(
    doc: Any,
    name: str,
    kind: Any = WD_STYLE_TYPE.CHARACTER,
    *,
    style_id: str | None = None,
    base: str | None = None,
    superscript: bool | None = None,
) -> Any:
    """The style ``name`` of ``doc``, added if it has none."""
    try:
        return doc.styles[name]
    except KeyError:
        pass
    added = doc.styles.add_style(name, kind)
    if style_id is not None:
        added.element.styleId = style_id
    if base is not None:
        added.base_style = doc.styles[base]
    if superscript is not None:
        added.font.superscript = superscript
    return added


def place(run: Any, half_points: int, size: float | None = None) -> None:
    """Raise (or lower) ``run`` by ``half_points``, and set its size (points)."""
    rpr = run._r.get_or_add_rPr()
    position = docx.oxml.OxmlElement("w:position")
    position.set(qn("w:val"), str(half_points))
    rpr.insert_element_before(position, *_AFTER_POSITION)
    if size is not None:
        run.font.size = docx.shared.Pt(size)


def set_off(doc: Any, run: Any, kind: str) -> None:
    """Set ``run`` off the line of its text the way ``kind`` (one of :data:`KINDS`) says."""
    if kind in ("superscript", "subscript"):
        setattr(run.font, kind, True)
    elif kind == "style":
        # as Chinese Word names it: the style's id is not its name
        run.style = style(doc, "footnote reference", style_id="a5", superscript=True)
    elif kind == "based-on":
        style(doc, "Note Base", superscript=True)
        run.style = style(doc, "Note Mark", base="Note Base")
    elif kind == "footnote-reference":
        run._r.get_or_add_rPr().style = "FootnoteReference"
    elif kind == "raised":
        place(run, 6, MARK_SIZE)
    elif kind == "lowered":
        place(run, -4, MARK_SIZE)
    else:  # pragma: no cover - a mistake in a test
        raise ValueError(kind)


def cells(doc: Any) -> Iterator[Any]:
    """Every cell of every table of ``doc`` once (a merged cell once), in order."""
    for table in doc.tables:
        for tc in table._tbl.iter(qn("w:tc")):
            yield docx.table._Cell(tc, table)


def saved(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def edited(data: bytes, edit: Callable[[Any], None]) -> bytes:
    """``data`` as a Word document after ``edit`` (given the document)."""
    doc = docx.Document(io.BytesIO(data))
    edit(doc)
    return saved(doc)


def with_marks(data: bytes, marks: dict[int, tuple[str, str]]) -> bytes:
    """``data`` with a mark added to table cells: ``marks`` maps the cell's place among
    :func:`cells` to the mark's text and kind."""
    doc = docx.Document(io.BytesIO(data))
    for k, cell in enumerate(cells(doc)):
        if k in marks:
            text, kind = marks[k]
            set_off(doc, cell.paragraphs[0].add_run(text), kind)
    return saved(doc)


def with_mark(data: bytes, text: str, mark: str, *, n: int = 0, kind: str = "superscript") -> bytes:
    """``data`` with a mark of ``kind`` added to the ``n``-th table cell whose text is
    ``text``."""
    doc = docx.Document(io.BytesIO(data))
    places = [k for k, cell in enumerate(cells(doc)) if cell.text == text]
    if len(places) <= n:
        raise AssertionError(text)
    return with_marks(data, {places[n]: (mark, kind)})
