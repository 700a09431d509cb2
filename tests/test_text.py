"""parse_text and render_text: the seed page, three real PDFs' text, round trips, damage."""

from __future__ import annotations

import importlib.util
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.model import is_number
from govdisclosure.strategies import reports, valid_reports
from govdisclosure.template import template

REAL = Path(__file__).parent / "data" / "real"
EXPECTED = Path(__file__).parent / "data" / "expected"
PDF_TEXTS = [
    f"{name}.{tool}.txt"
    for name in ("huaian-2024", "hongze-2023", "hongze-2024")
    for tool in ("pdfplumber", "pypdf")
]


def cells(expected: dict[str, Any]) -> dict[str, Any]:
    """``{cell path: value}`` from an expected-figures file (see its README)."""
    out: dict[str, Any] = {}
    for row_path, values in expected["rows"].items():
        table_id = row_path if row_path.count(".") == 0 else None
        for prefix in ("applications", "review_litigation"):
            if row_path.startswith(prefix + "."):
                table_id = prefix
        if table_id is None:
            table_id = ".".join(row_path.split(".")[:2])
        spec = template(expected["editions"][table_id]).table(table_id)
        assert len(values) == len(spec.columns), row_path
        for column, value in zip(spec.columns, values, strict=True):
            out[f"{row_path}.{column.id}"] = Decimal(value) if isinstance(value, str) else value
    return out


def codes(findings: tuple[gd.Finding, ...]) -> list[tuple[str, str]]:
    return [(f.code, f.path) for f in findings]


# ------------------------------------------------------------------ the seed


@pytest.fixture(scope="module")
def seed() -> gd.Report:
    return gd.parse_text((REAL / "xunzhen-2024.txt").read_bytes())


def test_seed_header(seed: gd.Report) -> None:
    assert seed.organ == gd.Organ("河曲县巡镇镇人民政府")
    assert seed.organ.kind is gd.OrganKind.TOWNSHIP
    assert seed.year == 2024
    assert seed.published is not None
    assert seed.published.isoformat() == "2025-02-07"
    assert seed.title == "巡镇镇 2024 年政府信息公开工作年报"


def test_seed_figures(seed: gd.Report) -> None:
    """Every figure as printed: zeros everywhere except 予以公开/自然人 = 2."""
    for t in seed.tables:
        assert t.edition is gd.Edition.V2021
        for row, column, value in t.items():
            path = f"{t.id}.{row}.{column}"
            want = 2 if path == "applications.granted.natural_person" else 0
            assert value == want, path
            assert is_number(value)
            assert path in seed.provenance
    assert [t.id for t in seed.active] == [
        "active.art20_1",
        "active.art20_5",
        "active.art20_6",
        "active.art20_8",
    ]
    assert seed.provenance["applications.granted.natural_person"].line is not None


def test_seed_reading_findings(seed: gd.Report) -> None:
    found = codes(seed.findings)
    assert ("parse.extra-cells", "active.art20_6.penalty.*") in found
    assert ("parse.extra-cells", "active.art20_6.compulsion.*") in found
    assert ("parse.extra-cells", "active.art20_8.admin_fees.*") in found
    assert ("parse.extra-cells", "review_litigation") in found
    variants = {f.args["found"] for f in seed.findings if f.code == "parse.label-variant"}
    assert "本年度止件数" in variants
    assert "5.要求行政机关确认或重复出具已获取信息" in variants
    split = {f.args["label"] for f in seed.findings if f.code == "parse.split-label"}
    assert split == {
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "三、本年度办理结果",
    }
    extra = {f.path: f for f in seed.findings if f.code == "parse.extra-cells"}
    assert extra["active.art20_6.penalty.*"].args == {"count": 2, "cells": "0, 0"}
    assert extra["review_litigation"].args["count"] == 1
    # nothing else is reported while reading but the 只记 wording of （二）
    others = {
        (f.code, f.path)
        for f in seed.findings
        if f.code not in {"parse.extra-cells", "parse.split-label"}
    }
    assert others == {
        ("parse.label-variant", "active.art20_1.*.repealed"),
        ("parse.label-variant", "applications.not_handled.confirmation.*"),
        ("parse.label-variant", "applications.partially_granted.*"),
    }


