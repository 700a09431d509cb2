"""The shortcuts of the table checks give what the long way gives.

``arithmetic`` decides in C loops whether a table holds only plain ``int`` cells
(``marshal``) or only whole non-negative counts (an unsigned ``array``), and checks each
identity of section 三 for every column or row at once before it looks for the ones
that fail. Each is compared here with the plain computation: the type test written the
obvious way, and the general per-cell path of the checks (taken when the fast tests say
no). ``finding`` sets a finding's fields itself instead of calling its constructor:
it is compared with the constructor.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import IntEnum
from itertools import chain
from unittest import mock

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.checks import arithmetic
from govdisclosure.checks import report as report_checks
from govdisclosure.checks.registry import CODES, finding
from govdisclosure.model import (
    BLANK,
    CellValue,
    NotApplicable,
    Param,
    Severity,
    Source,
    Text,
    is_number,
)
from govdisclosure.template import Edition, template


class _Level(IntEnum):
    """An ``int`` subclass: a number, but not a plain ``int``."""

    ONE = 1


VALUES = st.one_of(
    st.integers(-3, 40),
    st.integers(2**63 - 2, 2**64 + 2),
    st.integers(-(2**70), 2**70),
    st.sampled_from(
        [
            BLANK,
            NotApplicable("/"),
            Text("若干"),
            Decimal("1.5"),
            Decimal("2"),
            Decimal("-0"),
            Decimal("-1"),
            _Level.ONE,
        ]
    ),
)


@given(st.lists(st.lists(VALUES, min_size=1, max_size=8), max_size=6))
@example([[_Level.ONE, 0]])
@example([[0, 1], [Decimal(2), 3]])
def test_all_ints_is_the_type_test(rows: list[list[CellValue]]) -> None:
    """(A table never holds a ``bool``: its validator refuses one.)"""
    cells = tuple(tuple(r) for r in rows)
    assert arithmetic._all_ints(cells) == (set(map(type, chain.from_iterable(cells))) <= {int})


@given(st.lists(st.lists(VALUES, min_size=1, max_size=8), max_size=6))
def test_all_counts_is_the_plain_test(rows: list[list[CellValue]]) -> None:
    cells = tuple(tuple(r) for r in rows)
    plain = all(
        is_number(v) and not isinstance(v, Decimal) and 0 <= v < 2**64
        for v in chain.from_iterable(cells)
    )
    assert arithmetic._all_counts(cells) == plain


def _general(check: object, report: gd.Report) -> list[gd.Finding]:
    """The findings of ``check`` by its general per-cell path."""
    with (
        mock.patch.object(arithmetic, "_all_ints", return_value=False),
        mock.patch.object(arithmetic, "_all_counts", return_value=False),
    ):
        return list(check(report))  # type: ignore[operator]


@st.composite
def _consistent(draw: st.DrawFn, edition: Edition) -> list[list[int]]:
    """Section 三's cells as ints, every identity holding."""
    spec = template(edition).table("applications")
    rows = {r: i for i, r in enumerate(spec.row_ids)}
    total_col = spec.column_index("total")
    cells = [[0] * len(spec.columns) for _ in spec.rows]
    for j in range(len(spec.columns)):
        if j == total_col:
            continue
        n = len(spec.outcome_row_ids)
        outcomes = draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
        for r, v in zip(spec.outcome_row_ids, outcomes, strict=True):
            cells[rows[r]][j] = v
        total = sum(cells[rows[r]][j] for r in spec.outcome_row_ids)
        forward, carried = draw(st.integers(0, 3)), draw(st.integers(0, 3))
        cells[rows["total"]][j] = total
        cells[rows["carried_forward"]][j] = forward
        cells[rows["carried_over"]][j] = carried
        cells[rows["new_received"]][j] = total + forward - carried
    for row in cells:
        row[total_col] = sum(row) - row[total_col]
    return cells


