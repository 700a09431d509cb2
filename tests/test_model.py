"""The model holds reports as published, faulty ones included; cells are never guessed."""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.model import OrganKind, infer_organ_kind, read_cell, split_path
from govdisclosure.strategies import cell_values, valid_reports
from govdisclosure.template import Edition, template


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("１２", 12),
        ("1,234", 1234),
        ("2件", 2),
        ("", gd.BLANK),
        ("\u00a0", gd.BLANK),
        ("/", gd.NotApplicable("/")),
        ("—", gd.NotApplicable("—")),
        ("不适用", gd.NotApplicable("不适用")),
        ("减3", -3),
        ("+2", 2),
        ("2.5", Decimal("2.5")),
        ("详见附件", gd.Text("详见附件")),
        ("¹", gd.Text("¹")),
        ("①", gd.Text("①")),
        ("3²", gd.Text("3²")),
        ("1 200", 1200),
        ("1\u3000200", 1200),
        ("3 件", 3),
        ("2 0", gd.Text("2 0")),
        ("1 2345", gd.Text("1 2345")),
        ("0 200", gd.Text("0 200")),
    ],
)
def test_read_cell(text: str, value: gd.CellValue) -> None:
    """Published cells read as numbers, blanks, placeholders or text, never guessed."""
    assert read_cell(text).value == value
    assert type(read_cell(text).value) is type(value)


def test_read_cell_converts_yuan_under_a_wan_yuan_column_exactly() -> None:
    """251000元 under a 万元 header is 25.1 万元, and the original figure is kept."""
    column = template("2021").table("active.art20_8").column("amount")
    reading = read_cell("251000元", column)
    assert reading.value == Decimal("25.1")
    assert reading.converted_from == Decimal(251000)
    assert reading.unit == "元"
    assert read_cell("96171.6", column).value == Decimal("96171.6")


@given(st.integers(0, 10**12))
def test_read_cell_reads_every_count_back(n: int) -> None:
    """Any count, plain, with thousands separators or with thousands grouped by spaces
    (千分空), reads back as itself."""
    assert read_cell(str(n)).value == n
    assert read_cell(f"{n:,}").value == n
    assert read_cell(f"{n:,}".replace(",", " ")).value == n


@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_two_figures_with_a_space_between_are_never_one(a: int, b: int) -> None:
    """Two figures with a space between them (cells run together, 2 0; 0 200) are not
    read as one figure (20; 200), unless the space groups thousands (1 200)."""
    value = read_cell(f"{a} {b}").value
    if 1 <= a <= 999 and len(str(b)) == 3:
        assert value == int(f"{a}{b}")
    else:
        assert value == gd.Text(f"{a} {b}")


def test_blank_is_not_zero() -> None:
    """BLANK is falsy like 0 but never equal to it, and is a singleton."""
    assert gd.BLANK != 0
    assert not gd.BLANK
    assert gd.Blank() == gd.BLANK


def test_table_shape_and_types_are_enforced() -> None:
    """A table must have the template's shape and hold cell values only."""
    with pytest.raises(ValueError, match="rows"):
        gd.Table("review_litigation", Edition.V2021, ((0,) * 5,))
    with pytest.raises(TypeError, match="not a cell value"):
        gd.Table("review_litigation", Edition.V2021, ((0.5, 0, 0, 0, 0),) * 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        gd.Table("review_litigation", Edition.V2021, ((Decimal("NaN"), 0, 0, 0, 0),) * 3)


def test_the_model_holds_faulty_reports() -> None:
    """Negative counts and wrong totals are held, to be reported by the checks."""
    r = gd.build_report(
        organ="某局", year=2024, review_litigation={"review": {"upheld": -1, "total": 7}}
    )
    assert r.cell("review_litigation.review.upheld") == -1
    assert r.cell("review_litigation.review.total") == 7


def test_build_report_derives_omitted_totals_only() -> None:
    """Omitted totals are derived from their parts; stated totals are kept as stated."""
    r = gd.build_report(
        organ="某局",
        year=2024,
        applications={
            "granted": {"natural_person": 2, "commercial": 1, "total": 9},
            "new_received": {"natural_person": 2},
        },
    )
    assert r.cell("applications.granted.total") == 9
    assert r.cell("applications.total.natural_person") == 2
    assert r.cell("applications.total.commercial") == 1
    assert r.cell("applications.new_received.total") == 2


def test_build_report_with_blank_missing_cells_does_not_invent_totals() -> None:
    """With missing=BLANK, totals whose parts are blank stay blank."""
    r = gd.build_report(
        organ="某局", year=2024, applications={"granted": {"natural_person": 2}}, missing=gd.BLANK
    )
    assert r.cell("applications.granted.total") is gd.BLANK
    assert r.cell("applications.total.natural_person") is gd.BLANK


def test_build_report_rejects_unknown_identifiers_and_floats() -> None:
    """Typos in identifiers and floats fail loudly."""
    with pytest.raises(KeyError):
        gd.build_report(organ="某局", year=2024, applications={"grantd": {"natural_person": 1}})
    with pytest.raises(KeyError):
        gd.build_report(organ="某局", year=2024, review_litigation={"review": {"uphld": 1}})
    with pytest.raises(TypeError, match="float"):
        gd.build_report(
            organ="某局", year=2024, active={"art20_8": {"admin_fees": {"amount": 1.5}}}
        )  # type: ignore[dict-item]


def test_build_report_uses_the_edition_of_the_year() -> None:
    """A 2020 report gets 2019-edition tables, a 2021 report 2021-edition ones."""
    assert gd.build_report(organ="某局", year=2020).editions == {Edition.V2019}
    assert gd.build_report(organ="某局", year=2021).editions == {Edition.V2021}


def test_mixed_editions_are_representable() -> None:
    """A 2021 section 二 with a 2019 single-row （六） (as 洪泽区 published) is held as is."""
    apps19 = gd.build_table("applications", {"other": {"natural_person": 1}}, edition="2019")
    r = gd.build_report(organ="淮安市洪泽区人民政府", year=2023, applications=apps19)
    assert r.editions == {Edition.V2019, Edition.V2021}
    assert r.applications is not None
    assert r.applications.edition is Edition.V2019
    assert r.cell("applications.other.total") == 1


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("淮安市人民政府", OrganKind.GOVERNMENT),
        ("淮安市洪泽区人民政府", OrganKind.GOVERNMENT),
        ("河曲县巡镇镇人民政府", OrganKind.TOWNSHIP),
        ("某区某街道办事处", OrganKind.TOWNSHIP),
        ("杨凌示范区审计局", OrganKind.DEPARTMENT),
        ("淮安市人民政府办公室", OrganKind.DEPARTMENT),
        ("孝感市政府研究室", OrganKind.OTHER),
        ("", OrganKind.OTHER),
    ],
)
def test_infer_organ_kind(name: str, kind: OrganKind) -> None:
    """The kind of organ is read off its name, and OTHER when unsure."""
    assert infer_organ_kind(name) is kind


