"""Read a report in whatever format it comes, recognised by its content.

:func:`parse` looks at the bytes, not at the file name: a PDF starts with ``%PDF``, a
Word document is a ZIP holding ``word/document.xml``, a Word 97–2003 document (or a
WPS ``.wps``) an OLE2 compound file holding a ``WordDocument`` stream, the library's
own JSON is an object whose ``"format"`` is ``govdisclosure.report/1``, a web page has
HTML markup, Markdown has ``#`` headings or pipe tables
(:func:`~govdisclosure.render_markdown` writes both; converters of PDF to Markdown
write the tables, with or without the headings); anything else is read as text. Each format's parser is imported only when it is
needed, so a missing optional extra (pdfplumber, python-docx) only matters for the
format that needs it.

>>> import govdisclosure as gd
>>> r = gd.build_report(organ="某县某局", year=2024, review_litigation={"review": {"upheld": 1}})
>>> gd.parse(gd.to_json(r)) == r
True
>>> sniff(b"%PDF-1.7 ..."), sniff("<!DOCTYPE html><html>"), sniff("一、总体情况")
('pdf', 'html', 'text')
>>> sniff(gd.render_markdown(r))
'markdown'
>>> gd.parse(gd.render_markdown(r)) == r
True
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Final, Literal

import attrs

from govdisclosure.checks.registry import N_, finding
from govdisclosure.errors import ParseError
from govdisclosure.formats._bom import bom_codec
from govdisclosure.formats._cfb import SIGNATURE as _OLE2
from govdisclosure.formats._cfb import CompoundFile
from govdisclosure.formats._saved import gunzip, gzip_head, is_gzip, is_mhtml
from govdisclosure.formats.pdf import PdfEngine
from govdisclosure.limits import read_input, resolve
from govdisclosure.model import Report

__all__ = ["DOCUMENT_SUFFIXES", "FORMATS", "Format", "parse", "parse_all", "sniff", "unsupported"]

Format = Literal["pdf", "docx", "doc", "json", "html", "markdown", "text"]
FORMATS: Final[tuple[Format, ...]] = ("pdf", "docx", "doc", "json", "html", "markdown", "text")


_HTML: Final = re.compile(
    rb"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|table[\s>]|div[\s>]|p[\s>]|br\s*/?>|tr[\s>]|td[\s>])",
    re.IGNORECASE,
)
_MARKDOWN_HEADING: Final = re.compile(rb"^#{1,6} \S", re.MULTILINE)
_MARKDOWN_RULE: Final = re.compile(rb"^\|(?: *:?-{3,}:? *\|)+ *$", re.MULTILINE)
_JSON_FORMAT: Final = "govdisclosure.report/1"
DOCUMENT_SUFFIXES: Final = frozenset(
    {
        ".pdf",
        ".docx",
        ".txt",
        # read (Word under other names) or refused with what to do (unsupported)
        ".docm",
        ".dotx",
        ".dotm",
        ".doc",
        ".wps",
        ".ofd",
        ".rtf",
        ".odt",
        ".xls",
        ".xlsx",
        ".et",
    }
)
"""The file name endings of the documents a report is published in (a page's
attachments among them)."""
_SUFFIXES: Final = DOCUMENT_SUFFIXES | {
    ".json",
    ".html",
    ".htm",
    ".shtml",
    ".xhtml",
    ".mht",
    ".mhtml",
    ".md",
    ".text",
}
"""File name endings: a one-line string ending in one of them that names no file is a
missing file (``FileNotFoundError``), not a report's text."""


