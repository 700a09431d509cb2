"""Inputs and measured operations of the benchmark suite.

Everything here is deterministic: generated reports come from :func:`generated_report`
with a fixed seed, and the CMS page around them from :func:`cms_page`. The floors and
alternatives (raw lxml grids, ``pandas.read_html``, a pydantic v2 model, ``orjson``)
work on exactly the same inputs as the library functions they are compared with.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import govdisclosure as gd

ROOT = Path(__file__).resolve().parent.parent


def _tests_module(name: str) -> Any:
    """A helper module of ``tests/``, loaded from its file (``tests/`` is not put on the
    path: its ``corpus`` module would shadow ours)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


editor_markup: Callable[[str], str] = _tests_module("editor_markup").editor_markup
REAL = ROOT / "tests" / "data" / "real"
SEED_TEXT = REAL / "xunzhen-2024.txt"
PDF_NAMES = ("hongze-2023", "hongze-2024", "huaian-2024")

APPLICANTS = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_service",
    "other_org",
)
OUTCOMES_2021 = (
    "granted",
    "partially_granted",
    "denied.state_secret",
    "denied.prohibited_by_law",
    "denied.security_stability",
    "denied.third_party_rights",
    "denied.internal_affairs",
    "denied.process_information",
    "denied.enforcement_case_file",
    "denied.administrative_query",
    "unavailable.not_held",
    "unavailable.needs_creation",
    "unavailable.unclear_after_amendment",
    "not_handled.petition_complaint",
    "not_handled.duplicate",
    "not_handled.publication",
    "not_handled.excessive",
    "not_handled.confirmation",
    "other.no_amendment",
    "other.unpaid_fee",
    "other.other",
)

# ---------------------------------------------------------------- generated reports

_PHRASES = (
    "坚持以习近平新时代中国特色社会主义思想为指导",
    "全面贯彻落实《中华人民共和国政府信息公开条例》",
    "围绕中心工作和群众关切",
    "不断提升政务公开质量和实效",
    "依法依规做好依申请公开工作",
    "进一步规范办理流程，严格落实答复时限",
    "加强政府网站和政务新媒体建设管理",
    "及时发布政策文件、财政预决算、重大项目等信息",
    "强化政策解读和回应关切",
    "组织开展政务公开业务培训",
    "完善信息发布审核机制",
    "推进基层政务公开标准化规范化",
    "全年通过门户网站主动公开政府信息",
    "做好公众参与和舆情回应",
    "持续优化政务服务事项办事指南",
)


