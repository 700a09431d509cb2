"""Findings in the order the report reads, for people reading a list of them."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Final

from govdisclosure.model import Finding
from govdisclosure.template import Edition, TableSpec, template

__all__ = ["in_reading_order"]

_SECTIONS: Final = ("overview", "active", "applications", "review_litigation", "problems", "other")
_HEAD: Final = frozenset({"", "organ", "year", "published", "title"})
"""Paths of the report as a whole and of its title: before section 一."""
_UNKNOWN: Final = 1_000_000
"""The rank of what the format does not know: after everything it knows."""


@functools.cache
def _specs(table_id: str, edition: Edition | None) -> tuple[TableSpec, ...]:
    """The specs of ``table_id``, the one of ``edition`` first (else the 2021 one)."""
    editions = (Edition.V2021, Edition.V2019)
    if edition is Edition.V2019:
        editions = (Edition.V2019, Edition.V2021)
    return tuple(template(e).table(table_id) for e in editions if template(e).has_table(table_id))


@functools.cache
def _table_rank(table_id: str) -> int:
    """The place of a table of section 二 (``active.art20_5``) in official order."""
    for edition in (Edition.V2021, Edition.V2019):
        ids = [t.id for t in template(edition).active_tables]
        if table_id in ids:
            return ids.index(table_id)
    return _UNKNOWN


def _rank(specs: tuple[TableSpec, ...], name: str, *, row: bool) -> int:
    """The place of a row (``row``) or column in the first spec that has it."""
    if name == "*":
        return -1
    for spec in specs:
        ids = spec.row_ids if row else spec.column_ids
        if name in ids:
            return spec.row_index(name) if row else spec.column_index(name)
    return _UNKNOWN


@functools.lru_cache(maxsize=4096)
def _place(path: str, edition: Edition | None) -> tuple[int, int, int, int]:
    """``(section, table, row, column)`` of ``path`` in the layout; ``-1`` is the start
    of the place (the table itself, its column headings, a row's label)."""
    head, _, rest = path.partition(".")
    if path in _HEAD:
        return (0, -1, -1, -1)
    if head not in _SECTIONS:
        return (_UNKNOWN, -1, -1, -1)
    section = _SECTIONS.index(head) + 1
    if head == "active":
        if not rest:
            return (section, -1, -1, -1)
        block, _, rest = rest.partition(".")
        table_id = f"active.{block}"
        table = _table_rank(table_id)
    elif head in {"applications", "review_litigation"}:
        table_id, table = head, 0
    else:  # the prose sections
        return (section, -1 if not rest else _UNKNOWN, -1, -1)
    if not rest:
        return (section, table, -1, -1)
    specs = _specs(table_id, edition)
    row, _, column = rest.rpartition(".")  # a row identifier may hold dots, a column none
    if not row:  # a path of one part below the table: a row
        row, column = column, "*"
    return (section, table, _rank(specs, row, row=True), _rank(specs, column, row=False))


def _position(
    finding: Finding, edition: Edition | str | None = None
) -> tuple[int, int, int, int, int, int, int]:
    """Where ``finding`` comes in :func:`in_reading_order`: a key to sort by."""
    source = finding.source
    line: object = source.line if source is not None else None
    column = source.column if source is not None else None
    if line is None:
        line = dict(finding.params).get("paragraph")
    at = (line, column or 0) if isinstance(line, int) else (-1, -1)
    ed = Edition(edition) if edition is not None else None
    return (*_place(finding.path, ed), *at, -finding.severity.rank)


def in_reading_order(
    findings: Iterable[Finding], edition: Edition | str | None = None
) -> list[Finding]:
    """``findings`` in the order the report reads; the command line lists them so.

    :func:`~govdisclosure.check` gives findings in the order the checks produce them
    (what was noticed while reading, then each check in registry order). A person
    reading the list expects it to follow the report instead. The order is:

    1. where the finding is, by its path: first what concerns the report as a whole or
       its title (the organ, the year, the date of publication), then the six sections
       in official order; within section 二, its tables in official order; within a
       table, the table itself, then its column headings, then row by row, each row's
       label before its cells, the columns in official order; paths the format does not
       know come after the ones it knows, at the end of the place they name;
    2. then where in the prose or the input it was read: the line and column of its
       ``source`` (else the line a narrative finding names), earliest first, findings
       without a position before those with one;
    3. then errors before warnings before information;
    4. then, for findings at the same place and of the same severity, the order they
       were given in (the sort is stable).

    ``edition`` (the report's, :attr:`govdisclosure.Report.edition`) picks the layout
    of a table that differs between the editions; without it, the 2021 layout is
    tried first.

    >>> from govdisclosure.checks.registry import finding
    >>> found = [finding("review.group-total", "review_litigation.review.total"),
    ...          finding("overview.empty", "overview"),
    ...          finding("applications.row-total", "applications.granted.total"),
    ...          finding("applications.row-total", "applications.new_received.total")]
    >>> [f.path for f in in_reading_order(found)]  # doctest: +NORMALIZE_WHITESPACE
    ['overview', 'applications.new_received.total', 'applications.granted.total',
     'review_litigation.review.total']
    """
    return sorted(findings, key=lambda f: _position(f, edition))
