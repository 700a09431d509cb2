"""Plain text: published web-page text, text extracted from PDFs, and rendering to text.

:func:`parse_text` reads two kinds of text:

- the text of a report web page, its tables written as tab-separated rows (a merged
  cell becomes one cell, often leaving empty cells beside it);
- the text that PDF libraries (pdfplumber, pypdf) extract: cells separated by spaces,
  long labels wrapped over several lines with their figures in between, group labels
  written one character a line, header words cut in two, page numbers (``- 3 -``) in
  the middle of tables and of paragraphs.

In either, a section heading printed at the end of the line before it (a table's last
row, a paragraph's last sentence) is split off it and read as the heading
(:func:`~govdisclosure.formats._assembly.glued_heading` says when it clearly is one;
``parse.glued-heading``).

:func:`render_text` writes a report as published text, tables tab-separated in the
official layout; ``parse_text(render_text(r)) == r`` for every valid report.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from typing import Final

from govdisclosure._nfkc import nfkc, per_character
from govdisclosure.checks import finding
from govdisclosure.checks.registry import N_
from govdisclosure.errors import ParseError
from govdisclosure.formats._assembly import (
    any_glued,
    glued_heading,
    heading_ends,
    is_title,
    match_heading,
)
from govdisclosure.formats._bom import (
    bom_codec,
    decode_fewest_replaced,
    replaced_finding,
)
from govdisclosure.formats._cells import is_glued_label
from govdisclosure.formats._raw import (
    Block,
    RawCell,
    RawGluedHeading,
    RawParagraph,
    RawRow,
    RawTable,
    make_cell,
    make_row,
)
from govdisclosure.formats._reader import assemble, report_parts
from govdisclosure.formats._scrub import scrub
from govdisclosure.limits import Budget, Limits, input_size, read_input, resolve
from govdisclosure.model import (
    BLANK,
    CellValue,
    Finding,
    NotApplicable,
    Report,
    Source,
    Table,
    Text,
)
from govdisclosure.template import Edition, edition_for_year, normalize_label, template

__all__ = ["decode", "parse_text", "render_text", "text_reports"]

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_TABLED = ("active", "applications", "review_litigation")
_END = ("。", "！", "？", "；", "：", "!", "?", ";", ":")
_NUMBERED = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[是、]|\d+[.、．]|第[一二三四五六七八九十]+)"
)
_DATE_LINE = re.compile(
    r"^\s*[0-9〇零一二三四五六七八九]{4}\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月"
)


def decode(data: bytes) -> tuple[str, Finding | None]:
    """Decode ``data``: by its byte-order mark (UTF-8, UTF-16, UTF-32), else UTF-8, else
    GB18030.

    Returns the text and a ``parse.encoding`` finding when it was not UTF-8, or a
    ``parse.bytes-replaced`` finding when bytes that did not decode were replaced (a
    mark before bytes of another encoding too; without a mark, as UTF-8 or GB18030,
    whichever replaces fewer).
    """
    codec = bom_codec(data)
    if codec is not None:
        # (a text saved as "Unicode" by Notepad: UTF-16 with its mark)
        named = "UTF-8" if codec == "utf-8-sig" else codec.upper()
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:  # (a mark before bytes of another encoding)
            text, _, replaced = decode_fewest_replaced(data, (codec,))
            return text, replaced_finding(named, replaced)
        return text, None if codec == "utf-8-sig" else finding("parse.encoding", encoding=named)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), finding("parse.encoding", encoding="GB18030")
    except UnicodeDecodeError:
        # (the one that replaces fewer bytes: a GBK text with a stray byte keeps its
        # characters)
        text, codec, replaced = decode_fewest_replaced(data, ("utf-8", "gb18030"))
        return text, replaced_finding(codec.upper(), replaced)


class _Widths(dict[str, int]):
    """Display width of each character met so far: wide and full-width count two."""

    def __missing__(self, ch: str) -> int:
        width = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        self[ch] = width
        return width


_WIDTHS = _Widths()


_COMMON_RANGES = (
    (0x0000, 0x007F),  # ASCII
    (0x2000, 0x206F),  # general punctuation
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xFF01, 0xFF5E),  # full-width ASCII forms
)


@functools.cache
def _width_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A character outside the ranges reports are written in, and a character that is
    not wide nor full-width (within those ranges: a narrow one, of which a line of
    Chinese prose holds a few, where it holds tens of wide ones)."""
    runs: list[tuple[int, int]] = []
    for lo, hi in _COMMON_RANGES:
        for cp in range(lo, hi + 1):
            if unicodedata.east_asian_width(chr(cp)) not in "WF":
                continue
            if runs and runs[-1][1] == cp - 1:
                runs[-1] = (runs[-1][0], cp)
            else:
                runs.append((cp, cp))

    def span(a: int, b: int) -> str:
        return re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"

    known = "".join(span(a, b) for a, b in _COMMON_RANGES)
    wide = "".join(span(a, b) for a, b in runs)
    return re.compile(f"[^{known}]"), re.compile(f"[^{wide}]")


