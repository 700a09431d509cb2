"""Bytes that do not decode: replaced with U+FFFD, counted and located.

A page or text whose bytes its encoding does not decode (a GBK paragraph pasted into a
UTF-8 page, a file cut one byte into a character, bytes no encoding tried decodes) is
read with those bytes replaced, and a ``parse.bytes-replaced`` warning says how many
bytes were replaced, in which encoding, and where the first one was. Before, the
readers said it in English words inside ``parse.encoding``'s parameter (so a Chinese
message carried an English phrase), without a count or a place; a web page's fragment
imported into a Word document replaced bytes without a word.
"""

from __future__ import annotations

import codecs
import io
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.formats._bom import Replaced, decode_replacing

_CODECS = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030")


def _damaged() -> st.SearchStrategy[tuple[bytes, str]]:
    """Text encoded by one of the codecs, with arbitrary bytes put in somewhere (often
    nothing that decodes)."""
    return st.tuples(
        st.text(max_size=30), st.binary(max_size=6), st.integers(0, 200), st.sampled_from(_CODECS)
    ).map(_spliced)


def _spliced(args: tuple[str, bytes, int, str]) -> tuple[bytes, str]:
    text, junk, at, codec = args
    data = text.encode(codec, errors="surrogatepass")
    at = min(at, len(data))
    if codec.startswith("utf-") and codec != "utf-8":
        at = max(at, 4 if codec == "utf-32" else 2 if codec == "utf-16" else 3)
    return data[:at] + junk + data[at:], codec


@given(_damaged())
def test_decoding_replacing_is_the_replace_handler_counted(case: tuple[bytes, str]) -> None:
    """The text is the ``replace`` handler's, to the character; bytes are said to be
    replaced exactly when the strict decoding fails, the first where it fails."""
    data, codec = case
    text, replaced = decode_replacing(data, codec)
    assert text == data.decode(codec, errors="replace")
    failed_at: int | None = None
    try:
        data.decode(codec)
    except UnicodeDecodeError as exc:
        # utf-8-sig gives offsets after the mark it takes off
        skip = 3 if codec == "utf-8-sig" and data.startswith(codecs.BOM_UTF8) else 0
        failed_at = exc.start + skip
    if failed_at is None:
        assert replaced is None
        return
    assert replaced is not None
    assert replaced.first == failed_at
    assert 1 <= replaced.size <= len(data) - replaced.first
    if codec == "utf-8":
        # each byte replaced is one surrogate with the surrogateescape handler
        escaped = data.decode(codec, errors="surrogateescape")
        assert replaced.size == sum("\udc80" <= ch <= "\udcff" for ch in escaped)


def test_decodings_in_threads_count_their_own_bytes() -> None:
    """Each thread's decoding counts the bytes it replaced, not another's."""
    inputs = [b"a" * k + b"\xff" * (k % 7 + 1) + "报".encode() * k for k in range(200)]
    alone = [decode_replacing(d, "utf-8") for d in inputs]
    barrier = threading.Barrier(4)

    def run(k: int) -> list[tuple[str, Replaced | None]]:
        barrier.wait()
        return [decode_replacing(d, "utf-8") for d in inputs[k::4]]

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(run, range(4)))
    for k, got in enumerate(results):
        assert got == alone[k::4]


@pytest.mark.parametrize("read", [gd.parse_text, gd.parse_html])
def test_the_finding_says_it_in_the_language_asked(read: Any) -> None:
    """No English words in the Chinese message (before: ``UTF-8 (with undecodable bytes
    replaced)`` in both languages)."""
    report = gd.build_report(organ="某县某局", year=2024)
    page = gd.render_text(report) if read is gd.parse_text else gd.render_html(report)
    data = page.encode("gbk") + b"\x80\xff"  # (0x80 and 0xFF are no GB18030 bytes)
    (f,) = [f for f in read(data).findings if f.code == "parse.bytes-replaced"]
    assert f.args == {"encoding": "GB18030", "count": 2, "offset": len(data) - 2}
    zh = f.message("zh_CN")
    assert "2 个字节" in zh
    assert "GB18030" in zh
    assert f"字节偏移为 {len(data) - 2:,}" in zh
    assert "replaced" not in zh
    assert f.message("en").startswith(
        f"2 byte(s) of the input do not decode as GB18030, the first at offset {len(data) - 2:,}"
    )


@pytest.mark.parametrize("read", [gd.parse_text, gd.parse_html])
@pytest.mark.parametrize("codec", ["utf-8", "gbk"])
def test_a_stray_byte_costs_one_character_not_all(read: Any, codec: str) -> None:
    """Bytes neither UTF-8 nor GB18030 decodes whole are read by the one that replaces
    fewer: a GBK text with one stray byte keeps its characters (the text reader read
    it as UTF-8 before, every Chinese character replaced), as does a UTF-8 one (the
    web page reader read it as GB18030)."""
    report = gd.build_report(
        organ="某县某局", year=2024, applications={"new_received": {"natural_person": 12}}
    )
    page = gd.render_text(report) if read is gd.parse_text else gd.render_html(report)
    data = page.encode(codec) + b"\x80\xff"
    back = read(data)
    (f,) = [f for f in back.findings if f.code == "parse.bytes-replaced"]
    assert f.args["encoding"] == ("UTF-8" if codec == "utf-8" else "GB18030")
    assert f.args["count"] == 2
    assert back.organ.name == "某县某局"
    assert back.cell("applications.new_received.natural_person") == 12


def test_an_html_part_of_a_word_document_names_bytes_replaced() -> None:
    """A web page imported into a Word document (``w:altChunk``) whose bytes do not
    decode names them, as the page would on its own (before: in silence)."""
    docx = pytest.importorskip("docx")
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: PLC0415
    from docx.opc.packuri import PackURI  # noqa: PLC0415
    from docx.opc.part import Part  # noqa: PLC0415
    from docx.oxml import parse_xml  # noqa: PLC0415

    report = gd.build_report(organ="某县某局", year=2024)
    doc = docx.Document(io.BytesIO(gd.render_docx(report)))
    page = "<html><body><p>附注：本报告数据截至年底。</p></body></html>".encode("gbk") + b"\x80"
    part = Part(PackURI("/word/afchunk1.htm"), "text/html", page, doc.part.package)
    rid = doc.part.relate_to(part, RT.A_F_CHUNK)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    ns += 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    doc.element.body.insert(0, parse_xml(f'<w:altChunk {ns} r:id="{rid}"/>'))
    out = io.BytesIO()
    doc.save(out)
    back = gd.parse_docx(out.getvalue())
    (f,) = [f for f in back.findings if f.code == "parse.bytes-replaced"]
    assert f.args == {"encoding": "GB18030", "count": 1, "offset": len(page) - 1}
