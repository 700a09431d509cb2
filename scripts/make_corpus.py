"""Write a folder of generated report files for trying ``govdisclosure extract``.

    python scripts/make_corpus.py /tmp/big 2000
    govdisclosure extract /tmp/big --to /tmp/out/cells.csv --workers 2

The reports are valid by construction (``tests/corpus.py``), rendered alternately as
text and HTML, plus four deliberately broken files. Prints the number of cells
``to_records`` gives for them, which the extract's cell count must match.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import govdisclosure as gd  # noqa: E402
from corpus import write_corpus  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int, nargs="?", default=2000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    reports = write_corpus(args.folder, args.count, seed=args.seed)
    cells = sum(len(gd.to_records(r)) for r in reports)
    print(f"{len(reports)} reports and 4 broken files in {args.folder}; {cells} cells")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