def test_seed_invariant_findings(seed: gd.Report) -> None:
    findings = gd.check(seed)
    by = {(f.code, f.path): f for f in findings}
    row = by["applications.row-total", "applications.granted.total"]
    assert (row.actual, row.expected) == (0, 2)
    outcome = by["applications.outcome-total", "applications.total.natural_person"]
    assert (outcome.actual, outcome.expected) == (0, 2)
    assert not any(f.code == "applications.balance" for f in findings)
    late = by["publication.after-january", "published"]
    assert late.args["published"] == "2025-02-07"
    assert late.args["kind"] == "township"


def test_seed_with_a_label_piece_alone_on_its_line(seed: gd.Report) -> None:
    text = (REAL / "xunzhen-2024.txt").read_text("utf-8")
    damaged = text.replace("理结果\t记这一情形", "理结果\n记这一情形")
    assert damaged != text
    again = gd.parse_text(damaged)
    assert again == seed
    assert codes(again.findings) == codes(seed.findings)


def test_seed_agrees_with_the_seed_built_by_hand(seed: gd.Report) -> None:
    """examples/check_seed.py builds the seed from its printed figures, independently."""
    path = Path(__file__).parent.parent / "examples" / "check_seed.py"
    spec = importlib.util.spec_from_file_location("check_seed", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.seed_report()
    assert seed.tables == built.tables
    assert (seed.organ, seed.year, seed.published) == (built.organ, built.year, built.published)
    assert "".join(seed.title.split()) == built.title


def test_note_between_table_rows_is_kept_as_prose(seed: gd.Report) -> None:
    text = (REAL / "xunzhen-2024.txt").read_text("utf-8")
    note = "注：本表数据截至2024年12月31日"
    damaged = gd.parse_text(text.replace("\n\t(三) 不予公开", f"\n{note}\n\t(三) 不予公开", 1))
    assert damaged.applications_text == note
    assert damaged.tables == seed.tables


def test_seed_narratives(seed: gd.Report) -> None:
    assert seed.overview is not None
    assert len(seed.overview.paragraphs) == 3
    assert seed.problems is not None
    assert seed.problems.paragraphs[0] == "(一) 存在的问题"
    assert seed.problems.subheads == ("(一)存在的问题", "(二)改进措施")
    # the paragraph the page breaks after 拓 is joined again
    assert any("进一步拓宽信息收集" in p for p in seed.problems.paragraphs)
    assert seed.other == gd.Narrative("我镇无其他需要报告的事项。")
    # the signature block is not part of section 六
    assert "河曲县" not in seed.other.text


# ------------------------------------------------------------------ real PDFs


@pytest.mark.parametrize("name", PDF_TEXTS)
def test_pdf_text_figures(name: str) -> None:
    """Every figure of sections 二, 三 and 四 as typed by hand from the PDF."""
    expected = json.loads(
        (EXPECTED / (name.split(".", maxsplit=1)[0] + ".json")).read_text("utf-8")
    )
    report = gd.parse_text((REAL / name).read_bytes())
    assert report.organ.name == expected["organ"]
    assert report.year == expected["year"]
    assert report.title == ""
    got = {
        f"{t.id}.{row}.{column}": value for t in report.tables for row, column, value in t.items()
    }
    assert got == cells(expected)
    assert {t.id: t.edition.value for t in report.tables} == expected["editions"]
    assert set(report.provenance) == set(got)


@pytest.mark.parametrize("name", PDF_TEXTS)
def test_pdf_text_sections(name: str) -> None:
    report = gd.parse_text((REAL / name).read_bytes())
    for section in ("overview", "problems", "other"):
        narrative = report.narrative(section)
        assert narrative is not None
        assert narrative.paragraphs
        # wrapped lines are joined: no paragraph is a bare page-width fragment
        assert all(p.endswith(("。", "）", "%", "情况")) for p in narrative.paragraphs), section
    assert "信息处理费" in report.other.text  # type: ignore[union-attr]
    assert report.preamble.startswith("本报告由")
    assert not any(f.code in {"parse.unknown-row", "parse.stray-figures"} for f in report.findings)
    assert not any(f.code.startswith(("parse.missing", "parse.extra")) for f in report.findings)


@pytest.mark.parametrize("tool", ["pdfplumber", "pypdf"])
def test_hongze_2023_defects(tool: str) -> None:
    report = gd.parse_text((REAL / f"hongze-2023.{tool}.txt").read_bytes())
    findings = gd.check(report)
    totals = {f.path: f for f in findings if f.code == "review.group-total"}
    assert set(totals) == {
        "review_litigation.review.total",
        "review_litigation.litigation_after_review.total",
    }
    assert (
        totals["review_litigation.review.total"].expected,
        totals["review_litigation.review.total"].actual,
    ) == (11, 0)
    assert totals["review_litigation.litigation_after_review.total"].expected == 5


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024"])
@pytest.mark.parametrize("tool", ["pdfplumber", "pypdf"])
def test_hongze_typo_and_mixed_editions(name: str, tool: str) -> None:
    report = gd.parse_text((REAL / f"{name}.{tool}.txt").read_bytes())
    variants = [f for f in report.findings if f.code == "parse.label-variant"]
    assert [(f.path, f.args["found"]) for f in variants] == [
        ("applications.denied.prohibited_by_law.*", "2.其他法律行政止公开")
    ]
    assert report.applications is not None
    assert report.applications.edition is gd.Edition.V2019
    assert {t.edition for t in report.active} == {gd.Edition.V2021}
    found = codes(gd.check(report))
    assert ("structure.edition-mismatch", "applications") in found
    assert ("structure.mixed-editions", "") in found


@pytest.mark.parametrize("name", [*PDF_TEXTS, "xunzhen-2024.txt"])
@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("二、主动公开政府信息情况", "active"),
        ("三、收到和处理政府信息公开申请情况", "applications"),
        ("四、政府信息公开行政复议、行政诉讼情况", "review_litigation"),
    ],
)
def test_lost_heading_recovered_by_content(name: str, heading: str, section: str) -> None:
    text = (REAL / name).read_text("utf-8")
    assert heading + "\n" in text
    damaged = gd.parse_text(text.replace(heading + "\n", "", 1))
    assert damaged.tables == gd.parse_text(text).tables
    assert ("parse.missing-heading", section) in codes(damaged.findings)


