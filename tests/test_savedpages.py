"""Report pages saved in other forms than a web page: MHTML ("save as single file"),
a gzip-compressed body written as .html, a report inside ``<iframe srcdoc>``, a page
that only frames another one, and "save as text"."""

from __future__ import annotations

import base64
import gzip
import html
import importlib.util
import quopri
import re
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.corpus.extract import find_files, unreadable_finding
from govdisclosure.formats._saved import is_mhtml, mhtml_page
from govdisclosure.formats.dispatch import sniff, unsupported
from govdisclosure.strategies import valid_reports

REAL = Path(__file__).parent / "data" / "real" / "xunzhen-2024.txt"


def _bench_cases() -> Any:
    """``bench/cases.py``, for its government CMS page around a report."""
    path = Path(__file__).parent.parent / "bench" / "cases.py"
    spec = importlib.util.spec_from_file_location("_bench_cases", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


cms_page = _bench_cases().cms_page


@pytest.fixture(scope="module")
def real() -> gd.Report:
    return gd.parse_text(REAL.read_text("utf-8"))


def mhtml(page: bytes, *, charset: str, encoding: str, blink: bool = True) -> bytes:
    """``page`` saved as a single file (MHTML), as Chrome/Edge (``blink``) or IE write it:
    the page first or after a picture, then the page's picture."""
    boundary = "----MultipartBoundary--q2fFmW3Ld9----"
    if encoding == "quoted-printable":
        body = quopri.encodestring(page).decode("ascii")
    else:
        raw = base64.b64encode(page).decode("ascii")
        body = "\r\n".join(raw[i : i + 76] for i in range(0, len(raw), 76))
    picture = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(64)).decode("ascii")
    if blink:
        head = (
            "From: <Saved by Blink>\r\n"
            "Snapshot-Content-Location: http://www.example.gov.cn/art/2025/1/20/art_1.html\r\n"
            "Subject: =?utf-8?Q?=E5=B9=B4=E6=8A=A5?=\r\n"
            "Date: Mon, 20 Jan 2025 08:00:00 +0800\r\n"
            "MIME-Version: 1.0\r\n"
            f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n'
        )
    else:
        head = (
            "From: <Saved by Windows Internet Explorer 11>\r\n"
            "Subject: report\r\n"
            "MIME-Version: 1.0\r\n"
            f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n'
            "X-MimeOLE: Produced By Microsoft MimeOLE\r\n"
        )
    page_part = (
        f"--{boundary}\r\n"
        f"Content-Type: text/html; charset={charset}\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\n"
        "Content-Location: http://www.example.gov.cn/art/2025/1/20/art_1.html\r\n\r\n"
        f"{body}\r\n"
    )
    picture_part = (
        f"--{boundary}\r\n"
        "Content-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Location: http://www.example.gov.cn/img/logo.png\r\n\r\n"
        f"{picture}\r\n"
    )
    parts = page_part + picture_part if blink else picture_part + page_part
    return (head + "\r\n" + parts + f"--{boundary}--\r\n").encode("ascii")


def _codes(report: gd.Report) -> list[str]:
    return [f.code for f in report.findings]


# ------------------------------------------------------------------------ MHTML
def test_mhtml_quoted_printable_gbk_cms_page(real: gd.Report) -> None:
    page = cms_page(real).replace('<meta charset="utf-8">', '<meta charset="gb2312">')
    data = mhtml(page.encode("gbk"), charset="gb2312", encoding="quoted-printable")
    assert sniff(data) == "html"
    for read in (gd.parse, gd.parse_html):
        back = read(data)
        assert back == real
        assert [f.args for f in back.findings if f.code == "parse.encoding"] == [
            {"encoding": "GB18030"}
        ]


