"""Year-over-year copy-paste in the prose sections.

A narrative section (一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项)
whose text is a near-duplicate of the same section in last year's report was probably
copied. Texts are compared after removing whitespace and folding full-width forms
(NFKC), with :class:`difflib.SequenceMatcher` (``autojunk`` off, so common Chinese
characters are not discarded as junk). The ratio is ``2 * matches / (len(a) + len(b))``.

A section is flagged when the ratio is at least :data:`SIMILARITY_THRESHOLD` (0.9: the
level at which the 法治蓝皮书 2017 described reports as copied from the year before) and
both texts have at least :data:`MIN_CHARS` characters, so short stock sentences
("本年度未收取信息处理费。") are not flagged.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator
from decimal import ROUND_DOWN, Decimal
from typing import Final

from govdisclosure.checks.registry import finding, register_series
from govdisclosure.model import Finding, Report

__all__ = ["MAX_CHARS", "MIN_CHARS", "SIMILARITY_THRESHOLD", "similarity"]

SIMILARITY_THRESHOLD: Final = 0.9
"""Ratios at or above this flag a section as a near-duplicate of last year's."""
MIN_CHARS: Final = 60
"""Sections shorter than this (after normalisation) are not compared."""
MAX_CHARS: Final = 6000
"""Only the first ``MAX_CHARS`` characters are compared, to bound the quadratic matcher."""

_SECTIONS: Final = ("overview", "problems", "other")


def _normalize(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())[:MAX_CHARS]


def similarity(a: str, b: str) -> float:
    """The similarity ratio (0 to 1) of two texts, ignoring whitespace and width.

    >>> similarity("我局全年公开信息 12 条。", "我局全年公开信息１２条。")
    1.0
    >>> round(similarity("甲乙丙丁", "甲乙戊己"), 2)
    0.5
    """
    x, y = _normalize(a), _normalize(b)
    if not x and not y:
        return 1.0
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()


@register_series("series.similar-narrative")
def similar_narrative(report: Report, previous: Report) -> Iterator[Finding]:
    """Prose sections that are near-duplicates of last year's."""
    for section in _SECTIONS:
        now, before = report.narrative(section), previous.narrative(section)
        if now is None or before is None:
            continue
        x, y = _normalize(now.text), _normalize(before.text)
        if len(x) < MIN_CHARS or len(y) < MIN_CHARS:
            continue
        matcher = difflib.SequenceMatcher(None, x, y, autojunk=False)
        if matcher.real_quick_ratio() < SIMILARITY_THRESHOLD:
            continue
        if matcher.quick_ratio() < SIMILARITY_THRESHOLD:
            continue
        ratio = matcher.ratio()
        if ratio >= SIMILARITY_THRESHOLD:
            percent = (Decimal(ratio) * 100).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
            yield finding(
                "series.similar-narrative",
                section,
                heading=section,
                percent=percent,
                threshold=int(SIMILARITY_THRESHOLD * 100),
            )
