"""render_html and parse_html: layout, escaping, golden pages, reading CMS pages."""

from __future__ import annotations

import codecs
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import govdisclosure as gd
from editor_markup import editor_markup
from govdisclosure.formats._render import cell_text
from govdisclosure.formats.html import MAX_COLSPAN, _decode, _parse_tree, _span, html_blocks
from govdisclosure.model import NotApplicable, Text
from govdisclosure.template import Edition, template
from realfigures import REPORTS, TRANSCRIBED

GOLDEN = Path(__file__).parent / "golden"
HTML = Path(__file__).parent / "data" / "html"


# ------------------------------------------------------------------ helpers


def grid(table: ET.Element) -> list[list[ET.Element | None]]:
    """The table's cells expanded to a dense grid (an independent, simple expander)."""
    rows = [
        tr
        for part in table
        for tr in (part if part.tag in {"thead", "tbody"} else [part])
        if tr.tag == "tr"
    ]
    taken: dict[tuple[int, int], ET.Element] = {}
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            while (r, c) in taken:
                c += 1
            rs, cs = int(cell.get("rowspan", "1")), int(cell.get("colspan", "1"))
            for i in range(r, r + rs):
                for j in range(c, c + cs):
                    assert (i, j) not in taken, "overlapping spans"
                    taken[i, j] = cell
            c += cs
    height = max(i for i, _ in taken) + 1
    width = max(j for _, j in taken) + 1
    return [[taken.get((i, j)) for j in range(width)] for i in range(height)]


def text(cell: ET.Element | None) -> str:
    assert cell is not None
    return "".join(cell.itertext())


def tables(page: str) -> dict[str, ET.Element]:
    root = ET.fromstring(page)
    return {t.get("class", ""): t for t in root.iter("table")}


cells_ = st.one_of(
    st.integers(min_value=-(10**9), max_value=10**12),
    st.decimals(min_value=-(10**6), max_value=10**9, places=2, allow_nan=False),
    st.just(gd.BLANK),
    st.sampled_from(["/", "—", "无", "不适用"]).map(NotApplicable),
    st.sampled_from(["详见附表", "略", "<b>x</b>", "a|b", "`x`"]).map(Text),
)
safe_text = st.text(
    alphabet=st.characters(
        blacklist_categories=["Cs", "Cc", "Cn", "Co"], blacklist_characters="\u2028\u2029"
    ),
    max_size=40,
)


@st.composite
def reports(draw: st.DrawFn, edition: Edition | None = None) -> gd.Report:
    ed = edition or draw(st.sampled_from(list(Edition)))
    year = draw(st.integers(2019, 2020)) if ed is Edition.V2019 else draw(st.integers(2021, 2030))
    tpl = template(ed)

    def table(table_id: str) -> gd.Table:
        spec = tpl.table(table_id)
        return gd.Table(table_id, ed, [[draw(cells_) for _ in spec.columns] for _ in spec.rows])

    narrative = st.lists(safe_text.filter(lambda s: s.strip() != ""), max_size=3).map(
        lambda ps: "\n".join(p.strip() for p in ps)
    )
    return gd.build_report(
        organ=draw(safe_text.filter(lambda s: s.strip() != "")).strip(),
        year=year,
        edition=ed,
        published=draw(st.none() | st.dates(date(2019, 1, 1), date(2031, 12, 31))),
        overview=draw(narrative),
        problems=draw(narrative),
        other=draw(narrative),
        active={t.id: table(t.id) for t in tpl.active_tables},
        applications=table("applications"),
        review_litigation=table("review_litigation"),
    )


# ------------------------------------------------------------------ layout


