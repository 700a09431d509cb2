"""Measure gd.similar on many generated reports: time, peak memory, planted copies found.

    PYTHONPATH=src python scripts/bench_similar.py --reports 10000

Reports are generated with a seeded random generator (not Hypothesis, which is made for
small examples): every organ's sections 一, 五 and 六 are drawn from a shared pool of
boilerplate sentences with figures put in (so unrelated reports overlap as real ones do,
Jaccard ≈ 0.1–0.3), tables with random figures. Then copies are planted: a share of the
reports take another organ's section 一 with a few characters changed, and a share repeat
their own organ's previous year with new figures. The run prints the time of
``gd.similar``, the peak resident memory (getrusage) and how many planted copies
were found.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

import attrs

import govdisclosure as gd

SUBJECTS = ("我单位", "本机关", "我局", "我委", "本级政府", "我办")
VERBS = ("认真落实", "严格执行", "持续深化", "扎实推进", "不断完善", "全面加强", "积极探索")
OBJECTS = (
    "政府信息公开各项要求",
    "信息发布审核制度",
    "依申请公开办理流程",
    "政务公开栏目巡查",
    "政策解读和回应关切",
    "政务新媒体管理",
    "保密审查机制",
    "公开目录动态更新",
    "重点领域信息公开",
    "工作人员业务培训",
    "政务公开工作考核",
    "政府网站集约化建设",
)
TAILS = (
    "做到应公开尽公开。",
    "确保信息发布及时准确。",
    "切实提升工作质效。",
    "推动工作规范化标准化。",
    "回应社会关切。",
    "保障群众知情权、参与权和监督权。",
)


_WORDS_TEXT = (
    "政务 公开 信息 平台 网站 新媒体 解读 回应 关切 审核 保密 目录 栏目 专栏 培训 考核 监督 "
    "保障 制度 机制 流程 规范 标准 清单 台账 督查 整改 巡查 监测 评估 政策 文件 法规 规章 "
    "民生 教育 医疗 社保 就业 住房 交通 环保 安全 应急 财政 预算 决算 采购 项目 审批 许可 "
    "处罚 强制 收费 统计 规划 土地 农业 水利 林业 文旅 体育 卫生 疫情 救助 养老 托育 残疾 "
    "乡村 振兴 营商 环境 企业 群众 基层 村务 社区 街道 窗口 热线 留言 咨询 答复 办理 受理"
)
WORDS = tuple(_WORDS_TEXT.split())


def phrase(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(3, 6)))


def sentence(rng: random.Random) -> str:
    obj = rng.choice(OBJECTS) if BOILERPLATE else phrase(rng)
    s = rng.choice(SUBJECTS) + rng.choice(VERBS) + obj + "，" + rng.choice(TAILS)
    if rng.random() < 0.3:
        s = s[:-1] + f"全年发布信息{rng.randint(10, 9000)}条。"
    return s


BOILERPLATE = True


def prose(rng: random.Random, n: int) -> str:
    return "\n".join("".join(sentence(rng) for _ in range(3)) for _ in range(n // 3))


def perturb(rng: random.Random, text: str, edits: int) -> str:
    chars = list(text)
    for _ in range(edits):
        chars[rng.randrange(len(chars))] = rng.choice("政府信息公开工作")
    return "".join(chars)


def make(n: int, seed: int) -> tuple[list[gd.Report], set[tuple[int, int, str]]]:
    rng = random.Random(seed)
    reports: list[gd.Report] = []
    planted: set[tuple[int, int, str]] = set()
    for i in range(n):
        year = 2019 + i % 7
        organ = f"{i // 2}号县某局" if i % 2 else f"{i}号县某局"
        r = gd.build_report(
            organ=organ,
            year=year,
            overview=prose(rng, 24),
            problems=prose(rng, 9),
            other="本年度未收取信息处理费。" + prose(rng, 3),
            applications={
                "new_received": {"natural_person": rng.randint(0, 300)},
                "granted": {"natural_person": rng.randint(0, 300)},
            },
            review_litigation={
                "review": {"upheld": rng.randint(0, 9), "pending": rng.randint(0, 9)},
                "litigation_direct": {"upheld": rng.randint(0, 3)},
            },
        )
        if i and rng.random() < 0.01:  # another organ's overview, a few characters changed
            j = rng.randrange(i)
            src = reports[j].overview.text  # type: ignore[union-attr]
            r = attrs.evolve(r, overview=gd.Narrative(perturb(rng, src, 5)))
            planted.add((j, i, "overview"))
        elif i % 2 and rng.random() < 0.05:  # same organ, last year's problems, new figures
            src = reports[i - 1].problems.text  # type: ignore[union-attr]
            text = "".join(str(rng.randint(0, 9)) if c.isdigit() else c for c in src)
            r = attrs.evolve(r, problems=gd.Narrative(text))
            planted.add((i - 1, i, "problems"))
        reports.append(r)
    return reports, planted


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--boilerplate",
        choices=("high", "varied"),
        default="varied",
        help="high: every sentence from 12 stock objects (unrelated reports overlap "
        "J≈0.3); varied: objects made of 3–6 of 100 domain words (J≈0.1)",
    )
    args = ap.parse_args()
    global BOILERPLATE  # noqa: PLW0603 - a benchmark switch
    BOILERPLATE = args.boilerplate == "high"
    t0 = time.perf_counter()
    reports, planted = make(args.reports, args.seed)
    t1 = time.perf_counter()
    chars = sum(len(r.overview.text) + len(r.problems.text) + len(r.other.text) for r in reports)  # type: ignore[union-attr]
    print(
        f"generated {len(reports)} reports ({chars / len(reports):.0f} prose characters each) in {t1 - t0:.1f} s"
    )
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t2, c2 = time.perf_counter(), time.process_time()
    pairs = gd.similar(reports, threshold=args.threshold)
    t3, c3 = time.perf_counter(), time.process_time()
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    prose_pairs = {(p.first.index, p.second.index, p.part) for p in pairs if p.kind == "prose"}
    tables = sum(1 for p in pairs if p.kind == "table")
    found = len(planted & prose_pairs)
    print(
        f"gd.similar: {t3 - t2:.1f} s wall, {c3 - c2:.1f} s CPU; peak RSS {rss1 / 1024:.0f} MiB "
        f"(+{(rss1 - rss0) / 1024:.0f} MiB over the reports themselves)"
    )
    print(
        f"pairs: {len(prose_pairs)} prose, {tables} table; planted copies found {found}/{len(planted)}"
    )
    print(f"prose pairs not planted: {len(prose_pairs - planted)}")


if __name__ == "__main__":
    main()
