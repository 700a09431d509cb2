"""Fingerprint what the parsers, checks and serializers produce, to prove a speed-up
changed nothing.

``python scripts/equivalence.py --save base.json`` on the code before a change, then
``python scripts/equivalence.py --compare base.json`` after it: exits 1 and names every
input whose output differs. Each input's fingerprint covers the report's JSON, its
findings (code, severity, path, message, expected, actual, source), its provenance (every
cell's source), the findings of ``check`` in both locales, ``to_records`` and the text,
HTML and Markdown renderings.

Inputs: the real reports and HTML fixtures in ``tests/``, generated reports and their
CMS pages and plain-text renderings (``bench/cases.py``), and Hypothesis reports (valid,
defective and arbitrary), all deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import cases  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import govdisclosure as gd  # noqa: E402
from govdisclosure import strategies as gst  # noqa: E402


def _finding(f: gd.Finding) -> list[Any]:
    return [repr(f), f.message("zh_CN"), f.message("en"), repr(f.source)]


def _report_print(report: gd.Report) -> dict[str, str]:
    out: dict[str, Any] = {
        "json": gd.to_json(report),
        "findings": [_finding(f) for f in report.findings],
        "provenance": sorted((k, repr(v)) for k, v in report.provenance.items()),
        "check": [_finding(f) for f in gd.check(report)],
        "records": [repr(r) for r in gd.to_records(report)],
        "text": gd.render_text(report),
        "html": gd.render_html(report),
        "markdown": gd.render_markdown(report),
    }
    return {k: hashlib.sha256(repr(v).encode()).hexdigest()[:16] for k, v in out.items()}


def _safe(fn: Callable[[], gd.Report]) -> dict[str, str]:
    try:
        return _report_print(fn())
    except Exception as e:  # an error is part of the behaviour
        return {"error": f"{type(e).__name__}: {e}"}


def draw_reports(n: int) -> list[gd.Report]:
    """``n`` Hypothesis reports (valid, arbitrary, defective), drawn deterministically."""
    drawn: list[gd.Report] = []

    @settings(
        max_examples=n,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        st.one_of(
            gst.valid_reports(), gst.reports(), gst.defective_reports().map(lambda d: d.report)
        )
    )
    def collect(r: Any) -> None:
        drawn.append(r)

    collect()
    return drawn


def _pdfs() -> Iterator[tuple[str, bytes]]:
    """The real PDF reports, and one damaged in ways pdfminer reads past: in a font
    program and a page's content (both in the checksum: logged), a MediaBox of five
    numbers (logged), the middle of a content stream (read short without a word)."""
    for p in sorted((ROOT / "tests/data/real").glob("*.pdf")):
        yield p.name, p.read_bytes()
    huaian = (ROOT / "tests/data/real/huaian-2024.pdf").read_bytes()
    data = bytearray(huaian)
    data[66691], data[403847] = 31, 189
    yield "huaian-2024.pdf (checksums)", bytes(data)
    box = huaian.replace(
        b"/Margins [0 0 0 0]/MediaBox [0 0 595 842]", b"/Margins[0 0 0 0]/MediaBox[0 0 595 842 0]"
    )
    yield "huaian-2024.pdf (MediaBox)", box
    data = bytearray(huaian)
    for at in range(401590, 401610):
        data[at] ^= 0x55
    yield "huaian-2024.pdf (broken)", bytes(data)


def inputs(
    n_generated: int, drawn: list[gd.Report]
) -> Iterator[tuple[str, Callable[[], gd.Report]]]:
    for p in sorted((ROOT / "tests/data/real").iterdir()):
        if p.suffix == ".txt":
            yield f"text:{p.name}", lambda p=p: gd.parse_text(p.read_text(encoding="utf-8"))
        elif p.suffix in (".html", ".htm"):
            yield f"html:{p.name}", lambda p=p: gd.parse_html(p.read_bytes())
    for p in sorted((ROOT / "tests/data/html").glob("*.html")):
        yield f"html:{p.name}", lambda p=p: gd.parse_html(p.read_bytes())
    for name, data in _pdfs():
        for engine in ("pdfplumber", "pdfium"):
            yield f"pdf-{engine}:{name}", lambda d=data, e=engine: gd.parse_pdf(d, engine=e)
    for p in sorted((ROOT / "examples").rglob("*")):
        if p.suffix in (".txt", ".html", ".htm", ".md"):
            yield f"parse:{p.relative_to(ROOT)}", lambda p=p: gd.parse(p.read_bytes())
    for seed in range(n_generated):
        rep = cases.generated_report(seed, paragraphs=6 + seed % 30)
        page = cases.cms_page(rep, seed)
        yield f"generated:{seed}", lambda rep=rep: rep
        yield f"cms:{seed}", lambda page=page: gd.parse_html(page.encode("utf-8"))
        yield f"cms-str:{seed}", lambda page=page: gd.parse_html(page)
        yield f"rendered-text:{seed}", lambda rep=rep: gd.parse_text(gd.render_text(rep))
        yield f"rendered-md:{seed}", lambda rep=rep: gd.parse(gd.render_markdown(rep).encode())
        yield f"rendered-html:{seed}", lambda rep=rep: gd.parse_html(gd.render_html(rep))
    for i, r in enumerate(drawn):
        yield f"hypothesis:{i}", lambda r=r: r
        yield f"hypothesis-text:{i}", lambda r=r: gd.parse_text(gd.render_text(r))
        yield f"hypothesis-html:{i}", lambda r=r: gd.parse_html(gd.render_html(r))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", type=Path)
    g.add_argument("--compare", type=Path)
    ap.add_argument("--generated", type=int, default=40)
    ap.add_argument("--hypothesis", type=int, default=300)
    a = ap.parse_args(argv)
    # the drawn reports are kept beside the fingerprints: what Hypothesis draws depends
    # on the code (it mines literals from the modules under test), so drawing again
    # after a change could compare different inputs
    kept = Path(str(a.save or a.compare) + ".reports.pickle")
    if a.save:
        drawn = draw_reports(a.hypothesis)
        kept.write_bytes(pickle.dumps(drawn))
    else:
        drawn = pickle.loads(kept.read_bytes()) if kept.exists() else draw_reports(a.hypothesis)
    prints = {name: _safe(fn) for name, fn in inputs(a.generated, drawn)}
    if a.save:
        a.save.write_text(json.dumps(prints, indent=0, sort_keys=True), encoding="utf-8")
        print(f"saved {len(prints)} fingerprints to {a.save} and the drawn reports to {kept}")
        return 0
    base = json.loads(a.compare.read_text(encoding="utf-8"))
    bad = 0
    for name in sorted(set(base) | set(prints)):
        old, new = base.get(name), prints.get(name)
        if old != new:
            bad += 1
            keys = sorted(
                k
                for k in set(old or {}) | set(new or {})
                if (old or {}).get(k) != (new or {}).get(k)
            )
            print(f"DIFFERS {name}: {', '.join(keys)}")
    print(f"{len(prints)} inputs, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
