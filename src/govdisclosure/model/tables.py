"""Tables: a template layout filled with cell values.

Every table of sections 二, 三 and 四 is a :class:`Table`: the identifier of its layout
(``"applications"``, ``"review_litigation"``, ``"active.art20_1"`` …), the edition that
layout comes from, and its cells row by row in official order. Each table knows its own
edition, so a report that mixes editions can be held as published.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from govdisclosure.model.cells import (
    BLANK,
    MAX_FIGURE_DIGITS,
    Blank,
    CellValue,
    NotApplicable,
    Text,
    is_number,
    is_overlong,
)
from govdisclosure.template import Edition, TableSpec, template

__all__ = ["Table"]

_TOO_BIG = 10**MAX_FIGURE_DIGITS


def _check_cells(
    instance: Table, _attribute: Any, cells: tuple[tuple[CellValue, ...], ...]
) -> None:
    spec = instance.spec
    if len(cells) != len(spec.rows):
        msg = f"{spec.id} ({instance.edition}) has {len(spec.rows)} rows, got {len(cells)}"
        raise ValueError(msg)
    width = len(spec.columns)
    for row, values in zip(spec.rows, cells, strict=True):
        if len(values) != width:
            msg = f"{spec.id}.{row.id} has {width} columns, got {len(values)}"
            raise ValueError(msg)
        for v in values:
            if type(v) is int and -_TOO_BIG < v < _TOO_BIG:  # the common case: a count
                continue
            if isinstance(v, int) and not isinstance(v, bool) and is_overlong(v):
                column = spec.columns[values.index(v)].id
                msg = (
                    f"{spec.id}.{row.id}.{column}: a figure of more than {MAX_FIGURE_DIGITS} "
                    "digits (Python cannot write it out)"
                )
                raise ValueError(msg)
            if isinstance(v, Decimal):
                if not v.is_finite():
                    msg = f"{spec.id}.{row.id}: {v} is not a finite amount"
                    raise ValueError(msg)
            elif not (is_number(v) or isinstance(v, Blank | NotApplicable | Text)):
                # the cell is named in full (its column found only now: the loop is hot)
                column = spec.columns[values.index(v)].id
                msg = (
                    f"{spec.id}.{row.id}.{column}: {v!r} is not a cell value (int, Decimal, "
                    "BLANK, NotApplicable, Text; build_report reads figures written as text)"
                )
                raise TypeError(msg)


def _to_tuple(cells: Any) -> tuple[tuple[CellValue, ...], ...]:
    return tuple(tuple(row) for row in cells)


@attrs.frozen
class Table:
    """One table of a report.

    >>> from govdisclosure.template import Edition
    >>> t = Table.blank("review_litigation", Edition.V2021)
    >>> t["review", "total"]
    BLANK
    >>> t.with_cell("review", "total", 3)["review", "total"]
    3
    """

    id: str
    """The layout's identifier in the template."""
    edition: Edition = attrs.field(converter=Edition)
    cells: tuple[tuple[CellValue, ...], ...] = attrs.field(
        converter=_to_tuple, validator=_check_cells
    )
    """Values row by row, in the template's row and column order."""

    @property
    def spec(self) -> TableSpec:
        """The layout from the template."""
        return template(self.edition).table(self.id)

    def __getitem__(self, key: tuple[str, str]) -> CellValue:
        row, column = key
        spec = self.spec
        return self.cells[spec.row_index(row)][spec.column_index(column)]

    def row(self, row_id: str) -> dict[str, CellValue]:
        """One row as ``{column_id: value}``."""
        spec = self.spec
        return dict(zip(spec.column_ids, self.cells[spec.row_index(row_id)], strict=True))

    def column(self, column_id: str) -> dict[str, CellValue]:
        """One column as ``{row_id: value}``."""
        spec = self.spec
        j = spec.column_index(column_id)
        return {r: values[j] for r, values in zip(spec.row_ids, self.cells, strict=True)}

    def items(self) -> Iterator[tuple[str, str, CellValue]]:
        """Every cell as ``(row_id, column_id, value)``, row by row."""
        spec = self.spec
        columns = spec.column_ids
        for row_id, values in zip(spec.row_ids, self.cells, strict=True):
            for column_id, value in zip(columns, values, strict=True):
                yield row_id, column_id, value

    def to_mapping(self) -> dict[str, dict[str, CellValue]]:
        """``{row_id: {column_id: value}}`` in official order."""
        spec = self.spec
        return {
            r: dict(zip(spec.column_ids, values, strict=True))
            for r, values in zip(spec.row_ids, self.cells, strict=True)
        }

    def with_cell(self, row_id: str, column_id: str, value: CellValue) -> Table:
        """A copy with one cell changed (:class:`TypeError` naming the cell, from the
        table's check, if ``value`` is not a cell value)."""
        spec = self.spec
        i, j = spec.row_index(row_id), spec.column_index(column_id)
        cells = list(self.cells)
        row = list(cells[i])
        row[j] = value
        cells[i] = tuple(row)
        return attrs.evolve(self, cells=tuple(cells))

    @classmethod
    def blank(cls, table_id: str, edition: Edition | str) -> Table:
        """A table of ``edition``'s layout ``table_id`` with every cell blank."""
        spec = template(edition).table(table_id)
        return cls(
            table_id, Edition(edition), tuple((BLANK,) * len(spec.columns) for _ in spec.rows)
        )

    @classmethod
    def from_mapping(
        cls,
        table_id: str,
        edition: Edition | str,
        values: Mapping[str, Mapping[str, CellValue]],
        *,
        missing: CellValue = BLANK,
    ) -> Table:
        """Build a table from ``{row_id: {column_id: value}}``.

        Unknown row or column identifiers raise :class:`KeyError`; cells not given are
        ``missing``. To derive totals as well, use :func:`govdisclosure.build_table`.
        """
        spec = template(edition).table(table_id)
        for row_id, row in values.items():
            spec.row_index(row_id)
            for column_id in row:
                spec.column_index(column_id)
        cells = tuple(
            tuple(values.get(r.id, {}).get(c.id, missing) for c in spec.columns) for r in spec.rows
        )
        return cls(table_id, Edition(edition), cells)


def trusted_table(
    table_id: str, edition: Edition, cells: tuple[tuple[CellValue, ...], ...]
) -> Table:
    """``Table(table_id, edition, cells)`` without the converter and the validator, for
    a reader that built ``cells`` from the layout itself: rows already tuples, of the
    layout's shape, holding ints, finite Decimals, BLANK, NotApplicable and Text only.
    The validator is a Python loop over every cell; a reader that knows all this need
    not pay for it. (A field added to :class:`Table` must be added here: a test compares
    the two.)"""
    table: Table = object.__new__(Table)
    object.__setattr__(table, "id", table_id)
    object.__setattr__(table, "edition", edition)
    object.__setattr__(table, "cells", cells)
    return table
