"""Safe output: hostile organ names and narratives never become markup.

HTML: no element, attribute or event handler comes from the report's text; the text
is shown verbatim. Markdown: pipes, backticks, HTML, link and emphasis syntax are
escaped, so every table row keeps its cells. DOCX: characters XML cannot hold do not
break the document. JSON: ``from_json`` names the path of what is wrong.
"""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import govdisclosure as gd
from govdisclosure.formats.docx import render_docx

HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)' x='",
    '" autofocus onfocus="alert(1)',
    "</table></article><iframe src=javascript:alert(1)>",
    "<!-- comment --><![CDATA[x]]>",
    "&lt;escaped&gt; &amp; &#x3C;script&#x3E;",
    "| a | b |\n|---|---|",
    "`code` ```fence```",
    "[link](javascript:alert(1)) ![img](http://x/y.png)",
    "*emph* _under_ **bold** ~~strike~~",
    "# heading\n> quote\n- item\n1. item",
    "<b>bold</b>",
    "\\|escaped pipe",
    "\x00\x01\x0b\x1f\x7f",
    "\ud800 lone surrogate",
)
SLOW = settings(suppress_health_check=[HealthCheck.too_slow])

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map("".join),
    st.text(max_size=40),
)


def hostile_report(organ: str, narrative: str) -> gd.Report:
    return gd.build_report(
        organ="某县某局" + organ,
        year=2024,
        published="2025-01-20",
        overview=narrative,
        problems=narrative,
        other=narrative,
        applications={"granted": {"natural_person": 1}, "new_received": {"natural_person": 1}},
    ).with_cell("applications.not_handled.duplicate.research", gd.Text(narrative or "x"))


def _tree(page: str) -> etree._Element:
    return etree.fromstring(page.encode("utf-8", "replace"), etree.HTMLParser(encoding="utf-8"))


def _tag(el: etree._Element) -> str:
    tag: object = el.tag  # comments have a function here
    return tag if isinstance(tag, str) else ""


def _allowed_tags(report: gd.Report) -> set[str]:
    benign = gd.build_report(
        organ="某县某局", year=2024, published="2025-01-20", overview="a", problems="a", other="a"
    )
    return {_tag(el) for el in _tree(gd.render_html(benign)).iter()} - {""} | {
        "html",
        "body",
        "head",
    }


@settings(SLOW)
@given(hostile_text, hostile_text)
def test_html_escapes_everything(organ: str, narrative: str) -> None:
    report = hostile_report(organ, narrative)
    allowed = _allowed_tags(report)
    for standalone in (True, False):
        page = gd.render_html(report, standalone=standalone)
        root = _tree(page)
        for el in root.iter():
            if not _tag(el):
                continue
            assert _tag(el) in allowed, el.tag
            for key, raw in el.attrib.items():
                name, value = str(key), str(raw)
                assert not name.lower().startswith("on"), (name, value)
                assert "javascript:" not in value.lower() or name == "data-organ"
        assert not root.xpath("//script|//img|//iframe")


def test_html_shows_hostile_text_verbatim() -> None:
    text = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    page = gd.render_html(hostile_report(text, text))
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    root = _tree(page)
    assert text in "".join(str(t) for t in root.itertext())
    # the organ name in an attribute is quoted and escaped too
    for el in root.iter():
        for raw in el.attrib.values():
            value = str(raw)
            if "某县某局" in value:
                assert value.endswith(text) or text not in value


def _table_rows(markdown: str) -> list[str]:
    return [ln for ln in markdown.split("\n") if ln.startswith("|")]


def _cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row)) - 1


@settings(SLOW)
@given(hostile_text, hostile_text)
def test_markdown_escapes_everything(organ: str, narrative: str) -> None:
    report = hostile_report(organ, narrative)
    md = gd.render_markdown(report)
    benign = gd.render_markdown(hostile_report("", "x"))
    # every table keeps its shape: as many rows, each with as many cells
    assert [_cells(r) for r in _table_rows(md)] == [_cells(r) for r in _table_rows(benign)]
    assert "<script" not in md
    assert "<img" not in md
    assert not re.search(r"(?<!\\)\]\(", md)  # no link or image syntax survives
    assert not re.search(r"(?<!\\)`", md)


@settings(SLOW, max_examples=10)
@given(hostile_text, hostile_text)
def test_docx_accepts_any_text(organ: str, narrative: str) -> None:
    import docx  # noqa: PLC0415

    data = render_docx(hostile_report(organ, narrative))
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d.update(colour="red"), "colour"),
        (lambda d: d.update(year="2024"), "year"),
        (
            lambda d: d["applications"]["cells"]["granted"].__setitem__("natural_person", -3),
            "granted",
        ),
    ],
    ids=["unknown-key", "wrong-type", "negative-count"],
)
def test_from_json_names_the_path(mutate: object, path: str) -> None:
    import json  # noqa: PLC0415

    data = json.loads(gd.to_json(hostile_report("", "x")))
    mutate(data)  # type: ignore[operator]
    with pytest.raises(gd.JSONError) as info:
        gd.from_json(data)
    assert any(path in p or path in m for p, m in info.value.errors), info.value.errors


def test_outputs_can_always_be_written_as_utf8() -> None:
    """Lone surrogates in a report's text never make an output unwritable."""
    r = gd.build_report(
        organ="某\ud800局", year=2024, overview="概述\udfff。", problems="问题。", other="无。"
    )
    outputs = [gd.render_text(r), gd.render_html(r), gd.render_markdown(r), gd.to_json(r)]
    for out in outputs:
        out.encode("utf-8")
        assert "\ufffd" in out
