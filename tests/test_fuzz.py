"""Fuzzing every parser: the only outcomes allowed are a report or a ``ParseError``.

Inputs are rendered reports and the real documents of ``tests/data``, damaged the way
publishing damages them (line breaks inside labels, cells joined, whitespace shuffled,
lines duplicated or deleted, truncation, page-number lines, characters swapped), and
hostile ones: arbitrary bytes, text in the wrong encoding, NUL bytes, lone surrogates,
control characters, malformed HTML (unclosed tables, ``colspan="2;"``, huge spans,
deep nesting), entity bombs and external entities, damaged PDFs, hostile JSON.

Every report that comes back is also checked (``gd.check`` never raises) and rendered
again by every renderer.

Short runs by default (the ``dev`` profile); ``HYPOTHESIS_PROFILE=long python -m
pytest tests/test_fuzz.py`` runs the long profile (see ``docs/explanation/limits.md``).
"""

from __future__ import annotations

import encodings.aliases
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.formats.docx import render_docx
from govdisclosure.formats.pdf import parse_pdf
from govdisclosure.strategies import reports, valid_reports

DATA = Path(__file__).parent / "data"
REAL = DATA / "real"
REAL_TEXTS = sorted(p.read_text("utf-8") for p in REAL.glob("*.txt"))
REAL_PDFS = sorted(p.read_bytes() for p in REAL.glob("*.pdf"))
HTML_PAGES = sorted(p.read_bytes() for p in (DATA / "html").glob("*.html"))

#: PDFs are slow to read: a fraction of the profile's examples (at least 5).
FEW = max(5, (settings.default.max_examples if settings.default else 100) // 8)
SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

Parser = Callable[[Any], gd.Report]


def _parse_any(data: str | bytes) -> gd.Report:
    """``gd.parse`` when the dispatching function exists, else by a sniff of the input."""
    parse = getattr(gd, "parse", None)
    if parse is not None:
        return parse(data)  # type: ignore[no-any-return]
    head = data[:1024] if isinstance(data, bytes) else data[:1024].encode("utf-8", "replace")
    if b"%PDF" in head:
        return parse_pdf(data if isinstance(data, bytes) else head)
    if b"<" in head and b">" in head:
        return gd.parse_html(data)
    return gd.parse_text(data)


PARSERS: dict[str, Parser] = {
    "text": gd.parse_text,
    "html": gd.parse_html,
    "parse": _parse_any,
}


def outcome(parser: Parser, data: object) -> gd.Report | None:
    """Parse; a ``ParseError`` is an allowed outcome (``None``), anything else fails.

    A report that comes back is checked and rendered again, which must not raise either.
    """
    try:
        report = parser(data)
    except gd.ParseError as exc:
        message = str(exc)  # a clear message
        assert message
        return None
    except FileNotFoundError as exc:
        # parse() takes a one-line string ending in a report suffix (".txt", ".PDF")
        # for a file name and says the file is missing rather than reading the name
        assert parser is _parse_any
        assert isinstance(data, str)
        assert "\n" not in data
        named = str(exc)  # the name it took for a file
        assert named == data
        return None
    assert isinstance(report, gd.Report)
    findings = gd.check(report)
    assert all(isinstance(f, gd.Finding) for f in findings)
    gd.render_text(report)
    gd.render_html(report)
    gd.render_markdown(report)
    return report


# ---------------------------------------------------------------- damage to documents

PAGE_NUMBERS = ("- 3 -", "— 12 —", "第 2 页", "第2页 共5页", "3/7", "－1－")
HOSTILE_CHARS = (
    "\x00",
    "\ud800",
    "\udfff",
    "\x0b",
    "\x0c",
    "\x1b",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\x85",
    "\t",
    "\r",
)


@st.composite
def damaged(draw: st.DrawFn, text: str) -> str:
    """``text`` with one to six kinds of damage done to it."""
    for _ in range(draw(st.integers(1, 6))):
        lines = text.split("\n")
        op = draw(
            st.sampled_from(
                (
                    "break",
                    "join-lines",
                    "join-cells",
                    "whitespace",
                    "duplicate",
                    "delete",
                    "truncate",
                    "page-number",
                    "swap",
                    "hostile",
                    "long-digits",
                )
            )
        )
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        line = lines[i]
        if op == "break" and line:
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + "\n" + line[k:]
        elif op == "join-lines" and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + draw(st.sampled_from(("", " ", "\t"))) + lines[i + 1]]
        elif op == "join-cells":
            lines[i] = line.replace("\t", draw(st.sampled_from(("", " "))))
        elif op == "whitespace":
            spaces = (" ", "  ", "\t", "\u3000", "\xa0", "")
            pieces = re.split(r"[ \t\u3000]+", line)
            lines[i] = pieces[0] + "".join(
                draw(st.sampled_from(spaces)) + piece for piece in pieces[1:]
            )
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "delete" and lines:
            del lines[i]
        elif op == "truncate":
            text = text[: draw(st.integers(0, len(text)))]
            continue
        elif op == "page-number":
            lines.insert(i, draw(st.sampled_from(PAGE_NUMBERS)))
        elif op == "swap" and len(line) >= 2:
            k = draw(st.integers(0, len(line) - 2))
            lines[i] = line[:k] + line[k + 1] + line[k] + line[k + 2 :]
        elif op == "hostile":
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(st.sampled_from(HOSTILE_CHARS)) + line[k:]
        elif op == "long-digits":
            lines[i] = re.sub(r"\d+", lambda _m: "9" * 60, line, count=1)
        text = "\n".join(lines)
    return text


