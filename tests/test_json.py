"""JSON: exact round trip, compact cells, a schema that accepts what we write, clear errors."""

from __future__ import annotations

import codecs
import contextlib
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, NoReturn

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.formats import json as gjson
from govdisclosure.formats._scrub import scrub
from govdisclosure.strategies import reports, valid_reports

SCHEMA = gd.json_schema()


@given(valid_reports())
def test_round_trip_is_exact(report: gd.Report) -> None:
    """from_json(to_json(r)) == r for every valid report of either edition."""
    assert gd.from_json(gd.to_json(report)) == report
    assert gd.from_dict(gd.to_dict(report)) == report


@given(reports())
def test_round_trip_of_faulty_reports_without_strictness(report: gd.Report) -> None:
    """Reports with blanks, placeholders, text and negatives round-trip with strict=False."""
    again = gd.from_json(gd.to_json(report), strict=False)
    assert again == report
    for a, b in zip(again.tables, report.tables, strict=True):
        for (_, _, x), (_, _, y) in zip(a.items(), b.items(), strict=True):
            assert type(x) is type(y)


@settings(max_examples=max(10, settings().max_examples // 2))  # (jsonschema is slow)
@given(reports())
def test_schema_accepts_everything_we_write(report: gd.Report) -> None:
    """Every document to_json writes validates against json_schema()."""
    jsonschema.validate(json.loads(gd.to_json(report)), SCHEMA)


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The schema itself is well-formed."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_cells_are_compact() -> None:
    """Counts are integers, amounts strings, blanks null, placeholders and text objects."""
    r = gd.build_report(
        organ="某局", year=2024, active={"art20_8": {"admin_fees": {"amount": "7730.28"}}}
    )
    r = r.with_cell("applications.granted.commercial", gd.BLANK)
    r = r.with_cell("applications.granted.research", gd.NotApplicable("—"))
    r = r.with_cell("applications.granted.legal_service", gd.Text("详见附件"))
    data = gd.to_dict(r)
    assert data["format"] == "govdisclosure.report/1"
    assert data["active"][3]["cells"]["admin_fees"]["amount"] == "7730.28"
    granted = data["applications"]["cells"]["granted"]
    assert granted["natural_person"] == 0
    assert granted["commercial"] is None
    assert granted["research"] == {"na": "—"}
    assert granted["legal_service"] == {"text": "详见附件"}
    assert "详见附件" in gd.to_json(r)  # not escaped


def test_reading_findings_travel_with_the_report() -> None:
    """Findings noticed while reading are written and read back (with their source)."""
    f = gd.Finding(
        code="parse.extra-cells",
        severity=gd.Severity.WARNING,
        path="active.art20_6.penalty.decisions",
        source=gd.Source(line=12, column=3),
        actual=Decimal("1.5"),
        params={"count": 2, "cells": "0, 0"},
    )
    r = gd.build_report(organ="某局", year=2024)
    r = type(r)(
        **{
            **{
                a: getattr(r, a)
                for a in (
                    "organ",
                    "year",
                    "overview",
                    "active",
                    "applications",
                    "review_litigation",
                    "problems",
                    "other",
                )
            },
            "findings": (f,),
        }
    )
    again = gd.from_json(gd.to_json(r))
    assert again.findings == (f,)


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d.update(bogus=1), "$"),
        (
            lambda d: d["applications"]["cells"]["granted"].update(natural_person=-1),
            "applications.granted.natural_person",
        ),
        (
            lambda d: d["applications"]["cells"]["granted"].update(natural_person="x"),
            "applications.granted.natural_person",
        ),
        (
            lambda d: d["applications"]["cells"]["granted"].update(natural_person=True),
            "applications.granted.natural_person",
        ),
        (
            lambda d: d["applications"]["cells"]["granted"].update(bogus=1),
            "applications.granted.bogus",
        ),
        (lambda d: d["applications"]["cells"].pop("granted"), "applications.granted"),
        (lambda d: d["applications"]["cells"].update(grnted={}), "applications.grnted"),
        (lambda d: d["organ"].update(kind="ministry"), "$.organ.kind"),
        (lambda d: d.update(year="2024"), "$.year"),
        (lambda d: d.update(published="2025/01/01"), "$.published"),
        (lambda d: d["applications"].update(edition="2020"), "applications"),
        (lambda d: d.update(format="other/1"), "format"),
    ],
)
def test_bad_documents_are_rejected_with_their_path(mutate: object, where: str) -> None:
    """from_json rejects unknown keys, wrong types and negative counts, naming the path."""
    data = gd.to_dict(gd.build_report(organ="某局", year=2024))
    mutate(data)  # type: ignore[operator]
    with pytest.raises(gd.JSONError) as info:
        gd.from_dict(data)
    assert any(path.startswith(where) for path, _ in info.value.errors), info.value.errors
    assert isinstance(info.value, gd.ParseError)


