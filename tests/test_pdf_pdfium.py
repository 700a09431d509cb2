"""parse_pdf(engine="pdfium"): the same reports as pdfplumber's, read through PDFium.

Equivalence is the acceptance test: every PDF the suite reads (the real reports, the
unruled one, the compilations of two, the ones with tables scanned into pictures) and
PDFs made here to try what the two libraries see differently (a page drawn inside a
form XObject, moved and scaled; pages turned by ``/Rotate``; a CropBox) is read with
both engines, and the reports must be equal in everything but the positions (``x``,
``y`` of each source), which may differ by at most :data:`TOLERANCE` (PDFium keeps
coordinates in single precision: 79.6500015 where pdfminer computes 79.64999999, and
the two round to 0.1 apart). Below the reports, each page's characters, rules and
pictures are compared one by one with pdfplumber's.

The refusals are those of the pdfplumber engine, for the same reasons: not a PDF,
truncated, damaged, encrypted, no text layer, beyond ``max_pages``, ``max_bytes`` (a
page that inflates beyond it too) or ``time_budget``.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.formats.pdf import (
    PdfGrid,
    PdfImage,
    _fonts,
    pdf_reports,
    read_pdf_grids,
)

pdfium = pytest.importorskip("pypdfium2")
pdfplumber = pytest.importorskip("pdfplumber")
pypdf = pytest.importorskip("pypdf")

from govdisclosure.formats import _pdfium  # noqa: E402 - needs pypdfium2
from test_further_report import joined_pdf  # noqa: E402
from test_pdf_bombs import BIG, TEXT, _pdf  # noqa: E402
from test_table_image_pdf import APPLICATIONS, REVIEW, _seal, scanned_areas, unruled  # noqa: E402

DATA = Path(__file__).parent / "data"
REAL = DATA / "real"
TOLERANCE = 0.1
"""How far (points) a source's ``x`` or ``y`` may be from pdfplumber's: one step of the
rounding to 0.1 that sources are given with."""
EXACT = 1e-3
"""How far a character's, rule's or picture's coordinates may be from pdfplumber's
(single against double precision)."""


# ------------------------------------------------------------------------ the PDFs
def _formed(name: str, matrix: Any = None) -> bytes:
    """The real PDF ``name`` with each page drawn as a form XObject (moved and scaled by
    ``matrix``) on a page of its own."""
    src = pdfium.PdfDocument(REAL / name)
    out = pdfium.PdfDocument.new()
    for i in range(len(src)):
        w, h = src[i].get_size()
        obj = src.page_as_xobject(i, out).as_pageobject()
        if matrix is not None:
            obj.transform(matrix)
        page = out.new_page(w, h)
        page.insert_obj(obj)
        page.gen_content()
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _edited(name: str, edit: Callable[[Any], None]) -> bytes:
    writer = pypdf.PdfWriter(clone_from=str(REAL / name))
    for page in writer.pages:
        edit(page)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _cropped(page: Any) -> None:
    page.cropbox = pypdf.generic.RectangleObject((20, 30, 500, 700))


PDFS: dict[str, Callable[[], bytes | Path]] = {
    "hongze-2023": lambda: REAL / "hongze-2023.pdf",
    "hongze-2024": lambda: REAL / "hongze-2024.pdf",
    "huaian-2024": lambda: REAL / "huaian-2024.pdf",
    "huaian-2024-unruled": lambda: DATA / "pdf" / "huaian-2024-unruled.pdf",
    "joined-hongze-huaian": lambda: joined_pdf("hongze-2024.pdf", "huaian-2024.pdf"),
    "joined-huaian-hongze": lambda: joined_pdf("huaian-2024.pdf", "hongze-2023.pdf"),
    "scanned-review": lambda: scanned_areas(REVIEW),
    "scanned-applications": lambda: scanned_areas(APPLICATIONS),
    "scan-under-text": lambda: scanned_areas(REVIEW, keep=True),
    "banner": lambda: scanned_areas(((4, 498.0, 540.0),)),
    "seal": _seal,
    "unruled-pypdfium2": unruled,
    "unruled-scanned": lambda: scanned_areas(REVIEW, source=io.BytesIO(unruled())),
    "in-forms": lambda: _formed("huaian-2024.pdf"),
    "in-forms-moved": lambda: _formed(
        "hongze-2023.pdf", pdfium.PdfMatrix().scale(0.9, 0.8).translate(20, 30)
    ),
    "rotated-90": lambda: _edited("hongze-2024.pdf", lambda p: p.rotate(90)),
    "rotated-180": lambda: _edited("hongze-2024.pdf", lambda p: p.rotate(180)),
    "rotated-270": lambda: _edited("huaian-2024.pdf", lambda p: p.rotate(270)),
    "cropped": lambda: _edited("hongze-2024.pdf", _cropped),
}


def _without_positions(report: gd.Report) -> gd.Report:
    def bare(src: gd.Source | None) -> gd.Source | None:
        return None if src is None else attrs.evolve(src, x=None, y=None)

    return attrs.evolve(
        report,
        provenance={path: bare(src) or src for path, src in report.provenance.items()},
        findings=tuple(attrs.evolve(f, source=bare(f.source)) for f in report.findings),
    )


def _near(a: gd.Source | None, b: gd.Source | None) -> bool:
    if a is None or b is None:
        return a is b
    return all(
        (u is None and v is None) or (u is not None and v is not None and abs(u - v) <= TOLERANCE)
        for u, v in ((a.x, b.x), (a.y, b.y))
    )


def assert_equivalent(a: list[gd.Report] | Exception, b: list[gd.Report] | Exception) -> None:
    """The two engines' outcomes: the same reports (positions within
    :data:`TOLERANCE`), or the same refusal."""
    if isinstance(a, Exception) or isinstance(b, Exception):
        assert type(a) is type(b)
        assert str(a) == str(b)
        return
    assert [_without_positions(r) for r in a] == [_without_positions(r) for r in b]
    for x, y in zip(a, b, strict=True):
        assert all(_near(src, y.provenance[path]) for path, src in x.provenance.items())
        assert all(_near(f.source, g.source) for f, g in zip(x.findings, y.findings, strict=True))


def _outcome(data: bytes | Path, engine: str) -> list[gd.Report] | Exception:
    try:
        return pdf_reports(data, every=True, engine=engine)  # type: ignore[arg-type]
    except gd.ParseError as exc:
        return exc


@pytest.fixture(scope="module", params=list(PDFS))
def pdf(request: pytest.FixtureRequest) -> bytes | Path:
    data: bytes | Path = PDFS[request.param]()
    return data


# ------------------------------------------------------------------------ equivalence
def test_the_reports_are_pdfplumbers(pdf: bytes | Path) -> None:
    plumbed, read = _outcome(pdf, "pdfplumber"), _outcome(pdf, "pdfium")
    assert_equivalent(plumbed, read)


def test_the_real_reports_are_equal_positions_and_all() -> None:
    """On the three real reports nothing differs at all, positions included."""
    for name in ("hongze-2023", "hongze-2024", "huaian-2024"):
        path = REAL / f"{name}.pdf"
        assert gd.parse_pdf(path, engine="pdfium") == gd.parse_pdf(path)


def _shape(item: PdfGrid | PdfImage | str) -> object:
    """An item of :func:`read_pdf_grids` without its positions."""
    if isinstance(item, PdfGrid):
        cells = tuple(attrs.evolve(c, x=0.0, y=0.0) for c in item.cells)
        return attrs.evolve(item, top=0.0, bottom=0.0, xs=(), cells=cells)
    if isinstance(item, PdfImage):
        return attrs.evolve(item, x0=0.0, x1=0.0, top=0.0, bottom=0.0)
    return item


def _positions(item: PdfGrid | PdfImage | str) -> list[float]:
    if isinstance(item, PdfGrid):
        return [item.top, item.bottom, *item.xs, *(v for c in item.cells for v in (c.x, c.y))]
    if isinstance(item, PdfImage):
        return [item.x0, item.x1, item.top, item.bottom]
    return []


def test_grids_paragraphs_and_pictures_are_pdfplumbers(pdf: bytes | Path) -> None:
    """What the reading layer is given: the same tables (cell for cell), paragraphs and
    pictures, in the same order; positions within :data:`TOLERANCE`."""
    try:
        plumbed = read_pdf_grids(pdf)
    except gd.ParseError as exc:
        with pytest.raises(gd.ParseError, match=re.escape(str(exc))):
            read_pdf_grids(pdf, engine="pdfium")
        return
    read = read_pdf_grids(pdf, engine="pdfium")
    assert [_shape(it) for it in read] == [_shape(it) for it in plumbed]
    for a, b in zip(plumbed, read, strict=True):
        pa, pb = _positions(a), _positions(b)
        assert len(pa) == len(pb)
        assert all(abs(u - v) <= TOLERANCE + 1e-9 for u, v in zip(pa, pb, strict=True)), (a, b)


def _close(a: dict[str, Any], b: dict[str, Any], keys: tuple[str, ...]) -> bool:
    return all(abs(float(a[k]) - float(b[k])) <= EXACT for k in keys)


BOX = ("x0", "x1", "top", "bottom")


def _place(c: dict[str, Any]) -> tuple[float, float, str]:
    return (round(float(c["top"]), 2), round(float(c["x0"]), 2), str(c["text"]))


def _untagged(name: str) -> str:
    return name[7:] if name[6:7] == "+" else name


def test_each_character_rule_and_picture_is_pdfplumbers(pdf: bytes | Path) -> None:
    """What the page reader is given, page by page: the characters that are not blank
    (text, font, box and size), the lines and rectangles (box, stroked, filled), the
    pictures (box), the page's size."""
    source = pdf if isinstance(pdf, Path) else io.BytesIO(pdf)
    doc = _pdfium.Document(str(pdf) if isinstance(pdf, Path) else pdf)
    try:
        with pdfplumber.open(source) as plumbed:
            assert len(doc) == len(plumbed.pages)
            for index, expected in enumerate(plumbed.pages):
                page = doc.page(index, _fonts(expected.page_obj))
                where = f"page {index + 1}"
                assert abs(page.width - expected.width) <= EXACT, where
                assert abs(page.height - expected.height) <= EXACT, where
                chars = [c for c in expected.chars if c["text"].strip()]
                got_chars = page.chars
                if expected.rotation:
                    # (on a page turned by /Rotate PDFium lists the characters in
                    # another order; the page reader sorts them by position)
                    chars, got_chars = sorted(chars, key=_place), sorted(got_chars, key=_place)
                assert [c["text"] for c in got_chars] == [c["text"] for c in chars], where
                # (PDFium names a Type 1 font without its subset tag, and two subsets
                # of one font alike: LibreOffice's BAAAAA+ and DAAAAA+NotoSansCJKjp)
                assert [_untagged(c["fontname"]) for c in got_chars] == [
                    _untagged(c["fontname"]) for c in chars
                ], where
                for got, want in zip(got_chars, chars, strict=True):
                    assert _close(got, want, (*BOX, "size")), (where, got, want)
                for kind in ("lines", "rects"):
                    got_all, want_all = getattr(page, kind), getattr(expected, kind)
                    assert len(got_all) == len(want_all), (where, kind)
                    for got, want in zip(got_all, want_all, strict=True):
                        assert _close(got, want, BOX), (where, got, want)
                        assert (got["stroke"], got["fill"]) == (want["stroke"], want["fill"])
                assert len(page.images) == len(expected.images), where
                for got, want in zip(page.images, expected.images, strict=True):
                    assert _close(got, want, BOX), (where, got, want)
    finally:
        doc.close()


