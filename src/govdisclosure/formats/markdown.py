"""Markdown: a report as readable pipe tables for notebooks and issue trackers.

Merged labels are flattened into each row ("三、本年度办理结果 / （三）不予公开 /
1.属于国家秘密"); every piece of text is escaped so that a pipe, a backtick or HTML in
an organ name or a narrative shows as written. :func:`parse_markdown` reads that layout
back, in either language: the flattened labels are spread over label columns again, as
the merged cells of a web page are, and the shared reading layer does the rest.

>>> import govdisclosure as gd
>>> r = gd.build_report(organ="某县某局", year=2024, review_litigation={"review": {"upheld": 1}})
>>> md = gd.render_markdown(r)
>>> md.splitlines()[0]
'# 某县某局2024年政府信息公开工作年度报告'
>>> "| 行政复议 | 1 | 0 | 0 | 0 | 1 |" in md
True
"""

from __future__ import annotations

import os
import re
from typing import Final

import attrs

from govdisclosure.checks.registry import N_
from govdisclosure.errors import ParseError
from govdisclosure.formats._english import english_text, english_to_official
from govdisclosure.formats._raw import (
    Block,
    RawParagraph,
    RawRow,
    RawTable,
    grid_cell,
    grid_source,
)
from govdisclosure.formats._render import (
    SECTION_IDS,
    Words,
    flat_row_label,
    paragraphs,
    words,
)
from govdisclosure.formats._scrub import scrub
from govdisclosure.limits import Limits, resolve
from govdisclosure.model import Finding, Report, Source, Table
from govdisclosure.template import Edition, template

__all__ = [
    "escape_markdown",
    "markdown_reports",
    "parse_markdown",
    "read_markdown",
    "render_markdown",
    "unescape_markdown",
]

