"""Word documents edited the ways real Word and WPS documents differ from
:func:`~govdisclosure.render_docx`'s: tables pasted as text (rows of tab-separated
paragraphs), tables in text boxes (written twice, DrawingML and VML), tracked changes
(insertions, deletions, moves), fields, hyperlinks, footnotes. Shared by the Word
tests."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from lxml import etree

docx = pytest.importorskip("docx")
qn = docx.oxml.ns.qn

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"


def _el(parent: Any, ns: str, tag: str, **attrib: str) -> Any:
    el = etree.SubElement(parent, f"{{{ns}}}{tag}")
    for key, value in attrib.items():
        el.set(qn(f"w:{key}") if ns == W else key, value)
    return el


def w(parent: Any, tag: str, text: str | None = None, **attrib: str) -> Any:
    """A ``w:tag`` child of ``parent`` (with its text and ``w:`` attributes)."""
    el = _el(parent, W, tag, **attrib)
    if text is not None:
        el.text = text
        if text != text.strip():
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return el


def run(parent: Any, text: str, tag: str = "t") -> Any:
    """A run of ``text`` (in a ``w:t``, or another element such as ``w:delText``)."""
    r = w(parent, "r")
    w(r, tag, text)
    return r


def paragraph_of(*pieces: str) -> Any:
    """A ``w:p`` whose runs hold ``pieces``: text, or ``<tab>``, ``<br>`` and the like
    for an empty element of that name."""
    p = etree.Element(qn("w:p"))
    for piece in pieces:
        if piece.startswith("<") and piece.endswith(">"):
            w(w(p, "r"), piece[1:-1])
        else:
            run(p, piece)
    return p


def document(*paragraphs: Any) -> Any:
    """A new document holding ``paragraphs`` (``w:p`` elements or plain text)."""
    doc = docx.Document()
    body = doc.element.body
    sect = body[-1]
    for p in paragraphs:
        sect.addprevious(paragraph_of(p) if isinstance(p, str) else p)
    return doc


def tables(doc: Any) -> list[Any]:
    return list(doc.element.body.iter(qn("w:tbl")))


def _cell_text(tc: Any) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))


def _continues(tc: Any) -> bool:
    vmerge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return vmerge is not None and vmerge.get(qn("w:val"), "continue") == "continue"


def table_as_text(tbl: Any, separator: str = "tab") -> list[Any]:
    """The paragraphs Word's "Convert Table to Text" makes of ``tbl``: a paragraph a
    row, its cells separated by ``w:tab`` (``separator``: ``"tab"``, or ``"ptab"``), a
    merged cell's text once, in its first row."""
    out = []
    for tr in tbl.iter(qn("w:tr")):
        p = etree.Element(qn("w:p"))
        for k, tc in enumerate(tr.iter(qn("w:tc"))):
            if k:
                w(w(p, "r"), separator)
            text = "" if _continues(tc) else _cell_text(tc)
            for n, line in enumerate(text.split("\n")):
                if n:
                    w(w(p, "r"), "br")
                if line:
                    run(p, line)
        out.append(p)
    return out


def tables_as_text(doc: Any, separator: str = "tab") -> None:
    """Every table of ``doc`` converted to text in place (:func:`table_as_text`)."""
    for tbl in tables(doc):
        for p in table_as_text(tbl, separator):
            tbl.addprevious(p)
        tbl.getparent().remove(tbl)


def text_box(content: list[Any]) -> Any:
    """A paragraph anchoring a text box that holds ``content`` (paragraphs and tables),
    as Word writes one: a DrawingML shape under ``mc:Choice`` and the same text box in
    VML under ``mc:Fallback``."""
    p = etree.Element(qn("w:p"))
    r = w(p, "r")
    alternate = _el(r, MC, "AlternateContent")
    choice = _el(alternate, MC, "Choice", Requires="wps")
    drawing = w(choice, "drawing")
    anchor = _el(drawing, WP, "anchor")
    _el(anchor, WP, "extent", cx="5400000", cy="3600000")
    graphic = _el(_el(anchor, A, "graphic"), A, "graphicData", uri=WPS)
    box = w(_el(_el(graphic, WPS, "wsp"), WPS, "txbx"), "txbxContent")
    for el in content:
        box.append(el)
    w(box, "p")  # (Word ends a text box with a paragraph)
    fallback = _el(alternate, MC, "Fallback")
    shape = _el(w(fallback, "pict"), V, "shape")
    _el(shape, V, "textbox").append(copy.deepcopy(box))
    return p


