"""A PDF stream read without a word no further than its damage says so: ``parse.pdf-lost``.

pdfminer inflates a ``FlateDecode`` stream that fails before its last 3 bytes (its
checksum) as empty, and one cut short as far as it goes, logging nothing (it logs only
a stream that fails in its checksum: ``parse.pdf-damage``). What such a stream held was
missing from the report, and nothing said so. Now each is named, with both engines: the
default engine notes it where pdfminer meets it, the PDFium engine judges the streams
pdfminer would inflate as pdfminer judges them.
"""

from __future__ import annotations

import threading
import zlib
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from pdfbytes import assemble, logged

pytest.importorskip("pdfplumber")

REAL = Path(__file__).parent / "data" / "real"
HUAIAN = (REAL / "huaian-2024.pdf").read_bytes()
ENGINES = ["pdfplumber", "pdfium"]


def _engine(engine: str) -> str:
    if engine == "pdfium":
        pytest.importorskip("pypdfium2")
    return engine


def lost_findings(report: gd.Report) -> list[gd.Finding]:
    return [f for f in report.findings if f.code == "parse.pdf-lost"]


def damage_findings(report: gd.Report) -> list[gd.Finding]:
    return [f for f in report.findings if f.code == "parse.pdf-damage"]


def pdfminer_reads(stream: bytes) -> tuple[bytes, bool]:
    """What pdfminer makes of the ``FlateDecode`` stream ``stream``, and whether it
    logged anything doing so."""
    from pdfminer.pdftypes import PDFStream  # noqa: PLC0415
    from pdfminer.psparser import LIT  # noqa: PLC0415

    with logged() as records:
        data = PDFStream({"Filter": LIT("FlateDecode")}, stream).get_data()
    return data, bool(records)


def silently_short(stream: bytes) -> bool:
    """Whether pdfminer reads ``stream`` short of whole without a word: it does not
    inflate whole (zlib says so) and pdfminer logs nothing."""
    try:
        zlib.decompress(stream)
    except zlib.error:
        return bool(stream) and not pdfminer_reads(stream)[1]
    return False


# ------------------------------------------------------------ the judge of a stream
@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=400),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=3),
    st.integers(0, 10_000),
)
def test_a_stream_is_judged_as_pdfminer_reads_it(
    content: bytes, damage: list[tuple[int, int]], cut: int
) -> None:
    """Property: any stream damaged or cut short, the one-pass judge says how pdfminer
    (a byte at a time) reads it: whole; logged (the checksum); broken (read as empty,
    without a word); cut short (read as far as it goes, without a word)."""
    from govdisclosure.formats.pdf import _inflation  # noqa: PLC0415

    packed = bytearray(zlib.compress(content * 3))
    for at, value in damage:
        packed[at % len(packed)] = value
    stream = bytes(packed[: len(packed) - cut % (len(packed) + 1)])
    how = _inflation(stream)
    data, said = pdfminer_reads(stream)
    assert (how == "checksum") is said
    assert (how in ("broken", "cut")) is silently_short(stream)
    if how == "broken":
        assert data == b""
    if how == "cut":
        inflater = zlib.decompressobj()
        assert data == inflater.decompress(stream)
        assert not inflater.eof


# ------------------------------------------------------------ a real report damaged
BROKEN = range(401590, 401610)
"""Bytes in the middle of the content stream of huaian-2024.pdf's page 5 (object 56)."""


