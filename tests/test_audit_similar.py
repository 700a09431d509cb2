"""gd.similar: copied prose (exact shingle Jaccard behind MinHash/LSH) and identical tables."""

from __future__ import annotations

import itertools

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from audit_real import hongze, huaian_2024, xunzhen_2024
from govdisclosure.analysis.similarity import _bands, normalise_prose, shingle_jaccard

pytest.importorskip("numpy")


def test_real_reports() -> None:
    """Measured exact scores: 洪泽 2024 against 2023 — overview 0.33, problems 0.28, and
    section 六 1.0 but a one-sentence fee statement (too short to compare); every other
    pair of the four reports scores at most 0.05 in 一 and 五. No table repeats."""
    reports = [huaian_2024(), hongze(2023), hongze(2024), xunzhen_2024()]
    pairs = gd.similar(reports, threshold=0.5)
    assert [(p.kind, p.part, p.first.index, p.second.index) for p in pairs] == []
    low = gd.similar(reports, threshold=0.3)
    assert [(p.part, p.first.index, p.second.index, p.same_organ) for p in low] == [
        ("overview", 1, 2, True)
    ]
    (p,) = low
    exact = shingle_jaccard(reports[1].overview.text, reports[2].overview.text)  # type: ignore[union-attr]
    assert p.score == pytest.approx(exact)
    assert 0.3 <= p.score < 0.5
    # what matched, as compared: spaces and punctuation removed, digits written 0
    assert "主动公开政府文件项目审批通知公告等各类政府信息0000年" in p.excerpt


def test_copy_of_last_year_with_new_figures() -> None:
    r23 = hongze(2023)
    text = r23.problems.text.replace("2023", "2024")  # type: ignore[union-attr]
    r24 = attrs.evolve(hongze(2024), problems=gd.Narrative(text))
    (p,) = [p for p in gd.similar([r23, r24]) if p.kind == "prose"]
    assert (p.part, p.score, p.same_organ) == ("problems", 1.0, True)


def test_identical_tables_across_organs() -> None:
    a = huaian_2024()
    b = attrs.evolve(hongze(2024), review_litigation=a.review_litigation)
    tables = [p for p in gd.similar([a, b]) if p.kind == "table"]
    assert [(p.part, p.first.organ, p.second.organ, p.score) for p in tables] == [
        ("review_litigation", "淮安市人民政府", "淮安市洪泽区人民政府", 1.0)
    ]
    assert tables[0].shared == 15
    assert not tables[0].same_organ


def test_all_zero_and_tiny_tables_are_ignored() -> None:
    a = gd.build_report(organ="甲局", year=2024)
    b = gd.build_report(organ="乙局", year=2024)
    assert gd.similar([a, b]) == []
    c = gd.build_report(
        organ="丙局", year=2024, active={"art20_5": {"licensing": {"decisions": 3}}}
    )
    d = gd.build_report(
        organ="丁局", year=2024, active={"art20_5": {"licensing": {"decisions": 3}}}
    )
    assert gd.similar([c, d]) == []


def test_short_standard_statements_are_not_compared() -> None:
    a = gd.build_report(organ="甲局", year=2024, other="本年度未收取信息处理费。")
    b = gd.build_report(organ="乙局", year=2024, other="本年度未收取信息处理费。")
    assert gd.similar([a, b]) == []
    assert gd.similar([a, b], min_chars=5)[0].score == 1.0


def test_normalisation() -> None:
    assert (
        normalise_prose("\uff12\uff10\uff12\uff14 年，收到\n申请 12 件。") == "0000年收到申请00件"
    )


def test_bands_meet_the_recall_bound() -> None:
    for t in (0.5, 0.7, 0.8, 0.9, 0.95):
        bands, rows = _bands(t)
        assert bands * rows == 128
        assert (1 - t**rows) ** bands < 1e-6


def test_threshold_is_checked() -> None:
    with pytest.raises(ValueError, match="threshold"):
        gd.similar([], threshold=0)


alphabet = "政府信息公开工作年度报告主动依申请平台监督保障加强推进落实完善"


@st.composite
def related_texts(draw: st.DrawFn) -> list[str]:
    """A few texts that are edits of one base text, so that scores spread over (0, 1]."""
    base = draw(st.text(alphabet=alphabet, min_size=120, max_size=300))
    out = []
    for _ in range(draw(st.integers(2, 6))):
        chars = list(base)
        for at, ch in draw(
            st.lists(
                st.tuples(st.integers(0, len(base) - 1), st.sampled_from(alphabet)), max_size=40
            )
        ):
            chars[at] = ch
        out.append("".join(chars))
    return out


@settings(max_examples=40)
@given(related_texts(), st.floats(0.3, 1.0))
def test_exactly_the_pairs_above_threshold(texts: list[str], threshold: float) -> None:
    """No pair below the threshold is reported, and every pair with a score above it is
    found (the LSH miss probability at the threshold is below 10⁻⁶, and higher scores
    are found with even higher probability)."""
    reports = [gd.build_report(organ=f"{i}局", year=2024, overview=t) for i, t in enumerate(texts)]
    found = {
        (p.first.index, p.second.index): p.score
        for p in gd.similar(reports, threshold=threshold, tables=False)
    }
    for i, j in itertools.combinations(range(len(texts)), 2):
        score = shingle_jaccard(texts[i], texts[j])
        if score >= threshold:
            assert found[i, j] == pytest.approx(score)
        else:
            assert (i, j) not in found