rendered_texts = valid_reports().map(gd.render_text)
rendered_pages = valid_reports().map(gd.render_html)
text_seeds = st.one_of(rendered_texts, st.sampled_from(REAL_TEXTS))
html_seeds = st.one_of(
    rendered_pages, st.sampled_from([p.decode("utf-8", "replace") for p in HTML_PAGES])
)


@settings(SLOW)
@given(text_seeds.flatmap(damaged))
def test_damaged_text(text: str) -> None:
    outcome(gd.parse_text, text)


@settings(SLOW)
@given(html_seeds.flatmap(damaged))
def test_damaged_html(page: str) -> None:
    outcome(gd.parse_html, page)


@settings(SLOW)
@given(st.one_of(text_seeds, html_seeds).flatmap(damaged))
def test_damaged_any(document: str) -> None:
    outcome(_parse_any, document)
    outcome(_parse_any, document.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(SLOW)
@given(data=st.binary(max_size=4000))
def test_arbitrary_bytes(name: str, data: bytes) -> None:
    outcome(PARSERS[name], data)


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(SLOW)
@given(text=st.text(st.characters(codec=None, categories=None), max_size=2000))
def test_arbitrary_text_with_surrogates_and_controls(name: str, text: str) -> None:
    outcome(PARSERS[name], text)


@pytest.mark.parametrize("name", ["text", "html"])
@settings(SLOW)
@given(st.one_of(rendered_texts, rendered_pages, st.sampled_from(REAL_TEXTS)), st.booleans())
def test_wrong_encoding(name: str, document: str, gbk_as_utf8: bool) -> None:
    """GBK bytes read as UTF-8 and back, and UTF-8 read as GBK: mojibake in, no crash out."""
    parser = PARSERS[name]
    gbk = document.encode("gb18030", "replace")
    if gbk_as_utf8:
        wrong = gbk.decode("utf-8", "replace")
        back = wrong.encode("utf-8")
    else:
        wrong = document.encode("utf-8").decode("gbk", "replace")
        back = wrong.encode("gbk", "replace")
    outcome(parser, wrong)
    outcome(parser, back)
    outcome(parser, gbk)  # the right bytes, the wrong guess left to the parser


# -------------------------------------------------------------------- hostile HTML

SPANS = st.sampled_from(
    ('"2;"', '"2"', '"0"', '"-1"', '"abc"', '"10000"', '"99999999999999999999"', '" 3 "', "2", '""')
)
CELL_TEXT = st.sampled_from(
    (
        "一、本年新收政府信息公开申请数量",
        "1",
        "0",
        "/",
        "—",
        "12,398,889",
        "9" * 40,
        "",
        "总计",
        "&nbsp;",
    )
)


@st.composite
def malformed_tables(draw: st.DrawFn) -> str:
    """Tables with unclosed tags, odd spans, stray rows and cells, nested tables."""
    parts = [
        "<html><body><p>某县某局2024年政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p>"
    ]
    for _ in range(draw(st.integers(1, 3))):
        parts.append("<table>")
        for _ in range(draw(st.integers(0, 12))):
            parts.append(draw(st.sampled_from(("<tr>", "<tr>", "", "<tbody>", "</tr>"))))
            for _ in range(draw(st.integers(0, 9))):
                tag = draw(st.sampled_from(("td", "th", "td", "div")))
                attrs = ""
                if draw(st.booleans()):
                    attrs += f" colspan={draw(SPANS)}"
                if draw(st.booleans()):
                    attrs += f" rowspan={draw(SPANS)}"
                close = draw(st.sampled_from((f"</{tag}>", "")))
                inner = draw(CELL_TEXT)
                if draw(st.integers(0, 9)) == 0:
                    inner += "<table><tr><td>1</td>"  # nested, unclosed
                parts.append(f"<{tag}{attrs}>{inner}{close}")
        if draw(st.booleans()):
            parts.append("</table>")
    return "".join(parts)


@settings(SLOW)
@given(malformed_tables())
def test_malformed_tables(page: str) -> None:
    outcome(gd.parse_html, page)


@settings(SLOW)
@given(valid_reports(), SPANS, st.sampled_from(("colspan", "rowspan")))
def test_rendered_page_with_hostile_spans(report: gd.Report, span: str, attr: str) -> None:
    page = gd.render_html(report)
    hostile = re.sub(r"<td(?=[ >])", f"<td {attr}={span}", page, count=5)
    outcome(gd.parse_html, hostile)


def _nested(depth: int, inner: str = "一、本年新收政府信息公开申请数量 1") -> str:
    return (
        "<html><body>"
        + "<table><tr><td>" * depth
        + inner
        + "</td></tr></table>" * depth
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [300, 5000])
def test_tables_nested_thousands_deep_are_refused(depth: int) -> None:
    with pytest.raises(gd.LimitExceeded, match=r"depth|nested"):
        gd.parse_html(_nested(depth))


def test_nesting_within_the_limit_is_read() -> None:
    outcome(gd.parse_html, _nested(20))


def test_rowspan_10000_is_clamped() -> None:
    page = (
        "<table><tr><td rowspan=10000>一、本年新收政府信息公开申请数量</td><td>5</td></tr>"
        "<tr><td>6</td></tr></table>"
    )
    outcome(gd.parse_html, page)


def test_many_cells_are_refused() -> None:
    row = "<tr>" + "<td colspan=200>1</td>" * 50 + "</tr>"
    page = "<table>" + row * 5 + "</table>"
    with pytest.raises(gd.LimitExceeded, match="max_cells"):
        gd.parse_html(page)


def test_many_tables_are_refused() -> None:
    page = "<p>x</p>" + "<table><tr><td>1</td><td>2</td></tr></table>" * 600
    with pytest.raises(gd.LimitExceeded, match="max_tables"):
        gd.parse_html(page)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<html><body><p>某县某局2024年政府信息公开工作年度报告</p><p>一、总体情况</p><p>&lol9;</p>
<table><tr><td>一、本年新收政府信息公开申请数量</td><td>&lol9;</td></tr></table></body></html>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE r [
 <!ENTITY secret SYSTEM "file:///etc/passwd">
 <!ENTITY remote SYSTEM "http://127.0.0.1:9/never-fetched">
 <!ENTITY % p SYSTEM "http://127.0.0.1:9/never-fetched.dtd"> %p;
]>
<html><body><p>某县某局2024年政府信息公开工作年度报告</p><p>一、总体情况</p><p>&secret;&remote;</p>
<p>六、其他需要报告的事项</p><p>&secret;</p></body></html>
"""


def _all_text(report: gd.Report) -> str:
    return gd.to_json(report)


@pytest.mark.parametrize("as_bytes", [False, True])
def test_billion_laughs_is_not_expanded(as_bytes: bool) -> None:
    page: str | bytes = BILLION_LAUGHS.encode("utf-8") if as_bytes else BILLION_LAUGHS
    report = outcome(gd.parse_html, page)
    if report is not None:
        assert "lollol" not in _all_text(report)
    report = outcome(gd.parse_text, page)
    if report is not None:
        assert len(_all_text(report)) < 100_000


@pytest.mark.parametrize("as_bytes", [False, True])
def test_external_entities_are_never_resolved(
    as_bytes: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket  # noqa: PLC0415

    def no_network(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the parser tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    page: str | bytes = EXTERNAL.encode("utf-8") if as_bytes else EXTERNAL
    report = outcome(gd.parse_html, page)
    if report is not None:
        assert "root:" not in _all_text(report)


# ---------------------------------------------------------------------- hostile PDF


@settings(SLOW, max_examples=FEW)
@given(st.sampled_from(REAL_PDFS), st.floats(0.0, 1.0))
def test_truncated_pdf(pdf: bytes, where: float) -> None:
    outcome(parse_pdf, pdf[: int(len(pdf) * where)])


@settings(SLOW, max_examples=FEW)
@given(
    st.sampled_from(REAL_PDFS),
    st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=8)), max_size=8),
)
def test_damaged_pdf(pdf: bytes, damage: list[tuple[float, bytes]]) -> None:
    data = bytearray(pdf)
    for where, junk in damage:
        k = int((len(data) - 1) * where)
        data[k : k + len(junk)] = junk
    outcome(parse_pdf, bytes(data))


@settings(SLOW, max_examples=FEW)
@given(
    reports(),
    st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=8)), max_size=6),
    st.floats(0.0, 1.0),
)
def test_damaged_docx(report: gd.Report, damage: list[tuple[float, bytes]], keep: float) -> None:
    """A Word document, damaged or cut short, read through ``parse`` (sniffed as DOCX)."""
    data = bytearray(render_docx(report))
    for where, junk in damage:
        k = int((len(data) - 1) * where)
        data[k : k + len(junk)] = junk
    outcome(_parse_any, bytes(data[: max(4, int(len(data) * keep))]))


@settings(SLOW)
@given(st.binary(max_size=2000))
def test_pdf_header_then_garbage(data: bytes) -> None:
    outcome(parse_pdf, b"%PDF-1.7\n" + data)
    outcome(parse_pdf, data)


def test_pdf_page_limit() -> None:
    with pytest.raises(gd.LimitExceeded, match="max_pages"):
        parse_pdf(REAL_PDFS[0], limits=gd.Limits(max_pages=1))


# ---------------------------------------------------------------------- hostile JSON

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=30,
)


def _json_outcome(data: object) -> None:
    try:
        report = gd.from_json(data)  # type: ignore[arg-type]
    except gd.JSONError as exc:
        errors = exc.errors
        assert errors
        assert all(p and m for p, m in errors)
        return
    assert isinstance(report, gd.Report)
    gd.check(report)


@settings(SLOW)
@given(json_values)
def test_from_json_arbitrary_values(value: object) -> None:
    _json_outcome(value)
    _json_outcome(json.dumps(value))


@settings(SLOW)
@given(st.one_of(st.binary(max_size=500), st.text(max_size=500)))
def test_from_json_arbitrary_text(data: str | bytes) -> None:
    _json_outcome(data)


@st.composite
def damaged_json(draw: st.DrawFn) -> Any:
    """A real report's JSON with one value somewhere replaced by an arbitrary one."""
    data = json.loads(gd.to_json(draw(reports())))
    for _ in range(draw(st.integers(1, 3))):
        node: Any = data
        path = []
        while isinstance(node, dict | list) and node and draw(st.booleans()):
            key = draw(
                st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node)))
            )
            path.append((node, key))
            node = node[key]
        if not path:
            continue
        parent, key = path[-1]
        action = draw(st.sampled_from(("replace", "delete", "negative", "extra-key")))
        if action == "replace":
            parent[key] = draw(json_values)
        elif action == "delete" and isinstance(parent, dict):
            del parent[key]
        elif action == "negative":
            parent[key] = -draw(st.integers(1, 10**30))
        elif action == "extra-key" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = 1
    return data


