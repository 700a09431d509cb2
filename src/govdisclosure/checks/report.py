"""Checks of the report as a whole: structure, required content, publication date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from govdisclosure.checks import codes as _codes  # noqa: F401 - defines the codes used here
from govdisclosure.checks.registry import finding, register
from govdisclosure.model import Finding, OrganKind, Report
from govdisclosure.template import edition_for_year, template

FIRST_YEAR = 2019
"""The first report year of the formats (the 2019 trial format)."""
LAST_YEAR = 2100
"""Years after this are taken for misreadings, not reports."""


def _mentions_fee(text: str) -> bool:
    """Whether ``text`` holds 信息处理费, 处理费 or 收费: every one ends in 费, so that
    only the places of 费 are read (one character is found much faster than a word in a
    long section)."""
    k = text.find("费")
    while k >= 0:
        if text[max(k - 2, 0) : k] == "处理" or text[max(k - 1, 0) : k] == "收":
            return True
        k = text.find("费", k + 1)
    return False


def _pictured(report: Report, section: str) -> bool:
    """Whether the section's table was read as a picture (``parse.table-image``): the
    section is there, without its table. (Asked only of a section without its table.)"""
    return any(f.code == "parse.table-image" and f.path == section for f in report.findings)


@register(
    "structure.missing-section",
    "structure.missing-table",
    "structure.edition-mismatch",
    "structure.mixed-editions",
    "structure.missing-year",
    "structure.year-out-of-range",
    "structure.missing-organ",
)
def structure(report: Report) -> Iterator[Finding]:
    """The six sections, the tables of the edition, the year and the organ."""
    if not report.organ.name.strip():
        yield finding("structure.missing-organ", "organ")
    if report.year is None:
        yield finding("structure.missing-year", "year")
    elif not FIRST_YEAR <= report.year <= LAST_YEAR:
        yield finding("structure.year-out-of-range", "year", year=report.year)
    for section in ("overview", "problems", "other"):
        if getattr(report, section) is None:
            yield finding("structure.missing-section", section, heading=section)
    if not report.active:
        # (a section 二 of text alone, 见附件, is taken as written)
        if _pictured(report, "active"):
            yield finding("structure.missing-table", "active", table="active")
        elif not report.active_text.strip():
            yield finding("structure.missing-section", "active", heading="active")
    elif report.active:
        tpl = template(report.active[0].edition)
        present = {t.id for t in report.active}
        for spec in tpl.active_tables:
            if spec.id not in present:
                yield finding("structure.missing-table", spec.id, table=spec.id)
    for section, table in (
        ("applications", report.applications),
        ("review_litigation", report.review_litigation),
    ):
        if table is None:
            text = getattr(report, f"{section}_text")
            if text.strip() or _pictured(report, section):
                yield finding("structure.missing-table", section, table=section)
            else:
                yield finding("structure.missing-section", section, heading=section)
    if report.year is not None and FIRST_YEAR <= report.year <= LAST_YEAR:
        expected = edition_for_year(report.year)
        for t in report.tables:
            if t.edition is not expected:
                yield finding(
                    "structure.edition-mismatch",
                    t.id,
                    table=t.id,
                    table_edition=t.edition.value,
                    expected_edition=expected.value,
                    year=report.year,
                )
    if len(report.editions) > 1:
        yield finding("structure.mixed-editions", "")


@register("overview.empty", "problems.empty", "other.fee-statement-missing")
def required_content(report: Report) -> Iterator[Finding]:
    """Sections 一 and 五 are not empty; section 六 speaks of 信息处理费."""
    if report.overview is not None and report.overview.is_empty:
        yield finding("overview.empty", "overview")
    if report.problems is not None and report.problems.is_empty:
        yield finding("problems.empty", "problems")
    if report.other is not None and not _mentions_fee(report.other.text):
        yield finding("other.fee-statement-missing", "other")


def deadline(kind: OrganKind, year: int) -> date | None:
    """The statutory publication deadline of 条例第四十九条, or ``None`` where it sets none.

    >>> deadline(OrganKind.DEPARTMENT, 2024), deadline(OrganKind.GOVERNMENT, 2024)
    (datetime.date(2025, 1, 31), datetime.date(2025, 3, 31))
    >>> deadline(OrganKind.TOWNSHIP, 2024) is None
    True
    """
    if kind is OrganKind.DEPARTMENT:
        return date(year + 1, 1, 31)
    if kind is OrganKind.GOVERNMENT:
        return date(year + 1, 3, 31)
    return None


@register(
    "publication.late",
    "publication.after-january",
    "publication.missing-date",
    "publication.premature",
)
def publication(report: Report) -> Iterator[Finding]:
    """The publication date against 条例第四十九条."""
    if report.published is None:
        yield finding("publication.missing-date", "published")
        return
    if report.year is None or not FIRST_YEAR <= report.year <= LAST_YEAR:
        return  # no deadline for a year the formats do not cover (or no calendar has)
    published = report.published.isoformat()
    if report.published <= date(report.year, 12, 31):
        yield finding("publication.premature", "published", published=published, year=report.year)
        return
    kind = report.organ.kind
    limit = deadline(kind, report.year)
    if limit is not None:
        if report.published > limit:
            late = (report.published - limit).days
            yield finding(
                "publication.late",
                "published",
                expected=0,
                actual=late,
                difference=late,
                published=published,
                deadline=limit.isoformat(),
                kind=kind.value,
            )
    elif report.published > date(report.year + 1, 1, 31):
        yield finding(
            "publication.after-january", "published", published=published, kind=kind.value
        )
