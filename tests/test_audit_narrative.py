"""Figures stated in the prose against the tables (narrative.figure-mismatch)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure as gd
from audit_real import hongze, huaian_2024, xunzhen_2024
from govdisclosure.checks.narrative import figure_patterns

CODE = "narrative.figure-mismatch"


def mismatches(report: gd.Report) -> list[gd.Finding]:
    return [f for f in gd.check(report) if f.code == CODE]


# ------------------------------------------------------------------ real reports


@pytest.mark.parametrize("extractor", ["pdfplumber", "pypdf"])
def test_huaian_2024_every_stated_figure_is_tied_and_agrees(extractor: str) -> None:
    report = huaian_2024(extractor)
    figures = gd.stated_figures(report)
    stated = [(f.pattern, f.stated) for f in figures]
    assert stated == [
        # "全年新增公开市政府规章 1 件、市政府及市政府办政策性文件 11 件": the 规章 are tied,
        # the 政策性文件 are not 规范性文件 and are left alone.
        ("active.regulations", 1),
        # "全市共受理政府信息公开申请 3119 件，答\n复 3050 件（含上年度结转申请 34 件，
        # 另有 103 件顺延到下年度\n答复）": "全市" in a city government's report; the
        # table's 一、本年新收 总计 is 3119, so the sentence speaks of the table.
        ("applications.received", 3119),
        ("applications.answered", 3050),
        ("applications.carried-over", 34),
        ("applications.carried-forward", 103),
        # "政府信息公开行政复议 351\n件，其中结果维持 72 件，…，尚\n未审结 37 件"
        ("review.total", 351),
        ("group.upheld", 72),
        ("group.corrected", 64),
        ("group.other", 178),
        ("group.pending", 37),
        # "政府信息公开行政诉讼 46 件，其中结果维持 25\n件，…": the sum of both kinds
        ("litigation.total", 46),
        ("group.upheld", 25),
        ("group.corrected", 5),
        ("group.other", 9),
        ("group.pending", 7),
    ]
    assert all(f.agrees for f in figures)
    assert figures[1].readings[0] == ("applications.new_received.total",)
    assert figures[10].readings == (
        (
            "review_litigation.litigation_direct.total",
            "review_litigation.litigation_after_review.total",
        ),
    )
    assert figures[11].readings == (
        (
            "review_litigation.litigation_direct.upheld",
            "review_litigation.litigation_after_review.upheld",
        ),
    )
    assert mismatches(report) == []


def test_huaian_figure_split_by_a_line_wrap_is_found() -> None:
    """ "尚\\n未审结 37 件" and "351\\n件" are only found with the section joined."""
    report = huaian_2024()
    assert "351\n件" in report.overview.text  # type: ignore[union-attr]
    pending = [f for f in gd.stated_figures(report) if f.pattern == "group.pending"]
    assert [f.stated for f in pending] == [37, 7]
    assert pending[0].section == "overview"
    assert report.overview.text[pending[0].offset : pending[0].offset + 2] == "37"  # type: ignore[union-attr]


def test_hongze_2023_received_agrees() -> None:
    report = hongze(2023)
    figures = gd.stated_figures(report)
    assert [(f.pattern, f.stated, f.agrees) for f in figures] == [
        ("applications.received", 21, True)
    ]
    assert mismatches(report) == []


@pytest.mark.parametrize("extractor", ["pdfplumber", "pypdf"])
def test_hongze_2024_states_17_applications_against_95_in_the_table(extractor: str) -> None:
    """ "区政府办代表区政府受理政府信息公开申请 17 件" while 一、本年新收 总计 is 95."""
    report = hongze(2024, extractor)
    (f,) = mismatches(report)
    assert f.severity is gd.Severity.WARNING
    assert f.path == "applications.new_received.total"
    assert (f.expected, f.actual, f.difference) == (95, 17, -78)
    assert f.args["heading"] == "overview"
    assert f.args["sentence"] == (
        "2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。"
    )
    text = report.overview.text  # type: ignore[union-attr]
    offset = f.args["offset"]
    assert isinstance(offset, int)
    assert text[offset : offset + 2] == "17"
    assert f.args["paragraph"] == 1 + sum(
        1 for line in text[:offset].split("\n")[:-1] if line.strip()
    )
    zh, en = f.message("zh_CN"), f.message("en")
    assert "区政府办代表区政府受理政府信息公开申请17件" in zh
    assert "95" in zh
    assert "states 17" in en
    assert "the table gives 95" in en


def test_xunzhen_states_no_figure() -> None:
    report = xunzhen_2024()
    assert gd.stated_figures(report) == ()
    assert mismatches(report) == []


def test_all_real_reports_findings() -> None:
    found = {
        name: sorted(f.fingerprint for f in mismatches(r))
        for name, r in {
            "huaian-2024": huaian_2024(),
            "hongze-2023": hongze(2023),
            "hongze-2024": hongze(2024),
            "xunzhen-2024": xunzhen_2024(),
        }.items()
    }
    assert found == {
        "huaian-2024": [],
        "hongze-2023": [],
        "hongze-2024": [f"{CODE}@applications.new_received.total"],
        "xunzhen-2024": [],
    }


PARSED = {
    "huaian-2024": [],
    "hongze-2023": [],
    "hongze-2024": [17],
}


@pytest.mark.parametrize("name", sorted(PARSED))
@pytest.mark.parametrize("reader", ["text-pdfplumber", "text-pypdf", "pdf"])
def test_parsed_real_reports(name: str, reader: str) -> None:
    """The same findings when the reports are read by the library's own parsers."""
    from audit_real import REAL  # noqa: PLC0415

    if reader == "pdf":
        pytest.importorskip("pdfplumber")
        report = gd.parse_pdf(REAL / f"{name}.pdf")
    else:
        extractor = reader.split("-")[1]
        report = gd.parse_text((REAL / f"{name}.{extractor}.txt").read_text("utf-8"))
    assert [f.actual for f in mismatches(report)] == PARSED[name]
    assert all(f.agrees is not None for f in gd.stated_figures(report))
    assert len(gd.stated_figures(report)) == {"huaian-2024": 15}.get(name, 1)


