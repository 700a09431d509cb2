"""The fast prose audits against their plain reference versions (``reference_audits``),
on arbitrary prose made of the fragments the patterns look for."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from importlib import resources
from unittest import mock

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govdisclosure as gd
import reference_audits as ref
from audit_real import REAL
from govdisclosure.checks import _regex, content, narrative
from govdisclosure.checks.registry import finding


def _toml(name: str) -> dict[str, object]:
    text = resources.files("govdisclosure.checks").joinpath(name).read_text("utf-8")
    return tomllib.loads(text)


def _regexes() -> list[str]:
    out: list[str] = []
    for item in _toml("narrative.toml")["figures"]:  # type: ignore[attr-defined]
        out += [item["regex"], item.get("requires", "")]
    data = _toml("content.toml")
    for key in ("overview_topics", "assessment"):
        out += [t["regex"] for t in data[key]]  # type: ignore[attr-defined]
    for key in ("problems", "other"):
        out += list(data[key].values())  # type: ignore[attr-defined]
    return out


def _fragments() -> list[str]:
    """The runs of Chinese of every pattern (whole, and cut in two), and the sentences
    of the real reports that state figures."""
    runs = {r for regex in _regexes() for r in re.findall(r"[\u3000-\u9fff\uff00-\uffef]+", regex)}
    runs |= {r[: len(r) // 2] for r in runs if len(r) > 1} | {
        r[len(r) // 2 :] for r in runs if len(r) > 1
    }
    real = (REAL / "huaian-2024.pdfplumber.txt").read_text("utf-8")
    sentences = {s for s in re.split(r"(?<=[。；])", real) if re.search(r"\d\s*[件起宗]", s)}
    return sorted(runs) + sorted(sentences)[:60]


FRAGMENTS = _fragments()
BITS = (
    list("0123456789１２٣,.余多件起宗个项条元%")
    + list("，。；;！？!?、：:（）…")
    + [" ", "\n", "\t", "\u3000", "\r\n", "\xa0", "\n\n", " \n"]
    + ["0元", "0.00元", "为零", "其中", "信息处理费", "行政复议", "依申请", "上年度"]
)


@st.composite
def prose(draw: st.DrawFn) -> str:
    pieces = st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(BITS),
        st.integers(0, 99999).map(str),
        st.text(alphabet="".join(BITS[:40]), max_size=4),
    )
    return "".join(draw(st.lists(pieces, max_size=40)))


def _base(kind: str, year: int) -> gd.Report:
    documents = (
        {"issued": 4, "repealed": 1, "in_force": 12} if year >= 2021 else {"new_published": 4}
    )
    return gd.build_report(
        organ="某县人民政府" if kind == "government" else "某县某局",
        kind=kind,
        year=year,
        applications={
            "new_received": {"natural_person": 12, "commercial": 3},
            "carried_over": {"natural_person": 2},
            "granted": {"natural_person": 5},
            "partially_granted": {"natural_person": 2},
            "unavailable.not_held": {"natural_person": 3},
            "not_handled.duplicate": {"natural_person": 1},
            "carried_forward": {"natural_person": 6},
            **({"other.unpaid_fee": {"natural_person": 2}} if year >= 2021 else {}),
        },
        review_litigation={
            "review": {"upheld": 3, "corrected": 1, "pending": 1},
            "litigation_direct": {"upheld": 2, "other": 1},
            "litigation_after_review": {"corrected": 1},
        },
        active={"art20_1": {"normative_documents": documents}},
    )


BASES = {
    (k, y): _base(k, y) for k in ("government", "department", "township") for y in (2020, 2024)
}
# A report whose tables are of both editions (as some parsed ones are), and one without
# some tables: a cell is looked for in its own table's layout, in a table that exists.
BASES["mixed-editions", 2024] = attrs.evolve(
    BASES["government", 2024],
    active=BASES["government", 2020].active,
    applications=BASES["government", 2020].applications,
)
BASES["tables-missing", 2024] = attrs.evolve(
    BASES["department", 2024], active=(), review_litigation=None
)

_OF_MISSING_TABLES = attrs.evolve(
    BASES["tables-missing", 2024],
    overview=gd.Narrative("政府信息公开行政复议3件，其中结果维持3件。新增公开规范性文件4件。"),
)
"""Figures about tables the report does not have: never tied."""
_OF_MIXED_EDITIONS = attrs.evolve(
    BASES["mixed-editions", 2024],
    overview=gd.Narrative("另有6件结转到下年度。新增公开规范性文件4件，行政处罚决定2件。"),
)
"""Figures about tables of the 2019 layout in a report of 2024."""


@st.composite
def prose_reports(draw: st.DrawFn) -> gd.Report:
    report = BASES[draw(st.sampled_from(sorted(BASES)))]
    texts = {k: draw(prose()) for k in ("overview", "problems", "other")}
    narratives = {
        k: gd.Narrative(v) if draw(st.booleans()) or v else None for k, v in texts.items()
    }
    return attrs.evolve(
        report,
        overview=narratives["overview"],
        problems=narratives["problems"],
        other=narratives["other"],
        preamble=draw(st.sampled_from(["", "本报告由某县人民政府办公室编制。"])),
        active_text=draw(prose()) if draw(st.booleans()) else "",
        applications_text=draw(prose()) if draw(st.booleans()) else "",
        review_litigation_text=draw(prose()) if draw(st.booleans()) else "",
    )


MANY = settings(max_examples=300)
"""The fast paths are cheap to run: many more examples than the profile's."""


