"""Sections 二 and 四 damaged the way real publications damage them lose no figure.

A report (generated, or the seed text) is written in the text layout; the lines of
section 二 (the Article 20 blocks) or of section 四 (the fifteen figures of 行政复议 and
行政诉讼) are damaged as published reports damage them — typos and inserted or removed
words in labels, labels split over lines, labels and column headers of the other
edition, header rows missing or merged, rows in another order, the fifteen figures on
two lines, run together, transposed, with cells too many or too few, with units glued
to them — and the damaged text is read as text, as an HTML page of plain tables and as
a Word document of plain tables (each run of tab-separated lines one table).

The contract, for every damaged input:

- no exception;
- every figure of the damaged section (each token that is wholly a figure) reaches a
  cell of that section's tables or is quoted by a finding about that section;
- a table that does not read back as the report held it has a finding about it (a
  figure in another cell is never silent).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from html import escape
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.strategies import valid_reports
from govdisclosure.template import Edition, template

REAL = Path(__file__).parent / "data" / "real"

FIGURE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[+-]?\d+(?:\.\d+)?$")
UNITS = ("万元", "件", "项", "元", "个")
HEADINGS = ("二、主动公开", "三、收到和处理", "四、政府信息公开行政复议", "五、存在")


def _figure(token: str) -> Decimal | None:
    token = token.strip()
    for unit in UNITS:
        if token.endswith(unit):
            token = token[: -len(unit)]
            break
    if not FIGURE.match(token):
        return None
    return Decimal(token.replace(",", "")).normalize()


def _bounds(lines: list[str]) -> dict[str, tuple[int, int]]:
    """The lines of sections 二 and 四 (after their headings), by section."""
    at = {}
    for i, line in enumerate(lines):
        for h in HEADINGS:
            if line.strip().startswith(h) and h not in at:
                at[h] = i
    return {
        "active": (at[HEADINGS[0]] + 1, at[HEADINGS[1]]),
        "review": (at[HEADINGS[2]] + 1, at[HEADINGS[3]]),
    }


PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页.*)\s*$")


def _section_figures(lines: list[str], section: str, *, tabbed: bool = True) -> Counter[Decimal]:
    """The figures of the section's table rows (``tabbed``: its lines with tabs; else
    every line but page numbers, as PDF text has no tabs)."""
    lo, hi = _bounds(lines)[section]
    out: Counter[Decimal] = Counter()
    for line in lines[lo:hi]:
        if ("\t" not in line) if tabbed else PAGE_NUMBER.match(line):
            continue  # prose, a page number
        for token in re.split(r"[\s\u3000]+", line.strip()):
            value = _figure(token)
            if value is not None:
                out[value] += 1
    return out


def _numbers(value: object) -> list[Decimal]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int | Decimal):
        return [Decimal(value).normalize()]
    if isinstance(value, gd.Text):
        value = value.text
    if isinstance(value, str):
        return [
            Decimal(p.replace(",", "")).normalize()
            for p in re.findall(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?", value)
        ]
    return []


def _about(path: str, section: str) -> bool:
    return path.startswith("review_litigation" if section == "review" else "active")


def _held(report: gd.Report, section: str) -> Counter[Decimal]:
    """The figures of the section's tables and of the findings about the section."""
    out: Counter[Decimal] = Counter()
    for t in report.tables:
        if _about(t.id, section):
            for _r, _c, v in t.items():
                out.update(_numbers(v))
    for f in report.findings:
        if _about(f.path, section):
            for v in (f.expected, f.actual, f.difference, *(v for _k, v in f.params)):
                out.update(_numbers(v))
    return out


def assert_nothing_lost(lines: list[str], again: gd.Report, *, tabbed: bool = True) -> None:
    """No figure of the damaged sections lost."""
    for section in ("active", "review"):
        lost = _section_figures(lines, section, tabbed=tabbed) - _held(again, section)
        assert not lost, f"section {section}: figures read nowhere: {sorted(lost.elements())}"


def assert_contract(original: gd.Report, lines: list[str], again: gd.Report) -> None:
    """No figure of the damaged sections lost; no table changed without a finding."""
    assert_nothing_lost(lines, again)
    for table in original.tables:
        if not _about(table.id, "active") and table.id != "review_litigation":
            continue
        read = again.table(table.id)
        if read is not None and read.cells == table.cells:
            continue
        # (a row of section 二 no block takes is reported with the block before it)
        said = [
            f
            for f in again.findings
            if f.path.startswith(table.id if table.id == "review_litigation" else "active")
        ]
        assert said, f"{table.id} read otherwise without a finding: {again.table(table.id)}"


