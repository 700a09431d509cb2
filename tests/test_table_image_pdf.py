"""A table scanned into a PDF of text is named as such (``parse.table-image``).

Some published PDFs are printed from Word but carry a table, or a whole page, as a
scanned picture. A picture at least 30 % of the page wide and 10 % high with no text on
it is kept in its place in the reading order; where a section has no table but such a
picture, the finding names it (its page and its number there) and ``check`` reports
the table missing, not the section. (Before, the picture was not read at all: the
section, whose heading is there, was reported missing.)

The test documents are made from a real report (``huaian-2024.pdf``) with pypdfium2:
the objects of a table's area are removed and a picture of the area, rendered from the
original page, is put in their place, or a page that is only a picture is inserted.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import govdisclosure as gd
from govdisclosure.formats.pdf import PdfImage, read_pdf_grids
from test_table_image import assert_tables_pictured, codes

pdfium = pytest.importorskip("pypdfium2")
pytest.importorskip("pdfplumber")

HUAIAN = Path(__file__).parent / "data" / "real" / "huaian-2024.pdf"
# where the tables stand on the pages of huaian-2024.pdf (points from the top; page
# indexes from 0): section 三 from page 5's 370 to page 6's 451, section 四 on page 6
APPLICATIONS = ((3, 365.0, 786.0), (4, 76.0, 455.0))
REVIEW = ((4, 498.0, 695.0),)
SCALE = 1.0


def _picture(pdf: Any, index: int, image: Any, box: tuple[float, float, float, float]) -> None:
    """Put ``image`` (PIL) on page ``index`` in ``box`` (left, top, right, bottom)."""
    page = pdf[index]
    _, h = page.get_size()
    left, top, right, bottom = box
    obj = pdfium.PdfImage.new(pdf)
    obj.set_bitmap(pdfium.PdfBitmap.from_pil(image.convert("RGB")))
    obj.set_matrix(pdfium.PdfMatrix().scale(right - left, bottom - top).translate(left, h - bottom))
    page.insert_obj(obj)
    page.gen_content()


def _clear(pdf: Any, index: int, top: float, bottom: float) -> None:
    """Remove the objects of page ``index`` whose middle is between ``top`` and ``bottom``."""
    page = pdf[index]
    _, h = page.get_size()
    for obj in list(page.get_objects(max_depth=1)):
        _, b, _, t = obj.get_bounds()
        if top <= h - (b + t) / 2 <= bottom:
            page.remove_obj(obj)
    page.gen_content()


def _render(pdf: Any, index: int) -> Any:
    return pdf[index].render(scale=SCALE).to_pil()


def scanned_areas(
    areas: tuple[tuple[int, float, float], ...], *, keep: bool = False, source: Any = HUAIAN
) -> bytes:
    """huaian-2024.pdf (or ``source``) with each area (page index, top, bottom) a
    picture of itself (``keep``: the picture over the text, which stays)."""
    pdf = pdfium.PdfDocument(source)
    for index, top, bottom in areas:
        w, _ = pdf[index].get_size()
        band = _render(pdf, index).crop((0, int(top * SCALE), int(w * SCALE), int(bottom * SCALE)))
        if not keep:
            _clear(pdf, index, top, bottom)
        _picture(pdf, index, band, (0.0, top, w, bottom))
    return _save(pdf)


def _seal() -> bytes:
    """huaian-2024.pdf with section 四's table replaced by a seal 120 points square."""
    pdf = pdfium.PdfDocument(HUAIAN)
    seal = _render(pdf, 4).crop((0, 500, 120, 620))
    ((index, top, bottom),) = REVIEW
    _clear(pdf, index, top, bottom)
    _picture(pdf, index, seal, (300.0, top, 420.0, top + 120))
    return _save(pdf)


def unruled() -> bytes:
    """huaian-2024.pdf without its rules: its tables laid out with blanks only, which
    :func:`~govdisclosure.parse_pdf` reads as text."""
    pdf = pdfium.PdfDocument(HUAIAN)
    for k in range(len(pdf)):
        page = pdf[k]
        for obj in list(page.get_objects(max_depth=1)):
            if obj.type == pdfium.raw.FPDF_PAGEOBJ_PATH:
                page.remove_obj(obj)
        page.gen_content()
    return _save(pdf)


