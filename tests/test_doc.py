"""Word 97–2003 documents (``.doc``, WPS ``.wps``): read, not refused.

Government sites often attach the report as a ``.doc``; :func:`gd.parse` refused every
OLE2 compound file ("save it as .docx or PDF"). ``gd.parse_doc`` reads the compound
file (no dependency), the FIB and the piece table of Word's binary format, and reads
the text with the text reader: paragraphs as lines, table rows as tab-separated cells.

The fixtures in ``tests/data/doc`` are the library's Word renderings saved as ``.doc``
by LibreOffice (README there); with LibreOffice installed, generated reports go the
same way and must read as their ``.docx`` does.
"""

from __future__ import annotations

import contextlib
import io
import math
import shutil
import struct
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.cli import main
from govdisclosure.formats.dispatch import sniff, unsupported
from govdisclosure.strategies import valid_reports
from libreoffice import docx_to_doc, needs_soffice, words_in_place

DATA = Path(__file__).parent / "data" / "doc"
SEED = Path(__file__).parent / "data" / "real" / "xunzhen-2024.txt"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _words_report() -> gd.Report:
    """The report of ``words-2020.doc`` (2019 edition)."""
    report = gd.build_report(organ="某县某局", year=2020, edition=gd.Edition.V2019, other="无。")
    return words_in_place(report)


def _expected(name: str) -> gd.Report:
    return _words_report() if name == "words-2020" else gd.parse_text(SEED)


NAMES = ["xunzhen-2024", "xunzhen-2024-en", "words-2020"]


@pytest.mark.parametrize("name", NAMES)
def test_a_doc_reads_as_the_report_it_was_saved_from(name: str) -> None:
    path = DATA / f"{name}.doc"
    expected = _expected(name)
    report = gd.parse_doc(path)
    assert report == expected
    assert report.findings == ()
    assert gd.parse_doc(path.read_bytes()) == expected
    assert gd.parse_doc(str(path)) == expected


@pytest.mark.parametrize("name", NAMES)
def test_parse_and_parse_all_read_a_doc_by_its_content(name: str, tmp_path: Path) -> None:
    data = (DATA / f"{name}.doc").read_bytes()
    expected = _expected(name)
    assert sniff(data) == "doc"
    assert unsupported(data) is None
    renamed = tmp_path / "附件1.wps"  # (WPS names the same format .wps)
    renamed.write_bytes(data)
    for source in (data, renamed, str(renamed)):
        assert gd.parse(source) == expected
    assert gd.parse_all(data) == (expected,)
    assert gd.parse(data, format="doc") == expected


def test_every_source_is_a_line_of_the_text_read() -> None:
    from govdisclosure.formats.doc import read_doc  # noqa: PLC0415

    lines = read_doc(DATA / "xunzhen-2024.doc")
    report = gd.parse_doc(DATA / "xunzhen-2024.doc")
    total = report.provenance["applications.granted.total"]
    assert total.line is not None
    assert "（一）予以公开" in lines[total.line - 1]
    assert "\t2\t" in lines[total.line - 1]


def test_a_compilation_of_two_reports_in_one_doc_is_read_by_parse_all() -> None:
    """parse_all reads each report of a .doc (as each reader does with ``every``): two
    reports joined are the same text twice, here from the text itself."""
    from govdisclosure.formats.doc import doc_reports, read_doc  # noqa: PLC0415

    lines = read_doc(DATA / "words-2020.doc")
    text = "\n".join(lines)
    assert gd.parse_all(text + "\n" + text) == (_words_report(), _words_report())
    assert len(doc_reports(DATA / "words-2020.doc", every=True)) == 1


def _small_report() -> gd.Report:
    """The small 2024 report that the notes and text-box fixtures are made from."""
    return gd.build_report(
        organ="某县某局",
        year=2024,
        overview="本年共收到申请12件。",
        problems="无。",
        applications={"new_received": {"natural_person": 12}, "granted": {"natural_person": 12}},
    )


