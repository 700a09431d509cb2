"""Report pages published as Word, WPS or a CMS editor holding a pasted Word document
write them: parse_html reads the same figures as the page shows.

The pages are synthetic (:mod:`word_markup` writes them from a report; the organs and
figures are invented): ``MsoNormal`` paragraphs and ``MsoTableGrid`` tables without
``<tbody>``, ``<o:p>&nbsp;</o:p>``, ``<span lang=EN-US style='mso-…'>`` runs with
figures split over several of them, numbering as text in ``mso-list:Ignore`` inside
downlevel-revealed conditional comments, the ``<xml>`` blocks Word writes, GB2312 or
windows-1252 declared over GBK bytes, a BOM, Word's hidden row of merged tables,
section 三 in a landscape section and broken over a page into a second table.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure import strategies as gs
from word_markup import WordStyle, editor_page, word_page

PLAIN = WordStyle(
    list_headings=False,
    split_figures=False,
    landscape=False,
    break_after=None,
    hidden_row=False,
    wrap=False,
)


def _report() -> gd.Report:
    """A report with figures of one to five digits (built, not drawn: the pages of
    the tests below are written from it)."""
    return gd.build_report(
        organ="样例县自然资源局",
        year=2024,
        published="2025-01-21",
        overview="全年主动公开政府信息1286条，收到政府信息公开申请57件。",
        active={
            "art20_1": {
                "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
                "normative_documents": {"issued": 12, "repealed": 3, "in_force": 146},
            },
            "art20_5": {"licensing": {"decisions": 10385}},
            "art20_6": {"penalty": {"decisions": 218}, "compulsion": {"decisions": 7}},
            "art20_8": {"admin_fees": {"amount": "35.62"}},
        },
        applications={
            "new_received": {"natural_person": 51, "commercial": 4, "other_org": 2},
            "carried_over": {"natural_person": 3},
            "granted": {"natural_person": 20, "commercial": 2},
            "partially_granted": {"natural_person": 11},
            "denied.third_party_rights": {"natural_person": 2},
            "unavailable.not_held": {"natural_person": 13, "commercial": 1, "other_org": 1},
            "not_handled.duplicate": {"natural_person": 4},
            "other.other": {"other_org": 1},
            "carried_forward": {"natural_person": 4, "commercial": 1},
        },
        review_litigation={
            "review": {"upheld": 2, "corrected": 1, "pending": 1},
            "litigation_direct": {"upheld": 1, "other": 1},
            "litigation_after_review": {"pending": 1},
        },
        problems="公开内容的规范性有待提高。下一步将加强审核。",
        other="本年度未收取信息处理费。",
    )


REPORT = _report()


def _figures(report: gd.Report) -> dict[str, object]:
    """Every cell of the report's tables by path: what the page shows."""
    return {r["path"]: (r["value"], r["state"]) for r in gd.to_records(report)}


def _unexpected(report: gd.Report) -> list[str]:
    """The findings of a page read, but the encoding's (the page is not UTF-8)."""
    return [f.code for f in report.findings if f.code != "parse.encoding"]


def _diff(a: gd.Report, b: gd.Report) -> list[str]:
    return [
        f.name for f in attrs.fields(gd.Report) if f.eq and getattr(a, f.name) != getattr(b, f.name)
    ]


def _same(back: gd.Report, report: gd.Report = REPORT) -> None:
    assert _figures(back) == _figures(report)
    assert back == report, _diff(back, report)
    assert _unexpected(back) == []


def test_the_report_is_valid_and_has_figures_of_several_digits() -> None:
    assert [f for f in gd.check(REPORT) if f.severity == gd.Severity.ERROR] == []
    assert sum(isinstance(v, int) and v >= 10 for v, _state in _figures(REPORT).values()) >= 10


# ----------------------------------------------------------------- each kind of markup

VARIANTS = {
    "plain MsoNormal": PLAIN,
    "figures split over runs": dataclasses.replace(PLAIN, split_figures=True),
    "mso-list numbering": dataclasses.replace(PLAIN, list_headings=True),
    "landscape section": dataclasses.replace(PLAIN, landscape=True),
    "hidden row": dataclasses.replace(PLAIN, hidden_row=True),
    "wrapped lines": dataclasses.replace(PLAIN, wrap=True),
    "WPS": dataclasses.replace(PLAIN, generator="wps"),
    "broken table, header repeated": dataclasses.replace(PLAIN, break_after=12),
    "broken table, header not repeated": dataclasses.replace(
        PLAIN, break_after=12, repeat_header=False
    ),
    "broken table, merged labels cut": dataclasses.replace(PLAIN, break_after=7, continued="cut"),
    "broken table, merged labels repeated": dataclasses.replace(
        PLAIN, break_after=5, continued="repeated"
    ),
    "broken after the header": dataclasses.replace(PLAIN, break_after=0),
    "everything": WordStyle(),
}


