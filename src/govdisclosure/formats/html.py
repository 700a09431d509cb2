"""HTML: render a report in the official table layout, and read report web pages.

:func:`render_html` draws the tables exactly as the template does (the 勾稽 note over
three label columns and three header rows, the merged group labels, section 四's
three-row header), as a standalone printable page or as a fragment to embed. Every
piece of text is escaped.

:func:`parse_html` reads a published report page (UTF-8, GBK, GB18030 …): it finds the
content container among the page chrome of government CMSs, expands every table to
its full grid and hands paragraphs and tables to the shared assembler.

>>> import govdisclosure as gd
>>> r = gd.build_report(organ="某县某局", year=2024, published="2025-01-20",
...     applications={"new_received": {"natural_person": 2}, "granted": {"natural_person": 2}})
>>> page = gd.render_html(r)
>>> gd.parse_html(page) == r
True
"""

from __future__ import annotations

import codecs
import copy
import functools
import itertools
import math
import os
import re
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from decimal import Decimal
from html import escape
from typing import Final, Literal, NoReturn, cast

import attrs
from lxml import etree

from govdisclosure.checks.registry import N_, finding
from govdisclosure.errors import LimitExceeded, ParseError
from govdisclosure.formats._assembly import split
from govdisclosure.formats._bom import (
    Replaced,
    bom_codec,
    decode_fewest_replaced,
    replaced_finding,
)
from govdisclosure.formats._cells import repeats_in_span
from govdisclosure.formats._container import (
    _CHROME_FIND,
    _CHROME_WORDS,
    _TABLE_WORDS,
    WORD_MARKS,
    _container,
    _serialised_text,
    _strip_chrome,
    _tag,
    _text_of,
)
from govdisclosure.formats._english import translate
from govdisclosure.formats._raised import raised_elements, raising
from govdisclosure.formats._raw import (
    RawCell,
    RawImage,
    clipped,
    grid_cell,
    grid_source,
    make_image,
    make_paragraph,
    make_row,
)
from govdisclosure.formats._reader import (
    Block,
    RawParagraph,
    RawTable,
    assemble,
    report_parts,
    with_mark_paths,
)
from govdisclosure.formats._render import SECTION_IDS, Words, label_layout, paragraphs, words
from govdisclosure.formats._saved import gunzip, is_gzip, is_mhtml, mhtml_page
from govdisclosure.formats._scrub import scrub
from govdisclosure.formats.dispatch import DOCUMENT_SUFFIXES
from govdisclosure.limits import Budget, Limits, input_size, read_input, resolve
from govdisclosure.model import (
    Finding,
    Narrative,
    Organ,
    OrganKind,
    Report,
    Source,
    Table,
)
from govdisclosure.model.cells import is_overlong_figure, read_cell, visible
from govdisclosure.template import Edition, edition_for_year, template

__all__ = [
    "CSS",
    "MAX_BYTES",
    "MAX_CELLS",
    "MAX_COLSPAN",
    "fragment_blocks",
    "html_blocks",
    "html_reports",
    "parse_html",
    "render_html",
]

_PAGE_CSS: Final = """\
:root { color-scheme: light; }
body { margin: 0; background: #f4f4f4; color: #111; }
@page { size: A4; margin: 20mm 18mm; }
@media print { body { background: #fff; } }
"""

CSS: Final = """\
.govdisclosure-report { color: #111;
  font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
.govdisclosure-report { box-sizing: border-box; max-width: 210mm; margin: 0 auto;
  padding: 20mm 18mm; background: #fff; font-size: 12pt; line-height: 1.7; }
.govdisclosure-report h1 { font-size: 18pt; text-align: center; margin: 0 0 1.2em;
  font-family: "Heiti SC", "SimHei", "Noto Sans CJK SC", sans-serif; }
.govdisclosure-report h2 { font-size: 14pt; margin: 1.4em 0 0.6em;
  font-family: "Heiti SC", "SimHei", "Noto Sans CJK SC", sans-serif; }
.govdisclosure-report p { margin: 0 0 0.5em; text-indent: 2em; }
.govdisclosure-report table { border-collapse: collapse; width: 100%; margin: 0.8em 0;
  font-size: 10pt; line-height: 1.35; page-break-inside: auto; }
.govdisclosure-report th, .govdisclosure-report td { border: 1px solid #333;
  padding: 0.25em 0.35em; vertical-align: middle; }
.govdisclosure-report th { font-weight: normal; text-align: center; background: #f2f2f2; }
.govdisclosure-report tbody th[scope="row"] { text-align: left; }
.govdisclosure-report th.caption { font-weight: bold; background: #e6e6e6; }
.govdisclosure-report th.corner { font-size: 9pt; }
.govdisclosure-report td { text-align: center; font-variant-numeric: tabular-nums; }
.govdisclosure-report table.applications td { width: 6%; }
.govdisclosure-report table.review-litigation th, .govdisclosure-report table.review-litigation td {
  width: 6.66%; }
.govdisclosure-report tr { page-break-inside: avoid; }
.govdisclosure-report footer.signature { margin-top: 2em; text-align: right; }
.govdisclosure-report footer.signature p { text-indent: 0; margin: 0; }
@media print {
  .govdisclosure-report { max-width: none; margin: 0; padding: 0; }
  .govdisclosure-report thead { display: table-header-group; }
}
"""
"""The styles of the standalone page (screen and A4 print), scoped to ``.govdisclosure-report``;
include them in the host page when embedding a fragment (``standalone=False``)."""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _attrs(**values: str | int | None) -> str:
    out = []
    for name, value in values.items():
        if value is None or (value == 1 and name in {"rowspan", "colspan"}):
            continue
        out.append(f' {name.rstrip("_").replace("_", "-")}="{_e(str(value))}"')
    return "".join(out)


def _th(text: str, **attrs: str | int | None) -> str:
    return f"<th{_attrs(**attrs)}>{_e(text)}</th>"


def _td(text: str, **attrs: str | int | None) -> str:
    return f"<td{_attrs(**attrs)}>{_e(text)}</td>"


def _paragraphs(text: str, class_: str | None = None) -> list[str]:
    return [f"<p{_attrs(class_=class_)}>{_e(p)}</p>" for p in paragraphs(text)]


def _active(tables: tuple[Table, ...], w: Words) -> list[str]:
    """Section 二: one table of captioned blocks, single values spanning the columns."""
    width = max(len(t.spec.columns) for t in tables)
    out = [f'<table class="active" data-edition="{_e(tables[0].edition.value)}">']
    for table in tables:
        spec = table.spec
        n = len(spec.columns)
        spans = [1] * (n - 1) + [width - n + 1]
        out.append(f'<tbody data-table="{_e(spec.id)}"{_attrs(data_edition=table.edition.value)}>')
        out.append(
            f"<tr>{_th(w.caption(spec), colspan=width + 1, scope='colgroup', class_='caption')}</tr>"
        )
        head = [_th(w.corner(spec), scope="col")]
        head += [
            _th(w.column(c), scope="col", colspan=s)
            for c, s in zip(spec.columns, spans, strict=True)
        ]
        out.append(f"<tr>{''.join(head)}</tr>")
        for row, values in zip(spec.rows, table.cells, strict=True):
            cells = [_th(w.row(row), scope="row")]
            cells += [
                _td(w.cell(v, c), colspan=s)
                for v, c, s in zip(values, spec.columns, spans, strict=True)
            ]
            out.append(f"<tr>{''.join(cells)}</tr>")
        out.append("</tbody>")
    out.append("</table>")
    return out


def _applications(table: Table, w: Words) -> list[str]:
    """Section 三: three header rows over three label columns and seven data columns."""
    spec = table.spec
    sub = set(spec.column_subgroup_members)
    cols = spec.columns
    out = [f'<table class="applications" data-edition="{_e(table.edition.value)}">', "<thead>"]
    out.append(
        "<tr>"
        + _th(w.corner(spec), colspan=3, rowspan=3, class_="corner")
        + _th(w.column_group(spec), colspan=len(cols), scope="colgroup")
        + "</tr>"
    )
    second, third = [], []
    subgroup_done = False
    for c in cols:
        if c.id in sub:
            if not subgroup_done:
                second.append(_th(w.column_subgroup(spec), colspan=len(sub), scope="colgroup"))
                subgroup_done = True
            third.append(_th(w.column(c), scope="col"))
        else:
            second.append(_th(w.column(c), rowspan=2, scope="col"))
    out.append(f"<tr>{''.join(second)}</tr>")
    out.append(f"<tr>{''.join(third)}</tr>")
    out.append("</thead>")
    out.append("<tbody>")
    for (row, labels), values in zip(label_layout(table, w), table.cells, strict=True):
        cells = [
            _th(
                lab.text,
                rowspan=lab.rowspan,
                colspan=lab.colspan,
                scope="rowgroup" if lab.kind == "group" else "row",
            )
            for lab in labels
        ]
        cells += [_td(w.cell(v, c)) for v, c in zip(values, cols, strict=True)]
        out.append(f'<tr data-row="{_e(row.id)}">{"".join(cells)}</tr>')
    out.append("</tbody>")
    out.append("</table>")
    return out


