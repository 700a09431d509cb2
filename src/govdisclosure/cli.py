"""The ``govdisclosure`` command: check, convert and extract reports from a shell.

::

    govdisclosure check FILE... [--format table|json] [--fail-on error|warning|info]
                                [--previous FILE | --series] [--all-reports]
                                [--lang zh_CN|en]
    govdisclosure convert FILE --to text|html|markdown|json|docx [-o OUT]
    govdisclosure extract PATH... --to out.csv|out.parquet|out.jsonl [--workers N]
                              [--all-reports]
    govdisclosure schema

Every line it prints goes through the gettext catalogs, in the language of ``--lang``,
else of ``GOVDISCLOSURE_LANG`` or the usual locale variables (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``), else in Chinese. ``--lang`` takes a Chinese or English
locale name (``zh``, ``zh_CN``, ``zh-Hans-CN``, ``en``, ``en_US.UTF-8`` …) and refuses
any other language.

Exit status: 0 when all is well; 1 when ``check`` finds something at or above
``--fail-on``; 2 when an input cannot be read (a missing file, no report in it) or the
command line is wrong. Errors are one line on standard error, never a traceback.
``extract`` exits 0 when its run completes, even if some files could not be read: those
are listed in the summary and, with their error, in the findings output; it exits 2
when it cannot start (an input missing, an output it cannot write, or an output that is
not the one its state file describes: ``--restart``). ``check`` takes folders too, for
their report files as ``extract`` finds them.

``check --series`` runs the cross-year checks (carry-over, roll-forward, copied tables,
copied prose) between each report and the same organ's report for the year before among
the files given (:func:`~govdisclosure.check_series`: of two files of one organ and
year, the first given is the year's report, the other is noted as
``series.duplicate-year``); ``--previous FILE`` compares every file with one earlier
report.

``check --all-reports`` checks every report of a file that holds several one after
another (a compilation: :func:`~govdisclosure.parse_all`), each under its organ and
year with its number in the file; without it, a file's first report is checked and a
``parse.further-report`` finding says where the next begins. ``extract --all-reports``
writes the rows of each report of such a file, numbered (columns ``report`` and
``reports``).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import logging
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from govdisclosure.checks import check, in_reading_order
from govdisclosure.checks.registry import N_
from govdisclosure.corpus.extract import (
    OutputMismatch,
    SettingMismatch,
    extract,
    find_files,
    printable_name,
    read_path,
    read_report,
    read_reports,
    unreadable_finding,
)
from govdisclosure.corpus.series import check_series, series
from govdisclosure.formats.json import json_schema, make_converter, to_json
from govdisclosure.formats.pdf import ENGINES, PdfEngine
from govdisclosure.i18n import gettext, has_message, normalize_locale, render_finding
from govdisclosure.model import Finding, Report, Severity, Source

__all__ = ["main"]


class _Lang:
    """The language of this invocation (set by :func:`main`)."""

    current: str = "zh_CN"


_LANGUAGES: Final = frozenset({"zh", "en"})
"""The languages of the catalogs, as the first part of a locale name."""


def _known_language(value: str) -> bool:
    """Whether ``value`` names Chinese or English (``zh_CN``, ``zh-Hans``, ``en_GB.UTF-8`` …)."""
    return re.split(r"[_\-.@]", value.strip(), maxsplit=1)[0].lower() in _LANGUAGES


def _(message: str) -> str:
    """``message`` in the language of this invocation."""
    return gettext(message, _Lang.current)


# argparse's own messages, translated through our catalogs while the CLI runs
_ARGPARSE_MESSAGES: Final = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
)

_SEVERITY_NAMES: Final = {
    Severity.ERROR: N_("error"),
    Severity.WARNING: N_("warning"),
    Severity.INFO: N_("info"),
}


@contextlib.contextmanager
def _argparse_translated() -> Iterator[None]:
    """Let argparse's built-in messages go through our catalogs, then restore it."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def ngettext(singular: str, plural: str, n: int) -> str:
        return _(singular if n == 1 else plural)

    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Unreadable(Exception):
    """An input could not be read; the message is ready to print, ``finding`` is its
    ``input.unreadable`` finding (as ``extract`` records it)."""

    def __init__(self, message: str, found: Finding) -> None:
        super().__init__(message)
        self.finding = found


def _language(value: str) -> str:
    """``--lang``'s value, folded by :func:`normalize_locale`; another language is an error."""
    if not _known_language(value):
        raise argparse.ArgumentTypeError(
            _("unknown language {lang}: use zh_CN or en").format(lang=repr(value))
        )
    return normalize_locale(value)


