"""LibreOffice for the tests: a Word document printed to PDF or saved as Word 97–2003,
the mark that skips a test where LibreOffice is not installed, and a report put
through it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import govdisclosure as gd


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


needs_soffice = pytest.mark.skipif(
    _soffice() is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)


def _chinese_font() -> bool:
    """Whether fontconfig knows a font with Chinese glyphs: without one, LibreOffice
    prints a report's Chinese as glyphs of no character, and the PDF holds no text."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=60, check=False
    )
    return bool(found.stdout.strip())


needs_soffice_pdf = pytest.mark.skipif(
    _soffice() is None or not _chinese_font(),
    reason="printing to PDF needs LibreOffice and a Chinese font: "
    "apt-get install libreoffice-writer-nogui fonts-wqy-zenhei",
)
"""For the tests that print a Word document to PDF with LibreOffice (saving it as
``.doc`` needs no font: :data:`needs_soffice`)."""


def convert(docx: bytes, workdir: Path, to: str) -> bytes:
    """``docx`` converted by LibreOffice (headless, a private profile in ``workdir``)
    with the ``--convert-to`` argument ``to`` (``"pdf"``, ``"doc:MS Word 97"``)."""
    soffice = _soffice()
    assert soffice is not None
    src = workdir / "report.docx"
    src.write_bytes(docx)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{workdir / 'profile'}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(workdir),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (workdir / f"report.{to.split(':', maxsplit=1)[0]}").read_bytes()


def docx_to_pdf(docx: bytes, workdir: Path) -> bytes:
    """``docx`` printed to PDF by LibreOffice."""
    return convert(docx, workdir, "pdf")


def docx_to_doc(docx: bytes, workdir: Path) -> bytes:
    """``docx`` saved as Word 97–2003 (``.doc``) by LibreOffice."""
    return convert(docx, workdir, "doc:MS Word 97")


def words_in_place(report: gd.Report) -> gd.Report:
    """``report`` with 不详 in one cell of each row of every table (the next column
    each row) and 略 in each table's first row's last cell: words in first, middle and
    last cells, merged value cells included."""
    for table in report.tables:
        spec = table.spec
        for i, row in enumerate(spec.rows):
            column = spec.columns[(i + 1) % len(spec.columns)]
            report = report.with_cell(f"{table.id}.{row.id}.{column.id}", gd.Text("不详"))
        last = f"{table.id}.{spec.rows[0].id}.{spec.columns[-1].id}"
        report = report.with_cell(last, gd.Text("略"))
    return report
