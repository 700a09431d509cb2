"""The checks: every identity and rule, as findings with code, path and arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure as gd
from check_reports import base, consecutive_years
from govdisclosure.checks import CHECKS, CODES, SERIES_CHECKS
from govdisclosure.strategies import DEFECT_CODES, Defect, defective_reports, reports, valid_reports


def codes(findings: tuple[gd.Finding, ...], severity: str | None = None) -> set[tuple[str, str]]:
    """The (code, path) pairs of ``findings``, optionally of one severity."""
    return {(f.code, f.path) for f in findings if severity is None or f.severity == severity}


# ------------------------------------------------------------------ properties


@given(valid_reports())
def test_valid_reports_have_no_error(report: gd.Report) -> None:
    """Every report built valid by construction checks with no error, of either edition."""
    assert codes(gd.check(report), "error") == set()
    assert gd.is_valid(report)
    assert gd.validate(report) is report


@given(defective_reports())
def test_every_planted_defect_is_found_at_its_path(defect: Defect) -> None:
    """A planted defect is found with exactly its code and path."""
    assert (defect.code, defect.path) in codes(gd.check(defect.report))


@pytest.mark.parametrize("code", DEFECT_CODES)
def test_each_plantable_code_is_found(code: str) -> None:
    """Each plantable code, drawn on its own, is found (guards against a code never drawn)."""

    @given(defective_reports(codes=(code,)))
    def inner(defect: Defect) -> None:
        assert defect.code == code
        assert (code, defect.path) in codes(gd.check(defect.report))

    inner()


@given(reports())
def test_check_never_raises_and_is_deterministic(report: gd.Report) -> None:
    """check() never raises on any report and returns the same findings twice."""
    first = gd.check(report)
    assert first == gd.check(report)
    for f in first:
        assert f.code in CODES
        assert f.severity is CODES[f.code].severity
        assert f.message("zh_CN")
        assert f.message("en")
        assert "{" not in f.message("en")


@given(valid_reports(), st.data())
def test_one_leaf_changed_breaks_exactly_its_identities(
    report: gd.Report, data: st.DataObject
) -> None:
    """Raising one outcome leaf breaks its row total and its column's outcome total, nothing else."""
    apps = report.applications
    assert apps is not None
    outcome_rows = [
        r
        for r in apps.spec.row_ids
        if r not in {"new_received", "carried_over", "total", "carried_forward"}
    ]
    row = data.draw(st.sampled_from(outcome_rows))
    column = data.draw(st.sampled_from(apps.spec.column_ids[:-1]))
    value = apps[row, column]
    assert isinstance(value, int)
    changed = report.with_cell(f"applications.{row}.{column}", value + 1)
    assert codes(gd.check(changed), "error") == {
        ("applications.row-total", f"applications.{row}.total"),
        ("applications.outcome-total", f"applications.total.{column}"),
    }


# ------------------------------------------------------------------ registry


def test_registry_is_consistent() -> None:
    """Every check emits only defined codes, and every code has a rule and a namespace."""
    emitted = {c for check in (*CHECKS, *SERIES_CHECKS) for c in check.codes}
    assert emitted <= set(CODES)
    for code, info in CODES.items():
        assert info.code == code
        assert info.rule
        assert "." in code


# ------------------------------------------------------------------ section 三


def test_balance_reports_both_sides() -> None:
    """一 + 二 ≠ （七） + 四 is an error on the column, with expected/actual/difference."""
    r = base(
        applications={
            "new_received": {"natural_person": 5},
            "carried_over": {"natural_person": 1},
            "granted": {"natural_person": 4},
            "carried_forward": {"natural_person": 1},
        }
    )
    [f] = [
        f
        for f in gd.check(r)
        if f.code == "applications.balance" and f.path.endswith("natural_person")
    ]
    assert (f.expected, f.actual, f.difference) == (6, 5, -1)
    assert f.expression == "new_received + carried_over = total + carried_forward"
    assert "相差-1" in f.message()
    assert "difference -1" in f.message("en")


def test_blank_operand_is_not_assessable_not_a_failure() -> None:
    """A blank total does not fail an identity; it makes it not assessable and is warned about."""
    r = base(applications={"granted": {"natural_person": 2}})
    r = r.with_cell("applications.granted.total", gd.BLANK)
    found = codes(gd.check(r))
    assert ("applications.row-total.not-assessable", "applications.granted.total") in found
    assert ("cell.blank-total", "applications.granted.total") in found
    assert not any(c == "applications.row-total" for c, _ in found)
    [f] = [f for f in gd.check(r) if f.code == "applications.row-total.not-assessable"]
    assert "总计" in f.message()


def test_not_applicable_and_text_cells() -> None:
    """'/' is noted, text in a figure cell is warned about, and both block arithmetic."""
    r = base().with_cell("applications.granted.commercial", gd.NotApplicable("/"))
    r = r.with_cell("applications.granted.research", gd.Text("详见附件"))
    found = codes(gd.check(r))
    assert ("cell.not-applicable", "applications.granted.commercial") in found
    assert ("cell.text", "applications.granted.research") in found
    assert ("applications.row-total.not-assessable", "applications.granted.total") in found


