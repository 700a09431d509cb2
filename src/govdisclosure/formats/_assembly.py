"""Putting a report together from blocks: title, organ, year, date, sections, tables."""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Sequence
from datetime import date
from typing import Final

import attrs

from govdisclosure._nfkc import nfkc, per_character
from govdisclosure.checks.registry import N_
from govdisclosure.errors import ParseError
from govdisclosure.formats._cells import Output, is_figure
from govdisclosure.formats._grids import read_active, read_applications, read_review
from govdisclosure.formats._raw import (
    Block,
    RawGluedHeading,
    RawImage,
    RawParagraph,
    RawRow,
    RawTable,
    clipped,
)
from govdisclosure.model import Finding, Narrative, Organ, Report, Source, Table
from govdisclosure.model.cells import is_overlong_figure
from govdisclosure.template import (
    Edition,
    SectionSpec,
    edition_for_year,
    normalize_label,
    template,
)

__all__ = [
    "Heading",
    "any_glued",
    "build",
    "glued_heading",
    "heading_ends",
    "heading_lasts",
    "is_title",
    "match_heading",
    "owners",
    "parse_date",
    "share",
    "split",
    "top_owners",
]

_NUMBERS = "一二三四五六"
_SECTIONS = ("overview", "active", "applications", "review_litigation", "problems", "other")
_KEYWORDS = (
    ("总体情况", "基本情况", "概述", "总体"),
    ("主动公开",),
    ("申请",),
    ("复议", "诉讼"),
    ("问题", "改进"),
    ("其他", "其它"),
)
_HEADING = re.compile(r"^\s*([一二三四五六])\s*[、,，.．]\s*(\S.*?)\s*$")


@attrs.frozen
class Heading:
    """A section heading recognised in a paragraph."""

    section: str
    found: str
    variant: bool
    rest: str = ""
    """Text printed after the heading in the same paragraph, if any."""


_HEADING_START = re.compile(r"\s*[一二三四五六]")
"""How a heading begins (what :data:`_HEADING` needs first, ``\\s`` matching U+3000 as
well as a space)."""


def match_heading(text: str) -> Heading | None:
    """The section that ``text`` is the heading of, if it is one.

    >>> match_heading("四、政府信息公开行政复议、行政诉讼情况").section
    'review_litigation'
    >>> match_heading("四、结转下年度继续办理") is None
    True
    """
    # most paragraphs begin otherwise: they are neither looked up nor kept in the cache
    if _HEADING_START.match(text) is None:
        return None
    return _match_heading(text)


@functools.lru_cache(maxsize=4096)
def _match_heading(text: str) -> Heading | None:
    m = _HEADING.match(text.replace("\u3000", " "))
    if m is None:
        return None
    index = _NUMBERS.index(m.group(1))
    body = normalize_label(m.group(2))
    section_id = _SECTIONS[index]
    specs = [template(e).section(section_id) for e in (Edition.V2021, Edition.V2019)]
    if any(body == normalize_label(s.label) for s in specs):
        return Heading(section_id, text.strip(), variant=False)
    if any(body == normalize_label(v) for s in specs for v in s.variants):
        return Heading(section_id, text.strip(), variant=True)
    if len(body) <= 30 and "." not in body and any(k in body for k in _KEYWORDS[index]):
        if index == 2 and ("数量" in body or "结转" in body):
            return None
        return Heading(section_id, text.strip(), variant=True)
    return _heading_then_text(m.group(1), m.group(2), section_id, specs)


@functools.cache
def _bodies(section_id: str) -> frozenset[str]:
    """The headings of a section without their number, as the template words them in
    either edition and as its known variants word them, folded as labels are."""
    specs = [template(e).section(section_id) for e in (Edition.V2021, Edition.V2019)]
    return frozenset(normalize_label(w) for s in specs for w in (s.label, *s.variants))


@functools.cache
def _ends() -> frozenset[str]:
    """The characters the headings of :func:`_bodies` end with (ASCII and the unified
    ideographs are their own NFKC form: a line ending with one of them that is not one
    of these ends with no heading)."""
    return frozenset(b[-1] for s in _SECTIONS for b in _bodies(s))


@functools.cache
def heading_ends() -> frozenset[str]:
    """Every character a line that ends in a heading may end with: the last characters
    of the headings (:func:`_ends`), the characters that NFKC folds to one of them (from
    the blocks that fold to ideographs: radicals, enclosed and compatibility
    ideographs), and white space (stripped before the last character is looked at).
    A line whose last character is none of these is no line with a heading at its end:
    one look-up tells (most lines end in a figure or a full stop)."""
    ends = _ends()
    folded = (
        ch
        for lo, hi in _FOLDING_TO_IDEOGRAPHS
        for ch in map(chr, range(lo, hi))
        if nfkc(ch)[-1:] in ends
    )
    blank = (ch for ch in map(chr, range(0x3001)) if ch.isspace())  # (a test checks all)
    return frozenset((*ends, *folded, *blank))


@functools.cache
def heading_lasts() -> frozenset[str]:
    """:func:`heading_ends` without white space: what a heading's last character is."""
    return frozenset(ch for ch in heading_ends() if not ch.isspace())


