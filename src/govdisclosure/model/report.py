"""The report: organ, year, publication date, six sections."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, Final

import attrs

from govdisclosure.model.cells import MAX_FIGURE_DIGITS, CellValue, is_overlong
from govdisclosure.model.findings import Finding, Source
from govdisclosure.model.organ import Organ
from govdisclosure.model.tables import Table
from govdisclosure.template import Edition

__all__ = ["SECTION_IDS", "Narrative", "Report", "split_path"]

SECTION_IDS: Final = (
    "overview",
    "active",
    "applications",
    "review_litigation",
    "problems",
    "other",
)
"""The six sections in official order (一 … 六)."""

_SUBHEAD = re.compile(
    r"^\s*([（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+是)\s*([^。；;\n]{0,60})"
)


@attrs.frozen
class Narrative:
    """A prose section (一、五、六, or the prose around a table), kept as published.

    >>> n = Narrative("（一）存在的问题\\n人员不足。\\n（二）改进措施\\n加强培训。")
    >>> n.subheads
    ('（一）存在的问题', '（二）改进措施')
    """

    text: str = ""
    """The section's text without its heading; paragraphs separated by newlines."""

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The non-empty paragraphs."""
        return tuple(p.strip() for p in self.text.splitlines() if p.strip())

    @property
    def subheads(self) -> tuple[str, ...]:
        """The numbered sub-heads that open paragraphs (（一）…), up to the first full stop."""
        heads = []
        for p in self.paragraphs:
            m = _SUBHEAD.match(p)
            if m and m.group(1).startswith(("（", "(")):
                heads.append((m.group(1) + m.group(2)).strip())
        return tuple(heads)

    @property
    def is_empty(self) -> bool:
        """Whether the section has no text at all."""
        return not self.text.strip()


def _to_date(value: object) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return date.fromisoformat(value)
    msg = f"a publication date is a date or an ISO 8601 string, not {value!r}"
    raise TypeError(msg)


def _tables(value: Iterable[Table]) -> tuple[Table, ...]:
    return tuple(value)


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(value)


def _check_active(_instance: Report, _attribute: Any, value: tuple[Table, ...]) -> None:
    seen: set[str] = set()
    for t in value:
        if not t.id.startswith("active."):
            msg = f"section 二 holds the active-disclosure tables, not {t.id!r}"
            raise ValueError(msg)
        if t.id in seen:
            msg = f"section 二 holds {t.id!r} twice"
            raise ValueError(msg)
        seen.add(t.id)


def _check_table_id(expected: str) -> Any:
    def check(_instance: Report, _attribute: Any, value: Table | None) -> None:
        if value is not None and value.id != expected:
            msg = f"expected a {expected!r} table, got {value.id!r}"
            raise ValueError(msg)

    return check


def _check_year(_instance: Report, _attribute: Any, value: int | None) -> None:
    if isinstance(value, int) and is_overlong(value):
        msg = f"year: a number of more than {MAX_FIGURE_DIGITS} digits (Python cannot write it out)"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Report:
    """One annual report, as published or as compiled.

    The model holds a report whatever its arithmetic: identities are checked by
    :func:`govdisclosure.check`, not when the report is made. A section that is ``None``
    is missing from the report; an empty :class:`Narrative` is present but empty.

    ``findings`` (what was noticed while reading) and ``provenance`` (where each cell
    was read) describe the input, not the report, and take no part in equality.
    """

    organ: Organ
    year: int | None = attrs.field(validator=_check_year)
    """The report year (the statistics cover 1 January to 31 December of it)."""
    published: date | None = attrs.field(default=None, converter=_to_date)
    """The publication date, as stated in the report or its page (ISO strings accepted)."""
    title: str = ""
    """The title as published; empty for the official pattern."""
    preamble: str = ""
    """The unnumbered lead paragraph before 一、总体情况."""
    overview: Narrative | None = None
    active: tuple[Table, ...] = attrs.field(default=(), converter=_tables, validator=_check_active)
    """The captioned tables of section 二 (``active.art20_1`` …), in order."""
    active_text: str = ""
    """Prose in section 二 outside its tables."""
    applications: Table | None = attrs.field(
        default=None, validator=_check_table_id("applications")
    )
    applications_text: str = ""
    """Prose in section 三 outside its table."""
    review_litigation: Table | None = attrs.field(
        default=None, validator=_check_table_id("review_litigation")
    )
    review_litigation_text: str = ""
    """Prose in section 四 outside its table."""
    problems: Narrative | None = None
    other: Narrative | None = None
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings, eq=False)
    provenance: Mapping[str, Source] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def tables(self) -> tuple[Table, ...]:
        """Every table present, in official order."""
        out = list(self.active)
        if self.applications is not None:
            out.append(self.applications)
        if self.review_litigation is not None:
            out.append(self.review_litigation)
        return tuple(out)

    def table(self, table_id: str) -> Table | None:
        """The table called ``table_id``, or ``None`` if the report has none."""
        for t in self.tables:
            if t.id == table_id:
                return t
        return None

    @property
    def editions(self) -> frozenset[Edition]:
        """The editions of the report's tables (two for a mixed report)."""
        return frozenset(t.edition for t in self.tables)

    @property
    def edition(self) -> Edition | None:
        """The edition of section 三's table, else of the first table; ``None`` without
        tables."""
        if self.applications is not None:
            return self.applications.edition
        tables = self.tables
        return tables[0].edition if tables else None

    def cell(self, path: str) -> CellValue:
        """The value at ``<table>.<row>.<column>``; :class:`KeyError` if there is none.

        >>> from govdisclosure import build_report
        >>> r = build_report(organ="某局", year=2024, review_litigation={"review": {"upheld": 1}})
        >>> r.cell("review_litigation.review.total")
        1
        """
        table_id, row, column = _split(path)
        t = self.table(table_id)
        if t is None:
            raise KeyError(_no_table(path, table_id))
        return t[row, column]

    def with_cell(self, path: str, value: CellValue) -> Report:
        """A copy with one cell changed."""
        table_id, row, column = _split(path)
        t = self.table(table_id)
        if t is None:
            raise KeyError(_no_table(path, table_id))
        return self.with_table(t.with_cell(row, column, value))

    def with_table(self, table: Table) -> Report:
        """A copy with ``table`` in place of the table of the same identifier."""
        if table.id == "applications":
            return attrs.evolve(self, applications=table)
        if table.id == "review_litigation":
            return attrs.evolve(self, review_litigation=table)
        active = [table if t.id == table.id else t for t in self.active]
        if table.id not in {t.id for t in self.active}:
            active.append(table)
        return attrs.evolve(self, active=tuple(active))

    def narrative(self, section_id: str) -> Narrative | None:
        """The prose section ``overview``, ``problems`` or ``other``."""
        if section_id not in {"overview", "problems", "other"}:
            raise KeyError(section_id)
        value: Narrative | None = getattr(self, section_id)
        return value


