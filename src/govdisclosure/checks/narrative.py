"""Figures stated in the prose against the tables they speak of (勾稽关系 A7).

Sections 一 and 六, and the prose around the tables, often restate figures of the
tables: "全市共受理政府信息公开申请 3119 件", "政府信息公开行政复议 351 件，其中结果维持
72 件". The phrase patterns that tie such a figure to cells live in ``narrative.toml``
beside this module, as data. A figure is only tied when a pattern names the cells it
speaks of; anything else is left alone. A stated figure that equals none of its readings
is a warning (``narrative.figure-mismatch``) quoting the sentence and its position.

>>> import govdisclosure as gd
>>> r = gd.build_report(organ="某县某局", year=2024,
...     overview="2024年，共收到政府信息公开申请\\n12件，予以公开5件。",
...     applications={"new_received": {"natural_person": 12}, "granted": {"natural_person": 6},
...                   "unavailable.not_held": {"natural_person": 6}})
>>> [(f.stated, f.agrees) for f in gd.stated_figures(r)]
[(12, True), (5, False)]
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from importlib import resources
from typing import Any, Final, NamedTuple, TypeAlias

import attrs

from govdisclosure.checks._regex import first_class, key_words, words_of
from govdisclosure.checks.registry import CODES, finding, register
from govdisclosure.model import Finding, Report, Table, is_number, split_path
from govdisclosure.model.findings import trusted_finding
from govdisclosure.template import Edition, template

__all__ = ["FigurePattern", "StatedFigure", "figure_patterns", "stated_figures"]

NARRATIVE_SECTIONS: Final = (
    "overview",
    "active",
    "applications",
    "review_litigation",
    "other",
)
"""Where stated figures are looked for: 一, the prose of 二, 三 and 四, and 六."""

_NUMBER: Final = r"(?<![\d.])(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\d.余多])"
_SENTENCE_END: Final = "。；;！？!?"
_DIGITS: Final = {0xFF10 + i: 0x30 + i for i in range(10)}  # full-width digits
_WIDE_DIGIT: Final = re.compile("[\uff10-\uff19]")
_QUOTE_CHARS: Final = 60
_UNITS: Final = "件起宗个项"
"""A sentence states a figure about the tables only if a figure is followed by a unit."""
_UNIT_AFTER: Final = tuple((u, re.compile(rf"{u}(?<=[\d\s]{u})")) for u in _UNITS)
"""Each unit, and a pattern of it after a digit or whitespace."""


@attrs.frozen
class FigurePattern:
    """One phrase pattern of ``narrative.toml``."""

    id: str
    regex: re.Pattern[str]
    accept: tuple[tuple[str, ...], ...]
    requires: re.Pattern[str] | None = None
    context: str | None = None
    needs_context: bool = False


@attrs.frozen
class _Patterns:
    figures: tuple[FigurePattern, ...]
    contexts: dict[str, tuple[str, ...]]
    combined: re.Pattern[str]
    """Every pattern, as one alternation (``_alternation`` of them all): what the
    scanners of ``_scanner`` stand for, kept as the reference the tests compare them with."""
    bodies: tuple[str, ...]
    """Each pattern's regular expression as an alternative of ``combined`` (its figure's
    group named ``n{i}``)."""
    keys: tuple[tuple[str, int], ...]
    """The key words of the patterns (``key_words``), each with its bit in ``needs``."""
    needs: tuple[int, ...]
    """For each pattern, the bit of its key word (0: it has none): a pattern can only
    match a sentence that holds its key word."""
    steps: tuple[_Step, ...]
    """For each pattern, what ``_figures_in`` needs of it when it matches."""


@functools.cache
def _load() -> _Patterns:
    data: dict[str, Any] = tomllib.loads(
        resources.files(__package__).joinpath("narrative.toml").read_text("utf-8")
    )
    figures = []
    bodies: list[str] = []
    for i, item in enumerate(data["figures"]):
        figures.append(
            FigurePattern(
                id=item["id"],
                regex=re.compile(item["regex"].replace("{n}", _NUMBER)),
                accept=tuple(tuple(r) for r in item["accept"]),
                requires=re.compile(item["requires"]) if "requires" in item else None,
                context=item.get("context"),
                needs_context=bool(item.get("needs_context", False)),
            )
        )
        bodies.append(item["regex"].replace("{n}", _NUMBER.replace("?P<n>", f"?P<n{i}>")))
    contexts = {k: tuple(v) for k, v in data["contexts"].items()}
    names = [None, *contexts, *(p.context for p in figures if p.context)]
    steps = tuple(
        _Step(
            p.id,
            words_of(p.requires),
            p.requires,
            p.needs_context,
            p.context,
            {c: _plan(p, contexts.get(c, ()) if c else ()) for c in names},
        )
        for p in figures
    )
    keys = key_words([p.regex.pattern for p in figures])
    words = sorted({w for w in keys if w})
    bit = {w: 1 << k for k, w in enumerate(words)}
    needs = tuple(bit[w] if w else 0 for w in keys)
    combined = _alternation(bodies, range(len(bodies)))
    return _Patterns(
        tuple(figures),
        contexts,
        combined,
        tuple(bodies),
        tuple((w, bit[w]) for w in words),
        needs,
        steps,
    )


def _alternation(bodies: Sequence[str], subset: Iterable[int]) -> re.Pattern[str]:
    """The alternation of the patterns ``subset`` of ``bodies`` (their order kept)."""
    either = "|".join(f"(?:{bodies[i]})" for i in subset)
    first = first_class(either)
    # The lookahead only lets the engine pass over, at little cost, the positions where
    # no alternative can start (it would otherwise try each of them there): it changes
    # no match.
    return re.compile(either if first is None else f"(?={first})(?:{either})")


class _Step(NamedTuple):
    """A pattern as ``_figures_in`` reads it when it matches."""

    id: str
    requires_words: tuple[str, ...] | None
    """The words of ``requires`` when it is only ``word|word|...`` (searched with
    ``in``, much faster than the regex engine), else ``None``."""
    requires: re.Pattern[str] | None
    needs_context: bool
    context: str | None
    plans: dict[str | None, _Plan]


class _Scanner(NamedTuple):
    """The patterns that may match a sentence, as one regular expression."""

    regex: re.Pattern[str]
    of_group: dict[int | None, tuple[_Step, int]]
    """The pattern and the figure's group of each group the figure of a pattern is in."""
    figures: tuple[tuple[_Step, int], ...]
    """The same for each pattern of the scanner, in order."""


