"""One executed example per finding code, for the findings catalogue.

Each entry of :data:`EXAMPLES` is Python source that, run in a namespace holding
``gd`` (the package), ``attrs``, ``Decimal``, ``finding`` and the clean reports ``ok``
(2021 edition) and ``ok2019`` (2019 edition) of :data:`PRELUDE`, leaves the findings in a
variable ``findings``. The catalogue shows the source and the first finding of the
code, rendered in Chinese and English. ``tests/test_docs.py`` fails when a registered
code has no example, or when its example does not produce that code.

Checks are triggered on real reports built with the public API. Findings that only the
parsers emit (``parse.*``) are constructed with :func:`govdisclosure.checks.finding`,
the same call the parsers make, and marked as such in the catalogue.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

PRELUDE = """\
import govdisclosure as gd
prose = dict(
    overview="我局认真做好主动公开和依申请公开工作，加强政府信息管理，完善网站公开专栏，强化监督保障。",
    problems="（一）存在的问题：政策解读还不够深入。（二）改进措施：下一步将加强解读。",
    other="本年度未收取信息处理费。")
ok = gd.build_report(organ="某县某局", year=2024, published="2025-01-20", **prose)
ok2019 = gd.build_report(organ="某县某局", year=2020, published="2021-01-20", **prose)
assert gd.check(ok) == () and gd.check(ok2019) == ()
"""
"""The clean reports every example starts from (shown once at the top of the catalogue)."""

CONSTRUCTED = "constructed"
TRIGGERED = "triggered"

EXAMPLES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ section 三
    "applications.balance": (
        TRIGGERED,
        """\
r = ok.with_cell("applications.carried_forward.natural_person", 1)
findings = gd.check(r)
""",
    ),
    "applications.outcome-total": (
        TRIGGERED,
        """\
r = ok.with_cell("applications.granted.natural_person", 2)
findings = gd.check(r)
""",
    ),
    "applications.row-total": (
        TRIGGERED,
        """\
r = ok.with_cell("applications.granted.total", 3)
findings = gd.check(r)
""",
    ),
    "applications.balance.not-assessable": (
        TRIGGERED,
        """\
r = ok.with_cell("applications.new_received.natural_person", gd.BLANK)
findings = gd.check(r)
""",
    ),
    "applications.outcome-total.not-assessable": (
        TRIGGERED,
        """\
r = ok.with_cell("applications.granted.commercial", gd.BLANK)
findings = gd.check(r)
""",
    ),
    "applications.row-total.not-assessable": (
        TRIGGERED,
        """\
r = ok.with_cell("applications.granted.commercial", gd.BLANK)
findings = gd.check(r)
""",
    ),
    # ------------------------------------------------------------ section 四
    "review.group-total": (
        TRIGGERED,
        """\
r = ok.with_cell("review_litigation.review.total", 5)
findings = gd.check(r)
""",
    ),
    "review.group-total.not-assessable": (
        TRIGGERED,
        """\
r = ok.with_cell("review_litigation.review.pending", gd.BLANK)
findings = gd.check(r)
""",
    ),
    # ------------------------------------------------------------ section 二
    "active.items-negative": (
        TRIGGERED,
        """\
r = ok2019.with_cell("active.art20_5.licensing.previous_items", 2)
r = r.with_cell("active.art20_5.licensing.change", -3)
findings = gd.check(r)
""",
    ),
    "active.published-total": (
        TRIGGERED,
        """\
r = ok2019.with_cell("active.art20_1.regulations.new_published", 3)
r = r.with_cell("active.art20_1.regulations.total_published", 1)
findings = gd.check(r)
""",
    ),
    # ------------------------------------------------------------ cells
    "cell.negative": (
        TRIGGERED,
        """\
r = ok.with_cell("review_litigation.review.upheld", -1)
findings = gd.check(r)
""",
    ),
    "cell.fraction": (
        TRIGGERED,
        """\
r = ok.with_cell("active.art20_6.penalty.decisions", Decimal("1.5"))
findings = gd.check(r)
""",
    ),
    "cell.text": (
        TRIGGERED,
        """\
r = ok.with_cell("active.art20_5.licensing.decisions", gd.Text("若干"))
findings = gd.check(r)
""",
    ),
    "cell.blank-total": (
        TRIGGERED,
        """\
r = ok.with_cell("applications.total.total", gd.BLANK)
findings = gd.check(r)
""",
    ),
    "cell.not-applicable": (
        TRIGGERED,
        """\
