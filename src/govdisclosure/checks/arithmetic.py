"""Checks of the tables: the identities of sections 三 and 四, section 二's rules, and cells."""

from __future__ import annotations

import functools
import marshal
from array import array
from collections.abc import Iterator, Sequence
from decimal import Decimal
from itertools import chain, compress
from operator import add, itemgetter, ne, or_
from typing import Any, TypeAlias, TypeGuard, cast

import attrs

from govdisclosure.checks import codes as _codes  # noqa: F401 - defines the codes used here
from govdisclosure.checks.registry import finding, register
from govdisclosure.model import (
    BLANK,
    CellValue,
    Finding,
    NotApplicable,
    Report,
    Table,
    Text,
    is_number,
)
from govdisclosure.template import ColumnKind, TableSpec


@functools.cache
def _outcome_rows(spec: TableSpec) -> tuple[int, ...]:
    return tuple(spec.row_index(r) for r in spec.outcome_row_ids)


_Ints: TypeAlias = tuple[tuple[int, ...], ...]


def _all_ints(cells: tuple[tuple[CellValue, ...], ...]) -> TypeGuard[_Ints]:
    """Whether every cell is a plain ``int`` (the common case: a fast path applies).

    ``set(map(type, cells)) <= {int}``, in one C loop: ``marshal`` writes tuples and
    ints of exactly those types and refuses anything else (``Decimal``, ``BLANK``, an
    ``int`` subclass) with ``ValueError``. ``bool`` would pass, but a table never holds
    one.
    """
    try:
        marshal.dumps(cast(Any, cells), 2)  # version 2: no reference table to keep
    except ValueError:
        return False
    return True


def _all_counts(cells: tuple[tuple[CellValue, ...], ...]) -> bool:
    """Whether every cell is a whole, non-negative number below 2**64 held as an
    ``int`` (the common case: nothing to say about any cell).

    ``all(is_number(v) and not isinstance(v, Decimal) and v >= 0 for v in cells)``, in
    one C loop: an unsigned array takes ints (and their subclasses) in that range and
    refuses a negative or too large one (``OverflowError``) and anything without
    ``__index__`` (``Decimal``, ``BLANK``, ``Text``: ``TypeError``). ``bool`` would pass,
    but a table never holds one.
    """
    try:
        array("Q", cast(Any, chain.from_iterable(cells)))
    except (TypeError, OverflowError):
        return False
    return True


@attrs.frozen
class _ApplicationsPlan:
    """Section 三's identities for one layout, worked out once (indices, paths, wording)."""

    new: int
    carried: int
    total: int
    forward: int
    total_col: int
    outcomes: tuple[int, ...]
    applicants: tuple[int, ...]
    columns: tuple[str, ...]
    rows: tuple[str, ...]
    outcome_expr: str
    applicant_expr: str


@functools.cache
def _applications_plan(spec: TableSpec) -> _ApplicationsPlan:
    new, carried, total, forward = (
        spec.row_index(r) for r in ("new_received", "carried_over", "total", "carried_forward")
    )
    outcomes = _outcome_rows(spec)
    total_col = spec.column_index("total")
    applicants = tuple(spec.column_index(c) for c in spec.part_column_ids)
    return _ApplicationsPlan(
        new=new,
        carried=carried,
        total=total,
        forward=forward,
        total_col=total_col,
        outcomes=outcomes,
        applicants=applicants,
        columns=spec.column_ids,
        rows=spec.row_ids,
        outcome_expr=" + ".join(spec.rows[i].id for i in outcomes),
        applicant_expr=" + ".join(spec.columns[j].id for j in applicants),
    )


_BALANCE_EXPR = "new_received + carried_over = total + carried_forward"
_GROUP_EXPR = "total = upheld + corrected + other + pending"


