"""JSON: a dedicated cattrs converter, an exact round trip, and a JSON Schema.

Cells are written compactly: a count is a JSON integer, an amount (``Decimal``) a
string of digits, a blank cell ``null``, a placeholder ``{"na": "/"}`` and text
``{"text": "…"}``. Tables are keyed by canonical identifiers.

The cattrs converter (:func:`make_converter`) and the standard library's :mod:`json`
define the format. For speed, the four functions below take straight-line paths for the
regular shape of a report and hand anything else to that reference, so that results,
text and errors are the same either way; with the ``fast`` extra (orjson) installed,
``from_json`` parses text with orjson, and with :mod:`json` whenever orjson refuses the
text or reads a number differently.

>>> import govdisclosure as gd
>>> r = gd.build_report(organ="某县某局", year=2024, active={"art20_8": {"admin_fees": {"amount": "1.50"}}})
>>> gd.from_json(gd.to_json(r)) == r
True
>>> gd.to_dict(r)["active"][3]["cells"]
{'admin_fees': {'amount': '1.50'}}
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import chain
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any, Final

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from govdisclosure.errors import ParseError
from govdisclosure.formats._scrub import scrub
from govdisclosure.limits import Limits, input_size, resolve
from govdisclosure.model import (
    BLANK,
    CellValue,
    Finding,
    Narrative,
    NotApplicable,
    Organ,
    OrganKind,
    Report,
    Severity,
    Source,
    Table,
    Text,
)
from govdisclosure.model.cells import MAX_FIGURE_DIGITS, is_overlong
from govdisclosure.model.tables import trusted_table
from govdisclosure.template import ColumnKind, Edition, TableSpec, template

try:  # the ``fast`` extra: a faster reader of JSON text; the standard library otherwise
    import orjson
except ImportError:  # pragma: no cover - exercised by monkeypatching ``orjson`` to None
    orjson = None  # type: ignore[assignment]

__all__ = [
    "FORMAT_VERSION",
    "JSONError",
    "from_dict",
    "from_json",
    "json_schema",
    "make_converter",
    "to_dict",
    "to_json",
]

FORMAT_VERSION: Final = "govdisclosure.report/1"
_DECIMAL: Final = re.compile(r"^-?\d+(\.\d+)?$")


class JSONError(ParseError):
    """The JSON does not describe a report; ``errors`` lists ``(path, problem)`` pairs."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        listed = "; ".join(f"{p}: {m}" for p, m in errors[:20])
        more = f" (and {len(errors) - 20} more)" if len(errors) > 20 else ""
        super().__init__(f"not a report: {listed}{more}")


def _cell_out(v: CellValue) -> Any:
    if type(v) is int:  # the common case first
        return v
    if isinstance(v, bool):  # pragma: no cover - the model rejects bools
        raise TypeError(v)
    if isinstance(v, int):
        return v
    if isinstance(v, Decimal):
        return format(v, "f")
    if v is BLANK:
        return None
    if isinstance(v, NotApplicable):
        return {"na": v.mark}
    if isinstance(v, Text):
        return {"text": v.text}
    raise TypeError(v)  # pragma: no cover


def _cell_in(
    raw: Any, path: str, kind: ColumnKind, strict: bool, errors: list[tuple[str, str]]
) -> CellValue:
    if raw is None:
        return BLANK
    if isinstance(raw, bool):
        errors.append((path, "a boolean is not a cell value"))
        return BLANK
    value: int | Decimal
    if isinstance(raw, int):
        if is_overlong(raw):
            errors.append((path, f"a figure of more than {MAX_FIGURE_DIGITS} digits"))
            return BLANK
        value = raw
    elif isinstance(raw, str):
        if not _DECIMAL.match(raw):
            errors.append((path, f"{raw!r} is not a decimal number"))
            return BLANK
        try:
            value = Decimal(raw)
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            errors.append((path, f"{raw!r} is not a decimal number"))
            return BLANK
    elif isinstance(raw, dict) and set(raw) == {"na"} and isinstance(raw["na"], str):
        return NotApplicable(raw["na"])
    elif isinstance(raw, dict) and set(raw) == {"text"} and isinstance(raw["text"], str):
        return Text(raw["text"])
    else:
        errors.append((path, f"{raw!r} is not a cell value"))
        return BLANK
    if strict and value < 0 and kind is not ColumnKind.CHANGE:
        errors.append((path, f"{value} is negative"))
    return value