def _width(text: str) -> int:
    """Display width of ``text`` without its surrounding blanks."""
    text = text.strip()
    if text.isascii():
        return len(text)
    other, narrow = _width_patterns()
    if other.search(text) is None:
        # every character counts two but the narrow ones: finding those few makes a
        # shorter list than finding the wide ones
        return 2 * len(text) - len(narrow.findall(text))
    return sum(map(_WIDTHS.__getitem__, text))


@functools.lru_cache(maxsize=4096)
def _source(line: int, column: int | None = None) -> Source:
    """``Source(line=line, column=column)``, shared: a :class:`Source` is immutable, and
    making one costs more than the rest of reading a cell. Reports of one layout put
    their cells at the same places."""
    return Source(line, column)


def _words(line: str, number: int) -> tuple[RawCell, ...]:
    """The words of ``line`` (runs of what is not white space, as ``\\S+`` finds them),
    each with its column: each word is looked for from the end of the one before, so
    where it is found is where it starts (the blanks between them hold none of it).
    Splitting and finding make no match object a word, the cost of ``finditer``."""
    source, cell = _source, make_cell
    words = []
    at = 0
    for word in line.split():
        at = line.find(word, at)
        words.append(cell(word, source(number, at + 1)))
        at += len(word)
    return tuple(words)


def _tokens(line: str, number: int, tabbed: bool) -> RawRow:
    source, cell = _source, make_cell
    # a line without a tab in tab-separated text (a caption, a piece of a label, or a
    # row whose cells were separated by spaces) is cut into words like extracted text
    if tabbed and "\t" in line.strip(" "):
        cells = []
        col = 1
        for part in line.split("\t"):
            cells.append(cell(part.strip(), source(number, col)))
            col += len(part) + 1
        return make_row(tuple(cells), source(number))
    return make_row(_words(line, number), source(number))


def _rejoin(previous: str, text: str) -> str:
    """A line and the next that continues it, as one: joined without a space (Chinese
    has none between words), except between two digits, which would make two figures
    one ("0 0 0" and "10 0" are not "0 010 0")."""
    if previous[-1:].isdigit() and text[:1].isdigit():
        return previous + " " + text
    return previous + text


class _Paragraphs:
    """Gathers lines into paragraphs, re-joining lines that wrap."""

    def __init__(self, wrap_width: int, *, extracted: bool) -> None:
        self.wrap_width = wrap_width
        self.extracted = extracted
        self.items: list[RawParagraph] = []
        self.open = False
        self.last_line = ""

    def close(self) -> None:
        self.open = False

    def add(self, text: str, number: int, *, alone: bool = False) -> None:
        text = text.strip()
        if not text:
            return
        if self.items and not alone and self._continues(self.items[-1].text, text):
            last = self.items[-1]
            self.items[-1] = RawParagraph(_rejoin(last.text, text), last.source)
        else:
            self.items.append(RawParagraph(text, _source(number)))
        self.open = not alone
        self.last_line = text  # its width is only needed for wrapped text

    def _continues(self, previous: str, text: str) -> bool:
        if not self.open:
            return False
        if _NUMBERED.match(text) or _DATE_LINE.match(text) or match_heading(text):
            return False
        if previous.endswith(_END):
            return self.extracted and _width(self.last_line) >= self.wrap_width - 4
        return len(previous) >= 15


