"""parse_pdf: the real PDF attachments, their defects, provenance, hostile input, round trip."""

from __future__ import annotations

import contextlib
import io
import json
import re
import tracemalloc
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from footnotes import report_with_figures
from govdisclosure.formats._reader import RawTable
from govdisclosure.formats.pdf import (
    PdfCell,
    PdfGrid,
    _join_chars,
    _split_marks,
    read_pdf_blocks,
    read_pdf_grids,
)
from govdisclosure.strategies import valid_reports
from govdisclosure.template import template
from libreoffice import docx_to_pdf, needs_soffice_pdf, words_in_place

pdfplumber = pytest.importorskip("pdfplumber")

DATA = Path(__file__).parent / "data"
REAL = DATA / "real"
NAMES = ("huaian-2024", "hongze-2023", "hongze-2024")


def expected(name: str) -> dict[str, Any]:
    """The hand-typed figures of ``tests/data/expected/<name>.json``."""
    with (DATA / "expected" / f"{name}.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def expected_cells(data: dict[str, Any]) -> dict[str, Any]:
    """``{cell path: value}`` from an expected-figures file (see its README)."""
    out: dict[str, Any] = {}
    for row_path, values in data["rows"].items():
        table_id = next(
            (t for t in ("applications", "review_litigation") if row_path.startswith(t + ".")),
            ".".join(row_path.split(".")[:2]),
        )
        spec = template(data["editions"][table_id]).table(table_id)
        for column, value in zip(spec.columns, values, strict=True):
            out[f"{row_path}.{column.id}"] = Decimal(value) if isinstance(value, str) else value
    return out


@pytest.fixture(scope="module")
def reports() -> dict[str, gd.Report]:
    """The three real PDFs, parsed once for the module."""
    return {name: gd.parse_pdf(REAL / f"{name}.pdf") for name in NAMES}


def _codes(report: gd.Report) -> set[tuple[str, str]]:
    return {(f.code, f.path) for f in gd.check(report)}


# ------------------------------------------------------------------------ figures
@pytest.mark.parametrize("name", NAMES)
def test_every_figure_of_sections_2_3_4(reports: dict[str, gd.Report], name: str) -> None:
    report = reports[name]
    data = expected(name)
    cells = expected_cells(data)
    assert len(cells) == (200 if name == "huaian-2024" else 186)
    wrong = {p: (v, report.cell(p)) for p, v in cells.items() if report.cell(p) != v}
    assert wrong == {}
    # no cell the expected file does not know of
    paths = {f"{t.id}.{r}.{c}" for t in report.tables for r, c, _ in t.items()}
    assert paths == set(cells)
    assert report.organ.name == data["organ"]
    assert report.year == data["year"]
    assert {t.id: t.edition.value for t in report.tables} == data["editions"]


def test_huaian_2024_reads_clean(reports: dict[str, gd.Report]) -> None:
    report = reports["huaian-2024"]
    assert report.findings == ()
    assert [f for f in gd.check(report) if f.severity != "info"] == []
    assert report.title == ""  # the official pattern
    assert report.organ.kind is gd.OrganKind.GOVERNMENT


def test_hongze_2023_defects(reports: dict[str, gd.Report]) -> None:
    report = reports["hongze-2023"]
    findings = {(f.code, f.path): f for f in gd.check(report)}
    review = findings["review.group-total", "review_litigation.review.total"]
    assert (review.expected, review.actual) == (11, 0)
    after = findings["review.group-total", "review_litigation.litigation_after_review.total"]
    assert (after.expected, after.actual) == (5, 0)
    variant = findings["parse.label-variant", "applications.denied.prohibited_by_law.*"]
    assert variant.args["found"] == "2.其他法律行政止公开"
    assert variant.source is not None
    assert variant.source.page == 3


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024"])
def test_hongze_single_other_row_is_edition_2019(reports: dict[str, gd.Report], name: str) -> None:
    report = reports[name]
    assert report.applications is not None
    assert report.applications.edition is gd.Edition.V2019
    assert {t.edition for t in report.active} == {gd.Edition.V2021}
    assert report.review_litigation is not None
    assert report.review_litigation.edition is gd.Edition.V2021
    assert ("structure.edition-mismatch", "applications") in _codes(report)
    codes = {f.code for f in report.findings}
    assert "parse.label-variant" in codes


def test_hongze_2024_has_no_arithmetic_errors(reports: dict[str, gd.Report]) -> None:
    errors = [f for f in gd.check(reports["hongze-2024"]) if f.severity == "error"]
    assert errors == []


# ------------------------------------------------------------------------ provenance
@pytest.mark.parametrize("name", NAMES)
def test_every_cell_has_a_page_and_a_position(reports: dict[str, gd.Report], name: str) -> None:
    report = reports[name]
    paths = [f"{t.id}.{r}.{c}" for t in report.tables for r, c, _ in t.items()]
    assert set(report.provenance) == set(paths)
    for path in paths:
        src = report.provenance[path]
        assert src.page is not None, path
        assert src.x is not None, path
        assert src.y is not None, path


def test_provenance_pages_follow_the_document(reports: dict[str, gd.Report]) -> None:
    prov = reports["huaian-2024"].provenance
    assert prov["active.art20_1.regulations.issued"].page == 3
    assert prov["active.art20_6.penalty.decisions"].page == 4  # the table runs on to page 4
    assert prov["applications.new_received.total"].page == 4
    assert prov["applications.unavailable.needs_creation.total"].page == 5
    assert prov["review_litigation.review.total"].page == 5
    first = prov["applications.new_received.natural_person"]
    last = prov["applications.new_received.total"]
    assert first.page == last.page
    assert first.y == pytest.approx(last.y, abs=2)
    assert first.x is not None
    assert last.x is not None
    assert first.x < last.x


# ------------------------------------------------------------------------ prose
def test_narrative_in_reading_order(reports: dict[str, gd.Report]) -> None:
    report = reports["huaian-2024"]
    assert report.preamble.startswith("本报告由淮安市人民政府办公室根据")
    assert report.overview is not None
    assert report.overview.subheads[0] == "（一）主动公开情况"
    assert len(report.overview.paragraphs) == 6
    # a paragraph running over the page break from page 1 to page 2 stays one paragraph
    assert "一流营商环境高质量推进产业发展" in report.overview.text
    assert report.other is not None
    assert report.other.text.endswith("全年收取政府信息公开信息处理费3940元。")
    assert report.problems is not None
    assert len(report.problems.paragraphs) == 2


@pytest.mark.parametrize("name", NAMES)
def test_no_page_numbers_in_the_text(reports: dict[str, gd.Report], name: str) -> None:
    report = reports[name]
    texts = [report.preamble, report.active_text, report.applications_text]
    texts += [n.text for n in (report.overview, report.problems, report.other) if n]
    for text in texts:
        assert not re.search(r"-\s*\d+\s*-", text)
        assert text == "\n".join(p.strip() for p in text.split("\n") if p.strip())


# ------------------------------------------------------------------------ geometry
def _grids(name: str) -> list[PdfGrid]:
    return [it for it in read_pdf_grids(REAL / f"{name}.pdf") if isinstance(it, PdfGrid)]


def _cell(grid: PdfGrid, text: str) -> PdfCell:
    return next(c for c in grid.cells if c.text == text)


@pytest.mark.parametrize(("name", "outcome_rows"), [("huaian-2024", 22), ("hongze-2023", 20)])
def test_merged_cells_of_section_3(name: str, outcome_rows: int) -> None:
    grids = _grids(name)
    assert len(grids) == 3  # section 二, 三 and 四, each joined over its page breaks
    active, apps, review = grids
    assert (active.rows, active.columns) == (14, 4)
    assert _cell(active, "第二十条第（一）项").colspan == 4
    assert (apps.columns, apps.rows) == (10, 3 + outcome_rows + 3)
    corner = apps.cells[0]
    assert (corner.rowspan, corner.colspan) == (3, 3)
    assert corner.text.startswith("（本列数据的勾稽关系为")
    assert _cell(apps, "申请人情况").colspan == 7
    assert _cell(apps, "自然人").rowspan == 2
    assert _cell(apps, "法人或其他组织").colspan == 5
    assert _cell(apps, "总计").rowspan == 2
    # a label printed one character a line is one cell
    group = _cell(apps, "三、本年度办理结果")
    assert (group.rowspan, group.colspan) == (outcome_rows, 1)
    assert _cell(apps, "（三）不予公开").rowspan == 8
    # cut by the page break in the 淮安 report ("（四）无" | "法提供"), joined again
    assert _cell(apps, "（四）无法提供").rowspan == 3
    assert _cell(apps, "（五）不予处理").rowspan == 5
    assert (review.rows, review.columns) == (4, 15)
    assert _cell(review, "行政诉讼").colspan == 10
    assert _cell(review, "未经复议直接起诉").colspan == 5


def test_wrapped_labels_are_joined() -> None:
    apps = _grids("huaian-2024")[1]
    labels = {c.text for c in apps.cells}
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels
    assert "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in labels
    assert "5.要求行政机关确认或重新出具已获取信息" in labels


def test_blocks_keep_a_spanned_figure_once() -> None:
    blocks = read_pdf_blocks(REAL / "huaian-2024.pdf")
    rows = [
        [c.text for c in row.cells] for b in blocks if isinstance(b, RawTable) for row in b.rows
    ]
    assert ["行政许可", "447228", "", ""] in rows


# ------------------------------------------------------------------------ hostile input
def test_truncated_pdf() -> None:
    data = (REAL / "huaian-2024.pdf").read_bytes()
    with pytest.raises(gd.ParseError):
        gd.parse_pdf(data[: len(data) // 3])


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 8,
        b"%PDF-1.4\n%%EOF\n",
        b"%PDF",
        b"",
        b"not a pdf at all",
        b"%PDF-1.5\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    ],
)
def test_garbage_raises_parse_error(data: bytes) -> None:
    with pytest.raises(gd.ParseError):
        gd.parse_pdf(data)


_HONGZE_2024 = (REAL / "hongze-2024.pdf").read_bytes()


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(_HONGZE_2024) - 1), st.binary(min_size=1, max_size=40)),
        min_size=1,
        max_size=12,
    )
)
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_damaged_pdf_is_read_or_refused(engine: str, damage: list[tuple[int, bytes]]) -> None:
    """Bytes overwritten anywhere: a report or a ParseError, never another exception,
    with either engine (PDFium mends some damage pdfminer does not: the outcomes may
    differ)."""
    if engine == "pdfium":
        pytest.importorskip("pypdfium2")
    data = bytearray(_HONGZE_2024)
    for pos, chunk in damage:
        data[pos : pos + len(chunk)] = chunk
    with contextlib.suppress(gd.ParseError):
        gd.parse_pdf(bytes(data), engine=engine)  # type: ignore[arg-type]


