"""What must add up: pure checks over the model, yielding findings.

>>> import govdisclosure as gd
>>> r = gd.build_report(organ="某县某局", year=2024, published="2025-01-20",
...     overview="概述。", problems="问题。", other="未收取信息处理费。")
>>> [f.code for f in gd.check(r) if f.severity != "info"]
[]
>>> gd.is_valid(r.with_cell("review_litigation.review.total", 5))
False
"""

from __future__ import annotations

# importing a module registers its checks; registry order is the order findings come in
from govdisclosure.checks import arithmetic as _arithmetic  # noqa: F401
from govdisclosure.checks import codes as _codes  # noqa: F401
from govdisclosure.checks import report as _report  # noqa: F401
from govdisclosure.checks import series as _series  # noqa: F401
from govdisclosure.checks import similarity as _similarity  # noqa: F401
from govdisclosure.checks.order import in_reading_order
from govdisclosure.checks.registry import (
    CHECKS,
    CODES,
    SERIES_CHECKS,
    CodeInfo,
    Gloss,
    define,
    finding,
    register,
    register_series,
)
from govdisclosure.checks.report import deadline
from govdisclosure.errors import InvalidReport
from govdisclosure.model import Finding, Report, Severity

__all__ = [
    "CHECKS",
    "CODES",
    "SERIES_CHECKS",
    "CodeInfo",
    "Gloss",
    "check",
    "deadline",
    "define",
    "finding",
    "in_reading_order",
    "is_valid",
    "register",
    "register_series",
    "validate",
]


def check(report: Report, *, previous: Report | None = None) -> tuple[Finding, ...]:
    """Everything that is wrong or worth knowing about ``report``; never raises.

    The findings noticed while reading come first, then those of every registered
    check in registry order; with ``previous`` (the same organ's report for the year
    before) the cross-year checks follow. Nothing stops at the first finding. Anything
    but a :class:`~govdisclosure.Report` is refused with :class:`TypeError`.
    """
    given: object = report
    before: object = previous
    if not isinstance(given, Report):  # callers without type checking
        msg = f"check takes a Report, not {type(given).__name__}"
        raise TypeError(msg)
    if before is not None and not isinstance(before, Report):
        msg = f"check takes a Report as previous, not {type(before).__name__}"
        raise TypeError(msg)
    out: list[Finding] = list(report.findings)
    for c in CHECKS:
        out.extend(c.func(report))
    if previous is not None:
        for s in SERIES_CHECKS:
            out.extend(s.func(report, previous))
    return tuple(out)


def validate(report: Report, *, previous: Report | None = None) -> Report:
    """Return ``report`` if no finding is an error; raise :class:`InvalidReport` otherwise."""
    findings = check(report, previous=previous)
    errors = tuple(f for f in findings if f.severity is Severity.ERROR)
    if errors:
        raise InvalidReport(errors)
    return report


def is_valid(report: Report, *, previous: Report | None = None) -> bool:
    """Whether ``report`` has no error finding."""
    return not any(f.severity is Severity.ERROR for f in check(report, previous=previous))


# The audits of the prose register after the core checks, so that their findings come
# last in every report's list.
from govdisclosure.checks import content as _content  # noqa: E402, F401
from govdisclosure.checks import narrative as _narrative  # noqa: E402, F401
