"""Formats reports are published in that no reader reads: a clear error, never a guess.

Attachments of government sites come as Word 97–2003 ``.doc``, WPS ``.wps``, OFD
(版式文档), RTF, spreadsheets, scans and archives as well as PDF, Word and web pages.
(A ``.doc`` or ``.wps`` is read now, tests/test_doc.py; one whose compound file cannot be
opened, as the samples here, is still refused.)
Read as text, each gave "no report found: no title, no section heading and no table",
which sends the user looking for a damaged report; in a folder, ``extract`` skipped them
without a word. Each is now recognised by its content and refused with what to do.
"""

from __future__ import annotations

import gzip
import io
import re
import tarfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.cli import main
from govdisclosure.formats.dispatch import sniff, unsupported
from govdisclosure.i18n import gettext, has_message
from govdisclosure.strategies import valid_reports

SEED = Path(__file__).parent / "data" / "real" / "xunzhen-2024.txt"


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return out.getvalue()


def _tar(*names: str) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as t:
        for name in names:
            info = tarfile.TarInfo(name)
            info.size = 4
            t.addfile(info, io.BytesIO(b"<x/>"))
    return out.getvalue()


# a compound file (OLE2) whose header is zeros: it cannot be opened
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "二、主动公开".encode("utf-16-le")

