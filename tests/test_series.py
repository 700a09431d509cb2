"""Series: grouping by organ, ordering by year, and cross-year copy-paste checks."""

from __future__ import annotations

import functools
import random
from collections import Counter
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st
from tests.corpus import random_report

import govdisclosure as gd
from govdisclosure.checks.content import problems_follow_up
from govdisclosure.checks.similarity import (
    MIN_CHARS,
    SIMILARITY_THRESHOLD,
    similar_narrative,
    similarity,
)
from govdisclosure.model import same_organ
from govdisclosure.strategies import reports, valid_reports

REAL = Path(__file__).parent / "data" / "real"

LONG = (
    "本年度，我局坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国"
    "政府信息公开条例》，围绕中心工作，持续加大主动公开力度，规范依申请公开办理程序，"
    "强化平台建设和监督保障，政府信息公开工作取得积极成效。"
)
OTHER = (
    "今年，面对新的形势和任务，本单位重点推进财政预决算、重大项目建设和民生政策领域的信息公开，"
    "新开设了政策解读专栏，组织开展了两次业务培训，并对网站栏目进行全面梳理、合并和更新，"
    "群众满意度明显提升。"
)


def chain(seed: int, years: range, organ: str = "某县财政局") -> list[gd.Report]:
    """Consecutive reports of one organ whose carry-overs agree."""
    rng = random.Random(seed)
    out: list[gd.Report] = []
    carried = None
    for year in years:
        r = random_report(rng, organ=organ, year=year, carried=carried)
        out.append(r)
        assert r.applications is not None
        carried = {
            c: v
            for c, v in r.applications.row("carried_forward").items()
            if c != "total" and isinstance(v, int)
        }
    return out


def codes(found: gd.corpus.series.SeriesFindings) -> Counter[str]:
    return Counter(f.code for _, fs in found for f in fs)


def test_series_groups_by_normalised_organ_and_orders_by_year() -> None:
    a = gd.build_report(organ="某县财政局", year=2023)
    b = gd.build_report(organ="某县 财政局", year=2021)
    c = gd.build_report(organ="某县教育局", year=2022)
    d = gd.build_report(organ="某县财政局", year=2022)
    groups = gd.series([a, b, c, d])
    assert [s.organ for s in groups] == ["某县教育局", "某县财政局"]
    finance = groups[1]
    assert finance.years == (2021, 2022, 2023)
    assert list(finance) == [b, d, a]
    assert len(finance) == 3
    assert list(finance.pairs()) == [(b, d), (d, a)]


NAMES = st.sampled_from(
    ["某县财政局", "某县 财政局", "某县财政局\u3000", "某县教育局", "某镇人民政府"]
)
SMALL_REPORTS = st.builds(
    lambda organ, year: gd.build_report(organ=organ, year=year), NAMES, st.integers(2019, 2025)
)


@given(st.lists(SMALL_REPORTS, max_size=8))
def test_series_partition_the_reports(reports: list[gd.Report]) -> None:
    groups = gd.series(reports)
    assert sum(len(s) for s in groups) == len(reports)
    assert Counter(id(r) for s in groups for r in s) == Counter(id(r) for r in reports)
    assert len({s.organ for s in groups}) == len(groups)
    for s in groups:
        years = [y for y in s.years if y is not None]
        assert years == sorted(years)
        assert {gd.corpus.normalize_organ(r.organ.name) for r in s} == {s.organ}


def test_consistent_chain_has_no_carry_over_finding() -> None:
    found = gd.check_series(chain(1, range(2021, 2025)))
    assert len(found) == 4
    assert found[0][1] == ()
    assert codes(found)["series.carry-over"] == 0
    assert codes(found)["series.identical-table"] == 0


