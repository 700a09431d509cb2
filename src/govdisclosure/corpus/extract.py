"""Bulk extraction: many report files into tidy tables of cells and of findings.

The unit of work is :func:`extract_file`: a pure, top-level (hence picklable) function
from one file's name and bytes to a :class:`FileResult` holding one row per cell
(:func:`govdisclosure.to_records` plus the file's name and SHA-256) and one row per
finding. It never raises on bad input: a file that cannot be read becomes a single
``input.unreadable`` finding row. Because it is pure it runs the same in this process,
in a :class:`concurrent.futures.ProcessPoolExecutor` (``workers > 1``), or on a Dask
cluster::

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")
    futures = client.map(extract_file, names, blobs)      # blobs: the files' bytes
    results = client.gather(futures)                      # list[FileResult]

:func:`extract` walks files and folders, runs :func:`extract_file` (in parallel with
``workers``), and writes two outputs side by side: the cells (``out.csv``,
``out.parquet`` or ``out.jsonl``) and the findings (``out.findings.csv`` …). A state
file (``out.csv.state``) records the name and SHA-256 of every file done; a rerun skips
a file done under the same name with the same content and appends the others to the
outputs, so an interrupted run resumes where it stopped and ends with the rows of an
uninterrupted one.

A file can hold several reports one after another (a compilation, 汇编). By default it
is read as its first report, and a ``parse.further-report`` finding says where the next
begins; with ``all_reports`` each of its reports is read
(:func:`~govdisclosure.parse_all`), checked and flattened on its own, and every row
gains the columns ``report`` (the report's number in its file, from 1) and ``reports``
(how many the file holds), after ``sha256``. A run is resumed only with the setting it
was made with.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
import stat
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from decimal import Decimal
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, Final, Protocol

import attrs

from govdisclosure.checks import check, in_reading_order
from govdisclosure.checks.registry import N_, finding
from govdisclosure.errors import LimitExceeded, ParseError
from govdisclosure.formats.json import from_json
from govdisclosure.formats.pdf import PdfEngine
from govdisclosure.formats.records import RECORD_FIELDS, to_records
from govdisclosure.i18n import has_message, normalize_locale, render_finding
from govdisclosure.limits import get_limits
from govdisclosure.model import Finding, Report

__all__ = [
    "ALL_REPORTS_FINDING_FIELDS",
    "ALL_REPORTS_RECORD_COLUMNS",
    "FINDING_FIELDS",
    "RECORD_COLUMNS",
    "SUFFIXES",
    "ExtractSummary",
    "FileResult",
    "OutputMismatch",
    "SettingMismatch",
    "WorkerCrashed",
    "extract",
    "extract_file",
    "find_files",
    "output_paths",
    "printable_name",
    "read_path",
    "read_report",
    "read_reports",
    "unreadable_finding",
]

RECORD_COLUMNS: Final = ("file", "sha256", *RECORD_FIELDS)
"""The columns of the cells output (the file, its SHA-256, then
:data:`~govdisclosure.formats.records.RECORD_FIELDS`)."""
FINDING_FIELDS: Final = (
    "file",
    "sha256",
    "organ",
    "year",
    "code",
    "severity",
    "path",
    "source",
    "expected",
    "actual",
    "difference",
    "expression",
    "fingerprint",
    "message",
)
"""The columns of the findings output."""
REPORT_COLUMNS: Final = ("report", "reports")
"""What :func:`extract` adds after ``sha256`` with ``all_reports``: the report's number in
its file (from 1; empty on the row of a file that could not be read) and how many
reports the file holds (0 when it could not be read)."""
ALL_REPORTS_RECORD_COLUMNS: Final = (*RECORD_COLUMNS[:2], *REPORT_COLUMNS, *RECORD_COLUMNS[2:])
"""The columns of the cells output with ``all_reports``."""
ALL_REPORTS_FINDING_FIELDS: Final = (*FINDING_FIELDS[:2], *REPORT_COLUMNS, *FINDING_FIELDS[2:])
"""The columns of the findings output with ``all_reports``."""
SUFFIXES: Final = frozenset(
    {
        ".txt",
        ".text",
        ".htm",
        ".html",
        ".shtml",
        ".xhtml",
        ".mht",
        ".mhtml",
        ".pdf",
        ".docx",
        ".docm",
        ".dotx",
        ".json",
        ".doc",
        ".wps",
        # formats reports are published in that no reader reads: picked up so that each
        # is listed as unreadable, saying what to do, rather than skipped without a word
        ".ofd",
        ".rtf",
        ".odt",
    }
)
"""The file name endings :func:`find_files` picks up inside folders. (Markdown, ``.md``,
is read when a file is named, but not picked up in folders, whose notes and READMEs are
Markdown too.) Word 97–2003 and WPS files are read (:func:`govdisclosure.parse_doc`);
OFD, RTF and OpenDocument files are picked up too and reported unreadable
(``input.unreadable``, with what to do:
:func:`~govdisclosure.formats.dispatch.unsupported`): a folder of attachments should not
lose its reports in those formats without a word."""

Row = dict[str, Any]
Reader = Callable[[bytes, str], Report | tuple[Report, ...]]
"""What turns a file's bytes into its report (or, with ``all_reports``, its reports)."""