r = ok.with_cell("active.art20_8.admin_fees.amount", gd.NotApplicable("/"))
findings = gd.check(r)
""",
    ),
    # ------------------------------------------------------------ structure
    "structure.missing-section": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, problems=None)
findings = gd.check(r)
""",
    ),
    "structure.missing-table": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, active=ok.active[:3])   # drop 第二十条第（八）项
findings = gd.check(r)
""",
    ),
    "structure.edition-mismatch": (
        TRIGGERED,
        """\
r = ok.with_table(gd.build_table("applications", {}, edition="2019"))
findings = gd.check(r)
""",
    ),
    "structure.mixed-editions": (
        TRIGGERED,
        """\
r = ok.with_table(gd.build_table("applications", {}, edition="2019"))
findings = gd.check(r)
""",
    ),
    "structure.missing-year": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, year=None)
findings = gd.check(r)
""",
    ),
    "structure.year-out-of-range": (
        TRIGGERED,
        """\
r = attrs.evolve(ok2019, year=2018, published=None)
findings = gd.check(r)
""",
    ),
    "structure.missing-organ": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, organ=gd.Organ(""))
findings = gd.check(r)
""",
    ),
    "overview.empty": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, overview=gd.Narrative(""))
findings = gd.check(r)
""",
    ),
    "problems.empty": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, problems=gd.Narrative(""))
findings = gd.check(r)
""",
    ),
    "other.fee-statement-missing": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, other=gd.Narrative("无其他需要报告的事项。"))
findings = gd.check(r)
""",
    ),
    # ------------------------------------------------------------ publication
    "publication.late": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, organ=gd.Organ("某县审计局"), published=date(2025, 2, 10))
findings = gd.check(r)
""",
    ),
    "publication.after-january": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, organ=gd.Organ("河曲县巡镇镇人民政府"), published=date(2025, 2, 7))
findings = gd.check(r)
""",
    ),
    "publication.missing-date": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, published=None)
