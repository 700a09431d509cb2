"""A table published as a picture is named as such, not taken for a missing section.

Many sites publish the tables of sections 二 to 四 as screenshots (``<img>``) under
their headings. The figures cannot be read without OCR; ``parse.table-image`` says where
the picture stands and what it is, and ``check`` reports the table as missing, not the
section (whose heading is there). (Before, the report said the three sections were
missing, an error about sections the page has.)
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.strategies import reports
from test_nothing_lost import SLOW

SECTIONS = ("active", "applications", "review_litigation")
_CLASSES = {
    "active": "active",
    "applications": "applications",
    "review_litigation": "review-litigation",
}


def pictured(page: str, sections: set[str]) -> str:
    """``page`` with the tables of ``sections`` replaced by pictures of them."""
    for section in sections:
        page = re.sub(
            rf'<table class="{_CLASSES[section]}".*?</table>',
            f'<p style="text-align:center"><img src="/u/cms/2025/{section}.png" alt=""></p>',
            page,
            count=1,
            flags=re.S,
        )
    return page


def codes(findings: tuple[gd.Finding, ...], code: str) -> dict[str, gd.Finding]:
    return {f.path: f for f in findings if f.code == code}


@settings(SLOW, max_examples=40)
@given(reports(), st.sets(st.sampled_from(SECTIONS), min_size=1))
def test_a_pictured_table_is_named_and_its_section_is_not_missing(
    report: gd.Report, sections: set[str]
) -> None:
    tabled = {s for s in SECTIONS if getattr(report, s)}  # (a report may lack a table)
    sections &= tabled
    page = pictured(gd.render_html(report), sections)
    read = gd.parse_html(page)
    images = codes(read.findings, "parse.table-image")
    assert set(images) == sections
    for section, f in images.items():
        assert f.source is not None
        assert f.source.line is not None
        assert f"/u/cms/2025/{section}.png" in dict(f.params)["src"]
    assert_tables_pictured(read, report, sections)


def assert_tables_pictured(read: gd.Report, original: gd.Report, sections: set[str]) -> None:
    """``check`` finds the tables of ``sections`` missing in ``read``, not the sections,
    and the other tables are read as in ``original``."""
    found = gd.check(read)
    assert not set(codes(found, "structure.missing-section")) & sections
    assert set(codes(found, "structure.missing-table")) >= sections
    # the other tables are read as ever (section 四, the same in both editions, takes
    # its edition from the tables before it: its figures are what must not change)
    for section in set(SECTIONS) - sections:
        value, before = getattr(read, section), getattr(original, section)
        if section == "review_litigation" and value is not None and before is not None:
            assert value.cells == before.cells
        else:
            assert value == before


def test_pictures_in_the_prose_are_no_tables() -> None:
    """A photograph in section 一 and tables that are there: no finding of pictures."""
    report = gd.build_report(organ="某县某局", year=2024, overview="我局召开培训会。")
    page = gd.render_html(report).replace(
        "我局召开培训会。", '我局召开培训会。</p><p><img src="/photo.jpg" alt="培训会现场">'
    )
    read = gd.parse_html(page)
    assert "parse.table-image" not in {f.code for f in read.findings}
    assert read.applications == report.applications


@pytest.mark.parametrize("alt", ["", "政府信息公开申请情况表"])
def test_the_picture_is_quoted_with_its_alternative_text(alt: str) -> None:
    report = gd.build_report(organ="某县某局", year=2024)
    page = pictured(gd.render_html(report), {"applications"}).replace('alt=""', f'alt="{alt}"')
    (f,) = codes(gd.parse_html(page).findings, "parse.table-image").values()
    src = "/u/cms/2025/applications.png"
    assert dict(f.params)["src"] == (f"{src} ({alt})" if alt else src)
    assert src in f.message("zh_CN")
    assert src in f.message("en")


def test_a_seal_after_the_closing_date_leaves_the_signature_block() -> None:
    """A picture after the organ and date that close the report (the seal) is no text:
    the signature block is read as without it."""
    report = gd.build_report(organ="某县某局", year=2024, published="2025-01-20")
    page = gd.render_html(report)
    end = page.rindex("2025")
    end = page.index("</p>", end) + len("</p>")
    sealed = page[:end] + '\n<p><img src="/u/cms/2025/seal.png" alt="公章"></p>' + page[end:]
    assert gd.parse_html(sealed) == gd.parse_html(page)