def _paragraph(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        parts = rng.sample(_PHRASES, 3)
        out.append("，".join(parts) + f"，累计{rng.randint(10, 9999)}条。")
    return "".join(out)


def _narrative(rng: random.Random, paragraphs: int, heads: tuple[str, ...] = ()) -> str:
    lines = []
    for i in range(paragraphs):
        if (
            heads
            and i % max(1, paragraphs // len(heads)) == 0
            and i // max(1, paragraphs // len(heads)) < len(heads)
        ):
            lines.append(heads[i // max(1, paragraphs // len(heads))])
        lines.append(_paragraph(rng, rng.randint(2, 4)))
    return "\n".join(lines)


def _stated_figures(
    applications: dict[str, dict[str, int]],
    review: dict[str, dict[str, int]],
    active: dict[str, Any],
) -> str:
    """Sentences restating figures of the tables, as section 一 of a real report does."""

    def total(row: str) -> int:
        return sum(applications[row].values())

    answered = sum(total(r) for r in OUTCOMES_2021)
    r = review["review"]
    litigation = sum(
        sum(review[g].values()) for g in ("litigation_direct", "litigation_after_review")
    )
    licensing = active["art20_5"]["licensing"]["decisions"]
    return (
        f"全年共受理政府信息公开申请{total('new_received')}件，答复{answered}件（含上年度结转申请"
        f"{total('carried_over')}件，另有{total('carried_forward')}件顺延到下年度答复），"
        f"其中予以公开{total('granted')}件，部分公开{total('partially_granted')}件。"
        f"政府信息公开行政复议{sum(r.values())}件，其中结果维持{r['upheld']}件，结果纠正"
        f"{r['corrected']}件，其他结果{r['other']}件，尚未审结{r['pending']}件；行政诉讼"
        f"{litigation}件。全年作出行政许可决定{licensing}件。"
    )


def generated_report(seed: int, *, paragraphs: int = 66) -> gd.Report:
    """A valid 2021-format report of realistic size: figures and narrative from ``seed``.

    Section 三 balances column by column (new + carried over = outcomes + carried
    forward); every total is derived. ``paragraphs`` sets the narrative's length (the
    default makes a CMS page of about 60 KB with :func:`cms_page`).
    """
    rng = random.Random(seed)
    year = 2021 + seed % 4
    scale = {"natural_person": 300, "commercial": 30, "research": 3, "public_interest": 3}
    applications: dict[str, dict[str, int]] = {}
    for column in APPLICANTS:
        top = scale.get(column, 8)
        outcomes = {row: rng.randint(0, top) if rng.random() < 0.45 else 0 for row in OUTCOMES_2021}
        forward = rng.randint(0, max(1, top // 10))
        carried = rng.randint(0, max(1, top // 10))
        new = sum(outcomes.values()) + forward - carried
        if new < 0:
            carried, new = carried + new, 0
        for row, value in outcomes.items():
            applications.setdefault(row, {})[column] = value
        applications.setdefault("new_received", {})[column] = new
        applications.setdefault("carried_over", {})[column] = carried
        applications.setdefault("carried_forward", {})[column] = forward
    review = {
        group: {o: rng.randint(0, 12) for o in ("upheld", "corrected", "other", "pending")}
        for group in ("review", "litigation_direct", "litigation_after_review")
    }
    active: dict[str, Any] = {
        "art20_1": {
            "regulations": {
                "issued": rng.randint(0, 3),
                "repealed": rng.randint(0, 2),
                "in_force": rng.randint(0, 40),
            },
            "normative_documents": {
                "issued": rng.randint(0, 30),
                "repealed": rng.randint(0, 10),
                "in_force": rng.randint(0, 300),
            },
        },
        "art20_5": {"licensing": {"decisions": rng.randint(0, 90000)}},
        "art20_6": {
            "penalty": {"decisions": rng.randint(0, 9000)},
            "compulsion": {"decisions": rng.randint(0, 900)},
        },
        "art20_8": {"admin_fees": {"amount": Decimal(rng.randint(0, 99999)) / 100}},
    }
    n = len(_PHRASES)
    overview = _narrative(
        rng,
        paragraphs // 2,
        (
            "（一）主动公开",
            "（二）依申请公开",
            "（三）政府信息管理",
            "（四）平台建设",
            "（五）监督保障",
        ),
    )
    # the figures that real reports restate in section 一 (淮安市 2024: "全市共受理政府
    # 信息公开申请3119件，答复3050件……"), which the narrative audit ties to the tables
    lines = overview.split("\n")
    k = lines.index("（二）依申请公开")
    lines.insert(k + 1, _stated_figures(applications, review, active))
    overview = "\n".join(lines)
    return gd.build_report(
        organ=f"某市第{seed % 97 + 1}区{('人民政府', '发展和改革局', '自然资源局', '生态环境局')[seed % 4]}",
        kind=("government", "department", "department", "department")[seed % 4],
        year=year,
        published=f"{year + 1}-01-{10 + seed % 18:02d}",
        overview=overview,
        active=active,
        applications=applications,
        review_litigation=review,
        problems=_narrative(rng, paragraphs // 3, ("（一）存在的问题", "（二）改进情况")),
        other=_narrative(rng, max(1, paragraphs // 6))
        + f"\n本年度未收取信息处理费。共{seed % n}项。",
    )


def _links(rng: random.Random, n: int, prefix: str) -> str:
    words = (
        "首页",
        "机构概况",
        "政策文件",
        "政策解读",
        "政务服务",
        "互动交流",
        "通知公告",
        "新闻动态",
        "部门动态",
        "专题专栏",
        "统计数据",
        "规划计划",
        "财政信息",
        "人事信息",
        "应急管理",
    )
    return "\n".join(
        f'<li><a href="/{prefix}/{i:03d}/index.html" target="_blank" title="{w}">{w}</a></li>'
        for i, w in ((i, rng.choice(words)) for i in range(n))
    )


def cms_page(report: gd.Report, seed: int = 0, *, markup: str = "render") -> str:
    """``render_html(report, standalone=False)`` inside a government CMS page's chrome.

    Header, 80 navigation links, breadcrumb, article metadata, sidebar, 60 footer links
    and scripts, about 60 KB of UTF-8 for a report of :func:`generated_report`'s default
    size. ``markup="editor"`` writes the report as a CMS editor's page instead (see
    :func:`editor_markup`): the same content, about 100 KB.
    """
    rng = random.Random(seed)
    body = gd.render_html(report, standalone=False)
    if markup == "editor":
        body = editor_markup(body)
    related = "\n".join(
        f'<li><span class="date">2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}</span><a href="/art/{rng.randint(10000, 99999)}.html">{_paragraph(rng, 1)[:24]}</a></li>'
        for _ in range(30)
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="SiteName" content="某市人民政府门户网站"><meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="{report.organ.name}{report.year}年政府信息公开工作年度报告">
<title>{report.organ.name}{report.year}年政府信息公开工作年度报告_政府信息公开年报_某市人民政府门户网站</title>
<link rel="stylesheet" href="/static/css/common.css"><link rel="stylesheet" href="/static/css/article.css">
<script src="/static/js/jquery.min.js"></script><script>var _hmt = _hmt || [];(function(){{var hm=document.createElement("script");hm.src="https://hm.example.invalid/hm.js";}})();</script>
<style>.nav li{{float:left}} .content p{{text-indent:2em;line-height:2}} table td{{border:1px solid #000}}</style>
</head><body>
<div class="top-bar"><div class="w1200"><span>欢迎访问某市人民政府门户网站</span><a href="/wza/">无障碍</a><a href="/en/">English</a><a href="/login">登录</a></div></div>
<div class="header"><div class="w1200"><a class="logo" href="/"><img src="/static/img/logo.png" alt="某市人民政府"></a>
<form class="search" action="/search"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form></div></div>
<div class="nav"><ul>
{_links(rng, 80, "col")}
</ul></div>
<div class="w1200 main"><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<div class="article"><div class="art-meta"><span>来源：{report.organ.name}</span><span>发布时间：{report.published}</span><span>浏览次数：{rng.randint(100, 9999)}</span><span>字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span></div>
<div class="content" id="zoom">
{body}
</div>
<div class="art-tools"><a href="javascript:window.print()">打印本页</a><a href="javascript:window.close()">关闭窗口</a></div></div>
<div class="sidebar"><h3>相关文章</h3><ul>
{related}
</ul></div></div>
<div class="footer"><div class="links"><ul>
{_links(rng, 60, "link")}
</ul></div><p>主办：某市人民政府办公室 承办：某市大数据中心</p><p>网站标识码：0000000000 备案号：某ICP备00000000号</p></div>
<script>$(function(){{$(".nav li").hover(function(){{$(this).addClass("on")}})}});</script>
</body></html>
"""


# ---------------------------------------------------------------- floors and alternatives


def _itertext(td: Any) -> str:
    return "".join(map(str, td.itertext()))


def _serialised(td: Any) -> str:
    from lxml import etree

    if not len(td):
        return td.text or ""  # type: ignore[no-any-return]
    return etree.tostring(td, method="text", encoding="unicode", with_tail=False)  # type: ignore[no-any-return]


def lxml_grids(page: str | bytes, *, tight: bool = False) -> list[list[list[str]]]:
    """The floor for ``parse_html``: every table's cell text and spans expanded to a dense grid.

    A cell's text is ``"".join(td.itertext())``, the usual idiom; ``tight``: its
    ``.text`` when it has no child, else lxml's text serialiser, about twice as fast
    (the same grids).
    """
    from lxml import html as lhtml

    text_of = _serialised if tight else _itertext
    root = lhtml.document_fromstring(page)
    grids = []
    for table in root.iter("table"):
        grid: list[list[str]] = []
        pending: dict[tuple[int, int], str] = {}
        for i, tr in enumerate(table.iter("tr")):
            row: list[str] = []
            j = 0
            for td in tr:
                if td.tag not in {"td", "th"}:
                    continue
                while (i, j) in pending:
                    row.append(pending.pop((i, j)))
                    j += 1
                text = " ".join(text_of(td).split())
                colspan = int(td.get("colspan", "1") or 1)
                rowspan = int(td.get("rowspan", "1") or 1)
                for dj in range(colspan):
                    row.append(text)
                    for di in range(1, rowspan):
                        pending[i + di, j + dj] = text
                j += colspan
            while (i, j) in pending:
                row.append(pending.pop((i, j)))
                j += 1
            grid.append(row)
        grids.append(grid)
    return grids


def plain_identities(report: gd.Report) -> list[tuple[str, int, int]]:
    """The floor for ``check``: section 三's identities in plain Python over the model's
    cells (25 row totals, 7 balances, 7 outcome totals), collecting the failures."""
    t = report.applications
    assert t is not None
    cells = t.cells
    out: list[tuple[str, int, int]] = []
    for i, row in enumerate(cells):
        parts = 0
        for v in row[:6]:
            if isinstance(v, int):
                parts += v
        if isinstance(row[6], int) and row[6] != parts:
            out.append(("row-total", i, 6))
    for j in range(7):
        column = [r[j] for r in cells]
        if all(isinstance(v, int) for v in column):
            ints = [v for v in column if isinstance(v, int)]
            if ints[0] + ints[1] != ints[-2] + ints[-1]:
                out.append(("balance", -1, j))
            if sum(ints[2:-2]) != ints[-2]:
                out.append(("outcome-total", -2, j))
    return out


_PROSE_CHECKS = frozenset({"required_topics", "narrative_figures"})


def check_without_prose(report: gd.Report) -> list[gd.Finding]:
    """``check`` without the checks that read the narrative (topics, stated figures):
    the checks of the tables, the structure and the dates, in registry order."""
    from govdisclosure.checks import CHECKS

    out = list(report.findings)
    for c in CHECKS:
        if c.name not in _PROSE_CHECKS:
            out.extend(c.func(report))
    return out


def pandas_tables(page: str) -> list[Any]:
    """What a researcher tries first: ``pandas.read_html`` (lxml flavour, raw strings)."""
    import pandas as pd

    return pd.read_html(io.StringIO(page), flavor="lxml", thousands=None)  # type: ignore[no-any-return]


def pydantic_model() -> Any:
    """A pydantic v2 model of the report's JSON (``to_json``'s structure), frozen like ours."""
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field

    frozen = ConfigDict(frozen=True, extra="forbid")

    class NA(BaseModel):
        model_config = frozen
        na: str

    class TextCell(BaseModel):
        model_config = frozen
        text: str

    cell = int | Decimal | NA | TextCell | None

    class Table(BaseModel):
        model_config = frozen
        id: str
        edition: Literal["2019", "2021"]
        cells: dict[str, dict[str, cell]]

    class Organ(BaseModel):
        model_config = frozen
        name: str
        kind: Literal["government", "department", "township", "other"] | str

    class Narrative(BaseModel):
        model_config = frozen
        text: str

    class Source(BaseModel):
        model_config = frozen
        line: int | None = None
        column: int | None = None
        table: int | None = None
        row: int | None = None
        cell: int | None = None
        page: int | None = None
        x: float | None = None
        y: float | None = None

    class Finding(BaseModel):
        model_config = frozen
        code: str
        severity: Literal["error", "warning", "info"]
        path: str = ""
        source: Source | None = None
        expected: int | Decimal | None = None
        actual: int | Decimal | None = None
        difference: int | Decimal | None = None
        expression: str = ""
        params: dict[str, int | Decimal | str] = Field(default_factory=dict)

    class Report(BaseModel):
        model_config = frozen
        format: str
        organ: Organ
        year: int | None
        published: date | None = None
        title: str = ""
        preamble: str = ""
        overview: Narrative | None = None
        active: tuple[Table, ...] = ()
        active_text: str = ""
        applications: Table | None = None
        applications_text: str = ""
        review_litigation: Table | None = None
        review_litigation_text: str = ""
        problems: Narrative | None = None
        other: Narrative | None = None
        findings: tuple[Finding, ...] = ()

    return Report


# ---------------------------------------------------------------- the measured cases


@dataclass(frozen=True)
class Case:
    """One measured operation: ``func`` is called with no argument."""

    group: str
    name: str
    func: Callable[[], object]
    baseline: str | None = None
    """The case (``group/name``) this one is compared with, as a ratio."""
    note: str = ""

    @property
    def key(self) -> str:
        """``group/name``."""
        return f"{self.group}/{self.name}"


@dataclass
class Inputs:
    """Everything the cases read, built once."""

    seed_text: str
    seed_report: gd.Report
    generated: gd.Report
    page: str
    page_bytes: bytes
    editor_page: str
    """The same report in a CMS editor's markup (:func:`editor_markup`)."""
    fragment: str
    pdf_texts: dict[str, str]
    pdf_paths: dict[str, Path]
    pdf_reports: dict[str, gd.Report]
    json_text: str
    json_bytes: bytes


def build_inputs(*, with_pdf: bool = True) -> Inputs:
    """Read the real reports and generate the synthetic ones (deterministic)."""
    seed_text = SEED_TEXT.read_text(encoding="utf-8")
    generated = generated_report(2024)
    page = cms_page(generated, seed=2024)
    pdf_paths = {n: REAL / f"{n}.pdf" for n in PDF_NAMES}
    pdf_texts = {n: (REAL / f"{n}.pdfplumber.txt").read_text(encoding="utf-8") for n in PDF_NAMES}
    pdf_reports = {}
    if with_pdf:
        from govdisclosure.formats.pdf import parse_pdf

        pdf_reports = {n: parse_pdf(p) for n, p in pdf_paths.items()}
    json_text = gd.to_json(generated)
    return Inputs(
        seed_text=seed_text,
        seed_report=gd.parse_text(seed_text),
        generated=generated,
        page=page,
        page_bytes=page.encode("utf-8"),
        editor_page=cms_page(generated, seed=2024, markup="editor"),
        fragment=gd.render_html(generated, standalone=False),
        pdf_texts=pdf_texts,
        pdf_paths=pdf_paths,
        pdf_reports=pdf_reports,
        json_text=json_text,
        json_bytes=json_text.encode("utf-8"),
    )


def build_cases(inp: Inputs, *, with_pdf: bool = True) -> list[Case]:
    """Every measured case, grouped; ratios are taken within a run against ``baseline``."""
    import orjson

    from govdisclosure.formats.docx import render_docx

    g, seed = inp.generated, inp.seed_report
    model = pydantic_model()
    pyd = model.model_validate_json(inp.json_bytes)
    as_dict = json.loads(inp.json_text)
    generated_text = gd.render_text(g)
    cases = [
        # parse
        Case("parse_text", "seed", lambda: gd.parse_text(inp.seed_text)),
        Case("parse_text", "generated", lambda: gd.parse_text(generated_text)),
        *(
            Case("parse_text", f"{n}.pdfplumber", functools.partial(gd.parse_text, t))
            for n, t in inp.pdf_texts.items()
        ),
        Case("parse_html", "lxml-grids (floor)", lambda: lxml_grids(inp.page)),
        Case(
            "parse_html",
            "cms-page-60KB",
            lambda: gd.parse_html(inp.page),
            baseline="parse_html/lxml-grids (floor)",
        ),
        Case(
            "parse_html",
            "pandas.read_html",
            lambda: pandas_tables(inp.page),
            baseline="parse_html/cms-page-60KB",
        ),
        Case("parse_html", "lxml-grids, tight (floor)", lambda: lxml_grids(inp.page, tight=True)),
        Case(
            "parse_html",
            "editor page: lxml-grids (floor)",
            lambda: lxml_grids(inp.editor_page),
        ),
        Case(
            "parse_html",
            "editor page: lxml-grids, tight (floor)",
            lambda: lxml_grids(inp.editor_page, tight=True),
        ),
        Case(
            "parse_html",
            "editor page",
            lambda: gd.parse_html(inp.editor_page),
            baseline="parse_html/editor page: lxml-grids (floor)",
        ),
        Case(
            "parse_html",
            "editor page: pandas.read_html",
            lambda: pandas_tables(inp.editor_page),
            baseline="parse_html/editor page",
        ),
        # check
        Case("check", "plain-python 三 identities (floor)", lambda: plain_identities(g)),
        Case("check", "seed", lambda: gd.check(seed)),
        Case(
            "check",
            "generated: tables, structure, dates (no prose checks)",
            lambda: check_without_prose(g),
            baseline="check/plain-python 三 identities (floor)",
        ),
        Case(
            "check",
            "generated",
            lambda: gd.check(g),
            baseline="check/plain-python 三 identities (floor)",
        ),
        # JSON
        Case("json", "orjson.loads (floor)", lambda: orjson.loads(inp.json_bytes)),
        Case(
            "json",
            "from_json",
            lambda: gd.from_json(inp.json_text),
            baseline="json/pydantic.model_validate_json",
        ),
        Case(
            "json",
            "pydantic.model_validate_json",
            lambda: model.model_validate_json(inp.json_bytes),
        ),
        Case("json", "from_dict", lambda: gd.from_dict(as_dict)),
        Case("json", "to_json", lambda: gd.to_json(g), baseline="json/pydantic.model_dump_json"),
        Case("json", "pydantic.model_dump_json", pyd.model_dump_json),
        # records
        Case("records", "generated", lambda: gd.to_records(g)),
        Case("records", "seed (parsed, with sources)", lambda: gd.to_records(seed)),
        # render
        Case("render", "render_text", lambda: gd.render_text(g)),
        Case("render", "render_html", lambda: gd.render_html(g)),
        Case("render", "render_markdown", lambda: gd.render_markdown(g)),
        Case("render", "render_docx", lambda: render_docx(g)),
    ]
    if with_pdf:
        from govdisclosure.formats.pdf import parse_pdf

        cases += [
            Case("parse_pdf", n, functools.partial(parse_pdf, p)) for n, p in inp.pdf_paths.items()
        ]
        # the PDFium engine, against the default (pdfplumber) on the same PDF
        cases += [
            Case(
                "parse_pdf",
                f"{n} (pdfium)",
                functools.partial(parse_pdf, p, engine="pdfium"),
                baseline=f"parse_pdf/{n}",
            )
            for n, p in inp.pdf_paths.items()
        ]
        cases += [
            Case("check", f"{n} (parsed)", functools.partial(gd.check, r))
            for n, r in inp.pdf_reports.items()
        ]
    return cases
