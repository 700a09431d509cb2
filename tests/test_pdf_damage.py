"""A PDF read past damage says so: ``parse.pdf-damage``.

pdfminer reads past much damage (a compressed stream that does not inflate whole,
drawing operators with bad operands) and only logs a warning, which names no file and,
with no logging set up, goes to the terminal. The report then lacked what the damaged
parts held, and nothing in it said so. Now the warnings logged while a PDF is read (in
the reading thread) make one finding on the report, which counts them and quotes the
first; the command line keeps pdfminer's own lines off the terminal.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.formats.pdf import _quoted_problem
from pdfbytes import logged, type1_pdf

pytest.importorskip("pdfplumber")

REAL = Path(__file__).parent / "data" / "real"
HUAIAN = (REAL / "huaian-2024.pdf").read_bytes()


def damaged() -> bytes:
    """huaian-2024.pdf with two bytes of compressed streams changed."""
    data = bytearray(HUAIAN)
    data[66691], data[403847] = 31, 189
    return bytes(data)


def damage_findings(report: gd.Report) -> list[gd.Finding]:
    return [f for f in report.findings if f.code == "parse.pdf-damage"]


def test_a_damaged_pdf_is_read_and_named() -> None:
    with logged() as records:
        report = gd.parse_pdf(damaged())
    (found,) = damage_findings(report)
    assert found.severity is gd.Severity.WARNING
    assert dict(found.params)["count"] == len(records) >= 1
    assert dict(found.params)["problem"] == records[0].getMessage()
    assert "Data-loss" in found.message("en")
    assert report.applications is not None  # the rest is read


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024", "huaian-2024"])
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_a_sound_pdf_is_not_named(name: str, engine: str) -> None:
    if engine == "pdfium":
        pytest.importorskip("pypdfium2")
    report = gd.parse_pdf(REAL / f"{name}.pdf", engine=engine)  # type: ignore[arg-type]
    assert damage_findings(report) == []


def test_another_threads_damage_is_not_this_reports() -> None:
    reports: dict[str, gd.Report] = {}
    start = threading.Barrier(2)

    def read(name: str, data: bytes) -> None:
        start.wait()
        for _ in range(2):
            reports[name] = gd.parse_pdf(data)

    threads = [
        threading.Thread(target=read, args=("damaged", damaged())),
        threading.Thread(target=read, args=("sound", HUAIAN)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(damage_findings(reports["damaged"])) == 1
    assert damage_findings(reports["sound"]) == []


def test_the_program_still_gets_the_warnings() -> None:
    """The reader adds its own handler while it reads, and takes it away after: a
    program's handler gets every record, and none is left behind."""
    before = list(logging.getLogger("pdfminer").handlers)
    with logged() as records:
        gd.parse_pdf(damaged())
    assert records
    assert logging.getLogger("pdfminer").handlers == before


def test_the_command_line_names_the_damage_without_pdfminer_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from govdisclosure.cli import main  # noqa: PLC0415

    logger = logging.getLogger("pdfminer")
    monkeypatch.setattr(logger, "handlers", [])
    monkeypatch.setattr(logger, "propagate", True)
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damaged())
    main(["check", str(path), "--lang", "en"])
    out, err = capsys.readouterr()
    assert "parse.pdf-damage" in out
    assert "Data-loss" not in err


def test_the_quoted_problem_is_printable_and_short() -> None:
    assert _quoted_problem("bad operands (b'\x1alMK', 58)") == "bad operands (b'?lMK', 58)"
    assert len(_quoted_problem("x" * 500)) == 120


_DATA = HUAIAN


@settings(max_examples=10, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(_DATA) - 1), st.integers(0, 255)), min_size=1, max_size=6)
)
def test_what_pdfminer_logs_is_what_the_report_names(damage: list[tuple[int, int]]) -> None:
    """Property: any bytes changed, the report names the damage exactly when pdfminer
    logged it while reading, with its count (or the PDF is refused)."""
    data = bytearray(_DATA)
    for at, value in damage:
        data[at] = value
    with logged() as records:
        try:
            report = gd.parse_pdf(bytes(data))
        except gd.ParseError:
            return
    found = damage_findings(report)
    if records:
        assert [dict(f.params)["count"] for f in found] == [len(records)]
    else:
        assert found == []


