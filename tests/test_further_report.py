"""A document that holds several reports (a compilation) is read up to the second.

Counties publish their departments' reports one after another in one document. The
first report is read as if it stood alone; where the next begins (a heading of section
一 or 二 after section 五 or 六), ``parse.further-report`` says so, counts what the rest
holds and quotes every figure of its tables. The rest is not taken into the first
report: its tables would be mixed into the first's, and its text, kept as the first's
section 六, would be audited against the first's tables.
(Before, the second report's tables were read into the first's: on two of the real
texts, rows of the first report's section 三 came out blank, and the second report's
figures reached no cell and no finding when it was laid out differently.)
"""

from __future__ import annotations

import itertools
from io import BytesIO
from pathlib import Path

import pypdf
import pytest
from hypothesis import given, settings

import govdisclosure as gd
from govdisclosure.strategies import reports
from test_nothing_lost import SLOW, assert_nothing_lost, text_figures

REAL = Path(__file__).parent / "data" / "real"
TEXTS = [
    "xunzhen-2024.txt",
    "hongze-2024.pdfplumber.txt",
    "huaian-2024.pdfplumber.txt",
    "hongze-2023.pypdf.txt",
]


def joined_pdf(*names: str) -> bytes:
    """The real PDFs ``names`` joined into one document, as a county's compilation is."""
    writer = pypdf.PdfWriter()
    for name in names:
        for page in pypdf.PdfReader(REAL / name).pages:
            writer.add_page(page)
    joined = BytesIO()
    writer.write(joined)
    return joined.getvalue()


def tables(report: gd.Report) -> tuple[object, ...]:
    return (report.active, report.applications, report.review_litigation)


def further(report: gd.Report) -> list[gd.Finding]:
    return [f for f in report.findings if f.code == "parse.further-report"]


@pytest.mark.parametrize(("first", "second"), list(itertools.permutations(TEXTS, 2)))
def test_two_real_reports_read_as_the_first_and_a_finding(first: str, second: str) -> None:
    one, two = ((REAL / n).read_text("utf-8") for n in (first, second))
    alone = gd.parse_text(one)
    both = gd.parse_text(one + "\n" + two)
    assert tables(both) == tables(alone)
    assert (both.organ, both.year, both.published) == (alone.organ, alone.year, alone.published)
    (found,) = further(both)
    assert found.severity is gd.Severity.WARNING
    assert found.source is not None
    assert found.source.line is not None
    assert found.source.line > len(one.splitlines()) - 8  # at the second's start
    # every figure of both: the first's in its cells, the second's quoted
    assert_nothing_lost(text_figures(one) + text_figures(two), both)
    # the second report's text is not taken for the first's (its section 六 is its own)
    assert both.other == alone.other
    assert dict(found.params)["paragraphs"] > 0


@settings(SLOW, max_examples=40)
@given(reports(), reports())
def test_two_generated_reports_read_as_the_first_and_a_finding(a: gd.Report, b: gd.Report) -> None:
    one, two = gd.render_text(a), gd.render_text(b)
    alone = gd.parse_text(one)
    both = gd.parse_text(one + "\n" + two)
    assert tables(both) == tables(alone)
    assert len(further(both)) == 1
    assert_nothing_lost(text_figures(one) + text_figures(two), both)


@settings(SLOW, max_examples=60)
@given(reports())
def test_one_report_is_no_compilation(report: gd.Report) -> None:
    assert not further(gd.parse_text(gd.render_text(report)))
    assert not further(gd.parse_html(gd.render_html(report)))


@pytest.mark.parametrize("name", sorted(p.name for p in REAL.glob("*.txt")))
def test_no_real_report_is_a_compilation(name: str) -> None:
    assert not further(gd.parse_text((REAL / name).read_text("utf-8")))


def test_two_real_pdfs_in_one_read_as_the_first_and_a_finding() -> None:
    """Two published PDFs joined into one (a county's compilation): the first report as
    if alone, its section 六 without the second's title and lead paragraph, and the
    second's page named."""
    alone = gd.parse_pdf(REAL / "hongze-2024.pdf")
    both = gd.parse_pdf(joined_pdf("hongze-2024.pdf", "huaian-2024.pdf"))
    assert tables(both) == tables(alone)
    assert both.other == alone.other
    (found,) = further(both)
    assert found.source is not None
    assert found.source.page == 1 + len(pypdf.PdfReader(REAL / "hongze-2024.pdf").pages)
    assert "447228" in dict(found.params)["cells"]  # huaian's section 二


def test_section_4_after_section_5_is_read_where_it_stands() -> None:
    """A report that puts section 四 after 五 (out of order) is one report: its table of
    四 is read, and no further report is said to begin."""
    report = gd.build_report(
        organ="某县某局", year=2024, review_litigation={"review": {"upheld": 1, "total": 1}}
    )
    lines = gd.render_text(report).split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("四、"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("五、"))
    after = next(i for i, ln in enumerate(lines) if ln.startswith("六、"))
    moved = lines[:start] + lines[end:after] + lines[start:end] + lines[after:]
    read = gd.parse_text("\n".join(moved))
    assert read.review_litigation == report.review_litigation
    assert not further(read)
