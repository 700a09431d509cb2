"""JSON: a dedicated cattrs converter, an exact round trip, and a JSON Schema.

Cells are written compactly: a count is a JSON integer, an amount (``Decimal``) a
string of digits, a blank cell ``null``, a placeholder ``{"na": "/"}`` and text
``{"text": "…"}``. Tables are keyed by canonical identifiers.

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
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from govdisclosure.errors import ParseError
from govdisclosure.formats._scrub import scrub
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
from govdisclosure.template import ColumnKind, Edition, template

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
    return {
        "id": t.id,
        "edition": t.edition.value,
        "cells": {
            r: {c: _cell_out(v) for c, v in zip(spec.column_ids, values, strict=True)}
            for r, values in zip(spec.row_ids, t.cells, strict=True)
        },
    }


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
            if type(raw) is int and (raw >= 0 or not strict or column.kind is ColumnKind.CHANGE):
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
    if not isinstance(name, str):
        errors.append(("$.organ.name", f"expected a string, got {name!r}"))
    if kind not in {k.value for k in OrganKind}:
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


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data (with the format tag ``"format"``)."""
    data: dict[str, Any] = {"format": FORMAT_VERSION}
    data.update(_converter(True).unstructure(report, Report))
    return data


def to_json(report: Report, *, indent: int | None = None) -> str:
    """The report as JSON text (UTF-8 characters kept, not escaped)."""
    return scrub(json.dumps(to_dict(report), ensure_ascii=False, indent=indent))


def from_dict(data: Mapping[str, Any], *, strict: bool = True) -> Report:
    """The report described by ``data``; :class:`JSONError` naming every bad path if none."""
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


def from_json(data: str | bytes | Mapping[str, Any], *, strict: bool = True) -> Report:
    """The report in ``data`` (JSON text, bytes, or already-parsed data)."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except ValueError as exc:
            raise JSONError([("$", f"not JSON: {exc}")]) from None
        except RecursionError:  # nesting deeper than the interpreter's stack
            raise JSONError([("$", "not a report: the JSON is nested too deeply")]) from None
    return from_dict(data, strict=strict)  # type: ignore[arg-type]


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
