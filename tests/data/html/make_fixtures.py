"""Write the synthetic CMS-style report pages of this folder (see README.md).

The pages imitate how government content-management systems publish reports: page
chrome around a content container, tables written cell by cell with inline styles,
``<p>``/``<span>`` inside cells, ``&nbsp;`` for blank cells, irregular spans. Organs
and figures are invented. Run ``python tests/data/html/make_fixtures.py`` to rewrite.
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).parent

TD = 'style="border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt"'


def cell(text: str, *, span: str = "", tag: str = "td") -> str:
    body = text if text else "&nbsp;"
    return (
        f'<{tag} {TD}{span} valign="middle"><p style="text-align:center;line-height:150%">'
        f'<span style="font-family:宋体;font-size:10.5pt">{body}</span></p></{tag}>'
    )


def row(*cells: str) -> str:
    return "<tr>" + "".join(cells) + "</tr>\n"


APP_ROWS_2021 = [
    ("一、本年新收政府信息公开申请数量", None, None),
    ("二、上年结转政府信息公开申请数量", None, None),
    ("（一）予以公开", "三、本年度办理结果", None),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三、本年度办理结果", None),
    ("1.属于国家秘密", "三、本年度办理结果", "（三）不予公开"),
    ("2.其他法律行政法规禁止公开", "三、本年度办理结果", "（三）不予公开"),
    ("3.危及“三安全一稳定”", "三、本年度办理结果", "（三）不予公开"),
    ("4.保护第三方合法权益", "三、本年度办理结果", "（三）不予公开"),
    ("5.属于三类内部事务信息", "三、本年度办理结果", "（三）不予公开"),
    ("6.属于四类过程性信息", "三、本年度办理结果", "（三）不予公开"),
    ("7.属于行政执法案卷", "三、本年度办理结果", "（三）不予公开"),
    ("8.属于行政查询事项", "三、本年度办理结果", "（三）不予公开"),
    ("1.本机关不掌握相关政府信息", "三、本年度办理结果", "（四）无法提供"),
    ("2.没有现成信息需要另行制作", "三、本年度办理结果", "（四）无法提供"),
    ("3.补正后申请内容仍不明确", "三、本年度办理结果", "（四）无法提供"),
    ("1.信访举报投诉类申请", "三、本年度办理结果", "（五）不予处理"),
    ("2.重复申请", "三、本年度办理结果", "（五）不予处理"),
    ("3.要求提供公开出版物", "三、本年度办理结果", "（五）不予处理"),
    ("4.无正当理由大量反复申请", "三、本年度办理结果", "（五）不予处理"),
    ("5.要求行政机关确认或重新出具已获取信息", "三、本年度办理结果", "（五）不予处理"),
    (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "三、本年度办理结果",
        "（六）其他处理",
    ),
    (
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "三、本年度办理结果",
        "（六）其他处理",
    ),
    ("3.其他", "三、本年度办理结果", "（六）其他处理"),
    ("（七）总计", "三、本年度办理结果", None),
    ("四、结转下年度继续办理", None, None),
]
APP_ROWS_2019 = [
    *APP_ROWS_2021[:20],
    ("（六）其他处理", "三、本年度办理结果", None),
    *APP_ROWS_2021[23:],
]


def applications(
    figures: list[list[str]],
    rows: list[tuple[str, str | None, str | None]],
    *,
    f1_header: bool = False,
) -> str:
    """Section 三 as CMS editors write it; ``f1_header`` uses placeholder cells for 自然人/总计."""
    out = [
        '<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">\n<tbody>\n'
    ]
    note = "（本列数据的勾稽关系为：第一项加第二项之和，<br />等于第三项加第四项之和）"
    out.append(
        row(cell(note, span=' colspan="3" rowspan="3"'), cell("申请人情况", span=' colspan="7"'))
    )
    if f1_header:
        out.append(row(cell("自然人"), cell("法人或其他组织", span=' colspan="5"'), cell("总计")))
        out.append(
            row(
                cell(""),
                *(
                    cell(x)
                    for x in [
                        "商业<br />企业",
                        "科研<br />机构",
                        "社会公益组织",
                        "法律服务机构",
                        "其他",
                    ]
                ),
                cell(""),
            )
        )
    else:
        out.append(
            row(
                cell("自然人", span=' rowspan="2"'),
                cell("法人或其他组织", span=' colspan="5"'),
                cell("总计", span=' rowspan="2"'),
            )
        )
        out.append(
            row(
                *(
                    cell(x)
                    for x in [
                        "商业<br />企业",
                        "科研<br />机构",
                        "社会公益组织",
                        "法律服务机构",
                        "其他",
                    ]
                )
            )
        )
    for i, (label, group, subgroup) in enumerate(rows):
        labels = []
        if group is None:
            labels.append(cell(label, span=' colspan="3"'))
        else:
            if i == 0 or rows[i - 1][1] != group:
                n = sum(1 for r in rows if r[1] == group)
                labels.append(cell(group, span=f' rowspan="{n}"'))
            if subgroup is None:
                labels.append(cell(label, span=' colspan="2"'))
            else:
                if rows[i - 1][2] != subgroup:
                    n = sum(1 for r in rows if r[2] == subgroup)
                    labels.append(cell(subgroup, span=f' rowspan="{n}"'))
                labels.append(cell(label))
        out.append(row(*labels, *(cell(v) for v in figures[i])))
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def review(figures: list[str]) -> str:
    outcomes = ["结果<br />维持", "结果<br />纠正", "其他<br />结果", "尚未<br />审结", "总计"]
    out = [
        '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">\n<tbody>\n'
    ]
    out.append(row(cell("行政复议", span=' colspan="5"'), cell("行政诉讼", span=' colspan="10"')))
    out.append(
        row(
            *(cell(x, span=' rowspan="2"') for x in outcomes),
            cell("未经复议直接起诉", span=' colspan="5"'),
            cell("复议后起诉", span=' colspan="5"'),
        )
    )
    out.append(row(*(cell(x) for x in outcomes * 2)))
    out.append(row(*(cell(v) for v in figures)))
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def paragraphs(*texts: str) -> str:
    return "".join(
        f'<p style="text-indent:2em;line-height:180%"><span style="font-family:仿宋_GB2312;font-size:16px">{t}</span></p>\n'
        for t in texts
    )


def heading(text: str) -> str:
    return f'<p style="text-indent:2em"><strong><span style="font-family:黑体">{text}</span></strong></p>\n'


ACTIVE_BLOCKS_2021 = [
    (
        "第二十条第（一）项",
        ["本年制发件数", "本年废止件数", "现行有效件数"],
        [("规章", "regulations"), ("行政规范性文件", "normative")],
    ),
    ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", "licensing")]),
    (
        "第二十条第（六）项",
        ["本年处理决定数量"],
        [("行政处罚", "penalty"), ("行政强制", "compulsion")],
    ),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", "fees")]),
]
"""Section 二 of the 2021 edition: each block's caption, columns and rows (label, key)."""