@pytest.mark.parametrize("text", ["", "[]", "{", "null", '"x"', b"\xff\xfe"])
def test_non_reports_raise_json_error(text: str | bytes) -> None:
    """Anything that is not a report object raises JSONError, never anything else."""
    with pytest.raises(gd.JSONError):
        gd.from_json(text)


def test_to_dict_is_plain_data() -> None:
    """to_dict holds only JSON types: enums come out as their values."""
    data = gd.to_dict(gd.build_report(organ="某局", year=2024))

    def plain(x: object) -> bool:
        if isinstance(x, dict):
            return all(type(k) is str and plain(v) for k, v in x.items())
        if isinstance(x, list):
            return all(plain(v) for v in x)
        return x is None or type(x) in {str, int, bool}

    assert plain(data)
    assert data["organ"]["kind"] == "department"


# ------------------------------------------------------------ fast paths = the reference
#
# to_dict, to_json, from_dict and from_json take straight-line paths for the regular
# shape of a report (and orjson to read text, when installed). The reference is the
# cattrs converter with the standard library's json, as before the fast paths: these
# tests hold every output, result and error to it, with and without orjson.


@contextlib.contextmanager
def stdlib_only() -> Iterator[None]:
    """The module as it runs when orjson is not installed."""
    saved = gjson.orjson
    gjson.orjson = None  # type: ignore[assignment]
    try:
        yield
    finally:
        gjson.orjson = saved


def reference_to_json(report: gd.Report, indent: int | None = None) -> str:
    return scrub(json.dumps(gjson._reference_dict(report), ensure_ascii=False, indent=indent))


def reference_from_json(data: object, strict: bool = True) -> gd.Report:
    """from_json as it was: the standard library's parser, then the converter."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except ValueError as exc:
            raise gd.JSONError([("$", f"not JSON: {exc}")]) from None
        except RecursionError:
            raise gd.JSONError([("$", "the JSON is nested too deeply")]) from None
    return gjson._reference_report(data, strict)  # type: ignore[arg-type]


def outcome(read: Callable[[], gd.Report]) -> tuple[object, ...]:
    """What a read gives, to compare exactly: the report with the types of its values, or
    the error's problems and message."""
    try:
        report = read()
    except gd.JSONError as exc:
        return ("error", exc.errors, str(exc))
    cells = [(type(v), v) for t in report.tables for _, _, v in t.items()]
    sources = [(f.source, type(f.source.x), type(f.source.y)) for f in report.findings if f.source]
    return ("report", report, repr(report), report.findings, cells, sources)


def all_outcomes(data: object, strict: bool = True) -> list[tuple[object, ...]]:
    """from_json with orjson, from_json without it, and the reference, on the same input."""
    got = [outcome(lambda: gd.from_json(data, strict=strict))]  # type: ignore[arg-type]
    with stdlib_only():
        got.append(outcome(lambda: gd.from_json(data, strict=strict)))  # type: ignore[arg-type]
    got.append(outcome(lambda: reference_from_json(data, strict)))
    return got


odd_text = st.text(
    st.one_of(
        st.characters(), st.sampled_from('\ud800\udfff"\\\n\r\t\b\f\x00\x1f\x7f\x85\u2028%s%d{}')
    ),
    max_size=12,
)
"""Text with what JSON escapes, lone surrogates (which to_json replaces) and % signs."""