def test_parsed_seed_states_no_figure() -> None:
    from audit_real import REAL  # noqa: PLC0415

    report = gd.parse_text((REAL / "xunzhen-2024.txt").read_text("utf-8"))
    assert gd.stated_figures(report) == ()


# ------------------------------------------------------------------ unit cases


def _report(overview: str, **tables: object) -> gd.Report:
    return gd.build_report(organ="某县某局", year=2024, overview=overview, **tables)  # type: ignore[arg-type]


def test_approximate_figures_are_never_tied() -> None:
    r = _report(
        "共受理政府信息公开申请30余件。", applications={"new_received": {"natural_person": 3}}
    )
    assert gd.stated_figures(r) == ()


def test_outcomes_without_a_group_are_left_alone() -> None:
    r = _report("其中结果维持3件，结果纠正1件。")
    assert gd.stated_figures(r) == ()


def test_review_outside_disclosure_work_is_left_alone() -> None:
    r = _report("全县办理行政复议案件120件。", review_litigation={"review": {"upheld": 1}})
    assert gd.stated_figures(r) == ()


def test_received_may_include_carried_over() -> None:
    tables = {
        "applications": {
            "new_received": {"natural_person": 10},
            "carried_over": {"natural_person": 2},
            "granted": {"natural_person": 12},
        }
    }
    assert mismatches(_report("共收到政府信息公开申请12件（含上年结转2件）。", **tables)) == []
    assert mismatches(_report("共收到政府信息公开申请10件。", **tables)) == []
    (f,) = mismatches(_report("共收到政府信息公开申请11件。", **tables))
    assert f.expected == 10


def test_blank_operand_is_not_assessed() -> None:
    t = gd.build_table("applications", {"new_received": {"total": None}}, edition="2021")
    r = _report("共收到政府信息公开申请11件。", applications=t)
    (f,) = gd.stated_figures(r)
    assert f.agrees is None
    assert mismatches(r) == []


def test_full_width_digits_and_spaces() -> None:
    r = _report("予以公开 \uff11 2\n件。", applications={"granted": {"natural_person": 12}})
    (f,) = gd.stated_figures(r)
    assert (f.stated, f.agrees) == (12, True)


def test_2019_edition_reads_its_own_cells() -> None:
    r = gd.build_report(
        organ="某局",
        year=2020,
        overview="本年主动公开规范性文件4件。",
        active={"art20_1": {"normative_documents": {"new_published": 4}}},
    )
    (f,) = gd.stated_figures(r)
    assert f.agrees is True
    assert ("active.art20_1.normative_documents.new_published",) in f.readings


def test_patterns_are_data() -> None:
    ids = [p.id for p in figure_patterns()]
    assert len(ids) == len(set(ids))
    assert "applications.received" in ids


