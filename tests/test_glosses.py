"""English glosses of the official wording a finding quotes, declared with its code.

A code names the parameters that quote official Chinese wording, and what each quotes
(``CodeInfo.glosses``: an official label or heading, text as printed, terms the prose
must speak of); English messages follow each with English from the template or from
``content.toml``. Nothing else is glossed, whatever a parameter is called, and Chinese
messages are what they were before glosses were declared: ``tests/data/
messages-golden.json`` holds every code's messages, in both languages, for a set of
parameter values, as the renderer gave them before the declarations (rewrite it with
``pytest tests/test_glosses.py --update-golden`` only after an intended change).
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure import checks
from govdisclosure.checks.registry import CODES, define, finding
from govdisclosure.i18n import describe_path, format_number, gettext
from govdisclosure.template import normalize_label
from wording import official_labels

GOLDEN = Path(__file__).parent / "data" / "messages-golden.json"

#: values every parameter of every code takes in turn in the golden messages: official
#: labels and headings, prose terms, labels as printed (official once folded, made of
#: two, not official), a model path, a date, a message of the catalogs, numbers
VALUES: tuple[str | int | Decimal, ...] = (
    "本年废止件数",
    "一、总体情况",
    "主动公开、依申请公开",
    "（三） 不予公开",
    "（三）不予公开：1、属于国家秘密",
    "9.属于工作秘密",
    "applications.granted.total",
    "2025-01-20",
    "the input is empty",
    3,
    Decimal("7730.28"),
)
_FROM_FINDING = frozenset({"where", "expected", "actual", "difference"})


def _fields(message: str) -> list[str]:
    return sorted({f for _, f, _, _ in string.Formatter().parse(message) if f} - _FROM_FINDING)


def _golden_findings(code: str) -> Iterator[gd.Finding]:
    """``code``'s finding with each of :data:`VALUES` for all its parameters."""
    paths = ("applications.granted.total", "overview", "active.art20_1.regulations.issued", "")
    for i, value in enumerate(VALUES):
        params: dict[str, Any] = dict.fromkeys(_fields(CODES[code].message), value)
        yield finding(
            code,
            paths[i % len(paths)],
            expected=12,
            actual=Decimal("7730.28"),
            difference=-3,
            **params,
        )


def _messages() -> dict[str, list[list[str]]]:
    return {
        code: [[f.message("zh_CN"), f.message("en")] for f in _golden_findings(code)]
        for code in sorted(CODES)
    }


@pytest.fixture(scope="module")
def golden(request: pytest.FixtureRequest) -> dict[str, list[list[str]]]:
    if request.config.getoption("--update-golden") or not GOLDEN.exists():
        text = json.dumps(_messages(), ensure_ascii=False, indent=1) + "\n"
        GOLDEN.write_text(text, "utf-8")
    return json.loads(GOLDEN.read_text("utf-8"))  # type: ignore[no-any-return]


def test_chinese_messages_are_as_before_glosses_were_declared(
    golden: dict[str, list[list[str]]],
) -> None:
    """Every code's Chinese message, for every value of :data:`VALUES`, is the golden one;
    so is the English one, but where a parameter quotes printed text that is official
    wording: that is followed by its gloss, and by nothing else; and where an official
    label's parameter is given a number, which is now quoted as any value of it is."""
    assert set(golden) == set(CODES)
    for code, pairs in golden.items():
        kinds = set(dict(CODES[code].glosses).values())
        for f, value, (zh, en) in zip(_golden_findings(code), VALUES, pairs, strict=True):
            assert f.message("zh_CN") == zh, (code, value)
            english = f.message("en")
            gloss = _expected_printed(value) if isinstance(value, str) else None
            if checks.Gloss.PRINTED in kinds and gloss is not None:
                assert english != en
                assert english.replace(f" ({gloss})", "", 1) == en, (code, value)
            elif checks.Gloss.LABEL in kinds and not isinstance(value, str):
                shown = format_number(value, "en")  # the label comes last in each message
                before, _, after = english.rpartition(f'"{shown}"')
                assert before + shown + after == en, (code, value)
            else:
                assert english == en, (code, value)