@pytest.mark.parametrize("edition", list(Edition))
def test_applications_geometry_is_the_templates(edition: Edition) -> None:
    r = gd.build_report(organ="某县某局", year=2020 if edition is Edition.V2019 else 2024)
    t = tables(gd.render_html(r, standalone=False))["applications"]
    g = grid(t)
    n = 23 if edition is Edition.V2019 else 25
    assert len(g) == 3 + n
    assert all(len(row) == 10 for row in g)
    corner = g[0][0]
    assert all(g[i][j] is corner for i in range(3) for j in range(3))
    assert text(corner) == template(edition).table("applications").corner
    assert {id(g[0][j]) for j in range(3, 10)} == {id(g[0][3])}
    assert text(g[0][3]) == "申请人情况"
    assert g[1][3] is g[2][3]
    assert text(g[1][3]) == "自然人"
    assert g[1][9] is g[2][9]
    assert text(g[1][9]) == "总计"
    assert {id(g[1][j]) for j in range(4, 9)} == {id(g[1][4])}
    assert text(g[1][4]) == "法人或其他组织"
    outcome = g[5][0]
    assert text(outcome) == "三、本年度办理结果"
    assert sum(1 for row in g if row[0] is outcome) == (20 if edition is Edition.V2019 else 22)
    for label, size in (("（三）不予公开", 8), ("（四）无法提供", 3), ("（五）不予处理", 5)):
        assert sum(1 for row in g if text(row[1]) == label) == size
    six = sum(1 for row in g if text(row[1]) == "（六）其他处理")
    assert six == (1 if edition is Edition.V2019 else 3)


def test_review_geometry_is_the_templates() -> None:
    r = gd.build_report(
        organ="某县某局",
        year=2024,
        review_litigation={
            "review": {"upheld": 1, "pending": 2},
            "litigation_after_review": {"corrected": 3},
        },
    )
    g = grid(tables(gd.render_html(r, standalone=False))["review-litigation"])
    assert len(g) == 4
    assert all(len(row) == 15 for row in g)
    assert [text(g[0][j]) for j in (0, 5, 14)] == ["行政复议", "行政诉讼", "行政诉讼"]
    assert {id(g[0][j]) for j in range(5)} == {id(g[0][0])}
    assert g[1][0] is g[2][0]
    assert text(g[1][0]) == "结果维持"
    assert text(g[1][5]) == "未经复议直接起诉"
    assert text(g[1][10]) == "复议后起诉"
    assert [text(c) for c in g[3]] == [
        "1",
        "0",
        "0",
        "2",
        "3",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "3",
        "0",
        "0",
        "3",
    ]


@pytest.mark.parametrize("edition", list(Edition))
def test_active_blocks_caption_rows_and_single_values_span(edition: Edition) -> None:
    r = gd.build_report(organ="某县某局", year=2020 if edition is Edition.V2019 else 2024)
    g = grid(tables(gd.render_html(r, standalone=False))["active"])
    tpl = template(edition)
    assert len(g) == sum(2 + len(t.rows) for t in tpl.active_tables)
    assert all(len(row) == 4 for row in g)
    i = 0
    for spec in tpl.active_tables:
        assert {id(c) for c in g[i]} == {id(g[i][0])}
        assert text(g[i][0]) == spec.caption
        assert text(g[i + 1][0]) == "信息内容"
        assert text(g[i + 1][-1]) == spec.columns[-1].label
        i += 2 + len(spec.rows)


@given(reports())
def test_every_cell_value_in_place(report: gd.Report) -> None:
    for locale in ("zh_CN", "en"):
        page = gd.render_html(report, locale=locale)
        found = tables(page)
        app = report.applications
        assert app is not None
        g = grid(found["applications"])
        for i, (_row, values) in enumerate(zip(app.spec.rows, app.cells, strict=True)):
            for j, (value, column) in enumerate(zip(values, app.spec.columns, strict=True)):
                assert text(g[3 + i][3 + j]) == cell_text(value, column, locale)
            assert g[3 + i][2] is not None
        rl = report.review_litigation
        assert rl is not None
        g = grid(found["review-litigation"])
        expected = [
            cell_text(v, c, locale)
            for values in rl.cells
            for v, c in zip(values, rl.spec.columns, strict=True)
        ]
        assert [text(c) for c in g[3]] == expected
        g = grid(found["active"])
        i = 0
        for t in report.active:
            for r, values in enumerate(t.cells):
                shown = []
                for j in range(1, 4):
                    if j == 1 or g[i + 2 + r][j] is not g[i + 2 + r][j - 1]:
                        shown.append(text(g[i + 2 + r][j]))
                assert shown == [
                    cell_text(v, c, locale) for v, c in zip(values, t.spec.columns, strict=True)
                ]
            i += 2 + len(t.cells)