@MANY
@given(prose_reports())
@example(attrs.evolve(BASES["department", 2024], overview=gd.Narrative("予以公开 \uff11 2\n件。")))
@example(
    attrs.evolve(
        BASES["government", 2024],
        overview=gd.Narrative("共收到政府信息公开申请14件。予以公开5件；\n其中不予公开\n2件！"),
        other=gd.Narrative("行政复议3件。其中结果维持 3 件，纠正1件？尚未审结1件"),
    )
)
@example(
    attrs.evolve(
        BASES["department", 2024], overview=gd.Narrative("共\n收到政府信息公开申请\n1\n4\n件")
    )
)
@example(_OF_MISSING_TABLES)
@example(_OF_MIXED_EDITIONS)
def test_stated_figures_equal_the_reference(report: gd.Report) -> None:
    assert gd.stated_figures(report) == ref.stated_figures(report)


def _one_agrees_one_not() -> gd.Report:
    base = BASES["government", 2024]
    new = base.applications["new_received", "total"]
    granted = base.applications["granted", "total"]
    text = f"共收到政府信息公开申请{new}件，予以公开{granted + 1}件。"
    return attrs.evolve(base, overview=gd.Narrative(text))


def _partly_blank() -> gd.Report:
    """A figure with one reading blank and one that disagrees (reported), and a figure
    whose one reading is blank (not assessed): drawn tables have no blank cell."""
    base = BASES["government", 2024]
    new = base.applications["new_received", "total"]
    report = base.with_cell("applications.carried_over.total", gd.BLANK)
    report = report.with_cell("applications.granted.total", gd.BLANK)
    text = f"共收到政府信息公开申请{new + 1}件，予以公开5件。"
    return attrs.evolve(report, overview=gd.Narrative(text))


@MANY
@given(prose_reports())
@example(_one_agrees_one_not())
@example(_partly_blank())
@example(_OF_MISSING_TABLES)
def test_narrative_findings_equal_the_reference(report: gd.Report) -> None:
    """The check places only the figures that disagree; the plain way places all (drawn
    figures rarely agree with a cell: the example has one that does, one that does not)."""
    assert list(narrative.narrative_figures(report)) == list(ref.narrative_findings(report))


@given(
    st.integers(0, 5),
    st.lists(
        st.one_of(st.none(), st.integers(0, 5), st.sampled_from([Decimal("2"), Decimal("2.5")]))
    ),
)
@example(3, [5, None])
@example(3, [None, 3])
def test_agreement_is_the_plain_one(stated: int, values: list[int | Decimal | None]) -> None:
    known = [v for v in values if v is not None]
    assert narrative._agrees(stated, values) == (stated in known if known else None)