@st.composite
def int_reports(draw: st.DrawFn) -> gd.Report:
    """A report whose section 三 and 四 tables hold ints, the identities holding but
    for a few cells changed."""
    edition = draw(st.sampled_from([Edition.V2019, Edition.V2021]))
    cells = draw(_consistent(edition))
    for _ in range(draw(st.integers(0, 3))):
        row = draw(st.integers(0, len(cells) - 1))
        column = draw(st.integers(0, len(cells[0]) - 1))
        cells[row][column] += draw(st.sampled_from([-2, -1, 1, 5]))
    spec = template(edition).table("review_litigation")
    review = []
    for _ in spec.rows:
        n = len(spec.columns) - 1
        values = draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
        review.append([*values, sum(values) + draw(st.sampled_from([0, 0, 0, 1, -1]))])
    report = gd.build_report(organ="某县某局", year=2020 if edition is Edition.V2019 else 2024)
    return attrs.evolve(
        report,
        applications=gd.Table("applications", edition, cells),
        review_litigation=gd.Table("review_litigation", edition, review),
    )


@given(int_reports())
def test_identities_of_ints_are_the_general_path(report: gd.Report) -> None:
    for check in (arithmetic.applications_identities, arithmetic.review_identities):
        assert list(check(report)) == _general(check, report)


@given(int_reports(), st.data())
def test_cell_values_of_counts_are_the_general_path(report: gd.Report, data: st.DataObject) -> None:
    table = data.draw(st.sampled_from(report.tables))
    row, column, _ = data.draw(st.sampled_from(list(table.items())))
    value = data.draw(VALUES.filter(lambda v: not isinstance(v, _Level)))
    changed = table.with_cell(row, column, value)
    tables = {t.id: (changed if t.id == table.id else t) for t in report.tables}
    report = attrs.evolve(
        report,
        active=tuple(tables[t.id] for t in report.active),
        applications=tables.get("applications"),
        review_litigation=tables.get("review_litigation"),
    )
    assert list(arithmetic.cell_values(report)) == _general(arithmetic.cell_values, report)


@given(st.text(alphabet="处理收费信息未取。 \n", max_size=30))
@example("费")
@example("理费")
@example("收费")
@example("处理费")
@example("费处理")
def test_mentions_fee_is_the_pattern(text: str) -> None:
    fee = re.search("信息处理费|处理费|收费", text)
    assert report_checks._mentions_fee(text) == (fee is not None)


def test_finding_fields_are_those_trusted_finding_sets() -> None:
    assert [f.name for f in attrs.fields(gd.Finding)] == [
        "code",
        "severity",
        "path",
        "source",
        "expected",
        "actual",
        "difference",
        "expression",
        "params",
    ], "Finding changed: review model.findings.trusted_finding, which sets these fields"


_NUMBERS = st.one_of(
    st.none(), st.integers(-5, 5), st.decimals(allow_nan=False, allow_infinity=False, places=1)
)
_FINDING_ARGUMENTS = {"code", "path", "source", "expected", "actual", "difference"}
_FINDING_ARGUMENTS |= {"expression", "severity"}


@given(
    st.sampled_from(sorted(CODES)),
    st.one_of(st.none(), st.sampled_from(list(Severity))),
    st.text(max_size=4),
    st.one_of(st.none(), st.builds(Source, line=st.integers(1, 9), column=st.integers(1, 9))),
    _NUMBERS,
    _NUMBERS,
    _NUMBERS,
    st.text(max_size=4),
    st.dictionaries(
        st.text("abcxyz_", min_size=1, max_size=4).filter(lambda k: k not in _FINDING_ARGUMENTS),
        st.one_of(st.text(max_size=3), st.integers(-3, 3), st.sampled_from([Decimal("1.5")])),
        max_size=4,
    ),
)
@example("overview.topic-missing", None, "overview", None, None, None, None, "", {"b": 1, "a": "x"})
def test_finding_is_the_one_the_constructor_makes(
    code: str,
    severity: Severity | None,
    path: str,
    source: Source | None,
    expected: int | Decimal | None,
    actual: int | Decimal | None,
    difference: int | Decimal | None,
    expression: str,
    params: dict[str, Param],
) -> None:
    """``finding`` sets the fields itself (``trusted_finding``), params sorted by name."""
    made = finding(
        code,
        path,
        source=source,
        expected=expected,
        actual=actual,
        difference=difference,
        expression=expression,
        severity=severity,
        **params,
    )
    plain = gd.Finding(
        code=code,
        severity=severity or CODES[code].severity,
        path=path,
        source=source,
        expected=expected,
        actual=actual,
        difference=difference,
        expression=expression,
        params=params,
    )
    assert made == plain
    assert repr(made) == repr(plain)
    assert hash(made) == hash(plain)