@given(valid_reports(), st.data())
def test_with_cell_changes_exactly_one_cell(report: gd.Report, data: st.DataObject) -> None:
    """with_cell changes the one cell addressed by its path and nothing else."""
    t = data.draw(st.sampled_from(report.tables))
    row = data.draw(st.sampled_from(t.spec.row_ids))
    column = data.draw(st.sampled_from(t.spec.columns))
    path = f"{t.id}.{row}.{column.id}"
    value = data.draw(cell_values(column.kind))
    changed = report.with_cell(path, value)
    assert changed.cell(path) == value
    assert split_path(path) == (t.id, row, column.id)
    before = {f"{x.id}.{r}.{c}": v for x in report.tables for r, c, v in x.items()}
    after = {f"{x.id}.{r}.{c}": v for x in changed.tables for r, c, v in x.items()}
    assert {
        p for p in before if before[p] != after[p] or type(before[p]) is not type(after[p])
    } <= {path}


@given(valid_reports())
def test_reports_are_hashable_and_equal_to_their_copies(report: gd.Report) -> None:
    """Frozen reports hash; findings and provenance take no part in equality."""
    twin = attrs.evolve(
        report, findings=(gd.Finding(code="parse.encoding", severity=gd.Severity.INFO),)
    )
    assert twin == report
    assert hash(twin) == hash(report)


def test_split_path_rejects_non_cell_paths() -> None:
    """Only <table>.<row>.<column> paths address a cell."""
    for bad in ("applications", "active.art20_1.regulations", "nothing.here.at.all", ""):
        with pytest.raises(KeyError):
            split_path(bad)


def test_narrative_subheads() -> None:
    """Sub-heads are the numbered openings of paragraphs."""
    n = gd.Narrative("（一）主动公开情况。我单位……\n正文。\n（二）依申请公开情况。")
    assert n.subheads == ("（一）主动公开情况", "（二）依申请公开情况")
    assert gd.Narrative("  \n ").is_empty


def test_a_total_with_a_blank_part_is_blank_not_zero() -> None:
    """Deriving a total over a blank part gives a blank total, never a made-up 0."""
    r = gd.build_report(
        organ="某局", year=2024, applications={"granted": {"natural_person": 2, "commercial": None}}
    )
    assert r.cell("applications.granted.commercial") is gd.BLANK
    assert r.cell("applications.granted.total") is gd.BLANK
    assert r.cell("applications.total.natural_person") == 2
    assert r.cell("applications.total.commercial") is gd.BLANK


def test_blank_is_one_object_after_pickling_and_copying() -> None:
    assert pickle.loads(pickle.dumps(gd.BLANK)) is gd.BLANK
    assert copy.deepcopy(gd.BLANK) is gd.BLANK
    assert gd.Blank() is gd.BLANK


@given(valid_reports())
def test_reports_survive_pickling(report: gd.Report) -> None:
    """Reports cross process boundaries (multiprocessing, Dask) unchanged."""
    again = pickle.loads(pickle.dumps(report))
    assert again == report
    assert gd.to_json(again) == gd.to_json(report)
    assert [repr(f) for f in gd.check(again)] == [repr(f) for f in gd.check(report)]


_PLACE = st.none() | st.integers(min_value=0, max_value=10_000)


@given(
    line=_PLACE,
    column=_PLACE,
    table=_PLACE,
    row=_PLACE,
    cell=_PLACE,
    page=_PLACE,
    x=st.none() | st.floats(0, 1000),
)
@example(line=7, column=None, table=0, row=0, cell=0, page=None, x=None)
@example(line=7, column=0, table=None, row=None, cell=None, page=None, x=None)
@example(line=7, column=3, table=None, row=None, cell=None, page=None, x=None)
@example(line=7, column=None, table=None, row=None, cell=None, page=None, x=None)
@example(line=7, column=None, table=None, row=1, cell=None, page=None, x=None)
def test_source_in_words_like_the_plain_join(
    line: int | None,
    column: int | None,
    table: int | None,
    row: int | None,
    cell: int | None,
    page: int | None,
    x: float | None,
) -> None:
    """The two shapes written first (a cell of an HTML table, a line) read as the parts
    spelled out one by one, as every other shape is."""
    s = gd.Source(line=line, column=column, table=table, row=row, cell=cell, page=page, x=x)
    assert str(s) == s._spelled_out()
