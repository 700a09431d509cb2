"""Seeded generation of valid reports and of corpora of report files, for the tests and
for ``bench/make_corpus.py``.

Reports are valid by construction: outcomes are drawn within what was received, the
carry-forward is what is left, totals are derived, and section 二 keeps its
roll-forward rules. No filtering on the identities.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import govdisclosure as gd
from govdisclosure.template import ColumnKind, edition_for_year, template

APPLICANTS = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_service",
    "other_org",
)
ORGANS = (
    "某县财政局",
    "某县教育局",
    "某市人民政府",
    "某镇人民政府",
    "某区审计局",
    "某县人力资源和社会保障局",
)
OVERVIEW = (
    "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作，"
    "不断加大主动公开力度，规范依申请公开办理流程，完善平台建设和监督保障机制，"
    "政府信息公开工作取得新的进展。"
)


def _outcome_rows(edition: gd.Edition) -> list[str]:
    spec = template(edition).table("applications")
    skip = {"new_received", "carried_over", "total", "carried_forward"}
    return [r for r in spec.row_ids if r not in skip]


def random_report(
    rng: random.Random,
    *,
    organ: str | None = None,
    year: int | None = None,
    carried: dict[str, int] | None = None,
) -> gd.Report:
    """A valid report; ``carried`` gives this year's 上年结转 per applicant column."""
    year = year if year is not None else rng.choice([2019, 2020, 2021, 2022, 2023, 2024])
    organ = organ or rng.choice(ORGANS)
    edition = edition_for_year(year)
    outcomes = _outcome_rows(edition)
    apps: dict[str, dict[str, int]] = {
        r: {} for r in ["new_received", "carried_over", "carried_forward", *outcomes]
    }
    for c in APPLICANTS:
        new = rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 40])
        over = (carried or {}).get(c, rng.choice([0, 0, 0, 1, 2]))
        available = new + over
        done = rng.randint(max(0, available - 3), available)
        apps["new_received"][c] = new
        apps["carried_over"][c] = over
        apps["carried_forward"][c] = available - done
        for _ in range(done):
            row = rng.choice(outcomes)
            apps[row][c] = apps[row].get(c, 0) + 1
    review = {
        g: {k: rng.choice([0, 0, 0, 1, 2]) for k in ("upheld", "corrected", "other", "pending")}
        for g in ("review", "litigation_direct", "litigation_after_review")
    }
    active: dict[str, dict[str, dict[str, object]]] = {}
    for spec in template(edition).active_tables:
        rows: dict[str, dict[str, object]] = {}
        for row in spec.row_ids:
            values: dict[str, object] = {}
            for column in spec.columns:
                if column.kind is ColumnKind.AMOUNT:
                    values[column.id] = Decimal(rng.randint(0, 99999)) / 100
                elif column.kind is ColumnKind.CHANGE:
                    values[column.id] = rng.randint(-3, 5)
                else:
                    values[column.id] = rng.randint(0, 60)
            if "change" in values and "previous_items" in values:
                values["previous_items"] = int(values["previous_items"]) + 3  # type: ignore[call-overload]
            if "total_published" in values:
                values["total_published"] = int(values["new_published"]) + rng.randint(0, 30)  # type: ignore[call-overload]
            rows[row] = values
        active[spec.id] = rows
    return gd.build_report(
        organ=organ,
        year=year,
        published=f"{year + 1}-01-{rng.randint(10, 28)}",
        overview=OVERVIEW + f"全年主动公开政府信息{rng.randint(10, 900)}条。",
        active=active,  # type: ignore[arg-type]
        applications=apps,
        review_litigation=review,
        problems=f"（一）存在的问题\n公开内容还不够全面（{rng.randint(1, 99)}）。\n（二）改进措施\n加强培训。",
        other="本年度未收取信息处理费。",
    )


def _renderers() -> list[tuple[str, Callable[[gd.Report], str]]]:
    out: list[tuple[str, Callable[[gd.Report], str]]] = []
    for suffix, name in ((".txt", "render_text"), (".html", "render_html")):
        func = getattr(gd, name, None)
        if func is not None:
            out.append((suffix, func))
    if not out:
        out.append((".json", gd.to_json))
    return out


BROKEN = {
    "broken-empty.txt": b"",
    "broken-binary.pdf": b"%PDF-1.4\n\x00\x01\x02 not really a pdf",
    "broken-json.json": b'{"format": "govdisclosure.report/1", "organ": 42}',
    "broken-noise.html": "<html><body><p>这不是年度报告。</p></body></html>".encode(),
}


def write_corpus(folder: Path, n: int, *, seed: int = 0, broken: bool = True) -> list[gd.Report]:
    """Write ``n`` reports (rendered as text and HTML when those renderers exist, JSON
    otherwise, alternating) plus the :data:`BROKEN` files; return the reports written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    renderers = _renderers()
    reports = []
    for i in range(n):
        r = random_report(rng)
        suffix, render = renderers[i % len(renderers)]
        (folder / f"report-{i:05d}{suffix}").write_text(render(r), encoding="utf-8")
        reports.append(r)
    if broken:
        for name, data in BROKEN.items():
            (folder / name).write_bytes(data)
    return reports