def _review(table: Table, w: Words) -> list[str]:
    """Section 四: review and two kinds of litigation, fifteen figures in one row."""
    spec = table.spec
    cols = spec.columns
    members = set(spec.row_group_members)
    alone = [r for r in spec.rows if r.id not in members]
    grouped = [r for r in spec.rows if r.id in members]
    out = [f'<table class="review-litigation" data-edition="{_e(table.edition.value)}">', "<thead>"]
    first = [_th(w.row(r), colspan=len(cols), scope="colgroup") for r in alone]
    if grouped:
        first.append(_th(w.row_group(spec), colspan=len(cols) * len(grouped), scope="colgroup"))
    second = [_th(w.column(c), rowspan=2, scope="col") for r in alone for c in cols]
    second += [_th(w.row(r), colspan=len(cols), scope="colgroup") for r in grouped]
    third = [_th(w.column(c), scope="col") for r in grouped for c in cols]
    out += [f"<tr>{''.join(first)}</tr>", f"<tr>{''.join(second)}</tr>"]
    out += [f"<tr>{''.join(third)}</tr>", "</thead>", "<tbody>"]
    order = alone + grouped
    figures = [_td(w.cell(table[r.id, c.id], c)) for r in order for c in cols]
    out += [f"<tr>{''.join(figures)}</tr>", "</tbody>", "</table>"]
    return out


def _section(section_id: str, report: Report, w: Words) -> list[str]:
    tpl = template(report.edition or Edition.V2021)
    heading = w.heading(tpl.section(section_id))
    body: list[str] = []
    if section_id in {"overview", "problems", "other"}:
        narrative: Narrative | None = report.narrative(section_id)
        if narrative is None:
            return []
        body = _paragraphs(narrative.text)
    elif section_id == "active":
        if not report.active and not report.active_text:
            return []
        body = _paragraphs(report.active_text)
        if report.active:
            body += _active(report.active, w)
    elif section_id == "applications":
        if report.applications is None and not report.applications_text:
            return []
        body = _paragraphs(report.applications_text)
        if report.applications is not None:
            body += _applications(report.applications, w)
    else:
        if report.review_litigation is None and not report.review_litigation_text:
            return []
        body = _paragraphs(report.review_litigation_text)
        if report.review_litigation is not None:
            body += _review(report.review_litigation, w)
    return [
        f'<section class="{_e(section_id.replace("_", "-"))}">',
        f"<h2>{_e(heading)}</h2>",
        *body,
        "</section>",
    ]


def _article(report: Report, w: Words) -> list[str]:
    meta = _attrs(
        class_="govdisclosure-report",
        data_organ=report.organ.name,
        data_organ_kind=report.organ.kind.value,
        data_year=report.year,
        data_edition=report.edition.value if report.edition else None,
        lang="en" if w.en else "zh-CN",
    )
    out = [f"<article{meta}>", "<header>", f"<h1>{_e(w.title(report))}</h1>", "</header>"]
    out += _paragraphs(report.preamble, "preamble")
    for section_id in SECTION_IDS:
        out += _section(section_id, report, w)
    if report.published is not None:
        # the signature block: the organ over the date (without a date, an organ line
        # alone would read as the last line of section 六)
        iso = report.published.isoformat()
        out += [
            '<footer class="signature">',
            f'<p class="organ">{_e(report.organ.name)}</p>',
            f'<p class="date"><time datetime="{iso}">{_e(w.day(report.published))}</time></p>',
            "</footer>",
        ]
    out.append("</article>")
    return out


def render_html(report: Report, *, standalone: bool = True, locale: str = "zh_CN") -> str:
    """The report as HTML in the official layout.

    ``standalone`` gives a whole printable page (A4 print styles embedded); otherwise an
    ``<article>`` fragment to embed in another page. ``locale="en"`` prints the
    template's English glosses and English dates; figures keep their published
    precision. Blank cells stay blank; nothing is invented.
    """
    w = words(locale)
    article = _article(report, w)
    if not standalone:
        return scrub("\n".join(article) + "\n")
    lang = "en" if w.en else "zh-CN"
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        '<meta name="generator" content="govdisclosure" />',
        f"<title>{_e(w.title(report))}</title>",
        f"<style>\n{_PAGE_CSS}{CSS}</style>",
        "</head>",
        "<body>",
    ]
    return scrub("\n".join([*head, *article, "</body>", "</html>"]) + "\n")


# ----------------------------------------------------------------------------- reading

MAX_BYTES: Final = Limits().max_bytes
"""The largest page :func:`parse_html` reads by default (see :class:`~govdisclosure.Limits`)."""
MAX_COLSPAN: Final = Limits().max_span
"""Spans wider than this are clamped by default (the widest table of the format has 15 columns)."""
MAX_CELLS: Final = Limits().max_total_cells
"""The most cells a page's expanded tables may hold together by default."""

_DECLARED: Final = re.compile(
    rb"""(?:<meta[^>]{0,400}?charset\s*=\s*["']?\s*|<\?xml[^>]{0,200}?encoding\s*=\s*["']\s*)
        ([A-Za-z0-9_.:\-]{2,40})""",
    re.IGNORECASE | re.VERBOSE,
)
_GB: Final = frozenset(
    {
        "gb2312",
        "gbk",
        "x-gbk",
        "cp936",
        "gb_2312-80",
        "euc-cn",
        "gb18030",
        "csgb2312",
        "ms936",
        "windows-936",
    }
)