# ------------------------------------------------------------ the PDFium engine
# PDFium mends what it reads past without a word: the PDFium engine has pdfminer's
# document (which it opens anyway) judge the streams pdfminer would inflate.

FONT_PROGRAM, CONTENT = 66691, 403847
"""A byte of huaian-2024.pdf in a font program (object 23, a ``/FontFile2``) and one in
the content stream of a page (object 56)."""


def damaged_at(*where: int) -> bytes:
    data = bytearray(HUAIAN)
    for at in where:
        data[at] = {FONT_PROGRAM: 31, CONTENT: 189}[at]
    return bytes(data)


@pytest.mark.parametrize(
    "where", [(FONT_PROGRAM,), (CONTENT,), (FONT_PROGRAM, CONTENT)], ids=["font", "content", "both"]
)
def test_the_engines_agree_that_a_pdf_is_damaged(where: tuple[int, ...]) -> None:
    pytest.importorskip("pypdfium2")
    data = damaged_at(*where)
    with logged() as records:
        plumbed = gd.parse_pdf(data)
    with logged() as pdfium_records:
        report = gd.parse_pdf(data, engine="pdfium")
    (default,) = damage_findings(plumbed)
    (found,) = damage_findings(report)
    # the same damage, counted the same: a stream that inflates but for its checksum
    expected = {"count": len(where), "problem": "Data-loss while decompressing corrupted data"}
    assert dict(found.params) == dict(default.params) == expected
    assert len(records) == len(where)
    assert pdfium_records == []  # (found by the reader, not logged by pdfminer)
    assert report.applications is not None


def test_the_pdfium_engine_names_a_damaged_pdf_once_a_document() -> None:
    """A font is judged once a document (pdfminer keeps a font read), its pages' content
    streams once a page; in compilations too, with the first report."""
    pytest.importorskip("pypdfium2")
    reports = gd.formats.pdf.pdf_reports(damaged(), engine="pdfium", every=True)
    assert [len(damage_findings(r)) for r in reports] == [1] + [0] * (len(reports) - 1)
    assert dict(damage_findings(reports[0])[0].params)["count"] == 2


def _pdfminer_logs_data_loss(stream: bytes) -> bool:
    """Whether pdfminer, inflating ``stream`` (``FlateDecode``), logs its data loss."""
    from pdfminer.pdftypes import PDFStream  # noqa: PLC0415
    from pdfminer.psparser import LIT  # noqa: PLC0415

    with logged() as records:
        PDFStream({"Filter": LIT("FlateDecode")}, stream).get_data()
    return any("Data-loss" in r.getMessage() for r in records)


def test_a_stream_is_judged_however_far_it_inflates() -> None:
    """A stream is inflated a chunk at a time, as far as it goes (as pdfminer inflates
    it: a font program is not measured before, as content is), and judged as pdfminer
    judges it (tests/test_pdf_damage_filters.py: a font past ``max_bytes``)."""
    import zlib  # noqa: PLC0415

    from govdisclosure.formats.pdf import _inflation  # noqa: PLC0415

    stream = bytearray(zlib.compress(b"0" * 5_000_000))
    stream[-1] ^= 0xFF  # (the checksum's last byte)
    assert _pdfminer_logs_data_loss(bytes(stream))
    assert _inflation(bytes(stream)) == "checksum"


_STREAMS = [
    (m.end(), HUAIAN.index(b"endstream", m.end()))
    for m in __import__("re").finditer(rb"(?<!end)stream\r?\n", HUAIAN)
]
"""The streams of huaian-2024.pdf (start, end), to damage."""


