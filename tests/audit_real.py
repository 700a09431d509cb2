"""The real reports of ``tests/data/real`` as built reports, for the audit tests.

Until the text parsers are available everywhere, the audit tests build the real reports
themselves: the tables are transcribed by hand from the published PDFs (the figures of
``*.pdfplumber.txt``), and the prose sections are cut from the extracted text exactly as
pdfplumber gives it — line wraps, page numbers removed — so that figures split across
lines are part of the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import govdisclosure as gd

REAL = Path(__file__).parent / "data" / "real"
_PAGE_NUMBER = re.compile(r"\s*-\s*\d+\s*-\s*")


def cut(text: str, start: str, end: str | None) -> str:
    """The text between the headings ``start`` and ``end`` (or the end), without page
    numbers and signature lines."""
    i = text.index(start) + len(start)
    j = text.index(end, i) if end else len(text)
    lines = text[i:j].splitlines()
    return "\n".join(line for line in lines if not _PAGE_NUMBER.fullmatch(line)).strip("\n")


def prose(name: str, extractor: str = "pdfplumber") -> dict[str, str]:
    """Sections 一, 五 and 六 of a real report as extracted."""
    path = REAL / (f"{name}.{extractor}.txt" if extractor else f"{name}.txt")
    text = path.read_text("utf-8")
    return {
        "overview": cut(text, "一、总体情况", "二、主动公开政府信息情况"),
        "problems": cut(text, "五、存在的主要问题及改进情况", "六、其他需要报告的事项"),
        "other": cut(text, "六、其他需要报告的事项", None),
    }


def _n(total: int) -> dict[str, int]:
    return {"natural_person": total}


def _review(*cells: int) -> dict[str, dict[str, int]]:
    cols = ("upheld", "corrected", "other", "pending", "total")
    rows = ("review", "litigation_direct", "litigation_after_review")
    return {r: dict(zip(cols, cells[5 * i : 5 * i + 5], strict=True)) for i, r in enumerate(rows)}


def huaian_2024(extractor: str = "pdfplumber") -> gd.Report:
    """淮安市人民政府 2024 (2021 edition throughout)."""
    applications = {
        "new_received": {
            "natural_person": 3001,
            "commercial": 53,
            "legal_service": 61,
            "other_org": 4,
        },
        "carried_over": _n(34),
        "granted": {"natural_person": 1288, "commercial": 21, "legal_service": 50, "other_org": 3},
        "partially_granted": {"natural_person": 447, "commercial": 7},
        "denied.state_secret": _n(2),
        "denied.prohibited_by_law": {"natural_person": 30, "commercial": 1},
        "denied.security_stability": _n(5),
        "denied.third_party_rights": _n(6),
        "denied.internal_affairs": {"natural_person": 7, "commercial": 1},
        "denied.process_information": _n(12),
        "denied.enforcement_case_file": _n(9),
        "denied.administrative_query": _n(105),
        "unavailable.not_held": {
            "natural_person": 746,
            "commercial": 12,
            "legal_service": 10,
            "other_org": 1,
        },
        "unavailable.needs_creation": _n(11),
        "unavailable.unclear_after_amendment": _n(1),
        "not_handled.petition_complaint": {"natural_person": 56, "commercial": 6},
        "not_handled.duplicate": _n(25),
        "not_handled.confirmation": _n(1),
        "other.no_amendment": {"natural_person": 67, "commercial": 3, "legal_service": 1},
        "other.unpaid_fee": _n(6),
        "other.other": {"natural_person": 108, "commercial": 2},
        "carried_forward": _n(103),
    }
    return gd.build_report(
        organ="淮安市人民政府",
        year=2024,
        published="2025-02-25",
        active={
            "art20_1": {
                "regulations": {"issued": 1, "repealed": 0, "in_force": 11},
                "normative_documents": {"issued": 8, "repealed": 26, "in_force": 66},
            },
            "art20_5": {"licensing": {"decisions": 447228}},
            "art20_6": {"penalty": {"decisions": 3985758}, "compulsion": {"decisions": 88283}},
            "art20_8": {"admin_fees": {"amount": "96171.6"}},
        },
        applications=applications,
        review_litigation=_review(72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20),
        **prose("huaian-2024", extractor),
    )


def hongze(year: int, extractor: str = "pdfplumber") -> gd.Report:
    """淮安市洪泽区人民政府 2023 or 2024: 2021 tables, the single 2019 （六） row."""
    if year == 2023:
        rows = {
            "new_received": _n(21),
            "partially_granted": _n(4),
            "denied.state_secret": _n(1),
            "denied.process_information": _n(1),
            "denied.enforcement_case_file": _n(1),
            "unavailable.not_held": _n(10),
            "unavailable.needs_creation": _n(3),
            "not_handled.petition_complaint": _n(1),
        }
        review = _review(10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0)
        active = {
            "art20_1": {
                "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
                "normative_documents": {"issued": 0, "repealed": 5, "in_force": 5},
            },
            "art20_5": {"licensing": {"decisions": 550}},
            "art20_6": {"penalty": {"decisions": 4119}, "compulsion": {"decisions": 195}},
            "art20_8": {"admin_fees": {"amount": "7730.28"}},
        }
    else:
        rows = {
            "new_received": _n(95),
            "granted": _n(50),
            "partially_granted": _n(9),
            "denied.security_stability": _n(1),
            "denied.process_information": _n(1),
            "denied.enforcement_case_file": _n(1),
            "unavailable.not_held": _n(31),
            "unavailable.needs_creation": _n(1),
            "not_handled.petition_complaint": _n(1),
        }
        review = _review(1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3)
        active = {
            "art20_1": {
                "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
                "normative_documents": {"issued": 3, "repealed": 0, "in_force": 8},
            },
            "art20_5": {"licensing": {"decisions": 9487}},
            "art20_6": {"penalty": {"decisions": 2776}, "compulsion": {"decisions": 84}},
            "art20_8": {"admin_fees": {"amount": "7545"}},
        }
    return gd.build_report(
        organ="淮安市洪泽区人民政府",
        year=year,
        active=active,
        applications=gd.build_table("applications", rows, edition="2019"),
        review_litigation=review,
        **prose(f"hongze-{year}", extractor),
    )


def xunzhen_2024() -> gd.Report:
    """河曲县巡镇镇人民政府 2024 (the seed; its tables are all zero but two cells)."""
    return gd.build_report(
        organ="河曲县巡镇镇人民政府",
        year=2024,
        published="2025-02-07",
        applications={
            "granted": {"natural_person": 2, "total": 0},
            "total": {"natural_person": 0},
        },
        **prose("xunzhen-2024", ""),
    )