def test_encrypted_pdf() -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(REAL / "hongze-2024.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(gd.ParseError, match="encrypted"):
        gd.parse_pdf(buf.getvalue())


def test_pdf_without_text_layer() -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(gd.ParseError, match="text layer"):
        gd.parse_pdf(buf.getvalue())


def test_max_pages() -> None:
    with pytest.raises(gd.LimitExceeded):
        gd.parse_pdf(REAL / "huaian-2024.pdf", max_pages=5)


def test_missing_file() -> None:
    with pytest.raises(FileNotFoundError):
        gd.parse_pdf(REAL / "no-such-report.pdf")


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_memory_does_not_grow_with_pages(engine: str) -> None:
    """Pages are released as they are read (with PDFium, its page and pdfminer's
    objects): four times the pages, about the same peak memory. (The peak itself is
    compared: a page kept alive is still held when the reading ends, so the peak less
    what is held then would hide it.)"""
    pypdf = pytest.importorskip("pypdf")
    if engine == "pdfium":
        pytest.importorskip("pypdfium2")
    reader = pypdf.PdfReader(REAL / "hongze-2024.pdf")

    def repeated(times: int) -> bytes:
        writer = pypdf.PdfWriter()
        for _ in range(times):
            for page in reader.pages:
                writer.add_page(page)  # the pages share their fonts, as in one long report
        buf = io.BytesIO()
        writer.write(buf)
        return buf.getvalue()

    def peak(data: bytes) -> int:
        tracemalloc.start()
        try:
            assert read_pdf_blocks(data, engine=engine)  # type: ignore[arg-type]
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    one = repeated(1)
    read_pdf_blocks(one, engine=engine)  # type: ignore[arg-type]  # warm up imports and caches
    small, large = peak(one), peak(repeated(4))
    assert large < 2 * small


def _chars(*placed: tuple[str, float]) -> list[dict[str, Any]]:
    """Characters of one line, each at its left edge, 5 points wide, size 10."""
    return [{"text": t, "x0": x, "x1": x + 5.0, "size": 10} for t, x in placed]


def test_digits_spread_over_a_ruled_cell_are_one_figure() -> None:
    """In a ruled cell, digits apart (distributed alignment, 分散对齐) join into one
    figure, as Latin words apart do not; in extracted text (``spaced``) a gap separates
    cells."""
    apart = _chars(("1", 0.0), ("0", 30.0))
    assert _join_chars(apart) == "10"
    assert gd.model.read_cell(_join_chars(apart)).value == 10
    assert _join_chars(apart, spaced=True) == "1 0"
    assert _join_chars(_chars(("A", 0.0), ("B", 30.0))) == "A B"
    assert _join_chars(_chars(("1", 0.0), ("0", 5.5))) == "10"


# ------------------------------------------------------------------------ footnote marks
def _char(text: str, x0: float, size: float = 10.0, bottom: float = 110.0) -> dict[str, Any]:
    """A character on a line whose baseline (bottom) is at ``bottom``."""
    width = size / 2
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + width,
        "size": size,
        "top": bottom - size,
        "bottom": bottom,
    }