def _error(message: str) -> None:
    print(f"govdisclosure: {message}", file=sys.stderr)


def _read(path: str, engine: PdfEngine = "pdfplumber") -> Report:
    """Read one report file (a PDF with ``engine``), or raise :class:`_Unreadable` with a
    translated message."""
    return _read_reports(path, every=False, engine=engine)[0]


def _read_reports(
    path: str, *, every: bool, engine: PdfEngine = "pdfplumber"
) -> tuple[Report, ...]:
    """The first report of a file (``every``: each of its reports; a PDF read with
    ``engine``), or raise :class:`_Unreadable` with a translated message."""
    name = printable_name(path)
    try:
        data = sys.stdin.buffer.read() if path == "-" else read_path(path)
        if every:
            return read_reports(data, path, pdf_engine=engine)
        return (read_report(data, path, pdf_engine=engine),)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and os.path.islink(exc.filename or ""):
            message = _("{file}: a symbolic link to a file that does not exist").format(file=name)
        elif isinstance(exc, FileNotFoundError):
            message = _("{file}: no such file").format(file=name)
        elif isinstance(exc, IsADirectoryError):
            message = _("{file}: is a folder, not a file").format(file=name)
        else:
            message = _("{file}: cannot be read ({error})").format(
                file=name, error=exc.strerror or exc
            )
        raise _Unreadable(message, unreadable_finding(exc)) from None
    except Exception as exc:  # the reader's, or LimitExceeded from a pipe
        found = unreadable_finding(exc)  # its reason is a message of the catalogs
        reason = _(str(found.args["reason"]))
        raise _Unreadable(
            _("{file}: no report could be read ({error})").format(file=name, error=reason), found
        ) from None


def _inputs(paths: Sequence[str]) -> Iterator[tuple[str, str | _Unreadable]]:
    """The files ``check`` reads: each file named (``-`` too), and the report files in
    each folder named, as ``extract`` finds them; a folder without one is unreadable."""
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield printable_name(path), path
            continue
        found = [str(f) for f in find_files([path])]
        if not found:
            yield (
                printable_name(path),
                _Unreadable(
                    _("{file}: no report file in this folder").format(file=printable_name(path)),
                    unreadable_finding(IsADirectoryError(21, os.strerror(21), path)),
                ),
            )
        yield from ((printable_name(f), f) for f in found)


# ------------------------------------------------------------------------- check
def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _source(f: Finding, report: Report | None) -> Source | None:
    """Where the finding was read, or else where its cell was read."""
    if f.source is not None or report is None:
        return f.source
    return report.provenance.get(f.path)


def _location(source: Source | None) -> str:
    if source is None:
        return "-"
    parts = []
    if source.page is not None:
        parts.append(_("page {page}").format(page=source.page))
    if source.table is not None:
        parts.append(_("table {table}").format(table=source.table + 1))
    if source.row is not None:
        parts.append(_("row {row}").format(row=source.row + 1))
    if source.cell is not None:
        parts.append(_("cell {cell}").format(cell=source.cell + 1))
    if source.line is not None:
        line = _("line {line}").format(line=source.line)
        parts.append(line + (f":{source.column}" if source.column else ""))
    return _(", ").join(parts) or "-"


def _table(findings: Sequence[Finding], report: Report | None, lang: str) -> list[str]:
    header = [_("location"), _("severity"), _("code"), _("message")]
    rows = [
        [
            _location(_source(f, report)),
            _(_SEVERITY_NAMES[f.severity]),
            f.code,
            render_finding(f, lang),
        ]
        for f in findings
    ]
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(3)]
    lines = []
    for r in [header, *rows]:
        lines.append("  ".join(_pad(r[i], widths[i]) for i in range(3)) + "  " + r[3])
    return lines


def _finding_json(f: Finding, report: Report | None, lang: str, conv: Any) -> dict[str, Any]:
    data: dict[str, Any] = conv.unstructure(attrs.evolve(f, source=_source(f, report)), Finding)
    data["fingerprint"] = f.fingerprint
    data["message"] = render_finding(f, lang)
    return data


