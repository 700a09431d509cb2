"""Extract the message catalog template and update the zh_CN and en catalogs.

Run after adding or changing a message (a finding code's message, CLI text)::

    python scripts/update_catalogs.py

It runs babel's extraction (keywords ``N_`` and ``_``) over ``src/govdisclosure`` into
``locale/govdisclosure.pot``, then merges it into each ``.po`` file. English msgstrs are
filled with the msgid; Chinese ones must be written by hand (new ones are left empty,
and ``tests/test_i18n.py`` fails until they are).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "govdisclosure" / "i18n" / "locale"


def main() -> int:
    pot = LOCALE / "govdisclosure.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "N_",
            "-k",
            "_",
            "--no-location",
            "--sort-output",
            "--project",
            "govdisclosure",
            "--version",
            "0.1.0",
            "--omit-header",
            "-o",
            str(pot),
            str(ROOT / "src" / "govdisclosure"),
        ],
        check=True,
    )
    with pot.open("rb") as fh:
        template = read_po(fh)
    for lang in ("zh_CN", "en"):
        po = LOCALE / lang / "LC_MESSAGES" / "govdisclosure.po"
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        catalog.update(template, no_fuzzy_matching=True)
        for message in catalog:
            if lang == "en" and message.id and not message.string:
                message.string = message.id
        with po.open("wb") as fh:
            write_po(
                fh, catalog, omit_header=False, sort_output=True, width=100, ignore_obsolete=True
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