_SKIP_TAGS: Final = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "iframe",
        "object",
        "embed",
        "svg",
        "button",
        "select",
        "input",
        "textarea",
        "meta",
        "link",
        "nav",
        "map",
        "audio",
        "video",
        "canvas",
        # Word's data islands (document properties and settings: <xml><w:WordDocument>
        # …), no content: left in the body when an editor drops the conditional comment
        # around them, their text ("Normal 0 7.8 磅 0 2 false …") was read as a line
        "xml",
    }
)
_BLOCK_TAGS: Final = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "blockquote",
        "center",
        "dl",
        "dt",
        "dd",
        "pre",
        "form",
        "address",
        "figure",
        "figcaption",
        "aside",
        "hr",
        "caption",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
        "br",
        "body",
        "html",
        "fieldset",
        "legend",
        "details",
        "summary",
    }
)
_CELL_TAGS: Final = ("td", "th")
_BEYOND_REACH: Final = math.inf
"""What the cell counts are compared with when there is no limit: no count is more."""
_TITLE_HINT: Final = re.compile(r"(政府信息公开|政务公开|信息公开).{0,12}(年度报告|年报)")
_YEAR_IN_TITLE: Final = re.compile(r"(19|20)\d{2}\s*年")
# "title_site name", "title | site", "title - site", "title-某某人民政府门户网站"
_TITLE_SEPARATOR: Final = re.compile(r"\s*[_|\uff5c]\s*|\s+[-—]\s+|-(?=[^-]*网站?$)")
_SPACE_RUN: Final = re.compile(r"[ \t\r\n\f\v]*[\r\n\t\f\v][ \t\r\n\f\v]*")
_SPAN: Final = re.compile(r"\s*(\d{1,9})")
_CONTROL: Final = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# the same characters in UTF-8, made spaces byte by byte (no byte of these encodings
# occurs inside the encoding of another character); NUL is dropped
_CONTROL_BYTES: Final = bytes.maketrans(
    bytes(range(0x01, 0x09)) + b"\x0b\x0c" + bytes(range(0x0E, 0x20)), b" " * 28
)
_CONTROL_SINGLE: Final = tuple(bytes([b]) for b in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)))
"""The bytes that :data:`_CONTROL_BYTES` changes or that are dropped (NUL), one by one."""
_NONCHARACTERS_UTF8: Final = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")  # U+FFFE, U+FFFF
# a character that is neither blank nor one of those: the page is not empty
_NOT_BLANK: Final = re.compile("[^\\s\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MAX_FRAME_DEPTH: Final = 4
"""How deep ``<iframe srcdoc>`` pages inside one another are read."""
_FRAMES_NAMED: Final = 5
"""How many of a page's frames a :class:`~govdisclosure.ParseError` names."""
_MHTML_HEAD: Final = 8192
"""How much of a page given as text is looked at for the headers of an MHTML file."""
_CJK: Final = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def _decode(data: bytes, charset: str | None = None) -> tuple[str, str, Replaced | None]:
    """Text, the codec used, and the bytes it does not decode, replaced (if any): BOM,
    then UTF-8, then the declared charset (``charset``, the one an MHTML part declares,
    else the page's own declaration; used when it makes Chinese characters of the
    page), then GB18030; else the one of GB18030 and UTF-8 that replaces fewer bytes."""
    codec = bom_codec(data)
    if codec is not None:
        try:
            return data.decode(codec), codec.removesuffix("-sig"), None
        except UnicodeDecodeError:  # (a mark before bytes of another encoding)
            text, _, replaced = decode_fewest_replaced(data, (codec,))
            return text, codec.removesuffix("-sig"), replaced
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    if charset is not None:
        declared = charset.strip().lower()
    else:
        m = _DECLARED.search(data[:4096])
        declared = m.group(1).decode("ascii", "replace").lower() if m else ""
    candidates = []
    if declared and declared not in _GB and not declared.startswith("utf"):
        candidates.append(declared)
    candidates.append("gb18030")
    # a declared charset that makes no Chinese character of the page (iso-8859-1 or
    # windows-1252 declared on a GBK page: every byte decodes, to Latin letters) is
    # only used when GB18030 cannot decode the page either
    fallback: tuple[str, str] | None = None
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeError, LookupError):  # (the "undefined" codec raises UnicodeError)
            continue
        if codec == "gb18030" or _CJK.search(text) is not None:
            return text, codec, None
        fallback = fallback or (text, codec)
    if fallback is not None:
        return (*fallback, None)
    # (as GB18030 or UTF-8, whichever replaces fewer bytes: a UTF-8 page with a
    # stray byte GB18030 does not decode either keeps its characters)
    return decode_fewest_replaced(data, ("gb18030", "utf-8"))


def _span(value: str | None, limit: int) -> int:
    """A rowspan or colspan: leading digits of the attribute (``"2;"`` is 2), clamped."""
    if not value:
        return 1
    m = _SPAN.match(value)
    if m is None:
        return 1
    n = int(m.group(1))
    if n == 0:  # rowspan="0": to the end of the table
        return limit
    return max(1, min(n, limit))


_BR: Final = "\x00"
"""What a ``<br>`` adds to a paragraph's text: a line break of its own, which
:func:`_squeeze` (it joins the lines of the page source) leaves alone. No text of the
page holds it: NUL is deleted before parsing."""


def _squeeze(text: str) -> str:
    """Drop the line breaks of the page source (a wrapped line is one line), keep spaces."""

    def join(m: re.Match[str]) -> str:
        s, e = m.start(), m.end()
        before = text[s - 1] if s > 0 else ""
        after = text[e] if e < len(text) else ""
        if not before or not after or _CJK.match(before) or _CJK.match(after):
            return ""
        return " "

    return _SPACE_RUN.sub(join, text)


def _line(el: etree._Element) -> int | None:
    line: object = el.sourceline
    return line if isinstance(line, int) and line > 0 else None


def _has_break(text: str) -> bool:
    """Whether ``text`` holds a character that :func:`_squeeze` replaces (a line break,
    a tab, a form feed …; without one, squeezing changes nothing): five fast searches
    of one character, where ``not text.isprintable()`` (also true of a text with an
    ideographic space) tests every character."""
    return "\n" in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text


def _clean(text: str) -> str:
    """``_squeeze(text).strip()``; text without line breaks or tabs has nothing to squeeze
    (a short text is mostly printable, a test quicker than the searches of each)."""
    if text.isprintable() or not _has_break(text):
        return text.strip()
    return _squeeze(text).strip()


@functools.lru_cache(maxsize=4096)
def _line_source(line: int | None) -> Source:
    """``Source(line=line)``: one (immutable) instance per line number, shared by the
    paragraphs of every page that start on that line."""
    return Source(line=line)


