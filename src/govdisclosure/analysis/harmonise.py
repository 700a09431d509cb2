"""One comparable set of figures for reports of either edition.

Researchers following an organ from 2019 to 2025 meet two editions of the format. The
2019 trial format has one （六）其他处理 row where the 2021 format has three; section 二
changed its columns. :func:`harmonise` maps a report onto the fields of
``harmonised.toml`` (beside this module): each field is made of named cells of the
report's own tables, summed where the data says so, and marked ``not_in_edition`` where
that edition has no such figure — nothing is forced.

>>> import govdisclosure as gd
>>> r = gd.build_report(organ="某局", year=2022, applications={
...     "new_received": {"natural_person": 3}, "other.unpaid_fee": {"natural_person": 1},
...     "other.other": {"natural_person": 2}})
>>> f = gd.harmonise(r)["applications.other.total"]
>>> f.value, f.sources
(3, ('applications.other.no_amendment.total', 'applications.other.unpaid_fee.total', 'applications.other.other.total'))
>>> gd.harmonise(r)["active.regulations.new_made"].state
'not_in_edition'
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from importlib import resources
from typing import Any, Final, Literal, TypeAlias

import attrs

from govdisclosure.model import BLANK, NotApplicable, Report, Table, Text, is_number, split_path
from govdisclosure.template import Edition

__all__ = ["HARMONISED_FIELDS", "Harmonised", "HarmonisedField", "HarmonisedFigure", "harmonise"]

State: TypeAlias = Literal[
    "number", "blank", "not_applicable", "text", "partial", "absent", "not_in_edition"
]


@attrs.frozen
class HarmonisedField:
    """One field of the harmonised set, and the cells that make it in each edition."""

    id: str
    """``<section>.<row>.<column>`` (for section 二: ``active.<row>.<column>``)."""
    section: str
    comparable: bool
    """Whether the field means the same in both editions."""
    cells: Mapping[Edition, tuple[str, ...]]
    """The cell paths summed, per edition; an edition without the figure is absent."""


@attrs.frozen
class HarmonisedFigure:
    """The value of one harmonised field for one report."""

    field: str
    value: int | Decimal | None
    """The figure, or ``None`` when the cells hold no number (see :attr:`state`)."""
    state: State
    """``number``; ``blank``, ``not_applicable`` or ``text`` as the cell(s); ``partial``
    when some summed cells are numbers and some are not; ``absent`` when the report has no
    such table; ``not_in_edition`` when the table's edition has no such figure."""
    edition: Edition | None
    """The edition of the table the figure was taken from."""
    sources: tuple[str, ...]
    """The report's cell paths the figure is made of (summed)."""
    comparable: bool


Harmonised: TypeAlias = dict[str, HarmonisedFigure]


@functools.cache
def _fields() -> tuple[HarmonisedField, ...]:
    data: dict[str, Any] = tomllib.loads(
        resources.files(__package__).joinpath("harmonised.toml").read_text("utf-8")
    )
    out: list[HarmonisedField] = []
    both = (Edition.V2019, Edition.V2021)
    for section in ("applications", "review_litigation"):
        part = data[section]
        special = {r["id"]: r for r in part.get("rows", [])}
        order = list(part["same_rows"]) + list(special) + list(part.get("after", []))
        for row in order:
            for column in part["columns"]:
                fid = f"{section}.{row}.{column}"
                if row in special:
                    spec = special[row]
                    cells = {
                        ed: tuple(f"{section}.{r}.{column}" for r in spec[f"v{ed.value}"])
                        for ed in both
                        if f"v{ed.value}" in spec
                    }
                    out.append(HarmonisedField(fid, section, bool(spec["comparable"]), cells))
                else:
                    out.append(HarmonisedField(fid, section, True, dict.fromkeys(both, (fid,))))
    for spec in data["active"]:
        cells = {ed: tuple(spec[f"v{ed.value}"]) for ed in both if f"v{ed.value}" in spec}
        out.append(HarmonisedField(spec["id"], "active", bool(spec["comparable"]), cells))
    return tuple(out)


HARMONISED_FIELDS: Final = _fields()
"""Every harmonised field, in panel order (section 三, section 四, section 二)."""


@functools.cache
def _split_all(paths: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    return tuple(split_path(p) for p in paths)


def _figure(tables: Mapping[str, Table], spec: HarmonisedField) -> HarmonisedFigure:
    first = spec.cells.get(Edition.V2021) or spec.cells.get(Edition.V2019) or ()
    table = tables.get(_split_all(first)[0][0]) if first else None
    if table is None:
        return HarmonisedFigure(spec.id, None, "absent", None, (), spec.comparable)
    paths = spec.cells.get(table.edition)
    if not paths:
        return HarmonisedFigure(spec.id, None, "not_in_edition", table.edition, (), spec.comparable)
    values = []
    for table_id, row, column in _split_all(paths):
        t = tables.get(table_id)
        if t is None:
            return HarmonisedFigure(spec.id, None, "absent", None, (), spec.comparable)
        values.append(t[row, column])
    numbers = [v for v in values if is_number(v)]
    state: State
    value: int | Decimal | None = None
    if len(numbers) == len(values):
        state, value = "number", sum(numbers, start=0)
    elif numbers:
        state = "partial"
    elif all(v is BLANK for v in values):
        state = "blank"
    elif all(isinstance(v, NotApplicable) for v in values):
        state = "not_applicable"
    else:
        state = "text" if any(isinstance(v, Text) for v in values) else "blank"
    return HarmonisedFigure(spec.id, value, state, table.edition, paths, spec.comparable)


def harmonise(report: Report) -> Harmonised:
    """The harmonised figures of ``report``: ``{field: HarmonisedFigure}`` in panel order.

    Every report gives the same fields whatever its edition, so reports of 2019–2025 can
    be stacked into one panel. Each table is read in its own edition, so a report that
    mixes editions (2021 tables with the single 2019 （六） row) is harmonised correctly.
    """
    tables = {t.id: t for t in report.tables}
    return {spec.id: _figure(tables, spec) for spec in _fields()}