def sniff(data: bytes | str) -> Format:
    """The format of ``data``, judged by its content: an MHTML file (a web page saved
    "as a single file") is ``"html"``; a gzip file is judged by the first 64 KiB it
    inflates to (what it holds)."""
    raw = data.encode("utf-8", errors="replace") if isinstance(data, str) else data
    if isinstance(data, bytes) and is_gzip(data):
        inner = gzip_head(data)
        return "text" if is_gzip(inner) else sniff(inner)
    if is_mhtml(raw[:8192]):
        return "html"
    codec = bom_codec(raw)
    if codec is not None and codec != "utf-8-sig":
        # UTF-16 or UTF-32 (a text saved as "Unicode"): JSON, a web page or Markdown is
        # told from text as in UTF-8, on the decoded text
        decoded = raw.decode(codec, errors="replace")
        head = decoded[:4096].lstrip("\ufeff \t\r\n\x00").encode("utf-8", errors="replace")
        if head[:1] == b"{" and _is_report_json(raw):
            return "json"
        return _markup(head, decoded.encode("utf-8", errors="replace"))
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n\x00")
    if head.startswith(b"%PDF") or (isinstance(data, bytes) and b"%PDF-" in data[:1024]):
        return "pdf"
    if isinstance(data, bytes) and data.startswith(_OLE2) and _ole2(data) is None:
        return "doc"
    if raw[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(BytesIO(raw)) as z:
                names = z.namelist()
                if any(n in names for n in _WORD_TYPES):
                    return "docx"
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            # (NotImplementedError: a zip version or compression method zipfile lacks)
            pass
    if head[:1] == b"{" and _is_report_json(raw):
        return "json"
    return _markup(head, raw)


def _markup(head: bytes, raw: bytes) -> Format:
    """HTML, Markdown or text: Markdown that starts with a heading is Markdown even with
    HTML in it (as converters of PDF write tables), else any HTML makes a web page."""
    hashed = head[:1] == b"#"
    if hashed and _is_markdown(head, raw):
        return "markdown"
    if _HTML.search(head):
        return "html"
    return "markdown" if not hashed and _is_markdown(head, raw) else "text"


def _is_markdown(head: bytes, raw: bytes) -> bool:
    """Markdown as :func:`~govdisclosure.render_markdown` writes it (``#`` headings, and
    a pipe table's rule or a second heading), or as PDF-to-Markdown converters write it
    (pipe tables under headings written as plain lines): published text has neither two
    ``#`` headings nor a line of a pipe table's rule, ``|---|---|``."""
    if len(_MARKDOWN_HEADING.findall(head)) > 1:
        return True
    return b"|" in raw and _MARKDOWN_RULE.search(raw) is not None


_ARCHIVES: Final = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")
_IMAGES: Final = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",
    b"MM\x00*",
)
_WORD_TYPES: Final = ("word/document.xml", "word/document2.xml")
_ARCHIVE: Final = N_("an archive: unpack it and read the files inside")
_GZIP_LOOK: Final = 512
"""How much of what a gzip file holds :func:`unsupported` inflates to judge it."""
_RTF: Final = N_("a Rich Text Format document (.rtf): save it as .docx or PDF and read that")