@pytest.mark.parametrize("style", VARIANTS.values(), ids=list(VARIANTS))
@pytest.mark.parametrize(
    ("charset", "bom"), [("gb2312", False), ("gb2312", True), ("utf-8", False)]
)
def test_word_page(style: WordStyle, charset: str, bom: bool) -> None:
    page = word_page(REPORT, style, charset=charset, bom=bom)
    back = gd.parse_html(page)
    _same(back)
    encoded = any(f.code == "parse.encoding" for f in back.findings)
    assert encoded == (charset == "gb2312" and not bom)


def test_windows_1252_declared_over_gbk_bytes() -> None:
    """Word's pages declare the code page of the machine that saved them: a
    ``windows-1252`` declaration over GBK bytes is read as GBK."""
    page = word_page(REPORT, WordStyle(), charset="windows-1252").decode("utf-8")
    back = gd.parse_html(page.encode("gb18030"))
    _same(back)
    assert [f.code for f in back.findings] == ["parse.encoding"]


@pytest.mark.parametrize("editor", ["ueditor", "kindeditor", "tinymce", "ewebeditor"])
@pytest.mark.parametrize("style", [PLAIN, WordStyle()], ids=["plain", "everything"])
def test_pasted_into_an_editor(editor: str, style: WordStyle) -> None:
    """Word's body pasted into a CMS editor: ``<p><br/></p>`` between paragraphs,
    ``data-`` attributes, ``<strong>`` headings, chrome around it."""
    _same(gd.parse_html(editor_page(REPORT, editor, style)))


def test_the_markup_is_there() -> None:
    """The pages hold what the tests say they do."""
    page = word_page(REPORT, WordStyle()).decode("gb18030")
    for needle in (
        "<o:p>&nbsp;</o:p>",
        "<span lang=EN-US style='",
        "class=MsoNormal",
        "class=MsoTableGrid",
        "<![if !supportLists]>",
        "mso-list:Ignore'>三、",
        "<!--[if gte mso 9]><xml>",
        "<w:WordDocument>",
        "page-break-before:always",
        "<![if !supportMisalignedColumns]>",
        "mso-border-alt:",
        "charset=gb2312",
    ):
        assert needle in page, needle
    assert "<tbody" not in page
    # 10385 split over two runs, "1" and "0385"
    assert re.search(r">1</span>\s*<span\s+lang=EN-US[^>]*>0385<", page)
    assert page.count("<table") == 4  # 二, 三 broken in two, 四
    editor = editor_page(REPORT)
    for needle in ("<p><br/></p>", "data-", "<strong>"):
        assert needle in editor, needle


# ----------------------------------------------------------------- what was read wrong


_SETTINGS = (
    "<xml><w:WordDocument><w:View>Normal</w:View><w:Zoom>0</w:Zoom>"
    "<w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing>"
    "<w:DisplayVerticalDrawingGridEvery>2</w:DisplayVerticalDrawingGridEvery>"
    "<w:SaveIfXMLInvalid>false</w:SaveIfXMLInvalid><w:LidThemeOther>EN-US</w:LidThemeOther>"
    "<w:LidThemeAsian>ZH-CN</w:LidThemeAsian></w:WordDocument></xml>"
    "<xml><o:DocumentProperties><o:Pages>7</o:Pages><o:Words>2046</o:Words>"
    "</o:DocumentProperties></xml>"
)


def test_word_settings_left_in_the_body_are_no_text() -> None:
    """An editor that drops the conditional comments of pasted Word markup leaves
    Word's ``<xml>`` data islands in the body (shown by some browsers as "Normal 0 7.8
    磅 0 2 false …"): document settings, not a line of the report. They were read as
    the line before the title, and so as the organ ("Normal07.8磅02falseEN-USZH-CN")."""
    body = word_page(REPORT, PLAIN, charset="utf-8").decode("utf-8")
    at = body.index("<div class=WordSection1")
    at = body.index(">", at) + 1
    page = body[:at] + _SETTINGS + body[at:]
    back = gd.parse_html(page)
    assert back.organ == REPORT.organ
    assert back.title == ""
    _same(back)
    # the same pasted into an editor
    editor = editor_page(REPORT, "ueditor", PLAIN).replace(
        '<div class="TRS_Editor">', '<div class="TRS_Editor">' + _SETTINGS
    )
    _same(gd.parse_html(editor))