def _no_table(path: str, table_id: str) -> str:
    return f"{path}: the report has no table {table_id}"


def _split(path: str) -> tuple[str, str, str]:
    """``<table>.<row>.<column>`` into its three parts (rows of 三 and tables of 二 hold dots)."""
    for prefix in ("applications.", "review_litigation."):
        if path.startswith(prefix):
            row, sep, column = path[len(prefix) :].rpartition(".")
            if sep and row:
                return prefix[:-1], row, column
            raise KeyError(_not_a_path(path))
    parts = path.split(".")
    if len(parts) == 4 and parts[0] == "active":
        return f"active.{parts[1]}", parts[2], parts[3]
    raise KeyError(_not_a_path(path))


def _not_a_path(path: object) -> str:
    return (
        f"{path!r} is not a cell path (<table>.<row>.<column>: applications.granted.total, "
        "review_litigation.review.upheld, active.art20_1.regulations.issued)"
    )


def split_path(path: str) -> tuple[str, str, str]:
    """Split a cell path into table, row and column; :class:`KeyError` if it is not one.

    >>> split_path("applications.denied.state_secret.total")
    ('applications', 'denied.state_secret', 'total')
    >>> split_path("active.art20_1.regulations.issued")
    ('active.art20_1', 'regulations', 'issued')
    """
    return _split(path)
