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

import bisect
import functools
import re
import tomllib
from collections.abc import Iterator
from decimal import Decimal
from importlib import resources
from typing import Any, Final

import attrs

from govdisclosure.checks.registry import finding, register
from govdisclosure.model import Finding, Report, is_number, split_path

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
_QUOTE_CHARS: Final = 60
_SPACE: Final = re.compile(r"\s+")
_SENTENCE: Final = re.compile(f"[^{_SENTENCE_END}]+[{_SENTENCE_END}]?")
_STATED: Final = re.compile(r"\d[件起宗个项]")
"""A sentence states a figure about the tables only if a figure is followed by a unit."""


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


@functools.cache
def _load() -> _Patterns:
    data: dict[str, Any] = tomllib.loads(
        resources.files(__package__).joinpath("narrative.toml").read_text("utf-8")
    )
    figures = []
    alternatives = []
    for i, item in enumerate(data["figures"]):
        body = item["regex"].replace("{n}", _NUMBER.replace("?P<n>", f"?P<n{i}>"))
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
        alternatives.append(body)
    contexts = {k: tuple(v) for k, v in data["contexts"].items()}
    combined = re.compile("|".join(f"(?:{a})" for a in alternatives))
    return _Patterns(tuple(figures), contexts, combined)


def figure_patterns() -> tuple[FigurePattern, ...]:
    """The phrase patterns, in the order they are tried."""
    return _load().figures


@attrs.frozen
class StatedFigure:
    """A figure the prose states about cells of the tables."""

    section: str
    """The section whose prose states it: ``overview``, ``active``, ``applications``,
    ``review_litigation`` or ``other``."""
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
    """The cells the figure may speak of: each reading is a list of paths summed."""
    values: tuple[int | Decimal | None, ...]
    """The value of each reading; ``None`` where an operand is blank or not a number."""

    @property
    def agrees(self) -> bool | None:
        """Whether the figure equals one of its readings; ``None`` if none could be assessed."""
        known = [v for v in self.values if v is not None]
        if not known:
            return None
        return self.stated in known


def _section_text(report: Report, section: str) -> str:
    if section in {"overview", "other", "problems"}:
        n = report.narrative(section)
        return n.text if n is not None else ""
    text: str = getattr(report, f"{section}_text")
    return text


class _Joined:
    """``text`` without whitespace (full-width digits made ASCII), and the way back from
    an offset in it to the offset in ``text``."""

    def __init__(self, text: str) -> None:
        self.text = _SPACE.sub("", text).translate(_DIGITS)
        self._at: list[int] = []  # offsets in the joined text where whitespace was cut
        self._removed: list[int] = []  # characters cut before each of them, cumulated
        cut = 0
        for m in _SPACE.finditer(text):
            cut += m.end() - m.start()
            self._at.append(m.start() - (cut - (m.end() - m.start())))
            self._removed.append(cut)

    def source_offset(self, joined_offset: int) -> int:
        """The offset in the original text of the character at ``joined_offset``."""
        i = bisect.bisect_right(self._at, joined_offset)
        return joined_offset + (self._removed[i - 1] if i else 0)


def _sentences(joined: str) -> Iterator[tuple[int, int]]:
    for m in _SENTENCE.finditer(joined):
        yield m.start(), m.end()


def _quote(sentence: str, at: int) -> str:
    if len(sentence) <= _QUOTE_CHARS:
        return sentence
    lo = max(0, min(at - _QUOTE_CHARS // 2, len(sentence) - _QUOTE_CHARS))
    text = sentence[lo : lo + _QUOTE_CHARS]
    return ("…" if lo else "") + text + ("…" if lo + _QUOTE_CHARS < len(sentence) else "")


def _resolve(
    report: Report, reading: tuple[str, ...], groups: tuple[str, ...]
) -> tuple[tuple[str, ...], int | Decimal | None] | None:
    """The paths of a reading in this report and their sum; ``None`` if a path does not
    exist in the report's tables."""
    paths: list[str] = []
    for p in reading:
        if "{group}" in p:
            paths.extend(p.replace("{group}", g) for g in groups)
        else:
            paths.append(p)
    total: int | Decimal = 0
    assessable = True
    for p in paths:
        try:
            v = report.cell(p)
        except KeyError:
            return None
        if is_number(v):
            total += v
        else:
            assessable = False
    return tuple(paths), (total if assessable else None)


def _figures_in(report: Report, section: str, text: str) -> Iterator[StatedFigure]:
    pats = _load()
    j = _Joined(text)
    joined = j.text
    for start, end in _sentences(joined):
        sentence = joined[start:end]
        if not _STATED.search(sentence):
            continue
        context: str | None = None
        for m in pats.combined.finditer(sentence):
            name = next(k for k, v in m.groupdict().items() if v is not None)
            pat = pats.figures[int(name[1:])]
            if pat.requires is not None and not pat.requires.search(sentence):
                continue
            if pat.needs_context and context is None:
                continue
            groups = pats.contexts.get(context, ()) if context else ()
            if pat.context is not None:
                context = pat.context
            readings: list[tuple[str, ...]] = []
            values: list[int | Decimal | None] = []
            for reading in pat.accept:
                resolved = _resolve(report, reading, groups)
                if resolved is not None:
                    readings.append(resolved[0])
                    values.append(resolved[1])
            if not readings:
                continue
            number_at = m.start(name)
            offset = j.source_offset(start + number_at)
            before = text[:offset].split("\n")
            paragraph = 1 + sum(1 for line in before[:-1] if line.strip())
            yield StatedFigure(
                section=section,
                paragraph=paragraph,
                offset=offset,
                sentence=_quote(sentence, number_at),
                pattern=pat.id,
                stated=int(m.group(name).replace(",", "")),
                readings=tuple(readings),
                values=tuple(values),
            )


def stated_figures(report: Report) -> tuple[StatedFigure, ...]:
    """Every figure the prose of ``report`` states about its tables, in reading order.

    Sections 一 and 六 and the prose of sections 二 to 四 are read with their line breaks
    and spaces removed, so that a figure split by a PDF line wrap ("3119 件，答\\n复 3050
    件") is found whole. Only figures that a phrase pattern of ``narrative.toml`` ties to
    cells are returned; approximate figures ("5500 余条") never are.
    """
    out: list[StatedFigure] = []
    for section in NARRATIVE_SECTIONS:
        text = _section_text(report, section)
        if text.strip():
            out.extend(_figures_in(report, section, text))
    return tuple(out)


@register("narrative.figure-mismatch")
def narrative_figures(report: Report) -> Iterator[Finding]:
    """Figures stated in the prose equal the cells they speak of."""
    for f in stated_figures(report):
        if f.agrees is not False:
            continue
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
        yield finding(
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
