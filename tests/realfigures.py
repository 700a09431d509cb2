"""The real reports of ``tests/data/real``: as read by ``parse_text``, and as transcribed.

``REPORTS`` are the reports as ``gd.parse_text`` reads the seed's text and the text
pdfplumber extracts from the PDFs; the renderers' golden files are made from them.
``TRANSCRIBED`` rebuilds the same reports by hand with ``gd.build_report`` from their
figures, as a cross-check of the tables the parser reads. Every figure is copied as
published (the seed's defects included: （一）予以公开 states 总计 0,
（七）总计 states 自然人 0); cells the model cannot hold (the seed's surplus cells in
section 二 and 四) are left out. Narratives: the seed's are sliced from its text; the
PDF reports' narratives are not transcribed (present but empty).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import govdisclosure as gd
from govdisclosure.template import Edition, template

REAL = Path(__file__).parent / "data" / "real"

APPLICANTS = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_service",
    "other_org",
    "total",
)
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")


def _applications(edition: str, rows: list[list[int]]) -> gd.Table:
    spec = template(edition).table("applications")
    assert len(rows) == len(spec.rows)
    return gd.Table("applications", Edition(edition), [tuple(r) for r in rows])


def _review(figures: list[int]) -> gd.Table:
    assert len(figures) == 15
    return gd.Table(
        "review_litigation", Edition.V2021, [tuple(figures[i : i + 5]) for i in (0, 5, 10)]
    )


def _active(
    regulations: list[int],
    normative: list[int],
    licensing: int,
    penalty: int,
    compulsion: int,
    fees: Decimal,
) -> dict[str, dict[str, dict[str, object]]]:
    return {
        "art20_1": {
            "regulations": dict(zip(("issued", "repealed", "in_force"), regulations, strict=True)),
            "normative_documents": dict(
                zip(("issued", "repealed", "in_force"), normative, strict=True)
            ),
        },
        "art20_5": {"licensing": {"decisions": licensing}},
        "art20_6": {"penalty": {"decisions": penalty}, "compulsion": {"decisions": compulsion}},
        "art20_8": {"admin_fees": {"amount": fees}},
    }


def _sections(text: str) -> dict[str, str]:
    """The seed's prose sections, paragraph per line, between the six headings."""
    heads = {s.heading: s.id for s in template("2021").sections}
    out: dict[str, list[str]] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if line in heads:
            current = heads[line]
            out[current] = []
            continue
        if current is not None and line:
            out[current].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


def xunzhen_2024() -> gd.Report:
    text = (REAL / "xunzhen-2024.txt").read_text("utf-8")
    prose = _sections(text)
    z = [0] * 7
    rows = [list(z) for _ in range(25)]
    rows[2] = [2, 0, 0, 0, 0, 0, 0]  # （一）予以公开: 总计 0 as published
    problems = prose["problems"].split("\n")
    other = prose["other"].split("\n")
    return gd.build_report(
        organ="河曲县巡镇镇人民政府",
        year=2024,
        published="2025-02-07",
        title="巡镇镇 2024 年政府信息公开工作年报",
        overview=prose["overview"],
        active=_active([0, 0, 0], [0, 0, 0], 0, 0, 0, Decimal(0)),
        applications=_applications("2021", rows),
        review_litigation=_review([0] * 15),
        problems="\n".join(problems),
        other="\n".join(other[:1]),
    )


