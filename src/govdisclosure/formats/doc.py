"""Word 97–2003 (``.doc``): a report in Word's binary format, read as text.

Government sites often attach the report as a ``.doc``, saved from WPS or from an old
Word; WPS also names such a file ``.wps``. What is read is the content, whatever the
file is called (a ``.wps`` of Microsoft Works, another format, is refused as a compound
file that is not a Word document). Such a file is an OLE2 compound file (read by
:mod:`govdisclosure.formats._cfb`, no dependency) whose ``WordDocument`` stream starts
with the FIB (File Information Block): its ``fWhichTblStm`` bit chooses the table stream (``1Table`` or ``0Table``),
where the CLX at ``fcClx`` holds the piece table. Each piece is a run of the
document's characters and where they are in ``WordDocument``: 8-bit (cp1252,
``fCompressed``) or UTF-16LE. The main document is read (the first ``ccpText``
characters) and its footnotes and endnotes, which come after it: each note's text
(``PlcffndTxt``, ``PlcfendTxt``) after the paragraph whose reference (``PlcffndRef``,
``PlcfendRef``) is first, or after the table, as the Word reader reads the notes of a
``.docx``. Headers and footers, comments and text boxes are not read: each that holds
text is named in a ``parse.unread-text`` finding (headers and footers beyond their
page numbers: ``govdisclosure.formats._furniture``).

In the text Word keeps, a paragraph ends with ``\\r``; a table cell with ``\\x07``,
and a row with a further ``\\x07`` whose paragraph is the row's end (the ``sprmPFTtp``
of its paragraph properties, read from the FKPs of ``PlcfBtePapx``: an empty cell's
mark is a ``\\x07`` after a ``\\x07`` too). :func:`doc_lines` turns the text into what
the text reader reads: a paragraph a line (a line break, a page or column break ends
a line too, except in a table cell), a table row a line of its cells separated by
tabs (a cell of several paragraphs or lines on one line, joined by a space; a table
in a cell is more text of the cell), a field by its result
(``\\x13`` code ``\\x14`` result ``\\x15``: the code is dropped), a non-breaking hyphen
as a hyphen; pictures and drawn objects (``\\x01``, ``\\x08``), an optional hyphen and
the other marks are not text. :func:`parse_doc` reads those lines with the text
reader (:func:`~govdisclosure.parse_text`), all its repairs included; each source is
a line of them (``Source(line=…, column=…)``). The English layout of
``render_docx(report, locale="en")`` is read as the Chinese one, its English wording
put back (:mod:`govdisclosure.formats._english`), as the Word reader does.

Encrypted documents, documents of Word 6.0 or Word 95 (an older FIB) and documents of
pictures and no text (a scan) are refused with a :class:`~govdisclosure.ParseError`
that says so; a damaged one (a structure that points outside its stream, pieces that
overlap or do not cover the text) with one that says what is wrong.
"""

from __future__ import annotations

import bisect
import os
import re
import struct
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from govdisclosure.checks.registry import N_, finding
from govdisclosure.errors import ParseError
from govdisclosure.formats._cfb import CompoundFile
from govdisclosure.formats._english import english_headings, english_text
from govdisclosure.formats._furniture import (
    BOXES,
    FOOTERS,
    HEADERS,
    furniture_findings,
    is_page_field,
)
from govdisclosure.formats._raw import Block, RawTable, make_image
from govdisclosure.limits import Limits, input_size, read_input, resolve
from govdisclosure.model import Finding, Report, Source

__all__ = ["CELL", "ROW", "doc_lines", "doc_reports", "parse_doc", "read_doc"]

