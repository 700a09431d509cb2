"""A page that only links to its report says where the report is.

Many sites publish the annual report as an attachment (PDF, Word, WPS, OFD) on a page
that holds only the title, the date and the link. Reading such a page gives the title's
organ and year and the page's date, and ``parse.attachment`` names the documents linked
(so that a crawler fetches them); a page without even a title raises a
:class:`~govdisclosure.ParseError` that names the attachment. (Before, the page gave six
``structure.missing-section`` errors and no word of the link, or "no report found".)
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.strategies import reports
from test_nothing_lost import SLOW

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><div class="nav">首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<div id="zoom">{heading}<p>发布日期：2025-01-20</p>{body}</div>
<div class="footer">主办单位：某县人民政府办公室</div></body></html>"""
TITLE = "某县某局2024年政府信息公开工作年度报告"


def page(body: str, *, title: str = TITLE) -> str:
    heading = f"<h1>{title}</h1>" if title else ""
    return PAGE.format(title=title, heading=heading, body=body)


def attachments(report: gd.Report) -> list[gd.Finding]:
    return [f for f in report.findings if f.code == "parse.attachment"]


@pytest.mark.parametrize(
    ("body", "links"),
    [
        (
            '<p>附件：<a href="/u/cms/2025/0120abc.pdf">年度报告.pdf</a></p>',
            ["/u/cms/2025/0120abc.pdf"],
        ),
        ('<p><a href="/down.jsp?id=7">某县某局年报.docx</a></p>', ["/down.jsp?id=7"]),
        (
            '<p><a href="a.wps">正文</a></p><p><a href="b.ofd">版式</a></p><p><a href="a.wps">再次</a></p>',
            ["a.wps", "b.ofd"],
        ),
    ],
)
def test_a_page_that_links_to_its_report_names_the_attachment(body: str, links: list[str]) -> None:
    read = gd.parse_html(page(body))
    assert (read.organ.name, read.year, read.published) == ("某县某局", 2024, date(2025, 1, 20))
    (found,) = attachments(read)
    assert found.severity is gd.Severity.WARNING
    assert dict(found.params)["count"] == len(links)
    for link in links:
        assert link in found.message("en")
        assert link in found.message("zh_CN")


def test_a_page_without_a_title_that_links_to_its_report_says_so() -> None:
    with pytest.raises(gd.ParseError) as raised:
        gd.parse_html(page('<p>详见附件。</p><p><a href="/u/x.docx">点击下载</a></p>', title=""))
    assert "/u/x.docx" in str(raised.value)
    assert raised.value.reason == "no report on the page, which links to its attachment"


def test_links_that_are_no_documents_are_no_attachments() -> None:
    read = gd.parse_html(page('<p><a href="/list_2.html">上一篇</a> <a href="/">首页</a></p>'))
    assert not attachments(read)


@settings(SLOW, max_examples=30)
@given(reports(), st.sampled_from([".pdf", ".doc", ".docx", ".wps", ".ofd"]))
def test_a_report_on_its_page_is_read_and_its_attachment_is_no_finding(
    report: gd.Report, suffix: str
) -> None:
    """A page that holds its report and also links to a copy of it: the report is read as
    ever, and no finding speaks of the attachment."""
    html = gd.render_html(report)
    linked = html.replace(
        "</article>", f'<p>附件：<a href="/u/copy{suffix}">下载</a></p></article>'
    )
    read = gd.parse_html(linked)
    assert not attachments(read)
    assert (read.active, read.applications, read.review_litigation) == (
        report.active,
        report.applications,
        report.review_litigation,
    )