def test_fee_in_section_six_is_not_tied_to_a_cell() -> None:
    r = huaian_2024()
    assert "3940" in r.other.text  # type: ignore[union-attr]
    assert all(f.section != "other" for f in gd.stated_figures(r))


# ------------------------------------------------------------------ property


def narrate(r: gd.Report) -> str:
    """Sentences that state ``r``'s own figures in the phrasing reports use."""

    def c(path: str) -> int:
        v = r.cell(path)
        assert isinstance(v, int)
        return v

    def s(*paths: str) -> int:
        return sum(c(p) for p in paths)

    a = r.applications
    assert a is not None
    rows = a.spec.row_ids
    group = lambda prefix: [f"applications.{x}.total" for x in rows if x.startswith(prefix)]  # noqa: E731
    rl = "review_litigation"
    return "\n".join(
        [
            f"{r.year}年，共收到政府信息公开申请{c('applications.new_received.total')}件，"
            f"办结{c('applications.total.total')}件。",
            f"上年结转申请{c('applications.carried_over.total')}件，"
            f"结转下年度继续办理{c('applications.carried_forward.total')}件。",
            f"予以公开{c('applications.granted.total')}件，"
            f"部分公开{c('applications.partially_granted.total')}件，"
            f"不予公开{s(*group('denied.'))}件，无法提供{s(*group('unavailable.'))}件，"
            f"不予处理{s(*group('not_handled.'))}件。",
            f"政府信息公开行政复议{c(f'{rl}.review.total')}件，其中结果维持"
            f"{c(f'{rl}.review.upheld')}件，结果纠正{c(f'{rl}.review.corrected')}件，其他结果"
            f"{c(f'{rl}.review.other')}件，尚未审结{c(f'{rl}.review.pending')}件；",
            f"政府信息公开行政诉讼"
            f"{s(f'{rl}.litigation_direct.total', f'{rl}.litigation_after_review.total')}件，"
            f"其中结果维持"
            f"{s(f'{rl}.litigation_direct.upheld', f'{rl}.litigation_after_review.upheld')}件。",
            f"作出行政许可决定{c('active.art20_5.licensing.decisions')}件，"
            f"行政处罚决定{c('active.art20_6.penalty.decisions')}件。",
        ]
    )


# the cells the narration states, each read by one sentence only
MUTABLE = (
    "applications.new_received.total",
    "applications.total.total",
    "applications.carried_over.total",
    "applications.carried_forward.total",
    "applications.granted.total",
    "applications.partially_granted.total",
    "applications.denied.third_party_rights.total",
    "applications.unavailable.not_held.total",
    "applications.not_handled.duplicate.total",
    "review_litigation.review.total",
    "review_litigation.review.upheld",
    "review_litigation.review.pending",
    "review_litigation.litigation_direct.total",
    "review_litigation.litigation_after_review.upheld",
    "active.art20_5.licensing.decisions",
    "active.art20_6.penalty.decisions",
)

counts = st.integers(0, 5000)


@st.composite
def consistent_reports(draw: st.DrawFn) -> gd.Report:
    year = draw(st.integers(2019, 2025))
    edition = gd.Edition.V2019 if year < 2021 else gd.Edition.V2021
    rows = [
        r.id
        for r in gd.template(edition).table("applications").rows
        if r.id not in {"total", "new_received"}
    ]
    applications = {row: {"natural_person": draw(counts)} for row in rows}
    outcomes = sum(
        v["natural_person"]
        for k, v in applications.items()
        if k not in {"carried_over", "carried_forward"}
    )
    new = outcomes + applications["carried_forward"]["natural_person"]
    new -= applications["carried_over"]["natural_person"]
    if new < 0:
        applications["carried_forward"]["natural_person"] -= new
        new = 0
    applications["new_received"] = {"natural_person": new}
    groups = ("review", "litigation_direct", "litigation_after_review")
    review = {
        g: {c: draw(counts) for c in ("upheld", "corrected", "other", "pending")} for g in groups
    }
    report = gd.build_report(
        organ="某县某局",
        year=year,
        applications=applications,
        review_litigation=review,
        active={
            "art20_5": {"licensing": {"decisions": draw(counts)}},
            "art20_6": {"penalty": {"decisions": draw(counts)}},
        },
    )
    text = narrate(report)
    # PDF line wraps and stray spaces anywhere, inside figures too
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)), reverse=True)
    for at in cuts:
        text = text[:at] + draw(st.sampled_from(["\n", " ", "\u3000", " \n"])) + text[at:]
    return attrs.evolve(report, overview=gd.Narrative(text))


