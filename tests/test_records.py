"""Tidy records: one row per cell, every cell exactly once."""

from __future__ import annotations

from hypothesis import given

import govdisclosure as gd
from govdisclosure.formats.records import RECORD_FIELDS
from govdisclosure.strategies import reports, valid_reports
from govdisclosure.template import Edition


@given(valid_reports(mixed=False))
def test_every_cell_exactly_once(report: gd.Report) -> None:
    """to_records covers every cell once: 200 cells (2021), 198 (2019)."""
    rows = gd.to_records(report)
    paths = [r["path"] for r in rows]
    assert len(paths) == len(set(paths))
    expected = {f"{t.id}.{r}.{c}" for t in report.tables for r, c, _ in t.items()}
    assert set(paths) == expected
    assert len(rows) == (200 if report.edition is Edition.V2021 else 198)


@given(reports())
def test_records_keep_values_and_states(report: gd.Report) -> None:
    """Each record's value, state and text describe its cell exactly."""
    for row in gd.to_records(report):
        assert tuple(row) == RECORD_FIELDS
        cell = report.cell(row["path"])
        if row["state"] == "number":
            assert row["value"] == cell
            assert row["text"] == ""
        elif row["state"] == "blank":
            assert cell is gd.BLANK
            assert row["value"] is None
        elif row["state"] == "not_applicable":
            assert cell == gd.NotApplicable(row["text"])
        else:
            assert cell == gd.Text(row["text"])
        assert row["table"] + "." + row["row"] + "." + row["column"] == row["path"]
        assert row["organ"] == report.organ.name
        assert row["year"] == report.year
