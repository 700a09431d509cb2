"""``gd.parse_all``: every report of a document that holds several (a compilation).

A county's 汇编 of its departments' reports, two years joined in one PDF, a page that
shows several reports: :func:`govdisclosure.parse` reads the first and names the rest in
a ``parse.further-report`` finding; ``parse_all`` reads each as a whole report of its
own. (Before, there was no way to read the reports after the first: their figures
were only quoted in that finding.)
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections import Counter
from decimal import Decimal
from io import BytesIO
from typing import Any

import attrs
import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from docxedits import tables_as_text
from docxmarks import saved
from editor_markup import editor_markup
from govdisclosure.strategies import reports, valid_reports
from test_further_report import REAL, TEXTS, joined_pdf, tables
from test_nothing_lost import SLOW, kept, text_figures

FURTHER = "parse.further-report"


def codes(report: gd.Report) -> list[str]:
    return [f.code for f in report.findings]


def without_findings(report: gd.Report) -> gd.Report:
    return attrs.evolve(report, findings=())


def page(*articles: str) -> str:
    """One web page that shows the given ``<article>`` s one after another."""
    return "<!DOCTYPE html><html><body><main>\n" + "\n".join(articles) + "\n</main></body></html>"


several = st.lists(valid_reports(), min_size=2, max_size=3)


@settings(SLOW, max_examples=40)
@given(several)
def test_text_of_several_reports_reads_back_each(originals: list[gd.Report]) -> None:
    text = "\n\n".join(gd.render_text(r) for r in originals)
    read = gd.parse_all(text)
    assert read == tuple(originals)
    assert not any(FURTHER in codes(r) for r in read)
    # parse keeps reading the first, and says where the next begins
    first = gd.parse(text)
    assert first == originals[0]
    assert codes(first).count(FURTHER) == 1


@settings(SLOW, max_examples=30)
@given(several)
def test_page_of_several_articles_reads_back_each(originals: list[gd.Report]) -> None:
    joined = page(*(gd.render_html(r, standalone=False) for r in originals))
    read = gd.parse_all(joined)
    assert read == tuple(originals)
    assert not any(FURTHER in codes(r) for r in read)


@settings(SLOW, max_examples=30)
@given(several)
def test_portal_page_of_several_editors_reports_reads_back_each(
    originals: list[gd.Report],
) -> None:
    """A portal's page that shows several reports as CMS editors write them, each in an
    element of its own (no ``data-`` attributes, no article): every report is read,
    though the content container that parse_html chooses holds one of them (parse
    quotes the others' tables in ``parse.outside-content``)."""
    joined = page(*(editor_markup(gd.render_html(r, standalone=False)) for r in originals))
    read = gd.parse_all(joined)
    assert read == tuple(originals)
    assert not any("parse.outside-content" in codes(r) for r in read)
    assert "parse.outside-content" in codes(gd.parse(joined))


@settings(SLOW, max_examples=30)
@given(several)
def test_markdown_of_several_reports_reads_back_each(originals: list[gd.Report]) -> None:
    read = gd.parse_all("\n".join(gd.render_markdown(r) for r in originals))
    assert read == tuple(originals)


@settings(SLOW, max_examples=40)
@given(st.lists(reports(), min_size=2, max_size=3))
def test_any_reports_joined_lose_no_figure(originals: list[gd.Report]) -> None:
    """Reports with invalid cells and sections left out: each figure of the text is
    in one of the reports read (a cell or a finding's quote), none in a finding that
    only names a further report."""
    texts = [gd.render_text(r) for r in originals]
    read = gd.parse_all("\n\n".join(texts))
    assert not any(FURTHER in codes(r) for r in read)
    have: Counter[Decimal] = Counter()
    for r in read:
        have += kept(r)
    lost = Counter(f.normalize() for t in texts for f in text_figures(t)) - have
    assert not lost, sorted(lost.elements())[:20]


@settings(SLOW, max_examples=60)
@given(reports(), st.sampled_from(["text", "html", "markdown", "json"]))
def test_one_report_is_a_one_tuple_of_parse(report: gd.Report, kind: str) -> None:
    rendered = {
        "text": gd.render_text,
        "html": gd.render_html,
        "markdown": gd.render_markdown,
        "json": gd.to_json,
    }[kind](report)
    try:
        alone = gd.parse(rendered)
    except gd.GovDisclosureError as e:  # (JSON of figures no report holds: refused)
        refused = e
    else:
        refused = None
    if refused is not None:
        with pytest.raises(type(refused), match=re.escape(str(refused))):
            gd.parse_all(rendered)
        return
    read = gd.parse_all(rendered)
    assert read == (alone,)
    assert read[0].findings == alone.findings


@pytest.mark.parametrize(("first", "second"), list(itertools.permutations(TEXTS, 2)))
def test_two_real_texts_read_as_two_reports(first: str, second: str) -> None:
    one, two = ((REAL / n).read_text("utf-8") for n in (first, second))
    a, b = gd.parse_all(one + "\n" + two)
    for read, alone in ((a, gd.parse_text(one)), (b, gd.parse_text(two))):
        assert tables(read) == tables(alone)
        assert (read.organ, read.year, read.published) == (alone.organ, alone.year, alone.published)
        assert FURTHER not in codes(read)
    assert a.other == gd.parse_text(one).other


@pytest.mark.parametrize("name", TEXTS)
def test_a_real_text_alone_is_one_report(name: str) -> None:
    text = (REAL / name).read_text("utf-8")
    assert gd.parse_all(text) == (gd.parse(text),)


def test_two_real_pdfs_in_one_read_as_two_reports() -> None:
    """Two published PDFs joined into one (a county's compilation): each report as if
    read alone, its sources on the pages of the joined document."""
    names = ("hongze-2024.pdf", "huaian-2024.pdf")
    first_pages = len(pypdf.PdfReader(REAL / names[0]).pages)
    read = gd.parse_all(joined_pdf(*names))
    assert len(read) == 2
    for report, name in zip(read, names, strict=True):
        alone = gd.parse_pdf(REAL / name)
        assert tables(report) == tables(alone)
        assert (report.organ, report.year, report.published) == (
            alone.organ,
            alone.year,
            alone.published,
        )
        assert report.other == alone.other
        assert FURTHER not in codes(report)
    assert 447228 in [v for t in read[1].tables for _r, _c, v in t.items()]  # huaian's 二
    pages = {s.page for s in read[1].provenance.values()}
    assert min(p for p in pages if p is not None) > first_pages


def test_a_finding_goes_to_the_report_it_is_about() -> None:
    """What the reader noted about the whole document before the reports were told
    apart (a footnote mark in a cell) goes to the report whose table holds it; what has
    no place (the page's encoding) goes to the first."""
    a = gd.build_report(organ="某县甲局", year=2024, review_litigation={"review": {"upheld": 1}})
    b = gd.build_report(organ="某县乙局", year=2024, review_litigation={"review": {"upheld": 2}})
    second = gd.render_html(b, standalone=False).replace(">2<", ">2<sup>1</sup><", 1)
    data = page(gd.render_html(a, standalone=False), second).encode("gb18030")
    one, two = gd.parse_all(data)
    assert "parse.footnote-mark" in codes(two)
    assert "parse.footnote-mark" not in codes(one)
    assert "parse.encoding" in codes(one)
    assert "parse.encoding" not in codes(two)
    (mark,) = (f for f in two.findings if f.code == "parse.footnote-mark")
    assert mark.path.startswith("review_litigation.")


def test_a_compressed_compilation_is_said_once() -> None:
    import gzip  # noqa: PLC0415

    a = gd.build_report(organ="某县甲局", year=2024, other="无。")
    b = gd.build_report(organ="某县乙局", year=2024, other="无。")
    data = gzip.compress((gd.render_text(a) + "\n" + gd.render_text(b)).encode("utf-8"))
    one, two = gd.parse_all(data)
    assert codes(one) == ["parse.compressed"]
    assert codes(two) == []
    assert (one.organ.name, two.organ.name) == ("某县甲局", "某县乙局")


def joined_docx(originals: list[gd.Report]) -> Any:
    """One Word document (python-docx's) that holds the renderings of ``originals`` one
    after another."""
    import docx  # noqa: PLC0415

    first = docx.Document(BytesIO(gd.render_docx(originals[0])))
    sect = first.element.body[-1]  # the section properties stay last
    for r in originals[1:]:
        for el in list(docx.Document(BytesIO(gd.render_docx(r))).element.body)[:-1]:
            sect.addprevious(el)
    return first


def test_word_document_of_two_reports() -> None:
    """Two reports written one after the other into one Word document."""
    a = gd.build_report(organ="某县甲局", year=2024, review_litigation={"review": {"upheld": 1}})
    b = gd.build_report(organ="某县乙局", year=2023, review_litigation={"review": {"upheld": 2}})
    data = saved(joined_docx([a, b]))
    read = gd.parse_all(data)
    assert tuple(map(without_findings, read)) == (a, b)
    assert FURTHER in codes(gd.parse(data))


@settings(SLOW, max_examples=10, deadline=None)
@given(several)
def test_word_compilation_of_tables_pasted_as_text(originals: list[gd.Report]) -> None:
    """Several reports in one Word document, every table converted to text (a paragraph
    a row): the text reader's reading of each report takes the place of the blocks'
    one, as parse_docx does for a document of one report."""
    doc = joined_docx(originals)
    tables_as_text(doc)
    read = gd.parse_all(saved(doc))
    assert [r.tables for r in read] == [r.tables for r in originals]
    assert [(r.organ, r.year, r.published) for r in read] == [
        (r.organ, r.year, r.published) for r in originals
    ]


@settings(SLOW, max_examples=80)
@given(st.one_of(st.text(max_size=400), st.binary(max_size=400)))
def test_bad_input_raises_only_parse_error(data: str | bytes) -> None:
    with contextlib.suppress(gd.ParseError):
        gd.parse_all(data if data.strip() else "x")


@settings(SLOW, max_examples=40)
@given(several, st.data())
def test_cut_compilations_raise_only_parse_error(
    originals: list[gd.Report], data: st.DataObject
) -> None:
    text = "\n\n".join(gd.render_text(r) for r in originals)
    lines = text.split("\n")
    start = data.draw(st.integers(0, len(lines) - 1))
    end = data.draw(st.integers(start, len(lines)))
    try:
        read = gd.parse_all("\n".join(lines[start:end]) or "x")
    except gd.ParseError:
        return
    assert read


def test_a_stray_table_outside_the_report_is_no_further_report() -> None:
    """A page of one report and, outside its container, a report table of no report
    (a side panel's): one report, read as parse reads it, the stray table's figures
    quoted as parse quotes them."""
    report = gd.build_report(
        organ="某县甲局", year=2024, other="无。", review_litigation={"review": {"upheld": 1}}
    )
    other = gd.build_report(
        organ="某县乙局", year=2024, review_litigation={"review": {"upheld": 7}}
    )
    fragment = gd.render_html(other, standalone=False)
    start = fragment.index('<table class="review')
    stray = fragment[start : fragment.index("</table>", start) + len("</table>")]
    joined = page(
        editor_markup(gd.render_html(report, standalone=False)), f"<aside>{stray}</aside>"
    )
    alone = gd.parse(joined)
    assert "parse.outside-content" in codes(alone)
    read = gd.parse_all(joined)
    assert read == (alone,)
    assert read[0].findings == alone.findings