_WORD: Final = re.compile(r"\S+")


def _cell_count(line: str, tabbed: bool) -> int:
    """How many cells :func:`_tokens` cuts ``line`` into, counted without cutting it."""
    if tabbed and "\t" in line.strip(" "):
        return line.count("\t") + 1
    return sum(1 for _ in _WORD.finditer(line))


def _blocks(
    lines: list[str],
    budget: Budget | None = None,
    limits: Limits | None = None,
    *,
    every: bool = False,
) -> Iterator[Block]:
    """The blocks of a text, given as its lines (split as :meth:`str.splitlines` does).

    With ``every`` (each report of a compilation is read), the title of a further
    report is a paragraph of its own, as the first report's is (:func:`_opens_further`).

    With ``limits``, the cells of a table (``max_cells``) and of all tables
    (``max_total_cells``) are held to them, each line counted before it is cut into
    cells: a line of 2,000,000 figures (4 MB) took 22 s and 540 MB to read, and the 50 MB
    that ``max_bytes`` lets in would take several gigabytes."""
    # tab-separated tables (a web page's text) rather than words in columns (a PDF's)
    tabbed = sum(1 for ln in lines if "\t" in ln and "\t" in ln.strip(" ")) >= 3
    extracted = not tabbed
    # the width of a full line of prose: most prose lines of extracted text are full
    # (measured without the headings printed at the end of lines: a line that ends in
    # one is as wide as, and ends as, the line before it)
    run_on = any_glued(lines)
    measured = [_unglued(ln) for ln in lines] if run_on else lines
    prose = [ln.strip() for ln in measured if "\t" not in ln and ("，" in ln or "。" in ln)]
    # (only extracted text can be wrapped: tabbed text needs no widths)
    widths = sorted(map(_width, prose)) if extracted else []
    wrap = widths[int(len(widths) * 0.6)] if widths else 0
    # text is wrapped at a margin when most prose lines are about as wide as a full line
    # and most of them break off mid-sentence
    full = sum(1 for w in widths if abs(w - wrap) <= 4)
    cut = sum(1 for ln in prose if not ln.endswith(_END))
    wrapped = extracted and len(widths) >= 4 and full * 2 >= len(widths) and cut * 2 >= len(prose)
    paragraphs = _Paragraphs(wrap, extracted=wrapped)
    section: str | None = None
    table_rows: list[RawRow] = []
    title_seen = False
    # the last two lines written, when the last is a date: the signature block
    last_two: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip():
            last_two.append(i)
            if len(last_two) == 2:
                break
    signature = set(last_two) if last_two and _DATE_LINE.match(lines[last_two[0]]) else set()

    table_kind: list[str | None] = [None]
    cells = [0, 0]  # of the table being read, of all tables

    def flush_table() -> Iterator[Block]:
        if table_rows:
            yield RawTable(tuple(table_rows), table_rows[0].source)
            table_rows.clear()
        cells[0] = 0
        table_kind[0] = None

    # each line as it is, in C, unless some line may have a heading at its end
    now: list[str | None] = [None]  # (the section being read, for _split_glued)
    items: Iterator[tuple[int, str, str | None]] = (
        _split_glued(lines, now)
        if run_on
        else zip(itertools.count(), lines, itertools.repeat(None))
    )
    for index, raw, glued in items:
        if budget is not None and not index % 256:
            budget.check()
        number = index + 1
        line = raw  # the lines are split at line breaks: none is left in one
        if not line.strip() or _PAGE_NUMBER.match(line):
            continue
        # a tab once spaces are stripped (one at either end is a cell left empty)
        tab_inside = "\t" in line and "\t" in line.strip(" ")
        if not tab_inside or not tabbed:
            heading = match_heading(line)
            if heading is not None:
                yield from flush_table()
                yield from paragraphs.items
                paragraphs.items = []
                paragraphs.close()
                section = now[0] = heading.section
                if glued is not None:
                    at = lines[index].rfind(line) + 1
                    yield RawGluedHeading(line, _source(number, at), glued)
                else:
                    yield RawParagraph(line.strip(), _source(number))
                continue
        # (a line can only open a table outside a tabled section: asked only there)
        opener = _opens_table(line) if section not in _TABLED else None
        if opener is not None:
            # the heading of a tabled section is lost: its table opens it
            yield from paragraphs.items
            paragraphs.items = []
            paragraphs.close()
            section = now[0] = opener
        in_table = section in _TABLED and (
            (
                tabbed
                and (
                    tab_inside
                    or _lone_cell(line, lines, index, table_rows)
                    or _row_without_tabs(line)
                )
            )
            or (not tabbed and not _is_prose(line, paragraphs))
        )
        if in_table:
            yield from paragraphs.items
            paragraphs.items = []
            paragraphs.close()
            kind = _table_kind(line)
            if kind is not None:
                if table_kind[0] is not None and kind != table_kind[0]:
                    # a heading was lost between two tables: keep them apart
                    yield from flush_table()
                table_kind[0] = kind
            if limits is not None:
                count = _cell_count(line, tabbed)
                cells[0] += count
                cells[1] += count
                limits.check("max_cells", cells[0], "cells of a table")
                limits.check("max_total_cells", cells[1], "cells of the tables")
            table_rows.append(_tokens(line, number, tabbed))
            continue
        if section is None and not title_seen:
            title_seen = is_title(line)
            paragraphs.add(line, number, alone=True)
            paragraphs.close()
            continue
        if index in signature or (
            every and section in _CLOSING and is_title(line) and _opens_further(lines, index)
        ):
            paragraphs.add(line, number, alone=True)
            paragraphs.close()
            continue
        if tabbed and tab_inside:
            line = " ".join(part.strip() for part in line.split("\t") if part.strip())
        paragraphs.add(line, number)
    yield from flush_table()
    yield from paragraphs.items