def _applications_ints(spec: TableSpec, cells: _Ints) -> Iterator[Finding]:
    """The identities of section 三 when every cell is an ``int``: same findings, same
    order as the general path, without its per-cell type checks.

    Each identity is worked out for every column (or row) at once, in C loops; only the
    columns (rows) where one fails are then visited, in order.
    """
    p = _applications_plan(spec)
    new, carried, total, forward = cells[p.new], cells[p.carried], cells[p.total], cells[p.forward]
    outcome_totals = list(map(sum, zip(*[cells[i] for i in p.outcomes], strict=True)))
    received = list(map(add, new, carried))
    handled = list(map(add, total, forward))
    stated = list(total)
    if received != handled or outcome_totals != stated:
        failing = map(or_, map(ne, received, handled), map(ne, outcome_totals, stated))
        for j in compress(range(len(p.columns)), failing):
            column = p.columns[j]
            expected, actual = received[j], handled[j]
            if actual != expected:
                yield finding(
                    "applications.balance",
                    f"applications.*.{column}",
                    expected=expected,
                    actual=actual,
                    difference=actual - expected,
                    expression=_BALANCE_EXPR,
                )
            actual, expected = stated[j], outcome_totals[j]
            if actual != expected:
                yield finding(
                    "applications.outcome-total",
                    f"applications.total.{column}",
                    expected=expected,
                    actual=actual,
                    difference=actual - expected,
                    expression=f"total = {p.outcome_expr}",
                )
    row_totals = list(map(itemgetter(p.total_col), cells))
    # a row's 总计 is the sum of the applicant columns, every column but itself: the
    # sum of the whole row is then twice the 总计
    sums = list(map(sum, cells))
    twice = list(map(add, row_totals, row_totals))
    if sums == twice:
        return
    for i in compress(range(len(cells)), map(ne, sums, twice)):
        actual = row_totals[i]
        expected = sums[i] - actual
        yield finding(
            "applications.row-total",
            f"applications.{p.rows[i]}.total",
            expected=expected,
            actual=actual,
            difference=actual - expected,
            expression=f"total = {p.applicant_expr}",
        )


def _sum_or_none(values: Sequence[CellValue]) -> int | Decimal | None:
    total: int | Decimal = 0
    for v in values:
        if not is_number(v):
            return None
        total += v
    return total


def _not_numbers(table: Table, pairs: Sequence[tuple[int, int]]) -> str:
    spec = table.spec
    return ",".join(
        f"{spec.id}.{spec.rows[i].id}.{spec.columns[j].id}"
        for i, j in pairs
        if not is_number(table.cells[i][j])
    )


def _identity(
    code: str,
    path: str,
    table: Table,
    stated: Sequence[tuple[int, int]],
    parts: Sequence[tuple[int, int]],
    expression: str,
) -> Finding | None:
    """Compare the sum of the cells ``parts`` with the sum of the cells ``stated``."""
    cells = table.cells
    actual = _sum_or_none([cells[i][j] for i, j in stated])
    expected = _sum_or_none([cells[i][j] for i, j in parts])
    if actual is None or expected is None:
        return finding(
            f"{code}.not-assessable",
            path,
            expression=expression,
            operands=_not_numbers(table, [*parts, *stated]),
        )
    if actual != expected:
        return finding(
            code,
            path,
            expected=expected,
            actual=actual,
            difference=actual - expected,
            expression=expression,
        )
    return None


@register(
    "applications.balance",
    "applications.outcome-total",
    "applications.row-total",
    "applications.balance.not-assessable",
    "applications.outcome-total.not-assessable",
    "applications.row-total.not-assessable",
)
def applications_identities(report: Report) -> Iterator[Finding]:
    """Section 三: the column balance, the outcome total and the row totals."""
    t = report.applications
    if t is None:
        return
    cells = t.cells
    if _all_ints(cells):
        yield from _applications_ints(t.spec, cells)
        return
    spec = t.spec
    new, carried, total, forward = (
        spec.row_index(r) for r in ("new_received", "carried_over", "total", "carried_forward")
    )
    outcomes = _outcome_rows(spec)
    outcome_expr = " + ".join(spec.rows[i].id for i in outcomes)
    total_col = spec.column_index("total")
    for j, column in enumerate(spec.columns):
        f = _identity(
            "applications.balance",
            f"applications.*.{column.id}",
            t,
            [(total, j), (forward, j)],
            [(new, j), (carried, j)],
            "new_received + carried_over = total + carried_forward",
        )
        if f is not None:
            yield f
        f = _identity(
            "applications.outcome-total",
            f"applications.total.{column.id}",
            t,
            [(total, j)],
            [(i, j) for i in outcomes],
            f"total = {outcome_expr}",
        )
        if f is not None:
            yield f
    applicant_cols = [j for j in range(len(spec.columns)) if j != total_col]
    applicant_expr = " + ".join(spec.columns[j].id for j in applicant_cols)
    for i, row in enumerate(spec.rows):
        f = _identity(
            "applications.row-total",
            f"applications.{row.id}.total",
            t,
            [(i, total_col)],
            [(i, j) for j in applicant_cols],
            f"total = {applicant_expr}",
        )
        if f is not None:
            yield f


