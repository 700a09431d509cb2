"""NFKC normalisation with a fast path for the text reports are written in.

``unicodedata.normalize("NFKC", s)`` costs about a microsecond a character on Chinese
text with full-width punctuation, and the readers normalise every paragraph. For a
string made only of characters whose NFKC form is one character that takes part in no
canonical reordering or composition (ASCII, CJK unified ideographs, CJK symbols and
punctuation, full-width forms), NFKC is that character-by-character mapping, which
``str.translate`` applies in C. Any other string takes the standard path.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["nfkc", "per_character"]

_RANGES: Final = (
    (0x0000, 0x007F),  # ASCII
    (0x2000, 0x206F),  # general punctuation: quotation marks, dashes, ellipsis
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、 。 《 》 「 」
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xFF01, 0xFF5E),  # full-width ASCII forms
)


def _simple() -> tuple[str, dict[int, str]]:
    """The characters of the fast path (as a regex class of ranges) and their NFKC mapping."""
    runs: list[tuple[int, int]] = [(0x4E00, 0x9FFF)]  # unified ideographs: all NFKC-stable
    table: dict[int, str] = {}
    for lo, hi in _RANGES:
        if lo == 0x4E00:
            continue
        for cp in range(lo, hi + 1):
            c = chr(cp)
            d = unicodedata.normalize("NFKC", c)
            if len(d) != 1 or unicodedata.combining(c) or unicodedata.combining(d):
                continue
            if unicodedata.category(c) in {"Cn", "Cs", "Mn", "Mc", "Me"}:
                continue
            if runs and runs[-1][1] == cp - 1:
                runs[-1] = (runs[-1][0], cp)
            else:
                runs.append((cp, cp))
            if d != c:
                table[cp] = d
    keep = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs
    )
    return keep, table


_KEEP, _TABLE = _simple()
_OTHER: Final = re.compile(f"[^{_KEEP}]")
_CHANGED: Final = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE)) + "]")
_BY_CHAR: Final = {chr(cp): d for cp, d in _TABLE.items()}


_COMMON: Final = tuple((c, _BY_CHAR[c]) for c in "，（）：；？！　" if c in _BY_CHAR)
"""The mapped characters reports are full of, replaced in C before any other."""


def _mapped(m: re.Match[str]) -> str:
    return _BY_CHAR[m.group()]


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster on ordinary report text."""
    if text.isascii():
        return text
    if _OTHER.search(text) is None:
        for c, d in _COMMON:
            if c in text:
                text = text.replace(c, d)
        # each mapped form is NFKC-stable: replacing in any order gives the same result
        return _CHANGED.sub(_mapped, text) if _CHANGED.search(text) else text
    return unicodedata.normalize("NFKC", text)


def per_character(text: str) -> bool:
    """Whether :func:`nfkc` maps ``text`` one character at a time, each character of
    the fast path to itself or to the one character of its NFKC form (ASCII, CJK
    ideographs and punctuation, full-width forms): a CJK ideograph is then in
    ``nfkc(text)`` only if it is in ``text``."""
    return text.isascii() or _OTHER.search(text) is None