@settings(SLOW)
@given(damaged_json())
def test_from_json_damaged_reports(data: Any) -> None:
    _json_outcome(data)
    _json_outcome(json.dumps(data))


@pytest.mark.parametrize(
    "document",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 50_000 + "1" + "}" * 50_000,
        '{"organ": ' + "1" * 5000 + "}",
        "NaN",
        '{"format": "govdisclosure.report/1", "year": 1e999}',
    ],
    ids=["deep-array", "deep-object", "huge-int", "nan", "infinite"],
)
def test_from_json_hostile_documents(document: str) -> None:
    _json_outcome(document)


# ----------------------------------------------------------------------- renderers


# (a Word document a report: a third of the profile's examples, the slowest test of the
# suite otherwise)
@settings(SLOW, max_examples=max(10, settings().max_examples // 3))
@given(reports())
def test_every_renderer_accepts_every_report(report: gd.Report) -> None:
    assert gd.render_text(report)
    assert gd.render_html(report)
    assert gd.render_html(report, standalone=False, locale="en")
    assert gd.render_markdown(report)
    assert gd.render_markdown(report, locale="en")
    assert render_docx(report)[:2] == b"PK"
    # reports() may hold negative counts, which strict reading refuses by design
    assert gd.from_json(gd.to_json(report), strict=False) == report


# ----------------------------------------------------------------------- limits


def test_input_size_limit_names_the_limit() -> None:
    tight = gd.Limits(max_bytes=100)
    for parser in (gd.parse_text, gd.parse_html):
        for data in ("x" * 101, b"x" * 101):
            with pytest.raises(gd.LimitExceeded, match="max_bytes=100"):
                parser(data, limits=tight)
    with pytest.raises(gd.LimitExceeded, match="max_bytes=100"):
        parse_pdf(REAL_PDFS[0], limits=tight)
    previous = gd.set_limits(tight)
    try:
        with pytest.raises(gd.LimitExceeded, match="max_bytes=100"):
            _parse_any(b"x" * 101)
    finally:
        gd.set_limits(previous)


def test_process_wide_limits() -> None:
    previous = gd.set_limits(gd.Limits(max_lines=10))
    try:
        with pytest.raises(gd.LimitExceeded, match="max_lines=10"):
            gd.parse_text("某县某局2024年政府信息公开工作年度报告\n" * 20)
        outcome(gd.parse_text, "某县某局2024年政府信息公开工作年度报告\n一、总体情况\n")
    finally:
        gd.set_limits(previous)
    assert gd.get_limits() == previous


def test_time_budget_is_enforced() -> None:
    text = "某县某局2024年政府信息公开工作年度报告\n" + "一、总体情况\n概述。\n" * 2000
    with pytest.raises(gd.LimitExceeded, match="time_budget"):
        gd.parse_text(text, limits=gd.Limits(time_budget=1e-9))


def test_limits_are_validated() -> None:
    with pytest.raises(ValueError, match="max_cells"):
        gd.Limits(max_cells=0)
    with pytest.raises(ValueError, match="time_budget"):
        gd.Limits(time_budget=-1.0)


# ---------------------------------------------------------- regressions found by fuzzing


def test_regression_control_character_before_removed_chrome() -> None:
    """A vertical tab in the text after a navigation bar: lxml refused it when the bar
    was removed (``ValueError: All strings must be XML compatible``)."""
    page = (
        '<html><body><div class="nav"><a href="/">首页</a></div>\x0b\x1f<div class="main">'
        "<p>某县某局2024年政府信息公开工作年度报告</p><p>一、总体情况</p><p>概述。</p>"
        "</div></body></html>"
    )
    outcome(gd.parse_html, page)
    outcome(gd.parse_html, page.encode("utf-8"))


def test_regression_docx_control_characters_and_surrogates() -> None:
    """render_docx raised on control characters (invalid XML) and lone surrogates."""
    report = gd.build_report(
        organ="某局\x00\x01\x0b\ud800", year=2024, overview="概述\x0b。\udfff", other="y"
    )
    assert render_docx(report)[:2] == b"PK"


def test_regression_deeply_nested_json() -> None:
    """from_json raised RecursionError on JSON nested 100,000 deep."""
    with pytest.raises(gd.JSONError, match="nested too deeply"):
        gd.from_json("[" * 100_000 + "]" * 100_000)


def test_regression_figure_of_thousands_of_digits() -> None:
    """A 9,999-digit figure in a text table: the run-together splitter listed every way
    of cutting it before counting them, and the process was killed for lack of memory."""
    text = (
        "某县某局2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        + ("一、本年新收政府信息公开申请数量\t" + "9" * 9999 + "\n") * 3
    )
    outcome(gd.parse_text, text)


def test_text_beyond_max_lines_is_refused_before_reading() -> None:
    """150,000 table lines take about 20 s to read; beyond 50,000 they are refused."""
    text = (
        "某县某局2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        + "规章\t1\t0\t11\n" * 60_000
    )
    with pytest.raises(gd.LimitExceeded, match="max_lines=50000"):
        gd.parse_text(text)


INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\xad", "\u200e", "\u202a")


@pytest.mark.parametrize("mark", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_regression_invisible_character_before_a_figure(mark: str) -> None:
    """A zero-width space (or soft hyphen, word joiner, BOM, direction mark) before a
    figure, as copying from a web page leaves it: the cell was taken for a piece of the
    row's label, the figure was dropped without a finding and the row's other figures
    moved one column left. It is the figure now, in text and in HTML."""
    report = gd.build_report(
        organ="某县某局",
        year=2024,
        applications={"new_received": {"natural_person": 2}, "granted": {"natural_person": 2}},
    )
    text = gd.render_text(report).replace("申请数量\t2\t", f"申请数量\t{mark}2\t", 1)
    page = gd.render_html(report).replace("<td>2</td>", f"<td>{mark}2</td>", 1)
    for again in (gd.parse_text(text), gd.parse_html(page)):
        assert again.tables == report.tables
        assert not [f for f in again.findings if f.code.startswith("parse.")]


@settings(SLOW)
@given(valid_reports(), st.data())
def test_invisible_characters_in_cells_change_no_figure(
    report: gd.Report, data: st.DataObject
) -> None:
    """Invisible format characters put before, inside or after the figures of the
    tables of a rendered page and text leave every figure where it was."""
    page, text = gd.render_html(report), gd.render_text(report)
    for _ in range(data.draw(st.integers(1, 4))):
        figures = list(re.finditer(r"(?<=<td>)[\d.]+(?=</td>)", page))
        at = data.draw(st.sampled_from(figures))
        where = data.draw(st.integers(at.start(), at.end()))
        page = page[:where] + data.draw(st.sampled_from(INVISIBLE)) + page[where:]
        figures = list(re.finditer(r"(?<=\t)[\d.]+(?=\t|\n)", text))
        at = data.draw(st.sampled_from(figures))
        where = data.draw(st.integers(at.start(), at.end()))
        text = text[:where] + data.draw(st.sampled_from(INVISIBLE)) + text[where:]
    assert gd.parse_html(page).tables == report.tables
    assert gd.parse_text(text).tables == report.tables


def test_regression_cells_outside_any_row() -> None:
    """A forgotten ``<tr>``: lxml leaves the row's cells in the table (or its
    ``<tbody>``), outside any row, and the reader, which read the cells of rows only,
    dropped the whole row without a finding. Browsers show those cells as a row; so
    does the reader now."""
    report = gd.build_report(
        organ="某县某局",
        year=2024,
        applications={"new_received": {"natural_person": 3}, "granted": {"natural_person": 3}},
    )
    page = gd.render_html(report)
    forgotten = re.sub(r'<tr data-row="granted">', "", page, count=1)
    assert forgotten != page
    again = gd.parse_html(forgotten)
    assert again.tables == report.tables
    stray = page.replace("<table", "<table><td>5</td>", 1)  # before the first row
    assert "5" in str([f.params for f in gd.parse_html(stray).findings])


@settings(SLOW)
@given(valid_reports(), st.data())
def test_any_forgotten_row_tag_is_read_like_a_browser(
    report: gd.Report, data: st.DataObject
) -> None:
    """Each ``<tr>`` start tag of a rendered page, left out, leaves the tables as they
    were: the cells that follow it still make a row."""
    page = gd.render_html(report)
    tags = list(re.finditer(r"<tr(?:\s[^>]*)?>", page))
    tag = data.draw(st.sampled_from(tags))
    assert gd.parse_html(page[: tag.start()] + page[tag.end() :]).tables == report.tables


def _report_text(report: gd.Report) -> str:
    """Every text of a report: its prose, its text cells and what its findings quote."""
    texts = [report.preamble, report.active_text, report.applications_text]
    texts.append(report.review_litigation_text)
    texts += [n.text for n in (report.overview, report.problems, report.other) if n is not None]
    texts += [v.text for t in report.tables for _r, _c, v in t.items() if isinstance(v, gd.Text)]
    texts += [str(v) for f in report.findings for _k, v in f.params]
    return "\n".join(texts)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<td>3</td>", "<td>3</td>7654321"),  # between two cells
        ('<tr data-row="granted">', '<tr data-row="granted">7654321'),  # before a row's cells
        ("</tr>", "</tr>7654321"),  # between two rows
        ("<tbody", "<caption>7654321件</caption><tbody"),
    ],
    ids=["between-cells", "row-start", "between-rows", "caption"],
)
def test_regression_text_inside_a_table_outside_its_cells(old: str, new: str) -> None:
    """Text in a table but in none of its cells (a ``<caption>``, or text that a broken
    page left between rows or cells, which browsers show before the table) was dropped
    without a finding. It is prose before the table now; the tables are read as before."""
    report = gd.build_report(
        organ="某县某局",
        year=2024,
        applications={"new_received": {"natural_person": 3}, "granted": {"natural_person": 3}},
    )
    page = gd.render_html(report)
    damaged = page.replace(old, new, 1)
    assert damaged != page
    again = gd.parse_html(damaged)
    assert "7654321" in _report_text(again)
    assert again.tables == report.tables


@settings(SLOW)
@given(valid_reports(), st.data())
def test_a_figure_anywhere_between_the_tags_of_a_table_is_kept(
    report: gd.Report, data: st.DataObject
) -> None:
    """A figure put after any tag of a rendered page's tables but a header cell's start
    tag (in a data cell or outside the cells) reaches the report: a cell, a finding or
    its prose."""
    page = gd.render_html(report)
    start, end = page.index("<table"), page.rindex("</table>")
    tags = [
        m.end() for m in re.finditer(r"<(?:/t[dhr]|td|tr|tbody|table)\b[^>]*>", page[start:end])
    ]
    at = start + data.draw(st.sampled_from(tags))
    page = page[:at] + "7654321" + page[at:]
    again = gd.parse_html(page)
    values = {v for t in again.tables for _r, _c, v in t.items()}
    assert "7654321" in _report_text(again) or any(
        str(v).startswith("7654321") or str(v).endswith("7654321") for v in values
    )


def test_regression_two_lines_of_figures_joined_as_prose() -> None:
    """Two lines of figures in a tabled section of tab-separated text, their cells written
    with spaces, were read as prose, one line continuing the other: the lines were
    joined without a space and the figures at the seam became one ("0" and "10" became
    "010"). They are rows that lost their tabs now (``test_text_lost_tabs``); either
    way, the figures at the seam stay apart."""
    report = gd.build_report(organ="某县某局", year=2024, other="无。")
    lines = gd.render_text(report).split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("二、"))
    lines[at + 1 : at + 1] = ["8.属于行政查询事项 0 0 0 0 0 0 0", "10 0 0 0 0 0 10"]
    figures = re.findall(r"\d+", _report_text(gd.parse_text("\n".join(lines))))
    assert "010" not in figures
    assert figures.count("10") >= 2
    assert figures.count("0") >= 12


