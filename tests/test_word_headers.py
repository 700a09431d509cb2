"""Word headers and footers: named, never dropped silently, never read as the report.

The readers of ``.docx`` and ``.doc`` do not read a document's headers and footers
into the report; what they hold beyond page numbers (page-number fields, ``第 1 页 共
5 页``, ``- 1 -``, ``1/5``, a lone number) is named in a ``parse.unread-text``
finding for the headers and one for the footers, its figures quoted. Before, both
readers dropped them without a word.

The ``.docx`` documents are the seed report rendered by ``gd.render_docx`` with
headers and footers written by python-docx. The ``.doc`` ones are the fixture
``xunzhen-2024.doc`` (LibreOffice's, whose footer holds a ``PAGE`` field between
dashes) with its header document replaced by hand: LibreOffice is not needed.
"""

from __future__ import annotations

import copy
import io
import struct
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.formats._cfb import CompoundFile
from test_doc import compound

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402

DATA = Path(__file__).parent / "data"
SEED = DATA / "real" / "xunzhen-2024.txt"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.fixture(scope="module")
def seed_docx() -> bytes:
    return gd.render_docx(gd.parse_text(SEED.read_text("utf-8")))


def _unread(report: gd.Report) -> dict[str, tuple[str, int, str]]:
    """The ``parse.unread-text`` findings of headers and footers: story -> (severity,
    count, cells)."""
    out = {}
    for f in report.findings:
        if f.code == "parse.unread-text":
            p = dict(f.params)
            out[str(p["story"])] = (f.severity.value, int(p["count"]), str(p["cells"]))
    return out


# ------------------------------------------------------------------ .docx
def _page_field(kind: str, code: str, shown: str) -> list[Any]:
    """A field showing ``shown``: ``w:fldSimple`` or a complex field of runs."""
    if kind == "simple":
        xml = f'<w:fldSimple {W} w:instr=" {code} "><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>'
        return [parse_xml(xml)]
    return [
        parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>'),
        parse_xml(
            f'<w:r {W}><w:instrText xml:space="preserve"> {code} \\* MERGEFORMAT </w:instrText></w:r>'
        ),
        parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>'),
        parse_xml(f"<w:r {W}><w:t>{shown}</w:t></w:r>"),
        parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'),
    ]


def _fill(paragraph: Any, pieces: list[str | tuple[str, str, str]]) -> None:
    """``paragraph`` made of ``pieces``: text, or ``(kind, code, shown)`` for a field."""
    paragraph.text = ""
    for piece in pieces:
        if isinstance(piece, str):
            paragraph.add_run(piece)
        else:
            for el in _page_field(*piece):
                paragraph._p.append(el)


def _with_furniture(
    seed: bytes,
    header: list[str | tuple[str, str, str]] | None = None,
    footer: list[str | tuple[str, str, str]] | None = None,
    *,
    first_and_even: bool = False,
) -> bytes:
    doc = docx.Document(io.BytesIO(seed))
    section = doc.sections[0]
    parts = [(section.header, header), (section.footer, footer)]
    if first_and_even:
        section.different_first_page_header_footer = True
        doc.settings.odd_and_even_pages_header_footer = True
        parts += [
            (section.first_page_header, header),
            (section.even_page_header, header),
            (section.first_page_footer, footer),
            (section.even_page_footer, footer),
        ]
    for part, pieces in parts:
        if pieces is not None:
            part.is_linked_to_previous = False
            _fill(part.paragraphs[0], pieces)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_docx_header_with_figures_is_named_and_its_page_footer_is_not(seed_docx: bytes) -> None:
    data = _with_furniture(
        seed_docx,
        header=["寻甸县人民政府办公室  本年共收到申请12件"],
        footer=["第 ", ("simple", "PAGE", "3"), " 页 共 ", ("complex", "NUMPAGES", "9"), " 页"],
    )
    report = gd.parse_docx(data)
    assert _unread(report) == {"headers": ("warning", 20, "12")}
    (named,) = (f for f in report.findings if f.code == "parse.unread-text")
    assert named.message("zh_CN") == (
        "文档的页眉中有文字（20个字符），未读取；其中的数字不在报告的任何表格中：12。"
    )
    assert "in its headers (20 characters)" in named.message("en")
    # the report is what it was: headers are named, not read
    plain = gd.parse_docx(seed_docx)
    assert report == plain
    assert report.tables == plain.tables


def test_the_same_header_in_the_default_first_and_even_headers_is_one_finding(
    seed_docx: bytes,
) -> None:
    """A header without figures (the organ's name) is named too, as information; the
    footer's text beside its page number is named; each text is counted once."""
    data = _with_furniture(
        seed_docx,
        header=["寻甸县人民政府"],
        footer=["- ", ("complex", "PAGE", "2"), " -  2024年度报告"],
        first_and_even=True,
    )
    assert _unread(gd.parse_docx(data)) == {
        "headers": ("info", 7, "—"),
        "footers": ("warning", 8, "2024"),
    }