_CLOSING: Final = frozenset({"problems", "other"})
_OPENING: Final = frozenset({"overview", "active"})
_FURTHER_LOOK: Final = 10
"""How many lines after a title in section 五 or 六 a further report's heading of
section 一 or 二 may come (its lead paragraph before it)."""


def _opens_further(lines: list[str], index: int) -> bool:
    """Whether the title on line ``index`` opens a further report: a heading of section
    一 or 二 follows within :data:`_FURTHER_LOOK` lines written, before any other heading."""
    seen = 0
    for line in lines[index + 1 :]:
        if not line.strip():
            continue
        heading = match_heading(line)
        if heading is not None:
            return heading.section in _OPENING
        seen += 1
        if seen >= _FURTHER_LOOK:
            return False
    return False


_KIND_MARKS = (
    ("active", ("第二十条",)),
    ("applications", ("勾稽关系", "申请人情况", "本年新收")),
    ("review_litigation", ("行政复议", "行政诉讼")),
)


_ANY_KIND_MARK = re.compile("|".join(m for _, marks in _KIND_MARKS for m in marks))


def _table_kind(line: str) -> str | None:
    """Which table a line opens, by the words that only that table's header holds.

    The words are ideographs: folding punctuation (:func:`normalize_label`) neither
    makes nor breaks them, so the line after NFKC and without white space holds the
    same words as the line normalised as a label. The characters looked for first are
    ones that no other character's NFKC form holds (a test checks all of Unicode), and
    each word has all of its own among them: 条, 稽, 收, 请 with 情, 政 with 议 or 讼. A
    line without them holds no word (most table rows of section 二 and 三 hold 政 or 请,
    not the rest, and are not normalised)."""
    if not (
        "条" in line
        or "稽" in line
        or "收" in line
        or ("请" in line and "情" in line)
        or ("政" in line and ("议" in line or "讼" in line))
    ):
        return None
    norm = "".join(nfkc(line).split())
    if _ANY_KIND_MARK.search(norm) is None:
        return None
    for kind, marks in _KIND_MARKS:
        if any(m in norm for m in marks):
            return kind
    return None


