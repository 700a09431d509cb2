"""DOCX: a report as a Word document in the house style of official documents.

:func:`render_docx` lays the report out as GB/T 9704 asks of 党政机关公文: A4 paper,
margins of 37 mm (top), 35 mm (bottom), 28 mm (left) and 26 mm (right); the title in
方正小标宋简体 二号 (22 pt), centred; the body in 仿宋_GB2312 三号 (16 pt) with a
first-line indent of two characters; first-level headings (一、…) in 黑体 and
second-level ones (（一）…) in 楷体_GB2312. East Asian font names are written to
``w:eastAsia`` so that Word, WPS and LibreOffice choose them for Chinese text.

The tables follow the official geometry cell for cell: section 二's captioned blocks
in one four-column table; section 三 with its 勾稽 note merged over three columns and
three header rows, 申请人情况 over the seven data columns, 自然人 and 总计 over two
header rows, 法人或其他组织 over five columns, 三、本年度办理结果 down its outcome rows
and （三）–（六） down their sub-rows; section 四 with its three header rows. Cells are
written as they are: a blank cell stays blank, a placeholder keeps its mark, text is
kept verbatim, and no zero is ever invented.

:func:`read_docx` reads such a document (or any Word document with the report's
tables) back into the blocks of the shared reading layer, and :func:`parse_docx` into a
report. Both need the optional extra ``docx`` (python-docx).
"""

from __future__ import annotations

import bisect
import io
import os
import re
import zipfile
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from govdisclosure.checks.registry import N_, finding
from govdisclosure.errors import LimitExceeded, ParseError
from govdisclosure.formats._cells import repeats_in_span
from govdisclosure.formats._docxcharts import GRAPHIC_TAGS, graphic_findings
from govdisclosure.formats._docxmarks import (
    WRAPPERS,
    Levels,
    children,
    levels_of,
    split_marks,
    split_row_marks,
    table_style,
)
from govdisclosure.formats._docxtext import cell_paragraphs, shown
from govdisclosure.formats._english import english_to_official
from govdisclosure.formats._furniture import furniture_findings, is_page_field
from govdisclosure.formats._raw import RawImage, RawTable, make_image
from govdisclosure.formats._render import cell_text, paragraphs, words
from govdisclosure.formats._xlsx import Sheet, SheetError
from govdisclosure.formats._xlsx import read_sheet as read_xlsx_sheet
from govdisclosure.i18n import normalize_locale
from govdisclosure.limits import Budget, Limits, input_size, read_input, resolve
from govdisclosure.model import Finding, Narrative, Report, Source, Table
from govdisclosure.template import Edition, template

if TYPE_CHECKING:
    from govdisclosure.formats._reader import Block

__all__ = [
    "DocxCell",
    "DocxGrid",
    "DocxImage",
    "active_grid",
    "applications_grid",
    "docx_reports",
    "parse_docx",
    "read_docx",
    "read_docx_grids",
    "render_docx",
    "review_grid",
    "spanned_text",
]

TITLE_FONT: Final = "方正小标宋简体"
BODY_FONT: Final = "仿宋_GB2312"
HEADING1_FONT: Final = "黑体"
HEADING2_FONT: Final = "楷体_GB2312"
LATIN_FONT: Final = "Times New Roman"
TITLE_SIZE: Final = 22.0
BODY_SIZE: Final = 16.0
TABLE_SIZE: Final = 10.5
"""五号, the usual size of tables in official documents."""
TABLE_SIZE_EN: Final = 8.0
LINE_SPACING: Final = 28.0
"""Exact line spacing of the body, in points (22 lines on a GB/T 9704 page)."""


def _docx() -> Any:
    try:
        import docx  # noqa: PLC0415 - optional extra, imported when used
    except ImportError as exc:  # pragma: no cover - depends on the environment
        msg = "Word documents need python-docx: pip install 'govdisclosure[docx]'"
        raise ImportError(msg) from exc
    return docx


# ------------------------------------------------------------------------ layout model
@attrs.frozen
class DocxImage:
    """A picture in a paragraph of a Word document (a screenshot of a table, a seal).

    ``src`` is its part in the package (``media/image3.png``, the target of its
    relationship) or the address it links to; ``alt`` its alternative text (the
    description, else the title, Word keeps for it), empty when none."""

    src: str
    alt: str = ""


@attrs.frozen
class DocxCell:
    """One cell of a table grid: its top-left slot, its spans and its text."""

    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    text: str = ""
    header: bool = False
    mark: str = ""
    """The footnote marks read out of the cell's text (superscript or subscript runs, or
    smaller runs raised or lowered, beside other text), blank-separated; empty when it
    has none."""


@attrs.frozen
class DocxGrid:
    """A table as a grid of merged cells."""

    rows: int
    columns: int
    cells: tuple[DocxCell, ...]
    widths: tuple[float, ...] = ()
    """Column widths in millimetres."""
    origin: tuple[int, int] = (0, 0)
    """Where the grid's first slot is in what it was read from (0-based row and column):
    for a table read from an embedded Excel sheet, the sheet's (``(1, 1)`` for ``B2``);
    the sources of its cells count from there."""

    def text_at(self, row: int, column: int) -> str:
        """The text of the cell covering a grid slot."""
        for c in self.cells:
            if c.row <= row < c.row + c.rowspan and c.column <= column < c.column + c.colspan:
                return c.text
        raise KeyError((row, column))


def _en(locale: str) -> bool:
    return locale.lower().replace("-", "_").startswith("en")


def active_grid(tables: Sequence[Table], locale: str = "zh_CN") -> DocxGrid:
    """Section 二 as one four-column grid of captioned blocks."""
    en = _en(locale)
    cells: list[DocxCell] = []
    row = 0
    for t in tables:
        spec = t.spec
        cells.append(DocxCell(row, 0, 1, 4, spec.en if en else spec.caption, header=True))
        row += 1
        spans = _value_spans(len(spec.columns))
        cells.append(DocxCell(row, 0, text=spec.corner_en if en else spec.corner, header=True))
        for (col, span), c in zip(spans, spec.columns, strict=True):
            cells.append(DocxCell(row, col, 1, span, c.en if en else c.label, header=True))
        row += 1
        for r, values in zip(spec.rows, t.cells, strict=True):
            cells.append(DocxCell(row, 0, text=r.en if en else r.label, header=True))
            for (col, span), v, c in zip(spans, values, spec.columns, strict=True):
                cells.append(DocxCell(row, col, 1, span, cell_text(v, c, locale)))
            row += 1
    return DocxGrid(row, 4, tuple(cells), (48.0, 36.0, 36.0, 36.0))


def _value_spans(n: int) -> list[tuple[int, int]]:
    """Where ``n`` value columns sit in the three value slots (the last takes the rest)."""
    spans = [(1 + k, 1) for k in range(n)]
    if n and n < 3:
        col, _ = spans[-1]
        spans[-1] = (col, 4 - col)
    return spans


