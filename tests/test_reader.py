"""assemble(): the reading engine shared by the text, HTML and PDF parsers.

These tests feed it blocks shaped like each parser's output: HTML grids with merged
labels repeated over their span, tab-separated text rows, and word rows of PDF text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.formats._cells import is_cell_word, is_remark
from govdisclosure.formats._reader import (
    Block,
    RawCell,
    RawParagraph,
    RawRow,
    RawTable,
    assemble,
)
from govdisclosure.strategies import valid_reports
from govdisclosure.template import Edition, template

_line = iter(range(1, 10**9))


def para(text: str) -> RawParagraph:
    return RawParagraph(text, gd.Source(line=next(_line)))


def table(rows: Sequence[Sequence[str]], index: int = 0) -> RawTable:
    """A grid; ``"447228*3"`` is one cell spanning three columns (the same RawCell)."""
    out = []
    for i, r in enumerate(rows):
        cells: list[RawCell] = []
        for c in r:
            text, _, span = c.partition("*")
            cell = RawCell(text, gd.Source(table=index, row=i, cell=len(cells)))
            cells += [cell] * (int(span) if span.isdigit() else 1)
        out.append(RawRow(tuple(cells), gd.Source(table=index, row=i)))
    return RawTable(tuple(out), gd.Source(table=index))


def html_applications(values: dict[str, Sequence[str]], edition: str = "2021") -> RawTable:
    """Section 三 as an HTML grid: spans expanded, merged labels repeated."""
    spec = template(edition).table("applications")
    corner = spec.corner
    rows: list[list[str]] = [
        [corner] * 3 + ["申请人情况"] * 7,
        [corner] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"],
        [corner] * 3
        + ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
    ]
    for r in spec.rows:
        a = r.group or r.label
        b = r.subgroup or r.label if r.group else r.label
        c = r.label
        rows.append([a, b, c, *values.get(r.id, ["0"] * 7)])
    return table(rows, 1)


def html_review(values: Sequence[str]) -> RawTable:
    cols = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return table(
        [
            ["行政复议"] * 5 + ["行政诉讼"] * 10,
            cols + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
            cols + cols + cols,
            list(values),
        ],
        2,
    )


def html_active() -> RawTable:
    return table(
        [
            ["第二十条第（一）项"] * 4,
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "1", "0", "11"],
            ["行政规范性文件", "8", "26", "66"],
            ["第二十条第（五）项"] * 4,
            ["信息内容", "本年处理决定数量*3"],
            ["行政许可", "447228*3"],
            ["第二十条第（六）项"] * 4,
            ["信息内容", "本年处理决定数量*3"],
            ["行政处罚", "12*3"],
            ["行政强制", "3*3"],
            ["第二十条第（八）项"] * 4,
            ["信息内容", "本年收费金额（单位：万元）*3"],
            ["行政事业性收费", "96171.6", "", ""],
        ],
        0,
    )


def html_document(*tables: RawTable) -> list[Block]:
    blocks: list[Block] = [
        para("淮安市人民政府2024年政府信息公开工作年度报告"),
        para("发布日期：2025-01-26"),
        para("本报告依据条例编制。"),
        para("一、总体情况"),
        para("概述。"),
        para("二、主动公开政府信息情况"),
    ]
    by_kind = {t.source.table: t for t in tables}
    if 0 in by_kind:
        blocks.append(by_kind[0])
    blocks.append(para("三、收到和处理政府信息公开申请情况"))
    if 1 in by_kind:
        blocks.append(by_kind[1])
    blocks.append(para("四、政府信息公开行政复议、行政诉讼情况"))
    if 2 in by_kind:
        blocks.append(by_kind[2])
    blocks += [para("五、存在的主要问题及改进情况"), para("问题。"), para("六、其他需要报告的事项")]
    blocks += [para("未收取信息处理费。")]
    return blocks


def test_html_grid_document() -> None:
    apps = {
        "new_received": ["2", "0", "0", "0", "0", "0", "2"],
        "granted": ["2", "0", "0", "0", "0", "0", "2"],
        "total": ["2", "0", "0", "0", "0", "0", "2"],
    }
    review = ["1", "0", "0", "1", "2"] + ["0"] * 10
    r = assemble(html_document(html_active(), html_applications(apps), html_review(review)))
    assert r.organ == gd.Organ("淮安市人民政府")
    assert r.year == 2024
    assert r.title == ""
    assert r.published is not None
    assert r.published.isoformat() == "2025-01-26"
    assert r.preamble == "本报告依据条例编制。"
    assert r.overview == gd.Narrative("概述。")
    assert r.cell("active.art20_5.licensing.decisions") == 447228
    assert r.cell("active.art20_6.penalty.decisions") == 12
    assert r.cell("applications.granted.natural_person") == 2
    assert r.cell("review_litigation.review.total") == 2
    assert r.findings == ()
    assert gd.is_valid(r)
    # every cell has a source: table, row and cell of the grid
    assert len(r.provenance) == sum(len(t.spec.rows) * len(t.spec.columns) for t in r.tables)
    src = r.provenance["applications.granted.natural_person"]
    assert (src.table, src.row, src.cell) == (1, 5, 3)


def test_html_grid_2019_applications_in_2021_report() -> None:
    apps = {"other": ["1", "0", "0", "0", "0", "0", "1"]}
    r = assemble(html_document(html_active(), html_applications(apps, "2019")))
    assert r.applications is not None
    assert r.applications.edition is Edition.V2019
    assert r.cell("applications.other.natural_person") == 1
    assert {t.edition for t in r.active} == {Edition.V2021}
    assert r.review_litigation is None


def test_blank_cells_stay_blank() -> None:
    """Blank is not zero: a grid with empty cells reads as BLANK."""
    apps = {"granted": ["", "1", "", "", "", "", ""]}
    r = assemble(html_document(html_applications(apps)))
    assert r.cell("applications.granted.natural_person") is gd.BLANK
    assert r.cell("applications.granted.commercial") == 1
    assert r.cell("applications.granted.total") is gd.BLANK
    assert not any(f.code.startswith("parse.") for f in r.findings)


def test_lost_headings_found_by_content() -> None:
    blocks = [
        para("某县某局2024年政府信息公开工作年度报告"),
        para("一、总体情况"),
        para("概述。"),
        html_active(),
        html_review(["0"] * 15),
    ]
    r = assemble(blocks)
    assert r.active[0].id == "active.art20_1"
    assert r.review_litigation is not None
    missing = {f.path for f in r.findings if f.code == "parse.missing-heading"}
    assert missing == {"active", "review_litigation"}


def test_heading_variants_reported() -> None:
    r = assemble(
        [
            para("某县某局2024年政府信息公开工作年度报告"),
            para("一、总体情况"),
            para("五、政府信息公开工作存在的主要问题及改进情况"),
            para("问题。"),
        ]
    )
    assert r.problems == gd.Narrative("问题。")
    assert [(f.code, f.path) for f in r.findings] == [("parse.heading-variant", "problems")]


def test_signature_block_gives_date_and_is_not_prose() -> None:
    r = assemble(
        [
            para("巡镇镇2024年政府信息公开工作年报"),
            para("一、总体情况"),
            para("概述。"),
            para("六、其他需要报告的事项"),
            para("无。"),
            para("河曲县巡镇镇人民政府"),
            para("二〇二五年二月七日"),
        ]
    )
    assert r.other == gd.Narrative("无。")
    assert r.published is not None
    assert r.published.isoformat() == "2025-02-07"
    assert r.organ.name == "巡镇镇"
    assert r.title == "巡镇镇2024年政府信息公开工作年报"


def test_page_chrome_before_the_title() -> None:
    r = assemble(
        [
            para("首页 > 政府信息公开 > 政府信息公开年报"),
            para("字号：大 中 小"),
            para("发布时间：2025-01-20 来源：某县某局"),
            para("某县某局2024年政府信息公开工作年度报告"),
            para("一、总体情况"),
            para("概述。"),
        ]
    )
    assert (r.organ.name, r.year, r.title, r.preamble) == ("某县某局", 2024, "", "")
    assert r.published is not None
    assert r.published.isoformat() == "2025-01-20"


def test_heading_with_its_first_sentence_in_one_paragraph() -> None:
    r = assemble(
        [
            para("某县某局2024年政府信息公开工作年度报告"),
            para("一、总体情况2024年，我局认真贯彻《条例》。"),
            para("其次。"),
            para("五、存在的主要问题及改进情况（一）存在问题。"),
        ]
    )
    assert r.overview == gd.Narrative("2024年，我局认真贯彻《条例》。\n其次。")
    assert r.problems == gd.Narrative("（一）存在问题。")
    assert r.findings == ()


@pytest.mark.parametrize(
    "lines",
    [
        ["淮安市人民政府2024年政府信息公开工作年度报告"],
        ["淮安市人民政府", "2024 年政府信息公开工作年度报告"],
        ["淮安市人民政府2024年", "政府信息公开工作年度报告"],
    ],
)
def test_title_printed_on_one_or_two_lines(lines: list[str]) -> None:
    r = assemble([*(para(t) for t in lines), para("一、总体情况"), para("概述。")])
    assert (r.organ.name, r.year, r.title, r.preamble) == ("淮安市人民政府", 2024, "", "")


def test_findings_are_prepended() -> None:
    note = gd.Finding(code="parse.encoding", severity=gd.Severity.INFO, params={"encoding": "GBK"})
    r = assemble([para("某县某局2024年政府信息公开工作年度报告")], findings=[note])
    assert r.findings[0] == note


def test_nothing_report_like() -> None:
    with pytest.raises(gd.ParseError):
        assemble([para("今天天气很好。")])
    with pytest.raises(gd.ParseError):
        assemble([])


def test_extra_values_are_reported_with_their_figures() -> None:
    apps = {"granted": ["2", "0", "0", "0", "0", "0", "2", "7"]}
    r = assemble(html_document(html_applications(apps)))
    extra = [f for f in r.findings if f.code == "parse.extra-cells"]
    assert [(f.path, f.args) for f in extra] == [
        ("applications.granted.*", {"count": 1, "cells": "7"})
    ]


def test_missing_values_are_blank_and_reported() -> None:
    apps = {"granted": ["2", "0", "0"]}
    r = assemble(html_document(html_applications(apps)))
    assert r.cell("applications.granted.total") is gd.BLANK
    assert [(f.code, f.path) for f in r.findings if f.code.startswith("parse.")] == [
        ("parse.missing-cells", "applications.granted.*")
    ]


@given(
    st.lists(
        st.lists(st.one_of(st.text(max_size=6), st.integers(0, 999).map(str)), max_size=12),
        max_size=40,
    ),
    st.sampled_from([0, 1, 2]),
)
def test_arbitrary_grids_never_crash_nor_invent(rows: list[list[str]], kind: int) -> None:
    """Whatever the grid, assemble returns a report whose figures are in the grid."""
    grid = table(rows, kind)
    try:
        r = assemble(html_document(grid))
    except gd.ParseError:
        return
    written = {c for row in rows for c in row}
    for t in r.tables:
        for row_id, column, value in t.items():
            if gd.model.is_number(value):
                path = f"{t.id}.{row_id}.{column}"
                assert path in r.provenance
                assert any(str(value) in w.replace(",", "") for w in written), (path, value)
    gd.check(r)


# words written in place of a figure ------------------------------------------------

_WORDS = ["略", "不详", "暂无", "待定", "详见附件", "无法统计"]


def _read_back(report: gd.Report) -> list[gd.Report]:
    """``report`` written as text and as a web page, and read again."""
    return [gd.parse_text(gd.render_text(report)), gd.parse_html(gd.render_html(report))]


@given(report=valid_reports(), word=st.sampled_from(_WORDS), data=st.data())
def test_a_word_in_place_of_a_figure_stays_in_its_cell(
    report: gd.Report, word: str, data: st.DataObject
) -> None:
    """略 or 不详 in place of any figure of any table, first and last cells of a row
    included, is that cell's text, and the figures around it stay in their row, from
    text and from HTML."""
    table = data.draw(st.sampled_from(report.tables), label="table")
    spec = table.spec
    row = data.draw(st.sampled_from(spec.row_ids), label="row")
    column = data.draw(st.sampled_from(spec.column_ids), label="column")
    changed = report.with_cell(f"{table.id}.{row}.{column}", gd.Text(word))
    for again in _read_back(changed):
        assert again.table(table.id) == changed.table(table.id)
        assert not {"parse.unknown-row", "parse.missing-cells"} & {f.code for f in again.findings}


@given(report=valid_reports(), words=st.lists(st.sampled_from(_WORDS), min_size=2, max_size=2))
def test_words_in_the_first_and_last_cells_of_a_row(report: gd.Report, words: list[str]) -> None:
    """A row with a word at both ends keeps both, and the figures between them."""
    for table in report.tables:
        spec = table.spec
        if len(spec.columns) < 2:
            continue
        row = spec.rows[-1].id
        first, last = spec.columns[0].id, spec.columns[-1].id
        changed = report.with_cell(f"{table.id}.{row}.{first}", gd.Text(words[0]))
        changed = changed.with_cell(f"{table.id}.{row}.{last}", gd.Text(words[1]))
        for again in _read_back(changed):
            assert again.table(table.id) == changed.table(table.id), table.id


@pytest.mark.parametrize("edition", list(Edition))
def test_a_word_then_blanks_end_a_row(edition: Edition) -> None:
    """A row whose figures are followed by a word and blank cells (122959, 详见附件,
    blank) keeps the word and the blanks in their cells, in every table wide enough."""
    year = 2020 if edition is Edition.V2019 else 2024
    report = gd.build_report(organ="某县某局", year=year, edition=edition)
    for table in report.tables:
        spec = table.spec
        if len(spec.columns) < 3:
            continue
        row = spec.rows[-1].id
        changed = report.with_cell(f"{table.id}.{row}.{spec.columns[0].id}", 122959)
        changed = changed.with_cell(f"{table.id}.{row}.{spec.columns[1].id}", gd.Text("详见附件"))
        for column in spec.columns[2:]:
            changed = changed.with_cell(f"{table.id}.{row}.{column.id}", gd.BLANK)
        for again in _read_back(changed):
            assert again.table(table.id) == changed.table(table.id), table.id


_ROW_CELLS = st.one_of(
    st.sampled_from(_WORDS).map(gd.Text), st.just(gd.BLANK), st.integers(0, 99999)
)


@given(edition=st.sampled_from(list(Edition)), data=st.data())
def test_any_row_of_words_blanks_and_figures_reads_back(
    edition: Edition, data: st.DataObject
) -> None:
    """A row of any table whose cells are any mix of words in place of figures, blanks
    and figures (不详, blank, 不详, blank …; blank, blank, 略; 略 with no figure at all)
    reads back cell for cell from text and from HTML: a word after blank cells, or
    before nothing but blanks and such words, is a value of its row, not a label (it
    was read as one, and the row was lost without a finding)."""
    year = 2020 if edition is Edition.V2019 else 2024
    report = gd.build_report(organ="某县某局", year=year, edition=edition)
    table = data.draw(st.sampled_from(report.tables), label="table")
    spec = table.spec
    row = data.draw(st.sampled_from(spec.row_ids), label="row")
    width = len(spec.columns)
    cells = data.draw(st.lists(_ROW_CELLS, min_size=width, max_size=width), label="cells")
    changed = report
    for column, value in zip(spec.column_ids, cells, strict=True):
        changed = changed.with_cell(f"{table.id}.{row}.{column}", value)
    for again in _read_back(changed):
        assert again.table(table.id) == changed.table(table.id)


_TWO_FIGURES_TEXT = re.compile(r"(?<=\t)(\d+)\t(\d+)(?=\t|$)", re.M)
_TWO_FIGURES_HTML = re.compile(r"<td>(\d+)</td>\s*<td>(\d+)</td>")


@given(report=valid_reports(), data=st.data())
def test_two_figures_in_one_cell_with_a_space_are_split(
    report: gd.Report, data: st.DataObject
) -> None:
    """Two adjacent figures of a row written in one cell with a space between them (a
    tab lost, two table cells merged: "2 0") are read back as two cells, with
    parse.spaced-cells, when the row is short of exactly that cell; never as one figure
    (20)."""
    text, page = gd.render_text(report), gd.render_html(report)
    for document, pairs, read in (
        (text, _TWO_FIGURES_TEXT, gd.parse_text),
        (page, _TWO_FIGURES_HTML, gd.parse_html),
    ):
        spots = list(pairs.finditer(document))
        m = data.draw(st.sampled_from(spots), label="pair")
        joined = f"{m.group(1)} {m.group(2)}"
        cell = joined if read is gd.parse_text else f"<td>{joined}</td>"
        damaged = document[: m.start()] + cell + document[m.end() :]
        again = read(damaged)
        assert again.tables == report.tables
        spaced = [dict(f.params) for f in again.findings if f.code == "parse.spaced-cells"]
        assert spaced == [{"text": joined, "count": 2, "cells": f"{m.group(1)}, {m.group(2)}"}]


@pytest.mark.parametrize("remark", ["备注", "含转办件", "其中3件为转办", "均已按期答复完毕"])
def test_words_after_a_full_row_are_extra_cells(remark: str) -> None:
    """A remarks column (备注, or a longer remark, after every figure of a row) is
    reported with the row's extra cells, from text and from HTML, rather than read as
    the start of the next row's label and lost (其中3件为转办 holds a figure too)."""
    report = gd.build_report(
        organ="某县某局",
        year=2024,
        applications={
            "new_received": {"natural_person": 3},
            "granted": {"natural_person": 3},
        },
    )
    lines = gd.render_text(report).splitlines()
    text = "\n".join(line + "\t" + remark if "予以公开" in line else line for line in lines)
    page = gd.render_html(report)
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*（一）予以公开(?:(?!</tr>).)*</tr>", page, re.S)
    assert row is not None
    page = page.replace(row.group(), row.group().replace("</tr>", f"<td>{remark}</td></tr>"))
    for again in (gd.parse_text(text), gd.parse_html(page)):
        assert again.applications == report.applications
        extra = [f for f in again.findings if f.code == "parse.extra-cells"]
        assert [(f.path, dict(f.params)["cells"]) for f in extra] == [
            ("applications.granted.*", remark)
        ]


