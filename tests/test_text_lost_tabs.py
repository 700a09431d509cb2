"""Rows of tab-separated text that lost their tabs are still rows.

A web page's text writes its tables tab-separated; a row typed by hand, pasted from
elsewhere or cleaned by an editor may come with spaces between its cells instead. Such
a row, or a whole table of them, is read as the same row: its figures reach the same
cells, never the prose. (Before, a table's last row without tabs, a long row without
tabs, and a whole table typed with spaces among tab-separated ones were read as prose,
and their figures reached no cell and no finding.)

A row whose cells hold blanks cannot lose its tabs without losing where the blanks
were; the property is stated for rows whose cells are all written.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.strategies import reports
from test_nothing_lost import SLOW, assert_nothing_lost, text_figures

SEED = Path(__file__).parent / "data" / "real" / "xunzhen-2024.txt"


def spaced(line: str) -> str:
    """``line`` with its tabs (and the blank cells they leave) replaced by one space."""
    return " ".join(part.strip() for part in line.split("\t") if part.strip())


def tables(report: gd.Report) -> tuple[object, ...]:
    return (report.active, report.applications, report.review_litigation)


def written_row(line: str) -> bool:
    """A tab-separated row holding a figure whose cells after the first written one are
    all written (the blanks before it are a merged label's place)."""
    parts = line.split("\t")
    if len(parts) < 2:
        return False
    first = next((k for k, p in enumerate(parts) if p.strip()), len(parts))
    return all(p.strip() for p in parts[first:]) and any(p.strip()[:1].isdigit() for p in parts)


@settings(SLOW, max_examples=60)
@given(reports(), st.data())
def test_rows_that_lost_their_tabs_read_the_same(report: gd.Report, data: st.DataObject) -> None:
    text = gd.render_text(report)
    lines = text.splitlines()
    rows = [i for i, line in enumerate(lines) if written_row(line)]
    chosen = data.draw(st.sets(st.sampled_from(rows)) if rows else st.just(set[int]()))
    damaged = "\n".join(spaced(ln) if i in chosen else ln for i, ln in enumerate(lines))
    read = gd.parse_text(damaged)
    assert tables(read) == tables(gd.parse_text(text))
    assert_nothing_lost(text_figures(text), read)


# ------------------------------------------------------------------ the real report


def _seed_lines() -> list[str]:
    return SEED.read_text("utf-8").splitlines()


def _table_rows() -> list[int]:
    """The lines of the seed's tables (sections 二 to 四) that hold a tab between cells."""
    lines = _seed_lines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("二、") and "主动公开" in ln)
    end = next(i for i, ln in enumerate(lines) if ln.startswith("五、"))
    return [i for i in range(start, end) if "\t" in lines[i].strip(" ")]


@pytest.mark.parametrize("index", _table_rows())
def test_a_real_row_without_its_tabs_reads_the_same(index: int) -> None:
    """Each row of the township's tables, its tabs lost: the same tables (the row
    ``（六）其他处理 1. …`` is longer than a piece of a label, and section 四's figures are
    the last row before a heading; both were read as prose)."""
    lines = _seed_lines()
    damaged = [spaced(ln) if i == index else ln for i, ln in enumerate(lines)]
    read = gd.parse_text("\n".join(damaged))
    assert tables(read) == tables(gd.parse_text(SEED.read_text("utf-8")))
    assert_nothing_lost(text_figures("\n".join(lines)), read)


@pytest.mark.parametrize("section", ["二、", "三、收到", "四、政府"])
def test_a_real_table_typed_with_spaces_reads_the_same(section: str) -> None:
    """One of the township's tables typed with spaces among tab-separated ones."""
    lines = _seed_lines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith(section))
    end = next(
        i
        for i in range(start + 1, len(lines))
        if lines[i][:2] in {"三、", "四、", "五、"} and "\t" not in lines[i]
    )
    damaged = [spaced(ln) if start < i < end else ln for i, ln in enumerate(lines)]
    read = gd.parse_text("\n".join(damaged))
    original = gd.parse_text("\n".join(lines))
    assert tables(read) == tables(original)
    codes = Counter(f.code for f in read.findings)
    assert "parse.unknown-row" not in codes
    assert_nothing_lost(text_figures("\n".join(lines)), read)
