"""The two official editions of the report format, read from reviewed data files.

Every heading, row label and column label of the format lives in
``edition2019.toml`` and ``edition2021.toml`` beside this module. Nothing else in
the package spells official Chinese wording: the model, the checks, the parsers and
the renderers all ask this module.

>>> from govdisclosure.template import Edition, template
>>> t = template(Edition.V2021)
>>> t.table("applications").row("granted").label
'（一）予以公开'
>>> len(t.table("applications").rows), len(t.table("applications").columns)
(25, 7)
"""

from __future__ import annotations

import difflib
import enum
import functools
import tomllib
from collections.abc import Iterator, Mapping
from importlib import resources
from types import MappingProxyType
from typing import Final

import attrs

from govdisclosure._nfkc import nfkc

__all__ = [
    "ColumnKind",
    "ColumnSpec",
    "Edition",
    "RowSpec",
    "SectionSpec",
    "TableSpec",
    "Template",
    "edition_for_year",
    "english_gloss",
    "normalize_label",
    "template",
]


class Edition(enum.StrEnum):
    """An official edition of the report format."""

    V2019 = "2019"
    """The trial format of 国办公开办函〔2019〕60号 (report years 2019 and 2020)."""
    V2021 = "2021"
    """The format of 国办公开办函〔2021〕30号 (report years 2021 and later)."""


class ColumnKind(enum.StrEnum):
    """What a numeric column holds."""

    COUNT = "count"
    """A non-negative whole number."""
    CHANGE = "change"
    """A signed whole number (the 2019 edition's 本年增/减)."""
    AMOUNT = "amount"
    """A non-negative decimal amount of money."""


@attrs.frozen(cache_hash=True)  # hashed as cache keys by the readers
class ColumnSpec:
    """One numeric column of a table."""

    id: str
    label: str
    en: str
    kind: ColumnKind
    unit: str | None = None
    variants: tuple[str, ...] = ()


@attrs.frozen(cache_hash=True)  # hashed as cache keys by the readers
class RowSpec:
    """One row of a table, with the merged labels it sits under."""

    id: str
    label: str
    en: str
    group: str | None = None
    subgroup: str | None = None
    variants: tuple[str, ...] = ()


_ROMAN: Final = {"一": "I", "二": "II", "三": "III", "四": "IV", "五": "V", "六": "VI"}
"""Section numbers in Roman numerals, as English prints them (``I. Overview``)."""


@attrs.frozen
class SectionSpec:
    """One of the six numbered sections."""

    id: str
    number: str
    label: str
    en: str
    variants: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        """The heading as printed, e.g. ``一、总体情况``."""
        return f"{self.number}、{self.label}"

    @property
    def number_en(self) -> str:
        """The section's number in Roman numerals, as English prints it, e.g. ``I``."""
        return _ROMAN[self.number]

    @property
    def heading_en(self) -> str:
        """The heading as English renderings print it, e.g. ``I. Overview``."""
        return f"{self.number_en}. {self.en}"


def _unknown(table_id: str, kind: str, name: object, known: tuple[str, ...]) -> str:
    """The message of a :class:`KeyError` for a row or column a table does not have."""
    close = difflib.get_close_matches(str(name), known, n=3) if isinstance(name, str) else []
    hint = f"did you mean {' or '.join(close)}?" if close else f"{kind}s: {', '.join(known)}"
    return f"{table_id} has no {kind} {name!r} ({hint})"