def test_blank_stays_blank_and_placeholders_show() -> None:
    r = gd.build_report(
        organ="某县某局",
        year=2024,
        missing=gd.BLANK,
        applications={
            "new_received": {"natural_person": "/"},
            "granted": {"natural_person": "详见附表"},
        },
    )
    assert r.cell("applications.carried_over.natural_person") is gd.BLANK
    g = grid(tables(gd.render_html(r, standalone=False))["applications"])
    assert text(g[3][3]) == "/"
    assert text(g[4][3]) == ""
    assert text(g[5][3]) == "详见附表"
    assert "0" not in [text(c) for row in g[3:] for c in row[3:]]


def test_amounts_keep_their_precision() -> None:
    r = gd.build_report(
        organ="某县某局", year=2024, active={"art20_8": {"admin_fees": {"amount": "7730.20"}}}
    )
    assert ">7730.20<" in gd.render_html(r)
    assert ">7,730.20<" in gd.render_html(r, locale="en")


def test_standalone_page_and_fragment() -> None:
    r = REPORTS["xunzhen-2024"]()
    page = gd.render_html(r)
    assert page.startswith("<!DOCTYPE html>")
    assert "@page { size: A4" in page
    ET.fromstring(page)  # well-formed
    fragment = gd.render_html(r, standalone=False)
    assert fragment.startswith("<article")
    assert "<html" not in fragment
    assert "<style" not in fragment
    ET.fromstring(fragment)


def test_english_page_uses_glosses_and_babel_dates() -> None:
    r = REPORTS["xunzhen-2024"]()
    page = gd.render_html(r, locale="en")
    assert '<html lang="en">' in page
    assert "I. Overview" in page
    assert "III. Outcomes of handling this year" in page
    assert "(3) Not disclosed" in page
    assert "February 7, 2025" in page
    assert "一、总体情况" not in page
    assert "申请人情况" not in page
    assert "2025年2月7日" in gd.render_html(r)


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "&lt;already escaped&gt; & co",
    "</p></article><script>x()</script>",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_shows_as_text(hostile: str) -> None:
    r = gd.build_report(
        organ=f"某局{hostile}",
        year=2024,
        title=f"标题{hostile}",
        preamble=hostile,
        overview=f"第一段{hostile}\n{hostile}",
        problems=hostile,
        applications={"granted": {"natural_person": gd.Text(hostile)}},
    )
    for locale in ("zh_CN", "en"):
        page = gd.render_html(r, locale=locale)
        root = ET.fromstring(page)
        tags = {el.tag for el in root.iter()}
        assert not tags & {"script", "img", "svg"}
        assert not any(k.startswith("on") for el in root.iter() for k in el.attrib)
        assert sum(1 for _ in root.iter("article")) == 1
        body = "".join(root.itertext())
        assert hostile in body


def test_hostile_text_survives_a_browser_grade_parser() -> None:
    r = gd.build_report(
        organ='某局"><img src=x onerror=alert(1)>', year=2024, overview="<script>x()</script>"
    )
    root = etree.HTML(gd.render_html(r))
    assert root.find(".//img") is None
    assert [s.text for s in root.iter("script")] == []


# ------------------------------------------------------------------ golden


@pytest.mark.parametrize("name", sorted(REPORTS))
@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_golden_html(name: str, locale: str, update_golden: bool) -> None:
    page = gd.render_html(REPORTS[name](), locale=locale)
    path = GOLDEN / f"{name}.{locale}.html"
    if update_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_text(page, encoding="utf-8")
    assert page == path.read_text(encoding="utf-8")


# ------------------------------------------------------------------ reading: pieces