@MANY
@given(prose())
@example("共收到申请14件。予以公开5件；\n其中不予公开 2 件。结转到下年度3件")
def test_figure_matches_are_those_of_the_patterns_as_written(text: str) -> None:
    """The lookahead of the first characters in front of the figure patterns changes
    no match."""
    plain, fast = ref.combined_pattern(), narrative._load().combined
    assert fast.pattern != plain.pattern  # the lookahead is there
    flat = "".join(text.split()).translate(narrative._DIGITS)
    for start in range(min(len(flat), 3)):
        expected = [(m.span(), m.lastgroup) for m in plain.finditer(flat, start)]
        assert [(m.span(), m.lastgroup) for m in fast.finditer(flat, start)] == expected


FIRST_CLASS_CASES = [
    "ab|c",
    "a?b",
    "(?:x|y)*z",
    "(?<!不)予以",
    r"\d{1,3}件|[丙-甲]",
    r"(?:共计|共)?\d+",
    "[，,]?是",
    r"\s*x",
    r"(?<![\d.])(?P<n>\d+)(?![\d.])",
    r"\w\W",
]


@pytest.mark.parametrize("regex", FIRST_CLASS_CASES)
@given(data=st.data())
def test_first_class_holds_every_first_character(regex: str, data: st.DataObject) -> None:
    first = _regex.first_class(regex)
    assert first is not None
    text = data.draw(st.from_regex(regex))
    m = re.search(regex, text)
    assert m is not None
    if m.group():
        assert re.fullmatch(first, m.group()[0])


@pytest.mark.parametrize(
    "regex", ["a*", "x|", "(?i:a)b", "[^a]b", ".b", r"(?a:\D)x", r"(a)?\1b", "(?=a)"]
)
def test_first_class_is_not_told_when_it_cannot_be(regex: str) -> None:
    assert _regex.first_class(regex) is None


SEARCHES = {
    "problems": lambda d: d.problems,
    "measures": lambda d: d.measures,
    "follow_up": lambda d: d.follow_up,
    "no_fee": lambda d: d.no_fee,
    "unpaid": lambda d: d.unpaid,
    "proposals": lambda d: d.proposals,
    **{f"overview.{i}": (lambda d, i=i: d.overview_search[i]) for i in range(5)},
    **{f"assessment.{i}": (lambda d, i=i: d.assessment_search[i]) for i in range(3)},
}


@MANY
@given(st.lists(prose(), min_size=1, max_size=3), st.sampled_from(sorted(SEARCHES)))
@example(["收费\n通知", "处理费"], "unpaid")
@example(["建议" + "。" * 300 + "提\n案"], "proposals")
@example(["政协委\n员提案"], "proposals")
def test_prose_found_is_the_pattern_on_the_flat_text(parts: list[str], name: str) -> None:
    search = SEARCHES[name](content._load())
    flat = "".join("".join(p.split()) for p in parts)
    expected = search.pattern.search(flat) is not None
    for short in (content._SHORT, 0):
        with mock.patch.object(content, "_SHORT", short):
            assert content._Prose(*parts).found(search) == expected
    assert content._Prose.joined(flat).found(search) == expected


_TOPICS = [t.topic for t in content._load().overview + content._load().assessment]


@given(
    st.sampled_from(
        [
            ("overview.topic-missing", "overview", "topic"),
            ("overview.assessment-missing", "overview", "items"),
            ("problems.part-missing", "problems", "part"),
        ]
    ),
    st.lists(st.sampled_from(_TOPICS), min_size=1, max_size=3),
)
def test_missing_findings_are_those_made_anew(
    where: tuple[str, str, str], names: list[str]
) -> None:
    """Made once and shared, a finding of something missing equals the one ``finding``
    makes, whatever was made before it."""
    code, path, key = where
    value = "、".join(names)
    assert content._missing(code, path, (key, value)) == finding(code, path, **{key: value})
    assert content._missing("other.proposals-missing", "other") == finding(
        "other.proposals-missing", "other"
    )