def applications_grid(table: Table, locale: str = "zh_CN") -> DocxGrid:
    """Section 三 as the official ten-column grid with its merged header and labels."""
    en = _en(locale)
    spec = table.spec
    cells: list[DocxCell] = [
        DocxCell(0, 0, 3, 3, spec.corner_en if en else spec.corner, header=True),
        DocxCell(0, 3, 1, 7, (spec.column_group_en if en else spec.column_group) or "", True),
    ]
    members = set(spec.column_subgroup_members)
    sub_done = False
    for j, c in enumerate(spec.columns):
        col = 3 + j
        label = c.en if en else c.label
        if c.id in members:
            if not sub_done:
                text = (spec.column_subgroup_en if en else spec.column_subgroup) or ""
                cells.append(DocxCell(1, col, 1, len(members), text, header=True))
                sub_done = True
            cells.append(DocxCell(2, col, text=label, header=True))
        else:
            cells.append(DocxCell(1, col, 2, 1, label, header=True))
    base = 3
    rows = spec.rows
    k = 0
    while k < len(rows):
        r = rows[k]
        if r.group is None:
            cells.append(DocxCell(base + k, 0, 1, 3, r.en if en else r.label, header=True))
            k += 1
            continue
        # a run of rows under the same group label (三、本年度办理结果)
        end = k
        while end < len(rows) and rows[end].group == r.group:
            end += 1
        group_text = template(table.edition).gloss(r.group) if en else r.group
        cells.append(DocxCell(base + k, 0, end - k, 1, group_text, header=True))
        i = k
        while i < end:
            ri = rows[i]
            if ri.subgroup is None:
                cells.append(DocxCell(base + i, 1, 1, 2, ri.en if en else ri.label, header=True))
                i += 1
                continue
            stop = i
            while stop < end and rows[stop].subgroup == ri.subgroup:
                stop += 1
            sub_text = template(table.edition).gloss(ri.subgroup) if en else ri.subgroup
            cells.append(DocxCell(base + i, 1, stop - i, 1, sub_text, header=True))
            for m in range(i, stop):
                rm = rows[m]
                cells.append(DocxCell(base + m, 2, text=rm.en if en else rm.label, header=True))
            i = stop
        k = end
    for k, values in enumerate(table.cells):
        for j, (v, c) in enumerate(zip(values, spec.columns, strict=True)):
            cells.append(DocxCell(base + k, 3 + j, text=cell_text(v, c, locale)))
    widths = (7.0, 22.0, 43.0, *([12.0] * 7))
    return DocxGrid(base + len(rows), 10, tuple(cells), widths)


def review_grid(table: Table, locale: str = "zh_CN") -> DocxGrid:
    """Section 四 as the official fifteen-column grid with its three header rows."""
    en = _en(locale)
    spec = table.spec
    n = len(spec.columns)
    members = set(spec.row_group_members)
    cells: list[DocxCell] = []
    col = 0
    group_done = False
    for r, values in zip(spec.rows, table.cells, strict=True):
        label = r.en if en else r.label
        if r.id in members:
            if not group_done:
                text = (spec.row_group_en if en else spec.row_group) or ""
                cells.append(DocxCell(0, col, 1, n * len(members), text, header=True))
                group_done = True
            cells.append(DocxCell(1, col, 1, n, label, header=True))
            for j, c in enumerate(spec.columns):
                cells.append(DocxCell(2, col + j, text=c.en if en else c.label, header=True))
        else:
            cells.append(DocxCell(0, col, 1, n, label, header=True))
            for j, c in enumerate(spec.columns):
                cells.append(DocxCell(1, col + j, 2, 1, c.en if en else c.label, header=True))
        for j, (v, c) in enumerate(zip(values, spec.columns, strict=True)):
            cells.append(DocxCell(3, col + j, text=cell_text(v, c, locale)))
        col += n
    return DocxGrid(4, col, tuple(cells), tuple([156.0 / col] * col))


# ------------------------------------------------------------------------ rendering
def _east_asian(run_or_style: Any, name: str, latin: str = LATIN_FONT) -> None:
    from docx.oxml.ns import qn  # noqa: PLC0415

    run_or_style.font.name = latin
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), name)


_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    r"""``text`` with the characters XML 1.0 cannot hold (control characters other than
    tab and line breaks, lone surrogates) replaced by U+FFFD, so they stay visible.

    >>> xml_safe("a\x00b\x0bc") == "a\ufffdb\ufffdc"
    True
    """
    return _NOT_XML.sub("\ufffd", text)


def _run(paragraph: Any, text: str, font: str, size: float, *, bold: bool = False) -> Any:
    from docx.shared import Pt  # noqa: PLC0415

    run = paragraph.add_run(xml_safe(text))
    _east_asian(run, font)
    run.font.size = Pt(size)
    run.font.bold = bold
    return run


def _body_format(paragraph: Any, *, indent: bool = True) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_SPACING)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(2 * BODY_SIZE) if indent else Pt(0)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _split_subhead(text: str) -> tuple[str, str]:
    """A paragraph opening with （一）… split after its sub-head (up to the first 。)."""
    stripped = text.lstrip()
    if not stripped.startswith(("（", "(")):
        return "", text
    close = stripped.find("）") if "）" in stripped[:6] else stripped.find(")")
    if close < 0 or close > 6 or not all(ch in "一二三四五六七八九十" for ch in stripped[1:close]):
        return "", text
    stop = stripped.find("。")
    if stop < 0 or stop > 60:
        return stripped, ""
    return stripped[: stop + 1], stripped[stop + 1 :]


def _paragraphs(doc: Any, text: str) -> None:
    for para in paragraphs(text):
        p = doc.add_paragraph()
        _body_format(p)
        head, rest = _split_subhead(para)
        if head:
            _run(p, head, HEADING2_FONT, BODY_SIZE)
        if rest:
            _run(p, rest, BODY_FONT, BODY_SIZE)


def _heading(doc: Any, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415

    p = doc.add_paragraph()
    _body_format(p)
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.keep_with_next = True
    _run(p, text, HEADING1_FONT, BODY_SIZE)


def _set_width(cell: Any, mm: float) -> None:
    from docx.shared import Mm  # noqa: PLC0415

    cell.width = Mm(mm)


def _cant_split(row: Any) -> None:
    """Keep a table row on one page (a row cut by a page break reads as two)."""
    from docx.oxml.ns import qn  # noqa: PLC0415

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))
    height = tr_pr.makeelement(qn("w:trHeight"), {qn("w:val"): "397", qn("w:hRule"): "atLeast"})
    tr_pr.append(height)  # 7 mm


def _cell_margins(table: Any, margin: Any) -> None:
    """Narrow left and right cell margins, so that figures fit the narrow columns."""
    from docx.oxml.ns import qn  # noqa: PLC0415

    tbl_pr = table._tbl.tblPr
    mar = tbl_pr.makeelement(qn("w:tblCellMar"), {})
    for side in ("left", "right"):
        el = mar.makeelement(qn(f"w:{side}"), {qn("w:w"): str(margin.twips), qn("w:type"): "dxa"})
        mar.append(el)
    tbl_pr.append(mar)