SAMPLES: dict[str, tuple[bytes, str]] = {
    "report.doc": (_OLE2, "legacy Office document"),
    "report.wps": (_OLE2, "legacy Office document"),
    "report.rtf": (rb"{\rtf1\ansi\ansicpg936 {\fonttbl} \'d2\'bb}", "Rich Text Format"),
    "report.ofd": (_zip("OFD.xml", "Doc_0/Document.xml"), "OFD document"),
    "report.xlsx": (_zip("[Content_Types].xml", "xl/workbook.xml"), "spreadsheet"),
    "report.odt": (_zip("mimetype", "content.xml"), "OpenDocument"),
    "scan.png": (b"\x89PNG\r\n\x1a\n" + bytes(40), "image"),
    "scan.jpg": (b"\xff\xd8\xff\xe0" + bytes(40), "image"),
    "scan.tif": (b"II*\x00" + bytes(40), "image"),
    "scan.webp": (b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(40), "image"),
    "reports.zip": (_zip("a.pdf", "b.docx"), "archive"),
    "reports.rar": (b"Rar!\x1a\x07\x01\x00" + bytes(40), "archive"),
    "reports.7z": (b"7z\xbc\xaf\x27\x1c" + bytes(40), "archive"),
    # (a gzip file that holds a page or a text is read inflated: tests/test_savedpages.py)
    "reports.tar.gz": (gzip.compress(_tar("a.pdf", "b.docx")), "archive"),
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_each_format_is_refused_with_what_to_do(name: str, tmp_path: Path) -> None:
    data, words = SAMPLES[name]
    reason = unsupported(data)
    assert reason is not None
    assert words in reason
    assert has_message(reason)  # a message of the catalogs: shown in the user's language
    assert gettext(reason, "zh_CN") != reason
    path = tmp_path / name
    path.write_bytes(data)
    for source in (data, path, str(path)):
        with pytest.raises(gd.ParseError) as raised:
            gd.parse(source)
        assert str(raised.value) == reason


def test_an_rtf_string_is_refused_too() -> None:
    with pytest.raises(gd.ParseError, match="Rich Text Format"):
        gd.parse("{\\rtf1\\ansi 一、总体情况}\n二、主动公开")


def test_a_format_named_by_the_caller_is_read_as_that_format() -> None:
    """``format=`` is the caller's word: no refusal in its way (here, RTF read as
    text finds no report, which is what reading it as text gives)."""
    with pytest.raises(gd.ParseError, match="no report found"):
        gd.parse(SAMPLES["report.rtf"][0], format="text")


@settings(max_examples=20, deadline=None)
@given(valid_reports())
def test_no_rendering_of_a_report_is_taken_for_another_format(report: gd.Report) -> None:
    for write in (gd.render_html, gd.render_text, gd.render_markdown, gd.to_json):
        rendered = write(report)
        assert unsupported(rendered) is None
        assert unsupported(rendered.encode("utf-8")) is None
        assert unsupported(rendered.encode("gb18030")) is None


@settings(max_examples=200)
@given(st.text())
def test_text_is_only_refused_when_it_is_rtf(text: str) -> None:
    refused = unsupported(text) is not None
    assert refused == text.lstrip("\ufeff \t\r\n").startswith("{\\rtf")


def test_word_pdf_and_the_seed_are_not_refused() -> None:
    pytest.importorskip("docx")
    seed = gd.parse_text(SEED)
    docx = gd.render_docx(seed)
    assert unsupported(docx) is None
    assert unsupported(SEED.read_bytes()) is None
    pdf = next((Path(__file__).parent / "data" / "real").glob("*.pdf")).read_bytes()
    assert unsupported(pdf) is None


# ------------------------------------------------------------- Word under other names
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _retyped(data: bytes, content_type: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as z:
        for info in zin.infolist():
            content = zin.read(info)
            if info.filename == "[Content_Types].xml":
                assert _DOCX_MAIN in content
                content = content.replace(_DOCX_MAIN, content_type)
            z.writestr(info, content)
    return out.getvalue()


@pytest.mark.parametrize(
    "content_type",
    [
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
        b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    ],
    ids=["dotx", "docm", "dotm"],
)
def test_word_templates_and_documents_with_macros_read_as_documents(content_type: bytes) -> None:
    """python-docx refuses a .dotx, .docm or .dotm ("not a Word file"); the document
    part is the same, and is read."""
    pytest.importorskip("docx")
    seed = gd.parse_text(SEED)
    data = _retyped(gd.render_docx(seed), content_type)
    assert gd.parse_docx(data) == seed
    assert gd.parse(data) == seed


def test_a_main_part_named_document2_is_a_word_document() -> None:
    """Word sometimes names the main part ``word/document2.xml``; the package's
    relationships say so, and the document is read."""
    pytest.importorskip("docx")
    seed = gd.parse_text(SEED)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(gd.render_docx(seed))) as zin, zipfile.ZipFile(out, "w") as z:
        for info in zin.infolist():
            content = zin.read(info)
            name = info.filename.replace("word/document.xml", "word/document2.xml").replace(
                "word/_rels/document.xml.rels", "word/_rels/document2.xml.rels"
            )
            if info.filename in {"[Content_Types].xml", "_rels/.rels"}:
                content = content.replace(b"word/document.xml", b"word/document2.xml")
            z.writestr(name, content)
    data = out.getvalue()
    assert sniff(data) == "docx"
    assert unsupported(data) is None
    assert gd.parse(data) == seed


# ------------------------------------------------------------------ the command line
def test_extract_lists_the_files_it_cannot_read_with_what_to_do(tmp_path: Path) -> None:
    """In a folder, .doc, .wps, .ofd, .rtf and .odt files are picked up and reported
    unreadable with the reason; before, they were skipped without a word."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "seed.txt").write_bytes(SEED.read_bytes())
    names = ["report.doc", "report.wps", "report.rtf", "report.ofd", "report.odt"]
    for name in names:
        (src / name).write_bytes(SAMPLES[name][0])
    summary = gd.extract([src], tmp_path / "out.csv", lang="en")
    assert summary.files == 1 + len(names)
    assert summary.reports == 1
    assert sorted(Path(f).name for f, _ in summary.failures) == sorted(names)
    assert sorted(summary.reasons) == sorted(unsupported(SAMPLES[n][0]) for n in names)


def test_check_says_what_to_do_in_the_language_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(_OLE2)
    assert main(["check", "--lang", "en", str(path)]) == 2
    assert "save it as .docx or PDF" in capsys.readouterr().out
    assert main(["check", "--lang", "zh_CN", str(path)]) == 2
    out = capsys.readouterr().out
    assert "另存为 DOCX 或 PDF" in out
    assert "save it as" not in out


@pytest.mark.parametrize("name", list(SAMPLES))
def test_the_chinese_reason_has_no_english_words(name: str) -> None:
    """extract's Chinese messages carry no English words (a file format's name is in
    capitals): the reason of every refused format, as an unreadable file's finding."""
    result = gd.extract_file(name, SAMPLES[name][0])
    (row,) = result.findings
    assert re.search("[a-z]{2,}", row["message"]) is None, row["message"]


@pytest.mark.parametrize("name", ["no/such/report.doc", "report.ofd", "附件.wps", "x.docm"])
def test_a_missing_file_of_those_formats_is_a_missing_file(name: str) -> None:
    """A file name passed as text is a missing file, not a report's text (which would
    be 'no report found')."""
    with pytest.raises(FileNotFoundError):
        gd.parse(name)