@pytest.mark.parametrize(
    "label", ["2. 其他法律行政法规禁止公开", "（三）不予公开", "三、本年度办理结果"]
)
def test_a_numbered_label_after_a_full_row_is_no_remark(label: str) -> None:
    """A numbered label after a row's figures (an extractor that put the next row's
    label on the line before its figures) is not taken for a remark."""
    assert not is_remark(label)


@pytest.mark.parametrize("edition", list(Edition))
def test_a_row_of_words_is_read_as_words(edition: Edition) -> None:
    """A row written entirely in words (no figure at all) is read into its cells, in
    every table, rather than taken for a header and lost."""
    year = 2020 if edition is Edition.V2019 else 2024
    report = gd.build_report(organ="某县某局", year=year, edition=edition)
    for table in report.tables:
        spec = table.spec
        row = spec.rows[0].id
        changed = report
        for column in spec.column_ids:
            changed = changed.with_cell(f"{table.id}.{row}.{column}", gd.Text("不详"))
        for again in _read_back(changed):
            assert again.table(table.id) == changed.table(table.id), table.id


@pytest.mark.parametrize("word", ["总计", "其他", "理结果", "合计"])
def test_a_label_after_the_figures_is_not_taken_for_a_cell(word: str) -> None:
    """A short piece of a label after a row's figures (总计, or 理结果 of 三、本年度办理结果
    cut by a line wrap) is not a word in place of a figure: the row keeps its short
    count (and says so) rather than a label as its total."""
    report = gd.build_report(
        organ="某县某局", year=2024, applications={"granted": {"natural_person": 1, "total": 1}}
    )
    lines = gd.render_text(report).splitlines()
    k = next(i for i, line in enumerate(lines) if "（一）予以公开" in line)
    lines[k] = lines[k].rsplit("\t", 1)[0] + "\t" + word
    again = gd.parse_text("\n".join(lines))
    assert again.applications is not None
    assert again.applications["granted", "total"] is gd.BLANK
    assert "parse.missing-cells" in {f.code for f in again.findings}