def _table(doc: Any, grid: DocxGrid, size: float = TABLE_SIZE) -> Any:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING  # noqa: PLC0415
    from docx.shared import Mm, Pt  # noqa: PLC0415

    table = doc.add_table(rows=grid.rows, cols=grid.columns)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = grid.widths or tuple([156.0 / grid.columns] * grid.columns)
    for j, col in enumerate(table.columns):
        col.width = Mm(widths[j])
    _cell_margins(table, Mm(1))
    # the grid's cells in one pass (table.cell() recomputes them at every call); merged
    # regions are disjoint, so merging one leaves the cells of the others in place
    slots = table._cells
    for row in table.rows:
        _cant_split(row)
    for k, cell in enumerate(slots):
        _set_width(cell, widths[k % grid.columns])
    for c in grid.cells:
        if c.rowspan > 1 or c.colspan > 1:
            last = (c.row + c.rowspan - 1) * grid.columns + c.column + c.colspan - 1
            slots[c.row * grid.columns + c.column].merge(slots[last])
    slots = table._cells  # now each merged cell repeated in the slots it covers
    # rows of headings only (captions, column headers) stay on the page of the row below
    has_values = {i for c in grid.cells if not c.header for i in range(c.row, c.row + c.rowspan)}
    for c in grid.cells:
        target = slots[c.row * grid.columns + c.column]
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = target.paragraphs[0]
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.first_line_indent = Pt(0)
        fmt.keep_with_next = c.row + c.rowspan - 1 not in has_values
        left_label = c.header and c.column < 3 and c.colspan < 4 and grid.columns == 10
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if left_label else WD_ALIGN_PARAGRAPH.CENTER
        if c.text:
            _run(p, c.text, BODY_FONT, size)
    return table


def _page_setup(doc: Any) -> None:
    from docx.shared import Mm, Pt  # noqa: PLC0415

    for section in doc.sections:
        section.page_width = Mm(210)
        section.page_height = Mm(297)
        section.top_margin = Mm(37)
        section.bottom_margin = Mm(35)
        section.left_margin = Mm(28)
        section.right_margin = Mm(26)
        section.footer_distance = Mm(28) - Mm(7)
        footer = section.footer.paragraphs[0]
        footer.alignment = 1  # centre
        _run(footer, "— ", "宋体", 14)
        _page_field(footer)
        _run(footer, " —", "宋体", 14)
    normal = doc.styles["Normal"]
    _east_asian(normal, BODY_FONT)
    normal.font.size = Pt(BODY_SIZE)


def _page_field(paragraph: Any) -> None:
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    run = paragraph.add_run()
    run.font.size = Pt(14)
    _east_asian(run, "宋体")
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind is not None:
            el = run.element.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        elif text == " PAGE ":
            el = run.element.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            el.text = text
        else:
            el = run.element.makeelement(qn("w:t"), {})
            el.text = text
        run.element.append(el)


def _title(report: Report, locale: str) -> str:
    return words(normalize_locale(locale)).title(report)


def _section_heading(section_id: str, locale: str) -> str:
    s = template(Edition.V2021).section(section_id)
    return s.heading_en if _en(locale) else s.heading


def render_docx(report: Report, *, locale: str = "zh_CN") -> bytes:
    """The report as a Word document (``.docx`` bytes) in the official layout.

    ``locale="en"`` writes headings and labels in English from the template's glosses;
    the figures and the report's own text are never changed. Needs the optional extra
    ``docx`` (python-docx).
    """
    docx = _docx()
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    doc = docx.Document()
    _page_setup(doc)
    # English labels are longer: a smaller table font keeps words whole in narrow columns
    table_size = TABLE_SIZE_EN if _en(locale) else TABLE_SIZE
    if report.title and report.organ.name:
        # a title as published need not name the organ as it is (巡镇镇 … 年报 of
        # 河曲县巡镇镇人民政府): the organ goes on a line of its own above it, as
        # render_text writes it and as reports print a title over two lines
        organ = doc.add_paragraph()
        organ.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(organ, report.organ.name, TITLE_FONT, TITLE_SIZE)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(BODY_SIZE)
    _run(title, _title(report, locale), TITLE_FONT, TITLE_SIZE)
    if report.preamble:
        _paragraphs(doc, report.preamble)
    for section_id in ("overview", "active", "applications", "review_litigation"):
        present = _present(report, section_id)
        if not present:
            continue
        _heading(doc, _section_heading(section_id, locale))
        if section_id == "overview":
            assert report.overview is not None
            _paragraphs(doc, report.overview.text)
        elif section_id == "active":
            _paragraphs(doc, report.active_text)
            if report.active:
                _table(doc, active_grid(report.active, locale), table_size)
        elif section_id == "applications":
            _paragraphs(doc, report.applications_text)
            if report.applications is not None:
                _table(doc, applications_grid(report.applications, locale), table_size)
        else:
            _paragraphs(doc, report.review_litigation_text)
            if report.review_litigation is not None:
                _table(doc, review_grid(report.review_litigation, locale), table_size)
    for section_id in ("problems", "other"):
        narrative: Narrative | None = getattr(report, section_id)
        if narrative is None:
            continue
        _heading(doc, _section_heading(section_id, locale))
        _paragraphs(doc, narrative.text)
    if report.published is not None:
        # the signature block: organ and date, right-aligned (read back as the date)
        for k, text in enumerate(
            (report.organ.name, words(normalize_locale(locale)).day(report.published))
        ):
            p = doc.add_paragraph()
            _body_format(p, indent=False)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if k == 0:
                p.paragraph_format.space_before = Pt(2 * LINE_SPACING)
            _run(p, text, BODY_FONT, BODY_SIZE)
    props = doc.core_properties
    props.title = xml_safe(_title(report, locale))
    props.author = xml_safe(report.organ.name)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _present(report: Report, section_id: str) -> bool:
    if section_id == "overview":
        return report.overview is not None
    if section_id == "active":
        return bool(report.active) or bool(report.active_text)
    if section_id == "applications":
        return report.applications is not None or bool(report.applications_text)
    return report.review_litigation is not None or bool(report.review_litigation_text)


# ------------------------------------------------------------------------ reading
def _open(source: str | os.PathLike[str] | bytes, limits: Limits) -> Any:
    """The python-docx document of ``source`` (a path or the file's bytes), refused
    beyond ``limits.max_bytes`` before python-docx reads it: the file's size, then the
    size of its parts once uncompressed (a document of a few hundred kilobytes can
    unpack to gigabytes of XML)."""
    docx = _docx()
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        input_size(data, limits)
    else:
        data = read_input(source if isinstance(source, os.PathLike) else Path(source), limits)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            # (zipfile reads no part beyond the size its entry declares: a part that
            # declares less than it holds fails its checksum instead)
            unpacked = sum(info.file_size for info in package.infolist())
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,  # a zip version or compression method zipfile lacks
    ) as exc:
        msg = f"not a readable Word document ({type(exc).__name__}: {str(exc)[:200]})"
        raise ParseError(msg) from exc
    limits.check("max_bytes", unpacked, "bytes of the Word document's parts, uncompressed")
    try:
        try:
            return docx.Document(io.BytesIO(data))
        except ValueError as exc:
            if "is not a Word file" not in str(exc):
                raise
            # a template (.dotx, .dotm) or a document with macros (.docm): the same
            # document part under another content type, which python-docx refuses
            return docx.Document(io.BytesIO(_as_document(data)))
    except Exception as exc:
        msg = f"not a readable Word document ({type(exc).__name__}: {str(exc)[:200]})"
        raise ParseError(msg) from exc


_MAIN_TYPES: Final = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_DOCUMENT_TYPE: Final = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)