_WIDENT: Final = 0xA5EC
_WORD97: Final = 0x00C0
"""The first nFib of Word 97 (its pre-releases; Word 97 writes 0x00C1): an earlier one
is Word 6.0 or 95."""
_ENCRYPTED: Final = 0x0100
_TABLE_1: Final = 0x0200
_CLX: Final = 33
"""fcClx/lcbClx: the 34th pair of FibRgFcLcb97."""
_BTE_PAPX: Final = 13
"""fcPlcfBtePapx/lcbPlcfBtePapx."""
_HDD: Final = 11
"""fcPlcfHdd/lcbPlcfHdd: where each story of the header document begins."""
_HEADER_KINDS: Final = (HEADERS, HEADERS, FOOTERS, FOOTERS, HEADERS, FOOTERS)
"""The six stories of a section in the header document: the even and odd headers,
the even and odd footers, the first page's header and footer (after the six stories
of the notes' separators)."""
_FOOTNOTES: Final = 2
"""fcPlcffndRef (the footnotes' references), then fcPlcffndTxt (their text)."""
_ENDNOTES: Final = 46
"""fcPlcfendRef (the endnotes' references), then fcPlcfendTxt (their text)."""
_TTP: Final = 0x2417
"""sprmPFTtp: the paragraph is the end of a table row."""
_OPERAND: Final = (1, 1, 2, 4, 2, 2, 0, 3)
"""The size of a sprm's operand by its spra (bits 13–15); 0 for a variable size."""
_SPACE: Final = "\t\xa0"
_BREAKS: Final = "\x0b\x0c\x0e"
"""A line break, a page or section break, a column break: each ends a line."""
_FIGURE: Final = re.compile(r"\d+(?:\.\d+)?")
"""A figure in text the reader does not read (quoted in its finding)."""
_NOT_TEXT: Final = dict.fromkeys(map(ord, "\r\x07\x0b\x0c\x01\x08\x13\x14\x15"), " ")
"""Word's marks in a story's text: paragraph and cell ends, breaks, objects, fields."""


_HUGE: Final = 0x6646
"""sprmPHugePapx: the paragraph's properties are in the ``Data`` stream, at its operand."""
_IN_TABLE: Final = (0x2416, 0x6649, 0x244B, 0x244C)
"""sprmPFInTable, sprmPItap: the paragraph is in a table (a cell's paragraph); and
sprmPFInnerTableCell, sprmPFInnerTtp, which end the cells and rows of a table in a
cell: read as paragraphs of the outer cell."""
CELL: Final = 1
"""A paragraph mark in a table cell (:func:`doc_lines`)."""
ROW: Final = 2
"""The mark that ends a table row (:func:`doc_lines`)."""
DAMAGED: Final = N_(
    "a damaged Word 97-2003 document (.doc): open it in Word or WPS, save it as .docx or "
    "PDF and read that"
)
_WORD6: Final = N_(
    "a Word 6.0 or Word 95 document, which is not read: open it in Word or WPS, save it "
    "as .docx or PDF and read that"
)
_LOCKED: Final = N_(
    "the Word document is encrypted (protected by a password): open it, save it without "
    "the password and read that"
)
_EMPTY: Final = N_("the Word document is empty")
_PICTURES: Final = N_("the Word document has no text, only pictures (a scan?); run OCR first")


def _damaged(what: str) -> ParseError:
    return ParseError(f"not a readable Word 97-2003 document: {what}", reason=DAMAGED)


def _u16(data: bytes, at: int) -> int:
    if at + 2 > len(data):
        raise _damaged("its FIB is cut short")
    value: int = struct.unpack_from("<H", data, at)[0]
    return value


@attrs.frozen
class _Fib:
    """What the reader takes of the FIB at the start of ``WordDocument``."""

    ccps: tuple[int, ...]
    """FibRgLw97 from ``ccpText`` on: the characters of the main document, the
    footnotes, the headers, (a reserved count), the comments, the endnotes …"""
    pairs: tuple[int, ...]
    """FibRgFcLcb97 as ``fc, lcb, fc, lcb …``."""
    encrypted: bool
    table: str
    """The table stream, ``1Table`` or ``0Table`` (``fWhichTblStm``)."""

    def pair(self, index: int) -> tuple[int, int]:
        """The ``index``-th (fc, lcb) pair, ``(0, 0)`` beyond those the FIB has."""
        if 2 * index + 1 >= len(self.pairs):
            return 0, 0
        return self.pairs[2 * index], self.pairs[2 * index + 1]