def test_planted_carry_over_mismatch_is_found() -> None:
    reports = chain(2, range(2021, 2024))
    planted = reports[2].with_cell("applications.carried_over.commercial", 99)
    found = gd.check_series(gd.series([reports[0], reports[1], planted])[0])
    (hit,) = [
        f for _, fs in found for f in fs if f.code == "series.carry-over" and "commercial" in f.path
    ]
    assert hit.path == "applications.carried_over.commercial"
    assert hit.actual == 99
    assert found[2][0] is planted


def test_planted_copy_of_last_years_tables_is_found() -> None:
    last, this = chain(3, range(2022, 2024))
    copied = attrs.evolve(this, active=last.active, review_litigation=last.review_litigation)
    found = gd.check_series([copied, last])  # any order: ordered by year
    copies = sorted(f.path for _, fs in found for f in fs if f.code == "series.identical-table")
    assert "review_litigation" in copies
    assert any(p.startswith("active.") for p in copies)
    assert found[1][0] is copied


def test_copied_narrative_is_flagged_with_its_ratio() -> None:
    last = gd.build_report(organ="某县财政局", year=2023, overview=LONG, problems=OTHER)
    this = gd.build_report(
        organ="某县财政局", year=2024, overview=LONG.replace("积极成效", "明显成效"), problems=LONG
    )
    found = [f for _, fs in gd.check_series([last, this]) for f in fs]
    similar = [f for f in found if f.code == "series.similar-narrative"]
    assert [f.path for f in similar] == ["overview"]
    percent = similar[0].args["percent"]
    assert 90 <= float(percent) < 100
    assert "%" in similar[0].message("en")
    assert "相似度" in similar[0].message("zh_CN")
    # the core check with previous= runs the same cross-year checks
    assert "series.similar-narrative" in {f.code for f in gd.check(this, previous=last)}


def test_different_or_short_narratives_are_not_flagged() -> None:
    last = gd.build_report(organ="某局", year=2023, overview=LONG, other="本年度未收取信息处理费。")
    this = gd.build_report(
        organ="某局", year=2024, overview=OTHER, other="本年度未收取信息处理费。"
    )
    found = [f.code for _, fs in gd.check_series([last, this]) for f in fs]
    assert "series.similar-narrative" not in found
    assert len("本年度未收取信息处理费。") < MIN_CHARS


@given(st.text(min_size=0, max_size=200), st.text(min_size=0, max_size=200))
def test_similarity_is_a_ratio(a: str, b: str) -> None:
    assert 0.0 <= similarity(a, b) <= 1.0
    assert similarity(a, a) == 1.0
    assert similarity(a, " ".join(a)) == 1.0  # whitespace is ignored


def test_threshold_is_documented() -> None:
    assert SIMILARITY_THRESHOLD == 0.9
    assert "0.9" in (gd.checks.similarity.__doc__ or "")


# ------------------------------------------------------------------ one notion of an organ


@functools.cache
def real(name: str) -> gd.Report:
    """A report of tests/data/real, read once."""
    return gd.parse(REAL / name)


def series_codes(findings: tuple[gd.Finding, ...]) -> list[str]:
    return [f.code for f in findings if f.code.startswith("series.")]


def test_every_cross_year_check_accepts_the_organ_named_with_its_city() -> None:
    """洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024) are one organ for every check.

    The prose checks used to compare the names without spaces only, so on the real pair
    ``series.problems-not-followed-up`` was silently skipped while the table checks ran.
    """
    last, now = real("hongze-2023.pdf"), real("hongze-2024.pdf")
    assert (last.organ.name, now.organ.name) == ("洪泽区人民政府", "淮安市洪泽区人民政府")
    assert series_codes(gd.check(now, previous=last)) == ["series.problems-not-followed-up"]
    assert [[f.code for f in fs] for _, fs in gd.check_series([last, now])] == [
        [],
        ["series.problems-not-followed-up"],
    ]
    copied = attrs.evolve(last, year=2024, organ=now.organ)  # 2023's prose, 2024's name
    assert "series.similar-narrative" in series_codes(gd.check(copied, previous=last))


