"""The text of a Word document as Word shows it: tabs and breaks between figures, text
boxes read once, tracked changes accepted, fields by their result, notes read where
they are referred to (:mod:`govdisclosure.formats._docxtext`)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from docxedits import (
    document,
    paragraph_of,
    refer,
    revised,
    run,
    table_as_text,
    tables,
    tables_as_text,
    tables_in_text_boxes,
    text_box,
    w,
    with_notes,
)
from docxmarks import edited, saved, with_mark
from footnotes import assert_one_mark
from govdisclosure.formats.docx import DocxGrid, parse_docx, read_docx_grids
from govdisclosure.strategies import valid_reports

docx = pytest.importorskip("docx")
qn = docx.oxml.ns.qn

REAL = Path(__file__).parent / "data" / "real"


@pytest.fixture(scope="module")
def seed() -> gd.Report:
    return gd.parse_text((REAL / "xunzhen-2024.txt").read_text(encoding="utf-8"))


def _texts(data: bytes) -> list[str]:
    return [it for it in read_docx_grids(data) if isinstance(it, str)]


def _cells(data: bytes) -> list[str]:
    return [c.text for it in read_docx_grids(data) if isinstance(it, DocxGrid) for c in it.cells]


# ------------------------------------------------------------------ tabs and breaks
@pytest.mark.parametrize("tag", ["tab", "ptab", "br", "cr"])
def test_a_tab_or_a_break_keeps_figures_apart(tag: str) -> None:
    """``（一）予以公开⇥12⇥3`` is three cells, not ``予以公开123``."""
    doc = document(paragraph_of("（一）予以公开", f"<{tag}>", "12", f"<{tag}>", "3"))
    (text,) = _texts(saved(doc))
    assert text.replace("\n", "\t").split("\t") == ["（一）予以公开", "12", "3"]


@pytest.mark.parametrize("tag", ["tab", "br"])
def test_a_tab_or_a_break_in_a_cell_keeps_figures_apart(tag: str) -> None:
    doc = document()
    table = doc.add_table(rows=1, cols=2)
    p = table.cell(0, 1).paragraphs[0]._p
    for piece in ("12", f"<{tag}>", "3"):
        if piece.startswith("<"):
            w(w(p, "r"), piece[1:-1])
        else:
            run(p, piece)
    assert _cells(saved(doc))[1] == ("12\t3" if tag == "tab" else "12\n3")


def test_tab_stops_of_a_paragraph_are_no_text() -> None:
    p = paragraph_of("12")
    tabs = w(w(p, "pPr"), "tabs")
    w(tabs, "tab", val="left", pos="720")
    p.insert(0, p[-1])  # (w:pPr first)
    assert _texts(saved(document(p))) == ["12"]


@pytest.mark.parametrize(
    ("pieces", "shown"),
    [
        (["2024", "<noBreakHyphen>", "01"], "2024-01"),  # Word shows a hyphen
        (["12", "<softHyphen>", "3"], "123"),  # shown only where a line is cut
    ],
)
def test_hyphens_read_as_word_shows_them(pieces: list[str], shown: str) -> None:
    assert _texts(saved(document(paragraph_of(*pieces)))) == [shown]


@pytest.mark.parametrize(
    ("char", "font", "shown"), [("F031", "Symbol", "1"), ("00D7", "SimSun", "×")]
)
def test_a_symbol_is_the_character_it_names(char: str, font: str, shown: str) -> None:
    p = paragraph_of("共")
    w(w(p, "r"), "sym", char=char, font=font)
    run(p, "件")
    assert _texts(saved(document(p))) == [f"共{shown}件"]


@settings(max_examples=10, deadline=None)
@given(valid_reports(), st.sampled_from(["tab", "ptab"]))
def test_tables_pasted_as_text_read_back(report: gd.Report, separator: str) -> None:
    """Every table of a rendering converted to text (a paragraph a row, cells
    tab-separated) reads back into the same tables: the figures are neither glued nor
    lost."""
    data = edited(gd.render_docx(report), lambda d: tables_as_text(d, separator))
    back = parse_docx(data)
    assert back.tables == report.tables
    assert (back.organ, back.year, back.published) == (
        report.organ,
        report.year,
        report.published,
    )


def _paste_section_3(doc: object) -> None:
    tbl = tables(doc)[1]
    for p in table_as_text(tbl):
        tbl.addprevious(p)
    tbl.getparent().remove(tbl)


def test_a_table_pasted_as_text_beside_word_tables_reads_back(seed: gd.Report) -> None:
    """Section 三 pasted as text, the other tables left as Word tables: all read, each
    figure's source the paragraph or the cell it was read from."""

    data = edited(gd.render_docx(seed), _paste_section_3)
    back = parse_docx(data)
    assert back.tables == seed.tables
    items = read_docx_grids(data)
    granted = back.provenance["applications.granted.natural_person"]
    assert granted.line is not None
    assert granted.table is None
    assert isinstance(items[granted.line - 1], str)
    review = back.provenance["review_litigation.review.upheld"]
    assert review.table is not None
    assert isinstance(items[review.table], DocxGrid)