def test_a_small_raised_or_lowered_digit_beside_a_figure_is_a_mark() -> None:
    figure = [_char("1", 0.0), _char("2", 5.0)]
    sup = _char("1", 10.0, size=6.0, bottom=106.0)  # raised by 4 points, 60 % the size
    rest, mark = _split_marks([*figure, sup])
    assert (_join_chars(rest), mark) == ("12", "1")
    sub = _char("2", 10.0, size=8.8, bottom=111.5)  # 88 % the size, lowered (LibreOffice)
    assert _split_marks([*figure, sub]) == (figure, "2")
    run = [_char("1", 10.0, 6.0, 106.0), _char("0", 13.0, 6.0, 106.0)]
    assert _split_marks([*figure, *run])[1] == "10"
    star = _char("＊", 10.0, 6.0, 106.0)
    assert _split_marks([*figure, star])[1] == "＊"


def test_ordinary_cell_text_keeps_its_characters() -> None:
    figure = [_char("1", 0.0), _char("2", 5.0)]
    same = [*figure, _char("3", 10.0)]
    assert _split_marks(same) == (same, "")  # one size
    apart = [_char("1", 0.0), _char("0", 30.0)]  # distributed alignment (分散对齐)
    assert _split_marks(apart) == (apart, "")
    small_on_line = [*figure, _char("3", 10.0, size=9.0, bottom=110.0)]  # not raised
    assert _split_marks(small_on_line) == (small_on_line, "")
    word = [*figure, _char("注", 10.0, 6.0, 106.0)]  # not a digit nor an asterisk
    assert _split_marks(word) == (word, "")
    alone = [_char("1", 10.0, 6.0, 106.0)]  # a cell of nothing but the mark
    assert _split_marks(alone) == (alone, "")
    far = [*figure, _char("1", 40.0, 6.0, 106.0)]  # not beside the figure
    assert _split_marks(far) == (far, "")


