"""A small writer of report pages as Word, WPS and the CMS editors that paste from them
publish one (test-side, synthetic markup).

Government sites often publish the report as the HTML that Word writes ("Save as Web
Page", filtered or not), that WPS writes, or that a CMS editor (UEditor, KindEditor,
TinyMCE, eWebEditor) keeps of a document pasted from Word. :func:`word_page` rewrites
``render_html``'s fragment of a report in that markup: ``MsoNormal`` paragraphs, runs
of ``<span lang=EN-US style='mso-…'>`` (a figure split over several runs, as Word
splits a run that was edited), ``<o:p>&nbsp;</o:p>``, numbering rendered as text in
``<span style='mso-list:Ignore'>`` inside downlevel-revealed conditional comments, the
``<xml>`` blocks of the head in downlevel-hidden ones, ``MsoTableGrid`` tables without
``<tbody>`` whose cells carry ``width``/``valign`` and ``mso-border-alt`` styles, the
hidden row Word adds to tables with merged cells, a landscape section of its own for
the wide table, and section 三's table broken over a page into a second table (its
header rows repeated or not). :func:`editor_page` puts such a body into a CMS page the
way an editor keeps it: ``<p><br/></p>`` between paragraphs, ``data-`` attributes,
``<strong>`` headings. What the page shows is the report: ``parse_html`` must read it
back with the same figures.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Final, Literal

from lxml import etree
from lxml import html as lhtml

import govdisclosure as gd

_NL: Final = "\r\n"  # Word writes CRLF
_FIGURE: Final = re.compile(r"\d+")
_TD_STYLE: Final = (
    "border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt"
)
_TD_STYLE_NEXT: Final = (
    "border:solid windowtext 1.0pt;border-left:none;mso-border-left-alt:solid windowtext .5pt;"
    "mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt"
)
_RUN: Final = "font-size:10.5pt;font-family:宋体;mso-bidi-font-family:宋体;mso-font-kerning:0pt"
_RUN_EN: Final = (
    'font-size:10.5pt;font-family:"Times New Roman",serif;mso-fareast-font-family:宋体;'
    "mso-font-kerning:0pt"
)
_BODY_RUN: Final = (
    'font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:"Times New Roman"'
)
_CN_NUMBER: Final = re.compile(
    r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)(.*)$", re.S
)


@dataclass(frozen=True)
class WordStyle:
    """How the page is written."""

    generator: Literal["word", "wps"] = "word"
    list_headings: bool = True
    """Section headings numbered by a Word list: ``一、`` in ``mso-list:Ignore``."""
    split_figures: bool = True
    """Every figure of two digits or more split into runs ("1" "2")."""
    landscape: bool = True
    """Section 三's table in a section (``WordSection2``) of its own."""
    break_after: int | None = 12
    """Section 三's table broken after this many rows of figures (None: one table)."""
    repeat_header: bool = True
    """The broken table's second part repeats the three header rows."""
    continued: Literal["cut", "empty", "repeated"] = "empty"
    """A merged label cell that the break cuts: cut short, or continued at the top of
    the second part by an empty cell or one that repeats its label."""
    hidden_row: bool = True
    """Word's hidden ``supportMisalignedColumns`` row at the end of merged tables."""
    wrap: bool = True
    """Lines wrapped inside tags at about 76 characters, as Word writes them."""


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _runs(text: str, split: bool, style: str = _BODY_RUN) -> str:
    """``text`` as Word runs: each figure in a ``lang=EN-US`` run, split digit by digit."""
    out = []
    pos = 0
    for m in _FIGURE.finditer(text):
        out.append(_esc(text[pos : m.start()]))
        digits = m.group()
        pieces = [digits[:1], digits[1:]] if split and len(digits) > 1 else [digits]
        out.append("</span>")
        out += [f"<span lang=EN-US style='{style}'>{p}</span>" for p in pieces]
        out.append(f"<span style='{style}'>")
        pos = m.end()
    out.append(_esc(text[pos:]))
    return f"<span style='{style}'>{''.join(out)}</span>"


