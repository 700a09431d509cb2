"""The public namespace: flat, sorted, documented, typed."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.template import template


def _isort_key(name: str) -> tuple[int, str]:
    """isort-style order (ruff RUF022): CONSTANTS, then Classes, then functions."""
    if name.isupper():
        return (0, name)
    return (1, name) if name[:1].isupper() else (2, name)


def test_all_is_sorted_and_complete() -> None:
    """__all__ is sorted (isort-style), unique, and names only things that exist."""
    assert list(gd.__all__) == sorted(gd.__all__, key=_isort_key)
    assert len(set(gd.__all__)) == len(gd.__all__)
    for name in gd.__all__:
        assert hasattr(gd, name), name


def test_public_names_have_docstrings() -> None:
    """Every public class and function says what it is for."""
    for name in gd.__all__:
        obj = getattr(gd, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), name


def test_py_typed_is_shipped() -> None:
    """The package marks itself as typed."""
    assert (Path(gd.__file__).parent / "py.typed").exists()


def test_errors_subclass_builtins() -> None:
    """One root exception; leaves are ValueErrors too."""
    assert issubclass(gd.ParseError, gd.GovDisclosureError)
    assert issubclass(gd.ParseError, ValueError)
    assert issubclass(gd.InvalidReport, ValueError)
    assert issubclass(gd.JSONError, gd.ParseError)


# ------------------------------------------------------------------ mistakes a caller makes
REAL = Path(__file__).parent / "data" / "real"
HTML = Path(__file__).parent / "data" / "html"


@given(
    st.sampled_from(list(gd.Edition)),
    st.data(),
    st.text(min_size=1, max_size=20),
    st.sampled_from(["row", "column"]),
)
def test_an_unknown_row_or_column_names_the_table_and_itself(
    edition: gd.Edition, data: st.DataObject, name: str, kind: str
) -> None:
    """A row or column a table does not have raises KeyError naming the table and the
    identifier asked for (with the closest identifiers, or the list of them)."""
    spec = data.draw(st.sampled_from(template(edition).tables))
    known = spec.row_ids if kind == "row" else spec.column_ids
    assume(name not in known)
    lookup = spec.row_index if kind == "row" else spec.column_index
    with pytest.raises(KeyError) as info:
        lookup(name)
    message = info.value.args[0]
    assert message.startswith(f"{spec.id} has no {kind} {name!r} (")
    assert "did you mean" in message or all(k in message for k in known)


def test_a_misspelt_path_suggests_the_right_one() -> None:
    r = gd.build_report(organ="某县某局", year=2024)
    with pytest.raises(KeyError, match="did you mean natural_person"):
        r.cell("applications.granted.natural_persons")
    with pytest.raises(KeyError, match="did you mean granted"):
        r.with_cell("applications.grant.total", 1)
    with pytest.raises(KeyError, match="not a cell path"):
        r.cell("applications.total")


@pytest.mark.parametrize("value", ["3", 3.0, True, None, [1]])
def test_with_cell_names_the_cell_of_a_wrong_value(value: object) -> None:
    r = gd.build_report(organ="某县某局", year=2024)
    with pytest.raises(TypeError, match=r"^applications\.granted\.natural_person: "):
        r.with_cell("applications.granted.natural_person", value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, "一、总体情况", {}, gd.Edition.V2021])
def test_check_refuses_what_is_not_a_report(value: object) -> None:
    with pytest.raises(TypeError, match="check takes a Report"):
        gd.check(value)  # type: ignore[arg-type]
    report = gd.build_report(organ="某县某局", year=2024)
    if value is not None:
        with pytest.raises(TypeError, match="check takes a Report as previous"):
            gd.check(report, previous=value)  # type: ignore[arg-type]


def test_the_text_and_html_readers_take_paths() -> None:
    seed = REAL / "xunzhen-2024.txt"
    assert gd.parse_text(seed) == gd.parse_text(seed.read_bytes())
    page = HTML / "cms-gbk-2023.html"
    from_path, from_bytes = gd.parse_html(page), gd.parse_html(page.read_bytes())
    assert from_path == from_bytes
    assert from_path.findings == from_bytes.findings
    with pytest.raises(gd.LimitExceeded):
        gd.parse_text(seed, limits=gd.Limits(max_bytes=100))
    with pytest.raises(FileNotFoundError):
        gd.parse_html(HTML / "no-such-page.html")


def test_a_file_name_passed_as_text_gets_a_hint() -> None:
    with pytest.raises(gd.ParseError, match=r"the text is a file name: pass pathlib\.Path"):
        gd.parse_text(str(REAL / "xunzhen-2024.txt"))
    with pytest.raises(gd.ParseError, match="the text is a file name"):
        gd.parse_text("reports/report.md")
    with pytest.raises(gd.ParseError) as info:
        gd.parse_text("只有一句话。")
    assert "file name" not in str(info.value)