sources = st.builds(
    gd.Source,
    line=st.none() | st.integers(0, 10**6),
    table=st.none() | st.integers(0, 50),
    page=st.none() | st.integers(1, 300),
    x=st.none() | st.floats(allow_nan=False, allow_infinity=False),
    y=st.none() | st.floats(-1e3, 1e3),
)
params = st.dictionaries(
    st.text(max_size=6),
    st.one_of(
        st.integers(-(2**70), 2**70),
        st.sampled_from([2**63, 2**64, -(2**63) - 1, 10**30]),
        odd_text,
        st.decimals(allow_nan=False, allow_infinity=False, places=2),
    ),
    max_size=3,
)
findings = st.builds(
    gd.Finding,
    code=st.sampled_from(["parse.extra-cells", "applications.row-total"]),
    severity=st.sampled_from(list(gd.Severity)),
    path=odd_text,
    source=st.none() | sources,
    expected=st.none() | st.integers(-(2**70), 2**70) | st.decimals(allow_nan=False, places=1),
    actual=st.none() | st.integers(0, 100),
    expression=odd_text,
    params=params,
)


@st.composite
def odd_reports(draw: st.DrawFn) -> gd.Report:
    """reports() with odd text in places, odd cells, and findings with sources."""
    report = draw(reports())
    changes: dict[str, Any] = {}
    if draw(st.booleans()):
        changes["title"] = draw(odd_text)
        changes["preamble"] = draw(odd_text)
    if draw(st.booleans()):
        changes["overview"] = gd.Narrative(draw(odd_text))
        changes["organ"] = gd.Organ(draw(odd_text), draw(st.sampled_from(list(gd.OrganKind))))
    if draw(st.booleans()):
        changes["findings"] = tuple(draw(st.lists(findings, max_size=3)))
    if draw(st.booleans()):
        changes["published"] = draw(st.dates())
    report = attrs.evolve(report, **changes)
    for _ in range(draw(st.integers(0, 3))):
        t = draw(st.sampled_from(report.tables))
        path = f"{t.id}.{draw(st.sampled_from(t.spec.row_ids))}.{draw(st.sampled_from(t.spec.column_ids))}"
        value = draw(
            st.one_of(
                odd_text.map(gd.Text),
                odd_text.map(gd.NotApplicable),
                st.integers(-(2**70), 2**70),
                st.decimals(allow_nan=False, allow_infinity=False, places=3),
            )
        )
        report = report.with_cell(path, value)
    return report


@given(st.one_of(valid_reports(), reports(), odd_reports()))
def test_to_json_writes_the_reference_text(report: gd.Report) -> None:
    """to_json's text, compact or indented, and to_dict's data are the reference's exactly."""
    assert gd.to_json(report) == reference_to_json(report)
    with stdlib_only():  # (orjson escapes the strings when installed)
        assert gd.to_json(report) == reference_to_json(report)
    assert gd.to_json(report, indent=2) == reference_to_json(report, indent=2)
    data, expected = gd.to_dict(report), gjson._reference_dict(report)
    assert data == expected
    assert repr(data) == repr(expected)  # the same types too (1 == True == Decimal(1))


@given(st.one_of(valid_reports(), reports(), odd_reports()), st.booleans())
def test_from_json_reads_as_the_reference_does(report: gd.Report, strict: bool) -> None:
    """from_json of what to_json writes: with orjson, without it and by the reference, the
    same report (values of the same types, the same findings) or the same error."""
    text = gd.to_json(report)
    first, *others = all_outcomes(text, strict)
    assert all(o == first for o in others), (first, others)
    first, *others = all_outcomes(text.encode("utf-8"), strict)
    assert all(o == first for o in others)
    data = json.loads(text)
    assert outcome(lambda: gd.from_dict(data, strict=strict)) == first
    if first[0] == "report" and not strict:
        assert first[1] == report