@register("review.group-total", "review.group-total.not-assessable")
def review_identities(report: Report) -> Iterator[Finding]:
    """Section 四: each group's 总计 is the sum of its four outcomes."""
    t = report.review_litigation
    if t is None:
        return
    spec = t.spec
    total_col = spec.column_index("total")
    cells = t.cells
    if _all_ints(cells):
        for row_id, values in zip(spec.row_ids, cells, strict=True):
            actual = values[total_col]
            expected = sum(values[:total_col])
            if actual != expected:
                yield finding(
                    "review.group-total",
                    f"review_litigation.{row_id}.total",
                    expected=expected,
                    actual=actual,
                    difference=actual - expected,
                    expression=_GROUP_EXPR,
                )
        return
    for i, row in enumerate(spec.rows):
        f = _identity(
            "review.group-total",
            f"review_litigation.{row.id}.total",
            t,
            [(i, total_col)],
            [(i, j) for j in range(total_col)],
            _GROUP_EXPR,
        )
        if f is not None:
            yield f


@register("active.items-negative", "active.published-total")
def active_rules(report: Report) -> Iterator[Finding]:
    """Section 二, 2019 edition: items never go negative; published in total ≥ published anew."""
    for t in report.active:
        spec = t.spec
        columns = spec.column_ids
        if "previous_items" in columns and "change" in columns:
            for row in spec.rows:
                previous, change = t[row.id, "previous_items"], t[row.id, "change"]
                if is_number(previous) and is_number(change) and previous + change < 0:
                    yield finding(
                        "active.items-negative",
                        f"{t.id}.{row.id}.change",
                        actual=previous + change,
                        expression="previous_items + change >= 0",
                        previous=previous,
                        change=change,
                    )
        if "total_published" in columns and "new_published" in columns:
            for row in spec.rows:
                total, new = t[row.id, "total_published"], t[row.id, "new_published"]
                if is_number(total) and is_number(new) and total < new:
                    yield finding(
                        "active.published-total",
                        f"{t.id}.{row.id}.total_published",
                        expected=new,
                        actual=total,
                        difference=total - new,
                        expression="total_published >= new_published",
                    )


def _is_total(spec: TableSpec, row_id: str, column_id: str) -> bool:
    if spec.id == "applications":
        return row_id == "total" or column_id == "total"
    return spec.id == "review_litigation" and column_id == "total"


@register("cell.negative", "cell.fraction", "cell.text", "cell.blank-total", "cell.not-applicable")
def cell_values(report: Report) -> Iterator[Finding]:
    """Every cell: counts whole and not negative, no text, totals filled in."""
    for t in report.tables:
        cells = t.cells
        if _all_counts(cells):
            continue  # whole, non-negative counts: nothing to say about any cell
        spec = t.spec
        for row, values in zip(spec.rows, t.cells, strict=True):
            for column, v in zip(spec.columns, values, strict=True):
                if is_number(v):
                    if v < 0 and column.kind is not ColumnKind.CHANGE:
                        yield finding("cell.negative", f"{t.id}.{row.id}.{column.id}", actual=v)
                    elif (
                        isinstance(v, Decimal)
                        and column.kind is not ColumnKind.AMOUNT
                        and v != v.to_integral_value()
                    ):
                        yield finding("cell.fraction", f"{t.id}.{row.id}.{column.id}", actual=v)
                elif v is BLANK:
                    if _is_total(spec, row.id, column.id):
                        yield finding("cell.blank-total", f"{t.id}.{row.id}.{column.id}")
                elif isinstance(v, Text):
                    yield finding("cell.text", f"{t.id}.{row.id}.{column.id}", text=v.text)
                elif isinstance(v, NotApplicable):
                    yield finding(
                        "cell.not-applicable", f"{t.id}.{row.id}.{column.id}", mark=v.mark
                    )