def test_decode_by_bom_declaration_and_content() -> None:
    text = "<p>三、收到和处理政府信息公开申请情况</p>"
    assert _decode(text.encode("utf-8")) == (text, "utf-8", None)
    assert _decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8", None)
    assert _decode(text.encode("utf-16")) == (text, "utf-16", None)
    declared = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' + text
    assert _decode(declared.encode("gbk")) == (declared, "gb18030", None)
    assert _decode(text.encode("gbk")) == (text, "gb18030", None)  # no declaration at all
    # declared GBK but written in UTF-8: the content wins
    lying = '<meta charset="gbk">' + text
    assert _decode(lying.encode("utf-8")) == (lying, "utf-8", None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, 1),
        ("", 1),
        ("2", 2),
        ("2;", 2),
        (" 3px", 3),
        ("abc", 1),
        ("-2", 1),
        ("0", 7),
        ("99999", 7),
    ],
)
def test_span_values_are_read_leniently_and_clamped(value: str | None, expected: int) -> None:
    assert _span(value, 7) == expected


def test_absurd_colspan_is_clamped() -> None:
    page = '<table><tr><td colspan="100000">一、本年新收</td><td>1</td></tr><tr><td>a</td><td>b</td></tr></table>'
    blocks = html_blocks(_parse_tree(page))
    table = blocks[0]
    assert isinstance(table, gd.formats._reader.RawTable)  # type: ignore[attr-defined]
    assert len(table.rows[0].cells) == MAX_COLSPAN + 1


def test_cells_join_br_and_p_and_blank_nbsp() -> None:
    page = (
        "<table><tr><td>本年新<br />制作数量</td><td><p>（二）部分公开</p><p>（区分处理的）</p></td>"
        "<td>&nbsp;</td><td>\u3000</td></tr><tr><td>1</td><td>2</td><td>3</td><td>4</td></tr></table>"
    )
    table = html_blocks(_parse_tree(page))[0]
    assert [c.text for c in table.rows[0].cells] == [
        "本年新制作数量",
        "（二）部分公开（区分处理的）",
        "",
        "",
    ]  # type: ignore[union-attr]


def test_spans_expand_with_sources() -> None:
    page = """<html><body><div id="zoom">
<p>x</p>
<table>
<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td colspan="2">5</td></tr>
<tr><td>a</td><td>b</td><td>c</td></tr>
</table></div></body></html>"""
    table = html_blocks(_parse_tree(page))[-1]
    rows = [[c.text for c in r.cells] for r in table.rows]  # type: ignore[union-attr]
    assert rows == [
        ["三、本年度办理结果", "（一）予以公开", "（一）予以公开", "5"],
        ["三、本年度办理结果", "a", "b", "c"],
    ]
    cell = table.rows[1].cells[0]  # type: ignore[union-attr]
    # a spanned position points at the row and column it fills, and the line of its cell
    assert (cell.source.table, cell.source.row, cell.source.cell, cell.source.line) == (0, 1, 0, 4)
    assert table.rows[1].cells[3].source.line == 5  # type: ignore[union-attr]


def test_layout_tables_are_read_as_flow() -> None:
    page = """<table><tr><td><p>一、总体情况</p><p>正文。</p>
<table><tr><td>规章</td><td>1</td></tr></table></td></tr></table>"""
    blocks = html_blocks(_parse_tree(page))
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["RawParagraph", "RawParagraph", "RawTable"]


def test_nothing_report_like_is_a_parse_error() -> None:
    for page in ["", "   ", b"", "<html><body><p>hello</p></body></html>", b"\x00\x01\x02"]:
        with pytest.raises(gd.ParseError):
            gd.parse_html(page)
    with pytest.raises(TypeError):
        gd.parse_html(12)  # type: ignore[arg-type]


# ------------------------------------------------------------------ strategies of the library

from govdisclosure import strategies as gs  # noqa: E402


def _diff(a: gd.Report, b: gd.Report) -> list[str]:
    import attrs  # noqa: PLC0415

    return [
        f.name for f in attrs.fields(gd.Report) if f.eq and getattr(a, f.name) != getattr(b, f.name)
    ]


@given(gs.valid_reports())
def test_round_trip_valid_reports(report: gd.Report) -> None:
    back = gd.parse_html(gd.render_html(report))
    assert back == report, _diff(back, report)


@given(gs.valid_reports())
def test_round_trip_fragment(report: gd.Report) -> None:
    back = gd.parse_html(gd.render_html(report, standalone=False))
    assert back == report, _diff(back, report)