def _cell_runs(text: str, split: bool) -> str:
    if not text:
        return f"<span lang=EN-US style='{_RUN_EN}'><o:p>&nbsp;</o:p></span>"
    if split and _FIGURE.fullmatch(text) and len(text) > 1:
        head, rest = text[:1], text[1:]
        return (
            f"<span lang=EN-US style='{_RUN_EN}'>{head}</span>"
            f"<span lang=EN-US style='{_RUN_EN}'>{rest}<o:p></o:p></span>"
        )
    if _FIGURE.search(text) and not re.search(r"[\u4e00-\u9fff]", text):
        return f"<span lang=EN-US style='{_RUN_EN}'>{_esc(text)}<o:p></o:p></span>"
    return f"<span style='{_RUN}'>{_esc(text)}<span lang=EN-US><o:p></o:p></span></span>"


def _para(inner: str, *, align: str | None = None, indent: bool = True) -> str:
    attrs = " class=MsoNormal"
    style = []
    if align:
        attrs += f" align={align}"
        style.append(f"text-align:{align}")
    if indent:
        style.append("text-indent:32.0pt;mso-char-indent-count:2.0")
    style.append("line-height:28.0pt;mso-line-height-rule:exactly")
    return f"<p{attrs} style='{';'.join(style)}'>{inner}</p>"


def _heading(text: str, st: WordStyle, n: int) -> str:
    m = _CN_NUMBER.match(text)
    if st.list_headings and m:
        number, words = m.group(1), m.group(2)
        return (
            f"<p class=MsoListParagraph style='margin-left:0cm;text-indent:32.0pt;"
            f"mso-char-indent-count:2.0;mso-list:l0 level1 lfo{n}'><![if !supportLists]>"
            f"<span style='font-size:16.0pt;font-family:黑体;mso-list:Ignore'>{number}"
            "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span>"
            f"<![endif]><span style='font-size:16.0pt;font-family:黑体'>{_esc(words)}"
            "<span lang=EN-US><o:p></o:p></span></span></p>"
        )
    return _para(f"<b>{_runs(text, st.split_figures, 'font-size:16.0pt;font-family:黑体')}</b>")


def _grid_rows(table: etree._Element) -> list[etree._Element]:
    return list(table.iter("tr"))


def _table(rows: list[etree._Element], st: WordStyle, width: int) -> str:
    out = [
        "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 width=604",
        " style='width:453.0pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
        "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>",
    ]
    for i, tr in enumerate(rows):
        first = ";mso-yfti-firstrow:yes" if i == 0 else ""
        out.append(f"<tr style='mso-yfti-irow:{i}{first};height:19.85pt'>")
        for j, td in enumerate(tr.iterchildren("td", "th")):
            text = td.text_content()
            span = ""
            for name in ("colspan", "rowspan"):
                if td.get(name):
                    span += f" {name}={td.get(name)}"
            w = 40 * int(td.get("colspan") or 1)
            style = _TD_STYLE if j == 0 else _TD_STYLE_NEXT
            out.append(
                f"<td width={w}{span} valign=top style='width:{w * 0.75}pt;{style};height:19.85pt'>"
                f"<p class=MsoNormal align=center style='text-align:center'>"
                f"{_cell_runs(text, st.split_figures)}</p></td>"
            )
        out.append("</tr>")
    if st.hidden_row:
        out.append("<![if !supportMisalignedColumns]><tr height=0>")
        out += [f"<td width={40} style='border:none'></td>" for _ in range(width)]
        out.append("</tr><![endif]>")
    out.append("</table>")
    return "".join(out)


def _cut(
    body: list[etree._Element], k: int, continued: str
) -> tuple[list[etree._Element], list[etree._Element]]:
    """The rows before and after row ``k``; the merged cells that span across it end
    at it, and the second part starts with a cell for what they span beyond (as Word
    splits a table), unless ``continued`` is ``"cut"``."""
    first = [copy.deepcopy(tr) for tr in body[:k]]
    second = [copy.deepcopy(tr) for tr in body[k:]]
    carried = []
    for i, tr in enumerate(first):
        for cell in tr.iterchildren("td", "th"):
            rs = int(cell.get("rowspan") or 1)
            if i + rs > k:
                cell.set("rowspan", str(k - i))
                carried.append((rs - (k - i), cell.text_content()))
    if continued != "cut":
        for at, (rs, text) in enumerate(carried):
            cell = etree.Element("td", rowspan=str(rs))
            cell.text = text if continued == "repeated" else ""
            second[0].insert(at, cell)
    return first, second


def _page_break(section: bool) -> str:
    kind = ";mso-break-type:section-break" if section else ""
    return (
        '<span lang=EN-US style=\'font-size:10.5pt;font-family:"Times New Roman",serif;'
        "mso-fareast-font-family:宋体;mso-font-kerning:1.0pt;mso-ansi-language:EN-US;"
        "mso-fareast-language:ZH-CN;mso-bidi-language:AR-SA'>"
        f"<br clear=all style='page-break-before:always{kind}'></span>"
    )