def _table_out(t: Table) -> dict[str, Any]:
    spec = t.spec
    columns = spec.column_ids
    cells: dict[str, Any] = {}
    for row_id, values in zip(spec.row_ids, t.cells, strict=True):
        if set(map(type, values)) <= _INT:  # counts only: nothing to convert
            cells[row_id] = dict(zip(columns, values, strict=True))
        else:
            cells[row_id] = {c: _cell_out(v) for c, v in zip(columns, values, strict=True)}
    return {"id": t.id, "edition": t.edition.value, "cells": cells}


def _table_in(raw: Any, strict: bool) -> Table:
    errors: list[tuple[str, str]] = []
    if not isinstance(raw, dict):
        raise JSONError([("table", f"expected an object, got {type(raw).__name__}")])
    table_id = raw.get("id")
    where = str(table_id)
    extra = set(raw) - {"id", "edition", "cells"}
    if extra:
        errors.extend((f"{where}.{k}", "unknown key") for k in sorted(extra))
    try:
        edition = Edition(str(raw.get("edition")))
        spec = template(edition).table(str(table_id))
    except (ValueError, KeyError):
        raise JSONError(
            [(where, f"no table {table_id!r} in edition {raw.get('edition')!r}")]
        ) from None
    cells_in = raw.get("cells")
    if not isinstance(cells_in, dict):
        raise JSONError([(f"{where}.cells", "expected an object of rows")])
    for r in cells_in:
        if r not in spec.row_ids:
            errors.append((f"{where}.{r}", "unknown row"))
    rows = []
    for row in spec.rows:
        given = cells_in.get(row.id)
        if not isinstance(given, dict):
            errors.append(
                (f"{where}.{row.id}", "missing row" if given is None else "expected an object")
            )
            given = {}
        for c in given:
            if c not in spec.column_ids:
                errors.append((f"{where}.{row.id}.{c}", "unknown column"))
        values: list[CellValue] = []
        for column in spec.columns:
            if column.id not in given:
                errors.append((f"{where}.{row.id}.{column.id}", "missing cell"))
                values.append(BLANK)
                continue
            raw = given[column.id]
            # fast path, as _cell_in would read it: a count that breaks no rule
            if (
                type(raw) is int
                and (raw >= 0 or not strict or column.kind is ColumnKind.CHANGE)
                and not is_overlong(raw)
            ):
                values.append(raw)
                continue
            path = f"{where}.{row.id}.{column.id}"
            values.append(_cell_in(raw, path, column.kind, strict, errors))
        rows.append(tuple(values))
    if errors:
        raise JSONError(errors)
    return Table(spec.id, edition, tuple(rows))