_FOLDING_TO_IDEOGRAPHS: Final = (
    (0x2E80, 0x2FE0),  # CJK radicals supplement, Kangxi radicals
    (0x3000, 0x3100),  # CJK symbols (〸 〹 〺)
    (0x3200, 0x3400),  # enclosed CJK letters, CJK compatibility
    (0xF900, 0xFB00),  # CJK compatibility ideographs
    (0x1F200, 0x1F300),  # enclosed ideographic supplement
    (0x2F800, 0x2FA20),  # CJK compatibility ideographs supplement
)
"""The blocks with characters that NFKC folds to a unified ideograph (or ending in one)."""
_GLUED_NUMBER: Final = re.compile(r"[一二三四五六]\s*[、,，.．]")
"""Where a heading run onto the end of a line may begin: its number and its mark."""
_GLUED_TAIL: Final = 400
"""The most characters a heading run onto the end of a line is looked for in: a
heading's words are 25 characters at most, the rest would be white space."""
_ROW_OR_SENTENCE_END: Final = re.compile(r"(?:[。！？!?][”’\"」』）)]?|[0-9０-９])$")
"""How a line ends before a heading run onto it: at the end of a sentence (a closing
quotation mark or bracket may follow), or at a figure (the last cell of a table row).
Not at a semicolon: a sentence that lists the sections (``…；五、…；六、其他需要报告的事项``)
ends with one of their headings."""
_MARKS: Final = frozenset({"/", "／", "—", "——", "－", "-", "--", "×", "无", "不适用"})
"""The marks of a cell without a figure: the last word of a row a heading may be run onto."""


def glued_heading(text: str, after: str | None) -> tuple[str, str] | None:
    """The text before a section heading printed at the end of ``text`` and the heading,
    when the heading was run onto the line before it (text extracted from a PDF, text
    copied from a page): ``None`` when there is none.

    Conservative, not to split prose that speaks of a section: what follows the number
    (一 to 六 and its mark: an ideographic comma, a comma or a full stop, full-width or
    not) to the end of ``text`` must be the heading of that section as the template
    words it, or one of its known variants, nothing more (not a heading found by its
    keywords, not a heading with text after it); its section
    must come after ``after`` (the section being read; ``None`` before the first), in
    the order of the report; and it must follow the end of a sentence (。！？), a
    figure, a tab, or the mark of a cell without a figure (``—``, ``/``, ``无`` …) as a
    word of its own (the end of a table row), or the report's title before the first
    section. Run onto other words, as in ``详见四、政府信息公开行政复议、行政诉讼情况``
    or a cell of words (``见上表``), it is not split.

    >>> glued_heading("总计 12 0 0 0 0 0 12 四、政府信息公开行政复议、行政诉讼情况", "applications")
    ('总计 12 0 0 0 0 0 12', '四、政府信息公开行政复议、行政诉讼情况')
    >>> glued_heading("详见四、政府信息公开行政复议、行政诉讼情况", "applications") is None
    True
    """
    ends = heading_ends()
    if text[-1:] not in ends:
        return None  # (most lines: one look-up)
    if text.rstrip()[-1:] not in heading_lasts():
        return None  # (a row's last cells left empty: it ends in a figure)
    # (a heading is a few dozen characters: only a number within the last
    # _GLUED_TAIL of the line can begin one; a line of thousands of numbers and marks
    # is not folded again from each of them)
    for m in _GLUED_NUMBER.finditer(text, max(1, len(text) - _GLUED_TAIL)):
        start = m.start()
        tail = text[start:].strip()
        section = _exact_heading(tail)
        if section is None:
            continue
        if after is not None and _SECTIONS.index(section) <= _SECTIONS.index(after):
            return None
        head = text[:start]
        before = head.rstrip()
        if not before:
            return None  # a heading alone on its line, not run onto one
        if (
            _ROW_OR_SENTENCE_END.search(before) is not None
            or "\t" in head[len(before) :]
            or before.split()[-1] in _MARKS
            or (after is None and is_title(before))
        ):
            return before, tail
        return None
    return None


_LAST: Final = operator.itemgetter(slice(-1, None))
"""A text's last character (``""`` for an empty one)."""


def any_glued(lines: Sequence[str]) -> bool:
    """Whether :func:`glued_heading` splits some line of ``lines`` when asked of no
    section (then it splits every line it would split asked of one: ``None`` is the
    most it allows), looked at only for the lines that end as a heading ends and have a
    section's number and mark after their first character (the headings themselves and
    a few captions in a report without damage)."""
    number = _GLUED_NUMBER.search
    # (the lines' last characters looked up in C, the few that pass in Python)
    ending = itertools.compress(lines, map(heading_ends().__contains__, map(_LAST, lines)))
    return any(
        glued_heading(line, None) is not None for line in ending if number(line, 1) is not None
    )


def _exact_heading(text: str) -> str | None:
    """The section whose heading ``text`` is, worded as the template or a known variant
    words it (no heading found by its keywords only)."""
    m = _HEADING.match(text.replace("\u3000", " "))
    if m is None:
        return None
    section_id = _SECTIONS[_NUMBERS.index(m.group(1))]
    return section_id if normalize_label(m.group(2)) in _bodies(section_id) else None


