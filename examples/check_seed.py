"""Build the seed report in code, with its figures exactly as published, and check it.

The seed is the 2024 report of 河曲县巡镇镇人民政府 (a township in Shanxi), published on
2025-02-07; its text is in ``examples/data/xunzhen-2024.txt``. Here the report is built
through the public API from the figures it prints, so that a compiler can see how a
report is assembled from case data and what ``check`` says about it.

Run: ``python examples/check_seed.py [--lang en]``
"""

from __future__ import annotations

import argparse

import govdisclosure as gd

APPLICANTS = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_service",
    "other_org",
)
COLUMNS = (*APPLICANTS, "total")


def seed_report() -> gd.Report:
    """The seed report with every figure as printed (zeros everywhere except two cells)."""
    spec = gd.template("2021").table("applications")
    applications = {row: dict.fromkeys(COLUMNS, 0) for row in spec.row_ids}
    # （一）予以公开: 自然人 2, but the 总计 column says 0
    applications["granted"]["natural_person"] = 2
    # （七）总计 prints 0 in every column, although the outcome rows add up to 2 自然人
    return gd.build_report(
        organ="河曲县巡镇镇人民政府",
        year=2024,
        published="2025-02-07",
        title="巡镇镇2024年政府信息公开工作年报",
        overview=(
            "在2024年，我镇紧密遵循上级党委与政府的指示精神，确立了清晰的信息公开目标。\n"
            "我镇坚决执行政府信息公开的相关规定，依据政务公开的标准目录推动公开。\n"
            "此外，我们还广泛运用大喇叭广播、入户走访等多种方式，接受民众监督。"
        ),
        active={
            "art20_1": {
                r: {"issued": 0, "repealed": 0, "in_force": 0}
                for r in ("regulations", "normative_documents")
            },
            "art20_5": {"licensing": {"decisions": 0}},
            "art20_6": {"penalty": {"decisions": 0}, "compulsion": {"decisions": 0}},
            "art20_8": {"admin_fees": {"amount": "0"}},
        },
        applications=applications,
        review_litigation={
            row: dict.fromkeys(("upheld", "corrected", "other", "pending", "total"), 0)
            for row in ("review", "litigation_direct", "litigation_after_review")
        },
        problems=(
            "（一）存在的问题\n"
            "各村的信息公开工作尚待加强，主动公开的内容与公众需求之间尚存在一定差距。\n"
            "（二）改进措施\n"
            "一是加强专业培训与学习。\n二是拓展与深化公开内容。\n三是健全制度框架与管理机制。"
        ),
        other="我镇无其他需要报告的事项。",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh_CN", help="zh_CN (default) or en")
    args = parser.parse_args()
    report = seed_report()
    findings = gd.check(report)
    for f in findings:
        print(f"{f.severity.value:7} {f.code:32} {f.path:40} {f.message(args.lang)}")
    errors = sum(f.severity is gd.Severity.ERROR for f in findings)
    print(f"{len(findings)} findings, {errors} errors")


if __name__ == "__main__":
    main()