# ------------------------------------------------------------------ three readers


def _blocks(lines: list[str]) -> list[str | list[list[str]]]:
    out: list[str | list[list[str]]] = []
    for line in lines:
        if "\t" in line:
            if out and isinstance(out[-1], list):
                out[-1].append(line.split("\t"))
            else:
                out.append([line.split("\t")])
        else:
            out.append(line)
    return out


def as_html(lines: list[str]) -> str:
    parts = ["<html><head><meta charset='utf-8'></head><body>"]
    for b in _blocks(lines):
        if isinstance(b, str):
            parts.append(f"<p>{escape(b)}</p>")
        else:
            parts.append("<table>")
            for row in b:
                parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
            parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def as_docx(lines: list[str]) -> bytes:
    doc = docx.Document()
    for b in _blocks(lines):
        if isinstance(b, str):
            doc.add_paragraph(b)
        else:
            table = doc.add_table(rows=len(b), cols=max(len(r) for r in b))
            for i, row in enumerate(b):
                for j, text in enumerate(row):
                    table.cell(i, j).text = text
            for i, row in enumerate(b):  # a row of fewer cells stays one: ragged, as typed
                tr = table.rows[i]._tr
                for tc in tr.tc_lst[len(row) :]:
                    tr.remove(tc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


READERS: dict[str, Callable[[list[str]], gd.Report]] = {
    "text": lambda lines: gd.parse_text("\n".join(lines)),
    "html": lambda lines: gd.parse_html(as_html(lines)),
    "docx": lambda lines: gd.parse_docx(as_docx(lines)),
}


# ------------------------------------------------------------------ damage


def _rows(lines: list[str], section: str) -> list[int]:
    """The lines of the section that are table rows with a label and figures."""
    lo, hi = _bounds(lines)[section]
    return [
        i
        for i in range(lo, hi)
        if "\t" in lines[i]
        and lines[i].split("\t")[0].strip()
        and any(_figure(c) is not None for c in lines[i].split("\t")[1:])
    ]


def _figure_line(lines: list[str]) -> int:
    lo, hi = _bounds(lines)["review"]
    return next(
        i
        for i in range(lo, hi)
        if "\t" in lines[i] and sum(_figure(c) is not None for c in lines[i].split("\t")) >= 10
    )


def _header_lines(lines: list[str], section: str) -> list[int]:
    lo, hi = _bounds(lines)[section]
    return [
        i
        for i in range(lo, hi)
        if "\t" in lines[i] and not any(_figure(c) is not None for c in lines[i].split("\t"))
    ]


def _captions(lines: list[str]) -> list[int]:
    lo, hi = _bounds(lines)["active"]
    return [i for i in range(lo, hi) if lines[i].strip().startswith("第二十条")]


Damage = Callable[[list[str], st.DataObject], list[str] | None]
CHARS = st.sampled_from(list("的某之和及其类项目数量0一"))


def _edit_label(lines: list[str], data: st.DataObject, how: str) -> list[str] | None:
    rows = _rows(lines, "active")
    if not rows:
        return None
    i = data.draw(st.sampled_from(rows))
    label, rest = lines[i].split("\t", 1)
    k = data.draw(st.integers(0, max(len(label) - 1, 0)))
    if how == "typo":
        label = label[:k] + data.draw(CHARS) + label[k + 1 :]
    elif how == "insert":
        label = label[:k] + data.draw(st.sampled_from(["类", "事项", "（件）", "数"])) + label[k:]
    elif how == "remove":
        label = label[:k] + label[k + 1 :]
    elif how == "spaces":
        label = " ".join(label)
    elif how == "numbered":
        label = data.draw(st.sampled_from(["1.", "（一）", "一、", "1、"])) + label
    out = list(lines)
    out[i] = f"{label}\t{rest}"
    return out


def _split_label(lines: list[str], data: st.DataObject) -> list[str] | None:
    rows = [i for i in _rows(lines, "active") if len(lines[i].split("\t")[0]) >= 2]
    if not rows:
        return None
    i = data.draw(st.sampled_from(rows))
    label, rest = lines[i].split("\t", 1)
    k = data.draw(st.integers(1, len(label) - 1))
    out = list(lines)
    how = data.draw(st.sampled_from(["figures-first-line", "figures-second-line", "own-line"]))
    if how == "figures-first-line":
        out[i : i + 1] = [f"{label[:k]}\t{rest}", label[k:]]
    elif how == "figures-second-line":
        out[i : i + 1] = [label[:k], f"{label[k:]}\t{rest}"]
    else:
        out[i : i + 1] = [label, "\t" + rest]
    return out


def _other_edition(lines: list[str], data: st.DataObject) -> list[str] | None:
    """Column headers (and row labels) of the other edition's block of the same caption."""
    out = list(lines)
    headers = _header_lines(lines, "active")
    if not headers:
        return None
    i = data.draw(st.sampled_from(headers))
    cells = lines[i].split("\t")
    words = [c.label for e in Edition for t in template(e).active_tables for c in t.columns]
    shuffled = [cells[0], *(data.draw(st.sampled_from(words)) for _ in cells[1:])]
    out[i] = "\t".join(shuffled)
    return out


def _drop_lines(which: Callable[[list[str]], list[int]]) -> Damage:
    def damage(lines: list[str], data: st.DataObject) -> list[str] | None:
        found = which(lines)
        if not found:
            return None
        drop = data.draw(st.lists(st.sampled_from(found), min_size=1, unique=True))
        return [line for i, line in enumerate(lines) if i not in drop]

    return damage


def _cells(section: str, how: str) -> Damage:
    def damage(lines: list[str], data: st.DataObject) -> list[str] | None:
        rows = _rows(lines, section) if section == "active" else [_figure_line(lines)]
        if not rows:
            return None
        i = data.draw(st.sampled_from(rows))
        cells = lines[i].split("\t")
        first = 1 if section == "active" else 0
        figs = [j for j in range(first, len(cells)) if _figure(cells[j]) is not None]
        if not figs:
            return None
        j = data.draw(st.sampled_from(figs))
        if how == "extra":
            k = data.draw(st.integers(first, len(cells)))
            cells.insert(k, str(data.draw(st.integers(0, 999))))
        elif how == "missing":
            if len(figs) < 2:
                return None  # (a row of one figure left blank is a blank cell)
            del cells[j]
        elif how == "unit":
            cells[j] += data.draw(st.sampled_from(["件", "项", "个"]))
        elif how == "run-together":
            if j + 1 >= len(cells) or _figure(cells[j + 1]) is None:
                return None
            sep = data.draw(st.sampled_from(["", " "]))
            cells[j : j + 2] = [cells[j] + sep + cells[j + 1]]
        elif how == "blank-dropped":
            if cells[j].strip() not in {"0"}:
                return None
            del cells[j]
        out = list(lines)
        out[i] = "\t".join(cells)
        return out

    return damage


def _reorder_rows(lines: list[str], data: st.DataObject) -> list[str] | None:
    rows = _rows(lines, "active")
    if len(rows) < 2:
        return None
    picked = data.draw(st.permutations(rows))
    out = list(lines)
    for i, j in zip(rows, picked, strict=True):
        out[i] = lines[j]
    return out


def _reorder_blocks(lines: list[str], data: st.DataObject) -> list[str] | None:
    caps = _captions(lines)
    if len(caps) < 2:
        return None
    _lo, hi = _bounds(lines)["active"]
    end = caps[-1] + 1
    while end < hi and "\t" in lines[end]:
        end += 1
    blocks = [lines[a:b] for a, b in zip(caps, [*caps[1:], end], strict=True)]
    order = data.draw(st.permutations(range(len(blocks))))
    return [*lines[: caps[0]], *(x for k in order for x in blocks[k]), *lines[end:]]


def _review_two_lines(lines: list[str], data: st.DataObject) -> list[str] | None:
    i = _figure_line(lines)
    cells = lines[i].split("\t")
    k = data.draw(st.integers(1, len(cells) - 1))
    out = list(lines)
    out[i : i + 1] = ["\t".join(cells[:k]), "\t".join(cells[k:])]
    if k == 1:
        out[i] += "\t"
    if len(cells) - k == 1:
        out[i + 1] += "\t"
    return out


def _review_headers(lines: list[str], data: st.DataObject) -> list[str] | None:
    heads = _header_lines(lines, "review")
    if not heads:
        return None
    i = heads[0]
    out = list(lines)
    how = data.draw(st.sampled_from(["merged", "no-litigation", "typo", "one-cell"]))
    if how == "merged":
        out[i] = "行政复议、行政诉讼" + "\t" * 15
    elif how == "no-litigation":
        out[i] = out[i].replace("行政诉讼", "")
    elif how == "typo":
        out[i] = out[i].replace("行政复议", "行政复仪").replace("行政诉讼", "行政讼诉")
        if len(heads) > 1:
            out[heads[1]] = out[heads[1]].replace("结果维持", "结果维特")
    else:
        out[i] = "行政复议\t行政诉讼"
    return out


def _review_transposed(
    report: gd.Report, by: str
) -> Callable[[list[str], st.DataObject], list[str] | None]:
    def damage(lines: list[str], data: st.DataObject) -> list[str] | None:
        table = report.table("review_litigation")
        if table is None:
            return None
        spec = table.spec
        heads = _header_lines(lines, "review")
        i = _figure_line(lines)
        cols = [c.label for c in spec.columns]

        def text(v: gd.CellValue) -> str:
            return "" if v is gd.BLANK else (v.text if isinstance(v, gd.Text) else str(v))

        if by == "group":  # a row per group: 行政复议, then its five figures
            rows = list(spec.rows)
            order = data.draw(st.permutations(rows))
            body = ["\t" + "\t".join(cols)] + [
                r.label + "\t" + "\t".join(text(table[r.id, c.id]) for c in spec.columns)
                for r in order
            ]
        else:  # a row per outcome: 结果维持, then the three groups' figures, in any order
            groups = data.draw(st.permutations(spec.rows))
            body = ["\t" + "\t".join(r.label for r in groups)] + [
                c.label + "\t" + "\t".join(text(table[r.id, c.id]) for r in groups)
                for c in spec.columns
            ]
        return [*lines[: heads[0]], *body, *lines[i + 1 :]]

    return damage


def damages(report: gd.Report | None) -> dict[str, Damage]:
    return {
        "active-typo": lambda ls, d: _edit_label(ls, d, "typo"),
        "active-insert": lambda ls, d: _edit_label(ls, d, "insert"),
        "active-remove": lambda ls, d: _edit_label(ls, d, "remove"),
        "active-spaces": lambda ls, d: _edit_label(ls, d, "spaces"),
        "active-numbered": lambda ls, d: _edit_label(ls, d, "numbered"),
        "active-split-label": _split_label,
        "active-other-edition-header": _other_edition,
        "active-no-header": _drop_lines(lambda ls: _header_lines(ls, "active")),
        "active-no-caption": _drop_lines(_captions),
        "active-extra-cell": _cells("active", "extra"),
        "active-missing-cell": _cells("active", "missing"),
        "active-unit": _cells("active", "unit"),
        "active-run-together": _cells("active", "run-together"),
        "active-reordered-rows": _reorder_rows,
        "active-reordered-blocks": _reorder_blocks,
        "review-no-header": _drop_lines(lambda ls: _header_lines(ls, "review")),
        "review-headers": _review_headers,
        "review-two-lines": _review_two_lines,
        "review-extra-cell": _cells("review", "extra"),
        "review-missing-cell": _cells("review", "missing"),
        "review-unit": _cells("review", "unit"),
        "review-run-together": _cells("review", "run-together"),
        "review-blank-dropped": _cells("review", "blank-dropped"),
        "review-by-group": _review_transposed(report, "group"),
        "review-by-outcome": _review_transposed(report, "outcome"),
    }


@pytest.mark.parametrize("name", sorted(damages(None)))
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(report=valid_reports(), reader=st.sampled_from(list(READERS)), data=st.data())
def test_damaged_sections_lose_no_figure(
    name: str, report: gd.Report, reader: str, data: st.DataObject
) -> None:
    lines = gd.render_text(report).split("\n")
    damaged = damages(report)[name](lines, data)
    if damaged is None:
        return
    note(f"{name} via {reader}")
    note("\n".join(damaged[slice(*_bounds(damaged)["active"])]))
    note("\n".join(damaged[slice(*_bounds(damaged)["review"])]))
    again = READERS[reader](damaged)
    assert_contract(report, damaged, again)


# ------------------------------------------------------------------ real reports

REAL_TEXTS = sorted(Path(REAL).glob("*.txt"))


def _line_damage(lines: list[str], data: st.DataObject, *, tabbed: bool) -> list[str]:
    """One damage to a line of section 二 or 四 of a real text (PDF text or the seed)."""
    section = data.draw(st.sampled_from(["active", "review"]))
    lo, hi = _bounds(lines)[section]
    at = [i for i in range(lo, hi) if lines[i].strip() and not PAGE_NUMBER.match(lines[i])]
    i = data.draw(st.sampled_from(at))
    line = lines[i]
    how = data.draw(st.sampled_from(["char", "word", "join", "split", "unit", "swap", "drop"]))
    out = list(lines)
    cjk = [k for k, ch in enumerate(line) if "\u4e00" <= ch <= "\u9fff"]
    if how == "char" and cjk:
        k = data.draw(st.sampled_from(cjk))
        out[i] = line[:k] + data.draw(st.sampled_from(["", "某", "的"])) + line[k + 1 :]
    elif how == "word" and cjk:
        k = data.draw(st.sampled_from(cjk))
        out[i] = line[:k] + data.draw(st.sampled_from(["事项", "（件）", "数量"])) + line[k:]
    elif how == "join" and i + 1 < hi and not PAGE_NUMBER.match(lines[i + 1]):
        # (a tab in a PDF's text is a layout of its own: not this damage)
        glue = data.draw(st.sampled_from([" ", "\t", ""] if tabbed else [" ", ""]))
        out[i : i + 2] = [line + glue + lines[i + 1]]
    elif how == "split":
        gaps = [m.start() for m in re.finditer(r"[\t ]", line)]
        if gaps:
            k = data.draw(st.sampled_from(gaps))
            out[i : i + 1] = [line[:k], line[k + 1 :]]
    elif how == "unit":
        tokens = list(re.finditer(r"(?<![\d.,])\d+(?![\d.,])", line))
        if tokens:
            m = data.draw(st.sampled_from(tokens))
            out[i] = line[: m.end()] + data.draw(st.sampled_from(["件", "项"])) + line[m.end() :]
    elif how == "swap":
        j = data.draw(st.sampled_from(at))
        out[i], out[j] = lines[j], lines[i]
    elif how == "drop" and not any(_figure(t) is not None for t in line.split()):
        del out[i]
    return out


@pytest.mark.parametrize("path", REAL_TEXTS, ids=lambda p: p.stem)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_real_report_loses_no_figure(path: Path, data: st.DataObject) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    damaged = lines
    tabbed = path.name == "xunzhen-2024.txt"
    for _ in range(data.draw(st.integers(1, 3))):
        damaged = _line_damage(damaged, data, tabbed=tabbed)
    assert_nothing_lost(damaged, gd.parse_text("\n".join(damaged)), tabbed=tabbed)


# ------------------------------------------------------------------ named cases

SEED = (Path(REAL) / "xunzhen-2024.txt").read_text(encoding="utf-8")
REVIEW = ((1, 2, 3, 4, 10), (5, 6, 7, 8, 26), (9, 11, 12, 13, 45))
"""Section 四 of the named cases: every figure different, each group's 总计 its sum."""


def _seed_with_review(body: list[str]) -> list[str]:
    """The seed with section 四's lines (after its heading) replaced by ``body``."""
    lines = SEED.split("\n")
    lo, hi = _bounds(lines)["review"]
    return [*lines[:lo], *body, *lines[hi:]]


def _review_cells(report: gd.Report) -> tuple[tuple[object, ...], ...] | None:
    table = report.review_litigation
    return None if table is None else table.cells


LABELS = ("行政复议", "未经复议直接起诉", "复议后起诉")
OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("order", [(0, 1, 2), (1, 0, 2), (2, 1, 0)])
def test_review_as_a_row_per_group_in_any_order(reader: str, order: tuple[int, ...]) -> None:
    """行政复议, 未经复议直接起诉, 复议后起诉 as rows of five: each read into its own row
    (read as one row of fifteen, a group printed out of order took another's cells)."""
    body = ["\t" + "\t".join(OUTCOMES)] + [
        LABELS[g] + "\t" + "\t".join(map(str, REVIEW[g])) for g in order
    ]
    again = READERS[reader](_seed_with_review(body))
    assert _review_cells(again) == REVIEW
    assert [f.code for f in again.findings if f.path.startswith("review")] == []


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("order", [(0, 1, 2), (2, 0, 1)])
def test_review_transposed_a_row_per_outcome(reader: str, order: tuple[int, ...]) -> None:
    """结果维持 … 总计 as rows of three, the groups in the order of the header."""
    body = ["\t" + "\t".join(LABELS[g] for g in order)] + [
        OUTCOMES[k] + "\t" + "\t".join(str(REVIEW[g][k]) for g in order) for k in range(5)
    ]
    again = READERS[reader](_seed_with_review(body))
    assert _review_cells(again) == REVIEW


def test_review_per_outcome_with_a_figure_missing_says_so() -> None:
    body = ["\t" + "\t".join(LABELS)] + [
        OUTCOMES[k] + "\t" + "\t".join(str(REVIEW[g][k]) for g in range(3 if k else 2))
        for k in range(5)
    ]
    again = gd.parse_text("\n".join(_seed_with_review(body)))
    assert ("parse.missing-cells", "review_litigation.*.upheld") in [
        (f.code, f.path) for f in again.findings
    ]


def _review_lines(cells: list[str]) -> list[str]:
    lines = SEED.split("\n")
    lo, hi = _bounds(lines)["review"]
    body = [line for line in lines[lo:hi] if "\t" in line]
    return _seed_with_review([*body[:-1], "\t".join(cells)])


def test_a_word_row_short_of_a_cell_is_short_not_blank_at_its_end() -> None:
    """A Word table's row of fourteen cells under a header of fifteen and more: its last
    position holds no cell. It was read as a blank there, the figures in the cells
    before it, without a word; it is now a row short of a cell, read as the same row
    of text is (here: which figures ran together is not certain, and the finding quotes
    them), and run-together figures are split where the identities allow one split."""
    flat = [str(v) for row in REVIEW for v in row]
    short = [*flat[:3], *flat[4:]]  # the fourth figure left out
    again = gd.parse_docx(as_docx(_review_lines(short)))
    said = [f.code for f in again.findings if f.path == "review_litigation"]
    assert said == ["parse.uncertain-cells"]
    glued = [*flat[:9], flat[9] + " " + flat[10], *flat[11:]]  # "26 9": one cell of two
    again = gd.parse_docx(as_docx(_review_lines(glued)))
    assert _review_cells(again) == REVIEW


def test_a_figure_run_into_the_next_caption_is_quoted() -> None:
    """行政强制's last figure and the caption of (八) in one cell (PDF lines joined): the
    cell is no caption, no row, and its figure was dropped with the header words."""
    lines = SEED.split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("行政强制"))
    lines[i : i + 2] = [lines[i].rstrip("\t").rsplit("\t", 1)[0] + "\t7 " + lines[i + 1]]
    again = gd.parse_text("\n".join(lines))
    quoted = [str(f.args["text"]) for f in again.findings if f.code == "parse.unread-label"]
    assert quoted == ["7 第二十条第（八）项"]


@pytest.mark.parametrize("name", [p.stem for p in REAL_TEXTS])
def test_the_real_reports_have_no_unread_figure_in_section_2(name: str) -> None:
    report = gd.parse_text((Path(REAL) / f"{name}.txt").read_text(encoding="utf-8"))
    unread = [f for f in report.findings if f.code == "parse.unread-label"]
    assert [f for f in unread if f.path.startswith("active")] == []


def test_figures_run_together_with_a_minus_sign_are_quoted() -> None:
    """Found by Hypothesis (dev profile): 本年增/减's 1 and −1 run together into ``1-1``
    made the row's only value cell a word, the row unreadable and the figures gone
    without a word; the cell is now quoted in ``parse.unread-label``."""
    report = gd.build_report(
        organ="淮安市人民政府", year=2019, published="2020-01-01", edition="2019"
    )
    text = gd.render_text(report)
    assert "行政事业性收费\t0\t0" in text
    again = gd.parse_text(text.replace("行政事业性收费\t0\t0", "行政事业性收费\t1-1"))
    quoted = [
        (f.path, dict(f.params)["text"]) for f in again.findings if f.code == "parse.unread-label"
    ]
    assert quoted == [("active.art20_8", "1-1")]