def _cmd_check(args: argparse.Namespace) -> int:
    lang = _Lang.current
    threshold = Severity(args.fail_on).rank
    previous: Report | None = None
    if args.previous:
        try:
            previous = _read(args.previous, args.pdf_engine)
        except _Unreadable as exc:
            _error(str(exc))
            return 2
    unreadable = 0
    failing = False
    results: list[dict[str, Any]] = []
    conv = make_converter(strict=False)
    counts = dict.fromkeys(Severity, 0)
    # each file's reports (its first, or with --all-reports each), with their number in
    # the file and how many it holds
    read: list[tuple[str, Report | _Unreadable, int, int]] = []
    files = 0
    for name, given in _inputs(args.files):
        files += 1
        try:
            if isinstance(given, _Unreadable):
                raise given
            reports = _read_reports(given, every=args.all_reports, engine=args.pdf_engine)
        except _Unreadable as exc:
            read.append((name, exc, 1, 1))
            continue
        read.extend((name, r, n, len(reports)) for n, r in enumerate(reports, 1))
    cross_year: dict[int, tuple[Finding, ...]] = {}
    if args.series:
        for s in series(r for _, r, _n, _total in read if isinstance(r, Report)):
            cross_year.update((id(r), found) for r, found in check_series(s))
    report: Report | None
    findings: Sequence[Finding]
    for path, item, number, total in read:
        if isinstance(item, _Unreadable):
            unreadable += 1
            _error(str(item))
            report, error, findings = None, str(item), (item.finding,)
        else:
            report, error = item, None
            found = check(report, previous=previous) + cross_year.get(id(report), ())
            findings = in_reading_order(found, report.edition)
        for f in findings:
            counts[f.severity] += 1
        failing = failing or any(f.severity.rank >= threshold for f in findings)
        organ = report.organ.name if report is not None else None
        year = report.year if report is not None else None
        if args.format == "json":
            result: dict[str, Any] = {"file": path}
            if args.all_reports:
                result |= {"report": number, "reports": total}
            results.append(
                result
                | {
                    "organ": organ,
                    "year": year,
                    "error": error,
                    "findings": [_finding_json(f, report, lang, conv) for f in findings],
                }
            )
            continue
        heading = (
            _("{file}, report {number} of {total}: {organ}, {year}; findings: {count}")
            if args.all_reports and report is not None
            else _("{file}: {organ}, {year}; findings: {count}")
        )
        print(
            heading.format(
                file=path,
                number=number,
                total=total,
                organ=organ or "?",
                year=year if year is not None else "?",
                count=len(findings),
            )
        )
        for line in _table(findings, report, lang) if findings else []:
            print("  " + line.rstrip())
        print()
    status = 2 if unreadable else 1 if failing else 0
    if args.format == "json":
        json.dump({"files": results, "status": status}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif unreadable:
        print(
            _(
                "Files checked: {files}, unreadable: {unreadable}; "
                "errors: {errors}, warnings: {warnings}, notes: {infos}."
            ).format(
                files=files,
                unreadable=unreadable,
                errors=counts[Severity.ERROR],
                warnings=counts[Severity.WARNING],
                infos=counts[Severity.INFO],
            )
        )
    else:
        print(
            _(
                "Files checked: {files}; errors: {errors}, warnings: {warnings}, notes: {infos}."
            ).format(
                files=files,
                errors=counts[Severity.ERROR],
                warnings=counts[Severity.WARNING],
                infos=counts[Severity.INFO],
            )
        )
    return status


# ------------------------------------------------------------------------- convert
_RENDERERS: Final = {
    "text": "render_text",
    "html": "render_html",
    "markdown": "render_markdown",
    "docx": "render_docx",
}


def _renderer(fmt: str, locale: str | None = None) -> Callable[[Report], str | bytes] | None:
    """The writer of ``fmt``; with ``locale`` (``--lang`` given), the layouts that have
    English headings and labels (HTML, Markdown, Word) are written in that language."""
    if fmt == "json":
        return lambda r: to_json(r, indent=2) + "\n"
    import govdisclosure  # noqa: PLC0415 - the renderers are looked up when used

    func: Callable[..., str | bytes] | None = getattr(govdisclosure, _RENDERERS[fmt], None)
    if func is None or locale is None or fmt == "text":
        return func
    return functools.partial(func, locale=locale)


def _cmd_convert(args: argparse.Namespace) -> int:
    try:
        report = _read(args.file, args.pdf_engine)
    except _Unreadable as exc:
        _error(str(exc))
        return 2
    render = _renderer(args.to, args.lang)
    if render is None:
        _error(_("writing {format} is not available in this installation").format(format=args.to))
        return 2
    try:
        output = render(report)
    except ImportError as exc:
        _error(
            _("writing {format} needs an optional dependency: {error}").format(
                format=args.to, error=exc
            )
        )
        return 2
    if args.output:
        try:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)  # as extract does
            if isinstance(output, bytes):
                Path(args.output).write_bytes(output)
            else:
                Path(args.output).write_text(output, encoding="utf-8")
        except OSError as exc:
            _error(
                _("{file}: cannot be written ({error})").format(
                    file=args.output, error=exc.strerror or exc
                )
            )
            return 2
        return 0
    if isinstance(output, bytes):
        if sys.stdout.isatty():
            _error(
                _("a {format} file is binary: use -o FILE or redirect the output").format(
                    format=args.to
                )
            )
            return 2
        sys.stdout.buffer.write(output)
        sys.stdout.flush()
        return 0
    sys.stdout.write(output)
    return 0