def _as_document(data: bytes) -> bytes:
    """The package ``data`` with its main part declared a Word document (the content
    type of a ``.dotx``, ``.dotm`` or ``.docm`` replaced; nothing else changes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as z:
        for info in zin.infolist():
            content = zin.read(info)
            if info.filename == "[Content_Types].xml":
                for main in _MAIN_TYPES:
                    content = content.replace(main, _DOCUMENT_TYPE)
            z.writestr(info, content)
    return out.getvalue()


def _grid_of(
    table: Any,
    limits: Limits,
    levels: Levels | None = None,
    notes: list[tuple[str, str]] | None = None,
) -> DocxGrid:
    """A Word table's merged cells, from ``w:gridSpan`` and ``w:vMerge`` (``levels``:
    the document may set text off the line, superscript or raised, and such text is read
    out of the cells as footnote marks; :mod:`~govdisclosure.formats._docxmarks`). A
    cell's text is what Word shows (``govdisclosure.formats._docxtext``: tabs and
    line breaks kept, tracked changes accepted, a text box read as more lines of the
    cell); a row deleted as a tracked change is not read. The notes the cells refer to
    are added to ``notes``. A ``w:gridSpan`` is clamped to ``limits.max_span``; a grid
    beyond ``limits.max_cells`` raises :class:`~govdisclosure.LimitExceeded`."""
    max_span = limits.max_span
    # column -> [row, column, rowspan, colspan, text, mark]
    open_cells: dict[int, list[Any]] = {}
    done: list[list[Any]] = []
    n_cols = 0
    rows = [tr for tr in children(table._tbl, _TR_TAG) if tr.find(_ROW_DELETED) is None]
    tstyle = table_style(table._tbl) if levels is not None else None
    for i, tr in enumerate(rows):
        col = 0
        for tc in children(tr, _TC_TAG):
            try:
                span = max(1, min(int(tc.grid_span), max_span))
            except (ValueError, _invalid_xml()):  # a w:val that is no whole number or none
                span = _leading_span(tc, max_span)
            vmerge = tc.vMerge
            mark = ""
            lines, refs = cell_paragraphs(tc)
            if notes is not None:
                notes.extend(refs)
            if levels is not None:
                text, mark = split_marks(lines, levels, tstyle)
            else:
                text = "\n".join("".join(t.text for t in ts) for _, ts in lines).strip()
            if vmerge == "continue" and col in open_cells:
                open_cells[col][2] += 1
            else:
                if col in open_cells:
                    done.append(open_cells.pop(col))
                entry = [i, col, 1, span, text, mark]
                if vmerge == "restart":
                    open_cells[col] = entry
                else:
                    done.append(entry)
            col += span
        n_cols = max(n_cols, col)
        # a vertical merge ends where the next row has no continuation for it
        for c in list(open_cells):
            if c >= col:
                done.append(open_cells.pop(c))
    limits.check("max_cells", len(rows) * n_cols, "cells of a table of the Word document")
    done.extend(open_cells.values())
    cells = tuple(
        DocxCell(r, c, rs, cs, t, mark=m)
        for r, c, rs, cs, t, m in sorted(done, key=lambda e: (e[0], e[1]))
    )
    return DocxGrid(len(rows), n_cols, cells)


_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_GRID_SPAN_VAL: Final = f"{_W}tcPr/{_W}gridSpan"
_LEADING_DIGITS: Final = re.compile(r"\s*(\d+)")


def _invalid_xml() -> type[Exception]:
    """python-docx's error for an attribute it requires that is missing."""
    from docx.oxml.exceptions import InvalidXmlError  # noqa: PLC0415 - optional extra

    return InvalidXmlError


def _leading_span(tc: Any, max_span: int) -> int:
    """The span of a cell whose ``w:gridSpan`` is no whole number: its leading digits,
    as LibreOffice reads it (``"2;"`` is 2, ``"1.5"`` is 1), else 1 (none given too);
    clamped."""
    el = tc.find(_GRID_SPAN_VAL)
    m = _LEADING_DIGITS.match(el.get(f"{_W}val", "")) if el is not None else None
    return max(1, min(int(m.group(1)), max_span)) if m else 1


_ROW_DELETED: Final = f"{_W}trPr/{_W}del"
_TC_TAG: Final = f"{_W}tc"
_TR_TAG: Final = f"{_W}tr"
_P_TAG: Final = f"{_W}p"


def read_docx_grids(
    source: str | os.PathLike[str] | bytes, *, limits: Limits | None = None
) -> list[DocxGrid | DocxImage | str]:
    """The tables (as grids of merged cells), paragraphs and pictures of a Word document,
    in order.

    A paragraph's text is what Word shows with tracked changes accepted
    (``govdisclosure.formats._docxtext``): a tab is a tab and a line break a line
    break (a table pasted as text keeps its cells tab-separated), deleted and moved-away
    text is not read, a field is read by its result. The text is stripped of white space
    other than tabs (a row of tab-separated cells may open with an empty cell). A text
    box is read once, as paragraphs and tables after the paragraph that anchors it; a
    footnote or endnote, once, as paragraphs and tables after the paragraph or table
    that first refers to it.

    Text of a table cell set off the line beside other text is a footnote mark:
    superscript or subscript (a run's own formatting or its styles'), or raised or
    lowered and smaller than the cell's text. The cell's text is read without it and the
    mark kept in :attr:`DocxCell.mark`; so is a mark of a paragraph holding a table row
    as text (cells separated by tabs), each cell taken on its own. Content controls (``w:sdt``) and custom XML are read
    through, as Word shows them. A table that holds tables (a layout table around the
    report) is read cell by cell: its paragraphs and tables in order. A paragraph's
    pictures (:class:`DocxImage`, DrawingML or VML) follow its text; those in the cells
    of a table that is not such a layout table are not read.

    A part imported into the document (``w:altChunk``) is read where it stands: a web
    page as :func:`~govdisclosure.parse_html` reads a page (its tables as grids
    of the cells it repeats over their spans), plain text as paragraphs of its lines;
    another part (RTF, MHTML, a Word document) is not read. When ``parse_docx`` reads the
    document, such a part is named in a ``parse.unread-part`` finding.

    An Excel workbook embedded in a paragraph (``w:object`` with an ``o:OLEObject`` whose
    part is an OOXML workbook: an Excel sheet pasted into the report) is read in place of
    its picture, as a grid of the cells of the sheet it shows
    (``govdisclosure.formats._xlsx``), :attr:`DocxGrid.origin` where the grid starts in
    the sheet; ``parse_docx`` notes it in a ``parse.embedded-sheet`` finding. Any other
    embedded object (an Excel 97 sheet, ``oleObject1.bin``; a workbook that cannot be
    read; an object in a table's cell) is left its picture, read as a picture, and is
    named in a ``parse.embedded-object`` finding with its program.

    Raises :class:`~govdisclosure.LimitExceeded` beyond ``limits`` (default: the
    process-wide :func:`~govdisclosure.get_limits`): ``max_bytes`` (the file and its
    parts uncompressed), ``max_lines`` (paragraphs, those of text boxes and notes
    included), ``max_tables``, ``max_cells``, ``max_total_cells`` and ``time_budget``,
    the same for an embedded workbook (its parts uncompressed, its grid, its merged
    ranges); spans are clamped to ``max_span``."""
    limits = resolve(limits)
    return _read_grids(source, limits, limits.budget())