def test_a_docx_of_page_numbers_alone_is_not_named(seed_docx: bytes) -> None:
    """(The seed's own footer is a ``PAGE`` field between dashes: no finding; nor one
    of the furniture below — while a header's figure still is.)"""
    footers: list[list[str | tuple[str, str, str]]] = [
        [("simple", "PAGE", "7")],
        ["— ", ("complex", "PAGE", "12"), " —"],
        [("complex", "PAGE", "1"), "/", ("simple", "NUMPAGES", "5")],
        ["Page ", ("simple", "PAGE", "1"), " of ", ("simple", "SECTIONPAGES", "5")],
        ["第 3 页"],
    ]
    for footer in footers:
        data = _with_furniture(seed_docx, header=["附件1"], footer=footer)
        assert _unread(gd.parse_docx(data)) == {"headers": ("warning", 3, "1")}, footer


_FIGURES = st.lists(st.integers(0, 99_999), min_size=1, max_size=4)
_WORDS = st.text(alphabet="县人民政府办公室年度报告信息公开", min_size=1, max_size=6)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    figures=_FIGURES,
    words=_WORDS,
    page=st.integers(1, 999),
    pages=st.integers(1, 999),
    style=st.sampled_from(["第{}页 共{}页", "- {} -", "{}/{}", "{}", "Page {} of {}"]),
    kind=st.sampled_from(["simple", "complex", "typed"]),
)
def test_any_header_figure_is_quoted_and_page_number_footers_never_named(
    seed_docx: bytes,
    figures: list[int],
    words: str,
    page: int,
    pages: int,
    style: str,
    kind: str,
) -> None:
    """Contract: each figure of a header is quoted in the headers' finding, in order;
    a footer of page-number furniture (fields or typed numbers) is never named."""
    header = [words + "".join(f"{n}件" for n in figures)]
    pieces: list[str | tuple[str, str, str]] = []
    shown = iter([("PAGE", page), ("NUMPAGES", pages)])
    for i, text in enumerate(style.split("{}")):
        if text:
            pieces.append(text)
        if i < style.count("{}"):
            code, n = next(shown)
            pieces.append(str(n) if kind == "typed" else (kind, code, str(n)))
    unread = _unread(gd.parse_docx(_with_furniture(seed_docx, header=header, footer=pieces)))
    assert set(unread) == {"headers"}
    assert unread["headers"][2] == ", ".join(map(str, figures))
    assert unread["headers"][1] == len(header[0])


