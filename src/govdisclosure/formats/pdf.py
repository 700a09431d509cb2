"""PDF (read): a report from the text layer and ruling of a published PDF attachment.

Published reports are mostly Word documents printed to PDF: the tables are ruled, the
text is positioned character by character. :func:`parse_pdf` reads each page with
pdfplumber (the optional extra ``pdf``):

* the **ruling** (stroked lines, stroked rectangles and hair-thin filled rectangles;
  not the white or coloured fills Word draws behind text and cells) gives the grid of
  every table, and merged cells are found where a rule between two grid slots is
  missing — so a label printed one character a line, a label wrapped inside its cell
  and a header spanning several columns are each read as one cell;
* the **characters** outside the tables are gathered into lines and the lines into
  paragraphs in reading order (indentation, short last lines, font changes); page
  numbers such as ``- 3 -`` are dropped, and so are the running heads (the lines in
  the top 5 % of a page), but not in silence: what they hold beyond page numbers is
  named in a ``parse.unread-text`` finding (story ``running heads``) on the report
  whose text they stand above, as a Word document's headers are;
* a table that runs on over a page break is joined to its first part, grid and all;
* a **large picture** with no text on it (a table, or a whole page, scanned among pages
  of text; at least 30 % of the page wide and 10 % high) is kept in its place in the
  reading order: where a section's table should stand, it is that table published as
  a picture (``parse.table-image``, kept when unruled tables are read as text). A seal
  or a logo is smaller; a scan under its recognised text, or a background under the
  text, has text on it.

Every cell and paragraph keeps its page and the position of its first character in
points from the top left of the page. The blocks are then assembled into a
:class:`~govdisclosure.Report` by the reading layer shared with the text and HTML
parsers.

With ``engine="pdfium"`` the pages are read through PDFium instead (the optional extra
``pdfium``; ``govdisclosure.formats._pdfium``), several times faster: the page
reader is given what pdfplumber gives it, and the reports are the same.

Pages are read one at a time and released, and the document is closed, so long PDFs
are read in bounded memory. A file that is not a readable PDF, is truncated, needs a
password or has no text layer raises :class:`~govdisclosure.ParseError`.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import sys
import threading
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from govdisclosure.checks.registry import N_, finding
from govdisclosure.errors import LimitExceeded, ParseError
from govdisclosure.formats._furniture import (
    RUNNING_FEET,
    RUNNING_HEADS,
    furniture_findings,
    unfurnished,
)
from govdisclosure.formats._raw import RawImage, make_image
from govdisclosure.formats._saved import inflated_chunks
from govdisclosure.formats.docx import spanned_text
from govdisclosure.limits import Budget, Limits, input_size, resolve
from govdisclosure.model import Finding, Report, Source

if TYPE_CHECKING:
    from govdisclosure.formats._reader import Block

__all__ = [
    "ENGINES",
    "PdfCell",
    "PdfEngine",
    "PdfGrid",
    "PdfImage",
    "PdfLine",
    "parse_pdf",
    "pdf_reports",
    "read_pdf_blocks",
    "read_pdf_grids",
]

# tolerances, in points
_SNAP: Final = 2.0
"""Rules closer than this are one rule."""
_THIN: Final = 2.0
"""A filled rectangle thinner than this is a rule, not a background."""
_FOOTER: Final = re.compile(r"^[-－—–~〜\s]*(第\s*)?\d{1,4}(\s*页)?[-－—–~〜\s]*$")
_HEADING: Final = re.compile(r"^[一二三四五六七八九十]+、")
_PICTURE_WIDTH: Final = 0.3
_PICTURE_HEIGHT: Final = 0.1
"""A picture at least this wide and this high (fractions of the page's) with no text on
it is read as a picture (a scanned table, a scanned page); smaller ones (a seal, a logo)
are not."""


# ------------------------------------------------------------------------ geometry types
@attrs.frozen
class PdfCell:
    """One cell of a table grid: its slot, its spans and its text."""

    row: int
    column: int
    rowspan: int
    colspan: int
    text: str
    page: int
    x: float
    y: float
    mark: str = ""
    """The footnote marks read out of the cell's text (digits or asterisks smaller than
    the figure beside them and raised or lowered), blank-separated; empty when none."""


@attrs.frozen
class PdfGrid:
    """One ruled table: the x positions of its column rules, and its cells.

    ``rows`` counts the grid rows; ``cells`` are the merged cells in reading order.
    """

    page: int
    top: float
    bottom: float
    xs: tuple[float, ...]
    rows: int
    cells: tuple[PdfCell, ...]

    @property
    def columns(self) -> int:
        """How many grid columns the table has."""
        return len(self.xs) - 1


@attrs.frozen
class PdfLine:
    """One line of text outside the tables."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    spaced: str = ""
    """The line with its wide gaps as spaces (for unruled tables read as text)."""


@attrs.frozen
class PdfImage:
    """A large picture with no text on it (a table or a page scanned among pages of
    text): the ``index``-th image of its page (counted from 1), and where it stands."""

    page: int
    index: int
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def src(self) -> str:
        """Where the picture is, as a finding quotes it: ``page 4, image 1``."""
        return f"page {self.page}, image {self.index}"


# ------------------------------------------------------------------------ characters
def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "@._%-/:+")


_TWICE: Final = 1.0
"""How near (in points, across and down; at most a quarter of the size) a character
printed again in the same size is to its first print to be that print again."""


def _printed_again(c: dict[str, Any], first: dict[str, Any]) -> bool:
    """Whether ``c`` is ``first`` (the same character, the one before it in its line)
    printed again over itself, or a fraction of a point to the right or down: how
    editors without a bold font make bold (pdfminer keeps both prints; PDFium, one).
    Characters of a line are half their size apart or more."""
    size = float(c.get("size") or 0)
    if size != float(first.get("size") or 0):
        return False
    near = min(_TWICE, 0.25 * size)
    return (
        abs(float(c["x0"]) - float(first["x0"])) <= near
        and abs(float(c["top"]) - float(first["top"])) <= near
    )


def _join_chars(chars: Sequence[dict[str, Any]], *, spaced: bool = False) -> str:
    """The text of one line of characters sorted left to right.

    A space is kept only between two Latin letters or digits separated by a visible gap
    (CJK text is justified with gaps that are not spaces), but never between two digits:
    in a ruled cell, digits apart are one figure spread over the cell (distributed
    alignment, 分散对齐), not two figures, which a table gives cells of their own. With
    ``spaced``, every wide gap and every space character becomes one space, as in
    extracted text, where the gaps separate the cells of an unruled table. A character
    printed again over itself (:func:`_printed_again`) is read once: ``2024`` printed
    twice a third of a point apart is ``2024``, not ``22002244``.
    """
    out: list[str] = []
    prev: dict[str, Any] | None = None
    blank = False
    for c in chars:
        text = str(c["text"])
        if not text or text.isspace():
            blank = True
            continue
        if prev is not None and text == prev["text"] and _printed_again(c, prev):
            continue
        if prev is not None and out:
            size = float(c.get("size") or 10)
            gap = float(c["x0"]) - float(prev["x1"])
            last, first = out[-1][-1], text[0]
            latin = _is_ascii_word(last) and _is_ascii_word(first)
            digits = last.isdigit() and first.isdigit()
            if (spaced and (blank or gap > 0.25 * size)) or (
                gap > 0.2 * size and latin and not digits
            ):
                out.append(" ")
        out.append(text)
        prev = c
        blank = False
    return "".join(out)


_MARK_CHARS: Final = frozenset("0123456789*\uff0a") | {chr(0xFF10 + k) for k in range(10)}
"""Digits and asterisks, ASCII and full-width."""
_SMALLER: Final = 0.9
"""A mark is at most this fraction of the size of the figure beside it (LibreOffice
prints Word's superscripts at 89 % of the size, Word at about two thirds)."""


def _split_marks(chars: Sequence[dict[str, Any]]) -> tuple[Sequence[dict[str, Any]], str]:
    """The characters of a table cell without its footnote marks, and those marks.

    A digit or asterisk smaller than the character beside it (at most
    :data:`_SMALLER` of its size) and raised (its bottom above that character's by a
    quarter of its size or more) or lowered (its bottom and top below that character's)
    is a superscript or subscript mark: ``12`` with a raised ``1`` is the figure 12 and
    a mark, not 121. Characters of one size are returned as they are, as are the
    characters of a cell that holds nothing but marks."""
    if not chars:
        return chars, ""
    sizes = [float(c.get("size") or 0) for c in chars]
    if min(sizes) > _SMALLER * max(sizes):  # (one size: the cells of almost every table)
        return chars, ""
    marked: list[dict[str, Any]] = []
    for c, size in zip(chars, sizes, strict=True):
        if size > 0 and str(c["text"]) in _MARK_CHARS and _displaced(c, size, chars, sizes):
            marked.append(c)
    if not marked or len(marked) == len(chars):
        return chars, ""
    marked.sort(key=lambda c: (float(c["top"]), float(c["x0"])))
    groups: list[list[dict[str, Any]]] = []
    for c in marked:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and abs(float(c["top"]) - float(last["top"])) < 1
            and float(c["x0"]) - float(last["x1"]) <= float(last.get("size") or 0)
        ):
            groups[-1].append(c)
        else:
            groups.append([c])
    ids = {id(c) for c in marked}
    rest = [c for c in chars if id(c) not in ids]
    return rest, " ".join("".join(str(c["text"]) for c in g) for g in groups)


def _displaced(
    c: dict[str, Any], size: float, chars: Sequence[dict[str, Any]], sizes: Sequence[float]
) -> bool:
    """Whether ``c`` (of ``size``) is raised or lowered beside the nearest character of
    ``chars`` on its line that is clearly larger."""
    x0, x1 = float(c["x0"]), float(c["x1"])
    top, bottom = float(c["top"]), float(c["bottom"])
    best: tuple[float, dict[str, Any], float] | None = None
    for other, big in zip(chars, sizes, strict=True):
        if size > _SMALLER * big:
            continue
        o_top, o_bottom = float(other["top"]), float(other["bottom"])
        if o_top > bottom or o_bottom < top:  # (not on the same line)
            continue
        gap = max(0.0, float(other["x0"]) - x1, x0 - float(other["x1"]))
        if gap <= 1.5 * big and (best is None or gap < best[0]):
            best = (gap, other, big)
    if best is None:
        return False
    _, other, big = best
    o_top, o_bottom = float(other["top"]), float(other["bottom"])
    raised = o_bottom - bottom >= 0.25 * big
    lowered = bottom - o_bottom >= 0.1 * big and top - o_top >= 0.2 * big
    return raised or lowered