@MANY
@given(prose_reports())
@example(attrs.evolve(BASES["government", 2024], other=gd.Narrative("政协委\n员提案" * 10)))
def test_content_findings_equal_the_reference(report: gd.Report) -> None:
    expected = list(ref.required_topics(report))
    previous = attrs.evolve(report, year=report.year - 1, problems=gd.Narrative("人员不足。"))
    expected_follow_up = list(ref.problems_follow_up(report, previous))
    # a short report's parts joined at once; else each part joined at once if short,
    # or searched as published
    for short_report, short in ((content._SHORT_REPORT, 0), (0, content._SHORT), (0, 0)):
        with (
            mock.patch.object(content, "_SHORT_REPORT", short_report),
            mock.patch.object(content, "_SHORT", short),
        ):
            assert list(content.required_topics(report)) == expected
            assert list(content.problems_follow_up(report, previous)) == expected_follow_up


OLD_PROPOSALS = "人大代表建议|政协(?:委员)?提案|建议提案|建议和提案|建议、提案|议案提案"


@given(prose())
def test_proposals_words_equal_the_former_regex(text: str) -> None:
    flat = "".join(text.split())
    new = content._load().proposals.pattern.search(flat) is not None
    assert new == (re.search(OLD_PROPOSALS, flat) is not None)


@MANY
@given(prose())
@example("共收到申请14件。予以公开5件；\n其中 2 件。。3项")
def test_units_after_digits_are_the_stated_sentences(text: str) -> None:
    """A sentence is read exactly when, without whitespace, it holds a digit and a unit."""
    joined = ref.Joined(text)
    expected = {
        m.start()
        for m in re.finditer(r"[^。；;！？!?]+[。；;！？!?]?", joined.text)
        if re.search(r"\d[件起宗个项]", m.group())
    }
    got: set[int] = set()
    done = 0
    for at in narrative._units_after_digits(text):
        if at >= done:
            start, done = narrative._sentence_around(text, at, done)
            got.add(len("".join(text[:start].split())))
    assert got == expected


@given(prose(), st.integers(0, 999), st.integers(0, 999))
@example("共3件；其中1件。", 6, 1)
def test_sentences_are_found_by_the_ends_the_text_holds(text: str, at: int, lo: int) -> None:
    """Looking only for the sentence ends that occur in the text finds the same sentence."""
    at %= len(text) + 1
    lo %= at + 1
    ends = narrative._ends_in(text)
    assert narrative._sentence_around(text, at, lo, ends) == narrative._sentence_around(
        text, at, lo
    )


@given(st.text(alphabet=" \n\t\u3000予以公开件收到申请政府信息0123456789，。；", max_size=200))
def test_nth_visible_maps_back_to_the_published_text(text: str) -> None:
    joined = "".join(text.split())
    for i, ch in enumerate(joined):
        assert text[narrative._nth_visible(text, i)] == ch
    with pytest.raises(IndexError):
        narrative._nth_visible(text, len(joined))