def unsupported(data: bytes | str) -> str | None:
    r"""Why no reader of the library reads ``data``, when its content shows a format in
    which reports are published that none reads: a legacy Office file that is not a
    Word 97–2003 document (an Excel 97–2003 or WPS spreadsheet, ``.xls`` or ``.et``; a
    PowerPoint or WPS presentation; another OLE2 compound file, or one that cannot be
    opened), an OFD document (版式文档), a spreadsheet, an OpenDocument text, RTF, an
    image or an archive; ``None`` for anything else, a Word 97–2003 document
    (``.doc``, WPS ``.wps``: an OLE2 compound file with a ``WordDocument`` stream,
    read by :func:`~govdisclosure.parse_doc`) among them. The reason is a message of
    the catalogs (an English msgid) that says what to do.

    >>> unsupported(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    'a legacy Office document (an OLE2 compound file) that cannot be opened, damaged or cut short: open it in Word, WPS or Excel, save it as .docx or PDF and read that'
    >>> unsupported(b"{\\rtf1\\ansi ...") is not None, unsupported("一、总体情况") is None
    (True, True)
    """
    if isinstance(data, str):
        return _RTF if data.lstrip("\ufeff \t\r\n").startswith("{\\rtf") else None
    head = data[:16]
    if head.startswith(_OLE2):
        return _ole2(data)
    if data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return _RTF
    if head.startswith(_IMAGES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return N_("an image: the library reads text, not pictures; run OCR on it first")
    if is_gzip(data):
        # a web page or a text saved compressed is read inflated (parse); an archive
        # (.tar.gz) or a compressed binary document is an archive
        inner = gzip_head(data, _GZIP_LOOK)
        if inner[257:262] != b"ustar" and not inner.startswith(
            (*_ARCHIVES, _OLE2, *_IMAGES, b"PK\x03\x04", b"%PDF")
        ):
            return None
        return _ARCHIVE
    if head.startswith(_ARCHIVES):
        return _ARCHIVE
    if head[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(BytesIO(data)) as z:
                names = {n.lower() for n in z.namelist()}
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            return None
        if any(n in names for n in _WORD_TYPES):
            return None
        if "ofd.xml" in names:
            return N_("an OFD document (版式文档): print it to PDF and read that")
        if "xl/workbook.xml" in names:
            return N_(
                "a spreadsheet (.xlsx), not a report: read the report's PDF, Word document "
                "or web page"
            )
        if "content.xml" in names:
            return N_("an OpenDocument document (.odt): save it as .docx or PDF and read that")
        return _ARCHIVE
    return None


def _ole2(data: bytes) -> str | None:
    """Why the compound file (OLE2) ``data`` is not read, by the streams it holds;
    ``None`` for a Word 97–2003 document (a ``WordDocument`` stream), which is."""
    try:
        names = CompoundFile(data).names()
    except ParseError:
        return N_(
            "a legacy Office document (an OLE2 compound file) that cannot be opened, "
            "damaged or cut short: open it in Word, WPS or Excel, save it as .docx or PDF "
            "and read that"
        )
    if "WordDocument" in names:
        return None
    if names & {"Workbook", "Book"}:
        return N_(
            "a spreadsheet (Excel 97-2003 .xls or WPS .et), not a report: read the "
            "report's PDF, Word document or web page"
        )
    if "PowerPoint Document" in names:
        return N_(
            "a presentation (PowerPoint 97-2003 .ppt or WPS .dps): save it as PDF and read that"
        )
    return N_(
        "a legacy Office document (an OLE2 compound file) that is not a Word document: "
        "save the report as .docx or PDF and read that"
    )


def _is_report_json(raw: bytes) -> bool:
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, dict) and value.get("format") == _JSON_FORMAT


def _read(source: str | os.PathLike[str] | bytes) -> bytes | str:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if isinstance(source, os.PathLike):
        return _read_file(Path(source))
    # a string is a path when it names an existing file, else it is the content itself
    # (a text of several lines, whatever line break ends them, is content)
    if len(source) < 4096 and len(source.splitlines()) < 2 and "\n" not in source:
        try:
            path = Path(source)
            if path.is_file():
                return _read_file(path)
        except (OSError, ValueError):
            pass
        else:
            if path.suffix.lower() in _SUFFIXES:
                # a file name, not a report: say so rather than parse the name as text
                raise FileNotFoundError(source)
    return source


def _read_file(path: Path) -> bytes:
    """The bytes of ``path``, refused beyond the process-wide ``max_bytes`` before they
    are read (the reader would refuse them after)."""
    return read_input(path, resolve(None))


def parse(
    source: str | os.PathLike[str] | bytes,
    *,
    format: Format | None = None,
    pdf_engine: PdfEngine = "pdfplumber",
) -> Report:
    """Read a report from a file (a path) or from its content, whatever its format.

    The format is recognised by content (see :func:`~govdisclosure.formats.dispatch.sniff`) unless ``format`` names it:
    ``"pdf"`` (:func:`~govdisclosure.parse_pdf`), ``"markdown"``
    (:func:`~govdisclosure.parse_markdown`), ``"docx"``
    (:func:`~govdisclosure.parse_docx`), ``"doc"`` (:func:`~govdisclosure.parse_doc`:
    Word 97–2003, WPS), ``"json"``
    (:func:`~govdisclosure.from_json`), ``"html"`` (:func:`~govdisclosure.parse_html`)
    or ``"text"`` (:func:`~govdisclosure.parse_text`). A string that names an existing
    file is read from that file (a one-line string ending in a known suffix that names
    no file raises :class:`FileNotFoundError`); any other string is the content. Raises
    :class:`~govdisclosure.ParseError` when no report can be read.

    Pages saved in other forms are read too: a web page saved "as a single file"
    (MHTML, ``.mht``) is read from the page it holds, as ``"html"``; a gzip-compressed
    input (what a crawler keeps of a compressed response, often named ``.html``) is
    inflated a chunk at a time, bounded by ``max_bytes`` of the process-wide
    :func:`~govdisclosure.get_limits` (:class:`~govdisclosure.LimitExceeded` beyond
    it), read as what it holds and given a ``parse.compressed`` finding; a compressed
    archive (``.tar.gz``) is refused as an archive. A PDF is read with ``pdf_engine``
    (see :func:`~govdisclosure.parse_pdf`: ``"pdfplumber"``, the default, or
    ``"pdfium"``).

    >>> import gzip
    >>> import govdisclosure as gd
    >>> r = gd.build_report(organ="某县某局", year=2024)
    >>> back = gd.parse(gzip.compress(gd.render_html(r).encode("utf-8")))
    >>> back == r, [f.code for f in back.findings]
    (True, ['parse.compressed'])
    """
    return _reports(source, format, every=False, pdf_engine=pdf_engine)[0]


def parse_all(
    source: str | os.PathLike[str] | bytes,
    *,
    format: Format | None = None,
    pdf_engine: PdfEngine = "pdfplumber",
) -> tuple[Report, ...]:
    """Every report of a document that holds several one after another, in order.

    A compilation (汇编) of a county's departments, two years joined in one PDF, a page
    that shows several reports: :func:`parse` reads the first of them and says in a
    ``parse.further-report`` finding where the next begins; ``parse_all`` reads each,
    a whole :class:`~govdisclosure.Report` with its own organ, year, title, sections,
    tables, findings and provenance. A report ends where a heading of section 一 or 二
    follows section 五 or 六 (the next one's organ and title, after the closing date,
    going with the next). Sources are positions in the whole document; what the reader
    noticed about the document goes to the report whose part holds it (else to the
    first). Takes what :func:`parse` takes (a path or the content, the format
    recognised by content unless ``format`` names it, the ``pdf_engine``); a document of one report gives
    ``(parse(source),)``, and the library's JSON holds one report. Raises
    :class:`~govdisclosure.ParseError` when no report can be read.

    >>> import govdisclosure as gd
    >>> a = gd.build_report(organ="某县甲局", year=2024, other="无。")
    >>> b = gd.build_report(organ="某县乙局", year=2024, other="无。")
    >>> both = gd.parse_all(gd.render_text(a) + "\\n" + gd.render_text(b))
    >>> both == (a, b)
    True
    >>> [f.code for f in gd.parse(gd.render_text(a) + "\\n" + gd.render_text(b)).findings]
    ['parse.further-report']
    """
    return tuple(_reports(source, format, every=True, pdf_engine=pdf_engine))


def _reports(
    source: str | os.PathLike[str] | bytes,
    format: Format | None,
    *,
    every: bool,
    pdf_engine: PdfEngine = "pdfplumber",
) -> list[Report]:
    """The first report of ``source`` as a one-item list (what :func:`parse` reads), or
    with ``every`` each of its reports."""
    data = _read(source)
    if isinstance(data, bytes) and is_gzip(data):
        if format is None:
            reason = unsupported(data)
            if reason is not None:
                raise ParseError(reason)
        inner = gunzip(data, resolve(None))
        if is_gzip(inner):
            raise ParseError(_ARCHIVE)
        reports = _parse(inner, format, every=every, pdf_engine=pdf_engine)
        compressed = finding("parse.compressed", compression="gzip")
        first = attrs.evolve(reports[0], findings=(compressed, *reports[0].findings))
        return [first, *reports[1:]]
    return _parse(data, format, every=every, pdf_engine=pdf_engine)


def _parse(
    data: bytes | str, format: Format | None, *, every: bool, pdf_engine: PdfEngine = "pdfplumber"
) -> list[Report]:
    if not data.strip():
        msg = N_("the input is empty")
        raise ParseError(msg)
    kind = format if format is not None else sniff(data)
    if format is None and kind == "text":  # (what no reader reads is not taken for text)
        reason = unsupported(data)
        if reason is not None:
            raise ParseError(reason)
    if kind not in FORMATS:
        msg = f"unknown format {kind!r}; expected one of {', '.join(FORMATS)}"
        raise ValueError(msg)
    if kind == "pdf":
        from govdisclosure.formats.pdf import pdf_reports  # noqa: PLC0415 - optional extra

        if isinstance(data, str):
            msg = "a PDF is binary; pass bytes or a path"
            raise ParseError(msg)
        return pdf_reports(data, every=every, engine=pdf_engine)
    if kind == "docx":
        from govdisclosure.formats.docx import docx_reports  # noqa: PLC0415 - optional extra

        if isinstance(data, str):
            msg = "a Word document is binary; pass bytes or a path"
            raise ParseError(msg)
        return docx_reports(data, every=every)
    if kind == "doc":
        from govdisclosure.formats.doc import doc_reports  # noqa: PLC0415

        if isinstance(data, str):
            msg = "a Word document is binary; pass bytes or a path"
            raise ParseError(msg)
        return doc_reports(data, every=every)
    if kind == "json":
        from govdisclosure.formats.json import from_json  # noqa: PLC0415

        return [from_json(data)]
    if kind == "html":
        from govdisclosure.formats.html import html_reports  # noqa: PLC0415

        return html_reports(data, every=every)
    if kind == "markdown":
        from govdisclosure.formats.markdown import markdown_reports  # noqa: PLC0415

        return markdown_reports(data, every=every)
    from govdisclosure.formats.text import text_reports  # noqa: PLC0415

    return text_reports(data, every=every)
