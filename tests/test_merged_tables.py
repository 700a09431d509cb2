"""Tables of several sections in one table are read as the tables they are.

Word merges two tables that nothing separates, and web editors keep them merged; some
publishers also type a section's heading into a row of the table before it, spanning
the row. Before, such a table was read as one: section 四's heading and header cells
came out as ``parse.unread-label`` findings, its figures as one ``parse.unknown-row``
of section 三, and section 四 was missing. Now the table is cut where a row is a section
heading, or where a row opens another kind of table (its header words) with figures
after it, and each part is read in its section. The text reader already cut tables
there line by line; the grids of web pages, Word and PDF now are too.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import attrs
import docx  # python-docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

import govdisclosure as gd
from editor_markup import editor_markup
from govdisclosure.formats._assembly import _table_parts
from govdisclosure.formats._raw import RawRow, RawTable, make_cell
from govdisclosure.model import Source
from govdisclosure.strategies import valid_reports

SEED = Path(__file__).parent / "data" / "real" / "xunzhen-2024.txt"
HEADINGS = {
    "active": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
}
ORDER = ("active", "applications", "review_litigation")


def tables_of(report: gd.Report) -> tuple[object, ...]:
    return (report.active, report.applications, report.review_litigation)


def codes(report: gd.Report) -> list[tuple[str, str]]:
    return sorted((f.code, f.path) for f in report.findings)


def merged_page(report: gd.Report, sections: tuple[str, ...], *, headings: bool) -> str:
    """The report as a CMS editor writes it, with the tables of ``sections`` (adjacent,
    in order) merged into the first one's table; with ``headings``, the heading of each
    later section typed into a row spanning the table, else dropped."""
    page = editor_markup(gd.render_html(report, standalone=False))
    root = lxml_html.fragment_fromstring(page, create_parent="div")
    tables = root.findall(".//table")
    assert len(tables) == 3, "one table a tabled section"
    by_section = dict(zip(ORDER, tables, strict=True))
    first = by_section[sections[0]]
    width = max(sum(int(td.get("colspan", "1")) for td in tr) for tr in first.iter("tr"))
    body = first.findall("tbody")[-1]
    for section in sections[1:]:
        table = by_section[section]
        heading = next(el for el in root.iter() if (el.text or "").strip() == HEADINGS[section])
        block = heading  # the paragraph that holds the heading
        while block.tag not in {"p", "h1", "h2", "h3", "h4"}:
            block = block.getparent()
        block.getparent().remove(block)
        if headings:
            tr = etree.SubElement(body, "tr")
            td = etree.SubElement(tr, "td", colspan=str(width))
            td.text = HEADINGS[section]
        for tr in list(table.iter("tr")):
            body.append(tr)
        table.getparent().remove(table)
    return lxml_html.tostring(root, encoding="unicode")


@pytest.fixture(scope="module")
def seed() -> gd.Report:
    return gd.parse_text(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "sections",
    [("applications", "review_litigation"), ("active", "applications"), ORDER],
    ids=["三+四", "二+三", "二+三+四"],
)
def test_heading_rows_cut_the_table(seed: gd.Report, sections: tuple[str, ...]) -> None:
    plain = gd.parse_html(merged_page(seed, (sections[0],), headings=True))
    report = gd.parse_html(merged_page(seed, sections, headings=True))
    assert tables_of(report) == tables_of(seed)
    # no finding that the plain page has not: the headings are headings
    assert codes(report) == codes(plain)
    assert not any(f.code in {"parse.unread-label", "parse.unknown-row"} for f in report.findings)


@pytest.mark.parametrize(
    "sections",
    [("applications", "review_litigation"), ("active", "applications"), ORDER],
    ids=["三+四", "二+三", "二+三+四"],
)
def test_tables_merged_without_a_heading(seed: gd.Report, sections: tuple[str, ...]) -> None:
    report = gd.parse_html(merged_page(seed, sections, headings=False))
    assert tables_of(report) == tables_of(seed)
    # the headings are gone from the page: each is named, as the text reader names them
    missing = {f.path for f in report.findings if f.code == "parse.missing-heading"}
    assert missing == set(sections[1:])
    assert not any(f.code in {"parse.unread-label", "parse.unknown-row"} for f in report.findings)


def test_heading_row_before_its_own_table(seed: gd.Report) -> None:
    """The heading typed into the first row of its own section's table."""
    page = editor_markup(gd.render_html(seed, standalone=False))
    heading = HEADINGS["review_litigation"]
    at = page.index(heading)
    start = page.rindex("<p", 0, at)
    end = page.index("</p>", at) + len("</p>")
    page = page[:start] + page[end:]
    table = page.index("<table", start)
    body = page.index("<tbody>", table) + len("<tbody>")
    page = page[:body] + f'<tr><td colspan="15">{heading}</td></tr>' + page[body:]
    report = gd.parse_html(page)
    assert tables_of(report) == tables_of(seed)
    assert not any(
        f.code in {"parse.unread-label", "parse.missing-heading"} for f in report.findings
    )