def test_negative_and_fraction_counts() -> None:
    """Counts are whole and not negative; amounts may have decimals."""
    r = base(active={"art20_8": {"admin_fees": {"amount": "12.5"}}})
    r = r.with_cell("active.art20_1.regulations.issued", -1)
    r = r.with_cell("review_litigation.review.upheld", Decimal("1.5"))
    found = codes(gd.check(r), "error")
    assert ("cell.negative", "active.art20_1.regulations.issued") in found
    assert ("cell.fraction", "review_litigation.review.upheld") in found
    assert not any(p == "active.art20_8.admin_fees.amount" for _, p in found)


# ------------------------------------------------------------------ section 四 and 二


def test_review_group_total() -> None:
    """Each group's 总计 is the sum of its four outcomes (洪泽区 2023 states 0 against 11)."""
    r = base(review_litigation={"review": {"upheld": 10, "corrected": 1, "total": 0}})
    [f] = [f for f in gd.check(r) if f.code == "review.group-total"]
    assert (f.path, f.expected, f.actual, f.difference) == (
        "review_litigation.review.total",
        11,
        0,
        -11,
    )


def test_2019_rules_of_section_two() -> None:
    """2019: items never negative; published in total at least published anew."""
    r = base(
        year=2020,
        published="2021-01-20",
        active={
            "art20_5": {"licensing": {"previous_items": 3, "change": -5}},
            "art20_1": {"regulations": {"new_published": 4, "total_published": 2}},
        },
    )
    found = codes(gd.check(r))
    assert ("active.items-negative", "active.art20_5.licensing.change") in found
    assert ("active.published-total", "active.art20_1.regulations.total_published") in found
    ok = base(
        year=2020,
        published="2021-01-20",
        active={"art20_5": {"licensing": {"previous_items": 3, "change": -3}}},
    )
    assert not any(c.startswith("active.") for c, _ in codes(gd.check(ok)))


# ------------------------------------------------------------------ structure and content


def test_missing_sections_tables_year_and_organ() -> None:
    """Missing sections and tables, year and organ are errors."""
    r = attrs.evolve(base(), problems=None, year=None, organ=gd.Organ(" "), review_litigation=None)
    r = attrs.evolve(r, active=r.active[:2])
    found = codes(gd.check(r), "error")
    assert ("structure.missing-section", "problems") in found
    assert ("structure.missing-section", "review_litigation") in found
    assert ("structure.missing-table", "active.art20_6") in found
    assert ("structure.missing-table", "active.art20_8") in found
    assert ("structure.missing-year", "year") in found
    assert ("structure.missing-organ", "organ") in found


def test_table_present_in_prose_only_is_a_missing_table() -> None:
    """A section 四 with prose but no table is a missing table, not a missing section."""
    r = attrs.evolve(
        base(), review_litigation=None, review_litigation_text="本年度未发生行政复议。"
    )
    assert ("structure.missing-table", "review_litigation") in codes(gd.check(r))


def test_edition_mismatch_and_mixed() -> None:
    """A 2019 table in a 2023 report is a warning; mixing editions is noted."""
    apps19 = gd.build_table("applications", {}, edition="2019")
    r = base(year=2023, published="2024-01-20", applications=apps19)
    found = codes(gd.check(r))
    assert ("structure.edition-mismatch", "applications") in found
    assert ("structure.mixed-editions", "") in found
    assert gd.is_valid(r)


def test_required_content() -> None:
    """五 must not be empty (error); 六 must speak of 信息处理费 (warning)."""
    r = base(problems="  ", other="我镇无其他需要报告的事项。")
    assert ("problems.empty", "problems") in codes(gd.check(r), "error")
    assert ("other.fee-statement-missing", "other") in codes(gd.check(r), "warning")


# ------------------------------------------------------------------ publication


@pytest.mark.parametrize(
    ("organ", "published", "expected"),
    [
        ("某市某局", "2025-01-31", set()),
        ("某市某局", "2025-02-01", {"publication.late"}),
        ("淮安市人民政府", "2025-03-31", set()),
        ("淮安市人民政府", "2025-04-01", {"publication.late"}),
        ("河曲县巡镇镇人民政府", "2025-01-31", set()),
        ("河曲县巡镇镇人民政府", "2025-02-07", {"publication.after-january"}),
        ("某市某局", "2024-12-31", {"publication.premature"}),
    ],
)
def test_publication_deadlines(organ: str, published: str, expected: set[str]) -> None:
    """Article 49: departments by 31 January, governments by 31 March; townships noted."""
    found = {
        c
        for c, _ in codes(gd.check(base(organ=organ, published=published)))
        if c.startswith("publication.")
    }
    assert found == expected