_SCANNERS_KEPT: Final = 1024
"""How many sets of key words found in a sentence are remembered with their scanner (a
set recurs from report to report: there are at most two to the number of key words)."""


def _scanner(pats: _Patterns, sentence: str) -> _Scanner | None:
    """The patterns that may match ``sentence`` (all but those whose key word it does
    not hold), as one regular expression; ``None`` if none may.

    Leaving out alternatives that match nowhere in the sentence changes no match of the
    alternation (the same matches, in the same order, each of the same pattern): at each
    position, the first alternative that matches there is the same one.
    """
    found = 0
    for word, bit in pats.keys:
        if word in sentence:
            found |= bit
    try:
        return _SCANNERS[found]
    except KeyError:
        pass
    subset = tuple(i for i, need in enumerate(pats.needs) if need & found == need)
    scanner = _scanner_of(subset) if subset else None
    if len(_SCANNERS) >= _SCANNERS_KEPT:
        _SCANNERS.clear()
    _SCANNERS[found] = scanner
    return scanner


_SCANNERS: Final[dict[int, _Scanner | None]] = {}


def _scanner_of(subset: tuple[int, ...]) -> _Scanner:
    """The alternation of the patterns ``subset`` (their order kept), with the lookahead
    of their first characters. (Made once for each set of key words found, which
    ``_SCANNERS`` keeps: two sets never give the same patterns.)"""
    pats = _load()
    regex = _alternation(pats.bodies, subset)
    figures = tuple((pats.steps[i], regex.groupindex[f"n{i}"]) for i in subset)
    return _Scanner(regex, {g: (step, g) for step, g in figures}, figures)