def tables_in_text_boxes(doc: Any) -> None:
    """Every table of ``doc`` moved into a text box anchored where it was."""
    for tbl in tables(doc):
        parent, at = tbl.getparent(), tbl.getparent().index(tbl)
        parent.remove(tbl)
        parent.insert(at, text_box([tbl]))


def runs(doc: Any) -> Iterator[Any]:
    """The runs of ``doc``'s tables, in order (a list: the caller may move them)."""
    yield from [r for tbl in tables(doc) for r in tbl.iter(qn("w:r"))]


def wrap(r: Any, tag: str, n: int) -> Any:
    """``r`` wrapped in a ``w:tag`` (``ins``, ``moveTo``, ``hyperlink``, ``fldSimple``)
    where it is."""
    attrib = {
        "ins": {"id": str(n), "author": "a", "date": "2025-01-01T00:00:00Z"},
        "moveTo": {"id": str(n), "author": "a", "date": "2025-01-01T00:00:00Z"},
        "hyperlink": {"anchor": "x"},
        "fldSimple": {"instr": " = 1 "},
    }[tag]
    el = etree.Element(qn(f"w:{tag}"))
    for key, value in attrib.items():
        el.set(qn(f"w:{key}"), value)
    r.addprevious(el)
    el.append(r)
    return el


def revised(doc: Any, kinds: list[str]) -> None:
    """Each run of ``doc``'s tables edited as a tracked change or a field of the kind
    ``kinds`` gives it in turn, leaving what Word shows (changes accepted) as it was:
    ``ins`` (inserted), ``del`` (a deleted figure before it), ``move`` (moved here, its
    copy moved away before it), ``field`` (the result of a complex field),
    ``simple`` (a ``w:fldSimple``), ``hyperlink``."""
    for n, r in enumerate(runs(doc)):
        kind = kinds[n % len(kinds)]
        if kind in ("ins", "hyperlink"):
            wrap(r, kind, n)
        elif kind == "simple":
            wrap(r, "fldSimple", n)
        elif kind == "del":
            deleted = etree.Element(qn("w:del"))
            deleted.set(qn("w:id"), str(n))
            deleted.set(qn("w:author"), "a")
            run(deleted, "9876", "delText")
            r.addprevious(deleted)
        elif kind == "move":
            moved = wrap(r, "moveTo", n)
            away = etree.Element(qn("w:moveFrom"))
            away.set(qn("w:id"), str(n + 100000))
            away.set(qn("w:author"), "a")
            away.append(copy.deepcopy(r))  # Word keeps the moved text in w:t
            moved.addprevious(away)
        elif kind == "field":
            begin, code, sep = (etree.Element(qn("w:r")) for _ in range(3))
            w(begin, "fldChar", fldCharType="begin")
            w(code, "instrText", " = 4321 ")
            w(sep, "fldChar", fldCharType="separate")
            end = etree.Element(qn("w:r"))
            w(end, "fldChar", fldCharType="end")
            for el in (begin, code, sep):
                r.addprevious(el)
            r.addnext(end)


def with_notes(doc: Any, kind: str, notes: dict[str, list[str]]) -> None:
    """``doc`` given a notes part (``kind``: ``"footnote"`` or ``"endnote"``) holding
    Word's two separators and ``notes`` (by id: their paragraphs)."""
    from docx.opc.constants import CONTENT_TYPE as CT  # noqa: PLC0415
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: PLC0415
    from docx.opc.packuri import PackURI  # noqa: PLC0415
    from docx.opc.part import Part  # noqa: PLC0415

    root = etree.Element(qn(f"w:{kind}s"), nsmap={"w": W})
    for sid, sep in (("-1", "separator"), ("0", "continuationSeparator")):
        note = w(root, kind, type=sep, id=sid)
        w(w(w(note, "p"), "r"), sep)
    for nid, texts in notes.items():
        note = w(root, kind, id=nid)
        for text in texts:
            p = w(note, "p")
            r = w(p, "r")
            w(r, f"{kind}Ref")
            run(p, " " + text)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    ctype = CT.WML_FOOTNOTES if kind == "footnote" else CT.WML_ENDNOTES
    part = Part(PackURI(f"/word/{kind}s.xml"), ctype, blob, doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)


def refer(p: Any, kind: str, nid: str) -> None:
    """A reference to the note ``nid`` at the end of paragraph ``p``."""
    r = w(p, "r")
    w(w(r, "rPr"), "vertAlign", val="superscript")
    w(r, f"{kind}Reference", id=nid)
