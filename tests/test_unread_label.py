"""Text among section 三's labels that is part of no wording of the format is reported.

A word or a figure written between a row's label and its figures (``1e5``,
``Infinity``, a note) was joined to the label, the row found by its place, and the text
dropped without a finding. It is now quoted by ``parse.unread-label``; a span's copy of
a group label (三、本年度办理结果 repeated down its rows in a PDF) is wording of the
format and is not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.strategies import valid_reports

REAL = Path(__file__).parent / "data" / "real"
SEED = (REAL / "xunzhen-2024.txt").read_text(encoding="utf-8")


def _unread(report: gd.Report) -> list[str]:
    return [str(f.args["text"]) for f in report.findings if f.code == "parse.unread-label"]


@pytest.mark.parametrize("word", ["1e5", "Infinity", "1.5E3", "abcde", "见附注"])
def test_a_word_between_a_label_and_its_figures_is_quoted(word: str) -> None:
    lines = SEED.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("一、本年新收"))
    lines[i] = lines[i].replace("\t", f"\t{word}\t", 1)
    report = gd.parse_text("\n".join(lines))
    seed = gd.parse_text(SEED)
    assert report.applications == seed.applications
    assert _unread(report) == [word]


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024", "huaian-2024"])
def test_the_real_reports_have_no_unread_label(name: str) -> None:
    """Their tables repeat group labels down merged cells: wording of the format."""
    assert _unread(gd.parse_pdf(REAL / f"{name}.pdf")) == []
    for extractor in ("pdfplumber", "pypdf"):
        text = (REAL / f"{name}.{extractor}.txt").read_text(encoding="utf-8")
        assert _unread(gd.parse_text(text)) == []


WORDS = st.sampled_from(["1e5", "Infinity", "NaN1", "abcde", "2.5E4", "见附注", "N.B.x"])


@settings(max_examples=30, deadline=None)
@given(valid_reports(), WORDS, st.data())
def test_any_stray_word_after_a_row_label_is_quoted_and_the_figures_stay(
    report: gd.Report, word: str, data: st.DataObject
) -> None:
    if report.applications is None:
        return
    text = gd.render_text(report)
    lines = text.splitlines()
    rows = [
        k
        for k, line in enumerate(lines)
        if "\t" in line
        and line.split("\t")[0].strip()
        and any(line.split("\t")[0].strip().startswith(p) for p in ("（", "一、", "二、"))
        and all(
            c.strip() == "" or c.strip().lstrip("-").isdigit() or c.strip() in {"—", "-", "/"}
            for c in line.split("\t")[1:]
        )
        and len(line.split("\t")) >= 8
    ]
    if not rows:
        return
    k = data.draw(st.sampled_from(rows))
    lines[k] = lines[k].replace("\t", f"\t{word}\t", 1)
    again = gd.parse_text("\n".join(lines))
    assert again.applications == report.applications
    assert _unread(again) == [word]