def test_line_deleted_in_numbers_before_labels_layout() -> None:
    """pdfplumber prints some figures before their label; with a line of figures lost,
    the rows are still matched by their labels, before or after the figures."""
    text = (REAL / "hongze-2024.pdfplumber.txt").read_text("utf-8")
    reference = gd.parse_text(text).applications
    assert reference is not None
    line = "7.属于行政执法案卷 1 0 0 0 0 0 1\n"
    assert line in text
    damaged = gd.parse_text(text.replace(line, "", 1))
    table = damaged.applications
    assert table is not None
    lost = {(row, c) for row, c, v in table.items() if v != reference[row, c]}
    row = "denied.enforcement_case_file"
    assert lost == {(r, c) for r, c, _ in table.items() if r == row}
    assert all(table[row, c] is gd.BLANK for c in table.spec.column_ids)
    assert ("parse.missing-cells", f"applications.{row}.*") in codes(damaged.findings)


def test_huaian_is_consistent() -> None:
    """The 淮安 report adds up: no arithmetic finding at all."""
    report = gd.parse_text((REAL / "huaian-2024.pdfplumber.txt").read_bytes())
    errors = [f for f in gd.check(report) if f.severity is gd.Severity.ERROR]
    assert errors == []


# ------------------------------------------------------------------ damage in cells


def _page(rows: str) -> str:
    return (
        "某县某局2024年政府信息公开工作年度报告\n一、总体情况\n概述。\n"
        "二、主动公开政府信息情况\n" + rows + "\n五、存在的主要问题及改进情况\n无。\n"
    )


def test_units_separators_and_placeholders() -> None:
    text = _page(
        "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "规章\t2件\t/\t1,234\n行政规范性文件\t—\t0\t0\n"
        "第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t251000元"
    )
    r = gd.parse_text(text)
    t = r.table("active.art20_1")
    assert t is not None
    assert t["regulations", "issued"] == 2
    assert t["regulations", "repealed"] == gd.NotApplicable("/")
    assert t["regulations", "in_force"] == 1234
    assert t["normative_documents", "issued"] == gd.NotApplicable("—")
    assert r.cell("active.art20_8.admin_fees.amount") == Decimal("25.1")
    found = codes(r.findings)
    assert ("parse.unit-in-cell", "active.art20_1.regulations.issued") in found
    assert ("parse.unit-converted", "active.art20_8.admin_fees.amount") in found


def _review(values: str) -> str:
    head = (
        "行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉"
    )
    return (
        "某县某局2024年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
        + head
        + "\n"
        + values
        + "\n"
    )