# ------------------------------------------------------------------------ round trip
@needs_soffice_pdf
@pytest.mark.parametrize("name", NAMES)
def test_round_trip_real_figures_through_word_and_libreoffice(name: str, tmp_path: Path) -> None:
    original = gd.parse_pdf(REAL / f"{name}.pdf")
    pdf = docx_to_pdf(gd.render_docx(original), tmp_path)
    again = gd.parse_pdf(pdf)
    assert again == original
    assert all(src.page is not None for src in again.provenance.values())


@needs_soffice_pdf
@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=valid_reports())
def test_round_trip_generated_reports(report: gd.Report, tmp_path_factory: Any) -> None:
    workdir = tmp_path_factory.mktemp("lo")
    assert gd.parse_pdf(docx_to_pdf(gd.render_docx(report), workdir)) == report


@needs_soffice_pdf
@pytest.mark.parametrize("edition", list(gd.Edition))
def test_words_in_place_of_figures_through_word_and_libreoffice(
    edition: gd.Edition, tmp_path: Path
) -> None:
    """略 and 不详 in first, middle and last cells of every table, merged value cells
    included, read back from a PDF into their cells (LibreOffice prints the Word
    document; the merged cells come back as merged PDF cells)."""
    year = 2020 if edition is gd.Edition.V2019 else 2024
    report = words_in_place(gd.build_report(organ="某县某局", year=year, edition=edition))
    again = gd.parse_pdf(docx_to_pdf(gd.render_docx(report), tmp_path))
    assert again.tables == report.tables
    assert again.findings == ()