def test_a_word_in_the_total_column_of_the_seed(real_dir: Path) -> None:
    """The real township report with 不详 written in place of a row's total: the word
    is that row's total and every other figure stays where it was."""
    text = (real_dir / "xunzhen-2024.txt").read_text(encoding="utf-8")
    line = "\t\t2. 重复申请\t0\t0\t0\t0\t0\t0\t0"
    assert line in text
    seed = gd.parse_text(text)
    changed = gd.parse_text(text.replace(line, line[: line.rindex("\t")] + "\t不详"))
    assert seed.applications is not None
    assert changed.applications is not None
    assert changed.applications["not_handled.duplicate", "total"] == gd.Text("不详")
    assert changed.applications == seed.applications.with_cell(
        "not_handled.duplicate", "total", gd.Text("不详")
    )
    assert [f.code for f in changed.findings] == [f.code for f in seed.findings]


def test_a_word_spanning_data_columns_of_a_page_is_one_cell() -> None:
    """A word spanning two data columns (``<td colspan="2">不详</td>``) is one cell, as a
    spanned figure is: the row is a cell short, and says so, rather than the word being
    read twice or taken for the label of a new row."""
    report = gd.build_report(
        organ="某县某局",
        year=2024,
        applications={"granted": {"natural_person": 1, "commercial": 2, "total": 3}},
    )
    page = gd.render_html(report)
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*（一）予以公开(?:(?!</tr>).)*</tr>", page, re.S)
    assert row is not None
    cells = re.findall(r"<td[^>]*>[^<]*</td>", row.group())
    assert len(cells) == 7
    spanned = row.group().replace(cells[2] + cells[3], '<td colspan="2">不详</td>', 1)
    again = gd.parse_html(page.replace(row.group(), spanned))
    assert again.applications is not None
    granted = [again.applications["granted", c] for c in again.applications.spec.column_ids]
    assert granted[:3] == [1, 2, gd.Text("不详")]
    assert "parse.unknown-row" not in {f.code for f in again.findings}
    assert "applications.granted.*" in {
        f.path for f in again.findings if f.code == "parse.missing-cells"
    }


