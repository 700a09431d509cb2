"""Excel workbooks embedded in a Word document: the report's tables pasted into Word from
Excel as an object (``w:object`` with ``o:OLEObject ProgID="Excel.Sheet.12"``, its
picture in VML, its workbook in ``word/embeddings/Microsoft_Excel_Worksheet.xlsx``).

The workbook (OOXML) is read where its picture stands, as a table of the cells of the
sheet it shows: shared strings, inline strings, numbers, merged ranges (a range's value
in its top-left cell, the rest of it spanned as a Word table's merged cells are), only
the cells that hold something, within the part of the sheet the object shows
(``oleSize``). Each cell's source is the table's item and its row and column in the
sheet; a ``parse.embedded-sheet`` finding names the part, the sheet and the cells read.
Before, only a ``parse.embedded-object`` warning named the object, the table was lost,
and the structure check reported it missing. An Excel 97 object (``oleObject1.bin``)
or a workbook that cannot be read keeps that warning; a hostile one (a zip bomb, cells
a million rows apart, merged ranges over the whole sheet) is refused with
:class:`~govdisclosure.LimitExceeded`.

The workbooks are written here by hand, part by part, as Excel writes them.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from footnotes import report_with_figures
from govdisclosure.formats._raw import RawTable
from govdisclosure.formats.docx import (
    DocxCell,
    DocxGrid,
    DocxImage,
    active_grid,
    applications_grid,
    read_docx,
    read_docx_grids,
    review_grid,
)
from govdisclosure.strategies import reports
from test_docx_parts import _object_run, _saved
from test_nothing_lost import SLOW

docx = pytest.importorskip("docx")

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
_NUMBER = re.compile(r"0|[1-9][0-9]{0,14}")


def cell_name(row: int, column: int) -> str:
    """Excel's name of a cell (0-based row and column: ``cell_name(2, 27)`` is ``AB3``),
    written here as the test's own so that the test runs on code without a reader."""
    letters = ""
    n = column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[rest] + letters
    return f"{letters}{row + 1}"