@settings(max_examples=8, deadline=None)
@example(span=(401090, 405065), damage=[(2757.5 / 3975, 189)])  # (CONTENT)
@given(
    st.sampled_from([s for s in _STREAMS if s[1] - s[0] < 20_000]),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1),
)
def test_the_engines_agree_whether_a_stream_is_damaged(
    span: tuple[int, int], damage: list[tuple[float, int]]
) -> None:
    """Property: any bytes of a stream changed (content, font, picture: small ones, as
    pdfminer takes seconds to inflate a large damaged one), the PDFium engine names the
    damage exactly when the default engine's pdfminer logs a stream that loses data,
    as many times (what pdfminer logs interpreting the damaged content, the PDFium
    engine does not count)."""
    pytest.importorskip("pypdfium2")
    start, end = span
    data = bytearray(HUAIAN)
    for where, value in damage:
        data[start + int(where * (end - start))] = value
    with logged() as records:
        try:
            gd.parse_pdf(bytes(data))
        except gd.ParseError:
            return
    losses = sum("Data-loss" in r.getMessage() for r in records)
    try:
        report = gd.parse_pdf(bytes(data), engine="pdfium")
    except gd.ParseError:
        return
    found = damage_findings(report)
    assert [dict(f.params)["count"] for f in found] == ([losses] if losses else [])


# ------------------------------------------------------------ extract's workers
_EXTRACT = """
import multiprocessing, sys
multiprocessing.set_start_method(sys.argv[1])
from govdisclosure.cli import main
sys.exit(main(["extract", *sys.argv[2:], "--workers", "2", "--lang", "en"]))
"""


@pytest.mark.parametrize("start", ["fork", "spawn", "forkserver"])
def test_extract_workers_keep_pdfminer_off_the_terminal(tmp_path: Path, start: str) -> None:
    """``govdisclosure extract --workers 2`` over damaged PDFs: the findings name the
    damage and no pdfminer line reaches standard error, whether the workers are forked
    (and have the command line's null handler) or started afresh (``spawn``: macOS and
    Windows; ``forkserver``: Linux from Python 3.14), whose logging is unset: the reader's
    own handler, there while a PDF is read, keeps Python's last-resort handler (which
    prints to standard error when a record finds no handler) from printing."""
    import multiprocessing  # noqa: PLC0415
    import os  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    if start not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start} here")
    paths = []
    for k in range(3):
        paths.append(tmp_path / f"damaged-{k}.pdf")
        paths[-1].write_bytes(damaged_at(CONTENT))
    out = tmp_path / "out.csv"
    root = Path(__file__).parent.parent
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    proc = subprocess.run(
        [sys.executable, "-c", _EXTRACT, start, *map(str, paths), "--to", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    findings = (tmp_path / "out.findings.csv").read_text(encoding="utf-8").splitlines()
    named = [line for line in findings if ",parse.pdf-damage," in line]
    assert len(named) == 3
    assert all("Data-loss" in line for line in named)
    assert "Data-loss" not in proc.stderr
    assert "pdfminer" not in proc.stderr


def _type1_pdf(basefont: bytes) -> bytes:
    """A one-page PDF in a Type 1 font named ``basefont``, embedded (``/FontFile``, no
    ``/Encoding``), whose font program inflates but for its checksum."""
    import zlib  # noqa: PLC0415

    program = b"%!PS-AdobeFont-1.0: X 001\n/FontName /X def\nend\n"
    packed = bytearray(zlib.compress(program))
    packed[-1] ^= 0xFF
    return type1_pdf(bytes(packed), len(program), basefont=basefont)


@pytest.mark.parametrize(("basefont", "named"), [(b"Helvetica", False), (b"Damaged", True)])
def test_a_font_program_is_judged_when_pdfminer_reads_it(basefont: bytes, named: bool) -> None:
    """A simple font's program is read by pdfminer only when the font has no encoding
    and is not one of the 14 standard fonts (whose metrics it has): so is it judged."""
    pytest.importorskip("pypdfium2")
    from govdisclosure.formats.pdf import _pages, _pdfminer_problems  # noqa: PLC0415

    data = _type1_pdf(basefont)
    counts = {}
    for engine in ("pdfplumber", "pdfium"):
        with _pdfminer_problems() as problems:
            pages = list(_pages(data, None, engine=engine))  # type: ignore[arg-type]
        assert len(pages[0].items) == 1  # (the text: its characters, or their cids)
        counts[engine] = len(problems)
    assert counts == {"pdfplumber": int(named), "pdfium": int(named)}