def _heading_then_text(
    number: str, raw_body: str, section_id: str, specs: list[SectionSpec]
) -> Heading | None:
    """A heading with the section's first sentence run on after it in one paragraph."""
    official = {normalize_label(s.label) for s in specs}
    variants = {normalize_label(v) for s in specs for v in s.variants}
    for end in reversed(_heading_ends(raw_body, max(map(len, official | variants)))):
        head = normalize_label(raw_body[:end])
        if head in official or head in variants:
            rest = raw_body[end:].strip()
            if not rest or (not rest[0].isalnum() and rest[0] not in "（(“《"):
                return None
            return Heading(
                section_id, f"{number}、{raw_body[:end].strip()}", head not in official, rest
            )
    return None


def _heading_ends(raw_body: str, longest: int) -> list[int]:
    """The places (from 2 on, in order) where a heading of at most ``longest``
    characters, normalised, may end in ``raw_body``: after a character that is not
    whitespace (a heading that ends in whitespace is the same heading without it),
    and no further than ``longest`` such characters and a margin for what NFKC folds
    together. (Every end of a paragraph of thousands of characters was tried, each
    prefix normalised anew: 4,000 figures after 一、 took 6.5 s.)"""
    ends: list[int] = []
    seen = 0
    for end, ch in enumerate(raw_body, 1):
        if ch.isspace():
            continue
        seen += 1
        if seen > 4 * longest + 8:
            break
        if end > 1:
            ends.append(end)
    return ends


_CN_DIGITS = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
              "六": "6", "七": "7", "八": "8", "九": "9"}  # fmt: skip


def _cn_number(text: str) -> str:
    if all(ch in _CN_DIGITS for ch in text):
        if len(text) == 4:  # a year written digit by digit
            return "".join(_CN_DIGITS[ch] for ch in text)
        return str(int("".join(_CN_DIGITS[ch] for ch in text)))
    if "十" in text:
        tens, _, units = text.partition("十")
        return str(
            int(_CN_DIGITS.get(tens, "1") if tens else "1") * 10
            + int(_CN_DIGITS.get(units, "0") if units else "0")
        )
    return text


_DATE = re.compile(
    r"([0-9〇零一二三四五六七八九]{4})\s*[年\-./]\s*([0-9一二三四五六七八九十]{1,3})\s*[月\-./]\s*"
    r"([0-9一二三四五六七八九十]{1,3})\s*日?"
)
_DATE_LINE = re.compile(r"^\s*" + _DATE.pattern + r"\s*$")
_DATE_LABEL = re.compile(r"(发布|成文|印发|生成)(日期|时间)")
"""The words of a labelled date: 发布日期, 成文时间 …"""
_LABELLED_DATE = re.compile(_DATE_LABEL.pattern + r"\s*[:：]\s*" + _DATE.pattern)


def parse_date(text: str) -> date | None:
    """The first date written in ``text`` ("2025年2月7日", "2025-02-07", "二〇二五年二月七日").

    >>> parse_date("2025年2月7日")
    datetime.date(2025, 2, 7)
    """
    m = _DATE.search(nfkc(text))
    if m is None:
        return None
    try:
        return date(*(int(_cn_number(g)) for g in m.groups()))
    except ValueError:
        return None


_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年")
_TITLE_WORDS = re.compile(r"(政府信息公开|政务公开|信息公开).*(报告|年报)")
_NOTE_LINE = re.compile(r"\s*\[(\d{1,3}|[ivxlc]{1,6})\]")
"""How the text of a footnote or endnote begins in a page saved by Word: its mark
(``[1]``, ``[i]``)."""


def _trailing_notes(paragraphs: Sequence[RawParagraph]) -> int:
    """How many of the last ``paragraphs`` are footnotes or endnotes (each begins with
    its mark), when a paragraph that is none comes before them."""
    n = 0
    while n < len(paragraphs) and _NOTE_LINE.match(paragraphs[-1 - n].text):
        n += 1
    return n if n < len(paragraphs) else 0


_PERIOD = re.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日")
_SENTENCE_END = ("。", "！", "？", "；", "：", ".", "!", "?", ";", ":", "，", ",")


def _squash(text: str) -> str:
    return "".join(text.split())


def is_title(text: str) -> bool:
    """Whether a line reads like the title of a report (not a breadcrumb trail)."""
    s = _squash(text)
    return (
        len(s) <= 80
        and bool(_TITLE_WORDS.search(s))
        and not _BREADCRUMB.search(s)
        and not s.endswith(_SENTENCE_END)
    )


# a CMS breadcrumb trail: 首页 > 政务公开 > …, 当前位置：…
_BREADCRUMB = re.compile(r"(首页|当前位置|您的位置|所在位置|现在位置)\s*[>＞»›|｜:：/／]")


_NOT_IN_NAMES = frozenset("：:>＞|｜/／。，,")


def _is_name_line(text: str) -> bool:
    s = _squash(text)
    return (
        0 < len(s) <= 40
        and not s.endswith(_SENTENCE_END)
        and not _DATE_LINE.match(s)
        and not any(ch in _NOT_IN_NAMES for ch in s)
        and not _BREADCRUMB.search(text)
    )


@attrs.define
class _Front:
    organ: str = ""
    title: str = ""
    year: int | None = None
    preamble: list[str] = attrs.Factory(list)