def test_run_together_figures_split_by_identity() -> None:
    # 6 4 0 0 10 | 2 0 4 7 13 | 0 0 0 0 0 : "6400" and "10204713" run together
    r = gd.parse_text(_review("6400\t10204713\t0\t0\t0\t0\t0"))
    t = r.review_litigation
    assert t is not None
    assert [t["review", c] for c in t.spec.column_ids] == [6, 4, 0, 0, 10]
    assert [t["litigation_direct", c] for c in t.spec.column_ids] == [2, 0, 4, 7, 13]
    assert [f.code for f in r.findings] == ["parse.split-cells"]


def test_run_together_figures_not_guessed() -> None:
    # "11" "22" ... several splits satisfy the identities: nothing is guessed
    r = gd.parse_text(_review("1\t1\t0\t0\t2\t1\t1\t0\t0\t2\t1100"))
    assert [f.code for f in r.findings] == ["parse.uncertain-cells"]
    assert r.findings[0].args["text"] == "1 1 0 0 2 1 1 0 0 2 1100"
    t = r.review_litigation
    assert t is not None
    assert all(v is gd.BLANK for _, _, v in t.items())


def test_run_together_row_of_applications() -> None:
    """ "61 43119" printed for "61 4 3119": only one split makes the row add up."""
    text = gd.render_text(gd.parse_text((REAL / "huaian-2024.pdfplumber.txt").read_bytes()))
    damaged = text.replace("3001\t53\t0\t0\t61\t4\t3119", "3001\t53\t0\t0\t61\t43119")
    assert damaged != text
    r = gd.parse_text(damaged)
    assert r.applications is not None
    assert [r.applications["new_received", c] for c in r.applications.spec.column_ids] == [
        3001,
        53,
        0,
        0,
        61,
        4,
        3119,
    ]
    split = [f for f in r.findings if f.code == "parse.split-cells"]
    assert [(f.path, f.args["text"]) for f in split] == [
        ("applications.new_received.*", "3001 53 0 0 61 43119")
    ]


def test_title_on_one_line_with_spaces() -> None:
    r = gd.parse_text("淮安市人民政府 2024 年政府信息公开工作年度报告\n一、总体情况\n概述。\n")
    assert (r.organ.name, r.year, r.title) == ("淮安市人民政府", 2024, "")


def test_unknown_row_keeps_its_figures() -> None:
    r = gd.parse_text(
        _page(
            "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t5\n行政确认\t77\n"
            "第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t1\n行政强制\t2"
        )
    )
    unknown = [f for f in r.findings if f.code == "parse.unknown-row"]
    assert len(unknown) == 1
    assert unknown[0].args == {"label": "行政确认", "cells": "77"}
    assert r.cell("active.art20_5.licensing.decisions") == 5


def test_typo_variants_are_matched() -> None:
    r = gd.parse_text(
        "某县某局2024年政府信息公开工作年度报告\n四、政府信息公开行政法复议、行政诉讼情况\n"
        "行政法复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t合计\n"
        + "\t".join(["1", "0", "0", "0", "1"] + ["0"] * 10)
        + "\n"
    )
    found = {(f.code, f.args.get("found")) for f in r.findings}
    assert ("parse.heading-variant", "四、政府信息公开行政法复议、行政诉讼情况") in found
    assert ("parse.label-variant", "行政法复议") in found
    assert ("parse.label-variant", "合计") in found
    assert r.cell("review_litigation.review.total") == 1