def huaian_2024() -> gd.Report:
    rows = [
        [3001, 53, 0, 0, 61, 4, 3119],
        [34, 0, 0, 0, 0, 0, 34],
        [1288, 21, 0, 0, 50, 3, 1362],
        [447, 7, 0, 0, 0, 0, 454],
        [2, 0, 0, 0, 0, 0, 2],
        [30, 1, 0, 0, 0, 0, 31],
        [5, 0, 0, 0, 0, 0, 5],
        [6, 0, 0, 0, 0, 0, 6],
        [7, 1, 0, 0, 0, 0, 8],
        [12, 0, 0, 0, 0, 0, 12],
        [9, 0, 0, 0, 0, 0, 9],
        [105, 0, 0, 0, 0, 0, 105],
        [746, 12, 0, 0, 10, 1, 769],
        [11, 0, 0, 0, 0, 0, 11],
        [1, 0, 0, 0, 0, 0, 1],
        [56, 6, 0, 0, 0, 0, 62],
        [25, 0, 0, 0, 0, 0, 25],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [67, 3, 0, 0, 1, 0, 71],
        [6, 0, 0, 0, 0, 0, 6],
        [108, 2, 0, 0, 0, 0, 110],
        [2932, 53, 0, 0, 61, 4, 3050],
        [103, 0, 0, 0, 0, 0, 103],
    ]
    return gd.build_report(
        organ="淮安市人民政府",
        year=2024,
        active=_active([1, 0, 11], [8, 26, 66], 447228, 3985758, 88283, Decimal("96171.6")),
        applications=_applications("2021", rows),
        review_litigation=_review([72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]),
    )


def _hongze(
    year: int,
    rows: list[list[int]],
    active: dict[str, dict[str, dict[str, object]]],
    review: list[int],
) -> gd.Report:
    return gd.build_report(
        organ="淮安市洪泽区人民政府",
        year=year,
        title=f"洪泽区人民政府{year}年政府信息公开工作年度报告" if year == 2023 else "",
        active=active,
        applications=_applications("2019", rows),  # a single （六）其他处理 row
        review_litigation=_review(review),
    )


def hongze_2023() -> gd.Report:
    one = [1, 0, 0, 0, 0, 0, 1]
    z = [0] * 7
    rows = [
        [21, 0, 0, 0, 0, 0, 21],
        z,
        z,
        [4, 0, 0, 0, 0, 0, 4],
        one,
        z,
        z,
        z,
        z,
        one,
        one,
        z,
        [10, 0, 0, 0, 0, 0, 10],
        [3, 0, 0, 0, 0, 0, 3],
        z,
        one,
        z,
        z,
        z,
        z,
        z,
        [21, 0, 0, 0, 0, 0, 21],
        z,
    ]
    return _hongze(
        2023,
        rows,
        _active([0, 0, 0], [0, 5, 5], 550, 4119, 195, Decimal("7730.28")),
        [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0],
    )


def hongze_2024() -> gd.Report:
    one = [1, 0, 0, 0, 0, 0, 1]
    z = [0] * 7
    rows = [
        [95, 0, 0, 0, 0, 0, 95],
        z,
        [50, 0, 0, 0, 0, 0, 50],
        [9, 0, 0, 0, 0, 0, 9],
        z,
        z,
        one,
        z,
        z,
        one,
        one,
        z,
        [31, 0, 0, 0, 0, 0, 31],
        one,
        z,
        one,
        z,
        z,
        z,
        z,
        z,
        [95, 0, 0, 0, 0, 0, 95],
        z,
    ]
    return _hongze(
        2024,
        rows,
        _active([0, 0, 0], [3, 0, 8], 9487, 2776, 84, Decimal(7545)),
        [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3],
    )


TRANSCRIBED: dict[str, Callable[[], gd.Report]] = {
    "xunzhen-2024": xunzhen_2024,
    "huaian-2024": huaian_2024,
    "hongze-2023": hongze_2023,
    "hongze-2024": hongze_2024,
}


SOURCES: dict[str, str] = {
    "xunzhen-2024": "xunzhen-2024.txt",
    "huaian-2024": "huaian-2024.pdfplumber.txt",
    "hongze-2023": "hongze-2023.pdfplumber.txt",
    "hongze-2024": "hongze-2024.pdfplumber.txt",
}


def _parsed(name: str) -> Callable[[], gd.Report]:
    def read() -> gd.Report:
        return gd.parse_text((REAL / SOURCES[name]).read_bytes())

    return read


REPORTS: dict[str, Callable[[], gd.Report]] = {name: _parsed(name) for name in SOURCES}