def _pattern_title(organ: str, year: int | None) -> str:
    if year is None:
        return ""
    return template(edition_for_year(year)).title.format(organ=organ, year=year)


def _front(paragraphs: Sequence[RawParagraph]) -> _Front:
    front = _Front()
    texts = [p.text.strip() for p in paragraphs if p.text.strip()]
    # page chrome (breadcrumbs, font-size links) may come first on a web page
    head = texts[:10]
    title_at = next(
        (i for i, t in enumerate(head) if is_title(t) and _YEAR_IN_TITLE.search(t)), None
    )
    if title_at is None:
        title_at = next((i for i, t in enumerate(head) if is_title(t)), None)
    if title_at is None:
        front.preamble = texts
        return front
    title = texts[title_at]
    before = texts[:title_at]
    front.preamble = texts[title_at + 1 :]
    if not _YEAR_IN_TITLE.search(title) and before and _YEAR_IN_TITLE.search(before[-1]):
        # "淮安市人民政府2024年" / "政府信息公开工作年度报告": the year on the line before
        title = before.pop() + title
    m = _YEAR_IN_TITLE.search(title)
    front.year = int(m.group(1)) if m else None
    organ_line = before[-1] if before and _is_name_line(before[-1]) else ""
    title_organ = _squash(title[: m.start()]) if m else ""
    if organ_line and not title_organ:
        # "淮安市人民政府" / "2024 年政府信息公开工作年度报告": a title printed on two lines
        front.organ = _squash(organ_line)
        combined = front.organ + _squash(title)
        front.title = "" if combined == _squash(_pattern_title(front.organ, front.year)) else title
    elif organ_line:
        front.organ = _squash(organ_line)
        front.title = title
    else:
        front.organ = title_organ
        pattern = _pattern_title(front.organ, front.year)
        front.title = "" if _squash(title) == _squash(pattern) else title
    return front


def _labelled_date(text: str) -> re.Match[str] | None:
    """``_LABELLED_DATE.search(nfkc(text))``, without normalising the paragraphs that
    cannot hold a labelled date.

    When NFKC maps ``text`` one character at a time (:func:`per_character`), no other
    character becomes one of the ideographs of 发布日期, 成文时间 …: those words are
    in ``nfkc(text)`` only if they are in ``text``. And whatever the text, 期 and 间
    come out of NFKC only from themselves (no other character's form holds them, and
    composition makes no ideograph): a labelled date needs 日期 or 时间, so one of the
    two characters must be in ``text`` (a test checks every character).
    """
    if "期" not in text and "间" not in text:
        return None
    if "日期" not in text and "时间" not in text:
        if per_character(text):
            return None
    elif _DATE_LABEL.search(text) is None and per_character(text):
        return None
    return _LABELLED_DATE.search(nfkc(text))


_TABLE_WORDS = (
    ("applications", ("本年新收", "予以公开", "结转下年度", "上年结转")),
    ("review_litigation", ("行政复议", "复议后起诉", "直接起诉", "行政诉讼")),
    ("active", ("第二十条", "信息内容", "行政许可", "行政处罚", "规章")),
)
"""The words that tell the kind of a table, first kind first: ideographs only."""


_text = operator.attrgetter("text")
_cells = operator.attrgetter("cells")
_NUMERALS = "\u3038\u3039\u303a"
"""〸 〹 〺: the characters of NFKC's fast path that fold to another ideograph (十 廿 卅)."""


def _raw_text(table: RawTable) -> str:
    """The text of a table's cells, run together."""
    # (a comprehension: a third cheaper than map over chain.from_iterable)
    return "".join([c.text for r in table.rows for c in r.cells])


def _classify(table: RawTable, raw: str | None = None) -> str | None:
    """The kind of table whose words are in the table's text, normalised.

    The words are ideographs: :func:`normalize_label` folds punctuation to punctuation
    only, and no ideograph comes out of the "1," fix-up, so NFKC and dropping white
    space decide alone whether a word is in the folded text (translating the whole
    text of a table costs more than the rest of reading it).
    """
    if raw is None:
        raw = _raw_text(table)
    # a word in the text is in the folded text (NFKC neither changes, moves nor
    # composes an ideograph; blanks are no ideographs): the first kind needs no folding
    first, words = _TABLE_WORDS[0]
    if any(k in raw for k in words):
        return first
    # a text that NFKC maps one character at a time keeps its blanks blank, and makes no
    # ideograph but from itself when none of _NUMERALS is in it (a test checks every
    # character of the fast path): the words are then in its folded text if and only
    # if they are in the text without its blanks
    if per_character(raw) and not any(c in raw for c in _NUMERALS):
        text = "".join(raw.split())
    else:
        text = "".join(nfkc(raw).split())
    for kind, keywords in _TABLE_WORDS:
        if any(k in text for k in keywords):
            return kind
    return None


def _join(paragraphs: Sequence[str]) -> str:
    return "\n".join([s for p in paragraphs if (s := p.strip())])