def _empty_para() -> str:
    return "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"


def _width(rows: list[etree._Element]) -> int:
    return max(
        sum(int(td.get("colspan") or 1) for td in tr.iterchildren("td", "th")) for tr in rows
    )


def word_body(report: gd.Report, st: WordStyle = WordStyle()) -> list[str]:
    """The report's body in Word's markup, as the ``<div class=WordSection…>`` parts."""
    fragment = gd.render_html(report, standalone=False)
    root = lhtml.fragment_fromstring(fragment, create_parent="div")
    sections: list[list[str]] = [[]]
    n = 0
    for el in root.iter("h1", "h2", "p", "table"):
        if el.getparent() is not None and el.getparent().tag in {"td", "th"}:
            continue
        out = sections[-1]
        tag = el.tag
        text = el.text_content()
        if tag == "h1":
            out.append(
                "<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt'>"
                f"<b>{_runs(text, st.split_figures, 'font-size:22.0pt;font-family:方正小标宋简体')}"
                "</b></p>"
            )
            out.append(_empty_para())
        elif tag == "h2":
            n += 1
            out.append(_heading(text, st, n))
        elif tag == "p":
            cls = el.get("class") or ""
            if cls in {"organ", "date"}:
                if cls == "organ":
                    out.append(_empty_para())
                out.append(_para(_runs(text, st.split_figures), align="right", indent=False))
            else:
                out.append(_para(_runs(text, st.split_figures)))
        elif tag == "table":
            rows = _grid_rows(el)
            width = _width(rows)
            if "applications" in (el.get("class") or "") and (st.landscape or st.break_after):
                if st.landscape:
                    out.append(_page_break(section=True))
                    sections.append([])
                    out = sections[-1]
                head, body = rows[:3], rows[3:]
                if st.break_after is not None and 0 < st.break_after < len(body):
                    first, second = _cut(body, st.break_after, st.continued)
                    out.append(_table(head + first, st, width))
                    out.append(_page_break(section=False))
                    out.append(_empty_para())
                    out.append(_table((head if st.repeat_header else []) + second, st, width))
                else:
                    out.append(_table(rows, st, width))
                if st.landscape:
                    out.append(_page_break(section=True))
                    sections.append([])
            else:
                out.append(_table(rows, st, width))
    return [_NL.join(s) for s in sections]


def _wrap(html: str) -> str:
    """Break long lines inside tags, before an attribute, as Word does."""
    out = []
    for line in html.split(_NL):
        rest = line
        while len(rest) > 76:
            cut = rest.rfind(" ", 0, 76)
            # only a blank inside a tag (before an attribute name) is a safe place
            while cut > 0 and not re.match(r" [a-zA-Z:-]+=", rest[cut:]):
                cut = rest.rfind(" ", 0, cut)
            if cut <= 0 or rest.rfind("<", 0, cut) < rest.rfind(">", 0, cut):
                break
            out.append(rest[:cut])
            rest = rest[cut + 1 :]
        out.append(rest)
    return _NL.join(out)