@pytest.mark.parametrize("repeated", [1, 2, 3])
def test_a_repeated_header_is_no_label(repeated: int) -> None:
    """Section 三 broken over a page into a second table that repeats the header rows
    (Word's split table; "repeat as header row" copied by hand): those rows are the
    header again. They were reported as words among the labels that are not read
    (``parse.unread-label``, five warnings for the three rows), though nothing was
    lost."""
    style = dataclasses.replace(PLAIN, break_after=9)
    page = word_page(REPORT, style, charset="utf-8").decode("utf-8")
    if repeated < 3:
        # only the first rows of the header repeated, the spans of their cells ending
        # with them
        second = page.index("<table", page.index("page-break-before"))
        rows = [second + m.start() for m in re.finditer("<tr", page[second:])][:4]
        kept = page[rows[0] : rows[repeated]].split("<tr")[1:]
        head = "".join(
            "<tr" + re.sub(r"rowspan=(\d)", f"rowspan={repeated - k}", row)
            for k, row in enumerate(kept)
        )
        page = page[: rows[0]] + head + page[rows[3] :]
    _same(gd.parse_html(page))


_FOOTNOTE = (
    '<a style=\'mso-footnote-id:ftn1\' href="#_ftn1" name="_ftnref1" title="">'
    "<span class=MsoFootnoteReference><span lang=EN-US><![if !supportFootnotes]>"
    "<span class=MsoFootnoteReference style='font-size:10.5pt'>[1]</span><![endif]>"
    "</span></span></a>"
)
_COMMENT = (
    "<span class=MsoCommentReference><span lang=EN-US style='font-size:9.0pt'>&nbsp;"
    '<![if !supportAnnotations]><a class=msocomanchor id="_anchor_1" href="#_msocom_1" '
    'name="_msoanchor_1">[A1]</a><![endif]></span></span>'
)


@pytest.mark.parametrize(("mark", "shown"), [(_FOOTNOTE, "[1]"), (_COMMENT, "[A1]")])
def test_word_reference_marks_beside_a_figure(mark: str, shown: str) -> None:
    """Word's footnote reference (``[1]``, raised) or comment anchor (``[A1]``) after a
    figure of section 三: the figure and a ``parse.footnote-mark``. The cell was read
    as "57[1]", a label, and the whole total row was left blank
    (``parse.uncertain-cells``)."""
    page = word_page(REPORT, PLAIN, charset="utf-8").decode("utf-8")
    row = page.index("（七）总计")
    end = page.index("<o:p></o:p></span></p></td>", row)
    back = gd.parse_html(page[:end] + mark + page[end:])
    assert _figures(back) == _figures(REPORT)
    assert back == REPORT, _diff(back, REPORT)
    (found,) = back.findings
    assert found.code == "parse.footnote-mark"
    assert found.path == "applications.total.natural_person"
    assert shown in found.message("en")


def test_a_footnote_in_the_text_stays_in_the_text() -> None:
    """Outside the tables a footnote reference is text of its paragraph, as shown."""
    page = word_page(REPORT, PLAIN, charset="utf-8").decode("utf-8")
    end = page.index("</p>", page.index(">1286<"))
    page = page[:end] + _FOOTNOTE + page[end:]
    back = gd.parse_html(page)
    assert back.overview is not None
    assert back.overview.text.endswith("申请57件。[1]")
    assert _figures(back) == _figures(REPORT)


# ----------------------------------------------------------------- property


styles = st.builds(
    WordStyle,
    generator=st.sampled_from(["word", "wps"]),
    list_headings=st.booleans(),
    split_figures=st.booleans(),
    landscape=st.booleans(),
    break_after=st.none() | st.integers(0, 25),
    repeat_header=st.booleans(),
    continued=st.sampled_from(["cut", "empty", "repeated"]),
    hidden_row=st.booleans(),
    wrap=st.booleans(),
)


@given(gs.valid_reports(), styles, st.sampled_from(["gb2312", "utf-8"]), st.booleans())
def test_word_pages_read_back(report: gd.Report, style: WordStyle, charset: str, bom: bool) -> None:
    """A valid report written as a Word page, in any of the markups above, reads back
    as the report, with no finding but the encoding's."""
    back = gd.parse_html(word_page(report, style, charset=charset, bom=bom))
    assert _figures(back) == _figures(report)
    assert back == report, _diff(back, report)
    assert _unexpected(back) == []