def make_converter(*, strict: bool = True) -> cattrs.Converter:
    """A converter configured for reports: dates ISO 8601, Decimals as strings, enums by
    value, unknown keys refused, tables keyed by canonical identifiers.

    With ``strict`` (the default) negative counts are refused; ``strict=False`` admits
    them, to carry faulty published reports through JSON.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, prefer_attrib_converters=False)
    conv.register_unstructure_hook(Decimal, lambda d: format(d, "f"))
    conv.register_structure_hook(
        Decimal,
        lambda v, _: Decimal(v) if isinstance(v, str) and _DECIMAL.match(v) else _bad(v, "decimal"),
    )
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(
        date, lambda v, _: date.fromisoformat(v) if isinstance(v, str) else _bad(v, "date")
    )
    for enum_type in (OrganKind, Severity, Edition):
        conv.register_unstructure_hook(enum_type, lambda e: e.value)
    conv.register_structure_hook(Organ, lambda v, _: _organ_in(v))
    for cls in (Narrative, Source):
        conv.register_structure_hook(
            cls, make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
        )
    conv.register_structure_hook(OrganKind, lambda v, _: OrganKind(v))
    conv.register_structure_hook(Severity, lambda v, _: Severity(v))
    conv.register_unstructure_hook(Table, _table_out)
    conv.register_structure_hook(Table, lambda v, _: _table_in(v, strict))
    conv.register_structure_hook(
        int,
        lambda v, _: v if isinstance(v, int) and not isinstance(v, bool) else _bad(v, "integer"),
    )
    conv.register_structure_hook(str, lambda v, _: v if isinstance(v, str) else _bad(v, "string"))
    conv.register_structure_hook(int | Decimal | None, _number_in)
    conv.register_unstructure_hook(
        Finding,
        make_dict_unstructure_fn(Finding, conv, params=override(unstruct_hook=_params_out)),
    )
    conv.register_structure_hook(
        Finding,
        make_dict_structure_fn(
            Finding, conv, _cattrs_forbid_extra_keys=True, params=override(struct_hook=_params_in)
        ),
    )
    conv.register_unstructure_hook(
        Report,
        make_dict_unstructure_fn(Report, conv, provenance=override(omit=True)),
    )
    conv.register_structure_hook(
        Report,
        make_dict_structure_fn(
            Report, conv, _cattrs_forbid_extra_keys=True, provenance=override(omit=True)
        ),
    )
    return conv


def _organ_in(raw: Any) -> Organ:
    if not isinstance(raw, Mapping):
        raise JSONError([("$.organ", f"expected an object, got {type(raw).__name__}")])
    errors = [(f"$.organ.{k}", "unknown key") for k in sorted(set(raw) - {"name", "kind"})]
    name, kind = raw.get("name"), raw.get("kind")
    if "name" not in raw:
        errors.append(("$.organ.name", "required field missing"))
    elif not isinstance(name, str):
        errors.append(("$.organ.name", f"expected a string, got {name!r}"))
    if "kind" not in raw:
        errors.append(("$.organ.kind", "required field missing"))
    elif kind not in {k.value for k in OrganKind}:
        errors.append(
            ("$.organ.kind", f"expected one of {[k.value for k in OrganKind]}, got {kind!r}")
        )
    if errors:
        raise JSONError(errors)
    return Organ(str(name), OrganKind(str(kind)))


def _number_in(value: Any, _: Any) -> int | Decimal | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, str) and _DECIMAL.match(value):
        return Decimal(value)
    return _bad(value, "number")  # type: ignore[no-any-return]


def _bad(value: object, what: str) -> Any:
    msg = f"expected a {what}, got {value!r}"
    raise ValueError(msg)


def _params_out(params: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    return {k: format(v, "f") if isinstance(v, Decimal) else v for k, v in params}


def _params_in(raw: Any, _: Any) -> tuple[tuple[str, Any], ...]:
    if not isinstance(raw, Mapping):
        return _bad(raw, "mapping of parameters")  # type: ignore[no-any-return]
    return tuple(sorted(raw.items()))


@functools.cache
def _converter(strict: bool) -> cattrs.Converter:
    return make_converter(strict=strict)


# ---------------------------------------------------------------- fast paths
#
# The converter above is the reference. The functions below are straight-line versions
# of it for the fixed shape of a report, prepared once per layout. They handle the
# regular case only: whenever anything is unusual (a type other than the exact one
# expected, a key missing or extra, a value the reference would refuse) they give up
# and the reference path runs from the start, so that every result and every error
# stays what it was.


class _Irregular(Exception):
    """The fast path met something it leaves to the reference path."""


_INT: Final = frozenset({int})
_DICT: Final = {dict}
_ORGAN_KINDS: Final = {k.value: k for k in OrganKind}
_REPORT_FIELDS: Final = 15  # every field of Report but provenance, all written by to_dict
_FLOAT_EXACT: Final = 2**63  # orjson reads integers beyond 64 bits as floats, never smaller


class _Layout:
    """One table layout of one edition, prepared for reading and writing cells."""

    __slots__ = (
        "column_ids",
        "counts_format",
        "edition",
        "json_format",
        "n_cells",
        "n_columns",
        "n_rows",
        "pick",
        "pick_rows",
        "row_ids",
        "signed",
        "spec",
        "width",
    )

    def __init__(self, spec: TableSpec, edition: Edition) -> None:
        self.spec = spec
        self.edition = edition
        self.row_ids = spec.row_ids
        self.column_ids = columns = spec.column_ids
        self.n_rows = len(spec.row_ids)
        self.n_columns = len(columns)
        self.n_cells = self.n_rows * self.n_columns
        self.signed = tuple(c.kind is ColumnKind.CHANGE for c in spec.columns)
        self.width = {self.n_columns}
        self.pick = _picker(columns)
        self.pick_rows = _picker(spec.row_ids)

        def quoted(key: str) -> str:  # a key of the %-format: its JSON text, % doubled
            return encode_basestring(key).replace("%", "%%")

        def text(cell: str) -> str:  # json.dumps's text of _table_out(t), cells as ``cell``
            rows = ", ".join(
                f"{quoted(r)}: {{" + ", ".join(f"{quoted(c)}: {cell}" for c in columns) + "}"
                for r in spec.row_ids
            )
            return (
                f'{{"id": {quoted(spec.id)}, "edition": {quoted(edition.value)}, '
                f'"cells": {{{rows}}}}}'
            )

        self.json_format = text("%s")  # cells written beforehand
        self.counts_format = text("%d")  # counts only: %d writes an int as json.dumps does


def _picker(keys: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function giving a dict's values for ``keys`` as a tuple (KeyError if one is missing)."""
    if len(keys) == 1:
        only = keys[0]
        return lambda given: (given[only],)
    return itemgetter(*keys)


