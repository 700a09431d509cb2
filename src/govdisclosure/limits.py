"""How much input the parsers accept before refusing it.

A report is a few dozen kilobytes of text with three small tables. Anything far beyond
that is a damaged or hostile document, and the parsers refuse it early with
:class:`~govdisclosure.LimitExceeded` — a :class:`~govdisclosure.ParseError` whose
message names the limit and its value — rather than running out of memory or time.

Limits are set per call or for the whole process:

>>> import govdisclosure as gd
>>> gd.Limits().max_bytes
52428800
>>> tight = gd.Limits(max_bytes=1000)
>>> gd.parse_text("某县某局2024年政府信息公开工作年度报告\\n" * 100, limits=tight)
Traceback (most recent call last):
...
govdisclosure.errors.LimitExceeded: characters of the input: 2200, more than max_bytes=1000

>>> previous = gd.set_limits(tight)    # process-wide, returns the previous limits
>>> gd.get_limits().max_bytes
1000
>>> _ = gd.set_limits(previous)

A ``limits=`` argument wins over the process-wide limits. Spans (``rowspan``,
``colspan``) beyond ``max_span`` are not refused but clamped (a finding-free repair:
an official table is never wider than 15 columns or taller than 40 rows).
"""

from __future__ import annotations

import os
import time
from typing import Any

import attrs

from govdisclosure.errors import LimitExceeded

__all__ = ["Budget", "Limits", "get_limits", "set_limits"]


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
        msg = f"{attribute.name} must be a positive number, not {value!r}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Limits:
    """The limits every parser enforces (``None`` switches one off).

    - ``max_bytes`` — input size: bytes, or characters for ``str`` input (50 MB);
    - ``max_lines`` — lines of a text document (50,000);
    - ``max_tables`` — tables on an HTML page (500);
    - ``max_cells`` — cells of one table after expanding spans (20,000);
    - ``max_total_cells`` — cells of all tables of a page together (200,000);
    - ``max_depth`` — element nesting of an HTML page (128), tables inside tables
      counted in it;
    - ``max_span`` — ``rowspan``/``colspan`` clamp (200): larger values are read as
      this value;
    - ``max_pages`` — pages of a PDF (1,000: a report with its appendices can run to
      hundreds of pages, read at 25–50 ms a page);
    - ``time_budget`` — seconds one parse may take (60.0), checked between lines,
      rows, tables and pages (a single library call, such as lxml parsing the page,
      is not interrupted).
    """

    max_bytes: int | None = attrs.field(default=50 * 1024 * 1024, validator=_positive)
    max_lines: int | None = attrs.field(default=50_000, validator=_positive)
    max_tables: int | None = attrs.field(default=500, validator=_positive)
    max_cells: int | None = attrs.field(default=20_000, validator=_positive)
    max_total_cells: int | None = attrs.field(default=200_000, validator=_positive)
    max_depth: int | None = attrs.field(default=128, validator=_positive)
    max_span: int = attrs.field(default=200, validator=_positive)
    max_pages: int | None = attrs.field(default=1000, validator=_positive)
    time_budget: float | None = attrs.field(default=60.0, validator=_positive)

    def check(self, name: str, value: int, what: str) -> None:
        """Raise :class:`~govdisclosure.LimitExceeded` when ``value`` is beyond limit ``name``.

        ``what`` describes the value for the message (``"bytes of the input"``).

        >>> Limits(max_pages=2).check("max_pages", 3, "pages of the PDF")
        Traceback (most recent call last):
        ...
        govdisclosure.errors.LimitExceeded: pages of the PDF: 3, more than max_pages=2
        """
        limit: int | float | None = getattr(self, name)
        if limit is not None and value > limit:
            msg = f"{what}: {value}, more than {name}={limit}"
            raise LimitExceeded(msg)

    def budget(self) -> Budget:
        """A clock for one parse, started now."""
        return Budget(self.time_budget)


class Budget:
    """The time left for one parse; :meth:`check` raises once it is spent."""

    __slots__ = ("_end", "_seconds")

    def __init__(self, seconds: float | None) -> None:
        self._seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        """Raise :class:`~govdisclosure.LimitExceeded` when the time budget is spent."""
        if self._end is not None and time.monotonic() > self._end:
            msg = f"the parse took more than time_budget={self._seconds} seconds"
            raise LimitExceeded(msg)


_current = Limits()


def get_limits() -> Limits:
    """The process-wide limits (used when a parser is called without ``limits=``)."""
    return _current


def set_limits(limits: Limits) -> Limits:
    """Set the process-wide limits; returns the previous ones (to restore them)."""
    global _current  # one process-wide setting, documented
    if not isinstance(limits, Limits):
        msg = f"set_limits takes Limits, not {type(limits).__name__}"  # type: ignore[unreachable]
        raise TypeError(msg)
    previous, _current = _current, limits
    return previous


def resolve(limits: Limits | None) -> Limits:
    """``limits`` or, when ``None``, the process-wide limits."""
    return _current if limits is None else limits


def read_input(path: os.PathLike[str], limits: Limits) -> bytes:
    """The bytes of the file at ``path``, refused beyond ``max_bytes`` before they are read."""
    with open(path, "rb") as f:
        limits.check("max_bytes", os.fstat(f.fileno()).st_size, "bytes of the input")
        return f.read()


def input_size(data: str | bytes, limits: Limits) -> None:
    """Refuse ``data`` beyond ``max_bytes`` (bytes, or characters of a ``str``)."""
    if isinstance(data, str):
        limits.check("max_bytes", len(data), "characters of the input")
    else:
        limits.check("max_bytes", len(data), "bytes of the input")
