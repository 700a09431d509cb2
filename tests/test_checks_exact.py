"""Every finding of every check, exactly, for reports at the edges of each rule.

Each scenario below sits on a boundary of a rule (the year 2019, the day of a deadline,
a change that brings items to exactly zero, a blank operand, an organ name differing
only in spaces ...). The complete list of findings — code, severity, path, expected,
actual, difference, expression and parameters, in order — is compared with
``tests/data/checks-golden.json``, reviewed by hand when written; rewrite it with
``pytest tests/test_checks_exact.py --update-golden`` after an intended change.

These are the tests that make mutation testing of ``checks/`` bite (see
``scripts/mutation.sh``): they are quick, deterministic and see every field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import govdisclosure as gd
from check_reports import base
from check_reports import consecutive_years as _pair

GOLDEN = Path(__file__).parent / "data" / "checks-golden.json"


def of(kind: gd.OrganKind, **kwargs: Any) -> gd.Report:
    return attrs.evolve(base(**kwargs), organ=gd.Organ("某机关", kind))


def _r2019(**kwargs: Any) -> gd.Report:
    return base(year=2020, published="2021-01-20", **kwargs)


def _pair2019() -> tuple[gd.Report, gd.Report]:
    last = base(
        year=2019,
        published="2020-01-20",
        active={"art20_5": {"licensing": {"previous_items": 10, "change": 2, "decisions": 5}}},
    )
    now = _r2019(
        active={"art20_5": {"licensing": {"previous_items": 12, "change": 0, "decisions": 5}}}
    )
    return now, last


Scenario = Callable[[], tuple[gd.Report, gd.Report | None]]


def _one(report: gd.Report) -> tuple[gd.Report, gd.Report | None]:
    return report, None


SCENARIOS: dict[str, Scenario] = {
    # structure -------------------------------------------------------------------
    "clean": lambda: _one(base()),
    "year-2018": lambda: _one(base(year=2018, published="2019-01-20")),
    "year-2019": lambda: _one(base(year=2019, published="2020-01-20")),
    "year-2020-with-2021-tables": lambda: _one(
        base(year=2020, published="2021-01-20", edition="2021")
    ),
    "year-2021-with-2019-tables": lambda: _one(
        base(year=2021, published="2022-01-20", edition="2019")
    ),
    "year-2019-with-2021-tables": lambda: _one(
        base(year=2019, published="2020-01-20", edition="2021")
    ),
    "year-missing": lambda: _one(attrs.evolve(base(), year=None)),
    "organ-blank": lambda: _one(attrs.evolve(base(), organ=gd.Organ(" \u3000"))),
    "sections-missing": lambda: _one(base(overview=None, problems=None, other=None)),
    "active-missing": lambda: _one(attrs.evolve(base(), active=())),
    "active-prose-only": lambda: _one(attrs.evolve(base(), active=(), active_text="见附件。")),
    "active-partial": lambda: _one(attrs.evolve(base(), active=base().active[1:3])),
    "active-partial-2019": lambda: _one(attrs.evolve(_r2019(), active=_r2019().active[:1])),
    "tables-missing": lambda: _one(attrs.evolve(base(), applications=None, review_litigation=None)),
    "tables-in-prose-only": lambda: _one(
        attrs.evolve(
            base(),
            applications=None,
            applications_text="无。",
            review_litigation=None,
            review_litigation_text="本年度未发生行政复议。",
        )
    ),
    "mixed-editions": lambda: _one(
        base(
            year=2023,
            published="2024-01-20",
            applications=gd.build_table("applications", {}, edition="2019"),
        )
    ),
    # required content --------------------------------------------------------------
    "content-empty": lambda: _one(base(overview="", problems="", other="无。")),
    "fee-收费": lambda: _one(base(other="本年度未收费。")),
    "fee-处理费": lambda: _one(base(other="未收取处理费。")),
    # publication -------------------------------------------------------------------
    "published-missing": lambda: _one(attrs.evolve(base(), published=None)),
    "published-no-year": lambda: _one(attrs.evolve(base(), year=None)),
    "published-31-december": lambda: _one(base(published="2024-12-31")),
    "published-1-january": lambda: _one(base(published="2025-01-01")),
    "department-31-january": lambda: _one(of(gd.OrganKind.DEPARTMENT, published="2025-01-31")),
    "department-1-february": lambda: _one(of(gd.OrganKind.DEPARTMENT, published="2025-02-01")),
    "government-31-march": lambda: _one(of(gd.OrganKind.GOVERNMENT, published="2025-03-31")),
    "government-1-april": lambda: _one(of(gd.OrganKind.GOVERNMENT, published="2025-04-01")),
    "township-31-january": lambda: _one(of(gd.OrganKind.TOWNSHIP, published="2025-01-31")),
    "township-1-february": lambda: _one(of(gd.OrganKind.TOWNSHIP, published="2025-02-01")),
    "other-1-june": lambda: _one(of(gd.OrganKind.OTHER, published=date(2025, 6, 1))),
    # section 三 ---------------------------------------------------------------------
    "applications-balance": lambda: _one(
        base(
            applications={
                "new_received": {"natural_person": 5, "commercial": 2},
                "carried_over": {"natural_person": 1},
                "granted": {"natural_person": 4, "commercial": 2},
                "carried_forward": {"natural_person": 1},
            }
        )
    ),
    "applications-outcome-total": lambda: _one(
        base(
            applications={"new_received": {"research": 3}, "denied.state_secret": {"research": 3}}
        ).with_cell("applications.total.research", 2)
    ),
    "applications-row-total": lambda: _one(
        base(
            applications={"new_received": {"legal_service": 3}, "granted": {"legal_service": 3}}
        ).with_cell("applications.granted.total", 4)
    ),
    "applications-blank-and-marks": lambda: _one(
        base(applications={"new_received": {"other_org": 1}, "granted": {"other_org": 1}})
        .with_cell("applications.granted.total", gd.BLANK)
        .with_cell("applications.total.other_org", gd.BLANK)
        .with_cell("applications.granted.commercial", gd.NotApplicable("/"))
        .with_cell("applications.carried_over.research", gd.Text("详见附件"))
        .with_cell("applications.not_handled.duplicate.public_interest", gd.BLANK)
    ),
    "applications-negative-and-fractions": lambda: _one(
        base()
        .with_cell("applications.granted.natural_person", -1)
        .with_cell("applications.granted.total", -1)
        .with_cell("applications.new_received.natural_person", Decimal("2.0"))
        .with_cell("applications.new_received.total", Decimal("2.5"))
    ),
    # section 四 ---------------------------------------------------------------------
    "review-group-total": lambda: _one(
        base(
            review_litigation={
                "review": {"upheld": 10, "corrected": 1, "total": 0},
                "litigation_direct": {"pending": 2, "total": 2},
                "litigation_after_review": {"other": 1, "total": 3},
            }
        )
    ),
    "review-blank": lambda: _one(
        base()
        .with_cell("review_litigation.review.total", gd.BLANK)
        .with_cell("review_litigation.litigation_direct.upheld", gd.BLANK)
    ),
    # section 二 ---------------------------------------------------------------------
    "active-2021-cells": lambda: _one(
        base(active={"art20_8": {"admin_fees": {"amount": "12.5"}}})
        .with_cell("active.art20_1.regulations.issued", -1)
        .with_cell("active.art20_1.regulations.repealed", gd.BLANK)
        .with_cell("active.art20_5.licensing.decisions", Decimal("1.5"))
        .with_cell("active.art20_8.admin_fees.amount", Decimal("-0.5"))
    ),
    "active-2019-boundaries": lambda: _one(
        _r2019(
            active={
                "art20_5": {
                    "licensing": {"previous_items": 3, "change": -3},
                    "other_services": {"previous_items": 3, "change": -4},
                },
                "art20_6": {"penalty": {"previous_items": 0, "change": -1}},
                "art20_1": {
                    "regulations": {"new_published": 4, "total_published": 4},
                    "normative_documents": {"new_published": 4, "total_published": 3},
                },
            }
        )
    ),
    "active-2019-not-numbers": lambda: _one(
        _r2019(
            active={
                "art20_5": {"licensing": {"previous_items": 3, "change": -5}},
                "art20_1": {"regulations": {"new_published": 4, "total_published": 2}},
            }
        )
        .with_cell("active.art20_5.licensing.previous_items", gd.BLANK)
        .with_cell("active.art20_1.regulations.new_published", gd.NotApplicable("—"))
    ),
    # across years --------------------------------------------------------------------
    "series-agree": _pair,
    "series-mismatch": lambda: (
        _pair()[0].with_cell("active.art20_1.normative_documents.in_force", 15),
        _pair()[1].with_cell("applications.carried_forward.natural_person", 4),
    ),
    "series-blank-operands": lambda: (
        _pair()[0]
        .with_cell("active.art20_1.normative_documents.issued", gd.BLANK)
        .with_cell("active.art20_1.regulations.repealed", gd.BLANK)
        .with_cell("active.art20_1.regulations.in_force", 7)
        .with_cell("applications.carried_over.natural_person", gd.BLANK),
        _pair()[1].with_cell("applications.carried_forward.commercial", gd.BLANK),
    ),
    "series-repealed-blank": lambda: (
        _pair()[0]
        .with_cell("active.art20_1.normative_documents.repealed", gd.BLANK)
        .with_cell("active.art20_1.normative_documents.in_force", 99),
        _pair()[1],
    ),
    "series-in-force-blank-last-year": lambda: (
        _pair()[0].with_cell("active.art20_1.normative_documents.in_force", 99),
        _pair()[1].with_cell("active.art20_1.normative_documents.in_force", gd.BLANK),
    ),
    "series-skip-issued-then-mismatch": lambda: (
        _pair()[0]
        .with_cell("active.art20_1.regulations.issued", gd.BLANK)
        .with_cell("active.art20_1.normative_documents.in_force", 99),
        _pair()[1],
    ),
    "series-skip-repealed-then-mismatch": lambda: (
        _pair()[0]
        .with_cell("active.art20_1.regulations.repealed", gd.NotApplicable("/"))
        .with_cell("active.art20_1.normative_documents.in_force", 99),
        _pair()[1],
    ),
    "series-this-organ-spaced": lambda: (
        attrs.evolve(_pair()[0], organ=gd.Organ("某市 某局")),
        _pair()[1],
    ),
    "series-same-organ-spaced": lambda: (
        _pair()[0],
        attrs.evolve(_pair()[1], organ=gd.Organ("某市 某局")),
    ),
    "series-other-organ": lambda: (
        _pair()[0],
        attrs.evolve(_pair()[1], organ=gd.Organ("另一个局")),
    ),
    "series-not-consecutive": lambda: (_pair()[0], attrs.evolve(_pair()[1], year=2021)),
    "series-same-year": lambda: (_pair()[0], attrs.evolve(_pair()[1], year=2024)),
    "series-year-unknown": lambda: (attrs.evolve(_pair()[0], year=None), _pair()[1]),
    "series-previous-year-unknown": lambda: (_pair()[0], attrs.evolve(_pair()[1], year=None)),
    "series-identical": lambda: (
        attrs.evolve(_pair()[1], year=2024, published="2025-01-20"),
        _pair()[1],
    ),
    "series-identical-editions-differ": lambda: (
        base(
            applications=gd.build_table(
                "applications", {"granted": {"natural_person": 1}}, edition="2019"
            )
        ),
        base(year=2023, published="2024-01-20", applications={"granted": {"natural_person": 1}}),
    ),
    "series-2019-items": _pair2019,
    "series-2019-items-mismatch": lambda: (
        _pair2019()[0].with_cell("active.art20_5.licensing.previous_items", 11),
        _pair2019()[1],
    ),
    "series-2019-items-blank": lambda: (
        _pair2019()[0].with_cell("active.art20_5.licensing.previous_items", 11),
        _pair2019()[1].with_cell("active.art20_5.licensing.change", gd.BLANK),
    ),
    "series-2019-against-2021": lambda: (_pair2019()[0], _pair()[1]),
    "series-no-applications": lambda: (
        attrs.evolve(_pair()[0], applications=None),
        _pair()[1],
    ),
    "series-previous-no-tables": lambda: (
        _pair()[0],
        attrs.evolve(_pair()[1], applications=None, active=()),
    ),
}


def _value(v: object) -> object:
    if isinstance(v, Decimal):
        return f"Decimal({v})"
    if isinstance(v, bool) or v is None or isinstance(v, int | str):
        return v
    return repr(v)


def record(f: gd.Finding) -> dict[str, object]:
    """Everything a finding says, as JSON."""
    return {
        "code": f.code,
        "severity": str(f.severity),
        "path": f.path,
        "expected": _value(f.expected),
        "actual": _value(f.actual),
        "difference": _value(f.difference),
        "expression": f.expression,
        "params": {k: _value(v) for k, v in f.params},
    }


def findings_of(name: str) -> list[dict[str, object]]:
    report, previous = SCENARIOS[name]()
    return [record(f) for f in gd.check(report, previous=previous)]


@pytest.fixture(scope="module")
def golden(request: pytest.FixtureRequest) -> dict[str, Any]:
    update = bool(request.config.getoption("--update-golden"))
    if update or not GOLDEN.exists():
        data = {name: findings_of(name) for name in SCENARIOS}
        GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return json.loads(GOLDEN.read_text("utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_findings_exactly(name: str, golden: dict[str, Any]) -> None:
    assert findings_of(name) == golden[name]


def test_golden_has_no_stale_scenarios(golden: dict[str, Any]) -> None:
    assert set(golden) == set(SCENARIOS)


def test_deadlines() -> None:
    assert gd.checks.deadline(gd.OrganKind.DEPARTMENT, 2019) == date(2020, 1, 31)
    assert gd.checks.deadline(gd.OrganKind.GOVERNMENT, 2020) == date(2021, 3, 31)
    assert gd.checks.deadline(gd.OrganKind.TOWNSHIP, 2024) is None
    assert gd.checks.deadline(gd.OrganKind.OTHER, 2024) is None
