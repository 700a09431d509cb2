"""Shared fixtures and Hypothesis profiles.

Profiles: ``dev`` (default, quick), ``ci`` (as many examples as ``dev``, no deadline,
the same examples on every run), ``long`` (for the longer fuzzing profile). Choose with
``HYPOTHESIS_PROFILE=ci``. (``ci`` draws 40 examples where a test sets no number: with
100, the suite's 2,400 tests took 360 s of CI's 600 on two cores, with 50, 293 s; by the
thirteenth round, with 50, its 2,564 tests took 424 s of a CI run of 549 s on this
slower machine, where ``dev``'s 40 took 361 s.)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=40, deadline=None)
# CI draws the same examples on every run (seeded by each test), so that a run on a clean
# clone passes or fails on the code alone; dev and long draw new ones each time
settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

DATA = Path(__file__).parent / "data"
REAL = DATA / "real"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--update-golden`` to rewrite the golden files instead of comparing."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/* from the current renderers",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden files are to be rewritten."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def real_dir() -> Path:
    """The folder of real published reports."""
    return REAL