@settings(SLOW)
@given(st.integers(0, 10**6), st.integers(0, 10**6), st.booleans())
def test_a_line_break_between_two_figures_never_joins_them(a: int, b: int, tabbed: bool) -> None:
    """A paragraph broken between two figures (a line ending in one, the next starting
    with another) is joined again with the figures kept apart, in plain and in
    tab-separated text."""
    report = gd.build_report(organ="某县某局", year=2024, other="无。")
    text = (
        gd.render_text(report)
        if tabbed
        else "某县某局2024年政府信息公开工作年度报告\n一、总体情况\n概述。\n"
    )
    lines = text.split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("一、"))
    lines[at + 1 : at + 1] = [f"本机关本年度主动公开政府信息数量共计为 {a}", f"{b} 条为规范性文件"]
    again = gd.parse_text("\n".join(lines))
    assert again.overview is not None
    assert f"{a} {b}" in again.overview.text


@pytest.mark.parametrize("declared", ["iso-8859-1", "latin1", "ascii", "windows-1250"])
def test_regression_gbk_page_declaring_a_western_charset(declared: str) -> None:
    """A GBK page whose ``<meta charset>`` names a Western single-byte charset (a CMS
    template's default): every byte decoded, to Latin letters, and no report was found
    (``ParseError``); it is read as GB18030 now, like an undeclared GBK page."""
    report = gd.build_report(
        organ="某县某局",
        year=2024,
        overview="概述。",
        applications={"new_received": {"natural_person": 3}, "granted": {"natural_person": 3}},
    )
    page = gd.render_html(report).replace('charset="utf-8"', f'charset="{declared}"')
    assert f'charset="{declared}"' in page
    again = gd.parse_html(page.encode("gbk"))
    assert again.tables == report.tables
    assert again.organ == report.organ
    assert [f.params for f in again.findings if f.code == "parse.encoding"] == [
        (("encoding", "GB18030"),)
    ]