_hostile_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, 10**30]),
    st.floats(),
    st.sampled_from(["1.5", "-1", "-0.00", "1e5", " 1", "12\n", "١٢", "0x1", ""]),
    st.fixed_dictionaries({"na": st.text(max_size=3) | st.integers()}),
    st.fixed_dictionaries({"text": st.text(max_size=3) | st.none()}),
    # a new dict each time: damaged_documents may later edit a value it inserted, and
    # st.just would hand the same (edited) dict to the next example
    st.builds(lambda: {"na": "/", "text": "x"}),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@st.composite
def damaged_documents(draw: st.DrawFn) -> Any:
    """A document to_json wrote, with a few values replaced, keys dropped or added."""
    data = json.loads(gd.to_json(draw(st.one_of(reports(), odd_reports()))))
    for _ in range(draw(st.integers(1, 3))):
        node, steps = data, draw(st.integers(1, 6))
        while steps and isinstance(node, dict | list) and node:
            key = draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
            child = node[key]
            steps -= 1
            if steps and isinstance(child, dict | list) and child:
                node = child
                continue
            action = draw(st.sampled_from(["replace", "replace", "drop", "add"]))
            if action == "replace":
                node[key] = draw(_hostile_values)
            elif action == "drop" and isinstance(node, dict):
                del node[key]
            elif action == "add" and isinstance(node, dict):
                node[draw(st.sampled_from(["extra", "na", "text", "format", "id"]))] = 1
            break
    return data


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(damaged_documents(), st.booleans())
def test_damaged_documents_read_as_the_reference_does(data: Any, strict: bool) -> None:
    """A damaged document gives what the reference gives: the same JSONError (problems,
    paths, message) or the same report; from_dict, and from_json with and without orjson."""
    expected = outcome(lambda: gjson._reference_report(data, strict))
    assert outcome(lambda: gd.from_dict(data, strict=strict)) == expected
    text = json.dumps(data, ensure_ascii=False)
    first, *others = all_outcomes(text, strict)
    assert all(o == first for o in others), (first, others)


def _document(**changes: str) -> str:
    """The JSON text of a small valid report with some values' text replaced."""
    report = gd.build_report(
        organ="某局", year=2024, active={"art20_8": {"admin_fees": {"amount": "1.50"}}}
    )
    f = gd.Finding(
        code="parse.extra-cells",
        severity=gd.Severity.WARNING,
        source=gd.Source(page=1, x=10.5, y=20.25),
        params={"count": 2},
    )
    data = gd.to_dict(attrs.evolve(report, findings=(f,)))
    data["title"] = "@title@"
    data["applications"]["cells"]["granted"]["natural_person"] = "@cell@"
    data["findings"][0]["source"]["x"] = "@x@"
    data["findings"][0]["params"]["count"] = "@param@"
    text = json.dumps(data, ensure_ascii=False)
    values = {"title": '"标题"', "cell": "3", "x": "10.5", "param": "2"} | changes
    for key, value in values.items():
        text = text.replace(f'"@{key}@"', value)
    return text


HOSTILE_TEXTS = {
    "regular": _document(),
    "count beyond 64 bits": _document(cell=str(10**30)),
    "count of 2**64": _document(cell=str(2**64)),
    "negative beyond 64 bits": _document(cell=str(-(10**30))),
    "count as float": _document(cell="3.0"),
    "count as exponent": _document(cell="3e0"),
    "count NaN": _document(cell="NaN"),
    "count Infinity": _document(cell="Infinity"),
    "count 1e400": _document(cell="1e400"),
    "count of 5000 digits": _document(cell="9" * 5000),
    "x beyond 64 bits": _document(x=str(2**70)),
    "x integral float": _document(x="1e19"),
    "x negative": _document(x="-9223372036854775809"),
    "param beyond 64 bits": _document(param=str(10**30)),
    "param float": _document(param="1.5"),
    "param list": _document(param="[1, 2]"),
    "escaped lone surrogate": _document(title='"\\ud800"'),
    "escaped surrogate pair": _document(title='"\\ud83d\\ude00"'),
    "raw lone surrogate": _document(title='"\ud800"'),
    "control character": _document(title='"a\x01b"'),
    "duplicate key": _document(title='"a", "title": "b"'),
    "duplicate cell": _document(cell='3, "natural_person": -1'),
    "trailing comma": _document(title='"a",'),
    "empty": "",
    "nested 999": "[" * 999 + "]" * 999,
    "nested 1024": "[" * 1024 + "]" * 1024,
    "nested 1100": "[" * 1100 + "]" * 1100,
    "bare string": '"report"',
}