class _Reader:
    """Turns the content container of a page into blocks."""

    def __init__(
        self,
        table_index: dict[etree._Element, int],
        limits: Limits,
        budget: Budget,
        cell_texts: dict[etree._Element, str] | None = None,
    ) -> None:
        self.blocks: list[Block] = []
        self.table_index = table_index
        self.parts: list[str] = []
        self.line: int | None = None
        self.cells = 0
        self.limits = limits
        self.budget = budget
        # the text of cells already serialised when the container was chosen
        self.cell_texts = cell_texts if cell_texts is not None else {}
        # the footnote marks of cells read without them (see _marked_cells), and the
        # findings that report them
        self.marks: dict[etree._Element, str] = {}
        self.notes: list[Finding] = []

    # paragraphs ------------------------------------------------------------
    def flush(self) -> None:
        parts = self.parts
        if parts:
            joined = "".join(parts)
            if not joined.isspace():  # (else squeezed and stripped to nothing)
                self.paragraphs(joined, self.line)
            parts.clear()  # in place: walk holds the list
        self.line = None

    def paragraphs(self, joined: str, line: int | None) -> None:
        """Add the paragraphs of ``joined``, text that is not all blanks, starting on ``line``."""
        if not _has_break(joined) and _BR not in joined:  # nothing to squeeze nor split
            paragraph = joined.strip()
            if paragraph:
                self.blocks.append(make_paragraph(paragraph, _line_source(line)))
        else:
            for piece in _squeeze(joined).split(_BR):
                paragraph = piece.strip()
                if paragraph:
                    self.blocks.append(make_paragraph(paragraph, _line_source(line)))

    def walk(self, el: etree._Element) -> None:
        tag: object = el.tag
        if not isinstance(tag, str):  # a comment or processing instruction
            return
        tag = tag.lower()
        if tag in _SKIP_TAGS or not tag:
            return
        if el.get("class") == "organ" and _own_organ_line(el):
            return
        parts = self.parts
        # Text is added to the paragraph being gathered (its source line is that of the
        # element whose text starts it), except blanks that would start a paragraph:
        # they are stripped from it in any case (and a paragraph of blanks is none)
        if tag == "br":
            if parts:
                parts.append(_BR)
            return
        if tag == "table":
            rows = _data_rows(el)
            if rows is not None:
                if parts:
                    self.flush()
                at = len(self.blocks)
                if self.table(el, rows):
                    self._loose_before(el, at)
                return
        block = tag in _BLOCK_TAGS
        if block and parts:  # (a source line is only kept with parts to flush)
            self.flush()
        text = el.text
        if block and not len(el):
            # a block without children (most paragraphs): its text is flushed alone
            if text and not text.isspace():
                self.paragraphs(text, _line(el))
            return
        if text:
            if parts:
                if self.line is None and not text.isspace():
                    self.line = _line(el)
                parts.append(text)
            elif not text.isspace():
                self.line = _line(el)
                parts.append(text)
        for child in el:
            self.walk(child)
            text = child.tail
            if text:
                if parts:
                    if self.line is None and not text.isspace():
                        self.line = _line(el)
                    parts.append(text)
                elif not text.isspace():
                    self.line = _line(el)
                    parts.append(text)
        if block and parts:
            self.flush()

    # tables ----------------------------------------------------------------
    def _loose_before(self, el: etree._Element, at: int) -> None:
        """Put the loose text of table ``el`` (text outside its cells), if any, before the
        blocks read from it (from ``at`` on), where browsers show it."""
        loose = _loose_text(el)
        if loose:
            table = self.blocks[at:]
            del self.blocks[at:]
            self.paragraphs(loose, _line(el))
            self.blocks += table

    def table(
        self, el: etree._Element, rows: list[tuple[etree._Element, list[etree._Element]]]
    ) -> bool:
        """Read a table into a block; whether text outside its cells may be loose (the
        caller then reads it in full and puts it before the table)."""
        index = self.table_index.get(el, len(self.table_index))
        n = len(rows)
        # the expanded grid, row by row: the cell shown at each position (its source
        # names the position), False for a position that a spanned figure covers after
        # its first (a figure is shown once), None for a position no cell covers
        grid: list[list[RawCell | Literal[False] | None]] = [[] for _ in range(n)]
        # whether a row may hold False or None: it is then filtered and filled
        irregular = [False] * n
        limits = self.limits
        max_span = limits.max_span
        # the counts are compared with both limits at every cell (no limit: one
        # beyond reach, a comparison cheaper than a test for None first)
        max_cells = limits.max_cells
        max_total = limits.max_total_cells
        cells_cap = _BEYOND_REACH if max_cells is None else max_cells
        total_cap = _BEYOND_REACH if max_total is None else max_total
        cell_texts = self.cell_texts
        check = self.budget.check
        cell_at = grid_cell
        table_cells = 0
        total = self.cells
        # whether text outside the cells may be loose: looked at here, where the rows
        # and cells are read anyway
        loose = _loose_outside_rows(el)
        for r, (tr, tds) in enumerate(rows):
            check()
            if not loose:
                # a row's own text, or a child other than a cell (a stray row is named
                # by its first cell, whose text is the cell's)
                text = tr.text
                loose = (text is not None and not text.isspace() and tr.tag == "tr") or (
                    len(tds) != len(tr) and tr.tag == "tr"
                )
            row = grid[r]
            c = 0
            for td in tds:
                if not loose:
                    tail = td.tail
                    loose = tail is not None and not tail.isspace()
                width = len(row)
                while c < width and row[c] is not None:
                    c += 1
                rowspan = td.get("rowspan")
                colspan = td.get("colspan")
                raw = cell_texts.get(td)
                if raw is None:
                    raw = _text_of(td)
                # _clean(raw), its common case first
                text = raw.strip() if raw.isprintable() else _clean(raw)
                at: object = td.sourceline
                line = at if isinstance(at, int) and at > 0 else None
                if not rowspan and not colspan:
                    # one position (most cells): counted, made and placed at once
                    table_cells += 1
                    total += 1
                    if table_cells > cells_cap or total > total_cap:
                        self._refuse(index, line, table_cells, total)
                    cell = cell_at(text, index, r, c, line)
                    if c < width:
                        row[c] = cell
                    else:  # (c is never beyond the row's end: see below)
                        row.append(cell)
                    c += 1
                    continue
                rs = _span(rowspan, min(n - r, max_span)) if rowspan else 1
                cs = _span(colspan, max_span) if colspan else 1
                size = rs * cs
                table_cells += size
                total += size
                if table_cells > cells_cap or total > total_cap:
                    self._refuse(index, line, table_cells, total)
                if size == 1:
                    if c < width:
                        row[c] = cell_at(text, index, r, c, line)
                    else:
                        # c is at most the row's length: a cell placed at c leaves the
                        # row at least c + 1 long, a span at c at least c + cs
                        row.append(cell_at(text, index, r, c, line))
                    c += 1
                    continue
                repeat = repeats_in_span(text)
                for rr in range(r, r + rs):
                    target = grid[rr]
                    if len(target) < c + cs:
                        target += [None] * (c + cs - len(target))
                        irregular[rr] = True
                    for cc in range(c, c + cs):
                        if target[cc] is None:  # an earlier cell keeps its position
                            if repeat or (rr == r and cc == c):
                                target[cc] = cell_at(text, index, rr, cc, line)
                            else:
                                target[cc] = False
                                irregular[rr] = True
                c += cs
        self.cells = total
        if self.marks:  # (a page with a footnote mark in a cell: rare)
            self._note_marks(index, rows, grid)
        out_rows = []
        for r, (tr, _tds) in enumerate(rows):
            row_line = _line(tr)
            row = grid[r]
            if irregular[r]:
                # a figure spanning columns is one figure, in one cell (shown once)
                cells = tuple(
                    [
                        cell_at("", index, r, c, row_line) if entry is None else entry
                        for c, entry in enumerate(row)
                        if entry is not False
                    ]
                )
            else:  # every position holds a cell
                cells = cast("tuple[RawCell, ...]", tuple(row))
            out_rows.append(make_row(cells, grid_source(index, r, None, row_line)))
        if out_rows:
            self.blocks.append(RawTable(tuple(out_rows), Source(table=index, line=_line(el))))
        return loose

    def _note_marks(
        self,
        index: int,
        rows: list[tuple[etree._Element, list[etree._Element]]],
        grid: list[list[RawCell | Literal[False] | None]],
    ) -> None:
        """Report the footnote marks of the cells of a table just read, each with the
        source of its cell. A figure is shown once, in the first position it covers, so
        the k-th cell of a row with a figure's text is the k-th position of that row's
        grid with that text (a label that spans into the row from above is no figure)."""
        marks, texts = self.marks, self.cell_texts
        for r, (_tr, tds) in enumerate(rows):
            if not any(td in marks for td in tds):
                continue
            # the row's placed cells by their text, and how many cells before each have
            # its text (one pass each: a row may hold thousands of marked cells)
            placed: dict[str, list[RawCell]] = {}
            for cell in grid[r]:
                if cell:
                    placed.setdefault(cell.text, []).append(cell)
            before: dict[str, int] = {}
            for td in tds:
                text = _cell_text(td, texts)
                nth = before.get(text, 0)
                before[text] = nth + 1
                mark = marks.get(td)
                if mark is None:
                    continue
                same = placed.get(text, ())
                if nth < len(same):
                    source = same[nth].source
                else:  # (not met: every cell of a row is placed in it)
                    source = grid_source(index, r, None, _line(td))
                self.notes.append(
                    finding("parse.footnote-mark", source=source, mark=mark, text=text)
                )

    def _refuse(self, index: int, line: int | None, table_cells: int, total: int) -> NoReturn:
        """Raise for table ``index``, whose counts went beyond a cell limit at a cell
        of ``line`` (the table's own limit is named first); the count read is kept."""
        self.cells = total
        limits = self.limits
        max_cells = limits.max_cells
        if max_cells is not None and table_cells > max_cells:
            msg = f"table {index + 1} expands to more than max_cells={max_cells} cells"
        else:
            msg = f"the page's tables expand to more than max_total_cells={limits.max_total_cells} cells"
        raise LimitExceeded(msg, line=line)


def _data_rows(
    table: etree._Element,
) -> list[tuple[etree._Element, list[etree._Element]]] | None:
    """The rows of a table and their cells, or None for a table used for page layout:
    one that holds tables, or only one cell per row."""
    if next(table.iterdescendants("table"), None) is not None:
        return None
    # no table inside: every row belongs to this table (its cells picked by lxml:
    # the same elements as ``td.tag in _CELL_TAGS``, without a tag string made for each)
    rows = [(tr, list(tr.iterchildren(*_CELL_TAGS))) for tr in table.iter("tr")]
    # a cell that is no child of a row (one no row holds, one wrapped in a <div> or
    # <form> inside its row) makes the table's cells outnumber its rows' children
    # (counted in C: most tables have none, and looking for them costs five times as
    # much)
    held = sum(len(tds) for _tr, tds in rows)
    if sum(1 for _ in table.iter(*_CELL_TAGS)) != held:
        rows = _unrowed(table, rows)
    if max((len(tds) for _tr, tds in rows), default=0) <= 1:
        return None
    return rows


def _loose_outside_rows(el: etree._Element) -> bool:
    """Whether ``el`` (a table, or a group of its rows) may hold loose text outside its
    rows: text of its own or after a child that is not blank, or a child other than a
    row, a cell, a group of rows or columns, a script or a comment. (The text of the
    rows themselves and after their cells is looked at where they are read.)"""
    text = el.text
    if text is not None and not text.isspace():
        return True
    for child in el:
        tail = child.tail
        if tail is not None and not tail.isspace():
            return True
        tag: object = child.tag
        if tag == "tr" or tag in _CELL_TAGS:
            continue
        if tag in _ROW_GROUPS:
            if _loose_outside_rows(child):
                return True
            continue
        if isinstance(tag, str) and tag.lower() not in _SKIP_TAGS:
            return True  # a caption, a paragraph …: read in full
    return False


_ROW_GROUPS: Final = frozenset({"tbody", "thead", "tfoot", "colgroup", "col"})