def test_late_finding_says_by_how_much() -> None:
    """The late finding carries the days late and the deadline in words."""
    [f] = [f for f in gd.check(base(published="2025-02-03")) if f.code == "publication.late"]
    assert f.actual == 3
    assert "2025年1月31日" in f.message()
    assert "January 31, 2025" in f.message("en")


def test_missing_publication_date_is_info() -> None:
    """No date: an info finding, no deadline check."""
    r = attrs.evolve(base(), published=None)
    assert {(f.code, f.severity) for f in gd.check(r)} == {
        ("publication.missing-date", gd.Severity.INFO)
    }


# ------------------------------------------------------------------ across years


def test_consecutive_years_that_agree() -> None:
    """Carry-over and roll-forward that agree give no cross-year finding."""
    now, last = consecutive_years()
    assert not [f for f in gd.check(now, previous=last) if f.code.startswith("series.")]


def test_carry_over_and_roll_forward_mismatch() -> None:
    """上年结转 ≠ last year's 结转下年度 and 现行有效 roll-forward errors are warnings."""
    now, last = consecutive_years()
    now = now.with_cell("active.art20_1.normative_documents.in_force", 15)
    last = last.with_cell("applications.carried_forward.natural_person", 4)
    found = {
        (f.code, f.path): f for f in gd.check(now, previous=last) if f.code.startswith("series.")
    }
    carry = found["series.carry-over", "applications.carried_over.natural_person"]
    assert (carry.expected, carry.actual, carry.severity) == (4, 2, gd.Severity.WARNING)
    roll = found["series.in-force", "active.art20_1.normative_documents.in_force"]
    assert (roll.expected, roll.actual, roll.difference) == (12, 15, 3)


def test_identical_tables_flagged_but_not_all_zero_ones() -> None:
    """A non-trivial table identical to last year's is flagged; all-zero tables are not."""
    _now, last = consecutive_years()
    copied = attrs.evolve(last, year=2024, published="2025-01-20")
    found = codes(gd.check(copied, previous=last))
    assert ("series.identical-table", "applications") in found
    assert ("series.identical-table", "review_litigation") not in found


def test_other_organ_or_year_stops_carry_over_checks() -> None:
    """Reports of another organ or not the year before are not compared cell by cell."""
    now, last = consecutive_years()
    other = attrs.evolve(last, organ=gd.Organ("另一个局"))
    assert {f.code for f in gd.check(now, previous=other) if f.code.startswith("series.")} == {
        "series.organ-mismatch"
    }
    older = attrs.evolve(last, year=2021)
    assert "series.not-consecutive" in {f.code for f in gd.check(now, previous=older)}
    assert "series.carry-over" not in {
        f.code
        for f in gd.check(
            now.with_cell("applications.carried_over.natural_person", 9), previous=older
        )
    }


def test_findings_fingerprints_are_stable() -> None:
    """The fingerprint is code@path, the same across runs and locales."""
    r = base(review_litigation={"review": {"upheld": 1, "total": 0}})
    [f] = [f for f in gd.check(r) if f.code == "review.group-total"]
    assert f.fingerprint == "review.group-total@review_litigation.review.total"
    assert len(f.fingerprint_hash) == 16
    assert f == next(g for g in gd.check(r) if g.code == "review.group-total")


def test_validate_raises_with_the_errors() -> None:
    """validate() raises InvalidReport carrying only the error findings."""
    r = base(review_litigation={"review": {"upheld": 1, "total": 0}}, published="2026-01-01")
    with pytest.raises(gd.InvalidReport) as info:
        gd.validate(r)
    assert {f.code for f in info.value.findings} == {"review.group-total"}
    assert isinstance(info.value, ValueError)


def test_publication_date_edge_of_year() -> None:
    """A department report published on 1 January of the next year is on time."""
    assert not [
        f for f in gd.check(base(published=date(2025, 1, 1))) if f.code.startswith("publication.")
    ]


def test_the_same_organ_named_with_and_without_its_city() -> None:
    """洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024) are one organ across years."""
    now, last = consecutive_years()
    now = attrs.evolve(now, organ=gd.Organ("淮安市洪泽区人民政府"))
    last = attrs.evolve(last, organ=gd.Organ("洪泽区人民政府"))
    assert "series.organ-mismatch" not in {f.code for f in gd.check(now, previous=last)}
    other = attrs.evolve(last, organ=gd.Organ("淮安市人民政府"))
    assert "series.organ-mismatch" in {f.code for f in gd.check(now, previous=other)}


@pytest.mark.parametrize("year", [-1, 0, 1, 2018, 2101, 9999, 10**6])
def test_years_outside_the_formats_never_break_the_checks(year: int) -> None:
    """A misread year is reported, and no check fails on impossible dates."""
    r = attrs.evolve(base(), year=year)
    found = codes(gd.check(r))
    assert ("structure.year-out-of-range", "year") in found
    assert not any(c.startswith("publication.late") for c, _ in found)
