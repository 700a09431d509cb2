"""The cells of an Excel workbook (OOXML: ``.xlsx``, ``.xlsm``) embedded in a Word document.

Staff paste the report's tables into Word from Excel as an embedded object: Word shows a
picture of the sheet and keeps the workbook as a part of the document
(``word/embeddings/Microsoft_Excel_Worksheet.xlsx``). :func:`read_sheet` opens that
package with :mod:`zipfile` and reads the sheet Word shows (the workbook's active sheet)
with lxml: its cells' values as Excel shows them in the General format (shared strings,
inline strings, numbers, the cached results of formulas, booleans and errors) and its
merged ranges, a range's value in its top-left cell. Only the part of the sheet the
object shows is read (``oleSize`` in the workbook, else the whole sheet), bounded to the
cells that hold a value or a merged range.

Nothing here trusts the package: its parts' declared sizes are refused beyond
``max_bytes`` before any is read (a zip bomb), the grid beyond ``max_cells`` before it
is made (a sheet whose cells lie a million rows apart), merged ranges are clamped to
``max_span``, and the clock is checked every 512 rows. A package that cannot be read
(damaged zip, missing part, XML that does not parse, a cell reference that is not one)
raises :class:`SheetError`, which the Word reader reports as an object it could not
read.

>>> column_index("A"), column_index("AB"), cell_name(2, 27)
(0, 27, 'AB3')
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import attrs

from govdisclosure.limits import Budget, Limits

__all__ = ["Sheet", "SheetError", "cell_name", "column_index", "read_sheet"]

MAX_ROWS: Final = 1_048_576
MAX_COLUMNS: Final = 16_384

_MAIN: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOC: Final = "/officeDocument"
_SHARED: Final = "/sharedStrings"
_REF: Final = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
_ESCAPE: Final = re.compile(r"_x([0-9A-Fa-f]{4})_")
_UNZIP_ERRORS: Final = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    ValueError,
    OSError,
    EOFError,
    NotImplementedError,  # a compression method zipfile does not know
    RuntimeError,  # an encrypted part
)


class SheetError(ValueError):
    """The embedded workbook cannot be read (why, in the message)."""


@attrs.frozen
class Sheet:
    """The cells of the sheet an embedded workbook shows."""

    name: str
    """The sheet's name (its tab)."""
    first_row: int
    """The sheet's row (0-based) of the grid's first row."""
    first_column: int
    """The sheet's column (0-based) of the grid's first column."""
    rows: int
    columns: int
    cells: tuple[tuple[int, int, int, int, str], ...]
    """Each cell as (row, column, rowspan, colspan, text), in the grid (0-based)."""
    hidden: int = 0
    """Cells with a value the object does not show, not read: outside the part of the
    sheet it shows, or under a merged range (which shows its top-left cell's value)."""

    @property
    def range(self) -> str:
        """The cells read, in Excel's notation (``A1:J28``); empty for an empty sheet."""
        if not self.rows or not self.columns:
            return ""
        first = cell_name(self.first_row, self.first_column)
        last = cell_name(self.first_row + self.rows - 1, self.first_column + self.columns - 1)
        return first if first == last else f"{first}:{last}"


def column_index(letters: str) -> int:
    """The 0-based column of Excel's column letters (``A`` 0, ``AA`` 26)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def cell_name(row: int, column: int) -> str:
    """Excel's name of the cell at 0-based ``row`` and ``column`` (``B3``)."""
    letters = ""
    n = column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def _ref(text: str) -> tuple[int, int]:
    m = _REF.fullmatch(text.strip())
    if m is None:
        msg = f"not a cell reference: {text[:40]!r}"
        raise SheetError(msg)
    row, column = int(m.group(2)) - 1, column_index(m.group(1))
    if not (0 <= row < MAX_ROWS and 0 <= column < MAX_COLUMNS):
        msg = f"a cell beyond the sheet: {text[:40]!r}"
        raise SheetError(msg)
    return row, column


def _range(text: str) -> tuple[int, int, int, int]:
    """First row, first column, last row, last column of ``A1:J28`` (or ``B3``)."""
    first, _, last = text.partition(":")
    r0, c0 = _ref(first)
    r1, c1 = _ref(last) if last else (r0, c0)
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