@given(gs.valid_reports(), st.sampled_from(["ueditor", "kindeditor", "tinymce", "ewebeditor"]))
def test_editor_pages_read_back(report: gd.Report, editor: str) -> None:
    back = gd.parse_html(editor_page(report, editor))
    assert back == report, _diff(back, report)
    assert _unexpected(back) == []


# ----------------------------------------------------------------- the fixture pages

HTML = Path(__file__).parent / "data" / "html"


def _applications(report: gd.Report) -> dict[str, tuple[object, ...]]:
    """The rows of section 三 that are not all zeros."""
    assert report.applications is not None
    spec = report.applications.spec
    return {
        row.id: cells
        for row, cells in zip(spec.rows, report.applications.cells, strict=True)
        if any(cells)
    }


def test_word_fixture() -> None:
    """``word-gbk-2024.html``: saved by Word as a web page, GB2312 declared over GBK
    bytes, section 三 on a landscape page and broken into two tables, the header
    repeated; every figure as the page shows it, no finding but the encoding's."""
    r = gd.parse_html((HTML / "word-gbk-2024.html").read_bytes())
    assert r.organ == gd.Organ("样例县住房和城乡建设局")
    assert (r.year, r.published, r.title) == (2024, date(2025, 1, 20), "")
    assert [f.code for f in r.findings] == ["parse.encoding"]
    assert r.preamble.startswith("本报告根据《中华人民共和国政府信息公开条例》要求编制。")
    assert r.overview == gd.Narrative(
        "2024年，我局持续深化政务公开，全年通过门户网站主动公开政府信息418条。\n"
        "全年新收政府信息公开申请47件，上年结转3件，均已按期办结或依法结转。"
    )
    assert [(t.id, t.cells) for t in r.active] == [
        ("active.art20_1", ((0, 0, 0), (4, 2, 37))),
        ("active.art20_5", ((1265,),)),
        ("active.art20_6", ((93,), (12,))),
        ("active.art20_8", ((Decimal("8.4"),),)),
    ]
    assert _applications(r) == {
        "new_received": (38, 6, 0, 0, 2, 1, 47),
        "carried_over": (2, 1, 0, 0, 0, 0, 3),
        "granted": (16, 3, 0, 0, 1, 0, 20),
        "partially_granted": (5, 1, 0, 0, 0, 0, 6),
        "denied.third_party_rights": (2, 0, 0, 0, 0, 0, 2),
        "unavailable.not_held": (10, 2, 0, 0, 1, 1, 14),
        "unavailable.needs_creation": (1, 0, 0, 0, 0, 0, 1),
        "not_handled.duplicate": (3, 0, 0, 0, 0, 0, 3),
        "other.other": (1, 0, 0, 0, 0, 0, 1),
        "total": (38, 6, 0, 0, 2, 1, 47),
        "carried_forward": (2, 1, 0, 0, 0, 0, 3),
    }
    assert r.review_litigation is not None
    assert r.review_litigation.cells == ((1, 1, 0, 0, 2), (0, 0, 0, 1, 1), (0, 0, 0, 0, 0))
    assert r.other == gd.Narrative("本年度未收取信息处理费。")
    assert [f for f in gd.check(r) if f.severity == gd.Severity.ERROR] == []
    # the second table of section 三 is the page's third table
    src = r.provenance["applications.carried_forward.total"]
    assert src.table == 2


