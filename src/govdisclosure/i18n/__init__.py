"""What we say about a report: finding messages and CLI text in zh_CN or English.

Messages are gettext msgids (English) translated in ``locale/<lang>/LC_MESSAGES/
govdisclosure.po``. The catalogs are compiled with babel when first used and cached.
Official Chinese wording (labels, headings) never goes through gettext: it comes from
the template, in Chinese, or from its English glosses. Where a finding quotes official
wording, its code declares which parameter does and what it quotes (a :class:`Gloss`,
in ``CodeInfo.glosses``); :func:`render_finding` follows each such parameter in English
with its gloss, from the template or from ``checks/content.toml`` as the kind says.

>>> from govdisclosure.i18n import describe_path
>>> describe_path("applications.granted.total", "zh_CN")
'三、（一）予以公开／总计'
>>> describe_path("applications.granted.total", "en")
'III. (1) Disclosed / Total'
"""

from __future__ import annotations

import enum
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
from govdisclosure.template import (
    Edition,
    TableSpec,
    english_gloss,
    english_glosses,
    normalize_label,
    template,
)

__all__ = [
    "DEFAULT_LOCALE",
    "LOCALES",
    "Gloss",
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
_MESSAGE_PARAMS: Final = frozenset({"graphic", "reason", "story"})
"""Parameters whose value is a message of the catalogs (an English msgid), shown
translated."""


class Gloss(enum.Enum):
    """What a finding's parameter quotes of the official Chinese wording, and so how an
    English message follows it with English. A code declares it for each such parameter
    (:attr:`~govdisclosure.checks.CodeInfo.glosses`); a parameter not declared is never
    glossed, whatever its name. Chinese messages show the value alone, as their msgstr
    quotes it."""

    LABEL = "label"
    """An official label or heading of the template, worded as the template words it:
    in quotes, followed by its English from the template,
    ``"本年废止件数" (Repealed this year)``. Its placeholder stands unquoted in the msgid."""
    PRINTED = "printed"
    """Text as the input printed it (a row's label, a cell's text): in quotes, followed by
    the English of the official wording it is once folded as labels are matched
    (:func:`~govdisclosure.template.normalize_label`) — or of the official wordings it
    is made of, one after another, nothing but punctuation between them —
    ``"1、 属于国家秘密" (1. State secret)``; in quotes alone when it is anything else
    (a figure, a wording the template does not have, official words with others). Its
    placeholder stands unquoted in the msgid."""
    TERMS = "terms"
    """What the prose must speak of: one or more terms of the official wording joined by
    、, each followed by its English name from ``checks/content.toml``, unquoted,
    ``主动公开 (proactive disclosure)``."""


_SEPARATORS: Final = frozenset(",.:;()\"'-/!?")
"""What may stand between two official wordings in a :attr:`Gloss.PRINTED` text (after
:func:`~govdisclosure.template.normalize_label`): punctuation, never a word."""


@functools.cache
def _folded_glosses() -> dict[str, str]:
    """Every official wording that :func:`english_gloss` knows, folded as labels are
    matched, mapped to its English; a folded form that two wordings of different English
    share is left out (none does today), since it could not say which is meant."""
    out: dict[str, str] = {}
    ambiguous: set[str] = set()
    for zh, en in english_glosses().items():
        key = normalize_label(zh)
        if out.get(key, en) != en:
            ambiguous.add(key)
        out[key] = en
    return {k: v for k, v in out.items() if k not in ambiguous}


@functools.lru_cache(maxsize=1024)
def _printed_gloss(text: str) -> str | None:
    """The English of the official wording that ``text`` (as printed in a report) is,
    once folded with :func:`~govdisclosure.template.normalize_label`; if it is several
    official wordings one after another (a group label and a row label read together),
    with nothing but punctuation between them, the English of each, in turn, joined by
    `` / ``, the fewest wordings that cover it; ``None`` when any word of ``text`` is
    not official wording. A part of a text is never glossed alone: the words around it
    could change what it means, and the finding quotes them because they were not
    recognised.

    >>> _printed_gloss("（三） 不予公开"), _printed_gloss("1、属于国家秘密")
    ('(3) Not disclosed', '1. State secret')
    >>> _printed_gloss("（三）不予公开：1.属于国家秘密")
    '(3) Not disclosed / 1. State secret'
    >>> _printed_gloss("9.属于工作秘密"), _printed_gloss("12"), _printed_gloss("（三）不予公开等")
    (None, None, None)
    """
    folded = normalize_label(text)
    glosses = _folded_glosses()
    if folded in glosses:
        return glosses[folded]
    # best[i]: the fewest wordings (and their glosses) that cover folded[:i]
    best: list[tuple[str, ...] | None] = [None] * (len(folded) + 1)
    best[0] = ()
    for i in range(len(folded)):
        here = best[i]
        if here is None:
            continue
        if folded[i] in _SEPARATORS:
            after = best[i + 1]
            if after is None or len(here) < len(after):
                best[i + 1] = here
        for key, en in glosses.items():
            if folded.startswith(key, i):
                end, took = i + len(key), (*here, en)
                after = best[end]
                if after is None or len(took) < len(after):
                    best[end] = took
    found = best[-1]
    return " / ".join(found) if found else None


def _glossed(name: str, kind: Gloss, value: Param, lang: str) -> str:
    """The parameter ``name``, of the kind ``kind``, as a message in ``lang`` shows it:
    alone in Chinese, with its English gloss in English (see :class:`Gloss`). A value
    that is not text has no gloss: it is shown as any other parameter, in quotes if
    ``kind`` quotes."""
    if lang == "zh_CN" or not isinstance(value, str):
        shown = _format_param(name, value, lang)
        return f'"{shown}"' if lang == "en" and kind is not Gloss.TERMS else shown
    if kind is Gloss.TERMS:
        from govdisclosure.checks.content import english_names  # noqa: PLC0415 - checks sit above i18n

        names = english_names()
        return ", ".join(f"{t} ({names[t]})" if t in names else t for t in value.split("、"))
    gloss = english_gloss(value) if kind is Gloss.LABEL else _printed_gloss(value)
    return f'"{value}" ({gloss})' if gloss else f'"{value}"'


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

    info = CODES.get(finding.code)
    if info is None:
        return f"{finding.code} {finding.path}".strip()
    lang = normalize_locale(locale)
    glosses = dict(info.glosses)
    values = _Defaulting(
        {
            k: _glossed(k, glosses[k], v, lang) if k in glosses else _format_param(k, v, lang)
            for k, v in finding.params
        }
    )
    values["where"] = describe_path(finding.path, lang)
    for name in ("expected", "actual"):
        v = getattr(finding, name)
        values[name] = format_number(v, lang) if v is not None else "?"
    if finding.difference is not None:
        values["difference"] = format_number(finding.difference, lang, signed=True)
    template_text = gettext(info.message, lang)
    return _FORMATTER.vformat(template_text, (), values)
