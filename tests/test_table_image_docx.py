"""A table published as a picture in a Word document is named as such (``parse.table-image``).

Word reports too carry the tables of sections 二 to 四 as pasted screenshots: a paragraph
holding a DrawingML picture (``w:drawing``/``a:blip``) or, in documents from older
editors, a VML one (``w:pict``/``v:imagedata``). Such a paragraph is read as a picture
(its part in the package and its alternative text), and where a section has no table
but a picture, the finding names it and ``check`` reports the table missing, not the
section. (Before, the picture was not read at all: three structure.missing-section
errors for a report whose tables were all pictures.)
"""

from __future__ import annotations

import copy
import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from docxedits import tables_as_text, text_box
from govdisclosure.formats.docx import DocxImage, read_docx_grids
from govdisclosure.strategies import reports
from test_nothing_lost import SLOW
from test_table_image import SECTIONS, assert_tables_pictured, codes

docx = pytest.importorskip("docx")
Image = pytest.importorskip("PIL.Image")

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
)


def _png() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(out, "PNG")
    out.seek(0)
    return out


def _picture_paragraph(doc: Any, how: str, alt: str = "") -> Any:
    """A paragraph holding one picture, written as ``how``: ``drawing`` (python-docx's
    inline picture), ``vml`` (``w:pict``) or ``both`` (``mc:AlternateContent`` with the
    drawing and its VML fallback, as Word writes for older readers)."""
    from docx.oxml import parse_xml  # noqa: PLC0415

    para = doc.add_paragraph()
    if how == "drawing":
        run = para.add_run()
        run.add_picture(_png())
        if alt:
            run._r.xpath(".//wp:docPr")[0].set("descr", alt)
        return para
    rid, _ = doc.part.get_or_add_image(_png())
    vml = (
        f'<w:pict {_NS}><v:shape style="width:400pt;height:300pt" alt="{alt}">'
        f'<v:imagedata r:id="{rid}" o:title=""/></v:shape></w:pict>'
    )
    if how == "vml":
        para._p.append(parse_xml(f"<w:r {_NS}>{vml}</w:r>"))
        return para
    run = para.add_run()
    run.add_picture(_png())
    drawing = run._r.xpath("./w:drawing")[0]
    run._r.remove(drawing)
    alternate = parse_xml(
        f'<mc:AlternateContent {_NS}><mc:Choice Requires="wps"/>'
        f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent>"
    )
    alternate[0].append(drawing)
    run._r.append(alternate)
    return para


def pictured(data: bytes, report: gd.Report, sections: set[str], how: str = "drawing") -> bytes:
    """The Word document ``data`` (``render_docx(report)``) with the tables of
    ``sections`` replaced by a paragraph holding a picture."""
    doc = docx.Document(io.BytesIO(data))
    present = [
        s for s in SECTIONS if (report.active if s == "active" else getattr(report, s) is not None)
    ]
    tables = list(doc.tables)
    assert len(tables) == len(present)
    for section, table in zip(present, tables, strict=True):
        if section in sections:
            para = _picture_paragraph(doc, how)
            table._tbl.addprevious(para._p)
            table._tbl.getparent().remove(table._tbl)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@settings(SLOW, max_examples=25, deadline=None)
@given(reports(), st.sets(st.sampled_from(SECTIONS), min_size=1))
def test_a_pictured_table_is_named_and_its_section_is_not_missing(
    report: gd.Report, sections: set[str]
) -> None:
    tabled = {s for s in SECTIONS if getattr(report, s)}
    sections &= tabled
    data = gd.render_docx(report)
    before = gd.parse_docx(data)
    read = gd.parse_docx(pictured(data, report, sections))
    images = codes(read.findings, "parse.table-image")
    assert set(images) == sections
    for f in images.values():
        assert f.source is not None
        assert f.source.line is not None
        assert dict(f.params)["src"].startswith("media/image")
        assert dict(f.params)["count"] == 1
    assert_tables_pictured(read, before, sections)