_SPECIAL: Final = re.compile(r"([\\`*_\[\]{}|#~!])")
_LINE_START: Final = re.compile(r"^(\s*)([-+>=]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """``text`` safe inside a Markdown paragraph or table cell.

    Markdown punctuation and pipes are backslash-escaped, ``&``, ``<`` and ``>`` become
    entities (so no HTML reaches the reader), line breaks become spaces, and a line
    that would start a list, quote or heading is neutralised.

    >>> escape_markdown("a|b `c` <img src=x onerror=alert(1)>")
    'a\\\\|b \\\\`c\\\\` &lt;img src=x onerror=alert(1)&gt;'
    >>> escape_markdown("1. 第一")
    '1\\\\. 第一'
    """
    text = " ".join(text.split("\n"))
    text = text.replace("\r", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    m = _LINE_START.match(text)
    if m:
        mark = m.group(2)
        text = m.group(1) + mark[:-1] + "\\" + mark[-1] + text[m.end() :]
    return text


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(escape_markdown(c) if c else " " for c in cells) + " |"

    out = [line(header), "|" + "|".join([" --- "] * len(header)) + "|"]
    out += [line(r) for r in rows]
    return out


def _active(table: Table, w: Words) -> list[str]:
    spec = table.spec
    header = [w.corner(spec)] + [w.column(c) for c in spec.columns]
    rows = [
        [w.row(r)] + [w.cell(v, c) for v, c in zip(values, spec.columns, strict=True)]
        for r, values in zip(spec.rows, table.cells, strict=True)
    ]
    return [f"**{escape_markdown(w.caption(spec))}**", "", *_table(header, rows)]


def _applications(table: Table, w: Words) -> list[str]:
    spec = table.spec
    sub = set(spec.column_subgroup_members)
    header = [w.corner(spec)]
    for c in spec.columns:
        parts = [w.column_group(spec)]
        if c.id in sub:
            parts.append(w.column_subgroup(spec))
        parts.append(w.column(c))
        header.append(" / ".join(p for p in parts if p))
    rows = [
        [flat_row_label(r, table, w)]
        + [w.cell(v, c) for v, c in zip(values, spec.columns, strict=True)]
        for r, values in zip(spec.rows, table.cells, strict=True)
    ]
    return _table(header, rows)


def _review(table: Table, w: Words) -> list[str]:
    spec = table.spec
    members = set(spec.row_group_members)
    header = [""] + [w.column(c) for c in spec.columns]
    rows = []
    for r, values in zip(spec.rows, table.cells, strict=True):
        label = w.row(r)
        if r.id in members:
            label = f"{w.row_group(spec)} / {label}"
        rows.append([label] + [w.cell(v, c) for v, c in zip(values, spec.columns, strict=True)])
    return _table(header, rows)


def _paras(text: str) -> list[str]:
    out: list[str] = []
    for p in paragraphs(text):
        out += [escape_markdown(p), ""]
    return out


def _section(section_id: str, report: Report, w: Words) -> list[str]:
    tpl = template(report.edition or Edition.V2021)
    body: list[str] = []
    if section_id in {"overview", "problems", "other"}:
        narrative = report.narrative(section_id)
        if narrative is None:
            return []
        body = _paras(narrative.text)
    elif section_id == "active":
        if not report.active and not report.active_text:
            return []
        body = _paras(report.active_text)
        for t in report.active:
            body += [*_active(t, w), ""]
    elif section_id == "applications":
        if report.applications is None and not report.applications_text:
            return []
        body = _paras(report.applications_text)
        if report.applications is not None:
            body += [*_applications(report.applications, w), ""]
    else:
        if report.review_litigation is None and not report.review_litigation_text:
            return []
        body = _paras(report.review_litigation_text)
        if report.review_litigation is not None:
            body += [*_review(report.review_litigation, w), ""]
    return [f"## {escape_markdown(w.heading(tpl.section(section_id)))}", "", *body]


def render_markdown(report: Report, *, locale: str = "zh_CN") -> str:
    """The report as Markdown: headings, paragraphs and one pipe table per table.

    Cells are printed as they are (blank stays blank); merged labels are flattened
    with `` / ``. ``locale="en"`` prints the template's English glosses.
    """
    w = words(locale)
    out = []
    if report.title and report.organ.name:
        # a title as published need not name the organ as it is: the organ goes on a
        # line of its own above it, as render_text writes it
        out += [escape_markdown(report.organ.name), ""]
    out += [f"# {escape_markdown(w.title(report))}", ""]
    out += _paras(report.preamble)
    for section_id in SECTION_IDS:
        out += _section(section_id, report, w)
    if report.published is not None:
        # the signature: organ and date (without a date, the organ would read as prose)
        out += [escape_markdown(report.organ.name), "", escape_markdown(w.day(report.published))]
    return scrub("\n".join(out).rstrip("\n") + "\n")


# ------------------------------------------------------------------------- reading
_ESCAPED: Final = re.compile(r"\\([\\`*_\[\]{}|#~!.)+\-=>])")
_ENTITY: Final = re.compile(r"&(amp|lt|gt);")
_ENTITIES: Final = {"amp": "&", "lt": "<", "gt": ">"}
_HEADING: Final = re.compile(r"#{1,6}\s+(.*?)\s*#*")
_BOLD: Final = re.compile(r"\*\*(.+)\*\*")
_RULE: Final = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")
_PIPE: Final = re.compile(r"(?<!\\)\|")
_LABEL_SEPARATOR: Final = " / "


def unescape_markdown(text: str) -> str:
    """The text :func:`~govdisclosure.formats.markdown.escape_markdown` was given (its line breaks aside).

    >>> unescape_markdown(escape_markdown("a|b `c` <i> & 1. 第一"))
    'a|b `c` <i> & 1. 第一'
    >>> unescape_markdown(escape_markdown("1. 第一"))
    '1. 第一'
    """
    text = _ESCAPED.sub(r"\1", text)
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], text)


def _cells(line: str) -> list[str]:
    """The cells of a pipe-table line, unescaped."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [unescape_markdown(c.strip()) for c in _PIPE.split(body)]


class _Size:
    """The cells a Markdown text's tables expand to, held to the limits (a label of many
    pieces widens every row of its table: the count is checked before a grid is made)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.total = 0

    def add(self, rows: int, columns: int) -> None:
        cells = rows * columns
        self.total += cells
        self.limits.check("max_cells", cells, "cells of a table")
        self.limits.check("max_total_cells", self.total, "cells of the tables")


def _grid(
    lines: list[tuple[int, str]], index: int, caption: RawParagraph | None, size: _Size
) -> RawTable:
    """A pipe table as the grid of a web page: labels flattened with a slash are spread
    over label columns (and header rows) again, a shorter label repeated over the
    positions the merged cell of the official layout covers; a bold caption right above
    the table (第二十条第（一）项) is its first row, across every column."""
    (header_line, header), *body = [(n, _cells(text)) for n, text in lines]
    # (section 四 in either language: the English layout's columns are put back too)
    if body and not header[0] and [english_text(h) for h in header[1:]] == _REVIEW_COLUMNS:
        size.add(4, len(_REVIEW_COLUMNS) * len(body) + sum(len(row) for _, row in body))
        return _official_review(header_line, body, index)
    labels = [row[0].split(_LABEL_SEPARATOR) if row else [""] for _, row in body]
    width = max((len(parts) for parts in labels), default=1)
    heads = [h.split(_LABEL_SEPARATOR) if h else [""] for h in header[1:]]
    depth = max((len(parts) for parts in heads), default=1)
    longest = max((len(row) for _, row in body), default=0)
    size.add(len(body) + depth + 1, width + max(len(heads), longest))
    rows: list[RawRow] = []
    top = 0
    if caption is not None:
        line = caption.source.line
        texts = [caption.text] * (width + len(heads))
        cells = tuple(grid_cell(t, index, 0, j, line) for j, t in enumerate(texts))
        rows.append(RawRow(cells, grid_source(index, 0, None, line)))
        top = 1
    corner = header[0] if header else ""
    for i in range(top, top + depth):
        texts = [corner] * width + [_padded(parts, depth)[i - top] for parts in heads]
        cells = tuple(grid_cell(t, index, i, j, header_line) for j, t in enumerate(texts))
        rows.append(RawRow(cells, grid_source(index, i, None, header_line)))
    for k, ((n, row), parts) in enumerate(zip(body, labels, strict=True)):
        i = top + depth + k
        texts = _padded(parts, width) + row[1:]
        cells = tuple(grid_cell(t, index, i, j, n) for j, t in enumerate(texts))
        rows.append(RawRow(cells, grid_source(index, i, None, n)))
    return RawTable(tuple(rows), Source(table=index, line=header_line))


_REVIEW_COLUMNS: Final = [
    c.label for c in template(Edition.V2021).table("review_litigation").columns
]
"""The outcome columns of section 四, the header of its table as render_markdown writes it."""


def _official_review(header_line: int, body: list[tuple[int, list[str]]], index: int) -> RawTable:
    """Section 四 written one row per kind of case (render_markdown's layout) put back in
    the official layout, one row of figures under the kinds and outcomes: a word in
    place of a figure (见上表) then stands between figures, as on a web page, not right
    after a label, where it would read as part of the label."""
    kinds = [_padded(row[0].split(_LABEL_SEPARATOR), 2) for _, row in body]
    heads = [
        [kind[0] for kind in kinds for _ in _REVIEW_COLUMNS],
        [kind[1] for kind in kinds for _ in _REVIEW_COLUMNS],
        [c for _ in kinds for c in _REVIEW_COLUMNS],
    ]
    # each kind's five figures in their place; figures beyond five (a row written with
    # an extra cell) come after all of them, where the reader reports extra cells,
    # instead of pushing the next kinds' figures out of place
    width = len(_REVIEW_COLUMNS)
    values = [v for _, row in body for v in _padded_to(row[1 : 1 + width], width)]
    values += [v for _, row in body for v in row[1 + width :]]
    rows = [
        RawRow(
            tuple(grid_cell(t, index, i, j, header_line) for j, t in enumerate(texts)),
            grid_source(index, i, None, header_line),
        )
        for i, texts in enumerate(heads)
    ]
    line = body[0][0]
    cells = tuple(grid_cell(t, index, len(heads), j, line) for j, t in enumerate(values))
    rows.append(RawRow(cells, grid_source(index, len(heads), None, line)))
    return RawTable(tuple(rows), Source(table=index, line=header_line))


def _padded(parts: list[str], size: int) -> list[str]:
    """``parts`` made ``size`` long by repeating its last (a merged cell's label)."""
    return parts + [parts[-1]] * (size - len(parts))


def _padded_to(values: list[str], size: int) -> list[str]:
    """``values`` made ``size`` long with blank cells (a row written short)."""
    return values + [""] * (size - len(values))


_TABLE_TAG: Final = re.compile(r"<(/?)table\b", re.IGNORECASE)
_TABLE_OPEN: Final = re.compile(
    r"^(?:<(?:html|body|div|center)\b[^>]*>\s*)*<table\b", re.IGNORECASE
)
"""A line that opens an HTML table (``<table …>``, ``<html><body><table>``)."""


def _html_table_end(lines: list[str], start: int) -> int:
    """The number of the line (counted from 1) where the HTML table opened on line
    ``start`` (counted from 0) is closed, tables inside it included; the last line if
    it never is."""
    depth = 0
    for i in range(start, len(lines)):
        for m in _TABLE_TAG.finditer(lines[i]):
            depth += -1 if m.group(1) else 1
            if depth == 0:
                return i + 1
    return len(lines)


def _html_tables(
    fragment: str, line: int, first: int, limits: Limits, findings: list[Finding] | None
) -> list[Block]:
    """The blocks of an HTML fragment that starts on line ``line`` of the Markdown, its
    tables numbered from ``first`` and its lines counted in the Markdown; what the web
    page reader notes (footnote marks …) is added to ``findings``, placed alike."""
    from govdisclosure.formats.html import fragment_blocks  # noqa: PLC0415

    def moved(source: Source) -> Source:
        return attrs.evolve(
            source,
            table=None if source.table is None else source.table + first,
            line=None if source.line is None else source.line + line - 1,
        )

    notes: list[Finding] = []
    out: list[Block] = []
    blocks = fragment_blocks(fragment, notes, limits=limits)
    if findings is not None:
        findings.extend(
            attrs.evolve(f, source=None if f.source is None else moved(f.source)) for f in notes
        )
    for block in blocks:
        if isinstance(block, RawTable):
            rows = tuple(
                RawRow(
                    tuple(attrs.evolve(c, source=moved(c.source)) for c in r.cells), moved(r.source)
                )
                for r in block.rows
            )
            out.append(RawTable(rows, moved(block.source)))
        else:
            out.append(attrs.evolve(block, source=moved(block.source)))
    return out


def read_markdown(
    text: str, limits: Limits | None = None, findings: list[Finding] | None = None
) -> list[Block]:
    """The paragraphs and tables of a Markdown report, in order, for the shared reading
    layer: headings and bold lines are paragraphs of their text (a bold line right above
    a table is its caption row), pipe tables are grids, and HTML tables (which converters
    of PDF write for tables with merged cells) are read as a web page's are, what that
    reading notes going to ``findings``."""
    blocks: list[Block] = []
    table: list[tuple[int, str]] = []
    tables = 0
    caption: RawParagraph | None = None  # a bold line, until it turns out to head a table
    limits = resolve(limits)
    budget = limits.budget()
    # lines end at line breaks only: a cell may hold a form feed or U+2028, which
    # str.splitlines would take for the end of its row
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    limits.check("max_lines", len(lines), "lines of the text")
    size = _Size(limits)
    html_end = 0  # the last line of an HTML table being read
    for n, line in enumerate(lines, start=1):
        if not n % 256:
            budget.check()
        if n <= html_end:
            continue
        stripped = line.strip()
        if stripped[:1] == "<" and _TABLE_OPEN.search(stripped) is not None:
            # an HTML table in the Markdown (as converters of PDF write tables with
            # merged cells): read by the web page reader, at its place
            if table:
                blocks.append(_grid(table, tables, caption, size))
                tables += 1
                table, caption = [], None
            if caption is not None:
                blocks.append(caption)
                caption = None
            html_end = _html_table_end(lines, n - 1)
            fragment = "\n".join(lines[n - 1 : html_end])
            read = _html_tables(fragment, n, tables, limits, findings)
            blocks.extend(read)
            tables += sum(isinstance(b, RawTable) for b in read)
            continue
        if stripped.startswith("|"):
            if not _RULE.fullmatch(stripped):
                table.append((n, stripped))
            continue
        if table:
            blocks.append(_grid(table, tables, caption, size))
            tables += 1
            table, caption = [], None
        if not stripped:
            continue
        if caption is not None:
            blocks.append(caption)
            caption = None
        bold = _BOLD.fullmatch(stripped)
        if bold:
            caption = RawParagraph(unescape_markdown(bold.group(1)), Source(line=n))
            continue
        m = _HEADING.fullmatch(stripped)
        blocks.append(
            RawParagraph(unescape_markdown(m.group(1) if m else stripped), Source(line=n))
        )
    if table:
        blocks.append(_grid(table, tables, caption, size))
    elif caption is not None:
        blocks.append(caption)
    return blocks


def parse_markdown(data: str | bytes | os.PathLike[str], *, limits: Limits | None = None) -> Report:
    """Read a report from Markdown written by :func:`render_markdown`, in Chinese or in
    English (a text with an English section heading, ``I. Overview``, has the English
    wording of headings, captions, labels and dates put back into the official one), or
    written the same way by hand: headings marked with hashes, paragraphs,
    and pipe tables whose merged labels are flattened with a slash between spaces
    (``三、本年度办理结果 / （一）予以公开``). Markdown that converters of PDF write
    (headings as plain lines or with hashes, a merged label's cells left empty) is read
    as well.

    ``data`` is the text, its bytes (decoded as :func:`~govdisclosure.parse_text` decodes
    them), or the path of a file. Raises :class:`~govdisclosure.ParseError` when no
    report is found, and :class:`~govdisclosure.LimitExceeded` beyond ``limits``
    (``max_bytes``, ``max_lines``, ``max_cells``, ``max_total_cells``, ``time_budget``).

    >>> import govdisclosure as gd
    >>> r = gd.build_report(organ="某县某局", year=2024, review_litigation={"review": {"upheld": 1}})
    >>> parse_markdown(render_markdown(r)) == r
    True
    """
    return markdown_reports(data, limits=limits)[0]


def markdown_reports(
    data: str | bytes | os.PathLike[str], *, limits: Limits | None = None, every: bool = False
) -> list[Report]:
    """:func:`parse_markdown`'s report as a one-item list; with ``every``, each report of
    a Markdown text that holds several one after another (a compilation), in order."""
    from govdisclosure.formats._reader import assemble, report_parts  # noqa: PLC0415
    from govdisclosure.formats.text import text_input  # noqa: PLC0415

    findings: list[Finding] = []
    limits = resolve(limits)
    blocks = read_markdown(text_input(data, limits, findings, "parse_markdown"), limits, findings)
    if not blocks:
        msg = N_("the Markdown is empty")
        raise ParseError(msg)
    return [
        assemble(part, findings=shared)
        for part, shared in report_parts(english_to_official(blocks), findings, every=every)
    ]
