"""Findings in reading order (:func:`govdisclosure.checks.in_reading_order`)."""

from __future__ import annotations

import itertools

import attrs
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.checks import in_reading_order
from govdisclosure.model import Finding, Severity, Source
from govdisclosure.template import Edition, template


def _places(edition: Edition) -> list[str]:
    """Every path of the layout, listed as a reader meets it (written out here, not
    derived from the sort): the report's head, then each section; a table, then its
    column headings, then row by row, a row's label before its cells."""
    tpl = template(edition)
    out = [""]  # the report as a whole and its title (organ, year, date): one place
    for section in ("overview", "active", "applications", "review_litigation"):
        out.append(section)
        for spec in tpl.tables:
            if spec.section != section:
                continue
            if spec.id != section:
                out.append(spec.id)
            out += [f"{spec.id}.*.{c}" for c in spec.column_ids]
            for r in spec.row_ids:
                out.append(f"{spec.id}.{r}.*")
                out += [f"{spec.id}.{r}.{c}" for c in spec.column_ids]
    return [*out, "problems", "other"]


_LAYOUT = {e: _places(e) for e in Edition}


@st.composite
def findings(draw: st.DrawFn) -> tuple[Edition, list[Finding]]:
    edition = draw(st.sampled_from(list(Edition)))
    places = _LAYOUT[edition]
    found = draw(
        st.lists(
            st.builds(
                Finding,
                code=st.just(""),
                severity=st.sampled_from(list(Severity)),
                path=st.sampled_from([*places, "organ", "year", "published"]),
                source=st.none() | st.builds(Source, line=st.integers(1, 3)),
            ),
            max_size=12,
        )
    )
    # each its own code, to tell them apart
    return edition, [attrs.evolve(f, code=str(i)) for i, f in enumerate(found)]


@given(findings())
def test_findings_follow_the_layout_then_the_line_then_the_severity(
    drawn: tuple[Edition, list[Finding]],
) -> None:
    edition, found = drawn
    places = _LAYOUT[edition]
    ordered = in_reading_order(found, edition)

    def key(f: Finding) -> tuple[int, int, int]:
        line = f.source.line if f.source is not None and f.source.line is not None else -1
        place = places.index(f.path) if f.path in places else 0
        return place, line, -f.severity.rank

    assert sorted(ordered, key=lambda f: int(f.code)) == found
    assert [key(f) for f in ordered] == sorted(key(f) for f in found)
    # ties keep the order they were given in
    for a, b in itertools.pairwise(ordered):
        if key(a) == key(b):
            assert int(a.code) < int(b.code)


def test_a_path_the_format_does_not_know_comes_after_the_known_ones() -> None:
    def f(path: str) -> Finding:
        return Finding(code="x", severity=Severity.INFO, path=path)

    given_order = [f("somewhere"), f("applications.nowhere.total"), f("applications.granted.total")]
    assert [x.path for x in in_reading_order(given_order)] == [
        "applications.granted.total",
        "applications.nowhere.total",
        "somewhere",
    ]
