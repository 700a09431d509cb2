"""The reading engine shared by the text, HTML and PDF parsers.

Each parser reads its input into :data:`Block` s — paragraphs and tables of raw cells,
each with the :class:`~govdisclosure.Source` it was read from — and hands them to
:func:`assemble`, which finds the title, the organ, the year, the six sections and the
tables, matches every label against the template (official wording, known variants,
labels split across lines), reads every cell, and reports what it noticed as findings.

>>> from govdisclosure.model import Source
>>> p = lambda t, n: RawParagraph(t, Source(line=n))
>>> report = assemble([p("某县某局2024年政府信息公开工作年度报告", 1), p("一、总体情况", 2),
...     p("概述。", 3)])
>>> report.organ.name, report.year, report.overview.text
('某县某局', 2024, '概述。')
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from govdisclosure.formats._assembly import build, share, split
from govdisclosure.formats._raw import Block, RawCell, RawParagraph, RawRow, RawTable
from govdisclosure.model import Finding, Report, Source

__all__ = [
    "Block",
    "RawCell",
    "RawParagraph",
    "RawRow",
    "RawTable",
    "assemble",
    "report_parts",
    "share",
    "with_mark_paths",
    "with_pictures",
]


def assemble(blocks: Sequence[Block], *, findings: Sequence[Finding] = ()) -> Report:
    """Turn a document read as paragraphs and tables into a :class:`~govdisclosure.Report`.

    Finds the title, the organ (its kind inferred from the name), the report year, the
    publication date (signature block, 发布日期/成文日期 lines), the lead paragraph, the six
    sections by their headings and known variants (by content when a heading is lost),
    the prose of every section and the tables: the captioned blocks of section 二, the
    matrix of section 三 and the table of section 四, each table's edition detected on
    its own. Labels are matched through the template's labels and variants; label
    variants, split labels, extra and missing cells, units in cells, unknown rows and
    stray figures are reported as findings, and ``report.provenance`` records the
    :class:`~govdisclosure.Source` of every cell. ``findings`` come first.

    Raises :class:`~govdisclosure.ParseError` only when nothing report-like is found.
    """
    return build(blocks, findings)


def report_parts(
    blocks: Sequence[Block], findings: Sequence[Finding] = (), *, every: bool = False
) -> list[tuple[Sequence[Block], Sequence[Finding]]]:
    """The blocks to :func:`assemble` into a report, each with the findings to give it.

    Without ``every``, the whole document and all ``findings``: its first report (where
    a further report begins, ``parse.further-report`` says so). With ``every``, the
    blocks of each report of a compilation in order (:func:`~govdisclosure.formats._assembly.split`),
    ``findings`` shared out among them: each to the report that holds its source, else
    to the last one that begins before it, else to the first.

    >>> p = lambda t, n: RawParagraph(t, Source(line=n))
    >>> texts = ["甲局2024年政府信息公开工作年度报告", "一、总体情况", "甲。", "六、其他需要报告的事项",
    ...     "无。", "乙局2024年政府信息公开工作年度报告", "一、总体情况", "乙。"]
    >>> blocks = [p(t, n) for n, t in enumerate(texts, 1)]
    >>> [assemble(b, findings=f).organ.name for b, f in report_parts(blocks, every=True)]
    ['甲局', '乙局']
    """
    if not every:
        return [(blocks, findings)]
    chunks = split(blocks)
    return list(zip(chunks, share(findings, chunks), strict=True))


def with_mark_paths(report: Report) -> Report:
    """``report`` with each ``parse.footnote-mark`` finding given the path of the cell
    read at its source, or for a label, of the row read from the same row of the page
    (``applications.granted.*``)."""
    findings = report.findings
    if not any(f.code == "parse.footnote-mark" for f in findings):
        return report
    paths: dict[Source | None, str] = {}
    rows: dict[tuple[int | None, int | None], str] = {}
    for path, source in report.provenance.items():
        paths[source] = path
        rows.setdefault((source.table, source.row), path.rpartition(".")[0] + ".*")

    def placed(f: Finding) -> Finding:
        if f.code != "parse.footnote-mark" or f.path or f.source is None:
            return f
        path = paths.get(f.source) or rows.get((f.source.table, f.source.row), "")
        return attrs.evolve(f, path=path)

    return attrs.evolve(report, findings=tuple(map(placed, findings)))


def with_pictures(as_text: Report, report: Report) -> Report:
    """``as_text`` (a document read again by the text reader, which sees no picture) with
    the ``parse.table-image`` findings of ``report`` (the same document read by blocks)
    for the sections it has no table of either."""
    kept = tuple(
        f for f in report.findings if f.code == "parse.table-image" and not getattr(as_text, f.path)
    )
    return attrs.evolve(as_text, findings=(*as_text.findings, *kept)) if kept else as_text
