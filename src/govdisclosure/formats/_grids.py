"""Reading the tables of sections 二, 三 and 四 from raw rows.

Each reader takes every raw row of its section (one table or several, from any parser)
and returns the model's tables, adding findings and provenance to an
:class:`~govdisclosure.formats._cells.Output`. Nothing is guessed: a figure that cannot
be placed ends up in a finding.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Final

import attrs

from govdisclosure.formats._cells import (
    GluedFigures,
    Item,
    Output,
    fit,
    is_blank,
    is_cell_word,
    is_figure,
    is_numbering,
    is_remark,
    is_word_for_figure,
    items,
    joined,
    split_run_together,
)
from govdisclosure.formats._labels import associate, candidates, match_indices
from govdisclosure.formats._raw import RawCell, RawRow
from govdisclosure.model import BLANK, CellValue, Source, Table, read_cell
from govdisclosure.template import (
    ColumnSpec,
    Edition,
    RowSpec,
    TableSpec,
    normalize_label,
    template,
)

__all__ = ["read_active", "read_applications", "read_review"]

_EDITIONS = (Edition.V2021, Edition.V2019)


def _cells_text(cells: Sequence[RawCell]) -> str:
    return ", ".join(c.text.strip() or "（空）" for c in cells)


def _spaced_figures(text: str) -> list[str] | None:
    """The figures of a cell that holds several separated by whitespace ("2 0": a tab
    lost between two cells), else ``None``."""
    pieces = text.split()
    return pieces if len(pieces) > 1 and all(is_figure(p) for p in pieces) else None


def _spaced(out: Output, path: str, kept: Sequence[RawCell], width: int) -> list[RawCell] | None:
    """``kept`` with each cell that holds several figures separated by whitespace ("2 0",
    a tab lost between two cells) cut into one cell per figure, when that makes exactly
    ``width`` cells (a finding says so); else ``None``: "1 200" in a row that has all its
    cells stays one figure, grouped by a space."""
    cells: list[RawCell] = []
    spaced: list[tuple[RawCell, list[str]]] = []
    for c in kept:
        pieces = _spaced_figures(c.text)
        if pieces is not None:
            cells.extend(RawCell(p, c.source) for p in pieces)
            spaced.append((c, pieces))
        else:
            cells.append(c)
    if not spaced or len(cells) != width:
        return None
    for c, pieces in spaced:
        out.add(
            "parse.spaced-cells",
            path,
            source=c.source,
            text=" ".join(pieces),
            count=len(pieces),
            cells=", ".join(pieces),
        )
    return cells


def _count(values: Sequence[RawCell], width: int) -> tuple[int, list[str]]:
    """How many cells ``values`` make in a row of ``width`` cells, as :func:`_fill_row`
    reads them (blanks at either end of a row too long dropped; a row short of cells
    counted with its cells of figures separated by spaces cut, as :func:`_spaced`
    would), and the texts of the first ``width`` of them."""
    kept, extra = fit(values, width)
    if extra or len(kept) == width:
        return len(kept) + len(extra), [c.text for c in kept]
    texts: list[str] = []
    for c in kept:
        texts.extend(_spaced_figures(c.text) or (c.text,))
    return len(texts), texts[:width]


def _holds(texts: Sequence[str], identity: Callable[[list[int]], bool]) -> bool:
    """Whether the row of ``texts``, all whole numbers, satisfies ``identity``."""
    numbers = [read_cell(t).value for t in texts]
    ints = [v for v in numbers if isinstance(v, int) and not isinstance(v, bool)]
    return len(ints) == len(numbers) and identity(ints)


def _cut_mark(glued: GluedFigures) -> tuple[str, tuple[RawCell, ...]]:
    """The digits of ``glued`` that touch its label (a possible footnote mark: ``1`` of
    ``1 5 0 0`` cut from ``规章1 5 0 0``), and the cell of the figures after them, if
    any (its source names their column where the text says where)."""
    mark, *others = glued.text.split(None, 1)
    rest = others[0].strip() if others else ""
    if not rest:
        return mark, ()
    source = glued.source
    if source.column is not None:
        source = attrs.evolve(source, column=source.column + glued.text.rfind(rest))
    return mark, (RawCell(rest, source),)


def _without_mark(
    out: Output,
    prefix: str,
    values: Sequence[RawCell],
    width: int,
    identity: Callable[[list[int]], bool] | None,
) -> Sequence[RawCell]:
    """``values`` without the digits glued to the row's label (see
    :class:`~govdisclosure.formats._cells.GluedFigures`) that touch it, when they are a
    footnote mark: with them the row has more cells than ``width``, without them
    exactly ``width`` (``（一）予以公开1``, then the row's seven figures). A finding
    names the row and quotes them. Where the row has an ``identity`` that the cells
    read with them as its first figure satisfy (the last cell an extra one) and the
    cells read without them do not, they are the row's first figure. Otherwise
    ``values`` as they are: a row short without them has them as its first figure."""
    at = next((i for i, c in enumerate(values) if isinstance(c, GluedFigures)), None)
    if at is None:
        return values
    glued = values[at]
    assert isinstance(glued, GluedFigures)
    mark, rest = _cut_mark(glued)
    without = (*values[:at], *rest, *values[at + 1 :])
    count, texts = _count(values, width)
    if count <= width:
        return values
    count_without, texts_without = _count(without, width)
    if count_without != width:
        return values
    if identity is not None and _holds(texts, identity) and not _holds(texts_without, identity):
        return values
    out.add("parse.footnote-mark", f"{prefix}.*", source=glued.source, mark=mark, text=glued.label)
    return without


def _fill_row(
    out: Output,
    spec: TableSpec,
    row_id: str,
    values: Sequence[RawCell],
    source: Source,
    identity: Callable[[list[int]], bool] | None = None,
    labels: Sequence[RawCell] = (),
) -> tuple[CellValue, ...]:
    """Read one data row's value cells into the row ``row_id`` of ``spec``.

    A row short of cells whose ``labels`` end in numbering alone (3. written where the
    row's first figure belongs) has that cell first: it is no piece of its label. (A
    full row keeps it as a label: numbering alone before figures may be a label cut
    in two.) Digits glued to the end of the row's label without which the row has all
    its cells, and with which it has too many, are a footnote mark
    (:func:`_without_mark`)."""
    width = len(spec.columns)
    prefix = f"{spec.id}.{row_id}"
    if len(values) == width:  # as many cells as columns: nothing to fit or report
        return out.cells(_paths(prefix, spec), values, spec.columns)
    if GluedFigures in map(type, values):  # (rare: figures cut from the end of a label)
        values = _without_mark(out, prefix, values, width, identity)
        if len(values) == width:
            return out.cells(_paths(prefix, spec), values, spec.columns)
    if len(values) < width and len(labels) > 1 and is_numbering(labels[-1].text):
        values = (labels[-1], *values)
    kept, extra = fit(values, width)
    if extra:
        out.add(
            "parse.extra-cells",
            f"{prefix}.*",
            source=extra[0].source,
            count=len(extra),
            cells=_cells_text(extra),
        )
    if len(kept) < width:
        spaced = _spaced(out, f"{prefix}.*", kept, width)
        if spaced is not None:
            return out.cells(_paths(prefix, spec), spaced, spec.columns)
        texts = [c.text for c in kept if not is_blank(c)]
        digits = ["".join(t.split()) for t in texts]
        if (
            identity is not None
            and len(texts) == len(kept)
            # only figures written as digits may have run together (略, 1,200 and
            # 3.5 are cells of their own)
            and all(d.isdecimal() for d in digits)
            and any(len(d) > 1 for d in digits)
        ):
            solutions = split_run_together(texts, width, identity)
            joined_text = " ".join(t.strip() for t in texts)
            if len(solutions) == 1:
                out.add(
                    "parse.split-cells",
                    f"{prefix}.*",
                    source=kept[0].source,
                    text=joined_text,
                    cells=", ".join(str(v) for v in solutions[0]),
                )
                cells = [RawCell(str(v), kept[0].source) for v in solutions[0]]
                return tuple(
                    out.cell(f"{prefix}.{c.id}", raw, c)
                    for c, raw in zip(spec.columns, cells, strict=True)
                )
            out.add("parse.uncertain-cells", f"{prefix}.*", source=kept[0].source, text=joined_text)
            return (BLANK,) * width
        out.add(
            "parse.missing-cells",
            f"{prefix}.*",
            source=kept[-1].source if kept else source,
            count=width - len(kept),
        )
    return out.cells(_paths(prefix, spec), kept, spec.columns)


_PATHS: dict[tuple[str, int], tuple[tuple[ColumnSpec, ...], tuple[str, ...]]] = {}


def _paths(prefix: str, spec: TableSpec) -> tuple[str, ...]:
    """The model paths of the cells of one row: ``<prefix>.<column id>``."""
    # keyed by the identity of the columns (kept alive in the entry), not their hash
    columns = spec.columns
    key = (prefix, id(columns))
    entry = _PATHS.get(key)
    if entry is None or entry[0] is not columns:
        entry = _PATHS[key] = (columns, tuple(f"{prefix}.{c.id}" for c in columns))
    return entry[1]


_Labels = list[tuple[str, list[tuple[str, str]]]]
_STREAM_LABELS: dict[int, tuple[TableSpec, _Labels, _Labels, dict[str, RowSpec]]] = {}


def _stream_labels(spec: TableSpec) -> tuple[_Labels, _Labels, dict[str, RowSpec]]:
    """The row labels and the merged group labels of ``spec`` as :func:`match_stream`
    looks for them, and each row by its label (the first row of a label)."""
    entry = _STREAM_LABELS.get(id(spec))
    if entry is None or entry[0] is not spec:
        leaves = [(r.label, candidates(r)) for r in spec.rows]
        groups: list[str] = []
        for r in spec.rows:
            for g in (r.group, r.subgroup):
                if g and g not in groups:
                    groups.append(g)
        by_label: dict[str, RowSpec] = {}
        for r in spec.rows:
            by_label.setdefault(r.label, r)
        group_labels = [(g, [(normalize_label(g), g)]) for g in groups]
        entry = _STREAM_LABELS[id(spec)] = (spec, leaves, group_labels, by_label)
    return entry[1], entry[2], entry[3]


_MATCHES: dict[
    tuple[int, tuple[str, ...], bool], tuple[_Labels, list[tuple[str, str, tuple[int, ...]]]]
] = {}
_MAX_MATCHES = 1024


def _taken(
    labels: _Labels, norm: tuple[str, ...], *, ordered: bool
) -> list[tuple[str, str, tuple[int, ...]]]:
    """``match_indices(labels, norm, ordered=ordered)`` for the label lists of
    :func:`_stream_labels` (never changed, kept alive in the entry), remembered by the
    normalised texts of the pieces: tables printed from the template give the same."""
    key = (id(labels), norm, ordered)
    entry = _MATCHES.get(key)
    if entry is None or entry[0] is not labels:
        if len(_MATCHES) >= _MAX_MATCHES:
            _MATCHES.clear()
        entry = _MATCHES[key] = (labels, match_indices(labels, norm, ordered=ordered))
    return entry[1]


def _label_findings(out: Output, spec: TableSpec, matches_for: Sequence[RawCell]) -> None:
    """Variants and splits of the row labels and group labels of ``spec``: what
    :func:`_taken` finds, read from the indices of the pieces taken."""
    leaves, groups, by_label = _stream_labels(spec)
    norm = tuple([normalize_label(p.text) for p in matches_for])
    used: set[int] = set()  # the pieces used by row labels, by identity
    for official, printed, taken in _taken(leaves, norm, ordered=True):
        used.update([id(matches_for[j]) for j in taken])
        if printed == official and len(taken) == 1:
            continue
        path = f"{spec.id}.{by_label[official].id}.*"
        source = matches_for[taken[0]].source
        if printed != official:
            out.add("parse.label-variant", path, source=source, found=printed, label=official)
        if len(taken) > 1:
            out.add("parse.split-label", path, source=source, label=official, parts=len(taken))
    # the merged group labels, once each, in the pieces not used by row labels
    rest = [j for j, p in enumerate(matches_for) if id(p) not in used]
    rest_norm = tuple([norm[j] for j in rest])
    grouped: set[int] = set()
    for official, _printed, taken in _taken(groups, rest_norm, ordered=False):
        grouped.update(rest[k] for k in taken)
        if len(taken) > 1:
            out.add(
                "parse.split-label",
                spec.id,
                source=matches_for[rest[taken[0]]].source,
                label=official,
                parts=len(taken),
            )
    # what is left and is no part of any wording of the table (a span's copy of a group
    # label is) is said, not dropped: a word or a figure such as 1e5 between a row's
    # label and its figures was lost without a word
    wording = table_wording(spec.id)
    for j in rest:
        text = norm[j]
        if j not in grouped and text not in wording and any(ch.isalnum() for ch in text):
            piece = matches_for[j]
            out.add("parse.unread-label", spec.id, source=piece.source, text=piece.text)


@functools.cache
def table_wording(table_id: str) -> str:
    """Every wording of the table ``table_id`` in either edition (row labels and their
    variants, group labels, column labels and their variants), normalised, joined by a
    character none holds: a text found in it is part of one. (A label of the other
    edition is wording of the format too: reports mix them.)"""
    texts: list[str] = []
    for edition in _EDITIONS:
        spec = template(edition).table(table_id)
        leaves, groups, _by_label = _stream_labels(spec)
        texts += [cand for _, cands in (*leaves, *groups) for cand, _printed in cands]
        for column in spec.columns:
            texts.append(normalize_label(column.label))
            texts.extend(normalize_label(v) for v in column.variants)
    return "\x00".join(texts)


def _header_findings(out: Output, spec: TableSpec, header: str, source: Source) -> None:
    """Column labels printed as a known variant (本年度止件数, 合计 …)."""
    for column in spec.columns:
        if normalize_label(column.label) in header:
            continue
        for variant in sorted(column.variants, key=len, reverse=True):
            if normalize_label(variant) in header:
                out.add(
                    "parse.label-variant",
                    f"{spec.id}.*.{column.id}",
                    source=source,
                    found=variant,
                    label=column.label,
                )
                break


# ----------------------------------------------------------------- section 三


def _is_data(item: Item, spec: TableSpec) -> bool:
    if item.figures:
        return True
    return len(item.values) >= len(spec.columns) and associate(item.label, spec) is not None


def _row_identity(values: list[int]) -> bool:
    return values[-1] == sum(values[:-1])


def _words_at_ends(
    items: Sequence[Item],
    widths: Callable[[Item], Sequence[int]],
    lead_words: Callable[[tuple[RawCell, ...], int], bool],
    *,
    headed: bool = True,
) -> list[Item]:
    """``items`` with the words written in place of figures in a row's first cells
    (略, 不详) moved into its values.

    An item whose values are short of one of its ``widths`` (those of the rows it may
    be) makes up the width, exactly, from the words that end its labels (its first
    cells), when ``lead_words(labels, k)`` says the last ``k`` labels are such words
    after a row's label (``headed``: after a row's label; else the words may be all the
    labels). The values are counted with all, some or none of the blanks that end them
    (the positions a merged figure covers after its first), most first; a row entirely
    of words (no figure at all) is made up from its labels alone. (Words after a row's
    values are values already: :func:`~govdisclosure.formats._cells.items` keeps them
    with the row.) Remarks (text no label holds,
    :func:`~govdisclosure.formats._cells.is_remark`) after a row that has all its
    figures are values too, beyond its width: the reader reports them as extra cells
    instead of reading them as a label.
    """
    out: list[Item] = []
    i = 0
    n = len(items)
    while i < n:
        it = items[i]
        i += 1
        labels, values = it.labels, it.values
        nxt = items[i] if i < n else None
        # remarks after the values of a row, in the same raw row
        remark = (
            nxt is not None
            and bool(it.figures)
            and nxt.source is it.source
            and not nxt.figures
            and all(is_remark(c.text) for c in nxt.labels)
        )
        if not remark and (
            len(labels) <= (1 if headed else 0) or not is_word_for_figure(labels[-1].text)
        ):
            out.append(it)  # no word at either end (most items: nothing more to ask)
            continue
        # the values, and the values before some or all of the blanks that end them
        # (the other positions of a merged figure, or of a merged word and blank: 不详,
        # blank, blank in a Word row of two value cells over three positions)
        end = len(values)
        while end and is_blank(values[end - 1]):
            end -= 1
        # (words from the labels, remarks after, the values they go around)
        take: tuple[int, int, int] | None = next(
            (
                (w - size, 0, size)
                for size in range(len(values), end - 1, -1)
                for w in widths(it)
                if w > size and lead_words(labels, w - size)
            ),
            None,
        )
        if take is None and remark and all(w <= end for w in widths(it)):
            # remarks after a row that has all its figures (a remarks column): cells
            # too many, reported with the row's extra cells, not taken for a label
            assert nxt is not None
            take = (0, len(nxt.labels), end)
        if take is None:
            out.append(it)
            continue
        lead, last, size = take
        if last:  # after the values they make up a row with, before any blanks after
            assert nxt is not None
            values = (*values[:size], *nxt.labels, *values[size:], *nxt.values)
            i += 1
        if lead:
            values = (*labels[-lead:], *values)
            labels = labels[:-lead]
        out.append(Item(labels, values, it.source))
    return out


def _without_repeated_header(
    body: list[Item], header_items: Sequence[Item], spec: TableSpec
) -> list[Item]:
    """``body`` without the header rows that a table broken over pages repeats before
    the rows that follow (Word's "repeat as header row", a table split at a page break
    and its header copied): a row of labels alone among the data rows that prints the
    same words as a row of the header, and names no row of ``spec``, is that header
    again, not labels of the rows after it."""
    repeated = {it.label for it in header_items if not it.figures and it.label}
    if not repeated:
        return body
    return [
        it
        for it in body
        if it.figures
        or it.label not in repeated
        or _is_data(it, spec)
        or associate(it.label, spec) is not None
    ]


def read_applications(rows: Sequence[RawRow], default: Edition, out: Output) -> Table | None:
    """Section 三 from its raw rows; ``None`` if no data row is found."""
    specs = {e: template(e).table("applications") for e in _EDITIONS}
    layouts = list(specs.values())
    widths = tuple(sorted({len(s.columns) for s in layouts}))

    def lead_words(labels: tuple[RawCell, ...], k: int) -> bool:
        # the labels before the words name a row of either edition's layout (the
        # table's own edition is only known later); one word in the first cell is
        # any short word, several must be words no label holds
        if len(labels) <= k:
            return False
        if k == 1:
            if not is_word_for_figure(labels[-1].text):
                return False
        elif not all(is_cell_word(c.text) for c in labels[-k:]):
            return False
        head = joined(labels[:-k])
        return any(associate(head, s) is not None for s in layouts)

    # (before the first data row is looked for: a row of words has no figure)
    all_items = _words_at_ends(items(rows), lambda it: widths, lead_words)
    first = next((i for i, it in enumerate(all_items) if _is_data(it, specs[default])), None)
    if first is None:
        return None
    header_items = all_items[:first]
    body = _without_repeated_header(all_items[first:], header_items, specs[default])
    data: list[Item] = []
    own: list[str] = []  # the labels before a data row's figures, since the last data row
    after: list[str] = []  # the label line right after them
    pending: list[RawCell] = []
    for it in body:
        if _is_data(it, specs[default]):
            data.append(it)
            own.append(joined([*pending, *it.labels]))
            after.append("")
            pending = []
        else:
            if data and not pending:
                after[-1] = joined(it.labels)
            pending.extend(it.labels)
    pieces = [c for it in body for c in it.labels]

    def associated(edition: Edition) -> list[str | None]:
        return [associate(text, specs[edition]) for text in own]

    assignment: list[str | None] | None = None
    edition = default
    for e in sorted(_EDITIONS, key=lambda e: e != default):
        rows_ = associated(e)
        ids = specs[e].row_ids
        if rows_ == list(ids):
            assignment, edition = list(rows_), e
            break
    if assignment is None:
        for e in _EDITIONS:
            if len(data) == len(specs[e].rows):
                assignment, edition = list(specs[e].row_ids), e
                break
    if assignment is None:
        scores = {e: sum(r is not None for r in associated(e)) for e in _EDITIONS}
        edition = max(_EDITIONS, key=lambda e: (scores[e], e == default))
        assignment = []
        seen: set[str] = set()
        last = -1
        spec = specs[edition]
        for i, before in enumerate(associated(edition)):
            r = before
            if (r is None or r in seen) and not data[i].labels:
                # figures printed before their label (PDF text): the label comes next
                r = associate(after[i], spec)
            if r is not None and r not in seen and spec.row_index(r) > last:
                seen.add(r)
                last = spec.row_index(r)
                assignment.append(r)
            else:
                assignment.append(None)
    spec = specs[edition]
    header = "".join(joined(it.labels) for it in header_items)
    _header_findings(out, spec, header, header_items[0].source if header_items else body[0].source)
    _label_findings(out, spec, pieces)
    grid: dict[str, tuple[CellValue, ...]] = {}
    for it, row_id, text in zip(data, assignment, own, strict=True):
        if row_id is None:
            out.add(
                "parse.unknown-row",
                "applications",
                source=it.source,
                label="".join(c.text for c in it.labels) or text,
                cells=_cells_text(it.values),
            )
            continue
        grid[row_id] = _fill_row(
            out, spec, row_id, it.values, it.source, _row_identity, labels=it.labels
        )
    width = len(spec.columns)
    for row in spec.rows:
        if row.id not in grid:
            out.add("parse.missing-cells", f"applications.{row.id}.*", count=width)
    cells = tuple(grid.get(row.id, (BLANK,) * width) for row in spec.rows)
    return Table("applications", edition, cells)


# ----------------------------------------------------------------- section 四


_REVIEW_CELLS: Final = 15
"""The figures of section 四: three groups of five."""


def _review_identity(values: list[int]) -> bool:
    return all(values[5 * g + 4] == sum(values[5 * g : 5 * g + 4]) for g in range(3))


_REVIEW_WORDS: Final = tuple(
    sorted(
        {
            normalize_label(w)
            for e in _EDITIONS
            for t in (template(e).table("review_litigation"),)
            for w in (
                "行政诉讼",
                *(c.label for c in t.columns),
                *(v for c in t.columns for v in c.variants),
                *(r.label for r in t.rows),
                *(v for r in t.rows for v in r.variants),
            )
        }
    )
)
"""The labels and header words of section 四, normalised, over both editions."""

_PIECE_GLUED: Final = re.compile(r"([\u4e00-\u9fff]+)([0-9\uff10-\uff19]+)")
"""The end of a header word cut in two, with digits glued to it (计1 of 总 计1)."""
_PIECE_END: Final = re.compile(r"[\u4e00-\u9fff][0-9\uff10-\uff19]+\s*$", re.MULTILINE)
"""A cell (a line of the cells' texts joined by line breaks) that may be one."""


def _review_pieces(rows: Sequence[RawRow]) -> Sequence[RawRow]:
    """``rows`` with each cell that ends a header word of section 四 cut in two by the
    text (总 / 计1: the word 总计, written in two cells) and has digits glued to it cut
    in two as well: the piece of the word, then the digits, a
    :class:`~govdisclosure.formats._cells.GluedFigures` whose label is the whole word.
    (A label of two ideographs or more with digits glued is cut by
    :func:`~govdisclosure.formats._cells.items`; one ideograph is too short a label
    to cut without knowing the word it ends.)"""
    if _PIECE_END.search("\n".join([c.text for r in rows for c in r.cells])) is None:
        return rows  # (most tables: no cell ends in an ideograph and digits)
    out: list[RawRow] = []
    for row in rows:
        if _PIECE_END.search("\n".join([c.text for c in row.cells])) is None:
            out.append(row)
            continue
        cells: list[RawCell] = []
        for i, cell in enumerate(row.cells):
            m = _PIECE_GLUED.fullmatch(cell.text.strip()) if i else None
            word = normalize_label(row.cells[i - 1].text + m.group(1)) if m else ""
            if m is None or not any(
                word.endswith(w) and len(w) > len(m.group(1)) for w in _REVIEW_WORDS
            ):
                cells.append(cell)
                continue
            piece, digits = m.groups()
            source = cell.source
            cells.append(RawCell(piece, source))
            if source.column is not None:
                source = attrs.evolve(source, column=source.column + cell.text.rfind(digits))
            cells.append(GluedFigures(digits, source, row.cells[i - 1].text.strip() + piece))
        out.append(RawRow(tuple(cells), row.source) if len(cells) > len(row.cells) else row)
    return out


def _review_values(all_items: Sequence[Item]) -> list[RawCell]:
    """The value cells of the items of section 四 that hold figures, in order."""
    return [c for it in all_items if it.figures for c in it.values]


def _review_marks(out: Output, all_items: list[Item]) -> list[Item]:
    """``all_items`` without the digits glued to labels or header words of section 四
    (see :class:`~govdisclosure.formats._cells.GluedFigures`) that touch them, when
    they are footnote marks (``总计1`` in the header, then the fifteen figures).

    The digits are weighed when with them the table has more than its fifteen cells
    and without them at least fifteen (an item left without a figure is a header line
    again: its blank cells were header positions). The identities of section 四 (each
    group's 总计 the sum of its four outcomes) decide: when the cells read without
    them satisfy the identities and the cells read with them (the last cell an extra
    one) do not, they are marks (``parse.footnote-mark`` quotes each); the other way
    round, they are figures. When the identities cannot decide (both readings, or
    neither, satisfy them), the digits stay figures, as they are read without the
    weighing, and ``parse.uncertain-mark`` quotes each: no choice is silent."""
    glued = [c for it in all_items for c in it.values if isinstance(c, GluedFigures)]
    if not glued:
        return all_items
    marks: list[tuple[GluedFigures, str]] = []
    without: list[Item] = []
    for it in all_items:
        if GluedFigures not in map(type, it.values):
            without.append(it)
            continue
        values: list[RawCell] = []
        for c in it.values:
            if isinstance(c, GluedFigures):
                mark, rest = _cut_mark(c)
                marks.append((c, mark))
                values.extend(rest)
            else:
                values.append(c)
        if any(not is_blank(c) for c in values):
            without.append(Item(it.labels, tuple(values), it.source))
        elif it.labels:
            without.append(Item(it.labels, (), it.source))
    count, texts = _count(_review_values(all_items), _REVIEW_CELLS)
    count_without, texts_without = _count(_review_values(without), _REVIEW_CELLS)
    if count <= _REVIEW_CELLS or count_without < _REVIEW_CELLS:
        return all_items  # (the digits are needed to fill the table: figures)
    holds = _holds(texts, _review_identity)
    holds_without = _holds(texts_without, _review_identity)
    if holds and not holds_without:
        return all_items
    code = "parse.footnote-mark" if holds_without and not holds else "parse.uncertain-mark"
    for c, mark in marks:
        out.add(code, "review_litigation", source=c.source, mark=mark, text=c.label)
    return without if code == "parse.footnote-mark" else all_items


def _review_key(label: str, keys: Sequence[tuple[str, tuple[str, ...]]]) -> str | None:
    """The one key whose words ``label`` holds, else ``None`` (none, or several)."""
    hits = {k for k, words in keys if any(w in label for w in words)}
    return hits.pop() if len(hits) == 1 else None


def _review_labelled(
    out: Output, spec: TableSpec, data: Sequence[Item], header: str
) -> tuple[tuple[CellValue, ...], ...] | None:
    """The cells of section 四 laid out as a table of labelled rows, else ``None``.

    Some reports print the fifteen figures as three rows of five, each led by its
    group (行政复议, 未经复议直接起诉, 复议后起诉), in any order, or transposed: five rows
    of three, each led by its outcome (结果维持 … 总计), the groups in the order the
    header names them (the form's order where it does not name all three). Read in
    order, as one row of fifteen, their figures would land in other cells without a
    word. When every row of figures is led by a label naming exactly one group (or one
    outcome), each group (outcome) once, all of them, each row is read into its own
    cells, as a row of any table is (cells too many or too few are reported with it)."""
    if len(data) not in (len(spec.rows), len(spec.columns)):
        return None  # (most reports: one row of fifteen figures)
    rows = tuple(
        (r.id, tuple(normalize_label(x) for x in (r.label, *r.variants))) for r in spec.rows
    )
    columns = tuple(
        (c.id, tuple(normalize_label(x) for x in (c.label, *c.variants))) for c in spec.columns
    )
    for keys, by_group in ((rows, True), (columns, False)):
        if len(data) != len(keys) or not all(it.labels for it in data):
            continue
        found = [_review_key(it.label, keys) for it in data]
        if None in found or len(set(found)) != len(keys):
            continue
        if by_group:
            read = {
                key: _fill_row(out, spec, key, it.values, it.source, _row_identity)
                for key, it in zip(found, data, strict=True)
                if key is not None
            }
            return tuple(read[r.id] for r in spec.rows)
        at = [min((header.find(w) for w in words if w in header), default=-1) for _, words in rows]
        order = (
            [spec.rows[k] for k in sorted(range(len(rows)), key=at.__getitem__)]
            if -1 not in at and len(set(at)) == len(at)
            else list(spec.rows)
        )
        grid: dict[tuple[str, str], CellValue] = {}
        for key, it in zip(found, data, strict=True):
            assert key is not None
            column = spec.column(key)
            kept, extra = fit(it.values, len(order))
            path = f"review_litigation.*.{key}"
            if extra:
                out.add(
                    "parse.extra-cells",
                    path,
                    source=extra[0].source,
                    count=len(extra),
                    cells=_cells_text(extra),
                )
            if len(kept) < len(order):
                kept = _spaced(out, path, kept, len(order)) or kept
            if len(kept) < len(order):
                out.add(
                    "parse.missing-cells",
                    path,
                    source=kept[-1].source if kept else it.source,
                    count=len(order) - len(kept),
                )
            for r, raw in zip(order, kept, strict=False):
                grid[r.id, key] = out.cell(f"review_litigation.{r.id}.{key}", raw, column)
        return tuple(tuple(grid.get((r.id, c.id), BLANK) for c in spec.columns) for r in spec.rows)
    return None


def read_review(rows: Sequence[RawRow], default: Edition, out: Output) -> Table | None:
    """Section 四 from its raw rows; ``None`` if it holds no figure.

    Digits glued to a label or a header word that make the table one cell too many
    are weighed as footnote marks (:func:`_review_marks`)."""
    all_items = _review_marks(out, items(_review_pieces(rows)))
    if sum(1 for it in all_items if it.figures) == 1:  # the usual one row of figures
        all_items = _words_at_ends(
            all_items,
            lambda it: (_REVIEW_CELLS,) if it.figures else (),
            lambda labels, k: len(labels) >= k and all(is_cell_word(c.text) for c in labels[-k:]),
            headed=False,  # (the row of figures has no label)
        )
    data = [it for it in all_items if it.figures]
    if not data:
        blank_rows = [r for r in rows if len(r.cells) >= 15 and all(is_blank(c) for c in r.cells)]
        if not blank_rows:
            return None
        data = [Item((), blank_rows[-1].cells, blank_rows[-1].source)]
    spec = template(default).table("review_litigation")
    header_cells = [c for it in all_items for c in it.labels]
    header = joined(header_cells)
    source = header_cells[0].source if header_cells else data[0].source
    row_variants = [(r, v) for r in spec.rows for v in r.variants]
    for r, v in row_variants:
        if normalize_label(v) in header and normalize_label(r.label) not in header:
            out.add(
                "parse.label-variant",
                f"review_litigation.{r.id}.*",
                source=source,
                found=v,
                label=r.label,
            )
    _header_findings(out, spec, header, source)
    labelled = _review_labelled(out, spec, data, header)
    if labelled is not None:
        return Table("review_litigation", default, labelled)
    values: list[RawCell] = [c for it in data for c in it.values]
    kept, extra = fit(values, 15)
    if extra:
        out.add(
            "parse.extra-cells",
            "review_litigation",
            source=extra[0].source,
            count=len(extra),
            cells=_cells_text(extra),
        )
    if len(kept) < 15:
        kept = _spaced(out, "review_litigation", kept, 15) or kept
    if len(kept) < 15:
        texts = [c.text for c in kept]
        solutions = (
            split_run_together(texts, 15, _review_identity)
            if all(not is_blank(c) for c in kept)
            else []
        )
        text = " ".join(t.strip() for t in texts)
        if len(solutions) == 1:
            out.add(
                "parse.split-cells",
                "review_litigation",
                source=kept[0].source,
                text=text,
                cells=", ".join(str(v) for v in solutions[0]),
            )
            kept = [RawCell(str(v), kept[0].source) for v in solutions[0]]
        elif any(len("".join(t.split())) > 1 for t in texts) and all(
            "".join(t.split()).isdecimal() for t in texts
        ):
            out.add("parse.uncertain-cells", "review_litigation", source=kept[0].source, text=text)
            return Table.blank("review_litigation", default)
        else:
            out.add(
                "parse.missing-cells",
                "review_litigation",
                source=kept[-1].source if kept else data[0].source,
                count=15 - len(kept),
            )
    columns = spec.columns
    cells = tuple(
        # the cells past the end of kept are blank
        out.cells(
            _paths(f"review_litigation.{r.id}", spec), kept[5 * g : 5 * g + len(columns)], columns
        )
        for g, r in enumerate(spec.rows)
    )
    return Table("review_litigation", default, cells)


# ----------------------------------------------------------------- section 二

_ROW_BLOCKS: dict[str, tuple[str, str]] = {}
"""normalised row label (or variant) → (table id, row id), over both editions."""
for _e in _EDITIONS:
    for _t in template(_e).active_tables:
        for _r in _t.rows:
            for _norm, _ in candidates(_r):
                _ROW_BLOCKS.setdefault(_norm, (_t.id, _r.id))


_ROW_BLOCKS_LONGEST_FIRST = sorted(_ROW_BLOCKS.items(), key=lambda kv: -len(kv[0]))

_CAPTION_IDS = {
    normalize_label(t.caption): t.id for e in _EDITIONS for t in template(e).active_tables
}
"""normalised caption → table id, over both editions."""


def _block_of(label: str) -> tuple[str, str] | None:
    if label in _ROW_BLOCKS:
        return _ROW_BLOCKS[label]
    for norm, target in _ROW_BLOCKS_LONGEST_FIRST:
        if label.endswith(norm):
            return target
    return None


_COLUMN_WORDS: dict[int, tuple[TableSpec, tuple[tuple[str, ...], ...]]] = {}


def _column_score(spec: TableSpec, header: str) -> int:
    entry = _COLUMN_WORDS.get(id(spec))
    if entry is None or entry[0] is not spec:
        words = tuple(
            tuple(normalize_label(x) for x in (c.label, *c.variants)) for c in spec.columns
        )
        entry = _COLUMN_WORDS[id(spec)] = (spec, words)
    score = 0
    for column_words in entry[1]:
        if any(w in header for w in column_words):
            score += 1
    return score


_ACTIVE_WIDTHS: Final = {
    t.id: tuple(
        sorted(
            {len(template(e).table(t.id).columns) for e in _EDITIONS if template(e).has_table(t.id)}
        )
    )
    for t in template(Edition.V2019).active_tables
}
"""Table id → the widths its rows have in the editions."""


def _active_widths(it: Item) -> tuple[int, ...]:
    """The widths of the row of section 二 that ``it`` is, by its label or by its label
    without the words in its first cells."""
    labels = it.labels
    if not labels:
        return ()
    target = _block_of(it.label)
    k = 0
    while target is None and k + 1 < len(labels) and is_cell_word(labels[-1 - k].text):
        k += 1
        target = _block_of(joined(labels[:-k]))
    return _ACTIVE_WIDTHS[target[0]] if target is not None else ()


def _active_lead_words(labels: tuple[RawCell, ...], k: int) -> bool:
    """Whether ``labels`` are a row label of section 二 and ``k`` words in its first cells."""
    return (
        len(labels) > k
        and all(is_cell_word(c.text) for c in labels[-k:])
        and _block_of(joined(labels)) is None
        and _block_of(joined(labels[:-k])) is not None
    )


def _unread_figures(out: Output, path: str, labels: Sequence[RawCell]) -> None:
    """Quote (``parse.unread-label``) each of ``labels``, the cells of a line of section
    二 that is neither a caption nor a row, that holds a figure among its words: no
    caption, column label or row label of the format does (``0 第二十条第（八）项``: a
    row's last figure and the next caption, run into one cell of a PDF's line), or
    figures run together with a minus sign (``1-1``: 1 and −1 of a row's 本年增/减,
    their separator lost)."""
    for c in labels:
        if any(
            any(ch.isdigit() for ch in t) and (is_figure(t) or _SIGNED_RUN.fullmatch(t))
            for t in c.text.split()
        ):
            out.add("parse.unread-label", path, source=c.source, text=c.text)


_SIGNED_RUN: Final = re.compile(r"[-−－]?\d+(?:[-−－]\d+)+")
"""Figures run together, each after the first with its minus sign (``1-1``, ``3-2-1``)."""


def read_active(rows: Sequence[RawRow], default: Edition, out: Output) -> list[Table]:
    """The captioned blocks of section 二 from their raw rows, in official order."""
    all_items = _words_at_ends(items(rows), _active_widths, _active_lead_words)
    current: str | None = None
    headers: dict[str, list[Item]] = {}
    found: dict[str, list[tuple[str, Item, str]]] = {}
    pending_header: list[Item] = []
    caption_ids = _CAPTION_IDS
    taken: set[int] = set()
    for idx, it in enumerate(all_items):
        if idx in taken:
            continue
        label = it.label
        if label in caption_ids:
            current = caption_ids[label]
            pending_header = []
            if it.figures:
                out.add(
                    "parse.stray-figures",
                    current,
                    source=it.source,
                    cells=_cells_text(it.figures),
                )
            continue
        target = _block_of(label) if label else None
        labels, values = it.labels, it.values
        if target is None and len(labels) > 1 and is_numbering(labels[-1].text):
            # numbering alone after a row's label (3. written where its first figure
            # belongs): the row's first value
            target = _block_of(joined(labels[:-1]))
            if target is not None:
                label = joined(labels[:-1])
                labels, values = labels[:-1], (labels[-1], *values)
        if target is not None:
            table_id, row_id = target
            if not it.figures and values is it.values and idx + 1 < len(all_items):
                nxt = all_items[idx + 1]
                if not nxt.labels and nxt.figures:
                    values = nxt.values
                    taken.add(idx + 1)
            found.setdefault(table_id, []).append((row_id, Item(labels, values, it.source), label))
            if table_id not in headers and pending_header:
                headers[table_id] = pending_header
            pending_header = []
            current = table_id
            continue
        if it.figures:
            where = current or "active"
            if label:
                out.add(
                    "parse.unknown-row",
                    where,
                    source=it.source,
                    label="".join(c.text for c in it.labels),
                    cells=_cells_text(it.values),
                )
            else:
                out.add(
                    "parse.stray-figures", where, source=it.source, cells=_cells_text(it.figures)
                )
            continue
        _unread_figures(out, current or "active", it.labels)
        pending_header.append(it)
    tables: list[Table] = []
    order = [t.id for t in template(Edition.V2019).active_tables]
    for table_id in sorted(found, key=order.index):
        header_items = headers.get(table_id, [])
        header = "".join(it.label for it in header_items)
        row_labels = {label for _, _, label in found[table_id]}
        scores: dict[Edition, tuple[float, int, bool]] = {}
        for e in _EDITIONS:
            tpl = template(e)
            if not tpl.has_table(table_id):
                continue
            spec = tpl.table(table_id)
            rows_exact = sum(normalize_label(r.label) in row_labels for r in spec.rows)
            scores[e] = (_column_score(spec, header) / len(spec.columns), rows_exact, e == default)
        edition = max(scores, key=lambda e: scores[e])
        spec = template(edition).table(table_id)
        source = header_items[0].source if header_items else found[table_id][0][1].source
        _header_findings(out, spec, header, source)
        width = len(spec.columns)
        grid: dict[str, tuple[CellValue, ...]] = {}
        for row_id, it, label in found[table_id]:
            if row_id not in spec.row_ids or row_id in grid:
                # not in this edition's layout, or a second row of the same label: its
                # figures are kept in the finding, never merged into another row
                out.add(
                    "parse.unknown-row",
                    table_id,
                    source=it.source,
                    label="".join(c.text for c in it.labels),
                    cells=_cells_text(it.values),
                )
                continue
            row = spec.row(row_id)
            if label != normalize_label(row.label):
                printed = (
                    next(v for v in row.variants if normalize_label(v) == label)
                    if any(normalize_label(v) == label for v in row.variants)
                    else "".join(c.text for c in it.labels)
                )
                out.add(
                    "parse.label-variant",
                    f"{table_id}.{row_id}.*",
                    source=it.source,
                    found=printed,
                    label=row.label,
                )
            grid[row_id] = _fill_row(out, spec, row_id, it.values, it.source)
        for r in spec.rows:
            if r.id not in grid:
                out.add("parse.missing-cells", f"{table_id}.{r.id}.*", count=width)
        tables.append(
            Table(table_id, edition, tuple(grid.get(r.id, (BLANK,) * width) for r in spec.rows))
        )
    return tables