@given(
    st.lists(st.sampled_from(["a", "", "  ", "\n", "\n\n", " \n", "b\n", "。"]), max_size=30),
    st.data(),
)
def test_paragraph_numbers_in_any_order(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    if not text:
        return
    offsets = data.draw(st.lists(st.integers(0, len(text) - 1), max_size=10))
    p = narrative._Paragraphs(text)
    for offset in offsets:
        before = text[:offset].split("\n")
        assert p.at(offset) == 1 + sum(1 for line in before[:-1] if line.strip())


WORDS = sorted({w for s in content._load().overview_search if s.words for w, *_ in s.words})


@MANY
@given(
    st.lists(st.one_of(prose(), st.text(alphabet="a \n\u3000考核", max_size=300)), max_size=4),
    st.integers(-1, 400),
    st.lists(st.sampled_from([*WORDS, "考核", "a a", "核a"]), max_size=6),
)
@example(["考\n" * 30 + " " * 300 + "核" * 19], 50, ["考核"])
def test_prose_reaches_and_has_as_the_flat_text(parts: list[str], n: int, words: list[str]) -> None:
    flat = "".join("".join(p.split()) for p in parts)
    for short in (content._SHORT, 0, -1):  # -1: the text given joined
        with mock.patch.object(content, "_SHORT", short):
            prose = content._Prose(*parts) if short >= 0 else content._Prose.joined(flat)
            assert prose.reaches(n) == (len(flat) >= n)
            for w in words:
                if not any(c.isspace() for c in w):
                    search = content._Search.of(re.compile(re.escape(w)))
                    assert prose.found(search) == (w in flat)
            assert prose.flat == flat
            assert prose.reaches(n) == (len(flat) >= n)


@given(st.data())
def test_no_fee_matches_hold_the_declared_character(data: st.DataObject) -> None:
    """``content.toml`` declares what every match of no_fee holds and never holds."""
    search = content._load().no_fee
    assert search.holds
    assert search.holds not in search.within
    text = data.draw(st.from_regex(search.pattern))
    m = search.pattern.search(text)
    assert m is not None
    assert search.holds in m.group()
    assert not set(search.within) & set(m.group())


def _sentences(text: str) -> list[str]:
    """The sentences of ``text`` as the audit reads them: without whitespace, full-width
    digits made ASCII, each with the mark that ends it."""
    flat = "".join(text.split()).translate(narrative._DIGITS)
    return re.findall(r"[^。；;！？!?]+[。；;！？!?]?", flat) or [flat]


@MANY
@given(prose(), st.integers(0, 2))
@example("政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，尚未审结37件；", 0)
@example("另有103件顺延到下年度答复，上年度结转申请34件", 0)
@example("直接起诉2起，新增公开规章1件、规范性文件11件。", 1)
def test_scanner_matches_are_those_of_every_pattern(text: str, start: int) -> None:
    """The patterns left out of a sentence's scanner (their key word is not in it)
    change no match: the same spans, in the same order, each of the same pattern, as
    the patterns as written, all of them, give."""
    plain = ref.combined_pattern()
    pats = narrative._load()
    for sentence in _sentences(text):
        expected = [(m.span(), m.lastgroup) for m in plain.finditer(sentence, start)]
        scanner = narrative._scanner(pats, sentence)
        got = [] if scanner is None else list(scanner.regex.finditer(sentence, start))
        assert [(m.span(), m.lastgroup) for m in got] == expected
        assert scanner is None or len(scanner.figures) <= len(pats.figures)
        for m in got:  # the figure's group and pattern as _figures_in finds them
            assert scanner is not None
            step, group = scanner.of_group[m.lastindex]
            assert f"n{pats.steps.index(step)}" == m.lastgroup
            assert m.start(group) >= 0


def _key_cases() -> list[tuple[str, str]]:
    return [(p.id, w) for p, w in zip(narrative._load().figures, _keys(), strict=True) if w]


def _keys() -> list[str | None]:
    return _regex.key_words([p.regex.pattern for p in narrative._load().figures])


def test_key_words_are_the_scanners() -> None:
    pats = narrative._load()
    keys = dict(pats.keys)
    assert [keys[w] if w else 0 for w in _keys()] == list(pats.needs)
    assert any(pats.needs)  # some patterns are left out of sentences without their word


@pytest.mark.parametrize(("pattern_id", "word"), _key_cases())
@settings(max_examples=60)
@given(data=st.data())
def test_every_match_of_a_pattern_holds_its_key_word(
    pattern_id: str, word: str, data: st.DataObject
) -> None:
    pattern = next(p for p in narrative._load().figures if p.id == pattern_id).regex
    text = data.draw(st.from_regex(pattern))
    m = pattern.search(text)
    assert m is not None
    assert word in m.group()


MUSTS_CASES = {
    "(?:结果)?维持(?:原(?:行政行为|决定))?(?:的)?\\d+件": {"维持", "件"},
    "(?:尚未审结|未审结|尚在审理中?|正在审理)\\d": {"审"},
    "(?:收到|受理)[^，。]{0,12}?(?:信息公开|依申请公开)\\d": {"公开"},
    "ab(?:cd|xcdy)+e?f": {"ab", "cd", "f"},
    "(?:ab)*c{2,}(?=d)(?<!q)d": {"c", "d"},
    "a(?:b|c)d": {"a", "d"},
    "(?i:ab)c": set(),
    "(?i)abc": set(),
    "x|y": set(),
    "(a)\\1b": {"a", "b"},
}


@pytest.mark.parametrize("regex", sorted(MUSTS_CASES))
@settings(max_examples=60)
@given(data=st.data())
def test_musts_are_held_by_every_match(regex: str, data: st.DataObject) -> None:
    musts = _regex.musts_of(regex)
    assert musts == MUSTS_CASES[regex]
    text = data.draw(st.from_regex(regex))
    m = re.search(regex, text)
    assert m is not None
    assert all(w in m.group() for w in musts)


REQUIRES = sorted({p.requires.pattern for p in narrative._load().figures if p.requires is not None})


@MANY
@given(prose(), st.sampled_from(REQUIRES))
@example("依申请", "信息公开|依申请")
def test_requires_words_are_the_requirement(text: str, requires: str) -> None:
    pattern = re.compile(requires)
    words = _regex.words_of(pattern)
    assert words is not None  # every requirement of narrative.toml is plain words
    for sentence in _sentences(text):
        assert any(w in sentence for w in words) == (pattern.search(sentence) is not None)


def test_words_of_refuses_more_than_words() -> None:
    for regex in ["a.b", "a|b?", "(?:a|b)c", "a\\d", "[ab]", "a|"]:
        assert _regex.words_of(re.compile(regex)) is None
    assert _regex.words_of(re.compile("ab", re.IGNORECASE)) is None
    assert _regex.words_of(re.compile("信息公开|依申请")) == ("信息公开", "依申请")


_ODD_VALUES = st.sampled_from([gd.BLANK, gd.Text("若干"), Decimal("2"), Decimal("2.5"), -1, 0])


@MANY
@given(st.sampled_from(sorted(BASES)), st.data())
def test_states_one_is_an_agreeing_reading(base: tuple[str, int], data: st.DataObject) -> None:
    """A figure passed over by the check's shortcut is one that agrees with a reading,
    and every figure that agrees is."""
    report = BASES[base]
    for table in report.tables:
        for path in data.draw(st.lists(st.sampled_from(list(table.spec.paths())), max_size=4)):
            report = report.with_cell(path, data.draw(_ODD_VALUES))
    tables = narrative._tables(report)
    for step in narrative._load().steps:
        for plan in step.plans.values():
            _readings, values = narrative._resolve(tables, plan)
            known = [v for v in values if v is not None]
            stated = data.draw(st.sampled_from([*known, 0, 1, 2, 5, 999]))
            expected = narrative._agrees(stated, values) is True
            assert narrative._states_one(tables, plan, stated) == expected


@MANY
@given(prose_reports())
@example(_one_agrees_one_not())
@example(_partly_blank())
@example(
    attrs.evolve(
        BASES["government", 2024],
        overview=gd.Narrative(
            "政府信息公开行政诉讼\n7件，其中结果维持 9 件。不予公开2件，新增公开规范性文件 40件"
        ),
    )
)
def test_mismatch_of_a_tied_figure_is_that_of_the_stated_figure(report: gd.Report) -> None:
    """The check's finding of a figure, made without the ``StatedFigure``, is the one
    ``_mismatch`` makes of the placed figure (for every figure with a reading, whether
    it disagrees or not)."""
    for section, text in narrative._sections(report):
        fast, plain = narrative._Paragraphs(text), narrative._Paragraphs(text)
        for tied in narrative._figures_in(report, text):
            if all(v is None for v in tied.values):
                continue
            expected = narrative._mismatch(narrative._placed(section, plain, tied))
            assert narrative._mismatch_of(section, fast, tied) == expected