def test_the_default_engine_is_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    """What is installed does not change the results: PDFium is used only when asked."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("PDFium was used")

    monkeypatch.setattr(_pdfium.Document, "__init__", refuse)
    assert gd.parse_pdf(REAL / "hongze-2024.pdf").organ
    with pytest.raises(gd.ParseError, match="PDFium was used"):
        gd.parse_pdf(REAL / "hongze-2024.pdf", engine="pdfium")


# ------------------------------------------------------------------------ refusals
def test_an_unknown_engine_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown PDF engine 'mupdf'"):
        gd.parse_pdf(REAL / "hongze-2024.pdf", engine="mupdf")  # type: ignore[arg-type]


def test_without_pypdfium2_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(ImportError, match=r"govdisclosure\[pdfium\]"):
        gd.parse_pdf(REAL / "hongze-2024.pdf", engine="pdfium")


GARBAGE = [
    b"%PDF-1.7\n" + bytes(range(256)) * 8,
    b"%PDF-1.4\n%%EOF\n",
    b"%PDF",
    b"",
    b"not a pdf at all",
    b"%PDF-1.5\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
]


@pytest.mark.parametrize("data", GARBAGE)
def test_garbage_is_refused_as_pdfplumber_refuses_it(data: bytes) -> None:
    with pytest.raises(gd.ParseError) as plumbed:
        gd.parse_pdf(data)
    with pytest.raises(gd.ParseError) as read:
        gd.parse_pdf(data, engine="pdfium")
    assert str(read.value) == str(plumbed.value)


@pytest.mark.parametrize("fraction", [0.0, 0.1, 1 / 3, 0.9, 0.999])
def test_a_truncated_pdf(fraction: float) -> None:
    data = (REAL / "huaian-2024.pdf").read_bytes()
    cut = data[: int(len(data) * fraction)]
    assert_equivalent(_outcome(cut, "pdfplumber"), _outcome(cut, "pdfium"))


def _encrypted(user: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=str(REAL / "hongze-2024.pdf"))
    writer.encrypt(user_password=user, owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_an_encrypted_pdf_needs_its_password() -> None:
    with pytest.raises(gd.ParseError, match="encrypted"):
        gd.parse_pdf(_encrypted("secret"), engine="pdfium")


def test_an_encrypted_pdf_with_an_empty_password_is_read() -> None:
    """Government PDFs are often encrypted with an empty user password."""
    data = _encrypted("")
    assert gd.parse_pdf(data, engine="pdfium") == gd.parse_pdf(data)


def test_a_password_error_is_described_as_encryption() -> None:
    """PDFium's own refusal (when pdfminer opened the document) says the same."""
    with pytest.raises(pdfium.PdfiumError) as raised:
        pdfium.PdfDocument(_encrypted("secret"))
    assert _pdfium.password_error(raised.value)
    assert not _pdfium.password_error(ValueError("password"))