@attrs.define
class _Sorted:
    """The blocks of a report sorted into its front, its sections' prose and its tables
    (:func:`_sort`), up to where a further report begins."""

    front: list[RawParagraph]
    prose: dict[str, list[RawParagraph]]
    tables: dict[str, list[RawTable]]
    found: set[str]
    published: date | None
    pictures: dict[str, list[RawImage]]
    further: list[Block]
    """The blocks of the further reports, from the first one's organ and title on."""
    end: int | None
    """The index among :attr:`blocks` where a further report begins (``None``: none
    does)."""
    blocks: list[Block]
    """The blocks sorted: those given, with each table of several tables cut into them
    (:func:`_table_parts`) up to where sorting stopped."""


_HEADER_MARKS: Final = (
    ("active", ("第二十条",)),
    ("applications", ("勾稽关系", "申请人情况", "本年新收")),
    ("review_litigation", ("行政复议", "行政诉讼")),
)
"""Words that, within the tables of a report, only one kind of table holds, in its
header (section 三's in its first rows): a row that holds those of another kind than
the rows before it opens that other table."""


_HEADER_WORDS: Final = tuple(marks for _, marks in _HEADER_MARKS)
_NUMERALS_OF_HEADINGS: Final = frozenset(_NUMBERS)
_HEADING_IN_TEXT: Final = re.compile(
    r"[一二三四五六]\s*[、,，.．]\s*(?:总体|基本情况|概述|主动公开|收到和处理|依申请|政府信息"
    r"|因政府信息|行政复议|复议|诉讼|申请|存在|问题|其他|其它)"
)
"""A section heading's number and mark, and the words that the headings and their
variants begin with (the template's, :data:`_KEYWORDS`'s); a heading worded otherwise
in a table is left to be read as before (a label of the table)."""


def _heading_rows(rows: Sequence[RawRow], raw: str) -> dict[int, str]:
    """The rows that are section headings (:func:`_heading_row`), by index, of a table
    whose cells' text is ``raw``. Only the rows whose first cell begins with a
    heading's number are looked at closely, and only when the text holds a heading's
    number and mark followed by how a heading's words begin (one search of the text:
    looking at each row costs as much as the rest of reading the table's kind)."""
    numerals = _NUMERALS_OF_HEADINGS
    out: dict[int, str] = {}
    if _HEADING_IN_TEXT.search(raw) is None:
        return out
    for i in [
        i
        for i, r in enumerate(rows)
        if (cells := r.cells) and cells[0].text.lstrip()[:1] in numerals
    ]:
        heading = _heading_row(rows[i])
        if heading is not None:
            out[i] = heading
    return out


def _row_kind(row: RawRow) -> str | None:
    """The kind of table whose header words (:data:`_HEADER_MARKS`) are in ``row``."""
    text = "".join(nfkc("".join(map(_text, row.cells))).split())
    return next((k for k, marks in _HEADER_MARKS if any(m in text for m in marks)), None)


def _heading_row(row: RawRow) -> str | None:
    """The section heading that is all that ``row`` holds (one cell, or one spanning
    the row, the other cells blank), if it holds one."""
    cells = row.cells
    first = cells[0].text.strip() if cells else ""
    if not first or _HEADING_START.match(first) is None:
        return None
    if any(c.text.strip() not in ("", first) for c in cells):
        return None
    return first if match_heading(first) is not None else None


def _table_parts(table: RawTable, raw: str | None = None) -> list[Block] | None:
    """The tables that ``table`` is made of, with the headings between them, when it
    holds several: a row that is a section heading (typed into the table, spanning
    it), or a row that opens another kind of table (two tables with nothing between
    them, which Word and web editors merge into one) and after which figures come.
    ``None`` when the table is one table."""
    rows = table.rows
    if raw is None:
        raw = _raw_text(table)
    # (the words as written: a table whose words NFKC alone would make is left whole)
    mixed = sum(1 for marks in _HEADER_WORDS if any(map(raw.__contains__, marks))) > 1
    headings = _heading_rows(rows, raw)
    if not mixed and not headings:
        return None
    parts: list[Block] = []
    start = 0
    kind: str | None = None
    # (a table of one kind is cut at its headings alone)
    for i in range(len(rows)) if mixed else sorted(headings):
        row = rows[i]
        heading = headings.get(i)
        if heading is not None:
            if i > start:
                parts.append(RawTable(rows[start:i], rows[start].source))
            parts.append(RawParagraph(heading, row.source))
            start, kind = i + 1, None
            continue
        this = _row_kind(row)
        if this is None or this == kind:
            continue
        if kind is not None and i > start and _has_figure(rows[i:]):
            parts.append(RawTable(rows[start:i], rows[start].source))
            start = i
        kind = this
    if not parts:
        return None
    if start < len(rows):
        parts.append(RawTable(rows[start:], rows[start].source))
    return parts


def _has_figure(rows: Sequence[RawRow]) -> bool:
    return any(is_figure(c.text) for r in rows for c in r.cells if c.text.strip())


