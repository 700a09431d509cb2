"""The PDFium engine judges damage as pdfminer judges it, in every stream it inflates.

PDFium mends what it reads past without a word, so the PDFium engine judges the streams
pdfminer would inflate (``parse.pdf-damage`` for one that inflates but for its checksum,
``parse.pdf-lost`` for one read short without a word). It judged only a stream whose
first filter is ``FlateDecode``, inflated no further than ``max_bytes``: a stream whose
``FlateDecode`` follows another filter (``[/ASCII85Decode /FlateDecode]``), and a font
program inflating past ``max_bytes`` (which measures a page's content, not its fonts),
were read as sound while the default engine named them. Now both are judged, the filters
before ``FlateDecode`` decoded by pdfminer itself.
"""

from __future__ import annotations

import base64
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from pdfbytes import assemble, type1_pdf

pytest.importorskip("pdfplumber")

ENGINES = ["pdfplumber", "pdfium"]
TEXT = b"BT /F1 12 Tf 72 700 Td (Damage 2024) Tj ET\n"
LOSS = "Data-loss while decompressing corrupted data"


def _engine(engine: str) -> str:
    if engine == "pdfium":
        pytest.importorskip("pypdfium2")
    return engine


def run_length(data: bytes) -> bytes:
    """``data`` in RunLengthDecode's literal runs."""
    return (
        b"".join(
            bytes([len(data[k : k + 128]) - 1]) + data[k : k + 128]
            for k in range(0, len(data), 128)
        )
        + b"\x80"
    )


ENCODERS = {
    b"/ASCII85Decode": lambda d: base64.a85encode(d) + b"~>",
    b"/AHx": lambda d: d.hex().encode() + b">",
    b"/RunLengthDecode": run_length,
}
"""Filters that may come before ``FlateDecode``, and how each encodes."""


def packed(text: bytes, damage: str) -> bytearray:
    data = bytearray(zlib.compress(text))
    if damage == "checksum":
        data[-1] ^= 0xFF
    elif damage == "broken":
        data[len(data) // 2] ^= 0x55
    return data


def content_pdf(stream: bytes, filters: bytes) -> bytes:
    """A page whose content is ``stream``, under ``filters``, and a sound page before
    it (the PDF has text)."""
    sound = zlib.compress(TEXT)
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 7 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(sound)
            + sound
            + b"\nendstream",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R "
            b"/Resources << /Font << /F1 7 0 R >> >> >>",
            b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters)
            + stream
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def read(data: bytes, engine: str, limits: gd.Limits | None = None) -> tuple[list[str], list[str]]:
    """The problems of the read (``parse.pdf-damage``) and its streams lost
    (``parse.pdf-lost``: key and reference of each), as ``pdf_reports`` makes them."""
    from govdisclosure.formats.pdf import _lost_streams, _pages, _pdfminer_problems  # noqa: PLC0415

    with _pdfminer_problems() as problems, _lost_streams() as lost:
        list(_pages(data, None, limits, engine=engine))  # type: ignore[arg-type]
    return list(problems), [f"{s.key} {s.ref}" for s in lost]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("before", list(ENCODERS), ids=lambda b: b.decode())
@pytest.mark.parametrize("damage", ["checksum", "broken"])
def test_flate_after_another_filter_is_judged(damage: str, before: bytes, engine: str) -> None:
    stream = ENCODERS[before](bytes(packed(TEXT, damage)))
    data = content_pdf(stream, b"[%s /FlateDecode]" % before)
    problems, lost = read(data, _engine(engine))
    if damage == "checksum":
        assert (problems, lost) == ([LOSS], [])
    else:
        assert (problems, lost) == ([], ["/Contents 6 0 R"])


def damaged_type1_pdf(program: bytes) -> bytes:
    """A one-page PDF in a Type 1 font not among the 14 standard ones, embedded, whose
    program is ``program``, inflating but for its checksum."""
    return type1_pdf(bytes(packed(program, "checksum")), len(program), text=TEXT)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_font_inflating_past_max_bytes_is_judged(engine: str) -> None:
    """``max_bytes`` measures a page's content, not its fonts, which pdfminer inflates
    whole: so is a font program judged, however far it inflates."""
    program = b"%!PS-AdobeFont-1.0: X 001\n/FontName /X def\n%" + b" " * 300_000 + b"\nend\n"
    data = damaged_type1_pdf(program)
    limits = gd.Limits(max_bytes=100_000)
    assert len(data) < 100_000 < len(program)
    assert read(data, _engine(engine), limits) == ([LOSS], [])


def test_a_font_is_judged_within_the_time_budget() -> None:
    """Judging a font that inflates far takes time: no more than the time budget."""
    from govdisclosure.formats.pdf import _inflation  # noqa: PLC0415
    from govdisclosure.limits import Budget  # noqa: PLC0415

    stream = bytes(packed(b"0" * 5_000_000, "checksum"))
    assert _inflation(stream) == "checksum"
    spent = Budget(1e-9)
    with pytest.raises(gd.LimitExceeded):
        _inflation(stream, spent)


@settings(max_examples=12, deadline=None)
@given(
    st.lists(st.sampled_from(list(ENCODERS)), max_size=2),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=3),
    st.integers(0, 12),
)
def test_the_engines_agree_on_a_filtered_stream(
    before: list[bytes], damage: list[tuple[float, int]], cut: int
) -> None:
    """Property: a content stream under any filters and then ``FlateDecode``, its
    compressed bytes changed anyhow or cut short: the PDFium engine names what the
    default engine names (pdfminer's logged data loss, the streams read short)."""
    pytest.importorskip("pypdfium2")
    stream = bytearray(zlib.compress(TEXT * 3))
    for where, value in damage:
        stream[int(where * len(stream))] = value
    data = bytes(stream[: len(stream) - cut])
    for name in reversed(before):
        data = ENCODERS[name](data)
    pdf = content_pdf(data, b"[%s]" % b" ".join([*before, b"/FlateDecode"]))
    plumbed, lost = read(pdf, "pdfplumber")
    assert read(pdf, "pdfium") == ([p for p in plumbed if p == LOSS], lost)
