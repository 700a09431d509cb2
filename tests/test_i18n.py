"""Messages: every code and every CLI message has both languages; the catalogs are current
and ship as package data; formatting follows the locale."""

from __future__ import annotations

import re
import string
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.checks.registry import finding
from govdisclosure.i18n import describe_path, format_number, gettext, normalize_locale
from wording import official_labels

LOCALE = __import__("pathlib").Path(gd.__file__).parent / "i18n" / "locale"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_code_has_a_message_in_both_catalogs(lang: str) -> None:
    """Each registered finding code's msgid has a non-empty translation."""
    with (LOCALE / lang / "LC_MESSAGES" / "govdisclosure.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    for code, info in gd.CODES.items():
        message = catalog.get(info.message)
        assert message is not None, (lang, code)
        assert message.string, (lang, code)
        if lang == "zh_CN":
            assert message.string != info.message, code
            placeholders = set(info.message.split("{")[1:])
            assert {p.split("}")[0] for p in placeholders} == {
                p.split("}")[0] for p in message.string.split("{")[1:]
            }, code


def test_normalize_locale() -> None:
    """Locale spellings and environment values fold to zh_CN or en."""
    assert normalize_locale("en_US") == "en"
    assert normalize_locale("zh-CN") == "zh_CN"
    assert normalize_locale("zh_Hans_CN") == "zh_CN"
    assert normalize_locale("fr") == "zh_CN"


def test_numbers_keep_published_precision() -> None:
    """Amounts keep their decimal places; counts get separators."""
    assert format_number(Decimal("7730.28")) == "7,730.28"
    assert format_number(Decimal("0.50")) == "0.50"
    assert format_number(11398889) == "11,398,889"
    assert format_number(3, signed=True) == "+3"


@pytest.mark.parametrize(
    ("path", "zh", "en"),
    [
        (
            "applications.denied.state_secret.natural_person",
            "三、（三）不予公开1.属于国家秘密／自然人",
            "III. 1. State secret / Natural persons",
        ),
        ("applications.*.total", "三、总计列", "III. column Total"),
        (
            "review_litigation.review.total",
            "四、行政复议／总计",
            "IV. Administrative review / Total",
        ),
        (
            "active.art20_1.regulations.issued",
            "二、第二十条第（一）项 规章／本年制发件数",
            "II. Article 20, item (1), Rules (规章) / Issued this year",
        ),
        (
            "active.art20_9.central_procurement.amount",
            "二、第二十条第（九）项 政府集中采购／采购总金额",
            "II. Article 20, item (9), Government centralised procurement / Total procurement amount",
        ),
        ("problems", "五、存在的主要问题及改进情况", "V. Main problems and improvements"),
        (
            "active.art20_6.penalty.*",
            "二、第二十条第（六）项 行政处罚",
            "II. Article 20, item (6), Administrative penalties",
        ),
        ("applications.granted.*", "三、（一）予以公开行", "III. (1) Disclosed (row)"),
        ("published", "发布日期", "publication date"),
    ],
)
def test_describe_path(path: str, zh: str, en: str) -> None:
    """Paths read as labels in both languages, for both editions."""
    assert describe_path(path, "zh_CN") == zh
    assert describe_path(path, "en") == en


PACKAGE_LOCALE = resources.files("govdisclosure.i18n").joinpath("locale")
SRC = Path(gd.__file__).parent


def catalog(lang: str) -> Catalog:
    with PACKAGE_LOCALE.joinpath(lang, "LC_MESSAGES", "govdisclosure.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def pot() -> Catalog:
    with PACKAGE_LOCALE.joinpath("govdisclosure.pot").open("rb") as fh:
        return read_po(fh)


def fields(message: str) -> set[str]:
    brace = {f for _, f, _, _ in string.Formatter().parse(message) if f}
    percent = set(re.findall(r"%\((\w+)\)[sdr]", message))
    return brace | percent | ({"%s"} if "%s" in message else set())


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_code_message_is_the_compiled_translation(lang: str) -> None:
    cat = catalog(lang)
    for code, info in gd.CODES.items():
        message = cat.get(info.message)
        assert message is not None, f"{code}: not in the {lang} catalog"
        assert message.string, f"{code}: no {lang} translation"
        assert gettext(info.message, lang) == message.string


def test_every_msgid_is_translated_in_zh_cn_with_the_same_placeholders() -> None:
    zh, en = catalog("zh_CN"), catalog("en")
    ids = [m.id for m in pot() if m.id]
    assert ids
    for msgid in ids:
        assert isinstance(msgid, str)
        translated = zh.get(msgid)
        assert translated is not None, f"missing: {msgid!r}"
        assert translated.string, f"untranslated: {msgid!r}"
        assert fields(translated.string) == fields(msgid), msgid
        assert en.get(msgid) is not None, f"not in en: {msgid!r}"


def test_chinese_differs_from_english() -> None:
    zh = catalog("zh_CN")
    same = [m.id for m in zh if m.id and m.string == m.id]
    assert same == []


def test_the_template_is_up_to_date_with_the_source() -> None:
    """Every string marked ``N_(...)`` or ``_(...)`` in the package is in the .pot file."""
    extracted = {
        msg
        for _, _, msg, _, _ in extract_from_dir(
            str(SRC), method_map=[("**.py", "python")], keywords={"N_": None, "_": None}
        )
        if isinstance(msg, str)
    }
    assert extracted
    assert extracted == {m.id for m in pot() if m.id}


def test_cli_messages_are_in_the_template() -> None:
    ids = {m.id for m in pot()}
    assert "usage: " in ids
    assert "{file}: no such file" in ids


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en_US.UTF-8", "en"),
        ("en", "en"),
        ("zh-CN", "zh_CN"),
        ("zh_Hans_CN", "zh_CN"),
        ("fr_FR", "zh_CN"),
    ],
)
def test_normalize_locale_spellings(value: str, expected: str) -> None:
    assert normalize_locale(value) == expected