def test_editor_fixture() -> None:
    """``editor-word-2023.html``: Word pasted into UEditor (Word's ``<xml>`` settings
    left in the body, ``<p><br/></p>``, ``data-`` attributes, ``<strong>`` headings),
    UTF-8 with a BOM under a ``gb2312`` declaration, section 三 broken without its
    header repeated, a footnote beside the grand total and the footnote after the
    signature."""
    r = gd.parse_html((HTML / "editor-word-2023.html").read_bytes())
    assert r.organ == gd.Organ("样例区人民政府办公室")
    assert (r.year, r.published, r.title) == (2023, date(2024, 1, 29), "")
    (mark,) = r.findings
    assert (mark.code, mark.path, mark.args["mark"]) == (
        "parse.footnote-mark",
        "applications.total.total",
        "[1]",
    )
    assert r.preamble.startswith("本报告由样例区人民政府办公室根据")
    assert "Normal" not in r.preamble
    assert [(t.id, t.cells) for t in r.active] == [
        ("active.art20_1", ((0, 0, 0), (9, 5, 64))),
        ("active.art20_5", ((23817,),)),
        ("active.art20_6", ((406,), (31,))),
        ("active.art20_8", ((Decimal("126.75"),),)),
    ]
    assert _applications(r) == {
        "new_received": (112, 9, 1, 0, 3, 2, 127),
        "carried_over": (6, 0, 0, 0, 0, 0, 6),
        "granted": (41, 4, 1, 0, 1, 0, 47),
        "partially_granted": (18, 2, 0, 0, 0, 1, 21),
        "denied.state_secret": (1, 0, 0, 0, 0, 0, 1),
        "denied.process_information": (3, 0, 0, 0, 0, 0, 3),
        "unavailable.not_held": (29, 2, 0, 0, 2, 1, 34),
        "unavailable.unclear_after_amendment": (2, 0, 0, 0, 0, 0, 2),
        "not_handled.petition_complaint": (7, 0, 0, 0, 0, 0, 7),
        "not_handled.duplicate": (4, 1, 0, 0, 0, 0, 5),
        "other.no_amendment": (2, 0, 0, 0, 0, 0, 2),
        "total": (107, 9, 1, 0, 3, 2, 122),
        "carried_forward": (11, 0, 0, 0, 0, 0, 11),
    }
    assert r.review_litigation is not None
    assert r.review_litigation.cells == ((2, 1, 0, 1, 4), (1, 0, 0, 0, 1), (0, 0, 0, 1, 1))
    # the footnote is kept, after the last section's text; the signature is read
    assert r.other == gd.Narrative("本年度未收取信息处理费。\n[1] 含通过信函提交的申请。")
    assert [f.code for f in gd.check(r)] == ["parse.footnote-mark"]


def test_a_footnote_after_the_signature_in_text() -> None:
    """The same in a plain text report: the notes after the signature are kept and the
    signature is read (it was kept as text of section 六, and no date was read)."""
    text = gd.render_text(REPORT) + "\n[1] 含通过信函提交的申请。\n"
    back = gd.parse_text(text)
    assert back.published == REPORT.published
    assert back.other == gd.Narrative("本年度未收取信息处理费。\n[1] 含通过信函提交的申请。")


_SHAPE = (
    '<!--[if gte vml 1]><v:shapetype id="_x0000_t75" coordsize="21600,21600" o:spt="75">'
    '<v:stroke joinstyle="miter"/></v:shapetype><v:shape id="图片_1" o:spid="_x0000_i1025" '
    "type=\"#_x0000_t75\" style='width:415pt;height:233pt'><v:imagedata "
    'src="附件.files/image001.png" o:title=""/></v:shape><![endif]--><![if !vml]><img '
    'width=553 height=311 src="附件.files/image002.jpg" v:shapes="图片_1"><![endif]>'
)


@pytest.mark.parametrize("commented", [True, False])
def test_vml_shapes(commented: bool) -> None:
    """A picture as Word writes it (``<v:shape>`` in a conditional comment, ``<img>``
    in a downlevel-revealed one), or with the comments dropped by an editor: no text."""
    shape = _SHAPE if commented else _SHAPE.replace("<!--[if gte vml 1]>", "")
    page = word_page(REPORT, PLAIN, charset="utf-8").decode("utf-8")
    end = page.index("</p>", page.index(">1286<"))
    _same(gd.parse_html(page[:end] + shape + page[end:]))


def test_excel_cells() -> None:
    """Tables pasted from Excel: ``<td class=xl66 x:num="12">12</td>`` and
    ``<td class=xl65 x:str>`` labels, no ``<p>`` or ``<span>`` in the cells."""
    page = word_page(REPORT, PLAIN, charset="utf-8").decode("utf-8")
    page, figures = re.subn(
        r"<td (width=\d+[^>]*)>\s*<p class=MsoNormal align=center style='text-align:center'>"
        r"<span lang=EN-US style='[^']*'>([\d.]+)<o:p></o:p></span></p>\s*</td>",
        r'<td class=xl66 \1 x:num="\2">\2</td>',
        page,
    )
    page, labels = re.subn(
        r"<td (width=\d+[^>]*)>\s*<p class=MsoNormal align=center style='text-align:center'>"
        r"<span style='[^']*'>([^<]*)<span lang=EN-US><o:p></o:p></span></span></p>\s*</td>",
        r"<td class=xl65 \1 x:str>\2</td>",
        page,
    )
    assert figures == 200  # every cell of the four tables
    assert labels > 50
    _same(gd.parse_html(page))
