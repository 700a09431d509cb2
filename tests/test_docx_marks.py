"""Footnote marks in Word tables set off the line by a style or a position, and text
set off the line that is no mark (a whole cell raised, a figure levelled with the
characters beside it)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import govdisclosure as gd
from docxmarks import (
    KINDS,
    MARK_SIZE,
    cells,
    docx,
    edited,
    place,
    style,
    with_mark,
    with_marks,
)
from footnotes import assert_one_mark, report_with_figures
from govdisclosure.formats.docx import parse_docx
from govdisclosure.strategies import valid_reports
from realfigures import REPORTS

WD_STYLE_TYPE = docx.enum.style.WD_STYLE_TYPE


def _notes(report: gd.Report) -> list[gd.Finding]:
    return [f for f in report.findings if f.code == "parse.footnote-mark"]


def _cell(doc: docx.document.Document, text: str) -> docx.table._Cell:
    """The first table cell of ``doc`` whose text is ``text``."""
    return next(cell for cell in cells(doc) if cell.text == text)


@pytest.mark.parametrize("kind", [k for k in KINDS if k not in ("superscript", "subscript")])
def test_a_run_set_off_by_a_style_or_a_position_is_a_footnote_mark(kind: str) -> None:
    report = report_with_figures()
    again = parse_docx(with_mark(gd.render_docx(report), "5", "1", kind=kind))
    assert again == report  # 5, not 51
    assert_one_mark(again, "active.art20_1.regulations.issued", "1", "5")


def test_a_superscript_style_beside_a_label_is_reported_with_its_row() -> None:
    report = report_with_figures()
    again = parse_docx(with_mark(gd.render_docx(report), "（一）予以公开", "1", kind="style"))
    assert again == report
    assert [(f.path, dict(f.params)) for f in _notes(again)] == [
        ("applications.granted.*", {"mark": "1", "text": "（一）予以公开"})
    ]


def test_a_run_raised_at_the_size_of_its_text_is_text() -> None:
    """Word's "Raised by" levels a Latin figure with the Chinese characters beside it:
    raised alone, at the same size, is no mark."""
    report = report_with_figures()

    def level(doc: docx.document.Document) -> None:
        cell = _cell(doc, "5")
        place(cell.paragraphs[0].runs[0], 2)
        cell.paragraphs[0].add_run("件").font.size = cell.paragraphs[0].runs[0].font.size

    again = parse_docx(edited(gd.render_docx(report), level))
    assert again == report  # 5件 is 5
    assert not _notes(again)


def test_a_cell_raised_as_a_whole_is_its_figure() -> None:
    report = report_with_figures()

    def raise_cell(doc: docx.document.Document) -> None:
        for run in _cell(doc, "5").paragraphs[0].runs:
            place(run, 6)

    again = parse_docx(edited(gd.render_docx(report), raise_cell))
    assert again == report
    assert not _notes(again)


def test_a_smaller_run_raised_above_a_raised_cell_is_a_mark() -> None:
    report = report_with_figures()

    def raise_cell(doc: docx.document.Document) -> None:
        paragraph = _cell(doc, "5").paragraphs[0]
        place(paragraph.runs[0], 4)
        place(paragraph.add_run("1"), 10, MARK_SIZE)

    again = parse_docx(edited(gd.render_docx(report), raise_cell))
    assert again == report
    assert_one_mark(again, "active.art20_1.regulations.issued", "1", "5")


def _superscript_cell(doc: docx.document.Document, how: str) -> None:
    """The cell ``5`` in superscript as a whole, by a paragraph or a table style, with
    a run ``1`` of its own in superscript too."""
    cell = _cell(doc, "5")
    if how == "paragraph":
        cell.paragraphs[0].style = style(
            doc, "Raised Cell", WD_STYLE_TYPE.PARAGRAPH, superscript=True
        )
    else:
        table = next(t for t in doc.tables if cell._tc in t._tbl.iter(cell._tc.tag))
        table.style = style(doc, "Raised Table", WD_STYLE_TYPE.TABLE, superscript=True)
    cell.paragraphs[0].add_run("1").font.superscript = True


@pytest.mark.parametrize("how", ["paragraph", "table"])
def test_a_cell_in_superscript_as_a_whole_is_its_figure(how: str) -> None:
    """All the cell is in superscript, the run with its own superscript as the rest:
    the cell shows 51, and that is what it says."""
    report = report_with_figures()
    again = parse_docx(edited(gd.render_docx(report), lambda doc: _superscript_cell(doc, how)))
    assert again.active is not None
    assert str(again.cell("active.art20_1.regulations.issued")) == "51"
    assert not _notes(again)


def test_a_paragraph_in_a_superscript_style_below_the_figure_is_a_mark() -> None:
    report = report_with_figures()

    def edit(doc: docx.document.Document) -> None:
        note = _cell(doc, "5").add_paragraph("注1")
        note.style = style(doc, "Raised Cell", WD_STYLE_TYPE.PARAGRAPH, superscript=True)

    again = parse_docx(edited(gd.render_docx(report), edit))
    assert again == report
    assert_one_mark(again, "active.art20_1.regulations.issued", "注1", "5")


def test_a_run_set_back_on_the_line_in_a_superscript_paragraph() -> None:
    """A run's own ``w:vertAlign`` of baseline overrides its paragraph style's
    superscript: that run is the figure and the rest of the cell the mark."""
    report = report_with_figures()

    def edit(doc: docx.document.Document) -> None:
        paragraph = _cell(doc, "5").paragraphs[0]
        paragraph.style = style(doc, "Raised Cell", WD_STYLE_TYPE.PARAGRAPH, superscript=True)
        baseline = paragraph.runs[0]._r.get_or_add_rPr().get_or_add_vertAlign()
        baseline.set(docx.oxml.ns.qn("w:val"), "baseline")
        paragraph.add_run("1")

    again = parse_docx(edited(gd.render_docx(report), edit))
    assert again == report
    assert_one_mark(again, "active.art20_1.regulations.issued", "1", "5")


def test_a_style_that_sets_nothing_off_the_line_is_text() -> None:
    report = report_with_figures()

    def edit(doc: docx.document.Document) -> None:
        run = _cell(doc, "5").paragraphs[0].add_run("1")
        run.style = style(doc, "Bold Figure")
        run.style.font.bold = True

    again = parse_docx(edited(gd.render_docx(report), edit))
    assert str(again.cell("active.art20_1.regulations.issued")) == "51"
    assert not _notes(again)


# ------------------------------------------------------------------------ the fast path
def _document(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_a_document_without_marks_reads_its_cells_directly() -> None:
    """No ``w:vertAlign``, ``w:position`` or style of either named in the body: the
    cells' text is read as it is, the styles not looked at, even when the document
    defines a style in superscript it does not use, or uses a style that raises
    nothing."""
    from govdisclosure.formats._docxmarks import levels_of  # noqa: PLC0415 - new here

    rendered = gd.render_docx(report_with_figures())
    assert levels_of(_document(rendered)) is None

    def unused(doc: docx.document.Document) -> None:
        style(doc, "Note Base", superscript=True)
        style(doc, "Raised Cell", WD_STYLE_TYPE.PARAGRAPH, superscript=True)
        _cell(doc, "5").paragraphs[0].style = style(doc, "Plain", WD_STYLE_TYPE.PARAGRAPH)

    assert levels_of(_document(edited(rendered, unused))) is None
    for kind in KINDS:
        assert levels_of(_document(with_mark(rendered, "5", "1", kind=kind))) is not None


# ------------------------------------------------------------------------ properties
@settings(max_examples=8)
@given(valid_reports(), st.data())
def test_marks_of_every_kind_in_figure_cells_leave_the_tables(
    report: gd.Report, data: st.DataObject
) -> None:
    """A report as ``render_docx`` writes it, with a mark set off the line by any of
    the ways Word has in some of its figure cells: the same figures read back, and one
    ``parse.footnote-mark`` for each mark, quoting it and its cell's figure."""
    rendered = gd.render_docx(report)
    figures = {k: cell.text for k, cell in enumerate(cells(_document(rendered)))}
    figures = {k: text for k, text in figures.items() if text.isdigit()}
    if not figures:
        return
    places = data.draw(st.sets(st.sampled_from(sorted(figures)), min_size=1, max_size=4))
    marks = {
        k: (
            data.draw(st.sampled_from(["1", "2", "*", "注", "10"])),
            data.draw(st.sampled_from(KINDS)),
        )
        for k in sorted(places)
    }
    again = parse_docx(with_marks(rendered, marks))
    assert again == report
    notes = _notes(again)
    assert sorted((dict(f.params)["mark"], dict(f.params)["text"]) for f in notes) == sorted(
        (mark, figures[k]) for k, (mark, _) in marks.items()
    )
    for f in notes:
        assert str(again.cell(f.path)) == dict(f.params)["text"]


