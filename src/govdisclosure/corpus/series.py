"""Series: one organ's reports ordered by year, and the checks across them.

>>> import govdisclosure as gd
>>> a = gd.build_report(organ="某县某局", year=2023,
...     applications={"new_received": {"natural_person": 3}, "granted": {"natural_person": 2},
...                   "carried_forward": {"natural_person": 1}})
>>> b = gd.build_report(organ="某县 某局", year=2024,
...     applications={"carried_over": {"natural_person": 0}, "granted": {"natural_person": 0}})
>>> [s] = gd.series([b, a])
>>> s.organ, s.years
('某县某局', (2023, 2024))
>>> [(f.code, f.path) for _, fs in gd.check_series(s) for f in fs]
[('series.carry-over', 'applications.carried_over.natural_person'), ('series.carry-over', 'applications.carried_over.total')]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import TypeAlias, TypeVar

import attrs

from govdisclosure.checks import SERIES_CHECKS, finding
from govdisclosure.model import Finding, Report

__all__ = ["Series", "SeriesFindings", "check_series", "normalize_organ", "organ_key", "series"]

SeriesFindings: TypeAlias = tuple[tuple[Report, tuple[Finding, ...]], ...]
"""Each report of a series with its cross-year findings, in the series' order."""


def normalize_organ(name: str) -> str:
    """The organ name used to group reports: NFKC-folded, without any whitespace.

    >>> normalize_organ(" 河曲县 巡镇镇人民政府（\\u3000）")
    '河曲县巡镇镇人民政府()'
    """
    return "".join(unicodedata.normalize("NFKC", name).split())


def _year_key(report: Report) -> tuple[bool, int]:
    return (report.year is None, report.year or 0)


def _sorted(reports: Iterable[Report]) -> tuple[Report, ...]:
    return tuple(sorted(reports, key=_year_key))


@attrs.frozen
class Series:
    """One organ's reports in year order (reports without a year last).

    Iterating yields the reports; :meth:`pairs` yields each report with the one before
    it. Every report given is kept, two of the same year too (two copies of one report,
    or a corrected one), in the order given: the first is the year's report, the others
    are :attr:`duplicates`. A duplicate is compared with the year before like the first,
    but never with its twin, and the year after is compared with the first only.
    """

    organ: str
    """The organ's grouping key, by default its normalised name (see
    :func:`~govdisclosure.corpus.series.normalize_organ`)."""
    reports: tuple[Report, ...] = attrs.field(converter=_sorted)

    @property
    def years(self) -> tuple[int | None, ...]:
        """The report years, in order (a year twice when a report of it is duplicated)."""
        return tuple(r.year for r in self.reports)

    @property
    def duplicates(self) -> tuple[Report, ...]:
        """The reports of a year that an earlier report of the series already has."""
        return tuple(r for _, r, duplicate in self._walk() if duplicate)

    def pairs(self) -> Iterator[tuple[Report, Report]]:
        """Each report with the report before it, as ``(previous, report)``.

        The report before is the first report of the nearest earlier year (or the report
        without a year just before): two reports of one year are never paired, and a
        report of the first year has none.
        """
        for previous, report, _ in self._walk():
            if previous is not None:
                yield previous, report

    def _walk(self) -> Iterator[tuple[Report | None, Report, bool]]:
        """Each report with the report before it (if any) and whether it is a duplicate."""
        previous: Report | None = None
        first: Report | None = None  # the first report of the current year
        for report in self.reports:
            duplicate = first is not None and report.year is not None and report.year == first.year
            if not duplicate:
                previous, first = first, report
            yield previous, report, duplicate

    def __iter__(self) -> Iterator[Report]:
        return iter(self.reports)

    def __len__(self) -> int:
        return len(self.reports)


_T = TypeVar("_T")


def organ_key(report: Report) -> str:
    """The default grouping key of :func:`series`: the normalised organ name."""
    return normalize_organ(report.organ.name)


_PLACE_END = re.compile(r"省|自治区|市|州|盟|地区")


def _unqualified(name: str) -> list[str]:
    """The name without each leading run of higher-level places (淮安市…, 江苏省淮安市…)."""
    return [name[m.end() :] for m in _PLACE_END.finditer(name) if name[m.end() :]]