findings = gd.check(r)
""",
    ),
    "publication.premature": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, published=date(2024, 12, 1))
findings = gd.check(r)
""",
    ),
    # ------------------------------------------------------------ across years
    "series.carry-over": (
        TRIGGERED,
        """\
last = attrs.evolve(ok, year=2023, published=date(2024, 1, 20)).with_table(
    gd.build_table("applications", {"new_received": {"natural_person": 1},
                                    "carried_forward": {"natural_person": 1}}, edition="2021"))
findings = gd.check(ok, previous=last)   # ok states 二、上年结转 0
""",
    ),
    "series.in-force": (
        TRIGGERED,
        """\
last = attrs.evolve(ok, year=2023).with_cell("active.art20_1.regulations.in_force", 5)
now = ok.with_cell("active.art20_1.regulations.issued", 1)
now = now.with_cell("active.art20_1.regulations.in_force", 5)
findings = gd.check(now, previous=last)
""",
    ),
    "series.items": (
        TRIGGERED,
        """\
last = attrs.evolve(ok2019, year=2019)
last = last.with_cell("active.art20_5.licensing.previous_items", 10)
last = last.with_cell("active.art20_5.licensing.change", 2)
now = ok2019.with_cell("active.art20_5.licensing.previous_items", 10)
findings = gd.check(now, previous=last)
""",
    ),
    "series.identical-table": (
        TRIGGERED,
        """\
now = ok.with_cell("review_litigation.review.upheld", 1).with_cell(
    "review_litigation.review.total", 1)
last = attrs.evolve(now, year=2023)
findings = gd.check(now, previous=last)
""",
    ),
    "series.organ-mismatch": (
        TRIGGERED,
        """\
last = attrs.evolve(ok, year=2023, organ=gd.Organ("另一县某局"))
findings = gd.check(ok, previous=last)
""",
    ),
    "series.not-consecutive": (
        TRIGGERED,
        """\
last = attrs.evolve(ok, year=2022)
findings = gd.check(ok, previous=last)
""",
    ),
    "series.duplicate-year": (
        TRIGGERED,
        """\
copy = attrs.evolve(ok)   # the same report given twice (say, as PDF and as web page)
[(first, _), (second, findings)] = gd.check_series([ok, copy])
""",
    ),
    # ------------------------------------------------------------ reading (parsers)
    "parse.extra-cells": (
        TRIGGERED,
        """\
seed = REPO / "tests" / "data" / "real" / "xunzhen-2024.txt"   # the seed report
findings = gd.parse_text(seed.read_text("utf-8")).findings
""",
    ),
    "parse.missing-cells": (
        TRIGGERED,
        """\
text = gd.render_text(ok)   # the clean report in the official text layout
text = text.replace("（一）予以公开\\t0\\t0\\t0\\t0\\t0\\t0\\t0", "（一）予以公开\\t0\\t0\\t0\\t0\\t0\\t0")
findings = gd.parse_text(text).findings
""",
    ),
    "parse.label-variant": (
        TRIGGERED,
        """\
seed = REPO / "tests" / "data" / "real" / "xunzhen-2024.txt"   # the seed report
findings = gd.parse_text(seed.read_text("utf-8")).findings
""",
    ),
    "parse.heading-variant": (
        TRIGGERED,
        """\
text = gd.render_text(ok)   # the clean report in the official text layout
text = text.replace("四、政府信息公开行政复议、行政诉讼情况",
                    "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况")
findings = gd.parse_text(text).findings
""",
    ),
    "parse.glued-heading": (
        TRIGGERED,
        """\
text = gd.render_text(ok)   # the clean report in the official text layout
text = text.replace("\\n\\n四、", "四、")   # section 四's heading run onto section 三's last row
findings = gd.parse_text(text).findings
""",
    ),
    "parse.split-label": (
        TRIGGERED,
        """\
seed = REPO / "tests" / "data" / "real" / "xunzhen-2024.txt"   # the seed report
findings = gd.parse_text(seed.read_text("utf-8")).findings
""",
    ),
    "parse.unit-in-cell": (
        TRIGGERED,
        """\
text = gd.render_text(ok)   # the clean report in the official text layout
findings = gd.parse_text(text.replace("行政许可\\t0", "行政许可\\t2件")).findings
""",
    ),
    "parse.unit-converted": (
        TRIGGERED,
        """\
text = gd.render_text(ok)   # the clean report in the official text layout
text = text.replace("行政事业性收费\\t0", "行政事业性收费\\t251000元")   # 万元 column
findings = gd.parse_text(text).findings
""",
    ),
    "parse.footnote-mark": (
        TRIGGERED,
        """\
page = gd.render_html(ok)   # the clean report as a web page
cell = "（一）予以公开</th><td>0</td>"
page = page.replace(cell, "（一）予以公开</th><td>0<sup>1</sup></td>")   # 0, note 1
findings = gd.parse_html(page).findings
""",
    ),
    "parse.split-cells": (
        TRIGGERED,
        """\
text = gd.render_text(ok)   # the clean report in the official text layout
row = "\\t".join(["0"] * 15)                   # section 四's fifteen cells
text = text.replace(row, "1200012\\t" + "\\t".join(["0"] * 10))
findings = gd.parse_text(text).findings
""",
    ),
    "parse.spaced-cells": (
        TRIGGERED,
        """\
text = gd.render_text(ok)   # the clean report in the official text layout
row = "行政规范性文件\\t0\\t0\\t0"              # a tab lost between two cells
text = text.replace(row, "行政规范性文件\\t0\\t2 0")
findings = gd.parse_text(text).findings
""",
    ),
    "parse.uncertain-cells": (
        TRIGGERED,
        """\
text = gd.render_text(ok)   # the clean report in the official text layout
row = "\\t".join(["0"] * 15)
text = text.replace(row, "1100011\\t" + "\\t".join(["0"] * 10))
findings = gd.parse_text(text).findings
""",
    ),
    "parse.uncertain-mark": (
        TRIGGERED,
        """\
r = ok.with_cell("review_litigation.review.upheld", 1)   # 1 + 0 + 0 + 0 ≠ 0
text = gd.render_text(r)   # in the official text layout
text = text.replace("\\t尚未审结\\t总计\\n", "\\t尚未审结\\t总计1\\n")   # 1 glued to 总计
findings = gd.parse_text(text).findings
""",
    ),
    "parse.unknown-row": (
        TRIGGERED,
        """\
text = gd.render_text(ok)   # the clean report in the official text layout
text = text.replace("（七）总计\\t", "9.属于工作秘密\\t0\\t0\\t0\\t0\\t0\\t0\\t0\\n（七）总计\\t")
findings = gd.parse_text(text).findings
""",
    ),
    "parse.unread-label": (
        TRIGGERED,
        """\
text = gd.render_text(ok)   # the clean report in the official text layout
text = text.replace("（一）予以公开\\t", "（一）予以公开\\t1e5\\t")   # a stray word
findings = gd.parse_text(text).findings
""",
    ),
    "parse.further-report": (
        TRIGGERED,
        """\
first = gd.render_text(ok)   # two reports, one after the other (a compilation)
second = gd.render_text(ok.with_cell("applications.granted.natural_person", 4))
findings = gd.parse_text(first + "\\n" + second).findings
""",
    ),
    "parse.table-image": (
        TRIGGERED,
        """\
page = gd.render_html(ok)   # section 三's table published as a screenshot
start, end = page.index('<table class="applications"'), page.index("</table>", page.index('<table class="applications"'))
page = page[:start] + '<p><img src="/upload/2025/sq.png" alt="依申请公开情况"></p>' + page[end + 8:]
findings = gd.parse_html(page).findings
""",
    ),
    "parse.attachment": (
        TRIGGERED,
        """\
page = ('<html><body><div id="zoom"><h1>某县某局2024年政府信息公开工作年度报告</h1>'
        '<p>附件：<a href="/u/2025/nb.pdf">年度报告.pdf</a></p></div></body></html>')
findings = gd.parse_html(page).findings
""",
    ),
    "parse.unreadable-table": (
        CONSTRUCTED,
        """\
findings = [finding("parse.unreadable-table", "review_litigation",
                    reason="no header found", cells="0 0 0 0 0")]
""",
    ),
    "parse.stray-figures": (
        CONSTRUCTED,
        """\
findings = [finding("parse.stray-figures", "review_litigation", cells="0")]
""",
    ),
    "parse.unread-part": (
        CONSTRUCTED,
        """\
findings = [finding("parse.unread-part", part="word/afchunk2.rtf", type="application/rtf")]
""",
    ),
    "parse.embedded-object": (
        CONSTRUCTED,
        """\
findings = [finding("parse.embedded-object", program="Excel.Sheet.8",
                    part="embeddings/oleObject1.bin")]
""",
    ),
    "parse.unread-graphic": (
        CONSTRUCTED,
        """\
findings = [finding("parse.unread-graphic", graphic="chart", part="charts/chart1.xml",
                    count=3, cells="2024, 1024, 36")]
""",
    ),
    "parse.unread-text": (
        CONSTRUCTED,
        """\
findings = [finding("parse.unread-text", story="headers", count=20, cells="12"),
            finding("parse.unread-text", story="text boxes", count=15, cells="7, 5"),
            finding("parse.unread-text", source=gd.Source(page=1, x=150.0, y=20.0),
                    story="running heads", count=16, cells="2024")]
""",
    ),
    "parse.embedded-sheet": (
        CONSTRUCTED,
        """\
findings = [finding("parse.embedded-sheet", source=gd.Source(table=3),
                    part="embeddings/Microsoft_Excel_Worksheet.xlsx", sheet="Sheet1",
                    range="B2:K29", hidden=0)]
""",
    ),
    "parse.pdf-damage": (
        TRIGGERED,
        """\
data = bytearray(open("tests/data/real/huaian-2024.pdf", "rb").read())
data[66691], data[403847] = 31, 189   # two bytes of a compressed stream damaged
findings = gd.parse_pdf(bytes(data)).findings
""",
    ),
    "parse.pdf-lost": (
        TRIGGERED,
        """\
data = bytearray(open("tests/data/real/huaian-2024.pdf", "rb").read())
for at in range(401590, 401610):   # bytes in the middle of page 5's content stream
    data[at] ^= 0x55
findings = gd.parse_pdf(bytes(data)).findings
""",
    ),
    "parse.encoding": (
        TRIGGERED,
        """\
text = gd.render_text(ok)   # the clean report in the official text layout
findings = gd.parse_text(text.encode("gb18030")).findings
""",
    ),
    "parse.bytes-replaced": (
        TRIGGERED,
        """\
text = gd.render_text(ok)   # the clean report in the official text layout
findings = gd.parse_text(text.encode("gbk") + b"\\x80").findings   # a stray byte at the end
""",
    ),
    "parse.compressed": (
        TRIGGERED,
        """\
import gzip
page = gd.render_html(ok)   # the clean report as a web page
findings = gd.parse(gzip.compress(page.encode("utf-8"))).findings   # kept gzip-compressed
""",
    ),
    "parse.missing-heading": (
        TRIGGERED,
        """\
text = gd.render_text(ok)   # the clean report in the official text layout
text = text.replace("四、政府信息公开行政复议、行政诉讼情况\\n", "")
findings = gd.parse_text(text).findings
""",
    ),
    "parse.outside-content": (
        CONSTRUCTED,
        """\
findings = [finding("parse.outside-content", cells="12, 3, 0")]
""",
    ),
    # ------------------------------------------------------------ command line, prose audits
    "input.unreadable": (
        CONSTRUCTED,
        """\
from govdisclosure.corpus.extract import unreadable_finding
from govdisclosure.errors import ParseError
findings = [unreadable_finding(ParseError("the input is empty"))]
""",
    ),
    "series.similar-narrative": (
        TRIGGERED,
        """\
text = ("我局全面贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
        "认真做好主动公开和依申请公开工作，加强政府信息管理，完善网站公开专栏，强化监督保障。")
now = attrs.evolve(ok, overview=gd.Narrative(text))
last = attrs.evolve(now, year=2023)
findings = gd.check(now, previous=last)
""",
    ),
    "narrative.figure-mismatch": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, overview=gd.Narrative(
    prose["overview"] + "全年共收到政府信息公开申请5件。"))   # the table says 0