_FIGURE_TOKEN: Final = re.compile(r"(?:^|\s)\d[\d,]*(?:\.\d+)?(?:\s|$)")
"""A figure (``12``, ``1,200``, ``96171.6``; not the ``1.`` of a numbered label)
standing alone between blanks: in tab-separated text, a line of a tabled section that
holds one and reads like no sentence is a row whose cells lost their tabs
(the last row of a table, a long row, a whole table typed with spaces)."""


def _unglued(line: str) -> str:
    """``line`` without a heading printed at its end (:func:`glued_heading` asked of no
    section)."""
    split = glued_heading(line, None)
    return line if split is None else split[0]


def _split_glued(lines: list[str], now: list[str | None]) -> Iterator[tuple[int, str, str | None]]:
    """Each line with its index, and a heading printed at its end (:func:`glued_heading`,
    asked of the section being read when the line comes: ``now[0]``, kept by the
    reader) split off it as a line of its own, with the text it was printed after."""
    ends = heading_ends()
    for index, raw in enumerate(lines):
        glued = glued_heading(raw, now[0]) if raw[-1:] in ends else None
        if glued is None:
            yield index, raw, None
            continue
        before, heading = glued
        yield index, before, None
        yield index, heading, before


def _row_without_tabs(line: str) -> bool:
    """Whether a line without tabs in tab-separated text holds a figure alone between
    blanks and no sentence's punctuation (a row that lost its tabs)."""
    return _FIGURE_TOKEN.search(line) is not None and not any(m in line for m in "。；")


def _lone_cell(line: str, lines: list[str], index: int, table_rows: list[RawRow]) -> bool:
    """Whether a line without tabs, ``line`` (``lines[index]``, or what comes before a
    heading printed at its end), is a table row of one cell (a caption, or a piece of a
    label alone on its line) in tab-separated text: it reads like no sentence and sits
    between table rows."""
    line = line.strip()
    if normalize_label(line).startswith("第二十条"):
        return True
    if table_rows and is_glued_label(line):
        return True  # a row of a label and a figure that lost the tab between them
    if not table_rows or any(m in line for m in "。；：:") or len(line) > 40:
        return False  # a sentence or a note (注：…), not a piece of a label
    following = next((lines[j] for j in range(index + 1, len(lines)) if lines[j].strip()), "")
    return "\t" in following.strip(" ") or _row_without_tabs(following)


def _opens_table(line: str) -> str | None:
    """The table that a line can only be the first line of (a caption, the 勾稽 note)."""
    if "条" not in line and "勾" not in line:
        if per_character(line):
            return None  # normalising maps no other character of such a line to 条 or 勾
    elif len(line) > 60 and per_character(line) and len("".join(line.split())) > 60:
        # a sentence: normalising such a line maps each character to one character,
        # blank only if it was blank, so its length is that of the line without blanks
        return None
    norm = normalize_label(line)
    if len(norm) > 60:
        return None
    if norm.startswith("第二十条第"):
        return "active"
    if norm.startswith("(本列数据的勾稽关系"):
        return "applications"
    return None


def _is_prose(line: str, paragraphs: _Paragraphs) -> bool:
    s = line.strip()
    if "。" in s or "；" in s:
        return True
    if paragraphs.open and paragraphs.items and not paragraphs.items[-1].text.endswith(_END):
        return _FIGURE_TOKEN.search(s) is None
    return False