def figure_patterns() -> tuple[FigurePattern, ...]:
    """The phrase patterns, in the order they are tried."""
    return _load().figures


@attrs.frozen
class StatedFigure:
    """A figure the prose states about cells of the tables."""

    section: str
    """The section whose prose states it (``overview``, ``active``, ``applications``,
    ``review_litigation`` or ``other``)."""
    paragraph: int
    """The 1-based number of the (non-empty) line of the section text where it starts."""
    offset: int
    """Its character offset in the section text."""
    sentence: str
    """The sentence that states it, with line breaks and spaces removed (clipped)."""
    pattern: str
    """The identifier of the phrase pattern that tied it."""
    stated: int
    readings: tuple[tuple[str, ...], ...]
    """The cells the figure may speak of; each reading is a list of paths summed."""
    values: tuple[int | Decimal | None, ...]
    """The value of each reading; ``None`` where an operand is blank or not a number."""

    @property
    def agrees(self) -> bool | None:
        """Whether the figure equals one of its readings; ``None`` if none could be assessed."""
        return _agrees(self.stated, self.values)


def _agrees(stated: int, values: Sequence[int | Decimal | None]) -> bool | None:
    """Whether ``stated`` is one of the ``values`` that are known (not ``None``);
    ``None`` if none is (a figure equal to a value is decided without the others)."""
    if stated in values:  # None never equals the int
        return True
    return None if values.count(None) == len(values) else False


def _section_text(report: Report, section: str) -> str:
    if section in {"overview", "other", "problems"}:
        n = report.narrative(section)
        return n.text if n is not None else ""
    text: str = getattr(report, f"{section}_text")
    return text


def _units_after_digits(text: str) -> list[int]:
    """The offsets in ``text`` of the units (件, 起, 宗, 个, 项) that follow a digit,
    whitespace aside, in order.

    With whitespace removed, a sentence holding one of them is one that may state a
    figure about the tables (``\\d[件起宗个项]``); no other sentence is read. A unit is
    looked for only if it occurs at all (``in`` is fast); then a regular expression that
    starts with the unit (a literal, which the regex engine skips to quickly) yields
    those after a digit or whitespace.
    """
    out: list[int] = []
    for unit, after in _UNIT_AFTER:
        if unit not in text:
            continue
        for m in after.finditer(text):
            at = m.start()
            k = at - 1
            while k > 0 and text[k].isspace():
                k -= 1
            if text[k].isdecimal():
                out.append(at)
    out.sort()
    return out


def _ends_in(text: str) -> str:
    """The characters that end a sentence (。；;！？!?) that occur in ``text``: a
    sentence of it is found by looking for these only (most texts hold one or two)."""
    return "".join([c for c in _SENTENCE_END if c in text])


def _sentence_around(text: str, at: int, lo: int, ends: str = _SENTENCE_END) -> tuple[int, int]:
    """The start and end in ``text`` of the sentence (a run of characters other than
    。；;！？!? and the one that ends it) holding offset ``at``, given that a sentence
    starts at ``lo``; ``ends``: these characters, or those of them ``text`` holds."""
    start = lo
    for end_char in ends:
        k = text.rfind(end_char, start, at)
        if k >= 0:
            start = k + 1
    end = len(text)
    for end_char in ends:
        k = text.find(end_char, at, end)
        if k >= 0:
            end = k + 1
    return start, end


def _nth_visible(text: str, n: int) -> int:
    """The offset in ``text`` of its ``n``-th (0-based) character that is not whitespace."""
    # text[:i] holds `seen` visible characters, never more than n: each step reads as
    # many more characters as are still missing (they hold at most that many visible
    # ones), so that the characters are counted by str.split, not one by one here
    i = seen = 0
    size = len(text)
    while seen < n:
        j = i + (n - seen)
        if j > size:
            raise IndexError(n)
        seen += sum(map(len, text[i:j].split()))
        i = j
    # text[:i] holds n visible characters: the n-th is the first visible one from i on
    rest = text[i:]
    i += len(rest) - len(rest.lstrip())
    if i == size:
        raise IndexError(n)
    return i