def _join_lines(lines: Iterable[str]) -> str:
    """Lines wrapped inside one cell or paragraph, joined (CJK text needs no space)."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if (
            out
            and out[-1].isascii()
            and out[-1].isalnum()
            and line[0].isascii()
            and line[0].isalnum()
            and not (out[-1].isdigit() and line[0].isdigit())
        ):
            # Latin words wrapped at a space; a number wrapped in a narrow cell is one
            # number, and a line broken after "-", "/" or "@" goes on without a space
            out += " "
        out += line
    return out


def _group_lines(chars: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into text lines by their vertical position."""
    ordered = sorted(chars, key=lambda c: (float(c["top"]), float(c["x0"])))
    lines: list[list[dict[str, Any]]] = []
    mids: list[float] = []
    for c in ordered:
        mid = (float(c["top"]) + float(c["bottom"])) / 2
        size = float(c.get("size") or 10)
        if lines and abs(mid - mids[-1]) <= 0.45 * size:
            lines[-1].append(c)
        else:
            lines.append([c])
            mids.append(mid)
    for line in lines:
        line.sort(key=lambda c: float(c["x0"]))
    return lines


# ------------------------------------------------------------------------ ruling
@attrs.frozen
class _Rule:
    horizontal: bool
    pos: float
    """y of a horizontal rule, x of a vertical one."""
    start: float
    end: float