def test_a_footnote_mark_survives_the_text_reading(seed: gd.Report) -> None:
    """A superscript mark in a Word table of a document read as text is still reported."""
    data = gd.render_docx(seed)
    # the mark on the total of section 四: the last cell of its text
    total = str(seed.cell("review_litigation.litigation_after_review.total"))
    marked = with_mark(data, total, "1", n=_cells(data).count(total) - 1)

    back = parse_docx(edited(marked, _paste_section_3))
    assert back.tables == seed.tables
    assert_one_mark(back, "review_litigation.litigation_after_review.total", "1", total)


# ------------------------------------------------------------------ text boxes
def test_a_text_box_is_read_once_after_its_paragraph() -> None:
    host = paragraph_of("正文")
    box = text_box([paragraph_of("本年共收到申请12件。")])
    host.append(box[0])  # the anchoring run, in the host paragraph
    assert _texts(saved(document(host, "下一段"))) == ["正文", "本年共收到申请12件。", "下一段"]


def test_a_text_box_without_its_drawing_is_read_from_its_fallback() -> None:
    box = text_box([paragraph_of("12")])
    alternate = box[0][0]
    alternate.remove(alternate[0])  # mc:Choice gone: mc:Fallback (VML) is what shows
    assert _texts(saved(document(box))) == ["12"]


@settings(max_examples=8, deadline=None)
@given(valid_reports())
def test_tables_in_text_boxes_read_back(report: gd.Report) -> None:
    """Each table put in a text box (DrawingML and its VML copy) reads back once."""
    back = parse_docx(edited(gd.render_docx(report), tables_in_text_boxes))
    assert back == report


def test_a_text_box_in_a_cell_is_more_lines_of_the_cell() -> None:
    doc = document()
    table = doc.add_table(rows=1, cols=1)
    p = table.cell(0, 0).paragraphs[0]._p
    run(p, "合计")
    p.append(text_box([paragraph_of("12")])[0])
    assert _cells(saved(doc)) == ["合计\n12"]


# ------------------------------------------------------------------ tracked changes
KINDS = ["ins", "del", "move", "field", "simple", "hyperlink"]


@settings(max_examples=10, deadline=None)
@given(valid_reports(), st.lists(st.sampled_from(KINDS), min_size=1, max_size=4))
def test_tracked_changes_read_accepted(report: gd.Report, kinds: list[str]) -> None:
    """Table text inserted, moved here, beside deleted figures or behind a field's code
    reads as Word shows it with the changes accepted."""
    back = parse_docx(edited(gd.render_docx(report), lambda d: revised(d, kinds)))
    assert back == report


def test_moved_text_is_read_where_it_went() -> None:
    doc = document()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "（一）予以公开"
    table.cell(0, 1).text = "12"
    revised(doc, ["ins", "move"])
    assert _cells(saved(doc)) == ["（一）予以公开", "12"]


@pytest.mark.parametrize("tag", ["delText", "t"])
def test_deleted_text_is_not_read(tag: str) -> None:
    """Deleted text is not read, held in ``w:delText`` as Word writes it or in ``w:t``."""
    p = paragraph_of("共")
    deleted = w(p, "del", id="1", author="a")
    run(deleted, "34", tag)
    inserted = w(p, "ins", id="2", author="a")
    run(inserted, "12")
    run(p, "件")
    assert _texts(saved(document(p))) == ["共12件"]


def test_a_deleted_row_is_not_read(seed: gd.Report) -> None:
    """A table row deleted as a tracked change is gone in Word's accepted view."""

    def delete_a_row(doc: object) -> None:
        tbl = tables(doc)[1]
        rows = list(tbl.iter(qn("w:tr")))
        gone = rows[5].__deepcopy__(None)
        for t in gone.iter(qn("w:t")):
            t.tag = qn("w:delText")
            t.text = "99"
        pr = gone.find(qn("w:trPr"))
        w(pr, "del", id="7", author="a")
        rows[5].addprevious(gone)

    assert parse_docx(edited(gd.render_docx(seed), delete_a_row)) == seed


def test_a_field_reads_as_its_result_not_its_code() -> None:
    p = paragraph_of()
    for kind, text in (("begin", None), (None, " = 4321 "), ("separate", None), (None, "12")):
        r = w(p, "r")
        if kind is None:
            w(r, "instrText" if text.startswith(" ") else "t", text)
        else:
            w(r, "fldChar", fldCharType=kind)
    w(w(p, "r"), "fldChar", fldCharType="end")
    assert _texts(saved(document(p))) == ["12"]