def _head(report: gd.Report, st: WordStyle, charset: str) -> str:
    gen = "WPS Office" if st.generator == "wps" else "Microsoft Word 15"
    prog = "" if st.generator == "wps" else "<meta name=ProgId content=Word.Document>"
    return _NL.join(
        [
            '<html xmlns:v="urn:schemas-microsoft-com:vml"',
            'xmlns:o="urn:schemas-microsoft-com:office:office"',
            'xmlns:w="urn:schemas-microsoft-com:office:word"',
            'xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"',
            'xmlns="http://www.w3.org/TR/REC-html40">',
            "",
            "<head>",
            f'<meta http-equiv=Content-Type content="text/html; charset={charset}">',
            prog,
            f'<meta name=Generator content="{gen}">',
            "<title>附件1</title>",
            "<!--[if gte mso 9]><xml>",
            " <o:DocumentProperties>",
            "  <o:Author>user</o:Author>",
            "  <o:Pages>7</o:Pages>",
            "  <o:Words>2046</o:Words>",
            "  <o:Version>16.00</o:Version>",
            " </o:DocumentProperties>",
            "</xml><![endif]-->",
            "<!--[if gte mso 9]><xml>",
            " <w:WordDocument>",
            "  <w:View>Print</w:View>",
            "  <w:SpellingState>Clean</w:SpellingState>",
            "  <w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing>",
            "  <w:Compatibility><w:SpaceForUL/><w:UseFELayout/></w:Compatibility>",
            " </w:WordDocument>",
            "</xml><![endif]-->",
            "<style>",
            "<!--",
            " /* Font Definitions */",
            " @font-face {font-family:宋体; panose-1:2 1 6 0 3 1 1 1 1 1;}",
            "p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; text-align:justify;"
            ' font-size:10.5pt; font-family:"Times New Roman",serif;}',
            "@page WordSection1 {size:595.3pt 841.9pt; margin:72.0pt 90.0pt 72.0pt 90.0pt;}",
            "div.WordSection1 {page:WordSection1;}",
            "@page WordSection2 {size:841.9pt 595.3pt; mso-page-orientation:landscape;}",
            "div.WordSection2 {page:WordSection2;}",
            " /* List Definitions */",
            " @list l0 {mso-list-id:1; mso-list-template-ids:2;}",
            "-->",
            "</style>",
            "<!--[if gte mso 10]>",
            "<style>table.MsoNormalTable {mso-style-name:普通表格;}</style>",
            "<![endif]-->",
            "<!--[if gte mso 9]><xml>",
            ' <o:shapedefaults v:ext="edit" spidmax="1026"/>',
            "</xml><![endif]-->",
            "</head>",
            "",
        ]
    )


def word_page(
    report: gd.Report,
    st: WordStyle = WordStyle(),
    *,
    charset: str = "gb2312",
    bom: bool = False,
) -> bytes:
    """The report as a page saved by Word (or WPS), in ``charset`` (GB18030 bytes for
    the GB charsets: a page declared ``gb2312`` holds GBK characters), with a BOM."""
    parts = word_body(report, st)
    body = [
        "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>",
        "",
    ]
    for i, part in enumerate(parts):
        layout = " style='layout-grid:15.6pt'" if i == 0 else ""
        body.append(f"<div class=WordSection{i + 1}{layout}>")
        body.append("")
        body.append(part)
        body.append("")
        body.append("</div>")
        body.append("")
    page = _head(report, st, charset) + _NL.join([*body, "</body>", "", "</html>", ""])
    if st.wrap:
        page = _wrap(page)
    if charset.lower() in {"gb2312", "gbk", "gb18030"}:
        data = page.encode("gb18030")
        return (b"\xef\xbb\xbf" + page.encode("utf-8")) if bom else data
    data = page.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


_EDITORS: Final = {
    "ueditor": (
        '<div class="TRS_Editor"><div class="view TRS_UEDITOR trs_paper_default">',
        "</div></div>",
    ),
    "kindeditor": ('<div id="zoom" class="ke-content">', "</div>"),
    "tinymce": ('<div class="article-content" data-mce-content="1">', "</div>"),
    "ewebeditor": ('<div id="eWebEditor_content" class="news_content">', "</div>"),
}


def editor_page(report: gd.Report, editor: str = "ueditor", st: WordStyle = WordStyle()) -> str:
    """Word's body pasted into a CMS editor, inside a CMS page: the Word sections'
    ``<div>`` gone, ``<p><br/></p>`` between the paragraphs, ``data-`` attributes on
    the tables and cells, headings in ``<strong>``."""
    body = _NL.join(word_body(report, st))
    body = body.replace(
        "<p class=MsoNormal", '<p><br/></p>\n<p data-pm-slice="1 1 []" class=MsoNormal'
    )
    body = body.replace(
        "<table class=MsoTableGrid", '<table data-sort="sortDisabled" class=MsoTableGrid'
    )
    body = body.replace("<td width=", '<td data-cell="1" width=')
    body = body.replace("<b>", "<strong>").replace("</b>", "</strong>")
    opening, closing = _EDITORS[editor]
    return _NL.join(
        [
            "<!DOCTYPE html>",
            '<html><head><meta charset="utf-8"><title>信息公开年报</title></head><body>',
            '<div class="header"><a href="/">首页</a> <a href="#">政务公开</a></div>',
            '<div class="position">当前位置：<a href="/">首页</a> &gt; 年报</div>',
            opening,
            body,
            closing,
            '<div class="footer">版权所有 主办单位：某市人民政府办公室</div>',
            "</body></html>",
        ]
    )
