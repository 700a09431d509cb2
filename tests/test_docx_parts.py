"""Parts of a Word document that are not its own paragraphs and tables: a part imported
into the document (``w:altChunk``: a web page, plain text, RTF …, as documents converted
from web pages carry) and an object embedded in it (``w:object``: an Excel sheet pasted
into the report, of which Word shows a picture).

An HTML part is read as the web page reader reads a page, its paragraphs and tables
taking their places among the document's; a plain-text part, as lines of text. Any
other part is named in a ``parse.unread-part`` finding, and an embedded object in a
``parse.embedded-object`` one naming its program (its ProgID) and its part: figures
they may hold are read by no reader, and the user is told so. (Before, all of them
were passed over without a word: a report whose section 三 stood in an HTML part had
its section missing.)
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings

import govdisclosure as gd
from footnotes import report_with_figures
from govdisclosure.formats.docx import DocxGrid, read_docx_grids
from govdisclosure.strategies import reports
from test_nothing_lost import SLOW
from test_table_image_docx import _NS, _png

docx = pytest.importorskip("docx")
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.opc.packuri import PackURI  # noqa: E402
from docx.opc.part import Part  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402


def _alt_chunk(doc: Any, data: bytes, content_type: str, name: str) -> Any:
    """A ``w:altChunk`` element importing ``data`` (a new part of ``content_type``)."""
    part = Part(PackURI(f"/word/{name}"), content_type, data, doc.part.package)
    rid = doc.part.relate_to(part, RT.A_F_CHUNK)
    return parse_xml(f'<w:altChunk {_NS} r:id="{rid}"/>')


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _object_run(
    doc: Any,
    prog_id: str,
    data: bytes = b"PK\x05\x06" + b"\0" * 18,
    name: str = "Microsoft_Excel_Worksheet.xlsx",
    content_type: str = _XLSX,
) -> Any:
    """A run holding an embedded object of ``prog_id`` (its picture in VML, as Word
    writes it), its part ``word/embeddings/{name}`` holding ``data`` (by default an
    empty zip)."""
    sheet = Part(PackURI(f"/word/embeddings/{name}"), content_type, data, doc.part.package)
    rid = doc.part.relate_to(sheet, RT.PACKAGE)
    image, _ = doc.part.get_or_add_image(_png())
    return parse_xml(
        f"<w:r {_NS}><w:object>"
        f'<v:shape id="_x0000_i1025" style="width:400pt;height:300pt">'
        f'<v:imagedata r:id="{image}" o:title=""/></v:shape>'
        f'<o:OLEObject Type="Embed" ProgID="{prog_id}" ShapeID="_x0000_i1025" '
        f'DrawAspect="Content" ObjectID="_1" r:id="{rid}"/>'
        "</w:object></w:r>"
    )


def _saved(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _applications_html(report: gd.Report) -> str:
    page = gd.render_html(report)
    start = page.index('<table class="applications"')
    return page[start : page.index("</table>", start) + len("</table>")]


def _applications_moved(report: gd.Report, how: str) -> bytes:
    """``render_docx(report)`` with section 三's table moved into an HTML part
    (``how``: ``html``, a page; ``xhtml``, the same as XHTML's content type)."""
    doc = docx.Document(io.BytesIO(gd.render_docx(report)))
    tables = list(doc.tables)
    table = tables[1] if report.active else tables[0]
    html = f"<html><body>{_applications_html(report)}</body></html>".encode()
    kind = "text/html" if how == "html" else "application/xhtml+xml"
    table._tbl.addprevious(_alt_chunk(doc, html, kind, "afchunk1.htm"))
    table._tbl.getparent().remove(table._tbl)
    return _saved(doc)


def _codes(report: gd.Report) -> list[str]:
    return [f.code for f in report.findings]


# rendering and reading a Word document takes a while: fewer examples than the profile's
@settings(SLOW, max_examples=15)
@given(reports())
def test_a_table_moved_into_an_html_part_reads_back_equal(report: gd.Report) -> None:
    if report.applications is None:
        return
    before = gd.parse_docx(gd.render_docx(report))
    after = gd.parse_docx(_applications_moved(report, "html"))
    assert after.applications == before.applications
    assert after.active == before.active
    assert after.review_litigation == before.review_litigation
    assert sorted(_codes(after)) == sorted(_codes(before))


@pytest.mark.parametrize("how", ["html", "xhtml"])
def test_the_html_part_is_read_where_it_stands(how: str) -> None:
    report = report_with_figures()
    data = _applications_moved(report, how)
    items = read_docx_grids(data)
    grids = [it for it in items if isinstance(it, DocxGrid)]
    written = read_docx_grids(gd.render_docx(report))
    assert len(grids) == len([it for it in written if isinstance(it, DocxGrid)])
    got = gd.parse_docx(data)
    assert got.applications == gd.parse_docx(gd.render_docx(report)).applications
    assert "structure.missing-section" not in _codes(got)
    # the table's cells are placed on the table read from the part
    k = items.index(grids[1])
    paths = {p: s for p, s in got.provenance.items() if p.startswith("applications.")}
    assert paths
    assert all(s is not None and s.table == k for s in paths.values())


def test_a_plain_text_part_is_read_as_lines() -> None:
    doc = docx.Document()
    doc.add_paragraph("前言")
    text = "某县2024年政府信息公开工作年度报告\r\n\r\n本年新收政府信息公开申请 37 件。\r\n"
    chunk = _alt_chunk(doc, text.encode("gb18030"), "text/plain", "afchunk1.txt")
    doc.add_paragraph("后记")._p.addprevious(chunk)
    items = read_docx_grids(_saved(doc))
    assert items == [
        "前言",
        "某县2024年政府信息公开工作年度报告",
        "本年新收政府信息公开申请 37 件。",
        "后记",
    ]


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("application/rtf", "afchunk1.rtf"),
        ("message/rfc822", "afchunk1.mht"),
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "afchunk1.docx",
        ),
    ],
)
def test_another_part_is_named_not_read(kind: str, name: str) -> None:
    report = report_with_figures()
    doc = docx.Document(io.BytesIO(gd.render_docx(report)))
    table = list(doc.tables)[1]
    table._tbl.addprevious(_alt_chunk(doc, b"{\\rtf1 37}", kind, name))
    table._tbl.getparent().remove(table._tbl)
    got = gd.parse_docx(_saved(doc))
    unread = [f for f in got.findings if f.code == "parse.unread-part"]
    assert len(unread) == 1
    assert f"word/{name}" in unread[0].message("en")
    assert kind in unread[0].message("en")
    assert unread[0].severity == "warning"
    assert unread[0].source is not None


