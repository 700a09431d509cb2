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
from collections.abc import Iterator
from importlib import resources
from typing import Any, Final

import attrs

from govdisclosure.checks.registry import finding, register, register_series
from govdisclosure.model import Finding, OrganKind, Report, is_number

__all__ = ["Topic", "overview_topics"]

_GOVERNMENTS: Final = frozenset({OrganKind.GOVERNMENT, OrganKind.TOWNSHIP})


@attrs.frozen
class Topic:
    """A topic a section must speak of, and the wordings that count."""

    id: str
    topic: str
    """The topic in the official wording."""
    regex: re.Pattern[str]


@attrs.frozen
class _Content:
    min_chars: int
    overview: tuple[Topic, ...]
    assessment: tuple[Topic, ...]
    problems: re.Pattern[str]
    measures: re.Pattern[str]
    follow_up: re.Pattern[str]
    no_fee: re.Pattern[str]
    unpaid: re.Pattern[str]
    proposals: re.Pattern[str]


@functools.cache
def _load() -> _Content:
    data: dict[str, Any] = tomllib.loads(
        resources.files(__package__).joinpath("content.toml").read_text("utf-8")
    )

    def topics(key: str) -> tuple[Topic, ...]:
        return tuple(Topic(t["id"], t["topic"], re.compile(t["regex"])) for t in data[key])

    return _Content(
        min_chars=int(data["min_chars"]),
        overview=topics("overview_topics"),
        assessment=topics("assessment"),
        problems=re.compile(data["problems"]["problems"]),
        measures=re.compile(data["problems"]["measures"]),
        follow_up=re.compile(data["problems"]["follow_up"]),
        no_fee=re.compile(data["other"]["no_fee"]),
        unpaid=re.compile(data["other"]["unpaid"]),
        proposals=re.compile(data["other"]["proposals"]),
    )


def overview_topics() -> tuple[Topic, ...]:
    """The five topics section 一 covers under the 2021 notice."""
    return _load().overview


def _flat(text: str | None) -> str:
    return "".join(text.split()) if text else ""


def _prose(report: Report) -> str:
    parts = [report.preamble, report.active_text, report.applications_text]
    parts += [report.review_litigation_text]
    for n in (report.overview, report.problems, report.other):
        if n is not None:
            parts.append(n.text)
    return _flat("\n".join(parts))


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
    overview = _flat(report.overview.text) if report.overview is not None else ""
    if recent and len(overview) >= data.min_chars:
        for t in data.overview:
            if not t.regex.search(overview):
                yield finding("overview.topic-missing", "overview", topic=t.topic)
    prose = _prose(report)
    if report.organ.kind in _GOVERNMENTS and len(prose) >= data.min_chars:
        missing = [t.topic for t in data.assessment if not t.regex.search(prose)]
        if missing:
            yield finding("overview.assessment-missing", "overview", items="、".join(missing))
    problems = _flat(report.problems.text) if report.problems is not None else ""
    if len(problems) >= data.min_chars:
        if not data.problems.search(problems):
            yield finding("problems.part-missing", "problems", part="存在的问题")
        if not data.measures.search(problems):
            yield finding("problems.part-missing", "problems", part="改进措施")
    if report.other is not None:
        other = _flat(report.other.text)
        yield from _fees(report, other, data)
        if (
            recent
            and report.organ.kind is OrganKind.GOVERNMENT
            and len(prose) >= data.min_chars
            and not data.proposals.search(prose)
        ):
            yield finding("other.proposals-missing", "other")


def _fees(report: Report, other: str, data: _Content) -> Iterator[Finding]:
    t = report.applications
    if t is None or "other.unpaid_fee" not in t.spec.row_ids:
        return
    unpaid = t["other.unpaid_fee", "total"]
    if not (is_number(unpaid) and unpaid > 0):
        return
    states_fee = "处理费" in other or "收费" in other
    if (not states_fee or data.no_fee.search(other)) and not data.unpaid.search(other):
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
    if "".join(report.organ.name.split()) != "".join(previous.organ.name.split()):
        return
    text = _flat(report.problems.text)
    data = _load()
    if len(text) >= data.min_chars and not data.follow_up.search(text):
        yield finding(
            "series.problems-not-followed-up", "problems", previous_year=str(previous.year)
        )
