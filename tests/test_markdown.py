"""render_markdown: pipe tables, flattened labels, escaping, golden files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure import strategies as gs
from govdisclosure.formats._render import cell_text
from govdisclosure.formats.dispatch import sniff
from govdisclosure.formats.markdown import escape_markdown, unescape_markdown
from govdisclosure.template import Edition, template
from realfigures import REPORTS
from test_html import reports

GOLDEN = Path(__file__).parent / "golden"

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def table_blocks(md: str) -> list[tuple[list[str], list[list[str]]]]:
    """Every pipe table as (header, data rows), cells split at unescaped pipes."""
    out: list[tuple[list[str], list[list[str]]]] = []
    current: list[list[str]] = []
    for line in [*md.splitlines(), ""]:
        if line.startswith("|"):
            current.append([c.strip() for c in _UNESCAPED_PIPE.split(line)[1:-1]])
        elif current:
            assert all(c == "---" for c in current[1])
            out.append((current[0], current[2:]))
            current = []
    return out


def unescape(cell: str) -> str:
    cell = re.sub(r"\\(.)", r"\1", cell)
    return cell.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@pytest.mark.parametrize("edition", list(Edition))
def test_applications_rows_are_flattened(edition: Edition) -> None:
    r = gd.build_report(organ="某县某局", year=2020 if edition is Edition.V2019 else 2024)
    md = gd.render_markdown(r)
    assert "| 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 | 0 |" in md
    assert "| 四、结转下年度继续办理 |" in md
    spec = template(edition).table("applications")
    header, rows = table_blocks(md)[-2]
    assert header[0] == spec.corner
    assert len(header) == 8
    assert header[2] == "申请人情况 / 法人或其他组织 / 商业企业"
    assert len(rows) == len(spec.rows)


@given(reports())
def test_every_cell_in_place(report: gd.Report) -> None:
    for locale in ("zh_CN", "en"):
        blocks = table_blocks(gd.render_markdown(report, locale=locale))
        assert len(blocks) == len(report.tables)
        for (header, rows), t in zip(blocks, report.tables, strict=True):
            assert len(header) == 1 + len(t.spec.columns)
            expected = [
                [cell_text(v, c, locale) for v, c in zip(values, t.spec.columns, strict=True)]
                for values in t.cells
            ]
            assert [[unescape(c) for c in r[1:]] for r in rows] == expected


HOSTILE = [
    "a|b",
    "`code`",
    "<script>alert(1)</script>",
    "**bold**",
    "[x](javascript:alert(1))",
    "# heading",
    "1. list",
    "- item",
    "> quote",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_escaped(hostile: str) -> None:
    r = gd.build_report(
        organ=f"某局{hostile}",
        year=2024,
        overview=hostile,
        applications={"granted": {"natural_person": gd.Text(hostile)}},
    )
    md = gd.render_markdown(r)
    assert "<script" not in md
    assert "[x](" not in md
    assert not any(line.startswith(hostile) for line in md.splitlines())
    for header, rows in table_blocks(md):
        assert all(len(row) == len(header) for row in rows)
    cell = next(row[1] for _, rows in table_blocks(md) for row in rows if "予以公开" in row[0])
    assert unescape(cell) == hostile
    assert escape_markdown(hostile) in md.split("\n")


def test_escape_markdown_examples() -> None:
    assert escape_markdown("a|b") == "a\\|b"
    assert escape_markdown("<b>") == "&lt;b&gt;"
    assert escape_markdown("# x") == "\\# x"
    assert escape_markdown("- x") == "\\- x"
    assert escape_markdown("12. x") == "12\\. x"
    assert escape_markdown("x\ny") == "x y"


def test_english_markdown() -> None:
    md = gd.render_markdown(REPORTS["xunzhen-2024"](), locale="en")
    assert "## III. Applications" in md
    assert "| III. Outcomes of handling this year / (3) Not disclosed / 1. State secret |" in md
    assert "February 7, 2025" in md


@pytest.mark.parametrize("name", sorted(REPORTS))
@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_golden_markdown(name: str, locale: str, update_golden: bool) -> None:
    md = gd.render_markdown(REPORTS[name](), locale=locale)
    path = GOLDEN / f"{name}.{locale}.md"
    if update_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_text(md, encoding="utf-8")
    assert md == path.read_text(encoding="utf-8")


# ------------------------------------------------------------------------- reading back
@given(st.text().filter(lambda t: "\n" not in t and "\r" not in t))
def test_unescape_undoes_escape(text: str) -> None:
    assert unescape_markdown(escape_markdown(text)) == text


@given(gs.valid_reports())
def test_parse_markdown_of_render_markdown_is_identity(report: gd.Report) -> None:
    md = gd.render_markdown(report)
    assert sniff(md) == "markdown"
    assert gd.parse_markdown(md) == report
    assert gd.parse(md.encode("utf-8")) == report


@given(gs.valid_reports())
def test_english_markdown_reads_back(report: gd.Report) -> None:
    """The English layout (headings, captions, labels and the date in English, with
    glosses) reads back as the Chinese one does."""
    md = gd.render_markdown(report, locale="en")
    assert sniff(md) == "markdown"
    assert gd.parse_markdown(md) == report
    assert gd.parse(md.encode("utf-8")) == report


@given(gs.reports())
def test_any_report_reads_from_english_markdown_as_from_its_english_web_page(
    report: gd.Report,
) -> None:
    back = gd.parse_markdown(gd.render_markdown(report, locale="en"))
    page = gd.parse_html(gd.render_html(report, locale="en"))
    assert back == page
    assert [f.code for f in back.findings] == [f.code for f in page.findings]


@given(gs.reports())
def test_any_report_reads_from_markdown_as_from_its_web_page(report: gd.Report) -> None:
    """Odd cells too (words in place of figures, blanks, extra text): the Markdown layout
    reads as the official web page does, findings included."""
    back = gd.parse_markdown(gd.render_markdown(report))
    page = gd.parse_html(gd.render_html(report))
    assert back == page
    assert [f.code for f in back.findings] == [f.code for f in page.findings]


@pytest.mark.parametrize("name", sorted(REPORTS))
@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_real_reports_read_back_from_markdown(name: str, locale: str, tmp_path: Path) -> None:
    report = REPORTS[name]()
    path = tmp_path / f"{name}.md"
    path.write_text(gd.render_markdown(report, locale=locale), encoding="utf-8")
    assert gd.parse_markdown(path) == report
    assert gd.parse(path) == report


def test_a_word_in_place_of_the_first_figure_of_section_four_stays_in_its_cell() -> None:
    """render_markdown writes section 四 one row per kind of case, so 见上表 comes right
    after the row's label; it is read as the cell it is, not as part of the label."""
    r = gd.build_report(organ="某县某局", year=2024, review_litigation={"review": {"upheld": 1}})
    r = r.with_cell("review_litigation.litigation_direct.upheld", gd.Text("见上表"))
    back = gd.parse_markdown(gd.render_markdown(r))
    assert back.review_litigation == r.review_litigation
    assert back.findings == ()