def notes_docx() -> bytes:
    """A report with a footnote in section 一, a footnote in a cell of section 三's
    table and an endnote in section 五 (``notes-2024.doc`` is it saved as .doc)."""
    docx = pytest.importorskip("docx")
    from docxedits import refer, with_notes  # noqa: PLC0415

    doc = docx.Document(io.BytesIO(gd.render_docx(_small_report())))
    for p in doc.paragraphs:
        if p.text == "本年共收到申请12件。":
            refer(p._p, "footnote", "1")
        if p.text == "无。":
            refer(p._p, "endnote", "1")
    refer(doc.tables[-2].rows[0].cells[0].paragraphs[0]._p, "footnote", "2")
    with_notes(doc, "footnote", {"1": ["其中3件为补正后受理。"], "2": ["表注：单位为件。"]})
    with_notes(doc, "endnote", {"1": ["另有5件转交。"]})
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_footnotes_and_endnotes_are_read_where_they_are_referred_to() -> None:
    """A note's text (after the main document in a .doc) is read after the paragraph
    that refers to it, or after the table: as parse_docx reads the .docx's notes."""
    report = gd.parse_doc(DATA / "notes-2024.doc")
    assert report == gd.parse_docx(notes_docx())
    assert report.overview == gd.Narrative("本年共收到申请12件。\n其中3件为补正后受理。")
    assert report.problems == gd.Narrative("无。\n另有5件转交。")
    assert report.applications_text == "表注：单位为件。"
    assert report.cell("applications.new_received.natural_person") == 12


def test_a_doc_of_pictures_only_is_a_scan() -> None:
    """A .doc holding pictures and no text is refused as parse_docx refuses such a
    .docx: run OCR first (not "the Word document is empty")."""
    data = (DATA / "scan.doc").read_bytes()
    for read in (gd.parse_doc, gd.parse):
        with pytest.raises(gd.ParseError, match="only pictures") as raised:
            read(data)
        assert raised.value.reason is not None


@pytest.mark.parametrize(
    ("code", "programs"),
    [
        (" EMBED Excel.Sheet.8 ", ["Excel.Sheet.8"]),
        ("EMBED MSGraph.Chart.8 \\s", ["MSGraph.Chart.8"]),
        (" embed  Word.Picture.8", ["Word.Picture.8"]),
        (" INCLUDEPICTURE a.png ", []),  # (a picture: no object)
    ],
)
def test_an_embedded_object_is_named_with_its_program(code: str, programs: list[str]) -> None:
    """An object embedded in a .doc (an Excel sheet pasted in, a chart: an ``EMBED``
    field whose result is the object's picture) is named in a parse.embedded-object
    finding with its program, as in a .docx; before, it was passed over without a word.
    The document is the seed's, 40 characters of section 一 overwritten in place (the
    text's length, and so every offset of the file, unchanged) by a field."""
    data = (DATA / "xunzhen-2024.doc").read_bytes()
    plain = gd.parse_doc(data)
    assert plain.overview is not None
    old = plain.overview.text[10:50]
    field = f"\x13{code}\x14\x01\x15"
    new = "附表如下：" + field
    new += "。" * (len(old) - len(new))
    assert len(new) == len(old)
    changed = data.replace(old.encode("utf-16-le"), new.encode("utf-16-le"))
    assert changed != data
    report = gd.parse_doc(changed)
    objects = [f for f in report.findings if f.code == "parse.embedded-object"]
    assert [f.args for f in objects] == [{"program": p, "part": "ObjectPool"} for p in programs]
    assert report.applications == plain.applications
    assert report.overview is not None
    assert "附表如下：" in report.overview.text
    assert "EMBED" not in report.overview.text  # (the field's code is not text)


def test_a_table_published_as_a_picture_is_named() -> None:
    """``pictured-2024.doc``: section 三's table replaced by a picture (and a picture in
    section 一 too), saved as .doc by LibreOffice. The picture where the table should
    stand is named in a parse.table-image finding, as in a .docx, on its line; before,
    the section read as missing (structure.missing-section), the picture unseen."""
    path = DATA / "pictured-2024.doc"
    for read in (gd.parse_doc, gd.parse):
        report = read(path)
        (f,) = [f for f in report.findings if f.code == "parse.table-image"]
        assert f.path == "applications"
        assert f.args == {"count": 1, "src": "picture 2"}  # (picture 1: in section 一)
        assert f.source is not None
        assert f.source.line is not None
        lines = gd.formats.doc.read_doc(path)
        # the picture's line lies between section 三's heading and section 四's
        heading = next(k for k, ln in enumerate(lines, 1) if ln.startswith("三、"))
        after = next(k for k, ln in enumerate(lines, 1) if ln.startswith("四、"))
        assert heading < f.source.line < after
        assert report.applications is None
        codes = [x.code for x in gd.check(report)]
        assert "structure.missing-section" not in codes
        assert report.overview is not None
        assert "主动公开" in report.overview.text


