"""Hypothesis plugin: ``st.from_type(Report)`` draws valid reports.

Hypothesis runs :func:`_hypothesis_setup_hook` through the ``hypothesis`` entry point
while it is itself being imported, so nothing here may import
:mod:`govdisclosure.strategies` (which imports Hypothesis) at that moment: the strategy
is deferred until it is first drawn from.
"""

from __future__ import annotations

from typing import Any


def _valid_reports() -> Any:
    from govdisclosure.strategies import valid_reports  # noqa: PLC0415 - deferred on purpose

    return valid_reports()


def _hypothesis_setup_hook() -> None:
    """Register the strategy for :class:`govdisclosure.Report`."""
    from hypothesis import strategies as st  # noqa: PLC0415 - Hypothesis calls us while importing

    from govdisclosure.model import Report  # noqa: PLC0415

    st.register_type_strategy(Report, st.deferred(_valid_reports))
