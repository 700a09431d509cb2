"""Headers and footers of a Word document, running heads of a PDF: named, not read.

A Word document's headers and footers (``word/header*.xml`` and ``word/footer*.xml`` of
a ``.docx``; the header story of a ``.doc``) are not report content, and are not read
into the report. They are not dropped silently either: what they hold beyond page
numbers is named in a ``parse.unread-text`` finding for the headers and one for the
footers, with the count of its characters and its figures quoted. The running heads
of a PDF (the lines in the top 5 % of its pages, which the PDF reader drops) are named
the same way, in a finding of their own.

Page numbers are not named: the readers take out the page-number fields (``PAGE``,
``NUMPAGES``, ``SECTIONPAGES``) before the text comes here, and :func:`unfurnished`
takes out the words around them (``第 1 页 共 5 页``, ``- 1 -``, ``1/5``, ``Page 1 of
5``, a lone number). The same text in several headers (the default, first-page and
even-page headers, those of each section) is counted once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from govdisclosure.checks.registry import N_, finding
from govdisclosure.model import Finding, Severity

__all__ = [
    "BOXES",
    "FOOTERS",
    "HEADERS",
    "PAGE_FIELDS",
    "RUNNING_FEET",
    "RUNNING_HEADS",
    "furniture_findings",
    "is_page_field",
    "unfurnished",
]

HEADERS: Final = N_("headers")
FOOTERS: Final = N_("footers")
BOXES: Final = N_("text boxes of headers and footers")
"""The text boxes of a ``.doc``'s headers and footers (one story, not told apart)."""
RUNNING_HEADS: Final = N_("running heads")
"""The lines a PDF reader drops from the top of its pages (not page numbers): those in
the top 5 %, and those a word processor printed as a header on several pages."""
RUNNING_FEET: Final = N_("running feet")
"""The lines a PDF reader drops from the foot of its pages (not page numbers): those a
word processor printed as a footer on several pages."""
PAGE_FIELDS: Final = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES"})
"""The fields that show a page number or a count of pages."""

_DASH: Final = "\\-\u2010-\u2015\uff0d~\uff5e"
"""Hyphens and dashes (ASCII, U+2010–U+2015, fullwidth) and tildes, in a character class."""
_PAGE_WORDS: Final = re.compile(
    r"第\s*\d*\s*页|共\s*\d*\s*页|\bpage\s*\d*(?:\s*of\s*\d*)?"
    r"|(?<![\d/／])\d+\s*[/／]\s*\d+(?![\d/／])"
    rf"|(?<!\d)[{_DASH}]+\s*\d*\s*[{_DASH}]+(?!\d)",
    re.IGNORECASE,
)
"""A page number in words: 第 1 页, 共 5 页, Page 1 of 5, 1/5, - 1 - (the figures may be
gone with their fields); not a date (2024/12/31, 2024-12-31)."""
_DASHES: Final = re.compile(rf"[\s{_DASH}·•/／,，、|]+")
_FIGURE: Final = re.compile(r"\d+(?:\.\d+)?")
_FIELD_CODE: Final = re.compile(r"\s*([A-Za-z]+)")


def is_page_field(code: str) -> bool:
    """Whether the field code ``code`` (`` PAGE \\* MERGEFORMAT ``) shows a page number."""
    match = _FIELD_CODE.match(code)
    return match is not None and match.group(1).upper() in PAGE_FIELDS


def unfurnished(line: str) -> str:
    """``line`` of a header or footer without its page-number furniture: empty when it
    holds nothing else.

    >>> [unfurnished(s) for s in ("第 1 页 共 5 页", "- 3 -", "1/5", "7", "Page 2 of 9")]
    ['', '', '', '', '']
    >>> unfurnished("某县人民政府  第 1 页")
    '某县人民政府'
    >>> unfurnished("—  —  2024年度报告")
    '2024年度报告'
    >>> unfurnished("2024-12-31 2024/12/31")
    '2024-12-31 2024/12/31'
    """
    rest = _PAGE_WORDS.sub(" ", line)
    left = _DASHES.sub(" ", rest).split()
    if not left or (len(left) == 1 and left[0].isascii() and left[0].isdigit()):
        return ""  # (nothing, or a lone number)
    return " ".join(rest.split())


def furniture_findings(
    headers: Iterable[str],
    footers: Iterable[str],
    boxes: Iterable[str] = (),
    *,
    stories: Iterable[tuple[str, Iterable[str]]] = (),
) -> list[Finding]:
    """A ``parse.unread-text`` finding for the headers, one for the footers (and one
    for the text boxes of a ``.doc``'s headers and footers, and one for each further
    story and its lines of ``stories``: a PDF's running heads and feet), each from the
    lines they hold (page numbers taken out; the same
    line counted once): a warning when they hold figures, else information (a header
    holding the organ's name); none for headers or footers of page numbers alone."""
    out: list[Finding] = []
    every = (
        (HEADERS, headers),
        (FOOTERS, footers),
        (BOXES, boxes),
        *stories,
    )
    for story, lines in every:
        kept = list(dict.fromkeys(t for ln in lines if (t := unfurnished(ln))))
        written = "".join("".join(kept).split())
        if not written:
            continue
        figures = _FIGURE.findall(" ".join(kept))
        out.append(
            finding(
                "parse.unread-text",
                severity=None if figures else Severity.INFO,
                story=story,
                count=len(written),
                cells=", ".join(figures) or "—",
            )
        )
    return out
