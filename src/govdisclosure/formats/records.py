"""Tidy records: one flat row per cell, with canonical keys, for data frames and CSV.

>>> import govdisclosure as gd
>>> r = gd.build_report(organ="某县某局", year=2024)
>>> rows = gd.to_records(r)
>>> len(rows)
200
>>> rows[0]["path"], rows[0]["value"], rows[0]["state"]
('active.art20_1.regulations.issued', 0, 'number')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final, Literal, TypedDict, overload

from govdisclosure.analysis.harmonise import harmonise
from govdisclosure.model import BLANK, NotApplicable, Report, Text, is_number

__all__ = [
    "HARMONISED_RECORD_FIELDS",
    "RECORD_FIELDS",
    "HarmonisedRecord",
    "Record",
    "to_records",
]


class Record(TypedDict):
    """One cell of one report."""

    organ: str
    organ_kind: str
    year: int | None
    edition: str
    section: str
    table: str
    row: str
    column: str
    path: str
    value: int | Decimal | None
    """The figure, or ``None`` when the cell holds no number."""
    state: str
    """``number``, ``blank``, ``not_applicable`` or ``text``."""
    text: str
    """The placeholder or the text when the cell holds no number; ``""`` otherwise."""
    source: str
    """Where the cell was read, when the report was parsed."""


RECORD_FIELDS: Final = tuple(Record.__annotations__)
"""The keys of a :class:`~govdisclosure.Record`, in order."""


class HarmonisedRecord(TypedDict):
    """One harmonised figure of one report (see :func:`govdisclosure.harmonise`)."""

    organ: str
    organ_kind: str
    year: int | None
    edition: str
    """The edition of the table the figure comes from; ``""`` when it is absent."""
    section: str
    field: str
    """The harmonised field, ``<section>.<row>.<column>``, the same in both editions."""
    value: int | Decimal | None
    state: str
    """``number``, ``blank``, ``not_applicable``, ``text``, ``partial``, ``absent`` or
    ``not_in_edition``."""
    comparable: bool
    """Whether the field means the same in both editions."""
    sources: str
    """The cell paths summed into the figure, comma-separated."""


HARMONISED_RECORD_FIELDS: Final = tuple(HarmonisedRecord.__annotations__)


@overload
def to_records(report: Report, *, harmonised: Literal[False] = False) -> list[Record]: ...
@overload
def to_records(report: Report, *, harmonised: Literal[True]) -> list[HarmonisedRecord]: ...
@overload
def to_records(report: Report, *, harmonised: bool) -> list[Record] | list[HarmonisedRecord]: ...
def to_records(
    report: Report, *, harmonised: bool = False
) -> list[Record] | list[HarmonisedRecord]:
    """Every cell of every table of ``report`` as a :class:`Record`, in official order.

    With ``harmonised=True``, the harmonised figures instead (one
    :class:`HarmonisedRecord` per field of :data:`govdisclosure.HARMONISED_FIELDS`, the
    same fields for both editions), for a 2019–2025 panel.

    >>> import govdisclosure as gd
    >>> rows = gd.to_records(gd.build_report(organ="某局", year=2020), harmonised=True)
    >>> [(r["field"], r["value"], r["sources"]) for r in rows if r["field"] == "applications.other.total"]
    [('applications.other.total', 0, 'applications.other.total')]
    """
    if harmonised:
        return _harmonised_records(report)
    out: list[Record] = []
    organ, kind, year = report.organ.name, report.organ.kind.value, report.year
    provenance = report.provenance
    for t in report.tables:
        spec = t.spec
        section = spec.section
        edition = t.edition.value
        column_ids = spec.column_ids
        for row_id, values in zip(spec.row_ids, t.cells, strict=True):
            prefix = f"{t.id}.{row_id}."
            for column_id, v in zip(column_ids, values, strict=True):
                path = prefix + column_id
                src = provenance.get(path) if provenance else None
                value: int | Decimal | None = None
                text = ""
                if type(v) is int or is_number(v):
                    value, state = v, "number"
                elif v is BLANK:
                    state = "blank"
                elif isinstance(v, NotApplicable):
                    state, text = "not_applicable", v.mark
                else:
                    assert isinstance(v, Text)
                    state, text = "text", v.text
                # a dict display: what Record(...) builds, without the keyword call
                record: Record = {
                    "organ": organ,
                    "organ_kind": kind,
                    "year": year,
                    "edition": edition,
                    "section": section,
                    "table": t.id,
                    "row": row_id,
                    "column": column_id,
                    "path": path,
                    "value": value,
                    "state": state,
                    "text": text,
                    "source": str(src) if src is not None else "",
                }
                out.append(record)
    return out


def _harmonised_records(report: Report) -> list[HarmonisedRecord]:
    organ, kind, year = report.organ.name, report.organ.kind.value, report.year
    return [
        HarmonisedRecord(
            organ=organ,
            organ_kind=kind,
            year=year,
            edition=f.edition.value if f.edition is not None else "",
            section=field.split(".", 1)[0],
            field=field,
            value=f.value,
            state=f.state,
            comparable=f.comparable,
            sources=",".join(f.sources),
        )
        for field, f in harmonise(report).items()
    ]