def test_locale_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("GOVDISCLOSURE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert normalize_locale() == "zh_CN"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert normalize_locale() == "en"
    monkeypatch.setenv("GOVDISCLOSURE_LANG", "zh_CN")
    assert normalize_locale() == "zh_CN"


def test_po_files_are_package_data() -> None:
    for lang in ("zh_CN", "en"):
        assert PACKAGE_LOCALE.joinpath(lang, "LC_MESSAGES", "govdisclosure.po").is_file()


def test_years_are_not_grouped_like_numbers() -> None:
    f = gd.Finding(
        code="structure.edition-mismatch",
        severity=gd.Severity.WARNING,
        path="applications",
        params={
            "table": "applications",
            "table_edition": "2019",
            "year": 2024,
            "expected_edition": "2021",
        },
    )
    assert "2024" in f.message("en")
    assert "2,024" not in f.message("en")
    assert "2,024" not in f.message("zh_CN")


@given(
    count=st.integers(min_value=1, max_value=10_000),
    code=st.sampled_from(["parse.extra-cells", "parse.missing-cells"]),
)
def test_english_counts_agree_in_number(count: int, code: str) -> None:
    f = gd.Finding(
        code=code,
        severity=gd.Severity.WARNING,
        path="review_litigation",
        params={"count": count, "cells": "0"},
    )
    en = f.message("en")
    number = format_number(count, "en")
    word = "cell" if count == 1 else "cells"
    assert f"{number} {word} " in en
    assert "|" not in en
    assert "{" not in en
    assert f"{format_number(count)}个单元格" in f.message("zh_CN")


def test_english_messages_name_sections_in_roman_numerals() -> None:
    """The English catalog never leaves a Chinese section numeral in running text."""
    for message in catalog("en"):
        if message.id and isinstance(message.string, str):
            assert not re.search(r"[Ss]ections? [一二三四五六]", message.string), message.string


_TERMS = tomllib.loads(
    resources.files("govdisclosure.checks").joinpath("content.toml").read_text("utf-8")
)
_GLOSSES = {
    t["topic"]: t["en"]
    for key in ("overview_topics", "assessment", "problems_parts")
    for t in _TERMS[key]
}


@given(
    named=st.sampled_from(
        [
            ("overview.topic-missing", "topic", 1),
            ("overview.assessment-missing", "items", 3),
            ("problems.part-missing", "part", 1),
        ]
    ),
    terms=st.lists(st.sampled_from(sorted(_GLOSSES)), min_size=1, max_size=3, unique=True),
)
def test_english_gives_each_official_term_followed_by_its_english_name(
    named: tuple[str, str, int], terms: list[str]
) -> None:
    """A finding that quotes what the prose must speak of gives, in English, the official
    wording followed by its English name from ``content.toml`` (and no Chinese else);
    Chinese quotes the wording alone."""
    code, param, most = named
    quoted = terms[:most]
    f = finding(code, "overview", **{param: "、".join(quoted)})
    en, zh = f.message("en"), f.message("zh_CN")
    glossed = [f"{t} ({_GLOSSES[t]})" for t in quoted]
    assert ", ".join(glossed) in en
    assert re.search(r"[\u4e00-\u9fff]", en.replace(", ".join(glossed), "")) is None, en
    assert "、".join(quoted) in zh
    assert not any(_GLOSSES[t] in zh for t in quoted)


def test_the_prose_checks_findings_gloss_their_terms_in_english() -> None:
    """What ``check`` finds missing in a short report, as the command line shows it."""
    r = gd.build_report(
        organ="某县人民政府",
        year=2024,
        overview="本年度我县认真贯彻落实条例，各项工作有序推进，取得了一定成效。" * 2,
        problems="本年度工作总体平稳有序，各项任务均按计划完成，群众反映良好，" * 2,
        other="未收取信息处理费。",
    )
    found = [
        f for f in gd.check(r) if f.code in {"overview.topic-missing", "problems.part-missing"}
    ]
    assert {f.code for f in found} == {"overview.topic-missing", "problems.part-missing"}
    for f in found:
        term = str(dict(f.params).get("topic") or dict(f.params)["part"])
        assert f"{term} ({_GLOSSES[term]})" in f.message("en")
        assert f"{term} (" not in f.message("zh_CN")


# ------------------------------------------------------------- official labels glossed
_LABELS, _HEADINGS = official_labels()
_QUOTING = {
    code: param
    for code, info in gd.CODES.items()
    for param, kind in info.glosses
    if kind is gd.checks.Gloss.LABEL
}
"""The findings that quote an official label or heading, and the parameter quoting it,
as their codes declare (tests/test_glosses.py checks the declarations themselves)."""


@settings(max_examples=20)  # each example renders every label of both editions
@given(
    code=st.sampled_from(sorted(_QUOTING)),
    found=st.text(alphabet="本年度止件数一二三（）、. ", min_size=1, max_size=8),
    parts=st.integers(2, 5),
)
def test_english_findings_gloss_every_official_label_they_quote(
    code: str, found: str, parts: int
) -> None:
    """For every label (or heading) of both editions: in English the finding quotes it and
    follows the quotes with its English from the template; in Chinese the message is what
    the Chinese template gives with the label alone, as before glosses."""
    param = _QUOTING[code]
    official = _HEADINGS if param == "heading" else _LABELS
    zh_template = gettext(gd.CODES[code].message, "zh_CN")
    for label, en in official.items():
        # (the printed text quoted beside the label: "found", or "text" before a heading)
        printed = {"found": found, "text": found, "parts": parts}
        f = finding(code, "applications", **printed, **{param: label})
        english = f.message("en")
        assert english == gettext(gd.CODES[code].message, "en").format(
            **printed, **{param: f'"{label}" ({en})'}
        )
        reference = zh_template.format(**printed, **{param: label})
        assert f.message("zh_CN") == reference