def _read_grids(
    source: str | os.PathLike[str] | bytes,
    limits: Limits,
    budget: Budget,
    found: list[Finding] | None = None,
) -> list[DocxGrid | DocxImage | str]:
    """:func:`read_docx_grids` within ``budget``; ``found`` (when given) is given a
    ``parse.footnote-mark`` finding for each mark taken out of a table row pasted as
    text, its source the paragraph and the cell's column in its line."""
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.table import Table as DocxTable  # noqa: PLC0415

    from govdisclosure.formats.html import fragment_blocks  # noqa: PLC0415

    doc = _open(source, limits)
    budget.check()
    body = doc.element.body
    # (one search of the document: most have no superscript at all)
    levels = levels_of(doc)
    p_tag, tbl_tag = qn("w:p"), qn("w:tbl")
    out: list[DocxGrid | DocxImage | str] = []
    # (one search of the document: most have no picture)
    pictured = next(body.iter(_BLIP_TAG, _IMAGEDATA_TAG), None) is not None
    # (an embedded object shows a picture: searched for only where there are pictures)
    objects = pictured and next(body.iter(_OLE_TAG), None) is not None
    # (charts and SmartArt: named with their figures, not read)
    charted = found is not None and next(body.iter(*GRAPHIC_TAGS), None) is not None
    counts = [0, 0, 0]  # paragraphs, tables, cells
    notes = _Notes(doc)

    def paragraph(el: Any) -> None:
        counts[0] += 1
        if counts[0] % 512 == 0:
            limits.check("max_lines", counts[0], "paragraphs of the Word document")
            budget.check()
        seen = shown(el)
        text = seen.text
        row_marks: list[tuple[int, str, str]] = []
        if levels is not None and "\t" in text:
            # a table row pasted as text: its cells' footnote marks taken out
            text, row_marks = split_row_marks(el, seen.pieces, levels)
        stripped = _strip(text)
        if found is not None:
            blank = _LEAD.match(text)
            lead = blank.end() if blank else 0
            for at, mark, cell in row_marks:
                start = text.rfind("\n", 0, at) + 1
                column = at - max(start, lead) + 1
                source = Source(line=len(out) + 1, column=column)
                found.append(finding("parse.footnote-mark", source=source, mark=mark, text=cell))
        if stripped.strip():
            out.append(stripped)
        sheets: list[tuple[Any, Sheet, str]] = []
        if objects:
            sheets = [s for o in el.iter(_OLE_TAG) if not _boxed(o, el) if (s := sheet(o))]
        if pictured:
            out.extend(_pictures(el, doc.part, {o.getparent() for o, _, _ in sheets}))
        if objects and found is not None:
            here = Source(line=max(len(out), 1))
            done = {o for o, _, _ in sheets}
            found.extend(_embedded(el, doc.part, here, lambda o: o in done or _boxed(o, el)))
        if charted and found is not None:
            here = Source(line=max(len(out), 1))
            found.extend(graphic_findings(el, doc.part, here, lambda g: _boxed(g, el)))
        for _, read_sheet, name in sheets:
            # an Excel sheet pasted in: read where its picture stands, as a table
            grid = _grid_of_sheet(read_sheet)
            counts[1] += 1
            limits.check("max_tables", counts[1], "tables of the Word document")
            counts[2] += grid.rows * grid.columns
            limits.check("max_total_cells", counts[2], "cells of the Word document's tables")
            out.append(grid)
            if found is not None:
                found.append(
                    finding(
                        "parse.embedded-sheet",
                        source=Source(table=len(out) - 1),
                        part=name,
                        sheet=read_sheet.name,
                        range=read_sheet.range,
                        hidden=read_sheet.hidden,
                    )
                )
        for box in seen.boxes:
            read(box)
        for note in notes.unread(seen.notes):
            read(note)

    def sheet(obj: Any) -> tuple[Any, Sheet, str] | None:
        # the cells of the Excel workbook the object embeds, when it is one that can be
        # read and holds any (else the object stays a picture, and is named)
        if obj.getparent() is None or obj.getparent().tag != _OBJECT_TAG:
            return None
        workbook = _workbook(obj, doc.part)
        if workbook is None:
            return None
        budget.check()
        try:
            read_sheet = read_xlsx_sheet(workbook[1], limits, budget)
        except SheetError:
            return None
        return (obj, read_sheet, workbook[0]) if read_sheet.cells else None

    def read(parent: Any) -> None:
        for el in parent.iterchildren():
            tag = el.tag
            if tag == p_tag:
                paragraph(el)
            elif tag == tbl_tag:
                if next(el.iterdescendants(tbl_tag), None) is not None:
                    for tr in children(el, _TR_TAG):  # a layout table: what its cells hold
                        if tr.find(_ROW_DELETED) is None:
                            for tc in children(tr, _TC_TAG):
                                read(tc)
                    continue
                counts[1] += 1
                limits.check("max_tables", counts[1], "tables of the Word document")
                budget.check()
                refs: list[tuple[str, str]] = []
                grid = _grid_of(DocxTable(el, doc), limits, levels, refs)
                counts[2] += grid.rows * grid.columns
                limits.check("max_total_cells", counts[2], "cells of the Word document's tables")
                out.append(grid)
                if objects and found is not None:
                    here = Source(table=len(out) - 1)
                    found.extend(_embedded(el, doc.part, here, lambda o: False))
                if charted and found is not None:
                    here = Source(table=len(out) - 1)
                    found.extend(graphic_findings(el, doc.part, here, lambda g: False))
                for note in notes.unread(refs):
                    read(note)
            elif tag in WRAPPERS:
                read(el)
            elif tag == _ALT_CHUNK_TAG:
                chunk(el)

    def chunk(el: Any) -> None:
        # a part imported into the document (w:altChunk): Word shows what it holds
        # where it stands
        budget.check()
        rid = el.get(f"{_R}id") or ""
        rel = doc.part.rels.get(rid) if rid else None
        if rel is None or rel.is_external:
            if found is not None:
                found.append(
                    finding(
                        "parse.unread-part",
                        source=Source(line=len(out) + 1),
                        part=str(rel.target_ref) if rel is not None else rid or "?",
                        type="?",
                    )
                )
            return
        part = rel.target_part
        kind = str(part.content_type).split(";")[0].strip().lower()
        name = str(part.partname).lstrip("/")
        if kind in _HTML_TYPES:
            notes: list[Finding] = []
            first = len(out)
            tables: dict[int, int] = {}  # the HTML's table -> its item
            try:
                # (read as a web page is; what that reading notes goes to ``notes``)
                blocks = fragment_blocks(part.blob, notes, limits=limits, budget=budget)
            except LimitExceeded:
                raise
            except ParseError:
                blocks = []  # (an empty page: lxml makes no tree of it)
                if part.blob.strip() and found is not None:
                    found.append(
                        finding(
                            "parse.unread-part", source=Source(line=first + 1), part=name, type=kind
                        )
                    )
            for block in blocks:
                if isinstance(block, RawTable):
                    grid = _grid_of_raw(block)
                    counts[1] += 1
                    limits.check("max_tables", counts[1], "tables of the Word document")
                    counts[2] += grid.rows * grid.columns
                    limits.check(
                        "max_total_cells", counts[2], "cells of the Word document's tables"
                    )
                    if block.source.table is not None:
                        tables[block.source.table] = len(out)
                    out.append(grid)
                elif isinstance(block, RawImage):
                    out.append(DocxImage(block.src))
                elif block.text.strip():
                    counts[0] += 1
                    out.append(_strip(block.text))
            if found is not None:
                found.extend(attrs.evolve(f, source=_moved(f.source, tables, first)) for f in notes)
        elif kind == "text/plain":
            from govdisclosure.formats.text import decode  # noqa: PLC0415

            text, _ = decode(part.blob)
            for line in text.splitlines():
                counts[0] += 1
                if counts[0] % 512 == 0:
                    limits.check("max_lines", counts[0], "paragraphs of the Word document")
                    budget.check()
                if _strip(line).strip():
                    out.append(_strip(line))
        elif found is not None:
            found.append(
                finding("parse.unread-part", source=Source(line=len(out) + 1), part=name, type=kind)
            )

    read(body)
    limits.check("max_lines", counts[0], "paragraphs of the Word document")
    if found is not None:
        found.extend(_furniture(doc, limits, budget))
    return out