@functools.cache
def _layouts() -> dict[tuple[str, str], _Layout]:
    return {
        (edition.value, spec.id): _Layout(spec, edition)
        for edition in Edition
        for spec in template(edition).tables
    }


# -- writing


def _fast_dict(report: Report) -> dict[str, Any]:
    organ, published, findings = report.organ, report.published, report.findings
    if type(organ) is not Organ or (published is not None and type(published) is not date):
        raise _Irregular
    unstructure = _converter(True).unstructure
    return {
        "format": FORMAT_VERSION,
        "organ": {"name": organ.name, "kind": organ.kind.value},
        "year": report.year,
        "published": None if published is None else published.isoformat(),
        "title": report.title,
        "preamble": report.preamble,
        "overview": _narrative_dict(report.overview),
        "active": [_table_out(t) for t in report.active],
        "active_text": report.active_text,
        "applications": None if report.applications is None else _table_out(report.applications),
        "applications_text": report.applications_text,
        "review_litigation": (
            None if report.review_litigation is None else _table_out(report.review_litigation)
        ),
        "review_litigation_text": report.review_litigation_text,
        "problems": _narrative_dict(report.problems),
        "other": _narrative_dict(report.other),
        "findings": [unstructure(f, Finding) for f in findings] if findings else [],
    }


def _narrative_dict(n: Narrative | None) -> dict[str, Any] | None:
    if n is None:
        return None
    if type(n) is not Narrative:
        raise _Irregular
    return {"text": n.text}


