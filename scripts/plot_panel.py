"""Plot a harmonised 2019–2024 panel to ``docs/_static/panel.png``.

    PYTHONPATH=src python scripts/plot_panel.py

The panel holds the three real reports of ``tests/data/real`` (淮安市人民政府 2024,
淮安市洪泽区人民政府 2023 and 2024; read from their pdfplumber text) and
**generated** earlier years of the same two organs (2019–2020 in the 2019 edition, with
its single （六）其他处理 row; 2021 on in the 2021 edition), drawn with a fixed seed around
the real figures. Generated points are hollow and dashed: they are illustrations, not
data. Every figure plotted comes from ``gd.to_records(report, harmonised=True)``.

Needs matplotlib (the ``plot`` extra).
"""

from __future__ import annotations

import random
from pathlib import Path

import attrs

import govdisclosure as gd

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "_static" / "panel.png"
FIELDS = {
    "applications.new_received.total": "一、本年新收申请 / new applications",
    "applications.other.total": "（六）其他处理 (2019 row = Σ 2021 rows) / other handling",
    "review_litigation.review.total": "行政复议 / administrative review",
    "active.penalty.decisions": "行政处罚决定 / penalty decisions",
}


def real_reports() -> list[gd.Report]:
    """The three real reports, read from their pdfplumber text."""
    real = ROOT / "tests" / "data" / "real"
    return [
        gd.parse_text((real / f"{name}.pdfplumber.txt").read_text("utf-8"))
        for name in ("huaian-2024", "hongze-2023", "hongze-2024")
    ]


def generated(organ: str, like: gd.Report, years: range, rng: random.Random) -> list[gd.Report]:
    """Earlier years of ``organ``, figures drawn around those of ``like``."""
    h = gd.harmonise(like)

    def near(field: str) -> int:
        v = h[field].value
        base = int(v) if v is not None else 10
        return max(0, round(base * rng.uniform(0.5, 1.3)))

    out = []
    for year in years:
        edition = gd.Edition.V2019 if year < 2021 else gd.Edition.V2021
        other = near("applications.other.total")
        if edition is gd.Edition.V2019:
            other_rows = {"other": {"natural_person": other}}
        else:
            a = rng.randint(0, other)
            b = rng.randint(0, other - a)
            other_rows = {
                "other.no_amendment": {"natural_person": a},
                "other.unpaid_fee": {"natural_person": b},
                "other.other": {"natural_person": other - a - b},
            }
        new = near("applications.new_received.total")
        granted = max(0, new - other)
        review = near("review_litigation.review.total")
        out.append(
            gd.build_report(
                organ=organ,
                year=year,
                applications={
                    "new_received": {"natural_person": new},
                    "granted": {"natural_person": granted},
                    **other_rows,
                    "carried_forward": {"natural_person": new - granted - other},
                },
                review_litigation={"review": {"upheld": review}},
                active={"art20_6": {"penalty": {"decisions": near("active.penalty.decisions")}}},
            )
        )
    return out


def main() -> int:
    import matplotlib as mpl  # noqa: PLC0415 - optional dependency

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    mpl.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "DejaVu Sans"]
    mpl.rcParams["axes.unicode_minus"] = False
    rng = random.Random(2019)
    huaian, hongze23, hongze24 = real_reports()
    # The 2023 report's title names "洪泽区人民政府", the 2024 one "淮安市洪泽区人民政府":
    # one organ, one series.
    hongze23 = attrs.evolve(hongze23, organ=hongze24.organ)
    panel = [
        *(generated(huaian.organ.name, huaian, range(2019, 2024), rng)),
        huaian,
        *(generated(hongze23.organ.name, hongze23, range(2019, 2023), rng)),
        hongze23,
        hongze24,
    ]
    real_ids = {id(huaian), id(hongze23), id(hongze24)}
    rows = [(rec, id(r) in real_ids) for r in panel for rec in gd.to_records(r, harmonised=True)]
    fig, axes = plt.subplots(2, 2, figsize=(11, 7), sharex=True)
    for ax, (field, title) in zip(axes.flat, FIELDS.items(), strict=True):
        for organ, colour in ((huaian.organ.name, "tab:blue"), (hongze23.organ.name, "tab:red")):
            points = sorted(
                (rec["year"], rec["value"], real)
                for rec, real in rows
                if rec["organ"] == organ and rec["field"] == field and rec["value"] is not None
            )
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            ax.plot(xs, ys, "--", color=colour, alpha=0.5)
            for x, y, real in points:
                ax.plot(
                    x,
                    y,
                    "o",
                    color=colour,
                    markerfacecolor=colour if real else "white",
                    markersize=7,
                )
            ax.plot([], [], "o-", color=colour, label=organ)
        ax.axvline(2020.5, color="grey", lw=0.8, ls=":")
        ax.set_title(title, fontsize=10)
        ax.set_yscale("symlog", linthresh=1)
        ax.set_ylim(bottom=0)
    axes.flat[0].legend(fontsize=8, loc="upper left")
    for ax in axes[1]:
        ax.set_xticks(range(2019, 2025))
    fig.suptitle(
        "Harmonised panel: filled = real published reports, hollow = generated earlier years; "
        "dotted line = 2019 → 2021 edition",
        fontsize=10,
    )
    fig.tight_layout()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(OUT, dpi=110)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(panel)} reports, {len(rows)} harmonised records)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