def _furniture(doc: Any, limits: Limits, budget: Budget) -> list[Finding]:
    """A ``parse.unread-text`` finding for the document's headers and one for its
    footers, when they hold more than page numbers (``govdisclosure.formats._furniture``):
    the lines of every header and footer part the document relates, page-number fields
    (``w:fldSimple`` or a field of ``w:fldChar`` and ``w:instrText``) taken out."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: PLC0415

    lines: dict[str, list[str]] = {RT.HEADER: [], RT.FOOTER: []}
    count = 0
    for rel in doc.part.rels.values():
        if rel.reltype not in lines or rel.is_external:
            continue
        budget.check()
        root = _part_root(rel.target_part)
        if root is None:
            continue
        cut = _page_field_text(root)
        for p in root.iter(f"{_W}p"):
            count += 1
            text = "".join(piece.text for piece in shown(p).pieces if piece.run not in cut)
            lines[rel.reltype].extend(text.splitlines())
        limits.check("max_lines", count, "paragraphs of the Word document's headers and footers")
    return furniture_findings(lines[RT.HEADER], lines[RT.FOOTER])


def _part_root(part: Any) -> Any:
    """The XML of a header or footer part (``None`` when it cannot be parsed)."""
    from docx.oxml.parser import parse_xml  # noqa: PLC0415
    from lxml import etree  # noqa: PLC0415

    element = getattr(part, "element", None)
    if element is not None:
        return element
    try:
        return parse_xml(part.blob)
    except (etree.LxmlError, ValueError):
        return None


def _page_field_text(root: Any) -> set[Any]:
    """The runs (``w:r``) of ``root`` that show a page number: the result of
    a ``PAGE``, ``NUMPAGES`` or ``SECTIONPAGES`` field, simple (``w:fldSimple``) or
    complex (``w:fldChar`` begin, ``w:instrText``, separate, the result, end)."""
    cut: set[Any] = set()  # (the elements held: lxml gives the same proxy while it is)
    # per open field: [its code's pieces, whether its result has begun, shows a page]
    fields: list[list[Any]] = []
    pages = 0  # the open fields that show a page (counted: fields nest without bound)
    begin, separate, end = "begin", "separate", "end"
    for el in root.iter(f"{_W}fldSimple", f"{_W}fldChar", f"{_W}instrText", f"{_W}r"):
        tag = el.tag
        if tag == f"{_W}fldSimple":
            if is_page_field(el.get(f"{_W}instr") or ""):
                cut.update(el.iter(f"{_W}r"))
        elif tag == f"{_W}fldChar":
            kind = el.get(f"{_W}fldCharType")
            if kind == begin:
                fields.append([[], False, False])
            elif kind == separate and fields:
                page = is_page_field("".join(fields[-1][0]))
                pages += page - fields[-1][2]
                fields[-1][1:] = [True, page]
            elif kind == end and fields:
                pages -= fields.pop()[2]
        elif tag == f"{_W}instrText":
            if fields and not fields[-1][1]:
                fields[-1][0].append(el.text or "")
        elif pages:
            cut.add(el)
    return cut


_NOT_TABS: Final = re.compile(r"^[^\S\t]+|[^\S\t]+$")
_LEAD: Final = re.compile(r"[^\S\t]*")


def _strip(text: str) -> str:
    r"""``text`` without the white space other than tabs at either end.

    >>> _strip(" \t12\t3 \n")
    '\t12\t3'
    """
    return _NOT_TABS.sub("", text)


class _Notes:
    """The footnotes and endnotes of a document, each given once: Word shows a note
    where the document refers to it, and only then (the separators Word keeps among
    the notes are never referred to)."""

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        self._parts: dict[str, dict[str, Any]] | None = None
        self._given: set[tuple[str, str]] = set()

    def _load(self) -> dict[str, dict[str, Any]]:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: PLC0415
        from docx.oxml.parser import parse_xml  # noqa: PLC0415
        from lxml import etree  # noqa: PLC0415

        parts: dict[str, dict[str, Any]] = {"footnote": {}, "endnote": {}}
        for kind, reltype in (("footnote", RT.FOOTNOTES), ("endnote", RT.ENDNOTES)):
            for rel in self._doc.part.rels.values():
                if rel.reltype != reltype or rel.is_external:
                    continue
                part = rel.target_part
                element = getattr(part, "element", None)
                try:
                    root = element if element is not None else parse_xml(part.blob)
                except (etree.LxmlError, ValueError) as exc:
                    msg = f"not a readable Word document (its {kind}s: {str(exc)[:200]})"
                    raise ParseError(msg) from exc
                for note in root.iterchildren(f"{_W}{kind}"):
                    parts[kind].setdefault(note.get(f"{_W}id") or "", note)
        return parts

    def unread(self, refs: Sequence[tuple[str, str]]) -> Iterator[Any]:
        """The notes of ``refs`` not given before, in order."""
        for ref in refs:
            if ref in self._given:
                continue
            self._given.add(ref)
            if self._parts is None:
                self._parts = self._load()
            note = self._parts[ref[0]].get(ref[1])
            if note is not None:
                yield note


_A: Final = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_WP: Final = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_V: Final = "{urn:schemas-microsoft-com:vml}"
_O: Final = "{urn:schemas-microsoft-com:office:office}"
_BLIP_TAG: Final = f"{_A}blip"
_IMAGEDATA_TAG: Final = f"{_V}imagedata"
_FALLBACK_TAG: Final = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


_TXBX_TAG: Final = f"{_W}txbxContent"


def _boxed(el: Any, paragraph: Any) -> bool:
    """Whether ``el`` is inside a text box of ``paragraph`` (read with the text box's
    own paragraphs, after the paragraph)."""
    for anc in el.iterancestors():
        if anc is paragraph:
            return False
        if anc.tag == _TXBX_TAG:
            return True
    return False


def _pictures(paragraph: Any, part: Any, read: Collection[Any] = ()) -> Iterator[DocxImage]:
    """The pictures of a paragraph (``w:drawing`` with ``a:blip``, VML ``v:imagedata``),
    each once: the VML copy Word keeps for older readers (``mc:Fallback``) is skipped,
    and so is the picture of an embedded object in ``read`` (``w:object`` elements whose
    workbook is read as a table)."""
    for el in paragraph.iter(_BLIP_TAG, _IMAGEDATA_TAG):
        if next(el.iterancestors(_FALLBACK_TAG), None) is not None or _boxed(el, paragraph):
            continue
        if read and next(el.iterancestors(_OBJECT_TAG), None) in read:
            continue
        if el.tag == _BLIP_TAG:
            rid = el.get(f"{_R}embed") or el.get(f"{_R}link") or ""
            frame = next(el.iterancestors(f"{_WP}inline", f"{_WP}anchor"), None)
            props = None if frame is None else frame.find(f"{_WP}docPr")
            alt = "" if props is None else props.get("descr") or props.get("title") or ""
        else:
            rid = el.get(f"{_R}id") or el.get(f"{_O}relid") or el.get(f"{_R}href") or ""
            shape = el.getparent()
            alt = (shape.get("alt") if shape is not None else None) or el.get(f"{_O}title") or ""
        rel = part.rels.get(rid) if rid else None
        yield DocxImage(str(rel.target_ref) if rel is not None else rid or "?", alt)


_OLE_TAG: Final = f"{_O}OLEObject"
_OBJECT_TAG: Final = f"{_W}object"
_WORKBOOK_TYPES: Final = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template",
        "application/vnd.ms-excel.sheet.macroenabled.12",
        "application/vnd.ms-excel.template.macroenabled.12",
    }
)
_WORKBOOK_SUFFIXES: Final = (".xlsx", ".xlsm", ".xltx", ".xltm")
_WORKBOOK_PROGRAMS: Final = ("excel.sheet.12", "excel.sheetmacroenabled.12")
_ALT_CHUNK_TAG: Final = f"{_W}altChunk"
_HTML_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})


def _embedded(el: Any, part: Any, at: Source, skip: Callable[[Any], bool]) -> Iterator[Finding]:
    """A ``parse.embedded-object`` finding, placed at ``at``, for each object embedded
    in ``el`` (``o:OLEObject``: an Excel sheet pasted into the report, of which Word
    shows a picture) but those ``skip`` leaves out (found elsewhere, or an Excel
    workbook read as a table)."""
    for obj in el.iter(_OLE_TAG):
        if skip(obj):
            continue
        rid = obj.get(f"{_R}id") or ""
        rel = part.rels.get(rid) if rid else None
        name = str(rel.target_ref) if rel is not None else rid or "?"
        program = obj.get("ProgID") or "?"
        yield finding("parse.embedded-object", source=at, program=program, part=name)


def _workbook(obj: Any, part: Any) -> tuple[str, bytes] | None:
    """The part name and the bytes of the Excel workbook (OOXML) embedded object ``obj``
    holds; ``None`` when it holds none (an Excel 97 sheet, ``oleObject1.bin``; another
    program's object; a link to a file)."""
    rid = obj.get(f"{_R}id") or ""
    rel = part.rels.get(rid) if rid else None
    if rel is None or rel.is_external:
        return None
    target = rel.target_part
    kind = str(target.content_type).split(";")[0].strip().lower()
    name = str(target.partname).lower()
    program = (obj.get("ProgID") or "").lower()
    blob = target.blob
    if (
        kind in _WORKBOOK_TYPES
        or name.endswith(_WORKBOOK_SUFFIXES)
        or (program.startswith(_WORKBOOK_PROGRAMS) and blob[:2] == b"PK")
    ):
        return str(rel.target_ref), blob
    return None


def _grid_of_sheet(sheet: Sheet) -> DocxGrid:
    """The grid of the cells read from an embedded sheet, placed where they are in it:
    every slot a cell, blank when the sheet holds nothing there (a row of a sheet is
    never ragged, as a row of a Word table can be)."""
    cells = [DocxCell(r, c, rs, cs, text) for r, c, rs, cs, text in sheet.cells]
    covered = {
        (i, j)
        for c in cells
        for i in range(c.row, c.row + c.rowspan)
        for j in range(c.column, c.column + c.colspan)
    }
    cells.extend(
        DocxCell(i, j)
        for i in range(sheet.rows)
        for j in range(sheet.columns)
        if (i, j) not in covered
    )
    cells.sort(key=lambda c: (c.row, c.column))
    origin = (sheet.first_row, sheet.first_column)
    return DocxGrid(sheet.rows, sheet.columns, tuple(cells), origin=origin)


def _grid_of_raw(table: RawTable) -> DocxGrid:
    """The grid of a table read by the web page reader: a cell repeated (the same
    :class:`RawCell`) over neighbouring positions is one merged cell."""
    rows = [r.cells for r in table.rows]
    seen: set[int] = set()
    cells: list[DocxCell] = []
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            if id(cell) in seen:
                continue
            seen.add(id(cell))
            colspan = 1
            while j + colspan < len(row) and row[j + colspan] is cell:
                colspan += 1
            rowspan = 1
            while (
                i + rowspan < len(rows)
                and j < len(rows[i + rowspan])
                and rows[i + rowspan][j] is cell
            ):
                rowspan += 1
            cells.append(DocxCell(i, j, rowspan, colspan, cell.text))
    columns = max((len(r) for r in rows), default=0)
    return DocxGrid(len(rows), columns, tuple(cells))


def _moved(source: Source | None, tables: dict[int, int], first: int) -> Source | None:
    """``source``, of an HTML part's reading, on the Word document's items: a table's
    cell on the table's item, anything else on the part's first item."""
    if source is None:
        return None
    if source.table is not None and source.table in tables:
        return attrs.evolve(source, table=tables[source.table], line=None)
    return Source(line=first + 1)


def _blocks(
    items: Sequence[DocxGrid | DocxImage | str], findings: list[Finding] | None = None
) -> Iterator[Block]:
    """The blocks of ``items``; ``findings`` (when given) is given a
    ``parse.footnote-mark`` finding for each cell read without its marks."""
    from govdisclosure.formats._reader import (  # noqa: PLC0415
        RawCell,
        RawParagraph,
        RawRow,
        RawTable,
    )

    for k, it in enumerate(items):
        if isinstance(it, str):
            # a line break of the paragraph ends a line, as in text (a title broken
            # after the organ's name is the organ and the title)
            for line in it.splitlines():
                if line.strip():
                    yield RawParagraph(line.strip(), Source(line=k + 1))
            continue
        if isinstance(it, DocxImage):
            yield make_image(it.src, it.alt, Source(line=k + 1))
            continue
        top, left = it.origin
        slots: list[list[RawCell]] = [
            [RawCell("", Source(table=k, row=top + i, cell=left + j)) for j in range(it.columns)]
            for i in range(it.rows)
        ]
        for c in it.cells:
            if c.mark and findings is not None:
                source = Source(table=k, row=top + c.row, cell=left + c.column)
                findings.append(
                    finding("parse.footnote-mark", source=source, mark=c.mark, text=c.text)
                )
            repeat = spanned_text(c.text)
            for i in range(c.row, c.row + c.rowspan):
                for j in range(c.column, c.column + c.colspan):
                    text = c.text if (i, j) == (c.row, c.column) else repeat
                    slots[i][j] = RawCell(text, Source(table=k, row=top + i, cell=left + j))
        # a row of fewer cells than the table (a ragged row: Word keeps it so) ends with
        # its last cell: the positions after it hold no cell, blank or not, and a figure
        # missing from the row is reported as missing, not read as a blank at its end
        ends = [0] * it.rows
        for c in it.cells:
            for i in range(c.row, c.row + c.rowspan):
                ends[i] = max(ends[i], c.column + c.colspan)
        yield RawTable(
            tuple(
                RawRow(
                    tuple(r[: ends[i]] if 0 < ends[i] < it.columns else r),
                    Source(table=k, row=top + i),
                )
                for i, r in enumerate(slots)
            ),
            Source(table=k),
        )


def spanned_text(text: str) -> str:
    """What a merged cell shows in the grid positions it covers after its first.

    A label is repeated in each position (so that every row knows its group); a figure,
    a placeholder or a word in place of a figure is one cell, kept in the first position
    only (:func:`~govdisclosure.formats._cells.repeats_in_span`).

    >>> spanned_text("（三）不予公开"), spanned_text("447228"), spanned_text("/")
    ('（三）不予公开', '', '')
    """
    return text if repeats_in_span(text) else ""


def read_docx(
    source: str | os.PathLike[str] | bytes, *, limits: Limits | None = None
) -> list[Block]:
    """A Word document's paragraphs and tables as blocks for the shared reading layer."""
    return list(_blocks(read_docx_grids(source, limits=limits)))


def parse_docx(source: str | os.PathLike[str] | bytes, *, limits: Limits | None = None) -> Report:
    """Read a report from a Word document (a path or its bytes); the English layout of
    ``render_docx(report, locale="en")`` reads back as the Chinese one does.

    Needs the optional extra ``docx`` (python-docx). Raises
    :class:`~govdisclosure.ParseError` when the input is not a readable Word document
    (a Word 97–2003 ``.doc``, which :func:`~govdisclosure.parse_doc` reads; damaged,
    empty) and :class:`~govdisclosure.LimitExceeded` when it is
    beyond ``limits`` (``max_bytes`` for the file and for its parts uncompressed,
    ``max_lines`` for paragraphs, ``max_tables``, ``max_cells``, ``max_total_cells``,
    ``time_budget``; default: the process-wide :func:`~govdisclosure.get_limits`).

    Headers and footers are not read into the report: what they hold beyond page
    numbers is named in a ``parse.unread-text`` finding for the headers and one for the
    footers (``govdisclosure.formats._furniture``).
    """
    return docx_reports(source, limits=limits)[0]


def docx_reports(
    source: str | os.PathLike[str] | bytes, *, limits: Limits | None = None, every: bool = False
) -> list[Report]:
    """:func:`parse_docx`'s report as a one-item list; with ``every``, each report of a
    Word document that holds several one after another (a compilation), in order, each
    read as :func:`parse_docx` reads one."""
    from govdisclosure.formats._reader import (  # noqa: PLC0415
        assemble,
        report_parts,
        share,
        with_mark_paths,
        with_pictures,
    )

    findings: list[Finding] = []
    limits = resolve(limits)
    budget = limits.budget()
    row_marks: list[Finding] = []
    items = _read_grids(source, limits, budget, row_marks)
    if all(isinstance(it, DocxImage) for it in items):
        msg = (
            N_("the Word document has no text, only pictures (a scan?); run OCR first")
            if items
            else N_("the Word document is empty")
        )
        raise ParseError(msg)
    blocks = list(_blocks(items, findings))
    parts = report_parts(english_to_official(blocks), findings, every=every)
    reports = [assemble(part, findings=shared) for part, shared in parts]
    if _tabbed(items):
        # tables pasted as text: rows of tab-separated cells, read by the text reader
        # (each report as the text reader reads it, when it reads as many), each given
        # the findings its report was given
        as_text = _read_as_text(items, limits, budget, every=every)
        if as_text is not None and len(as_text) == len(reports):
            reports = [
                with_pictures(attrs.evolve(text, findings=(*shared, *text.findings)), report)
                if len(text.tables) > len(report.tables)
                else report
                for text, report, (_, shared) in zip(as_text, reports, parts, strict=True)
            ]
    if findings:
        reports = [with_mark_paths(report) for report in reports]
    if row_marks:
        marks = share(row_marks, [part for part, _ in parts]) if every else [row_marks]
        reports = [_with_row_marks(r, m) for r, m in zip(reports, marks, strict=True)]
    return reports


def _with_row_marks(report: Report, row_marks: Sequence[Finding]) -> Report:
    """``report`` with the marks of its table rows, each given the path of the cell at
    its source (when it was read as one, else none: no row stands for it)."""
    if not row_marks:
        return report
    paths = {src: path for path, src in report.provenance.items()}
    placed = [
        attrs.evolve(f, path=paths.get(f.source) or "" if f.source else "") for f in row_marks
    ]
    return attrs.evolve(report, findings=(*report.findings, *placed))


def _tabbed(items: Sequence[DocxGrid | DocxImage | str]) -> bool:
    """Whether paragraphs of ``items`` hold tables as text: three lines or more with a
    tab among their text, as the text reader decides it."""
    lines = (ln for it in items if isinstance(it, str) for ln in it.splitlines())
    return sum(1 for ln in lines if "\t" in ln.strip(" ")) >= 3


def _read_as_text(
    items: Sequence[DocxGrid | DocxImage | str],
    limits: Limits,
    budget: Budget,
    *,
    every: bool = False,
) -> list[Report] | None:
    """``items`` read by the text reader (each report of them, with ``every``): each
    paragraph its lines, each table its rows as Word converts a table to text (a cell's
    text once, in its first row, cells tab-separated); every source is moved back onto
    the paragraph or the table cell it was read from."""
    from govdisclosure.formats._reader import assemble, report_parts  # noqa: PLC0415
    from govdisclosure.formats.text import _blocks as text_blocks  # noqa: PLC0415

    lines: list[str] = []
    # per line: the item, the table row (None for a paragraph), the cells' columns
    # in the line and in the grid
    origins: list[tuple[int, int | None, list[int], list[int]]] = []
    for k, it in enumerate(items):
        if isinstance(it, str):
            for ln in it.replace("\ufeff", "").splitlines():
                lines.append(ln)
                origins.append((k, None, [], []))
            continue
        if isinstance(it, DocxImage):
            continue  # (the text reader sees no picture: see with_pictures)
        rows: list[list[DocxCell]] = [[] for _ in range(it.rows)]
        for c in it.cells:
            for i in range(c.row, min(c.row + c.rowspan, it.rows)):
                rows[i].append(c)
        top, left = it.origin
        for i, covering in enumerate(rows):
            parts: list[str] = []
            starts: list[int] = []
            columns: list[int] = []
            at = 1
            for c in sorted(covering, key=lambda c: c.column):
                text = " ".join(c.text.split()) if c.row == i else ""
                parts.append(text)
                starts.append(at)
                columns.append(left + c.column)
                at += len(text) + 1
            lines.append("\t".join(parts))
            origins.append((k, top + i, starts, columns))
    limits.check("max_lines", len(lines), "lines of the Word document read as text")
    try:
        blocks = list(text_blocks(lines, budget, limits, every=every))
        reports = [assemble(part) for part, _ in report_parts(blocks, every=every)]
    except ParseError:
        return None

    def place(src: Source | None) -> Source | None:
        if src is None or src.line is None or not 1 <= src.line <= len(origins):
            return src
        k, row, starts, columns = origins[src.line - 1]
        if row is None:
            return Source(line=k + 1, column=src.column)
        if src.column is None or not starts:
            return Source(table=k, row=row)
        j = max(bisect.bisect_right(starts, src.column) - 1, 0)
        return Source(table=k, row=row, cell=columns[j])

    def placed(report: Report) -> Report:
        provenance = {path: place(src) or src for path, src in report.provenance.items()}
        read = tuple(attrs.evolve(f, source=place(f.source)) for f in report.findings)
        return attrs.evolve(report, provenance=provenance, findings=read)

    return [placed(report) for report in reports]