# ------------------------------------------------------------------ declarations
def test_the_codes_that_quote_official_wording_declare_it() -> None:
    g = checks.Gloss
    assert {c: dict(i.glosses) for c, i in CODES.items() if i.glosses} == {
        "parse.label-variant": {"label": g.LABEL},
        "parse.split-label": {"label": g.LABEL},
        "parse.heading-variant": {"heading": g.LABEL},
        "parse.glued-heading": {"heading": g.LABEL},
        "parse.missing-heading": {"heading": g.LABEL},
        "parse.footnote-mark": {"text": g.PRINTED},
        "parse.uncertain-mark": {"text": g.PRINTED},
        "parse.unknown-row": {"label": g.PRINTED},
        "parse.unread-label": {"text": g.PRINTED},
        "parse.further-report": {"title": g.PRINTED},
        "overview.topic-missing": {"topic": g.TERMS},
        "overview.assessment-missing": {"items": g.TERMS},
        "problems.part-missing": {"part": g.TERMS},
    }


@pytest.fixture
def scratch_codes() -> Iterator[list[str]]:
    """Codes a test defines, removed from the registry afterwards."""
    defined: list[str] = []
    yield defined
    for code in defined:
        CODES.pop(code, None)


def test_a_parameter_not_declared_is_not_glossed_whatever_its_name(
    scratch_codes: list[str],
) -> None:
    """``topic``, ``items`` and ``part`` are glossed where a code declares them, not by
    name: a code whose ``topic`` is something else shows it as it is."""
    scratch_codes.append("test.topic-word")
    define(
        "test.topic-word",
        gd.Severity.INFO,
        "{where}: the topic {topic}, items {items}, part {part}.",
        rule="A code of this test.",
    )
    f = finding("test.topic-word", "overview", topic="主动公开", items="主动公开", part="规章")
    assert f.message("en") == "I. Overview: the topic 主动公开, items 主动公开, part 规章."


def test_declared_glosses_are_fields_of_the_message(scratch_codes: list[str]) -> None:
    scratch_codes.append("test.no-such-field")
    with pytest.raises(ValueError, match="not fields"):
        define(
            "test.no-such-field",
            gd.Severity.INFO,
            "{where}: {label}.",
            rule="A code of this test.",
            glosses={"lable": checks.Gloss.LABEL},
        )
    assert "test.no-such-field" not in CODES


_TEXT = st.text(alphabet="主动公开本年废止件数（三）不予、1.2 -国家秘密其他", max_size=12)


@settings(max_examples=60)
@given(code=st.sampled_from(sorted(CODES)), value=_TEXT, data=st.data())
def test_declarations_change_no_chinese_message(code: str, value: str, data: Any) -> None:
    """For every code and any text in its parameters, the Chinese message is the same
    whether the code declares glosses or not; English differs only in the declared
    parameters."""
    info = CODES[code]
    fields = _fields(info.message)
    params = {f: data.draw(st.one_of(st.just(value), _TEXT), label=f) for f in fields}
    f = finding(code, "overview", expected=1, actual=2, difference=-1, **params)
    declared = dict(info.glosses)
    zh, en = f.message("zh_CN"), f.message("en")
    try:
        CODES[code] = attrs.evolve(info, glosses=())
        assert f.message("zh_CN") == zh
        plain = f.message("en")
    finally:
        CODES[code] = info
    if not any(declared.get(name) for name in params):
        assert plain == en


# ------------------------------------------------------------------ printed text
_LABELS, _HEADINGS = official_labels()
_OFFICIAL = {**_LABELS, **_HEADINGS}
"""Every official wording with its English, as the test reads the template."""
_FOLDED = {normalize_label(zh): en for zh, en in _OFFICIAL.items()}


def _expected_printed(text: str) -> str | None:
    """The gloss of printed text that is one official wording once folded, or two with
    at most punctuation between them (all the golden values and this module's examples
    need)."""
    folded = normalize_label(text)
    if folded in _FOLDED:
        return _FOLDED[folded]
    for key, en in _FOLDED.items():
        rest = folded[len(key) :].lstrip(",.:;") if folded.startswith(key) else None
        if rest and rest in _FOLDED:
            return f"{en} / {_FOLDED[rest]}"
    return None


def _printed(label: str, spaces: list[int], comma: bool) -> str:
    """``label`` as a report might print it: 、 for ., spaces inside, half-width
    brackets."""
    text = label.replace("（", "(").replace("）", ")")
    if comma and len(text) > 1 and text[0].isdigit() and text[1] == ".":
        text = text[0] + "、" + text[2:]
    for at in spaces:
        text = text[: at % (len(text) + 1)] + " " + text[at % (len(text) + 1) :]
    return text