def _fast_json(report: Report) -> str:
    """scrub(json.dumps(to_dict(report), ensure_ascii=False)), written directly.

    Every string is written by the function json.dumps uses; one holding a lone surrogate
    (which scrub would replace) sends the report to the reference path instead. Table
    cells are written by a %-format per layout made once.
    """
    organ, year, published, findings = report.organ, report.year, report.published, report.findings
    if type(organ) is not Organ or (year is not None and type(year) is not int):
        raise _Irregular
    if published is not None and type(published) is not date:
        raise _Irregular
    listed = (
        scrub(
            json.dumps(
                [_converter(True).unstructure(f, Finding) for f in findings], ensure_ascii=False
            )
        )
        if findings
        else "[]"
    )
    return "".join(
        (
            '{"format": "govdisclosure.report/1", "organ": {"name": ',
            _string(organ.name),
            ', "kind": ',
            _string(organ.kind._value_),
            '}, "year": ',
            "null" if year is None else int.__repr__(year),
            ', "published": ',
            "null" if published is None else _string(published.isoformat()),
            ', "title": ',
            _string(report.title),
            ', "preamble": ',
            _string(report.preamble),
            ', "overview": ',
            _narrative_json(report.overview),
            ', "active": [',
            ", ".join([_table_json(t) for t in report.active]),
            '], "active_text": ',
            _string(report.active_text),
            ', "applications": ',
            _table_json(report.applications),
            ', "applications_text": ',
            _string(report.applications_text),
            ', "review_litigation": ',
            _table_json(report.review_litigation),
            ', "review_litigation_text": ',
            _string(report.review_litigation_text),
            ', "problems": ',
            _narrative_json(report.problems),
            ', "other": ',
            _narrative_json(report.other),
            ', "findings": ',
            listed,
            "}",
        )
    )


def _string(s: object) -> str:
    """encode_basestring(s), as json.dumps writes a string; raises for a lone surrogate."""
    if type(s) is not str:
        raise _Irregular
    if s.isascii():
        return encode_basestring(s)
    dumps = getattr(orjson, "dumps", None)  # (None without the ``fast`` extra)
    if dumps is not None:
        # orjson escapes as json.dumps(ensure_ascii=False) does (a property test holds
        # it to that over all of Unicode) and refuses a lone surrogate, in a third of
        # the time of the two steps below (its UTF-8 decoded again included)
        return dumps(s).decode()  # type: ignore[no-any-return]
    s.encode("utf-32-le")  # a lone surrogate raises: the reference path scrubs it
    return encode_basestring(s)


def _narrative_json(n: Narrative | None) -> str:
    if n is None:
        return "null"
    if type(n) is not Narrative:
        raise _Irregular
    return '{"text": ' + _string(n.text) + "}"


def _table_json(t: Table | None) -> str:
    if t is None:
        return "null"
    layout = _layouts()[t.edition._value_, t.id]
    cells = t.cells
    flat: tuple[Any, ...] = tuple(chain.from_iterable(cells))
    if len(cells) != layout.n_rows or len(flat) != layout.n_cells:  # Table checks each row
        raise _Irregular
    try:  # counts only, the common case: their sum is an int (with an amount, a Decimal)
        counts_only = type(sum(flat)) is int
    except TypeError:  # BLANK, NotApplicable, Text
        counts_only = False
    if counts_only:  # %d writes an int (or int subclass) as json.dumps does
        return layout.counts_format % flat
    return layout.json_format % tuple([v if type(v) is int else _cell_json(v) for v in flat])


def _cell_json(v: CellValue) -> str:
    out = _cell_out(v)  # raises for what to_dict refuses (the reference then raises too)
    if out is None:
        return "null"
    if type(out) is str:  # an amount: digits, sign and point
        return encode_basestring(out)
    if type(out) is dict:
        ((key, value),) = out.items()
        return "{" + _string(key) + ": " + _string(value) + "}"
    raise _Irregular  # an int subclass: the reference writes it


# -- reading


def _fast_report(data: dict[str, Any], strict: bool, *, exact_numbers: bool) -> Report | None:
    """The report, when ``data`` has exactly the regular shape; ``None`` otherwise.

    ``exact_numbers`` is false for orjson's data, where an integer beyond 64 bits has
    become a float: such data is taken only where that cannot have happened.
    """
    try:
        return _read_report(data, strict, exact_numbers)
    except Exception:  # anything unusual: the reference path decides
        return None