def _fib(stream: bytes) -> _Fib:
    """The FIB of ``WordDocument``; Word 6.0 and 95 documents (an older FIB) refused."""
    if len(stream) < 34:
        raise _damaged("its WordDocument stream is cut short")
    ident, nfib = struct.unpack_from("<2H", stream, 0)
    if ident != _WIDENT:
        raise _damaged(f"WordDocument starts with 0x{ident:04X}, not 0xA5EC")
    if nfib < _WORD97:
        version = {101: "Word 6.0", 103: "Word 6.0", 104: "Word 95", 105: "Word 95"}
        named = version.get(nfib, "a version before Word 97")
        raise ParseError(f"{_WORD6} ({named}, nFib {nfib})", reason=_WORD6)
    (flags,) = struct.unpack_from("<H", stream, 10)
    at = 34 + 2 * _u16(stream, 32)
    cslw = _u16(stream, at)
    longs = at + 2
    at = longs + 4 * cslw
    pairs = _u16(stream, at)
    blob = at + 2
    if cslw < 4 or pairs <= _CLX or blob + 8 * pairs > len(stream):
        raise _damaged(f"its FIB is cut short ({cslw} longs, {pairs} pairs)")
    return _Fib(
        ccps=struct.unpack_from(f"<{cslw - 3}i", stream, longs + 12),
        pairs=struct.unpack_from(f"<{2 * pairs}I", stream, blob),
        encrypted=bool(flags & _ENCRYPTED),
        table="1Table" if flags & _TABLE_1 else "0Table",
    )


def _notes(fib: _Fib, table: bytes, ccp_text: int) -> list[tuple[int, int, int]]:
    """The footnotes and endnotes: ``(the cp of the reference in the main document,
    the first cp of the note's text, the cp after it)``, in the order of the
    references."""
    ccps = (*fib.ccps, 0, 0, 0, 0, 0, 0)
    starts = {_FOOTNOTES: ccp_text, _ENDNOTES: ccp_text + ccps[1] + ccps[2] + ccps[3] + ccps[4]}
    out: list[tuple[int, int, int]] = []
    for ref_pair, start in starts.items():
        fc_ref, lcb_ref = fib.pair(ref_pair)
        fc_txt, lcb_txt = fib.pair(ref_pair + 1)
        n = (lcb_ref - 4) // 6 if lcb_ref >= 10 else 0
        if n == 0:
            continue
        if fc_ref + lcb_ref > len(table) or lcb_txt < 4 * (n + 1) or fc_txt + lcb_txt > len(table):
            raise _damaged("its list of notes lies outside the table stream")
        refs = struct.unpack_from(f"<{n}i", table, fc_ref)
        texts = struct.unpack_from(f"<{n + 1}i", table, fc_txt)
        for k in range(n):
            first, after = start + texts[k], start + texts[k + 1]
            if not 0 <= refs[k] < ccp_text or not start <= first <= after:
                raise _damaged(f"note {k + 1} refers to characters it does not have")
            out.append((refs[k], first, after))
    return sorted(out)


