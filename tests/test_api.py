"""The public namespace: flat, sorted, documented, typed."""

from __future__ import annotations

import inspect
from pathlib import Path

import govdisclosure as gd


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
