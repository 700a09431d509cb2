"""Section 四 in text: figures glued to its labels and header words reach their cells,
and a digit glued to one that makes the table one cell too many is weighed as a
footnote mark by section 四's identities (each group's 总计 the sum of its four
outcomes): ``parse.footnote-mark`` when they decide, ``parse.uncertain-mark`` (the
digit read as a figure, as before) when they cannot.

The damaged texts are the section 四 of the real texts in ``tests/data/real``, damaged
the way extractors do: a superscript digit flattened onto a header word, the line
break or tab between a header word and the first figure lost, the row of figures cut
over two lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.strategies import valid_reports

REAL = Path(__file__).parent / "data" / "real"
HALF = settings(max_examples=max(10, settings().max_examples // 2))
MARKS = ("parse.footnote-mark", "parse.uncertain-mark")


def _figures(report: gd.Report) -> list[list[object]]:
    table = report.review_litigation
    assert table is not None
    return [list(row) for row in table.cells]


def _marks(report: gd.Report) -> list[tuple[str, str, str, str]]:
    return [
        (f.code, f.path, str(f.args["mark"]), str(f.args["text"]))
        for f in report.findings
        if f.code in MARKS
    ]


def _read(name: str, row: str, damaged: str) -> tuple[gd.Report, gd.Report]:
    """The real text ``name`` read as it is, and with ``row`` (found in it) damaged."""
    text = (REAL / name).read_text("utf-8")
    assert row in text
    return gd.parse_text(text), gd.parse_text(text.replace(row, damaged, 1))


#: (file, the text as extracted, the same damaged, the mark and the word it is glued to)
MARKED = [
    # a superscript 1 on the last header word, flattened by pdfplumber
    ("hongze-2024.pdfplumber.txt", "结果 审结\n1 1 0", "结果 审结1\n1 1 0", "1", "审结"),
    ("hongze-2024.pdfplumber.txt", "总 计 总计\n", "总 计 总计2\n", "2", "总计"),
    ("hongze-2024.pdfplumber.txt", "行政复议 行政诉讼\n", "行政复议1 行政诉讼\n", "1", "行政复议"),
    # the mark, then the figures on the same line (the line break lost)
    ("hongze-2024.pdfplumber.txt", "结果 审结\n1 1 0", "结果 审结1 1 1 0", "1", "审结"),
    # the mark, and the row of figures cut over two lines
    (
        "hongze-2024.pdfplumber.txt",
        "结果 审结\n1 1 0 0 2 1 0 0 0 1",
        "结果 审结1\n1 1 0 0 2 1 0 0\n0 1",
        "1",
        "审结",
    ),
    # pypdf cuts 总计 in two: the mark on its second half
    ("hongze-2024.pypdf.txt", "尚未 审结 总 计\n1 1 0", "尚未 审结 总 计1\n1 1 0", "1", "总计"),
    ("hongze-2024.pypdf.txt", "审结 总 计 结果 维持", "审结 总 计2 结果 维持", "2", "总计"),
    # tab-separated text (the blank cells of a merged header stay header positions)
    ("xunzhen-2024.txt", "行政复议\t\t", "行政复议1\t\t", "1", "行政复议"),
    ("xunzhen-2024.txt", "\t总计\t\n0\t", "\t总计1\t\n0\t", "1", "总计"),
    ("xunzhen-2024.txt", "\t复议后起诉\t", "\t复议后起诉3\t", "3", "复议后起诉"),
]


@pytest.mark.parametrize(("name", "row", "damaged", "mark", "word"), MARKED)
def test_a_footnote_digit_glued_to_a_header_word_of_section_4_is_a_mark(
    name: str, row: str, damaged: str, mark: str, word: str
) -> None:
    """With the digit the table has one cell too many and does not add up; without
    it, fifteen cells that do: the digit is a mark, reported, and every figure stays
    in its column."""
    plain, again = _read(name, row, damaged)
    assert _figures(again) == _figures(plain)
    assert again == plain
    assert _marks(again) == [("parse.footnote-mark", "review_litigation", mark, word)]
    assert [f for f in again.findings if f.code not in MARKS] == list(plain.findings)


@pytest.mark.parametrize(
    ("name", "row", "damaged"),
    [
        # the line break between the last header word and the first figure lost
        ("hongze-2024.pdfplumber.txt", "结果 审结\n1 1 0", "结果 审结1 1 0"),
        # … where pypdf cut that word in two (总 / 计1)
        ("hongze-2024.pypdf.txt", "总 计\n1 1 0", "总 计1 1 0"),
        # the row of figures cut over two lines
        (
            "hongze-2024.pdfplumber.txt",
            "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3",
            "1 1 0 0 2 1 0\n0 0 1 2 0 1 0 3",
        ),
    ],
)
def test_a_figure_glued_to_a_header_word_of_section_4_reaches_its_cell(
    name: str, row: str, damaged: str
) -> None:
    plain, again = _read(name, row, damaged)
    assert _figures(again) == _figures(plain)
    assert again == plain
    assert not _marks(again)


def test_a_glued_digit_the_identities_cannot_weigh_is_read_as_before_and_reported() -> None:
    """hongze-2023's section 四 does not add up as printed (10 + 1 ≠ 0): with a digit
    glued to its last header word the table has one cell too many, and neither
    reading satisfies the identities. The digit stays the first figure, as it was
    read before, the last cell is an extra one, and a finding quotes the digit."""
    _, again = _read("hongze-2023.pdfplumber.txt", "结果 审结\n10 1 0", "结果 审结1\n10 1 0")
    assert _marks(again) == [("parse.uncertain-mark", "review_litigation", "1", "审结")]
    assert _figures(again)[0] == [1, 10, 1, 0, 0]
    extra = [f.args["cells"] for f in again.findings if f.code == "parse.extra-cells"]
    assert extra == ["0"]
    uncertain = next(f for f in again.findings if f.code == "parse.uncertain-mark")
    assert '"1"' in uncertain.message("en")
    assert "审结" in uncertain.message("zh_CN")


def test_a_glued_digit_both_readings_satisfy_is_read_as_before_and_reported() -> None:
    """xunzhen's row of figures has sixteen zeros, one cell too many. With the tab
    between 总计 and its first 0 lost, that 0 glued to the header word may be a mark
    before fifteen zeros or the first of sixteen: both readings add up (all zeros),
    so the 0 is read as before, a figure, and a finding quotes it."""
    plain, again = _read("xunzhen-2024.txt", "\t总计\t\n0\t", "\t总计0\t")
    assert again == plain
    assert _marks(again) == [("parse.uncertain-mark", "review_litigation", "0", "总计")]
    others = [(f.code, f.path, f.params) for f in again.findings if f.code not in MARKS]
    assert others == [(f.code, f.path, f.params) for f in plain.findings]  # (a line fewer)


def test_the_identities_keep_a_glued_digit_that_makes_them_hold_a_figure() -> None:
    """A digit glued to the last header word, then fifteen cells: with the digit as
    the first figure (the last cell an extra one) the table adds up, without it it
    does not: the digit is the first figure, and no mark is reported."""
    report = gd.build_report(
        organ="某县某局",
        year=2024,
        review_litigation={"review": {"upheld": 1, "total": 1}},
    )
    text = gd.render_text(report)
    header = "\t尚未审结\t总计\n"
    figures = "1\t0\t0\t0\t1\t" + "\t".join(["0"] * 10)
    assert header + figures in text
    # 1 glued to 总计, then 0 0 0 1 0 … 0 and one 0 more: 1 0 0 0 1 adds up, 0 0 0 1 0 not
    shifted = "\t".join(["0", "0", "0", "1", *["0"] * 11])
    again = gd.parse_text(text.replace(header + figures, "\t尚未审结\t总计1\n" + shifted))
    assert again.review_litigation == report.review_litigation
    assert not _marks(again)
    assert [(f.code, f.args["cells"]) for f in again.findings] == [("parse.extra-cells", "0")]


@pytest.mark.parametrize("word", ["行政复议", "总计"])
def test_a_footnote_digit_glued_to_a_header_of_section_4_in_a_page_is_a_mark(word: str) -> None:
    """The same in a web page's header cell (the first 行政复议, the last 总计): the
    tables are shared by every reader."""
    report = gd.build_report(
        organ="某县某局", year=2024, review_litigation={"review": {"upheld": 2, "total": 2}}
    )
    page = gd.render_html(report)
    cell = f"{word}</th>"
    at = page.index(cell) if word == "行政复议" else page.rindex(cell)
    again = gd.parse_html(page[:at] + f"{word}1</th>" + page[at + len(cell) :])
    assert again == report
    assert _marks(again) == [("parse.footnote-mark", "review_litigation", "1", word)]


#: the header lines of section 四 in the official text layout
_HEADER = ("行政复议\t", "结果维持\t", "\t\t\t\t\t结果维持")


def _section_4(lines: list[str]) -> tuple[list[int], int]:
    """The indices of the header lines of section 四, and of its line of figures."""
    start = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    first = next(i for i in range(start, len(lines)) if lines[i].startswith(_HEADER[0]))
    header = [first, first + 1, first + 2]
    assert [lines[i][: len(h)] for i, h in zip(header, _HEADER, strict=True)] == list(_HEADER)
    return header, first + 3


@HALF
@given(valid_reports(), st.data())
def test_a_digit_glued_to_a_header_word_of_section_4_is_weighed(
    report: gd.Report, data: st.DataObject
) -> None:
    """A footnote digit glued to any label or header word of section 四 (the row of
    figures maybe cut over two lines, or joined to the last header line): the
    section reads the same, and a finding quotes the digit; or, when the identities
    cannot tell (the figures moved one cell add up too), the digit is the first
    figure, as before, and the finding says so."""
    lines = gd.render_text(report).split("\n")
    header, at = _section_4(lines)
    words = [(i, j) for i in header for j, w in enumerate(lines[i].split("\t")) if w]
    i, j = data.draw(st.sampled_from(words))
    mark = data.draw(st.sampled_from(["1", "2", "3", "9", "12"]))
    parts = lines[i].split("\t")
    word = parts[j]
    parts[j] += mark
    lines[i] = "\t".join(parts)
    layout = data.draw(st.sampled_from(["as is", "cut", "joined"]))
    if layout == "cut":  # the row of figures over two lines
        cells = lines[at].split("\t")
        # (two cells on the second line at least: one alone on a line of tab-separated
        # text is read as prose, a limit of the text reader's blocks, not of this)
        k = data.draw(st.integers(1, len(cells) - 2))
        lines[at : at + 1] = ["\t".join(cells[:k]), "\t".join(cells[k:])]
    elif layout == "joined" and i == header[-1] and j == len(parts) - 1:
        lines[i : at + 1] = [lines[i] + "\t" + lines[at]]  # (the line break lost)
    again = gd.parse_text("\n".join(lines))
    marks = _marks(again)
    assert len(marks) == 1
    code, path, quoted, glued_to = marks[0]
    assert (path, quoted, glued_to) == ("review_litigation", mark, word)
    table = report.review_litigation
    assert table is not None
    if code == "parse.footnote-mark":
        assert again.review_litigation == table
        assert again.applications == report.applications
    else:  # the figures moved one cell add up too: read as before
        first = [v for row in table.cells for v in row][:14]
        assert [v for row in _figures(again) for v in row] == [int(mark), *first]


@HALF
@given(valid_reports(), st.data())
def test_a_figure_glued_to_the_last_header_word_of_section_4_reaches_its_cell(
    report: gd.Report, data: st.DataObject
) -> None:
    """The line break between the last header word (总计) and the first figure lost,
    with or without the tab: section 四 reads the same, and no mark is reported."""
    lines = gd.render_text(report).split("\n")
    header, at = _section_4(lines)
    sep = data.draw(st.sampled_from(["", "\t"]))
    lines[header[-1] : at + 1] = [lines[header[-1]] + sep + lines[at]]
    again = gd.parse_text("\n".join(lines))
    assert again.review_litigation == report.review_litigation
    assert not _marks(again)