findings = gd.check(r)
""",
    ),
    "overview.topic-missing": (
        TRIGGERED,
        """\
overview = ("我局认真做好主动公开工作，及时发布政策文件、规划计划和重点领域信息，"
            "做好政策解读和回应关切，全年公开内容持续丰富，公开质量稳步提升。")
r = attrs.evolve(ok, overview=gd.Narrative(overview))   # speaks of 主动公开 only
findings = gd.check(r)
""",
    ),
    "overview.assessment-missing": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, organ=gd.Organ("某县人民政府"))
findings = gd.check(r)
""",
    ),
    "problems.part-missing": (
        TRIGGERED,
        """\
problems = ("下一步，我局将进一步加强政策解读，提升公开质量，推进重点领域信息公开，"
            "完善公开目录，加强业务培训，切实提高工作人员的业务水平和服务能力。")
r = attrs.evolve(ok, problems=gd.Narrative(problems))   # measures, but no problem named
findings = gd.check(r)
""",
    ),
    "series.problems-not-followed-up": (
        TRIGGERED,
        """\
problems = ("（一）存在的问题：政策解读的针对性还不够，部分栏目更新不够及时。"
            "（二）改进措施：下一步将加强政策解读，完善栏目管理，提升公开质量。")
now = attrs.evolve(ok, problems=gd.Narrative(problems))
last = attrs.evolve(now, year=2023)
findings = gd.check(now, previous=last)
""",
    ),
    "other.fee-unpaid-unexplained": (
        TRIGGERED,
        """\
r = ok.with_cell("applications.new_received.natural_person", 1)
r = r.with_cell("applications.new_received.total", 1)
r = r.with_cell("applications.other.unpaid_fee.natural_person", 1)
r = r.with_cell("applications.other.unpaid_fee.total", 1)
r = r.with_cell("applications.total.natural_person", 1)
r = r.with_cell("applications.total.total", 1)
findings = gd.check(r)
""",
    ),
    "other.proposals-missing": (
        TRIGGERED,
        """\
r = attrs.evolve(ok, organ=gd.Organ("某县人民政府"))
findings = gd.check(r)
""",
    ),
}