@pytest.mark.parametrize("marked", ["7*", "7人", "约7", "x7", "7件次", "\ufffd7"])
@pytest.mark.parametrize("column", [1, 4, 7])
def test_regression_a_figure_with_a_mark_at_either_end_of_a_row(marked: str, column: int) -> None:
    """A figure with a mark or a word beside it (7*, 7人, 约7) in the first or last
    value cell of a row: it was taken for a piece of a row label (the first cell: the
    row's figures moved one column left; the last: the next row's label) and dropped,
    with no finding but a count of missing cells. In a middle cell it cut the row in
    two. It is a text cell in its place now, in text and in HTML."""
    report = gd.build_report(
        organ="某县某局",
        year=2024,
        applications={"new_received": {"natural_person": 3, "commercial": 4}},
    )
    line = next(ln for ln in gd.render_text(report).split("\n") if ln.startswith("一、本年新收"))
    cells = line.split("\t")
    column_id = report.table("applications").spec.columns[column - 1].id
    expected = report.with_cell(f"applications.new_received.{column_id}", gd.Text(marked))
    cells[column] = marked
    text = gd.render_text(report).replace(line, "\t".join(cells), 1)
    page = gd.render_html(expected)
    for again in (gd.parse_text(text), gd.parse_html(page)):
        assert again.table("applications") == expected.table("applications")


