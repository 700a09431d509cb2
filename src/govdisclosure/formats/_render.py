"""What the HTML and Markdown renderers share: words and figures in a locale.

Official Chinese wording comes from the template; in the ``en`` locale its English
glosses are used instead. Cells are written as they are: a blank cell stays blank, a
placeholder shows its mark, text is verbatim, and numbers keep their published
precision (never a zero that was not there).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Final

import attrs
from babel.dates import format_date

from govdisclosure.i18n import format_number, normalize_locale
from govdisclosure.model import Blank, CellValue, NotApplicable, Report, Table, Text
from govdisclosure.model.report import SECTION_IDS
from govdisclosure.template import (
    ColumnKind,
    ColumnSpec,
    Edition,
    RowSpec,
    SectionSpec,
    TableSpec,
    template,
)

__all__ = [
    "SECTION_IDS",
    "LabelCell",
    "Words",
    "cell_text",
    "flat_row_label",
    "format_day",
    "label_layout",
    "paragraphs",
    "words",
]

_BABEL: Final = {"zh_CN": "zh_Hans_CN", "en": "en"}


def format_day(day: date, locale: str) -> str:
    """A date in the locale's long form: ``2025年2月7日`` or ``February 7, 2025``."""
    return format_date(day, "long", locale=_BABEL[normalize_locale(locale)])


def cell_text(value: CellValue, column: ColumnSpec, locale: str) -> str:
    """A cell as printed: ``""`` for blank, the mark of a placeholder, text verbatim.

    Counts print as digits; amounts keep every published decimal place. In ``en``
    numbers get the locale's thousands separators.
    """
    if isinstance(value, Blank):
        return ""
    if isinstance(value, NotApplicable):
        return value.mark
    if isinstance(value, Text):
        return value.text
    if normalize_locale(locale) == "en":
        return format_number(value, "en", signed=column.kind is ColumnKind.CHANGE)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def paragraphs(text: str) -> tuple[str, ...]:
    """The non-empty, stripped paragraphs of ``text`` (separated by ``"\\n"`` only)."""
    return tuple(p.strip() for p in text.split("\n") if p.strip())


@attrs.frozen
class Words:
    """The renderer's vocabulary in one locale."""

    locale: str

    @property
    def en(self) -> bool:
        """Whether the locale is English."""
        return self.locale == "en"

    def title(self, report: Report) -> str:
        """The report's title: as published, or the official pattern."""
        if report.title:
            return report.title
        tpl = template(report.edition or Edition.V2021)
        year = "" if report.year is None else str(report.year)
        pattern = tpl.title_en if self.en else tpl.title
        return pattern.format(organ=report.organ.name, year=year)

    def heading(self, section: SectionSpec) -> str:
        """A section heading: ``一、总体情况`` or ``I. Overview``."""
        return section.heading_en if self.en else section.heading

    def caption(self, spec: TableSpec) -> str:
        """A block caption of section 二."""
        return spec.en if self.en else spec.caption

    def corner(self, spec: TableSpec) -> str:
        """The top-left cell of a table."""
        return spec.corner_en if self.en else spec.corner

    def row(self, row: RowSpec) -> str:
        """A row label."""
        return row.en if self.en else row.label

    def column(self, column: ColumnSpec) -> str:
        """A column label."""
        return column.en if self.en else column.label

    def merged(self, label: str, edition: Edition) -> str:
        """A merged row label (group or subgroup)."""
        return template(edition).gloss(label) if self.en else label

    def column_group(self, spec: TableSpec) -> str:
        """The label over all data columns (``申请人情况``)."""
        return (spec.column_group_en if self.en else spec.column_group) or ""

    def column_subgroup(self, spec: TableSpec) -> str:
        """The label over a run of data columns (``法人或其他组织``)."""
        return (spec.column_subgroup_en if self.en else spec.column_subgroup) or ""

    def row_group(self, spec: TableSpec) -> str:
        """The label over several rows drawn as columns (``行政诉讼``)."""
        return (spec.row_group_en if self.en else spec.row_group) or ""

    def cell(self, value: CellValue, column: ColumnSpec) -> str:
        """A cell as printed."""
        return cell_text(value, column, self.locale)

    def day(self, day: date) -> str:
        """A date in long form."""
        return format_day(day, self.locale)


def words(locale: str) -> Words:
    """The vocabulary of ``locale`` (``zh_CN`` or ``en``)."""
    return Words(normalize_locale(locale))


@attrs.frozen
class LabelCell:
    """One label cell of section 三's label block, with its span."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = "row"
    """``row`` for a row's own label, ``group`` for a merged label over several rows."""


def label_layout(table: Table, w: Words) -> Iterator[tuple[RowSpec, tuple[LabelCell, ...]]]:
    """The label cells each row of section 三 starts with, as the template merges them.

    Three label columns: a row without a group spans all three; a group label spans its
    rows in the first column; a subgroup label spans its rows in the second, and a row
    without a subgroup spans the second and third columns.
    """
    spec = table.spec
    rows = spec.rows
    for i, row in enumerate(rows):
        cells: list[LabelCell] = []
        if row.group is None:
            cells.append(LabelCell(w.row(row), colspan=3))
        else:
            if i == 0 or rows[i - 1].group != row.group:
                n = sum(1 for r in rows[i:] if r.group == row.group)
                cells.append(LabelCell(w.merged(row.group, table.edition), rowspan=n, kind="group"))
            if row.subgroup is None:
                cells.append(LabelCell(w.row(row), colspan=2))
            else:
                if i == 0 or rows[i - 1].subgroup != row.subgroup:
                    n = sum(1 for r in rows[i:] if r.subgroup == row.subgroup)
                    cells.append(
                        LabelCell(w.merged(row.subgroup, table.edition), rowspan=n, kind="group")
                    )
                cells.append(LabelCell(w.row(row)))
        yield row, tuple(cells)


def flat_row_label(row: RowSpec, table: Table, w: Words) -> str:
    """A row label with the merged labels above it: ``三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密``."""
    parts = [w.merged(p, table.edition) for p in (row.group, row.subgroup) if p]
    parts.append(w.row(row))
    return " / ".join(parts)