@pytest.mark.parametrize("name", sorted(HOSTILE_TEXTS))
@pytest.mark.parametrize("strict", [True, False])
def test_hostile_texts_read_as_the_reference_does(name: str, strict: bool) -> None:
    """Texts where orjson and the standard library part ways (integers beyond 64 bits,
    NaN, lone surrogates, BOMs, nesting): every reader gives the reference's outcome."""
    text = HOSTILE_TEXTS[name]
    utf8 = text.encode("utf-8", "surrogatepass")
    for data in (text, utf8, codecs.BOM_UTF8 + utf8):
        first, *others = all_outcomes(data, strict)
        assert all(o == first for o in others), (name, first, others)
    for encoding in ("utf-16", "utf-32-be"):  # the standard library detects these
        first, *others = all_outcomes(text.encode(encoding, "surrogatepass"), strict)
        assert all(o == first for o in others), (name, encoding, first, others)


def test_integers_beyond_64_bits_stay_exact() -> None:
    """orjson reads 10**30 as a float: from_json still gives the exact int, with or without it."""
    for read in (gd.from_json, reference_from_json):
        report = read(HOSTILE_TEXTS["count beyond 64 bits"])
        value = report.applications["granted", "natural_person"]
        assert type(value) is int
        assert value == 10**30
    report = gd.from_json(HOSTILE_TEXTS["x beyond 64 bits"])
    assert report.findings[0].source == gd.Source(page=1, x=float(2**70), y=20.25)


def test_the_fast_paths_are_taken_for_regular_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    """A regular report is written and read without the reference paths (which would
    still give the right answers, only slower)."""
    report = gd.build_report(
        organ="某局", year=2024, active={"art20_8": {"admin_fees": {"amount": "1.50"}}}
    )
    report = report.with_cell("applications.granted.research", gd.NotApplicable("—"))
    report = report.with_cell("applications.granted.legal_service", gd.Text("详见附件"))
    report = report.with_cell("applications.granted.commercial", gd.BLANK)
    text, data = gd.to_json(report), gd.to_dict(report)

    def refused(*_: object) -> NoReturn:
        raise AssertionError("the reference path was taken")

    monkeypatch.setattr(gjson, "_reference_report", refused)
    monkeypatch.setattr(gjson, "_reference_dict", refused)
    # the fast paths themselves: to_json and from_json fall back to other fast paths
    # (to_dict's, from_dict's), which these asserts would not tell from them
    assert gjson._fast_json(report) == text
    assert gjson._fast_dict(report) == data
    assert gd.from_dict(data) == report
    if gjson.orjson is not None:
        assert gjson._read_with_orjson(text, True) == report
    assert gd.from_json(text) == report
    with stdlib_only():
        assert gd.from_json(text) == report
    with pytest.raises(AssertionError, match="reference path"):
        gd.from_dict({**data, "title": 1})


def test_tables_read_are_valid_tables() -> None:
    """The reader builds tables without Table's validator (it holds by construction):
    they pass it, and equal and hash like tables made by the constructor."""
    assert [f.name for f in attrs.fields(gd.Table)] == ["id", "edition", "cells"], (
        "Table changed: review model.tables.trusted_table, which sets these fields"
    )
    r = gd.build_report(organ="某局", year=2024, edition="2019")
    r = r.with_cell("applications.granted.commercial", gd.NotApplicable("/"))
    for t in gd.from_json(gd.to_json(r)).tables:
        attrs.validate(t)
        again = gd.Table(t.id, t.edition, t.cells)
        assert t == again
        assert hash(t) == hash(again)
        assert type(t.cells) is tuple
        assert all(type(row) is tuple for row in t.cells)