@settings(SLOW)
@given(valid_reports(), st.data())
def test_a_figure_with_a_mark_in_any_cell_is_kept(report: gd.Report, data: st.DataObject) -> None:
    """A figure of any row of a rendered text, given a mark or a word beside it, reaches
    the report: a text cell, a finding or its prose."""
    lines = gd.render_text(report).split("\n")
    rows = [
        (k, i)
        for k, ln in enumerate(lines)
        for i, cell in enumerate(ln.split("\t"))
        if i and "\t" in ln and re.fullmatch(r"\d+", cell)
    ]
    k, i = data.draw(st.sampled_from(rows))
    cells = lines[k].split("\t")
    cells[i] = data.draw(st.sampled_from(["{}*", "{}人", "约{}", "x{}"])).format(cells[i])
    lines[k] = "\t".join(cells)
    again = gd.parse_text("\n".join(lines))
    assert cells[i] in _report_text(again)


def test_an_invisible_character_between_table_rows_is_no_prose() -> None:
    """A zero-width space or a byte-order mark after a row's end tag prints as nothing:
    it is not loose text of the table (it made section prose of itself)."""
    r = gd.build_report(organ="某县某局", year=2024, review_litigation={"review": {"upheld": 1}})
    page = gd.render_html(r)
    for mark in ("&#8203;", "\ufeff", "\u200b\u00ad"):
        assert gd.parse_html(page.replace("</tr>", "</tr>" + mark, 1)) == r