def _unescape(text: str) -> str:
    """Excel's escapes of characters XML cannot hold (``_x000D_``) undone."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _string(el: Any) -> str:
    """The text of a string item (``si``, ``is``): its ``t``, or its runs' ``t``; phonetic
    guides (``rPh``) are not text."""
    parts = [t.text or "" for t in el.iterchildren(f"{_MAIN}t")]
    for r in el.iterchildren(f"{_MAIN}r"):
        parts.extend(t.text or "" for t in r.iterchildren(f"{_MAIN}t"))
    return _unescape("".join(parts))


def _number(text: str) -> str:
    """A number as Excel shows it in the General format: an integer without a decimal
    point, else at most 15 significant digits (``0.30000000000000004`` is ``0.3``).

    >>> _number("12"), _number("12.000000000000002"), _number("1.5E-3"), _number("1E+15")
    ('12', '12', '0.0015', '1E+15')
    """
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return text.strip()
    if not value.is_finite() or not -400 < value.adjusted() < 400:
        return text.strip()  # (Excel's numbers are doubles: within 1e-308 to 1e308)
    if value.adjusted() < 15 and value == value.to_integral_value():
        return str(int(value))
    mantissa, e, exponent = f"{value:.15g}".partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E{int(exponent):+03d}" if e else mantissa


class _Package:
    """The parts of a workbook's package, each read once, within ``max_bytes``."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        from lxml import etree  # noqa: PLC0415

        self._etree = etree
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except _UNZIP_ERRORS as exc:
            msg = f"not a workbook ({type(exc).__name__}: {str(exc)[:200]})"
            raise SheetError(msg) from exc
        # (zipfile reads no part beyond the size its entry declares)
        unpacked = sum(info.file_size for info in infos)
        limits.check(
            "max_bytes", unpacked, "bytes of a workbook embedded in the Word document, uncompressed"
        )
        self._names = {info.filename.lstrip("/").lower(): info.filename for info in infos}
        self._parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

    def has(self, name: str) -> bool:
        return name.lower() in self._names

    def xml(self, name: str) -> Any:
        """The root element of part ``name``; :class:`SheetError` when it is missing or
        is not XML."""
        stored = self._names.get(name.lower())
        if stored is None:
            msg = f"no part {name[:100]}"
            raise SheetError(msg)
        try:
            data = self._zip.read(stored)
            return self._etree.fromstring(data, self._parser)
        except (*_UNZIP_ERRORS, self._etree.LxmlError) as exc:
            msg = f"{name[:100]}: {type(exc).__name__}: {str(exc)[:200]}"
            raise SheetError(msg) from exc

    def rels(self, name: str) -> dict[str, tuple[str, str]]:
        """The relationships of part ``name``: id -> (type, target part name)."""
        folder, _, base = name.rpartition("/")
        rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        if not self.has(rels_name):
            return {}
        out: dict[str, tuple[str, str]] = {}
        for rel in self.xml(rels_name).iterchildren(f"{_PKG_REL}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            out[rel.get("Id") or ""] = (rel.get("Type") or "", _resolve(folder, target))
        return out


def _resolve(folder: str, target: str) -> str:
    """The part name of ``target``, relative to ``folder`` (or absolute)."""
    parts = [] if target.startswith("/") else [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
        else:
            parts.append(piece)
    return "/".join(parts)


def read_sheet(data: bytes, limits: Limits, budget: Budget) -> Sheet:
    """The cells of the sheet the workbook ``data`` shows (its active sheet, within its
    ``oleSize``); raises :class:`SheetError` when it cannot be read and
    :class:`~govdisclosure.LimitExceeded` beyond ``limits``."""
    package = _Package(data, limits)
    workbook_name = "xl/workbook.xml"
    for kind, target in package.rels("").values():
        if kind.endswith(_OFFICE_DOC):
            workbook_name = target
            break
    workbook = package.xml(workbook_name)
    rels = package.rels(workbook_name)
    sheets = [
        (s.get("name") or "", s.get(f"{_REL}id") or "")
        for s in workbook.iterfind(f"{_MAIN}sheets/{_MAIN}sheet")
    ]
    if not sheets:
        msg = "the workbook has no sheet"
        raise SheetError(msg)
    view = workbook.find(f"{_MAIN}bookViews/{_MAIN}workbookView")
    try:
        active = int(view.get("activeTab") or 0) if view is not None else 0
    except ValueError:
        active = 0
    name, rid = sheets[active if 0 <= active < len(sheets) else 0]
    if rid not in rels:
        msg = f"the sheet {name[:40]!r} has no part"
        raise SheetError(msg)
    sheet_part = rels[rid][1]
    strings: list[str] = []
    for kind, target in rels.values():
        if kind.endswith(_SHARED):
            strings = [_string(si) for si in package.xml(target).iterchildren(f"{_MAIN}si")]
            break
    shown = workbook.find(f"{_MAIN}oleSize")
    window = _range(shown.get("ref") or "") if shown is not None and shown.get("ref") else None
    return _cells(package.xml(sheet_part), name, strings, window, limits, budget)


def _cells(
    root: Any,
    name: str,
    strings: list[str],
    window: tuple[int, int, int, int] | None,
    limits: Limits,
    budget: Budget,
) -> Sheet:
    values: dict[tuple[int, int], str] = {}
    hidden = 0
    row_at = -1
    data = root.find(f"{_MAIN}sheetData")
    for k, row in enumerate(() if data is None else data.iterchildren(f"{_MAIN}row")):
        if k % 512 == 511:
            budget.check()
        r = row.get("r")
        row_at = _ref(f"A{r}")[0] if r else row_at + 1
        column_at = -1
        for c in row.iterchildren(f"{_MAIN}c"):
            ref = c.get("r")
            if ref:
                at_row, column_at = _ref(ref)
                if at_row != row_at:
                    msg = f"the cell {ref[:20]} in row {row_at + 1}"
                    raise SheetError(msg)
            else:
                column_at += 1
                if column_at >= MAX_COLUMNS:
                    msg = f"a cell beyond the sheet in row {row_at + 1}"
                    raise SheetError(msg)
            text = _value(c, strings)
            if not text:
                continue
            if window is not None and not (
                window[0] <= row_at <= window[2] and window[1] <= column_at <= window[3]
            ):
                hidden += 1
                continue
            values[row_at, column_at] = text
        # (more values than a grid may hold cells: refused before the rest is read)
        limits.check("max_cells", len(values), "cells of a sheet embedded in the Word document")
    merges: list[tuple[int, int, int, int]] = []
    for m in root.iterfind(f"{_MAIN}mergeCells/{_MAIN}mergeCell"):
        r0, c0, r1, c1 = _range(m.get("ref") or "")
        if window is not None:
            r0, c0 = max(r0, window[0]), max(c0, window[1])
            r1, c1 = min(r1, window[2]), min(c1, window[3])
            if r0 > r1 or c0 > c1:
                continue
        # (a range is clamped as a span of a Word or HTML table is)
        r1 = min(r1, r0 + limits.max_span - 1)
        c1 = min(c1, c0 + limits.max_span - 1)
        merges.append((r0, c0, r1, c1))
    corners = [(r, c, r, c) for r, c in values] + merges
    if not corners:
        return Sheet(name, 0, 0, 0, 0, (), hidden)
    top = min(b[0] for b in corners)
    left = min(b[1] for b in corners)
    rows = max(b[2] for b in corners) - top + 1
    columns = max(b[3] for b in corners) - left + 1
    limits.check("max_cells", rows * columns, "cells of a sheet embedded in the Word document")
    # (Excel's ranges never overlap, so they cover no more cells than the grid: beyond
    # that, they are refused before their cells are counted out)
    area = sum((r1 - r0 + 1) * (c1 - c0 + 1) for r0, c0, r1, c1 in merges)
    limits.check("max_cells", area, "cells of the merged ranges of a sheet in the Word document")
    taken: set[tuple[int, int]] = set()
    cells: list[tuple[int, int, int, int, str]] = []
    for k, (r0, c0, r1, c1) in enumerate(sorted(merges)):
        if k % 64 == 63:
            budget.check()
        spanned = [(i, j) for i in range(r0, r1 + 1) for j in range(c0, c1 + 1)]
        if not taken.isdisjoint(spanned):
            continue  # (ranges that overlap: Excel refuses them; the first is kept)
        taken.update(spanned)
        cells.append((r0 - top, c0 - left, r1 - r0 + 1, c1 - c0 + 1, values.pop((r0, c0), "")))
    for (r, c), text in values.items():
        if (r, c) in taken:
            hidden += 1  # a value under a merged range: Excel shows only the range's own
        else:
            cells.append((r - top, c - left, 1, 1, text))
    cells.sort(key=lambda e: (e[0], e[1]))
    return Sheet(name, top, left, rows, columns, tuple(cells), hidden)


def _value(c: Any, strings: list[str]) -> str:
    """A cell's value as Excel shows it in the General format ("" for none)."""
    kind = c.get("t") or "n"
    if kind == "inlineStr":
        inline = c.find(f"{_MAIN}is")
        return "" if inline is None else _string(inline).strip()
    v = c.find(f"{_MAIN}v")
    raw = "" if v is None or v.text is None else v.text
    if not raw.strip():
        return ""
    if kind == "s":
        try:
            index = int(raw)
        except ValueError as exc:
            msg = f"not a string's number: {raw[:20]!r}"
            raise SheetError(msg) from exc
        if not 0 <= index < len(strings):
            msg = f"no string {index} in the workbook ({len(strings)} strings)"
            raise SheetError(msg)
        return strings[index].strip()
    if kind == "b":
        return "TRUE" if raw.strip() == "1" else "FALSE"
    if kind == "n":
        return _number(raw)
    return _unescape(raw).strip()  # str (a formula's text), e (#DIV/0!), d (a date)
