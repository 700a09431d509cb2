"""Checks across years: a report against the same organ's report for the year before."""

from __future__ import annotations

from collections.abc import Iterator

from govdisclosure.checks import codes as _codes  # noqa: F401 - defines the codes used here
from govdisclosure.checks.registry import comparable, finding, register_series
from govdisclosure.model import Finding, Report, Table, is_number, same_organ


def _substantive(table: Table) -> bool:
    """Whether a table holds a non-zero figure (identical all-zero tables prove nothing)."""
    return any(is_number(v) and v != 0 for row in table.cells for v in row)


@register_series(
    "series.carry-over",
    "series.in-force",
    "series.items",
    "series.identical-table",
    "series.organ-mismatch",
    "series.not-consecutive",
    any_pair=True,
)
def year_over_year(report: Report, previous: Report) -> Iterator[Finding]:
    """Carry-over, roll-forward and copied tables against last year's report.

    A pair that is not :func:`~govdisclosure.checks.registry.comparable` gets one finding,
    ``series.organ-mismatch`` or ``series.not-consecutive``, and nothing else.
    """
    if not same_organ(report.organ.name, previous.organ.name):
        yield finding(
            "series.organ-mismatch",
            "organ",
            organ=report.organ.name,
            previous_organ=previous.organ.name,
        )
        return
    if not comparable(report, previous):
        yield finding(
            "series.not-consecutive",
            "year",
            previous_year=str(previous.year),
            expected_year=str(report.year - 1) if report.year is not None else "?",
        )
        return
    for t in report.tables:
        p = previous.table(t.id)
        if p is not None and p.edition is t.edition and p.cells == t.cells and _substantive(t):
            yield finding("series.identical-table", t.id, table=t.id)
    yield from _carry_over(report, previous)
    yield from _roll_forward(report, previous)


def _carry_over(report: Report, previous: Report) -> Iterator[Finding]:
    now, before = report.applications, previous.applications
    if now is None or before is None:
        return
    for column in now.spec.column_ids:
        actual, expected = now["carried_over", column], before["carried_forward", column]
        if is_number(actual) and is_number(expected) and actual != expected:
            yield finding(
                "series.carry-over",
                f"applications.carried_over.{column}",
                expected=expected,
                actual=actual,
                difference=actual - expected,
                expression="carried_over = previous.carried_forward",
            )


def _roll_forward(report: Report, previous: Report) -> Iterator[Finding]:
    now, before = report.table("active.art20_1"), previous.table("active.art20_1")
    if (
        now is not None
        and before is not None
        and now.edition is before.edition
        and "in_force" in now.spec.column_ids
    ):
        for row in now.spec.row_ids:
            actual, last = now[row, "in_force"], before[row, "in_force"]
            issued, repealed = now[row, "issued"], now[row, "repealed"]
            if not (is_number(actual) and is_number(last) and is_number(issued)):
                continue
            if not is_number(repealed):
                continue
            expected = last + issued - repealed
            if actual != expected:
                yield finding(
                    "series.in-force",
                    f"active.art20_1.{row}.in_force",
                    expected=expected,
                    actual=actual,
                    difference=actual - expected,
                    expression="in_force = previous.in_force + issued - repealed",
                    previous=last,
                    issued=issued,
                    repealed=repealed,
                )
    for t in report.active:
        p = previous.table(t.id)
        if p is None or p.edition is not t.edition or "change" not in t.spec.column_ids:
            continue
        for row in t.spec.row_ids:
            actual, last, change = (
                t[row, "previous_items"],
                p[row, "previous_items"],
                p[row, "change"],
            )
            if is_number(actual) and is_number(last) and is_number(change):
                expected = last + change
                if actual != expected:
                    yield finding(
                        "series.items",
                        f"{t.id}.{row}.previous_items",
                        expected=expected,
                        actual=actual,
                        difference=actual - expected,
                        expression="previous_items = previous.previous_items + previous.change",
                    )