@given(gs.valid_reports())
def test_round_trip_editor_markup(report: gd.Report) -> None:
    """A page as CMS editors write one (no ``data-`` attributes, ``<th>`` or sections; a
    styled span in every cell and paragraph; headings in bold paragraphs) reads back as
    the report: the reader goes by the words, not by ``render_html``'s own markup."""
    back = gd.parse_html(editor_markup(gd.render_html(report, standalone=False)))
    assert back == report, _diff(back, report)


@given(gs.reports())
def test_editor_markup_reads_as_the_semantic_page(report: gd.Report) -> None:
    """Any report, odd cells included, reads the same from both markups."""
    fragment = gd.render_html(report, standalone=False)
    back, semantic = gd.parse_html(editor_markup(fragment)), gd.parse_html(fragment)
    assert back == semantic, _diff(back, semantic)
    assert back.findings == semantic.findings


@given(gs.reports())
def test_renderers_accept_every_report(report: gd.Report) -> None:
    for locale in ("zh_CN", "en"):
        ET.fromstring(gd.render_html(report, locale=locale))
        ET.fromstring(gd.render_html(report, locale=locale, standalone=False))
        assert gd.render_markdown(report, locale=locale)


@given(gs.defective_reports())
def test_renderers_accept_every_defective_report(defect: gs.Defect) -> None:
    report = defect.report
    for locale in ("zh_CN", "en"):
        ET.fromstring(gd.render_html(report, locale=locale))
        assert gd.render_markdown(report, locale=locale)


@given(gs.reports())
def test_parse_html_never_raises_unexpectedly_on_rendered_reports(report: gd.Report) -> None:
    """Even invalid reports (odd cells) read back without an unexpected exception, and
    every figure of the page ends up in the report or in a finding."""
    back = gd.parse_html(gd.render_html(report))
    assert back.organ == report.organ
    assert back.year == report.year


# ------------------------------------------------------------------ reading CMS pages (synthetic)


def _read(name: str) -> gd.Report:
    return gd.parse_html((HTML / name).read_bytes())


def _codes(report: gd.Report) -> list[str]:
    return [f.code for f in report.findings]


def test_gbk_page_with_chrome() -> None:
    r = _read("cms-gbk-2023.html")
    assert r.organ == gd.Organ("测试县市场监督管理局")
    assert (r.year, r.published, r.title) == (2023, date(2024, 1, 25), "")
    enc = [f for f in r.findings if f.code == "parse.encoding"]
    assert [f.args["encoding"] for f in enc] == ["GB18030"]
    assert r.preamble.startswith("本报告依据")
    assert r.overview is not None
    assert r.overview.paragraphs[1] == "（一）主动公开情况。全年主动公开政府信息256条。"
    page_text = " ".join(
        [
            r.preamble,
            r.overview.text,
            r.problems.text if r.problems else "",
            r.other.text if r.other else "",
        ]
    )
    for chrome in ("首页", "当前位置", "打印", "ICP", "分享到", "版权所有", "字号"):
        assert chrome not in page_text
    assert r.cell("active.art20_8.admin_fees.amount") == Decimal("12.35")
    assert r.cell("active.art20_5.licensing.decisions") == 356
    assert r.cell("applications.new_received.total") == 18
    assert r.cell("applications.unavailable.not_held.legal_service") == 1
    assert r.cell("review_litigation.litigation_direct.pending") == 1
    assert r.edition is Edition.V2021
    assert gd.is_valid(r)
    src = r.provenance["applications.new_received.total"]
    assert (src.table, src.row, src.cell) == (1, 3, 9)  # the second table of the page
    assert src.line is not None


def test_page_chrome_and_layout_tables() -> None:
    r = _read("cms-chrome-2022.html")
    assert r.organ.name == "示例区人民政府办公室"
    assert (r.year, r.published) == (2022, date(2023, 1, 30))
    assert r.preamble.startswith("根据《中华人民共和国政府信息公开条例》")
    assert r.other == gd.Narrative("无。")
    # 自然人/总计 drawn with empty placeholder cells instead of rowspan="2"
    assert r.cell("applications.new_received.natural_person") == 3
    assert r.cell("applications.total.total") == 3
    assert r.cell("active.art20_1.normative_documents.in_force") == 9
    assert not [c for c in _codes(r) if c.startswith("parse.") and c != "parse.encoding"]
    assert gd.is_valid(r)