@pytest.mark.parametrize("blink", [True, False])
def test_mhtml_base64_utf8(real: gd.Report, blink: bool) -> None:
    data = mhtml(
        gd.render_html(real).encode("utf-8"), charset="utf-8", encoding="base64", blink=blink
    )
    back = gd.parse(data)
    assert back == real
    assert "parse.encoding" not in _codes(back)  # UTF-8, as parse_html says of a page
    assert gd.parse_html(data.decode("ascii")) == real  # read as text: the same


def test_mhtml_files_are_picked_up_and_read(real: gd.Report, tmp_path: Path) -> None:
    page = gd.render_html(real).encode("utf-8")
    (tmp_path / "a.mht").write_bytes(mhtml(page, charset="utf-8", encoding="base64"))
    (tmp_path / "b.MHTML").write_bytes(mhtml(page, charset="utf-8", encoding="quoted-printable"))
    files = find_files([tmp_path])
    assert [p.name for p in files] == ["a.mht", "b.MHTML"]
    assert all(gd.parse(p) == real for p in files)


def test_mhtml_without_a_page_is_a_clear_error() -> None:
    data = mhtml(b"", charset="utf-8", encoding="base64").replace(b"text/html", b"text/plain")
    with pytest.raises(gd.ParseError, match="MHTML") as info:
        gd.parse(data)
    assert unreadable_finding(info.value).message("zh_CN") != unreadable_finding(
        info.value
    ).message("en")