_PRINTED = ("parse.footnote-mark", "text"), ("parse.unknown-row", "label")


@settings(max_examples=60)
@given(
    named=st.sampled_from(_PRINTED),
    label=st.sampled_from(sorted(_OFFICIAL)),
    spaces=st.lists(st.integers(0, 40), max_size=2),
    comma=st.booleans(),
)
def test_printed_official_wording_is_glossed_in_english(
    named: tuple[str, str], label: str, spaces: list[int], comma: bool
) -> None:
    """A row label or cell text that is an official wording once folded as labels are
    matched is quoted as printed and followed by its English; Chinese quotes it alone."""
    code, param = named
    text = _printed(label, spaces, comma)
    f = finding(code, "applications", mark="1", cells="0", **{param: text})
    assert f'"{text}" ({_OFFICIAL[label]})' in f.message("en")
    assert _OFFICIAL[label] not in f.message("zh_CN")
    assert f"“{text}”" in f.message("zh_CN")


@settings(max_examples=60)
@given(
    named=st.sampled_from(_PRINTED),
    first=st.sampled_from(sorted(_OFFICIAL)),
    second=st.sampled_from(sorted(_OFFICIAL)),
    between=st.sampled_from(["", " ", "：", "、"]),
)
def test_printed_text_of_official_wordings_glosses_each(
    named: tuple[str, str], first: str, second: str, between: str
) -> None:
    """A label read with its group label (two official wordings one after the other,
    nothing but punctuation between them) is glossed with both, in turn."""
    code, param = named
    text = first + between + second
    f = finding(code, "applications", mark="1", cells="0", **{param: text})
    english = f.message("en")
    both = f'"{text}" ({_OFFICIAL[first]} / {_OFFICIAL[second]})'
    one = normalize_label(text) in _FOLDED  # the two together are one wording
    assert both in english or (one and f'"{text}" ({_FOLDED[normalize_label(text)]})' in english)


@pytest.mark.parametrize(
    "text",
    [
        "9.属于工作秘密",  # no wording of the template
        "12",  # a figure
        "（三）不予公开等",  # official wording and a word more
        "合计：行政许可",  # a word, then official wording
        "行政许可（件）",  # official wording and its unit
    ],
)
@pytest.mark.parametrize("named", _PRINTED)
def test_printed_text_with_other_words_is_quoted_as_printed(
    named: tuple[str, str], text: str
) -> None:
    code, param = named
    f = finding(code, "applications", mark="1", cells="0", **{param: text})
    quoted = {"where": describe_path("applications", "en"), "mark": "1", "cells": "0"}
    quoted[param] = f'"{text}"'
    assert f.message("en") == gettext(CODES[code].message, "en").format(**quoted)


def test_a_footnote_digit_glued_to_a_label_glosses_the_label() -> None:
    """Read from text, as the parser reports it: the row's label is quoted and glossed."""
    report = gd.build_report(
        organ="某县某局",
        year=2024,
        published="2025-01-20",
        applications={"new_received": {"natural_person": 12}, "granted": {"natural_person": 12}},
    )
    text = gd.render_text(report)
    row = "（一）予以公开\t12\t0\t0\t0\t0\t0\t12"
    assert row in text
    again = gd.parse_text(text.replace(row, "（一）予以公开1\t12\t0\t0\t0\t0\t0\t12"))
    (note,) = [f for f in again.findings if f.code == "parse.footnote-mark"]
    assert '"1" beside "（一）予以公开" ((1) Disclosed) (' in note.message("en")
    assert note.message("zh_CN").startswith("三、（一）予以公开行：“（一）予以公开”旁的“1”")
    unknown = gd.parse_text(
        text.replace("（七）总计\t", "1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n（七）总计\t")
    )
    (row_finding,) = [f for f in unknown.findings if f.code == "parse.unknown-row"]
    assert row_finding.message("en").startswith(
        'A row labelled "1.属于国家秘密" (1. State secret) is not in the format'
    )
    assert gettext(CODES["parse.unknown-row"].message, "zh_CN").format(
        label="1.属于国家秘密", cells=row_finding.args["cells"]
    ) == row_finding.message("zh_CN")
