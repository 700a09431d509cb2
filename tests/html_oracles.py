"""Plain, slow oracles of the HTML reader's content container choice.

Shared by the tests of the reader's fast paths (``test_html_fast``, ``test_html_page_fast``):
each computes what the reader computes the obvious way, serialising and searching every
candidate element on its own.
"""

from __future__ import annotations

from lxml import etree

from govdisclosure.formats import _container as C
from govdisclosure.formats import html as H


def text_of(el: etree._Element) -> str:
    """An element's text, serialised by lxml (without its tail)."""
    out = etree.tostring(el, method="text", encoding="unicode", with_tail=False)
    assert isinstance(out, str)
    return out


def section_hits(text: str) -> int:
    """How many distinct section headings ``text`` holds."""
    rx, ids = C._headings()
    return len({ids[m.group(0)] for m in rx.finditer(text)})


def chrome_count(text: str) -> int:
    """How many chrome words (navigation, sharing, footer) ``text`` holds."""
    return sum(text.count(w) for w in H._CHROME_WORDS)


def container(body: etree._Element) -> etree._Element:
    """The container choice, every candidate serialised and searched on its own."""
    best: tuple[float, ...] | None = None
    chosen = body
    report_table = {t: any(w in text_of(t) for w in H._TABLE_WORDS) for t in body.iter("table")}
    for el in body.iter("div", "article", "section", "main", "td", "body"):
        text = text_of(el)
        if len(text) < 20:
            continue
        hits = section_hits(text)
        tables = sum(report_table.get(t, False) for t in el.iter("table"))
        if hits == 0 and tables == 0:
            continue
        first = hits + min(tables, 3)
        known = max(
            (w for pat, w in C._KNOWN_CONTAINERS for a in C._attr_words(el) if pat.match(a)),
            default=0,
        )
        links = sum(len(text_of(a)) for a in el.iterdescendants("a"))
        key = (first, known - 5 * chrome_count(text) - 50 * links / len(text), -len(text))
        if best is None or key > best:
            best, chosen = key, el
    return chosen