@given(valid_reports(), st.sampled_from(["淮安市", "江苏省淮安市", "某自治区某州"]))
def test_cross_year_findings_do_not_depend_on_the_parent_place(
    report: gd.Report, place: str
) -> None:
    """Last year's report named with or without its parent place gives the same findings.

    Last year's report is this one's copy, so the copy checks (identical tables, similar
    prose) have something to find.
    """
    plain = attrs.evolve(report, year=report.year - 1)
    qualified = attrs.evolve(plain, organ=gd.Organ(place + report.organ.name, report.organ.kind))
    assert same_organ(report.organ.name, qualified.organ.name)
    assert gd.check(report, previous=qualified) == gd.check(report, previous=plain)


# ------------------------------------------------------------------ only consecutive years


def test_a_report_against_itself_is_only_not_consecutive() -> None:
    """The year before is the only one compared: a report against itself (a 2024 report as
    2024's "previous") gets ``series.not-consecutive`` and no copy finding.

    The tables used to be compared before the year, and the prose checks never looked at
    it: hongze-2024.pdf against itself gave 6 identical tables, 2 similar narratives and
    a problem not followed up besides.
    """
    report = real("hongze-2024.pdf")
    assert series_codes(gd.check(report, previous=report)) == ["series.not-consecutive"]
    assert list(similar_narrative(report, report)) == []
    assert list(problems_follow_up(report, report)) == []
    older = attrs.evolve(real("hongze-2023.pdf"), year=2022)
    assert series_codes(gd.check(report, previous=older)) == ["series.not-consecutive"]


def test_a_year_unknown_is_not_consecutive() -> None:
    """Without a year on either side nothing shows the reports follow each other."""
    report = real("hongze-2024.pdf")
    for now, last in (
        (attrs.evolve(report, year=None), report),
        (report, attrs.evolve(report, year=None)),
    ):
        assert series_codes(gd.check(now, previous=last)) == ["series.not-consecutive"]


@given(reports(), reports(), st.booleans(), st.data())
def test_only_the_year_before_is_compared(
    report: gd.Report, other: gd.Report, copy: bool, data: st.DataObject
) -> None:
    """For any report and any previous one not for the year before (or of an unknown
    year), the cross-year checks report that and nothing else — whether called by
    check() or directly."""
    year = data.draw(
        st.none() | st.integers(1990, 2100).filter(lambda y: y != report.year - 1), label="year"
    )
    previous = attrs.evolve(report if copy else other, year=year)
    expected = (
        ["series.not-consecutive"]
        if same_organ(report.organ.name, previous.organ.name)
        else ["series.organ-mismatch"]
    )
    assert series_codes(gd.check(report, previous=previous)) == expected
    for c in gd.checks.SERIES_CHECKS:
        if c.name != "year_over_year":
            assert list(c.func(report, previous)) == []


# ------------------------------------------------------------------ one report per year


def test_two_copies_of_a_year_are_not_last_year_of_each_other() -> None:
    """Each year's PDF and its text extraction, as the reviewer gave them: every report
    is compared with the first report of the year before, a copy never with its twin.

    Each copy used to be paired with its twin: 6 identical tables, not-consecutive,
    100 % similar prose and a problem not followed up, all against itself.
    """
    names = [
        "hongze-2023.pdf",
        "hongze-2024.pdf",
        "hongze-2024.pdfplumber.txt",
        "hongze-2023.pypdf.txt",
    ]
    pdf23, pdf24, txt24, txt23 = (real(n) for n in names)
    [s] = gd.series([pdf23, pdf24, txt24, txt23])
    assert s.years == (2023, 2023, 2024, 2024)
    assert s.duplicates == (txt23, txt24)
    assert list(s.pairs()) == [(pdf23, pdf24), (pdf23, txt24)]
    found = {names[[pdf23, pdf24, txt24, txt23].index(r)]: fs for r, fs in gd.check_series(s)}
    assert {n: [f.code for f in fs] for n, fs in found.items()} == {
        "hongze-2023.pdf": [],
        "hongze-2023.pypdf.txt": ["series.duplicate-year"],
        "hongze-2024.pdf": ["series.problems-not-followed-up"],
        "hongze-2024.pdfplumber.txt": ["series.problems-not-followed-up", "series.duplicate-year"],
    }
    note = found["hongze-2024.pdfplumber.txt"][-1]
    assert note.args == {"year": "2024", "next_year": "2025"}
    assert "2024" in note.message("en")
    assert "2024" in note.message("zh_CN")


