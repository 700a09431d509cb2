"""Cell values: a number, blank, not applicable, or text.

A published cell is never guessed at. ``BLANK`` (nothing written) is not zero, and a
check whose operand is blank reports that it could not be assessed instead of failing.

>>> from govdisclosure.model.cells import read_cell, BLANK
>>> read_cell("12").value
12
>>> read_cell("").value is BLANK
True
>>> read_cell("/").value
NotApplicable(mark='/')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Final, TypeAlias, TypeGuard, final

import attrs

from govdisclosure._nfkc import nfkc
from govdisclosure.template import ColumnKind, ColumnSpec

__all__ = [
    "BLANK",
    "MAX_FIGURE_DIGITS",
    "NOT_APPLICABLE_MARKS",
    "Blank",
    "CellReading",
    "CellValue",
    "NotApplicable",
    "Number",
    "Text",
    "is_number",
    "is_overlong",
    "is_overlong_figure",
    "read_cell",
]


@final
@attrs.frozen(repr=False)
class Blank:
    """Nothing was written in the cell. Use the singleton :data:`BLANK`."""

    def __new__(cls) -> Blank:
        # one blank only, so that ``cell is BLANK`` holds for every blank cell, also
        # after pickling (multiprocessing, Dask) and copying
        existing = globals().get("BLANK")
        return existing if isinstance(existing, Blank) else super().__new__(cls)

    def __reduce__(self) -> str:
        return "BLANK"

    def __repr__(self) -> str:
        return "BLANK"

    def __bool__(self) -> bool:
        return False


BLANK: Final = Blank()
"""The blank cell."""


@final
@attrs.frozen
class NotApplicable:
    """The cell holds a placeholder that says "does not apply" ("/", "—", "无", "不适用")."""

    mark: str = "/"
    """The placeholder as published."""


@final
@attrs.frozen
class Text:
    """The cell holds something that is not a number, kept verbatim."""

    text: str


Number: TypeAlias = int | Decimal
CellValue: TypeAlias = int | Decimal | Blank | NotApplicable | Text

NOT_APPLICABLE_MARKS: Final = frozenset(
    {
        "/",
        "／",
        "—",
        "——",
        "-",
        "－",
        "\u2212",
        "--",
        "─",
        "无",
        "不适用",
        "N/A",
        "n/a",
        "NA",
        "\\",
        "、",
    }
)


def is_number(value: object) -> TypeGuard[Number]:
    """Whether a cell value is a number (an ``int`` that is not a ``bool``, or a ``Decimal``)."""
    return (isinstance(value, int) and not isinstance(value, bool)) or isinstance(value, Decimal)


@attrs.frozen
class CellReading:
    """What :func:`read_cell` made of a cell's text."""

    value: CellValue
    unit: str | None = None
    """A unit written in the cell ("件", "元", "万元"), if any."""
    converted_from: Decimal | None = None
    """The figure as written, when a unit in the cell was converted to the column's unit."""
    thousands: bool = False
    """Whether the figure had thousands separators."""


_NUMBER = re.compile(
    r"""^(?P<sign>[+\-\u2212]|增|减|增加|减少)?
        (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
        (?P<unit>件|个|项|条|次|万元|元|亿元)?$""",
    re.VERBOSE,
)
_BLANKS: Final = frozenset({"", "&nbsp;"})

MAX_FIGURE_DIGITS: Final = 640
"""The most digits a figure of a cell may have (a report's largest figures have ten).

Python refuses to turn an ``int`` of more digits than ``sys.get_int_max_str_digits()``
(4,300 unless the process changed it, never less than 640) into text, so a cell
holding one would make every renderer and :func:`~govdisclosure.to_json` raise
``ValueError``; and turning a figure of 100,000 digits into an ``int`` takes a second.
A figure of more digits is read as :class:`Text`, as written (a ``cell.text`` finding
quotes it), and a table refuses an ``int`` of more digits."""
_TOO_BIG: Final = 10**MAX_FIGURE_DIGITS

# value of one unit expressed in yuan
_YUAN: Final = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}


_DIGIT_GAP: Final = re.compile(r"\d\s+\d")
"""Whitespace between two digits: a space that groups thousands (1 200), or a gap between
two figures whose cells ran together (2 0)."""
_SPACE_GROUPED: Final = re.compile(r"\D*[1-9]\d{0,2}(?: \d{3})+(?:\.\d+)?\D*")
"""A figure whose thousands are grouped by single spaces (GB/T 15835: 千分空); its first
group never starts with 0 ("0 200" is two figures)."""