class _Paragraphs:
    """The 1-based number of the non-empty line holding an offset of ``text``, for
    offsets asked in increasing order (each line is only read once)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._cut = -1  # a line break of the text, or -1 (before the text)
        self._count = 0  # non-empty lines in text[:self._cut]

    def at(self, offset: int) -> int:
        text = self._text
        cut = text.rfind("\n", 0, offset)
        if cut < self._cut:  # asked out of order: count from the start again
            self._cut, self._count = -1, 0
        if cut > self._cut:
            lines = text[self._cut + 1 : cut].split("\n")
            self._count += sum(1 for line in lines if line.strip())
            self._cut = cut
        return 1 + self._count


def _quote(sentence: str, at: int) -> str:
    if len(sentence) <= _QUOTE_CHARS:
        return sentence
    lo = max(0, min(at - _QUOTE_CHARS // 2, len(sentence) - _QUOTE_CHARS))
    text = sentence[lo : lo + _QUOTE_CHARS]
    return ("…" if lo else "") + text + ("…" if lo + _QUOTE_CHARS < len(sentence) else "")


_Tables: TypeAlias = dict[str, Table]


def _tables(report: Report) -> _Tables:
    """The report's tables by identifier (the first of an identifier, as
    ``Report.table`` finds)."""
    return {t.id: t for t in reversed(report.tables)}


def _where(path: str) -> tuple[str, str, str] | None:
    """``split_path(path)``; ``None`` if it is not a cell path."""
    try:
        return split_path(path)
    except KeyError:
        return None


def _index(edition: Edition, table_id: str, row: str, column: str) -> tuple[int, int] | None:
    """The position of a cell in a layout; ``None`` if the layout has no such cell."""
    try:
        spec = template(edition).table(table_id)
        return spec.row_index(row), spec.column_index(column)
    except KeyError:
        return None


def _operands(
    reading: tuple[str, ...], groups: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[tuple[str, str, str], ...] | None]:
    """The paths of a reading (``{group}`` made each row of the context) and each one's
    table, row and column; ``None`` for these if a path is not a cell path."""
    paths: list[str] = []
    for p in reading:
        if "{group}" in p:
            paths.extend(p.replace("{group}", g) for g in groups)
        else:
            paths.append(p)
    places: list[tuple[str, str, str]] = []
    for p in paths:
        where = _where(p)
        if where is None:
            return tuple(paths), None
        places.append(where)
    return tuple(paths), tuple(places)


_Place: TypeAlias = tuple[str, dict[Edition, tuple[int, int]]]
"""A cell of a reading: its table, and its row and column index in the layout of each
edition that has it."""


class _Reading(NamedTuple):
    """A reading of a pattern in a context, its paths all cell paths."""

    paths: tuple[str, ...]
    places: tuple[_Place, ...]


_Plan: TypeAlias = tuple[_Reading, ...]


def _plan(pattern: FigurePattern, groups: tuple[str, ...]) -> _Plan:
    """The readings of ``pattern`` in the context of ``groups``, worked out for every
    edition: what ``_resolve`` needs, so that it does no work that depends on the
    patterns only."""
    plan: list[_Reading] = []
    for reading in pattern.accept:
        paths, places = _operands(reading, groups)
        if places is None:
            continue
        cells: list[_Place] = []
        for table_id, row, column in places:
            at = {e: _index(e, table_id, row, column) for e in Edition}
            cells.append((table_id, {e: i for e, i in at.items() if i is not None}))
        plan.append(_Reading(paths, tuple(cells)))
    return tuple(plan)


def _resolve(
    tables: _Tables, plan: _Plan
) -> tuple[list[tuple[str, ...]], list[int | Decimal | None]]:
    """The readings of a plan whose paths all exist in the report's tables, and the sum
    of each (``None`` if an operand is blank or not a number): what ``Report.cell``
    finds, with the positions of cells in a layout worked out once."""
    readings: list[tuple[str, ...]] = []
    values: list[int | Decimal | None] = []
    for paths, places in plan:
        total: int | Decimal = 0
        assessable = True
        for table_id, at_by_edition in places:
            table = tables.get(table_id)
            at = None if table is None else at_by_edition.get(table.edition)
            if table is None or at is None:
                break
            v = table.cells[at[0]][at[1]]
            if type(v) is int or is_number(v):  # the common case first: a plain int
                total += v
            else:
                assessable = False
        else:
            readings.append(paths)
            values.append(total if assessable else None)
    return readings, values


def _states_one(tables: _Tables, plan: _Plan, stated: int) -> bool:
    """Whether a reading of the plan that exists in the report's tables sums to
    ``stated`` (the figure then agrees: ``_agrees(stated, _resolve(tables, plan)[1])``
    is ``True``, found without building the readings)."""
    for _paths, places in plan:
        total: int | Decimal = 0
        for table_id, at_by_edition in places:
            table = tables.get(table_id)
            at = None if table is None else at_by_edition.get(table.edition)
            if at is None:
                break
            v = table.cells[at[0]][at[1]]  # type: ignore[union-attr]
            if type(v) is int or is_number(v):
                total += v
            else:
                break  # not assessable: the reading is not the one
        else:
            if total == stated:
                return True
    return False


class _Tied(NamedTuple):
    """A figure a phrase pattern tied to cells, before it is placed in the text."""

    start: int
    """The offset in the section text of the sentence that states it."""
    raw: str
    """The sentence as published."""
    sentence: str
    """The sentence without whitespace (full-width digits made ASCII)."""
    number_at: int
    """The figure's offset in ``sentence``."""
    pattern: str
    stated: int
    readings: tuple[tuple[str, ...], ...]
    values: tuple[int | Decimal | None, ...]