def test_an_embedded_sheet_is_named_with_its_program() -> None:
    report = report_with_figures()
    doc = docx.Document(io.BytesIO(gd.render_docx(report)))
    table = list(doc.tables)[1]
    para = doc.add_paragraph()
    para._p.append(_object_run(doc, "Excel.Sheet.12"))
    table._tbl.addprevious(para._p)
    table._tbl.getparent().remove(table._tbl)
    data = _saved(doc)
    got = gd.parse_docx(data)
    objects = [f for f in got.findings if f.code == "parse.embedded-object"]
    assert len(objects) == 1
    message = objects[0].message("en")
    assert "Excel.Sheet.12" in message
    assert "Microsoft_Excel_Worksheet.xlsx" in message
    assert objects[0].severity == "warning"
    # placed on the object's picture, which is read as a picture where the table was
    items = read_docx_grids(data)
    assert objects[0].source == gd.Source(
        line=items.index(next(it for it in items if isinstance(it, gd.formats.docx.DocxImage))) + 1
    )
    assert "parse.table-image" in _codes(got)


def test_an_object_in_a_table_cell_is_named() -> None:
    report = report_with_figures()
    doc = docx.Document(io.BytesIO(gd.render_docx(report)))
    table = doc.tables[0]
    table.cell(0, 0).paragraphs[0]._p.append(_object_run(doc, "Excel.Sheet.8"))
    got = gd.parse_docx(_saved(doc))
    objects = [f for f in got.findings if f.code == "parse.embedded-object"]
    assert len(objects) == 1
    assert "Excel.Sheet.8" in objects[0].message("en")
    assert objects[0].source == gd.Source(table=objects[0].source.table)


def test_a_document_without_parts_reads_as_before() -> None:
    report = report_with_figures()
    data = gd.render_docx(report)
    codes = _codes(gd.parse_docx(data))
    assert "parse.unread-part" not in codes
    assert "parse.embedded-object" not in codes


@pytest.mark.parametrize(("data", "kind"), [(b"", "text/html"), (b" \n", "text/plain")])
def test_an_empty_part_is_nothing(data: bytes, kind: str) -> None:
    report = report_with_figures()
    doc = docx.Document(io.BytesIO(gd.render_docx(report)))
    doc.paragraphs[0]._p.addnext(_alt_chunk(doc, data, kind, "afchunk1.htm"))
    got = gd.parse_docx(_saved(doc))
    assert got.tables == gd.parse_docx(gd.render_docx(report)).tables
    assert "parse.unread-part" not in _codes(got)