def active_2021(figs: dict[str, list[str]]) -> str:
    out = [
        '<table border="1" cellspacing="0" cellpadding="0" width="600" style="border-collapse:collapse">\n<tbody>\n'
    ]
    for caption, columns, rows in ACTIVE_BLOCKS_2021:
        out.append(row(cell(caption, span=' colspan="4"')))
        if len(columns) == 3:
            out.append(row(cell("信息内容"), *(cell(c) for c in columns)))
        else:
            out.append(row(cell("信息内容"), cell(columns[0], span=' colspan="3"')))
        for label, key in rows:
            values = figs[key]
            if len(values) == 3:
                out.append(row(cell(label), *(cell(v) for v in values)))
            else:
                out.append(row(cell(label), cell(values[0], span=' colspan="3"')))
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def active_2019_shanghai(figs: dict[str, list[str]]) -> str:
    """2019 section 二 with the irregular spans of real pages (spec §10 D3, D7, D8)."""
    out = [
        '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">\n<tbody>\n'
    ]
    out.append(row(cell("第二十条第（一）项", span=' colspan="4"')))
    out.append(
        row(
            cell("信息内容"),
            cell("本年新<br />制作数量"),
            cell("本年新<br />公开数量"),
            cell("对外公开总数量"),
        )
    )
    out.append(row(cell("规章"), *(cell(v) for v in figs["regulations"])))
    out.append(row(cell("规范性文件"), *(cell(v) for v in figs["normative"])))
    for caption, rows in (
        (
            "第二十条第（五）项",
            [("行政许可", "licensing"), ("其他对外管理服务事项", "other_services")],
        ),
        ("第二十条第（六）项", [("行政处罚", "penalty"), ("行政强制", "compulsion")]),
    ):
        out.append(row(cell(caption, span=' colspan="4"')))
        out.append(
            row(cell("信息内容"), cell("上一年项目数量"), cell("本年增/减"), cell("处理决定数量"))
        )
        for label, key in rows:
            out.append(row(cell(label), *(cell(v) for v in figs[key])))
    out.append(row(cell("第二十条第（八）项", span=' colspan="4"')))
    out.append(
        row(cell("信息内容"), cell("上一年项目数量"), cell("本年增/减", span=' colspan="2"'))
    )
    out.append(
        row(
            cell("行政事业性收费"),
            cell(figs["fees"][0]),
            cell(figs["fees"][1], span=' colspan="2;"'),
        )
    )
    out.append(row(cell("第二十条第（九）项", span=' colspan="4"')))
    out.append(row(cell("信息内容"), cell("采购项目数量"), cell("采购总金额", span=' colspan="2"')))
    out.append(
        row(
            cell("政府集中采购"),
            cell(figs["procurement"][0], span=' colspan="2"'),
            cell(figs["procurement"][1]),
        )
    )
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def active_2019_plain(figs: dict[str, list[str]]) -> str:
    """2019 section 二 columns, regular spans (a 2021+ report still using them)."""
    out = [
        '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">\n<tbody>\n'
    ]
    blocks = [
        (
            "第二十条第（一）项",
            ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
            [("规章", "regulations"), ("规范性文件", "normative")],
        ),
        (
            "第二十条第（五）项",
            ["上一年项目数量", "本年增/减", "处理决定数量"],
            [("行政许可", "licensing"), ("其他对外管理服务事项", "other_services")],
        ),
        (
            "第二十条第（六）项",
            ["上一年项目数量", "本年增/减", "处理决定数量"],
            [("行政处罚", "penalty"), ("行政强制", "compulsion")],
        ),
        ("第二十条第（八）项", ["上一年项目数量", "本年增/减"], [("行政事业性收费", "fees")]),
        ("第二十条第（九）项", ["采购项目数量", "采购总金额"], [("政府集中采购", "procurement")]),
    ]
    for caption, columns, rows in blocks:
        out.append(row(cell(caption, span=' colspan="4"')))
        spans = [""] * (len(columns) - 1) + [
            f' colspan="{4 - len(columns)}"' if len(columns) < 3 else ""
        ]
        out.append(
            row(cell("信息内容"), *(cell(c, span=s) for c, s in zip(columns, spans, strict=False)))
        )
        for label, key in rows:
            out.append(
                row(cell(label), *(cell(v, span=s) for v, s in zip(figs[key], spans, strict=False)))
            )
    out.append("</tbody>\n</table>\n")
    return "".join(out)