def _figures_in(report: Report, text: str, *, disagreeing: bool = False) -> Iterator[_Tied]:
    """The figures the sentences of ``text`` state about the tables; with
    ``disagreeing``, only those that equal none of their readings (the check's: a figure
    that agrees is passed over before anything is built for it)."""
    units = _units_after_digits(text)
    if not units:
        return
    pats = _load()
    tables: _Tables | None = None  # built when a figure is first tied
    done = 0  # the end of the last sentence read
    ends = _ends_in(text)
    for at in units:
        if at < done:
            continue
        start, done = _sentence_around(text, at, done, ends)
        raw = text[start:done]
        sentence = "".join(raw.split())
        if _WIDE_DIGIT.search(sentence):
            sentence = sentence.translate(_DIGITS)
        scanner = _scanner(pats, sentence)
        if scanner is None:
            continue
        of_group = scanner.of_group
        context: str | None = None
        for m in scanner.regex.finditer(sentence):
            # the figure's group is the one group of the alternative that matched, the
            # last one unless a pattern has groups of its own
            tied = of_group.get(m.lastindex)
            if tied is None:
                tied = next(f for f in scanner.figures if m.start(f[1]) >= 0)
            step, group = tied
            pattern_id, words, requires, needs_context, sets_context, plans = step
            # a pattern whose requirement the sentence does not meet, or that needs a
            # context not set, is passed over; its match still consumed its text
            if words is not None:
                for word in words:
                    if word in sentence:
                        break
                else:
                    continue
            elif requires is not None and not requires.search(sentence):
                continue
            if needs_context and context is None:
                continue
            plan = plans[context]
            if sets_context is not None:
                context = sets_context
            if tables is None:
                tables = _tables(report)
            stated = int(m.group(group).replace(",", ""))
            # the check's common case, a figure equal to one of its readings, is decided
            # without building the readings
            if disagreeing and _states_one(tables, plan, stated):
                continue
            readings, values = _resolve(tables, plan)
            if not readings:
                continue
            if disagreeing and _agrees(stated, values) is not False:
                continue
            yield _Tied(
                start,
                raw,
                sentence,
                m.start(group),
                pattern_id,
                stated,
                tuple(readings),
                tuple(values),
            )