@pytest.mark.parametrize("engine", ENGINES)
def test_a_content_stream_broken_in_the_middle_is_named(engine: str) -> None:
    data = bytearray(HUAIAN)
    for at in BROKEN:
        data[at] ^= 0x55
    with logged() as records:
        report = gd.parse_pdf(bytes(data), engine=_engine(engine))  # type: ignore[arg-type]
    (found,) = lost_findings(report)
    assert found.severity is gd.Severity.WARNING
    params = dict(found.params)
    assert params["count"] == params["broken"] == 1
    assert params["cut"] == 0
    assert params["streams"] == "/Contents 56 0 R"
    assert params["pages"] == "5"
    assert "/Contents 56 0 R" in found.message("en")
    assert "/Contents 56 0 R" in found.message("zh_CN")
    assert damage_findings(report) == []  # (pdfminer logged nothing of it)
    assert not any("Data-loss" in r.getMessage() for r in records)
    assert report.applications is not None  # the rest is read


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024", "huaian-2024"])
@pytest.mark.parametrize("engine", ENGINES)
def test_a_sound_pdf_loses_nothing(name: str, engine: str) -> None:
    report = gd.parse_pdf(REAL / f"{name}.pdf", engine=_engine(engine))  # type: ignore[arg-type]
    assert lost_findings(report) == []


# ------------------------------------------------------------ generated PDFs
LINE = b"BT /F1 12 Tf 72 %d Td (Page %d line %d of the report 2024) Tj ET\n"


def content(page: int) -> bytes:
    return b"".join(LINE % (700 - 14 * k, page, k) for k in range(20))


def make_pdf(streams: list[bytes]) -> bytes:
    """A PDF of a page for each of ``streams`` (its content stream, ``FlateDecode``,
    as given), in Helvetica (a standard font: no font program)."""
    count = len(streams)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * k) for k in range(count))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for k, stream in enumerate(streams):
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * k)
        )
        objs.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream"
        )
    return assemble(objs)


def read(data: bytes, engine: str) -> tuple[list[str], list[object], list[gd.Finding]]:
    """The pages' text, the problems pdfminer reported (or the PDFium engine judged as
    it would) and the finding of the streams lost, as ``pdf_reports`` makes them."""
    from govdisclosure.formats.pdf import (  # noqa: PLC0415
        _lost_finding,
        _lost_streams,
        _pages,
        _pdfminer_problems,
    )

    with _pdfminer_problems() as problems, _lost_streams() as lost:
        pages = list(_pages(data, None, engine=engine))  # type: ignore[arg-type]
    text = [" ".join(getattr(it, "text", "") for it in p.items) for p in pages]
    return text, list(problems), [_lost_finding(lost)] if lost else []


@pytest.mark.parametrize("engine", ENGINES)
def test_a_stream_cut_short_is_named(engine: str) -> None:
    """A content stream cut short (its last 40 bytes missing, /Length as it is): read
    as far as it goes, and named, by both engines."""
    whole = zlib.compress(content(2))
    data = make_pdf([zlib.compress(content(1)), whole[:-40]])
    text, problems, lost = read(data, _engine(engine))
    assert "Page 2 line 0" in text[1]  # (what is there is read)
    assert problems == []
    (found,) = lost
    params = dict(found.params)
    assert (params["count"], params["broken"], params["cut"]) == (1, 0, 1)
    assert (params["streams"], params["pages"]) == ("/Contents 7 0 R", "2")
    assert params["size"] == len(whole) - 40


@settings(max_examples=15, deadline=None)
@example(damage=[([(0.3, 0)], 0), ([], 30), ([(0.5, 0)], 0)], engine="pdfplumber")
@example(damage=[([(0.3, 0)], 0), ([], 30), ([(0.5, 0)], 0)], engine="pdfium")
@given(
    st.lists(
        st.tuples(
            st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=3),
            st.integers(0, 60),
        ),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(ENGINES),
)
def test_each_stream_read_short_without_a_word_is_counted(
    damage: list[tuple[list[tuple[float, int]], int]], engine: str
) -> None:
    """Property: pages whose content streams are damaged anyhow (bytes changed, cut
    short, or both), the streams named are those pdfminer reads short of whole without a
    word, as many, on their pages; those it logs are counted by ``parse.pdf-damage``, not
    again; with both engines."""
    streams = [zlib.compress(content(1))]  # (a sound page: the PDF has text)
    for changes, cut in damage:
        packed = bytearray(zlib.compress(content(len(streams) + 1)))
        for where, value in changes:
            packed[int(where * len(packed))] = value
        streams.append(bytes(packed[: len(packed) - cut]))
    _, problems, lost = read(make_pdf(streams), _engine(engine))
    short = [k + 1 for k, s in enumerate(streams) if silently_short(s)]
    logged_ = sum(pdfminer_reads(s)[1] for s in streams)
    assert sum(p == "Data-loss while decompressing corrupted data" for p in problems) == logged_
    if not short:
        assert lost == []
        return
    (found,) = lost
    params = dict(found.params)
    assert params["count"] == len(short)
    assert params["pages"] == ", ".join(map(str, short))
    assert params["streams"] == ", ".join(f"/Contents {4 + 2 * p - 1} 0 R" for p in short)