def _sort(blocks: Sequence[Block], out: Output) -> _Sorted:
    """Sort ``blocks`` into the parts of one report, up to where a further report
    begins (a heading of section 一 or 二 after section 五 or 六); the headings read as
    variants are noted in ``out``. A table of several tables (:func:`_table_parts`) is
    read as them: the blocks sorted, in which a further report begins at ``end``, are
    ``blocks`` with such tables cut (:attr:`_Sorted.blocks`)."""
    blocks = list(blocks)  # (a table of several is replaced by them, in place)
    front: list[RawParagraph] = []
    prose: dict[str, list[RawParagraph]] = {s: [] for s in _SECTIONS}
    tables: dict[str, list[RawTable]] = {s: [] for s in _SECTIONS}
    found: set[str] = set()
    current: str | None = None
    published: date | None = None
    further: list[Block] = []
    end: int | None = None
    # the pictures of each section, kept out of its prose (where a seal after the date
    # would hide the signature block)
    pictures: dict[str, list[RawImage]] = {s: [] for s in _SECTIONS}
    ends = heading_ends()
    raw: str | None = None
    for k, block in enumerate(blocks):
        if isinstance(block, RawTable):
            raw = _raw_text(block)
            parts = _table_parts(block, raw)
            if parts is not None:
                # the parts are read in its place (none is a table of several)
                blocks[k : k + 1] = parts
                block = parts[0]  # noqa: PLW2901 - the first part, read in its place
                raw = _raw_text(block) if isinstance(block, RawTable) else None
        if isinstance(block, RawParagraph):
            text = block.text
            if not text and isinstance(block, RawImage):  # (a picture's text is empty)
                if current is not None:
                    pictures[current].append(block)
                continue
            labelled = _labelled_date(text)
            if labelled is not None and published is None:
                published = parse_date(text[labelled.start() :])
                if len(_squash(text)) <= 40:
                    continue
            heading = match_heading(text)
            glued = block.before if isinstance(block, RawGluedHeading) else None
            if heading is None and glued is None and text[-1:] in ends:
                split = glued_heading(text, current)
                if split is not None:
                    # a heading printed at the end of a paragraph: the paragraph, then it
                    glued, text = split
                    (prose[current] if current is not None else front).append(
                        RawParagraph(glued, block.source)
                    )
                    heading = match_heading(text)
            if heading is not None and current in _CLOSING and heading.section in _OPENING:
                # back from section 五 or 六 to 一 or 二: a further report begins (a
                # section 三 or 四 after 五 is one out of order, read where it stands)
                tail = prose[current]
                begins = _further_front(tail)
                further = [*tail[begins:], *blocks[k:]]
                end = _index_of(blocks, k, tail[begins]) if begins < len(tail) else k
                del tail[begins:]
                break
            if heading is not None and (
                current is None or _SECTIONS.index(heading.section) > _SECTIONS.index(current)
            ):
                current = heading.section
                found.add(current)
                if glued is not None:
                    quoted = " ".join(glued.split())  # (a row's tabs as spaces)
                    out.add(
                        "parse.glued-heading",
                        current,
                        source=block.source,
                        heading=template(Edition.V2021).section(current).heading,
                        text=quoted if len(quoted) <= _QUOTED else "…" + quoted[-_QUOTED + 1 :],
                    )
                if heading.rest:
                    prose[current].append(RawParagraph(heading.rest, block.source))
                if heading.variant:
                    out.add(
                        "parse.heading-variant",
                        current,
                        source=block.source,
                        found=heading.found,
                        heading=template(Edition.V2021).section(current).heading,
                    )
                continue
            if current is None:
                front.append(block)
            else:
                prose[current].append(block)
        else:
            kind = _classify(block, raw)
            target = kind if kind is not None else current
            if target is None or target not in {"active", "applications", "review_litigation"}:
                # a table outside the tabled sections: keep its text as prose
                dest = prose[current] if current is not None else front
                dest.append(RawParagraph(_table_text(block), block.source))
                continue
            tables[target].append(block)
    return _Sorted(front, prose, tables, found, published, pictures, further, end, blocks)


def _index_of(blocks: Sequence[Block], k: int, paragraph: RawParagraph) -> int:
    """The index among the first ``k`` blocks of the block ``paragraph`` was read from:
    the paragraph itself, or the table or heading it was made of (the text of a table
    outside the tabled sections, the text run on after a heading), which has its
    source."""
    for j in range(k - 1, -1, -1):
        if blocks[j] is paragraph:
            return j
    return next((j for j in range(k - 1, -1, -1) if blocks[j].source == paragraph.source), k)


def split(blocks: Sequence[Block]) -> list[Sequence[Block]]:
    """The blocks of each report of a document that holds several one after another
    (a compilation), in order: each report ends where :func:`build` sees a further
    report begin (a heading of section 一 or 二 after section 五 or 六), the further
    report's organ and title going with it. A document of one report is one chunk.

    >>> from govdisclosure.model import Source
    >>> texts = ["甲局2024年政府信息公开工作年度报告", "一、总体情况", "甲。", "六、其他需要报告的事项",
    ...     "无。", "乙局2024年政府信息公开工作年度报告", "一、总体情况", "乙。"]
    >>> chunks = split([RawParagraph(t, Source(line=n)) for n, t in enumerate(texts, 1)])
    >>> [len(c) for c in chunks]
    [5, 3]
    """
    chunks: list[Sequence[Block]] = []
    rest = blocks
    while True:
        sorted_ = _sort(rest, Output())
        end = sorted_.end
        if end is None or end <= 0:
            chunks.append(rest)
            return chunks
        # (the index is one of the blocks sorted: with a table of several cut)
        chunks.append(sorted_.blocks[:end])
        rest = sorted_.blocks[end:]


