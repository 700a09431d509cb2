"""A section heading printed at the end of the line before it is read as the heading.

Text pulled out of a PDF (pdfplumber, pypdf, pdftotext) or copied from a page often
runs a heading onto what comes before it: the last row of a table
(``总计 12 0 0 0 0 0 12 四、政府信息公开行政复议、行政诉讼情况``, ``… 0 0 0四、…``) or the
end of a paragraph (``…依法予以答复。三、收到和处理政府信息公开申请情况``). Before, the
heading was not seen, and the section after it was read under the one before (section
四's figures as rows of section 三's table, section 五's prose in section 四). Now the
heading is split off, read as the heading, and ``parse.glued-heading`` says so; prose
that speaks of a section (``详见四、…``, a heading quoted mid-sentence, a heading of a
section already read) is left whole.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure._nfkc import nfkc
from govdisclosure.formats import _assembly as assembly
from govdisclosure.formats import text as text_module
from govdisclosure.formats._assembly import match_heading
from govdisclosure.strategies import valid_reports
from test_nothing_lost import SLOW

REAL = Path(__file__).parent / "data" / "real"
TEXTS = sorted(p.name for p in REAL.glob("*.txt"))
GLUED = ("active", "applications", "review_litigation", "problems", "other")
NUMBER = dict(zip(GLUED, "二三四五六", strict=True))
VARIANTS = {
    "active": "主动公开情况",
    "applications": "依申请公开情况",
    "review_litigation": "政府信息公开行政复议及行政诉讼情况",
    "problems": "存在问题及改进情况",
    "other": "其他事项",
}
"""One known variant of each heading (the template's ``variants``)."""
MARKS = ("、", ".", "．", ",", "，", "、 ")
"""The marks after a heading's number: full-width and half-width, and with a space."""


def content(report: gd.Report) -> gd.Report:
    """The report without its findings and the places it was read from."""
    return attrs.evolve(report, findings=(), provenance={})


def codes(report: gd.Report) -> list[tuple[str, str]]:
    return sorted((f.code, f.path) for f in report.findings)


def heading_lines(lines: list[str]) -> dict[str, int]:
    """The index of each section's heading line."""
    found: dict[str, int] = {}
    for i, line in enumerate(lines):
        heading = match_heading(line)
        if heading is not None and heading.section not in found and line.strip():
            found[heading.section] = i
    return found


def reworded(text: str, section: str, mark: str, variant: bool) -> str:
    """``text`` with the heading of ``section`` numbered with ``mark`` and, if
    ``variant``, worded as a known variant."""
    lines = text.split("\n")
    i = heading_lines(lines)[section]
    body = re.sub(r"^\s*[一二三四五六]\s*[、,，.．]\s*", "", lines[i]).strip()
    lines[i] = NUMBER[section] + mark + (VARIANTS[section] if variant else body)
    return "\n".join(lines)


def glued(text: str, sections: set[str], separator: str) -> str:
    """``text`` with the headings of ``sections`` moved onto the end of the line before
    each (the blank lines between them dropped), after ``separator``."""
    lines = text.split("\n")
    at = heading_lines(lines)
    for section in sorted(sections, key=lambda s: -at[s]):
        i = at[section]
        j = i - 1
        while not lines[j].strip():
            j -= 1
        lines[j] = lines[j].rstrip() + separator + lines[i].strip()
        del lines[j + 1 : i + 1]
    return "\n".join(lines)


def assert_repaired(clean: gd.Report, read: gd.Report, sections: set[str]) -> None:
    assert content(read) == content(clean)
    repaired = [f for f in read.findings if f.code == "parse.glued-heading"]
    assert sorted(f.path for f in repaired) == sorted(sections)
    others = sorted((f.code, f.path) for f in read.findings if f.code != "parse.glued-heading")
    assert others == codes(clean)


# ------------------------------------------------------------------ any valid report


@settings(SLOW, max_examples=150)
@given(
    report=valid_reports(),
    sections=st.sets(st.sampled_from(GLUED), min_size=1),
    separator=st.sampled_from(("", " ", "\u3000", "\t")),
    mark=st.sampled_from(MARKS),
    variant=st.booleans(),
)
def test_any_report_with_headings_run_on_reads_as_the_clean_one(
    report: gd.Report, sections: set[str], separator: str, mark: str, variant: bool
) -> None:
    text = gd.render_text(report)
    for section in sections:
        text = reworded(text, section, mark, variant)
    clean = gd.parse_text(text)
    assert_repaired(clean, gd.parse_text(glued(text, sections, separator)), sections)


@settings(SLOW, max_examples=60)
@given(report=valid_reports(), sections=st.sets(st.sampled_from(GLUED), min_size=1))
def test_any_report_in_extracted_layout_with_headings_run_on(
    report: gd.Report, sections: set[str]
) -> None:
    """The rendered text with its tabs made spaces: the layout of extracted text."""
    text = gd.render_text(report).replace("\t", " ")
    clean = gd.parse_text(text)
    assert_repaired(clean, gd.parse_text(glued(text, sections, " ")), sections)


# ------------------------------------------------------------------ real texts


@pytest.mark.parametrize("name", TEXTS)
@pytest.mark.parametrize("section", GLUED)
@pytest.mark.parametrize("separator", ["", " "])
def test_real_text_with_a_heading_run_on(name: str, section: str, separator: str) -> None:
    text = (REAL / name).read_text("utf-8")
    clean = gd.parse_text(text)
    read = gd.parse_text(glued(text, {section}, separator))
    assert_repaired(clean, read, {section})
    (finding,) = (f for f in read.findings if f.code == "parse.glued-heading")
    assert finding.source is not None
    assert finding.source.column is not None
    assert finding.source.column > 1


@pytest.mark.parametrize("name", TEXTS)
def test_real_text_with_every_heading_run_on(name: str) -> None:
    text = (REAL / name).read_text("utf-8")
    clean = gd.parse_text(text)
    assert_repaired(clean, gd.parse_text(glued(text, set(GLUED), "")), set(GLUED))


def test_section_four_run_onto_the_last_row_of_section_three() -> None:
    """The case that did most harm: section 四's figures read as rows of section 三."""
    text = (REAL / "hongze-2024.pdfplumber.txt").read_text("utf-8")
    assert "四、结转下年度继续办理 0 0 0 0 0 0 0\n四、政府信息" in text
    damaged = text.replace("0 0 0 0 0 0 0\n四、政府信息", "0 0 0 0 0 0 0四、政府信息", 1)
    read = gd.parse_text(damaged)
    assert content(read) == content(gd.parse_text(text))
    (finding,) = (f for f in read.findings if f.code == "parse.glued-heading")
    assert finding.path == "review_litigation"
    assert dict(finding.params)["text"].endswith("0 0 0 0 0 0 0")
    assert "四、政府信息公开行政复议、行政诉讼情况" in finding.message("zh_CN")


# ------------------------------------------------------------------ pages and Markdown


@pytest.mark.parametrize("section", ["active", "other"])
def test_web_page_heading_run_onto_the_paragraph_before(section: str) -> None:
    page = gd.render_html(_REPORT)
    heading = next(
        h for h in re.findall(r"<h2>([^<]*)</h2>", page) if h.startswith(NUMBER[section])
    )
    damaged = re.sub(
        rf"</p>(\s*</section>\s*<section[^>]*>\s*)<h2>{re.escape(heading)}</h2>",
        rf"{heading}</p>\1",
        page,
        count=1,
    )
    assert damaged != page
    clean = gd.parse_html(page)
    assert_repaired(clean, gd.parse_html(damaged), {section})


@pytest.mark.parametrize("section", ["active", "other"])
def test_markdown_heading_run_onto_the_paragraph_before(section: str) -> None:
    text = gd.render_markdown(_REPORT)
    damaged, n = re.subn(rf"\n\n## ({NUMBER[section]}、[^\n]*)", r"\1", text, count=1)
    assert n == 1
    assert_repaired(gd.parse_markdown(text), gd.parse_markdown(damaged), {section})


_REPORT = gd.build_report(
    organ="某县某局",
    year=2024,
    published="2025-01-20",
    overview="本机关认真贯彻落实条例。\n全年依法予以答复。",
    problems="部分栏目更新不够及时。\n信息发布的时效性有待加强。",
    other="本年度未收取信息处理费。",
).with_cell("applications.new_received.natural_person", 12)


# ------------------------------------------------------------------ prose left whole


PROSE = [
    # a section named in running text, at the end of a line
    ("applications", "各项数据详见四、政府信息公开行政复议、行政诉讼情况"),
    # a heading quoted mid-sentence
    ("applications", "具体见“四、政府信息公开行政复议、行政诉讼情况”一节。"),
    # a heading with more text after it
    ("applications", "本年度依法答复。四、政府信息公开行政复议、行政诉讼情况如下表所示"),
    # the heading of a section already read
    ("problems", "部分栏目更新不及时。二、主动公开政府信息情况"),
    # a heading found by its keywords only, not the template's wording nor a variant
    ("applications", "本年度依法答复。四、复议诉讼情况"),
    # a sentence that lists the sections ends with the last one's heading
    (
        "applications",
        "本报告分为四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；"
        "六、其他需要报告的事项",
    ),
    # a row label of section 三 after a figure is no heading
    ("applications", "本年度共 12 件 四、结转下年度继续办理"),
]


@pytest.mark.parametrize(("section", "line"), PROSE)
@pytest.mark.parametrize("extracted", [False, True])
def test_prose_that_names_a_section_is_not_split(
    section: str, line: str, extracted: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text reads as it reads without the repair (whatever the reader makes of a
    line like the last, a row label after a figure), and no heading is split off."""
    if section == "applications":
        report = attrs.evolve(_REPORT, applications_text="本机关依法办理申请。\n" + line)
    else:
        report = attrs.evolve(_REPORT, problems=gd.Narrative("部分栏目更新不够及时。\n" + line))
    text = gd.render_text(report)
    if extracted:
        text = text.replace("\t", " ")
    read = gd.parse_text(text)
    assert "parse.glued-heading" not in {f.code for f in read.findings}
    with monkeypatch.context() as m:
        m.setattr(text_module, "glued_heading", lambda text, after: None, raising=False)
        m.setattr(assembly, "glued_heading", lambda text, after: None, raising=False)
        unrepaired = gd.parse_text(text)
    assert read == unrepaired
    assert read.review_litigation == report.review_litigation


def test_heading_ends_holds_every_character_a_heading_line_may_end_with() -> None:
    """The one look-up that rules most lines out misses no line: every character whose
    NFKC form ends as a heading ends, and every blank (stripped first), is in it."""
    ends = assembly._ends()
    every = {
        ch
        for ch in map(chr, range(0x110000))
        if not 0xD800 <= ord(ch) < 0xE000 and (ch.isspace() or nfkc(ch)[-1:] in ends)
    }
    assert every == assembly.heading_ends()
    assert assembly.heading_lasts() == {ch for ch in every if not ch.isspace()}


def test_a_heading_run_on_does_not_make_extracted_text_look_wrapped() -> None:
    """Found by Hypothesis: the line a heading was run onto ends without a full stop and
    is wider than the rest, so that extracted text read as wrapped at a margin and two
    full-width paragraphs of section 五 were joined. The widths are measured without
    the heading."""
    sentence = "我单位坚持以公开为常态、不公开为例外，认真落实政府信息公开各项要求。"
    report = gd.build_report(
        organ="淮安市财政局",
        year=2019,
        published="2020-01-01",
        overview="（一）主动公开情况。" + sentence,
        problems=sentence + "\n" + sentence,
        other="本年度未收取信息处理费。",
        edition="2019",
    )
    text = gd.render_text(report).replace("\t", " ")
    assert_repaired(gd.parse_text(text), gd.parse_text(glued(text, {"active"}, " ")), {"active"})