def test_irregular_2019_page() -> None:
    r = _read("cms-irregular-2019.html")
    assert r.organ.name == "示例市人民政府办公厅"
    assert (r.year, r.published) == (2019, date(2020, 1, 31))
    assert r.editions == {Edition.V2019}
    assert r.cell("active.art20_1.regulations.new_made") == 1  # 本年新<br />制作数量
    assert r.cell("active.art20_5.other_services.change") == -1
    assert r.cell("active.art20_8.admin_fees.change") == -1  # colspan="2;"
    assert r.cell("active.art20_9.central_procurement.items") == 3
    assert r.cell("active.art20_9.central_procurement.amount") == Decimal(251000)
    assert "parse.unit-in-cell" in _codes(r)
    # blank stays blank: zeros and totals left empty are not invented
    assert r.cell("applications.granted.total") is gd.BLANK
    assert r.cell("applications.carried_over.commercial") is gd.BLANK
    assert r.cell("applications.other.other_org") == 1
    assert r.cell("applications.total.total") == 120
    assert r.cell("review_litigation.litigation_after_review.total") is gd.BLANK
    assert "parse.heading-variant" in _codes(r)
    assert not [f for f in gd.check(r) if f.severity == "error"]


def test_2019_section_two_in_a_2023_report() -> None:
    r = _read("cms-mixed-2023.html")
    assert r.year == 2023
    assert {t.id: t.edition for t in r.active} == {
        "active.art20_1": Edition.V2019,
        "active.art20_5": Edition.V2019,
        "active.art20_6": Edition.V2019,
        "active.art20_8": Edition.V2019,
        "active.art20_9": Edition.V2019,
    }
    assert r.applications is not None
    assert r.applications.edition is Edition.V2021
    assert r.cell("active.art20_9.central_procurement.amount") == Decimal("36.5")
    assert r.cell("active.art20_8.admin_fees.previous_items") == 1
    assert r.cell("applications.total.commercial") == 1


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_real_reports_round_trip(name: str) -> None:
    report = REPORTS[name]()
    assert gd.parse_html(gd.render_html(report)) == report
    assert gd.parse_html(gd.render_html(report).encode("utf-8")) == report


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_english_pages_round_trip(name: str) -> None:
    """An ``en`` page of this module reads back too: its English glosses are mapped back
    to the template's wording before assembly."""
    report = REPORTS[name]()
    assert gd.parse_html(gd.render_html(report, locale="en")) == report


@given(gs.valid_reports())
def test_round_trip_english(report: gd.Report) -> None:
    back = gd.parse_html(gd.render_html(report, locale="en"))
    assert back == report, _diff(back, report)


def test_organ_and_title_survive_without_a_date() -> None:
    r = gd.build_report(
        organ="淮安市洪泽区人民政府",
        year=2023,
        title="洪泽区人民政府2023年政府信息公开工作年度报告",
    )
    assert r.published is None
    page = gd.render_html(r)
    assert 'class="signature"' not in page
    assert gd.parse_html(page) == r


@pytest.mark.parametrize("hostile", [*HOSTILE[:4], "|`x`|"])
def test_hostile_text_round_trips(hostile: str) -> None:
    r = gd.build_report(
        organ=f"某县某局{hostile}",
        year=2024,
        published="2025-01-02",
        overview=f"第一段{hostile}。\n{hostile}",
        problems=hostile,
    )
    assert gd.parse_html(gd.render_html(r)) == r


def _reads_or_refuses(page: str | bytes) -> None:
    try:
        report = gd.parse_html(page)
    except gd.ParseError:
        return
    assert isinstance(report, gd.Report)


@given(st.text(max_size=300))
def test_any_text_reads_or_is_refused(page: str) -> None:
    _reads_or_refuses(page)


@given(st.binary(max_size=300))
def test_any_bytes_read_or_are_refused(page: bytes) -> None:
    _reads_or_refuses(page)