def test_bytes_in_gb18030() -> None:
    text = (REAL / "xunzhen-2024.txt").read_text("utf-8")
    r = gd.parse_text(text.encode("gb18030"))
    assert r.findings[0].code == "parse.encoding"
    assert r == gd.parse_text(text)
    bom = gd.parse_text(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert not any(f.code == "parse.encoding" for f in bom.findings)
    assert bom == r


@pytest.mark.parametrize("text", ["", "   \n\n", "随便写点什么。\n没有报告。", "1 2 3 4"])
def test_nothing_report_like_raises_parse_error(text: str) -> None:
    with pytest.raises(gd.ParseError):
        gd.parse_text(text)


# ------------------------------------------------------------------ round trips


def _prose() -> st.SearchStrategy[str]:
    words = st.text(
        alphabet="政府信息公开工作年度报告加强改进落实情况平台", min_size=1, max_size=30
    )
    return st.lists(words.map(lambda s: s + "。"), min_size=0, max_size=3).map("\n".join)


_COUNTS = st.integers(min_value=0, max_value=10**6)


@st.composite
def built_reports(draw: st.DrawFn) -> gd.Report:
    """Valid reports from ``build_report``, either edition, mixed tables sometimes."""
    year = draw(st.integers(min_value=2019, max_value=2030))
    edition = draw(st.sampled_from(["2019", "2021"]))
    organ = draw(
        st.sampled_from(["某县某局", "淮安市人民政府", "河曲县巡镇镇人民政府", "某市审计局"])
    )
    tpl = template(edition)
    applicants = tpl.table("applications").column_ids[:-1]
    outcomes = [
        r
        for r in tpl.table("applications").row_ids
        if r not in {"new_received", "carried_over", "total", "carried_forward"}
    ]
    apps: dict[str, dict[str, int]] = {}
    for c in applicants:
        parts = draw(st.lists(st.sampled_from(outcomes), max_size=4))
        for r in parts:
            apps.setdefault(r, {})[c] = apps.get(r, {}).get(c, 0) + draw(_COUNTS)
        total = sum(apps.get(r, {}).get(c, 0) for r in outcomes)
        forward = draw(_COUNTS)
        carried = draw(st.integers(min_value=0, max_value=total + forward))
        apps.setdefault("carried_forward", {})[c] = forward
        apps.setdefault("carried_over", {})[c] = carried
        apps.setdefault("new_received", {})[c] = total + forward - carried
    review = {
        g: {c: draw(_COUNTS) for c in ("upheld", "corrected", "other", "pending")}
        for g in ("review", "litigation_direct", "litigation_after_review")
    }
    active: dict[str, Any] = {}
    for spec in tpl.active_tables:
        rows: dict[str, dict[str, Any]] = {}
        for row in spec.rows:
            for column in spec.columns:
                if column.kind == "amount":
                    value: Any = draw(
                        st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)
                    )
                elif column.kind == "change":
                    value = draw(st.integers(min_value=-50, max_value=50))
                else:
                    value = draw(_COUNTS)
                rows.setdefault(row.id, {})[column.id] = value
        active[spec.id] = rows
    report = gd.build_report(
        organ=organ,
        year=year,
        edition=edition,
        published=draw(st.sampled_from([None, f"{year + 1}-01-20", f"{year + 1}-03-02"])),
        title=draw(st.sampled_from(["", f"{organ}{year}年度政府信息公开工作报告"])),
        preamble=draw(_prose()),
        overview=draw(_prose()),
        applications=apps,
        review_litigation=review,
        active=active,
        problems=draw(_prose()),
        other=draw(_prose()) + "本年未收取信息处理费。",
    )
    if draw(st.booleans()):
        other = "2021" if edition == "2019" else "2019"
        report = report.with_table(gd.build_table("applications", {}, edition=other))
    return report


@given(built_reports())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_round_trip(report: gd.Report) -> None:
    assume(gd.is_valid(report))
    text = gd.render_text(report)
    parsed = gd.parse_text(text)
    assert parsed == report
    assert gd.render_text(parsed) == text
    assert not [f for f in parsed.findings if f.code.startswith("parse.")]


@given(valid_reports())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_round_trip_valid_reports(report: gd.Report) -> None:
    text = gd.render_text(report)
    parsed = gd.parse_text(text)
    assert parsed == report
    assert gd.render_text(parsed) == text
    assert not [f for f in parsed.findings if f.code.startswith("parse.")]


@given(valid_reports())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_rendered_text_read_as_pdf_text(report: gd.Report) -> None:
    """With the tabs turned into spaces, as PDF text extraction writes tables, every
    figure and every paragraph still reads back."""
    text = re.sub(r"\t+", " ", gd.render_text(report))
    parsed = gd.parse_text(text)
    assert parsed.tables == report.tables
    for section in ("overview", "problems", "other"):
        assert parsed.narrative(section) == report.narrative(section)


@given(valid_reports(mixed=True))
def test_round_trip_mixed_editions(report: gd.Report) -> None:
    parsed = gd.parse_text(gd.render_text(report))
    assert parsed == report
    assert parsed.applications is not None
    assert parsed.applications.edition is gd.Edition.V2019


def words_read_back(table: gd.Table) -> bool:
    """Whether every row of ``table`` that holds a word (gd.Text) also holds a figure or
    a placeholder, or else no blank: the words then read back in their cells."""
    for row in table.cells:
        words = any(isinstance(v, gd.Text) for v in row)
        figures = any(is_number(v) or isinstance(v, gd.NotApplicable) for v in row)
        if words and not figures and any(v is gd.BLANK for v in row):
            return False
    return True


