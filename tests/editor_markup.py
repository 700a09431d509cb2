"""The report pages of ``render_html`` rewritten as CMS editors' pages hold a report.

Shared by the tests (what is read must not depend on the markup) and the benchmarks (the
editor's page is the realistic input of ``parse_html``).
"""

from __future__ import annotations

from typing import Final

from lxml import etree
from lxml import html as lhtml

_EDITOR_TEXT_STYLE: Final = "font-family:仿宋_GB2312;font-size:16px"
_EDITOR_CELL_STYLE: Final = "font-family:宋体;font-size:14px"


def editor_markup(fragment: str) -> str:
    """``render_html``'s fragment rewritten the way CMS editors' pages hold a report.

    No ``data-`` or ``class`` attributes and no ``<section>``, ``<h2>``, ``<th>`` or
    ``<thead>``: headings are ``<p><strong>``, every cell is a ``<td style>`` holding
    ``<p align="center"><span style>…</span></p>``, every paragraph's text is in a
    ``<span style>``, and the tables carry ``border``/``cellspacing``; the spans of the
    official layout are kept. What parse_html reads from it is the same report.
    """
    root = lhtml.fragment_fromstring(fragment, create_parent="div")
    renamed = {"section": "div", "article": "div", "header": "div", "footer": "div"}
    renamed |= {"thead": "tbody", "time": "span"}
    for el in list(root.iter()):
        for name in list(el.attrib):
            if name.startswith("data-") or name in {"class", "scope", "lang"}:
                del el.attrib[name]
        tag = el.tag
        if tag in renamed:
            el.tag = renamed[tag]
        elif tag in {"h1", "h2"}:
            text = el.text_content()
            el.clear()
            el.tag = "p"
            el.set("style", "text-align:center" if tag == "h1" else "text-indent:2em")
            etree.SubElement(el, "strong").text = text
        elif tag in {"td", "th"}:
            text, spans = el.text_content(), dict(el.attrib)
            el.clear()
            el.tag = "td"
            for name, value in spans.items():
                el.set(name, value)
            el.set("style", "border:1px solid #000;padding:2px")
            p = etree.SubElement(el, "p", align="center")
            etree.SubElement(p, "span", style=_EDITOR_CELL_STYLE).text = text
        elif tag == "table":
            el.attrib.update(
                {"border": "1", "cellspacing": "0", "style": "border-collapse:collapse"}
            )
    for p in list(root.iter("p")):
        if not len(p) and p.text:
            text, p.text = p.text, None
            p.set("style", "text-indent:2em;line-height:2")
            etree.SubElement(p, "span", style=_EDITOR_TEXT_STYLE).text = text
    return "".join(etree.tostring(child, encoding="unicode") for child in root)
