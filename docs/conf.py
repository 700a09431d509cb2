"""Sphinx configuration for the govdisclosure documentation.

Build (warnings are errors)::

    PYTHONPATH=src sphinx-build -W --keep-going -b html docs docs/_build/html

Run every example in the narrative pages::

    PYTHONPATH=src sphinx-build -W --keep-going -b doctest docs docs/_build/doctest

Examples that need API not merged yet are guarded by ``:skipif: pending("<feature>")``
(see ``docs/_ext/gd_pending.py``); they run as soon as the feature is importable, or
always with ``GOVDISCLOSURE_DOCS_RUN_PENDING=1``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "_ext"))

import govdisclosure  # noqa: E402 - after the path set-up

project = "govdisclosure"
author = "govdisclosure developers"
copyright = "2026, govdisclosure developers"
release = govdisclosure.__version__
version = release
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
    "gd_pending",
    "gd_generate",
    "gd_screenshot",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_generated", "README.md", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []
html_static_path = ["_static"]

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "govdisclosure"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# Every cross-reference must resolve. The build runs offline, without intersphinx
# inventories, so names from outside the project that signatures and type hints show
# cannot resolve: those of the standard library and of Hypothesis, listed here.
nitpicky = True
nitpick_ignore = [
    ("py:class", name)
    for name in (
        "collections.Counter",
        "collections.abc.Callable",
        "collections.abc.Iterable",
        "collections.abc.Iterator",
        "collections.abc.Mapping",
        "collections.abc.Sequence",
        "datetime.date",
        "decimal.Decimal",
        "enum.StrEnum",
        "hypothesis.strategies.SearchStrategy",
        "os.PathLike",
        "pathlib.Path",
    )
]


# Examples run from the repository root, so paths read as in a checkout.
doctest_global_setup = (
    f"REPO = {str(HERE.parent)!r}\n"
    + """
import sys, subprocess
import os
from pathlib import Path
import govdisclosure as gd
from gd_pending import pending
os.chdir(REPO)

def run_cli(*args):
    # the command line as a user runs it: python -m govdisclosure ...
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(["src", *sys.path])}
    return subprocess.run([sys.executable, "-m", "govdisclosure", *args],
                          capture_output=True, text=True, env=env, timeout=120)
"""
)
# Docstring examples are run by pytest (--doctest-modules src); here only the pages.
doctest_test_doctest_blocks = ""
doctest_default_flags = (
    __import__("doctest").ELLIPSIS
    | __import__("doctest").NORMALIZE_WHITESPACE
    | __import__("doctest").DONT_ACCEPT_TRUE_FOR_1
)