def test_text_heading_line_with_tabs(seed: gd.Report) -> None:
    """A heading copied from a table row keeps its row's tabs: it is a heading still."""
    text = SEED.read_text(encoding="utf-8")
    heading = HEADINGS["review_litigation"]
    assert heading + "\n" in text
    report = gd.parse_text(text.replace(heading + "\n", heading + "\t\t\t\n"))
    assert tables_of(report) == tables_of(seed)
    assert codes(report) == codes(seed)


def _row(texts: list[str], line: int) -> RawRow:
    cells = tuple(make_cell(t, Source(line=line, column=i + 1)) for i, t in enumerate(texts))
    return RawRow(cells, Source(line=line))


def test_a_note_row_after_the_figures_cuts_nothing() -> None:
    """Words of another table in a row with no figure after it (a note under the
    table) open no table: the table stays whole."""
    rows = (
        _row(["申请人情况", "自然人", "总计"], 1),
        _row(["一、本年新收政府信息公开申请数量", "3", "3"], 2),
        _row(["注：本年度未发生行政复议、行政诉讼案件", "", ""], 3),
    )
    assert _table_parts(RawTable(rows, Source(line=1))) is None


def test_a_numbered_row_with_figures_is_no_heading() -> None:
    rows = (
        _row(["申请人情况", "自然人", "总计"], 1),
        _row(["四、结转下年度继续办理", "0", "0"], 2),
        _row(["二、主动公开政府信息情况", "", ""], 3),
    )
    parts = _table_parts(RawTable(rows, Source(line=1)))
    assert parts is not None
    assert [type(p).__name__ for p in parts] == ["RawTable", "RawParagraph"]
    assert len(parts[0].rows) == 2  # type: ignore[union-attr]


@settings(max_examples=15, deadline=None)
@given(report=valid_reports(), data=st.data())
def test_any_report_merged_reads_the_same_tables(report: gd.Report, data: st.DataObject) -> None:
    """Property: any valid report's tables, any adjacent run of them merged (with or
    without the headings as rows), read back the same."""
    start = data.draw(st.integers(0, 1), label="first")
    stop = data.draw(st.integers(start + 2, 3), label="stop")
    headings = data.draw(st.booleans(), label="headings")
    sections = ORDER[start:stop]
    expected = gd.parse_html(editor_markup(gd.render_html(report, standalone=False)))
    got = gd.parse_html(merged_page(report, sections, headings=headings))
    assert tables_of(got) == tables_of(expected)
    extra = set(codes(got)) - set(codes(expected))
    allowed = set() if headings else {("parse.missing-heading", s) for s in sections[1:]}
    assert extra <= allowed


def test_parse_all_keeps_indices_of_cut_tables(seed: gd.Report) -> None:
    """A compilation whose first report has merged tables is still cut in two."""
    one = merged_page(seed, ("applications", "review_litigation"), headings=True)
    other = attrs.evolve(
        seed, organ=gd.Organ("某县某局"), title="某县某局2024年政府信息公开工作年度报告"
    )
    two = editor_markup(gd.render_html(other, standalone=False))
    reports = gd.parse_all(one + two)
    assert len(reports) == 2
    assert [tables_of(r) for r in reports] == [tables_of(seed), tables_of(seed)]
    assert re.sub(r"\s", "", reports[1].organ.name) == "某县某局"


@pytest.mark.parametrize("headings", [True, False], ids=["heading-row", "no-heading"])
def test_word_tables_merged(seed: gd.Report, headings: bool) -> None:
    """In Word: section 四's rows moved into section 三's table (as Word merges two
    tables once the paragraphs between them are deleted), the heading typed into a
    row of its own or gone."""
    document = docx.Document(io.BytesIO(gd.render_docx(seed)))
    three, four = document.tables[-2], document.tables[-1]
    heading = next(
        p for p in document.paragraphs if p.text.strip() == HEADINGS["review_litigation"]
    )
    heading._element.getparent().remove(heading._element)
    if headings:
        row = three.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        merged.text = HEADINGS["review_litigation"]
    for tr in list(four._tbl.tr_lst):
        three._tbl.append(tr)
    four._tbl.getparent().remove(four._tbl)
    out = io.BytesIO()
    document.save(out)
    report = gd.parse_docx(out.getvalue())
    assert tables_of(report) == tables_of(seed)
    assert not any(f.code in {"parse.unread-label", "parse.unknown-row"} for f in report.findings)
    missing = {f.path for f in report.findings if f.code == "parse.missing-heading"}
    assert missing == (set() if headings else {"review_litigation"})
