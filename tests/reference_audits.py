"""Straightforward reference versions of the prose audits, for the tests only.

The audits of :mod:`govdisclosure.checks.narrative` and :mod:`govdisclosure.checks.content`
take shortcuts for speed (a figure is only looked for around a unit that follows a digit;
a word is only looked for when all its characters occur; the text without whitespace is
only built when a search needs it). The functions here do the plain thing: remove the
whitespace of the whole text, split it into sentences, try every pattern on every
sentence, flatten every section for every search. The tests hold both to the same output.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterator
from decimal import Decimal
from importlib import resources
from typing import Final

from govdisclosure.checks import content, narrative
from govdisclosure.model import Finding, Report, is_number, same_organ

_SPACE: Final = re.compile(r"\s+")
_SENTENCE_END: Final = "。；;！？!?"
_SENTENCE: Final = re.compile(f"[^{_SENTENCE_END}]+[{_SENTENCE_END}]?")
_STATED: Final = re.compile(r"\d[件起宗个项]")
_DIGITS: Final = {0xFF10 + i: 0x30 + i for i in range(10)}


class Joined:
    """``text`` without whitespace (full-width digits made ASCII), and the way back from
    an offset in it to the offset in ``text``."""

    def __init__(self, text: str) -> None:
        self.text = _SPACE.sub("", text).translate(_DIGITS)
        self._at: list[int] = []
        self._removed: list[int] = []
        cut = 0
        for m in _SPACE.finditer(text):
            cut += m.end() - m.start()
            self._at.append(m.start() - (cut - (m.end() - m.start())))
            self._removed.append(cut)

    def source_offset(self, joined_offset: int) -> int:
        """The offset in the original text of the character at ``joined_offset``."""
        i = bisect.bisect_right(self._at, joined_offset)
        return joined_offset + (self._removed[i - 1] if i else 0)


def resolve(
    report: Report, reading: tuple[str, ...], groups: tuple[str, ...]
) -> tuple[tuple[str, ...], int | Decimal | None] | None:
    """The paths of a reading and their sum, by ``Report.cell``; ``None`` if a path is
    not in the report's tables."""
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


def figures_in(report: Report, section: str, text: str) -> Iterator[narrative.StatedFigure]:
    """Every stated figure of one section text: every sentence, every pattern."""
    pats = narrative._load()
    combined = combined_pattern()
    j = Joined(text)
    joined = j.text
    for m0 in _SENTENCE.finditer(joined):
        start = m0.start()
        sentence = m0.group()
        if not _STATED.search(sentence):
            continue
        context: str | None = None
        for m in combined.finditer(sentence):
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
                resolved = resolve(report, reading, groups)
                if resolved is not None:
                    readings.append(resolved[0])
                    values.append(resolved[1])
            if not readings:
                continue
            number_at = m.start(name)
            offset = j.source_offset(start + number_at)
            before = text[:offset].split("\n")
            paragraph = 1 + sum(1 for line in before[:-1] if line.strip())
            yield narrative.StatedFigure(
                section=section,
                paragraph=paragraph,
                offset=offset,
                sentence=narrative._quote(sentence, number_at),
                pattern=pat.id,
                stated=int(m.group(name).replace(",", "")),
                readings=tuple(readings),
                values=tuple(values),
            )


def stated_figures(report: Report) -> tuple[narrative.StatedFigure, ...]:
    """What :func:`govdisclosure.stated_figures` returns, the plain way."""
    out: list[narrative.StatedFigure] = []
    for section in narrative.NARRATIVE_SECTIONS:
        text = narrative._section_text(report, section)
        if text.strip():
            out.extend(figures_in(report, section, text))
    return tuple(out)


def narrative_findings(report: Report) -> Iterator[Finding]:
    """What :func:`govdisclosure.checks.narrative.narrative_figures` yields, the plain
    way: every stated figure placed, those that disagree reported."""
    for f in stated_figures(report):
        if f.agrees is not False:
            continue
        yield narrative._mismatch(f)


def combined_pattern() -> re.Pattern[str]:
    """The phrase patterns of ``narrative.toml`` as one alternation, as written (without
    the lookahead of their first characters that ``narrative`` puts in front)."""
    alternatives = []
    text = resources.files("govdisclosure.checks").joinpath("narrative.toml").read_text("utf-8")
    for i, item in enumerate(tomllib.loads(text)["figures"]):
        number = narrative._NUMBER.replace("?P<n>", f"?P<n{i}>")
        alternatives.append(item["regex"].replace("{n}", number))
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


def _flat(text: str | None) -> str:
    return "".join(text.split()) if text else ""


def _prose(report: Report) -> str:
    parts = [report.preamble, report.active_text, report.applications_text]
    parts += [report.review_litigation_text]
    for n in (report.overview, report.problems, report.other):
        if n is not None:
            parts.append(n.text)
    return _flat("\n".join(parts))


def _found(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


def required_topics(report: Report) -> Iterator[object]:
    """What :func:`govdisclosure.checks.content.required_topics` yields, the plain way:
    every section flattened, every pattern run by the regex engine."""
    data = content._load()
    min_chars = data.min_chars
    recent = report.year is not None and report.year >= 2021
    overview = _flat(report.overview.text) if report.overview is not None else ""
    if recent and len(overview) >= min_chars:
        for t in data.overview:
            if not _found(t.regex, overview):
                yield content.finding("overview.topic-missing", "overview", topic=t.topic)
    prose = _prose(report)
    if report.organ.kind in content._GOVERNMENTS and len(prose) >= min_chars:
        missing = [t.topic for t in data.assessment if not _found(t.regex, prose)]
        if missing:
            yield content.finding(
                "overview.assessment-missing", "overview", items="、".join(missing)
            )
    problems = _flat(report.problems.text) if report.problems is not None else ""
    if len(problems) >= min_chars:
        if not _found(data.problems.pattern, problems):
            yield content.finding("problems.part-missing", "problems", part="存在的问题")
        if not _found(data.measures.pattern, problems):
            yield content.finding("problems.part-missing", "problems", part="改进措施")
    if report.other is not None:
        other = _flat(report.other.text)
        t = report.applications
        if t is not None and "other.unpaid_fee" in t.spec.row_ids:
            unpaid = t["other.unpaid_fee", "total"]
            if content.is_number(unpaid) and unpaid > 0:
                states_fee = "处理费" in other or "收费" in other
                if (not states_fee or _found(data.no_fee.pattern, other)) and not _found(
                    data.unpaid.pattern, other
                ):
                    yield content.finding(
                        "other.fee-unpaid-unexplained",
                        "applications.other.unpaid_fee.total",
                        actual=unpaid,
                        count=unpaid,
                    )
        if (
            recent
            and report.organ.kind is content.OrganKind.GOVERNMENT
            and len(prose) >= min_chars
            and not _found(data.proposals.pattern, prose)
        ):
            yield content.finding("other.proposals-missing", "other")


def problems_follow_up(report: Report, previous: Report) -> Iterator[object]:
    """What :func:`govdisclosure.checks.content.problems_follow_up` yields, the plain way."""
    if report.problems is None or previous.problems is None or previous.problems.is_empty:
        return
    if not same_organ(report.organ.name, previous.organ.name):
        return
    if report.year is None or previous.year != report.year - 1:
        return
    text = _flat(report.problems.text)
    data = content._load()
    if len(text) >= data.min_chars and not _found(data.follow_up.pattern, text):
        yield content.finding(
            "series.problems-not-followed-up", "problems", previous_year=str(previous.year)
        )
