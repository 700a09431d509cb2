"""Text that a page raises or lowers by its style rather than with ``<sup>``/``<sub>``.

A footnote mark beside a figure is often set with CSS: ``<span style="vertical-align:
super">1</span>`` (Google Docs and many web editors), or a class that the page's
``<style>`` sheet raises (``.fn{vertical-align:super}``). Read as plain text, ``0`` and
its mark ``1`` would become the figure ``01``; the HTML reader reads such an element as
a ``<sup>``. (A run that Word raised by a position, ``mso-text-raise``, is not looked
for: one more search of every page for a formatting that tables hardly hold.)

>>> from lxml import html
>>> page = ('<div><style>td .n, p{vertical-align: super}</style><table><tr>'
...     '<td>5<span style="vertical-align:super">1</span></td>'
...     '<td>7<span class="n">2</span></td>'
...     '<td style="vertical-align: super">3</td></tr></table></div>')
>>> sorted(raising(page))
['n']
>>> sorted(el.text for el in raised_elements(html.fromstring(page), raising(page)))
['1', '2']
>>> raising(b'<td style="vertical-align:middle">3</td>') is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from typing import Final

from lxml import etree

__all__ = ["raised_elements", "raising"]

_NONZERO: Final = r"[-+]?[0.]*[1-9]"
"""A length or percentage that is not zero (``3pt``, ``-0.5em``, ``50%``): a digit
other than 0 after any zeros and points (one pass however long the figure)."""
_RAISING: Final = rf"vertical-align\s*:\s*(?:super|sub|{_NONZERO})"
_RAISED: Final = re.compile(_RAISING, re.IGNORECASE)
"""A declaration that moves text off the line (``vertical-align: middle`` does not)."""
_RAISED_BYTES: Final = re.compile(_RAISING.encode("ascii"))
_WORD: Final = b"vertical-align"
"""What a page that raises text holds (looked for before the pattern: faster)."""
_BLOCKS: Final = frozenset(
    [
        "html",
        "body",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "colgroup",
        "col",
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "nav",
        "aside",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "form",
        "center",
        "br",
        "hr",
        "img",
    ]
)
"""What is no run of text (a table's parts, a block): read as it is, whatever its style."""
_CLASS_NAME: Final = re.compile(r"\.([\w-]+)\s*$")


def raising(data: bytes | str) -> frozenset[str] | None:
    """``None`` when a page's source raises or lowers no text by style (it holds no such
    declaration written in lower case, as editors and Word write them); else the names
    of the classes that its ``<style>`` sheets raise (read from the source, since the
    reader drops the sheets when it parses the page), maybe none."""
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "replace")
    if _WORD not in raw or _RAISED_BYTES.search(raw) is None:
        return None
    names: set[str] = set()
    for sheet in _sheets(raw):
        # rule by rule (split, not a pattern: a long sheet is read in one pass)
        for rule in sheet.split("}"):
            selectors, _, body = rule.rpartition("{")
            if not _RAISED.search(body):
                continue
            for selector in selectors.split(","):
                m = _CLASS_NAME.search(selector.strip())
                if m is not None:
                    names.add(m.group(1))
    return frozenset(names)


def _sheets(raw: bytes) -> Iterator[str]:
    """The text of each ``<style>`` element of a page's source (lower-case tags, as
    pages write them), found in one pass: an unclosed one runs to the end."""
    at = raw.find(b"<style")
    while at >= 0:
        start = raw.find(b">", at) + 1
        if start == 0:
            return
        end = raw.find(b"</style", start)
        yield raw[start : end if end >= 0 else len(raw)].decode("utf-8", "replace")
        if end < 0:
            return
        at = raw.find(b"<style", end)


def raised_elements(root: etree._Element, classes: AbstractSet[str]) -> list[etree._Element]:
    """The inline elements under ``root`` (a ``<span>``, ``<font>``, ``<a>`` …, not a
    cell, a row or a paragraph) whose own style raises or lowers their text, or whose
    class is one of ``classes`` (see :func:`raising`): the HTML reader reads each as a
    ``<sup>``."""
    return [
        el
        for el in root.iter(etree.Element)  # (elements only: no comment or entity)
        if el.tag not in _BLOCKS and _raised(el, classes)
    ]


def _raised(el: etree._Element, classes: AbstractSet[str]) -> bool:
    """Whether ``el``'s own style, or one of its classes among ``classes``, raises it."""
    style = el.get("style")
    if style and _RAISED.search(style):
        return True
    names = el.get("class") if classes else None
    return names is not None and any(n in classes for n in names.split())