@attrs.frozen(cache_hash=True)  # hashed as cache keys by the readers
class TableSpec:
    """The layout of one table: its identifier, caption, rows and columns."""

    id: str
    section: str
    caption: str
    en: str
    corner: str
    corner_en: str
    rows: tuple[RowSpec, ...]
    columns: tuple[ColumnSpec, ...]
    column_group: str | None = None
    column_group_en: str | None = None
    column_subgroup: str | None = None
    column_subgroup_en: str | None = None
    column_subgroup_members: tuple[str, ...] = ()
    row_group: str | None = None
    row_group_en: str | None = None
    row_group_members: tuple[str, ...] = ()
    _row_index: dict[str, int] = attrs.field(init=False, repr=False, eq=False)
    _column_index: dict[str, int] = attrs.field(init=False, repr=False, eq=False)
    _row_ids: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)
    _column_ids: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_row_index", {r.id: i for i, r in enumerate(self.rows)})
        object.__setattr__(self, "_column_index", {c.id: i for i, c in enumerate(self.columns)})
        # computed once: the checks, records and renderers ask for them per cell
        object.__setattr__(self, "_row_ids", tuple(r.id for r in self.rows))
        object.__setattr__(self, "_column_ids", tuple(c.id for c in self.columns))

    @property
    def block(self) -> str:
        """The part of the identifier after the section (``art20_1``), or ``""``."""
        _, _, block = self.id.partition(".")
        return block

    @property
    def row_ids(self) -> tuple[str, ...]:
        """Row identifiers in official order."""
        return self._row_ids

    @property
    def column_ids(self) -> tuple[str, ...]:
        """Column identifiers in official order."""
        return self._column_ids

    @property
    def outcome_row_ids(self) -> tuple[str, ...]:
        """The leaf rows of section 三's 三、本年度办理结果 (every outcome, not （七）总计)."""
        return tuple(r.id for r in self.rows if r.group is not None and r.id != "total")

    @property
    def part_column_ids(self) -> tuple[str, ...]:
        """The columns that a ``total`` column adds up (all others), or ``()``."""
        ids = self.column_ids
        return tuple(c for c in ids if c != "total") if "total" in ids else ()

    def row(self, row_id: str) -> RowSpec:
        """The row called ``row_id``; :class:`KeyError` if there is none."""
        return self.rows[self.row_index(row_id)]

    def column(self, column_id: str) -> ColumnSpec:
        """The column called ``column_id``; :class:`KeyError` if there is none."""
        return self.columns[self.column_index(column_id)]

    def row_index(self, row_id: str) -> int:
        """The position of a row; :class:`KeyError` if there is none (its message names
        the table and the closest row identifiers).

        >>> template("2021").table("applications").row_index("granted")
        2
        >>> template("2021").table("applications").row_index("grant")
        Traceback (most recent call last):
        KeyError: "applications has no row 'grant' (did you mean granted?)"
        """
        try:
            return self._row_index[row_id]
        except KeyError:
            raise KeyError(_unknown(self.id, "row", row_id, self._row_ids)) from None

    def column_index(self, column_id: str) -> int:
        """The position of a column; :class:`KeyError` if there is none (its message
        names the table and the closest column identifiers)."""
        try:
            return self._column_index[column_id]
        except KeyError:
            raise KeyError(_unknown(self.id, "column", column_id, self._column_ids)) from None

    def paths(self) -> Iterator[str]:
        """Every cell path of this table, row by row."""
        for r in self.rows:
            for c in self.columns:
                yield f"{self.id}.{r.id}.{c.id}"


