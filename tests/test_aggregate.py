"""Aggregation: blank-aware sums of many reports of one edition and year."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.model import is_number
from govdisclosure.strategies import valid_reports
from govdisclosure.template import Edition


@st.composite
def same_year_reports(draw: st.DrawFn) -> list[gd.Report]:
    edition = draw(st.sampled_from(list(Edition)))
    reports = draw(st.lists(valid_reports(edition, mixed=False), min_size=1, max_size=3))
    year = reports[0].year
    return [attrs.evolve(r, year=year) for r in reports]


@given(same_year_reports())
def test_aggregate_of_valid_reports_is_valid(reports: list[gd.Report]) -> None:
    total = gd.aggregate(reports, organ="某县各部门合计")
    assert gd.is_valid(total), [f.code for f in gd.check(total) if f.severity == "error"]


@given(same_year_reports())
def test_every_cell_is_the_sum_of_the_parts(reports: list[gd.Report]) -> None:
    total = gd.aggregate(reports, organ="合计")
    assert total.year == reports[0].year
    assert total.editions == reports[0].editions
    for t in total.tables:
        for row, column, value in t.items():
            parts = [r.table(t.id)[row, column] for r in reports]  # type: ignore[index]
            assert all(is_number(p) for p in parts)  # valid reports hold numbers
            assert value == sum(parts)  # type: ignore[arg-type]
            assert type(value) is type(parts[0])  # Decimal amounts stay Decimal


@given(valid_reports(mixed=False))
def test_aggregate_of_one_report_has_its_tables(report: gd.Report) -> None:
    total = gd.aggregate([report], organ=report.organ)
    assert total.tables == report.tables


def _review(value: object) -> gd.Report:
    r = gd.build_report(organ="甲局", year=2024)
    return r.with_cell("review_litigation.review.upheld", value)  # type: ignore[arg-type]


def test_a_blank_operand_makes_the_result_blank() -> None:
    total = gd.aggregate([_review(1), _review(gd.BLANK), _review(2)], organ="合计")
    assert total.cell("review_litigation.review.upheld") is gd.BLANK
    # the other cells are unaffected
    assert total.cell("review_litigation.review.corrected") == 0


def test_blanks_count_as_zero_when_told() -> None:
    parts = [_review(1), _review(gd.BLANK), _review(gd.NotApplicable("/"))]
    total = gd.aggregate(parts, organ="合计", missing="zero")
    assert total.cell("review_litigation.review.upheld") == 1


def test_text_makes_the_result_blank_even_with_zero() -> None:
    parts = [_review(1), _review(gd.Text("约3"))]
    assert gd.aggregate(parts, organ="合计").cell("review_litigation.review.upheld") is gd.BLANK
    total = gd.aggregate(parts, organ="合计", missing="zero")
    assert total.cell("review_litigation.review.upheld") is gd.BLANK


def test_not_applicable_everywhere_stays_not_applicable() -> None:
    parts = [_review(gd.NotApplicable("/")), _review(gd.NotApplicable("无"))]
    total = gd.aggregate(parts, organ="合计")
    assert isinstance(total.cell("review_litigation.review.upheld"), gd.NotApplicable)
    assert (
        gd.aggregate(parts, organ="合计", missing="zero").cell("review_litigation.review.upheld")
        == 0
    )


def test_amounts_add_exactly() -> None:
    parts = [
        gd.build_report(organ=o, year=2024, active={"art20_8": {"admin_fees": {"amount": "0.1"}}})
        for o in ("甲局", "乙局", "丙局")
    ]
    total = gd.aggregate(parts, organ="合计")
    value = total.cell("active.art20_8.admin_fees.amount")
    assert value == Decimal("0.3")
    assert isinstance(value, Decimal)


def test_a_missing_table_counts_as_blank() -> None:
    a = gd.build_report(organ="甲局", year=2024)
    b = attrs.evolve(gd.build_report(organ="乙局", year=2024), review_litigation=None)
    total = gd.aggregate([a, b], organ="合计")
    assert total.cell("review_litigation.review.total") is gd.BLANK
    assert total.cell("applications.total.total") == 0


def test_narratives_are_gathered_under_each_organ() -> None:
    a = gd.build_report(organ="甲局", year=2024, problems="人员不足。")
    b = gd.build_report(organ="乙局", year=2024, problems="")
    total = gd.aggregate([a, b], organ="合计")
    assert total.problems is not None
    assert total.problems.text == "【甲局】\n人员不足。"
    assert total.published is None


def test_mixed_years_are_refused() -> None:
    a = gd.build_report(organ="甲局", year=2023)
    b = gd.build_report(organ="乙局", year=2024)
    with pytest.raises(gd.AggregationError, match="different years"):
        gd.aggregate([a, b], organ="合计")


def test_mixed_editions_are_refused() -> None:
    a = gd.build_report(organ="甲局", year=2021)
    b = gd.build_report(organ="乙局", year=2021, edition="2019")
    with pytest.raises(gd.AggregationError, match="different editions") as info:
        gd.aggregate([a, b], organ="合计")
    assert "harmonised=True" in str(info.value)  # where to go instead


def test_a_year_other_than_the_reports_is_refused() -> None:
    with pytest.raises(gd.AggregationError, match="not for 2023"):
        gd.aggregate([gd.build_report(organ="甲局", year=2024)], organ="合计", year=2023)


def test_nothing_to_aggregate() -> None:
    with pytest.raises(gd.AggregationError, match="no reports"):
        gd.aggregate([], organ="合计")


def test_aggregation_error_is_a_value_error() -> None:
    assert issubclass(gd.AggregationError, ValueError)
    assert issubclass(gd.AggregationError, gd.GovDisclosureError)