@given(gs.reports(), st.data())
def test_damaged_pages_read_or_are_refused(report: gd.Report, data: st.DataObject) -> None:
    """Cut, spliced or tag-stripped pages never raise anything but ParseError."""
    page = gd.render_html(report).encode("utf-8")
    a = data.draw(st.integers(0, len(page)))
    b = data.draw(st.integers(a, len(page)))
    how = data.draw(st.sampled_from(["cut", "drop", "dup", "spans"]))
    if how == "cut":
        damaged = page[:a]
    elif how == "drop":
        damaged = page[:a] + page[b:]
    elif how == "dup":
        damaged = page[:b] + page[a:]
    else:
        span = data.draw(st.sampled_from([b"0", b"-1", b"999999", b"2;", b"x", b""]))
        damaged = page.replace(b'colspan="3"', b'colspan="' + span + b'"').replace(
            b'rowspan="2"', b'rowspan="' + span + b'"'
        )
    _reads_or_refuses(damaged)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_golden_sources_agree_with_the_transcribed_figures(name: str) -> None:
    """The tables the golden files are made from are the published figures."""
    parsed, transcribed = REPORTS[name](), TRANSCRIBED[name]()
    assert parsed.tables == transcribed.tables
    assert (parsed.year, parsed.published) == (transcribed.year, transcribed.published)


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    page = (
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}"><!ENTITY big "AAAAAAAAAA">]>'
        "<html><body><h1>某县某局2024年政府信息公开工作年度报告</h1>"
        "<p>一、总体情况</p><p>正文&xxe;&big;。</p></body></html>"
    )
    report = gd.parse_html(page)
    assert report.overview is not None
    assert "TOP-SECRET" not in report.overview.text
    assert "AAAAAAAAAA" not in report.overview.text


def _page_with_a_table_outside(figure: str) -> str:
    """A page whose content holds four blocks of section 二 and whose chrome holds a
    fifth, with ``figure`` in it."""

    def block(caption: str, label: str, figure: str) -> str:
        return (
            f'<table><tr><td colspan="2">{caption}</td></tr><tr><td>信息内容</td><td>本年处理决定数量</td></tr>'
            f"<tr><td>{label}</td><td>{figure}</td></tr></table>"
        )

    return (
        '<html><body><div class="wrap"><div id="zoom"><h1>某县某局2024年政府信息公开工作年度报告</h1>'
        "<p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p>"
        + block("第二十条第（五）项", "行政许可", "7")
        + block("第二十条第（六）项", "行政处罚", "8")
        + block("第二十条第（八）项", "行政事业性收费", "9")
        + block("第二十条第（六）项", "行政强制", "10")
        + "</div>"
        + block("第二十条第（五）项", "行政许可", figure)
        + "</div></body></html>"
    )


def test_report_tables_outside_the_content_are_reported() -> None:
    r = gd.parse_html(_page_with_a_table_outside("4321"))
    assert r.cell("active.art20_5.licensing.decisions") == 7
    outside = [f for f in r.findings if f.code == "parse.outside-content"]
    assert [f.args["cells"] for f in outside] == ["4321"]
    assert outside[0].source is not None
    assert outside[0].source.table == 4
    assert "4321" in outside[0].message("zh_CN")


def test_a_table_outside_the_content_quotes_a_figure_without_its_footnote_mark() -> None:
    r = gd.parse_html(_page_with_a_table_outside("432<sup>1</sup>"))
    assert r.cell("active.art20_5.licensing.decisions") == 7
    outside = [f for f in r.findings if f.code == "parse.outside-content"]
    assert [f.args["cells"] for f in outside] == ["432 (mark 1)"]  # not 4321


# ------------------------------------------------------------------ <br> as line breaks

