"""Headers and footers a word processor printed into a PDF: known by their repetition.

A Word document's header, printed to PDF, stands about 1.25 cm from the top of each
page: 35–51 points down an A4 page, 6 % of its height, below the top 5 % the reader
drops on every page (``tests/test_pdf_running_heads.py``). Its footer stands as near
the foot. Before, the reader read both as text: the header into the prose of whichever
section a page break fell in, the footer after the closing date, which was then not
read (``publication.missing-date`` in place of the date). Now a line in the top 8 % or
the bottom 10 % of a page that another page prints at the same height with the same
text (its figures aside) is taken out and named with the running heads, or in a
finding of its own for the feet (story ``running feet``).
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.formats.pdf import ENGINES, PdfLine, _Page, _repeated
from test_pdf_running_heads import HEIGHT, head, pdf, read, report_pages, unread

pytest.importorskip("pdfplumber")
pytest.importorskip("pypdfium2")

DATA = Path(__file__).parent / "data" / "pdf"


def _without(report: gd.Report, code: str = "parse.unread-text") -> gd.Report:
    return attrs.evolve(report, findings=tuple(f for f in report.findings if f.code != code))


@pytest.mark.parametrize("engine", ENGINES)
def test_a_word_documents_header_and_footer_printed_by_libreoffice(engine: str) -> None:
    """The seed report as a Word document printed to PDF by LibreOffice, with a header
    and a footer and without: the same report, the two named."""
    plain = gd.parse_pdf(DATA / "xunzhen-2024-word.pdf", engine=engine)
    headed = gd.parse_pdf(DATA / "xunzhen-2024-word-headed.pdf", engine=engine)
    assert _without(headed) == plain
    assert [(s, sev, n, cells) for s, sev, n, cells, _ in unread(headed)] == [
        (
            "running heads",
            "warning",
            len("河曲县巡镇镇人民政府2024年政府信息公开工作年度报告"),
            "2024",
        ),
        ("running feet", "info", len("巡镇镇人民政府办公室印发"), "—"),
    ]
    heads, feet = (f.source for f in headed.findings if f.code == "parse.unread-text")
    assert heads is not None
    assert heads.page == 1
    assert heads.y is not None
    # its top 35 points down, its bottom 51: below the top 5 % (42.1 points)
    assert heads.y == pytest.approx(35.0, abs=1.0)
    assert feet is not None
    assert feet.y is not None
    assert feet.y > 0.9 * 842
    # the closing date is read (before: the footer after it hid it)
    assert headed.published == plain.published is not None
    assert [f.code for f in gd.check(headed)] == [
        *(f.code for f in headed.findings if f.code == "parse.unread-text"),
        *(f.code for f in gd.check(plain)),
    ]


def test_a_line_printed_once_near_the_top_is_text() -> None:
    """A line below the top 5 % that no other page repeats (a title at the top of the
    first page) is text, as before; the same line on both pages is a running head."""
    one, two = report_pages()
    line = "某县人民政府2024年政府信息公开工作年度报告"
    low = 40.0  # its box ends 50 points down: 5.9 % of the page
    (once,) = read(pdf([head(line, low) + one, two]))
    assert unread(once) == []
    assert line in once.preamble
    (twice,) = read(pdf([head(line, low) + one, head(line, low + 1) + two]))
    (named,) = unread(twice)
    assert named[:4] == ("running heads", "warning", len(line), "2024")
    (plain,) = read(pdf(report_pages()))
    assert _without(twice) == plain


# ------------------------------------------------------------------ the rule, on its own
def _line(text: str, page: int, top: float) -> PdfLine:
    return PdfLine(text, page, 80.0, 300.0, top, top + 10.0, 10.0, "F1")


_BODY = st.sampled_from(["本年主动公开政府信息12条。", "一、总体情况", "收到申请3件", "附表"])
_TOPS = st.floats(0.0, HEIGHT - 10.0, allow_nan=False)


@given(
    st.lists(st.lists(st.tuples(_BODY, _TOPS), max_size=6), min_size=1, max_size=5),
    st.sampled_from(["某县年度报告", "某县年度报告 第3页", "印发 2024"]),
    st.floats(40.0, 0.08 * HEIGHT - 12.5, allow_nan=False),  # (its box in the band, moved)
    st.sets(st.integers(0, 4)),
    st.floats(-2.0, 2.0, allow_nan=False),
)
def test_a_line_is_taken_out_exactly_when_another_page_repeats_it_in_a_band(
    bodies: list[list[tuple[str, float]]],
    running: str,
    top: float,
    headed: set[int],
    jitter: float,
) -> None:
    """Each line of a page stays, or moves to the page's heads or feet, and none is
    lost; one moves only when it lies in the top 8 % or the bottom 10 % and another
    page prints the same text (figures aside) within 2 points of its height."""
    pages = []
    for k, body in enumerate(bodies):
        items = [_line(t, k + 1, y) for t, y in body]
        if k in headed:
            # the running head, its page number changed, printed a little up or down
            items.append(_line(running.replace("3", str(k + 3)), k + 1, top + jitter * (k % 2)))
        items.sort(key=lambda ln: ln.top)
        pages.append(_Page(k + 1, HEIGHT, tuple(items)))
    out = list(_repeated(pages))
    assert [p.number for p in out] == [p.number for p in pages]
    for before, after in zip(pages, out, strict=True):
        moved = [*after.heads, *after.feet]
        assert sorted([*after.items, *moved], key=lambda ln: (ln.top, ln.text)) == sorted(
            before.items, key=lambda ln: (ln.top, ln.text)
        )
        for ln in moved:
            in_band = ln.bottom < 0.08 * HEIGHT or ln.top > 0.9 * HEIGHT
            assert in_band
            shape = "".join(c for c in ln.text if not c.isdigit() and not c.isspace())
            assert any(
                other.number != before.number
                and any(
                    abs(o.top - ln.top) <= 2.0
                    and "".join(c for c in o.text if not c.isdigit() and not c.isspace()) == shape
                    for o in other.items
                )
                for other in pages
            )
    # the running head is taken out of each page that prints it, once two do
    if len(headed & set(range(len(bodies)))) >= 2:
        for k in headed & set(range(len(bodies))):
            assert any(ln.text.startswith(running[:4]) for ln in out[k].heads)