def _label_pieces() -> st.SearchStrategy[str]:
    labels = sorted(
        {
            text
            for e in Edition
            for t in (*template(e).active_tables, template(e).table("applications"),
                      template(e).table("review_litigation"))
            for text in (
                t.caption,
                *(r.label for r in t.rows),
                *(g for r in t.rows for g in (r.group, r.subgroup) if g),
                *(c.label for c in t.columns),
            )
            if text
        }
    )  # fmt: skip

    @st.composite
    def piece(draw: st.DrawFn) -> str:
        label = draw(st.sampled_from(labels))
        start = draw(st.integers(0, len(label) - 1))
        return label[start : draw(st.integers(start + 1, len(label)))]

    return piece()


@given(_label_pieces())
def test_no_piece_of_a_label_is_a_word_in_place_of_a_figure(piece: str) -> None:
    """Any piece of any label of the format (a wrapped label's 理结果, a header's 总计)
    is never taken for a word in a figure's place, at either end of a row, nor for a
    remark after a row's figures."""
    assert not is_cell_word(piece)
    assert not is_remark(piece)


def test_a_row_written_with_spaces_in_tab_separated_text_keeps_its_figures() -> None:
    report = gd.build_report(
        organ="某县某局",
        year=2024,
        applications={
            "new_received": {"natural_person": 2, "commercial": 1},
            "granted": {"natural_person": 2, "commercial": 1},
        },
    )
    lines = gd.render_text(report).splitlines()
    k = next(i for i, line in enumerate(lines) if "（一）予以公开" in line)
    lines[k] = "  ".join(lines[k].split("\t"))
    assert "\t" not in lines[k]
    again = gd.parse_text("\n".join(lines))
    assert again.applications == report.applications
    assert again.findings == ()


@pytest.mark.parametrize("edition", list(Edition))
@pytest.mark.parametrize("year", [2020, 2023])
def test_a_word_in_the_first_cell_of_either_edition_in_any_year(
    edition: Edition, year: int
) -> None:
    """The first-cell rule holds for a 2019-edition table in a 2021-format year too
    (found by Hypothesis: （六）其他处理 is a data row only in 2019)."""
    table = gd.build_table("applications", {}, edition=edition)
    report = attrs.evolve(gd.build_report(organ="某县某局", year=year), applications=table)
    for row in table.spec.row_ids:
        changed = report.with_cell(f"applications.{row}.natural_person", gd.Text("略"))
        for again in (
            gd.parse_text(gd.render_text(changed)),
            gd.parse_html(gd.render_html(changed)),
        ):
            assert again.applications == changed.applications, row
