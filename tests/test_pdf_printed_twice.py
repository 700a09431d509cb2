"""Text printed twice over itself is read once, by either PDF engine.

Some editors make bold without a bold font by printing a word again a fraction of a
point to the right. pdfminer keeps both prints, and the page reader ran them together:
the pdfplumber engine read ``2024`` so printed as ``22002244`` (found by comparing the
engines; PDFium keeps one copy). A character printed again in the same size within a
point of its first print is now that print again.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure.formats.pdf import _join_chars, read_pdf_grids
from test_pdf_bombs import _pdf

pytest.importorskip("pdfplumber")


def _line(text: str, x: float, y: float = 720) -> bytes:
    return b"BT /F1 12 Tf %.2f %.2f Td (%s) Tj ET\n" % (x, y, text.encode("ascii"))


@settings(max_examples=25, deadline=None)
@given(
    text=st.text(alphabet="0123456789", min_size=1, max_size=8),
    dx=st.floats(0, 0.9),
    dy=st.floats(0, 0.9),
)
def test_a_line_printed_again_nearby_reads_as_printed_once(text: str, dx: float, dy: float) -> None:
    once = read_pdf_grids(_pdf(_line(text, 72)))
    assert once == [text]
    assert read_pdf_grids(_pdf(_line(text, 72) + _line(text, 72 + dx, 720 - dy))) == once


def test_a_character_printed_again_two_points_away_is_two_prints() -> None:
    """Beyond a point (or a quarter of the size), or in another size, a second print
    is a character of its own: overprinted text is not guessed away."""

    def char(text: str, x0: float, top: float = 60.0, size: float = 12.0) -> dict[str, object]:
        return {"text": text, "x0": x0, "x1": x0 + size / 2, "top": top, "size": size}

    assert _join_chars([char("2", 72), char("2", 72.5, 60.5)]) == "2"  # the first, again
    assert _join_chars([char("2", 72), char("2", 74)]) == "22"
    assert _join_chars([char("2", 72), char("2", 72, size=9)]) == "22"
    assert _join_chars([char("2", 72, size=2), char("2", 72.6, size=2)]) == "22"  # 2 pt type
    assert _join_chars([char("2", 72), char("3", 72)]) == "23"


def test_figures_of_a_table_printed_twice_are_read_once() -> None:
    """Repeated figures a line apart (a column of zeros) stay, each once."""
    content = b"".join(
        _line("0", 300, 720 - 20 * k) + _line("0", 300.4, 720 - 20 * k) for k in range(5)
    )
    # (lines one under the other, without rules, read as one paragraph: five zeros)
    assert "".join(read_pdf_grids(_pdf(content))) == "0" * 5