_CODEC_NAMES = sorted(
    {*encodings.aliases.aliases, *encodings.aliases.aliases.values(), "undefined", "idna"}
)


def _declaring(declared: str, mhtml: bool) -> bytes:
    """A GBK page declaring the charset ``declared``, or an MHTML file whose page
    part declares it."""
    report = gd.build_report(organ="某县某局", year=2024, overview="概述。")
    page = gd.render_html(report).replace('charset="utf-8"', f'charset="{declared}"')
    data = page.encode("gbk")
    if mhtml:
        data = (
            b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n"
            + f"Content-Type: text/html; charset={declared}\r\n\r\n".encode()
            + data
            + b"\r\n--b--\r\n"
        )
    return data


@pytest.mark.parametrize("mhtml", [False, True])
@pytest.mark.parametrize("declared", ["undefined", "idna", "punycode"])
def test_regression_a_page_declaring_a_codec_that_is_no_charset(declared: str, mhtml: bool) -> None:
    """A GBK page (or the page of an MHTML file) declaring Python's ``undefined`` codec
    raised ``UnicodeError`` (that codec's error on any byte, not a
    ``UnicodeDecodeError``); it is read as GB18030 now, as when the codec is unknown."""
    again = gd.parse_html(_declaring(declared, mhtml))
    assert again.organ.name == "某县某局"
    assert [f.params for f in again.findings if f.code == "parse.encoding"] == [
        (("encoding", "GB18030"),)
    ]