_ORDER: Final = ("page", "line", "table", "row", "cell", "y", "x", "column")
"""The parts of a :class:`~govdisclosure.Source` that place it in a document, the
coarsest first."""


def _at_or_after(a: Source, b: Source) -> bool:
    """Whether ``a`` is at ``b`` or after it in the document, judged by the first of
    their parts that both have and that differ (``False`` when they share no part: a
    paragraph's line and a Word table's index cannot be compared)."""
    shared = False
    for name in _ORDER:
        x, y = getattr(a, name), getattr(b, name)
        if x is not None and y is not None:
            if x != y:
                return bool(x > y)
            shared = True
    return shared


def _sources(chunk: Sequence[Block]) -> set[Source]:
    """Every source of a chunk's blocks, rows and cells."""
    out: set[Source] = set()
    for block in chunk:
        out.add(block.source)
        if isinstance(block, RawTable):
            for row in block.rows:
                out.add(row.source)
                out.update(c.source for c in row.cells)
    return out


def share(findings: Sequence[Finding], chunks: Sequence[Sequence[Block]]) -> list[list[Finding]]:
    """``findings`` that a reader made about a whole document, shared out among the
    chunks of its reports (:func:`split`): each to the report whose blocks hold its
    source, else to the last report that begins before its source, else (no source,
    or none before it) to the first."""
    out: list[list[Finding]] = [[] for _ in chunks]
    for f, at in zip(findings, owners([f.source for f in findings], chunks), strict=True):
        out[at].append(f)
    return out


def owners(sources: Sequence[Source | None], chunks: Sequence[Sequence[Block]]) -> list[int]:
    """The index of the chunk (:func:`split`) each of ``sources`` belongs to, as
    :func:`share` shares findings out: the chunk whose blocks hold it, else the last
    that begins before it, else (None, or none before it) the first."""
    if len(chunks) < 2:
        return [0] * len(sources)
    held = [_sources(c) for c in chunks]
    starts = [next((b.source for b in c), None) for c in chunks]
    out: list[int] = []
    for source in sources:
        at = 0
        if source is not None:
            where = next((i for i, s in enumerate(held) if source in s), None)
            if where is None:
                later = [
                    i
                    for i, start in enumerate(starts)
                    if i and start is not None and _at_or_after(source, start)
                ]
                where = later[-1] if later else 0
            at = where
        out.append(at)
    return out


def top_owners(sources: Sequence[Source], chunks: Sequence[Sequence[Block]]) -> list[int]:
    """The index of the chunk (:func:`split`) each of ``sources`` belongs to, each the
    source of a line above a page's text (a PDF's running head): the chunk holding the
    topmost text of its page (the report the line heads), else (a page holding no text
    of any) as :func:`owners` has it."""
    fallback = owners(sources, chunks)
    if len(chunks) < 2:
        return fallback
    top: dict[int, tuple[float, int]] = {}  # page: (the y of its topmost text, its chunk)
    for i, chunk in enumerate(chunks):
        for s in _sources(chunk):
            if s.page is not None:
                y = float("inf") if s.y is None else s.y
                if s.page not in top or y < top[s.page][0]:
                    top[s.page] = (y, i)
    return [
        top[s.page][1] if s.page is not None and s.page in top else at
        for s, at in zip(sources, fallback, strict=True)
    ]


def build(blocks: Sequence[Block], findings: Sequence[Finding]) -> Report:
    """See :func:`govdisclosure.formats._reader.assemble`."""
    out = Output(findings=list(findings))
    sorted_ = _sort(blocks, out)
    front, prose, tables = sorted_.front, sorted_.prose, sorted_.tables
    found, published, pictures = sorted_.found, sorted_.published, sorted_.pictures
    if sorted_.further:
        _further_report(out, sorted_.further)
    head = _front(front)
    # the signature block: organ and date at the very end (before the notes that a
    # document's footnotes or endnotes become, which are kept where they are)
    last = next((s for s in reversed(_SECTIONS) if prose[s]), None)
    signature_organ = ""
    if last is not None:
        tail = prose[last]
        notes = _trailing_notes(tail)
        after: list[RawParagraph] = []
        if notes:
            tail, after = tail[:-notes], tail[-notes:]
        if tail and _DATE_LINE.match(nfkc(tail[-1].text)):
            when = parse_date(tail[-1].text)
            if published is None:
                published = when
            tail.pop()
            if (
                tail
                and _is_name_line(tail[-1].text)
                and (len(tail) > 1 or last in {"problems", "other"})
            ):
                signature_organ = _squash(tail.pop().text)
        if notes:
            prose[last] = tail + after
    organ = head.organ or signature_organ
    year = head.year
    if year is None:
        m = _PERIOD.search("".join(head.preamble))
        year = int(m.group(1)) if m else None
    if not (found or any(tables.values()) or (head.organ and year is not None)):
        # a title alone, without a year (a page or a note that speaks of reports), is
        # no report
        msg = N_("no report found: no title, no section heading and no table")
        raise ParseError(msg)
    default = edition_for_year(year) if year is not None and year >= 2019 else Edition.V2021
    for section in ("active", "applications", "review_litigation"):
        pictured = pictures[section]
        if pictured and not tables[section]:
            # no table, and a picture where it should stand: the table as a picture
            out.add(
                "parse.table-image",
                section,
                source=pictured[0].source,
                src=pictured[0].src,
                count=len(pictured),
            )
        if tables[section] and section not in found:
            out.add(
                "parse.missing-heading",
                section,
                heading=template(Edition.V2021).section(section).heading,
            )
    active: list[Table] = []
    if tables["active"]:
        active = read_active(_rows(tables["active"]), default, out)
    applications = (
        read_applications(_rows(tables["applications"]), default, out)
        if tables["applications"]
        else None
    )
    # section 四 is the same in both editions: it follows section 二, else section 三
    review_edition = default
    if active and len({t.edition for t in active}) == 1:
        review_edition = active[0].edition
    elif applications is not None:
        review_edition = applications.edition
    review = (
        read_review(_rows(tables["review_litigation"]), review_edition, out)
        if tables["review_litigation"]
        else None
    )

    def narrative(section: str) -> Narrative | None:
        if section not in found and not prose[section]:
            return None
        return Narrative(_join([p.text for p in prose[section]]))

    return Report(
        organ=Organ(organ),
        year=year,
        published=published,
        title=head.title,
        preamble=_join(head.preamble),
        overview=narrative("overview"),
        active=tuple(active),
        active_text=_join([p.text for p in prose["active"]]),
        applications=applications,
        applications_text=_join([p.text for p in prose["applications"]]),
        review_litigation=review,
        review_litigation_text=_join([p.text for p in prose["review_litigation"]]),
        problems=narrative("problems"),
        other=narrative("other"),
        findings=tuple(out.findings),
        provenance=dict(out.provenance),
    )


