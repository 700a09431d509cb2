"""parse_pdf on pages that inflate far beyond their size.

A page's content is a zlib stream: 200 KB of PDF inflated to 200 MB in pdfminer (3.4 s,
460 MB of memory) and would have inflated to gigabytes just as readily. Each page's
content streams, and the forms they draw, are now measured a chunk at a time before
pdfminer reads the page, and a page beyond ``max_bytes`` is refused.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.formats.pdf import _content_size, _inflated_size
from pdfbytes import assemble

pdfplumber = pytest.importorskip("pdfplumber")

REAL = Path(__file__).parent / "data" / "real"
BIG = 60 << 20  # beyond the default max_bytes (50 MB)
TEXT = b"BT /F1 12 Tf 72 720 Td (2024) Tj ET\n"


def _pdf(content: bytes, form: bytes | None = None, nested: int = 0) -> bytes:
    """A one-page PDF whose content stream is ``content``, deflated; with ``form``, the
    page also draws a form XObject whose stream is ``form`` (inside ``nested`` forms
    that only draw the next one)."""
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"",  # the page, below
        b"",  # its content
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]

    def stream(data: bytes, extra: bytes = b"") -> bytes:
        packed = zlib.compress(data, 9)
        return (
            b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra)
            + packed
            + b"\nendstream"
        )

    xobjects = b""
    if form is not None:
        first = len(objs) + 1
        for k in range(nested):  # each form draws the next
            objs.append(
                stream(
                    b"/X Do\n",
                    b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                    b"/Resources << /XObject << /X %d 0 R >> >> " % (first + k + 1),
                )
            )
        objs.append(stream(form, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "))
        xobjects = b"/XObject << /X %d 0 R >>" % first
        content += b"/X Do\n"
    objs[2] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> %s >> >>" % xobjects
    )
    objs[3] = stream(content)
    return assemble(objs)


def test_a_page_that_inflates_beyond_max_bytes_is_refused() -> None:
    bomb = _pdf(TEXT + b" " * BIG)
    assert len(bomb) < 200_000
    with pytest.raises(gd.LimitExceeded, match="page 1, inflated"):
        gd.parse_pdf(bomb)
    with pytest.raises(gd.LimitExceeded, match="page 1, inflated"):
        gd.parse(bomb)


@pytest.mark.parametrize("nested", [0, 3])
def test_a_form_the_page_draws_counts_with_it(nested: int) -> None:
    bomb = _pdf(TEXT, form=TEXT + b" " * BIG, nested=nested)
    with pytest.raises(gd.LimitExceeded, match="page 1, inflated"):
        gd.parse_pdf(bomb)


def test_the_limit_is_max_bytes_and_none_switches_it_off() -> None:
    page = _pdf(TEXT + b" " * (3 << 20))
    with pytest.raises(gd.LimitExceeded, match="max_bytes=2000000"):
        gd.parse_pdf(page, limits=gd.Limits(max_bytes=2_000_000))
    with pytest.raises(gd.ParseError, match="no report found") as raised:  # read: no report
        gd.parse_pdf(page, limits=gd.Limits(max_bytes=None))
    assert not isinstance(raised.value, gd.LimitExceeded)


def test_an_encrypted_page_is_measured_after_decryption() -> None:
    """Government PDFs are often encrypted with an empty user password (printing or
    copying restricted): their streams are measured as pdfminer will read them."""
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_pdf(TEXT + b" " * BIG)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(gd.LimitExceeded, match="page 1, inflated"):
        gd.parse_pdf(out.getvalue())


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024", "huaian-2024"])
def test_the_measure_is_what_pdfminer_inflates(name: str) -> None:
    """On the real reports, each page's measure is the size of the content pdfminer
    decodes for it (and of the forms it draws, which these do not have)."""
    with pdfplumber.open(REAL / f"{name}.pdf") as pdf:
        for page in pdf.pages:
            measured = _content_size(page, 1 << 40)
            decoded = sum(len(s.get_data()) for s in page.page_obj.contents)
            assert measured == decoded > 0, page.page_number


@settings(max_examples=100)
@given(st.binary(max_size=5000), st.integers(0, 6000), st.integers(0, 20))
def test_inflated_size_counts_exactly_up_to_the_limit(data: bytes, limit: int, cut: int) -> None:
    packed = zlib.compress(data)
    size = _inflated_size(packed, limit)
    if len(data) <= limit:
        assert size == len(data)
    else:
        assert size > limit
    # a damaged stream counts at most what it holds
    assert _inflated_size(packed[: max(0, len(packed) - cut)], 1 << 30) <= len(data)


def test_inflated_size_keeps_memory_at_a_chunk() -> None:
    """Counting a 256 MB stream stops just past the limit, after a chunk or so."""
    inflater = zlib.compressobj(9)
    packed = b"".join(inflater.compress(b"\0" * (64 << 20)) for _ in range(4)) + inflater.flush()
    assert _inflated_size(packed, 10 << 20) <= (10 << 20) + (1 << 20)
