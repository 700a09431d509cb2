"""Markdown as converters of PDF write it: HTML tables among the paragraphs.

Tools that turn a PDF into Markdown write a table with merged cells as HTML (often the
whole table on one line, wrapped in ``<html><body>``), and the section headings with or
without hashes. ``parse_markdown`` reads those tables with the web page reader, in
their place among the paragraphs, and ``parse`` tells such a file for Markdown. (Before,
``parse_markdown`` kept each HTML table as a paragraph of markup: no table was read and
no finding said so.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lhtml

import govdisclosure as gd
from govdisclosure.formats.dispatch import sniff
from govdisclosure.strategies import reports
from test_nothing_lost import SLOW, assert_nothing_lost, html_figures

REAL = Path(__file__).parent / "data" / "real"


def converted(report: gd.Report, *, hashes: bool, one_line: bool) -> str:
    """``report`` as a converter of its PDF would write Markdown: headings (with hashes
    or as plain lines), paragraphs, and each table as HTML."""
    root = lhtml.fromstring(gd.render_html(report))
    parts: list[str] = []
    for el in root.iter("h1", "h2", "h3", "p", "table"):
        if any(a.tag == "table" for a in el.iterancestors()):
            continue
        if el.tag == "table":
            markup = lhtml.tostring(el, encoding="unicode")
            if one_line:
                markup = "<html><body>" + re.sub(r"\s*\n\s*", "", markup) + "</body></html>"
            parts.append(markup)
        elif el.tag.startswith("h"):
            parts.append(("# " if hashes else "") + el.text_content().strip())
        elif el.text_content().strip():
            parts.append(el.text_content().strip())
    return "\n\n".join(parts)


def tables(report: gd.Report) -> tuple[object, ...]:
    return (report.active, report.applications, report.review_litigation)


@settings(SLOW, max_examples=40)
@given(reports(), st.booleans(), st.booleans())
def test_converted_markdown_reads_every_table(
    report: gd.Report, hashes: bool, one_line: bool
) -> None:
    md = converted(report, hashes=hashes, one_line=one_line)
    read = gd.parse_markdown(md)
    assert tables(read) == tables(report)
    assert_nothing_lost(html_figures(md), read)
    assert tables(gd.parse(md.encode("utf-8"))) == tables(report)
    if hashes:
        assert sniff(md) == "markdown"


@pytest.mark.parametrize("name", ["hongze-2024.pdf", "huaian-2024.pdf", "hongze-2023.pdf"])
def test_a_real_report_converted_to_markdown_reads_the_same(name: str) -> None:
    """The real reports, read from their PDFs, written as a converter would write them."""
    report = gd.parse(REAL / name)
    md = converted(report, hashes=True, one_line=True)
    read = gd.parse(md.encode("utf-8"))
    assert tables(read) == tables(report)
    assert (read.organ, read.year) == (report.organ, report.year)


def test_an_html_table_is_placed_in_the_markdown() -> None:
    """Where a cell of an HTML table was read is said in the Markdown's terms: its line,
    and the table's place among all the tables of the text."""
    report = gd.build_report(
        organ="某县某局",
        year=2024,
        applications={"new_received": {"natural_person": 3}, "granted": {"natural_person": 3}},
    )
    md = converted(report, hashes=True, one_line=True)
    lines = md.split("\n")
    read = gd.parse_markdown(md)
    where = read.provenance["applications.granted.natural_person"]
    assert where.line is not None
    assert "<table" in lines[where.line - 1]
    assert "申请人情况" in lines[where.line - 1]
    assert where.table == 1  # section 二's table is the first
