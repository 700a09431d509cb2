"""The documentation stays complete: every finding code, every official label, every public name."""

from __future__ import annotations

import re
import runpy
import sys
import tomllib
from pathlib import Path

import pytest

import govdisclosure as gd

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

import gd_findings_examples as examples  # type: ignore[import-not-found, unused-ignore]  # noqa: E402
import gd_generate as generate  # type: ignore[import-not-found, unused-ignore]  # noqa: E402

TEMPLATES = sorted((ROOT / "src" / "govdisclosure" / "template").glob("edition*.toml"))
_LABEL_KEYS = (
    "label",
    "caption",
    "corner",
    "group",
    "subgroup",
    "column_group",
    "column_subgroup",
    "row_group",
    "title",
)


def _official_terms() -> set[str]:
    """Every official wording in the template files, read from the TOML itself."""
    terms: set[str] = set()
    for path in TEMPLATES:
        raw = tomllib.loads(path.read_text("utf-8"))
        terms.add(raw["title"])
        for s in raw["sections"]:
            terms.add(f"{s['number']}、{s['label']}")
        for t in raw["tables"]:
            for key in _LABEL_KEYS:
                if t.get(key):
                    terms.add(t[key])
            for item in [*t["rows"], *t["columns"]]:
                for key in _LABEL_KEYS:
                    if item.get(key):
                        terms.add(item[key])
    return terms


@pytest.fixture(scope="module")
def catalogue() -> str:
    """The findings catalogue as generated for the docs."""
    text: str = generate.findings_markdown()
    return text


@pytest.mark.parametrize("code", sorted(gd.CODES))
def test_every_code_has_a_catalogue_entry(code: str, catalogue: str) -> None:
    """Each registered finding code has an anchored entry in the findings catalogue."""
    assert f"### `{code}`" in catalogue
    assert f"({generate._anchor(code)})=" in catalogue


@pytest.mark.parametrize("code", sorted(gd.CODES))
def test_every_code_has_an_example_that_produces_it(code: str) -> None:
    """Each code has an example in docs/_ext/gd_findings_examples.py, and it yields that code."""
    assert code in examples.EXAMPLES, (
        f"add an example for {code!r} to docs/_ext/gd_findings_examples.py"
    )
    f = examples.run(code)
    for locale in ("zh_CN", "en"):
        message = f.message(locale)
        assert message
        assert not re.search(r"\{[a-z_]+\}", message), f"unfilled placeholder: {message}"


def test_no_example_for_an_unknown_code() -> None:
    """The examples do not describe codes that no longer exist (or that are not merged yet)."""
    assert set(examples.EXAMPLES) <= set(gd.CODES) | examples.PENDING_CODES


def test_glossary_has_every_official_term() -> None:
    """Every heading, caption, corner, row, column and group label of both editions is a term."""
    terms = set(generate.glossary_entries())
    missing = _official_terms() - terms
    assert not missing, f"not in the glossary: {sorted(missing)}"
    text = generate.glossary_markdown()
    for term in _official_terms():
        assert f"\n{term}\n" in text


def test_tables_reference_has_every_row_and_column() -> None:
    """The generated tables pages list every identifier of their edition."""
    for edition in gd.Edition:
        text = generate.tables_markdown(edition)
        for spec in gd.template(edition).tables:
            assert f"`{spec.id}`" in text
            for ident in (*spec.row_ids, *spec.column_ids):
                assert f"`{ident}`" in text


def test_api_reference_covers_every_public_name() -> None:
    """Every name of ``govdisclosure.__all__`` is documented on the API page."""
    text = generate.api_markdown()
    for name in gd.__all__:
        assert re.search(rf":: govdisclosure\.{re.escape(name)}\n", text), name


def test_every_page_is_in_a_table_of_contents() -> None:
    """Each page of a Diátaxis folder is listed by its section's generated toctree."""
    for section in generate.TOC_ORDER:
        toc = generate.toc_markdown(section, DOCS)
        for page in (DOCS / section).glob("*.md"):
            if page.stem != "index":
                assert f"\n{page.stem}\n" in toc, f"{section}/{page.name}"


def test_the_build_is_nitpicky_and_ignores_only_names_from_outside_the_project() -> None:
    """With ``nitpicky``, every cross-reference of the docs and the docstrings must
    resolve (the docs build runs with -W); the names it may leave unresolved are the
    standard library's and Hypothesis's, never the project's."""
    conf = runpy.run_path(str(DOCS / "conf.py"))
    assert conf["nitpicky"] is True
    ignored = [target for _, target in conf.get("nitpick_ignore", [])]
    assert not [t for t in ignored if t.split(".")[0] == "govdisclosure"], ignored
    assert not conf.get("nitpick_ignore_regex")


@pytest.mark.parametrize(
    "dotted",
    [
        "govdisclosure.checks.deadline",
        "govdisclosure.template.normalize_label",
        "govdisclosure.formats.docx.read_docx_grids",
        "govdisclosure.formats.dispatch.sniff",
        "govdisclosure.corpus.series.normalize_organ",
        "govdisclosure.corpus.extract.read_report",
        "govdisclosure.corpus.extract.RECORD_COLUMNS",
        "govdisclosure.template.TableSpec",
    ],
)
def test_names_the_docstrings_link_to_are_in_the_api_reference(dotted: str) -> None:
    assert re.search(rf":: {re.escape(dotted)}\n", generate.api_markdown()), dotted
