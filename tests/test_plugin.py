"""The Hypothesis plugin: an installed govdisclosure makes st.from_type(Report) work."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure._hypothesis_plugin import _hypothesis_setup_hook


def test_importing_hypothesis_first_then_the_strategies_works() -> None:
    """With the entry point installed, importing hypothesis and then our strategies does
    not fail on a circular import (it did when the hook lived in the strategies module)."""
    code = "import hypothesis, govdisclosure.strategies as s; print(s.valid_reports())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "valid_reports" in out.stdout


_hypothesis_setup_hook()


@given(st.from_type(gd.Report))
def test_from_type_draws_valid_reports(report: gd.Report) -> None:
    """st.from_type(Report) draws reports that check with no error."""
    assert gd.is_valid(report)