def _rules(page: Any) -> list[_Rule]:
    """The rules drawn on a page (not the fills behind text)."""
    rules: list[_Rule] = []
    for obj in page.lines:
        x0, x1, top, bottom = (float(obj[k]) for k in ("x0", "x1", "top", "bottom"))
        if abs(bottom - top) <= _SNAP:
            rules.append(_Rule(True, (top + bottom) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= _SNAP:
            rules.append(_Rule(False, (x0 + x1) / 2, min(top, bottom), max(top, bottom)))
    for obj in page.rects:
        x0, x1, top, bottom = (float(obj[k]) for k in ("x0", "x1", "top", "bottom"))
        w, h = x1 - x0, bottom - top
        if w <= _THIN and h > _THIN:
            rules.append(_Rule(False, (x0 + x1) / 2, top, bottom))
        elif h <= _THIN and w > _THIN:
            rules.append(_Rule(True, (top + bottom) / 2, x0, x1))
        elif obj.get("stroke") and w > _THIN and h > _THIN:
            rules.extend(
                (
                    _Rule(True, top, x0, x1),
                    _Rule(True, bottom, x0, x1),
                    _Rule(False, x0, top, bottom),
                    _Rule(False, x1, top, bottom),
                )
            )
    return rules


def _cluster(values: Iterable[float], tol: float = _SNAP) -> list[float]:
    """Values closer than ``tol`` merged into their mean, sorted."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _tables_of(rules: list[_Rule]) -> list[list[_Rule]]:
    """Rules grouped into tables: connected sets of crossing or touching rules."""
    n = len(rules)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.horizontal]
    vs = [i for i, r in enumerate(rules) if not r.horizontal]
    tol = _SNAP + 1
    for i in hs:
        h = rules[i]
        for j in vs:
            v = rules[j]
            if h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol:
                parent[find(i)] = find(j)
    groups: dict[int, list[_Rule]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(rules[i])
    out = []
    for g in groups.values():
        if sum(r.horizontal for r in g) >= 2 and sum(not r.horizontal for r in g) >= 2:
            out.append(g)
    return out


def _covered(rules: Sequence[_Rule], pos: float, lo: float, hi: float) -> bool:
    """Whether the rules at ``pos`` cover most of the span ``lo``–``hi``."""
    covered = 0.0
    for r in rules:
        if abs(r.pos - pos) <= _SNAP + 0.5:
            covered += max(0.0, min(r.end, hi) - max(r.start, lo))
    return covered >= 0.6 * (hi - lo)


def _grid(
    page_no: int, group: list[_Rule], chars: Sequence[dict[str, Any]]
) -> tuple[PdfGrid, list[dict[str, Any]]]:
    """The grid of one table and the characters it holds."""
    h_rules = [r for r in group if r.horizontal]
    v_rules = [r for r in group if not r.horizontal]
    ys = _cluster(r.pos for r in h_rules)
    xs = _cluster(r.pos for r in v_rules)
    # the outer frame may lack a rule where the table runs over a page break
    left = min(*(r.start for r in h_rules), xs[0])
    right = max(*(r.end for r in h_rules), xs[-1])
    top = min(*(r.start for r in v_rules), ys[0])
    bottom = max(*(r.end for r in v_rules), ys[-1])
    if xs[0] - left > _SNAP + 1:
        xs.insert(0, left)
    if right - xs[-1] > _SNAP + 1:
        xs.append(right)
    if ys[0] - top > _SNAP + 1:
        ys.insert(0, top)
    if bottom - ys[-1] > _SNAP + 1:
        ys.append(bottom)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(i, j): (i, j) for i in range(n_rows) for j in range(n_cols)}

    def find(k: tuple[int, int]) -> tuple[int, int]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for i in range(n_rows):
        for j in range(n_cols - 1):
            if not _covered(v_rules, xs[j + 1], ys[i], ys[i + 1]):
                union((i, j), (i, j + 1))
    for i in range(n_rows - 1):
        for j in range(n_cols):
            if not _covered(h_rules, ys[i + 1], xs[j], xs[j + 1]):
                union((i, j), (i + 1, j))
    # a merge must be a rectangle; grow each group to its bounding box
    slots: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for k in parent:
        slots.setdefault(find(k), []).append(k)
    boxes = []
    for members in slots.values():
        r0 = min(m[0] for m in members)
        r1 = max(m[0] for m in members)
        c0 = min(m[1] for m in members)
        c1 = max(m[1] for m in members)
        boxes.append((r0, c0, r1, c1))
    boxes.sort()
    owner: dict[tuple[int, int], int] = {}
    kept: list[tuple[int, int, int, int]] = []
    for box in boxes:
        r0, c0, r1, c1 = box
        if any((i, j) in owner for i in range(r0, r1 + 1) for j in range(c0, c1 + 1)):
            continue  # overlaps a rectangle already kept: a rule is ambiguous; keep the first
        for i in range(r0, r1 + 1):
            for j in range(c0, c1 + 1):
                owner[(i, j)] = len(kept)
        kept.append(box)
    # slots left over (covered by nothing) become their own cells
    for i in range(n_rows):
        for j in range(n_cols):
            if (i, j) not in owner:
                owner[(i, j)] = len(kept)
                kept.append((i, j, i, j))
    inside: list[list[dict[str, Any]]] = [[] for _ in kept]
    rest: list[dict[str, Any]] = []
    for c in chars:
        cx = (float(c["x0"]) + float(c["x1"])) / 2
        cy = (float(c["top"]) + float(c["bottom"])) / 2
        if not (xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]):
            rest.append(c)
            continue
        i = _index(ys, cy)
        j = _index(xs, cx)
        inside[owner[(i, j)]].append(c)
    cells = []
    for (r0, c0, r1, c1), all_cs in zip(kept, inside, strict=True):
        cs, mark = _split_marks(all_cs)
        lines = _group_lines(cs)
        text = _join_lines(_join_chars(line) for line in lines)
        first = lines[0][0] if lines else None
        cells.append(
            PdfCell(
                row=r0,
                column=c0,
                rowspan=r1 - r0 + 1,
                colspan=c1 - c0 + 1,
                text=text,
                page=page_no,
                x=round(float(first["x0"]) if first else xs[c0], 1),
                y=round(float(first["top"]) if first else ys[r0], 1),
                mark=mark,
            )
        )
    cells.sort(key=lambda c: (c.row, c.column))
    grid = PdfGrid(
        page=page_no,
        top=ys[0],
        bottom=ys[-1],
        xs=tuple(round(x, 1) for x in xs),
        rows=n_rows,
        cells=tuple(cells),
    )
    return grid, rest


def _index(bounds: Sequence[float], v: float) -> int:
    for k in range(len(bounds) - 1):
        if v <= bounds[k + 1]:
            return k
    return len(bounds) - 2


# ------------------------------------------------------------------------ pages
@attrs.frozen
class _Page:
    number: int
    height: float
    items: tuple[PdfGrid | PdfLine | PdfImage, ...]
    """Tables, text lines and pictures, top to bottom."""
    heads: tuple[PdfLine, ...] = ()
    """The running heads dropped from the page (:func:`_unfurnished`,
    :func:`_repeated`), top to bottom."""
    feet: tuple[PdfLine, ...] = ()
    """The running feet dropped from the page (:func:`_repeated`), top to bottom."""


def _read_page(page: Any, number: int) -> _Page:
    chars = [c for c in page.chars if str(c.get("text", "")).strip()]
    visible = chars
    grids: list[PdfGrid] = []
    for group in _tables_of(_rules(page)):
        grid, chars = _grid(number, group, chars)
        if grid.rows >= 1 and grid.columns >= 1:
            grids.append(grid)
    lines: list[PdfLine] = []
    for line in _group_lines(chars):
        text = _join_chars(line)
        if not text:
            continue
        sizes = [float(c.get("size") or 0) for c in line]
        lines.append(
            PdfLine(
                text=text,
                page=number,
                x0=round(float(line[0]["x0"]), 1),
                x1=round(float(line[-1]["x1"]), 1),
                top=round(min(float(c["top"]) for c in line), 1),
                bottom=round(max(float(c["bottom"]) for c in line), 1),
                size=round(max(sizes), 1),
                font=str(line[0].get("fontname", "")),
                spaced=_join_chars(line, spaced=True),
            )
        )
    height = float(page.height)
    lines, heads = _unfurnished(lines, grids, height)
    items: list[PdfGrid | PdfLine | PdfImage] = [*grids, *lines]
    if page.images:
        items.extend(_pictures(page, number, visible, grids))
    items.sort(key=lambda it: it.top)
    return _Page(number, height, tuple(items), tuple(heads))


def _pictures(
    page: Any, number: int, chars: Sequence[dict[str, Any]], grids: Sequence[PdfGrid]
) -> Iterator[PdfImage]:
    """The large pictures of ``page`` with no character on them and outside its tables
    (a picture under text is a background, or a scan under its recognised text)."""
    width, height = float(page.width), float(page.height)
    for k, image in enumerate(page.images, 1):
        x0, x1 = max(float(image["x0"]), 0.0), min(float(image["x1"]), width)
        top, bottom = max(float(image["top"]), 0.0), min(float(image["bottom"]), height)
        if x1 - x0 < _PICTURE_WIDTH * width or bottom - top < _PICTURE_HEIGHT * height:
            continue
        if any(
            x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
            for c in chars
        ):
            continue
        x, y = (x0 + x1) / 2, (top + bottom) / 2
        if any(g.top <= y <= g.bottom and g.xs[0] <= x <= g.xs[-1] for g in grids):
            continue
        yield PdfImage(number, k, round(x0, 1), round(x1, 1), round(top, 1), round(bottom, 1))


def _unfurnished(
    lines: Sequence[PdfLine], grids: Sequence[PdfGrid], height: float
) -> tuple[list[PdfLine], list[PdfLine]]:
    """The lines of a page (top to bottom) without its furniture: running heads (in the
    top 5 %) and page numbers (:func:`_is_page_number`), but for a figure of a table:
    one in a table's row (beside a ruled table, level with one of its rows) or just
    above a table (:func:`_heads_table`); and the running heads dropped, page numbers
    not among them (they are named in a ``parse.unread-text`` finding:
    :func:`_head_findings`)."""
    out: list[PdfLine] = []
    heads: list[PdfLine] = []
    for k, line in enumerate(lines):
        if line.bottom < 0.05 * height:
            if not _is_page_number(line, height):
                heads.append(line)
            continue
        if _is_page_number(line, height) and not (
            _in_a_row(line, grids) or _heads_table(line, lines[k + 1 :], grids, height)
        ):
            continue
        out.append(line)
    return out, heads


def _is_page_number(line: PdfLine, height: float) -> bool:
    """Whether ``line`` is a page number: in the top 8 % or the bottom 12 % of the page,
    and one number (``3``, ``- 3 -``, ``第3页``). The line's text runs the digits of
    figures apart together (a figure spread over a ruled cell is one figure): a row of
    a table's figures (``1  0  2``) is ``102`` in it, and is told from a page number by
    the gaps between its figures."""
    in_margin = line.top > 0.88 * height or line.bottom < 0.08 * height
    return in_margin and bool(
        _FOOTER.match(unicodedata.normalize("NFKC", line.spaced or line.text))
    )


_HEAD_BAND: Final = 0.08
"""How far down a page (its share of the page's height) a running head printed by a
word processor ends: a header 1.25 cm from the top of an A4 page ends at 6 % of it;
the body, below a top margin of 2 cm or more, begins lower."""
_FOOT_BAND: Final = 0.90
"""How far down a page a running foot begins (its top), at the least."""
_SAME_Y: Final = 2.0
"""How far apart (in points) two pages may print a running head or foot."""


def _repeated(pages: Iterable[_Page]) -> Iterator[_Page]:
    """``pages``, each without its running heads and feet that lie below the top 5 %
    (which :func:`_unfurnished` takes out on every page): a line in the top 8 % or the
    bottom 10 % of a page that another page prints at the same height (within
    :data:`_SAME_Y`) with the same text, its figures aside (``某县年度报告 3`` and
    ``… 4``), is a header or footer of the document (a word processor prints one at
    1.25 cm from the edge: 6 % of an A4 page), moved to the page's ``heads`` or
    ``feet``. A line in those bands that no other page repeats (a title at the top of
    the first page) is the page's text. The pages are read whole before the first is
    given (they are read in full for the report in any case)."""
    kept = list(pages)
    if len(kept) < 2:
        yield from kept
        return
    # each page's lines in the bands: (the line, in the foot's band, its shape)
    banded = [
        [
            (it, band, _shape(it.text))
            for it in page.items
            if isinstance(it, PdfLine) and (band := _band(it, page.height)) is not None
        ]
        for page in kept
    ]
    # (in the foot's band, the shape) -> (page, top) of each line
    seen: dict[tuple[bool, str], list[tuple[int, float]]] = {}
    for lines in banded:
        for line, band, shape in lines:
            seen.setdefault((band, shape), []).append((line.page, line.top))
    for page, lines in zip(kept, banded, strict=True):
        moved = [
            (line, band)
            for line, band, shape in lines
            if any(
                n != line.page and abs(top - line.top) <= _SAME_Y for n, top in seen[(band, shape)]
            )
        ]
        if moved:
            gone = {id(line) for line, _ in moved}
            page = attrs.evolve(  # noqa: PLW2901 - the page without them
                page,
                items=tuple(it for it in page.items if id(it) not in gone),
                heads=(*page.heads, *(line for line, band in moved if not band)),
                feet=tuple(line for line, band in moved if band),
            )
        yield page


def _band(line: PdfLine, height: float) -> bool | None:
    """For a line in the band of a page where running heads stand, ``False``; where
    running feet stand, ``True``; else ``None``."""
    if line.bottom < _HEAD_BAND * height:
        return False
    if line.top > _FOOT_BAND * height:
        return True
    return None


_DIGITS_RUN: Final = re.compile(r"\d+")


def _shape(text: str) -> str:
    """``text`` without blanks and with each run of digits as ``#``: what a running head
    is on every page, its page number aside."""
    return _DIGITS_RUN.sub("#", "".join(text.split()))


def _in_a_row(line: PdfLine, grids: Sequence[PdfGrid]) -> bool:
    """Whether ``line`` is level with a row of a ruled table (beside it: a cell whose
    rules are not drawn)."""
    middle = (line.top + line.bottom) / 2
    return any(g.top < middle < g.bottom for g in grids)


_TIGHT: Final = 0.6
"""How far below a figure (in its size) the table it heads begins: as near as the rows
of a table are to each other, nearer than a page's body is to its header."""


def _heads_table(
    line: PdfLine, below: Sequence[PdfLine], grids: Sequence[PdfGrid], height: float
) -> bool:
    """Whether ``line``, a figure alone at the top of the page (not a page number
    written out, ``- 3 -``), is the first of a table the page begins with: a header
    cell holding just a figure, or a row of one: what follows it at once (within
    :data:`_TIGHT` of its size) is a ruled table under it or a line holding a figure
    (the next row)."""
    if line.bottom >= 0.08 * height or not line.text.isdigit():
        return False
    reach = line.bottom + _TIGHT * max(line.size, 1.0)
    middle = (line.x0 + line.x1) / 2
    if any(line.bottom - 1 <= g.top <= reach and g.xs[0] <= middle <= g.xs[-1] for g in grids):
        return True
    return any(
        ln.top <= reach and any(ch.isdigit() for ch in ln.text)
        for ln in below
        if ln.top >= line.bottom - 1
    )


PdfEngine = Literal["pdfplumber", "pdfium"]
"""The engine :func:`parse_pdf` reads pages with: ``"pdfplumber"`` (pdfminer.six, in
Python; the default) or ``"pdfium"`` (PDFium, in C++, through pypdfium2: the same
report, several times faster)."""
ENGINES: Final[tuple[PdfEngine, ...]] = ("pdfplumber", "pdfium")


def _pages(
    source: str | os.PathLike[str] | bytes,
    max_pages: int | None,
    limits: Limits | None = None,
    engine: PdfEngine = "pdfplumber",
) -> Iterator[_Page]:
    if engine not in ENGINES:
        msg = f"unknown PDF engine {engine!r}; expected one of {', '.join(ENGINES)}"
        raise ValueError(msg)
    try:
        import pdfminer  # noqa: F401, PLC0415 - optional extra, imported when used

        if engine == "pdfium":
            import pypdfium2  # noqa: F401, PLC0415
        else:
            import pdfplumber  # noqa: F401, PLC0415
    except ImportError as exc:  # pragma: no cover - depends on the environment
        extra = "pdfium" if engine == "pdfium" else "pdf"
        what = "pypdfium2 and pdfminer.six" if engine == "pdfium" else "pdfplumber"
        msg = (
            f"reading PDF with engine={engine!r} needs {what}: pip install 'govdisclosure[{extra}]'"
        )
        raise ImportError(msg) from exc

    limits = resolve(limits)
    budget = limits.budget()
    if max_pages is None:
        max_pages = limits.max_pages
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        input_size(data, limits)
        if not data.lstrip()[:1024].find(b"%PDF") >= 0:
            msg = N_("not a PDF: no %PDF header")
            raise ParseError(msg)
        stream: Any = io.BytesIO(data)
    else:
        stream = os.fspath(source)
        limits.check("max_bytes", os.path.getsize(stream), "bytes of the file")
    if engine == "pdfium":
        yield from _pdfium_pages(stream, max_pages, limits, budget)
        return
    with _hooked():
        yield from _pdfplumber_pages(stream, max_pages, limits, budget)


def _pdfplumber_pages(
    stream: Any, max_pages: int | None, limits: Limits, budget: Budget
) -> Iterator[_Page]:
    """The pages of a PDF read with pdfplumber (the default engine)."""
    import pdfplumber  # noqa: PLC0415

    try:
        pdf = pdfplumber.open(stream)
    except FileNotFoundError:
        raise
    except Exception as exc:
        raise ParseError(_describe(exc)) from exc
    try:
        try:
            count = len(pdf.pages)
        except Exception as exc:
            raise ParseError(_describe(exc)) from exc
        _check_count(count, max_pages)
        for number in range(1, count + 1):
            budget.check()
            page = pdf.pages[number - 1]
            try:
                _check_content(page, number, limits)
                with _silent_losses(page.page_obj, number):
                    read = _read_page(page, number)
                yield read
            except ParseError:
                raise
            except Exception as exc:
                raise ParseError(f"page {number}: {_describe(exc)}", page=number) from exc
            finally:
                page.close()
                _forget(pdf)
    finally:
        _close(pdf)


def _check_count(count: int, max_pages: int | None) -> None:
    if count == 0:
        msg = N_("the PDF has no pages")
        raise ParseError(msg)
    if max_pages is not None and count > max_pages:
        msg = f"the PDF has {count} pages, more than max_pages={max_pages}"
        raise LimitExceeded(msg)


@attrs.frozen
class _Measured:
    """A pdfminer page, for :func:`_check_content` (which reads ``page_obj``)."""

    page_obj: Any


def _pdfium_pages(
    stream: Any, max_pages: int | None, limits: Limits, budget: Budget
) -> Iterator[_Page]:
    """The pages of a PDF read with PDFium (``engine="pdfium"``).

    The document is opened with pdfminer too, as the pdfplumber engine opens it, and
    refused for the same reasons (not a PDF, damaged, encrypted with a password); its
    page tree gives each page's content streams, measured inflated before PDFium reads
    the page (PDFium inflates a page's content whole, as pdfminer does), and its fonts'
    descents and names as pdfminer reads them (:func:`_fonts`). Only that is read by
    pdfminer: a few milliseconds a document (6 ms for huaian-2024's six pages).
    """
    from pdfminer.pdfdocument import PDFDocument  # noqa: PLC0415
    from pdfminer.pdfpage import PDFPage  # noqa: PLC0415
    from pdfminer.pdfparser import PDFParser  # noqa: PLC0415

    from govdisclosure.formats import _pdfium  # noqa: PLC0415

    fh: Any = open(stream, "rb") if isinstance(stream, str) else stream  # noqa: SIM115
    try:
        try:
            doc = PDFDocument(PDFParser(fh), password="")
            measured = list(PDFPage.create_pages(doc))  # (as pdfplumber lists them)
        except Exception as exc:
            raise ParseError(_describe(PdfminerException(exc))) from exc
        _check_count(len(measured), max_pages)
        seen: dict[int, _FontInfo] = {}
        fonts_inflated: set[int] = set()
        try:
            pdf = _pdfium.Document(stream if isinstance(stream, str) else stream.getvalue())
        except Exception as exc:
            if _pdfium.password_error(exc):
                raise ParseError(_describe(_Encrypted())) from exc
            raise ParseError(_describe(exc)) from exc
        try:
            try:
                # the pages both list (as many unless the file is damaged): each is
                # measured before PDFium reads it, and none is read that the
                # pdfplumber engine would not read
                count = min(len(pdf), len(measured))
            except Exception as exc:
                raise ParseError(_describe(exc)) from exc
            _check_count(count, max_pages)
            for number in range(1, count + 1):
                budget.check()
                try:
                    page_obj = measured[number - 1]
                    _check_content(_Measured(page_obj), number, limits)
                    fonts = _fonts(page_obj, seen)
                    _inflate_as_pdfminer(page_obj, fonts_inflated, budget, number=number)
                    _forget_objects(doc)
                    yield _read_page(pdf.page(number - 1, fonts), number)
                except ParseError:
                    raise
                except Exception as exc:
                    raise ParseError(f"page {number}: {_describe(exc)}", page=number) from exc
        finally:
            with contextlib.suppress(Exception):
                pdf.close()
    finally:
        if fh is not stream:
            fh.close()


_FontInfo = dict[str, tuple[float, str]]


def _fonts(page: Any, seen: dict[int, _FontInfo] | None = None) -> _FontInfo:
    """The fonts of a pdfminer page (and of the forms it draws) by BaseFont: the
    descent (in font sizes) and the name pdfminer gives them. The descent is the
    descriptor's ``/Descent`` (0 when it has none; PDFium takes the font program's
    where it is 0, as LibreOffice writes it, which would box characters lower), a
    standard font's standard metrics; the name is the descriptor's ``/FontName``
    (PDFium gives some fonts' names without their subset tag). Fonts of Type 3 and
    fonts beyond reading are left to PDFium. ``seen`` keeps what each font object
    gave, by object number, for the pages after (a font's widths, parsed with it,
    take milliseconds)."""
    from pdfminer.fontmetrics import FONT_METRICS  # noqa: PLC0415
    from pdfminer.pdftypes import PDFObjRef, resolve1  # noqa: PLC0415
    from pdfminer.psparser import PSLiteral  # noqa: PLC0415

    out: _FontInfo = {}
    known = {} if seen is None else seen

    def name(value: object) -> str | None:
        value = resolve1(value)
        if isinstance(value, PSLiteral):
            value = value.name
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        return value if isinstance(value, str) else None

    def font(spec: object) -> _FontInfo:
        """What one font gives: its BaseFont, and the same without a subset tag."""
        spec = resolve1(spec)
        if not isinstance(spec, dict) or name(spec.get("Subtype")) == "Type3":
            return {}
        base = name(spec.get("BaseFont"))
        inner: object = spec
        if name(spec.get("Subtype")) == "Type0":
            descendants = resolve1(spec.get("DescendantFonts"))
            if not isinstance(descendants, list) or not descendants:
                return {}
            inner = resolve1(descendants[0])
        if base is None or not isinstance(inner, dict):
            return {}
        descriptor = resolve1(inner.get("FontDescriptor"))
        if not isinstance(descriptor, dict):
            inner_base = name(inner.get("BaseFont"))
            if inner_base not in FONT_METRICS:
                return {}
            descriptor = FONT_METRICS[inner_base][0]
        descent = resolve1(descriptor.get("Descent", 0))
        if isinstance(descent, int | float) and not isinstance(descent, bool):
            value = (-abs(float(descent)) / 1000, name(descriptor.get("FontName")) or "unknown")
            # (PDFium names a Type 1 font without its subset tag: ABCDEF+Name is Name)
            return {base[7:] if base[6:7] == "+" else base: value, base: value}
        return {}

    with contextlib.suppress(Exception):
        for kind, spec in _resource_items(page.resources):
            if kind != "font":
                continue
            objid = spec.objid if isinstance(spec, PDFObjRef) else None
            entries = known.get(objid) if isinstance(objid, int) else None
            if entries is None:
                entries = font(spec)
                if isinstance(objid, int):
                    known[objid] = entries
            for key, info in entries.items():
                if "+" in key:
                    out[key] = info
                else:  # (of two subsets of one font, the first's goes by the name)
                    out.setdefault(key, info)
    return out


def _resource_items(resources: object) -> Iterator[tuple[Literal["font", "form"], Any]]:
    """What a page's resource dictionary ``resources`` holds that pdfminer reads, in
    its order: each font (``"font"``, as given: a reference or a dictionary) and each
    form XObject (``"form"``, its stream), each form followed by what its own resources
    hold, forms in forms to :data:`_MAX_FORM_DEPTH`; a form drawn twice is walked once.
    What the PDFium engine asks of the fonts (:func:`_fonts`) and of the streams
    (:func:`_pdfminer_streams`) is found in the same walk."""
    from pdfminer.pdftypes import PDFStream, resolve1  # noqa: PLC0415
    from pdfminer.psparser import PSLiteral  # noqa: PLC0415

    forms_done: set[int] = set()

    def walk(value: object, depth: int) -> Iterator[tuple[Literal["font", "form"], Any]]:
        value = resolve1(value)
        if not isinstance(value, dict) or depth > _MAX_FORM_DEPTH:
            return
        fonts = resolve1(value.get("Font"))
        if isinstance(fonts, dict):
            for ref in fonts.values():
                yield "font", ref
        xobjects = resolve1(value.get("XObject"))
        if isinstance(xobjects, dict):
            for ref in xobjects.values():
                form = resolve1(ref)
                if not isinstance(form, PDFStream) or id(form) in forms_done:
                    continue
                subtype = resolve1(form.attrs.get("Subtype"))
                if isinstance(subtype, PSLiteral) and subtype.name == "Form":
                    forms_done.add(id(form))
                    yield "form", form
                    yield from walk(form.attrs.get("Resources"), depth + 1)

    return walk(resources, 0)


_DATA_LOSS: Final = "Data-loss while decompressing corrupted data"
"""What pdfminer logs of a stream that inflates but for its checksum (its words, in
``pdfminer.pdftypes.decompress_corrupted``)."""


Inflation = Literal["whole", "checksum", "broken", "cut"]
"""How a ``FlateDecode`` stream inflates, as pdfminer reads it: ``whole``; ``checksum``,
failing in one of its last 3 bytes (the checksum: pdfminer keeps what inflated and logs
:data:`_DATA_LOSS`); ``broken``, failing before them (pdfminer reads it as empty, without
a word); ``cut``, ending before its zlib stream does (cut short: pdfminer reads it as far
as it goes, without a word)."""


def _inflation(data: bytes, budget: Budget | None = None) -> Inflation | None:
    """How pdfminer inflates the ``FlateDecode`` stream ``data`` (:data:`Inflation`).
    pdfminer finds out a byte at a time, in time that grows with the square of the
    stream's size (seconds for a font of a few hundred KB); this finds the same in one
    pass, a chunk of memory at a time, however far it inflates (as pdfminer inflates
    it), within the time ``budget`` when there is one (:meth:`Budget.check` between
    chunks). An empty stream is left unjudged (None: it holds nothing to lose)."""
    if not data:
        return None
    inflater = zlib.decompressobj()
    cut = max(len(data) - 3, 0)
    try:
        for _ in inflated_chunks(inflater, data[:cut], _CHUNK):
            if budget is not None:
                budget.check()
    except zlib.error:
        return "broken"
    try:
        for k in range(cut, len(data)):
            if inflater.eof:
                return "whole"
            for _ in inflated_chunks(inflater, data[k : k + 1], _CHUNK):
                pass
    except zlib.error:
        return "checksum"
    return "whole" if inflater.eof else "cut"


@attrs.frozen
class _Lost:
    """A stream that does not inflate whole, read without a word (:func:`_inflation`:
    ``broken`` or ``cut``): the key it is found under (``/Contents``, ``/XObject``,
    ``/ToUnicode``, ``/FontFile``, ``/FontFile2``), its reference (``56 0 R``; None for
    a direct one), the page it is first read for, how it fails, and its size compressed."""

    key: str
    ref: str | None
    page: int
    how: Inflation
    size: int


def _pdfminer_streams(page: Any, fonts_done: set[int]) -> list[tuple[str, Any]]:
    """The streams pdfminer's interpreter inflates to read ``page`` (a pdfminer page), in
    order, each with the key it is found under: the page's content streams
    (``/Contents``), the forms in its resources (and in theirs: ``/XObject``), and, once a
    document (``fonts_done``: the font objects done, as pdfminer keeps a font read), the
    streams it reads of each font: the ``/ToUnicode`` map, a composite font's
    ``/FontFile2``, a simple font's ``/FontFile`` when it has no ``/Encoding`` and is not
    one of the 14 standard fonts (whose metrics pdfminer has). What pdfminer cannot
    walk is left out."""
    from pdfminer.fontmetrics import FONT_METRICS  # noqa: PLC0415
    from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1  # noqa: PLC0415
    from pdfminer.psparser import PSLiteral  # noqa: PLC0415

    streams_done: set[int] = set()
    out: list[tuple[str, Any]] = []

    def inflate(value: object, key: str) -> None:
        stream = resolve1(value)
        if isinstance(stream, PDFStream) and id(stream) not in streams_done:
            streams_done.add(id(stream))
            out.append((key, stream))

    def name(value: object) -> object:
        value = resolve1(value)
        return value.name if isinstance(value, PSLiteral) else None

    def font(ref: object) -> None:
        if isinstance(ref, PDFObjRef):
            if ref.objid in fonts_done:
                return
            fonts_done.add(ref.objid)
        spec = resolve1(ref)
        if not isinstance(spec, dict):
            return
        inflate(spec.get("ToUnicode"), "/ToUnicode")
        subtype = name(spec.get("Subtype"))
        if subtype == "Type0":
            descendants = resolve1(spec.get("DescendantFonts"))
            inner = resolve1(descendants[0]) if isinstance(descendants, list) else None
            subtype = name(inner.get("Subtype")) if isinstance(inner, dict) else None
        else:
            inner = spec
        if not isinstance(inner, dict):
            return
        descriptor = resolve1(inner.get("FontDescriptor"))
        if not isinstance(descriptor, dict):
            return
        if subtype in ("CIDFontType0", "CIDFontType2"):
            inflate(descriptor.get("FontFile2"), "/FontFile2")
        elif (
            subtype != "Type3"
            and "Encoding" not in spec
            and name(spec.get("BaseFont")) not in FONT_METRICS  # (else pdfminer's metrics)
        ):
            inflate(descriptor.get("FontFile"), "/FontFile")

    with contextlib.suppress(Exception):  # (what pdfminer cannot walk, PDFium reads)
        for ref in page.contents:
            inflate(ref, "/Contents")
        for kind, item in _resource_items(page.resources):
            if kind == "font":
                font(item)
            else:
                inflate(item, "/XObject")
    return out


def _inflate_as_pdfminer(
    page: Any,
    fonts_done: set[int],
    budget: Budget | None = None,
    *,
    number: int = 0,
    checksum: bool = True,
) -> None:
    """For the PDFium engine, which reads ``page`` (a pdfminer page, page ``number``)
    with PDFium: the streams pdfminer would inflate to read it
    (:func:`_pdfminer_streams`), judged as pdfminer judges them (:func:`_inflation`),
    in one pass. One that inflates but for its checksum is the damage pdfminer would
    log, a problem of the read (:func:`_pdfminer_problem`; with ``checksum``); one
    pdfminer reads without a word no further than its damage (broken or cut short) is
    a :class:`_Lost` of the read (:func:`_lost_stream`). A stream is judged at its first
    ``FlateDecode`` (:func:`_flate_input`), however far it inflates (pdfminer inflates a
    font's program whole, which ``max_bytes`` does not measure), within the time
    ``budget``. The damage pdfminer notices only interpreting the content (operators
    with bad operands) is not looked for: parsing the content in Python takes longer
    than PDFium's whole read."""
    for key, stream in _pdfminer_streams(page, fonts_done):
        if stream.rawdata is None:  # inflated already
            continue
        try:
            data = _flate_input(stream)
            how = None if data is None else _inflation(data, budget)
        except LimitExceeded:
            raise
        except Exception:  # (damage PDFium reads past)
            continue
        if how == "checksum" and checksum:
            _pdfminer_problem(_DATA_LOSS)
        elif how in ("broken", "cut") and data is not None:
            _lost_stream(_Lost(key, _ref(stream), number, how, len(data)))


def _flate_input(stream: Any) -> bytes | None:
    """What pdfminer's ``PDFStream.decode`` inflates at the first ``FlateDecode`` of
    ``stream`` (a pdfminer stream, not yet decoded): its data decrypted and decoded by
    the filters before (ASCII85, ASCIIHex, LZW, RunLength, with their predictors) by
    pdfminer itself; None when it has no ``FlateDecode``. Raises what pdfminer raises
    decoding the filters before."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream  # noqa: PLC0415

    filters = stream.get_filters()
    first = next((k for k, (f, _) in enumerate(filters) if f in LITERALS_FLATE_DECODE), None)
    if first is None:
        return None
    data = stream.rawdata
    if stream.decipher is not None and stream.objid is not None:
        data = stream.decipher(stream.objid, stream.genno or 0, data, stream.attrs)
    if first:
        before = filters[:first]
        attrs_ = {"Filter": [f for f, _ in before], "DecodeParms": [p for _, p in before]}
        data = PDFStream(attrs_, data).get_data()
    return data  # type: ignore[no-any-return]


class _WhileReading:
    """A change made to pdfminer while PDFs are read: made by the first read to start
    and undone by the last to end (reads in several threads, a read inside another),
    under a lock, exceptions or not. ``make`` makes it and returns what undoes it."""

    def __init__(self, make: Callable[[], Callable[[], None]]) -> None:
        self._make = make
        self._undo: Callable[[], None] | None = None
        self._users = 0
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._users == 0:
                self._undo = self._make()
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0 and self._undo is not None:
                    undo, self._undo = self._undo, None
                    undo()


_hook_original: Any = None


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's ``pdftypes.decompress_corrupted``, which its ``PDFStream.decode``
    calls on a ``FlateDecode`` stream that does not inflate whole (never on a sound
    one), while the pdfplumber engine reads (:func:`_hooked`): the same, and, in a
    thread reading a page (:func:`_silent_losses`), a stream it reads without a word no
    further than its damage is noted."""
    noted = getattr(_reading, "silent", None)
    if noted is not None:
        with contextlib.suppress(Exception):
            how = _inflation(data)
            if how in ("broken", "cut"):
                caller = sys._getframe(1).f_locals.get("self")  # (decode's stream)
                noted.append((caller, how, len(data)))
    return _hook_original(data)  # type: ignore[no-any-return]


def _hook_decompress() -> Callable[[], None]:
    """Put :func:`_decompress_corrupted` in pdfminer's place; return what puts it back."""
    global _hook_original  # noqa: PLW0603
    from pdfminer import pdftypes  # noqa: PLC0415

    _hook_original = original = pdftypes.decompress_corrupted
    pdftypes.decompress_corrupted = _decompress_corrupted

    def undo() -> None:
        pdftypes.decompress_corrupted = original

    return undo


_hooked: Final = _WhileReading(_hook_decompress)
"""While the block runs, pdfminer's ``decompress_corrupted`` is
:func:`_decompress_corrupted`, which does what it does (in every thread) and notes only
in a thread reading a page; the last read to end puts pdfminer's back."""


@contextlib.contextmanager
def _silent_losses(page: Any, number: int) -> Iterator[None]:
    """The streams pdfminer reads without a word no further than their damage while
    the block reads page ``number`` (``page``, pdfminer's) with pdfplumber, each a
    :class:`_Lost` of the read, under the key the page finds it under
    (:func:`_pdfminer_streams`; ``stream`` for one it does not: an annotation's, say)."""
    noted: list[tuple[Any, Inflation, int]] = []
    outer = getattr(_reading, "silent", None)
    _reading.silent = noted
    try:
        yield
    finally:
        _reading.silent = outer
        before = {s.ref: s for s in getattr(_reading, "lost", None) or () if s.ref}
        if noted or before:  # (damage met: nothing is walked for a sound PDF)
            streams = _pdfminer_streams(page, set())
            keys = {id(s): k for k, s in streams}
            refs = {_ref(s): k for k, s in streams if s.objid is not None}
            for stream, how, size in noted:
                ref = _ref(stream) if hasattr(stream, "objid") else None
                key = keys.get(id(stream)) or refs.get(ref) or "stream"
                _lost_stream(_Lost(key, ref, number, how, size))
            # a stream lost for a page before, which pdfminer keeps read (a content
            # stream pages share), is lost for this page too
            for ref in refs.keys() & before.keys():
                _lost_stream(attrs.evolve(before[ref], page=number))


def _ref(stream: Any) -> str | None:
    """A pdfminer stream's reference (``56 0 R``; None for a direct one)."""
    return None if stream.objid is None else f"{stream.objid} {stream.genno or 0} R"


class _Encrypted(Exception):
    """PDFium refused the document for its password (described as pdfminer's)."""


class PdfminerException(Exception):
    """A pdfminer error opening the document, wrapped and named as pdfplumber wraps
    it, so that the reason given is the pdfplumber engine's, word for word."""


_CHUNK: Final = 1 << 20
_MAX_FORM_DEPTH: Final = 16


def _inflated_size(data: bytes, limit: int) -> int:
    """How many bytes the zlib stream ``data`` inflates to, counted a chunk at a time
    and no further than just past ``limit`` (nothing is kept: memory stays at a chunk);
    a damaged stream counts what inflates before the damage."""
    total = 0
    with contextlib.suppress(zlib.error):
        for chunk in inflated_chunks(zlib.decompressobj(), data, _CHUNK):
            total += len(chunk)
            if total > limit:
                break
    return total


def _content_size(page: Any, limit: int) -> int:
    """The size of a page's content streams and of the forms they draw, inflated, counted
    no further than just past ``limit``: what pdfminer will inflate to read the page
    (a 200 KB PDF can hold a page that inflates to gigabytes). Streams other than
    plain ``FlateDecode`` are counted as stored."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1  # noqa: PLC0415
    from pdfminer.psparser import LIT  # noqa: PLC0415

    form_type = LIT("Form")
    total = 0
    seen: set[int] = set()

    def add(stream: PDFStream) -> None:
        nonlocal total
        key = id(stream)
        if key in seen:
            return
        seen.add(key)
        if stream.rawdata is None:  # already inflated
            total += len(stream.data or b"")
            return
        data = stream.rawdata
        if stream.decipher is not None and stream.objid is not None:
            data = stream.decipher(stream.objid, stream.genno or 0, data, stream.attrs)
        filters = stream.get_filters()
        if len(filters) == 1 and filters[0][0] in LITERALS_FLATE_DECODE:
            total += _inflated_size(data, limit - total)
        else:
            total += len(data)

    def forms(resources: object, depth: int) -> None:
        resources = resolve1(resources)
        xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
        if not isinstance(xobjects, dict) or depth > _MAX_FORM_DEPTH:
            return
        for ref in xobjects.values():
            form = resolve1(ref)
            if not isinstance(form, PDFStream) or id(form) in seen or total > limit:
                continue
            if resolve1(form.attrs.get("Subtype")) is not form_type:
                continue  # an image: not drawn by the interpreter
            add(form)
            forms(form.attrs.get("Resources"), depth + 1)

    for ref in page.page_obj.contents:
        stream = resolve1(ref)
        if isinstance(stream, PDFStream):
            add(stream)
            if total > limit:
                return total
    forms(page.page_obj.resources, 0)
    return total


def _check_content(page: Any, number: int, limits: Limits) -> None:
    """Refuse a page whose content, inflated, is beyond ``limits.max_bytes``, before
    pdfminer inflates it all in memory. A page too damaged to measure is left to the
    reader, which reports it as before."""
    limit = limits.max_bytes
    if limit is None:
        return
    try:
        size = _content_size(page, limit)
    except Exception:  # damage is the reader's to report, as before
        return
    limits.check("max_bytes", size, f"bytes of the content of page {number}, inflated")


def _close(pdf: Any) -> None:
    """Close the document; a document too damaged to list its pages may fail to close."""
    with contextlib.suppress(Exception):
        pdf.close()
    stream = getattr(pdf, "stream", None)
    if stream is not None and getattr(pdf, "stream_is_external", True) is False:
        with contextlib.suppress(Exception):
            stream.close()


def _forget(pdf: Any) -> None:
    """Drop the objects pdfminer keeps from pages already read (bounded memory)."""
    _forget_objects(getattr(pdf, "doc", None))


def _forget_objects(doc: Any) -> None:
    """Drop the objects a pdfminer document keeps from pages already read."""
    for name in ("_cached_objs", "_parsed_objs"):
        cache = getattr(doc, name, None)
        if isinstance(cache, dict):
            cache.clear()


def _describe(exc: BaseException) -> str:
    # pdfplumber wraps pdfminer's exceptions: look at the one inside
    inner = [exc, *(a for a in exc.args if isinstance(a, BaseException))]
    if exc.__context__ is not None:
        inner.append(exc.__context__)
    for e in inner:
        name = type(e).__name__
        if "Password" in name or "Encrypt" in name or "encrypt" in str(e).lower():
            return "the PDF is encrypted and needs a password"
    name = type(exc).__name__
    text = str(exc) or name
    return f"not a readable PDF ({name}: {text[:200]})"


# ------------------------------------------------------------------------ layout
def _merge_grids(a: PdfGrid, b: PdfGrid) -> PdfGrid:
    """``b`` (the top of a page) appended to ``a`` (the bottom of the page before)."""
    xs = _cluster([*a.xs, *b.xs], tol=_SNAP + 1.5)

    def remap(grid: PdfGrid, offset: int) -> list[PdfCell]:
        out = []
        for c in grid.cells:
            x0 = grid.xs[c.column]
            x1 = grid.xs[c.column + c.colspan]
            # (a cell narrower than the rules' snapping, at the right edge, is nearest the
            # last rule at both ends: it is the last column's, not one beyond the grid)
            j0 = min(_nearest(xs, x0), len(xs) - 2)
            j1 = max(_nearest(xs, x1), j0 + 1)
            out.append(attrs.evolve(c, row=c.row + offset, column=j0, colspan=j1 - j0))
        return out

    cells = remap(a, 0)
    bottom = {(c.column, c.colspan): c for c in cells if c.row + c.rowspan == a.rows}
    first = [c for c in remap(b, a.rows) if c.row == a.rows]
    # a row cut in two by the page break: no slot holds text on both sides of the break,
    # except a label whose rest is carried over
    split = bool(first) and all(
        (above := bottom.get((c.column, c.colspan))) is not None
        and (not above.text or not c.text or _continues(above, c))
        for c in first
    )
    offset = a.rows - 1 if split else a.rows
    lower = remap(b, offset)
    # in a row that is not split, only a group label (one with labels to its right, as
    # 三、本年度办理结果 or （四）无法提供) runs on down the next page
    by_column = {j: c for c in bottom.values() for j in range(c.column, c.column + c.colspan)}
    joined: list[PdfCell] = []
    for c in lower:
        above = bottom.get((c.column, c.colspan)) if c.row == offset else None
        if above is not None and (
            split or (_continues(above, c) and _is_label(by_column.get(c.column + c.colspan)))
        ):
            # the rest of a cell cut by the page break (a row split in two, or a merged
            # label running on down the next page)
            i = cells.index(above)
            extra = c.rowspan - 1 if split else c.rowspan
            cells[i] = attrs.evolve(
                above,
                rowspan=above.rowspan + extra,
                text=_join_lines((above.text, c.text)),
                mark=" ".join(m for m in (above.mark, c.mark) if m),
            )
            bottom[(c.column, c.colspan)] = cells[i]
            continue
        joined.append(c)
    return PdfGrid(
        page=a.page,
        top=a.top,
        bottom=b.bottom,
        xs=tuple(round(x, 1) for x in xs),
        rows=offset + b.rows,
        cells=tuple(sorted([*cells, *joined], key=lambda c: (c.row, c.column))),
    )


def _is_label(cell: PdfCell | None) -> bool:
    return cell is not None and bool(cell.text) and not _NUMERIC.fullmatch(cell.text)


def _continues(above: PdfCell, below: PdfCell) -> bool:
    """Whether ``below`` is the rest of the merged label ``above`` cut by a page break."""
    if not above.text or _NUMERIC.fullmatch(above.text):
        return False
    if not below.text:
        return True
    # numbers never continue a label; a label ending without closing its thought does
    return not _NUMERIC.fullmatch(below.text) and not _LEAF.match(below.text)


_NUMERIC: Final = re.compile(r"[-+]?[\d.,\s]+[件元万]*|[/／—－-]+")
_LEAF: Final = re.compile(
    r"^\s*(\d+[.、\uff0e,，]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)"
)


def _nearest(xs: Sequence[float], x: float) -> int:
    return min(range(len(xs)), key=lambda k: abs(xs[k] - x))


@attrs.frozen
class _Para:
    lines: tuple[PdfLine, ...]

    @property
    def text(self) -> str:
        return _join_lines(ln.text for ln in self.lines)


def _layout(pages: Iterable[_Page]) -> Iterator[PdfGrid | PdfImage | _Para]:
    """Tables, pictures and paragraphs in reading order, tables joined over page
    breaks."""
    pending: PdfGrid | None = None
    last_page = 0
    para: list[PdfLine] = []
    body_left: float | None = None
    body_right: float | None = None
    for page in pages:
        lines = [it for it in page.items if isinstance(it, PdfLine)]
        if lines:
            # the text column: the leftmost left edge that two lines or more share (on
            # a page of short paragraphs the indented first lines outnumber the lines
            # at the margin; a lone line further left is not the column), else the most
            # common one; and the largest right edge
            lefts = [ln.x0 for ln in lines]
            counts = {v: sum(abs(x - v) < 3 for x in lefts) for v in set(lefts)}
            shared = [v for v, n in counts.items() if n >= 2]
            left = min(shared) if shared else min(counts, key=lambda v: (-counts[v], v))
            body_left = left if body_left is None else min(body_left, left)
            right = max(ln.x1 for ln in lines)
            body_right = right if body_right is None else max(body_right, right)
        for k, it in enumerate(page.items):
            if isinstance(it, PdfImage):
                if para:
                    yield _Para(tuple(para))
                    para = []
                if pending is not None:
                    yield pending
                    pending = None
                yield it
                continue
            if isinstance(it, PdfGrid):
                if para:
                    yield _Para(tuple(para))
                    para = []
                if pending is not None and k == 0 and _same_table(pending, last_page, it):
                    pending = _merge_grids(pending, it)
                    last_page = it.page
                    continue
                if pending is not None:
                    yield pending
                pending = it
                last_page = it.page
                continue
            if pending is not None:
                yield pending
                pending = None
            if para and _breaks(para[-1], it, body_left or it.x0, body_right or it.x1):
                yield _Para(tuple(para))
                para = []
            para.append(it)
        # a table at the bottom of the page stays pending: the next page may continue it
    if pending is not None:
        yield pending
    if para:
        yield _Para(tuple(para))


def _same_table(a: PdfGrid, a_page: int, b: PdfGrid) -> bool:
    """Whether ``b``, first on its page, continues ``a``, last on page ``a_page``."""
    return b.page == a_page + 1 and abs(a.xs[0] - b.xs[0]) < 30 and abs(a.xs[-1] - b.xs[-1]) < 30


def _centred(line: PdfLine, left: float, right: float) -> bool:
    size = max(line.size, 1.0)
    return line.x0 > left + 2 * size and abs((line.x0 - left) - (right - line.x1)) < 2 * size


def _breaks(prev: PdfLine, line: PdfLine, left: float, right: float) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev``."""
    size = max(line.size, 1.0)
    if (
        _centred(prev, left, right)
        and _centred(line, left, right)
        and abs(line.size - prev.size) <= 1.0
        and line.page == prev.page
        and line.top - prev.bottom < 1.5 * size
    ):
        return False  # a title on several lines
    if (
        prev.size > 17
        and abs(line.size - prev.size) <= 1.0
        and line.page == prev.page
        and line.top - prev.bottom < 0.8 * size
    ):
        return False  # a large title wrapped
    if abs(line.size - prev.size) > 1.0 or (line.font != prev.font and _HEADING.match(line.text)):
        return True
    if _HEADING.match(line.text) or _HEADING.match(prev.text):
        return True
    if line.page == prev.page and line.top - prev.bottom > 1.5 * size:
        return True
    if line.x0 > left + 1.2 * size and line.x1 < right + size:
        return True  # indented first line
    return prev.x1 < right - 1.5 * size  # the line before ended short


# ------------------------------------------------------------------------ blocks
def _blocks(
    items: Iterable[PdfGrid | PdfImage | _Para], findings: list[Finding] | None = None
) -> list[Block]:
    """The blocks of ``items``; ``findings`` (when given) is given a
    ``parse.footnote-mark`` finding for each cell read without its marks."""
    from govdisclosure.formats._reader import (  # noqa: PLC0415 - the shared reading layer
        RawCell,
        RawParagraph,
        RawRow,
        RawTable,
    )

    blocks: list[Block] = []
    for it in items:
        if isinstance(it, _Para):
            first = it.lines[0]
            text = it.text
            if text:
                blocks.append(RawParagraph(text, Source(page=first.page, x=first.x0, y=first.top)))
            continue
        if isinstance(it, PdfImage):
            blocks.append(make_image(it.src, "", Source(page=it.page, x=it.x0, y=it.top)))
            continue
        rows: list[list[RawCell | None]] = [[None] * it.columns for _ in range(it.rows)]
        by: list[list[int]] = [[-1] * it.columns for _ in range(it.rows)]  # the cell in each slot
        for k, c in enumerate(it.cells):
            src = Source(page=c.page, row=c.row, cell=c.column, x=c.x, y=c.y)
            if c.mark and findings is not None:
                findings.append(
                    finding("parse.footnote-mark", source=src, mark=c.mark, text=c.text)
                )
            repeat = spanned_text(c.text)
            for i in range(c.row, c.row + c.rowspan):
                for j in range(c.column, c.column + c.colspan):
                    text = c.text if (i, j) == (c.row, c.column) else repeat
                    held = rows[i][j]
                    if held is not None and held.text and text and by[i][j] != k:
                        # two cells in one slot (the rules of a table joined over a page
                        # break snapped together): both texts are kept, in reading order
                        text = f"{held.text} {text}"
                    rows[i][j] = RawCell(text, src)
                    by[i][j] = k
        raw_rows = []
        for i, row in enumerate(rows):
            cells = tuple(
                c if c is not None else RawCell("", Source(page=it.page, row=i, cell=j))
                for j, c in enumerate(row)
            )
            raw_rows.append(RawRow(cells, cells[0].source if cells else Source(page=it.page)))
        blocks.append(RawTable(tuple(raw_rows), Source(page=it.page, y=round(it.top, 1))))
    return blocks


def read_pdf_grids(
    source: str | os.PathLike[str] | bytes,
    *,
    max_pages: int | None = None,
    limits: Limits | None = None,
    engine: PdfEngine = "pdfplumber",
) -> list[PdfGrid | PdfImage | str]:
    """The tables (as grids), paragraphs (as text) and large pictures of a PDF, in
    reading order.

    A view of what :func:`parse_pdf` sees, for inspecting a difficult document.
    """
    pages = _pages(source, max_pages, limits, engine)
    return [it.text if isinstance(it, _Para) else it for it in _layout(pages)]


def read_pdf_blocks(
    source: str | os.PathLike[str] | bytes,
    *,
    max_pages: int | None = None,
    limits: Limits | None = None,
    engine: PdfEngine = "pdfplumber",
) -> list[Block]:
    """The paragraphs and tables of a PDF as blocks for the shared reading layer."""
    blocks = _blocks(_layout(_pages(source, max_pages, limits, engine)))
    if _no_text(blocks):
        msg = N_("the PDF has no text layer (a scan?); run OCR first")
        raise ParseError(msg)
    return blocks


def _no_text(blocks: Sequence[Block]) -> bool:
    """Whether ``blocks`` hold no text: none, or pictures only (scanned pages)."""
    return all(isinstance(b, RawImage) for b in blocks)


def parse_pdf(
    source: str | os.PathLike[str] | bytes,
    *,
    max_pages: int | None = None,
    limits: Limits | None = None,
    engine: PdfEngine = "pdfplumber",
) -> Report:
    """Read a report from a PDF file (a path) or its bytes.

    Pages are read with pdfplumber (the optional extra ``pdf``), or with ``engine="pdfium"``
    through PDFium (the extra ``pdfium``: pypdfium2), several times faster, to the same
    report (positions may differ by a tenth of a point). Raises
    :class:`~govdisclosure.ParseError` when the input is not a readable PDF (truncated,
    damaged, encrypted with a password, or without a text layer) and
    :class:`~govdisclosure.LimitExceeded` when it is beyond ``limits`` (``max_bytes``,
    ``max_pages``, ``time_budget``, checked between pages; default: the process-wide
    :func:`~govdisclosure.get_limits`); ``max_pages`` overrides ``limits.max_pages``.
    Everything else noticed while reading becomes a finding on the report.

    >>> import govdisclosure as gd
    >>> report = gd.parse_pdf("tests/data/real/huaian-2024.pdf")  # doctest: +SKIP
    >>> report.cell("applications.new_received.total")  # doctest: +SKIP
    3119
    """
    return pdf_reports(source, max_pages=max_pages, limits=limits, engine=engine)[0]


_PDFMINER_LOGGING: Final = (
    "cmapdb",
    "pdfdevice",
    "pdfdocument",
    "pdffont",
    "pdfinterp",
    "pdfpage",
    "pdftypes",
    "psparser",
)
"""The pdfminer modules that log warnings or errors (pdfminer.six 20260107: each
through its module's logger, ``pdfminer.<module>``; none calls ``warnings.warn``)."""


def _note(logger: logging.Logger, level: object, msg: object, args: tuple[object, ...]) -> None:
    """Note a call of ``logger`` at ``level`` (``WARNING`` or worse), in a thread reading
    a PDF, as a problem of that read (:func:`_pdfminer_problem`): the message the record
    would say (its template when it does not format)."""
    with contextlib.suppress(Exception):
        if getattr(_reading, "problems", None) is None:
            return
        if isinstance(level, int) and level >= logging.WARNING:
            record = logging.LogRecord(logger.name, level, "", 0, msg, args, None)
            try:
                message = record.getMessage()
            except Exception:  # a message that does not format: its template
                message = str(msg)
            _pdfminer_problem(message)


class _NotingLogger:
    """What a pdfminer module holds for its logger while PDFs are read
    (:func:`_note_logs`): a call at ``WARNING`` or worse is noted (:func:`_note`), then
    passed on to the logger as it was made (``stacklevel``: its record names
    pdfminer's line, not this one); anything else is the logger's own. ``debug`` and
    ``info`` are the logger's own methods, kept in slots: pdfminer's 140,000 and more
    debug calls a read go to the logger as they did, and the logger (its attributes,
    its class) is not touched."""

    __slots__ = ("_logger", "debug", "info")

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger
        self.debug = logger.debug
        self.info = logger.info

    def warning(self, msg: object, *args: object, **kwargs: Any) -> None:
        _note(self._logger, logging.WARNING, msg, args)
        kwargs["stacklevel"] = kwargs.get("stacklevel", 1) + 1
        self._logger.warning(msg, *args, **kwargs)

    def warn(self, msg: object, *args: object, **kwargs: Any) -> None:
        _note(self._logger, logging.WARNING, msg, args)
        kwargs["stacklevel"] = kwargs.get("stacklevel", 1) + 1
        self._logger.warn(msg, *args, **kwargs)

    def error(self, msg: object, *args: object, **kwargs: Any) -> None:
        _note(self._logger, logging.ERROR, msg, args)
        kwargs["stacklevel"] = kwargs.get("stacklevel", 1) + 1
        self._logger.error(msg, *args, **kwargs)

    def exception(self, msg: object, *args: object, **kwargs: Any) -> None:
        _note(self._logger, logging.ERROR, msg, args)
        kwargs["stacklevel"] = kwargs.get("stacklevel", 1) + 1
        self._logger.exception(msg, *args, **kwargs)

    def critical(self, msg: object, *args: object, **kwargs: Any) -> None:
        _note(self._logger, logging.CRITICAL, msg, args)
        kwargs["stacklevel"] = kwargs.get("stacklevel", 1) + 1
        self._logger.critical(msg, *args, **kwargs)

    def fatal(self, msg: object, *args: object, **kwargs: Any) -> None:
        _note(self._logger, logging.CRITICAL, msg, args)
        kwargs["stacklevel"] = kwargs.get("stacklevel", 1) + 1
        self._logger.fatal(msg, *args, **kwargs)

    def log(self, level: int, msg: object, *args: object, **kwargs: Any) -> None:
        _note(self._logger, level, msg, args)
        kwargs["stacklevel"] = kwargs.get("stacklevel", 1) + 1
        self._logger.log(level, msg, *args, **kwargs)

    def __repr__(self) -> str:
        return repr(self._logger)


def _delegated(name: str) -> property:
    def get(self: _NotingLogger) -> Any:
        return getattr(self._logger, name)

    def set_(self: _NotingLogger, value: object) -> None:
        setattr(self._logger, name, value)

    return property(get, set_)


# (the rest of the logger's attributes, each its own: a __getattr__ would slow down
# every debug call, as the interpreter does not specialise a class that has one)
for _name in [
    *(n for n in dir(logging.Logger) if not n.startswith("__")),
    *("name", "level", "parent", "propagate", "handlers", "disabled", "filters", "_cache"),
]:
    if not hasattr(_NotingLogger, _name):
        setattr(_NotingLogger, _name, _delegated(_name))


def _note_logs() -> Callable[[], None]:
    """Put a :class:`_NotingLogger` in place of each pdfminer logger its modules hold
    (:data:`_PDFMINER_LOGGING`, and any other of its modules imported), and a handler
    that does nothing on the ``pdfminer`` logger; return what undoes both. Nothing the
    program set on the loggers (levels, handlers, filters, ``propagate``) is changed."""
    import importlib  # noqa: PLC0415

    for name in _PDFMINER_LOGGING:
        with contextlib.suppress(ImportError):  # (no pdfminer: the read says so)
            importlib.import_module(f"pdfminer.{name}")
    swapped: list[tuple[Any, str, logging.Logger, _NotingLogger]] = []
    for name, module in list(sys.modules.items()):
        if name != "pdfminer" and not name.startswith("pdfminer."):
            continue
        for attr, value in list(getattr(module, "__dict__", {}).items()):
            if isinstance(value, logging.Logger) and value.name.split(".")[0] == "pdfminer":
                proxy = _NotingLogger(value)
                setattr(module, attr, proxy)
                swapped.append((module, attr, value, proxy))
    # pdfminer's records still go where the program sends them; a program that has set
    # up no logging at all gets none printed by Python's last resort (as before)
    quiet = logging.NullHandler()
    pdfminer = logging.getLogger("pdfminer")
    pdfminer.addHandler(quiet)

    def undo() -> None:
        pdfminer.removeHandler(quiet)
        for module, attr, logger, proxy in swapped:
            if getattr(module, attr, None) is proxy:
                setattr(module, attr, logger)

    return undo


_noting_logs: Final = _WhileReading(_note_logs)
"""While the block runs, pdfminer's modules log through :class:`_NotingLogger`
(:func:`_note_logs`); the last read to end gives them their loggers back."""


@contextlib.contextmanager
def _pdfminer_problems() -> Iterator[list[str]]:
    """The problems pdfminer reports while the block runs in this thread (both engines:
    the PDFium engine opens and measures the document with pdfminer too): the warnings
    and errors it logs (:class:`_NotingLogger`), each noted before the program's logging
    has its say, which is left as it is: a program that silences pdfminer
    (``logging.getLogger("pdfminer").setLevel(logging.ERROR)``, ``logging.disable``, a
    filter, ``propagate``) still has its damage named, and gets no more records than it
    asked for; one that does not gets every record as before. In a read inside
    another, the inner read's."""
    problems: list[str] = []
    outer = getattr(_reading, "problems", None)
    with _noting_logs():
        _reading.problems = problems
        try:
            yield problems
        finally:
            _reading.problems = outer


@contextlib.contextmanager
def _lost_streams() -> Iterator[list[_Lost]]:
    """The streams found, while the block runs, to be read without a word no further
    than their damage (:func:`_inflate_as_pdfminer`)."""
    lost: list[_Lost] = []
    outer = getattr(_reading, "lost", None)
    _reading.lost = lost
    try:
        yield lost
    finally:
        _reading.lost = outer


_reading = threading.local()
"""The read under way in this thread: its problems (``problems``: a list, or None) and
its streams lost (``lost``: a list, or None)."""


def _lost_stream(lost: _Lost) -> None:
    """Count ``lost`` as a stream lost in the read under way in this thread."""
    streams = getattr(_reading, "lost", None)
    if streams is not None:
        streams.append(lost)


def _pdfminer_problem(message: str) -> None:
    """Count ``message`` as a problem pdfminer reports of the read under way in this
    thread (damage the PDFium engine finds as pdfminer would: see
    :func:`_inflate_as_pdfminer`)."""
    problems = getattr(_reading, "problems", None)
    if problems is not None:
        problems.append(message)


_PROBLEM_QUOTED: Final = 120
"""How much of pdfminer's first message a ``parse.pdf-damage`` finding quotes."""


def _quoted_problem(message: str) -> str:
    """pdfminer's message, its unprintable characters (bytes of the damage) as ``?``,
    at most :data:`_PROBLEM_QUOTED` characters."""
    text = "".join(c if c.isprintable() else "?" for c in message)
    return text if len(text) <= _PROBLEM_QUOTED else text[: _PROBLEM_QUOTED - 1] + "…"


def pdf_reports(
    source: str | os.PathLike[str] | bytes,
    *,
    max_pages: int | None = None,
    limits: Limits | None = None,
    every: bool = False,
    engine: PdfEngine = "pdfplumber",
) -> list[Report]:
    """:func:`parse_pdf`'s report as a one-item list; with ``every``, each report of a
    PDF that holds several one after another (a compilation), in order, each read as
    :func:`parse_pdf` reads one."""
    from govdisclosure.formats._reader import (  # noqa: PLC0415
        assemble,
        report_parts,
        with_mark_paths,
        with_pictures,
    )

    heads: list[PdfLine] = []
    feet: list[PdfLine] = []

    def noted(pages: Iterable[_Page]) -> Iterator[_Page]:
        for page in pages:
            heads.extend(page.heads)
            feet.extend(page.feet)
            yield page

    with _pdfminer_problems() as problems, _lost_streams() as lost:
        items = list(_layout(noted(_repeated(_pages(source, max_pages, limits, engine)))))
    findings: list[Finding] = []
    blocks = _blocks(items, findings)
    if _no_text(blocks):
        msg = N_("the PDF has no text layer (a scan?); run OCR first")
        raise ParseError(msg)
    parts = report_parts(blocks, findings, every=every)
    reports = [assemble(part, findings=shared) for part, shared in parts]
    if findings:
        reports = [with_mark_paths(report) for report in reports]
    if not any(isinstance(it, PdfGrid) for it in items):
        # no ruled table: tables laid out with spaces only are read line by line as text
        # (each report as the text reader reads it, when it reads as many)
        lines = [ln for it in items if isinstance(it, _Para) for ln in it.lines]
        as_text = _read_as_text(lines, limits, every=every)
        if as_text is not None and len(as_text) == len(reports):
            reports = [
                with_pictures(text, report) if len(text.tables) > len(report.tables) else report
                for text, report in zip(as_text, reports, strict=True)
            ]
    if heads or feet:
        reports = [
            attrs.evolve(report, findings=(*named, *report.findings)) if named else report
            for report, named in zip(reports, _head_findings(heads, parts, feet), strict=True)
        ]
    if problems:
        # (the document's, not a page's: with the first report, as other such findings)
        damage = finding(
            "parse.pdf-damage", count=len(problems), problem=_quoted_problem(problems[0])
        )
        reports[0] = attrs.evolve(reports[0], findings=(damage, *reports[0].findings))
    if lost:
        reports[0] = attrs.evolve(reports[0], findings=(_lost_finding(lost), *reports[0].findings))
    return reports


def _head_findings(
    heads: Sequence[PdfLine],
    parts: Sequence[tuple[Sequence[Block], Sequence[Finding]]],
    feet: Sequence[PdfLine] = (),
) -> list[list[Finding]]:
    """The ``parse.unread-text`` finding of each report (of the blocks of ``parts``) for
    the running heads of its pages (``heads``, page numbers not among them): each head
    is the report's whose text it stands above (the topmost of its page; on a page
    without text, the last report that begins before it). Its text is counted and its
    figures quoted as those of a Word document's headers
    (``govdisclosure.formats._furniture``: the same line, a running head printed on
    every page, counted once; page numbers taken out, and a number beside a running
    head that is printed with other numbers on other pages: :func:`_paged`); the
    finding's source is the first head it counts. The running feet (``feet``, lines a
    word processor prints at the foot of every page: :func:`_repeated`) are named the
    same way, in a finding of their own, each the report's whose text is topmost on
    its page too."""
    from govdisclosure.formats._assembly import top_owners  # noqa: PLC0415

    chunks = [part for part, _ in parts]
    out: list[list[Finding]] = [[] for _ in parts]
    for lines, story in ((heads, RUNNING_HEADS), (feet, RUNNING_FEET)):
        if not lines:
            continue
        sources = [Source(page=ln.page, x=ln.x0, y=ln.top) for ln in lines]
        mine: list[list[int]] = [[] for _ in parts]
        for k, at in enumerate(top_owners(sources, chunks)):
            mine[at].append(k)
        for found, ks in zip(out, mine, strict=True):
            texts = _paged([lines[k].spaced or lines[k].text for k in ks])
            named = furniture_findings((), (), stories=((story, texts),))
            first = next(
                (sources[k] for k, t in zip(ks, texts, strict=True) if unfurnished(t)), None
            )
            found.extend(attrs.evolve(f, source=first) for f in named)
    return out


_BESIDE: Final = re.compile(
    r"(?:(?P<before>\d{1,4})\s+(?P<rest>.*\S)|(?P<text>.*\S)\s+(?P<after>\d{1,4}))"
)
"""A line with a number of 1 to 4 digits set apart at its start or its end."""


def _paged(texts: Sequence[str]) -> list[str]:
    """``texts`` (running heads, one a page) without the page numbers printed beside
    them: a number set apart at the start or the end of a line (:data:`_BESIDE`)
    where the rest of the line is printed with another number on another page
    (``某县年度报告  3``, ``某县年度报告  4``). A number printed the same on every page
    (``年度报告 2024``), or on one page only, is kept: it may be a figure.

    >>> _paged(["某县年度报告 3", "某县年度报告 4", "第2024号 1", "年报 2024", "年报 2024"])
    ['某县年度报告', '某县年度报告', '第2024号 1', '年报 2024', '年报 2024']
    """
    split: list[tuple[str, str] | None] = []
    numbers: dict[str, set[str]] = {}
    for text in texts:
        match = _BESIDE.fullmatch(text.strip())
        if match is None:
            split.append(None)
            continue
        rest = match.group("rest") or match.group("text")
        number = match.group("before") or match.group("after")
        split.append((rest, number))
        numbers.setdefault(rest, set()).add(number)
    return [
        held[0] if held is not None and len(numbers[held[0]]) > 1 else text
        for text, held in zip(texts, split, strict=True)
    ]


def _lost_finding(lost: Sequence[_Lost]) -> Finding:
    """The ``parse.pdf-lost`` finding of the streams ``lost`` (in the order read): a
    stream read for several pages (a form drawn on each, a content stream two pages
    share) is one stream, read for each of them."""
    streams: dict[object, _Lost] = {}
    for k, s in enumerate(lost):
        streams.setdefault(k if s.ref is None else s.ref, s)
    return finding(
        "parse.pdf-lost",
        count=len(streams),
        broken=sum(s.how == "broken" for s in streams.values()),
        cut=sum(s.how == "cut" for s in streams.values()),
        streams=", ".join(s.key if s.ref is None else f"{s.key} {s.ref}" for s in streams.values()),
        pages=", ".join(map(str, sorted({s.page for s in lost}))),
        size=sum(s.size for s in streams.values()),
    )


def _read_as_text(
    lines: Sequence[PdfLine], limits: Limits | None, *, every: bool = False
) -> list[Report] | None:
    """The lines read by the text parser (each report of them, with ``every``), with
    every source moved back onto its page."""
    from govdisclosure.formats.text import text_reports  # noqa: PLC0415

    try:
        reports = text_reports(
            "\n".join(ln.spaced or ln.text for ln in lines), limits=limits, every=every
        )
    except ParseError:
        return None

    def place(src: Source | None) -> Source | None:
        if src is None or src.line is None or not 1 <= src.line <= len(lines):
            return src
        ln = lines[src.line - 1]
        return Source(page=ln.page, x=ln.x0, y=ln.top)

    def placed(report: Report) -> Report:
        provenance = {path: place(src) or src for path, src in report.provenance.items()}
        findings = tuple(attrs.evolve(f, source=place(f.source)) for f in report.findings)
        return attrs.evolve(report, provenance=provenance, findings=findings)

    return [placed(report) for report in reports]
