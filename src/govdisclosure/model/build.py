"""Named constructors: build tables and reports from plain mappings.

Compilers hold their figures as ``{row: {column: value}}`` keyed by canonical
identifiers. These functions turn them into a :class:`~govdisclosure.Report`,
reading strings like published cells and deriving every total that is omitted.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Final, TypeAlias

from govdisclosure.model.cells import (
    BLANK,
    Blank,
    CellValue,
    NotApplicable,
    Text,
    is_number,
    read_cell,
)
from govdisclosure.model.organ import Organ, OrganKind
from govdisclosure.model.report import Narrative, Report
from govdisclosure.model.tables import Table
from govdisclosure.template import ColumnSpec, Edition, edition_for_year, template

__all__ = ["CellInput", "TableInput", "build_report", "build_table"]

CellInput: TypeAlias = int | Decimal | str | Blank | NotApplicable | Text | None
"""What a builder accepts for a cell: a number, a published string, ``None`` (blank), or a
cell value."""
TableInput: TypeAlias = Mapping[str, Mapping[str, CellInput]]

_ABSENT: Final = object()
_NOT_DERIVABLE: Final = object()


def _cell(value: CellInput, column: ColumnSpec) -> CellValue:
    if value is None:
        return BLANK
    if isinstance(value, bool):
        msg = f"{column.id}: a bool is not a cell value"
        raise TypeError(msg)
    if isinstance(value, float):
        msg = f"{column.id}: floats are not accepted; pass an int, a Decimal or a string"
        raise TypeError(msg)
    if isinstance(value, str):
        return read_cell(value, column).value
    if isinstance(value, int) and column.unit is not None:
        return Decimal(value)
    return value


def _sum(values: list[object]) -> CellValue | object:
    """The sum of the parts, or a marker that a part is blank, a placeholder or text."""
    if all(is_number(v) for v in values):
        return sum(values, 0)  # type: ignore[arg-type]
    return _NOT_DERIVABLE


def build_table(
    table_id: str,
    values: TableInput,
    *,
    edition: Edition | str,
    missing: CellValue = 0,
    derive_totals: bool = True,
) -> Table:
    """Build one table from ``{row_id: {column_id: value}}``.

    Cells not given are ``missing`` (0 by default: a compiler's "no cases"), except
    totals, which are derived from their parts when ``derive_totals`` is true: the 总计
    column and the （七）总计 row of section 三, and each group's 总计 in section 四. A
    total with a part that is blank, a placeholder or text is left blank: a figure
    nobody supplied is never made up.

    >>> t = build_table("applications", {"new_received": {"natural_person": 3},
    ...     "granted": {"natural_person": 2}, "carried_forward": {"natural_person": 1}},
    ...     edition="2021")
    >>> t["total", "natural_person"], t["granted", "total"], t["new_received", "total"]
    (2, 2, 3)
    """
    spec = template(edition).table(table_id)
    grid: list[list[object]] = []
    for row in spec.rows:
        given = values.get(row.id, {})
        for column_id in given:
            spec.column_index(column_id)
        grid.append([_cell(given[c.id], c) if c.id in given else _ABSENT for c in spec.columns])
    for row_id in values:
        spec.row_index(row_id)

    def fill(i: int, j: int, derived: object) -> None:
        if grid[i][j] is not _ABSENT:
            return
        if derived is _NOT_DERIVABLE:
            grid[i][j] = BLANK if derive_totals else missing
        elif derive_totals and derived is not _ABSENT:
            grid[i][j] = derived
        else:
            grid[i][j] = missing

    if table_id == "applications":
        total_row = spec.row_index("total")
        total_col = spec.column_index("total")
        outcome_rows = [spec.row_index(r) for r in spec.outcome_row_ids]
        applicant_cols = [spec.column_index(c) for c in spec.part_column_ids]
        for i in range(len(spec.rows)):
            if i != total_row:
                for j in applicant_cols:
                    fill(i, j, _ABSENT)
        for j in applicant_cols:
            fill(total_row, j, _sum([grid[i][j] for i in outcome_rows]))
        for i in range(len(spec.rows)):
            fill(i, total_col, _sum([grid[i][j] for j in applicant_cols]))
    elif table_id == "review_litigation":
        total_col = spec.column_index("total")
        for i in range(len(spec.rows)):
            for j in range(total_col):
                fill(i, j, _ABSENT)
            fill(i, total_col, _sum(grid[i][:total_col]))
    else:
        for i in range(len(grid)):
            for j, column in enumerate(spec.columns):
                fill(
                    i, j, Decimal(missing) if column.unit and isinstance(missing, int) else _ABSENT
                )
    return Table(table_id, Edition(edition), tuple(tuple(r) for r in grid))


def _narrative(value: str | Narrative | None) -> Narrative | None:
    if value is None or isinstance(value, Narrative):
        return value
    return Narrative(value)


def build_report(
    *,
    organ: str | Organ,
    year: int,
    kind: OrganKind | str | None = None,
    published: date | str | None = None,
    title: str = "",
    preamble: str = "",
    overview: str | Narrative | None = "",
    active: Mapping[str, TableInput | Table] | None = None,
    applications: TableInput | Table | None = None,
    review_litigation: TableInput | Table | None = None,
    problems: str | Narrative | None = "",
    other: str | Narrative | None = "",
    edition: Edition | str | None = None,
    missing: CellValue = 0,
) -> Report:
    """Build a whole report from plain values.

    ``edition`` defaults to the one in force for ``year``. ``active`` maps the blocks of
    section 二 (``"art20_1"`` or ``"active.art20_1"``) to their rows; blocks not given
    are filled with ``missing``. A :class:`~govdisclosure.Table` may be passed in place
    of any mapping, for instance to mix editions as some published reports do. Prose
    sections are strings (``None`` leaves a section out).

    >>> r = build_report(organ="某县某局", year=2024,
    ...     applications={"new_received": {"natural_person": 2}, "granted": {"natural_person": 2}})
    >>> r.cell("applications.total.total")
    2
    """
    ed = Edition(edition) if edition is not None else edition_for_year(year)
    tpl = template(ed)
    if isinstance(organ, str):
        organ = Organ(organ) if kind is None else Organ(organ, OrganKind(kind))
    if isinstance(published, str):
        published = date.fromisoformat(published)

    def table(table_id: str, given: TableInput | Table | None) -> Table:
        if isinstance(given, Table):
            return given
        return build_table(table_id, given or {}, edition=ed, missing=missing)

    active = dict(active or {})
    blocks = []
    for spec in tpl.active_tables:
        given = active.pop(spec.id, None) or active.pop(spec.block, None)
        blocks.append(table(spec.id, given))
    for extra, given in active.items():
        if not isinstance(given, Table):
            msg = f"{extra!r} is not a block of section 二 in the {ed} edition"
            raise KeyError(msg)
        blocks.append(given)
    return Report(
        organ=organ,
        year=year,
        published=published,
        title=title,
        preamble=preamble,
        overview=_narrative(overview),
        active=tuple(blocks),
        applications=table("applications", applications),
        review_litigation=table("review_litigation", review_litigation),
        problems=_narrative(problems),
        other=_narrative(other),
    )
