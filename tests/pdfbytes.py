"""Small PDFs written byte by byte for the PDF tests, and pdfminer's warnings caught."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

__all__ = ["assemble", "logged"]


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