# ------------------------------------------------------------------ notes
def _report_with_notes(kind: str) -> bytes:
    p = paragraph_of("本年共收到申请12件。")
    refer(p, kind, "1")
    again = paragraph_of("其中补正后受理的，见注。")
    refer(again, kind, "1")  # referred to twice: read once
    doc = document(
        "某县人民政府2024年政府信息公开工作年度报告",
        "一、总体情况",
        p,
        again,
        "五、存在的主要问题及改进情况",
        "无。",
    )
    with_notes(doc, kind, {"1": ["其中3件为补正后受理。"], "2": ["未引用的注7件。"]})
    return saved(doc)


@pytest.mark.parametrize("kind", ["footnote", "endnote"])
def test_a_note_is_read_after_the_paragraph_that_refers_to_it(kind: str) -> None:
    data = _report_with_notes(kind)
    assert _texts(data)[2:5] == [
        "本年共收到申请12件。",
        "其中3件为补正后受理。",
        "其中补正后受理的，见注。",
    ]
    report = parse_docx(data)
    assert report.overview is not None
    assert "其中3件为补正后受理。" in report.overview.text
    assert report.overview.text.count("3件") == 1
    assert "7件" not in gd.to_json(report)  # a note nothing refers to: Word shows none


def test_a_note_referred_to_from_a_table_cell_follows_the_table(seed: gd.Report) -> None:
    def refer_from_a_cell(doc: object) -> None:
        tbl = tables(doc)[1]
        tc = next(tbl.iter(qn("w:tc")))
        refer(tc.find(qn("w:p")), "footnote", "1")
        with_notes(doc, "footnote", {"1": ["注：含转办件5件。"]})

    data = edited(gd.render_docx(seed), refer_from_a_cell)
    items = read_docx_grids(data)
    at = next(k for k, it in enumerate(items) if it == "注：含转办件5件。")
    assert isinstance(items[at - 1], DocxGrid)
    back = parse_docx(data)
    assert back.tables == seed.tables
    assert "注：含转办件5件。" in back.applications_text


def test_a_note_referring_to_itself_is_read_once() -> None:
    doc = docx.Document(io.BytesIO(_report_with_notes("footnote")))
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/footnotes"))
    part._blob = part.blob.replace(
        "其中3件为补正后受理。".encode(),
        '其中3件</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>。'.encode(),
    )
    texts = _texts(saved(doc))
    assert sum("其中3件" in t for t in texts) == 1


def test_a_damaged_notes_part_is_a_parse_error() -> None:
    doc = docx.Document(io.BytesIO(_report_with_notes("footnote")))
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/footnotes"))
    part._blob = part.blob[: len(part.blob) // 2]
    with pytest.raises(gd.ParseError, match="footnotes"):
        parse_docx(saved(doc))


# ------------------------------------------------------------------ limits
def test_paragraphs_of_text_boxes_and_notes_count_as_lines() -> None:
    """The paragraphs of a text box and of a note are held to ``max_lines``."""
    limits = gd.Limits(max_lines=600)
    many = [paragraph_of(f"第{k}段") for k in range(700)]
    with pytest.raises(gd.LimitExceeded, match="max_lines"):
        read_docx_grids(saved(document(text_box(many))), limits=limits)
    p = paragraph_of("见注。")
    refer(p, "footnote", "1")
    doc = document(p)
    with_notes(doc, "footnote", {"1": [f"注{k}" for k in range(700)]})
    with pytest.raises(gd.LimitExceeded, match="max_lines"):
        read_docx_grids(saved(doc), limits=limits)


def test_a_text_box_in_a_text_box_is_read_once() -> None:
    inner = text_box([paragraph_of("12")])
    outer = text_box([inner])
    assert _texts(saved(document(outer))) == ["12"]


@pytest.mark.parametrize("kind", ["superscript", "raised"])
def test_a_mark_in_a_row_pasted_as_text_is_taken_out(seed: gd.Report, kind: str) -> None:
    """``12¹`` in a row pasted as text is the figure 12 and a footnote mark, not 121."""
    from docxmarks import set_off  # noqa: PLC0415

    def mark_granted(doc: object) -> None:
        _paste_section_3(doc)
        p = next(p for p in doc.paragraphs if "（一）予以公开" in p.text)
        label = next(k for k, r in enumerate(p.runs) if r.text == "（一）予以公开")
        figure = p.runs[label + 2]  # (the tab's run between them)
        assert figure.text == str(seed.cell("applications.granted.natural_person"))
        mark = p.add_run("1")
        figure._r.addnext(mark._r)
        set_off(doc, mark, kind)

    back = parse_docx(edited(gd.render_docx(seed), mark_granted))
    assert back.tables == seed.tables
    path = "applications.granted.natural_person"
    assert_one_mark(back, path, "1", str(seed.cell(path)))