_PIECES = st.lists(
    st.sampled_from(
        [
            "报告",
            "12",
            "\x01",
            "\r",
            "\x07",
            "\x0b",
            "\x13 EMBED x \x14",
            "\x13\x01\x14",
            "\x15",
            "\t",
        ]
    ),
    max_size=30,
)


@given(_PIECES, st.data())
def test_each_picture_is_on_a_line_and_the_lines_are_as_without_it(
    pieces: list[str], data: st.DataObject
) -> None:
    """Noting the pictures changes no line; each picture (``\\x01`` outside a field's
    code) is noted once, on a line that exists and holds it."""
    text = "".join(pieces)
    kinds = [
        data.draw(st.sampled_from([0, gd.formats.doc.CELL, gd.formats.doc.ROW]))
        if ch in "\r\x07"
        else 0
        for ch in text
    ]
    pictures: list[int] = []
    lines = gd.formats.doc.doc_lines(text, kinds, None, pictures)
    plain = gd.formats.doc.doc_lines(text, kinds)
    assert lines[: len(plain)] == plain
    assert all(ln == "" for ln in lines[len(plain) :])
    assert pictures == sorted(pictures)
    assert all(0 <= k < len(lines) for k in pictures)
    coded = pieces.count("\x13\x01\x14")  # (a picture in a field's code: not shown)
    assert len(pictures) == text.count("\x01") - coded


# ------------------------------------------------------------------ the command line
def test_check_and_extract_read_a_doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("xunzhen-2024.doc", "words-2020.doc"):
        shutil.copy(DATA / name, src / name)
    (src / "附件.wps").write_bytes((DATA / "xunzhen-2024.doc").read_bytes())
    assert main(["check", "--lang", "en", str(src / "xunzhen-2024.doc")]) in {0, 1}
    out = capsys.readouterr().out
    assert "no report could be read" not in out
    summary = gd.extract([src], tmp_path / "out.csv", lang="en")
    assert summary.files == 3
    assert summary.reports == 3
    assert summary.failures == ()


# ------------------------------------------------------------------ refused, saying why
def _patched(data: bytes, at: int, new: bytes) -> bytes:
    return data[:at] + new + data[at + len(new) :]


def _fib_at(data: bytes) -> int:
    """Where the WordDocument stream (its FIB) starts in a fixture: at a sector."""
    at = 512
    while data[at : at + 2] != b"\xec\xa5":
        at += 512
    return at


def test_an_encrypted_doc_is_refused_saying_so() -> None:
    data = (DATA / "xunzhen-2024.doc").read_bytes()
    at = _fib_at(data)
    (flags,) = struct.unpack_from("<H", data, at + 10)
    locked = _patched(data, at + 10, struct.pack("<H", flags | 0x0100))
    for read in (gd.parse_doc, gd.parse):
        with pytest.raises(gd.ParseError, match="encrypted"):
            read(locked)


@pytest.mark.parametrize(("nfib", "named"), [(101, "Word 6.0"), (104, "Word 95")])
def test_a_word_6_or_95_document_is_refused_naming_its_version(nfib: int, named: str) -> None:
    data = (DATA / "xunzhen-2024.doc").read_bytes()
    old = _patched(data, _fib_at(data) + 2, struct.pack("<H", nfib))
    with pytest.raises(gd.ParseError, match=named) as raised:
        gd.parse(old)
    assert raised.value.reason is not None
    assert "Word 6.0 or Word 95" in raised.value.reason


