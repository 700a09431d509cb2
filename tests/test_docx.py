"""render_docx: official layout, merged cells read back, cells as they are, round trip."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from docxmarks import edited, with_mark
from footnotes import assert_one_mark, report_with_figures
from govdisclosure.formats.docx import (
    DocxGrid,
    active_grid,
    applications_grid,
    parse_docx,
    read_docx_grids,
    review_grid,
    xml_safe,
)
from govdisclosure.strategies import valid_reports

docx = pytest.importorskip("docx")

REAL = Path(__file__).parent / "data" / "real"


def _shape(grid: DocxGrid) -> set[tuple[int, int, int, int, str]]:
    return {(c.row, c.column, c.rowspan, c.colspan, c.text) for c in grid.cells}


def _tables(data: bytes) -> list[DocxGrid]:
    return [it for it in read_docx_grids(data) if isinstance(it, DocxGrid)]


def _texts(data: bytes) -> list[str]:
    return [it for it in read_docx_grids(data) if isinstance(it, str)]


def _expected_grids(report: gd.Report, locale: str = "zh_CN") -> list[DocxGrid]:
    grids = []
    if report.active:
        grids.append(active_grid(report.active, locale))
    if report.applications is not None:
        grids.append(applications_grid(report.applications, locale))
    if report.review_litigation is not None:
        grids.append(review_grid(report.review_litigation, locale))
    return grids


@pytest.fixture(scope="module")
def huaian() -> gd.Report:
    return gd.parse_pdf(REAL / "huaian-2024.pdf")


# ------------------------------------------------------------------------ properties
# rendering and reading a Word document takes a while: fewer examples than the profile's
@settings(max_examples=15)
@given(valid_reports())
def test_every_cell_and_merge_reads_back(report: gd.Report) -> None:
    data = gd.render_docx(report)
    got = _tables(data)
    want = _expected_grids(report)
    assert [(g.rows, g.columns) for g in got] == [(g.rows, g.columns) for g in want]
    for g, w in zip(got, want, strict=True):
        assert _shape(g) == _shape(w)


@settings(max_examples=15)
@given(valid_reports())
def test_parse_docx_of_render_docx_is_identity(report: gd.Report) -> None:
    assert parse_docx(gd.render_docx(report)) == report


@settings(max_examples=8)
@given(valid_reports())
def test_the_english_word_layout_reads_back(report: gd.Report) -> None:
    """Headings, captions, labels and the date in English are put back into the
    official wording before the labels are matched."""
    assert parse_docx(gd.render_docx(report, locale="en")) == report


@settings(max_examples=10)
@given(
    valid_reports(),
    st.sampled_from(
        ["{short}{year}年政府信息公开工作年报", "{short} {year} 年政府信息公开工作年度报告"]
    ),
)
def test_a_title_that_names_the_organ_otherwise_keeps_the_organ(
    report: gd.Report, pattern: str
) -> None:
    """A title as published may name the organ in short (巡镇镇 for 河曲县巡镇镇人民政府):
    the organ survives the round trip, as it does through text and HTML."""
    short = report.organ.name[:2] + "镇"
    titled = attrs.evolve(report, title=pattern.format(short=short, year=report.year))
    back = parse_docx(gd.render_docx(titled))
    assert (back.organ, back.title) == (titled.organ, titled.title)
    assert back == titled


def test_the_seed_keeps_its_organ_and_its_title() -> None:
    seed = gd.parse_text((REAL / "xunzhen-2024.txt").read_text(encoding="utf-8"))
    assert seed.title
    assert seed.organ.name not in seed.title
    for locale in ("zh_CN", "en"):
        back = parse_docx(gd.render_docx(seed, locale=locale))
        assert (back.organ, back.title) == (seed.organ, seed.title)
    assert parse_docx(gd.render_docx(seed)) == seed


@settings(max_examples=10)
@given(valid_reports())
def test_english_keeps_every_figure(report: gd.Report) -> None:
    data = gd.render_docx(report, locale="en")
    got = _tables(data)
    want = _expected_grids(report, "en")
    for g, w in zip(got, want, strict=True):
        assert _shape(g) == _shape(w)
    texts = _texts(data)
    assert "I. Overview" in texts or report.overview is None


# ------------------------------------------------------------------------ geometry
@pytest.mark.parametrize(("edition", "outcome_rows"), [("2021", 22), ("2019", 20)])
def test_section_3_geometry(edition: str, outcome_rows: int) -> None:
    report = gd.build_report(organ="某县某局", year=2024 if edition == "2021" else 2020)
    assert report.applications is not None
    grid = _tables(gd.render_docx(report))[1]
    cells = {c.text: c for c in grid.cells if c.text}
    assert (grid.rows, grid.columns) == (3 + outcome_rows + 3, 10)
    corner = grid.cells[0]
    assert (corner.row, corner.column, corner.rowspan, corner.colspan) == (0, 0, 3, 3)
    assert corner.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (cells["申请人情况"].rowspan, cells["申请人情况"].colspan) == (1, 7)
    assert (cells["自然人"].rowspan, cells["自然人"].colspan) == (2, 1)
    assert (cells["总计"].rowspan, cells["总计"].colspan) == (2, 1)
    assert (cells["法人或其他组织"].rowspan, cells["法人或其他组织"].colspan) == (1, 5)
    assert cells["三、本年度办理结果"].rowspan == outcome_rows
    assert cells["（三）不予公开"].rowspan == 8
    assert cells["（四）无法提供"].rowspan == 3
    assert cells["（五）不予处理"].rowspan == 5
    other = cells["（六）其他处理"]
    if edition == "2021":
        assert (other.rowspan, other.colspan) == (3, 1)
    else:
        assert (other.rowspan, other.colspan) == (1, 2)
    assert cells["一、本年新收政府信息公开申请数量"].colspan == 3
    assert cells["（七）总计"].colspan == 2


def test_section_4_geometry() -> None:
    grid = _tables(gd.render_docx(gd.build_report(organ="某局", year=2024)))[2]
    assert (grid.rows, grid.columns) == (4, 15)
    head = {(c.row, c.column): c for c in grid.cells}
    assert head[0, 0].text == "行政复议"
    assert head[0, 0].colspan == 5
    assert (head[0, 5].text, head[0, 5].colspan) == ("行政诉讼", 10)
    assert (head[1, 0].text, head[1, 0].rowspan) == ("结果维持", 2)
    assert (head[1, 5].text, head[1, 5].colspan) == ("未经复议直接起诉", 5)
    assert (head[1, 10].text, head[1, 10].colspan) == ("复议后起诉", 5)
    assert [head[2, j].text for j in range(5, 10)] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]


def test_section_2_captioned_blocks(huaian: gd.Report) -> None:
    grid = _tables(gd.render_docx(huaian))[0]
    head = {(c.row, c.column): c for c in grid.cells}
    assert (head[0, 0].text, head[0, 0].colspan) == ("第二十条第（一）项", 4)
    assert [head[1, j].text for j in range(4)] == [
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]
    # a block with one value column spans the three value columns
    assert (head[6, 0].text, head[6, 1].text, head[6, 1].colspan) == ("行政许可", "447228", 3)
    assert (head[13, 1].text, head[13, 1].colspan) == ("96171.6", 3)


# ------------------------------------------------------------------------ cells as they are
def test_blank_placeholder_and_text_are_kept() -> None:
    report = gd.build_report(organ="某局", year=2024)
    assert report.applications is not None
    report = report.with_cell("applications.granted.natural_person", gd.BLANK)
    report = report.with_cell("applications.granted.commercial", gd.NotApplicable("/"))
    report = report.with_cell("applications.granted.research", gd.Text("不详"))
    report = report.with_cell("applications.granted.total", 12)
    grid = _tables(gd.render_docx(report))[1]
    row = 3 + 2  # three header rows, then 一、二、（一）
    assert [grid.text_at(row, j) for j in range(3, 10)] == ["", "/", "不详", "0", "0", "0", "12"]


def test_blank_and_placeholder_read_back() -> None:
    report = gd.build_report(organ="某局", year=2024)
    report = report.with_cell("applications.granted.natural_person", gd.BLANK)
    report = report.with_cell("applications.granted.commercial", gd.NotApplicable("/"))
    report = report.with_cell("review_litigation.review.total", gd.BLANK)
    assert parse_docx(gd.render_docx(report)) == report


# ------------------------------------------------------------------------ house style
@pytest.mark.parametrize("edition", list(gd.Edition))
def test_a_word_in_any_cell_reads_back(edition: gd.Edition) -> None:
    """不详 in place of any figure of any table, merged value cells included (a block
    with fewer value columns than the grid spans its cells), reads back into its cell:
    a word in a merged cell is one cell, as a figure is."""
    year = 2020 if edition is gd.Edition.V2019 else 2024
    base = gd.build_report(organ="某县某局", year=year, edition=edition)
    # one document per table: each table's cells spread over its rows (one word a row)
    for table in base.tables:
        changed = base
        spec = table.spec
        for i, row in enumerate(spec.rows):
            column = spec.columns[i % len(spec.columns)]
            changed = changed.with_cell(f"{table.id}.{row.id}.{column.id}", gd.Text("不详"))
        again = gd.parse(gd.render_docx(changed), format="docx")
        assert again.table(table.id) == changed.table(table.id), table.id


@pytest.mark.parametrize("edition", list(gd.Edition))
@pytest.mark.parametrize("pattern", ["wb", "bbw", "wbf"])
def test_rows_of_words_and_blanks_read_back(edition: gd.Edition, pattern: str) -> None:
    """Rows whose cells mix words in place of figures with blanks (不详, blank, 不详 …;
    blank, blank, 不详 …), and figures, read back cell for cell from Word: every row of
    every table, the pattern shifted by one cell from row to row."""
    year = 2020 if edition is gd.Edition.V2019 else 2024
    base = gd.build_report(organ="某县某局", year=year, edition=edition)
    values = {"w": gd.Text("不详"), "b": gd.BLANK, "f": 7}
    for table in base.tables:
        changed = base
        spec = table.spec
        for i, row in enumerate(spec.rows):
            for j, column in enumerate(spec.columns):
                value = values[pattern[(i + j) % len(pattern)]]
                changed = changed.with_cell(f"{table.id}.{row.id}.{column.id}", value)
        again = gd.parse(gd.render_docx(changed), format="docx")
        assert again.table(table.id) == changed.table(table.id), table.id


def _plain_docx(report: gd.Report) -> bytes:
    """``report`` as someone might type it into Word: each run of tab-separated lines of
    its text layout one plain table (no merged cells, label cells repeated as printed),
    every other line a paragraph."""
    doc = docx.Document()
    block: list[list[str]] = []

    def flush() -> None:
        if block:
            table = doc.add_table(rows=len(block), cols=max(len(r) for r in block))
            for i, row in enumerate(block):
                for j, text in enumerate(row):
                    table.cell(i, j).text = text
            block.clear()

    for line in gd.render_text(report).split("\n"):
        if "\t" in line:
            block.append(line.split("\t"))
        else:
            flush()
            doc.add_paragraph(line)
    flush()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@settings(max_examples=10, deadline=None)
@given(valid_reports())
def test_a_plain_word_document_of_the_text_layout_reads_back(report: gd.Report) -> None:
    """A Word document made by hand from the official text layout, with plain tables
    (not the house style of render_docx), reads back into the same tables."""
    again = gd.parse(_plain_docx(report), format="docx")
    assert again.tables == report.tables
    assert again.organ == report.organ
    assert again.year == report.year


def test_page_and_fonts(huaian: gd.Report) -> None:
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Mm, Pt  # noqa: PLC0415

    doc = docx.Document(io.BytesIO(gd.render_docx(huaian)))
    section = doc.sections[0]
    sizes = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    # Word stores twentieths of a point: a millimetre is exact to a few EMU
    for got, want in zip(sizes, (210, 297, 37, 35, 28, 26), strict=True):
        assert abs(got - Mm(want)) < Mm(0.05)

    def east_asian(run: object) -> str:
        fonts = run._element.rPr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
        return str(fonts.get(qn("w:eastAsia")))

    paragraphs = [p for p in doc.paragraphs if p.text]
    title = paragraphs[0]
    assert title.text == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert title.alignment == 1  # centred
    assert east_asian(title.runs[0]) == "方正小标宋简体"
    assert title.runs[0].font.size == Pt(22)
    heading = next(p for p in paragraphs if p.text == "一、总体情况")
    assert east_asian(heading.runs[0]) == "黑体"
    assert heading.runs[0].font.size == Pt(16)
    subhead = next(p for p in paragraphs if p.text.startswith("（一）主动公开情况"))
    assert east_asian(subhead.runs[0]) == "楷体_GB2312"
    assert subhead.runs[0].text == "（一）主动公开情况。"
    assert east_asian(subhead.runs[1]) == "仿宋_GB2312"
    assert subhead.runs[1].font.size == Pt(16)
    assert subhead.paragraph_format.first_line_indent == Pt(32)


def test_english_headings_and_glosses() -> None:
    report = gd.build_report(organ="Some Bureau", year=2024)
    data = gd.render_docx(report, locale="en")
    texts = _texts(data)
    assert "II. Proactive disclosure of government information" in texts
    grid = _tables(data)[1]
    labels = {c.text for c in grid.cells}
    assert "III. Outcomes of handling this year" in labels
    assert "(3) Not disclosed" in labels
    assert "Natural persons" in labels


def test_signature_block_carries_the_date() -> None:
    report = gd.build_report(organ="某县某局", year=2024, published="2025-01-20")
    texts = _texts(gd.render_docx(report))
    assert texts[-2:] == ["某县某局", "2025年1月20日"]
    assert parse_docx(gd.render_docx(report)).published == report.published


def test_not_a_word_document() -> None:
    with pytest.raises(gd.ParseError):
        parse_docx(b"PK\x03\x04 not really a zip")
    with pytest.raises(gd.ParseError):
        parse_docx(b"plain text")


def _spans_rewritten(data: bytes, rewrite: Any) -> bytes:
    """``data`` with the ``w:val`` of each ``w:gridSpan`` replaced by ``rewrite(val)``."""
    from docx.oxml.ns import qn  # noqa: PLC0415

    def edit(doc: Any) -> None:
        for el in doc.element.body.iter(qn("w:gridSpan")):
            el.set(qn("w:val"), rewrite(el.get(qn("w:val"))))

    return edited(data, edit)


@pytest.mark.parametrize("suffix", [".0", ";", " ", "px", ".5"])
def test_regression_a_span_that_is_no_whole_number_reads_as_its_digits(suffix: str) -> None:
    """A ``w:gridSpan`` of ``"2.0"`` or ``"2;"`` raised ``ValueError`` (python-docx's
    ``int()`` of the value); it spans its leading digits now, as LibreOffice reads it."""
    report = report_with_figures()
    data = gd.render_docx(report)
    again = parse_docx(_spans_rewritten(data, lambda v: v + suffix))
    assert again.tables == report.tables
    assert _tables(data) == _tables(_spans_rewritten(data, lambda v: v + suffix))


def test_regression_a_span_without_a_value_is_one_cell() -> None:
    """A ``w:gridSpan`` without its ``w:val`` raised python-docx's ``InvalidXmlError``
    (found by the fuzzer); it spans one column now, as LibreOffice reads it."""
    from docx.oxml.ns import qn  # noqa: PLC0415

    def edit(doc: Any) -> None:
        for el in doc.element.body.iter(qn("w:gridSpan")):
            del el.attrib[qn("w:val")]

    report = report_with_figures()
    again = gd.parse_docx(edited(gd.render_docx(report), edit))
    # (the reader puts the figures of the official layout in place all the same)
    assert again.tables == report.tables


@settings(max_examples=10)
@given(st.text(max_size=6))
def test_any_span_value_is_read_or_refused(value: str) -> None:
    """Whatever a ``w:gridSpan`` holds (no digits: a span of 1), a report, never an
    exception of python-docx."""
    value = xml_safe(value)
    data = _spans_rewritten(gd.render_docx(report_with_figures()), lambda _v: value)
    assert isinstance(parse_docx(data), gd.Report)


# ------------------------------------------------------------------------ footnote marks
@pytest.mark.parametrize(("mark", "align"), [("1", "superscript"), ("注2", "subscript")])
def test_a_superscript_run_in_a_cell_is_a_footnote_mark(mark: str, align: str) -> None:
    report = report_with_figures()
    data = with_mark(gd.render_docx(report), "5", mark, kind=align)
    again = parse_docx(data)
    assert again == report  # 5, not 51
    assert_one_mark(again, "active.art20_1.regulations.issued", mark, "5")


def test_a_superscript_beside_a_label_is_reported_with_its_row() -> None:
    report = report_with_figures()
    again = parse_docx(with_mark(gd.render_docx(report), "（一）予以公开", "1"))
    assert again == report
    notes = [f for f in again.findings if f.code == "parse.footnote-mark"]
    assert [(f.path, dict(f.params)) for f in notes] == [
        ("applications.granted.*", {"mark": "1", "text": "（一）予以公开"})
    ]


def test_a_cell_of_nothing_but_a_superscript_keeps_its_text() -> None:
    report = report_with_figures()
    doc = docx.Document(io.BytesIO(gd.render_docx(report)))
    cells = [cell for cell in doc.tables[0].columns[1].cells if cell.text == "5"]
    assert cells
    cells[0].paragraphs[0].runs[0].font.superscript = True
    out = io.BytesIO()
    doc.save(out)
    again = parse_docx(out.getvalue())
    assert again == report
    assert not [f for f in again.findings if f.code == "parse.footnote-mark"]


@settings(max_examples=6)
@given(valid_reports(), st.data())
def test_a_superscript_in_a_figure_cell_leaves_the_tables_and_is_reported(
    report: gd.Report, data: st.DataObject
) -> None:
    rendered = gd.render_docx(report)
    figures = [c.text for grid in _tables(rendered) for c in grid.cells if c.text.isdigit()]
    if not figures:
        return
    text = data.draw(st.sampled_from(figures))
    n = data.draw(st.integers(0, figures.count(text) - 1))
    mark = data.draw(st.sampled_from(["1", "*", "注", "10"]))
    again = parse_docx(with_mark(rendered, text, mark, n=n))
    assert again == report
    notes = [f for f in again.findings if f.code == "parse.footnote-mark"]
    assert [dict(f.params) for f in notes] == [{"mark": mark, "text": text}]
    assert str(again.cell(notes[0].path)) == text