def text_input(
    data: str | bytes | os.PathLike[str], limits: Limits, findings: list[Finding], reader: str
) -> str:
    """The text of ``data`` (text, bytes decoded by :func:`decode`, or a file's bytes),
    refused beyond ``limits.max_bytes``, without byte-order marks and NULs; a
    ``parse.encoding`` finding is added to ``findings`` when it was not UTF-8. ``reader``
    names the caller in the :class:`TypeError` for anything else."""
    if isinstance(data, os.PathLike):
        data = read_input(data, limits)
    if isinstance(data, bytes | bytearray):
        input_size(bytes(data), limits)
        text, note = decode(bytes(data))
        if note is not None:
            findings.append(note)
    elif isinstance(data, str):
        input_size(data, limits)
        text = data
    else:  # callers without type checking
        msg = f"{reader} reads str, bytes or a path, not {type(data).__name__}"  # type: ignore[unreachable]
        raise TypeError(msg)
    return text.replace("\ufeff", "").replace("\x00", "")


def parse_text(data: str | bytes | os.PathLike[str], *, limits: Limits | None = None) -> Report:
    """Read a report from published text or from text extracted from its PDF.

    ``data`` is the text, or its bytes (UTF-8 with or without BOM, UTF-16 or UTF-32 with
    their BOM, or GB18030; a ``parse.encoding`` finding says when it was not UTF-8), or
    the path of a file holding them (a :class:`pathlib.Path`: a ``str`` is always the
    text itself). Everything noticed while reading is in ``report.findings``;
    :class:`~govdisclosure.ParseError` is raised only when nothing report-like is found, and :class:`~govdisclosure.LimitExceeded` for text beyond
    ``limits`` (``max_bytes``, ``max_lines``, ``max_cells``, ``max_total_cells``,
    ``time_budget``; default: the
    process-wide :func:`~govdisclosure.get_limits`).

    >>> r = parse_text("某县某局2024年政府信息公开工作年度报告\\n一、总体情况\\n概述。\\n")
    >>> r.organ.name, r.year, r.overview.text
    ('某县某局', 2024, '概述。')
    """
    return text_reports(data, limits=limits)[0]


def text_reports(
    data: str | bytes | os.PathLike[str], *, limits: Limits | None = None, every: bool = False
) -> list[Report]:
    """:func:`parse_text`'s report as a one-item list; with ``every``, each report of a
    text that holds several one after another (a compilation), in order."""
    findings: list[Finding] = []
    limits = resolve(limits)
    budget = limits.budget()
    text = text_input(data, limits, findings, "parse_text")
    if not text.strip():
        raise ParseError(N_("the text is empty"))
    # every line break of Unicode ends a line (U+2028, U+0085, a form feed …): what
    # str.splitlines splits at
    lines = text.splitlines()
    limits.check("max_lines", len(lines), "lines of the text")
    try:
        blocks = list(_blocks(lines, budget, limits, every=every))
        return [
            assemble(part, findings=shared)
            for part, shared in report_parts(blocks, findings, every=every)
        ]
    except ParseError as exc:
        if isinstance(data, str) and _FILE_NAME.fullmatch(text.strip()):
            msg = f"{exc} (the text is a file name: pass pathlib.Path({text.strip()!r}), or use parse())"
            raise ParseError(msg, line=exc.line, page=exc.page) from exc
        raise


_FILE_NAME: Final = re.compile(
    r"[^\n]{0,255}\.(?:txt|text|html?|shtml|xhtml|pdf|docx|json|md)", re.IGNORECASE
)
"""A one-line text that names a report file rather than holding one."""


# ----------------------------------------------------------------- rendering


def _cell_text(value: CellValue) -> str:
    if value is BLANK:
        return ""
    if isinstance(value, NotApplicable):
        return value.mark
    if isinstance(value, Text):
        return " ".join(value.text.split())  # a tab or line break would break the row
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _active_lines(table: Table) -> list[str]:
    spec = table.spec
    lines = [spec.caption, "\t".join([spec.corner, *(c.label for c in spec.columns)])]
    for row, values in zip(spec.rows, table.cells, strict=True):
        lines.append("\t".join([row.label, *(_cell_text(v) for v in values)]))
    return lines


