"""Reading English renderings: the renderers' English wording put back into the official
Chinese one, so that the shared reading layer recognises headings, captions and labels.

>>> english_text("I. Overview")
'一、总体情况'
>>> english_text("January 20, 2025")
'2025年1月20日'
>>> english_text("某县某局的说明")
'某县某局的说明'
"""

from __future__ import annotations

import functools
import re
from typing import Final

import attrs

from govdisclosure.formats._raw import Block, RawParagraph
from govdisclosure.template import Edition, edition_for_year, english_glosses, template

__all__ = ["english_headings", "english_text", "english_to_official", "translate"]


@functools.cache
def _from_english() -> dict[str, str]:
    """The English glosses the renderers print, back to the official wording."""
    return {en: zh for zh, en in english_glosses().items()}


_EN_DATE: Final = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (\d{1,2}), (\d{4})$"
)
_MONTHS: Final = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@functools.cache
def _english_title() -> re.Pattern[str]:
    pattern = re.escape(template(Edition.V2021).title_en)
    pattern = pattern.replace(r"\{organ\}", "(?P<organ>.+)").replace(
        r"\{year\}", r"(?P<year>\d{4})"
    )
    return re.compile(f"^{pattern}$")


def english_text(text: str) -> str:
    """One English paragraph or cell of a rendering, in Chinese (as it was, if it is
    none of the renderers' English wordings)."""
    known = _from_english().get(text)
    if known is not None:
        return known
    m = _EN_DATE.match(text)
    if m:
        return f"{m.group(3)}年{_MONTHS.index(m.group(1)) + 1}月{int(m.group(2))}日"
    m = _english_title().match(text)
    if m:
        organ, year = m.group("organ"), m.group("year")
        return template(edition_for_year(int(year))).title.format(organ=organ, year=year)
    return text


def translate(blocks: list[Block]) -> list[Block]:
    """Blocks of an English rendering (a page of ``render_html``, the Markdown of
    ``render_markdown``), with the official Chinese wording put back so that the
    assembler recognises them."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, RawParagraph):
            out.append(attrs.evolve(block, text=english_text(block.text)))
        else:
            rows = tuple(
                attrs.evolve(
                    row,
                    cells=tuple(attrs.evolve(c, text=english_text(c.text)) for c in row.cells),
                )
                for row in block.rows
            )
            out.append(attrs.evolve(block, rows=rows))
    return out


@functools.cache
def english_headings() -> frozenset[str]:
    """The six section headings as the English renderings print them (``I. Overview``):
    a text with one of them as a paragraph of its own is an English rendering."""
    return frozenset(s.heading_en for e in Edition for s in template(e).sections)


def english_to_official(blocks: list[Block]) -> list[Block]:
    """``blocks`` translated (:func:`translate`) if they are those of an English rendering
    (a paragraph is an English section heading), else as they are: for readers of
    formats with no mark of their language (Markdown, Word)."""
    headings = english_headings()
    if any(isinstance(b, RawParagraph) and b.text.strip() in headings for b in blocks):
        return translate(blocks)
    return blocks