def _loose_text(table: etree._Element) -> str:
    """The text of a table without inner tables that lies outside its cells (a
    ``<caption>``, text between rows or between cells), which browsers show before the
    table; ``""`` when there is none but blanks."""
    pieces: list[str] = []
    _gather_loose(table, pieces)
    text = "".join(pieces)
    # blanks and characters that print as nothing (a zero-width space between rows)
    # are no text
    shown = visible(text)
    return text if shown and not shown.isspace() else ""


def _gather_loose(el: etree._Element, pieces: list[str]) -> None:
    """Add to ``pieces`` the text inside ``el`` outside cells, scripts and comments."""
    text = el.text
    if text:
        pieces.append(text)
    for child in el:
        tag: object = child.tag
        # (the tags of rows and cells, the most of a table, are tested first and as
        # they are: the HTML parser writes tags in lower case)
        if tag == "tr" or (
            tag not in _NOT_LOOSE and isinstance(tag, str) and tag.lower() not in _NOT_LOOSE
        ):
            _gather_loose(child, pieces)
        tail = child.tail
        if tail:
            pieces.append(tail)


_NOT_LOOSE: Final = _SKIP_TAGS | frozenset(_CELL_TAGS) | {""}
"""The elements whose text is not loose text of a table (cells, scripts, styles …)."""


_UNROWED: Final = etree.XPath(".//*[self::td or self::th][not(parent::tr)]")
"""The cells of a table that are not children of a row (and the cells inside cells)."""
_ROW_OR_CELL: Final = frozenset({"tr", "td", "th"})


def _holder(td: etree._Element, table: etree._Element) -> etree._Element | None:
    """The nearest row or cell around ``td`` inside ``table``; ``None`` when there is
    none (a cell no ``<tr>`` holds)."""
    parent = td.getparent()
    while parent is not None and parent is not table and parent.tag not in _ROW_OR_CELL:
        parent = parent.getparent()
    return None if parent is table else parent


def _unrowed(
    table: etree._Element, rows: list[tuple[etree._Element, list[etree._Element]]]
) -> list[tuple[etree._Element, list[etree._Element]]]:
    """The rows of a table without inner tables and their cells, the cells that are no
    children of a row placed.

    A cell wrapped in another element inside its row (``<tr><div><td>``: lxml leaves
    it inside the ``<div>`` or ``<form>``; browsers show it as a cell of the row) is a
    cell of that row, in document order. A run of cells that no ``<tr>`` holds (a
    forgotten ``<tr>``: lxml leaves them where they are; browsers show them as a row)
    is a row of its own, named by its first cell. A cell inside another cell is part
    of that one's text, not a cell of its own."""
    stray: list[etree._Element] = []
    wrapped: set[etree._Element] = set()
    for td in cast("list[etree._Element]", _UNROWED(table)):
        holder = _holder(td, table)
        if holder is None:
            stray.append(td)
        elif holder.tag == "tr":
            wrapped.add(holder)
    cells = dict(rows)
    for tr in wrapped:
        cells[tr] = [td for td in tr.iter(*_CELL_TAGS) if _holder(td, table) is tr]
    if not stray:
        return [(tr, cells[tr]) for tr, _tds in rows]
    loose = set(stray)
    out: list[tuple[etree._Element, list[etree._Element]]] = []
    run: list[etree._Element] = []
    for el in table.iter("tr", *_CELL_TAGS):
        if el.tag == "tr":
            if run:
                out.append((run[0], run))
                run = []
            out.append((el, cells[el]))
        elif el in loose:
            run.append(el)
    if run:
        out.append((run[0], run))
    return out


def _own_organ_line(el: etree._Element) -> bool:
    """The organ line of the signature of a page made by :func:`render_html`: the organ
    is read from the article's ``data-organ`` instead, whatever characters it holds."""
    if el.get("class") != "organ":
        return False
    footer = el.getparent()
    article = footer.getparent() if footer is not None else None
    return (
        footer is not None
        and article is not None
        and footer.get("class") == "signature"
        and article.get("data-organ") is not None
    )


def _cell_text(td: etree._Element, texts: dict[etree._Element, str]) -> str:
    """A cell's text: ``<br>`` and ``<p>`` inside it join without a break; blanks stripped.

    ``texts`` holds the raw text of cells already serialised."""
    raw = texts.get(td)
    return _clean(_text_of(td) if raw is None else raw)


_TITLE_TAGS: Final = (
    "h1",
    "h2",
    "h3",
    "div",
    "p",
    "td",
    "span",
    "font",
    "strong",
    "b",
    "meta",
    "title",
)


def _title_candidates(root: etree._Element, container: etree._Element) -> Iterator[str]:
    """Texts outside the container that may be the title, in document order (read as
    they are asked for: the first one that is a title ends the search)."""
    # the container's elements come in one run, from the first of them on: the set of
    # them is only made when the search gets there (a title is mostly found before)
    first_inside = next(container.iter(*_TITLE_TAGS), None)
    inside: set[etree._Element] = set()
    for el in root.iter(*_TITLE_TAGS):
        if el is first_inside:
            inside = set(container.iter(*_TITLE_TAGS))
        if el in inside:
            continue
        if _tag(el) == "meta":
            name = (el.get("name") or "").lower()
            if name in {"articletitle", "title", "og:title"}:
                yield el.get("content") or ""
            continue
        if len(el) and _tag(el) not in {"h1", "h2", "h3", "title"}:
            continue
        yield _text_of(el)


def _page_title(root: etree._Element, container: etree._Element) -> str | None:
    """The report's title from the page, when the container does not include it."""
    for raw in _title_candidates(root, container):
        text = _squeeze(raw).strip()
        text = _TITLE_SEPARATOR.split(text)[0]
        if len(text) <= 80 and _TITLE_HINT.search(text) and _YEAR_IN_TITLE.search(text):
            return text
    return None


def _parse_tree(text: str) -> etree._Element:
    return _parse_bytes(text.encode("utf-8", errors="replace"))


def _parse_bytes(data: bytes) -> etree._Element:
    parser = etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        recover=True,
        # no table of the ids of the page (libxml2 hashes each id attribute into
        # one): nothing here looks an element up by its id, and the attributes are
        # kept as they are
        collect_ids=False,
    )
    root = etree.fromstring(data, parser)
    if root is None:
        msg = N_("the page is empty")
        raise ParseError(msg)
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    return root


def _articles(root: etree._Element) -> tuple[etree._Element | None, list[etree._Element]]:
    """``_own_article(root)``, and the elements that mark the page as English (an
    ``<html>`` or ``<article>`` whose ``lang`` begins with ``en``): found in one pass, before the chrome is removed (which may remove some of the latter:
    :func:`_within` tells those that are left)."""
    own = None
    english = []
    for el in root.iter("html", "article"):
        if (el.get("lang") or "").lower().startswith("en"):
            english.append(el)
        if (
            own is None
            and el.tag == "article"
            and "govdisclosure-report" in (el.get("class") or "").split()
        ):
            own = el
    return own, english


def _within(el: etree._Element, root: etree._Element) -> bool:
    """Whether ``el`` is ``root`` or inside it (for the root of a tree: whether ``el``
    is still in it, no ancestor of it removed)."""
    return el is root or any(a is root for a in el.iterancestors())


def _own_article(root: etree._Element) -> etree._Element | None:
    """The ``<article>`` of a page made by :func:`render_html`, if the page is one."""
    for el in root.iter("article"):
        if "govdisclosure-report" in (el.get("class") or "").split():
            return el
    return None


def _own_articles(root: etree._Element) -> list[etree._Element]:
    """The ``<article>`` s of :func:`render_html` on a page, in order (a page that joins
    several reports holds one each)."""
    return [
        el
        for el in root.iter("article")
        if "govdisclosure-report" in (el.get("class") or "").split()
    ]


def _organ_hint(root: etree._Element, article: etree._Element | None = None) -> Organ | None:
    """The organ as :func:`render_html` states it on its own pages (``data-organ``);
    ``article``: the page's own article, when the caller has found it."""
    el = _own_article(root) if article is None else article
    if el is None:
        return None
    name = el.get("data-organ")
    kind = el.get("data-organ-kind")
    if name is None:
        return None
    if kind in {k.value for k in OrganKind}:
        return Organ(name, OrganKind(kind))
    return Organ(name)