NAV = "".join(
    f'<li><a href="/col/{i}/index.html">{name}</a></li>'
    for i, name in enumerate(
        [
            "首页",
            "政务公开",
            "政务服务",
            "互动交流",
            "走进测试",
            "政府信息公开",
            "政府信息公开指南",
            "政府信息公开制度",
            "法定主动公开内容",
            "政府信息公开年报",
            "依申请公开",
            "政策解读",
        ]
        * 3
    )
)


# ---------------------------------------------------------------- 1. GBK, #zoom, 2021
def gbk_page() -> str:
    app = [
        ["15", "2", "0", "0", "1", "0", "18"],
        ["1", "0", "0", "0", "0", "0", "1"],
        ["6", "1", "0", "0", "0", "0", "7"],
        ["2", "0", "0", "0", "0", "0", "2"],
        *[["0"] * 7] * 3,
        ["1", "0", "0", "0", "0", "0", "1"],
        *[["0"] * 7] * 4,
        ["4", "1", "0", "0", "1", "0", "6"],
        *[["0"] * 7] * 2,
        ["1", "0", "0", "0", "0", "0", "1"],
        *[["0"] * 7] * 4,
        *[["0"] * 7] * 2,
        ["1", "0", "0", "0", "0", "0", "1"],
        ["15", "2", "0", "0", "1", "0", "18"],
        ["1", "0", "0", "0", "0", "0", "1"],
    ]
    active = active_2021(
        {
            "regulations": ["0", "0", "0"],
            "normative": ["2", "1", "12"],
            "licensing": ["356"],
            "penalty": ["48"],
            "compulsion": ["3"],
            "fees": ["12.35"],
        }
    )
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>测试县市场监督管理局2023年政府信息公开工作年度报告_测试县人民政府</title>
<meta name="ArticleTitle" content="测试县市场监督管理局2023年政府信息公开工作年度报告" />
<meta name="PubDate" content="2024-01-25 09:30" />
<link rel="stylesheet" href="/css/style.css" />
<script type="text/javascript">var _hmt = _hmt || []; document.write("<div>首页</div>");</script>
</head>
<body>
<div class="top"><a href="/">首页</a> | <a href="#">繁體版</a> | <a href="#">无障碍</a> | <a href="#">长者版</a></div>
<div class="nav"><ul>{NAV}</ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="#">政府信息公开</a> &gt; <a href="#">政府信息公开年报</a></div>
<div class="main">
<div class="article">
<h1 class="title">测试县市场监督管理局2023年政府信息公开工作年度报告</h1>
<div class="info">发布日期：2024-01-25　来源：测试县市场监督管理局　字号：【大 中 小】　【打印】【关闭】</div>
<div id="zoom">
{paragraphs("本报告依据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限为2023年1月1日至2023年12月31日。")}
{heading("一、总体情况")}
{paragraphs("2023年，我局认真贯彻落实《条例》，持续推进政府信息公开工作。", "（一）主动公开情况。全年主动公开政府信息256条。", "（二）依申请公开情况。全年收到政府信息公开申请18件，均按期答复。")}
{heading("二、主动公开政府信息情况")}
{active}
{heading("三、收到和处理政府信息公开申请情况")}
{applications(app, APP_ROWS_2021)}
{heading("四、政府信息公开行政复议、行政诉讼情况")}
{review(["1", "0", "0", "1", "2", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0"])}
{heading("五、存在的主要问题及改进情况")}
{paragraphs("一是公开内容不够全面；二是解读形式较为单一。", "下一步，我局将进一步完善公开目录，丰富解读形式。")}
{heading("六、其他需要报告的事项")}
{paragraphs("本年度未收取信息处理费。")}
<p style="text-align:right"><span>测试县市场监督管理局</span></p>
<p style="text-align:right"><span>2024年1月25日</span></p>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
</div>
<div class="footer"><p>主办单位：测试县人民政府办公室　版权所有　网站标识码：1234567890</p><p>测ICP备12345678号　测公网安备 00000000000000号</p></div>
</body>
</html>
"""


# ---------------------------------------------------------------- 2. chrome, layout tables
def chrome_page() -> str:
    zeros = ["0"] * 7
    app = [zeros[:] for _ in APP_ROWS_2021]
    app[0] = ["3", "0", "0", "0", "0", "0", "3"]
    app[2] = ["2", "0", "0", "0", "0", "0", "2"]
    app[12] = ["1", "0", "0", "0", "0", "0", "1"]
    app[23] = ["3", "0", "0", "0", "0", "0", "3"]
    active = active_2021(
        {
            "regulations": ["0", "0", "0"],
            "normative": ["1", "0", "9"],
            "licensing": ["0"],
            "penalty": ["0"],
            "compulsion": ["0"],
            "fees": ["0"],
        }
    )
    sidebar = "".join(
        f'<tr><td><a href="/art/{i}.html">相关链接{i}：首页专题{i}</a></td></tr>' for i in range(12)
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>示例区人民政府办公室2022年政府信息公开工作年度报告-示例区人民政府门户网站</title>
<style>.nav li {{ float: left; }}</style>
</head>
<body>
<table width="100%" class="layout-top"><tr><td><a href="/">首页</a></td><td><a href="#">网站地图</a></td><td><a href="#">联系我们</a></td><td><a href="#">无障碍浏览</a></td></tr></table>
<nav class="menu"><ul>{NAV}</ul></nav>
<table width="1000" align="center" class="layout"><tr>
<td width="200" valign="top" class="sidebar"><table class="side-links">{sidebar}</table></td>
<td width="800" valign="top">
<div class="breadcrumb">您的位置：<a href="/">首页</a> &gt; <a href="#">信息公开</a> &gt; 年报</div>
<table width="100%"><tr><td class="title" align="center"><font size="5"><b>示例区人民政府办公室2022年政府信息公开工作年度报告</b></font></td></tr>
<tr><td class="infobar">时间：2023-01-30　浏览次数：1024　<a href="javascript:window.print()">打印本页</a>　<a href="javascript:window.close()">关闭窗口</a></td></tr></table>
<table width="100%"><tr><td>
<div class="TRS_Editor">
<div class="Custom_UnionStyle">
{paragraphs("根据《中华人民共和国政府信息公开条例》规定，现公布本机关2022年度政府信息公开工作年度报告。")}
<p><b>一、总体情况</b></p>
{paragraphs("（一）主动公开情况", "本年度通过门户网站主动公开信息312条。", "（二）依申请公开情况", "本年度收到申请3件。")}
<p><b>二、主动公开政府信息情况</b></p>
{active}
<p><b>三、收到和处理政府信息公开申请情况</b></p>
{applications(app, APP_ROWS_2021, f1_header=True)}
<p><b>四、政府信息公开行政复议、行政诉讼情况</b></p>
{review(["0"] * 15)}
<p><b>五、存在的主要问题及改进情况</b></p>
{paragraphs("主要问题是公开的及时性有待提高。改进措施是建立周调度机制。")}
<p><b>六、其他需要报告的事项</b></p>
{paragraphs("无。")}
<p align="right">示例区人民政府办公室</p>
<p align="right">2023年1月30日</p>
</div>
</div>
</td></tr></table>
<div class="bdshare"><a href="#">分享到微信</a><a href="#">分享到微博</a></div>
</td></tr></table>
<div id="footer"><p>版权所有：示例区人民政府　<a href="#">网站地图</a>　ICP备案号：示ICP备00000000号</p></div>
<script>document.title = "首页";</script>
</body>
</html>
"""


# ---------------------------------------------------------------- 3. 2019 edition, irregular
def shanghai_style_page() -> str:
    e = ""
    app = [
        ["120", "8", e, e, "1", "2", "131"],
        ["5", e, e, e, e, e, "5"],
        ["40", "3", e, e, "1", e, e],
        ["6", e, e, e, e, e, e],
        [e] * 7,
        [e] * 7,
        [e] * 7,
        ["2", e, e, e, e, e, e],
        [e] * 7,
        ["3", e, e, e, e, e, e],
        [e] * 7,
        [e] * 7,
        ["30", "2", e, e, e, e, e],
        ["4", e, e, e, e, e, e],
        [e] * 7,
        ["12", e, e, e, e, e, e],
        ["6", e, e, e, e, e, e],
        [e] * 7,
        [e] * 7,
        [e] * 7,
        ["9", "1", e, e, e, "1", e],
        ["112", "6", e, e, "1", "1", "120"],
        ["13", "2", e, e, e, "1", "16"],
    ]
    active = active_2019_shanghai(
        {
            "regulations": ["1", "1", "25"],
            "normative": ["6", "6", "80"],
            "licensing": ["45", "+2", "1200"],
            "other_services": ["12", "-1", "300"],
            "penalty": ["20", "0", "85"],
            "compulsion": ["5", "0", "3"],
            "fees": ["3", "-1"],
            "procurement": ["3", "251000元"],
        }
    )
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>2019年示例市人民政府办公厅政府信息公开工作年度报告</title>
</head>
<body>
<div class="header"><a href="/">首页</a> <a href="#">政务公开</a> <a href="#">English</a></div>
<div id="ivs_content" class="Article_content">
<p style="text-align:center"><strong>2019年示例市人民政府办公厅政府信息公开工作年度报告</strong></p>
{paragraphs("本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。")}
{heading("一、总体情况")}
{paragraphs("（一）主动公开方面。全年主动公开政府信息1520条。", "（二）依申请公开方面。全年新收申请131件。")}
{heading("二、主动公开政府信息情况")}
{active}
{heading("三、收到和处理政府信息公开申请情况")}
{applications(app, APP_ROWS_2019)}
{heading("四、政府信息公开行政复议、行政诉讼情况")}
{review(["2", e, e, "1", "3", "1", e, e, e, "1", e, e, e, e, e])}
{heading("五、政府信息公开工作存在的主要问题及改进情况")}
{paragraphs("公开工作仍存在不足，下一步将加以改进。")}
{heading("六、其他需要报告的事项")}
{paragraphs("无其他需要报告的事项。")}
<p style="text-align:right">示例市人民政府办公厅</p>
<p style="text-align:right">2020年1月31日</p>
</div>
<div class="footer">版权所有 示例市人民政府</div>
</body>
</html>
"""


# ---------------------------------------------------------------- 4. 2019 section 二 in 2023
def mixed_page() -> str:
    zeros = ["0"] * 7
    app = [zeros[:] for _ in APP_ROWS_2021]
    app[0] = ["4", "1", "0", "0", "0", "0", "5"]
    app[2] = ["3", "1", "0", "0", "0", "0", "4"]
    app[12] = ["1", "0", "0", "0", "0", "0", "1"]
    app[23] = ["4", "1", "0", "0", "0", "0", "5"]
    active = active_2019_plain(
        {
            "regulations": ["0", "0", "0"],
            "normative": ["3", "3", "17"],
            "licensing": ["28", "1", "640"],
            "other_services": ["6", "0", "52"],
            "penalty": ["14", "0", "37"],
            "compulsion": ["2", "0", "1"],
            "fees": ["1", "0"],
            "procurement": ["2", "36.5"],
        }
    )
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<title>示例县农业农村局2023年政府信息公开工作年度报告</title>
</head>
<body>
<div class="content">
<h2>示例县农业农村局2023年政府信息公开工作年度报告</h2>
<div class="Custom_UnionStyle">
{paragraphs("本报告所列数据的统计期限为2023年1月1日至2023年12月31日。")}
{heading("一、总体情况")}
{paragraphs("2023年，我局扎实做好政府信息公开工作。")}
{heading("二、主动公开政府信息情况")}
{active}
{heading("三、收到和处理政府信息公开申请情况")}
{applications(app, APP_ROWS_2021)}
{heading("四、政府信息公开行政复议、行政诉讼情况")}
{review(["0"] * 15)}
{heading("五、存在的主要问题及改进情况")}
{paragraphs("信息公开的规范性有待加强。")}
{heading("六、其他需要报告的事项")}
{paragraphs("本年度未收取信息处理费。")}
<p style="text-align:right">示例县农业农村局</p>
<p style="text-align:right">2024年1月22日</p>
</div>
</div>
</body>
</html>
"""


# ---------------------------------------------------------------- 5. Word "Save as Web Page"
W_TD = (
    "border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt"
)
W_TD_NEXT = (
    "border:solid windowtext 1.0pt;border-left:none;mso-border-left-alt:solid windowtext .5pt;"
    "mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt"
)
W_EN = 'font-size:10.5pt;font-family:"Times New Roman",serif;mso-fareast-font-family:宋体'
W_CN = "font-size:10.5pt;font-family:宋体;mso-bidi-font-family:宋体;mso-font-kerning:0pt"
W_BODY = 'font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:"Times New Roman"'


def w_runs(text: str) -> str:
    """Word runs of a cell: a figure in ``lang=EN-US`` runs, one of two digits or more
    split after its first digit ("1" "2" → 12), as Word splits a run that was edited."""
    if not text:
        return f"<span lang=EN-US style='{W_EN}'><o:p>&nbsp;</o:p></span>"
    if text.isdigit() and len(text) > 1:
        return (
            f"<span lang=EN-US style='{W_EN}'>{text[0]}</span><span\r\n"
            f"lang=EN-US style='{W_EN}'>{text[1:]}<o:p></o:p></span>"
        )
    if text.replace(".", "").isdigit():
        return f"<span lang=EN-US style='{W_EN}'>{text}<o:p></o:p></span>"
    return f"<span style='{W_CN}'>{text}<span lang=EN-US><o:p></o:p></span></span>"


def w_cell(text: str, *, span: str = "", first: bool = False, width: int = 57) -> str:
    style = W_TD if first else W_TD_NEXT
    return (
        f"<td width={width}{span} valign=top style='width:{width * 0.75:.1f}pt;{style}'>\r\n"
        f"<p class=MsoNormal align=center style='text-align:center'>{w_runs(text)}</p>\r\n</td>"
    )


def w_row(i: int, *cells: str) -> str:
    first = ";mso-yfti-firstrow:yes" if i == 0 else ""
    return (
        f"<tr style='mso-yfti-irow:{i}{first};height:19.85pt'>\r\n"
        + "\r\n".join(cells)
        + "\r\n</tr>\r\n"
    )


def w_table(rows: list[str], width: int) -> str:
    hidden = "".join("<td width=57 style='border:none'></td>" for _ in range(width))
    return (
        "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 width=604\r\n"
        " style='width:453.0pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;\r\n"
        " mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\r\n"
        + "".join(rows)
        + f"<![if !supportMisalignedColumns]>\r\n<tr height=0>\r\n{hidden}\r\n</tr>\r\n<![endif]>\r\n"
        "</table>\r\n"
    )


def w_para(text: str, *, align: str = "", bold: bool = False) -> str:
    """A body paragraph, its figures in runs of their own ("2" "56" for 256)."""
    runs = []
    for piece in re.split(r"(\d+)", text):
        if not piece:
            continue
        if piece.isdigit():
            runs += [
                f"<span lang=EN-US style='{W_BODY}'>{d}</span>"
                for d in ([piece[0], piece[1:]] if len(piece) > 1 else [piece])
            ]
        else:
            runs.append(f"<span style='{W_BODY}'>{piece}</span>")
    inner = "".join(runs)
    if bold:
        inner = f"<b>{inner}</b>"
    style = f"text-align:{align}" if align else "text-indent:32.0pt;mso-char-indent-count:2.0"
    attrs = f" align={align}" if align else ""
    return f"<p class=MsoNormal{attrs} style='{style};line-height:28.0pt;mso-line-height-rule:exactly'>{inner}<span lang=EN-US style='{W_BODY}'><o:p></o:p></span></p>\r\n"


def w_heading(number: str, words: str, lfo: int) -> str:
    """A section heading numbered by a Word list: the number is text in a
    ``mso-list:Ignore`` span inside a downlevel-revealed conditional comment."""
    return (
        "<p class=MsoListParagraph style='margin-left:0cm;text-indent:32.0pt;mso-char-indent-count:2.0;\r\n"
        f"mso-list:l0 level1 lfo{lfo}'><![if !supportLists]><span style='font-size:16.0pt;\r\n"
        f"font-family:黑体;mso-list:Ignore'>{number}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;\r\n"
        f"</span></span><![endif]><span style='font-size:16.0pt;font-family:黑体'>{words}<span\r\n"
        "lang=EN-US><o:p></o:p></span></span></p>\r\n"
    )


W_EMPTY = "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\r\n"
W_PAGE_BREAK = (
    '<span lang=EN-US style=\'font-size:10.5pt;font-family:"Times New Roman",serif;\r\n'
    "mso-fareast-font-family:宋体;mso-font-kerning:1.0pt;mso-ansi-language:EN-US;mso-fareast-language:\r\n"
    "ZH-CN;mso-bidi-language:AR-SA'><br clear=all style='page-break-before:always'>\r\n</span>\r\n"
)
W_SECTION_BREAK = W_PAGE_BREAK.replace(
    "page-break-before:always", "page-break-before:always;\r\nmso-break-type:section-break"
)


def w_applications(
    figures: list[list[str]],
    rows: list[tuple[str, str | None, str | None]],
    *,
    cut: int,
    repeat: bool,
) -> str:
    """Section 三 as Word writes it, broken after ``cut`` rows of figures into a second
    table after a page break (its three header rows repeated when ``repeat``); the
    merged labels the break cuts end with the first table, and the second one starts
    with empty cells that continue them."""
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    head = [
        [
            w_cell(note, span=" colspan=3 rowspan=3", first=True, width=171),
            w_cell("申请人情况", span=" colspan=7", width=399),
        ],
        [
            w_cell("自然人", span=" rowspan=2"),
            w_cell("法人或其他组织", span=" colspan=5", width=285),
            w_cell("总计", span=" rowspan=2"),
        ],
        [w_cell(x) for x in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]],
    ]
    parts: list[list[list[str]]] = [[*head], [*head] if repeat else []]
    for i, (label, group, subgroup) in enumerate(rows):
        part = 0 if i < cut else 1
        labels = []
        if group is None:
            labels.append(w_cell(label, span=" colspan=3", first=True, width=171))
        else:
            starts = i == 0 or rows[i - 1][1] != group or i == cut
            if starts:
                n = sum(
                    1
                    for j, r in enumerate(rows)
                    if r[1] == group and (j < cut) == (i < cut) and j >= i
                )
                labels.append(w_cell(group if i != cut else "", span=f" rowspan={n}", first=True))
            if subgroup is None:
                labels.append(w_cell(label, span=" colspan=2", width=114))
            else:
                if rows[i - 1][2] != subgroup or i == cut:
                    n = sum(
                        1
                        for j, r in enumerate(rows)
                        if r[2] == subgroup and (j < cut) == (i < cut) and j >= i
                    )
                    labels.append(w_cell(subgroup if i != cut else "", span=f" rowspan={n}"))
                labels.append(w_cell(label))
        parts[part].append([*labels, *(w_cell(v) for v in figures[i])])
    first = w_table([w_row(i, *r) for i, r in enumerate(parts[0])], 10)
    second = w_table([w_row(i, *r) for i, r in enumerate(parts[1])], 10)
    return first + W_PAGE_BREAK + W_EMPTY + second


def w_review(figures: list[str]) -> str:
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [
        [
            w_cell("行政复议", span=" colspan=5", first=True, width=285),
            w_cell("行政诉讼", span=" colspan=10", width=570),
        ],
        [
            *(w_cell(x, span=" rowspan=2", first=not i) for i, x in enumerate(outcomes)),
            w_cell("未经复议直接起诉", span=" colspan=5", width=285),
            w_cell("复议后起诉", span=" colspan=5", width=285),
        ],
        [w_cell(x, first=not i) for i, x in enumerate(outcomes * 2)],
        [w_cell(v, first=not i) for i, v in enumerate(figures)],
    ]
    return w_table([w_row(i, *r) for i, r in enumerate(rows)], 15)


def w_active(figs: dict[str, list[str]]) -> str:
    rows = []
    for caption, columns, labelled in ACTIVE_BLOCKS_2021:
        rows.append([w_cell(caption, span=" colspan=4", first=True, width=604)])
        if len(columns) == 3:
            rows.append([w_cell("信息内容", first=True), *(w_cell(c) for c in columns)])
        else:
            rows.append(
                [w_cell("信息内容", first=True), w_cell(columns[0], span=" colspan=3", width=171)]
            )
        for label, key in labelled:
            values = figs[key]
            if len(values) == 3:
                rows.append([w_cell(label, first=True), *(w_cell(v) for v in values)])
            else:
                rows.append(
                    [w_cell(label, first=True), w_cell(values[0], span=" colspan=3", width=171)]
                )
    return w_table([w_row(i, *r) for i, r in enumerate(rows)], 4)


W_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List href="附件.files/filelist.xml">
<title>附件</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>admin</o:Author>
  <o:LastAuthor>admin</o:LastAuthor>
  <o:Revision>3</o:Revision>
  <o:Pages>6</o:Pages>
  <o:Words>1820</o:Words>
  <o:Characters>10374</o:Characters>
  <o:Version>16.00</o:Version>
 </o:DocumentProperties>
</xml><![endif]-->
<!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:SpellingState>Clean</w:SpellingState>
  <w:GrammarState>Clean</w:GrammarState>
  <w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing>
  <w:DisplayHorizontalDrawingGridEvery>0</w:DisplayHorizontalDrawingGridEvery>
  <w:DisplayVerticalDrawingGridEvery>2</w:DisplayVerticalDrawingGridEvery>
  <w:ValidateAgainstSchemas/>
  <w:Compatibility>
   <w:SpaceForUL/>
   <w:UseFELayout/>
  </w:Compatibility>
 </w:WordDocument>
</xml><![endif]--><!--[if gte mso 9]><xml>
 <w:LatentStyles DefLockedState="false" DefUnhideWhenUsed="false" LatentStyleCount="376">
  <w:LsdException Locked="false" Priority="0" QFormat="true" Name="Normal"/>
 </w:LatentStyles>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:宋体;
	panose-1:2 1 6 0 3 1 1 1 1 1;}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0cm;
	text-align:justify;
	font-size:10.5pt;
	font-family:等线;}