@needs_soffice_pdf
@pytest.mark.parametrize("edition", list(gd.Edition))
def test_rows_of_words_and_blanks_through_word_and_libreoffice(
    edition: gd.Edition, tmp_path: Path
) -> None:
    """Rows of words and blanks with no figure (不详, blank, 不详 …; blank, blank, 不详 …)
    in every row of every table read back from a PDF cell for cell (they were read as
    labels, and the rows lost)."""
    year = 2020 if edition is gd.Edition.V2019 else 2024
    report = gd.build_report(organ="某县某局", year=year, edition=edition)
    values = {"w": gd.Text("不详"), "b": gd.BLANK}
    for table in report.tables:
        spec = table.spec
        for i, row in enumerate(spec.rows):
            pattern = ("wb", "bbw")[i % 2]
            for j, column in enumerate(spec.columns):
                value = values[pattern[(i + j) % len(pattern)]]
                report = report.with_cell(f"{table.id}.{row.id}.{column.id}", value)
    again = gd.parse_pdf(docx_to_pdf(gd.render_docx(report), tmp_path))
    assert again.tables == report.tables


@needs_soffice_pdf
@pytest.mark.slow
def test_a_report_of_more_than_two_hundred_pages_is_read_by_default(tmp_path: Path) -> None:
    """A report whose section 五 runs over two hundred pages (appendices bound in) is read
    with the default limits: every table, and section 五 whole."""
    sentence = (
        "第{}项：我单位坚持以公开为常态、不公开为例外，认真落实政府信息公开各项要求，持续改进。"
    )
    problems = "\n".join(
        "".join(sentence.format(10 * p + k) for k in range(10)) for p in range(1, 330)
    )
    report = gd.build_report(
        organ="淮安市财政局",
        year=2024,
        applications={"new_received": {"natural_person": 3}, "granted": {"natural_person": 3}},
        problems=problems,
    )
    pdf = docx_to_pdf(gd.render_docx(report), tmp_path)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) > 200
    again = gd.parse_pdf(pdf)
    assert again.tables == report.tables
    assert again.problems == report.problems


@needs_soffice_pdf
def test_a_paragraph_ending_at_the_margin_on_a_page_of_short_paragraphs(
    tmp_path: Path,
) -> None:
    """Two paragraphs of section 五, the first ending near the right margin, on a page
    whose indented first lines outnumber the lines at the margin: the text column's
    left edge is still the margin, so the indented line starts a new paragraph (found
    by Hypothesis: the two were read as one)."""
    problems = (
        "围绕重点领域持续深化信息公开，回应社会关切。将政务公开工作纳入年度考核内容，"
        "压实工作责任。我单位坚持以公开为常态、不公开为例外，认真落实政府信息公开各项要求。\n"
        "我单位坚持以公开为常态、不公开为例外，认真落实政府信息公开各项要求。"
    )
    report = gd.build_report(organ="淮安市财政局", year=2023, problems=problems)
    again = gd.parse_pdf(docx_to_pdf(gd.render_docx(report), tmp_path))
    assert again.problems == report.problems


# ------------------------------------------------------------------------ unruled tables
def test_unruled_tables_are_read_as_text() -> None:
    """A PDF whose tables are lines of text without rules reads as its text does."""
    report = gd.parse_pdf(DATA / "pdf" / "huaian-2024-unruled.pdf")
    text = gd.parse_text((REAL / "huaian-2024.pdfplumber.txt").read_text("utf-8"))
    assert [t.id for t in report.tables] == [t.id for t in text.tables]
    assert report.tables == text.tables
    cells = expected_cells(expected("huaian-2024"))
    assert {p: report.cell(p) for p in cells} == cells
    for path, src in report.provenance.items():
        assert src.page is not None, path
        assert src.y is not None, path


@needs_soffice_pdf
def test_superscript_and_subscript_marks_in_a_word_table_printed_to_pdf(tmp_path: Path) -> None:
    """A mark set in superscript (or subscript) in Word and printed by LibreOffice reads
    as a mark beside the figure, reported with its cell, not as a digit of it."""
    report = report_with_figures()
    docx = pytest.importorskip("docx")
    doc = docx.Document(io.BytesIO(gd.render_docx(report)))
    issued = next(c for c in doc.tables[0].columns[1].cells if c.text == "5")
    issued.paragraphs[0].add_run("1").font.superscript = True
    received = next(c for c in doc.tables[1].columns[3].cells if c.text == "12")
    received.paragraphs[0].add_run("2").font.subscript = True
    out = io.BytesIO()
    doc.save(out)
    again = gd.parse_pdf(docx_to_pdf(out.getvalue(), tmp_path))
    assert again == report  # 5 and 12, not 51 and 122
    notes = [(f.path, dict(f.params)) for f in again.findings if f.code == "parse.footnote-mark"]
    assert notes == [
        ("active.art20_1.regulations.issued", {"mark": "1", "text": "5"}),
        ("applications.new_received.natural_person", {"mark": "2", "text": "12"}),
    ]