@attrs.frozen
class Template:
    """One edition of the format."""

    edition: Edition
    notice: str
    notice_en: str
    first_year: int
    title: str
    title_en: str
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    glosses: tuple[tuple[str, str], ...] = ()
    """English glosses of merged labels that are not rows (section 三's groups)."""
    _tables: dict[str, TableSpec] = attrs.field(init=False, repr=False, eq=False)
    _active_tables: tuple[TableSpec, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_tables", {t.id: t for t in self.tables})
        object.__setattr__(
            self, "_active_tables", tuple(t for t in self.tables if t.section == "active")
        )

    def table(self, table_id: str) -> TableSpec:
        """The table called ``table_id``; :class:`KeyError` if this edition has none."""
        return self._tables[table_id]

    def gloss(self, label: str) -> str:
        """The English gloss of a merged row label (``三、本年度办理结果`` …); the label
        itself when there is none.

        >>> template("2021").gloss("（三）不予公开")
        '(3) Not disclosed'
        """
        return dict(self.glosses).get(label, label)

    def has_table(self, table_id: str) -> bool:
        """Whether this edition has a table called ``table_id``."""
        return table_id in self._tables

    def section(self, section_id: str) -> SectionSpec:
        """The section called ``section_id``."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    @property
    def active_tables(self) -> tuple[TableSpec, ...]:
        """The captioned blocks of section 二, in order."""
        return self._active_tables

    @property
    def cell_count(self) -> int:
        """How many numeric cells the edition's tables hold."""
        return sum(len(t.rows) * len(t.columns) for t in self.tables)


def _load(edition: Edition) -> Template:
    name = f"edition{edition.value}.toml"
    raw = tomllib.loads(resources.files(__package__).joinpath(name).read_text("utf-8"))
    sections = tuple(
        SectionSpec(
            id=s["id"],
            number=s["number"],
            label=s["label"],
            en=s["en"],
            variants=tuple(s.get("variants", ())),
        )
        for s in raw["sections"]
    )
    tables = []
    for t in raw["tables"]:
        rows = tuple(
            RowSpec(
                id=r["id"],
                label=r["label"],
                en=r["en"],
                group=r.get("group"),
                subgroup=r.get("subgroup"),
                variants=tuple(r.get("variants", ())),
            )
            for r in t["rows"]
        )
        columns = tuple(
            ColumnSpec(
                id=c["id"],
                label=c["label"],
                en=c["en"],
                kind=ColumnKind(c["kind"]),
                unit=c.get("unit"),
                variants=tuple(c.get("variants", ())),
            )
            for c in t["columns"]
        )
        tables.append(
            TableSpec(
                id=t["id"],
                section=t["section"],
                caption=t["caption"],
                en=t["en"],
                corner=t["corner"],
                corner_en=t["corner_en"],
                rows=rows,
                columns=columns,
                column_group=t.get("column_group"),
                column_group_en=t.get("column_group_en"),
                column_subgroup=t.get("column_subgroup"),
                column_subgroup_en=t.get("column_subgroup_en"),
                column_subgroup_members=tuple(t.get("column_subgroup_members", ())),
                row_group=t.get("row_group"),
                row_group_en=t.get("row_group_en"),
                row_group_members=tuple(t.get("row_group_members", ())),
            )
        )
    return Template(
        edition=Edition(raw["edition"]),
        notice=raw["notice"],
        notice_en=raw["notice_en"],
        first_year=raw["first_year"],
        title=raw["title"],
        title_en=raw["title_en"],
        sections=sections,
        tables=tuple(tables),
        glosses=tuple(raw.get("glosses", {}).items()),
    )


@functools.cache
def template(edition: Edition | str) -> Template:
    """The template of ``edition`` (``"2019"`` or ``"2021"``), loaded once and cached."""
    return _load(Edition(edition))


@functools.cache
def english_glosses() -> Mapping[str, str]:
    """Every official wording of both editions that an English rendering prints in
    English, mapped to it: section headings (``一、总体情况`` → ``I. Overview``), the
    captions of section 二's blocks, corners, column group labels, row group labels
    (those of section 三 from the template's ``glosses``), row labels and column labels.
    The one source of the English of a label: the English renderings print it, their
    readers map it back, and English findings gloss the labels they quote with it."""
    out: dict[str, str] = {}
    for edition in Edition:
        tpl = template(edition)
        for section in tpl.sections:
            out[section.heading] = section.heading_en
        for spec in tpl.tables:
            pairs = [
                (spec.corner, spec.corner_en),
                (spec.column_group, spec.column_group_en),
                (spec.column_subgroup, spec.column_subgroup_en),
                (spec.row_group, spec.row_group_en),
            ]
            if spec.section == "active":
                pairs.append((spec.caption, spec.en))
            pairs += [(r.label, r.en) for r in spec.rows]
            pairs += [(c.label, c.en) for c in spec.columns]
            out.update({zh: en for zh, en in pairs if zh and en})
        out.update(tpl.glosses)
    return MappingProxyType(out)


def english_gloss(label: str) -> str | None:
    """The English gloss of an official label, heading or caption of either edition
    (``english_glosses()``), or ``None`` if ``label`` is none.

    >>> english_gloss("本年废止件数"), english_gloss("一、总体情况"), english_gloss("本年度止件数")
    ('Repealed this year', 'I. Overview', None)
    """
    return english_glosses().get(label)


def edition_for_year(year: int) -> Edition:
    """The edition in force for a report year: 2019 for 2019–2020, 2021 from 2021 on."""
    return Edition.V2021 if year >= 2021 else Edition.V2019


# Characters that published reports use interchangeably; normalised before matching.
_PUNCT = str.maketrans(
    {
        "，": ",",
        "、": ",",
        "．": ".",
        "。": ".",
        "：": ":",
        "（": "(",
        "）": ")",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "—": "-",
        "－": "-",
        "–": "-",
        "／": "/",
    }
)


@functools.lru_cache(maxsize=4096)
def normalize_label(text: str) -> str:
    """Fold a label for matching: NFKC, no white space, one form of each punctuation.

    >>> normalize_label("（三） 不予公开") == normalize_label("(三)不予公开")
    True
    >>> normalize_label("1、 属于国家秘密") == normalize_label("1.属于国家秘密")
    True
    """
    folded = nfkc(text).translate(_PUNCT)
    folded = "".join(folded.split())
    # "1," (from 1、) and "1." are the same numbering
    if len(folded) > 1 and folded[0].isdigit() and folded[1] == ",":
        folded = folded[0] + "." + folded[2:]
    return folded