# ------------------------------------------------------------------------ real reports
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_real_reports_read_back_with_no_marks(name: str) -> None:
    """The seed and the three real reports (as ``parse_text`` reads them) through
    ``render_docx`` and back: the same report, and no finding the reading added."""
    report = REPORTS[name]()
    again = parse_docx(gd.render_docx(report))
    assert again == report
    assert not again.findings


@pytest.mark.parametrize("kind", ["superscript", "style", "raised"])
def test_a_mark_in_a_cell_wrapped_in_content_controls_is_a_mark(kind: str) -> None:
    """Marks are found in the paragraphs of a cell that content controls wrap, as in
    any cell (the reader walks through ``w:sdt`` at every level)."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def wrap_cell_paragraphs(doc: Any) -> None:
        for tc in doc.element.body.iter(f"{w}tc"):
            for p in tc.findall(f"{w}p"):
                sdt = etree.Element(f"{w}sdt")
                content = etree.SubElement(sdt, f"{w}sdtContent")
                tc.replace(p, sdt)
                content.append(p)

    report = report_with_figures()
    marked = with_mark(gd.render_docx(report), "5", "1", kind=kind)
    again = parse_docx(edited(marked, wrap_cell_paragraphs))
    assert again == report
    assert_one_mark(again, "active.art20_1.regulations.issued", "1", "5")
