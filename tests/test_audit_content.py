"""Required content of sections 一, 五 and 六 (info findings, never errors)."""

from __future__ import annotations

import attrs
from hypothesis import given, settings

import govdisclosure as gd
from audit_real import hongze, huaian_2024, xunzhen_2024
from govdisclosure.checks.content import overview_topics
from govdisclosure.strategies import valid_reports

CONTENT = (
    "overview.topic-missing",
    "overview.assessment-missing",
    "problems.part-missing",
    "other.fee-unpaid-unexplained",
    "other.proposals-missing",
    "series.problems-not-followed-up",
)


def content(findings: tuple[gd.Finding, ...]) -> list[tuple[str, dict[str, object]]]:
    return [(f.code, f.args) for f in findings if f.code in CONTENT]


def test_codes_are_never_errors() -> None:
    for code in CONTENT:
        assert gd.CODES[code].severity is not gd.Severity.ERROR
        assert gd.CODES[code].basis


def test_huaian_2024() -> None:
    """All five sub-heads are there; no 考核/评议/追究 results; no 建议提案; fees were
    charged (3940 元), so the six unpaid fee notices need no remark."""
    assert content(gd.check(huaian_2024())) == [
        ("overview.assessment-missing", {"items": "工作考核、社会评议、责任追究"}),
        ("other.proposals-missing", {}),
    ]


def test_hongze_2024_against_2023() -> None:
    """2024 puts disclosure work into the district's 考核 but states no 评议 or 追究, and
    its section 五 does not look back at 2023's problems."""
    findings = gd.check(hongze(2024), previous=hongze(2023))
    assert content(findings) == [
        ("overview.assessment-missing", {"items": "社会评议、责任追究"}),
        ("other.proposals-missing", {}),
        ("series.problems-not-followed-up", {"previous_year": "2023"}),
    ]
    (follow_up,) = [f for f in findings if f.code == "series.problems-not-followed-up"]
    assert "2023" in follow_up.message()
    assert "2023" in follow_up.message("en")


def test_xunzhen_2024() -> None:
    """The seed: no sub-heads; it speaks of 平台 and 监督 and 考核 and 评价, not of
    主动公开, 依申请公开 or 信息管理, nor of 责任追究; section 六 says only
    "我镇无其他需要报告的事项。" (the fee statement is missing: a core warning)."""
    findings = gd.check(xunzhen_2024())
    assert content(findings) == [
        ("overview.topic-missing", {"topic": "主动公开"}),
        ("overview.topic-missing", {"topic": "依申请公开"}),
        ("overview.topic-missing", {"topic": "政府信息管理"}),
        ("overview.assessment-missing", {"items": "责任追究"}),
    ]
    assert "other.fee-statement-missing" in {f.code for f in findings}


def test_topics_are_data() -> None:
    assert [t.topic for t in overview_topics()] == [
        "主动公开",
        "依申请公开",
        "政府信息管理",
        "政府信息公开平台建设",
        "监督保障",
    ]


def _r(**kw: object) -> gd.Report:
    base: dict[str, object] = {
        "organ": "某县某局",
        "year": 2024,
        "overview": "（一）主动公开情况。（二）依申请公开情况。（三）政府信息管理情况。"
        "（四）平台建设情况。（五）监督保障情况。",
        "problems": "本年度政府信息公开工作仍存在人员不足、业务培训不够等问题。"
        "下一步，我局将加强队伍建设，定期组织业务培训，提升工作水平。",
        "other": "本年度未收取信息处理费。",
    }
    base.update(kw)
    return gd.build_report(**base)  # type: ignore[arg-type]


def test_complete_department_report_has_no_content_finding() -> None:
    assert content(gd.check(_r())) == []


def test_placeholder_sections_are_not_audited() -> None:
    """A few characters cannot cover five topics: only longer prose is audited (an
    empty section is the core's overview.empty / problems.empty)."""
    r = _r(organ="某县人民政府", overview="概述。", problems="问题。", other="无。")
    assert content(gd.check(r, previous=r)) == []


def test_2019_edition_years_are_not_held_to_the_five_topics() -> None:
    assert content(gd.check(_r(year=2020, overview="概述。"))) == []


def test_problems_without_measures() -> None:
    weak = "信息公开工作存在不足，人员配备不够，工作人员对公开标准的把握还不够精准，栏目内容还不够丰富，部分信息发布不够及时，政策解读形式比较单一。"
    assert content(gd.check(_r(problems=weak))) == [("problems.part-missing", {"part": "改进措施"})]


def test_unpaid_fee_notices_against_no_fee() -> None:
    apps = {"new_received": {"natural_person": 3}, "other.unpaid_fee": {"natural_person": 3}}
    (f,) = [f for f in gd.check(_r(applications=apps)) if f.code == "other.fee-unpaid-unexplained"]
    assert f.path == "applications.other.unpaid_fee.total"
    assert f.args["count"] == 3
    explained = "本年度未收取信息处理费，3件申请人逾期未缴纳费用，不再处理。"
    assert content(gd.check(_r(applications=apps, other=explained))) == []
    charged = "本年度收取信息处理费300元。"
    assert content(gd.check(_r(applications=apps, other=charged))) == []