def _read_report(data: dict[str, Any], strict: bool, exact_numbers: bool) -> Report:
    n = len(data)
    if "format" in data:
        tag = data["format"]
        if type(tag) is not str or tag != FORMAT_VERSION:
            raise _Irregular
        n -= 1
    if n != _REPORT_FIELDS:
        raise _Irregular
    organ = data["organ"]
    if type(organ) is not dict or len(organ) != 2:
        raise _Irregular
    name, kind = organ["name"], organ["kind"]
    year, published = data["year"], data["published"]
    active, findings = data["active"], data["findings"]
    if (
        type(name) is not str
        or type(kind) is not str
        or (year is not None and (type(year) is not int or is_overlong(year)))
        or type(active) is not list
        or type(findings) is not list
    ):
        raise _Irregular
    if published is not None:
        if type(published) is not str:
            raise _Irregular
        published = date.fromisoformat(published)
    return Report(
        organ=Organ(name, _ORGAN_KINDS[kind]),
        year=year,
        published=published,
        title=_text(data["title"]),
        preamble=_text(data["preamble"]),
        overview=_read_narrative(data["overview"]),
        active=tuple([_read_table(t, strict) for t in active]),
        active_text=_text(data["active_text"]),
        applications=_read_optional_table(data["applications"], strict),
        applications_text=_text(data["applications_text"]),
        review_litigation=_read_optional_table(data["review_litigation"], strict),
        review_litigation_text=_text(data["review_litigation_text"]),
        problems=_read_narrative(data["problems"]),
        other=_read_narrative(data["other"]),
        findings=_read_findings(findings, strict, exact_numbers) if findings else (),
    )


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _Irregular
    return value


def _read_narrative(raw: Any) -> Narrative | None:
    if raw is None:
        return None
    if type(raw) is not dict or len(raw) != 1:
        raise _Irregular
    return Narrative(_text(raw["text"]))


def _read_findings(items: list[Any], strict: bool, exact_numbers: bool) -> tuple[Finding, ...]:
    if not exact_numbers:
        for item in items:
            if type(item) is not dict:
                raise _Irregular
            for key, value in item.items():
                if key in {"source", "params"} and type(value) is dict:
                    for v in value.values():
                        _plain_scalar(v)
                else:
                    _plain_scalar(value)
    structure = _converter(strict).structure
    return tuple([structure(item, Finding) for item in items])


def _plain_scalar(value: Any) -> None:
    """Refuse containers, and floats that may stand for an integer beyond 64 bits."""
    t = type(value)
    if t is float:
        if not -_FLOAT_EXACT < value < _FLOAT_EXACT:
            raise _Irregular
    elif t is not str and t is not int and t is not bool and value is not None:
        raise _Irregular


def _read_optional_table(raw: Any, strict: bool) -> Table | None:
    return None if raw is None else _read_table(raw, strict)


def _read_table(raw: Any, strict: bool) -> Table:
    if type(raw) is not dict or len(raw) != 3:
        raise _Irregular
    edition, table_id, cells = raw["edition"], raw["id"], raw["cells"]
    if type(edition) is not str or type(table_id) is not str:
        raise _Irregular
    layout = _layouts()[edition, table_id]
    if type(cells) is not dict or len(cells) != layout.n_rows:
        raise _Irregular
    given = layout.pick_rows(cells)  # every row, in order (KeyError for a missing one)
    if set(map(type, given)) != _DICT or set(map(len, given)) != layout.width:
        raise _Irregular
    rows = tuple(map(layout.pick, given))  # every cell, in order (KeyError for a missing one)
    flat = tuple(chain.from_iterable(rows))
    if set(map(type, flat)) <= _INT and (not strict or min(flat) >= 0) and _in_bounds(flat):
        return trusted_table(layout.spec.id, layout.edition, rows)  # counts only, the common case
    signed = layout.signed if strict else (True,) * layout.n_columns
    return trusted_table(
        layout.spec.id,
        layout.edition,
        tuple(
            [
                values
                if set(map(type, values)) <= _INT
                and (not strict or min(values) >= 0)
                and _in_bounds(values)
                else tuple([_read_cell(v, ok) for v, ok in zip(values, signed, strict=True)])
                for values in rows
            ]
        ),
    )


def _in_bounds(counts: tuple[int, ...]) -> bool:
    """Whether no count of ``counts`` has more than ``MAX_FIGURE_DIGITS`` digits (a
    table refuses such a figure: Python cannot write it out)."""
    return not counts or (not is_overlong(min(counts)) and not is_overlong(max(counts)))


