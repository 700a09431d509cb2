"""Small built reports the tests of ``check`` start from.

Shared by ``test_checks`` (properties and named cases) and ``test_checks_exact`` (every
finding of every check against a golden file).
"""

from __future__ import annotations

from typing import Any

import govdisclosure as gd


def base(**kwargs: Any) -> gd.Report:
    """A clean 2024 department report, with overrides."""
    defaults: dict[str, Any] = {
        "organ": "某市某局",
        "year": 2024,
        "published": "2025-01-20",
        "overview": "概述。",
        "problems": "问题。",
        "other": "未收取信息处理费。",
    }
    defaults.update(kwargs)
    return gd.build_report(**defaults)


def consecutive_years() -> tuple[gd.Report, gd.Report]:
    """A 2024 report and its 2023 report, whose carry-over and roll-forward agree."""
    last = base(
        year=2023,
        published="2024-01-20",
        applications={
            "new_received": {"natural_person": 5},
            "granted": {"natural_person": 3},
            "carried_forward": {"natural_person": 2},
        },
        active={"art20_1": {"normative_documents": {"issued": 2, "repealed": 0, "in_force": 10}}},
    )
    now = base(
        applications={
            "new_received": {"natural_person": 1},
            "carried_over": {"natural_person": 2},
            "granted": {"natural_person": 3},
        },
        active={"art20_1": {"normative_documents": {"issued": 3, "repealed": 1, "in_force": 12}}},
    )
    return now, last
