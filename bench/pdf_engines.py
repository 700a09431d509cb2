"""parse_pdf with each engine (pdfplumber, PDFium), per page, on the real PDFs and a long one.

    PYTHONPATH=src python bench/pdf_engines.py [--rounds 5] [--long-rounds 3]

Each PDF is read with both engines in turn, in the same process, alternating, and the
best time of the rounds is kept. The long PDF is hongze-2024's five pages repeated 52
times (260 pages, made with pypdf; its pages share their fonts, as one long report's
do). Prints a Markdown table: ms per page with each engine and their ratio.
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

from govdisclosure.formats.pdf import PdfEngine, parse_pdf

REAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"
ENGINES: tuple[PdfEngine, ...] = ("pdfplumber", "pdfium")


def long_pdf(times: int = 52) -> bytes:
    """hongze-2024.pdf's pages repeated ``times`` times."""
    import pypdf  # (in the bench extra)

    reader = pypdf.PdfReader(REAL / "hongze-2024.pdf")
    writer = pypdf.PdfWriter()
    for _ in range(times):
        for page in reader.pages:
            writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def best(data: bytes, rounds: int) -> dict[PdfEngine, float]:
    """The best time of ``rounds`` for each engine, alternating."""
    out = dict.fromkeys(ENGINES, float("inf"))
    for _ in range(rounds):
        for engine in ENGINES:
            start = time.perf_counter()
            parse_pdf(data, engine=engine)
            out[engine] = min(out[engine], time.perf_counter() - start)
    return out


def pages(data: bytes) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--long-rounds", type=int, default=3)
    args = ap.parse_args(argv)
    inputs = [(p.stem, p.read_bytes(), args.rounds) for p in sorted(REAL.glob("*.pdf"))]
    inputs.append(("hongze-2024 × 52", long_pdf(), args.long_rounds))
    print("| PDF | pages | pdfplumber | pdfium | pdfplumber / pdfium |")
    print("|---|---:|---:|---:|---:|")
    for name, data, rounds in inputs:
        n = pages(data)
        times = best(data, rounds)
        a, b = times["pdfplumber"], times["pdfium"]
        print(
            f"| {name} | {n} | {a * 1000:.0f} ms ({a / n * 1000:.1f} ms/page) "
            f"| {b * 1000:.0f} ms ({b / n * 1000:.1f} ms/page) | {a / b:.1f}× |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