@page WordSection1
	{size:595.3pt 841.9pt;
	margin:72.0pt 90.0pt 72.0pt 90.0pt;}
div.WordSection1
	{page:WordSection1;}
@page WordSection2
	{size:841.9pt 595.3pt;
	mso-page-orientation:landscape;}
div.WordSection2
	{page:WordSection2;}
-->
</style>
<!--[if gte mso 10]>
<style>
 table.MsoNormalTable
	{mso-style-name:普通表格;}
</style>
<![endif]--><!--[if gte mso 9]><xml>
 <o:shapedefaults v:ext="edit" spidmax="1026"/>
</xml><![endif]-->
</head>
"""


def word_page() -> str:
    """A county bureau's report saved by Word as a web page (GB2312 declared over GBK
    bytes, CRLF lines), section 三 on a landscape page of its own and broken over two
    pages into a second table that repeats the header."""
    zeros = ["0"] * 7
    app = [zeros[:] for _ in APP_ROWS_2021]
    app[0] = ["38", "6", "0", "0", "2", "1", "47"]  # new_received
    app[1] = ["2", "1", "0", "0", "0", "0", "3"]  # carried_over
    app[2] = ["16", "3", "0", "0", "1", "0", "20"]  # granted
    app[3] = ["5", "1", "0", "0", "0", "0", "6"]  # partially_granted
    app[7] = ["2", "0", "0", "0", "0", "0", "2"]  # third_party_rights
    app[12] = ["10", "2", "0", "0", "1", "1", "14"]  # not_held
    app[13] = ["1", "0", "0", "0", "0", "0", "1"]  # needs_creation
    app[16] = ["3", "0", "0", "0", "0", "0", "3"]  # duplicate
    app[22] = ["1", "0", "0", "0", "0", "0", "1"]  # other.other
    app[23] = ["38", "6", "0", "0", "2", "1", "47"]  # total
    app[24] = ["2", "1", "0", "0", "0", "0", "3"]  # carried_forward
    active = w_active(
        {
            "regulations": ["0", "0", "0"],
            "normative": ["4", "2", "37"],
            "licensing": ["1265"],
            "penalty": ["93"],
            "compulsion": ["12"],
            "fees": ["8.4"],
        }
    )
    body = "".join(
        [
            "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\r\n\r\n",
            "<div class=WordSection1 style='layout-grid:15.6pt'>\r\n\r\n",
            "<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt'><b><span\r\n"
            "style='font-size:22.0pt;font-family:方正小标宋简体'>样例县住房和城乡建设局<span lang=EN-US>2</span><span\r\n"
            "lang=EN-US>024</span>年政府信息公开工作年度报告</span></b><b><span lang=EN-US\r\n"
            "style='font-size:22.0pt'><o:p></o:p></span></b></p>\r\n",
            W_EMPTY,
            w_para(
                "本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
            ),
            w_heading("一、", "总体情况", 1),
            w_para("2024年，我局持续深化政务公开，全年通过门户网站主动公开政府信息418条。"),
            w_para("全年新收政府信息公开申请47件，上年结转3件，均已按期办结或依法结转。"),
            w_heading("二、", "主动公开政府信息情况", 1),
            active,
            W_SECTION_BREAK,
            "</div>\r\n\r\n<div class=WordSection2 style='layout-grid:15.6pt'>\r\n\r\n",
            w_heading("三、", "收到和处理政府信息公开申请情况", 1),
            w_applications(app, APP_ROWS_2021, cut=12, repeat=True),
            W_EMPTY,
            W_SECTION_BREAK,
            "</div>\r\n\r\n<div class=WordSection3 style='layout-grid:15.6pt'>\r\n\r\n",
            w_heading("四、", "政府信息公开行政复议、行政诉讼情况", 1),
            w_review(["1", "1", "0", "0", "2", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0"]),
            w_heading("五、", "存在的主要问题及改进情况", 1),
            w_para("一是公开内容的及时性有待提高；二是政策解读的形式较为单一。"),
            w_para("下一步，我局将健全发布审核机制，丰富解读形式。"),
            w_heading("六、", "其他需要报告的事项", 1),
            w_para("本年度未收取信息处理费。"),
            W_EMPTY,
            w_para("样例县住房和城乡建设局", align="right"),
            w_para("2025年1月20日", align="right"),
            "\r\n</div>\r\n\r\n</body>\r\n\r\n</html>\r\n",
        ]
    )
    return W_HEAD.replace("\n", "\r\n") + body


# ---------------------------------------------------------------- 6. Word pasted into UEditor
def pasted_page() -> str:
    """A district office's report pasted from Word into a CMS's UEditor: the editor
    dropped the conditional comments and left Word's ``<xml>`` settings in the body,
    put ``<p><br/></p>`` between paragraphs and ``data-`` attributes on the tables,
    headings in ``<strong>``; section 三 broken over a page without its header
    repeated; a footnote reference beside a figure. UTF-8 with a BOM under a
    ``gb2312`` declaration."""
    zeros = ["0"] * 7
    app = [zeros[:] for _ in APP_ROWS_2021]
    app[0] = ["112", "9", "1", "0", "3", "2", "127"]  # new_received
    app[1] = ["6", "0", "0", "0", "0", "0", "6"]  # carried_over
    app[2] = ["41", "4", "1", "0", "1", "0", "47"]  # granted
    app[3] = ["18", "2", "0", "0", "0", "1", "21"]  # partially_granted
    app[4] = ["1", "0", "0", "0", "0", "0", "1"]  # state_secret
    app[9] = ["3", "0", "0", "0", "0", "0", "3"]  # process_information
    app[12] = ["29", "2", "0", "0", "2", "1", "34"]  # not_held
    app[14] = ["2", "0", "0", "0", "0", "0", "2"]  # unclear_after_amendment
    app[15] = ["7", "0", "0", "0", "0", "0", "7"]  # petition_complaint
    app[16] = ["4", "1", "0", "0", "0", "0", "5"]  # duplicate
    app[20] = ["2", "0", "0", "0", "0", "0", "2"]  # no_amendment
    app[23] = ["107", "9", "1", "0", "3", "2", "122"]  # total
    app[24] = ["11", "0", "0", "0", "0", "0", "11"]  # carried_forward
    active = w_active(
        {
            "regulations": ["0", "0", "0"],
            "normative": ["9", "5", "64"],
            "licensing": ["23817"],
            "penalty": ["406"],
            "compulsion": ["31"],
            "fees": ["126.75"],
        }
    )
    settings = (
        "<xml><w:WordDocument><w:View>Normal</w:View><w:Zoom>0</w:Zoom>"
        "<w:PunctuationKerning/><w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing>"
        "<w:DisplayHorizontalDrawingGridEvery>0</w:DisplayHorizontalDrawingGridEvery>"
        "<w:DisplayVerticalDrawingGridEvery>2</w:DisplayVerticalDrawingGridEvery>"
        "<w:SaveIfXMLInvalid>false</w:SaveIfXMLInvalid><w:IgnoreMixedContent>false</w:IgnoreMixedContent>"
        "<w:LidThemeOther>EN-US</w:LidThemeOther><w:LidThemeAsian>ZH-CN</w:LidThemeAsian>"
        "<w:LidThemeComplexScript>X-NONE</w:LidThemeComplexScript></w:WordDocument></xml>"
        '<xml><w:LatentStyles DefLockedState="false" LatentStyleCount="260"></w:LatentStyles></xml>'
    )
    footnote = (
        '<a style="mso-footnote-id:ftn1" href="#_ftn1" name="_ftnref1" title="">'
        '<span class="MsoFootnoteReference"><span lang="EN-US">'
        '<span class="MsoFootnoteReference" style="font-size:10.5pt">[1]</span></span></span></a>'
    )
    table = w_applications(app, APP_ROWS_2021, cut=15, repeat=False)
    # the footnote beside the total of the total row
    at = table.index("（七）总计")
    total = table.index(">1</span>", at)  # 122: "1" "22"
    total = table.index("22<o:p></o:p></span>", total) + 2
    table = table[:total] + footnote + table[total:]
    body = "\n".join(
        [
            settings,
            "<p><br/></p>",
            w_para(
                "本报告由样例区人民政府办公室根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为2023年1月1日至2023年12月31日。"
            ),
            "<p><br/></p>",
            w_para("一、总体情况", bold=True)
            .replace("<b>", "<strong>")
            .replace("</b>", "</strong>"),
            w_para("全年主动公开政府信息2361条，新收政府信息公开申请127件。"),
            "<p><br/></p>",
            w_para("二、主动公开政府信息情况", bold=True)
            .replace("<b>", "<strong>")
            .replace("</b>", "</strong>"),
            active.replace(
                "<table class=MsoTableGrid", '<table data-sort="sortDisabled" class=MsoTableGrid'
            ),
            "<p><br/></p>",
            w_para("三、收到和处理政府信息公开申请情况", bold=True)
            .replace("<b>", "<strong>")
            .replace("</b>", "</strong>"),
            table.replace(
                "<table class=MsoTableGrid", '<table data-sort="sortDisabled" class=MsoTableGrid'
            ),
            "<p><br/></p>",
            w_para("四、政府信息公开行政复议、行政诉讼情况", bold=True)
            .replace("<b>", "<strong>")
            .replace("</b>", "</strong>"),
            w_review(["2", "1", "0", "1", "4", "1", "0", "0", "0", "1", "0", "0", "0", "1", "1"]),
            "<p><br/></p>",
            w_para("五、存在的主要问题及改进情况", bold=True)
            .replace("<b>", "<strong>")
            .replace("</b>", "</strong>"),
            w_para("主动公开的深度和广度仍需拓展。下一步将细化公开目录。"),
            "<p><br/></p>",
            w_para("六、其他需要报告的事项", bold=True)
            .replace("<b>", "<strong>")
            .replace("</b>", "</strong>"),
            w_para("本年度未收取信息处理费。"),
            "<p><br/></p>",
            w_para("样例区人民政府办公室", align="right"),
            w_para("2024年1月29日", align="right"),
            '<div style="mso-element:footnote-list"><hr align=left size=1 width="33%">'
            '<div style="mso-element:footnote" id=ftn1><p class=MsoFootnoteText>'
            '<a style="mso-footnote-id:ftn1" href="#_ftnref1" name="_ftn1" title="">'
            "<span class=MsoFootnoteReference>[1]</span></a> 含通过信函提交的申请。</p></div></div>",
        ]
    )
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>样例区人民政府办公室2023年政府信息公开工作年度报告_样例区人民政府</title>
</head>
<body>
<div class="top"><a href="/">首页</a> | <a href="#">无障碍</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="#">政府信息公开</a> &gt; 年报</div>
<div class="article">
<h1 class="title">样例区人民政府办公室2023年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2024-01-29　字号：【大 中 小】　【打印】</div>
<div class="TRS_Editor"><div class="view TRS_UEDITOR trs_paper_default trs_word">
{body}
</div></div>
</div>
<div class="footer">主办单位：样例区人民政府办公室　版权所有</div>
</body>
</html>
"""


def main() -> None:
    (HERE / "cms-gbk-2023.html").write_bytes(gbk_page().encode("gbk"))
    (HERE / "cms-chrome-2022.html").write_text(chrome_page(), encoding="utf-8")
    (HERE / "cms-irregular-2019.html").write_text(shanghai_style_page(), encoding="utf-8")
    (HERE / "cms-mixed-2023.html").write_text(mixed_page(), encoding="utf-8")
    (HERE / "word-gbk-2024.html").write_bytes(word_page().encode("gbk"))
    (HERE / "editor-word-2023.html").write_bytes(b"\xef\xbb\xbf" + pasted_page().encode("utf-8"))


if __name__ == "__main__":
    main()
