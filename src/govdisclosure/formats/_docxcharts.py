"""Charts and SmartArt graphics of a Word document: named, with the figures they hold.

A chart drawn by Word (``c:chart``, or ``cx:chart`` for the chart kinds of Office 2016)
keeps its figures in a part of its own (``word/charts/chart1.xml``: the values it
plots, cached from its workbook), and a SmartArt graphic (``dgm:relIds``) keeps its
text in its data part (``word/diagrams/data1.xml``). Neither is text of the document:
the readers do not read them into the report. They are not passed over in silence
either: each is named in a ``parse.unread-graphic`` finding with the count of the
figures it holds and the figures quoted (a warning; information for one that holds no
figure).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, Final

from govdisclosure.checks.registry import N_, finding
from govdisclosure.formats._docxtext import FALLBACK
from govdisclosure.model import Finding, Severity, Source

__all__ = ["CHART", "GRAPHIC_TAGS", "SMARTART", "graphic_findings"]

CHART: Final = N_("chart")
SMARTART: Final = N_("SmartArt graphic")

_R: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_C: Final = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_CX: Final = "{http://schemas.microsoft.com/office/drawing/2014/chartex}"
_DGM: Final = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
_A: Final = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

_CHART_TAG: Final = f"{_C}chart"
_CHARTEX_TAG: Final = f"{_CX}chart"
_DIAGRAM_TAG: Final = f"{_DGM}relIds"
GRAPHIC_TAGS: Final = (_CHART_TAG, _CHARTEX_TAG, _DIAGRAM_TAG)
"""The elements of the document that stand for a chart or a SmartArt graphic."""

_FIGURE: Final = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
"""A value a chart caches (as Excel writes numbers: ``12``, ``3.5``, ``-1E-3``)."""
_WRITTEN: Final = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
"""A figure in text (``36``, ``1,024``, ``3.5``)."""


def graphic_findings(
    el: Any, part: Any, at: Source, skip: Callable[[Any], bool]
) -> Iterator[Finding]:
    """A ``parse.unread-graphic`` finding, placed at ``at``, for each chart and SmartArt
    graphic in ``el`` but those ``skip`` leaves out (in a text box, read with it) and
    the copies Word keeps for older readers (``mc:Fallback``)."""
    for graphic in el.iter(*GRAPHIC_TAGS):
        if skip(graphic) or next(graphic.iterancestors(FALLBACK), None) is not None:
            continue
        kind = SMARTART if graphic.tag == _DIAGRAM_TAG else CHART
        rid = graphic.get(f"{_R}dm" if kind == SMARTART else f"{_R}id") or ""
        rel = part.rels.get(rid) if rid else None
        figures: list[str] = []
        name = rid or "?"
        if rel is not None:
            name = str(rel.target_ref)
            if not rel.is_external:
                figures = _figures(rel.target_part.blob, kind)
        yield finding(
            "parse.unread-graphic",
            severity=None if figures else Severity.INFO,
            source=at,
            graphic=kind,
            part=name,
            count=len(figures),
            cells=", ".join(figures) or "—",
        )


def _figures(data: bytes, kind: str) -> list[str]:
    """The figures a chart's part plots (its cached values) or a SmartArt graphic's data
    part writes (in its text), in the order they stand; none from a part that is not
    well-formed XML."""
    from lxml import etree  # noqa: PLC0415 - python-docx's own dependency

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return []
    if kind == SMARTART:
        text = " ".join(t.text or "" for t in root.iter(f"{_A}t"))
        return _WRITTEN.findall(text)
    out: list[str] = []
    # a chart's values: c:v of its number caches and literals (c:chart), cx:pt of its
    # numeric dimensions (cx:chart); categories that are figures (years) are quoted too
    for v in root.iter(f"{_C}v", f"{_CX}pt"):
        value = (v.text or "").strip()
        if value and _FIGURE.fullmatch(value):
            out.append(value)
    return out