def _placed(section: str, paragraphs: _Paragraphs, tied: _Tied) -> StatedFigure:
    """The figure with its place in the section text (its offset, its paragraph)."""
    start, raw, sentence, number_at = tied.start, tied.raw, tied.sentence, tied.number_at
    if len(sentence) == len(raw):
        offset = start + number_at
    else:
        offset = start + _nth_visible(raw, number_at)
    return StatedFigure(
        section=section,
        paragraph=paragraphs.at(offset),
        offset=offset,
        sentence=_quote(sentence, number_at),
        pattern=tied.pattern,
        stated=tied.stated,
        readings=tied.readings,
        values=tied.values,
    )


def _sections(report: Report) -> Iterator[tuple[str, str]]:
    """The sections whose prose is read, and their texts."""
    for section in NARRATIVE_SECTIONS:
        text = _section_text(report, section)
        if text.strip():
            yield section, text


def stated_figures(report: Report) -> tuple[StatedFigure, ...]:
    """Every figure the prose of ``report`` states about its tables, in reading order.

    Sections 一 and 六 and the prose of sections 二 to 四 are read with their line breaks
    and spaces removed, so that a figure split by a PDF line wrap ("3119 件，答\\n复 3050
    件") is found whole. Only figures that a phrase pattern of ``narrative.toml`` ties to
    cells are returned; approximate figures ("5500 余条") never are.
    """
    out: list[StatedFigure] = []
    for section, text in _sections(report):
        paragraphs = _Paragraphs(text)
        out.extend(_placed(section, paragraphs, t) for t in _figures_in(report, text))
    return tuple(out)


@register("narrative.figure-mismatch")
def narrative_figures(report: Report) -> Iterator[Finding]:
    """Figures stated in the prose equal the cells they speak of."""
    for section, text in _sections(report):
        paragraphs = _Paragraphs(text)
        for tied in _figures_in(report, text, disagreeing=True):
            yield _mismatch_of(section, paragraphs, tied)


def _mismatch_of(section: str, paragraphs: _Paragraphs, tied: _Tied) -> Finding:
    """``_mismatch(_placed(section, paragraphs, tied))``, without the
    :class:`StatedFigure` in between (the check reports the figure, nothing keeps it)
    and with the finding's parameters given in the order ``finding`` sorts them into."""
    start, raw, sentence, number_at = tied.start, tied.raw, tied.sentence, tied.number_at
    if len(sentence) == len(raw):
        offset = start + number_at
    else:
        offset = start + _nth_visible(raw, number_at)
    stated = tied.stated
    reading, expected = next(
        (r, v) for r, v in zip(tied.readings, tied.values, strict=True) if v is not None
    )
    if len(reading) == 1:
        path = reading[0]
    else:
        tables = {split_path(p)[0] for p in reading}
        path = tables.pop() if len(tables) == 1 else section
    return trusted_finding(
        _MISMATCH,
        CODES[_MISMATCH].severity,
        path,
        None,
        expected,
        stated,
        stated - expected,
        f"{' + '.join(reading)} = {stated}",
        (
            ("heading", section),
            ("offset", offset),
            ("operands", ",".join(reading)),
            ("paragraph", paragraphs.at(offset)),
            ("pattern", tied.pattern),
            ("sentence", _quote(sentence, number_at)),
        ),
    )


_MISMATCH: Final = "narrative.figure-mismatch"


def _mismatch(f: StatedFigure) -> Finding:
    """The finding of a stated figure that equals none of its readings: at its cell when
    the first assessable reading is one cell, else at its table, else at its section."""
    reading, expected = next(
        (r, v) for r, v in zip(f.readings, f.values, strict=True) if v is not None
    )
    tables = {split_path(p)[0] for p in reading}
    if len(reading) == 1:
        path = reading[0]
    elif len(tables) == 1:
        path = tables.pop()
    else:
        path = f.section
    return finding(
        "narrative.figure-mismatch",
        path,
        expected=expected,
        actual=f.stated,
        difference=f.stated - expected,
        expression=f"{' + '.join(reading)} = {f.stated}",
        heading=f.section,
        paragraph=f.paragraph,
        offset=f.offset,
        sentence=f.sentence,
        pattern=f.pattern,
        operands=",".join(reading),
    )
