"""Skip doc examples that need API not merged yet, and say which were skipped.

Usage in a page::

    ```{doctest}
    :skipif: pending("text")

    >>> report = gd.parse_text(...)
    ```

``pending(feature)`` is true while any name of :data:`FEATURES` [feature] is missing
from ``govdisclosure`` (or, for ``strategies``/``cli``, the module cannot be imported).
So an example runs by itself once its feature is merged. Set
``GOVDISCLOSURE_DOCS_RUN_PENDING=1`` to run every example regardless (a missing feature
then fails the doctest build, which is how CI proves nothing is left pending).

At the end of a doctest build the skipped examples are listed per feature.
"""

from __future__ import annotations

import collections
import importlib
import os
from typing import Any

import govdisclosure

FEATURES: dict[str, tuple[str, ...]] = {
    # feature -> names in the flat namespace (or "module:" entries)
    "text": ("parse_text", "render_text"),
    "html": ("parse_html", "render_html", "render_markdown"),
    "pdf": ("parse_pdf", "parse"),
    "docx": ("render_docx",),
    "cli": ("module:govdisclosure.cli", "series", "aggregate"),
    "audit": ("harmonise",),
    "strategies": ("module:govdisclosure.strategies",),
}
"""Which names each not-yet-merged feature provides."""

SKIPPED: collections.Counter[str] = collections.Counter()


def available(feature: str) -> bool:
    """Whether every name of ``feature`` exists now."""
    for name in FEATURES[feature]:
        if name.startswith("module:"):
            try:
                importlib.import_module(name.removeprefix("module:"))
            except ImportError:
                return False
        elif not hasattr(govdisclosure, name):
            return False
    return True


def pending(feature: str) -> bool:
    """True (skip the example) while ``feature`` is not merged."""
    if feature not in FEATURES:
        msg = f"unknown pending feature {feature!r}; known: {sorted(FEATURES)}"
        raise KeyError(msg)
    if os.environ.get("GOVDISCLOSURE_DOCS_RUN_PENDING") == "1":
        return False
    if available(feature):
        return False
    SKIPPED[feature] += 1
    return True


def _report(app: Any, exception: BaseException | None) -> None:
    if app.builder.name != "doctest" or exception is not None:
        return
    if SKIPPED:
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(SKIPPED.items()))
        print(f"gd_pending: examples skipped until merged -> {summary}")
    else:
        print("gd_pending: no example skipped")


def setup(app: Any) -> dict[str, Any]:
    app.connect("build-finished", _report)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
