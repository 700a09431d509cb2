"""Small PDFs written byte by byte for the PDF tests, and pdfminer's warnings caught."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

__all__ = ["assemble", "logged", "type1_pdf"]


def assemble(objs: list[bytes]) -> bytes:
    """A PDF of the objects ``objs`` (numbered from 1, the first the catalog), with its
    cross-reference table and trailer."""
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1,
        xref,
    )
    return out


def type1_pdf(
    program: bytes,
    length1: int,
    *,
    basefont: bytes = b"Damaged",
    text: bytes = b"BT /F1 12 Tf 72 700 Td (Damage 2024) Tj ET\n",
) -> bytes:
    """A one-page PDF showing ``text`` in a Type 1 font named ``basefont``, embedded
    (``/FontFile``, no ``/Encoding``: pdfminer reads its program unless the font is one
    of the 14 standard ones), its program stream holding ``program`` (compressed with
    ``FlateDecode``, damaged or not: ``length1`` bytes inflated)."""
    import zlib  # noqa: PLC0415

    content = zlib.compress(text)
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
            + content
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /FirstChar 32 /LastChar 126 "
            b"/Widths [%s] /FontDescriptor 6 0 R >>" % (basefont, b" ".join([b"500"] * 95)),
            b"<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [0 -200 1000 800] "
            b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 "
            b"/FontFile 7 0 R >>" % basefont,
            b"<< /Length %d /Length1 %d /Length2 0 /Length3 0 /Filter /FlateDecode >>\n"
            b"stream\n" % (len(program), length1) + program + b"\nendstream",
        ]
    )


@contextlib.contextmanager
def logged() -> Iterator[list[logging.LogRecord]]:
    """The warnings pdfminer logs in this thread, as a program's handler sees them."""
    records: list[logging.LogRecord] = []
    thread = threading.get_ident()

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.thread == thread:
                records.append(record)

    handler = Keep(logging.WARNING)
    logger = logging.getLogger("pdfminer")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
