"""Nothing lost: every number inside the tables of the input reaches the report.

A number the parser read must end up as a cell value of the report, or be quoted by a
finding (its ``expected``, ``actual``, ``difference`` or one of its ``params``) — a
figure that could not be placed is reported, never silently dropped.

What counts as a "number inside the tables":

- **text** (published text and PDF-extracted text): the *table region* is the lines
  after the heading of section 二 (the first line starting ``二、`` that says
  ``主动公开``) up to, not including, the heading of section 五 (the next line starting
  ``五、`` that says ``问题``); page-number lines (``- 3 -``, ``第 3 页``) are not part
  of it. (Rows of section 三 such as ``二、上年结转…`` are inside the region.) Each line is cut into tokens at tabs and whitespace;
  a number is a token that is wholly a figure: digits with optional thousands
  separators and decimals, optionally signed, optionally followed by a unit 件, 元 or
  万元 (``"3119"``, ``"11,398,889"``, ``"96171.6"``, ``"2件"``). Label numbering
  (``1.属于国家秘密``, ``（一）``) and digits inside words are not tokens of their own
  and do not count.
- **HTML**: the text of each ``<td>``/``<th>`` of each ``<table>`` on the page, whole,
  whitespace trimmed; a number is a cell whose text is wholly a figure as above.

Words written in place of figures (``略``, ``详见附件``, ``十二``: text cells of the
model) are held to the same rule when a report is written and read back: each reaches
a text cell, or a finding quotes it.

Figures are compared as exact decimals (``"1,362"`` is 1362; ``"7.50"`` is 7.5).
Prose between the tables, even in the table region, holds no tokens that are wholly a
figure in the documents used here (the renderers write prose sentences, and the real
documents' prose numbers are attached to words such as ``件`` inside longer tokens).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from lxml import etree

import govdisclosure as gd
from govdisclosure.strategies import reports, valid_reports

DATA = Path(__file__).parent / "data"
REAL_TEXTS = sorted((DATA / "real").glob("*.txt"))
HTML_PAGES = sorted((DATA / "html").glob("*.html"))

FIGURE = re.compile(
    r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:件|元|万元)?$|^[+-]?\d+(?:\.\d+)?(?:件|元|万元)?$"
)
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页.*|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def figure(token: str) -> Decimal | None:
    """The value of a token that is wholly a figure, else ``None``."""
    token = token.strip()
    if not FIGURE.match(token):
        return None
    digits = re.sub(r"(件|元|万元)$", "", token).replace(",", "")
    try:
        return Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None


def text_figures(text: str) -> list[Decimal]:
    """The numbers inside the tables of a text document (see the module docstring)."""
    out: list[Decimal] = []
    inside = False
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if not inside and stripped.startswith("二、") and "主动公开" in stripped:
            inside = True
            continue
        if inside and stripped.startswith("五、") and "问题" in stripped:
            break
        if not inside or PAGE_NUMBER.match(line):
            continue
        for token in re.split(r"[\s\u3000]+", stripped):
            value = figure(token)
            if value is not None:
                out.append(value)
    return out


def html_figures(page: str | bytes) -> list[Decimal]:
    """The numbers inside the tables of an HTML page (see the module docstring)."""
    if isinstance(page, bytes):
        try:
            text = page.decode("utf-8")
        except UnicodeDecodeError:
            text = page.decode("gb18030", "replace")  # the sites' other encoding
    else:
        text = page
    root = etree.fromstring(
        text.encode("utf-8"), etree.HTMLParser(encoding="utf-8", no_network=True)
    )
    out: list[Decimal] = []
    for table in root.iter("table"):
        for cell in table.iter("td", "th"):
            # a cell of a table nested inside this one is read with that table
            owner = next(a for a in cell.iterancestors("table"))
            if owner is not table:
                continue
            value = figure("".join(str(t) for t in cell.itertext()))
            if value is not None:
                out.append(value)
    return out


def _decimals(values: Iterable[object]) -> Iterator[Decimal]:
    for v in values:
        if isinstance(v, bool):
            continue
        if isinstance(v, int | Decimal):
            yield Decimal(v)
        elif isinstance(v, str):
            for piece in re.findall(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?", v):
                value = figure(piece)
                if value is not None:
                    yield value


def kept(report: gd.Report) -> Counter[Decimal]:
    """Every figure the report holds, as many times as it holds it: its cells (a text
    cell holds the figures written in it: "2 0" that fills a row is kept as written)
    and what its findings quote."""
    values: list[object] = [v for t in report.tables for _r, _c, v in t.items()]
    values += [v.text for v in values if isinstance(v, gd.Text)]
    for f in report.findings:
        values.extend((f.expected, f.actual, f.difference))
        values.extend(v for _k, v in f.params)
    return Counter(d.normalize() for d in _decimals(values))


def assert_nothing_lost(figures: list[Decimal], report: gd.Report) -> None:
    """Each figure of the input reaches the report: counted, so that a lost figure equal
    to another (a lost 0 among many) is noticed too."""
    have = kept(report)
    lost = Counter(f.normalize() for f in figures) - have
    assert not lost, f"figures read nowhere: {sorted(lost.elements())[:20]}"


# ------------------------------------------------------------------------- generated


@settings(SLOW)
@given(reports())
def test_rendered_text_loses_nothing(report: gd.Report) -> None:
    text = gd.render_text(report)
    assert_nothing_lost(text_figures(text), gd.parse_text(text))


@settings(SLOW)
@given(reports())
def test_rendered_html_loses_nothing(report: gd.Report) -> None:
    page = gd.render_html(report)
    assert_nothing_lost(html_figures(page), gd.parse_html(page))


@settings(SLOW)
@given(valid_reports())
def test_every_figure_of_the_model_is_in_the_tables(report: gd.Report) -> None:
    """The definition is not vacuous: the rendered tables hold every figure of the model."""
    model = {
        Decimal(v).normalize()
        for t in report.tables
        for _r, _c, v in t.items()
        if isinstance(v, int | Decimal)
    }
    assert model <= {f.normalize() for f in text_figures(gd.render_text(report))}
    assert model <= {f.normalize() for f in html_figures(gd.render_html(report))}


def words_kept(report: gd.Report) -> tuple[Counter[str], str]:
    """The words written in place of figures that the report holds in its cells, and
    the text of what its findings quote (a word may be quoted there instead)."""
    held = Counter(
        v.text for t in report.tables for _r, _c, v in t.items() if isinstance(v, gd.Text)
    )
    quoted = " ".join(str(v) for f in report.findings for _k, v in f.params)
    return held, quoted


@settings(SLOW)
@given(reports())
def test_words_in_place_of_figures_are_kept(report: gd.Report) -> None:
    """Words in cells (略, 详见附件, 十二) are never dropped either: each reaches a cell
    of the report read back from text and from HTML, or a finding quotes it."""
    written = Counter(
        v.text for t in report.tables for _r, _c, v in t.items() if isinstance(v, gd.Text)
    )
    for again in (gd.parse_text(gd.render_text(report)), gd.parse_html(gd.render_html(report))):
        held, quoted = words_kept(again)
        for word, n in written.items():
            assert held[word] + quoted.count(word) >= n, (word, n, held[word])


_FIGURE_CELL = re.compile(r"^\d+(?:\.\d+)?$")
_DAMAGE = ["join", "space", "extra", "split", "typo", "drop-last", "drop-cell", "page-number"]


def _table_lines(lines: list[str]) -> range:
    """The lines of the tables: after the heading of 二, before that of 五 or 六."""
    start = next(i for i, ln in enumerate(lines) if ln.startswith("二、") and "主动公开" in ln)
    end = next(
        (i for i, ln in enumerate(lines) if i > start and ln.startswith(("五、", "六、"))),
        len(lines),
    )
    return range(start + 1, end)


@st.composite
def damaged_texts(draw: st.DrawFn) -> str:
    """A report in the official text layout, with the damage extraction and hand copying
    do to its table rows: two figures run together or split by a space instead of a tab,
    an extra figure at a row's end, a label cut over two lines, a typo in a label, a
    figure dropped, a page number between rows."""
    lines = gd.render_text(draw(reports())).split("\n")
    for damage in draw(st.lists(st.sampled_from(_DAMAGE), min_size=1, max_size=5)):
        rows = [k for k in _table_lines(lines) if "\t" in lines[k]]
        if not rows:
            break
        k = draw(st.sampled_from(rows))
        cells = lines[k].split("\t")
        figures = [i for i in range(1, len(cells)) if _FIGURE_CELL.match(cells[i])]
        pairs = [i for i in figures if i + 1 in figures]
        if damage == "space":
            # not two figures that read as one grouped by a space (1 100, 千分空): in a
            # row that has all its cells (an extra one added), that is one figure
            pairs = [
                i
                for i in pairs
                if not (cells[i][0] != "0" and len(cells[i]) <= 3 and len(cells[i + 1]) == 3)
            ]
        if damage in {"join", "space"} and pairs:
            i = draw(st.sampled_from(pairs))
            cells[i : i + 2] = [cells[i] + ("" if damage == "join" else " ") + cells[i + 1]]
        elif damage == "extra":
            cells.append(str(draw(st.integers(0, 99999))))
        elif damage == "split" and len(cells[0]) > 1:
            cut = draw(st.integers(1, len(cells[0]) - 1))
            if figure(cells[0][:cut]) is not None:
                continue  # a label's number alone on a line (2 | .其他…) looks like a figure
            lines.insert(k, cells[0][:cut])
            k += 1
            cells[0] = cells[0][cut:]
        elif damage == "typo" and cells[0]:
            at = draw(st.integers(0, len(cells[0]) - 1))
            cells[0] = cells[0][:at] + draw(st.sampled_from("的是记重")) + cells[0][at + 1 :]
        elif damage == "drop-last" and figures and figures[-1] == len(cells) - 1:
            del cells[-1]
        elif damage == "drop-cell" and figures:
            del cells[draw(st.sampled_from(figures))]
        elif damage == "page-number":
            lines.insert(k, f"- {draw(st.integers(1, 9))} -")
            k += 1
        lines[k] = "\t".join(cells)
        note(f"{damage}: {lines[k]}")
    return "\n".join(lines)


@settings(SLOW)
@given(damaged_texts())
def test_damaged_text_loses_nothing(text: str) -> None:
    """Whatever damage the table rows suffer, every figure still reaches a cell or a
    finding ("2 0" in a row short of a cell is two cells; figures run together are split
    or quoted; an extra figure is quoted)."""
    assert_nothing_lost(text_figures(text), gd.parse_text(text))


# ------------------------------------------------------------------------------ real


@pytest.mark.parametrize("path", REAL_TEXTS, ids=lambda p: p.name)
def test_real_text_loses_nothing(path: Path) -> None:
    text = path.read_text("utf-8")
    figures = text_figures(text)
    assert figures
    assert_nothing_lost(figures, gd.parse_text(text))


@pytest.mark.parametrize("path", HTML_PAGES, ids=lambda p: p.name)
def test_real_html_loses_nothing(path: Path) -> None:
    data = path.read_bytes()
    page = gd.parse_html(data)
    figures = html_figures(data)
    assert figures
    assert_nothing_lost(figures, page)


def test_a_stray_figure_is_quoted_by_a_finding() -> None:
    """A figure the parser cannot place is not dropped: a finding quotes it."""
    report = gd.build_report(
        organ="某县某局",
        year=2024,
        applications={"new_received": {"natural_person": 2}, "granted": {"natural_person": 2}},
    )
    text = gd.render_text(report)
    lines = text.split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("二、"))
    lines.insert(at + 2, "无名行\t987654")
    damaged = "\n".join(lines)
    assert Decimal(987654) in text_figures(damaged)
    assert_nothing_lost(text_figures(damaged), gd.parse_text(damaged))