_LINE = st.text(
    alphabet=st.sampled_from("本县政府信息公开工作年度报告，。：（）2024年月日 abcXYZ0123"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")


@given(st.lists(_LINE, min_size=1, max_size=8), st.sampled_from(["<br>", "<br/>", "\n<br />\n"]))
def test_a_br_breaks_the_line_where_a_paragraph_would(lines: list[str], br: str) -> None:
    """Lines separated by ``<br>`` in one element read as the same paragraphs as the
    lines each in its own ``<p>`` (a page laid out with ``<br>`` alone is common)."""
    with_br = f"<html><body><div>{br.join(lines)}</div></body></html>"
    with_p = "<html><body>" + "".join(f"<p>{x}</p>" for x in lines) + "</body></html>"
    got = [b.text for b in html_blocks(_parse_tree(with_br))]
    assert got == [b.text for b in html_blocks(_parse_tree(with_p))]


def test_a_report_laid_out_with_br_alone() -> None:
    """A report whose headings, paragraphs and signature are lines of one ``<div>``
    separated by ``<br>`` is read section by section (it was one paragraph, and no
    report was found)."""
    lines = [
        "某县人民政府2024年政府信息公开工作年度报告",
        "一、总体情况",
        "2024年，本县认真贯彻落实《条例》。",
        "二、主动公开政府信息情况",
        "（略）",
        "五、存在的主要问题及改进情况",
        "问题是人员不足。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
        "某县人民政府办公室",
        "2025年1月20日",
    ]
    report = gd.parse_html(
        f'<html><body><div class="content">{"<br>".join(lines)}</div></body></html>'
    )
    assert report.organ.name == "某县人民政府"
    assert report.year == 2024
    assert report.overview is not None
    assert report.overview.text == lines[2]
    assert report.problems is not None
    assert report.problems.text == lines[6]
    assert report.other is not None
    assert report.other.text == lines[8]
    assert report.published == date(2025, 1, 20)


_PAGE_WITH_BYTES = gd.render_html(gd.build_report(organ="某县某局", year=2024))
_UTF8_AT = len(codecs.BOM_UTF8) + len(_PAGE_WITH_BYTES.encode("utf-8"))
_UTF16_AT = len(codecs.BOM_UTF16_LE) + len(_PAGE_WITH_BYTES.encode("utf-16-le"))
_GBK_AT = len(_PAGE_WITH_BYTES.encode("gbk"))


@pytest.mark.parametrize(
    ("data", "encoding", "replaced"),
    [
        # a UTF-8 page with its mark and a paragraph pasted in GBK: of 附 (B8 BD) and
        # 注 (D7 A2), B8 and BD are no UTF-8 (D7 A2 is, a Hebrew letter)
        (
            codecs.BOM_UTF8 + _PAGE_WITH_BYTES.encode("utf-8") + "<p>附注</p>".encode("gbk"),
            None,
            ("UTF-8", 2, _UTF8_AT + 3),
        ),
        # a UTF-16 page cut one byte into a character
        (
            codecs.BOM_UTF16_LE + _PAGE_WITH_BYTES.encode("utf-16-le") + b"x",
            None,
            ("UTF-16", 1, _UTF16_AT),
        ),
        # bytes no encoding tried decodes (0x80 is no GB18030 byte, nor is 0xFF)
        (_PAGE_WITH_BYTES.encode("gbk") + b"\x80\xff", None, ("GB18030", 2, _GBK_AT)),
        (codecs.BOM_UTF8 + _PAGE_WITH_BYTES.encode("utf-8"), None, None),
        (codecs.BOM_UTF16_LE + _PAGE_WITH_BYTES.encode("utf-16-le"), "UTF-16", None),
    ],
)
def test_regression_bytes_not_decoded_are_said_to_be_replaced(
    data: bytes, encoding: str | None, replaced: tuple[str, int, int] | None
) -> None:
    """A page's bytes that its encoding does not decode are replaced, and a
    parse.bytes-replaced finding says how many, in which encoding, and where the first
    was (before, a mark before bytes of another encoding made them U+FFFD in silence,
    as did bytes neither UTF-8 nor GB18030 decodes; then parse.encoding said so in
    English words inside its parameter)."""
    r = gd.parse_html(data)
    named = [f.args["encoding"] for f in r.findings if f.code == "parse.encoding"]
    assert named == ([] if encoding is None else [encoding])
    said = [f for f in r.findings if f.code == "parse.bytes-replaced"]
    if replaced is None:
        assert not said
    else:
        (f,) = said
        assert f.severity is gd.Severity.WARNING
        assert (f.args["encoding"], f.args["count"], f.args["offset"]) == replaced
    assert r.applications is not None