def compound(streams: dict[str, bytes]) -> bytes:
    """A compound file (version 3) of ``streams`` at its top level, each in ordinary
    sectors (padded to the 4096 bytes below which a stream would be in the mini
    stream): FAT sectors first, then the directory, then the streams."""
    bodies = [data.ljust(4096, b"\0") for data in streams.values()]
    padded = [b.ljust(-(-len(b) // 512) * 512, b"\0") for b in bodies]
    n_dir = math.ceil((1 + len(bodies)) * 128 / 512)
    n_body = [math.ceil(len(b) / 512) for b in bodies]
    n_fat = 1
    while n_fat * 128 < n_fat + n_dir + sum(n_body):
        n_fat += 1
    fat = [0xFFFFFFFD] * n_fat
    starts: list[int] = []
    for count in (n_dir, *n_body):
        starts.append(len(fat))
        fat += [len(fat) + k + 1 for k in range(count - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (n_fat * 128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBB3I", len(raw), kind, 1, 0xFFFFFFFF, right, child)
            + bytes(36)
            + struct.pack("<3I", start, size, 0)
        )

    names = list(streams)
    entries = entry("Root Entry", 5, 1 if names else 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFE, 0)
    for i, (name, body) in enumerate(zip(names, bodies, strict=True)):
        right = i + 2 if i + 1 < len(names) else 0xFFFFFFFF
        entries += entry(name, 2, 0xFFFFFFFF, right, starts[i + 1], len(body))
    header = (
        OLE2
        + bytes(16)
        + struct.pack("<5H6x", 0x3E, 3, 0xFFFE, 9, 6)
        + struct.pack("<9I", 0, n_fat, starts[0], 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
        + struct.pack("<109I", *range(n_fat), *[0xFFFFFFFF] * (109 - n_fat))
    )
    return (
        header
        + struct.pack(f"<{len(fat)}I", *fat)
        + entries.ljust(n_dir * 512, b"\0")
        + b"".join(padded)
    )


def test_the_compound_file_helper_makes_what_the_reader_reads() -> None:
    from govdisclosure.formats._cfb import CompoundFile  # noqa: PLC0415

    cfb = CompoundFile(compound({"Workbook": b"abc", "Other": b"x" * 5000}))
    assert cfb.names() == {"Workbook", "Other"}
    assert cfb.stream("Other") == b"x" * 5000
    assert cfb.stream("Missing") is None


@pytest.mark.parametrize(
    ("streams", "words"),
    [
        ({"Workbook": b"\x09\x08"}, "Excel 97-2003 .xls or WPS .et"),
        ({"Book": b"\x09\x08"}, "Excel 97-2003 .xls or WPS .et"),
        ({"PowerPoint Document": b"\0"}, "PowerPoint 97-2003 .ppt"),
        ({"Contents": b"\0"}, "not a Word document"),
    ],
)
def test_other_legacy_office_files_are_refused_naming_what_they_are(
    streams: dict[str, bytes], words: str
) -> None:
    data = compound(streams)
    reason = unsupported(data)
    assert reason is not None
    assert words in reason
    with pytest.raises(gd.ParseError) as raised:
        gd.parse(data)
    assert str(raised.value) == reason
    with pytest.raises(gd.ParseError, match="holds no Word document"):
        gd.parse_doc(data)


def _fat_entry(data: bytes, sector: int) -> int:
    """Where the FAT entry of ``sector`` is in a file whose FAT starts at sector 0
    (LibreOffice's files and :func:`compound`'s)."""
    (first_fat,) = struct.unpack_from("<I", data, 76)
    return 512 * (first_fat + 1) + 4 * sector


def test_hostile_compound_files_are_refused_quickly() -> None:
    data = (DATA / "xunzhen-2024.doc").read_bytes()
    fib_sector = _fib_at(data) // 512 - 1
    cases = {
        # the WordDocument chain loops back on its first sector
        "loop": _patched(data, _fat_entry(data, fib_sector), struct.pack("<I", fib_sector)),
        # it runs to a sector beyond the end of the file
        "beyond": _patched(data, _fat_entry(data, fib_sector), struct.pack("<I", 10**6)),
        # the directory starts beyond the end of the file
        "directory": _patched(data, 48, struct.pack("<I", 0xFFFFFF00)),
        # a FAT of more sectors than the file has
        "fat": _patched(data, 44, struct.pack("<I", 10**8)),
        # a byte order that is not little-endian
        "order": _patched(data, 28, b"\xff\xfe"),
        "cut": data[: len(data) // 2],
        "header only": data[:512],
    }
    for name, bad in cases.items():
        with pytest.raises(gd.ParseError):
            gd.parse_doc(bad)
        with pytest.raises(gd.ParseError):
            gd.parse(bad)
        assert name


def test_absurd_sizes_are_refused() -> None:
    data = (DATA / "xunzhen-2024.doc").read_bytes()
    at = _fib_at(data)
    # ccpText (FibRgLw97, after the FibBase and FibRgW97) beyond max_bytes
    (csw,) = struct.unpack_from("<H", data, at + 32)
    ccp = at + 34 + 2 * csw + 2 + 12
    huge = _patched(data, ccp, struct.pack("<i", 2**31 - 1))
    with pytest.raises(gd.LimitExceeded, match="max_bytes"):
        gd.parse_doc(huge)
    more = _patched(data, ccp, struct.pack("<i", 60_000))
    with pytest.raises(gd.ParseError, match="characters"):
        gd.parse_doc(more)
    with pytest.raises(gd.LimitExceeded, match="max_bytes"):
        gd.parse_doc(data, limits=gd.Limits(max_bytes=10_000))
    with pytest.raises(gd.LimitExceeded, match="max_lines"):
        gd.parse_doc(data, limits=gd.Limits(max_lines=10))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    flips=st.lists(st.tuples(st.integers(0, 65535), st.integers(1, 255)), min_size=1, max_size=8),
    cut=st.one_of(st.none(), st.integers(0, 65536)),
)
def test_damaged_docs_give_a_report_or_a_parse_error(
    flips: list[tuple[int, int]], cut: int | None
) -> None:
    """Flipped bytes anywhere (header, FAT, directory, FIB, piece table, text) and
    truncation: a report, or ParseError (LimitExceeded among them), nothing else."""
    data = bytearray((DATA / "xunzhen-2024.doc").read_bytes())
    for at, x in flips:
        data[at % len(data)] ^= x
    damaged = bytes(data[:cut])
    for read in (gd.parse_doc, gd.parse):
        with contextlib.suppress(gd.ParseError):
            read(damaged)


def _streams(name: str) -> dict[str, bytes]:
    from govdisclosure.formats._cfb import CompoundFile  # noqa: PLC0415

    cfb = CompoundFile((DATA / f"{name}.doc").read_bytes())
    return {n: s for n in sorted(cfb.names()) if (s := cfb.stream(n)) is not None}


def test_a_doc_rebuilt_from_its_streams_reads_the_same() -> None:
    """(What the next test damages: the streams of a fixture in a compound file of
    :func:`compound`.)"""
    assert gd.parse_doc(compound(_streams("xunzhen-2024"))) == gd.parse_text(SEED)


def _pair(word: bytes, index: int) -> tuple[int, int]:
    """The ``index``-th (fc, lcb) pair of the FIB's FibRgFcLcb97."""
    (csw,) = struct.unpack_from("<H", word, 32)
    (cslw,) = struct.unpack_from("<H", word, 34 + 2 * csw)
    blob = 34 + 2 * csw + 2 + 4 * cslw + 2
    fc, lcb = struct.unpack_from("<2I", word, blob + 8 * index)
    return fc, lcb


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(part=st.sampled_from(["fib", "clx", "papx-plc", "fkp"]), data=st.data())
def test_damage_in_the_word_structures_gives_a_report_or_a_parse_error(
    part: str, data: st.DataObject
) -> None:
    """Bytes flipped where Word's structures are (the FIB, the piece table, the list
    of paragraph property pages, the pages), which random flips rarely hit."""
    streams = _streams("xunzhen-2024")
    word, table = bytearray(streams["WordDocument"]), bytearray(streams["1Table"])
    if part == "fib":
        target, start, size = word, 0, 512
    elif part == "fkp":
        fc, lcb = _pair(word, 13)
        (page,) = struct.unpack_from("<I", table, fc + 4 * ((lcb - 4) // 8 + 1))
        target, start, size = word, 512 * page, 512
    else:
        target = table
        start, size = _pair(word, 33 if part == "clx" else 13)
    for _ in range(data.draw(st.integers(1, 4))):
        at = start + data.draw(st.integers(0, size - 1))
        target[at] ^= data.draw(st.integers(1, 255))
    streams.update(WordDocument=bytes(word), **{"1Table": bytes(table)})
    with contextlib.suppress(gd.ParseError):
        gd.parse_doc(compound(streams))


# ------------------------------------------------------------------ through LibreOffice
@needs_soffice
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=valid_reports())
def test_generated_reports_read_from_doc_as_from_docx(
    report: gd.Report, tmp_path_factory: Any
) -> None:
    """Any valid report, rendered as Word, saved as .doc by LibreOffice: parse_doc
    reads it as parse_docx reads the .docx, which is the report."""
    docx = gd.render_docx(report)
    doc = docx_to_doc(docx, tmp_path_factory.mktemp("lo"))
    from_doc = gd.parse_doc(doc)
    assert from_doc == gd.parse_docx(docx)
    assert from_doc == report
    assert from_doc.tables == report.tables


@needs_soffice
def test_characters_beyond_the_basic_plane_and_latin_text(tmp_path: Path) -> None:
    """A character outside the BMP (two UTF-16 code units in the piece table: 𠀀) and
    an organ name in Latin letters (which Word may keep as 8-bit text) read whole."""
    report = gd.build_report(organ="某县𠀀局 Office", year=2024, other="无𠀀。")
    docx = gd.render_docx(report)
    from_doc = gd.parse_doc(docx_to_doc(docx, tmp_path))
    assert from_doc == gd.parse_docx(docx)
    assert from_doc.organ.name == "某县𠀀局Office"  # (the space dropped as every reader does)
    assert from_doc.other == report.other


@needs_soffice
def test_line_breaks_in_a_table_cell_stay_in_the_cell(tmp_path: Path) -> None:
    """A line break in a cell (here in the first cell of a row, before any cell mark of
    the row) is a space in the cell, not the end of a line of the text read."""
    docx = pytest.importorskip("docx")
    from govdisclosure.formats.doc import read_doc  # noqa: PLC0415

    report = gd.build_report(
        organ="某县某局",
        year=2024,
        other="无。",
        applications={
            "new_received": {"natural_person": 7},
            "granted": {"natural_person": 3},
            "partially_granted": {"natural_person": 4},
        },
    )
    doc = docx.Document(io.BytesIO(gd.render_docx(report)))
    for p in (p for t in doc.tables for c in t._cells for p in c.paragraphs):
        for label in ("（二）部分公开", "行政"):
            if p.text.startswith(label) and p.text != label:
                rest = p.text[len(label) :]
                for r in p.runs[1:]:
                    r.text = ""
                p.runs[0].text = label
                p.runs[0].add_break()
                p.runs[0].add_text(rest)
    out = io.BytesIO()
    doc.save(out)
    data = docx_to_doc(out.getvalue(), tmp_path)
    lines = read_doc(data)
    assert "行政 许可\t0" in lines
    assert (
        "\t（二）部分公开 （区分处理的，只计这一情形，不计其他情形）\t4\t0\t0\t0\t0\t0\t4" in lines
    )
    assert gd.parse_doc(data) == report


def boxed_docx() -> bytes:
    """A report with a text box holding a sentence with figures after section 一's
    paragraph, and a comment on it (``boxed-2024.doc`` is it saved as .doc)."""
    docx = pytest.importorskip("docx")
    from docxedits import paragraph_of, text_box  # noqa: PLC0415

    doc = docx.Document(io.BytesIO(gd.render_docx(_small_report())))
    first = next(p for p in doc.paragraphs if p.text == "本年共收到申请12件。")
    first._p.addnext(text_box([paragraph_of("其中依申请公开7件，转办5件。")]))
    doc.add_comment(first.runs, text="请核对：实为13件", author="审核")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_comments_and_text_boxes_are_named_with_their_figures() -> None:
    """A .doc's comments and text boxes are not read: each that holds text is named in
    a ``parse.unread-text`` finding that quotes its figures (nothing dropped silently);
    the rest of the document reads as without them."""
    report = gd.parse_doc(DATA / "boxed-2024.doc")
    unread = {
        dict(f.params)["story"]: dict(f.params)["cells"]
        for f in report.findings
        if f.code == "parse.unread-text"
    }
    assert unread == {"comments": "13", "text boxes": "7, 5"}
    assert report.overview == gd.Narrative("本年共收到申请12件。")
    assert report.cell("applications.new_received.natural_person") == 12
    assert not any(
        f.code == "parse.unread-text" for f in gd.parse_doc(DATA / "notes-2024.doc").findings
    )


@needs_soffice
def test_the_boxed_fixture_is_what_libreoffice_makes_of_the_docx(tmp_path: Path) -> None:
    again = gd.parse_doc(docx_to_doc(boxed_docx(), tmp_path))
    assert again == gd.parse_doc(DATA / "boxed-2024.doc")


# ------------------------------------------------------------------ fields nested deep
def _with_text(main: str, header: str) -> bytes:
    """``xunzhen-2024.doc`` with its text replaced by ``main`` and a header document
    ``header`` (one piece of UTF-16 after the old text; no paragraph properties, notes
    or header stories list)."""
    streams = _streams("xunzhen-2024")
    word, table = bytearray(streams["WordDocument"]), bytearray(streams["1Table"])
    (csw,) = struct.unpack_from("<H", word, 32)
    longs = 34 + 2 * csw + 2
    ccps = [len(main), 0, len(header), 0, 0, 0, 0, 0]
    struct.pack_into("<8i", word, longs + 12, *ccps)
    (cslw,) = struct.unpack_from("<H", word, 34 + 2 * csw)
    blob = longs + 4 * cslw + 2
    at = len(word) + len(word) % 2
    word = word.ljust(at, b"\0") + (main + header).encode("utf-16-le")
    clx = b"\x02" + struct.pack("<I2iHIH", 16, 0, len(main) + len(header), 0, at, 0)
    struct.pack_into("<2I", word, blob + 8 * 33, len(table), len(clx))  # the piece table
    for index in (2, 3, 11, 13, 46, 47):  # notes, the header stories, paragraph properties
        struct.pack_into("<2I", word, blob + 8 * index, 0, 0)
    streams.update(WordDocument=bytes(word), **{"1Table": bytes(table) + clx})
    return compound(streams)


def test_regression_fields_nested_thousands_deep_are_read_in_linear_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Fields opened and not closed (``\\x13\\x14`` a thousand times over, in the main
    text and in a header) made the reader look at every open field for each character
    after them: 40,000 of them took two minutes. The open fields are counted now; the
    text shown is the same. (The work is measured by the open fields ``all`` and ``any``
    look at, in place of a time.)"""
    from govdisclosure.formats import doc  # noqa: PLC0415

    looked = [0]

    def counted(builtin: Any) -> Any:
        def wrapper(items: Any) -> bool:
            seen = list(items)
            looked[0] += len(seen)
            return bool(builtin(seen))

        return wrapper

    monkeypatch.setattr(doc, "all", counted(all), raising=False)
    monkeypatch.setattr(doc, "any", counted(any), raising=False)
    n = 2000
    main = (
        "某县某局2024年政府信息公开工作年度报告\r一、总体情况\r"
        + "\x13\x14" * n
        + "本年共收到申请12件，予以公开10件，部分公开2件，均已按期答复。"
        + "\x15" * n
        + "\r"
    )
    header = (
        "\x13\x14" * n + "\x13 PAGE \x147\x15某县某局政府信息公开工作年度报告" + "\x15" * n + "\r"
    )
    report = gd.parse_doc(_with_text(main, header))
    assert report.overview == gd.Narrative(
        "本年共收到申请12件，予以公开10件，部分公开2件，均已按期答复。"
    )
    unread = [f for f in report.findings if f.code == "parse.unread-text"]
    assert [dict(f.params) for f in unread] == [{"story": "headers", "count": 16, "cells": "—"}]
    assert looked[0] < len(main) + len(header)