def _read_cell(raw: Any, signed: bool) -> CellValue:
    t = type(raw)
    if t is int:
        if (raw < 0 and not signed) or is_overlong(raw):
            raise _Irregular
        return raw  # type: ignore[no-any-return]
    if raw is None:
        return BLANK
    if t is str:
        if _DECIMAL.match(raw) is None:
            raise _Irregular
        value = Decimal(raw)
        if value < 0 and not signed:
            raise _Irregular
        return value
    if t is dict and len(raw) == 1:
        if "na" in raw and type(raw["na"]) is str:
            return NotApplicable(raw["na"])
        if "text" in raw and type(raw["text"]) is str:
            return Text(raw["text"])
    raise _Irregular


# ---------------------------------------------------------------- the API


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data (with the format tag ``"format"``)."""
    try:
        return _fast_dict(report)
    except Exception:  # anything unusual: the converter decides, raising as before
        return _reference_dict(report)


def _reference_dict(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT_VERSION}
    data.update(_converter(True).unstructure(report, Report))
    return data


def to_json(report: Report, *, indent: int | None = None) -> str:
    """The report as JSON text (UTF-8 characters kept, not escaped)."""
    if indent is None:
        try:
            return _fast_json(report)
        except Exception:  # the general path below decides, raising as before
            pass
    return scrub(json.dumps(to_dict(report), ensure_ascii=False, indent=indent))


def from_dict(data: Mapping[str, Any], *, strict: bool = True) -> Report:
    """The report described by ``data``; :class:`JSONError` naming every bad path if none."""
    if type(data) is dict:
        report = _fast_report(data, strict, exact_numbers=True)
        if report is not None:
            return report
    return _reference_report(data, strict)


def _reference_report(data: Mapping[str, Any], strict: bool) -> Report:
    if not isinstance(data, Mapping):
        raise JSONError([("$", f"expected an object, got {type(data).__name__}")])
    body = dict(data)
    tag = body.pop("format", FORMAT_VERSION)
    if tag != FORMAT_VERSION:
        raise JSONError([("format", f"unknown format {tag!r}")])
    try:
        return _converter(strict).structure(body, Report)
    except JSONError:
        raise
    except cattrs.BaseValidationError as exc:
        errors: list[tuple[str, str]] = []
        for message in cattrs.transform_error(exc, path="$"):
            path, _, problem = message.rpartition(" @ ")
            errors.append((problem or "$", path or message))
        nested = [e for e in _leaf_exceptions(exc) if isinstance(e, JSONError)]
        for e in nested:
            errors.extend(e.errors)
        raise JSONError(errors) from None
    except (ValueError, TypeError, KeyError) as exc:
        raise JSONError([("$", str(exc))]) from None


def _leaf_exceptions(exc: BaseException) -> list[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        out: list[BaseException] = []
        for e in exc.exceptions:
            out.extend(_leaf_exceptions(e))
        return out
    return [exc]


def from_json(
    data: str | bytes | Mapping[str, Any],
    *,
    strict: bool = True,
    limits: Limits | None = None,
) -> Report:
    """The report in ``data`` (JSON text, bytes, or already-parsed data).

    Text and bytes beyond ``limits.max_bytes`` (default: the process-wide
    :func:`~govdisclosure.get_limits`) raise :class:`~govdisclosure.LimitExceeded`
    before anything is read; other faults raise :class:`JSONError`. A byte-order mark
    at the start of text is ignored, as it is at the start of bytes.
    """
    if isinstance(data, str | bytes):
        input_size(data, resolve(limits))
        if isinstance(data, str) and data.startswith("\ufeff"):
            # a file read as "utf-8" rather than "utf-8-sig" keeps its byte-order mark,
            # which the bytes of the same file may have
            data = data[1:]
        if orjson is not None:
            report = _read_with_orjson(data, strict)
            if report is not None:
                return report
        try:
            data = json.loads(data)
        except ValueError as exc:
            raise JSONError([("$", f"not JSON: {exc}")]) from None
        except RecursionError:  # nesting deeper than the interpreter's stack
            raise JSONError([("$", "the JSON is nested too deeply")]) from None
    return from_dict(data, strict=strict)  # type: ignore[arg-type]


def _read_with_orjson(data: str | bytes, strict: bool) -> Report | None:
    """The report, if orjson reads ``data`` and the fast path takes what it read; ``None``
    otherwise (and what orjson read is freed before the standard library reads again)."""
    try:
        parsed = orjson.loads(data)
    except (ValueError, TypeError):  # the standard library gives the error
        return None
    return _fast_report(parsed, strict, exact_numbers=False) if type(parsed) is dict else None


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`to_json`'s output, both editions."""
    cell = {"$ref": "#/$defs/cell"}
    tables = []
    for edition in Edition:
        for spec in template(edition).tables:
            tables.append(
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "edition", "cells"],
                    "properties": {
                        "id": {"const": spec.id},
                        "edition": {"const": edition.value},
                        "cells": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": list(spec.row_ids),
                            "properties": {
                                r: {
                                    "type": "object",
                                    "additionalProperties": False,
                                    "required": list(spec.column_ids),
                                    "properties": dict.fromkeys(spec.column_ids, cell),
                                }
                                for r in spec.row_ids
                            },
                        },
                    },
                }
            )
    narrative = {
        "oneOf": [
            {"type": "null"},
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["text"],
                "properties": {"text": {"type": "string"}},
            },
        ]
    }
    number = {
        "oneOf": [
            {"type": "null"},
            {"type": "integer"},
            {"type": "string", "pattern": _DECIMAL.pattern},
        ]
    }
    nullable_int = {"type": ["integer", "null"]}
    nullable_num = {"type": ["number", "null"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://govdisclosure.invalid/schema/report-1.json",
        "title": "政府信息公开工作年度报告 (govdisclosure report)",
        "type": "object",
        "additionalProperties": False,
        "required": ["organ", "year"],
        "properties": {
            "format": {"const": FORMAT_VERSION},
            "organ": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "kind"],
                "properties": {
                    "name": {"type": "string"},
                    "kind": {"enum": [k.value for k in OrganKind]},
                },
            },
            "year": nullable_int,
            "published": {"oneOf": [{"type": "null"}, {"type": "string", "format": "date"}]},
            "title": {"type": "string"},
            "preamble": {"type": "string"},
            "overview": narrative,
            "active": {"type": "array", "items": {"$ref": "#/$defs/table"}},
            "active_text": {"type": "string"},
            "applications": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/table"}]},
            "applications_text": {"type": "string"},
            "review_litigation": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/table"}]},
            "review_litigation_text": {"type": "string"},
            "problems": narrative,
            "other": narrative,
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
        },
        "$defs": {
            "cell": {
                "oneOf": [
                    {"type": "null", "description": "blank: nothing written"},
                    {"type": "integer", "description": "a count or a signed change"},
                    {"type": "string", "pattern": _DECIMAL.pattern, "description": "an amount"},
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["na"],
                        "properties": {"na": {"type": "string"}},
                        "description": "not applicable, with the placeholder as published",
                    },
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["text"],
                        "properties": {"text": {"type": "string"}},
                        "description": "text that is not a number, verbatim",
                    },
                ]
            },
            "table": {"oneOf": tables},
            "finding": {
                "type": "object",
                "additionalProperties": False,
                "required": ["code", "severity"],
                "properties": {
                    "code": {"type": "string"},
                    "severity": {"enum": [s.value for s in Severity]},
                    "path": {"type": "string"},
                    "source": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {
                                    "line": nullable_int,
                                    "column": nullable_int,
                                    "table": nullable_int,
                                    "row": nullable_int,
                                    "cell": nullable_int,
                                    "page": nullable_int,
                                    "x": nullable_num,
                                    "y": nullable_num,
                                },
                            },
                        ]
                    },
                    "expected": number,
                    "actual": number,
                    "difference": number,
                    "expression": {"type": "string"},
                    "params": {"type": "object"},
                },
            },
        },
    }
