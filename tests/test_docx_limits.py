"""parse_docx on hostile and unusual Word documents: limits, wrappers, layout tables.

A Word document is a zip of XML parts: a few hundred kilobytes can unpack to gigabytes,
and one ``w:gridSpan`` can claim a billion columns. These are refused (or clamped)
before they cost memory. Content controls (``w:sdt``) and layout tables around the
report hide nothing: what Word shows is read.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import govdisclosure as gd
from govdisclosure.formats.docx import DocxGrid, parse_docx, read_docx_grids
from govdisclosure.strategies import valid_reports

docx = pytest.importorskip("docx")

SEED = Path(__file__).parent / "data" / "real" / "xunzhen-2024.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"


@pytest.fixture(scope="module")
def seed() -> gd.Report:
    return gd.parse_text(SEED)


@pytest.fixture(scope="module")
def seed_docx(seed: gd.Report) -> bytes:
    return gd.render_docx(seed)


def _rewrite(
    data: bytes, change: Callable[[str, bytes], bytes], *extra: tuple[str, bytes]
) -> bytes:
    """The package ``data`` with each part passed through ``change`` and ``extra`` parts."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z,
    ):
        for info in zin.infolist():
            z.writestr(info.filename, change(info.filename, zin.read(info)))
        for name, content in extra:
            z.writestr(name, content)
    return out.getvalue()


def _edit_body(data: bytes, edit: Callable[[etree._Element], None]) -> bytes:
    """The document with its ``w:body`` changed in place by ``edit``."""

    def change(name: str, content: bytes) -> bytes:
        if name != DOCUMENT:
            return content
        root = etree.fromstring(content)
        edit(root.find(f"{W}body"))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return _rewrite(data, change)