def _join_qualified(groups: dict[str, list[_T]]) -> dict[str, list[_T]]:
    """Join a name with the same name qualified by its parent place, when unambiguous.

    "洪泽区人民政府" joins "淮安市洪泽区人民政府"; "市场监督管理局" joins no one when both
    "南京市市场监督管理局" and "淮安市市场监督管理局" are present.
    """
    longer: dict[str, list[str]] = {}
    for name in groups:
        for short in _unqualified(name):
            if short in groups:
                longer.setdefault(short, []).append(name)
    joined = {k: list(v) for k, v in groups.items()}
    for short, names in sorted(longer.items(), key=lambda kv: -len(kv[0])):
        if len(names) == 1 and short in joined and names[0] in joined:
            joined[names[0]].extend(joined.pop(short))
    return joined


def series(
    reports: Iterable[Report], *, key: Callable[[Report], str] | None = None
) -> list[Series]:
    """Group ``reports`` by organ and order each group by year.

    ``key`` gives the organ a report belongs to. By default it is the normalised name
    (:func:`~govdisclosure.corpus.series.normalize_organ`), and a name is joined with the same name qualified by its
    parent place when exactly one such name is present: organs print their names both
    ways from year to year ("洪泽区人民政府" in 2023, "淮安市洪泽区人民政府" in 2024); the
    group takes the qualified name. Pass your own ``key`` (a table of aliases, say) to
    group otherwise; it is used as given. The groups come sorted by key.

    >>> import govdisclosure as gd
    >>> a = gd.build_report(organ="洪泽区人民政府", year=2023)
    >>> b = gd.build_report(organ="淮安市洪泽区人民政府", year=2024)
    >>> [(s.organ, s.years) for s in gd.series([a, b])]
    [('淮安市洪泽区人民政府', (2023, 2024))]
    >>> len(gd.series([a, b], key=lambda r: r.organ.name))
    2
    """
    # each report with its place in the input: a group joined from two names keeps the
    # order the reports were given in (the first of a year is that year's report)
    groups: dict[str, list[tuple[int, Report]]] = {}
    for i, r in enumerate(reports):
        groups.setdefault((key or organ_key)(r), []).append((i, r))
    if key is None:
        groups = _join_qualified(groups)
    return [
        Series(organ, tuple(r for _, r in sorted(given, key=lambda ir: ir[0])))
        for organ, given in sorted(groups.items())
    ]


def check_series(s: Series | Iterable[Report]) -> SeriesFindings:
    """The cross-year findings of each report of a series against the report before it.

    Runs every registered cross-year check (the ones :func:`govdisclosure.check` runs
    with ``previous=``): carry-over (上年结转 = last year's 结转下年度继续办理), the
    roll-forward of section 二, tables identical to last year's, and prose sections that
    are near-duplicates of last year's (``series.similar-narrative``). The single-report
    checks are not repeated here; use :func:`govdisclosure.check` for those.

    ``s`` is a :class:`Series` or any reports of one organ (ordered by year here). The
    result pairs each report with its findings; a report of the first year has none.
    A further report of a year already in the series (:attr:`Series.duplicates`) is
    checked against the year before all the same, and its findings end with
    ``series.duplicate-year``.

    >>> import govdisclosure as gd
    >>> a = gd.build_report(organ="某县某局", year=2024)
    >>> [(r.year, [f.code for f in fs]) for r, fs in gd.check_series([a, a])]
    [(2024, []), (2024, ['series.duplicate-year'])]
    """
    if isinstance(s, Series):
        ordered = s
    else:
        reports = tuple(s)
        organ = normalize_organ(reports[0].organ.name) if reports else ""
        ordered = Series(organ, reports)
    out: list[tuple[Report, tuple[Finding, ...]]] = []
    for previous, report, duplicate in ordered._walk():
        found: list[Finding] = []
        if previous is not None:
            for c in SERIES_CHECKS:
                found.extend(c.func(report, previous))
        if duplicate and report.year is not None:
            found.append(
                finding(
                    "series.duplicate-year",
                    "year",
                    year=str(report.year),
                    next_year=str(report.year + 1),
                )
            )
        out.append((report, tuple(found)))
    return tuple(out)