def _applications_lines(table: Table) -> list[str]:
    spec = table.spec
    columns = spec.columns
    members = set(spec.column_subgroup_members)
    first_member = next(i for i, c in enumerate(columns) if c.id in members)
    row1 = [spec.corner, "", "", spec.column_group or "", *([""] * (len(columns) - 1))]
    row2 = ["", "", ""]
    row3 = ["", "", ""]
    for i, c in enumerate(columns):
        if c.id in members:
            row2.append(spec.column_subgroup or "" if i == first_member else "")
            row3.append(c.label)
        else:
            row2.append(c.label)
            row3.append("")
    lines = ["\t".join(row1), "\t".join(row2), "\t".join(row3)]
    group = subgroup = None
    for row, values in zip(spec.rows, table.cells, strict=True):
        labels = []
        if row.group != group:
            group = row.group
            if group:
                labels.append(group)
        if row.subgroup != subgroup:
            subgroup = row.subgroup
            if subgroup:
                labels.append(subgroup)
        labels.append(row.label)
        lines.append("\t".join([*labels, *(_cell_text(v) for v in values)]))
    return lines


def _review_lines(table: Table) -> list[str]:
    spec = table.spec
    groups = [r.label for r in spec.rows]
    columns = [c.label for c in spec.columns]
    width = len(columns)
    row1 = [groups[0], *([""] * (width - 1)), spec.row_group or "", *([""] * (2 * width - 1))]
    row2 = [*columns, groups[1], *([""] * (width - 1)), groups[2], *([""] * (width - 1))]
    row3 = [*([""] * width), *columns, *columns]
    values = [_cell_text(v) for row in table.cells for v in row]
    return ["\t".join(row1), "\t".join(row2), "\t".join(row3), "\t".join(values)]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.splitlines() if p.strip()]


def render_text(report: Report) -> str:
    """The report as published text: title, lead paragraph, six numbered sections, the
    tables tab-separated in the official layout with official labels, and a signature.

    Deterministic and diffable; ``parse_text(render_text(r)) == r`` for valid reports.

    >>> import govdisclosure as gd
    >>> r = gd.build_report(organ="某县某局", year=2024, overview="概述。")
    >>> print(render_text(r).splitlines()[0])
    某县某局2024年政府信息公开工作年度报告
    """
    organ = report.organ.name
    year = report.year
    tpl = template(report.edition or (edition_for_year(year) if year else Edition.V2021))
    blocks: list[list[str]] = []
    if report.title:
        blocks.append([organ, report.title] if organ else [report.title])
    elif year is not None:
        blocks.append([tpl.title.format(organ=organ, year=year)])
    elif organ:
        blocks.append([organ])
    if report.preamble.strip():
        blocks.append(_paragraphs(report.preamble))
    for section in tpl.sections:
        sid = section.id
        if sid in {"overview", "problems", "other"}:
            narrative = getattr(report, sid)
            if narrative is None:
                continue
            blocks.append([section.heading, *narrative.paragraphs])
            continue
        text: str = getattr(report, f"{sid}_text")
        tables: list[Table] = (
            list(report.active)
            if sid == "active"
            else [t for t in (getattr(report, sid),) if t is not None]
        )
        if not tables and not text.strip():
            continue
        lines = [section.heading, *_paragraphs(text)]
        for t in tables:
            if sid == "active":
                lines += _active_lines(t)
            elif sid == "applications":
                lines += _applications_lines(t)
            else:
                lines += _review_lines(t)
        blocks.append(lines)
    if report.published is not None:
        d = report.published
        blocks.append([*([organ] if organ else []), f"{d.year}年{d.month}月{d.day}日"])
    return scrub("\n\n".join("\n".join(b) for b in blocks) + "\n")