def _unpacked(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return sum(i.file_size for i in z.infolist())


# ------------------------------------------------------------------------ sizes
def test_a_part_that_unpacks_beyond_max_bytes_is_refused_before_it_is_read(
    seed_docx: bytes,
) -> None:
    """A 64 MB part compresses to about 64 KB: the file passes max_bytes, its content
    does not, and it is refused without being unpacked."""
    bomb = _rewrite(seed_docx, lambda _n, c: c, ("word/media/pad.bin", b"\0" * (64 << 20)))
    assert len(bomb) < 1 << 20
    with pytest.raises(gd.LimitExceeded, match="uncompressed"):
        gd.parse_docx(bomb)
    with pytest.raises(gd.LimitExceeded, match="uncompressed"):
        gd.parse(bomb)


def test_max_bytes_counts_the_parts_unpacked_not_the_file(seed_docx: bytes) -> None:
    size = _unpacked(seed_docx)
    assert len(seed_docx) < size - 1  # compressed
    with pytest.raises(gd.LimitExceeded, match="uncompressed"):
        gd.parse_docx(seed_docx, limits=gd.Limits(max_bytes=size - 1))
    assert gd.parse_docx(seed_docx, limits=gd.Limits(max_bytes=size)) == gd.parse_docx(seed_docx)


def test_the_file_itself_is_refused_beyond_max_bytes(seed_docx: bytes, tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(seed_docx)
    for source in (seed_docx, path, str(path)):
        with pytest.raises(gd.LimitExceeded, match="bytes of the input"):
            gd.parse_docx(source, limits=gd.Limits(max_bytes=len(seed_docx) - 1))


def _understated(data: bytes, name: str, size: int) -> bytes:
    """``data`` with the part ``name`` declaring ``size`` bytes unpacked in its local and
    central headers, whatever it holds."""
    out = bytearray(data)
    encoded = name.encode()
    for signature, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (k := out.find(signature, start)) >= 0:
            start = k + 4
            name_at = k + (30 if signature == b"PK\x03\x04" else 46)
            if out[name_at : name_at + len(encoded)] == encoded:
                out[k + at : k + at + 4] = struct.pack("<I", size)
    return bytes(out)


def test_a_part_that_declares_less_than_it_holds_is_no_readable_document(
    seed_docx: bytes,
) -> None:
    """The size check trusts the declared sizes; zipfile reads no more than a part
    declares, so a part that lies fails its checksum: a ParseError, not a bomb."""
    padded = _edit_body(
        seed_docx,
        lambda body: body.extend(
            etree.fromstring(f'<w:p xmlns:w="{W[1:-1]}"><w:r><w:t>0</w:t></w:r></w:p>')
            for _ in range(20_000)
        ),
    )
    lying = _understated(padded, DOCUMENT, 1000)
    limit = _unpacked(lying) + 10_000
    assert _unpacked(padded) > limit + 500_000
    with pytest.raises(gd.LimitExceeded, match="uncompressed"):
        gd.parse_docx(padded, limits=gd.Limits(max_bytes=limit))
    with pytest.raises(gd.ParseError, match="not a readable Word document"):
        gd.parse_docx(lying, limits=gd.Limits(max_bytes=limit))


# ------------------------------------------------------------------------ counts
def test_gridspan_is_clamped_to_max_span(seed_docx: bytes) -> None:
    """One cell claiming a billion columns is clamped to max_span; the grid is then
    refused by max_cells, or read with its extra cells reported: never a billion."""

    def widen(body: etree._Element) -> None:
        span = next(body.iter(f"{W}gridSpan"))
        span.set(f"{W}val", "1000000000")

    wide = _edit_body(seed_docx, widen)
    grids = [g for g in read_docx_grids(wide) if isinstance(g, DocxGrid)]
    assert max(g.columns for g in grids) <= gd.Limits().max_span + 10
    with pytest.raises(gd.LimitExceeded, match="max_cells"):
        gd.parse_docx(wide, limits=gd.Limits(max_cells=1000))
    with pytest.raises(gd.LimitExceeded, match="max_cells"):
        gd.parse_docx(wide, limits=gd.Limits(max_span=10**9, max_cells=100_000))


def _measures(data: bytes) -> dict[str, int]:
    """What the limits count in ``data``, read without limits."""
    items = read_docx_grids(data, limits=gd.Limits(**dict.fromkeys(_COUNTED)))
    grids = [g for g in items if isinstance(g, DocxGrid)]
    body = docx.Document(io.BytesIO(data)).element.body
    return {
        "max_lines": sum(1 for _ in body.iter(f"{W}p"))
        - sum(1 for t in body.iter(f"{W}tbl") for _ in t.iter(f"{W}p")),
        "max_tables": len(grids),
        "max_cells": max((g.rows * g.columns for g in grids), default=0),
        "max_total_cells": sum(g.rows * g.columns for g in grids),
    }


_COUNTED = ("max_lines", "max_tables", "max_cells", "max_total_cells")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=valid_reports(), data=st.data())
def test_count_limits_refuse_exactly_the_documents_beyond_them(
    report: gd.Report, data: st.DataObject
) -> None:
    """Each count limit refuses a document exactly when the document is beyond it, with
    a LimitExceeded naming it; at its measure, the document reads as without limits."""
    doc = gd.render_docx(report)
    measures = _measures(doc)
    unlimited = gd.parse_docx(doc)
    name = data.draw(st.sampled_from(_COUNTED))
    measure = measures[name]
    if measure == 0:
        return
    value = data.draw(st.integers(1, measure + 2))
    limits = gd.Limits(**{name: value})
    if value < measure:
        with pytest.raises(gd.LimitExceeded, match=name):
            gd.parse_docx(doc, limits=limits)
    else:
        assert gd.parse_docx(doc, limits=limits) == unlimited


def test_the_time_budget_holds(seed_docx: bytes) -> None:
    with pytest.raises(gd.LimitExceeded, match="time"):
        gd.parse_docx(seed_docx, limits=gd.Limits(time_budget=1e-9))


def test_parse_reads_word_documents_with_the_process_limits(seed_docx: bytes) -> None:
    before = gd.get_limits()
    try:
        gd.set_limits(gd.Limits(max_tables=1))
        with pytest.raises(gd.LimitExceeded, match="max_tables"):
            gd.parse(seed_docx)
    finally:
        gd.set_limits(before)
    assert gd.parse(seed_docx) == gd.parse_docx(seed_docx)


def test_parse_docx_is_in_the_flat_namespace() -> None:
    assert gd.parse_docx is parse_docx
    assert "parse_docx" in gd.__all__


# ------------------------------------------------------------------------ wrappers
def _wrap(el: etree._Element) -> None:
    """Put ``el`` inside a content control (``w:sdt``/``w:sdtContent``) in its place."""
    parent = el.getparent()
    assert parent is not None
    sdt = etree.Element(f"{W}sdt")
    etree.SubElement(sdt, f"{W}sdtPr")
    content = etree.SubElement(sdt, f"{W}sdtContent")
    parent.replace(el, sdt)
    content.append(el)


_LEVELS = {
    "body": lambda body: [c for c in body if c.tag in {f"{W}p", f"{W}tbl"}],
    "rows": lambda body: [tr for t in body.iter(f"{W}tbl") for tr in t.findall(f"{W}tr")],
    "cells": lambda body: list(body.iter(f"{W}tc")),
    "cell paragraphs": lambda body: [p for tc in body.iter(f"{W}tc") for p in tc.findall(f"{W}p")],
}


@pytest.mark.parametrize("level", list(_LEVELS))
def test_content_controls_hide_nothing(seed: gd.Report, seed_docx: bytes, level: str) -> None:
    """Word shows what a content control holds; so does the reader, at every level
    where templates put them (around paragraphs and tables, rows, cells, a cell's
    paragraphs). Before, each of these was dropped without a finding."""

    def edit(body: etree._Element) -> None:
        for el in _LEVELS[level](body):
            _wrap(el)

    wrapped = _edit_body(seed_docx, edit)
    assert gd.parse_docx(wrapped) == gd.parse_docx(seed_docx) == seed


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=valid_reports(), data=st.data())
def test_any_content_controls_read_as_without_them(report: gd.Report, data: st.DataObject) -> None:
    doc = gd.render_docx(report)

    def edit(body: etree._Element) -> None:
        targets = [el for level in _LEVELS.values() for el in level(body)]
        picks = data.draw(st.sets(st.integers(0, len(targets) - 1), max_size=40))
        for k in sorted(picks):
            _wrap(targets[k])

    assert gd.parse_docx(_edit_body(doc, edit)) == gd.parse_docx(doc) == report