def _table_text(table: RawTable) -> str:
    """A table's text as prose: a line a row, its written cells separated by spaces."""
    return "\n".join(
        " ".join(c.text.strip() for c in r.cells if c.text.strip()) for r in table.rows
    )


_QUOTED: Final = 24
"""How much of the end of a line a ``parse.glued-heading`` finding quotes."""
_CLOSING: Final = frozenset({"problems", "other"})
"""Sections 五 and 六: a report never goes back from them to sections 一 and 二."""
_OPENING: Final = frozenset({"overview", "active"})
"""Sections 一 and 二: after 五 or 六, the start of a further report."""
_GLUED_FIGURE: Final = re.compile(r"[\u4e00-\u9fff）)](\d+)$")
"""Digits glued to the end of a label (``予以公开12``)."""


def _further_front(tail: Sequence[RawParagraph]) -> int:
    """Where the front of a further report (its organ and title) begins among the last
    paragraphs of the report before it: after that report's closing date, if one of
    the last four paragraphs is a date line; else at its title (and the organ's name
    right before it), if one of them is one; else nowhere (``len(tail)``)."""
    for i in range(len(tail) - 1, max(len(tail) - 5, -1), -1):
        if _DATE_LINE.match(nfkc(tail[i].text)):
            return i + 1
    # else at its title among the last four paragraphs (its lead paragraph may follow),
    # with the organ's name before it (the report before it has no closing date)
    for i in range(len(tail) - 1, max(len(tail) - 5, -1), -1):
        if _opens_with_title(tail[i].text):
            return i - 1 if i > 0 and _is_name_line(tail[i - 1].text) else i
    return len(tail)


_TITLE_OPENING: Final = re.compile(
    r"^.{0,30}?\d{4}年度?(?:政府信息公开|政务公开|信息公开).{0,12}?(?:报告|年报)"
)
"""A report's title at the start of a paragraph (``2024年政府信息公开工作年度报告``,
extracted text may run its first sentence on)."""


def _opens_with_title(text: str) -> bool:
    """Whether a paragraph is a report's title or starts with one."""
    return is_title(text) or _TITLE_OPENING.match(_squash(text)) is not None


def _further_report(out: Output, blocks: Sequence[Block]) -> None:
    """A ``parse.further-report`` finding for the blocks of a further report, which are
    not read (neither its tables nor its text are this report's): where it begins, its
    title (or first line), how much it holds, and every figure of its tables."""
    first = next(b for b in blocks if isinstance(b, RawParagraph))
    title = next(
        (b.text.strip() for b in blocks[:6] if isinstance(b, RawParagraph) and is_title(b.text)),
        first.text.strip(),
    )
    figures: list[str] = []
    for block in blocks:
        if not isinstance(block, RawTable):
            continue
        for row in block.rows:
            for cell in row.cells:
                for token in cell.text.split():
                    if is_figure(token) or is_overlong_figure(token):
                        figures.append(token)
                    elif (m := _GLUED_FIGURE.search(token)) is not None:
                        figures.append(m.group(1))
    out.add(
        "parse.further-report",
        source=first.source,
        title=clipped(title, 80),
        count=sum(isinstance(b, RawTable) for b in blocks),
        paragraphs=sum(isinstance(b, RawParagraph) and bool(b.text.strip()) for b in blocks),
        cells=", ".join(figures) or "—",
    )


def _rows(tables: Sequence[RawTable]) -> list[RawRow]:
    return [r for t in tables for r in t.rows]