_SOME_ORGAN: Final = "某机关"
"""A stand-in organ name for the assembler, on pages whose organ is in ``data-organ``."""


def _year_hint(root: etree._Element, article: etree._Element | None = None) -> int | None:
    """The report year as :func:`render_html` states it on its own pages (``data-year``);
    ``article``: the page's own article, when the caller has found it."""
    el = _own_article(root) if article is None else article
    if el is None:
        return None
    value = el.get("data-year") or ""
    return int(value) if value.isdigit() and len(value) == 4 else None


@functools.lru_cache(maxsize=32)
def _level_probe(level: int) -> etree.XPath:
    """Whether a tree has an element at nesting ``level`` (its root is at level 1)."""
    return etree.XPath("boolean(" + "/".join(["*"] * (level - 1)) + ")")


_COUNT_TABLES: Final = etree.XPath("count(descendant-or-self::table)")


def _check_tree(root: etree._Element, limits: Limits, tables: int | None = None) -> None:
    """Refuse a page nested deeper than ``max_depth`` or with more than ``max_tables`` tables.

    The HTML parser itself stops nesting at 255 levels and drops what is deeper, so a
    page that deep is refused rather than read with content silently lost.
    ``tables``: the number of tables, when the caller has them already.
    """
    # no element one level below the allowed depth: nothing to refuse (one XPath in C;
    # the exact depth, for the message, is only measured when a page is refused)
    allowed = 254 if limits.max_depth is None else min(limits.max_depth, 254)
    if allowed < 1 or _level_probe(allowed + 1)(root):
        _check_depth(root, limits)
    if tables is None:
        counted: object = _COUNT_TABLES(root)
        tables = int(counted) if isinstance(counted, float) else 0
    limits.check("max_tables", tables, "tables on the page")


def _check_depth(root: etree._Element, limits: Limits) -> None:
    depth = deepest = 0
    for event, _el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    limits.check("max_depth", deepest, "element nesting depth of the page")
    if deepest >= 255:  # libxml2's own nesting limit: deeper content was dropped
        msg = f"the page is nested {deepest} or more levels deep (content beyond was dropped by the HTML parser)"
        raise LimitExceeded(msg)


def fragment_blocks(
    fragment: str | bytes,
    findings: list[Finding],
    *,
    limits: Limits | None = None,
    budget: Budget | None = None,
) -> list[Block]:
    """The blocks of a piece of HTML held in another document (a Markdown file's table, a
    part imported into a Word document), read as a page's content is (:func:`html_blocks`);
    bytes are decoded by their BOM or declaration, as a page's are (bytes replaced are
    named: ``parse.bytes-replaced``). Raises
    :class:`~govdisclosure.ParseError` for markup that makes no tree (nothing but blanks)."""
    if isinstance(fragment, bytes):
        text, codec, replaced = _decode(fragment)
        if replaced is not None:
            findings.append(replaced_finding(codec.upper(), replaced))
    else:
        text = fragment
    return html_blocks(
        _parse_tree(text), findings, limits=limits, budget=budget, raised=raising(text)
    )


def html_blocks(
    root: etree._Element,
    findings: list[Finding] | None = None,
    *,
    limits: Limits | None = None,
    budget: Budget | None = None,
    every: bool = False,
    raised: AbstractSet[str] | None = None,
) -> list[Block]:
    """The paragraphs and tables of a parsed page's content, in reading order.

    Report tables left outside the content container are reported in ``findings``
    (``parse.outside-content``) with their figures. With ``every`` (all the reports of
    a page are read), the content of a page that holds several articles of
    :func:`render_html` is all of them, and on a page whose container leaves report
    tables out, the content is the nearest element that holds them too, when it holds
    several reports (each report in an element of its own: a portal's page of several
    reports). ``raised``: what :func:`~govdisclosure.formats._raised.raising` says of
    the page's source (``None``: it raises no text by style, which is then not looked
    for in the tree). Raises :class:`~govdisclosure.LimitExceeded` for pages beyond
    ``limits``.
    """
    limits = resolve(limits)
    budget = budget or limits.budget()
    tables = list(root.iter("table"))
    _check_tree(root, limits, len(tables))
    body = next(root.iter("body"), root)
    body_tables = tables if body is root else [t for t in tables if _inside(t, body)]
    cell_texts: dict[etree._Element, str] = {}
    container = _container(body, cell_texts, body_tables)
    table_index = {t: i for i, t in enumerate(tables)}
    if raised is not None:
        # footnote marks set by style rather than <sup>/<sub> (rare: searched for only
        # when the page's source holds such a style) are read as <sup> is read
        for el in raised_elements(root, raised):
            el.tag = "sup"
    if every:
        articles = _own_articles(body)
        if len(articles) > 1:
            container = _common_ancestor(articles)
    outside = (
        _outside(body, container, table_index, cell_texts, body_tables)
        if findings is not None or every
        else []
    )
    if every and outside:
        left = [tables[f.source.table] for f in outside if f.source and f.source.table is not None]
        wide = _common_ancestor([container, *left])
        wider = _several_reports(root, wide, cell_texts, limits, budget)
        if wider is not None:
            blocks, notes = wider
            if findings is not None:
                findings += notes
            return blocks
    if findings is not None:
        findings += outside
    return _content_blocks(root, container, table_index, cell_texts, findings, limits, budget)


def _content_blocks(
    root: etree._Element,
    container: etree._Element,
    table_index: dict[etree._Element, int],
    cell_texts: dict[etree._Element, str],
    findings: list[Finding] | None,
    limits: Limits,
    budget: Budget,
) -> list[Block]:
    """The blocks of ``container``, the content of the page of ``root``, its chrome
    removed (the tree is changed); what the reading notes goes to ``findings``."""
    word_marks = _strip_chrome(container, cell_texts)
    reader = _Reader(table_index, limits, budget, cell_texts)
    if word_marks or next(container.iter(*_MARK_TAGS), None) is not None:  # (one search in C)
        reader.marks = _marked_cells(container, cell_texts, word_marks)
    title = _page_title(root, container)
    if title is not None:
        reader.blocks.append(RawParagraph(title, Source(line=None)))
    reader.walk(container)
    reader.flush()
    if findings is not None:
        findings += reader.notes
    blocks = reader.blocks
    if title is not None and len(blocks) > 1 and _is_title_line(blocks[1]):
        blocks = blocks[1:]  # the container has its own title line
    blocks = [b for b in blocks if not _chrome_paragraph(b)]
    if next(container.iter("img"), None) is not None:  # (one search in C)
        blocks = _with_images(blocks, container)
    return blocks


def _several_reports(
    root: etree._Element,
    wide: etree._Element,
    cell_texts: dict[etree._Element, str],
    limits: Limits,
    budget: Budget,
) -> tuple[list[Block], list[Finding]] | None:
    """The blocks of ``wide`` (an element of the page of ``root`` that holds the content
    container and the report tables it left out) and what reading them notes, when
    they hold several reports; else ``None``. They are read from a copy of the page:
    removing the chrome changes the tree, which is read as it was when they hold one."""
    copied = copy.deepcopy(root)
    twin = copied.getroottree().xpath(root.getroottree().getpath(wide))
    if not isinstance(twin, list) or not twin or not isinstance(twin[0], etree._Element):
        return None
    texts = dict(
        zip(
            copied.iter("td"),
            (cell_texts.get(td, _serialised_text(td)) for td in root.iter("td")),
            strict=True,
        )
    )
    tables = list(copied.iter("table"))
    table_index = {t: i for i, t in enumerate(tables)}
    body = next(copied.iter("body"), copied)
    notes = _outside(body, twin[0], table_index, texts)
    blocks = _content_blocks(copied, twin[0], table_index, texts, notes, limits, budget)
    return (blocks, notes) if len(split(blocks)) > 1 else None


def _common_ancestor(elements: Sequence[etree._Element]) -> etree._Element:
    """The nearest element that holds all of ``elements`` (one at least)."""
    first, *others = elements
    for candidate in itertools.chain([first], first.iterancestors()):
        if all(_within(el, candidate) for el in others):
            return candidate
    return first.getroottree().getroot()


