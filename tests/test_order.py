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


# ------------------------------------------------------------------ exact cases
# The property above draws a few paths of several hundred: two findings rarely share a
# table, a row or a line. These give every place and every tie-break at once (found by
# mutation testing, scripts/mutation.sh with MUTATION_SET=prose).


def _at(path: str, source: Source | None = None, **params: object) -> Finding:
    return Finding(
        code="x",
        severity=Severity.INFO,
        path=path,
        source=source,
        params=params,  # type: ignore[arg-type]
    )


def test_the_whole_layout_given_backwards_is_read_in_order() -> None:
    for edition in Edition:
        places = _LAYOUT[edition]
        found = [_at(p) for p in reversed(places)]
        assert [f.path for f in in_reading_order(found, edition)] == places
        assert [f.path for f in in_reading_order(found, edition.value)] == places


def test_the_head_comes_first_and_its_paths_keep_the_order_given() -> None:
    head = ["title", "published", "", "year", "organ"]
    found = [_at(p) for p in ["overview", *head, "active"]]
    assert [f.path for f in in_reading_order(found)] == [*head, "overview", "active"]


def test_unknown_paths_come_at_the_end_of_the_place_they_name() -> None:
    order = [
        "organ",
        "overview",
        "overview.somewhere",
        "active",
        "active.art20_1",
        "active.art20_1.normative_documents.issued",
        "active.art20_9",  # a 2019 table: known, after the 2021 ones
        "active.nowhere",
        "active.nowhere.row.column",
        "applications",
        "applications.*.natural_person",
        "applications.new_received",  # a row without a column: its label
        "applications.new_received.natural_person",
        "applications.new_received.nowhere",
        "applications.carried_over.*",
        "applications.nowhere.total",
        "review_litigation",
        "review_litigation.review.upheld",
        "problems",
        "problems.somewhere",
        "other",
        "somewhere",
    ]
    for shuffled in (order[::-1], order[1::2] + order[::2]):
        assert [f.path for f in in_reading_order([_at(p) for p in shuffled])] == order


def test_a_table_of_both_editions_is_read_in_the_reports_layout() -> None:
    """2019's art20_5 has 上年项目数, 本年增/减 and 处理决定数; 2021's only 处理决定数,
    which the 2019 layout puts last."""
    decisions = _at("active.art20_5.licensing.decisions")
    previous = _at("active.art20_5.licensing.previous_items")
    given = [decisions, previous]
    assert in_reading_order(given, Edition.V2019) == [previous, decisions]
    assert in_reading_order(given, "2019") == [previous, decisions]
    # without the edition, 2021 first: 处理决定数 is its first column, as 上年项目数 is 2019's
    assert in_reading_order(given) == given
    assert in_reading_order(given[::-1]) == given[::-1]


def test_at_one_place_the_line_then_the_column_then_the_severity() -> None:
    ordered = [
        _at("overview"),  # no position: first
        _at("overview", Source(line=1, column=9)),
        _at("overview", Source(line=2)),  # no column: the start of the line
        _at("overview", Source(line=2, column=1)),
        _at("overview", Source(line=2, column=5)),
        attrs.evolve(_at("overview", Source(line=3)), severity=Severity.ERROR),
        attrs.evolve(_at("overview", Source(line=3)), severity=Severity.WARNING),
        _at("overview", Source(line=3)),
        _at("active"),
    ]
    for shuffled in (ordered[::-1], ordered[1::2] + ordered[::2]):
        assert in_reading_order(shuffled) == ordered


def test_a_narrative_finding_is_placed_by_the_paragraph_it_names() -> None:
    ordered = [
        _at("overview", heading="overview"),
        _at("overview", paragraph=1),
        _at("overview", Source(column=3), paragraph=2),  # a source without a line
        _at("overview", Source(line=3)),
        _at("overview", paragraph=4),
        _at("overview", Source(line=5), paragraph=1),  # the source's line wins
    ]
    for shuffled in (ordered[::-1], ordered[1::2] + ordered[::2]):
        assert in_reading_order(shuffled) == ordered