def _t(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return f"<t{space}>{escape(text)}</t>"


def workbook(
    cells: Sequence[tuple[int, int, str]],
    merges: Sequence[str] = (),
    *,
    shown: str | None = None,
    sheet_xml: str | None = None,
    drop: Sequence[str] = (),
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """An ``.xlsx`` package as Excel writes it, of one sheet ``Sheet1`` holding
    ``cells`` (0-based row, column, text): a number (digits) as a number, every third
    other text as an inline string, the rest as shared strings; ``merges``, merged
    ranges (``A1:C3``); ``shown``, the workbook's ``oleSize`` (the part the object
    shows). ``sheet_xml`` replaces the sheet's part, ``drop`` leaves parts out and
    ``extra`` adds or replaces parts."""
    strings: list[str] = []
    rows: dict[int, list[str]] = {}
    for k, (r, c, text) in enumerate(sorted(cells)):
        ref = cell_name(r, c)
        if _NUMBER.fullmatch(text):
            xml = f'<c r="{ref}" s="1"><v>{text}</v></c>'
        elif k % 3 == 2:
            xml = f'<c r="{ref}" s="1" t="inlineStr"><is>{_t(text)}</is></c>'
        else:
            if text not in strings:
                strings.append(text)
            xml = f'<c r="{ref}" s="1" t="s"><v>{strings.index(text)}</v></c>'
        rows.setdefault(r, []).append(xml)
    data = "".join(
        f'<row r="{r + 1}" spans="1:{len(xs)}">{"".join(xs)}</row>'
        for r, xs in sorted(rows.items())
    )
    merged = (
        f'<mergeCells count="{len(merges)}">'
        + "".join(f'<mergeCell ref="{m}"/>' for m in merges)
        + "</mergeCells>"
        if merges
        else ""
    )
    dimension = "A1"
    if cells:
        dimension = (
            f"{cell_name(min(r for r, _, _ in cells), min(c for _, c, _ in cells))}:"
            f"{cell_name(max(r for r, _, _ in cells), max(c for _, c, _ in cells))}"
        )
    sheet = sheet_xml or (
        f'{_DECL}<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
        f'<dimension ref="{dimension}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="13.5"/><sheetData>{data}</sheetData>{merged}'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        "</worksheet>"
    )
    shared = (
        f'{_DECL}<sst xmlns="{_MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si>{_t(s)}</si>" for s in strings)
        + "</sst>"
    )
    ole = f'<oleSize ref="{shown}"/>' if shown else ""
    parts = {
        "[Content_Types].xml": (
            f"{_DECL}<Types "
            'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'{_DECL}<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_DECL}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
            '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" '
            'windowHeight="12300"/></bookViews>'
            f'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>{ole}</workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_DECL}<Relationships xmlns="{_RELS}">'
            f'<Relationship Id="rId1" Type="{_DOC_RELS}/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_DOC_RELS}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": shared,
    }
    blobs = {name: text.encode() for name, text in parts.items()} | (extra or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in blobs.items():
            if name not in drop:
                z.writestr(name, blob)
    return out.getvalue()


def grid_workbook(grid: DocxGrid, origin: tuple[int, int] = (0, 0), **kw: Any) -> bytes:
    """A workbook holding ``grid`` (its merged cells as merged ranges) from ``origin``."""
    top, left = origin
    cells = [(top + c.row, left + c.column, c.text) for c in grid.cells if c.text]
    merges = [
        f"{cell_name(top + c.row, left + c.column)}:"
        f"{cell_name(top + c.row + c.rowspan - 1, left + c.column + c.colspan - 1)}"
        for c in grid.cells
        if c.rowspan > 1 or c.colspan > 1
    ]
    return workbook(cells, merges, **kw)


def with_sheet(
    data: bytes, index: int, sheet: bytes, prog_id: str = "Excel.Sheet.12", **kw: Any
) -> bytes:
    """The Word document ``data`` with its table ``index`` replaced by a paragraph
    holding an embedded object of workbook ``sheet``."""
    doc = docx.Document(io.BytesIO(data))
    table = doc.tables[index]
    para = doc.add_paragraph()
    para._p.append(_object_run(doc, prog_id, sheet, **kw))
    table._tbl.addprevious(para._p)
    table._tbl.getparent().remove(table._tbl)
    return _saved(doc)


_GRIDS = {"active": active_grid, "applications": applications_grid, "review": review_grid}


def _section(report: gd.Report, which: str) -> tuple[int, DocxGrid] | None:
    """The index among the rendered document's tables of section ``which``'s table, and
    its grid; ``None`` when the report has none."""
    present = [
        ("active", report.active or None),
        ("applications", report.applications),
        ("review", report.review_litigation),
    ]
    tables = [name for name, t in present if t is not None]
    if which not in tables:
        return None
    table = dict(present)[which]
    return tables.index(which), _GRIDS[which](table)  # type: ignore[operator]


def _codes(report: gd.Report, *dropped: str) -> list[str]:
    return sorted(f.code for f in report.findings if f.code not in dropped)


# rendering and reading a Word document takes a while: fewer examples than the profile's
@settings(SLOW, max_examples=20)
@given(
    reports(),
    st.sampled_from(sorted(_GRIDS)),
    st.tuples(st.integers(0, 3), st.integers(0, 3)),
    st.booleans(),
)
def test_a_table_pasted_as_an_excel_object_reads_back_equal(
    report: gd.Report, which: str, origin: tuple[int, int], shown: bool
) -> None:
    found = _section(report, which)
    assume(found is not None)
    assert found is not None
    index, grid = found
    plain = gd.render_docx(report)
    last = cell_name(origin[0] + grid.rows - 1, origin[1] + grid.columns - 1)
    # a shown range a row and a column wider than the grid, as Excel's often are
    ole = f"{cell_name(*origin)}:{last}" if shown else None
    sheet = grid_workbook(grid, origin, shown=ole)
    before = gd.parse_docx(plain)
    after = gd.parse_docx(with_sheet(plain, index, sheet))
    assert after.tables == before.tables
    assert after.active == before.active
    assert after.applications == before.applications
    assert after.review_litigation == before.review_litigation
    assert _codes(after, "parse.embedded-sheet") == _codes(before)
    read = [f for f in after.findings if f.code == "parse.embedded-sheet"]
    assert len(read) == 1
    assert "parse.embedded-object" not in _codes(after)


def _pasted(report: gd.Report, origin: tuple[int, int] = (0, 0), **kw: Any) -> bytes:
    plain = gd.render_docx(report)
    return with_sheet(plain, 1, grid_workbook(applications_grid(report.applications), origin), **kw)


def test_section_three_is_read_from_the_sheet_where_its_picture_stood() -> None:
    report = report_with_figures()
    data = _pasted(report, (1, 1))
    items = read_docx_grids(data)
    grids = [it for it in items if isinstance(it, DocxGrid)]
    assert len(grids) == 3
    assert grids[1].origin == (1, 1)
    # the object's picture is not read as well: the table stands in its place
    assert not any(isinstance(it, DocxImage) for it in items)
    got = gd.parse_docx(data)
    plain = gd.parse_docx(gd.render_docx(report))
    assert got.applications == plain.applications
    assert "structure.missing-section" not in _codes(got)
    assert "parse.table-image" not in _codes(got)
    assert not [
        f for f in gd.check(got) if f.path.startswith("applications") and "missing" in f.code
    ]
    # each figure's source: the table's item, its row and column in the sheet
    k = items.index(grids[1])
    sources = {p: s for p, s in got.provenance.items() if p.startswith("applications.")}
    assert sources
    assert all(s is not None and s.table == k for s in sources.values())
    first = min((s.row, s.cell) for s in sources.values() if s is not None)
    assert first == (1 + 3, 1 + 3)  # the first figure, D4 of the grid moved to E5
    (read,) = [f for f in got.findings if f.code == "parse.embedded-sheet"]
    assert read.source == gd.Source(table=k)
    message = read.message("en")
    assert "Microsoft_Excel_Worksheet.xlsx" in message
    assert "Sheet1" in message
    last = cell_name(1 + grids[1].rows - 1, 1 + grids[1].columns - 1)
    assert f"B2:{last}" in message
    assert read.severity == "info"
    assert read.message("zh_CN") != message


def test_cells_as_excel_writes_them() -> None:
    cells = [
        (0, 0, "项目"),
        (0, 1, "数量"),
        (1, 0, "（一）予以公开"),
        (1, 1, "12"),
        (2, 0, "合计"),
    ]
    sheet = (
        f'{_DECL}<worksheet xmlns="{_MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" s="3"/></row>'  # a cell with a border only: nothing
        '<row r="2"><c r="A2" t="inlineStr"><is><r><t>（一）予以</t></r><r><t>公开</t></r>'
        '</is></c><c r="B2"><v>12</v></c><c r="C2" t="b"><v>1</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><f>SUM(B2:B2)</f><v>12.000000000000002</v>'
        '</c><c r="C3" t="e"><v>#DIV/0!</v></c></row>'
        '<row r="4"><c t="str"><v>a_x000D_b</v></c><c><v>1.5E-3</v></c></row>'
        '</sheetData><mergeCells count="1"><mergeCell ref="C1:C2"/></mergeCells></worksheet>'
    )
    shared = (
        f'{_DECL}<sst xmlns="{_MAIN}"><si><t>项目</t></si><si><t>数量</t>'
        '<rPh sb="0" eb="1"><t>スウリョウ</t></rPh></si><si><r><t>合</t></r><r><t>计</t></r></si></sst>'
    )
    data = workbook(cells, sheet_xml=sheet, extra={"xl/sharedStrings.xml": shared.encode()})
    doc = docx.Document()
    doc.add_paragraph("前言")
    doc.add_paragraph()._p.append(_object_run(doc, "Excel.Sheet.12", data))
    items = read_docx_grids(_saved(doc))
    assert items[0] == "前言"
    grid = items[1]
    assert isinstance(grid, DocxGrid)
    assert (grid.rows, grid.columns, grid.origin) == (4, 3, (0, 0))
    texts = {(c.row, c.column): c.text for c in grid.cells}
    assert texts == {
        (0, 0): "项目",
        (0, 1): "数量",
        (0, 2): "",  # the merged C1:C2: its top-left is blank, C2's TRUE is hidden by it
        (1, 0): "（一）予以公开",
        (1, 1): "12",
        (2, 0): "合计",
        (2, 1): "12",
        (2, 2): "#DIV/0!",
        (3, 0): "a\rb",
        (3, 1): "0.0015",
        (3, 2): "",  # a blank slot of the grid is a blank cell
    }
    assert next(c for c in grid.cells if (c.row, c.column) == (0, 2)).rowspan == 2


def test_a_merged_range_spans_as_a_word_merge_does() -> None:
    report = report_with_figures()
    data = _pasted(report)
    sheet_grid = [it for it in read_docx_grids(data) if isinstance(it, DocxGrid)][1]
    word_grid = [it for it in read_docx_grids(gd.render_docx(report)) if isinstance(it, DocxGrid)][
        1
    ]
    assert sheet_grid == word_grid
    blocks = [b for b in read_docx(data) if isinstance(b, RawTable)]
    plain = [b for b in read_docx(gd.render_docx(report)) if isinstance(b, RawTable)]
    assert [[c.text for c in r.cells] for r in blocks[1].rows] == [
        [c.text for c in r.cells] for r in plain[1].rows
    ]


def test_values_the_object_does_not_show_are_counted() -> None:
    cells = [(0, 0, "项目"), (0, 1, "数量"), (1, 0, "收到"), (1, 1, "3"), (9, 9, "77")]
    data = workbook(cells, shown="A1:B2")
    doc = report_doc_with(data)
    got = gd.parse_docx(doc)
    (read,) = [f for f in got.findings if f.code == "parse.embedded-sheet"]
    assert dict(read.params)["hidden"] == 1
    assert dict(read.params)["range"] == "A1:B2"
    grid = next(it for it in read_docx_grids(doc) if isinstance(it, DocxGrid))
    assert (grid.rows, grid.columns) == (2, 2)


def report_doc_with(sheet: bytes, prog_id: str = "Excel.Sheet.12", **kw: Any) -> bytes:
    """A small report whose only table is an embedded object of ``sheet``."""
    doc = docx.Document()
    doc.add_paragraph("某县某局2024年政府信息公开工作年度报告")
    doc.add_paragraph("一、总体情况")
    doc.add_paragraph("概述。")
    doc.add_paragraph()._p.append(_object_run(doc, prog_id, sheet, **kw))
    return _saved(doc)


# ------------------------------------------------------------------ not read
def test_an_excel_97_object_stays_a_named_picture() -> None:
    data = report_doc_with(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
        "Excel.Sheet.8",
        name="oleObject1.bin",
        content_type="application/vnd.openxmlformats-officedocument.oleObject",
    )
    items = read_docx_grids(data)
    assert not any(isinstance(it, DocxGrid) for it in items)
    assert any(isinstance(it, DocxImage) for it in items)
    got = gd.parse_docx(data)
    assert "parse.embedded-object" in _codes(got)
    assert "parse.embedded-sheet" not in _codes(got)


_GOOD = [(0, 0, "项目"), (0, 1, "数量"), (1, 0, "收到"), (1, 1, "3")]


@pytest.mark.parametrize(
    "sheet",
    [
        pytest.param(b"PK\x03\x04 not a zip at all", id="bad-zip"),
        pytest.param(workbook(_GOOD, drop=["xl/workbook.xml"]), id="no-workbook"),
        pytest.param(workbook(_GOOD, drop=["xl/worksheets/sheet1.xml"]), id="no-sheet"),
        pytest.param(workbook(_GOOD, drop=["xl/sharedStrings.xml"]), id="no-strings"),
        pytest.param(workbook(_GOOD, sheet_xml="<worksheet><sheetData>"), id="bad-xml"),
        pytest.param(workbook(_GOOD, extra={"xl/workbook.xml": b"<workbook/>"}), id="no-sheets"),
        pytest.param(
            workbook(
                _GOOD,
                sheet_xml=f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1">'
                '<c r="ZZZZ1"><v>1</v></c></row></sheetData></worksheet>',
            ),
            id="bad-reference",
        ),
        pytest.param(
            workbook(
                _GOOD,
                sheet_xml=f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1">'
                '<c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>',
            ),
            id="no-such-string",
        ),
        pytest.param(workbook([]), id="empty-sheet"),
        pytest.param(
            workbook(
                _GOOD, extra={"xl/workbook.xml": b'<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>'}
            ),
            id="external-entity",
        ),
    ],
)
def test_a_workbook_that_cannot_be_read_stays_a_named_picture(sheet: bytes) -> None:
    data = report_doc_with(sheet)
    items = read_docx_grids(data)
    assert not any(isinstance(it, DocxGrid) for it in items)
    got = gd.parse_docx(data)
    assert "parse.embedded-object" in _codes(got)
    assert "parse.embedded-sheet" not in _codes(got)


def _bomb() -> bytes:
    """A workbook whose sheet unpacks to 60 MB of blank rows (60 kB packed)."""
    out = io.BytesIO()
    good = zipfile.ZipFile(io.BytesIO(workbook(_GOOD)))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in good.infolist():
            data = good.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * 60_000_000)
            z.writestr(info.filename, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("sheet", "limits"),
    [
        pytest.param(_bomb(), gd.Limits(), id="zip-bomb"),
        pytest.param(
            workbook([(0, 0, "项目"), (1_048_575, 16_383, "1")]), gd.Limits(), id="far-apart"
        ),
        pytest.param(workbook(_GOOD, ["A1:XFD1048576"]), gd.Limits(), id="merge-all"),
        pytest.param(
            workbook(_GOOD, ["A1:CV100", "B2:CV100", "C3:CV100"]),
            gd.Limits(max_cells=12_000),
            id="overlapping-merges",
        ),
        pytest.param(workbook(_GOOD), gd.Limits(max_cells=3), id="max-cells"),
    ],
)
def test_a_hostile_workbook_is_refused(sheet: bytes, limits: gd.Limits) -> None:
    data = report_doc_with(sheet)
    with pytest.raises(gd.LimitExceeded):
        gd.parse_docx(data, limits=limits)


def test_a_huge_dimension_is_not_trusted() -> None:
    cells = "".join(
        f'<row r="{r + 1}">'
        + "".join(
            f'<c r="{cell_name(r, c)}" t="inlineStr"><is><t>{r}{c}</t></is></c>' for c in range(2)
        )
        + "</row>"
        for r in range(2)
    )
    sheet = (
        f'<worksheet xmlns="{_MAIN}"><dimension ref="A1:XFD1048576"/>'
        f"<sheetData>{cells}</sheetData></worksheet>"
    )
    data = report_doc_with(workbook([], sheet_xml=sheet))
    grid = next(it for it in read_docx_grids(data) if isinstance(it, DocxGrid))
    assert (grid.rows, grid.columns) == (2, 2)
    assert grid.cells[3] == DocxCell(1, 1, text="11")


_XML_BITS = '<>/="ABCrstvcifx_019: \x00\u00e9表'
_PARTS = (
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
)
_MERGED = [(0, 0, "项目"), (1, 0, "收到"), (1, 1, "3"), (2, 1, "1.5E-3"), (3, 3, "合计")]


def _edited(part: str, at: int, cut: int, insert: str) -> bytes:
    """The workbook of :data:`_MERGED` with ``cut`` characters of ``part`` from ``at``
    replaced by ``insert``."""
    merges, shown = ["A1:B1", "C3:D4"], "A1:D4"
    good = zipfile.ZipFile(io.BytesIO(workbook(_MERGED, merges, shown=shown)))
    text = good.read(part).decode()
    at %= len(text) + 1
    edited = {part: (text[:at] + insert + text[at + cut :]).encode()}
    return workbook(_MERGED, merges, shown=shown, extra=edited)


@settings(SLOW, max_examples=60)
@given(
    st.sampled_from(_PARTS),
    st.integers(0, 5000),
    st.integers(0, 40),
    st.text(alphabet=_XML_BITS, max_size=30),
)
def test_a_damaged_workbook_is_read_or_named_never_an_error(
    part: str, at: int, cut: int, insert: str
) -> None:
    data = report_doc_with(_edited(part, at, cut, insert))
    try:
        got = gd.parse_docx(data)
    except gd.ParseError:
        return  # (LimitExceeded is one)
    codes = _codes(got)
    assert ("parse.embedded-sheet" in codes) != ("parse.embedded-object" in codes)


@settings(SLOW, max_examples=60)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=6))
def test_a_workbook_of_damaged_bytes_is_read_or_named(flips: list[tuple[int, int]]) -> None:
    sheet = bytearray(workbook(_MERGED, ["A1:B1"]))
    for at, value in flips:
        sheet[at % len(sheet)] = value
    try:
        got = gd.parse_docx(report_doc_with(bytes(sheet)))
    except gd.ParseError:
        return
    codes = _codes(got)
    assert ("parse.embedded-sheet" in codes) != ("parse.embedded-object" in codes)


