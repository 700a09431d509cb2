"""gd.harmonise and gd.to_records(harmonised=True): one panel across both editions."""

from __future__ import annotations

from hypothesis import given

import govdisclosure as gd
from audit_real import hongze, huaian_2024, xunzhen_2024
from govdisclosure.model import is_number
from govdisclosure.strategies import valid_reports

OTHER_2021 = (
    "applications.other.no_amendment",
    "applications.other.unpaid_fee",
    "applications.other.other",
)
COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_service")
COLUMNS += ("other_org", "total")


def test_fields_are_the_same_for_every_report() -> None:
    ids = [f.id for f in gd.HARMONISED_FIELDS]
    assert len(ids) == len(set(ids))
    for r in (huaian_2024(), hongze(2023), xunzhen_2024(), gd.build_report(organ="x", year=2019)):
        assert list(gd.harmonise(r)) == ids


@given(valid_reports())
def test_harmonised_other_equals_the_2021_sum(r: gd.Report) -> None:
    h = gd.harmonise(r)
    assert r.applications is not None
    for column in COLUMNS:
        f = h[f"applications.other.{column}"]
        assert f.comparable
        if r.applications.edition is gd.Edition.V2021:
            parts = [r.cell(f"{p}.{column}") for p in OTHER_2021]
            assert f.value == sum(parts)  # type: ignore[arg-type]
            assert f.sources == tuple(f"{p}.{column}" for p in OTHER_2021)
        else:
            assert f.value == r.cell(f"applications.other.{column}")
            assert h[f"applications.other.unpaid_fee.{column}"].state == "not_in_edition"


@given(valid_reports())
def test_every_harmonised_figure_traces_to_cells(r: gd.Report) -> None:
    for field, f in gd.harmonise(r).items():
        if f.state == "number":
            values = [r.cell(p) for p in f.sources]
            assert all(is_number(v) for v in values)
            assert f.value == sum(values)  # type: ignore[arg-type]
            assert f.edition is not None
            assert all(r.table(gd.model.split_path(p)[0]).edition is f.edition for p in f.sources)  # type: ignore[union-attr]
        elif f.state == "not_in_edition":
            assert f.sources == ()
            assert f.value is None
            assert not f.comparable, field
        else:
            assert f.value is None


@given(valid_reports())
def test_comparable_fields_exist_in_both_editions(r: gd.Report) -> None:
    for f in gd.HARMONISED_FIELDS:
        if f.comparable:
            assert set(f.cells) == set(gd.Edition), f.id
    h = gd.harmonise(r)
    assert all(h[f.id].state != "not_in_edition" for f in gd.HARMONISED_FIELDS if f.comparable)


def test_mixed_report_reads_each_table_in_its_edition() -> None:
    """洪泽 2023: 2021 tables, the single 2019 （六） row in section 三."""
    h = gd.harmonise(hongze(2023))
    assert h["applications.other.total"].edition is gd.Edition.V2019
    assert h["applications.other.total"].value == 0
    assert h["applications.new_received.total"].value == 21
    assert h["active.licensing.decisions"].edition is gd.Edition.V2021
    assert h["active.licensing.decisions"].value == 550
    assert h["active.regulations.new_made"].state == "not_in_edition"


def test_huaian_other_is_the_sum_of_three_rows() -> None:
    h = gd.harmonise(huaian_2024())
    assert h["applications.other.total"].value == 71 + 6 + 110
    assert h["applications.other.unpaid_fee.total"].value == 6
    assert h["review_litigation.review.total"].value == 351


def test_missing_table_is_absent() -> None:
    r = gd.build_report(organ="x", year=2024)
    r = gd.Report(organ=r.organ, year=2024, active=r.active)
    h = gd.harmonise(r)
    assert h["applications.granted.total"].state == "absent"
    assert h["active.licensing.decisions"].state == "number"


def test_blank_and_partial() -> None:
    t = gd.build_table(
        "applications",
        {"other.no_amendment": {"total": None}, "other.unpaid_fee": {"total": 1}},
        edition="2021",
        derive_totals=False,
    )
    h = gd.harmonise(gd.build_report(organ="x", year=2024, applications=t))
    assert h["applications.other.total"].state == "partial"
    assert h["applications.other.total"].value is None


def test_records_default_is_unchanged_and_harmonised_is_opt_in() -> None:
    r = huaian_2024()
    plain = gd.to_records(r)
    assert plain == gd.to_records(r, harmonised=False)
    assert "field" not in plain[0]
    rows = gd.to_records(r, harmonised=True)
    assert len(rows) == len(gd.HARMONISED_FIELDS)
    row = next(x for x in rows if x["field"] == "applications.other.total")
    assert row["value"] == 187
    assert row["sources"] == ",".join(f"{p}.total" for p in OTHER_2021)
    assert row["edition"] == "2021"
    assert row["comparable"] is True
    assert set(row) == set(gd.formats.records.HARMONISED_RECORD_FIELDS)


def test_panel_across_editions_stacks() -> None:
    reports = [
        gd.build_report(organ="某局", year=2020, applications={"other": {"natural_person": 4}}),
        gd.build_report(
            organ="某局",
            year=2021,
            applications={
                "other.unpaid_fee": {"natural_person": 1},
                "other.other": {"natural_person": 2},
            },
        ),
    ]
    series = [
        (x["year"], x["value"])
        for r in reports
        for x in gd.to_records(r, harmonised=True)
        if x["field"] == "applications.other.total"
    ]
    assert series == [(2020, 4), (2021, 3)]