# ------------------------------------------------------------------------- reading
def read_report(data: bytes, name: str = "", *, pdf_engine: PdfEngine = "pdfplumber") -> Report:
    """Read one report from a file's bytes: JSON (by content) or any published format.

    JSON written by :func:`govdisclosure.to_json` is recognised by its content (and read
    leniently: negative counts are kept, for the checks to report); anything
    else goes to :func:`govdisclosure.parse`, which dispatches by content (text, HTML,
    PDF, Word, Word 97–2003; a PDF with ``pdf_engine``, see :func:`govdisclosure.parse_pdf`).
    ``name`` is only a hint for when no content-based reader is installed.
    Raises :class:`govdisclosure.ParseError` when no report can be read.
    """
    if _is_json(data):
        return from_json(data, strict=False)
    import govdisclosure  # noqa: PLC0415 - the parsers sit in formats, imported late

    parse = getattr(govdisclosure, "parse", None)
    if parse is not None:
        report: Report = parse(data, pdf_engine=pdf_engine)
        return report
    suffix = Path(name).suffix.lower()
    by_suffix = {
        ".txt": "parse_text",
        ".text": "parse_text",
        ".htm": "parse_html",
        ".html": "parse_html",
        ".shtml": "parse_html",
        ".xhtml": "parse_html",
        ".mht": "parse_html",
        ".mhtml": "parse_html",
        ".pdf": "parse_pdf",
    }
    func = getattr(govdisclosure, by_suffix.get(suffix, ""), None)
    if func is None:
        msg = f"no reader is available for {name or 'this input'}"
        raise ParseError(msg)
    parsed: Report = func(data)
    return parsed