def test_a_pdf_without_a_text_layer() -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(gd.ParseError, match="text layer"):
        gd.parse_pdf(buf.getvalue(), engine="pdfium")


def test_a_pdf_of_scanned_pages_only() -> None:
    doc = pdfium.PdfDocument(REAL / "huaian-2024.pdf")
    data = scanned_areas(((0, 0.0, doc[0].get_size()[1]),))
    one = pypdf.PdfWriter()
    one.add_page(pypdf.PdfReader(io.BytesIO(data)).pages[0])
    buf = io.BytesIO()
    one.write(buf)
    with pytest.raises(gd.ParseError, match="text layer"):
        gd.parse_pdf(buf.getvalue(), engine="pdfium")


def test_a_pdf_without_pages() -> None:
    writer = pypdf.PdfWriter()
    buf = io.BytesIO()
    writer.write(buf)
    assert_equivalent(_outcome(buf.getvalue(), "pdfplumber"), _outcome(buf.getvalue(), "pdfium"))


def test_max_pages() -> None:
    with pytest.raises(gd.LimitExceeded, match="max_pages=5"):
        gd.parse_pdf(REAL / "huaian-2024.pdf", max_pages=5, engine="pdfium")
    with pytest.raises(gd.LimitExceeded, match="max_pages=5"):
        gd.parse_pdf(REAL / "huaian-2024.pdf", limits=gd.Limits(max_pages=5), engine="pdfium")