PENDING_CODES: frozenset[str] = frozenset()
"""Codes defined on branches not merged yet: list a code here to write its example ahead
of the merge (the test then tolerates an example for a code not registered yet)."""


def namespace() -> dict[str, Any]:
    """A fresh namespace with :data:`PRELUDE` run in it."""
    import datetime  # noqa: PLC0415
    from decimal import Decimal  # noqa: PLC0415

    import attrs  # noqa: PLC0415

    from govdisclosure.checks import finding  # noqa: PLC0415

    ns: dict[str, Any] = {
        "REPO": Path(__file__).resolve().parents[2],
        "attrs": attrs,
        "Decimal": Decimal,
        "date": datetime.date,
        "finding": finding,
    }
    exec(PRELUDE, ns)
    return ns


def run(code: str, base: dict[str, Any] | None = None) -> Any:
    """Run the example of ``code``; return the first finding of that code.

    Raises :class:`LookupError` when the code has no example or the example does not
    produce it.
    """
    if code not in EXAMPLES:
        msg = f"finding code {code!r} has no example in docs/_ext/gd_findings_examples.py"
        raise LookupError(msg)
    ns = dict(base if base is not None else namespace())
    # (the examples' damaged PDFs make pdfminer log warnings, which their findings
    # report: kept off the build's output, whatever logging the build has set up)
    pdfminer = logging.getLogger("pdfminer")
    propagate, pdfminer.propagate = pdfminer.propagate, False
    try:
        exec(EXAMPLES[code][1], ns)
    finally:
        pdfminer.propagate = propagate
    for f in ns["findings"]:
        if f.code == code:
            return f
    msg = f"the example of {code!r} does not produce it: {[f.code for f in ns['findings']]}"
    raise LookupError(msg)