# ------------------------------------------------------------------------- extract
def _cmd_extract(args: argparse.Namespace) -> int:
    suffix = Path(args.to).suffix.lower()
    if suffix not in {".csv", ".parquet", ".pq", ".jsonl", ".ndjson"}:
        _error(_("{file}: the output must end in .csv, .parquet or .jsonl").format(file=args.to))
        return 2
    if suffix in {".parquet", ".pq"}:
        try:
            import pyarrow  # noqa: F401, PLC0415 - only to check that the extra is installed
        except ImportError:
            _error(_("Parquet output needs pyarrow: pip install 'govdisclosure[parquet]'"))
            return 2
    # a dangling link (in reports/*, say) is an input, reported unreadable with the others
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        for p in missing:
            _error(_("{file}: no such file").format(file=p))
        return 2
    if args.workers < 1:
        _error(_("--workers must be at least 1"))
        return 2
    try:
        summary = extract(
            args.paths,
            args.to,
            workers=args.workers,
            lang=_Lang.current,
            resume=not args.restart,
            progress=not args.quiet,
            progress_label=_("extracting"),
            bom=args.bom,
            all_reports=args.all_reports,
            pdf_engine=args.pdf_engine,
        )
    except SettingMismatch as exc:
        _error(
            (
                _(
                    "{file}: the run that wrote this output read every report of each file "
                    "(--all-reports): give --all-reports to resume it, or --restart to start "
                    "afresh"
                )
                if exc.all_reports
                else _(
                    "{file}: the run that wrote this output read the first report of each "
                    "file: resume it without --all-reports, or give --restart to start afresh"
                )
            ).format(file=args.to)
        )
        return 2
    except OutputMismatch:
        _error(
            _(
                "{file}: this output does not match its state file (replaced or cut short "
                "since): give --restart to start afresh, or write to another file"
            ).format(file=args.to)
        )
        return 2
    except OSError as exc:
        _error(_("{file}: cannot be written ({error})").format(file=args.to, error=exc))
        return 2
    err = sys.stderr
    print(
        (
            _(
                "Files: {files}; already done: {skipped}; read: {processed} in {seconds} s; "
                "reports: {reports} from {read} files (several reports in {several} of them); "
                "unreadable: {failures}; cells: {records}."
            )
            if summary.all_reports
            else _(
                "Files: {files}; already done: {skipped}; read: {processed} in {seconds} s; "
                "reports: {reports}; unreadable: {failures}; cells: {records}."
            )
        ).format(
            files=summary.files,
            skipped=summary.skipped,
            processed=summary.processed,
            seconds=f"{summary.seconds:.1f}",
            reports=summary.reports,
            read=summary.files_read,
            several=summary.compilations,
            failures=len(summary.failures),
            records=summary.records,
        ),
        file=err,
    )
    for i, (file, error) in enumerate(summary.failures[:20]):
        # why, in the language asked; the error as raised (in English) follows only in
        # English, and only when it says more than the reason
        reason = summary.reasons[i] if i < len(summary.reasons) else ""
        why = gettext(reason, _Lang.current) if has_message(reason) else ""
        line = _("unreadable: {file}: {error}").format(file=file, error=why or error)
        if why and _Lang.current == "en" and error and not error.endswith(": " + reason):
            line += f" [{error}]"
        print("  " + line, file=err)
    if len(summary.failures) > 20:
        print("  " + _("… and {count} more").format(count=len(summary.failures) - 20), file=err)
    if summary.passed:
        nameless = _("no suffix")
        kinds = sorted(summary.passed.items(), key=lambda kv: (-kv[1], not kv[0], kv[0]))
        listed = [f"{suffix or nameless} {n}" for suffix, n in kinds[:8]]
        print(
            _("Not read, not report files by their names: {count} ({kinds}).").format(
                count=sum(summary.passed.values()),
                kinds=_(", ").join(listed + ["…"] * (len(kinds) > 8)),
            ),
            file=err,
        )
    if summary.findings:
        print(_("Findings by code:"), file=err)
        for code, n in sorted(summary.findings.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:>8}  {code}", file=err)
    cells, findings, state = summary.outputs
    print(
        _("Written: {cells}, {findings} (state: {state})").format(
            cells=cells, findings=findings, state=state
        ),
        file=err,
    )
    return 0