def _with_images(blocks: list[Block], container: etree._Element) -> list[Block]:
    """``blocks`` with a :class:`RawImage` for each picture of ``container`` outside its
    tables, placed by its source line among the blocks (the assembly finds the section
    each stands in: a picture where a table should be is that table as a picture)."""
    images: list[tuple[int, RawImage]] = []
    for img in container.iter("img"):
        at = _line(img)
        if at is None or next(img.iterancestors("table"), None) is not None:
            continue
        src = (img.get("src") or img.get("data-src") or "").strip()
        alt = img.get("alt") or img.get("title") or ""
        images.append((at, make_image(src, alt, Source(line=at))))
    if not images:
        return blocks
    out: list[Block] = []
    k = 0
    for block in blocks:
        line = block.source.line
        while k < len(images) and line is not None and images[k][0] <= line:
            out.append(images[k][1])
            k += 1
        out.append(block)
    out.extend(image for _, image in images[k:])
    return out


_MARK_TAGS: Final = ("sup", "sub")


def _marked_cells(
    container: etree._Element,
    cell_texts: dict[etree._Element, str],
    word_marks: list[etree._Element] | None = None,
) -> dict[etree._Element, str]:
    """The cells with text besides that of their ``<sup>`` and ``<sub>`` (and of Word's
    reference marks ``word_marks``,
    :data:`~govdisclosure.formats._container.WORD_MARKS`: ``12[1]`` is 12 and the mark
    of footnote 1), each with those marks (``12<sup>1</sup>``: a footnote mark, not the
    figure 121; a label's mark is no figure glued to it either); ``cell_texts`` is
    given those cells' text without the marks. A cell that holds nothing else keeps its
    text."""
    out: dict[etree._Element, str] = {}
    marks = container.iter(*_MARK_TAGS)
    for el in itertools.chain(marks, word_marks) if word_marks else marks:
        td = next(el.iterancestors(*_CELL_TAGS), None)
        if td is None or td in out:
            continue
        text, mark = _without_marks(td)
        if mark and text:
            out[td] = mark
            cell_texts[td] = text
    return out


def _without_marks(td: etree._Element) -> tuple[str, str]:
    """A cell's text without its ``<sup>`` and ``<sub>``, and the text of those
    (blank-separated)."""
    pieces: list[str] = []
    marks: list[str] = []
    _split_marks(td, pieces, marks)
    return _clean("".join(pieces)), " ".join(m for m in map(_clean, marks) if m)


def _split_marks(el: etree._Element, pieces: list[str], marks: list[str]) -> None:
    """Add the text inside ``el`` to ``pieces``, but the text of each ``<sup>``,
    ``<sub>`` and Word reference mark (its class one of
    :data:`~govdisclosure.formats._container.WORD_MARKS`), which is added to
    ``marks``, one item each."""
    text = el.text
    if text:
        pieces.append(text)
    for child in el:
        tag: object = child.tag
        if tag in _MARK_TAGS or child.get("class") in WORD_MARKS:
            marks.append(_text_of(child))
        elif isinstance(tag, str):
            _split_marks(child, pieces, marks)
        else:  # an entity reference
            pieces.append(_serialised_text(child))
        tail = child.tail
        if tail:
            pieces.append(tail)


def _inside(el: etree._Element, body: etree._Element) -> bool:
    """Whether ``el`` is inside ``body`` (a ``<body>``)."""
    return any(a is body for a in el.iterancestors("body"))


def _outside(
    body: etree._Element,
    container: etree._Element,
    table_index: dict[etree._Element, int],
    cell_texts: dict[etree._Element, str],
    tables: list[etree._Element] | None = None,
) -> list[Finding]:
    """Findings for report tables with figures that lie outside the content container
    (``tables``: the body's tables, when the caller has them)."""
    inside = set(container.iter("table"))
    out = []
    for table in body.iter("table") if tables is None else tables:
        if table in inside or any(t in inside for t in table.iter("table")):
            continue
        text = _text_of(table)
        if not any(w in text for w in _TABLE_WORDS):
            continue
        marked = next(table.iter(*_MARK_TAGS), None) is not None
        figures = []
        for td in table.iter("td", "th"):
            text = _cell_text(td, cell_texts)
            quoted = text
            if marked and next(td.iter(*_MARK_TAGS), None) is not None:
                bare, mark = _without_marks(td)
                if bare and mark:  # the figure, not the figure and its mark run together
                    text, quoted = bare, f"{bare} (mark {mark})"
            if isinstance(read_cell(text).value, int | Decimal) or is_overlong_figure(text):
                figures.append(quoted)
        if figures:
            out.append(
                finding(
                    "parse.outside-content",
                    source=Source(table=table_index.get(table), line=_line(table)),
                    cells=", ".join(figures),
                )
            )
    return out


def _is_title_line(block: Block) -> bool:
    if not isinstance(block, RawParagraph):
        return False
    text = block.text.strip()
    return (
        len(text) <= 80
        and not text.endswith(("。", "；", ";"))
        and _TITLE_HINT.search(text) is not None
        and _YEAR_IN_TITLE.search(text) is not None
    )


def _chrome_paragraph(block: Block) -> bool:
    if not isinstance(block, RawParagraph):
        return False
    text = block.text
    return (
        len(text) <= 40
        and _CHROME_FIND.search(text) is not None  # (none of the words: a count of 0)
        and sum(text.count(w) for w in _CHROME_WORDS) >= 2
    )


def parse_html(html: str | bytes | os.PathLike[str], *, limits: Limits | None = None) -> Report:
    """Read a report web page.

    ``html`` is the page as text, as bytes in any encoding the sites use (UTF-8, GBK,
    GB18030), or the path of a saved page (a :class:`pathlib.Path`: a ``str`` is always
    the page itself): the byte-order mark, then UTF-8, then the ``<meta charset>`` or
    ``http-equiv`` declaration (when it makes Chinese characters of the page), then
    GB18030 decide; a page not in UTF-8 gets a ``parse.encoding`` finding. A page saved
    "as a single file" (MHTML, ``.mht``) is read from the web page inside it, its
    part's declared charset taking the place of the page's declaration; a
    gzip-compressed page is read inflated (bounded by ``limits.max_bytes``, a chunk at
    a time) with a ``parse.compressed`` finding. A page with no section of a report
    that holds one in an ``<iframe srcdoc>`` is read from that frame; one that only
    shows other pages in frames raises a :class:`~govdisclosure.ParseError` naming
    them (nothing is fetched). The page is
    parsed without network access or entity expansion; the content container is chosen
    among the page chrome; a ``<br>`` in running text ends a line (a page laid out with
    ``<br>`` alone is read line by line), while ``<br>`` and ``<p>`` inside cells are
    joined; ``rowspan``/``colspan`` are expanded (malformed values read leniently,
    absurd ones clamped) and every cell's :class:`~govdisclosure.Source` is the table's
    index on the page, the row and column in the expanded grid and the source line.

    Raises :class:`~govdisclosure.ParseError` when no report can be found at all, and
    :class:`~govdisclosure.LimitExceeded` for pages beyond ``limits`` (size, nesting
    depth, number of tables, cells per table and per page, time; default: the
    process-wide :func:`~govdisclosure.get_limits`). Spans are clamped to
    ``limits.max_span`` and to the rows left in the table.
    """
    return _parse_page(html, resolve(limits), 0)[0]


def html_reports(
    html: str | bytes | os.PathLike[str], *, limits: Limits | None = None, every: bool = False
) -> list[Report]:
    """:func:`parse_html`'s report as a one-item list; with ``every``, each report of a
    page that holds several one after another (a compilation), in order, each read as
    :func:`parse_html` reads one. The reports of a page that holds several articles of
    :func:`render_html` are read from all of them, each with its article's organ."""
    return _parse_page(html, resolve(limits), 0, every=every)


