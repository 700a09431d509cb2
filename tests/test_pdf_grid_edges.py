"""Tables joined over a page break whose rules snap together are read without loss.

Found by feeding the PDFium engine damaged copies of a real report: two bytes changed
in ``huaian-2024.pdf`` left a sliver of a cell at the right edge of a table, narrower
than the rules' snapping, and when the table's two pages were joined both of its ends
were nearest the last rule. The cell was placed in a column beyond the grid, and
reading the blocks raised ``IndexError`` instead of giving a report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import govdisclosure as gd
from govdisclosure.formats.pdf import PdfCell, PdfGrid, _blocks, _merge_grids

REAL = Path(__file__).parent / "data" / "real"
PATCHES = ((66691, 31), (403847, 189))
"""The two bytes changed in huaian-2024.pdf (found by random mutation, then reduced)."""


def _cell(row: int, column: int, text: str, *, colspan: int = 1, page: int = 1) -> PdfCell:
    return PdfCell(row, column, 1, colspan, text, page, x=0.0, y=0.0)


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_the_damaged_real_report_is_read_or_refused(engine: str) -> None:
    pytest.importorskip("pypdfium2" if engine == "pdfium" else "pdfplumber")
    data = bytearray((REAL / "huaian-2024.pdf").read_bytes())
    for at, value in PATCHES:
        data[at] = value
    try:
        report = gd.parse_pdf(bytes(data), engine=engine)  # type: ignore[arg-type]
    except gd.ParseError:
        return
    assert report.applications is not None


def test_a_sliver_at_the_right_edge_stays_in_the_grid() -> None:
    top = PdfGrid(1, 0.0, 100.0, (0.0, 100.0, 200.0), 1, (_cell(0, 0, "a"), _cell(0, 1, "b")))
    # on the next page a rule half a point right of the edge: a column of its own there
    bottom = PdfGrid(
        2,
        0.0,
        100.0,
        (0.0, 100.0, 200.0, 200.5),
        1,
        (_cell(0, 0, "c", page=2), _cell(0, 1, "d", page=2), _cell(0, 2, "", page=2)),
    )
    joined = _merge_grids(top, bottom)
    assert joined.columns == 2
    assert all(c.column + c.colspan <= joined.columns for c in joined.cells)
    (table,) = _blocks([joined])
    text = " ".join(c.text for row in table.rows for c in row.cells)  # type: ignore[attr-defined]
    assert all(t in text.split() for t in "abcd")  # (the two rows may be read as one cut in two)


def test_two_cells_in_one_slot_keep_both_texts() -> None:
    grid = PdfGrid(
        1,
        0.0,
        100.0,
        (0.0, 100.0, 200.0),
        1,
        (_cell(0, 0, "12"), _cell(0, 1, "3"), _cell(0, 1, "4")),
    )
    (table,) = _blocks([grid])
    assert [c.text for c in table.rows[0].cells] == ["12", "3 4"]  # type: ignore[attr-defined]