def test_a_layout_table_around_the_report_is_read_through(
    seed: gd.Report, seed_docx: bytes
) -> None:
    """A document whose body is one table with everything inside its cell (as pages
    saved from a site are) reads as the document without it: before, the inner tables
    were dropped with everything in them."""

    def edit(body: etree._Element) -> None:
        content = [c for c in body if c.tag in {f"{W}p", f"{W}tbl"}]
        outer = etree.Element(f"{W}tbl")
        tr = etree.SubElement(outer, f"{W}tr")
        tc = etree.SubElement(tr, f"{W}tc")
        body.insert(0, outer)
        for el in content:
            tc.append(el)
        if not len(tc) or tc[-1].tag != f"{W}p":
            etree.SubElement(tc, f"{W}p")  # a cell ends with a paragraph

    framed = _edit_body(seed_docx, edit)
    assert gd.parse_docx(framed) == seed


# ------------------------------------------------------------------------ zip features
def _with_extract_version(data: bytes, version: int) -> bytes:
    """The package with every central directory entry asking for zip ``version``
    (``version`` tenths) to be extracted: what a newer zip tool, or damage, writes."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into("<H", out, at + 6, version)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def _with_compression(data: bytes, method: int) -> bytes:
    """The package with every entry's compression method set to ``method`` (99: AES,
    which zipfile does not know)."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = out.find(sig)
        while at != -1:
            struct.pack_into("<H", out, at + offset, method)
            at = out.find(sig, at + 4)
    return bytes(out)


@pytest.mark.parametrize(
    "damage",
    [lambda d: _with_extract_version(d, 240), lambda d: _with_compression(d, 99)],
    ids=["zip-version-24", "aes-compression"],
)
def test_a_zip_feature_zipfile_lacks_is_a_parse_error(
    seed_docx: bytes, damage: Callable[[bytes], bytes]
) -> None:
    """zipfile raises NotImplementedError for a zip version or a compression method
    it does not know: the readers refuse such a document as unreadable (before, the
    exception came out of gd.parse as it was, found by fuzzing)."""
    data = damage(seed_docx)
    with pytest.raises(gd.ParseError):
        gd.parse_docx(data)
    with pytest.raises(gd.ParseError):
        gd.parse(data)
