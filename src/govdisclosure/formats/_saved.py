"""Pages saved in other forms than a plain web page: an MHTML file ("save as single
file": a MIME ``multipart/related`` document holding the page and its pictures) and a
gzip-compressed body (what a crawler writes when it keeps a response's
``Content-Encoding``).

:func:`mhtml_page` takes the web page out of an MHTML file; :func:`gunzip` inflates a
gzip file a chunk at a time, refused with :class:`~govdisclosure.LimitExceeded` as soon
as it passes ``max_bytes``. Neither fetches anything.

>>> import gzip
>>> gunzip(gzip.compress(b"<p>x</p>"), Limits())
b'<p>x</p>'
>>> gunzip(gzip.compress(bytes(5000)), Limits(max_bytes=1000))
Traceback (most recent call last):
...
govdisclosure.errors.LimitExceeded: bytes of the input, inflated: 5000, more than max_bytes=1000
"""

from __future__ import annotations

import email
import email.policy
import re
import zlib
from collections.abc import Iterator
from typing import Any, Final

from govdisclosure.checks.registry import N_
from govdisclosure.errors import ParseError
from govdisclosure.limits import Limits

__all__ = ["gunzip", "gzip_head", "inflated_chunks", "is_gzip", "is_mhtml", "mhtml_page"]

_GZIP: Final = b"\x1f\x8b\x08"
_CHUNK: Final = 64 * 1024
_MIME_VERSION: Final = re.compile(rb"^mime-version[ \t]*:", re.IGNORECASE | re.MULTILINE)
_MULTIPART: Final = re.compile(
    rb"^content-type[ \t]*:[ \t]*multipart/(?:related|mixed|alternative)\b",
    re.IGNORECASE | re.MULTILINE,
)
_HEAD: Final = 8192
_BLANK_LINE: Final = re.compile(rb"\n[ \t]*\r?\n")


def is_gzip(data: bytes) -> bool:
    """Whether ``data`` is a gzip file (its magic number and the deflate method)."""
    return data[:3] == _GZIP


def gzip_head(data: bytes, size: int = _CHUNK) -> bytes:
    """The first ``size`` bytes (at most) that the gzip file ``data`` inflates to, or
    what inflates before the damage of a damaged one; nothing more is inflated."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data, size)
    except zlib.error:
        return b""


def inflated_chunks(inflater: Any, data: bytes, size: int = _CHUNK) -> Iterator[bytes]:
    """What ``inflater`` (a ``zlib.decompressobj``) makes of ``data``, at most ``size``
    bytes at a time, until its stream ends or the input is used up: a caller that keeps
    no chunk holds a chunk's memory whatever the stream inflates to. ``zlib.error``
    (damage) is raised where it is met; what follows the stream is left in
    ``inflater.unused_data``. (Gzip files here; the content streams of PDF pages too.)"""
    tail = data
    while not inflater.eof:
        chunk = inflater.decompress(tail, size)
        tail = inflater.unconsumed_tail
        if chunk:
            yield chunk
        if not tail and len(chunk) < size:
            return  # the input used up, and nothing held back


def gunzip(data: bytes, limits: Limits) -> bytes:
    """What the gzip file ``data`` holds (every member of it, one after another).

    Inflated a chunk at a time: beyond ``limits.max_bytes`` it is refused with
    :class:`~govdisclosure.LimitExceeded` having inflated no more than a chunk past the
    limit. A damaged or truncated file raises :class:`~govdisclosure.ParseError`.
    """
    out: list[bytes] = []
    total = 0
    tail = data
    while True:
        inflater = zlib.decompressobj(wbits=31)  # one member
        try:
            for chunk in inflated_chunks(inflater, tail):
                total += len(chunk)
                limits.check("max_bytes", total, "bytes of the input, inflated")
                out.append(chunk)
        except zlib.error:
            msg = N_("a gzip-compressed file that is damaged: download it again")
            raise ParseError(msg) from None
        if not inflater.eof:
            msg = N_("a gzip-compressed file that is cut short: download it again")
            raise ParseError(msg)
        tail = inflater.unused_data.lstrip(b"\x00")  # (padding after a member)
        if not is_gzip(tail):
            return b"".join(out)


def is_mhtml(data: bytes) -> bool:
    """Whether ``data`` is an MHTML file: a MIME document (``MIME-Version``) whose
    headers, before the first blank line, say ``multipart/related`` (or ``mixed``,
    ``alternative``)."""
    head = data[:_HEAD].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"mime-version" not in head.lower():
        # (most inputs: a web page holds no such words, and looking for them in a copy
        # in ASCII lower case costs a tenth of the pattern's search)
        return False
    # the headers end at the first blank line, ``\r?\n[ \t]*\r?\n``: found by its
    # ``\n`` (a pattern that begins with an optional ``\r`` is tried at every byte: 130
    # µs on a 60 KB web page's first 8 KB); a ``\r`` left at their end matches nothing
    blank = _BLANK_LINE.search(head)
    headers = head if blank is None else head[: blank.start()]
    return _MIME_VERSION.search(headers) is not None and _MULTIPART.search(headers) is not None


def mhtml_page(data: bytes, limits: Limits) -> tuple[bytes, str | None]:
    """The web page an MHTML file holds, decoded from its transfer encoding
    (quoted-printable, base64), and the charset its part declares (``None`` when it
    declares none).

    The page is the ``text/html`` part that the document names as its root (by the
    ``start`` parameter, or the ``Snapshot-Content-Location`` or ``Content-Location`` of
    the document), else the first one. Raises :class:`~govdisclosure.ParseError` when
    there is none or its parts are nested too deeply for Python's MIME parser, and
    :class:`~govdisclosure.LimitExceeded` when the page is beyond ``limits.max_bytes``.
    """
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        pages = [part for part in message.walk() if part.get_content_type() == "text/html"]
    except RecursionError:
        # (the standard library's MIME parser recurses into each part it reads: parts
        # nested a thousand deep exhaust Python's stack)
        msg = N_("an MHTML file (.mht) whose parts are nested too deeply to be read")
        raise ParseError(msg) from None
    if not pages:
        msg = N_("an MHTML file (.mht) that holds no web page")
        raise ParseError(msg)
    start = message.get_param("start")
    root_id = start.strip().strip("<>") if isinstance(start, str) else None
    location = message.get("Snapshot-Content-Location") or message.get("Content-Location")
    page = pages[0]
    for part in pages:
        part_id = str(part.get("Content-ID", "")).strip().strip("<>")
        part_location = str(part.get("Content-Location", "")).strip()
        if (root_id and part_id == root_id) or (
            root_id is None and location and part_location == str(location).strip()
        ):
            page = part
            break
    payload = page.get_payload(decode=True)
    body = payload if isinstance(payload, bytes) else b""
    limits.check("max_bytes", len(body), "bytes of the web page of the MHTML file")
    return body, page.get_content_charset()
