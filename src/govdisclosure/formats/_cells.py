"""Reading the cells of raw rows: which are figures, which are labels, how many fit.

The table readers of :mod:`govdisclosure.formats._grids` share these helpers: a raw row
is cut into *items* — label cells followed by a run of value cells — values are fitted
to the width of the template's row (extra and missing cells reported), run-together
figures are split when exactly one split satisfies the table's identities, and every
cell read is recorded with its source.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from operator import is_
from typing import Final, cast

import attrs

from govdisclosure.checks import finding
from govdisclosure.formats._raw import RawCell, RawRow
from govdisclosure.model import (
    BLANK,
    CellReading,
    CellValue,
    Finding,
    NotApplicable,
    Param,
    Source,
    Text,
    is_number,
    read_cell,
)
from govdisclosure.model.cells import MAX_FIGURE_DIGITS, is_overlong_figure
from govdisclosure.template import ColumnKind, ColumnSpec, Edition, normalize_label, template

__all__ = [
    "GluedFigures",
    "Item",
    "Output",
    "fit",
    "is_blank",
    "is_cell_word",
    "is_figure",
    "is_glued_label",
    "is_numbering",
    "is_remark",
    "is_word_for_figure",
    "items",
    "joined",
    "make_item",
    "repeats_in_span",
    "split_run_together",
]


_LABEL_MARKS = frozenset({"、", "，", ","})
"""Marks that :func:`read_cell` reads as "not applicable" but that, alone in a cell of
extracted text, are the pieces of a label written one character a line (三 / 、 / 本 …)."""


@functools.lru_cache(maxsize=16384)
def _kind(text: str) -> str:
    value = read_cell(text).value
    if value is BLANK:
        return "blank"
    if text.strip() in _LABEL_MARKS:
        return "label"
    if is_number(value) or isinstance(value, NotApplicable) or is_overlong_figure(text):
        return "figure"
    pieces = text.split()
    if len(pieces) > 1 and all(_kind(p) == "figure" for p in pieces):
        return "figure"  # figures separated by spaces (2 0): cells run together
    if text[-1:].isdigit() and _unglue(text) is not None:
        return "glued"
    return "label"


_GLUED: Final = re.compile(
    r"(?P<label>.*?[\u4e00-\u9fff\uff09)\]\u3011\u201d\u2019\u300d\u300f\u300b\u3009])[ \u3000]*"
    r"(?P<figures>[0-9\uff10-\uff19]+(?:[ \u3000]+[0-9\uff10-\uff19]+)*)"
)
"""A label with figures glued to its end (（一）予以公开2, 规章5 0 0): an ideograph, a
closing bracket or a closing quote, then digits (groups of them separated by spaces)
to the end."""
_IDEOGRAPH: Final = re.compile("[\u4e00-\u9fff]")


def _unglue(text: str) -> tuple[str, str] | None:
    """A label's text and the figures glued to its end, when ``text`` is a label of two
    ideographs or more followed by figures without a blank between (a tab lost between
    a label and its row's first figure); else ``None``. A short word before a figure
    (约3, 转办3) is a figure with a mark, unless the labels of the format hold the word
    (规章5); numbering is no label (（3）)."""
    m = _GLUED.fullmatch(text.strip())
    if m is None:
        return None
    label = m.group("label").strip()
    if len(_IDEOGRAPH.findall(label)) < 2:
        return None
    if is_word_for_figure(text) and normalize_label(label) not in _VOCABULARY:
        return None
    return label, m.group("figures")


def is_glued_label(text: str) -> bool:
    """Whether ``text`` is a label of the format with figures glued to its end (行政许可0:
    a row of one label and one figure whose tab was lost)."""
    parts = _unglue(text)
    return parts is not None and normalize_label(parts[0]) in _VOCABULARY


@attrs.frozen
class GluedFigures(RawCell):
    """The figures cut from the end of a label they were glued to (``2`` of
    ``（一）予以公开2``): a cell of their own, that remembers it was cut, so that a row
    which has all its figures without them can read the digits touching the label as
    a footnote mark (``（一）予以公开1``, then the row's figures)."""

    label: str
    """The label's text, as cut from the figures (``（一）予以公开``)."""


def _unglued(rows: Sequence[RawRow]) -> list[RawRow]:
    """``rows`` with each cell of a label and the figures glued to it (see
    :func:`_unglue`) cut in two: the label, then the figures, a cell of their own
    (a :class:`GluedFigures`; where the text says where, the figures' source names
    their column). A cell that spans several positions (a merged HTML cell, repeated)
    gives its figures once, after the label's copies."""
    out = []
    for row in rows:
        cells: list[RawCell] = []
        for i, cell in enumerate(row.cells):
            parts = _unglue(cell.text) if _kind(cell.text) == "glued" else None
            if parts is None:
                cells.append(cell)
                continue
            label, figures = parts
            source = cell.source
            if i and _span_copy(row.cells[i - 1], cell):
                cells.insert(len(cells) - 1, RawCell(label, source))  # (before the figures)
                continue
            cells.append(RawCell(label, source))
            at = cell.text.rfind(figures)
            if source.column is not None:
                source = attrs.evolve(source, column=source.column + at)
            cells.append(GluedFigures(figures, source, label))
        out.append(RawRow(tuple(cells), row.source))
    return out


_NOT_A_WORD = re.compile(r"[\d\uff10-\uff19（(、.\uff0e:：]|^[一二三四五六七八九十]")
"""What a label has and a word written in place of a figure (略, 不详, 暂无) has not: a
digit, an opening bracket, an enumeration mark, a leading Chinese numeral."""

_CHINESE_NUMBER = re.compile("[零〇一二三四五六七八九十百千万两]{2,8}")
"""A figure written in Chinese numerals (十二, 二十三), which :func:`read_cell` reads as
text."""


def _label_vocabulary() -> str:
    """Every label of both editions' tables (captions, corners, row, group and column
    labels and their variants), normalised, one a line."""
    texts: set[str] = set()
    for e in Edition:
        tpl = template(e)
        for spec in (*tpl.active_tables, tpl.table("applications"), tpl.table("review_litigation")):
            texts.update((spec.caption, spec.corner))
            texts.update(
                t
                for t in (spec.column_group, spec.column_subgroup, spec.row_group)
                if t is not None
            )
            for r in spec.rows:
                texts.update((r.label, *r.variants))
                texts.update(g for g in (r.group, r.subgroup) if g is not None)
            for c in spec.columns:
                texts.update((c.label, *c.variants))
    return "\n".join(sorted(normalize_label(t) for t in texts))


_VOCABULARY: Final = _label_vocabulary()


_MARKED_FIGURE: Final = re.compile(r"[^\d\s]{0,2}\d[\d,.]*[^\d\s]{0,3}")
"""A figure with a mark or a word beside it (7*, 7人, 约3, x3): one cell of text."""
_NUMBERING: Final = re.compile(r"\d{1,2}[)）]")
"""A label's numbering in a closing bracket (3）, 1)), which :data:`_LABEL_START` lacks."""


@functools.lru_cache(maxsize=4096)
def is_word_for_figure(text: str) -> bool:
    """Whether ``text``, found between two figures of a row, is a cell of that row (略,
    不详, 暂无, 待定, a figure in Chinese numerals such as 十二 that no label holds, a
    figure with a mark such as 7* or 约3) rather than the label of a row run together
    with it."""
    word = text.strip()
    if _CHINESE_NUMBER.fullmatch(word):
        return normalize_label(word) not in _VOCABULARY  # (二十: a piece of 第二十条)
    if _MARKED_FIGURE.fullmatch(word):
        # (not a label, nor a label's numbering: 3.其他, 3., （3）, 3、)
        return (
            _LABEL_START.match(word) is None
            and _NUMBERING.match(word) is None
            and normalize_label(word) not in _VOCABULARY
        )
    return 0 < len(word) <= 4 and _NOT_A_WORD.search(word) is None


@functools.lru_cache(maxsize=4096)
def is_cell_word(text: str) -> bool:
    """Whether ``text``, found next to a row's figures (where nothing else tells), is
    written in place of a figure rather than a label or a piece of one: a word for a
    figure that no label of the format holds (总计, 其他 and 理结果, a piece of 办理结果,
    are labels)."""
    return is_word_for_figure(text) and normalize_label(text.strip()) not in _VOCABULARY


_LABEL_START: Final = re.compile(
    r"[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.\uff0e]|\d{1,2}[.\uff0e、]"
)
"""How a numbered label starts: （三）, 三、, 1. (and their other forms)."""


_NUMBERING_ALONE: Final = re.compile(
    r"[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.\uff0e]"
    r"|\d{1,2}[.\uff0e、)）]"
)


@functools.lru_cache(maxsize=4096)
def is_numbering(text: str) -> bool:
    """Whether ``text`` is a label's numbering and nothing else (3., （三）, 三、, 3）)."""
    return _NUMBERING_ALONE.fullmatch(text.strip()) is not None


@functools.lru_cache(maxsize=4096)
def is_remark(text: str) -> bool:
    """Whether ``text``, after a row that already has all its figures, is a remark (a
    third-party remarks column: 含转办件, 其中3件为转办) rather than a label or a piece
    of one: text that no label of the format holds and that does not start as a
    numbered label does."""
    word = normalize_label(text)
    return bool(word) and word not in _VOCABULARY and _LABEL_START.match(text.strip()) is None


def repeats_in_span(text: str) -> bool:
    """Whether the text of a merged cell (HTML ``rowspan``/``colspan``, a merged cell of
    a PDF or Word table) is repeated in each grid position the cell covers.

    A label is, so that every row knows its group. A figure, a placeholder, a word
    written in place of a figure (略, 不详) or a blank is one cell: it appears once, in
    its first position (its source names that position), so that it is never counted
    twice and the figures after it keep their order even when the spans of a header
    and of its data rows differ.
    """
    return (
        isinstance(read_cell(text).value, Text)
        and not is_cell_word(text)
        and not is_overlong_figure(text)
    )


_KINDS: dict[str, str] = {}
""":func:`_kind` by text, for :func:`items` (a dictionary is looked up in less time
than the cache of a function is called); emptied when full."""
_MAX_KINDS = 16384


def _kind_of(text: str) -> str:
    """``_kind(text)``, left in :data:`_KINDS`."""
    if len(_KINDS) >= _MAX_KINDS:
        _KINDS.clear()
    k = _KINDS[text] = _kind(text)
    return k


def _next_stops(cells: Sequence[RawCell]) -> list[str]:
    """For each position of ``cells`` (and one past the end), what comes first from
    there on after blanks and words written in place of figures (略 略 0: after the
    first 略 a figure comes): ``"figure"``, ``"other"`` or ``"end"``.

    Worked out once for a row, from its end. (Looking ahead from each cell instead
    took time growing with the square of the row's length: a line of 25,000 ``| 1``
    cells took 6 s.)"""
    stops = ["end"] * (len(cells) + 1)
    for i in range(len(cells) - 1, -1, -1):
        text = cells[i].text
        k = _kind(text)
        if k == "figure":
            stops[i] = "figure"
        elif k == "blank" or is_cell_word(text):
            stops[i] = stops[i + 1]
        else:
            stops[i] = "other"
    return stops


def _figure_follows(stops: list[str], start: int, *, or_end: bool = False) -> bool:
    """Whether a figure comes next in a row from ``start`` on, after blanks and words
    written in place of figures (``stops`` is :func:`_next_stops` of the row); with
    ``or_end``, also whether only such cells follow, to the row's end."""
    return stops[start] == "figure" or (or_end and stops[start] == "end")


def is_blank(cell: RawCell) -> bool:
    """Whether nothing is written in the cell."""
    return _kind(cell.text) == "blank"


def is_figure(text: str) -> bool:
    """Whether ``text`` is a figure or a placeholder (12, 1,200, 3件, /, —), or figures
    separated by spaces (2 0: cells run together)."""
    return _kind(text) == "figure"


def _figures_of(item: Item) -> tuple[RawCell, ...]:
    return tuple(c for c in item.values if _kind(c.text) != "blank")


@attrs.frozen
class Item:
    """Labels followed by the value cells after them, from one row."""

    labels: tuple[RawCell, ...]
    values: tuple[RawCell, ...]
    source: Source
    figures: tuple[RawCell, ...] = attrs.field(
        default=attrs.Factory(_figures_of, takes_self=True), eq=False, repr=False
    )
    """The value cells that are not blank (worked out once, when not given)."""

    @property
    def label(self) -> str:
        """The label cells joined and normalised."""
        return joined(self.labels)


_new = object.__new__
_set_labels = Item.__dict__["labels"].__set__
_set_values = Item.__dict__["values"].__set__
_set_source = Item.__dict__["source"].__set__
_set_figures = Item.__dict__["figures"].__set__


def make_item(
    labels: tuple[RawCell, ...],
    values: tuple[RawCell, ...],
    source: Source,
    figures: tuple[RawCell, ...],
) -> Item:
    """``Item(labels, values, source, figures)``, made by setting its four slots
    directly (a test compares the two)."""
    it: Item = _new(Item)
    _set_labels(it, labels)
    _set_values(it, values)
    _set_source(it, source)
    _set_figures(it, figures)
    return it


def _span_copy(a: RawCell, b: RawCell) -> bool:
    """Whether ``b`` repeats ``a`` because one HTML cell spans both positions."""
    sa, sb = a.source, b.source
    return (
        a.text == b.text
        and sa.table is not None
        and (sa.table, sa.row, sa.line) == (sb.table, sb.row, sb.line)
    )


def joined(cells: Sequence[RawCell]) -> str:
    """The normalised concatenation of the cells' text.

    A label that one HTML cell spreads over several columns (a caption with
    ``colspan="4"``) counts once.
    """
    if len(cells) == 1:
        return normalize_label(cells[0].text)
    texts = [c.text for c in cells]
    if not any(map(operator.eq, texts, itertools.islice(texts, 1, None))):
        # no cell has the text of the one before it: none is a span's copy
        return normalize_label("".join(texts))
    kept = [c for i, c in enumerate(cells) if i == 0 or not _span_copy(cells[i - 1], c)]
    return normalize_label("".join([c.text for c in kept]))


def items(rows: Sequence[RawRow]) -> list[Item]:
    """Cut rows into items: each run of value cells with the label cells before it.

    Blank cells between two labels are dropped (a merged cell lost in extraction); a run
    of value cells without a figure between two labels is dropped too, and so is a label
    cell that repeats the one before it (a merged cell expanded over its span). A cell
    equal to the one before it, source included, is one spanning cell repeated over the
    positions it covers, and is read once. A row ending in labels gives an item without
    values. A short word between two figures of a row (略, 不详, 暂无) is a value of that
    row, read as text, not the label of a new one, and so is such a word (one no label
    holds) after blank cells and before a figure; two equal such words are two cells.
    Such a word (one no label holds) after figures or blank cells, with only blanks and
    such words after it to the row's end, is a value too: a row of words and blanks
    (不详, blank, 不详; blank, blank, 略) keeps every cell in its place. Numbering alone
    (3., （三）) after figures, with figures or only blanks and words after it to the
    row's end, is a value too.
    """
    out: list[Item] = []
    known = _KINDS.get
    item = make_item
    for row in rows:
        labels: list[RawCell] = []
        values: list[RawCell] = []
        figures: list[RawCell] = []  # the values that are not blank
        previous: RawCell | None = None
        previous_text: str | None = None
        cells = row.cells
        stops: list[str] = []  # _next_stops(cells), worked out when first needed
        for index, cell in enumerate(cells):
            text = cell.text
            if text == previous_text:
                # one spanning cell repeated (with its own source): read once. Sources
                # are compared last: the cells of a row differ in column or cell
                if cell is previous:
                    continue
                if cell.__class__ is previous.__class__:
                    sa, sb = cell.source, previous.source
                    if sa is sb or (sa.column == sb.column and sa.cell == sb.cell and sa == sb):
                        continue
            previous = cell
            previous_text = text
            k = known(text)
            if k is None:
                k = _kind_of(text)
            if k != "label":
                if k == "figure":
                    values.append(cell)
                    figures.append(cell)
                    continue
                if k == "blank":
                    values.append(cell)
                    continue
                # a label with figures glued to it (rare): the rows are read again,
                # each such cell cut in two
                return items(_unglued(rows))
            if figures:
                if (
                    is_word_for_figure(text)
                    and _figure_follows(
                        stops := stops or _next_stops(cells), index + 1, or_end=is_cell_word(text)
                    )
                ) or (
                    is_numbering(text)
                    and _figure_follows(
                        stops := stops or _next_stops(cells), index + 1, or_end=True
                    )
                ):
                    # a word between two figures, or one that only blanks and such
                    # words follow (略 at the end of a row): a value of this row; and
                    # so is numbering alone there (3. written in place of a figure: the
                    # figures after it are this row's, not a new row's of that label)
                    values.append(cell)
                    figures.append(cell)
                    continue
                out.append(item(tuple(labels), tuple(values), row.source, tuple(figures)))
                labels = []
                figures = []
            elif (
                values
                and is_cell_word(text)
                and _figure_follows(stops := stops or _next_stops(cells), index + 1, or_end=True)
            ):
                # blanks, then a word in place of a figure, then figures (or only blanks
                # and such words, to the row's end: a row of words and blanks): the
                # row's values start with the blanks (a merged label cell among them is
                # dropped when the row is fitted to its width)
                values.append(cell)
                figures.append(cell)
                continue
            if values:
                values = []
            if labels and labels[-1].text.strip() == text.strip() and not is_cell_word(text):
                continue  # a merged cell repeated over the positions it spans
            labels.append(cell)
        if labels or figures:
            out.append(item(tuple(labels), tuple(values), row.source, tuple(figures)))
    return out


_READINGS: dict[int, tuple[Sequence[ColumnSpec], tuple[dict[str, CellReading], ...]]] = {}
_MAX_READINGS = 2048


def _readings(columns: Sequence[ColumnSpec]) -> tuple[dict[str, CellReading], ...]:
    """For each column, ``read_cell(text, column)`` by text: found by the identity of
    the columns (kept alive in the entry) rather than by hashing a column with each
    text."""
    entry = _READINGS.get(id(columns))
    if entry is None or entry[0] is not columns:
        if len(_READINGS) >= _MAX_READINGS:
            _READINGS.clear()  # only the templates' columns come here: never in practice
        entry = _READINGS[id(columns)] = (columns, tuple({} for _ in columns))
    return entry[1]


_PLAIN: dict[int, tuple[Sequence[ColumnSpec], dict[str, CellValue] | None]] = {}
_PLAIN_BY_KIND: dict[tuple[ColumnKind, str | None], dict[str, CellValue]] = {}
_MISSING: Final = object()
_text = operator.attrgetter("text")
_source = operator.attrgetter("source")


def _plain_values(columns: Sequence[ColumnSpec]) -> dict[str, CellValue] | None:
    """The values of the texts read without a unit in these columns, by text, when the
    columns are all read alike (:func:`read_cell` reads a column by its kind and unit),
    else None. Found by the identity of the columns, kept alive in the entry."""
    entry = _PLAIN.get(id(columns))
    if entry is None or entry[0] is not columns:
        if len(_PLAIN) >= _MAX_READINGS:
            _PLAIN.clear()  # only the templates' columns come here: never in practice
        alike = {(c.kind, c.unit) for c in columns}
        shared = _PLAIN_BY_KIND.setdefault(alike.pop(), {}) if len(alike) == 1 else None
        entry = _PLAIN[id(columns)] = (columns, shared)
    return entry[1]


@attrs.define
class Output:
    """What reading collects besides the tables: findings and provenance."""

    findings: list[Finding] = attrs.Factory(list)
    provenance: dict[str, Source] = attrs.Factory(dict)

    def add(
        self, code: str, path: str = "", *, source: Source | None = None, **params: Param
    ) -> None:
        """Add a finding of ``code``."""
        # only message parameters are passed here, never finding()'s own keywords
        self.findings.append(finding(code, path, source=source, **params))  # type: ignore[arg-type]

    def cells(
        self,
        paths: Sequence[str],
        raws: Sequence[RawCell],
        columns: Sequence[ColumnSpec],
    ) -> tuple[CellValue, ...]:
        """Read a row of cells, as :meth:`cell` does each of them (``raws`` may be
        shorter than ``columns``: the columns past its end are blank)."""
        provenance = self.provenance
        plain = _plain_values(columns)
        if plain is not None and len(raws) <= min(len(columns), len(paths)):
            # every text read before, without a unit, in columns read alike: the values
            # and the sources in C, in the order the loop below would record them
            found: list[object] = list(map(plain.get, map(_text, raws), repeat(_MISSING)))
            if not any(map(is_, found, repeat(_MISSING))):
                provenance.update(zip(paths, map(_source, raws), strict=False))
                found.extend([BLANK] * (len(columns) - len(found)))
                return cast("tuple[CellValue, ...]", tuple(found))
        values: list[CellValue] = []
        for path, raw, column, readings in zip(
            paths, raws, columns, _readings(columns), strict=False
        ):
            reading = readings.get(raw.text)
            if reading is None:
                if len(readings) >= _MAX_READINGS:
                    readings.clear()
                reading = readings[raw.text] = read_cell(raw.text, column)
            if reading.unit is None:
                provenance[path] = raw.source
                values.append(reading.value)
                if plain is not None:
                    if len(plain) >= _MAX_READINGS:
                        plain.clear()
                    plain[raw.text] = reading.value
            else:
                values.append(self.cell(path, raw, column))
        values.extend([BLANK] * (len(columns) - len(values)))
        return tuple(values)

    def cell(self, path: str, raw: RawCell | None, column: ColumnSpec) -> CellValue:
        """Read one cell into its value, recording its source and unit findings."""
        if raw is None:
            return BLANK
        self.provenance[path] = raw.source
        reading = read_cell(raw.text, column)
        if reading.converted_from is not None and reading.unit is not None:
            self.add(
                "parse.unit-converted",
                path,
                source=raw.source,
                original=reading.converted_from,
                unit=reading.unit,
                value=reading.value if is_number(reading.value) else str(reading.value),
                column_unit=column.unit or "",
            )
        elif reading.unit is not None:
            self.add("parse.unit-in-cell", path, source=raw.source, unit=reading.unit)
        return reading.value


def fit(values: Sequence[RawCell], width: int) -> tuple[list[RawCell], list[RawCell]]:
    """Fit value cells to ``width``: blanks at either end go first, then extra cells.

    Returns the cells kept (at most ``width``) and the extra ones (in order).
    """
    if len(values) <= width:
        return list(values), []
    vals = list(values)
    while len(vals) > width and is_blank(vals[-1]):
        vals.pop()
    while len(vals) > width and is_blank(vals[0]):
        vals.pop(0)
    return vals[:width], vals[width:]


def _splits(digits: str, parts: int) -> Iterator[tuple[str, ...]]:
    """Every way of cutting ``digits`` into ``parts`` figures without leading zeros."""
    if parts == 1:
        if len(digits) == 1 or digits[0] != "0":
            yield (digits,)
        return
    for cut in range(1, len(digits) - parts + 2):
        head = digits[:cut]
        if len(head) > 1 and head[0] == "0":
            break
        for tail in _splits(digits[cut:], parts - 1):
            yield (head, *tail)


_MAX_CANDIDATES = 200_000


def split_run_together(
    texts: Sequence[str], width: int, holds: Callable[[list[int]], bool]
) -> list[list[int]]:
    """The splits of run-together figures into ``width`` figures for which ``holds``.

    ``texts`` are the figures as read, some of them several figures written without a
    space. At most two solutions are returned (two mean "not certain").
    """
    texts = ["".join(t.split()) for t in texts]
    # decimal digits only: ``str.isdigit`` also holds for superscripts (¹²), which
    # ``int`` does not read
    if not all(t.isdecimal() for t in texts) or len(texts) >= width:
        return []
    if any(len(t) > MAX_FIGURE_DIGITS for t in texts):
        # no figures of a report run together into so many digits; and ``int`` refuses
        # a piece of more than 4,300 (ValueError, not a finding)
        return []
    need = width - len(texts)
    solutions: list[list[int]] = []
    tried = 0
    # distribute the extra parts over the tokens
    for extra in _distributions(need, [len(t) - 1 for t in texts]):
        # the candidates are counted before they are listed: a figure of thousands of
        # digits has more ways to be cut than memory holds
        bound = math.prod(math.comb(len(t) - 1, e) for t, e in zip(texts, extra, strict=True))
        if tried + bound > _MAX_CANDIDATES:
            return solutions + solutions[:1] if solutions else []
        options = [list(_splits(t, 1 + e)) for t, e in zip(texts, extra, strict=True)]
        for combo in itertools.product(*options):
            tried += 1
            if tried > _MAX_CANDIDATES:
                return solutions + solutions[:1] if solutions else []
            values = [int(x) for part in combo for x in part]
            if holds(values):
                solutions.append(values)
                if len(solutions) > 1:
                    return solutions
    return solutions


def _distributions(total: int, caps: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Every way to give ``total`` extra parts to tokens, token ``i`` taking at most
    ``caps[i]``."""
    if not caps:
        if total == 0:
            yield ()
        return
    for k in range(min(total, caps[0]) + 1):
        for rest in _distributions(total - k, caps[1:]):
            yield (k, *rest)
