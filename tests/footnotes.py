"""A small report with figures to put footnote marks beside, and the check that a mark
was read as one: shared by the tests of every reader (HTML, text, Word, PDF)."""

from __future__ import annotations

import govdisclosure as gd


def report_with_figures() -> gd.Report:
    """A report whose section 二 states 5 (regulations issued) and whose section 三
    states 12 and 3 (new applications and those disclosed, natural persons and
    companies)."""
    return gd.build_report(
        organ="某县某局",
        year=2024,
        published="2025-01-20",
        active={"art20_1": {"regulations": {"issued": 5}}},
        applications={
            "new_received": {"natural_person": 12, "commercial": 3},
            "granted": {"natural_person": 12, "commercial": 3},
        },
    )


def assert_one_mark(again: gd.Report, path: str, mark: str, text: str) -> None:
    """``again`` has exactly one ``parse.footnote-mark`` finding: at ``path``, quoting
    ``mark`` and the cell's ``text``, read where the cell was, naming the mark in
    English too."""
    notes = [f for f in again.findings if f.code == "parse.footnote-mark"]
    assert [(f.path, dict(f.params)) for f in notes] == [(path, {"mark": mark, "text": text})]
    assert notes[0].source == again.provenance[path]
    assert mark in notes[0].message("en")