@given(consistent_reports())
def test_narration_of_own_tables_gives_no_finding(report: gd.Report) -> None:
    figures = gd.stated_figures(report)
    assert len(figures) == 18
    assert all(f.agrees for f in figures)
    assert mismatches(report) == []


@given(consistent_reports(), st.sampled_from(MUTABLE), st.integers(1, 50))
def test_changing_one_stated_cell_gives_exactly_one_finding(
    report: gd.Report, path: str, delta: int
) -> None:
    value = report.cell(path)
    assert isinstance(value, int)
    changed = report.with_cell(path, value + delta)
    (f,) = mismatches(changed)
    assert f.difference == -delta
    assert path in str(f.args["operands"]).split(",")


def test_valid_generated_reports_state_no_wrong_figure() -> None:
    strategies = pytest.importorskip("govdisclosure.strategies")
    from hypothesis import settings  # noqa: PLC0415

    @settings(max_examples=30)
    @given(strategies.valid_reports())
    def run(report: gd.Report) -> None:
        assert mismatches(report) == []
        assert not any(
            f.severity is gd.Severity.ERROR
            for f in gd.check(report)
            if f.code.startswith(("narrative.", "overview.", "problems.part", "other."))
        )

    run()


@st.composite
def narrated_valid_reports(draw: st.DrawFn) -> gd.Report:
    """Reports of ``gd.strategies.valid_reports()`` (both editions, mixed ones too) whose
    section 一 states their own figures, wrapped at random places."""
    from govdisclosure.strategies import valid_reports  # noqa: PLC0415

    report = draw(valid_reports())
    text = narrate(report)
    for at in sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)), reverse=True):
        text = text[:at] + "\n" + text[at:]
    overview = report.overview.text if report.overview is not None else ""  # type: ignore[union-attr]
    return attrs.evolve(report, overview=gd.Narrative(overview + "\n" + text))


@given(narrated_valid_reports())
def test_valid_reports_narrating_their_tables_give_no_finding(report: gd.Report) -> None:
    assert len(gd.stated_figures(report)) == 18
    assert mismatches(report) == []
    assert gd.is_valid(report)


@given(narrated_valid_reports(), st.sampled_from(MUTABLE), st.integers(1, 50))
def test_valid_reports_one_changed_cell_gives_one_finding(
    report: gd.Report, path: str, delta: int
) -> None:
    value = report.cell(path)
    assert isinstance(value, int)
    (f,) = mismatches(report.with_cell(path, value + delta))
    assert f.difference == -delta


@given(st.text(max_size=300))
def test_any_prose_is_read_without_error(text: str) -> None:
    r = _report(text, applications={"new_received": {"natural_person": 3}})
    for f in gd.stated_figures(r):
        assert r.overview.text[f.offset].isdigit()  # type: ignore[union-attr]
    gd.check(r)


# ------------------------------------------------------------------ exact cases
# Found by mutation testing (scripts/mutation.sh, MUTATION_SET=prose).

_FILL = "各项工作有序推进，公开质量不断提高，群众满意度持续提升"  # 27 characters, no figure
_RECEIVED = "共收到政府信息公开申请11件"  # 14 characters, the figure at 11


@pytest.mark.parametrize(
    ("overview", "quote"),
    [
        # the figure near the start: the sentence's first 60 characters
        (
            f"{_RECEIVED}，{_FILL}，{_FILL}。",
            f"{_RECEIVED}，{_FILL}，{_FILL[:17]}…",
        ),
        # in the middle: 30 characters either side of the figure
        (
            f"{_FILL}，{_RECEIVED}，{_FILL}。",
            f"…{_FILL[9:]}，{_RECEIVED}，{_FILL[:26]}…",
        ),
        # near the end: the sentence's last 60 characters
        (
            f"{_FILL}{_FILL}，{_RECEIVED}。",
            f"…{_FILL[-17:]}{_FILL}，{_RECEIVED}。",
        ),
        # 60 characters: whole
        (f"{_FILL}，{_RECEIVED}，{_FILL[:16]}。", f"{_FILL}，{_RECEIVED}，{_FILL[:16]}。"),
    ],
    ids=["start", "middle", "end", "sixty"],
)
def test_a_long_sentence_is_quoted_around_its_figure(overview: str, quote: str) -> None:
    assert len(quote.strip("…")) == 60
    r = _report(overview, applications={"new_received": {"natural_person": 10}})
    (f,) = mismatches(r)
    offset = overview.index("11件")
    assert (f.path, f.expected, f.actual, f.difference) == (
        "applications.new_received.total",
        10,
        11,
        1,
    )
    assert f.args == {
        "heading": "overview",
        "offset": offset,
        "operands": "applications.new_received.total",
        "paragraph": 1,
        "pattern": "applications.received",
        "sentence": quote,
    }
    (stated,) = gd.stated_figures(r)
    assert (stated.sentence, stated.offset, stated.stated, stated.agrees) == (
        quote,
        offset,
        11,
        False,
    )