def test_pdfminer_is_left_as_it_was() -> None:
    """The default engine's note-taker stands in pdfminer's ``decompress_corrupted``
    only while a read is under way, and does what it does for every caller."""
    from pdfminer import pdftypes  # noqa: PLC0415

    before = pdftypes.decompress_corrupted
    data = bytearray(HUAIAN)
    for at in BROKEN:
        data[at] ^= 0x55
    gd.parse_pdf(bytes(data))
    assert pdftypes.decompress_corrupted is before


def test_another_threads_loss_is_not_this_reports() -> None:
    """Two default-engine reads at once, one of a PDF with a stream broken: the loss is
    the damaged PDF's only, and pdfminer is left as it was when both end."""
    from pdfminer import pdftypes  # noqa: PLC0415

    before = pdftypes.decompress_corrupted
    data = bytearray(HUAIAN)
    for at in BROKEN:
        data[at] ^= 0x55
    reports: dict[str, list[gd.Report]] = {"damaged": [], "sound": []}
    start = threading.Barrier(2)

    def read(name: str, pdf: bytes) -> None:
        start.wait()
        for _ in range(2):
            reports[name].append(gd.parse_pdf(pdf))

    threads = [
        threading.Thread(target=read, args=("damaged", bytes(data))),
        threading.Thread(target=read, args=("sound", HUAIAN)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [len(lost_findings(r)) for r in reports["damaged"]] == [1, 1]
    assert [len(lost_findings(r)) for r in reports["sound"]] == [0, 0]
    assert pdftypes.decompress_corrupted is before


@pytest.mark.parametrize("engine", ENGINES)
def test_a_stream_read_for_two_pages_is_one_stream(engine: str) -> None:
    """Pages 2 and 3 share a content stream, broken: one stream, read for both."""
    packed = bytearray(zlib.compress(content(2)))
    packed[int(0.3 * len(packed))] = 0
    data = make_pdf([zlib.compress(content(1)), bytes(packed), bytes(packed)])
    data = data.replace(b"/Contents 9 0 R", b"/Contents 7 0 R")
    _, _, lost = read(data, _engine(engine))
    (found,) = lost
    params = dict(found.params)
    assert (params["count"], params["broken"], params["cut"]) == (1, 1, 0)
    assert (params["streams"], params["pages"]) == ("/Contents 7 0 R", "2, 3")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_form_drawn_by_a_form_is_judged_too(engine: str) -> None:
    """A form drawn by a form the page draws, its stream broken in the middle: named as
    the page's content is, by both engines (the PDFium engine walks the forms in forms
    of the resources, as pdfminer reads them)."""
    from test_pdf_bombs import _pdf  # noqa: PLC0415

    data = bytearray(_pdf(b"", form=b"BT /F1 12 Tf 72 700 Td (7) Tj ET\n" * 40, nested=2))
    start = data.rindex(b">>\nstream\n") + len(b">>\nstream\n")  # the innermost form (8 0 R)
    end = data.rindex(b"\nendstream")
    for at in range((start + end) // 2, (start + end) // 2 + 8):
        data[at] ^= 0x55
    _, _, lost = read(bytes(data), _engine(engine))
    (found,) = lost
    assert dict(found.params)["streams"] == "/XObject 8 0 R"
