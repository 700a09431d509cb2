"""Catalogs: every finding code and every CLI message is translated, and ships."""

from __future__ import annotations

import re
import string
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import govdisclosure as gd
from govdisclosure.i18n import gettext, normalize_locale

LOCALE = resources.files("govdisclosure.i18n").joinpath("locale")
SRC = Path(gd.__file__).parent


def catalog(lang: str) -> Catalog:
    with LOCALE.joinpath(lang, "LC_MESSAGES", "govdisclosure.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def pot() -> Catalog:
    with LOCALE.joinpath("govdisclosure.pot").open("rb") as fh:
        return read_po(fh)


def fields(message: str) -> set[str]:
    brace = {f for _, f, _, _ in string.Formatter().parse(message) if f}
    percent = set(re.findall(r"%\((\w+)\)[sdr]", message))
    return brace | percent | ({"%s"} if "%s" in message else set())


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_finding_code_has_a_message_in_both_catalogs(lang: str) -> None:
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
def test_normalize_locale(value: str, expected: str) -> None:
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
        assert LOCALE.joinpath(lang, "LC_MESSAGES", "govdisclosure.po").is_file()