@pytest.mark.parametrize(
    ("reading", "path"),
    [
        (("applications.granted.total",), "applications.granted.total"),
        (("applications.granted.total", "applications.carried_over.total"), "applications"),
        # no pattern of narrative.toml sums cells of two tables yet: the section
        (("applications.granted.total", "review_litigation.review.total"), "overview"),
    ],
    ids=["cell", "table", "section"],
)
def test_a_mismatch_is_at_its_cell_else_its_table_else_its_section(
    reading: tuple[str, ...], path: str
) -> None:
    from govdisclosure.checks import narrative  # noqa: PLC0415

    tied = narrative._Tied(0, "共6件。", "共6件。", 1, "p", 6, ((), reading), (None, 2))
    f = narrative._mismatch_of("overview", narrative._Paragraphs("共6件。"), tied)
    assert (f.path, f.expected, f.actual, f.difference) == (path, 2, 6, 4)
    assert f.expression == f"{' + '.join(reading)} = 6"
    placed = narrative._placed("overview", narrative._Paragraphs("共6件。"), tied)
    assert narrative._mismatch(placed) == f


@pytest.mark.parametrize(
    ("overview", "sentence", "paragraph"),
    [
        # a text that starts with the end of a sentence
        ("。共收到政府信息公开申请11件。", "共收到政府信息公开申请11件。", 1),
        ("；\n\n共收到政府信息公开\n申请11件", "共收到政府信息公开申请11件", 3),
        # a sentence is ended by 。；;！？!? only, whichever of them the text holds
        ("XX县共收到政府信息公开申请11件；予以公开5件。", "XX县共收到政府信息公开申请11件；", 1),
    ],
    ids=["full-stop-first", "semicolon-first", "latin-x"],
)
def test_the_sentence_quoted_is_the_one_holding_the_figure(
    overview: str, sentence: str, paragraph: int
) -> None:
    r = _report(
        overview,
        applications={"new_received": {"natural_person": 10}, "granted": {"natural_person": 5}},
    )
    (f,) = mismatches(r)
    assert (f.path, f.expected, f.actual) == ("applications.new_received.total", 10, 11)
    assert (f.args["sentence"], f.args["offset"], f.args["paragraph"]) == (
        sentence,
        overview.index("11"),
        paragraph,
    )


@pytest.mark.parametrize(
    "overview",
    [
        "办理行政复议5件，予以公开6件。",  # 行政复议 without 信息公开 or 依申请: passed over
        "其中结果维持3件，予以公开6件。",  # an outcome without its group: passed over
    ],
    ids=["requirement-unmet", "no-context"],
)
def test_a_figure_after_one_passed_over_in_its_sentence_is_read(overview: str) -> None:
    r = _report(
        overview,
        applications={"granted": {"natural_person": 5}},
        review_litigation={"review": {"upheld": 3, "corrected": 2}},
    )
    (f,) = gd.stated_figures(r)
    assert (f.pattern, f.stated, f.readings, f.values) == (
        "applications.granted",
        6,
        (("applications.granted.total",),),
        (5,),
    )
    (m,) = mismatches(r)
    assert (m.path, m.expected, m.actual, m.difference) == ("applications.granted.total", 5, 6, 1)
    assert m.args["offset"] == overview.index("6件")


def test_a_figure_with_thousands_separators() -> None:
    tables = {"applications": {"new_received": {"natural_person": 3118}}}
    r = _report("全市共收到政府信息公开申请3,119件。", **tables)
    (f,) = mismatches(r)
    assert (f.path, f.expected, f.actual, f.difference) == (
        "applications.new_received.total",
        3118,
        3119,
        1,
    )
    assert (f.args["offset"], f.args["sentence"]) == (13, "全市共收到政府信息公开申请3,119件。")
    assert mismatches(_report("共收到政府信息公开申请3,118件。", **tables)) == []
