"""Take the documentation's screenshot of a standalone HTML report page.

Reads the seed report (``tests/data/real/xunzhen-2024.txt``) with ``parse_text``,
renders it with ``render_html`` and photographs the page with headless Chromium:

    apt-get install -y chromium fonts-noto-cjk
    PYTHONPATH=src python scripts/screenshot_html.py [--out docs/_static/report-html.png]

Chromium runs without network access to anything (the page is a local file with its
styles embedded) and without GPU, sync or component updates.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import govdisclosure as gd

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Render the seed report and save a PNG of its first screenful(s)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "_static" / "report-html.png")
    parser.add_argument(
        "--source", type=Path, default=ROOT / "tests" / "data" / "real" / "xunzhen-2024.txt"
    )
    parser.add_argument("--size", default="1000,2680", help="window width,height in pixels")
    parser.add_argument("--locale", default="zh_CN")
    args = parser.parse_args(argv)
    browser = (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )
    if browser is None:
        print("chromium not found (apt-get install -y chromium fonts-noto-cjk)", file=sys.stderr)
        return 1
    report = gd.parse_text(args.source.read_bytes())
    page = gd.render_html(report, locale=args.locale)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "report.html"
        html.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={tmp}/profile",
                f"--screenshot={args.out}",
                f"--window-size={args.size}",
                html.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