def _is_json(data: bytes) -> bool:
    """Whether ``data`` is JSON by its first character (RTF, which :func:`read_report`
    refuses through parse, starts with a brace too)."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and not head.startswith(b"{\\rtf")


def read_reports(
    data: bytes, name: str = "", *, pdf_engine: PdfEngine = "pdfplumber"
) -> tuple[Report, ...]:
    """Every report of a file's bytes, in order: a compilation of several (a county's
    汇编, two years in one PDF) gives each (:func:`govdisclosure.parse_all`); JSON, which
    holds one, is read as :func:`read_report` reads it. Raises
    :class:`govdisclosure.ParseError` when no report can be read."""
    if _is_json(data):
        return (read_report(data, name),)
    from govdisclosure.formats.dispatch import parse_all  # noqa: PLC0415 - as read_report

    return parse_all(data, pdf_engine=pdf_engine)


def _every(reader: Reader) -> Reader:
    """The reader of every report that goes with ``reader``: :func:`read_reports` for
    :func:`read_report` (with the same ``pdf_engine``); another reader as it is."""
    if reader is read_report:
        return read_reports
    if isinstance(reader, functools.partial) and reader.func is read_report:
        return functools.partial(read_reports, *reader.args, **reader.keywords)
    return reader


# ------------------------------------------------------------------------- one file
@attrs.frozen
class FileResult:
    """What :func:`extract_file` made of one file (picklable)."""

    file: str
    sha256: str
    records: tuple[Row, ...] = ()
    """One row per cell, keyed by :data:`~govdisclosure.corpus.extract.RECORD_COLUMNS`."""
    findings: tuple[Row, ...] = ()
    """One row per finding, keyed by :data:`~govdisclosure.corpus.extract.FINDING_FIELDS`."""
    error: str | None = None
    """Why the file could not be read, when it could not (the error in English as raised)."""
    reason: str | None = None
    """Why the file could not be read, when it could not, as a message of the catalogs
    (an English msgid, the ``reason`` of its ``input.unreadable`` finding), which
    ``govdisclosure.i18n.gettext`` translates."""
    reports: int = attrs.field(
        default=attrs.Factory(lambda self: 0 if self.error is not None else 1, takes_self=True)
    )
    """How many reports were read from the file (0 when it could not be read; more than
    1 only with ``all_reports`` and a file that holds several)."""

    @property
    def ok(self) -> bool:
        """Whether a report was read."""
        return self.error is None


def _plain(value: int | Decimal | None) -> str:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _finding_row(
    f: Finding,
    file: str,
    sha: str,
    organ: str,
    year: int | None,
    lang: str,
    report: Report | None = None,
) -> Row:
    source = f.source
    if source is None and report is not None:
        source = report.provenance.get(f.path)
    return {
        "file": file,
        "sha256": sha,
        "organ": organ,
        "year": year,
        "code": f.code,
        "severity": f.severity.value,
        "path": f.path,
        "source": str(source) if source is not None else "",
        "expected": _plain(f.expected),
        "actual": _plain(f.actual),
        "difference": _plain(f.difference),
        "expression": f.expression,
        "fingerprint": f.fingerprint,
        "message": render_finding(f, lang),
    }


def extract_file(
    name: str,
    data: bytes,
    *,
    lang: str = "zh_CN",
    reader: Reader = read_report,
    all_reports: bool = False,
) -> FileResult:
    """Read, check and flatten one file; never raises on bad input.

    ``name`` labels the rows (a path, a URL); ``data`` is the file's content; ``lang``
    the language of the finding messages; ``reader`` turns bytes into a report
    (:func:`~govdisclosure.corpus.extract.read_report` by default; it must be a top-level function to be picklable).
    A file that cannot be read yields no cell rows and one ``input.unreadable`` finding
    row carrying the error. The finding rows are in the order the report reads
    (:func:`~govdisclosure.in_reading_order`), as ``govdisclosure check`` lists them.

    With ``all_reports`` every report of the file is read
    (:func:`~govdisclosure.corpus.extract.read_reports` in place of the default reader;
    another reader may return a tuple of reports, which without it is refused, not cut)
    and flattened in turn, its rows keyed
    by :data:`~govdisclosure.corpus.extract.ALL_REPORTS_RECORD_COLUMNS` and :data:`~govdisclosure.corpus.extract.ALL_REPORTS_FINDING_FIELDS`: the
    rows of a file of one report are those without it plus ``report`` 1 of ``reports`` 1.
    """
    lang = normalize_locale(lang)
    sha = hashlib.sha256(data).hexdigest()
    try:
        read = (_every(reader) if all_reports else reader)(data, name)
        reports = read if isinstance(read, tuple) else (read,)
        if not reports:
            raise ParseError(N_("no report was found in it"))
        if not all_reports and len(reports) > 1:  # (a reader of the caller's: not cut)
            raise ParseError(N_("the reader gave several reports: read them with all_reports"))
        flat = [(r, check(r), to_records(r)) for r in reports]
    except RecursionError as exc:  # pathological nesting in a parser
        return _failure(name, sha, exc, lang, all_reports=all_reports)
    except Exception as exc:
        return _failure(name, sha, exc, lang, all_reports=all_reports)
    total = len(flat)
    records: list[Row] = []
    found: list[Row] = []
    for number, (report, findings, rows) in enumerate(flat, 1):
        head: Row = {"file": name, "sha256": sha}
        if all_reports:
            head |= {"report": number, "reports": total}
        records.extend({**head, **r} for r in rows)
        organ, year = report.organ.name, report.year
        found.extend(
            head | _finding_row(f, name, sha, organ, year, lang, report)
            for f in in_reading_order(findings, report.edition)
        )
    return FileResult(
        file=name, sha256=sha, records=tuple(records), findings=tuple(found), reports=total
    )


_OS_REASONS: Final[dict[type, str]] = {
    FileNotFoundError: N_("there is no such file"),
    IsADirectoryError: N_("it is a folder, not a file"),
    PermissionError: N_("permission to read it is denied"),
    OSError: N_("the file cannot be read"),
}
"""Why a file could not be opened, by the class of the error (the nearest in its MRO)."""


_DANGLING: Final = N_("it is a symbolic link to a file that does not exist")
_CRASHED: Final = N_("the process reading it stopped abruptly")


class WorkerCrashed(Exception):
    """The process that read a file died (killed, out of memory, a crash in a library);
    ``extract`` records the file as unreadable with this error and goes on."""


def unreadable_finding(exc: BaseException) -> Finding:
    """The ``input.unreadable`` finding of an input whose reading raised ``exc``.

    Its parameters: ``exception``, the class of ``exc`` (``ParseError``,
    ``FileNotFoundError`` …); ``reason``, why, as a message of the catalogs (an English
    msgid, shown in the language of the finding's message): the reader's own message
    when the catalogs have it (``"the input is empty"``), else one for the class of
    the error; and ``error``, the error in English as raised, for debugging (what
    :attr:`~govdisclosure.FileResult.error` holds).

    >>> f = unreadable_finding(ParseError("the input is empty"))
    >>> f.args["exception"], f.args["reason"]
    ('ParseError', 'the input is empty')
    >>> f.message("zh_CN")
    '无法将该文件读取为报告：输入为空。'
    """
    name = type(exc).__name__
    if isinstance(exc, FileNotFoundError) and _is_link(exc.filename):
        reason, error = _DANGLING, f"{name}: {exc.strerror or exc}"
    elif isinstance(exc, OSError):
        reason = next(filter(None, map(_OS_REASONS.get, type(exc).__mro__)))
        error = f"{name}: {exc.strerror or exc}"
    else:
        said = " ".join(str(exc).split())
        if has_message(said):
            reason = said
        elif isinstance(exc, ParseError) and exc.reason is not None and has_message(exc.reason):
            reason = exc.reason
        elif isinstance(exc, LimitExceeded):
            reason = N_("it is larger than the reading limits allow")
        elif isinstance(exc, ParseError):
            reason = N_("no report was found in it")
        elif isinstance(exc, WorkerCrashed):
            reason = _CRASHED
        else:
            reason = N_("the reader failed on it")
        error = f"{name}: {exc}"
    return finding("input.unreadable", "", exception=name, reason=reason, error=error)


def _is_link(filename: object) -> bool:
    return isinstance(filename, (str, bytes)) and os.path.islink(filename)


def printable_name(path: str | os.PathLike[str]) -> str:
    """``path`` as a string that UTF-8 can write: the bytes of a file name that are not
    UTF-8 (which Python keeps as lone surrogates) as ``\\xff`` escapes.

    >>> printable_name(os.fsdecode(b"bad\\xffname.txt"))
    'bad\\\\xffname.txt'
    """
    name = os.fspath(path)
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _open_at_once(path: str | os.PathLike[str]) -> IO[bytes]:
    """``path`` open for reading, without waiting for a writer when it is a named pipe
    (then reads wait for data, as usual)."""
    nonblock = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, os.O_RDONLY | nonblock | getattr(os, "O_BINARY", 0))
    if nonblock:
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_path(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the file at ``path``, without waiting forever on a pipe.

    A named pipe (FIFO) is opened without waiting for a writer: one that nobody writes
    to reads as empty, and ``<(curl -s URL)`` is read to its end. A folder raises
    ``IsADirectoryError``; a file beyond the ``max_bytes`` of
    :func:`~govdisclosure.get_limits` (checked before it is read), or a pipe or a device
    that goes on beyond it, raises :class:`~govdisclosure.LimitExceeded`.
    """
    limits = get_limits()
    with _open_at_once(path) as fh:
        info = os.fstat(fh.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, os.strerror(21), os.fspath(path))
        if stat.S_ISREG(info.st_mode):  # refused before it is read, as read_input does
            limits.check("max_bytes", info.st_size, "bytes of the input")
            return fh.read()
        cap = limits.max_bytes
        data = fh.read() if cap is None else fh.read(cap + 1)
        limits.check("max_bytes", len(data), "bytes of the input")
        return data


def _failure(
    name: str, sha: str, exc: BaseException, lang: str, *, all_reports: bool = False
) -> FileResult:
    f = unreadable_finding(exc)
    row = _finding_row(f, name, sha, "", None, lang)
    if all_reports:  # no report was read: no number, none held
        row = {"file": name, "sha256": sha, "report": None, "reports": 0} | row
    return FileResult(
        file=name,
        sha256=sha,
        findings=(row,),
        error=str(f.args["error"]),
        reason=str(f.args["reason"]),
        reports=0,
    )


def _extract_path(path: str, lang: str, reader: Reader, all_reports: bool = False) -> FileResult:
    """Read the file at ``path`` into rows labelled with its :func:`printable_name`."""
    name = printable_name(path)
    try:
        data = read_path(path)
    except (OSError, LimitExceeded) as exc:
        return _failure(name, "", exc, lang, all_reports=all_reports)
    return extract_file(name, data, lang=lang, reader=reader, all_reports=all_reports)


def _extract_many(
    paths: Sequence[str], lang: str, reader: Reader, all_reports: bool = False
) -> list[FileResult]:
    return [_extract_path(p, lang, reader, all_reports) for p in paths]


def _extract_alone(path: str, lang: str, reader: Reader, all_reports: bool = False) -> FileResult:
    """Read one file in a process of its own: if that process dies, the file is unreadable."""
    with ProcessPoolExecutor(max_workers=1) as alone:
        try:
            return alone.submit(_extract_path, path, lang, reader, all_reports).result()
        except BrokenProcessPool:
            exc: Exception = WorkerCrashed("the process reading the file stopped abruptly")
        except Exception as error:  # an exception that does not pickle, say
            exc = error
    return _failure(printable_name(path), "", exc, lang, all_reports=all_reports)


# ------------------------------------------------------------------------- outputs
class _Sink(Protocol):
    def write(self, rows: Sequence[Row]) -> None: ...

    def checkpoint(self) -> int | None: ...

    def close(self) -> None: ...


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _picker(fields: Sequence[str]) -> Callable[[Row], tuple[Any, ...]]:
    """The values of ``fields`` in a row, as a tuple (one ``itemgetter`` call)."""
    if len(fields) == 1:  # (itemgetter of one key gives the value, not a tuple)
        (field,) = fields
        return lambda row: (row[field],)
    return itemgetter(*fields)


class _CSVSink:
    """CSV in UTF-8 (with a byte-order mark first when ``bom``, for Excel); appends, and
    truncates to a checkpoint."""

    def __init__(
        self, path: Path, fields: Sequence[str], resume_at: int | None, bom: bool = False
    ) -> None:
        self.fields = fields
        fresh = resume_at is None or not path.exists()
        self.fh: IO[str] = path.open("w" if fresh else "r+", encoding="utf-8", newline="")
        if not fresh:
            assert resume_at is not None
            self.fh.truncate(resume_at)
            self.fh.seek(resume_at)
        elif bom:
            self.fh.write("\ufeff")
        self.writer = csv.writer(self.fh)
        self.pick = _picker(fields)
        self.buffer = io.StringIO(newline="")
        self.line_writer = csv.writer(self.buffer)
        if fresh:
            self.writer.writerow(fields)

    def write(self, rows: Sequence[Row]) -> None:
        pick, width, cell = self.pick, len(self.fields), _cell
        lines = []
        for r in rows:
            # every field as the text csv writes (``_cell``'s), strings as they are
            row = [v if type(v) is str else "" if v is None else cell(v) for v in pick(r)]
            line = ",".join(row)
            # the row as csv writes it (QUOTE_MINIMAL): here for the common fields, and by
            # the csv module for a field with a quote mark or a line break, or a row of
            # one field. The csv module looks up every character of every field in its
            # line terminator: writing a report's 200 records took as long as checking it
            if '"' in line or "\r" in line or "\n" in line or width == 1:
                line = self._by_csv(row)
            elif line.count(",") >= width:  # a field with a comma is put in quote marks
                line = ",".join(['"' + f + '"' if "," in f else f for f in row])
            lines.append(line)
        if lines:
            self.fh.write("\r\n".join(lines) + "\r\n")

    def _by_csv(self, row: list[str]) -> str:
        """The line the csv module writes for ``row``, without its CR LF."""
        buffer = self.buffer
        buffer.seek(0)
        buffer.truncate()
        self.line_writer.writerow(row)
        return buffer.getvalue()[:-2]

    def checkpoint(self) -> int | None:
        self.fh.flush()
        return self.fh.tell()

    def close(self) -> None:
        self.fh.close()


def _json_default(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError(type(value).__name__)


_ROW_JSON: Final = json.JSONEncoder(ensure_ascii=False, default=_json_default)
"""``json.dumps(row, ensure_ascii=False, default=_json_default)``'s encoder, made once
(``json.dumps`` makes one for each call that gives an option)."""


class _JSONLSink:
    """JSON lines; amounts as strings of digits (exact), like :func:`to_json`."""

    def __init__(self, path: Path, fields: Sequence[str], resume_at: int | None) -> None:
        self.fields = fields
        self.pick = _picker(fields)
        fresh = resume_at is None or not path.exists()
        self.fh: IO[str] = path.open("w" if fresh else "r+", encoding="utf-8", newline="\n")
        if not fresh:
            assert resume_at is not None
            self.fh.truncate(resume_at)
            self.fh.seek(resume_at)

    def write(self, rows: Sequence[Row]) -> None:
        fields, pick, encode = self.fields, self.pick, _ROW_JSON.encode
        self.fh.write(
            "".join([encode(dict(zip(fields, pick(r), strict=True))) + "\n" for r in rows])
        )

    def checkpoint(self) -> int | None:
        self.fh.flush()
        return self.fh.tell()

    def close(self) -> None:
        self.fh.close()


_DECIMAL_SCALE: Final = 10


class _ParquetSink:
    """Parquet via pyarrow, in row groups; a rerun rewrites the old rows plus the new.

    The cell ``value`` column is ``decimal128(38, 10)`` (exact for every published
    figure); a figure with more than ten decimal places is left null there, and its
    digits are in ``text``. Rows are written to a temporary file that replaces the
    output when the run ends, so an interrupted run leaves the previous output intact;
    its files are recorded as done only then.
    """

    ROW_GROUP: Final = 50_000

    def __init__(self, path: Path, fields: Sequence[str], resume: bool) -> None:
        import pyarrow as pa  # noqa: PLC0415 - optional extra [parquet]
        import pyarrow.parquet as pq  # noqa: PLC0415

        self.pa, self.pq = pa, pq
        self.path = path
        self.tmp = path.with_name(path.name + ".partial")
        self.fields = fields
        self.schema = pa.schema([(f, self._type(f)) for f in fields])
        self.writer = pq.ParquetWriter(str(self.tmp), self.schema, compression="zstd")
        self.buffer: list[Row] = []
        if resume and path.exists():
            old = pq.read_table(str(path))
            self.writer.write_table(old.cast(self.schema))

    def _type(self, field: str) -> Any:
        pa = self.pa
        if field in {"year", "report", "reports"}:
            return pa.int32()
        if field == "value":
            return pa.decimal128(38, _DECIMAL_SCALE)
        return pa.string()

    def _row(self, r: Row) -> Row:
        out: Row = {}
        overflow = None
        for k in self.fields:
            v = r[k]
            if k == "value" and v is not None:
                d = Decimal(v)
                exponent = d.as_tuple().exponent
                if isinstance(exponent, int) and exponent < -_DECIMAL_SCALE:
                    overflow, v = format(d, "f"), None
                else:
                    v = d
            elif k not in {"year", "report", "reports"} and v is not None:
                v = _cell(v)
            out[k] = v
        if overflow is not None:
            out["text"] = overflow
        return out

    def write(self, rows: Sequence[Row]) -> None:
        self.buffer.extend(self._row(r) for r in rows)
        if len(self.buffer) >= self.ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            self.writer.write_table(self.pa.Table.from_pylist(self.buffer, schema=self.schema))
            self.buffer = []

    def checkpoint(self) -> int | None:
        return None

    def close(self) -> None:
        self._flush()
        self.writer.close()
        os.replace(self.tmp, self.path)


def output_paths(out: str | os.PathLike[str]) -> tuple[Path, Path, Path]:
    """The cells output, the findings output and the state file for ``out``.

    >>> [p.name for p in output_paths("cells.csv")]
    ['cells.csv', 'cells.findings.csv', 'cells.csv.state']
    """
    path = Path(out)
    return (
        path,
        path.with_name(f"{path.stem}.findings{path.suffix}"),
        path.with_name(path.name + ".state"),
    )


class OutputMismatch(ValueError):
    """An output is not the one its state file describes (replaced, cut short, or of
    another version's columns): resuming would corrupt it. Rerun with ``resume=False``
    (``--restart``) or write elsewhere."""


class SettingMismatch(OutputMismatch):
    """The outputs were written by a run with the other ``all_reports`` setting (every
    report of each file, or the first): their rows have other columns. Resume with the
    setting of that run (its ``all_reports``), or rerun with ``resume=False``."""

    def __init__(self, message: str, *, all_reports: bool) -> None:
        super().__init__(message)
        self.all_reports = all_reports
        """The setting of the run that wrote the outputs."""


def _check_resumable(path: Path, fields: Sequence[str], at: object, state: Path) -> None:
    """Refuse to resume into ``path`` unless it is at least ``at`` long (the offset its
    state file recorded) and, for CSV, starts with the header of ``fields``."""
    if not isinstance(at, int):
        return  # Parquet, which rewrites its output, or a state of another shape
    size = path.stat().st_size
    suffix = path.suffix.lower()
    header = ",".join(fields).encode() if suffix == ".csv" else b""
    with path.open("rb") as fh:
        head = fh.read(len(header) + 3).removeprefix(b"\xef\xbb\xbf")
    if size < at or not head.startswith(header):
        msg = (
            f"{path} is not the output that {state} describes "
            f"({size} bytes, {at} when it was written last"
            f"{'' if head.startswith(header) else ', another header'})"
        )
        raise OutputMismatch(msg)


def _check_setting(last: Row, all_reports: bool, state: Path) -> None:
    """Refuse to resume a run made with the other ``all_reports`` setting (recorded in
    each line of its state file; state files without it are of runs without it)."""
    before = last.get("all_reports") is True
    if before != all_reports:
        said = "every report of each file" if before else "the first report of each file"
        msg = f"{state} describes a run that read {said}: resume it with all_reports={before}"
        raise SettingMismatch(msg, all_reports=before)


def _open_sink(
    path: Path, fields: Sequence[str], resume_at: int | None, resume: bool, bom: bool = False
) -> _Sink:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _CSVSink(path, fields, resume_at, bom)
    if suffix in {".jsonl", ".ndjson"}:
        return _JSONLSink(path, fields, resume_at)
    if suffix in {".parquet", ".pq"}:
        return _ParquetSink(path, fields, resume)
    msg = f"unsupported output format {suffix or path.name!r}: use .csv, .parquet or .jsonl"
    raise ValueError(msg)


class _State:
    """The state file: one JSON line per file done (SHA-256, name, output offsets).

    A file is done when a line names it with its current SHA-256, by its resolved path
    (however the run named it) or, in lines of older versions, by its name as in the
    rows: the same bytes in another file are another file, with rows of its own. A line
    without a name (this module always writes one) counts for its SHA-256 under any name.
    """

    def __init__(self, path: Path, resume: bool) -> None:
        self.path = path
        self.done: set[tuple[str, str]] = set()
        self.names: set[str] = set()
        self.unnamed: set[str] = set()
        self.last: dict[str, Any] = {}
        if resume and path.exists():
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    try:
                        entry = json.loads(line)
                    except json.JSONDecodeError:  # a line cut short by a crash
                        continue
                    if isinstance(entry, dict) and isinstance(entry.get("sha256"), str):
                        self._add(entry)
                        self.last = entry
        self.fh: IO[str] = path.open("a" if resume else "w", encoding="utf-8")

    def _add(self, entry: Row) -> None:
        # a file is known by its resolved path ("path", written since the resume by
        # name), else by its name as in the rows ("file", in older state files)
        key = entry.get("path")
        if not isinstance(key, str):
            key = entry.get("file")
        if isinstance(key, str):
            self.done.add((key, entry["sha256"]))
            self.names.add(key)
        else:
            self.unnamed.add(entry["sha256"])

    def may_be_done(self, name: str, path: str) -> bool:
        """Whether the file ``name``, at resolved ``path``, may be done (then its SHA-256
        decides)."""
        return path in self.names or name in self.names or bool(self.unnamed)

    def is_done(self, name: str, path: str, sha256: str) -> bool:
        """Whether the file ``name``, at resolved ``path``, with this content is done."""
        done = self.done
        return (path, sha256) in done or (name, sha256) in done or sha256 in self.unnamed

    def record(self, entries: Iterable[Row]) -> None:
        for e in entries:
            line = json.dumps(e, ensure_ascii=False)
            if not line.isascii() and not _utf8(line):  # a path with bytes not UTF-8
                line = json.dumps(e)
            self.fh.write(line + "\n")
            self._add(e)
        self.fh.flush()

    def close(self) -> None:
        self.fh.close()


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# ------------------------------------------------------------------------- walking
def find_files(
    paths: Iterable[str | os.PathLike[str]],
    exclude: Iterable[Path] = (),
    passed: Counter[str] | None = None,
) -> list[Path]:
    """Files named, and files with a report suffix (:data:`SUFFIXES`) inside folders.

    Folders are walked recursively in sorted order; hidden files and folders are skipped.
    A symbolic link to a folder is followed, once: a folder reached again (a link loop,
    two links to one folder) is not walked again. Every entry with a report suffix that
    is not a folder is listed, a dangling link or a pipe too, for the reading to say why
    it is unreadable rather than skip it without a word. Each file comes once, under the
    name it was first reached by: a file named twice, or named and inside a folder named
    too, or reached through a link, is the same file when the resolved paths are equal.
    The files of ``exclude`` (the outputs of a run) are left out, even when named.
    ``passed``, when given, counts the files inside folders left out for their suffix
    (``.zip``, ``.jpg``, ``.xlsx`` …; ``""`` for none), by suffix in lower case, hidden
    ones apart.
    """
    skip = {os.path.realpath(p) for p in exclude}
    seen: set[str] = set()
    walked: set[tuple[int, int]] = set()
    out: list[Path] = []

    def add(path: str) -> None:
        resolved = os.path.realpath(path)
        if resolved not in seen and resolved not in skip:
            seen.add(resolved)
            out.append(Path(path))

    def listing(folder: str) -> Iterator[os.DirEntry[str]]:
        try:
            key = (st := os.stat(folder)).st_dev, st.st_ino
            if key in walked:
                return iter(())
            walked.add(key)
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:  # removed while walked, or not listable
            return iter(())
        return iter(entries)

    for p in paths:
        top = os.fspath(p)
        if not os.path.isdir(top):
            add(top)
            continue
        stack = [listing(top)]
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
            elif entry.name.startswith("."):
                continue
            elif _is_dir(entry):
                stack.append(listing(entry.path))
            elif (suffix := os.path.splitext(entry.name)[1].lower()) in SUFFIXES:
                add(entry.path)
            elif passed is not None:
                passed[suffix] += 1
    return out


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _sha256_file(path: Path) -> str | None:
    """The SHA-256 of a regular file; ``None`` for anything else (a pipe is never done:
    it is not waited for here, and is read again by every run)."""
    h = hashlib.sha256()
    try:
        with _open_at_once(path) as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def _batched(items: Iterable[str], n: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def _start_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers are already running.

    The workers are started before the progress bar (whose monitor thread must not be
    forked), with the platform's default start method: ``fork`` on Linux before Python
    3.14 keeps the parent's ``sys.path`` (which ``forkserver`` in 3.11 does not).
    """
    pool = ProcessPoolExecutor(max_workers=workers)
    pool.submit(int).result()
    return pool


def _run(
    paths: Sequence[str],
    pool: ProcessPoolExecutor | None,
    workers: int,
    lang: str,
    reader: Reader,
    chunk: int,
    all_reports: bool = False,
) -> Iterator[FileResult]:
    if pool is None:
        for p in paths:
            yield _extract_path(p, lang, reader, all_reports)
        return
    pools = [pool]  # the pool in use last; a broken one is replaced
    pending: deque[tuple[list[str], Future[list[FileResult]]]] = deque()

    def submit(batch: list[str]) -> None:
        pending.append((batch, pools[-1].submit(_extract_many, batch, lang, reader, all_reports)))

    def collect() -> list[FileResult]:
        batch, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            # a worker died: every batch in flight failed with it. Read this batch's
            # files one by one, each in a process of its own, to find which one; then
            # send the other batches to a new pool.
            pools[-1].shutdown(cancel_futures=True)
            results = [_extract_alone(p, lang, reader, all_reports) for p in batch]
            pools.append(_start_pool(workers))
            again = [b for b, _ in pending]
            pending.clear()
            for b in again:
                submit(b)
            return results
        except Exception:  # a result that does not pickle, say: find the file
            return [_extract_alone(p, lang, reader, all_reports) for p in batch]

    try:
        for batch in _batched(paths, chunk):
            submit(batch)
            while len(pending) >= 4 * workers:
                yield from collect()
        while pending:
            yield from collect()
    finally:
        for extra in pools[1:]:
            extra.shutdown(cancel_futures=True)


# ------------------------------------------------------------------------- the run
@attrs.frozen
class ExtractSummary:
    """What :func:`extract` did."""

    files: int
    """Files found."""
    skipped: int
    """Files skipped because an earlier run did them (same name, same SHA-256)."""
    processed: int
    """Files read in this run."""
    reports: int
    """How many reports were read (one per file read, :attr:`files_read`, or with
    ``all_reports`` each report of each file read)."""
    failures: tuple[tuple[str, str], ...]
    """``(file, error)`` for each file that could not be read (the error in English as
    raised)."""
    findings: Counter[str] = attrs.field(eq=False)
    """Findings by code (``input.unreadable`` counts the failures)."""
    records: int
    """Cell rows written."""
    seconds: float = attrs.field(eq=False)
    """Wall time of the run."""
    outputs: tuple[Path, Path, Path]
    """The cells output, the findings output and the state file."""
    reasons: tuple[str, ...] = ()
    """Why each file of :attr:`failures` could not be read, in the same order, as a
    message of the catalogs (:attr:`FileResult.reason`), for a summary in any language."""
    passed: Counter[str] = attrs.field(factory=Counter, eq=False)
    """Files inside the folders that were not read for their suffix (not a report
    format: ``.zip``, ``.jpg`` …), by suffix in lower case (``""`` for none)."""
    files_read: int = 0
    """Files of this run from which a report was read (:attr:`processed` less the
    failures)."""
    compilations: int = 0
    """Files of :attr:`files_read` that hold several reports (counted with
    ``all_reports`` only: without it, each file is read as its first report)."""
    all_reports: bool = False
    """Whether every report of each file was read."""


class _Progress(Protocol):
    def update(self, n: int = 1) -> Any: ...

    def close(self) -> None: ...


class _NoProgress:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, desc: str, enabled: bool) -> _Progress:
    if not enabled:
        return _NoProgress()
    try:
        from tqdm import tqdm  # noqa: PLC0415 - optional at import time
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return _NoProgress()
    bar: _Progress = tqdm(
        total=total, desc=desc, unit="file", file=sys.stderr, dynamic_ncols=True, smoothing=0.1
    )
    return bar


def extract(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    workers: int = 1,
    lang: str | None = None,
    resume: bool = True,
    progress: bool = False,
    progress_label: str = "",
    reader: Reader = read_report,
    chunk: int = 8,
    bom: bool = False,
    all_reports: bool = False,
    pdf_engine: PdfEngine = "pdfplumber",
) -> ExtractSummary:
    """Extract every report file under ``paths`` into ``out`` and its findings file.

    ``out`` ends in ``.csv``, ``.parquet`` (needs the ``parquet`` extra) or ``.jsonl``;
    the findings go to ``<stem>.findings<suffix>`` beside it, and the state to
    ``<out>.state``. With ``resume`` (the default) a state file left by an earlier run
    makes this run skip the files it lists (by name and SHA-256: a file whose content
    changed is read again, and a copy under another name is a file of its own) and
    append to the outputs; without it the outputs are started afresh. ``workers > 1`` reads files in that many processes, in
    batches of ``chunk`` files; the rows are written in input order either way.
    ``progress`` shows a progress bar (rate, ETA) on standard error. ``bom`` starts new
    CSV outputs with a UTF-8 byte-order mark, by which Excel knows them for UTF-8 (without
    it, Excel on a Chinese system reads them as GBK and garbles every Chinese character).

    One bad file never stops the run: it is recorded in the findings output with the
    code ``input.unreadable`` and its error, and listed in the summary; with
    ``workers > 1`` that holds for a file whose reading kills its process too (it is not
    recorded as done). Resuming into an output that is not the one the state file
    describes (replaced, cut short) raises ``OutputMismatch`` (a ``ValueError``).

    ``all_reports`` reads every report of a file that holds several (a compilation):
    each report's rows carry its number in the file and how many the file holds
    (:data:`~govdisclosure.corpus.extract.ALL_REPORTS_RECORD_COLUMNS`, :data:`~govdisclosure.corpus.extract.ALL_REPORTS_FINDING_FIELDS`); without
    it, a file is read as its first report, with a ``parse.further-report`` finding
    where the next begins. The state file records the setting, and resuming a run made
    with the other one raises ``SettingMismatch`` (an ``OutputMismatch``), even when no
    file is left to read.

    ``pdf_engine`` reads PDF files with pdfplumber (the default) or PDFium
    (``"pdfium"``: see :func:`govdisclosure.parse_pdf`), when ``reader`` is the default.
    """
    started = time.perf_counter()
    if reader is read_report and pdf_engine != "pdfplumber":
        reader = functools.partial(read_report, pdf_engine=pdf_engine)
    lang = normalize_locale(lang)
    cells_path, findings_path, state_path = output_paths(out)
    cells_path.parent.mkdir(parents=True, exist_ok=True)
    resume = resume and state_path.exists() and cells_path.exists() and findings_path.exists()
    passed: Counter[str] = Counter()
    files = find_files(paths, exclude=(cells_path, findings_path, state_path), passed=passed)
    state = _State(state_path, resume)
    record_columns = ALL_REPORTS_RECORD_COLUMNS if all_reports else RECORD_COLUMNS
    finding_fields = ALL_REPORTS_FINDING_FIELDS if all_reports else FINDING_FIELDS
    if resume and state.last:
        try:
            _check_setting(state.last, all_reports, state_path)
            _check_resumable(cells_path, record_columns, state.last.get("records"), state_path)
            _check_resumable(findings_path, finding_fields, state.last.get("findings"), state_path)
        except OutputMismatch:
            state.close()
            raise
    todo: list[str] = []
    resolved: dict[str, str] = {}
    skipped = 0
    for f in files:
        # a file is the same file however it is named (in/a.txt, /abs/in/a.txt)
        name, path = printable_name(f), os.path.realpath(f)
        sha = _sha256_file(f) if state.may_be_done(name, path) else None
        if sha is not None and state.is_done(name, path, sha):
            skipped += 1
        else:
            todo.append(str(f))
            resolved[name] = path
    if resume and not todo:  # nothing new: leave the outputs as they are
        state.close()
        return ExtractSummary(
            files=len(files),
            skipped=skipped,
            processed=0,
            reports=0,
            failures=(),
            findings=Counter(),
            records=0,
            seconds=time.perf_counter() - started,
            outputs=(cells_path, findings_path, state_path),
            passed=passed,
            all_reports=all_reports,
        )
    last = state.last if resume else {}
    cells = _open_sink(cells_path, record_columns, last.get("records"), resume, bom)
    found = _open_sink(findings_path, finding_fields, last.get("findings"), resume, bom)
    pool = _start_pool(workers) if workers > 1 else None  # a crash stays in its process
    bar = _progress(len(todo), progress_label, progress)
    by_code: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    reasons: list[str] = []
    reports = records = files_read = compilations = 0
    deferred: list[Row] = []
    try:
        for result in _run(todo, pool, workers, lang, reader, chunk, all_reports):
            cells.write(result.records)
            found.write(result.findings)
            records += len(result.records)
            by_code.update(r["code"] for r in result.findings)
            if result.ok:
                reports += result.reports
                files_read += 1
                compilations += result.reports > 1
            else:
                failures.append((result.file, result.error or ""))
                reasons.append(result.reason or "")
            entry: Row = {
                "sha256": result.sha256,
                "file": result.file,
                "path": resolved.get(result.file, result.file),
            }
            if all_reports:  # a run of the other setting is not resumed into these outputs
                entry["all_reports"] = True
            at_cells, at_findings = cells.checkpoint(), found.checkpoint()
            if at_cells is None or at_findings is None or not result.sha256:
                if result.sha256:
                    deferred.append(entry)
            else:
                state.record([{**entry, "records": at_cells, "findings": at_findings}])
            bar.update()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        bar.close()
        cells.close()
        found.close()
        state.record(deferred)
        state.close()
    return ExtractSummary(
        files=len(files),
        skipped=skipped,
        processed=len(todo),
        reports=reports,
        failures=tuple(failures),
        findings=by_code,
        reasons=tuple(reasons),
        records=records,
        seconds=time.perf_counter() - started,
        outputs=(cells_path, findings_path, state_path),
        passed=passed,
        files_read=files_read,
        compilations=compilations,
        all_reports=all_reports,
    )
