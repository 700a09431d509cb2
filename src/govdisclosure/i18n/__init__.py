"""What we say about a report: finding messages and CLI text in zh_CN or English.

Messages are gettext msgids (English) translated in ``locale/<lang>/LC_MESSAGES/
govdisclosure.po``. The catalogs are compiled with babel when first used and cached.
Official Chinese wording (labels, headings) never goes through gettext: it comes from
the template, in Chinese, or from its English glosses.

>>> from govdisclosure.i18n import describe_path
>>> describe_path("applications.granted.total", "zh_CN")
'三、（一）予以公开／总计'
>>> describe_path("applications.granted.total", "en")
'III. (1) Disclosed / Total'
"""

from __future__ import annotations

import functools
import io
import os
import string
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Final

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from govdisclosure.model import Finding, Param
from govdisclosure.template import Edition, TableSpec, english_gloss, template

__all__ = [
    "DEFAULT_LOCALE",
    "LOCALES",
    "describe_path",
    "format_number",
    "gettext",
    "has_message",
    "normalize_locale",
    "render_finding",
    "translations",
]

DEFAULT_LOCALE: Final = "zh_CN"
LOCALES: Final = ("zh_CN", "en")


def normalize_locale(locale: str | None = None) -> str:
    """``zh``, ``zh-CN``, ``zh_Hans_CN`` → ``zh_CN``; ``en_US`` → ``en``.

    ``None`` reads ``GOVDISCLOSURE_LANG``, then ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``
    and ``LANG``; the default is ``zh_CN``.
    """
    if locale is None:
        for var in ("GOVDISCLOSURE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
            value = os.environ.get(var, "")
            if value and value not in {"C", "POSIX", "C.UTF-8"}:
                locale = value.split(":")[0].split(".")[0]
                break
        else:
            return DEFAULT_LOCALE
    low = locale.replace("-", "_").lower()
    if low.startswith("en"):
        return "en"
    return DEFAULT_LOCALE


@functools.cache
def _catalog(lang: str) -> Catalog:
    po = resources.files(__package__).joinpath("locale", lang, "LC_MESSAGES", "govdisclosure.po")
    with po.open("rb") as fh:
        return read_po(fh, locale=lang)


@functools.cache
def translations(locale: str) -> NullTranslations:
    """The compiled catalog of ``locale`` (``zh_CN`` or ``en``)."""
    buf = io.BytesIO()
    write_mo(buf, _catalog(normalize_locale(locale)))
    buf.seek(0)
    return Translations(buf)


@functools.cache
def _msgids() -> frozenset[str]:
    return frozenset(m.id for m in _catalog(DEFAULT_LOCALE) if isinstance(m.id, str) and m.id)


def has_message(message: str) -> bool:
    """Whether ``message`` is a message of the catalogs, that :func:`gettext` translates
    (``""`` is not: gettext gives the catalog's header for it).

    >>> has_message("the input is empty"), has_message("not a message"), has_message("")
    (True, False, False)
    """
    return message in _msgids()


def gettext(message: str, locale: str | None = None) -> str:
    """``message`` translated into ``locale``."""
    return translations(normalize_locale(locale)).gettext(message)


@functools.cache
def _babel_locale(locale: str) -> Locale:
    try:
        return Locale.parse("zh_Hans_CN" if locale == "zh_CN" else "en")
    except UnknownLocaleError:  # pragma: no cover - babel ships both
        return Locale.parse("en")


def format_number(
    value: int | Decimal, locale: str = DEFAULT_LOCALE, *, signed: bool = False
) -> str:
    """A number with the locale's separators, keeping every published decimal place.

    >>> format_number(11398889), format_number(-2, signed=True), format_number(Decimal("7730.28"))
    ('11,398,889', '-2', '7,730.28')
    """
    loc = _babel_locale(normalize_locale(locale))
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
        text = format_decimal(
            value, format="#,##0." + "0" * places if places else "#,##0", locale=loc
        )
    else:
        text = format_decimal(value, locale=loc)
    if signed and value > 0:
        text = "+" + text
    return text


def _format_date(iso: str, locale: str) -> str:
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return format_date(d, "long", locale=_babel_locale(locale))


def _spec(table_id: str) -> TableSpec | None:
    for edition in (Edition.V2021, Edition.V2019):
        tpl = template(edition)
        if tpl.has_table(table_id):
            return tpl.table(table_id)
    return None


def _section_prefix(section_id: str, locale: str) -> str:
    s = template(Edition.V2021).section(section_id)
    return f"{s.number}、" if locale == "zh_CN" else f"{s.number_en}. "


def _row_label(spec: TableSpec, row_id: str, locale: str) -> str:
    for edition in (Edition.V2021, Edition.V2019):
        tpl = template(edition)
        if tpl.has_table(spec.id) and row_id in tpl.table(spec.id).row_ids:
            row = tpl.table(spec.id).row(row_id)
            if locale == "en":
                return row.en
            return f"{row.subgroup}{row.label}" if row.subgroup else row.label
    return row_id


def _column_label(spec: TableSpec, column_id: str, locale: str) -> str:
    for edition in (Edition.V2021, Edition.V2019):
        tpl = template(edition)
        if tpl.has_table(spec.id) and column_id in tpl.table(spec.id).column_ids:
            column = tpl.table(spec.id).column(column_id)
            return column.en if locale == "en" else column.label
    return column_id


def describe_path(path: str, locale: str = DEFAULT_LOCALE) -> str:
    """A model path in words: the section, row and column labels in ``locale``."""
    lang = normalize_locale(locale)
    sep = "／" if lang == "zh_CN" else " / "
    if path in {"overview", "active", "applications", "review_litigation", "problems", "other"}:
        s = template(Edition.V2021).section(path)
        return s.heading if lang == "zh_CN" else s.heading_en
    if path.startswith("active."):
        parts = path.split(".")
        table_id = ".".join(parts[:2])
        spec = _spec(table_id)
        if spec is None:
            return path
        caption = spec.caption if lang == "zh_CN" else spec.en
        text = _section_prefix("active", lang) + caption
        if len(parts) == 4:
            text += (" " if lang == "zh_CN" else ", ") + _row_label(spec, parts[2], lang)
            if parts[3] != "*":
                text += sep + _column_label(spec, parts[3], lang)
        return text
    for table_id in ("applications", "review_litigation"):
        if path == table_id or path.startswith(table_id + "."):
            spec = _spec(table_id)
            assert spec is not None
            prefix = _section_prefix(table_id, lang)
            rest = path[len(table_id) + 1 :]
            if not rest:
                return describe_path(table_id, lang)
            row, _, column = rest.rpartition(".")
            if column == "*" and row:
                label = _row_label(spec, row, lang)
                return prefix + (f"{label}行" if lang == "zh_CN" else f"{label} (row)")
            col = _column_label(spec, column, lang)
            if row == "*":
                return prefix + (f"{col}列" if lang == "zh_CN" else f"column {col}")
            return prefix + _row_label(spec, row, lang) + sep + col
    names = {
        "zh_CN": {"organ": "发布机关", "year": "报告年度", "published": "发布日期"},
        "en": {"organ": "organ", "year": "report year", "published": "publication date"},
    }
    return names[lang].get(path, path)


_KINDS: Final = {
    "zh_CN": {
        "department": "县级以上人民政府部门",
        "government": "县级以上人民政府",
        "township": "乡镇人民政府和街道办事处",
        "other": "其他机关",
    },
    "en": {
        "department": "departments of people's governments at county level or above",
        "government": "people's governments at county level or above",
        "township": "township governments and street offices",
        "other": "other organs",
    },
}
_PATH_PARAMS: Final = frozenset({"table", "heading"})
_DATE_PARAMS: Final = frozenset({"published", "deadline"})
_YEAR_PARAMS: Final = frozenset({"year", "previous_year", "expected_year"})
_TERM_PARAMS: Final = frozenset({"topic", "items", "part"})
"""Parameters that quote what the prose must speak of in the official wording (several
joined by 、): English gives each followed by its English name."""
_MESSAGE_PARAMS: Final = frozenset({"reason"})
"""Parameters whose value is a message of the catalogs (an English msgid), shown
translated."""


def _glossed(terms: str, lang: str) -> str:
    """``terms`` (joined by 、) as Chinese text quotes them, or in English each followed by
    its English name: ``主动公开 (proactive disclosure)``."""
    if lang == "zh_CN":
        return terms
    from govdisclosure.checks.content import english_names  # noqa: PLC0415 - checks sit above i18n

    names = english_names()
    return ", ".join(f"{t} ({names[t]})" if t in names else t for t in terms.split("、"))


def _quoted_official(label: str) -> str:
    """An official label or heading as English findings quote it: in quotes, followed
    by its English gloss from the template when it has one,
    ``"本年废止件数" (Repealed this year)``."""
    gloss = english_gloss(label)
    return f'"{label}" ({gloss})' if gloss else f'"{label}"'


def _format_param(name: str, value: Param, lang: str) -> str:
    if name in _PATH_PARAMS and isinstance(value, str):
        return describe_path(value, lang)
    if name == "operands" and isinstance(value, str):
        joiner = "、" if lang == "zh_CN" else ", "
        return joiner.join(describe_path(p, lang) for p in value.split(",") if p)
    if name in _YEAR_PARAMS:
        return str(value)  # 2024, never 2,024
    if name in _DATE_PARAMS and isinstance(value, str):
        return _format_date(value, lang)
    if name in _TERM_PARAMS and isinstance(value, str):
        return _glossed(value, lang)
    if name in _MESSAGE_PARAMS and isinstance(value, str) and has_message(value):
        return gettext(value, lang)
    if name == "kind" and isinstance(value, str):
        return _KINDS[lang].get(value, value)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return format_number(value, lang)
    return str(value)


class _Defaulting(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class _MessageFormatter(string.Formatter):
    """``str.format`` with one addition for languages that inflect for number: a field
    whose format spec holds ``|`` picks a word by the (already formatted) value, so that
    ``{count} {count:cell|cells}`` reads "1 cell", "2 cells". Chinese needs none."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            one, _, other = format_spec.partition("|")
            return one if str(value) in {"1", "-1", "+1"} else other
        return format(value, format_spec)


_FORMATTER: Final = _MessageFormatter()


def render_finding(finding: Finding, locale: str | None = None) -> str:
    """The message of ``finding`` in ``locale``."""
    from govdisclosure.checks.registry import CODES  # noqa: PLC0415 - checks sit above i18n

    lang = normalize_locale(locale)
    info = CODES.get(finding.code)
    values = _Defaulting({k: _format_param(k, v, lang) for k, v in finding.params})
    values["where"] = describe_path(finding.path, lang)
    for name in ("expected", "actual"):
        v = getattr(finding, name)
        values[name] = format_number(v, lang) if v is not None else "?"
    if finding.difference is not None:
        values["difference"] = format_number(finding.difference, lang, signed=True)
    if info is None:
        return f"{finding.code} {finding.path}".strip()
    if lang == "en":
        for name in info.quotes:
            value = finding.args.get(name)
            if isinstance(value, str):
                values[name] = _quoted_official(value)
    template_text = gettext(info.message, lang)
    return _FORMATTER.vformat(template_text, (), values)