def test_government_mentions_proposals_anywhere() -> None:
    gov = {"organ": "某县人民政府", "overview": _r().overview.text + "考核、评议、问责。"}  # type: ignore[union-attr]
    assert content(gd.check(_r(**gov))) == [("other.proposals-missing", {})]
    other = "本年度未收取信息处理费。全年办理人大代表建议和政协提案120件，办理结果均已公开。"
    assert content(gd.check(_r(**gov, other=other))) == []


def test_follow_up_of_last_years_problems() -> None:
    before = _r(year=2023)
    now = _r(
        problems="针对上年度报告所列问题，我局已逐项整改到位。本年度仍存在人员不足的问题，"
        "下一步将加强培训，提升工作水平。"
    )
    assert content(gd.check(now, previous=before)) == []
    assert content(gd.check(_r(), previous=before)) == [
        ("series.problems-not-followed-up", {"previous_year": "2023"})
    ]


@settings(max_examples=40)
@given(valid_reports())
def test_valid_generated_reports_get_no_error_or_warning_from_content(r: gd.Report) -> None:
    for f in gd.check(r):
        if f.code in CONTENT:
            assert f.severity is gd.Severity.INFO
    assert gd.is_valid(r)


@settings(max_examples=20)
@given(valid_reports())
def test_content_checks_never_raise_on_odd_prose(r: gd.Report) -> None:
    odd = attrs.evolve(r, overview=gd.Narrative("\n\n"), other=gd.Narrative("0元"))
    gd.check(odd, previous=r)


def test_parsed_real_reports_give_the_same_content_findings() -> None:
    """Read by gd.parse_text, the real reports give the findings of the built ones."""
    from audit_real import REAL  # noqa: PLC0415

    built = {
        "huaian-2024.pdfplumber.txt": huaian_2024(),
        "hongze-2024.pdfplumber.txt": hongze(2024),
        "xunzhen-2024.txt": xunzhen_2024(),
    }
    for name, report in built.items():
        parsed = gd.parse_text((REAL / name).read_text("utf-8"))
        assert content(gd.check(parsed)) == content(gd.check(report)), name


# ------------------------------------------------------------------ exact cases
# Found by mutation testing (scripts/mutation.sh, MUTATION_SET=prose): a section 六
# longer than 1024 characters is searched for the no-fee statement only around each 费
# (content._Prose._found_around), which the short texts above never reach.

_UNPAID = {"new_received": {"natural_person": 3}, "other.unpaid_fee": {"natural_person": 3}}
_FILLER = "本机关持续做好政府信息公开工作，\n按时更新公开目录。" * 80
"""Long prose without 费 (over 2000 characters, with line breaks)."""
_UNEXPLAINED = [("other.fee-unpaid-unexplained", {"count": 3})]


def _fees(other: str) -> list[gd.Finding]:
    assert len(other) > 1024
    found = gd.check(_r(applications=_UNPAID, other=other))
    return [f for f in found if f.code == "other.fee-unpaid-unexplained"]


def test_a_long_section_six_stating_no_fee_at_its_start_is_read() -> None:
    (f,) = _fees("未收取信息处理费。\n" + _FILLER)
    assert (f.path, f.actual, f.args) == ("applications.other.unpaid_fee.total", 3, {"count": 3})


def test_a_long_section_six_that_starts_with_fee_is_read_on() -> None:
    assert content(tuple(_fees("费用方面，本机关未收取信息处理费。" + _FILLER))) == _UNEXPLAINED


def test_a_long_section_six_stating_no_fee_after_a_full_stop() -> None:
    assert content(tuple(_fees(_FILLER + "未收取信息处理费。"))) == _UNEXPLAINED
    assert content(tuple(_fees(_FILLER + "未收取信息处理费"))) == _UNEXPLAINED
    # the sentence before it, and the one after it, are left out of the search
    assert content(tuple(_fees(_FILLER + "；未收取信息处理费；" + _FILLER))) == _UNEXPLAINED


def test_a_long_section_six_stating_no_fee_across_a_line_break() -> None:
    assert content(tuple(_fees(_FILLER + "本年度未收\n取信息处理费。" + _FILLER))) == _UNEXPLAINED


def test_a_long_section_six_stating_no_fee_before_another_fee() -> None:
    other = "未收取信息处理费。" + _FILLER + "收费依据见附件。"
    assert content(tuple(_fees(other))) == _UNEXPLAINED


def test_a_long_section_six_that_states_a_fee_charged_explains_the_notices() -> None:
    """Several 费, in sentences with and without an end: none states that no fee was
    charged, and the fee charged explains the notices."""
    other = _FILLER + "本年度收取信息处理费300元。" + _FILLER + "收费标准另行公布，费用详见附件"
    assert _fees(other) == []


def test_problems_are_not_followed_up_at_section_five() -> None:
    (f,) = [
        f
        for f in gd.check(_r(), previous=_r(year=2023))
        if f.code == "series.problems-not-followed-up"
    ]
    assert (f.path, f.args) == ("problems", {"previous_year": "2023"})


def test_last_years_empty_problems_need_no_follow_up() -> None:
    for empty in ("", " \n\u3000"):
        assert content(gd.check(_r(), previous=_r(year=2023, problems=empty))) == []
