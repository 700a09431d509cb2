"""The template data: both editions complete, consistent and well-formed."""

from __future__ import annotations

import pytest

from govdisclosure.template import ColumnKind, Edition, edition_for_year, normalize_label, template

ALL = list(Edition)


@pytest.mark.parametrize(
    ("edition", "active", "applications", "review"),
    [(Edition.V2019, 22, 161, 15), (Edition.V2021, 10, 175, 15)],
)
def test_cell_counts_match_the_format(
    edition: Edition, active: int, applications: int, review: int
) -> None:
    """Each edition has exactly the numeric cells the official format has."""
    t = template(edition)
    assert sum(len(s.rows) * len(s.columns) for s in t.active_tables) == active
    spec = t.table("applications")
    assert len(spec.rows) * len(spec.columns) == applications
    spec = t.table("review_litigation")
    assert len(spec.rows) * len(spec.columns) == review


@pytest.mark.parametrize("edition", ALL)
def test_identifiers_are_the_canonical_ones(edition: Edition) -> None:
    """Section 三 rows and columns carry DESIGN.md's identifiers in official order."""
    spec = template(edition).table("applications")
    other = (
        ["other"]
        if edition is Edition.V2019
        else ["other.no_amendment", "other.unpaid_fee", "other.other"]
    )
    assert list(spec.row_ids) == [
        "new_received", "carried_over", "granted", "partially_granted",
        "denied.state_secret", "denied.prohibited_by_law", "denied.security_stability",
        "denied.third_party_rights", "denied.internal_affairs", "denied.process_information",
        "denied.enforcement_case_file", "denied.administrative_query",
        "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear_after_amendment",
        "not_handled.petition_complaint", "not_handled.duplicate", "not_handled.publication",
        "not_handled.excessive", "not_handled.confirmation",
        *other, "total", "carried_forward",
    ]  # fmt: skip
    assert spec.column_ids == (
        "natural_person", "commercial", "research", "public_interest", "legal_service", "other_org", "total",
    )  # fmt: skip
    review = template(edition).table("review_litigation")
    assert review.row_ids == ("review", "litigation_direct", "litigation_after_review")
    assert review.column_ids == ("upheld", "corrected", "other", "pending", "total")


def test_section_two_differs_between_editions() -> None:
    """2019 has （九） and 2019-style columns; 2021 has the 万元 amount column."""
    t19, t21 = template("2019"), template("2021")
    assert [s.block for s in t19.active_tables] == [
        "art20_1",
        "art20_5",
        "art20_6",
        "art20_8",
        "art20_9",
    ]
    assert [s.block for s in t21.active_tables] == ["art20_1", "art20_5", "art20_6", "art20_8"]
    assert t21.table("active.art20_8").column("amount").unit == "万元"
    assert t21.table("active.art20_8").column("amount").kind is ColumnKind.AMOUNT
    assert t19.table("active.art20_5").column("change").kind is ColumnKind.CHANGE
    assert t19.table("active.art20_1").row("normative_documents").label == "规范性文件"
    assert t21.table("active.art20_1").row("normative_documents").label == "行政规范性文件"


@pytest.mark.parametrize("edition", ALL)
def test_labels_are_unique_and_glossed(edition: Edition) -> None:
    """Within a table no two rows (or columns) fold to the same label; all have English."""
    t = template(edition)
    assert [s.heading for s in t.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]  # fmt: skip
    for spec in t.tables:
        for items in (spec.rows, spec.columns):
            folded = [normalize_label(x.label) for x in items]
            assert len(set(folded)) == len(folded), spec.id
            assert all(x.en.strip() for x in items)
            for x in items:
                for v in x.variants:
                    assert normalize_label(v) != normalize_label(x.label), (spec.id, x.id, v)


def test_edition_for_year() -> None:
    """2019 and 2020 use the trial format, 2021 on the 2021 format."""
    assert [edition_for_year(y) for y in (2019, 2020, 2021, 2030)] == [
        Edition.V2019, Edition.V2019, Edition.V2021, Edition.V2021,
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("（三） 不予公开", "(三)不予公开"),
        ("1、 属于国家秘密", "1.属于国家秘密"),
        ("商业 企业", "商业企业"),
        ("第二十条第(一)项", "第二十条第（一）项"),
        ("(单位:万元)", "（单位：万元）"),
    ],
)
def test_normalize_label_folds_real_variants(a: str, b: str) -> None:
    """Spacing, half/full-width punctuation and 1、/1. do not matter for matching."""
    assert normalize_label(a) == normalize_label(b)
