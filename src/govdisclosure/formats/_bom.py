"""The byte-order marks that decide a file's encoding before anything else, and a
decoding that counts the bytes it replaces."""

from __future__ import annotations

import codecs
import threading
from typing import Final, NamedTuple

from govdisclosure.checks.registry import finding
from govdisclosure.model import Finding

__all__ = [
    "BOMS",
    "Replaced",
    "bom_codec",
    "decode_fewest_replaced",
    "decode_replacing",
    "replaced_finding",
]

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


class Replaced(NamedTuple):
    """The bytes a decoding replaced with U+FFFD: how many, and where the first was."""

    size: int
    """How many bytes were replaced (a run the codec cannot decode is one U+FFFD)."""
    first: int
    """The offset of the first of them in the bytes decoded."""


_spans = threading.local()
"""The runs of bytes replaced by the decoding under way in this thread."""


def _replace_counted(exc: UnicodeError) -> tuple[str, int]:
    """The ``replace`` error handler, noting the run of bytes it replaces."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _spans.runs.append((exc.start, exc.end))
    return "\ufffd", exc.end


_HANDLER: Final = "govdisclosure.replace-counted"
codecs.register_error(_HANDLER, _replace_counted)


def decode_replacing(data: bytes, codec: str) -> tuple[str, Replaced | None]:
    """``data.decode(codec, errors="replace")``, and the bytes it replaced (``None``
    when it replaced none).

    >>> decode_replacing(b"ab\\xffcd", "utf-8")
    ('ab\\ufffdcd', Replaced(size=1, first=2))
    >>> decode_replacing(b"\\xef\\xbb\\xbfa\\xff\\xfe", "utf-8-sig")
    ('a\\ufffd\\ufffd', Replaced(size=2, first=4))
    """
    skip = 0
    if codec == "utf-8-sig" and data.startswith(codecs.BOM_UTF8):
        # (the codec reports offsets after the mark it takes off)
        skip, codec = len(codecs.BOM_UTF8), "utf-8"
    outer = getattr(_spans, "runs", None)
    runs: list[tuple[int, int]] = []
    _spans.runs = runs
    try:
        text = (data[skip:] if skip else data).decode(codec, errors=_HANDLER)
    finally:
        _spans.runs = outer
    if not runs:
        return text, None
    return text, Replaced(sum(end - start for start, end in runs), runs[0][0] + skip)


def decode_fewest_replaced(data: bytes, codecs_: tuple[str, ...]) -> tuple[str, str, Replaced]:
    """The text, codec and bytes replaced of the decoding of ``data`` by one of
    ``codecs_`` (none of which decodes it whole) that replaces the fewest bytes, the
    first of them on a tie: a GBK text with one stray byte is read as GB18030, its
    characters kept, not as UTF-8 with every character replaced.

    >>> text, codec, replaced = decode_fewest_replaced(
    ...     "报告".encode("gbk") + b"\\x80", ("utf-8", "gb18030"))
    >>> text, codec, replaced
    ('报告\\ufffd', 'gb18030', Replaced(size=1, first=4))
    """
    decoded = []
    for codec in codecs_:
        text, replaced = decode_replacing(data, codec)
        decoded.append((text, codec, replaced or Replaced(0, len(data))))
    return min(decoded, key=lambda d: d[2].size)  # (min keeps the first of a tie)


def replaced_finding(encoding: str, replaced: Replaced) -> Finding:
    """The ``parse.bytes-replaced`` finding of a decoding as ``encoding`` (its name as
    the reader gives it: ``UTF-8``, ``GB18030``) that replaced ``replaced``."""
    return finding(
        "parse.bytes-replaced", encoding=encoding, count=replaced.size, offset=replaced.first
    )
