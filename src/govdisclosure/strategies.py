"""Hypothesis strategies for reports, for your own property tests and ours.

Needs the ``strategies`` extra (``pip install govdisclosure[strategies]``).

Valid reports are built **by construction**: the leaf figures are drawn, then every
total is derived, so no example is ever filtered away. Defective reports carry the
code and path of the single defect planted in each, so a tool under test can be held
to finding exactly that.

>>> from hypothesis import given
>>> import govdisclosure as gd
>>> from govdisclosure.strategies import valid_reports
>>> @given(valid_reports())
... def test_valid(report):
...     assert gd.is_valid(report)
>>> test_valid()

Examples shrink towards small figures (zeros), the 2019 edition, short narratives and
the first organ of each kind.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Final

import attrs
from hypothesis import reject
from hypothesis import strategies as st

from govdisclosure.checks import deadline
from govdisclosure.model import (
    BLANK,
    CellValue,
    Narrative,
    NotApplicable,
    Organ,
    OrganKind,
    Report,
    Table,
    Text,
    build_table,
    infer_organ_kind,
)
from govdisclosure.template import ColumnKind, Edition, TableSpec, template

__all__ = [
    "DEFECT_CODES",
    "Defect",
    "active_tables",
    "amounts",
    "applications_tables",
    "cell_values",
    "count_vectors",
    "counts",
    "defective_reports",
    "narratives",
    "organs",
    "reports",
    "review_tables",
    "valid_reports",
]

_PLACES: Final = (
    "淮安市",
    "洪泽区",
    "河曲县",
    "龙岗区",
    "杨凌示范区",
    "孝感市",
    "定西市",
    "西湖区",
)
_DEPARTMENTS: Final = (
    "财政局",
    "审计局",
    "教育局",
    "自然资源和规划局",
    "卫生健康委员会",
    "市场监督管理局",
    "人民政府办公室",
    "公共资源交易中心",
)
_TOWNS: Final = (
    "巡镇镇",
    "城关镇",
    "老子山镇",
    "高良涧街道办事处",
    "朱坝街道",
    "岔河镇",
    "东双沟镇",
    "黄集乡",
)
_OTHERS: Final = ("住房公积金管理中心分支机构联络组", "供销合作总社", "红十字会", "残疾人联合会")

_SENTENCES: Final = (
    "我单位坚持以公开为常态、不公开为例外，认真落实政府信息公开各项要求。",
    "严格执行信息发布审核制度，做到先审后发、应公开尽公开。",
    "依托政府门户网站及政务新媒体平台，及时发布与群众切身利益相关的信息。",
    "进一步规范依申请公开办理流程，做到依法依规、按时答复。",
    "定期开展政务公开栏目巡查，及时更新栏目内容。",
    "加强政府信息公开工作人员业务培训，提升工作能力和水平。",
    "将政务公开工作纳入年度考核内容，压实工作责任。",
    "围绕重点领域持续深化信息公开，回应社会关切。",
    "工作人员对公开标准的把握还不够精准。",
    "政策解读的形式还不够丰富，解读质量有待提升。",
    "部分栏目更新不够及时，信息发布的时效性有待加强。",
    "下一步将健全工作机制，推动政务公开工作规范化、标准化。",
)
_OVERVIEW_HEADS: Final = (
    "（一）主动公开情况。",
    "（二）依申请公开情况。",
    "（三）政府信息管理情况。",
    "（四）政府信息公开平台建设情况。",
    "（五）监督保障情况。",
)


_YEARS_2019: Final = st.integers(2019, 2020)
_YEARS_2021: Final = st.integers(2021, 2025)
_FEES: Final = st.sampled_from(
    ("本年度未收取信息处理费。", "全年收取信息处理费0元。", "本年度共收取信息处理费100元。")
)


@functools.cache
def counts(max_value: int = 5000) -> st.SearchStrategy[int]:
    """Non-negative counts, mostly small, sometimes large; shrink towards 0."""
    return st.one_of(st.just(0), st.integers(0, 30), st.integers(0, max_value))


def _decode_counts(data: bytes, max_value: int) -> list[int]:
    """Two bytes per figure: mostly 0, often small, sometimes large; all-zero bytes → 0."""
    out = []
    for i in range(0, len(data), 2):
        kind, low = data[i], data[i + 1]
        if kind < 96:
            value = 0
        elif kind < 208:
            value = low % 31
        else:
            value = ((kind - 208) << 8 | low) * (max_value // 12288 + 1)
        out.append(min(value, max_value))
    return out


@functools.cache
def count_vectors(size: int, max_value: int = 5000) -> st.SearchStrategy[list[int]]:
    """``size`` counts drawn at once (fast); shrink towards all zeros."""
    return st.binary(min_size=2 * size, max_size=2 * size).map(
        lambda b: _decode_counts(b, max_value)
    )


@functools.cache
def amounts() -> st.SearchStrategy[Decimal]:
    """Non-negative amounts with 0 to 2 decimal places, as published in 万元."""
    return st.builds(
        lambda n, places: Decimal(n).scaleb(-places),
        st.integers(0, 10**9),
        st.sampled_from((0, 1, 2)),
    )


@functools.cache
def organs(kind: OrganKind | None = None) -> st.SearchStrategy[Organ]:
    """Realistic organ names whose kind, inferred from the name, is their kind."""

    def make(k: OrganKind, place: str, suffix: str) -> Organ:
        name = f"{place}人民政府" if k is OrganKind.GOVERNMENT else place + suffix
        organ = Organ(name, k)
        assert infer_organ_kind(name) is k, name
        return organ

    kinds = [kind] if kind is not None else list(OrganKind)
    choices = {
        OrganKind.DEPARTMENT: _DEPARTMENTS,
        OrganKind.GOVERNMENT: ("",),
        OrganKind.TOWNSHIP: _TOWNS,
        OrganKind.OTHER: _OTHERS,
    }
    return st.one_of(
        *(
            st.builds(make, st.just(k), st.sampled_from(_PLACES), st.sampled_from(choices[k]))
            for k in kinds
        )
    )


@functools.cache
def _paragraphs(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    sentence_lists = st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=3)
    return st.lists(sentence_lists.map("".join), min_size=min_size, max_size=max_size)


@functools.cache
def narratives(*, subheads: bool = False, min_paragraphs: int = 1) -> st.SearchStrategy[Narrative]:
    """Prose in canonical form: paragraphs ending with "。", one per line.

    With ``subheads`` the paragraphs open with the customary （一）…（五） sub-heads of
    section 一.
    """
    if not subheads:
        return _paragraphs(min_paragraphs, 4).map(lambda ps: Narrative("\n".join(ps)))

    @st.composite
    def with_heads(draw: st.DrawFn) -> Narrative:
        n = draw(st.integers(min(max(min_paragraphs, 1), 5), 5))
        body = draw(_paragraphs(n, n))
        return Narrative("\n".join(h + p for h, p in zip(_OVERVIEW_HEADS, body, strict=False)))

    return with_heads()


_OPTIONAL_PROSE: Final = st.one_of(st.just(""), _paragraphs(1, 2).map("\n".join))


@st.composite
def applications_tables(draw: st.DrawFn, edition: Edition | str = Edition.V2021) -> Table:
    """A valid section 三 table: leaves drawn per applicant column, totals derived, and
    一 + 二 = （七） + 四 by construction."""
    spec = template(edition).table("applications")
    outcome_rows = spec.outcome_row_ids
    values: dict[str, dict[str, Any]] = {r: {} for r in spec.row_ids}
    for column in spec.part_column_ids:
        leaves = draw(count_vectors(len(outcome_rows) + 1, 400))
        total = sum(leaves[:-1])
        for row, v in zip(outcome_rows, leaves, strict=False):
            values[row][column] = v
        forward = min(leaves[-1], 50)
        carried = draw(st.integers(0, total + forward))
        values["carried_forward"][column] = forward
        values["carried_over"][column] = carried
        values["new_received"][column] = total + forward - carried
    return build_table("applications", values, edition=edition)


@st.composite
def review_tables(draw: st.DrawFn, edition: Edition | str = Edition.V2021) -> Table:
    """A valid section 四 table: four outcomes drawn per group, totals derived."""
    spec = template(edition).table("review_litigation")
    figures = draw(count_vectors(4 * len(spec.rows), 500))
    outcomes = ("upheld", "corrected", "other", "pending")
    values = {
        row: dict(zip(outcomes, figures[4 * i : 4 * i + 4], strict=True))
        for i, row in enumerate(spec.row_ids)
    }
    return build_table("review_litigation", values, edition=edition)


def _active_row(draw: st.DrawFn, spec: TableSpec) -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = {}
    for row in spec.rows:
        cells: dict[str, Any] = {}
        for column in spec.columns:
            if column.kind is ColumnKind.AMOUNT:
                cells[column.id] = draw(amounts())
            elif column.kind is ColumnKind.CHANGE:
                previous = cells.get("previous_items", 0)
                cells[column.id] = draw(st.integers(-previous, 200))
            else:
                cells[column.id] = draw(count_vectors(1, 500_000))[0]
        if "total_published" in cells and cells["total_published"] < cells["new_published"]:
            cells["total_published"], cells["new_published"] = (
                cells["new_published"],
                cells["total_published"],
            )
        values[row.id] = cells
    return values


@st.composite
def active_tables(draw: st.DrawFn, edition: Edition | str = Edition.V2021) -> tuple[Table, ...]:
    """Valid section 二 blocks of ``edition``, in order."""
    return tuple(
        build_table(spec.id, _active_row(draw, spec), edition=edition)
        for spec in template(edition).active_tables
    )


@st.composite
def valid_reports(
    draw: st.DrawFn,
    edition: Edition | str | None = None,
    *,
    mixed: bool | None = None,
    kind: OrganKind | None = None,
) -> Report:
    """Reports that check with no error, of ``edition`` (either when ``None``).

    ``mixed`` reports (both editions' tables, as some published 2021-format reports
    keep the 2019 single-row （六）其他处理) are drawn one time in five when ``None``, never when
    ``False``, always when ``True`` (they then have 2021 section 二 and 2019 section 三).
    """
    mixed_now = draw(st.integers(0, 4)) == 4 if mixed is None else mixed
    if mixed_now:
        ed = Edition.V2021
    else:
        ed = Edition(edition) if edition is not None else draw(st.sampled_from(list(Edition)))
    year = draw(_YEARS_2019 if ed is Edition.V2019 else _YEARS_2021)
    organ = draw(organs(kind))
    limit = deadline(organ.kind, year) or date(year + 1, 1, 31)
    published = date(year + 1, 1, 1) + timedelta(
        days=draw(st.integers(0, (limit - date(year + 1, 1, 1)).days))
    )
    apps_edition = Edition.V2019 if mixed_now else ed
    fee = draw(
        st.sampled_from(
            ("本年度未收取信息处理费。", "全年收取信息处理费0元。", "本年度共收取信息处理费100元。")
        )
    )
    other_extra = draw(_paragraphs(0, 2))
    optional_prose = _OPTIONAL_PROSE
    preamble = draw(
        st.sampled_from(
            (
                "",
                f"本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为{year}年1月1日至{year}年12月31日。",
            )
        )
    )
    return Report(
        organ=organ,
        year=year,
        published=published,
        preamble=preamble,
        overview=draw(narratives(subheads=True)),
        active=draw(active_tables(ed)),
        active_text=draw(optional_prose),
        applications=draw(applications_tables(apps_edition)),
        applications_text=draw(optional_prose),
        review_litigation=draw(review_tables(ed)),
        review_litigation_text=draw(optional_prose),
        problems=draw(narratives()),
        other=Narrative("\n".join([fee, *other_extra])),
    )


def cell_values(kind: ColumnKind = ColumnKind.COUNT) -> st.SearchStrategy[CellValue]:
    """Any published cell: figures (negative ones too), blank, placeholders, text."""
    number: st.SearchStrategy[CellValue] = (
        amounts().map(lambda d: d) if kind is ColumnKind.AMOUNT else st.integers(-50, 10**6)
    )
    return st.one_of(number, _no_figure())


def _no_figure() -> st.SearchStrategy[CellValue]:
    """A published cell without a figure: blank, a placeholder, a word."""
    return st.one_of(
        st.just(BLANK),
        st.sampled_from(("/", "—", "无", "不适用")).map(NotApplicable),
        st.sampled_from(("详见附件", "略", "见上表", "十二")).map(Text),
    )


@st.composite
def reports(draw: st.DrawFn, edition: Edition | str | None = None) -> Report:
    """Reports that may be invalid: a valid report with some cells replaced by anything
    a published cell can hold, sometimes a whole row so (a row of blanks, placeholders
    and words with no figure at all), and sometimes a section left out."""
    report = draw(valid_reports(edition))
    tables = report.tables
    for _ in range(draw(st.integers(0, 6))):
        t = draw(st.sampled_from(tables))
        spec = t.spec
        row = draw(st.sampled_from(spec.rows))
        column = draw(st.sampled_from(spec.columns))
        report = report.with_cell(f"{t.id}.{row.id}.{column.id}", draw(cell_values(column.kind)))
    if draw(st.integers(0, 3)) == 0:
        t = draw(st.sampled_from(tables))
        row = draw(st.sampled_from(t.spec.rows))
        figures = draw(st.booleans())
        for column in t.spec.columns:
            value = draw(cell_values(column.kind) if figures else _no_figure())
            report = report.with_cell(f"{t.id}.{row.id}.{column.id}", value)
    if draw(st.booleans()):
        section = draw(st.sampled_from(("overview", "problems", "other", "applications")))
        report = _without(report, section)
    return report


def _without(report: Report, section: str) -> Report:
    """``report`` with one section left out."""
    if section == "overview":
        return attrs.evolve(report, overview=None)
    if section == "problems":
        return attrs.evolve(report, problems=None)
    if section == "other":
        return attrs.evolve(report, other=None)
    return attrs.evolve(report, applications=None)


@attrs.frozen
class Defect:
    """A report with one planted defect that a checker must find."""

    report: Report
    code: str
    """The finding code the defect must produce."""
    path: str
    """The path that finding must carry."""


def _applicants() -> tuple[str, ...]:
    return template(Edition.V2021).table("applications").part_column_ids


def _bump(value: CellValue, by: int) -> int:
    assert isinstance(value, int)
    return value + by


def _plant(draw: st.DrawFn, report: Report, code: str) -> Defect | None:
    apps, review = report.applications, report.review_litigation
    d = draw(st.integers(1, 20))
    if code == "applications.row-total" and apps is not None:
        row = draw(st.sampled_from(apps.spec.row_ids))
        path = f"applications.{row}.total"
        return Defect(report.with_cell(path, _bump(report.cell(path), d)), code, path)
    if code == "applications.outcome-total" and apps is not None:
        column = draw(st.sampled_from(_applicants()))
        path = f"applications.total.{column}"
        return Defect(report.with_cell(path, _bump(report.cell(path), d)), code, path)
    if code == "applications.balance" and apps is not None:
        column = draw(st.sampled_from(_applicants()))
        r = report
        for c in (column, "total"):
            p = f"applications.carried_forward.{c}"
            r = r.with_cell(p, _bump(r.cell(p), d))
        return Defect(r, code, f"applications.*.{column}")
    if code == "review.group-total" and review is not None:
        row = draw(st.sampled_from(review.spec.row_ids))
        path = f"review_litigation.{row}.total"
        return Defect(report.with_cell(path, _bump(report.cell(path), d)), code, path)
    if code == "cell.negative" and report.active:
        t = draw(st.sampled_from(report.active))
        columns = [c for c in t.spec.columns if c.kind is ColumnKind.COUNT]
        if not columns:
            return None
        row = draw(st.sampled_from(t.spec.row_ids))
        count_column = draw(st.sampled_from(columns))
        path = f"{t.id}.{row}.{count_column.id}"
        r = report.with_cell(path, -d)
        if count_column.id == "previous_items":  # keep this year's item count non-negative
            r = r.with_cell(f"{t.id}.{row}.change", d)
        return Defect(r, code, path)
    if code == "cell.fraction" and apps is not None:
        row = draw(st.sampled_from(apps.spec.row_ids))
        path = f"applications.{row}.total"
        value = report.cell(path)
        assert isinstance(value, int)
        return Defect(report.with_cell(path, Decimal(value) + Decimal("0.5")), code, path)
    if code == "cell.text" and apps is not None:
        row = draw(st.sampled_from(apps.spec.row_ids))
        column = draw(st.sampled_from(_applicants()))
        path = f"applications.{row}.{column}"
        return Defect(report.with_cell(path, Text("详见附件")), code, path)
    if code == "active.items-negative":
        candidates = [t for t in report.active if "change" in t.spec.column_ids]
        if not candidates:
            return None
        t = draw(st.sampled_from(candidates))
        row = draw(st.sampled_from(t.spec.row_ids))
        previous = t[row, "previous_items"]
        assert isinstance(previous, int)
        path = f"{t.id}.{row}.change"
        return Defect(report.with_cell(path, -(previous + d)), code, path)
    if code == "active.published-total":
        t1 = report.table("active.art20_1")
        if t1 is None or "total_published" not in t1.spec.column_ids:
            return None
        row = draw(st.sampled_from(t1.spec.row_ids))
        total = t1[row, "total_published"]
        assert isinstance(total, int)
        r = report.with_cell(f"active.art20_1.{row}.new_published", total + d)
        return Defect(r, code, f"active.art20_1.{row}.total_published")
    if code == "structure.missing-section":
        section = draw(st.sampled_from(("overview", "problems", "other")))
        return Defect(_without(report, section), code, section)
    if code == "structure.missing-table" and len(report.active) > 1:
        t = draw(st.sampled_from(report.active))
        active = tuple(x for x in report.active if x.id != t.id)
        return Defect(attrs.evolve(report, active=active), code, t.id)
    if code == "structure.missing-year":
        return Defect(attrs.evolve(report, year=None), code, "year")
    if code == "problems.empty":
        return Defect(attrs.evolve(report, problems=Narrative("")), code, "problems")
    if code == "other.fee-statement-missing":
        other = Narrative("我单位无其他需要报告的事项。")
        return Defect(attrs.evolve(report, other=other), code, "other")
    if code == "publication.late" and report.year is not None:
        limit = deadline(report.organ.kind, report.year)
        if limit is None:
            return None
        late = limit + timedelta(days=d)
        return Defect(attrs.evolve(report, published=late), code, "published")
    return None


DEFECT_CODES: Final = (
    "applications.row-total",
    "applications.outcome-total",
    "applications.balance",
    "review.group-total",
    "cell.negative",
    "cell.fraction",
    "cell.text",
    "active.items-negative",
    "active.published-total",
    "structure.missing-section",
    "structure.missing-table",
    "structure.missing-year",
    "problems.empty",
    "other.fee-statement-missing",
    "publication.late",
)
"""The codes :func:`defective_reports` can plant."""


@st.composite
def defective_reports(
    draw: st.DrawFn,
    edition: Edition | str | None = None,
    codes: tuple[str, ...] = DEFECT_CODES,
) -> Defect:
    """A valid report with one defect of one of ``codes`` planted; see :class:`Defect`.

    Codes that do not apply to the drawn report (the 2019-only rules on a 2021 report,
    a late publication for a township, which has no deadline) give way to another of
    ``codes``; the report is drawn so that at least one applies.
    """
    for code in codes:
        if code not in DEFECT_CODES:
            msg = f"cannot plant {code!r}; plantable codes: {', '.join(DEFECT_CODES)}"
            raise ValueError(msg)
    only_2019 = {"active.items-negative", "active.published-total"}
    if edition is None and set(codes) <= only_2019:
        edition = Edition.V2019
    kind = None
    if set(codes) <= {"publication.late"}:
        kind = draw(st.sampled_from((OrganKind.DEPARTMENT, OrganKind.GOVERNMENT)))
    report = draw(valid_reports(edition, mixed=False if edition is not None else None, kind=kind))
    first = draw(st.sampled_from(codes))
    for code in (first, *(c for c in codes if c != first)):
        defect = _plant(draw, report, code)
        if defect is not None:
            return defect
    reject()  # only when the caller's codes cannot apply to this edition at all
    raise AssertionError  # pragma: no cover - reject() raises