@settings(SLOW)
@given(st.sampled_from(_CODEC_NAMES), st.booleans())
def test_any_codec_a_page_declares_is_read_or_refused(declared: str, mhtml: bool) -> None:
    """Whatever codec name a page declares, a report or a ``ParseError``."""
    outcome(gd.parse_html, _declaring(declared, mhtml))


def _lines_run(module: Any, call: Callable[[], object]) -> int:
    """How many lines of ``module``'s code ``call`` runs (each time it runs them): the
    work a reader does, counted in place of a time."""
    import sys  # noqa: PLC0415

    count = [0]
    path = module.__file__

    def local(frame: Any, event: str, _arg: object) -> Any:
        if event == "line":
            count[0] += 1
        return local

    def tracer(frame: Any, _event: str, _arg: object) -> Any:
        return local if frame.f_code.co_filename == path else None

    sys.settrace(tracer)
    try:
        call()
    finally:
        sys.settrace(None)
    return count[0]


def test_regression_a_row_of_thousands_of_marked_cells_is_read_in_linear_time() -> None:
    """A table row of cells each with a footnote mark (``1<sup>2</sup>``): for each
    mark, every cell of the row was compared with it, so a row of 15,000 took 26 s. The
    row's cells are grouped by their text once now; each mark is still reported with
    its own cell's source."""
    from govdisclosure.formats import html  # noqa: PLC0415

    def page(n: int) -> str:
        return (
            "<html><body><p>某县某局2024年政府信息公开工作年度报告</p>"
            "<p>三、收到和处理政府信息公开申请情况</p><table><tr>"
            + "<td>1<sup>2</sup></td>" * n
            + "</tr></table></body></html>"
        )

    report = gd.parse_html(page(300))
    marks = [f for f in report.findings if f.code == "parse.footnote-mark"]
    assert len(marks) == 300
    assert len({f.source for f in marks}) == 300
    # twice the cells, about twice the work (not four times)
    small = _lines_run(html, lambda: gd.parse_html(page(300)))
    large = _lines_run(html, lambda: gd.parse_html(page(600)))
    assert large < 2.5 * small


def test_regression_a_label_text_of_thousands_of_characters_is_matched_in_linear_time() -> None:
    """A row label followed by thousands of cells with a footnote mark (``1¹``, which
    NFKC makes ``11``) is one label text of thousands of digits: matching it against a
    label beginning with a digit sliced the text at each of its digits, so 16,000 such
    cells took 3.5 s, quadratic in the row. Only the last characters of the text, as
    many as the label has, can begin it: only they are looked at now. (The work is the
    lines of ``_labels`` run, which grew with the row: the same for 4,000 cells as for
    1,000 now.)"""
    from govdisclosure.formats import _labels  # noqa: PLC0415

    def read(n: int) -> None:
        outcome(
            gd.parse_text,
            "某县某局2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            + "一、本年新收政府信息公开申请数量\t"
            + "1¹\t" * n
            + "\n",
        )

    small = _lines_run(_labels, lambda: read(1000))
    large = _lines_run(_labels, lambda: read(4000))
    assert large < 2 * small


def test_regression_a_line_of_thousands_of_headings_is_read_in_linear_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A line of a section heading written over and over (a paste gone wrong: 34,000
    characters in a 100 kB Markdown file took 6.8 s) was folded and matched again from
    each of its numbers, looking for a heading run onto the end of the line: the line's
    length squared. A heading is a few dozen characters, so only the line's last 400
    are looked in now. (The work is the characters folded for matching: 4 times the
    headings, 1.7 times the characters now; 16 times on main.)"""
    from govdisclosure.formats import _assembly  # noqa: PLC0415

    heading = "五、存在的主要问题及改进情况"
    fold = _assembly.normalize_label
    folded = [0]

    def counted(text: str) -> str:
        folded[0] += len(text)
        return fold(text)

    monkeypatch.setattr(_assembly, "normalize_label", counted)

    def read(n: int) -> int:
        folded[0] = 0
        outcome(
            gd.parse_text,
            f"某县某局2024年政府信息公开工作年度报告\n一、总体情况\n概述。\n{heading * n}\n",
        )
        outcome(
            gd.parse_markdown,
            "# 某县某局2024年政府信息公开工作年度报告\n\n## 一、总体情况\n\n概述。\n\n"
            + ("## " + heading) * n,
        )
        return folded[0]

    assert read(1000) < 2.5 * read(250)
