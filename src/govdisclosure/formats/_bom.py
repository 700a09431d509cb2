"""The byte-order marks that decide a file's encoding before anything else."""

from __future__ import annotations

import codecs
from typing import Final

__all__ = ["BOMS", "bom_codec"]

BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    # UTF-32's little-endian mark starts with UTF-16's: it is tested first
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Each mark and the codec that reads the bytes it starts (the mark included)."""


def bom_codec(data: bytes) -> str | None:
    """The codec named by the byte-order mark ``data`` starts with; ``None`` without one.

    >>> bom_codec("报告".encode("utf-16")), bom_codec(b"\\xef\\xbb\\xbfabc"), bom_codec(b"abc")
    ('utf-16', 'utf-8-sig', None)
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec
    return None