def _nested_mhtml(depth: int, page: bytes) -> bytes:
    """An MHTML file whose page is inside ``depth`` parts, each inside the one before."""
    out = [b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b0\r\n\r\n"]
    for i in range(1, depth):
        out.append(b"--b%d\r\nContent-Type: multipart/related; boundary=b%d\r\n\r\n" % (i - 1, i))
    out.append(b"--b%d\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" % (depth - 1))
    out.append(page + b"\r\n")
    out.extend(b"--b%d--\r\n" % i for i in range(depth - 1, -1, -1))
    return b"".join(out)


def test_regression_mhtml_parts_nested_thousands_deep_are_a_clear_error(
    real: gd.Report,
) -> None:
    """An MHTML file of parts nested 2,000 deep raised ``RecursionError`` (the standard
    library's MIME parser recurses into each part); it is a ``ParseError`` saying so
    now, and a page nested a few parts deep is still read."""
    page = gd.render_html(real).encode("utf-8")
    assert gd.parse_html(_nested_mhtml(20, page)) == real
    for read in (gd.parse_html, gd.parse):
        with pytest.raises(gd.ParseError, match="nested too deeply") as info:
            read(_nested_mhtml(2000, page))
    finding = unreadable_finding(info.value)
    assert finding.message("zh_CN") != finding.message("en")


def test_mhtml_page_beyond_max_bytes_is_refused(real: gd.Report) -> None:
    data = mhtml(gd.render_html(real).encode("utf-8"), charset="utf-8", encoding="base64")
    assert gd.parse_html(data, limits=gd.Limits(max_bytes=len(data))) == real
    with pytest.raises(gd.LimitExceeded):
        gd.parse_html(data, limits=gd.Limits(max_bytes=len(data) - 1))
    # the decoded page is bounded too (an MHTML file in 8bit holds it as is)
    with pytest.raises(gd.LimitExceeded, match="MHTML"):
        mhtml_page(data, gd.Limits(max_bytes=1000))


# ------------------------------------------------------------------------ gzip
def test_gzip_page_is_read_inflated(real: gd.Report) -> None:
    data = gzip.compress(cms_page(real).encode("utf-8"))
    assert unsupported(data) is None
    assert sniff(data) == "html"
    for read in (gd.parse, gd.parse_html):
        back = read(data)
        assert back == real
        compressed = [f for f in back.findings if f.code == "parse.compressed"]
        assert [(f.severity, f.args) for f in compressed] == [
            (gd.Severity.INFO, {"compression": "gzip"})
        ]
        assert "gzip" in compressed[0].message("zh_CN")


def test_gzip_gbk_page_and_text(real: gd.Report) -> None:
    page = gd.render_html(real).replace('charset="utf-8"', 'charset="gbk"').encode("gbk")
    back = gd.parse(gzip.compress(page))
    assert back == real
    assert _codes(back)[:2] == ["parse.compressed", "parse.encoding"]
    text = gzip.compress(REAL.read_bytes())
    assert sniff(text) == "text"
    back = gd.parse(text)
    assert back == real
    assert _codes(back)[0] == "parse.compressed"


def test_gzip_bomb_is_refused_without_inflating_it_all() -> None:
    bomb = gzip.compress(b"<p>" + b" " * (200 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 300_000
    with pytest.raises(gd.LimitExceeded, match="inflated") as info:
        gd.parse_html(bomb, limits=gd.Limits(max_bytes=1_000_000))
    # refused a chunk past the limit, not after 200 MiB
    assert int(str(info.value).split(": ")[1].split(",")[0]) < 1_000_000 + 70_000
    old = gd.set_limits(gd.Limits(max_bytes=1_000_000))
    try:
        with pytest.raises(gd.LimitExceeded):
            gd.parse(bomb)
    finally:
        gd.set_limits(old)


def test_damaged_or_cut_gzip_and_archives() -> None:
    data = gzip.compress(b"<html><body><p>" + "某县某局".encode() * 5000 + b"</p></body></html>")
    with pytest.raises(gd.ParseError, match="cut short"):
        gd.parse(data[: len(data) // 2])
    damaged = data[:20] + bytes(b ^ 0xFF for b in data[20:60]) + data[60:]
    with pytest.raises(gd.ParseError, match="gzip"):
        gd.parse(damaged)
    tar = bytearray(1024)
    tar[:8] = b"year.txt"
    tar[257:262] = b"ustar"
    assert (
        unsupported(gzip.compress(bytes(tar))) == "an archive: unpack it and read the files inside"
    )
    with pytest.raises(gd.ParseError, match="archive"):
        gd.parse(gzip.compress(bytes(tar)))
    with pytest.raises(gd.ParseError, match="archive"):
        gd.parse(gzip.compress(gzip.compress(b"<p>x</p>")))
    assert zlib.decompress(data, wbits=31)  # (the test's own input is sound)


# ------------------------------------------------------------------------ frames
def test_report_in_iframe_srcdoc(real: gd.Report) -> None:
    inner = gd.render_html(real)
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报</title></head><body>'
        f"<h1>{real.organ.name}{real.year}年政府信息公开工作年度报告</h1>"
        f'<iframe width="100%" srcdoc="{html.escape(inner)}"></iframe></body></html>'
    )
    for data in (page, page.encode("gbk")):
        assert gd.parse(data) == real
        assert gd.parse_html(data) == real
    assert _codes(gd.parse_html(page.encode("gbk")))[:1] == ["parse.encoding"]


@pytest.mark.parametrize(
    "page",
    [
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县某局2024年政府信息公开工作年度报告</title></head>'
        '<body><div class="nav">首页</div><h1>某县某局2024年政府信息公开工作年度报告</h1>'
        '<iframe src="/attach/report.html" width="100%" height="800"></iframe></body></html>',
        '<html><head><title>年报</title></head><frameset rows="80,*">'
        '<frame src="/attach/report.html"></frameset></html>',
    ],
)
def test_page_that_only_frames_another_names_it(page: str) -> None:
    with pytest.raises(gd.ParseError, match=r"\(/attach/report\.html\)") as info:
        gd.parse(page)
    found = unreadable_finding(info.value)
    assert "frame" in found.message("en")
    assert "框架" in found.message("zh_CN")


def test_frames_beside_a_report_change_nothing(real: gd.Report) -> None:
    page = cms_page(real).replace(
        "</body>", '<iframe src="https://map.example.invalid/embed"></iframe></body>'
    )
    assert gd.parse_html(page) == real


def test_a_frame_that_holds_no_report_changes_nothing() -> None:
    title = "某县某局2024年政府信息公开工作年度报告"
    frame = '<iframe srcdoc="&lt;p&gt;广告&lt;/p&gt;"></iframe>'
    page = f"<html><body><h1>{title}</h1>{{}}</body></html>"
    back = gd.parse_html(page.format(frame))
    assert back == gd.parse_html(page.format(""))
    assert back.organ.name == "某县某局"
    with pytest.raises(gd.ParseError, match="no report found"):
        gd.parse_html(
            '<html><body><p>x</p><iframe srcdoc="&lt;p&gt;y&lt;/p&gt;"></iframe></body></html>'
        )


# ------------------------------------------------------------------------ save as text
def test_page_saved_as_text(real: gd.Report) -> None:
    text = gd.render_text(real)
    assert sniff(text) == "text"
    assert gd.parse(text) == real
    assert gd.parse(text.encode("gbk")) == real


# ------------------------------------------------------------------------ properties
@settings(max_examples=15, deadline=None)
@given(valid_reports())
def test_mhtml_and_gzip_roundtrip(r: gd.Report) -> None:
    page = gd.render_html(r).encode("utf-8")
    assert gd.parse(mhtml(page, charset="utf-8", encoding="quoted-printable")) == r
    back = gd.parse(gzip.compress(page))
    assert back == r
    assert _codes(back)[0] == "parse.compressed"


def _is_mhtml_as_defined(data: bytes) -> bool:
    """The definition ``is_mhtml`` keeps (its first, plain form): the headers are what
    comes before the first blank line of the first 8 KB."""
    head = data[:8192].lstrip(b"\xef\xbb\xbf \t\r\n")
    headers = re.split(rb"\r?\n[ \t]*\r?\n", head, maxsplit=1)[0]
    return (
        re.search(rb"^mime-version[ \t]*:", headers, re.IGNORECASE | re.MULTILINE) is not None
        and re.search(
            rb"^content-type[ \t]*:[ \t]*multipart/(?:related|mixed|alternative)\b",
            headers,
            re.IGNORECASE | re.MULTILINE,
        )
        is not None
    )


_MIME_PIECES = st.sampled_from(
    [
        b"\r", b"\n", b"\r\n", b" ", b"\t", b"\xef\xbb\xbf", b"x", b":", b"<html>",
        b"MIME-Version: 1.0", b"mime-VERSION :", b"Mime-Version\t:",
        b"Content-Type: multipart/related;", b"content-type:multipart/MIXED",
        b"Content-Type: multipart/alternativeX", b"Content-Type: text/html",
        b"\xc4\xb0", b"\xe2\x80\xa8",
    ]
)  # fmt: skip


@given(st.lists(_MIME_PIECES, max_size=30), st.integers(0, 8300))
def test_is_mhtml_keeps_its_definition(pieces: list[bytes], pad: int) -> None:
    """The quick test for MHTML (a look for the header's words first, the blank line
    found by its first line end) answers as the definition does, also where the headers
    or the blank line straddle the 8 KB cut."""
    for data in (b"".join(pieces), b"x" * pad + b"".join(pieces), b"".join(pieces) * 400):
        assert is_mhtml(data) == _is_mhtml_as_defined(data)


def test_is_mhtml_of_pages_and_files() -> None:
    page = cms_page(gd.parse_text(REAL.read_text("utf-8"))).encode("utf-8")
    assert not is_mhtml(page)
    saved = mhtml(page, charset="utf-8", encoding="base64")
    assert is_mhtml(saved)
    assert is_mhtml(saved.replace(b"\n", b"\r\n"))
    # the multipart type after the blank line is the body's, not the file's
    assert not is_mhtml(b"MIME-Version: 1.0\r\n \r\nContent-Type: multipart/related\r\n")
    assert is_mhtml(b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n \r\n<html>")
