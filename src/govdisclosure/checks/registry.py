"""The registry of finding codes and of the checks that produce them.

Every code the library can emit is defined here once: its severity, its message (an
English gettext msgid with ``{placeholders}``, translated in the catalogs), the rule in
one line, and the rule's basis in the law or the template. The findings catalogue of
the documentation is generated from this registry, and a test fails when a code lacks
a translation.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Final, TypeAlias

import attrs

from govdisclosure.i18n import Gloss
from govdisclosure.model import Finding, Param, Report, Severity, Source, same_organ
from govdisclosure.model.findings import trusted_finding

__all__ = [
    "CHECKS",
    "CODES",
    "SERIES_CHECKS",
    "Check",
    "CodeInfo",
    "Gloss",
    "SeriesCheck",
    "comparable",
    "define",
    "finding",
    "register",
    "register_series",
]


def N_(message: str) -> str:
    """Mark a string for extraction into the message catalogs."""
    return message


@attrs.frozen
class CodeInfo:
    """What a finding code means."""

    code: str
    severity: Severity
    message: str
    """The message template: an English gettext msgid with ``{placeholders}``."""
    rule: str
    """The rule, in one English sentence, for the catalogue."""
    basis: str = ""
    """Where the rule comes from: the 条例, the notice, the template."""
    glosses: tuple[tuple[str, Gloss], ...] = ()
    """The parameters that quote official Chinese wording, each with what it quotes (a
    :class:`~govdisclosure.i18n.Gloss`), sorted by name: English messages follow each
    with English, ``"本年废止件数" (Repealed this year)``, ``主动公开 (proactive
    disclosure)``; Chinese ones show the value alone. A parameter not named here is
    never glossed, whatever its name."""

    @property
    def namespace(self) -> str:
        """The part of the code before the first dot."""
        return self.code.split(".", 1)[0]


CODES: Final[dict[str, CodeInfo]] = {}


def define(
    code: str,
    severity: Severity,
    message: str,
    *,
    rule: str,
    basis: str = "",
    glosses: Mapping[str, Gloss] | None = None,
) -> CodeInfo:
    """Register a finding code; each code may be defined once. ``glosses`` names the
    parameters that quote official wording and what each quotes
    (:attr:`CodeInfo.glosses`)."""
    if code in CODES:
        msg = f"finding code {code!r} is defined twice"
        raise ValueError(msg)
    declared = tuple(sorted((glosses or {}).items()))
    fields = {f for _, f, _, _ in string.Formatter().parse(message) if f}
    if unknown := [name for name, _ in declared if name not in fields]:
        msg = f"finding code {code!r} glosses {unknown}, not fields of its message"
        raise ValueError(msg)
    info = CodeInfo(code, severity, message, rule, basis, declared)
    CODES[code] = info
    return info


def finding(
    code: str,
    path: str = "",
    *,
    source: Source | None = None,
    expected: int | Decimal | None = None,
    actual: int | Decimal | None = None,
    difference: int | Decimal | None = None,
    expression: str = "",
    severity: Severity | None = None,
    **params: Param,
) -> Finding:
    """Make a :class:`~govdisclosure.Finding` of a registered code (its severity by default)."""
    info = CODES[code]
    return trusted_finding(
        code,
        severity or info.severity,
        path,
        source,
        expected,
        actual,
        difference,
        expression,
        tuple(sorted(params.items())) if params else (),  # a dict: each name once
    )


CheckFunc: TypeAlias = Callable[[Report], Iterable[Finding]]
SeriesFunc: TypeAlias = Callable[[Report, Report], Iterable[Finding]]


@attrs.frozen
class Check:
    """A check over one report."""

    name: str
    codes: tuple[str, ...]
    func: CheckFunc


@attrs.frozen
class SeriesCheck:
    """A check over a report and the same organ's report for the year before."""

    name: str
    codes: tuple[str, ...]
    func: SeriesFunc


CHECKS: Final[list[Check]] = []
SERIES_CHECKS: Final[list[SeriesCheck]] = []


def register(*codes: str) -> Callable[[CheckFunc], CheckFunc]:
    """Register a check function that may emit ``codes``."""

    def deco(func: CheckFunc) -> CheckFunc:
        for c in codes:
            if c not in CODES:
                msg = f"{func.__name__} emits undefined code {c!r}"
                raise ValueError(msg)
        CHECKS.append(Check(func.__name__, codes, func))
        return func

    return deco


def comparable(report: Report, previous: Report) -> bool:
    """Whether the cross-year checks compare ``report`` with ``previous``.

    They do when ``previous`` is by the same organ (:func:`~govdisclosure.model.same_organ`)
    and for the year before ``report``'s. A pair in which either year is unknown is not
    compared: nothing shows that one report follows the other.
    """
    return (
        same_organ(report.organ.name, previous.organ.name)
        and report.year is not None
        and previous.year is not None
        and previous.year == report.year - 1
    )


def _on_comparable_pairs(func: SeriesFunc) -> SeriesFunc:
    """``func``, finding nothing on a pair that is not :func:`comparable`."""

    @functools.wraps(func)
    def check(report: Report, previous: Report) -> Iterable[Finding]:
        return func(report, previous) if comparable(report, previous) else ()

    return check


def register_series(*codes: str, any_pair: bool = False) -> Callable[[SeriesFunc], SeriesFunc]:
    """Register a cross-year check function that may emit ``codes``.

    The function registered (and returned) finds nothing on a pair that is not
    :func:`comparable` — another organ's report, or not the year before — however it is
    called: by :func:`~govdisclosure.check`, by :func:`~govdisclosure.check_series` or
    directly. A check registered with ``any_pair=True`` sees every pair: the built-in one
    reports ``series.organ-mismatch`` or ``series.not-consecutive`` for such a pair, and
    that is all the cross-year checks report of it.
    """

    def deco(func: SeriesFunc) -> SeriesFunc:
        for c in codes:
            if c not in CODES:
                msg = f"{func.__name__} emits undefined code {c!r}"
                raise ValueError(msg)
        registered = func if any_pair else _on_comparable_pairs(func)
        SERIES_CHECKS.append(SeriesCheck(func.__name__, codes, registered))
        return registered

    return deco
