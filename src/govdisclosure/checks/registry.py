"""The registry of finding codes and of the checks that produce them.

Every code the library can emit is defined here once: its severity, its message (an
English gettext msgid with ``{placeholders}``, translated in the catalogs), the rule in
one line, and the rule's basis in the law or the template. The findings catalogue of
the documentation is generated from this registry, and a test fails when a code lacks
a translation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Final, TypeAlias

import attrs

from govdisclosure.model import Finding, Param, Report, Severity, Source
from govdisclosure.model.findings import trusted_finding

__all__ = [
    "CHECKS",
    "CODES",
    "SERIES_CHECKS",
    "Check",
    "CodeInfo",
    "SeriesCheck",
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

    @property
    def namespace(self) -> str:
        """The part of the code before the first dot."""
        return self.code.split(".", 1)[0]


CODES: Final[dict[str, CodeInfo]] = {}


def define(code: str, severity: Severity, message: str, *, rule: str, basis: str = "") -> CodeInfo:
    """Register a finding code; each code may be defined once."""
    if code in CODES:
        msg = f"finding code {code!r} is defined twice"
        raise ValueError(msg)
    info = CodeInfo(code, severity, message, rule, basis)
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


def register_series(*codes: str) -> Callable[[SeriesFunc], SeriesFunc]:
    """Register a cross-year check function that may emit ``codes``."""

    def deco(func: SeriesFunc) -> SeriesFunc:
        for c in codes:
            if c not in CODES:
                msg = f"{func.__name__} emits undefined code {c!r}"
                raise ValueError(msg)
        SERIES_CHECKS.append(SeriesCheck(func.__name__, codes, func))
        return func

    return deco