def test_regression_a_footer_of_fields_nested_thousands_deep_is_read_in_linear_time(
    seed_docx: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A footer of fields begun and not ended (a thousand deep) made the reader ask of
    every open field, for each run after them, whether it shows a page number: the
    runs times the fields. Each field is asked once now, at its separator; what is
    named is the same. (The work is measured by the questions asked, in place of a
    time.)"""
    from govdisclosure.formats import docx as reader  # noqa: PLC0415

    asked = [0]
    is_page_field = reader.is_page_field

    def counted(code: str) -> bool:
        asked[0] += 1
        return is_page_field(code)

    monkeypatch.setattr(reader, "is_page_field", counted)
    n = 1000
    doc = docx.Document(io.BytesIO(seed_docx))
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.text = ""
    opened = _page_field("complex", "QUOTE", "x")[:3]  # begin, code, separate
    for _ in range(n):
        for el in opened:
            p._p.append(copy.deepcopy(el))
    for el in _page_field("complex", "PAGE", "7"):
        p._p.append(el)
    p.add_run("寻甸县人民政府办公室12件")
    for _ in range(n):
        p._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))
    out = io.BytesIO()
    doc.save(out)
    report = gd.parse_docx(out.getvalue())
    assert _unread(report) == {"footers": ("warning", 13, "12")}
    assert asked[0] < 2 * n


# ------------------------------------------------------------------ .doc
def _with_header_document(stories: dict[int, str], boxes: str = "") -> bytes:
    """``xunzhen-2024.doc`` with its header document replaced by ``stories`` (the
    index of each story in ``PlcfHdd``: 6 even header, 7 odd header, 8 even footer, 9
    odd footer, 10 first header, 11 first footer): a second piece of the text, after
    the main document, appended to WordDocument; ``ccpHdd``, ``PlcfHdd`` and the piece
    table (appended to 1Table) pointing to it; ``boxes``, the text of the headers'
    text boxes (``ccpHdrTxbx``), after it."""
    cfb = CompoundFile((DATA / "doc" / "xunzhen-2024.doc").read_bytes())
    streams = {n: s for n in sorted(cfb.names()) if (s := cfb.stream(n)) is not None}
    word, table = bytearray(streams["WordDocument"]), bytearray(streams["1Table"])
    (csw,) = struct.unpack_from("<H", word, 32)
    longs = 34 + 2 * csw + 2
    (cslw,) = struct.unpack_from("<H", word, longs - 2)
    blob = longs + 4 * cslw + 2
    (ccp_text,) = struct.unpack_from("<i", word, longs + 12)
    cps, text = [], ""
    for i in range(12):
        cps.append(len(text))
        if stories.get(i):
            text += stories[i] + "\r"
    cps.append(len(text))
    text += "\r"
    cps.append(len(text))
    struct.pack_into("<i", word, longs + 12 + 8, len(text))  # ccpHdd
    if boxes:
        struct.pack_into("<i", word, longs + 12 + 28, len(boxes) + 1)  # ccpHdrTxbx
        text += boxes + "\r"
    word += bytes(len(word) % 2)
    fc = len(word)
    word += text.encode("utf-16-le")
    plc = struct.pack("<3i", 0, ccp_text, ccp_text + len(text))
    plc += struct.pack("<HIH", 0, 2048, 0) + struct.pack("<HIH", 0, fc, 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    hdd = struct.pack(f"<{len(cps)}i", *cps)
    for index, part in ((33, clx), (11, hdd)):
        struct.pack_into("<2I", word, blob + 8 * index, len(table), len(part))
        table += part
    streams.update(WordDocument=bytes(word), **{"1Table": bytes(table)})
    return compound(streams)


def test_a_doc_header_and_footer_with_text_are_named() -> None:
    stories = {
        6: "寻甸县人民政府 2024年",
        7: "寻甸县人民政府 2024年",
        10: "寻甸县人民政府 2024年",
        9: "第\x13 PAGE \x143\x15页 共\x13 NUMPAGES \x149\x15页 实为13件",
        11: "- \x13PAGE\x141\x15 -",
    }
    data = _with_header_document(stories)
    report = gd.parse_doc(data)
    assert _unread(report) == {
        "headers": ("warning", 12, "2024"),
        "footers": ("warning", 5, "13"),
    }
    assert report == gd.parse_doc(DATA / "doc" / "xunzhen-2024.doc")


def test_a_doc_header_of_a_name_alone_is_information() -> None:
    """A header of the organ's name (and a date field's result) is named as
    information; the fixture's own footer (LibreOffice's ``— PAGE —``) is not, nor is
    a footer of a page field alone."""
    doc = DATA / "doc" / "xunzhen-2024.doc"
    assert _unread(gd.parse_doc(doc)) == {}
    for footer in ("— \x13 PAGE \x144\x15 —", "\x13 PAGE \x142\x15"):
        data = _with_header_document({7: "寻甸县人民政府\x13 DATE \x14十二月\x15", 9: footer})
        assert _unread(gd.parse_doc(data)) == {"headers": ("info", 10, "—")}
        assert gd.parse_doc(data) == gd.parse_doc(doc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    figures=_FIGURES,
    words=_WORDS,
    page=st.integers(1, 999),
    style=st.sampled_from(["第{}页", "- {} -", "— {} —", "{}", "{}/9"]),
    field=st.booleans(),
    copies=st.sets(st.sampled_from([6, 7, 10]), min_size=1),
)
def test_any_doc_header_figure_is_quoted_once_and_page_footers_never_named(
    figures: list[int], words: str, page: int, style: str, field: bool, copies: set[int]
) -> None:
    """Contract, ``.doc``: a header's figures are quoted in order, its text counted
    once however many of the section's headers repeat it; a footer of a page number
    (a ``PAGE`` field or typed) is never named."""
    header = words + "".join(f"{n}件" for n in figures)
    number = f"\x13 PAGE \x14{page}\x15" if field else str(page)
    stories = dict.fromkeys(copies, header) | {9: style.format(number)}
    unread = _unread(gd.parse_doc(_with_header_document(stories)))
    assert unread == {"headers": ("warning", len(header), ", ".join(map(str, figures)))}


def test_a_date_in_a_header_is_not_taken_for_a_page_number(seed_docx: bytes) -> None:
    """(A date is not ``1/5`` nor ``- 1 -``: each of its figures is quoted.)"""
    data = _with_furniture(seed_docx, header=["2025-01-20"], footer=["2025/1/20"])
    assert _unread(gd.parse_docx(data)) == {
        "headers": ("warning", 10, "2025, 01, 20"),
        "footers": ("warning", 9, "2025, 1, 20"),
    }


def test_the_text_boxes_of_doc_headers_are_named_beyond_their_page_numbers() -> None:
    """(Page numbers are often in a text box of the footer: ``ccpHdrTxbx``, a story
    after the document's text boxes.)"""
    page = "\x13 PAGE \x147\x15"
    assert _unread(gd.parse_doc(_with_header_document({}, boxes=f"- {page} -"))) == {}
    data = _with_header_document({9: page}, boxes=f"第{page}页\r抄送：县档案局 2份")
    assert _unread(gd.parse_doc(data)) == {
        "text boxes of headers and footers": ("warning", 9, "2"),
    }