def test_max_bytes_of_the_input() -> None:
    data = (REAL / "huaian-2024.pdf").read_bytes()
    tight = gd.Limits(max_bytes=100_000)
    for source in (data, REAL / "huaian-2024.pdf"):
        with pytest.raises(gd.LimitExceeded, match="max_bytes=100000"):
            gd.parse_pdf(source, limits=tight, engine="pdfium")


def test_the_time_budget_holds() -> None:
    with pytest.raises(gd.LimitExceeded, match="time_budget"):
        gd.parse_pdf(REAL / "huaian-2024.pdf", limits=gd.Limits(time_budget=1e-9), engine="pdfium")


def test_a_missing_file() -> None:
    with pytest.raises(FileNotFoundError):
        gd.parse_pdf(REAL / "no-such-report.pdf", engine="pdfium")


def test_a_page_that_inflates_beyond_max_bytes_is_refused_before_pdfium_reads_it() -> None:
    bomb = _pdf(TEXT + b" " * BIG)
    with pytest.raises(gd.LimitExceeded, match="page 1, inflated"):
        gd.parse_pdf(bomb, engine="pdfium")


@pytest.mark.parametrize("nested", [0, 3])
def test_a_form_the_page_draws_counts_with_it(nested: int) -> None:
    bomb = _pdf(TEXT, form=TEXT + b" " * BIG, nested=nested)
    with pytest.raises(gd.LimitExceeded, match="page 1, inflated"):
        gd.parse_pdf(bomb, engine="pdfium")