def _pieces(table: bytes, fc_clx: int, lcb_clx: int) -> list[tuple[int, int, int, bool]]:
    """The pieces of the CLX, in order: ``(first cp, cp after, byte offset in
    WordDocument, compressed)``."""
    if lcb_clx == 0 or fc_clx + lcb_clx > len(table):
        raise _damaged(
            f"its piece table (at {fc_clx}, {lcb_clx} bytes) is outside the table stream "
            f"({len(table)} bytes)"
        )
    clx = table[fc_clx : fc_clx + lcb_clx]
    at = 0
    while at + 3 <= len(clx) and clx[at] == 0x01:  # a Prc (property changes): skipped
        (size,) = struct.unpack_from("<h", clx, at + 1)
        at += 3 + max(size, 0)
    if at + 5 > len(clx) or clx[at] != 0x02:
        raise _damaged("its CLX holds no piece table")
    (lcb,) = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5 : at + 5 + lcb]
    n = (len(plc) - 4) // 12
    if n < 1 or lcb != len(plc):
        raise _damaged("its piece table is cut short")
    cps = struct.unpack_from(f"<{n + 1}i", plc)
    out: list[tuple[int, int, int, bool]] = []
    for i in range(n):
        (fc,) = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)
        compressed = bool(fc & 0x40000000)
        fc &= 0x3FFFFFFF
        start, end = cps[i], cps[i + 1]
        if start < 0 or end < start or (out and start != out[-1][1]):
            raise _damaged(f"piece {i} of its text runs from {start} to {end}")
        out.append((start, end, fc // 2 if compressed else fc, compressed))
    return out


def _decode(raw: bytes, compressed: bool) -> str:
    """The characters of ``raw``, one for each of its code units (a surrogate pair
    is two until :func:`doc_lines` joins them)."""
    if not compressed:
        text = raw.decode("utf-16-le", errors="surrogatepass")
        if len(text) == len(raw) // 2:
            return text
        return "".join(map(chr, struct.unpack(f"<{len(raw) // 2}H", raw)))
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # (the five bytes cp1252 leaves undefined: as Latin-1)
        return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw)


class _Paragraphs:
    """What the paragraph that ends at a byte of ``WordDocument`` is (:data:`CELL`,
    :data:`ROW` or 0): its properties (PAPX) in the FKP pages ``PlcfBtePapx`` lists."""

    def __init__(self, stream: bytes, table: bytes, data: bytes, fc: int, lcb: int) -> None:
        self._stream = stream
        self._data = data
        self._starts: tuple[int, ...] = ()
        self._pages: tuple[int, ...] = ()
        self._cache: dict[int, tuple[list[int], list[int]]] = {}
        if lcb < 12 or fc + lcb > len(table):
            return
        n = (lcb - 4) // 8
        self._starts = struct.unpack_from(f"<{n}I", table, fc)
        self._pages = struct.unpack_from(f"<{n}I", table, fc + 4 * (n + 1))

    def kind(self, fc: int) -> int:
        i = bisect.bisect_right(self._starts, fc) - 1
        if i < 0:
            return 0
        fcs, kinds = self._page(self._pages[i])
        j = bisect.bisect_right(fcs, fc) - 1
        return kinds[j] if 0 <= j < len(kinds) else 0

    def _page(self, pn: int) -> tuple[list[int], list[int]]:
        cached = self._cache.get(pn)
        if cached is not None:
            return cached
        page = self._stream[pn * 512 : pn * 512 + 512]
        fcs: list[int] = []
        kinds: list[int] = []
        if len(page) == 512:
            crun = min(page[511], 0x1D)
            fcs = list(struct.unpack_from(f"<{crun}I", page))
            for k in range(crun):
                b = page[4 * (crun + 1) + 13 * k]
                kinds.append(_papx_kind(page, 2 * b, self._data) if b else 0)
        self._cache[pn] = (fcs, kinds)
        return fcs, kinds


def _papx_kind(page: bytes, at: int, data: bytes) -> int:
    """:data:`ROW`, :data:`CELL` or 0, by the sprms of the PapxInFkp at ``at`` of an
    FKP page (and of the PAPX it puts in the ``Data`` stream when it is too large)."""
    if at + 1 >= 511:
        return 0
    cb = page[at]
    size, at = (2 * page[at + 1], at + 2) if cb == 0 else (2 * cb - 1, at + 1)
    kind, huge = _grpprl_kind(page, at + 2, min(at + size, 511))  # (after the istd)
    if huge is not None and huge + 2 <= len(data):
        (size,) = struct.unpack_from("<H", data, huge)
        more, _ = _grpprl_kind(data, huge + 2, min(huge + 2 + size, len(data)))
        kind = max(kind, more)
    return kind


def _grpprl_kind(buf: bytes, at: int, end: int) -> tuple[int, int | None]:
    """:data:`ROW`, :data:`CELL` or 0, by the sprms in ``buf[at:end]``; and the offset
    of the PAPX in the ``Data`` stream their sprmPHugePapx names, if any."""
    kind = 0
    huge = None
    while at + 2 <= end:
        (sprm,) = struct.unpack_from("<H", buf, at)
        at += 2
        operand = buf[at] if at < end else 0
        if sprm == _TTP and operand:
            kind = ROW
        elif sprm in _IN_TABLE and operand and not kind:
            kind = CELL
        elif sprm == _HUGE and at + 4 <= end:
            huge = struct.unpack_from("<I", buf, at)[0]
        width = _OPERAND[sprm >> 13]
        if width == 0:  # variable: a size byte (two for sprmTDefTable)
            width = 1 + operand
            if sprm == 0xD608 and at + 1 < end:
                width = 1 + (operand | buf[at + 1] << 8)
        at += width
    return kind, huge


def _text(
    cfb: CompoundFile, limits: Limits
) -> tuple[str, bytearray, int, list[tuple[int, int, int]], list[tuple[str, int, int]]]:
    """The characters of the main document and of its notes (and of its comments and
    text boxes, as far as its pieces hold them), for each :data:`ROW`, :data:`CELL` or
    0; the main document's length; its notes (:func:`_notes`); its comments and text
    boxes (:func:`_unread_stories`)."""
    stream = cfb.stream("WordDocument")
    if stream is None:  # (the caller sees to it)
        raise _damaged("no WordDocument stream")
    fib = _fib(stream)
    if fib.encrypted:
        raise ParseError(_LOCKED, reason=_LOCKED)
    table = cfb.stream(fib.table)
    if table is None:
        raise _damaged(f"its table stream {fib.table} is missing")
    ccp_text = fib.ccps[0]
    limits.check("max_bytes", max(ccp_text, 0), "characters of the Word document")
    if ccp_text <= 0:
        raise ParseError(_EMPTY, reason=_EMPTY)
    notes = _notes(fib, table, ccp_text)
    needed = max([ccp_text, *(after for _, _, after in notes)])
    # (the comments and text boxes are read as far as the pieces hold them: not needed)
    stories = _unread_stories(fib, table)
    upto = max([needed, *(min(b, len(stream)) for _, _, b in stories)])
    limits.check("max_bytes", needed, "characters of the Word document and its notes")
    paragraphs = _Paragraphs(stream, table, cfb.stream("Data") or b"", *fib.pair(_BTE_PAPX))
    chars: list[str] = []
    kinds = bytearray()
    for start, end, at, compressed in _pieces(table, *fib.pair(_CLX)):
        if start >= upto:
            break
        width = 1 if compressed else 2
        size = (min(end, upto) - start) * width
        if len(kinds) + size // width > len(stream):  # (pieces that overlap, hostile)
            raise _damaged(
                f"its pieces hold more characters than WordDocument's {len(stream)} bytes"
            )
        raw = stream[at : at + size]
        if len(raw) < size:
            raise _damaged(
                f"a piece of its text ({size} bytes at {at}) runs beyond the end of "
                f"WordDocument ({len(stream)} bytes)"
            )
        text = _decode(raw, compressed)
        chars.append(text)
        kinds.extend(
            paragraphs.kind(at + k * width) if ch in "\r\x07" else 0 for k, ch in enumerate(text)
        )
    if len(kinds) < needed:
        raise _damaged(f"its pieces hold {len(kinds)} of its {needed} characters")
    return "".join(chars), kinds, ccp_text, notes, stories


def _unread_stories(fib: _Fib, table: bytes) -> list[tuple[str, int, int]]:
    """The headers and footers (:func:`_header_stories`), the comments, the text
    boxes and the text boxes of the headers and footers of the document (the stories
    that follow the main text, its footnotes, headers and macros in the text's
    character positions), as ``(part, start, end)``. Absurd lengths (a damaged FIB)
    give none."""
    ccps = [max(c, 0) for c in (*fib.ccps, 0, 0, 0, 0, 0, 0, 0, 0)]
    text, footnotes, headers, macros, comments, endnotes, boxes, header_boxes = ccps[:8]
    spans = _header_stories(fib, table, text + footnotes, headers)
    at = text + footnotes + headers + macros
    spans.append((N_("comments"), at, at + comments))
    at += comments + endnotes
    spans.append((N_("text boxes"), at, at + boxes))
    at += boxes
    spans.append((BOXES, at, at + header_boxes))
    return [(part, a, b) for part, a, b in spans if b > a]


def _header_stories(fib: _Fib, table: bytes, start: int, ccp: int) -> list[tuple[str, int, int]]:
    """The headers and footers of the header document (its ``ccp`` characters from
    ``start``), each ``(HEADERS or FOOTERS, start, end)``, by the stories ``PlcfHdd``
    begins (the notes' separators, then six a section); without a readable ``PlcfHdd``
    the whole header document, as headers."""
    if ccp <= 0:
        return []
    fc, lcb = fib.pair(_HDD)
    n = lcb // 4
    if n < 2 or fc + 4 * n > len(table):
        return [(HEADERS, start, start + ccp)]
    cps = struct.unpack_from(f"<{n}i", table, fc)
    out: list[tuple[str, int, int]] = []
    for i in range(6, n - 1):
        a, b = max(cps[i], 0), min(cps[i + 1], ccp)
        if b > a:
            out.append((_HEADER_KINDS[(i - 6) % 6], start + a, start + b))
    return out


def _without_page_fields(text: str) -> str:
    r"""``text`` (of a header or footer) with its fields read by their results, and
    without the fields that show a page number (``PAGE``, ``NUMPAGES``, …).

    >>> _without_page_fields("第 \x13 PAGE \x141\x15 页 \x13 DATE \x142024\x15")
    '第  页 2024'
    """
    out: list[str] = []
    # per open field: [its code's characters, its result has begun, a page]
    fields: list[list[Any]] = []
    pages = 0  # the open fields that show a page (counted: fields nest without bound)
    for ch in text:
        if ch == "\x13":
            fields.append([[], False, False])
        elif ch == "\x14" and fields:
            page = is_page_field("".join(fields[-1][0]))
            pages += page - fields[-1][2]
            fields[-1][1:] = [True, page]
        elif ch == "\x15" and fields:
            pages -= fields.pop()[2]
        elif fields and not fields[-1][1]:
            fields[-1][0].append(ch)
        elif not pages:
            out.append(ch)
    return "".join(out)


def doc_lines(
    text: str,
    kinds: Sequence[int],
    notes: Mapping[int, Sequence[str]] | None = None,
    pictures: list[int] | None = None,
) -> list[str]:
    r"""The lines the text reader reads of the characters ``text`` of a Word
    document, ``kinds`` saying of each whether it ends a paragraph in a table cell
    (:data:`CELL`), a table row (:data:`ROW`) or neither (see the module's description).
    ``notes`` are the lines of the notes whose references are at those positions of
    ``text``: each note is read once, after the paragraph that refers to it first, or
    after the table (as the Word reader reads notes). ``pictures``, when given, is given
    the index in the lines returned of each line that holds a picture (``\x01``: an
    inline picture, or the picture of an embedded object; not one in a field's code),
    once a picture.

    >>> text = "标题\r项目\x07数\r量\x07\x07收\x0b到\x07\x07\x07页\x13 PAGE \x141\x15\r"
    >>> kinds = [ROW if i in (10, 16) else CELL if c in "\r\x07" and 2 < i < 16 else 0
    ...          for i, c in enumerate(text)]
    >>> doc_lines(text, kinds)
    ['标题', '项目\t数 量', '收 到\t', '页1']
    """
    lines: list[str] = []
    cells: list[str] = []
    line: list[str] = []
    fields: list[bool] = []  # per open field: whether its result has begun
    coding = 0  # the open fields whose result has not begun (fields nest without bound)
    notes = notes or {}
    pending: list[str] = []  # the lines of the notes referred to in this paragraph
    held: list[str] = []  # … and in the table before it
    celled = _in_cells(text, kinds)
    pictured = 0  # the pictures of the line (or the table row) being read

    def noted(at: int) -> None:  # the pictures read so far are on line ``at``
        nonlocal pictured
        if pictured and pictures is not None:
            pictures.extend([at] * pictured)
        pictured = 0

    for at, (ch, kind) in enumerate(zip(text, kinds, strict=True)):
        if at in notes:
            pending.extend(notes[at])
        if ch == "\x13":
            fields.append(False)
            coding += 1
        elif ch == "\x14":
            if fields and not fields[-1]:
                fields[-1] = True
                coding -= 1
        elif ch == "\x15":
            if fields and not fields.pop():
                coding -= 1
        elif coding:
            continue  # a field's code
        elif ch == "\x01":
            pictured += 1
        elif ch == "\x07" and kind == ROW:
            noted(len(lines))
            lines.append("\t".join(cells))
            cells, line = [], []
            held, pending = held + pending, []
        elif ch == "\x07":
            cells.append(" ".join("".join(line).split()))
            line = []
            held, pending = held + pending, []
        elif celled[at] and (ch == "\r" or ch in _BREAKS):
            line.append(" ")  # a cell's paragraphs and lines, on one line
        elif ch == "\r" or ch in _BREAKS:
            noted(len(lines) + len(held))
            lines += [*held, "".join(line), *pending]
            held, pending, line = [], [], []
        elif ch == "\x1e":
            line.append("-")
        elif ch in _SPACE or ch >= " ":
            line.append(ch)
    if line or cells or (pictured and pictures is not None):
        noted(len(lines))
        lines.append("\t".join([*cells, "".join(line)]))
    lines += held + pending
    return [_paired(ln) for ln in lines]


def _in_cells(text: str, kinds: Sequence[int]) -> bytearray:
    """For each character of ``text``, whether the paragraph it is in is in a table
    (known at the mark that ends the paragraph: a line break before it in a cell is
    in the cell)."""
    out = bytearray(len(text))
    inside = 0
    for at in range(len(text) - 1, -1, -1):
        ch = text[at]
        if ch in {"\x07", "\r"}:
            inside = 1 if ch == "\x07" or kinds[at] else 0
        out[at] = inside
    return out


def _paired(line: str) -> str:
    """``line`` with the halves of its surrogate pairs joined (a lone half is U+FFFD)."""
    if not any("\ud800" <= ch <= "\udfff" for ch in line):
        return line
    return line.encode("utf-16-le", errors="surrogatepass").decode("utf-16-le", errors="replace")


def _official(text: str) -> str:
    """``text`` (a line or a cell) in the official wording when it is one of the
    English renderings' wordings, else as it is."""
    official = english_text(text.strip())
    return text if official == text.strip() else official


def _source_bytes(source: str | os.PathLike[str] | bytes, limits: Limits) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        input_size(data, limits)
        return data
    if isinstance(source, str | os.PathLike):
        return read_input(source if isinstance(source, os.PathLike) else Path(source), limits)
    msg = f"parse_doc reads bytes or a path, not {type(source).__name__}"  # type: ignore[unreachable]
    raise TypeError(msg)


def read_doc(source: str | os.PathLike[str] | bytes, *, limits: Limits | None = None) -> list[str]:
    """The lines of a Word 97–2003 document as the text reader reads them
    (:func:`doc_lines`)."""
    return _read(source, resolve(limits))[0]


def _read(
    source: str | os.PathLike[str] | bytes, limits: Limits, pictured: list[int] | None = None
) -> tuple[list[str], int, list[Finding]]:
    """:func:`read_doc`'s lines, the number of pictures and drawn objects in the main
    document (``\x01``, ``\x08``: not text), and a ``parse.unread-text`` finding for
    its headers, its footers (beyond page numbers), its comments and its text boxes,
    each that holds text (not read: their figures are quoted); ``pictured``, when
    given, is given the index of the line of each picture (:func:`doc_lines`)."""
    data = _source_bytes(source, limits)
    try:
        cfb = CompoundFile(data)
    except ParseError as exc:
        raise ParseError(str(exc), reason=DAMAGED) from exc
    if "WordDocument" not in cfb.names():
        msg = N_(
            "a compound file (OLE2) that holds no Word document: save the report as .docx or PDF and read that"
        )
        raise ParseError(msg, reason=msg)
    text, kinds, ccp_text, notes, stories = _text(cfb, limits)
    noted = {at: doc_lines(text[a:b], kinds[a:b]) for at, a, b in notes}
    main = text[:ccp_text]
    furniture: dict[str, list[str]] = {HEADERS: [], FOOTERS: [], BOXES: []}
    for part, a, b in stories:
        if part in furniture:
            story = _without_page_fields(text[a:b])
            furniture[part].extend(doc_lines(story, bytes(len(story))))
    unread = furniture_findings(furniture[HEADERS], furniture[FOOTERS], furniture[BOXES])
    unread += [
        finding(
            "parse.unread-text",
            story=part,
            count=len(written),
            cells=", ".join(_FIGURE.findall(written)) or "—",
        )
        for part, a, b in stories
        if part not in furniture
        if (written := "".join(text[a:b].translate(_NOT_TEXT).split()))
    ]
    pictures = main.count("\x01") + main.count("\x08")
    if "\x13" in main:
        unread += [
            finding("parse.embedded-object", program=program, part="ObjectPool")
            for program in _embedded_programs(main)
        ]
    return doc_lines(main, kinds[:ccp_text], noted, pictured), pictures, unread


def _with_pictures(blocks: list[Block], pictured: Sequence[int]) -> list[Block]:
    """``blocks`` (read from the lines of a document) with a :class:`RawImage` for each
    picture, each on its line (``pictured``: the 0-based index of each picture's line,
    in order), before the first block that starts below it: where a section's table
    should stand, a picture is the table published as one (``parse.table-image``), as
    in a ``.docx``. A picture is named by its number in the document (``picture 3``)."""
    out: list[Block] = []
    k = 0
    for block in blocks:
        start = _first_line(block)
        while k < len(pictured) and start is not None and pictured[k] + 1 < start:
            out.append(make_image(f"picture {k + 1}", "", Source(line=pictured[k] + 1)))
            k += 1
        out.append(block)
    out.extend(
        make_image(f"picture {j + 1}", "", Source(line=pictured[j] + 1))
        for j in range(k, len(pictured))
    )
    return out


def _first_line(block: Block) -> int | None:
    """The line (1-based) a block of text starts on."""
    if isinstance(block, RawTable) and block.rows:
        return block.rows[0].source.line
    return block.source.line


_EMBED: Final = re.compile(r"\x13[ \t]*EMBED[ \t]+([^\s\x13\x14\x15\\]+)", re.IGNORECASE)
"""The code of a field that shows an embedded object (``EMBED Excel.Sheet.8``)."""


def _embedded_programs(text: str) -> list[str]:
    """The program (the ProgID) of each object embedded in ``text`` (a story of a Word
    97–2003 document), in order: Word writes an object as a field whose code is
    ``EMBED`` and its ProgID (``\x13 EMBED Excel.Sheet.8 \x14\x01\x15``), its result
    the object's picture; what it holds is in the document's ``ObjectPool``, which is
    not read.

    >>> _embedded_programs("表\x13 EMBED Excel.Sheet.8 \x14\x01\x15 \x13EMBED MSGraph.Chart.8\x14\x01\x15")
    ['Excel.Sheet.8', 'MSGraph.Chart.8']
    """
    return _EMBED.findall(text)


def parse_doc(source: str | os.PathLike[str] | bytes, *, limits: Limits | None = None) -> Report:
    """Read a report from a Word 97–2003 document (``.doc``, or a WPS ``.wps``: a path
    or its bytes). Needs no optional extra.

    The document's text is read as :func:`~govdisclosure.parse_text` reads text, a
    paragraph a line and a table row a line of tab-separated cells (see
    ``govdisclosure.formats.doc``); each source is a line of that text
    (``Source(line=…, column=…)``). Footnotes and endnotes are read after the
    paragraph (or the table) that refers to them; headers and footers are not read,
    nor are comments and text boxes: the headers, the footers (beyond their page
    numbers), the comments and the text boxes that hold text are each named in a
    ``parse.unread-text`` finding quoting their figures. An embedded object (an Excel
    sheet, a chart: an ``EMBED`` field) is named in a ``parse.embedded-object`` finding
    with its program; a picture where a section's table should stand, in a
    ``parse.table-image`` finding. Raises :class:`~govdisclosure.ParseError` when the
    input is not a readable Word 97–2003 document (damaged, encrypted, of Word 6.0 or
    95, empty) or holds no report, and :class:`~govdisclosure.LimitExceeded` beyond
    ``limits`` (``max_bytes`` for the file and its characters, ``max_lines``,
    ``max_cells``, ``max_total_cells``, ``time_budget``; default: the process-wide
    :func:`~govdisclosure.get_limits`).
    """
    return doc_reports(source, limits=limits)[0]


def doc_reports(
    source: str | os.PathLike[str] | bytes, *, limits: Limits | None = None, every: bool = False
) -> list[Report]:
    """:func:`parse_doc`'s report as a one-item list; with ``every``, each report of a
    document that holds several one after another (a compilation), in order."""
    from govdisclosure.formats._reader import assemble, report_parts  # noqa: PLC0415
    from govdisclosure.formats.text import _blocks  # noqa: PLC0415

    limits = resolve(limits)
    budget = limits.budget()
    pictured: list[int] = []
    lines, pictures, unread = _read(source, limits, pictured)
    if not any(ln.strip() for ln in lines):
        msg = _PICTURES if pictures else _EMPTY
        raise ParseError(msg, reason=msg)
    limits.check("max_lines", len(lines), "lines of the Word document read as text")
    headings = english_headings()
    if any(ln.strip() in headings for ln in lines):  # an English rendering
        lines = ["\t".join(map(_official, ln.split("\t"))) for ln in lines]
    blocks = list(_blocks(lines, budget, limits, every=every))
    if pictured:
        blocks = _with_pictures(blocks, pictured)
    return [
        assemble(part, findings=shared)
        for part, shared in report_parts(blocks, unread, every=every)
    ]
