"""The same cases under pytest-benchmark (one benchmark per case, not interleaved).

``PYTHONPATH=src python -m pytest bench -p no:cacheprovider --benchmark-only`` measures;
``--benchmark-disable`` runs every case once as a smoke test. ``bench/run.py`` is the
primary tool: it interleaves the cases so that ratios survive a loaded machine.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cases as _cases

_INPUTS = _cases.build_inputs(with_pdf=True)
_CASES = _cases.build_cases(_INPUTS, with_pdf=True)


@pytest.mark.parametrize("case", _CASES, ids=[c.key for c in _CASES])
def test_case(benchmark: Any, case: _cases.Case) -> None:
    """Measure one case."""
    benchmark.group = case.group
    benchmark(case.func)


def test_generated_page_round_trips() -> None:
    """The generated CMS page reads back as the report it was made from."""
    import govdisclosure as gd

    assert gd.parse_html(_INPUTS.page) == _INPUTS.generated
    assert gd.is_valid(_INPUTS.generated)  # (the prose audits leave notes: no error)


def test_editor_page_reads_as_the_same_report() -> None:
    """The editor's markup of the generated page reads back as the same tables and prose,
    and both floors give the same grids on both pages."""
    import govdisclosure as gd

    report = gd.parse_html(_INPUTS.editor_page)
    generated = _INPUTS.generated
    assert report.tables == generated.tables
    assert (report.organ, report.year, report.published) == (
        generated.organ,
        generated.year,
        generated.published,
    )
    for section in ("overview", "problems", "other"):
        assert report.narrative(section) == generated.narrative(section)
    for page in (_INPUTS.page, _INPUTS.editor_page):
        assert _cases.lxml_grids(page, tight=True) == _cases.lxml_grids(page)
    assert "data-" not in _INPUTS.editor_page.split('<div class="content"', 1)[1]
