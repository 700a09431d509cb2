"""JSON: exact round trip, compact cells, a schema that accepts what we write, clear errors."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import given

import govdisclosure as gd
from govdisclosure.strategies import reports, valid_reports

SCHEMA = gd.json_schema()


@given(valid_reports())
def test_round_trip_is_exact(report: gd.Report) -> None:
    """from_json(to_json(r)) == r for every valid report of either edition."""
    assert gd.from_json(gd.to_json(report)) == report
    assert gd.from_dict(gd.to_dict(report)) == report


@given(reports())
def test_round_trip_of_faulty_reports_without_strictness(report: gd.Report) -> None:
    """Reports with blanks, placeholders, text and negatives round-trip with strict=False."""
    again = gd.from_json(gd.to_json(report), strict=False)
    assert again == report
    for a, b in zip(again.tables, report.tables, strict=True):
        for (_, _, x), (_, _, y) in zip(a.items(), b.items(), strict=True):
            assert type(x) is type(y)


@given(reports())
def test_schema_accepts_everything_we_write(report: gd.Report) -> None:
    """Every document to_json writes validates against json_schema()."""
    jsonschema.validate(json.loads(gd.to_json(report)), SCHEMA)


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The schema itself is well-formed."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_cells_are_compact() -> None:
    """Counts are integers, amounts strings, blanks null, placeholders and text objects."""
    r = gd.build_report(
        organ="某局", year=2024, active={"art20_8": {"admin_fees": {"amount": "7730.28"}}}
    )
    r = r.with_cell("applications.granted.commercial", gd.BLANK)
    r = r.with_cell("applications.granted.research", gd.NotApplicable("—"))
    r = r.with_cell("applications.granted.legal_service", gd.Text("详见附件"))
    data = gd.to_dict(r)
    assert data["format"] == "govdisclosure.report/1"
    assert data["active"][3]["cells"]["admin_fees"]["amount"] == "7730.28"
    granted = data["applications"]["cells"]["granted"]
    assert granted["natural_person"] == 0
    assert granted["commercial"] is None
    assert granted["research"] == {"na": "—"}
    assert granted["legal_service"] == {"text": "详见附件"}
    assert "详见附件" in gd.to_json(r)  # not escaped


def test_reading_findings_travel_with_the_report() -> None:
    """Findings noticed while reading are written and read back (with their source)."""
    f = gd.Finding(
        code="parse.extra-cells",
        severity=gd.Severity.WARNING,
        path="active.art20_6.penalty.decisions",
        source=gd.Source(line=12, column=3),
        actual=Decimal("1.5"),
        params={"count": 2, "cells": "0, 0"},
    )
    r = gd.build_report(organ="某局", year=2024)
    r = type(r)(
        **{
            **{
                a: getattr(r, a)
                for a in (
                    "organ",
                    "year",
                    "overview",
                    "active",
                    "applications",
                    "review_litigation",
                    "problems",
                    "other",
                )
            },
            "findings": (f,),
        }
    )
    again = gd.from_json(gd.to_json(r))
    assert again.findings == (f,)


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d.update(bogus=1), "$"),
        (
            lambda d: d["applications"]["cells"]["granted"].update(natural_person=-1),
            "applications.granted.natural_person",
        ),
        (
            lambda d: d["applications"]["cells"]["granted"].update(natural_person="x"),
            "applications.granted.natural_person",
        ),
        (
            lambda d: d["applications"]["cells"]["granted"].update(natural_person=True),
            "applications.granted.natural_person",
        ),
        (
            lambda d: d["applications"]["cells"]["granted"].update(bogus=1),
            "applications.granted.bogus",
        ),
        (lambda d: d["applications"]["cells"].pop("granted"), "applications.granted"),
        (lambda d: d["applications"]["cells"].update(grnted={}), "applications.grnted"),
        (lambda d: d["organ"].update(kind="ministry"), "$.organ.kind"),
        (lambda d: d.update(year="2024"), "$.year"),
        (lambda d: d.update(published="2025/01/01"), "$.published"),
        (lambda d: d["applications"].update(edition="2020"), "applications"),
        (lambda d: d.update(format="other/1"), "format"),
    ],
)
def test_bad_documents_are_rejected_with_their_path(mutate: object, where: str) -> None:
    """from_json rejects unknown keys, wrong types and negative counts, naming the path."""
    data = gd.to_dict(gd.build_report(organ="某局", year=2024))
    mutate(data)  # type: ignore[operator]
    with pytest.raises(gd.JSONError) as info:
        gd.from_dict(data)
    assert any(path.startswith(where) for path, _ in info.value.errors), info.value.errors
    assert isinstance(info.value, gd.ParseError)


@pytest.mark.parametrize("text", ["", "[]", "{", "null", '"x"', b"\xff\xfe"])
def test_non_reports_raise_json_error(text: str | bytes) -> None:
    """Anything that is not a report object raises JSONError, never anything else."""
    with pytest.raises(gd.JSONError):
        gd.from_json(text)


def test_to_dict_is_plain_data() -> None:
    """to_dict holds only JSON types: enums come out as their values."""
    data = gd.to_dict(gd.build_report(organ="某局", year=2024))

    def plain(x: object) -> bool:
        if isinstance(x, dict):
            return all(type(k) is str and plain(v) for k, v in x.items())
        if isinstance(x, list):
            return all(plain(v) for v in x)
        return x is None or type(x) in {str, int, bool}

    assert plain(data)
    assert data["organ"]["kind"] == "department"
