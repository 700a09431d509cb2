"""Markdown: a report as readable pipe tables for notebooks and issue trackers.

Merged labels are flattened into each row ("三、本年度办理结果 / （三）不予公开 /
1.属于国家秘密"); every piece of text is escaped so that a pipe, a backtick or HTML in
an organ name or a narrative shows as written.

>>> import govdisclosure as gd
>>> r = gd.build_report(organ="某县某局", year=2024, review_litigation={"review": {"upheld": 1}})
>>> md = gd.render_markdown(r)
>>> md.splitlines()[0]
'# 某县某局2024年政府信息公开工作年度报告'
>>> "| 行政复议 | 1 | 0 | 0 | 0 | 1 |" in md
True
"""

from __future__ import annotations

import re
from typing import Final

from govdisclosure.formats._render import (
    SECTION_IDS,
    Words,
    flat_row_label,
    paragraphs,
    words,
)
from govdisclosure.formats._scrub import scrub
from govdisclosure.model import Report, Table
from govdisclosure.template import Edition, template

__all__ = ["escape_markdown", "render_markdown"]

_SPECIAL: Final = re.compile(r"([\\`*_\[\]{}|#~!])")
_LINE_START: Final = re.compile(r"^(\s*)([-+>=]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """``text`` safe inside a Markdown paragraph or table cell.

    Markdown punctuation and pipes are backslash-escaped, ``&``, ``<`` and ``>`` become
    entities (so no HTML reaches the reader), line breaks become spaces, and a line
    that would start a list, quote or heading is neutralised.

    >>> escape_markdown("a|b `c` <img src=x onerror=alert(1)>")
    'a\\\\|b \\\\`c\\\\` &lt;img src=x onerror=alert(1)&gt;'
    >>> escape_markdown("1. 第一")
    '1\\\\. 第一'
    """
    text = " ".join(text.split("\n"))
    text = text.replace("\r", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    m = _LINE_START.match(text)
    if m:
        mark = m.group(2)
        text = m.group(1) + mark[:-1] + "\\" + mark[-1] + text[m.end() :]
    return text


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(escape_markdown(c) if c else " " for c in cells) + " |"

    out = [line(header), "|" + "|".join([" --- "] * len(header)) + "|"]
    out += [line(r) for r in rows]
    return out


def _active(table: Table, w: Words) -> list[str]:
    spec = table.spec
    header = [w.corner(spec)] + [w.column(c) for c in spec.columns]
    rows = [
        [w.row(r)] + [w.cell(v, c) for v, c in zip(values, spec.columns, strict=True)]
        for r, values in zip(spec.rows, table.cells, strict=True)
    ]
    return [f"**{escape_markdown(w.caption(spec))}**", "", *_table(header, rows)]


def _applications(table: Table, w: Words) -> list[str]:
    spec = table.spec
    sub = set(spec.column_subgroup_members)
    header = [w.corner(spec)]
    for c in spec.columns:
        parts = [w.column_group(spec)]
        if c.id in sub:
            parts.append(w.column_subgroup(spec))
        parts.append(w.column(c))
        header.append(" / ".join(p for p in parts if p))
    rows = [
        [flat_row_label(r, table, w)]
        + [w.cell(v, c) for v, c in zip(values, spec.columns, strict=True)]
        for r, values in zip(spec.rows, table.cells, strict=True)
    ]
    return _table(header, rows)


def _review(table: Table, w: Words) -> list[str]:
    spec = table.spec
    members = set(spec.row_group_members)
    header = [""] + [w.column(c) for c in spec.columns]
    rows = []
    for r, values in zip(spec.rows, table.cells, strict=True):
        label = w.row(r)
        if r.id in members:
            label = f"{w.row_group(spec)} / {label}"
        rows.append([label] + [w.cell(v, c) for v, c in zip(values, spec.columns, strict=True)])
    return _table(header, rows)


def _paras(text: str) -> list[str]:
    out: list[str] = []
    for p in paragraphs(text):
        out += [escape_markdown(p), ""]
    return out


def _section(section_id: str, report: Report, w: Words) -> list[str]:
    tpl = template(report.edition or Edition.V2021)
    body: list[str] = []
    if section_id in {"overview", "problems", "other"}:
        narrative = report.narrative(section_id)
        if narrative is None:
            return []
        body = _paras(narrative.text)
    elif section_id == "active":
        if not report.active and not report.active_text:
            return []
        body = _paras(report.active_text)
        for t in report.active:
            body += [*_active(t, w), ""]
    elif section_id == "applications":
        if report.applications is None and not report.applications_text:
            return []
        body = _paras(report.applications_text)
        if report.applications is not None:
            body += [*_applications(report.applications, w), ""]
    else:
        if report.review_litigation is None and not report.review_litigation_text:
            return []
        body = _paras(report.review_litigation_text)
        if report.review_litigation is not None:
            body += [*_review(report.review_litigation, w), ""]
    return [f"## {escape_markdown(w.heading(tpl.section(section_id)))}", "", *body]


def render_markdown(report: Report, *, locale: str = "zh_CN") -> str:
    """The report as Markdown: headings, paragraphs and one pipe table per table.

    Cells are printed as they are (blank stays blank); merged labels are flattened
    with `` / ``. ``locale="en"`` prints the template's English glosses.
    """
    w = words(locale)
    out = [f"# {escape_markdown(w.title(report))}", ""]
    out += _paras(report.preamble)
    for section_id in SECTION_IDS:
        out += _section(section_id, report, w)
    out.append(escape_markdown(report.organ.name))
    if report.published is not None:
        out += ["", escape_markdown(w.day(report.published))]
    return scrub("\n".join(out).rstrip("\n") + "\n")
