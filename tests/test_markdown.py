"""render_markdown: pipe tables, flattened labels, escaping, golden files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given

import govdisclosure as gd
from govdisclosure.formats._render import cell_text
from govdisclosure.formats.markdown import escape_markdown
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