@given(reports())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_render_any_report_reads_back(report: gd.Report) -> None:
    """Possibly-invalid reports (negative figures, placeholders, blanks, words in cells,
    sections left out) render and read back equal: every table but one with a row of
    words and blanks without a figure (a blank between a label and a word is taken for
    a merged label cell)."""
    parsed = gd.parse_text(gd.render_text(report))
    page = gd.parse_html(gd.render_html(report))  # (the web page reads them alike)
    for table in report.tables:
        if not words_read_back(table):
            continue
        assert parsed.table(table.id) == table
        assert page.table(table.id) == table
    for section in ("overview", "problems", "other"):
        assert parsed.narrative(section) == report.narrative(section)


def test_round_trip_seed_is_stable(seed: gd.Report) -> None:
    """Rendering what was read and reading it again changes nothing."""
    again = gd.parse_text(gd.render_text(seed))
    assert again == seed


# ------------------------------------------------------------------ damage


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _numbers_in(text: str) -> set[Decimal]:
    """Every figure the text contains, also when digits are cut apart by damage."""
    digits = re.sub(r"[,，\s]", "", text)
    found = {Decimal(m) for m in _NUMBER.findall(text)}
    for m in re.finditer(r"\d+(?:\.\d+)?", digits):
        run = m.group()
        for i in range(len(run)):
            for j in range(i + 1, len(run) + 1):
                piece = run[i:j]
                if not piece.startswith(".") and not piece.endswith("."):
                    found.add(Decimal(piece))
    return found


def _damage(text: str, data: st.DataObject) -> str:
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        if not lines:
            break
        i = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
        kind = data.draw(
            st.sampled_from(
                ["break", "join", "space", "duplicate", "delete", "truncate", "page", "tabs"]
            )
        )
        line = lines[i]
        if kind == "break" and line:
            k = data.draw(st.integers(min_value=0, max_value=len(line)))
            lines[i : i + 1] = [line[:k], line[k:]]
        elif kind == "join" and i + 1 < len(lines):
            sep = data.draw(st.sampled_from(["", " ", "\t"]))
            lines[i : i + 2] = [line + sep + lines[i + 1]]
        elif kind == "space":
            lines[i] = re.sub(
                r"\t", lambda _: data.draw(st.sampled_from(["\t", " ", "  ", ""])), line
            )
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "delete":
            del lines[i]
        elif kind == "truncate":
            lines = lines[:i]
        elif kind == "page":
            lines.insert(i, f"- {data.draw(st.integers(min_value=1, max_value=9))} -")
        elif kind == "tabs":
            lines[i] = line.replace(" ", "\t")
    return "\n".join(lines)


def _figures(report: gd.Report) -> set[Decimal]:
    out = set()
    for t in report.tables:
        for _, _, v in t.items():
            if is_number(v):
                out.add(abs(Decimal(v)))
    return out


def _check_damaged(text: str) -> None:
    try:
        report = gd.parse_text(text)
    except gd.ParseError:
        return
    allowed = _numbers_in(text)
    for value in _figures(report):
        if value not in allowed:
            # a unit converted exactly (元 → 万元) is the only figure not in the text
            converted = {f.path for f in report.findings if f.code == "parse.unit-converted"}
            assert converted, (value, sorted(allowed)[:20])
    gd.check(report)


@given(st.one_of(built_reports(), valid_reports(), reports()), st.data())
@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=30)
def test_damaged_rendered_text(report: gd.Report, data: st.DataObject) -> None:
    _check_damaged(_damage(gd.render_text(report), data))


_REAL_TEXTS = {name: (REAL / name).read_text("utf-8") for name in [*PDF_TEXTS, "xunzhen-2024.txt"]}


@given(st.sampled_from(sorted(_REAL_TEXTS)), st.data())
@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=30)
def test_damaged_real_text(name: str, data: st.DataObject) -> None:
    _check_damaged(_damage(_REAL_TEXTS[name], data))


@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    _check_damaged(text)


@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    try:
        report = gd.parse_text(data)
    except gd.ParseError:
        return
    gd.check(report)


@pytest.mark.parametrize("name", [*PDF_TEXTS, "xunzhen-2024.txt"])
@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_reading_findings_render(name: str, locale: str) -> None:
    """Every finding noticed while reading has its message's parameters."""
    report = gd.parse_text((REAL / name).read_bytes())
    for f in gd.check(report):
        message = f.message(locale)
        assert message
        assert "{" not in message, (f.code, message)
