"""Messages: every code has both languages; formatting follows the locale."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.messages.pofile import read_po

import govdisclosure as gd
from govdisclosure.i18n import describe_path, format_number, normalize_locale

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
        ("published", "发布日期", "publication date"),
    ],
)
def test_describe_path(path: str, zh: str, en: str) -> None:
    """Paths read as labels in both languages, for both editions."""
    assert describe_path(path, "zh_CN") == zh
    assert describe_path(path, "en") == en