@pytest.mark.parametrize(
    "place", ["title", "overview", "organ", "text-cell", "na-cell", "finding", "param-key"]
)
def test_lone_surrogates_are_replaced_wherever_they_are(place: str) -> None:
    """A lone surrogate anywhere becomes U+FFFD in to_json's text, as scrub makes it."""
    odd = 'a\ud800"b\udfff'
    r = gd.build_report(organ="某局", year=2024)
    if place == "title":
        r = attrs.evolve(r, title=odd)
    elif place == "overview":
        r = attrs.evolve(r, overview=gd.Narrative(odd))
    elif place == "organ":
        r = attrs.evolve(r, organ=gd.Organ(odd, gd.OrganKind.OTHER))
    elif place == "text-cell":
        r = r.with_cell("applications.granted.commercial", gd.Text(odd))
    elif place == "na-cell":
        r = r.with_cell("active.art20_1.regulations.issued", gd.NotApplicable(odd))
    else:
        params = {"quote": odd} if place == "finding" else {odd: 1}
        f = gd.Finding(code="x", severity=gd.Severity.INFO, path=odd, params=params)
        r = attrs.evolve(r, findings=(f,))
    text = gd.to_json(r)
    assert text == reference_to_json(r)
    assert "\ud800" not in text
    assert '"a\ufffd\\"b\ufffd' in text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "a\nb",
        "中文",
        "第一段\n第二段\n",
        "中文\r\n",
        '中"文',
        "中\\文",
        "中\t文",
        "中\x00文",
        "中\x1f文",
        "中\x7f文",
        "中\u2028文",
        "中\x85文",
        "中 /文%s",
        "\U0001f600\n",
    ],
)
def test_strings_are_written_as_json_dumps_writes_them(text: str) -> None:
    """The string writer's shortcut for Chinese text with line breaks gives json.dumps's text."""
    assert gjson._string(text) == json.dumps(text, ensure_ascii=False)


def test_from_json_refuses_input_beyond_max_bytes() -> None:
    text = gd.to_json(gd.build_report(organ="某县某局", year=2024))
    tight = gd.Limits(max_bytes=len(text) - 1)
    for data in (text, text.encode("utf-8")):
        with pytest.raises(gd.LimitExceeded, match="max_bytes="):
            gd.from_json(data, limits=tight)
    assert gd.from_json(text, limits=gd.Limits(max_bytes=len(text))) == gd.from_json(text)
    previous = gd.set_limits(tight)
    try:
        with pytest.raises(gd.LimitExceeded):
            gd.from_json(text)
    finally:
        gd.set_limits(previous)


def test_errors_say_what_is_missing_once() -> None:
    """A missing organ field is 'required field missing', not 'got None'; the message's
    'not a report' prefix is said once."""
    with pytest.raises(gd.JSONError) as info:
        gd.from_json(
            '{"format": "govdisclosure.report/1", "organ": {"name": "某局"}, "year": 2024}'
        )
    assert ("$.organ.kind", "required field missing") in info.value.errors
    with pytest.raises(gd.JSONError) as info:
        gd.from_json("[" * 100_000)
    assert str(info.value).count("not a report") == 1


@given(
    st.text(
        st.one_of(
            st.characters(blacklist_categories=()),  # all of Unicode, surrogates too
            st.characters(max_codepoint=0x9F, blacklist_categories=()),
        )
    )
)
def test_any_string_is_written_as_json_dumps_writes_it(s: str) -> None:
    """A string of a report is written as ``json.dumps(s, ensure_ascii=False)`` writes
    it, with orjson and without; one holding a lone surrogate is refused (to_json then
    takes the reference path, which replaces it)."""
    for run in (contextlib.nullcontext, stdlib_only):
        with run():
            try:
                written = gjson._string(s)
            except Exception:  # (which error does not matter: the reference path decides)
                assert any("\ud800" <= c <= "\udfff" for c in s)
            else:
                assert written == json.dumps(s, ensure_ascii=False)
