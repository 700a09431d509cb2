"""Render a report as a web page, Markdown and a Word document.

Usage: python examples/render_report.py [REPORT.json] [OUTDIR]

Needs the renderers (``gd.render_html``, ``gd.render_markdown``; ``gd.render_docx`` with
the ``docx`` extra). Writes ``<stem>.html``, ``<stem>.md`` and ``<stem>.docx`` and prints
their sizes. Refuses to render a report with error findings unless ``--force`` is given:
a report that does not add up should not be published.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import govdisclosure as gd

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if a != "--force"]
    force = "--force" in argv
    source = Path(args[0]) if args else HERE / "data" / "ziranziyuan-2024.json"
    outdir = Path(args[1]) if len(args) > 1 else Path(tempfile.mkdtemp(prefix="govdisclosure-"))
    report = gd.from_json(source.read_text("utf-8"))
    errors = [f for f in gd.check(report) if f.severity == "error"]
    if errors and not force:
        for f in errors:
            print(f"error: {f.message()}", file=sys.stderr)
        return 1
    outdir.mkdir(parents=True, exist_ok=True)
    stem = source.stem
    outputs = {
        outdir / f"{stem}.html": gd.render_html(report).encode("utf-8"),  # type: ignore[attr-defined, unused-ignore]
        outdir / f"{stem}.md": gd.render_markdown(report).encode("utf-8"),  # type: ignore[attr-defined, unused-ignore]
        outdir / f"{stem}.docx": gd.render_docx(report),  # type: ignore[attr-defined, unused-ignore]
    }
    for path, data in outputs.items():
        path.write_bytes(data)
        print(f"{path}  {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
