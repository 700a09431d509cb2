"""Resolve merge conflicts in the message catalogs by taking the union of both sides.

Branches that each add messages touch the same sorted ``.po`` files, so ``git merge``
stops on conflicts that are never real: each side only added entries. Run this during
the conflicted merge, from the repository root::

    python scripts/merge_catalogs.py
    git add src/govdisclosure/i18n/locale && git commit

For every catalog it reads our version and theirs from the index (stages 2 and 3),
keeps every message of both (ours wins where both translate the same msgid
differently, and such msgids are printed), then re-extracts the template and updates
the catalogs from the merged source with ``scripts/update_catalogs.py``.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = Path("src/govdisclosure/i18n/locale")


def _stage(stage: int, path: Path) -> bytes | None:
    proc = subprocess.run(
        ["git", "show", f":{stage}:{path.as_posix()}"], cwd=ROOT, capture_output=True, check=False
    )
    return proc.stdout if proc.returncode == 0 else None


def _union(ours: Catalog, theirs: Catalog) -> list[str]:
    clashes = []
    for message in theirs:
        if not message.id:
            continue
        mine = ours.get(message.id)
        if mine is None:
            ours[message.id] = message
        elif not mine.string and message.string:
            mine.string = message.string
        elif message.string and mine.string != message.string:
            clashes.append(str(message.id))
    return clashes


def main() -> int:
    for lang in ("zh_CN", "en"):
        path = LOCALE / lang / "LC_MESSAGES" / "govdisclosure.po"
        ours_raw, theirs_raw = _stage(2, path), _stage(3, path)
        if ours_raw is None or theirs_raw is None:
            continue  # not conflicted
        ours = read_po(io.BytesIO(ours_raw), locale=lang)
        theirs = read_po(io.BytesIO(theirs_raw), locale=lang)
        for msgid in _union(ours, theirs):
            print(f"{lang}: both sides translate {msgid!r}; kept ours", file=sys.stderr)
        with (ROOT / path).open("wb") as fh:
            write_po(fh, ours, sort_output=True, width=100, ignore_obsolete=True)
    pot = ROOT / LOCALE / "govdisclosure.pot"
    if _stage(2, LOCALE / "govdisclosure.pot") is not None:
        pot.write_bytes(b"")  # regenerated from the merged source just below
    subprocess.run([sys.executable, str(ROOT / "scripts" / "update_catalogs.py")], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