@pytest.mark.parametrize("how", ["drawing", "vml", "both"])
def test_each_way_word_writes_a_picture_is_one_picture(how: str) -> None:
    report = gd.build_report(organ="某县某局", year=2024)
    data = pictured(gd.render_docx(report), report, {"applications"}, how)
    pictures = [it for it in read_docx_grids(data) if isinstance(it, DocxImage)]
    assert len(pictures) == 1
    assert pictures[0].src.startswith("media/image")
    (f,) = codes(gd.parse_docx(data).findings, "parse.table-image").values()
    assert f.path == "applications"
    assert dict(f.params)["count"] == 1


@pytest.mark.parametrize("how", ["drawing", "vml"])
def test_the_picture_is_quoted_with_its_alternative_text(how: str) -> None:
    report = gd.build_report(organ="某县某局", year=2024)
    doc = docx.Document(io.BytesIO(gd.render_docx(report)))
    table = doc.tables[1]  # section 三
    para = _picture_paragraph(doc, how, alt="政府信息公开申请情况表")
    table._tbl.addprevious(para._p)
    table._tbl.getparent().remove(table._tbl)
    out = io.BytesIO()
    doc.save(out)
    (f,) = codes(gd.parse_docx(out.getvalue()).findings, "parse.table-image").values()
    src = dict(f.params)["src"]
    assert src.startswith("media/image")
    assert src.endswith(" (政府信息公开申请情况表)")
    assert src in f.message("zh_CN")


def test_pictures_beside_the_tables_and_after_the_signature_are_no_finding() -> None:
    """A photograph in section 一 and a seal after the closing date: the tables are all
    there, so no finding, and the signature block is read as without the seal."""
    report = gd.build_report(organ="某县某局", year=2024, published="2025-01-20")
    data = gd.render_docx(report)
    doc = docx.Document(io.BytesIO(data))
    paragraphs = doc.paragraphs
    first = next(p for p in paragraphs if p.text.startswith("一、"))
    first._p.addnext(_picture_paragraph(doc, "drawing")._p)
    _picture_paragraph(doc, "drawing")  # the seal, last
    out = io.BytesIO()
    doc.save(out)
    read, before = gd.parse_docx(out.getvalue()), gd.parse_docx(data)
    assert "parse.table-image" not in {f.code for f in read.findings}
    assert read == before


def test_a_document_of_pictures_only_is_a_scan() -> None:
    doc = docx.Document()
    _picture_paragraph(doc, "drawing")
    _picture_paragraph(doc, "vml")
    out = io.BytesIO()
    doc.save(out)
    with pytest.raises(gd.ParseError, match="only pictures"):
        gd.parse_docx(out.getvalue())


def test_a_picture_in_a_text_box_is_one_picture() -> None:
    """Section 三's table as a picture inside a text box (Word keeps the box twice, for
    new and old readers): one picture, read with the text box's paragraphs."""
    report = gd.build_report(organ="某县某局", year=2024, published="2025-01-20")
    data = pictured(gd.render_docx(report), report, {"applications"})
    doc = docx.Document(io.BytesIO(data))
    para = next(p for p in doc.paragraphs if p._p.xpath(".//w:drawing"))
    box = text_box([copy.deepcopy(para._p)])
    para._p.addprevious(box)
    para._p.getparent().remove(para._p)
    out = io.BytesIO()
    doc.save(out)
    items = read_docx_grids(out.getvalue())
    assert sum(isinstance(it, DocxImage) for it in items) == 1
    read = gd.parse_docx(out.getvalue())
    assert [f.path for f in read.findings if f.code == "parse.table-image"] == ["applications"]


def test_a_pictured_table_is_named_when_the_tables_are_read_as_text() -> None:
    """Tables pasted as text (read again by the text reader, which sees no picture) and
    section 三 a picture: the picture's finding is kept."""
    report = gd.build_report(
        organ="某县某局",
        year=2024,
        published="2025-01-20",
        review_litigation={"review": {"upheld": 1, "total": 1}},
    )
    data = pictured(gd.render_docx(report), report, {"applications"})
    doc = docx.Document(io.BytesIO(data))
    tables_as_text(doc)
    out = io.BytesIO()
    doc.save(out)
    read = gd.parse_docx(out.getvalue())
    assert read.review_litigation == report.review_litigation
    assert [f.path for f in read.findings if f.code == "parse.table-image"] == ["applications"]