def test_the_content_limit_is_max_bytes_and_none_switches_it_off() -> None:
    page = _pdf(TEXT + b" " * (3 << 20))
    with pytest.raises(gd.LimitExceeded, match="max_bytes=2000000"):
        gd.parse_pdf(page, limits=gd.Limits(max_bytes=2_000_000), engine="pdfium")
    with pytest.raises(gd.ParseError, match="no report found") as raised:
        gd.parse_pdf(page, limits=gd.Limits(max_bytes=None), engine="pdfium")
    assert not isinstance(raised.value, gd.LimitExceeded)


def test_an_encrypted_bomb_is_measured_after_decryption() -> None:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_pdf(TEXT + b" " * BIG)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(gd.LimitExceeded, match="page 1, inflated"):
        gd.parse_pdf(out.getvalue(), engine="pdfium")


# ------------------------------------------------------------------------ through parse, the CLI
@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The documents PDFium opens, counted."""
    seen: list[object] = []
    init = _pdfium.Document.__init__

    def spy(self: _pdfium.Document, source: str | bytes) -> None:
        seen.append(source)
        init(self, source)

    monkeypatch.setattr(_pdfium.Document, "__init__", spy)
    return seen


def test_parse_and_parse_all_pass_the_engine_on(opened: list[object]) -> None:
    path = REAL / "hongze-2024.pdf"
    assert gd.parse(path, pdf_engine="pdfium") == gd.parse(path)
    assert len(opened) == 1
    joined = joined_pdf("hongze-2024.pdf", "huaian-2024.pdf")
    assert gd.parse_all(joined, pdf_engine="pdfium") == gd.parse_all(joined)
    assert len(opened) == 2
    packed = gzip.compress(path.read_bytes())
    assert gd.parse(packed, format="pdf", pdf_engine="pdfium") == gd.parse(packed, format="pdf")
    assert len(opened) == 3


def test_read_report_passes_the_engine_on(opened: list[object]) -> None:
    from govdisclosure.corpus.extract import read_report, read_reports  # noqa: PLC0415

    data = (REAL / "huaian-2024.pdf").read_bytes()
    assert read_report(data, "x.pdf", pdf_engine="pdfium") == read_report(data, "x.pdf")
    assert read_reports(data, "x.pdf", pdf_engine="pdfium") == read_reports(data, "x.pdf")
    assert len(opened) == 2


@pytest.mark.parametrize(
    "command",
    [
        ["check", "--format", "json", str(REAL / "hongze-2023.pdf")],
        ["check", "--all-reports", "--format", "json", str(REAL / "huaian-2024.pdf")],
        ["convert", "--to", "json", str(REAL / "huaian-2024.pdf")],
    ],
    ids=["check", "check-all-reports", "convert"],
)
def test_the_cli_reads_pdf_with_pdfium_when_asked(
    command: list[str], opened: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    from govdisclosure.cli import main  # noqa: PLC0415

    code = main(command)
    plumbed = capsys.readouterr().out
    assert not opened
    assert main([*command[:1], "--pdf-engine", "pdfium", *command[1:]]) == code
    assert capsys.readouterr().out == plumbed
    assert len(opened) == 1


@pytest.mark.parametrize("every", [False, True], ids=["first-report", "all-reports"])
def test_extract_reads_pdf_with_pdfium_when_asked(
    every: bool, opened: list[object], tmp_path: Path
) -> None:
    from govdisclosure.cli import main  # noqa: PLC0415

    options = ["--quiet", "--all-reports"] if every else ["--quiet"]
    outputs = []
    for engine in ("pdfplumber", "pdfium"):
        out = tmp_path / engine / "cells.csv"
        code = main(["extract", str(REAL), "--to", str(out), "--pdf-engine", engine, *options])
        assert code in (0, 1)
        outputs.append((out.read_bytes(), out.with_name("cells.findings.csv").read_bytes()))
    assert outputs[0] == outputs[1]
    assert len(opened) == 3  # (the three PDFs, in the second run)


@pytest.mark.parametrize("offset", [b"72", b"72.3"], ids=["same-place", "fake-bold"])
def test_text_printed_twice_over_itself_is_read_once(offset: bytes) -> None:
    """Text printed twice at (nearly) the same place, as editors print bold without a
    bold font, is read once by either engine: PDFium keeps one copy; pdfminer keeps
    both, which the page reader then drops (the pdfplumber engine read 2024 so printed
    as 22002244)."""
    data = _pdf(
        b"BT /F1 12 Tf 72 720 Td (2024) Tj ET\nBT /F1 12 Tf " + offset + b" 720 Td (2024) Tj ET\n"
    )
    assert read_pdf_grids(data, engine="pdfium") == ["2024"]
    assert read_pdf_grids(data) == ["2024"]


def test_without_the_base_font_name_api_fonts_go_by_their_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An older PDFium without ``FPDFFont_GetBaseFontName``: a font is known by the
    name ``FPDFText_GetFontInfo`` gives, and the reports are the same."""
    monkeypatch.delattr(_pdfium.pdfium_c, "FPDFFont_GetBaseFontName", raising=False)
    for path in (REAL / "hongze-2023.pdf", DATA / "pdf" / "huaian-2024-unruled.pdf"):
        assert_equivalent(_outcome(path, "pdfplumber"), _outcome(path, "pdfium"))


_REAL_PDFS = sorted(p.read_bytes() for p in REAL.glob("*.pdf"))


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(_REAL_PDFS), st.floats(0.0, 1.0))
def test_a_pdf_cut_anywhere_is_read_or_refused(pdf: bytes, where: float) -> None:
    """A report or a ParseError, never another exception (nor a crash in PDFium)."""
    with contextlib.suppress(gd.ParseError):
        gd.parse_pdf(pdf[: int(len(pdf) * where)], engine="pdfium")


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=2000))
def test_a_pdf_header_then_garbage_is_refused(data: bytes) -> None:
    with pytest.raises(gd.ParseError):
        gd.parse_pdf(b"%PDF-1.7\n" + data, engine="pdfium")


def test_threads_may_read_at_once() -> None:
    """PDFium is not thread-safe: every call into it holds one lock, so threads reading
    PDFs at once get what one thread gets."""
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    paths = [REAL / f"{n}.pdf" for n in ("hongze-2023", "hongze-2024", "huaian-2024")] * 3
    alone = [gd.parse_pdf(p, engine="pdfium") for p in paths]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda p: gd.parse_pdf(p, engine="pdfium"), paths))
    assert together == alone
