"""Charts and SmartArt graphics in a Word document: named, their figures quoted.

Word keeps a chart's figures in a part of its own (``word/charts/chart1.xml``, the
values it plots cached from its workbook) and a SmartArt graphic's text in its data part
(``word/diagrams/data1.xml``). The reader does not read them into the report (a chart
of the year's disclosures says again what the tables say, in no layout of the format),
but names each in a ``parse.unread-graphic`` finding, its figures counted and quoted.
Before, both were passed over without a word, their figures in neither the report nor
a finding.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from test_nothing_lost import SLOW

docx = pytest.importorskip("docx")
from docx.opc.packuri import PackURI  # noqa: E402
from docx.opc.part import Part  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" '
    'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
)
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_DATA_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml"
_CHARTEX_TYPE = "application/vnd.ms-office.chartex+xml"


def _chart_xml(values: list[str], categories: list[str]) -> bytes:
    """A bar chart's part: one series of ``values`` over ``categories``, as Word caches
    them."""
    cats = "".join(f'<c:pt idx="{i}"><c:v>{c}</c:v></c:pt>' for i, c in enumerate(categories))
    vals = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values))
    return (
        f"<c:chartSpace {_NS}><c:chart><c:plotArea><c:barChart><c:ser>"
        '<c:idx val="0"/><c:order val="0"/>'
        f"<c:cat><c:strRef><c:f>Sheet1!$A$2</c:f><c:strCache>{cats}</c:strCache></c:strRef></c:cat>"
        f"<c:val><c:numRef><c:f>Sheet1!$B$2</c:f><c:numCache><c:formatCode>General</c:formatCode>"
        f"{vals}</c:numCache></c:numRef></c:val>"
        "</c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>"
    ).encode()


def _graphic(doc: Any, data: bytes, kind: str, name: str) -> str:
    """The ``a:graphic`` of a chart (``kind``: ``chart``, ``chartex``) or SmartArt
    (``smartart``) whose part holds ``data``."""
    content_type, rel_type = {
        "chart": (_CHART_TYPE, _RT + "chart"),
        "chartex": (
            _CHARTEX_TYPE,
            "http://schemas.microsoft.com/office/2014/relationships/chartEx",
        ),
        "smartart": (_DATA_TYPE, _RT + "diagramData"),
    }[kind]
    part = Part(PackURI(f"/word/{name}"), content_type, data, doc.part.package)
    rid = doc.part.relate_to(part, rel_type)
    if kind == "chart":
        inner = f'<c:chart r:id="{rid}"/>'
        uri = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    elif kind == "chartex":
        inner = f'<cx:chart r:id="{rid}"/>'
        uri = "http://schemas.microsoft.com/office/drawing/2014/chartex"
    else:
        inner = f'<dgm:relIds r:dm="{rid}" r:lo="" r:qs="" r:cs=""/>'
        uri = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
    return (
        '<wp:inline><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="1" name="Chart 1"/>'
        f'<a:graphic><a:graphicData uri="{uri}">{inner}</a:graphicData></a:graphic>'
        "</wp:inline>"
    )


def _run(drawing: str, fallback: bool = False) -> Any:
    body = f"<w:drawing>{drawing}</w:drawing>"
    if fallback:  # the drawing, and a copy of it for older readers
        body = (
            f'<mc:AlternateContent><mc:Choice Requires="cx1">{body}</mc:Choice>'
            f"<mc:Fallback>{body}</mc:Fallback></mc:AlternateContent>"
        )
    return parse_xml(f"<w:r {_NS}>{body}</w:r>")


def _report() -> gd.Report:
    return gd.build_report(
        organ="某县某局",
        year=2024,
        applications={"new_received": {"natural_person": 12}, "granted": {"natural_person": 12}},
        overview="本年度主动公开政府信息。",
    )


_RENDERED: list[bytes] = []


def _rendered() -> bytes:
    if not _RENDERED:
        _RENDERED.append(gd.render_docx(_report()))
    return _RENDERED[0]


def _with(
    graphics: list[tuple[bytes, str]], where: str = "paragraph", blank: bool = False, **kw: Any
) -> bytes:
    """The report as a Word document (``blank``: of a title and section 一 alone), with a
    paragraph (or the first table's first cell: ``where="cell"``) holding each
    graphic."""
    if blank:
        doc = docx.Document()
        for text in (
            "某县某局2024年政府信息公开工作年度报告",
            "一、总体情况",
            "本年度主动公开政府信息。",
        ):
            doc.add_paragraph(text)
    else:
        doc = docx.Document(io.BytesIO(_rendered()))
    for k, (data, kind) in enumerate(graphics):
        ext = "xml"
        name = f"{'diagrams/data' if kind == 'smartart' else 'charts/chart'}{k + 1}.{ext}"
        run = _run(_graphic(doc, data, kind, name), **kw)
        if where == "cell":
            doc.tables[0].cell(0, 0).paragraphs[0]._p.append(run)
        else:
            doc.add_paragraph()._p.append(run)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _graphics(report: gd.Report) -> list[gd.Finding]:
    return [f for f in report.findings if f.code == "parse.unread-graphic"]


def test_a_charts_figures_are_named() -> None:
    data = _with([(_chart_xml(["12", "3.5", "0"], ["2023年", "2024", "主动公开"]), "chart")])
    back = gd.parse_docx(data)
    (f,) = _graphics(back)
    assert f.severity is gd.Severity.WARNING
    assert f.args == {
        "graphic": "chart",
        "part": "charts/chart1.xml",
        "count": 4,
        "cells": "2024, 12, 3.5, 0",
    }
    assert "图表（charts/chart1.xml）" in f.message("zh_CN")
    assert f.message("en").startswith("The Word document holds a chart (charts/chart1.xml)")
    # the report itself is read as without the chart
    plain = gd.parse_docx(_rendered())
    assert back.applications == plain.applications
    assert [x.code for x in back.findings if x.code != "parse.unread-graphic"] == [
        x.code for x in plain.findings
    ]


def test_a_chart_in_a_table_cell_and_a_copy_for_older_readers() -> None:
    """A chart in a table's cell is named too; the copy Word keeps of it for older
    readers (``mc:Fallback``) is not named again."""
    chart = _chart_xml(["7"], ["a"])
    (f,) = _graphics(gd.parse_docx(_with([(chart, "chart")], where="cell")))
    assert f.args["cells"] == "7"
    (g,) = _graphics(gd.parse_docx(_with([(chart, "chart")], blank=True, fallback=True)))
    assert g.args["cells"] == "7"


def test_smartart_and_office_2016_charts() -> None:
    smart = (
        f"<dgm:dataModel {_NS}><dgm:ptLst><dgm:pt><dgm:t><a:p><a:r><a:t>主动公开 1,024 条"
        "</a:t></a:r></a:p></dgm:t></dgm:pt><dgm:pt><dgm:t><a:p><a:r><a:t>依申请公开 36 件"
        "</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst></dgm:dataModel>"
    ).encode()
    chartex = (
        f'<cx:chartSpace {_NS}><cx:chartData><cx:data id="0"><cx:numDim type="val">'
        '<cx:lvl ptCount="2"><cx:pt idx="0">41</cx:pt><cx:pt idx="1">9</cx:pt></cx:lvl>'
        "</cx:numDim></cx:data></cx:chartData></cx:chartSpace>"
    ).encode()
    found = _graphics(gd.parse_docx(_with([(smart, "smartart"), (chartex, "chartex")], blank=True)))
    assert [(f.args["graphic"], f.args["cells"]) for f in found] == [
        ("SmartArt graphic", "1,024, 36"),
        ("chart", "41, 9"),
    ]
    assert "SmartArt 图形" in found[0].message("zh_CN")


def test_a_chart_without_figures_is_information() -> None:
    """A chart whose part holds no figure (or is not XML at all) is named, as
    information."""
    for data in (_chart_xml([], []), b"<not xml"):
        (f,) = _graphics(gd.parse_docx(_with([(data, "chart")], blank=True)))
        assert f.severity is gd.Severity.INFO
        assert (f.args["count"], f.args["cells"]) == (0, "—")


_VALUES = st.lists(
    st.one_of(
        st.integers(-(10**9), 10**9).map(str),
        st.decimals(-(10**6), 10**6, places=2, allow_nan=False).map(str),
    ),
    max_size=12,
)


@settings(SLOW, max_examples=15)
@given(_VALUES)
def test_every_value_a_chart_plots_is_quoted_in_order(values: list[str]) -> None:
    """Whatever a chart plots, each of its values is quoted, in order, and counted:
    nothing of it is lost in silence."""
    (f,) = _graphics(gd.parse_docx(_with([(_chart_xml(values, []), "chart")], blank=True)))
    assert f.args["count"] == len(values)
    quoted = f.args["cells"]
    assert quoted == (", ".join(values) or "—")
    assert all(Decimal(v) == Decimal(q) for v, q in zip(values, quoted.split(", "), strict=False))
