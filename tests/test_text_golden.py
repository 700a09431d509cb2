"""Golden files of the official plain-text layout for the seed and the three real reports.

The text layout is a visual contract that other tools diff, so it is pinned. Rewrite the
files with ``python -m pytest tests/test_text_golden.py --update-golden`` and review the
diff. The reports are the ones the HTML and Markdown golden files are made from
(``tests/realfigures.py``: the published texts as ``parse_text`` reads them).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import govdisclosure as gd
from realfigures import REPORTS

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_golden_text(name: str, update_golden: bool) -> None:
    """render_text of each real report is exactly its golden file, and reads back equal."""
    report = REPORTS[name]()
    text = gd.render_text(report)
    path = GOLDEN / f"{name}.zh_CN.txt"
    if update_golden:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
    assert gd.parse_text(text) == report


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_golden_docx_cells(name: str, update_golden: bool) -> None:
    """The Word document of each real report holds the golden text's every table cell."""
    docx = pytest.importorskip("docx")
    document = docx.Document(io.BytesIO(gd.render_docx(REPORTS[name]())))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    path = GOLDEN / f"{name}.docx-cells.txt"
    if update_golden:
        path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    assert "\n".join(cells) + "\n" == path.read_text(encoding="utf-8")
