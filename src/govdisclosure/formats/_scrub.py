"""Make text safe to write: lone surrogates become U+FFFD.

Python strings may hold lone surrogates (from ``surrogateescape`` decoding, or from a
caller's data); such a string cannot be encoded as UTF-8. Every renderer's output and
``to_json`` pass through :func:`scrub` so that what they return can always be written.
"""

from __future__ import annotations

import re
from typing import Final

_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (fast for ordinary text).

    >>> scrub("abc"), scrub("a\\ud800b")
    ('abc', 'a\\ufffdb')
    """
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)