def _parse_page(
    html: str | bytes | os.PathLike[str], limits: Limits, depth: int, *, every: bool = False
) -> list[Report]:
    findings: list[Finding] = []
    budget = limits.budget()
    given: object = read_input(html, limits) if isinstance(html, os.PathLike) else html
    utf8: bytes | None = None  # the page's bytes when they are the UTF-8 of ``text``
    if isinstance(given, str) and is_mhtml(given[:_MHTML_HEAD].encode("utf-8", "replace")):
        input_size(given, limits)
        given = given.encode("utf-8", "replace")  # (an MHTML file read as text)
    if isinstance(given, bytes | bytearray | memoryview):
        data = bytes(given)
        input_size(data, limits)
        if is_gzip(data):
            data = gunzip(data, limits)
            findings.append(finding("parse.compressed", compression="gzip"))
        charset = None
        if is_mhtml(data):
            data, charset = mhtml_page(data, limits)
        text, codec, replaced = _decode(data, charset)
        if replaced is not None:
            findings.append(replaced_finding(codec.upper(), replaced))
        elif codec != "utf-8":
            findings.append(finding("parse.encoding", encoding=codec.upper()))
        elif not data.startswith(codecs.BOM_UTF8):
            utf8 = data  # decoded strictly: encoding the text again gives the same bytes
    elif isinstance(given, str):
        input_size(given, limits)
        text = given
    else:
        msg = f"parse_html takes str, bytes or a path, not {type(given).__name__}"
        raise TypeError(msg)
    # control characters are no text; lxml keeps them when parsing but refuses them
    # when the tree is edited (chrome removal), so they become spaces here
    # (on the UTF-8 bytes that the parser reads: the same as _CONTROL.sub(" ", text)
    # without NULs, in one translation)
    if _NOT_BLANK.search(text) is None:
        msg = N_("the page is empty")
        raise ParseError(msg)
    source = _parser_input(text, utf8)
    del text  # (not kept while the page is parsed and read: a decoded page is big)
    root = _parse_bytes(source)
    budget.check()
    frames = [(el.get("srcdoc"), el.get("src")) for el in root.iter("iframe", "frame")]
    # the page's own article (for both hints) and the elements in English, in one pass
    article, english = _articles(root)
    # the organ and year that render_html states on its article (on each of its
    # articles, reading every report of a page that holds several)
    articles = _own_articles(root) if every and article is not None else [article]
    hints = [(el, _organ_hint(root, el), _year_hint(root, el)) for el in articles if el is not None]
    blocks = html_blocks(
        root, findings, limits=limits, budget=budget, every=every, raised=raising(source)
    )
    if any(_within(el, root) for el in english):  # (an English mark left in the tree read)
        blocks = translate(blocks)
    official = [False] * len(hints)
    for i, (el, organ, year) in enumerate(hints):
        # a page of render_html with the official title: the organ is read from
        # data-organ, so the title line need not pass the assembler's title tests (an
        # organ name may hold any character)
        k = 0 if i == 0 else _first_at(blocks, _line(el))
        if organ is None or year is None or k >= len(blocks):
            continue
        pattern = template(edition_for_year(year)).title
        first = blocks[k]
        if isinstance(first, RawParagraph) and first.text == pattern.format(
            organ=organ.name, year=year
        ):
            stand_in = attrs.evolve(first, text=pattern.format(organ=_SOME_ORGAN, year=year))
            blocks = [*blocks[:k], stand_in, *blocks[k + 1 :]]
            official[i] = True
    try:
        reports = [
            assemble(part, findings=shared)
            for part, shared in report_parts(blocks, findings, every=every)
        ]
    except LimitExceeded:
        raise
    except ParseError:
        framed = _framed(frames, findings, limits, depth, every=every) if frames else None
        if framed is None:
            links = _attachments(root)
            if links:
                msg = f"no report on the page, which links to its attachment: {links[0]}"
                raise ParseError(msg, reason=_ATTACHED) from None
            raise
        return framed
    first_report = reports[0]
    if frames and _no_section(first_report):
        framed = _framed(frames, findings, limits, depth, every=every)
        if framed is not None:
            return framed
    if _no_section(first_report):
        links = _attachments(root)
        if links:
            note = finding("parse.attachment", count=len(links), links="、".join(links[:5]))
            reports[0] = attrs.evolve(first_report, findings=(*first_report.findings, note))
    reports = [with_mark_paths(report) for report in reports]
    # each article's organ for its report, when the page holds as many reports as
    # articles; else the (first) article's for the first report
    named = hints if len(hints) == len(reports) else hints[:1]
    for i, ((_el, organ, _year), is_official) in enumerate(zip(named, official, strict=False)):
        if organ is not None and organ != reports[i].organ:
            reports[i] = _with_organ(reports[i], organ, official=is_official)
    return reports


def _first_at(blocks: Sequence[Block], line: int | None) -> int:
    """The index of the first block read at ``line`` of the page or after it
    (``len(blocks)`` when none is)."""
    if line is None:
        return len(blocks)
    return next(
        (k for k, b in enumerate(blocks) if b.source.line is not None and b.source.line >= line),
        len(blocks),
    )


_ATTACHED: Final = N_("no report on the page, which links to its attachment")
_ATTACHMENT_SUFFIXES: Final = (*sorted(DOCUMENT_SUFFIXES), ".zip", ".rar", ".7z")
"""What an attachment of a report page is: a document, or an archive holding one."""
_MAX_LINK: Final = 200


def _attachments(root: etree._Element) -> list[str]:
    """The addresses of the documents a page links to (its attachments), in order, each
    once: a link whose address or text ends in a document's suffix."""
    out: dict[str, None] = {}
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        path = href.split("?", 1)[0].split("#", 1)[0].lower()
        text = "".join(str(t) for t in a.itertext()).strip().lower()
        if href and (path.endswith(_ATTACHMENT_SUFFIXES) or text.endswith(_ATTACHMENT_SUFFIXES)):
            out[clipped(href, _MAX_LINK)] = None
    return list(out)


def _no_section(report: Report) -> bool:
    """Whether nothing of ``report`` was read but its title: no section at all."""
    return not report.active and all(
        section is None
        for section in (
            report.overview,
            report.applications,
            report.review_litigation,
            report.problems,
            report.other,
        )
    )


def _framed(
    frames: list[tuple[str | None, str | None]],
    findings: list[Finding],
    limits: Limits,
    depth: int,
    *,
    every: bool = False,
) -> list[Report] | None:
    """The report of a page that holds none itself but frames one: the page of the first
    ``<iframe srcdoc>`` that has one (its findings after the page's own), else a
    :class:`~govdisclosure.ParseError` that names the pages the frames show (nothing is
    fetched); ``None`` when no frame shows a page."""
    if depth < _MAX_FRAME_DEPTH:
        for srcdoc, _src in frames:
            if srcdoc is None or _NOT_BLANK.search(srcdoc) is None:
                continue
            try:
                inner = _parse_page(srcdoc, limits, depth + 1, every=every)
            except LimitExceeded:
                raise
            except ParseError:
                continue
            first = attrs.evolve(inner[0], findings=(*findings, *inner[0].findings))
            return [first, *inner[1:]]
    sources = [" ".join(src.split()) for _srcdoc, src in frames if src and src.strip()]
    if not sources:
        return None
    reason = N_(
        "the page only shows other pages in frames, which are never fetched: "
        "fetch the page its frame shows and read that"
    )
    shown = ", ".join(sources[:_FRAMES_NAMED])
    msg = f"{reason} ({shown})"
    raise ParseError(msg, reason=reason)


def _parser_input(text: str, utf8: bytes | None = None) -> bytes:
    """The bytes the parser reads: ``text`` in UTF-8 (``utf8`` when the caller has them),
    control characters made spaces, NULs dropped.

    The noncharacters are looked for in the text: one character, a faster search than
    their three bytes, which occur in the UTF-8 of nothing else."""
    if utf8 is None:
        utf8 = text.encode("utf-8", errors="replace")
    # (a page mostly has none of them: each is looked for with memchr, faster together
    # than the translation of every byte)
    data = utf8
    if any(byte in utf8 for byte in _CONTROL_SINGLE):
        data = utf8.translate(_CONTROL_BYTES, b"\x00")
    if "\ufffe" in text or "\uffff" in text:
        for nonchar in _NONCHARACTERS_UTF8:
            data = data.replace(nonchar, b" ")
    return data


def _with_organ(report: Report, organ: Organ, *, official: bool = False) -> Report:
    """``report`` published by ``organ``: the title is kept as printed unless it is the
    official pattern for that organ (``official``: it was)."""
    if official:
        return attrs.evolve(report, organ=organ, title="")
    if report.year is None:
        return attrs.evolve(report, organ=organ)
    edition = report.edition or Edition.V2021
    pattern = template(edition).title
    title = report.title or pattern.format(organ=report.organ.name, year=report.year)
    if "".join(title.split()) == "".join(
        pattern.format(organ=organ.name, year=report.year).split()
    ):
        title = ""  # the official pattern, up to spacing (as the assembler reads titles)
    return attrs.evolve(report, organ=organ, title=title)