# ------------------------------------------------------------------------- schema
def _cmd_schema(_args: argparse.Namespace) -> int:
    json.dump(json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


# ------------------------------------------------------------------------- parser
def _pdf_engine_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--pdf-engine",
        choices=ENGINES,
        default="pdfplumber",
        help=_(
            "what reads PDF files: pdfplumber (the default) or pdfium (several times faster, "
            "the same reports; needs the extra pdfium)"
        ),
    )


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        metavar="LANG",
        type=_language,
        help=_(
            "language of messages: zh_CN or en (default: en if GOVDISCLOSURE_LANG or the "
            "locale is English, else zh_CN)"
        ),
    )
    parser = argparse.ArgumentParser(
        prog="govdisclosure",
        description=_(
            "Check, convert and extract annual government information disclosure reports."
        ),
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "check",
        parents=[common],
        help=_("check reports and list the findings"),
        description=_("Read each report and list what is wrong or worth knowing about it."),
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help=_("report files (text, HTML, PDF, Word, JSON; - reads standard input)"),
    )
    p.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help=_("output format (default: table)"),
    )
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help=_("exit with status 1 when a finding is at least this severe (default: error)"),
    )
    cross = p.add_mutually_exclusive_group()
    cross.add_argument(
        "--series",
        action="store_true",
        help=_(
            "check each report against the same organ's report for the year before among the FILEs"
        ),
    )
    cross.add_argument(
        "--previous",
        metavar="FILE",
        help=_("the same organ's report for the year before, for cross-year checks"),
    )
    p.add_argument(
        "--all-reports",
        action="store_true",
        help=_(
            "check every report of a file that holds several one after another (a "
            "compilation), each under its organ and year; else only the first"
        ),
    )
    _pdf_engine_option(p)
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser(
        "convert",
        parents=[common],
        help=_("convert a report to another format"),
        description=_("Read a report and write it in another format."),
    )
    p.add_argument("file", metavar="FILE", help=_("a report file (- reads standard input)"))
    p.add_argument(
        "--to",
        required=True,
        choices=("text", "html", "markdown", "json", "docx"),
        help=_(
            "the output format (with --lang en, HTML, Markdown and Word get English headings "
            "and labels)"
        ),
    )
    p.add_argument(
        "-o", "--output", metavar="OUT", help=_("output file (default: standard output)")
    )
    _pdf_engine_option(p)
    p.set_defaults(func=_cmd_convert)

    p = sub.add_parser(
        "extract",
        parents=[common],
        help=_("extract many reports into tidy tables"),
        description=_(
            "Read every report under the given files and folders into one row per cell, "
            "with one row per finding in a second file."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=_("files and folders to read"))
    p.add_argument(
        "--to",
        required=True,
        metavar="OUT",
        help=_("output file: .csv, .parquet or .jsonl; findings go to OUT's stem + .findings"),
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help=_("number of worker processes (default: 1)"),
    )
    p.add_argument(
        "--restart", action="store_true", help=_("start afresh instead of resuming an earlier run")
    )
    p.add_argument("--quiet", action="store_true", help=_("no progress bar"))
    p.add_argument(
        "--bom",
        action="store_true",
        help=_("start CSV outputs with a byte-order mark, so that Excel reads them as UTF-8"),
    )
    p.add_argument(
        "--all-reports",
        action="store_true",
        help=_(
            "read every report of a file that holds several one after another (a "
            "compilation), each numbered in the columns report and reports; else only the "
            "first"
        ),
    )
    _pdf_engine_option(p)
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser(
        "schema",
        parents=[common],
        help=_("print the JSON Schema of the report format"),
        description=_("Print the JSON Schema of the report format."),
    )
    p.set_defaults(func=_cmd_schema)
    return parser


def _lang_from_argv(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _quiet_pdfminer() -> None:
    """Keep pdfminer's warnings about a damaged PDF (``Data-loss while decompressing
    corrupted data`` …, which name no file) off the terminal: each damaged PDF is named
    by a ``parse.pdf-damage`` finding instead. The command line is the program here; a
    program that logs pdfminer itself has set a handler, and is left as it is."""
    logger = logging.getLogger("pdfminer")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    _quiet_pdfminer()
    lang = _lang_from_argv(args_list)
    _Lang.current = normalize_locale(lang if lang is not None and _known_language(lang) else None)
    with _argparse_translated():
        parser = _parser()
        try:
            args = parser.parse_args(args_list)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 2
    try:
        status: int = args.func(args)
    except KeyboardInterrupt:
        _error(_("interrupted"))
        return 130
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        return 1
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