def _save(pdf: Any) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def original() -> gd.Report:
    return gd.parse_pdf(HUAIAN)


def _assert_pictured(read: gd.Report, original: gd.Report, section: str) -> gd.Finding:
    (f,) = codes(read.findings, "parse.table-image").values()
    assert f.path == section
    assert_tables_pictured(read, original, {section})
    assert read.overview == original.overview
    assert read.problems == original.problems
    return f


def test_a_scanned_table_area_is_named(original: gd.Report) -> None:
    read = gd.parse_pdf(scanned_areas(REVIEW))
    f = _assert_pictured(read, original, "review_litigation")
    assert dict(f.params)["src"] == "page 5, image 1"
    assert dict(f.params)["count"] == 1
    assert f.source == gd.Source(page=5, x=0.0, y=498.0)
    assert read.review_litigation_text == original.review_litigation_text


def test_a_table_scanned_over_a_page_break_is_two_pictures(original: gd.Report) -> None:
    read = gd.parse_pdf(scanned_areas(APPLICATIONS))
    f = _assert_pictured(read, original, "applications")
    assert dict(f.params)["src"] == "page 4, image 1"
    assert dict(f.params)["count"] == 2
    grids = read_pdf_grids(scanned_areas(APPLICATIONS))
    assert [(it.page, it.index) for it in grids if isinstance(it, PdfImage)] == [(4, 1), (5, 1)]


def test_a_scanned_page_among_pages_of_text(original: gd.Report) -> None:
    """Section 三's table taken off pages 4 and 5, and a page that is only its scan put
    between them."""
    pdf = pdfium.PdfDocument(HUAIAN)
    scan = _render(pdf, 3)
    for index, top, bottom in APPLICATIONS:
        _clear(pdf, index, top, bottom)
    w, h = pdf[3].get_size()
    pdf.new_page(w, h, index=4)
    _picture(pdf, 4, scan, (0.0, 0.0, w, h))
    read = gd.parse_pdf(_save(pdf))
    f = _assert_pictured(read, original, "applications")
    assert dict(f.params)["src"] == "page 5, image 1"
    assert f.source is not None
    assert f.source.page == 5


def test_a_scanned_table_among_tables_read_as_text() -> None:
    """Without rules the tables are read as text, which sees no picture: the picture
    found in the blocks is named all the same."""
    plain = unruled()
    before = gd.parse_pdf(plain)
    assert before.review_litigation is not None  # (read as text)
    read = gd.parse_pdf(scanned_areas(REVIEW, source=io.BytesIO(plain)))
    (f,) = codes(read.findings, "parse.table-image").values()
    assert f.path == "review_litigation"
    assert dict(f.params)["src"] == "page 5, image 1"
    assert_tables_pictured(read, before, {"review_litigation"})


@pytest.mark.parametrize(
    "make",
    [
        # a picture under the text it shows (a scan with its recognised text, a background)
        lambda: scanned_areas(REVIEW, keep=True),
        # a picture too low to be a table (a banner): 5 % of the page high
        lambda: scanned_areas(((4, 498.0, 540.0),)),
        # a picture too narrow to be a table (a seal) where section 四's table was
        _seal,
    ],
    ids=["under-text", "low", "seal"],
)
def test_pictures_that_are_no_table(make: Callable[[], bytes]) -> None:
    data = make()
    assert not [it for it in read_pdf_grids(data) if isinstance(it, PdfImage)]
    assert "parse.table-image" not in {f.code for f in gd.parse_pdf(data).findings}


def test_a_pdf_of_scanned_pages_only_has_no_text_layer() -> None:
    pdf = pdfium.PdfDocument(HUAIAN)
    scans = [_render(pdf, k) for k in range(2)]
    out = pdfium.PdfDocument.new()
    w, h = pdf[0].get_size()
    for k, scan in enumerate(scans):
        out.new_page(w, h)
        _picture(out, k, scan, (0.0, 0.0, w, h))
    data = _save(out)
    assert [type(it) for it in read_pdf_grids(data)] == [PdfImage, PdfImage]
    with pytest.raises(gd.ParseError, match="no text layer"):
        gd.parse_pdf(data)
