"""Findings: everything the library has to say about a report, as data.

A finding has a stable code, a severity, the model path it concerns, where in the
input it was read (when the report was parsed), the arithmetic behind it, and
parameters for its message. The message itself is rendered on demand, in Chinese
(the default) or English, and is never stored.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Mapping
from decimal import Decimal
from typing import TypeAlias

import attrs

__all__ = ["Finding", "Param", "Severity", "Source"]


class Severity(enum.StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    """A rule of the format is broken (an identity fails, a count is negative, a table is
    missing)."""
    WARNING = "warning"
    """Probably wrong or non-standard (late, a label variant, extra cells, a blank total)."""
    INFO = "info"
    """Worth knowing; nothing is wrong by itself."""

    @property
    def rank(self) -> int:
        """2 for errors, 1 for warnings, 0 for information; for ``>=`` thresholds."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@attrs.frozen
class Source:
    """Where in the input something was read.

    Text: ``line`` and ``column`` (1-based). HTML: ``table``, ``row`` and ``cell`` in the
    expanded grid (0-based) and the source ``line``. PDF: ``page`` (1-based) and the
    position ``x``, ``y`` of the word in points from the top left.
    """

    line: int | None = None
    column: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    page: int | None = None
    x: float | None = None
    y: float | None = None

    def __str__(self) -> str:
        # the two common shapes first (a cell of an HTML table, a line of text): a table
        # becomes a record per cell, each with its source in words
        page, table, row, cell, line = self.page, self.table, self.row, self.cell, self.line
        if page is None and line is not None:
            column = self.column
            if table is None and row is None and cell is None:
                return f"line {line}:{column}" if column else f"line {line}"
            if table is not None and row is not None and cell is not None and column is None:
                return f"table {table + 1}, row {row + 1}, cell {cell + 1}, line {line}"
        return self._spelled_out()

    def _spelled_out(self) -> str:
        """Every part that is set, in a fixed order: what ``str`` gives for any shape
        (it writes the two common ones at once; a test compares the two)."""
        parts = []
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.table is not None:
            parts.append(f"table {self.table + 1}")
        if self.row is not None:
            parts.append(f"row {self.row + 1}")
        if self.cell is not None:
            parts.append(f"cell {self.cell + 1}")
        if self.line is not None:
            parts.append(f"line {self.line}" + (f":{self.column}" if self.column else ""))
        return ", ".join(parts)


Param: TypeAlias = str | int | Decimal


def _freeze_params(
    value: Mapping[str, Param] | tuple[tuple[str, Param], ...],
) -> tuple[tuple[str, Param], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted(items))


@attrs.frozen(kw_only=True)
class Finding:
    """One thing the library noticed about a report.

    >>> f = Finding(code="applications.row-total", severity=Severity.ERROR,
    ...             path="applications.granted.total", expected=2, actual=0, difference=-2)
    >>> f.fingerprint
    'applications.row-total@applications.granted.total'
    """

    code: str
    """Stable, namespaced identifier of what was found (see the findings catalogue)."""
    severity: Severity
    path: str = ""
    """Model path of the cell or table concerned, ``<table>.<row>.<column>``; ``*`` stands
    for a whole row or column, a bare table or section identifier for all of it."""
    source: Source | None = None
    """Where in the input, when the report was parsed."""
    expected: int | Decimal | None = None
    actual: int | Decimal | None = None
    difference: int | Decimal | None = None
    """``actual - expected``."""
    expression: str = ""
    """The identity checked, in canonical identifiers."""
    params: tuple[tuple[str, Param], ...] = attrs.field(default=(), converter=_freeze_params)
    """Values for the message (labels, quoted text, dates)."""

    @property
    def fingerprint(self) -> str:
        """``code@path``: stable across runs, for suppressions and baselines."""
        return f"{self.code}@{self.path}"

    @property
    def fingerprint_hash(self) -> str:
        """The first 16 hex digits of the SHA-256 of :attr:`fingerprint`."""
        return hashlib.sha256(self.fingerprint.encode()).hexdigest()[:16]

    @property
    def args(self) -> dict[str, Param]:
        """:attr:`params` as a dict."""
        return dict(self.params)

    def message(self, locale: str = "zh_CN") -> str:
        """The finding in words, in ``locale`` (``"zh_CN"`` or ``"en"``)."""
        from govdisclosure.i18n import render_finding  # noqa: PLC0415 - i18n is a lower layer

        return render_finding(self, locale)


def trusted_finding(
    code: str,
    severity: Severity,
    path: str,
    source: Source | None,
    expected: int | Decimal | None,
    actual: int | Decimal | None,
    difference: int | Decimal | None,
    expression: str,
    params: tuple[tuple[str, Param], ...],
) -> Finding:
    """``Finding(...)`` without attrs' keyword ``__init__`` and the converter of
    ``params``, for a caller that gives ``params`` in the converter's form already (the
    pairs sorted, each name once). A check may yield many findings; the generated
    ``__init__`` took about twice as long as setting the fields. (A field added to
    :class:`Finding` must be added here: a test compares the two.)"""
    f: Finding = object.__new__(Finding)
    set_field = object.__setattr__
    set_field(f, "code", code)
    set_field(f, "severity", severity)
    set_field(f, "path", path)
    set_field(f, "source", source)
    set_field(f, "expected", expected)
    set_field(f, "actual", actual)
    set_field(f, "difference", difference)
    set_field(f, "expression", expression)
    set_field(f, "params", params)
    return f
