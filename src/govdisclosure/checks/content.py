"""Required content of the prose sections 一, 五 and 六.

What each section must speak of comes from 条例第五十条 and the 2021 notice; the wordings
that count as speaking of it live in ``content.toml`` beside this module. Every missing
item is an ``info`` finding: the prose is free, and a topic may be covered in words the
data does not know.

>>> import govdisclosure as gd
>>> r = gd.build_report(organ="某县人民政府", year=2024,
...     overview="本县坚持以公开为常态、不公开为例外，认真做好主动公开工作，" * 2,
...     problems="人员不足。下一步加强培训。", other="未收取信息处理费。")
>>> sorted({f.code for f in gd.check(r) if f.code.startswith(("overview.", "other."))})
['other.proposals-missing', 'overview.assessment-missing', 'overview.topic-missing']
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from importlib import resources
from typing import Any, Final

import attrs

from govdisclosure.checks._regex import words_of
from govdisclosure.checks.registry import finding, register, register_series
from govdisclosure.model import Finding, OrganKind, Report, is_number

__all__ = ["Topic", "assessment_items", "english_names", "overview_topics", "problems_parts"]

_GOVERNMENTS: Final = frozenset({OrganKind.GOVERNMENT, OrganKind.TOWNSHIP})


@attrs.frozen
class Topic:
    """A topic a section must speak of, and the wordings that count."""

    id: str
    topic: str
    """The topic in the official wording."""
    en: str
    """Its English name, given after the official wording in English findings."""
    regex: re.Pattern[str]


_CHUNK: Final = 256
_SHORT: Final = 1024
"""Texts up to this length are joined without whitespace at once."""
_SHORT_REPORT: Final = 4096
"""Reports whose prose (every part) is no longer than this have each part joined
without whitespace at once: each searched word then costs one scan of a joined text."""


def _chars(word: str, common: Counter[str]) -> tuple[tuple[str, int], ...]:
    """The distinct characters of ``word`` and where each first comes in it, those
    ``common`` to most words of its pattern first: a character missing from the text is
    then found missing once for all the words that hold it."""
    order = sorted(dict.fromkeys(word), key=lambda ch: -common[ch])
    return tuple((ch, word.index(ch)) for ch in order)


@attrs.frozen
class _Search:
    """A pattern of ``content.toml`` made ready to search: a pattern that is only
    ``word|word|...`` is searched word by word with ``str`` methods, which are much
    faster than the regex engine on long Chinese text."""

    pattern: re.Pattern[str]
    words: tuple[tuple[str, tuple[tuple[str, int], ...], tuple[str, ...]], ...] | None
    """Each word, its characters (with where each first comes in it) and the pairs of
    characters it shares with other words of the pattern (most shared first: a pair
    missing from a text without whitespace is found missing once for all the words that
    hold it); ``None`` for a pattern that is more than words."""
    holds: str = ""
    """A character every match holds (``""``: none known)."""
    within: str = ""
    """Characters no match holds nor looks at (``""``: none known)."""

    @classmethod
    def of(cls, pattern: re.Pattern[str], holds: str = "", within: str = "") -> _Search:
        plain = words_of(pattern)
        if plain is None:
            return cls(pattern, None, holds, within)
        # a word with whitespace never occurs in the text without whitespace
        words = [w for w in plain if not any(c.isspace() for c in w)]
        common = Counter(ch for w in words for ch in set(w))
        pairs = Counter(p for w in words for p in {w[i : i + 2] for i in range(len(w) - 1)})
        return cls(pattern, tuple((w, _chars(w, common), _shared_pairs(w, pairs)) for w in words))


def _shared_pairs(word: str, pairs: Counter[str]) -> tuple[str, ...]:
    """The pairs of adjacent characters of ``word`` that other words hold too (counted
    in ``pairs``), the most shared first, the word itself left out."""
    own = dict.fromkeys(word[i : i + 2] for i in range(len(word) - 1))
    shared = [p for p in own if pairs[p] > 1 and p != word]
    return tuple(sorted(shared, key=lambda p: -pairs[p]))


class _Prose:
    """Prose as the audits read it: ``parts`` joined with all whitespace removed.

    On a long text, the joined text is only built when a search needs it: a word
    (without whitespace) that occurs in the text occurs in the joined text, a word with
    a character that occurs nowhere in the text does not, and only between the two must
    the joined text be searched. A short text is joined at once (cheaper than the
    shortcuts).

    Each character of a word is looked for once (one character is found much faster
    than a word): a word with a character missing from the text is not in it. In a long
    text, a word cannot start before the first occurrence of its ``j``-th character less
    ``j``, so that the word is only looked for from there on.
    """

    __slots__ = ("_first", "_flat", "_present", "_raw", "_text")

    def __init__(self, *parts: str | None) -> None:
        # whitespace between the parts: it is removed with the rest
        self._raw = "\n".join([p for p in parts if p])
        self._flat = "".join(self._raw.split()) if len(self._raw) <= _SHORT else None
        self._text = self._raw if self._flat is None else self._flat
        """The text words are looked for in: the joined text if built at once, else the
        raw text (which is its own joined text only if it holds no whitespace)."""
        self._first: dict[str, int] = {}
        """In a long text, the first offset of each character looked for (-1: none)."""
        self._present: dict[str, bool] = {}
        """In a short text, whether each character (or pair of them) looked for occurs."""

    @classmethod
    def joined(cls, flat: str) -> _Prose:
        """Prose whose text ``flat`` is already without whitespace."""
        prose = cls.__new__(cls)
        prose._raw = prose._flat = prose._text = flat
        prose._first = {}
        prose._present = {}
        return prose

    @property
    def flat(self) -> str:
        """The parts joined, without whitespace."""
        if self._flat is None:
            self._flat = "".join(self._raw.split())
        return self._flat

    def reaches(self, n: int) -> bool:
        """``len(self.flat) >= n``, counting no further than needed."""
        if self._flat is not None:
            return len(self._flat) >= n
        if n <= 0:
            return True
        raw = self._raw
        start, size = 0, n + n  # prose mostly reaches n within its first 2n characters
        while start < len(raw):
            n -= sum(map(len, raw[start : start + size].split()))
            if n <= 0:
                return True
            start += size
            size = _CHUNK
        return n <= 0

    def found(self, search: _Search) -> bool:
        """``search.pattern.search(self.flat) is not None``."""
        words = search.words
        if words is None:
            if search.holds and len(self._text) > _SHORT:
                return self._found_around(search)
            return search.pattern.search(self.flat) is not None
        text = self._text
        if text is self._flat:  # self._has, inlined (these loops are hot)
            present = self._present
            for word, chars, pairs in words:
                for ch, _ in chars:
                    there = present.get(ch)
                    if there is None:
                        there = present[ch] = ch in text
                    if not there:
                        break
                else:
                    for pair in pairs:  # only in a text without whitespace
                        there = present.get(pair)
                        if there is None:
                            there = present[pair] = pair in text
                        if not there:
                            break
                    else:
                        if word in text:
                            return True
            return False
        first = self._first
        for word, chars, _ in words:
            start = 0
            for ch, j in chars:
                at = first.get(ch)
                if at is None:
                    at = first[ch] = text.find(ch)
                if at < 0:
                    break
                start = max(start, at - j)
            else:
                if text.find(word, start) >= 0 or word in self.flat:
                    return True
        return False

    def _found_around(self, search: _Search) -> bool:
        """``found`` for a regular expression whose matches all hold ``search.holds`` and
        lie between two of ``search.within``: only those stretches of text are searched."""
        text = self._raw
        done = 0
        at = text.find(search.holds)
        while at >= 0:
            if at >= done:
                start = done
                for ch in search.within:
                    k = text.rfind(ch, start, at)
                    if k >= 0:
                        start = k + 1
                done = len(text)
                for ch in search.within:
                    k = text.find(ch, at, done)
                    if k >= 0:
                        done = k
                if search.pattern.search("".join(text[start:done].split())):
                    return True
            at = text.find(search.holds, at + 1)
        return False


@attrs.frozen
class _Content:
    min_chars: int
    overview: tuple[Topic, ...]
    assessment: tuple[Topic, ...]
    parts: tuple[Topic, ...]
    """The two parts of section 五: the problems, the measures."""
    overview_search: tuple[_Search, ...]
    assessment_search: tuple[_Search, ...]
    problems: _Search
    measures: _Search
    follow_up: _Search
    no_fee: _Search
    unpaid: _Search
    proposals: _Search


@functools.cache
def _load() -> _Content:
    data: dict[str, Any] = tomllib.loads(
        resources.files(__package__).joinpath("content.toml").read_text("utf-8")
    )

    def topics(
        items: list[dict[str, str]], regexes: dict[str, str] | None = None
    ) -> tuple[Topic, ...]:
        return tuple(
            Topic(
                t["id"],
                t["topic"],
                t["en"],
                re.compile(regexes[t["id"]] if regexes else t["regex"]),
            )
            for t in items
        )

    def search(regex: str) -> _Search:
        return _Search.of(re.compile(regex))

    overview, assessment = topics(data["overview_topics"]), topics(data["assessment"])
    parts = topics(data["problems_parts"], data["problems"])
    problems, measures = (next(p for p in parts if p.id == key) for key in ("problems", "measures"))
    return _Content(
        min_chars=int(data["min_chars"]),
        overview=overview,
        assessment=assessment,
        parts=(problems, measures),
        overview_search=tuple(_Search.of(t.regex) for t in overview),
        assessment_search=tuple(_Search.of(t.regex) for t in assessment),
        problems=_Search.of(problems.regex),
        measures=_Search.of(measures.regex),
        follow_up=search(data["problems"]["follow_up"]),
        no_fee=_Search.of(
            re.compile(data["other"]["no_fee"]),
            holds=data["other"].get("no_fee_holds", ""),
            within=data["other"].get("no_fee_within", ""),
        ),
        unpaid=search(data["other"]["unpaid"]),
        proposals=search(data["other"]["proposals"]),
    )


@functools.cache
def _missing(code: str, path: str, *params: tuple[str, str]) -> Finding:
    """``finding(code, path, **dict(params))``, made once: a finding of something missing
    names only what ``content.toml`` names (a topic, a part), the same in every report
    that misses it, and a finding is immutable."""
    return attrs.evolve(finding(code, path), params=params)


def overview_topics() -> tuple[Topic, ...]:
    """The five topics section 一 covers under the 2021 notice."""
    return _load().overview


def assessment_items() -> tuple[Topic, ...]:
    """The results a people's government's report states (条例第五十条第（四）项)."""
    return _load().assessment


def problems_parts() -> tuple[Topic, ...]:
    """The two parts of section 五: the problems, the measures."""
    return _load().parts


@functools.cache
def english_names() -> dict[str, str]:
    """The English name of every topic and part this module's findings name, by its
    official wording (``content.toml`` holds both).

    >>> english_names()["主动公开"]
    'proactive disclosure'
    """
    data = _load()
    return {t.topic: t.en for t in (*data.overview, *data.assessment, *data.parts)}


@register(
    "overview.topic-missing",
    "overview.assessment-missing",
    "problems.part-missing",
    "other.fee-unpaid-unexplained",
    "other.proposals-missing",
)
def required_topics(report: Report) -> Iterator[Finding]:
    """Sections 一, 五 and 六 speak of what the law and the notice ask of them."""
    data = _load()
    recent = report.year is not None and report.year >= 2021
    parts = (
        report.preamble,
        report.active_text,
        report.applications_text,
        report.review_litigation_text,
        report.overview.text if report.overview is not None else None,
        report.problems.text if report.problems is not None else None,
        report.other.text if report.other is not None else None,
    )
    if sum(len(p) for p in parts if p) <= _SHORT_REPORT:
        # each part is joined once; the whole prose is the parts' joined texts joined
        flats = ["".join(p.split()) if p else "" for p in parts]
        overview, problems = _Prose.joined(flats[4]), _Prose.joined(flats[5])
        prose = _Prose.joined("".join(flats))
        other = _Prose.joined(flats[6])
    else:
        overview, problems = _Prose(parts[4]), _Prose(parts[5])
        prose = _Prose(*parts)
        other = _Prose(parts[6])
    if recent and overview.reaches(data.min_chars):
        for t, search in zip(data.overview, data.overview_search, strict=True):
            if not overview.found(search):
                yield _missing("overview.topic-missing", "overview", ("topic", t.topic))
    if report.organ.kind in _GOVERNMENTS and prose.reaches(data.min_chars):
        missing = [
            t.topic
            for t, search in zip(data.assessment, data.assessment_search, strict=True)
            if not prose.found(search)
        ]
        if missing:
            yield _missing("overview.assessment-missing", "overview", ("items", "、".join(missing)))
    if problems.reaches(data.min_chars):
        for part, search in zip(data.parts, (data.problems, data.measures), strict=True):
            if not problems.found(search):
                yield _missing("problems.part-missing", "problems", ("part", part.topic))
    if report.other is not None:
        yield from _fees(report, other, data)
        if (
            recent
            and report.organ.kind is OrganKind.GOVERNMENT
            and prose.reaches(data.min_chars)
            and not prose.found(data.proposals)
        ):
            yield _missing("other.proposals-missing", "other")


_FEE_WORDS: Final = _Search.of(re.compile("处理费|收费"))
"""A statement about fees (信息处理费 holds 处理费)."""


def _fees(report: Report, other: _Prose, data: _Content) -> Iterator[Finding]:
    t = report.applications
    if t is None or "other.unpaid_fee" not in t.spec.row_ids:
        return
    unpaid = t["other.unpaid_fee", "total"]
    if not (is_number(unpaid) and unpaid > 0):
        return
    if other.found(data.unpaid):
        return
    states_fee = other.found(_FEE_WORDS)
    if not states_fee or other.found(data.no_fee):
        yield finding(
            "other.fee-unpaid-unexplained",
            "applications.other.unpaid_fee.total",
            actual=unpaid,
            count=unpaid,
        )


@register_series("series.problems-not-followed-up")
def problems_follow_up(report: Report, previous: Report) -> Iterator[Finding]:
    """Section 五 follows up the problems named in last year's report."""
    if report.problems is None or previous.problems is None or previous.problems.is_empty:
        return
    text = _Prose(report.problems.text)
    data = _load()
    if text.reaches(data.min_chars) and not text.found(data.follow_up):
        yield finding(
            "series.problems-not-followed-up", "problems", previous_year=str(previous.year)
        )
