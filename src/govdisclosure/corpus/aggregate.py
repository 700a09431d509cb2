"""Aggregation: the tables of many reports summed into one report-shaped total.

The arithmetic is blank-aware, cell by cell, over the same cell of every report:

- numbers add up exactly (counts as ``int``; amounts as ``Decimal``, never float);
- with ``missing="blank"`` (the default) any operand that is not a number makes the
  result :data:`~govdisclosure.BLANK` (an unknown part makes the total unknown), except
  that a cell marked not applicable in *every* report stays
  :class:`~govdisclosure.NotApplicable`;
- with ``missing="zero"`` blank and not-applicable operands count as 0; a
  :class:`~govdisclosure.Text` operand (something unreadable) still makes the result
  blank, because nothing can be said about its value;
- a table missing from a report counts as a table of blank cells.

Since every identity of the format is linear, the aggregate of valid reports is valid.

>>> import govdisclosure as gd
>>> a = gd.build_report(organ="甲局", year=2024, review_litigation={"review": {"upheld": 1}})
>>> b = gd.build_report(organ="乙局", year=2024, review_litigation={"review": {"corrected": 2}})
>>> total = gd.aggregate([a, b], organ="某县各部门合计")
>>> total.cell("review_litigation.review.total"), total.year
(3, 2024)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Literal

from govdisclosure.errors import GovDisclosureError
from govdisclosure.model import (
    BLANK,
    CellValue,
    Narrative,
    NotApplicable,
    Organ,
    Report,
    Table,
    is_number,
)
from govdisclosure.template import Edition, template

__all__ = ["AggregationError", "aggregate"]


class AggregationError(GovDisclosureError, ValueError):
    """The reports cannot be summed: none given, or mixed editions or years."""


def _add(values: Sequence[CellValue], missing: Literal["blank", "zero"]) -> CellValue:
    if all(isinstance(v, NotApplicable) for v in values):
        return NotApplicable("/") if missing == "blank" else 0
    total: int | Decimal = 0
    for v in values:
        if is_number(v):
            total = total + v
        elif missing == "zero" and (v is BLANK or isinstance(v, NotApplicable)):
            continue
        else:
            return BLANK
    return total


def _sum_tables(
    table_id: str,
    edition: Edition,
    tables: Sequence[Table | None],
    missing: Literal["blank", "zero"],
) -> Table:
    spec = template(edition).table(table_id)
    blank = Table.blank(table_id, edition)
    present = [t if t is not None else blank for t in tables]
    cells = []
    for i in range(len(spec.rows)):
        out_row: list[CellValue] = []
        for j, column in enumerate(spec.columns):
            value = _add([t.cells[i][j] for t in present], missing)
            if column.unit is not None and isinstance(value, int):
                value = Decimal(value)
            out_row.append(value)
        cells.append(tuple(out_row))
    return Table(table_id, edition, tuple(cells))


def _joined(reports: Sequence[Report], section: str) -> Narrative:
    parts = []
    for r in reports:
        n = r.narrative(section)
        if n is not None and not n.is_empty:
            parts.append(f"【{r.organ.name}】\n{n.text.strip()}")
    return Narrative("\n".join(parts))


def aggregate(
    reports: Iterable[Report],
    *,
    organ: str | Organ,
    year: int | None = None,
    missing: Literal["blank", "zero"] = "blank",
) -> Report:
    """Sum the tables of ``reports`` (one edition, one year) into one report.

    ``organ`` names the total (for instance "某县各部门合计"); ``year`` defaults to the
    reports' common year and, when given, must equal it. ``missing`` chooses how blank
    and not-applicable cells count (see the module documentation). The prose sections of
    the total gather each report's text under its organ's name; the publication date is
    left unset.

    Raises :class:`AggregationError` when no report is given, or when the reports mix
    editions or years.
    """
    rs = tuple(reports)
    if not rs:
        raise AggregationError("nothing to aggregate: no reports given")
    if missing not in {"blank", "zero"}:
        msg = f"missing must be 'blank' or 'zero', not {missing!r}"
        raise AggregationError(msg)
    editions = {e for r in rs for e in r.editions}
    if len(editions) > 1:
        msg = (
            "cannot aggregate reports of different editions: "
            + ", ".join(sorted(e.value for e in editions))
            + " (to_records(report, harmonised=True) gives figures comparable across editions)"
        )
        raise AggregationError(msg)
    years = {r.year for r in rs}
    if len(years) > 1:
        msg = "cannot aggregate reports of different years: " + ", ".join(
            sorted(str(y) for y in years)
        )
        raise AggregationError(msg)
    (common,) = years
    if year is not None and common is not None and year != common:
        msg = f"the reports are for {common}, not for {year}"
        raise AggregationError(msg)
    year = year if year is not None else common
    if not editions:
        edition = None
    else:
        (edition,) = editions
    active: list[Table] = []
    applications = review = None
    if edition is not None:
        tpl = template(edition)
        for spec in tpl.active_tables:
            if any(r.table(spec.id) is not None for r in rs):
                active.append(
                    _sum_tables(spec.id, edition, [r.table(spec.id) for r in rs], missing)
                )
        if any(r.applications is not None for r in rs):
            applications = _sum_tables(
                "applications", edition, [r.applications for r in rs], missing
            )
        if any(r.review_litigation is not None for r in rs):
            review = _sum_tables(
                "review_litigation", edition, [r.review_litigation for r in rs], missing
            )
    return Report(
        organ=organ if isinstance(organ, Organ) else Organ(organ),
        year=year,
        overview=_joined(rs, "overview"),
        active=tuple(active),
        applications=applications,
        review_litigation=review,
        problems=_joined(rs, "problems"),
        other=_joined(rs, "other"),
    )