_INVISIBLE: Final = re.compile(
    r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
"""Format characters that print as nothing (soft hyphen, zero-width space and joiners,
word joiner, direction marks, byte order mark), which copying from web pages and word
processors leaves in cells: a zero-width space before a 2 leaves the figure 2."""


def visible(text: str) -> str:
    """``text`` without the format characters that print as nothing (:data:`_INVISIBLE`).

    >>> visible("\u200b2\u00ad")
    '2'
    """
    return _INVISIBLE.sub("", text)


def _fold(text: str) -> str | None:
    """``text`` without whitespace or invisible format characters, figures folded to
    ASCII; ``None`` when whitespace stands between two digits other than to group
    thousands ("2 0" is two figures, not 20)."""
    folded = nfkc(visible(text))
    folded = folded.replace("\u00a0", " ").replace("\u3000", " ")
    if _DIGIT_GAP.search(folded) and not _SPACE_GROUPED.fullmatch(folded.strip()):
        return None
    return "".join(folded.split())


def _has_other_numerals(text: str) -> bool:
    """Whether ``text`` holds superscript, subscript or circled numerals (¹ ₂ ①).

    NFKC folds them to digits, but they are footnote marks and list numbers, not
    figures; full-width digits (U+FF10 to U+FF19) are genuine digits and stay figures.
    """
    return not text.isascii() and any(unicodedata.category(ch) == "No" for ch in text)


def _plain(d: Decimal) -> Decimal:
    """``d`` without trailing zeros and without an exponent."""
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()


def is_overlong(value: int) -> bool:
    """Whether the ``int`` ``value`` has more than :data:`MAX_FIGURE_DIGITS` digits."""
    return not -_TOO_BIG < value < _TOO_BIG


def is_overlong_figure(text: str) -> bool:
    """Whether ``text`` is written as a figure of more than :data:`MAX_FIGURE_DIGITS`
    digits, which :func:`read_cell` reads as :class:`Text`: a figure all the same,
    in its place among a row's figures.

    >>> is_overlong_figure("9" * 641), read_cell("9" * 641).value == Text("9" * 641)
    (True, True)
    >>> is_overlong_figure("9" * 640)
    False
    """
    if len(text) <= MAX_FIGURE_DIGITS:
        return False
    raw = _fold(text)
    m = None if raw is None else _NUMBER.match(raw)
    if m is None or _has_other_numerals(text):
        return False
    digits = m.group("num").replace(",", "")
    return len(digits) - ("." in digits) > MAX_FIGURE_DIGITS


def read_cell(text: str, column: ColumnSpec | None = None) -> CellReading:
    """Read one published cell.

    Understands full-width digits, thousands separators, a unit written in the cell
    ("2件", "251000元"), the signs of a change ("+2", "-3", "减3"), and the placeholders
    of :data:`NOT_APPLICABLE_MARKS`. A money unit that differs from the column's unit is
    converted exactly. Anything else is kept as :class:`Text`.

    >>> from govdisclosure.template import template
    >>> amount = template("2021").table("active.art20_8").column("amount")
    >>> r = read_cell("251000元", amount)
    >>> r.value, r.unit, r.converted_from
    (Decimal('25.1'), '元', Decimal('251000'))
    >>> read_cell("减3").value
    -3
    """
    return _read_cell(text, column)


@functools.lru_cache(maxsize=8192)
def _read_cell(text: str, column: ColumnSpec | None) -> CellReading:
    # cached: a page repeats the same few cell texts ("0", "/", row labels) many times,
    # and a corpus repeats them across reports; readings are immutable
    raw = _fold(text)
    if raw is None:
        return CellReading(Text(text.strip()))
    if raw in _BLANKS:
        return CellReading(BLANK)
    if raw in NOT_APPLICABLE_MARKS:
        return CellReading(NotApplicable(text.strip()))
    m = _NUMBER.match(raw)
    if m is None or _has_other_numerals(text):
        return CellReading(Text(text.strip()))
    sign, num, unit = m.group("sign"), m.group("num"), m.group("unit")
    thousands = "," in num
    digits = num.replace(",", "")
    if len(digits) - ("." in digits) > MAX_FIGURE_DIGITS:
        return CellReading(Text(text.strip()))
    negative = sign in {"-", "\u2212", "减", "减少"}
    kind = column.kind if column is not None else None
    try:
        dec = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return CellReading(Text(text.strip()))
    if negative:
        dec = -dec
    converted_from: Decimal | None = None
    if unit in _YUAN and column is not None and column.unit in _YUAN and unit != column.unit:
        converted_from = dec
        dec = _plain(dec * _YUAN[unit] / _YUAN[column.unit])
    value: Number
    if kind is ColumnKind.AMOUNT or "." in digits or converted_from is not None:
        value = dec
    else:
        value = int(dec)
    return CellReading(value, unit=unit, converted_from=converted_from, thousands=thousands)