def test_the_active_sheet_is_read() -> None:
    second = zipfile.ZipFile(io.BytesIO(workbook(_GOOD))).read("xl/worksheets/sheet1.xml")
    book = (
        f'{_DECL}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
        '<bookViews><workbookView activeTab="1"/></bookViews><sheets>'
        '<sheet name="草稿" sheetId="1" r:id="rId1"/><sheet name="表三" sheetId="2" r:id="rId3"/>'
        "</sheets></workbook>"
    )
    rels = (
        f'{_DECL}<Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId3" Type="{_DOC_RELS}/worksheet" '
        'Target="/xl/worksheets/sheet2.xml"/>'
        f'<Relationship Id="rId2" Type="{_DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )
    # (the second sheet's strings: the first sheet, which is not read, shares them)
    strings = zipfile.ZipFile(io.BytesIO(workbook(_GOOD))).read("xl/sharedStrings.xml")
    extra = {
        "xl/workbook.xml": book.encode(),
        "xl/_rels/workbook.xml.rels": rels.encode(),
        "xl/worksheets/sheet2.xml": second,
        "xl/sharedStrings.xml": strings,
    }
    data = report_doc_with(workbook([(0, 0, "草稿"), (0, 1, "99")], extra=extra))
    grid = next(it for it in read_docx_grids(data) if isinstance(it, DocxGrid))
    assert [c.text for c in grid.cells] == ["项目", "数量", "收到", "3"]
    (read,) = [f for f in gd.parse_docx(data).findings if f.code == "parse.embedded-sheet"]
    assert dict(read.params)["sheet"] == "表三"


@pytest.mark.parametrize(
    ("prog_id", "name", "content_type"),
    [
        ("Excel.Sheet.12", "Microsoft_Excel_Worksheet1.xlsx", "application/octet-stream"),
        ("Excel.Sheet.12", "package1.bin", "application/vnd.openxmlformats-officedocument.package"),
        (
            "Excel.SheetMacroEnabled.12",
            "Microsoft_Excel_Macro-Enabled_Worksheet.xlsm",
            "application/vnd.ms-excel.sheet.macroEnabled.12",
        ),
    ],
)
def test_a_workbook_is_known_by_its_type_its_name_or_its_program(
    prog_id: str, name: str, content_type: str
) -> None:
    data = report_doc_with(workbook(_GOOD), prog_id, name=name, content_type=content_type)
    grid = next(it for it in read_docx_grids(data) if isinstance(it, DocxGrid))
    assert [c.text for c in grid.cells] == ["项目", "数量", "收到", "3"]