YEARS = st.one_of(st.integers(2019, 2025), st.none())
REPORTS_OF_ANY_YEAR = st.builds(
    lambda organ, year: attrs.evolve(gd.build_report(organ=organ, year=2024), year=year),
    NAMES,
    YEARS,
)


@given(st.lists(REPORTS_OF_ANY_YEAR, max_size=10))
def test_a_series_never_pairs_two_reports_of_one_year(reports: list[gd.Report]) -> None:
    """Each report is paired with the first report given of the nearest earlier year;
    the others of a year are the duplicates, noted once each by check_series."""
    for s in gd.series(reports):
        firsts: dict[int, gd.Report] = {}
        for r in s:  # in the order given, within a year
            if r.year is not None:
                firsts.setdefault(r.year, r)
        assert s.duplicates == tuple(r for r in s if r.year is not None and firsts[r.year] is not r)
        before = {id(r): p for p, r in s.pairs()}
        for r in s:
            if r.year is None:
                continue
            earlier = [y for y in firsts if y < r.year]
            if earlier:
                assert before[id(r)] is firsts[max(earlier)]
            else:
                assert id(r) not in before
        for p, r in s.pairs():
            assert p.year is None or r.year is None or p.year < r.year
        noted = [r for r, fs in gd.check_series(s) for f in fs if f.code == "series.duplicate-year"]
        assert noted == list(s.duplicates)


@given(st.integers(0, 10**6), st.integers(0, 2), st.booleans())
def test_a_duplicate_changes_nothing_else(seed: int, which: int, first: bool) -> None:
    """A copy of one year's report added to a chain: the other reports' findings are
    the same, and the copy's are the original's plus the duplicate note."""
    reports = chain(seed, range(2021, 2024))
    copy = attrs.evolve(reports[which])
    given_order = [copy, *reports] if first else [*reports, copy]
    alone = gd.check_series(reports)
    together = gd.check_series(given_order)
    original, duplicate = (copy, reports[which]) if first else (reports[which], copy)
    by_report = {id(r): fs for r, fs in together}
    for r, fs in alone:
        if r is reports[which]:
            assert by_report[id(original)] == fs
            assert by_report[id(duplicate)] == (*fs, by_report[id(duplicate)][-1])
            assert by_report[id(duplicate)][-1].code == "series.duplicate-year"
        else:
            assert by_report[id(r)] == fs


@given(valid_reports())
def test_a_report_and_its_copy_give_only_the_note(report: gd.Report) -> None:
    """A report given twice is not its own last year's: one note on the second copy."""
    copy = attrs.evolve(report)
    assert [[f.code for f in fs] for _, fs in gd.check_series([report, copy])] == [
        [],
        ["series.duplicate-year"],
    ]


@given(st.permutations(["洪泽区人民政府", "淮安市洪泽区人民政府", "洪泽区人民政府 "]))
def test_the_first_given_of_a_year_is_its_report_however_the_organ_is_named(
    names: list[str],
) -> None:
    """A group joined from a name and the name qualified by its place keeps the order
    the reports were given in: the first of a year is that year's report."""
    reports = [
        gd.build_report(organ=name, year=2024, overview=f"第{i}份。")
        for i, name in enumerate(names)
    ]
    (s,) = gd.series(reports)
    assert list(s.reports) == reports
    assert list(s.duplicates) == reports[1:]