def test_markdown_that_is_no_report_is_refused() -> None:
    with pytest.raises(gd.ParseError):
        gd.parse_markdown("")
    with pytest.raises(gd.ParseError):
        gd.parse_markdown("| a | b |\n| --- | --- |\n| 1 | 2 |\n")


def test_a_line_separator_inside_a_cell_does_not_end_its_row() -> None:
    """Only line breaks end a Markdown line: a cell holding U+2028, a form feed or the
    like keeps its row whole (str.splitlines would cut it, losing the row's end)."""
    r = gd.build_report(
        organ="某县某局", year=2024, review_litigation={"review": {"upheld": 1, "total": 1}}
    )
    for mark in ("\u2028", "\u2029", "\x85", "\x0c", "\x1e"):
        odd = r.with_cell("review_litigation.review.other", gd.Text(f"见{mark}说明"))
        back = gd.parse_markdown(gd.render_markdown(odd))
        assert back.review_litigation == odd.review_litigation
        assert back.findings == ()


def test_an_extra_cell_in_a_row_of_section_four_moves_no_figure() -> None:
    r = gd.build_report(
        organ="某县某局",
        year=2024,
        review_litigation={
            "review": {"upheld": 1, "corrected": 2, "other": 3, "pending": 4, "total": 10},
            "litigation_direct": {"upheld": 5, "total": 5},
            "litigation_after_review": {"upheld": 6, "total": 6},
        },
    )
    md = gd.render_markdown(r).replace(
        "| 行政复议 | 1 | 2 | 3 | 4 | 10 |", "| 行政复议 | 1 | 2 | 3 | 4 | 10 | 11 |"
    )
    back = gd.parse_markdown(md)
    assert back.review_litigation == r.review_litigation
    extra = [f for f in back.findings if f.code == "parse.extra-cells"]
    assert len(extra) == 1
    assert "11" in str(extra[0].params)


def test_markdown_is_held_to_the_limits() -> None:
    """A label of many pieces widens every row of its table: the cells are counted before
    the grid is made, and the lines and the time budget hold as for text."""
    n = 300
    md = (
        "# 某县某局2024年政府信息公开工作年度报告\n## 一、总体情况\n| 信息内容 | a |\n| --- | --- |\n| "
        + " / ".join(["x"] * n)
        + " | 1 |\n"
        + "| r | i |\n" * n
    )
    with pytest.raises(gd.LimitExceeded, match="max_lines"):
        gd.parse_markdown(md, limits=gd.Limits(max_lines=100))
    with pytest.raises(gd.LimitExceeded, match="max_cells"):
        gd.parse_markdown(md, limits=gd.Limits(max_cells=1000))
    with pytest.raises(gd.LimitExceeded, match="max_cells"):
        gd.parse(md)  # the default limits refuse it at once
