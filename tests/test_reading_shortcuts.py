"""The shortcuts of the reading engine give what the long way gives.

Each shortcut taken for speed (a width counted by regular expressions, a paragraph not
normalised, shared sources, a row of cells read in one loop, repeated cells recognised
without comparing them whole) is checked here against the plain computation it stands
for, on the inputs where the two could part.
"""

from __future__ import annotations

import pickle
import re
import unicodedata

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from govdisclosure._nfkc import nfkc, per_character
from govdisclosure.formats import _assembly, _cells, _grids, _labels, text
from govdisclosure.formats._raw import (
    RawCell,
    RawParagraph,
    RawRow,
    RawTable,
    grid_cell,
    grid_source,
    make_cell,
    make_paragraph,
    make_row,
)
from govdisclosure.model import BLANK, Finding, NotApplicable, Source, is_number, read_cell
from govdisclosure.template import ColumnSpec, Edition, TableSpec, normalize_label, template


def _slow_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s.strip())


_MIXED = st.text(
    alphabet=st.one_of(
        st.sampled_from("年月日期间发布，。：:（）()「」　 \t0123456789ＡＢ１２—…"),
        st.characters(min_codepoint=0x2000, max_codepoint=0x206F),
        st.characters(min_codepoint=0x3000, max_codepoint=0x303F),
        st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
        st.characters(min_codepoint=0x2E80, max_codepoint=0x2FDF),  # radicals
        st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF),  # compatibility
        st.characters(min_codepoint=0x3200, max_codepoint=0x33FF),  # enclosed, squared
        st.characters(),
    ),
    max_size=40,
)


def test_width_of_every_character_of_the_common_ranges() -> None:
    for lo, hi in text._COMMON_RANGES:
        chars = "".join(chr(cp) for cp in range(lo, hi + 1)).replace("\n", "")
        for i in range(0, len(chars), 97):
            piece = "x" + chars[i : i + 97] + "x"  # keep blanks from being stripped
            assert text._width(piece) == _slow_width(piece)


@given(_MIXED)
def test_width_matches_east_asian_width(s: str) -> None:
    assert text._width(s) == _slow_width(s)


def test_width_outside_the_common_ranges() -> None:
    assert text._width("한국어 text") == _slow_width("한국어 text") == 11
    assert text._width("２０２４年　") == 10


@given(_MIXED)
def test_labelled_date_shortcut(s: str) -> None:
    for candidate in (
        s,
        "发布日期：" + s,
        s + "成文日期:2025年2月7日",
        "生成时间" + s,
        "截止日期" + s,
    ):
        fast = _assembly._labelled_date(candidate)
        slow = _assembly._LABELLED_DATE.search(nfkc(candidate))
        assert (fast and fast.span(), fast and fast.group()) == (
            slow and slow.span(),
            slow and slow.group(),
        )


def test_labelled_date_in_compatibility_characters() -> None:
    # ⽇ (a Kangxi radical) reads 日 once normalised: the paragraph is normalised
    s = "发布\u2f47期：２０２５年２月７日"
    assert not per_character(s)
    m = _assembly._labelled_date(s)
    assert m is not None
    assert m.group() == "发布日期:2025年2月7日"
    assert _assembly._labelled_date("发布\u2f47\u2f47：2025年2月7日") is None
    both = _assembly._labelled_date("截止日期，发布\u2f47期：2025年2月7日")
    assert both is not None
    assert both.group() == "发布日期:2025年2月7日"
    assert _assembly._labelled_date("本年度发布政府信息1234条，其中新增2条。") is None
    assert _assembly._labelled_date("生成时间：2025-02-07") is not None


def test_per_character() -> None:
    assert per_character("abc")
    assert per_character("本年度发布（一）：２０２５")
    assert not per_character("ｶﾀｶﾅ")  # half-width kana compose
    assert not per_character("㍻")
    for s in ("本年度发布（一）：２０２５", "abc"):
        assert len(nfkc(s)) == len(s)


_BLANKS = "".join(c for c in map(chr, range(0x3100)) if c.isspace())
"""Every white space character up to U+3000 (the ideographic space): what ``\\S`` and
``str.split`` both look for."""


@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(_BLANKS), st.sampled_from("合计1２略 \t"), st.characters()
        ),
        max_size=30,
    )
)
@example("  合计  1 2")
@example("1 11 1")  # a word found again inside a longer one after it
@example("a\x1cb\x85c\u2028d\u3000e\xa0f")  # blanks beyond ASCII
def test_words_are_the_runs_of_non_blanks(line: str) -> None:
    # the plain way: each match of \S+ at its column
    plain = [(m.group(), Source(line=3, column=m.start() + 1)) for m in re.finditer(r"\S+", line)]
    assert [(c.text, c.source) for c in text._words(line, 3)] == plain


def test_text_sources_are_shared_and_equal() -> None:
    a = text._source(12, 3)
    assert a == Source(line=12, column=3)
    assert text._source(12, 3) is a
    assert text._source(12) == Source(line=12)
    row = text._tokens("合计\t1\t\t2", 7, tabbed=True)
    assert [(c.text, c.source) for c in row.cells] == [
        ("合计", Source(line=7, column=1)),
        ("1", Source(line=7, column=4)),
        ("", Source(line=7, column=6)),
        ("2", Source(line=7, column=7)),
    ]
    words = text._tokens("  合计  1 2", 8, tabbed=False)
    assert [(c.text, c.source.column) for c in words.cells] == [("合计", 3), ("1", 7), ("2", 9)]
    assert words.source == Source(line=8)


def test_table_kind_needs_a_mark() -> None:
    assert text._table_kind("（本列数据的勾稽关系为：第一项加第二项之和）") == "applications"
    assert text._table_kind("行政复议\t\t\t\t\t行政诉讼") == "review_litigation"
    assert text._table_kind("信息内容\t本年制发件数\t第二十条") == "active"
    assert text._table_kind("本年新收\t行政复议") == "applications"  # first kind wins
    assert text._table_kind("规章\t1\t2\t3") is None


def _cell(t: str, column: int, row: int = 0) -> RawCell:
    return RawCell(t, Source(line=1, column=column, table=0, row=row, cell=column))


def test_items_read_a_spanning_cell_once() -> None:
    label = _cell("合计", 0)
    copy = RawCell("合计", Source(line=1, column=0, table=0, row=0, cell=0))  # equal, not same
    row = RawRow(
        (label, copy, _cell("5", 1), RawCell("5", _cell("5", 1).source), _cell("5", 2)),
        label.source,
    )
    (item,) = _cells.items([row])
    assert item.labels == (label,)
    # the equal copy of the first 5 is dropped; the second 5, elsewhere, is kept
    assert [c.source.cell for c in item.values] == [1, 2]
    assert item.figures == item.values


def test_items_figures_and_blank_values() -> None:
    # (其他 is a label of the format: a word no label holds, such as 乙, followed by
    # nothing but blanks would be a value of the row, written in place of a figure)
    row = RawRow((_cell("甲", 0), _cell("", 1), _cell("3", 2), _cell("其他", 3), _cell("", 4)),
                 Source(line=1))  # fmt: skip
    first, second = _cells.items([row])
    assert first.figures == (row.cells[2],)
    assert first.values == row.cells[1:3]
    assert second.labels == (row.cells[3],)
    assert second.values == (row.cells[4],)
    assert second.figures == ()
    # figures worked out when not given
    assert _cells.Item((), row.cells[1:3], row.source).figures == (row.cells[2],)


def test_output_cells_match_cell_by_cell() -> None:
    columns = template(Edition.V2021).table("applications").columns
    texts = ["12件", "3", "", "/", "251000元"]
    raws = [RawCell(t, Source(line=2, column=i + 1)) for i, t in enumerate(texts)]
    paths = [f"x.{c.id}" for c in columns]
    one, many = _cells.Output(), _cells.Output()
    padded = [*raws, *([None] * (len(columns) - len(raws)))]
    expected = tuple(one.cell(p, r, c) for p, r, c in zip(paths, padded, columns, strict=True))
    got = many.cells(paths, raws, columns)
    assert got == expected
    assert len(got) == len(columns)
    assert got[-1] is BLANK
    assert many.findings == one.findings
    assert many.findings
    assert list(many.provenance.items()) == list(one.provenance.items())


def _slow_match_stream(
    labels: list[tuple[str, list[tuple[str, str]]]], pieces: list[RawCell]
) -> list[tuple[str, str, tuple[int, ...]]]:
    norm = [normalize_label(p.text) for p in pieces]
    used = [False] * len(pieces)
    cursor, out = 0, []
    for official, cands in labels:
        found = None
        for start in range(cursor, len(pieces)):
            if used[start]:
                continue
            for cand, printed in cands:
                taken = _labels._consume(cand, norm, used, start)
                if taken is not None:
                    found = (taken, printed)
                    break
            if found is not None:
                break
        if found is None:
            continue
        for j in found[0]:
            used[j] = True
        cursor = found[0][0] + 1
        out.append((official, found[1], tuple(found[0])))
    return out


@given(st.lists(st.sampled_from(["本年新收", "政府信息公开申请数量", "", "三、", "予以公开", "合计"]),
                max_size=12))  # fmt: skip
def test_match_stream_shortcut(texts: list[str]) -> None:
    pieces = [RawCell(t, Source(line=i + 1)) for i, t in enumerate(texts)]
    labels = [
        (
            "三、本年新收政府信息公开申请数量",
            [(normalize_label("三、本年新收政府信息公开申请数量"), "x")],
        ),
        ("予以公开", [(normalize_label("予以公开"), "予以公开"), ("合计", "合计")]),
    ]
    got = [(m.label, m.found, tuple(pieces.index(p) for p in m.pieces))
           for m in _labels.match_stream(labels, pieces)]  # fmt: skip
    assert got == _slow_match_stream(labels, pieces)


def test_width_pattern_is_a_character_class() -> None:
    other, narrow = text._width_patterns()
    assert other.search("中文，ＡＢ") is None
    assert other.search("한") is not None
    assert narrow.findall("a中，“b") == ["a", "“", "b"]
    assert isinstance(other, re.Pattern)


def test_remembered_matches_are_the_matches_of_these_pieces() -> None:
    spec = template(Edition.V2021).table("applications")
    leaves, groups, _ = _grids._stream_labels(spec)
    texts = ["三、本年新收", "政府信息公开申请数量", "（一）予以公开", "合计", "（一）予以公开"]
    norm = tuple(normalize_label(t) for t in texts)
    for _ in (1, 2):  # the second time from memory
        got = _grids._taken(leaves, norm, ordered=True)
        assert got == _labels.match_indices(leaves, norm)
        assert got
        assert _grids._taken(groups, norm, ordered=False) == _labels.match_indices(
            groups, norm, ordered=False
        )


def test_associate_remembers_per_table() -> None:
    v2021 = template(Edition.V2021).table("applications")
    v2019 = template(Edition.V2019).table("applications")
    label = normalize_label(v2021.rows[0].label)
    first = _labels.associate(label, v2021)
    assert first == v2021.rows[0].id
    assert _labels.associate(label, v2021) == first
    assert _labels.associate(label, v2019) == _labels._associate(
        label, _labels._row_candidates(v2019)
    )
    assert _labels.associate("", v2021) is None


def test_opens_table_shortcut() -> None:
    assert text._opens_table("第二十条第（一）项") == "active"
    assert text._opens_table("第二〸条第（一）项") == "active"  # 〸 reads 十
    assert text._opens_table(" （本列数据的勾稽关系为：第一项加第二项之和）") == "applications"
    assert text._opens_table("\u2f46二十条第（一）项") is None  # ⽆ is no 第
    assert text._opens_table("本年新收\t1\t2") is None


def _opens_table_the_long_way(norm: str) -> str | None:
    """The table a line opens, from the whole line normalised as a label."""
    if len(norm) <= 60:
        if norm.startswith("第二十条第"):
            return "active"
        if norm.startswith("(本列数据的勾稽关系"):
            return "applications"
    return None


@given(_MIXED)
def test_opens_table_matches_the_long_way(s: str) -> None:
    for line in (s, "第二十条第" + s, "(本列数据的勾稽关系" + s):
        assert text._opens_table(line) == _opens_table_the_long_way(normalize_label(line))


def test_make_cell_is_a_raw_cell() -> None:
    source = Source(line=3, column=4)
    cell = make_cell("合计", source)
    assert type(cell) is RawCell
    assert cell == RawCell("合计", source)
    assert hash(cell) == hash(RawCell("合计", source))
    assert repr(cell) == repr(RawCell("合计", source))
    # make_cell sets exactly these slots: a new field, converter or validator needs it too
    fields = attrs.fields(RawCell)
    assert [f.name for f in fields] == ["text", "source"]
    assert all(f.converter is None and f.validator is None for f in fields)
    assert not hasattr(RawCell, "__attrs_post_init__")


@given(st.text(max_size=12), st.none() | st.integers(-3, 10_000))
def test_make_paragraph_is_a_raw_paragraph(text_: str, line: int | None) -> None:
    source = Source(line=line)
    plain = RawParagraph(text_, source)
    fast = make_paragraph(text_, source)
    assert type(fast) is RawParagraph
    assert fast == plain
    assert hash(fast) == hash(plain)
    assert repr(fast) == repr(plain)
    # make_paragraph sets exactly these slots: a new field, converter or validator needs it too
    fields = attrs.fields(RawParagraph)
    assert [f.name for f in fields] == ["text", "source"]
    assert all(f.converter is None and f.validator is None for f in fields)
    assert not hasattr(RawParagraph, "__attrs_post_init__")


_SMALL = st.none() | st.integers(-3, 10_000)


@given(st.integers(0, 50), st.integers(0, 500), _SMALL, _SMALL)
def test_grid_source_is_a_source(table: int, row: int, cell: int | None, line: int | None) -> None:
    plain = Source(table=table, row=row, cell=cell, line=line)
    fast = grid_source(table, row, cell, line)
    assert type(fast) is Source
    assert fast == plain
    assert hash(fast) == hash(plain)
    assert repr(fast) == repr(plain)
    assert str(fast) == str(plain)
    assert pickle.loads(pickle.dumps(fast)) == plain
    # every field of the plain one is set on the fast one, to the same value
    assert attrs.asdict(fast) == attrs.asdict(plain)


@given(st.text(max_size=8), st.integers(0, 50), st.integers(0, 500), st.integers(0, 500), _SMALL)
def test_grid_cell_is_a_raw_cell(
    text_: str, table: int, row: int, cell: int, line: int | None
) -> None:
    plain = RawCell(text_, Source(table=table, row=row, cell=cell, line=line))
    fast = grid_cell(text_, table, row, cell, line)
    assert type(fast) is RawCell
    assert type(fast.source) is Source
    assert fast == plain
    assert hash(fast) == hash(plain)
    assert repr(fast) == repr(plain)


def test_fast_sources_set_every_field() -> None:
    # grid_source sets exactly these slots: a new field of Source needs it too
    fields = attrs.fields(Source)
    assert [f.name for f in fields] == ["line", "column", "table", "row", "cell", "page", "x", "y"]
    assert all(f.default is None for f in fields)
    assert all(f.converter is None and f.validator is None for f in fields)
    assert not hasattr(Source, "__attrs_post_init__")


def test_make_row_is_a_raw_row() -> None:
    source = Source(line=3, table=1, row=2)
    cells = (make_cell("合计", Source(line=3)), make_cell("0", Source(line=3, column=5)))
    row = make_row(cells, source)
    assert type(row) is RawRow
    assert row == RawRow(cells, source)
    assert hash(row) == hash(RawRow(list(cells), source))
    assert repr(row) == repr(RawRow(cells, source))
    # make_row sets exactly these slots, the cells already a tuple (the converter's work)
    fields = attrs.fields(RawRow)
    assert [f.name for f in fields] == ["cells", "source"]
    assert fields.source.converter is None
    assert not hasattr(RawRow, "__attrs_post_init__")
    assert all(f.validator is None for f in fields)


def test_no_other_character_normalises_to_the_characters_looked_for() -> None:
    # _labelled_date skips a paragraph without 期 and 间: it relies on this
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        folded = unicodedata.normalize("NFKC", c)
        assert ("期" not in folded and "间" not in folded) or c in "期间", hex(cp)
        # nor those of the words of a table's kind (text._table_kind)
        assert not any(k in folded for k in "条稽请情收政议讼") or c in "条稽请情收政议讼", hex(cp)
    # nor are they made by composition: neither has a decomposition to compose from
    assert unicodedata.decomposition("期") == unicodedata.decomposition("间") == ""


def test_fast_path_characters_keep_blanks_and_make_no_other_ideograph() -> None:
    # _classify drops the blanks of a per_character text without folding it: each
    # character of the fast path folds to one character, blank exactly when it is
    # blank, and to an ideograph only when it is that ideograph or one of _NUMERALS
    numerals = ""
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        if not per_character(c):
            continue
        folded = unicodedata.normalize("NFKC", c)
        assert len(folded) == 1, hex(cp)
        assert folded.isspace() == c.isspace(), hex(cp)
        if "\u4e00" <= folded <= "\u9fff" and folded != c:
            numerals += c
    assert numerals == _assembly._NUMERALS


_HEADINGS = st.lists(
    st.sampled_from(
        [
            " ",
            "\u3000",
            "\t",
            "x",
            "、",
            ".",
            "七",
            "一",
            "六",
            "总体情况",
            "主动公开",
            "申请",
            "复议",
            "诉讼",
            "问题",
            "改进",
            "其他",
            "其它",
            "数量",
            "结转",
            "政府信息公开行政复议、行政诉讼情况",
            "其他需要报告的事项",
        ]
    ),
    max_size=5,
).map("".join)


@given(_HEADINGS, st.sampled_from(["", "一、", "三、", " 六．", "\u3000四,", "七、"]))
def test_match_heading_skips_only_what_cannot_be_a_heading(body: str, head: str) -> None:
    for s in (body, head + body, body + head):
        assert _assembly.match_heading(s) == _assembly._match_heading.__wrapped__(s)


_TABLE_TEXT = st.lists(
    st.sampled_from(
        [
            "本年",
            "新收",
            "予以公开",
            "行政",
            "复议",
            "诉讼",
            "第二十条",
            "规章",
            "规",
            "章",
            "\u2f8f",
            "\u2f42",
            "\u3038",
            "（",
            "）",
            "、",
            "，",
            "1,",
            "1、",
            " ",
            "\u3000",
            "\n",
            "x",
            "０",
            "合计",
            "信息内容",
            "\u0301",
            "e",
        ]
    ),
    max_size=6,
).map("".join)


@given(st.lists(st.lists(_TABLE_TEXT, max_size=4), max_size=4))
@example([["本年 新收"]])  # white space dropped
@example([["本年", "\u3000新收", "行政复议"]])  # across cells
@example([["\u2f8f政复议"]])  # a Kangxi radical: ⾏ is 行 once normalised
@example([["第二\u3038条"]])  # 〸 is 十
def test_table_kind_from_the_folded_words(rows: list[list[str]]) -> None:
    table = RawTable(
        [RawRow([RawCell(t, Source(line=1)) for t in row], Source(line=1)) for row in rows],
        Source(line=1),
    )
    # the plain way (as the reader did): the whole text folded as a label
    folded = normalize_label.__wrapped__("".join(t for row in rows for t in row))
    plain = None
    if any(k in folded for k in ("本年新收", "予以公开", "结转下年度", "上年结转")):
        plain = "applications"
    elif any(k in folded for k in ("行政复议", "复议后起诉", "直接起诉", "行政诉讼")):
        plain = "review_litigation"
    elif any(k in folded for k in ("第二十条", "信息内容", "行政许可", "行政处罚", "规章")):
        plain = "active"
    assert _assembly._classify(table) == plain


def test_make_item_is_an_item() -> None:
    a, b = _cell("合计", 0), _cell("3", 1)
    fast = _cells.make_item((a,), (b,), a.source, (b,))
    plain = _cells.Item((a,), (b,), a.source, (b,))
    assert type(fast) is _cells.Item
    assert fast == plain
    assert repr(fast) == repr(plain)
    assert fast.figures == plain.figures
    # make_item sets exactly these slots: a new field needs it too
    fields = attrs.fields(_cells.Item)
    assert [f.name for f in fields] == ["labels", "values", "source", "figures"]
    assert all(f.converter is None and f.validator is None for f in fields)
    assert not hasattr(_cells.Item, "__attrs_post_init__")


def _plain_items(rows: list[RawRow]) -> list[tuple[tuple[RawCell, ...], ...]]:
    """items() the obvious way: one pass per cell, kinds read afresh."""

    def kind(text: str) -> str:
        value = read_cell(text).value
        if value is BLANK:
            return "blank"
        if text.strip() in {"、", "，", ","}:
            return "label"
        if is_number(value) or isinstance(value, NotApplicable):
            return "figure"
        if len(text.split()) > 1 and all(kind(p) == "figure" for p in text.split()):
            return "figure"  # figures separated by spaces
        return "label"

    out = []
    for row in rows:
        labels: list[RawCell] = []
        values: list[RawCell] = []
        last: RawCell | None = None
        for i, cell in enumerate(row.cells):
            if last is not None and cell.text == last.text and cell == last:
                continue  # the same cell again (an equal copy, source included)
            last = cell
            k = kind(cell.text)
            # the next cell written after this one, copies, blanks and words in place
            # of figures left out
            later = [
                kind(c.text)
                for c in row.cells[i + 1 :]
                if kind(c.text) != "blank"
                and not (kind(c.text) == "label" and _cells.is_cell_word(c.text))
            ]
            figures = [v for v in values if kind(v.text) != "blank"]
            if (
                k == "label"
                and figures
                and _cells.is_word_for_figure(cell.text)
                and (later[:1] == ["figure"] or (not later and _cells.is_cell_word(cell.text)))
            ):
                k = "word"  # a figure follows, or (a word no label holds) nothing does
            if (
                k == "label"
                and not figures
                and values
                and _cells.is_cell_word(cell.text)
                and (later[:1] == ["figure"] or not later)
            ):
                k = "word"  # blanks, a word, a figure or nothing: the blanks are values
            if k != "label":
                values.append(cell)
                continue
            if figures:
                out.append((tuple(labels), tuple(values), tuple(figures)))
                labels = []
            values = []
            if (
                labels
                and labels[-1].text.strip() == cell.text.strip()
                and not _cells.is_cell_word(cell.text)  # (略 略: two cells)
            ):
                continue
            labels.append(cell)
        figures = [v for v in values if kind(v.text) != "blank"]
        if labels or figures:
            out.append((tuple(labels), tuple(values), tuple(figures)))
    return out


_ITEM_TEXTS = st.sampled_from(
    [
        "合计",
        " 合计",
        "（一）予以公开",
        "略",
        "不详",
        "0",
        "12",
        "",
        " ",
        "-",
        "/",
        "、",
        "3件",
        "x",
        "2 0",
        "1 200",
    ]
)


@st.composite
def _item_rows(draw: st.DrawFn) -> list[RawRow]:
    rows = []
    for r in range(draw(st.integers(0, 3))):
        cells: list[RawCell] = []
        for c in range(draw(st.integers(0, 8))):
            how = draw(st.sampled_from(["new", "new", "same", "equal", "text"]))
            if cells and how == "same":
                cells.append(cells[-1])  # one cell repeated
            elif cells and how == "equal":
                cells.append(RawCell(cells[-1].text, Source(**attrs.asdict(cells[-1].source))))
            elif cells and how == "text":  # same text, another position
                cells.append(_cell(cells[-1].text, c, r))
            else:
                cells.append(_cell(draw(_ITEM_TEXTS), c, r))
        rows.append(RawRow(cells, Source(line=r + 1)))
    return rows


@given(_item_rows())
def test_items_match_the_plain_cutting(rows: list[RawRow]) -> None:
    got = [(it.labels, it.values, it.figures) for it in _cells.items(rows)]
    assert got == _plain_items(rows)


_ALL_COLUMNS = [
    t.columns
    for e in (Edition.V2021, Edition.V2019)
    for t in (*template(e).active_tables, template(e).table("applications"),
              template(e).table("review_litigation"))
]  # fmt: skip
_CELL_TEXTS = st.sampled_from(
    ["0", "12", "1,200", "3.5", "", " ", "/", "—", "略", "12件", "251000元", "2万元", "减3", "x"]
)


@given(
    st.sampled_from(_ALL_COLUMNS),
    st.lists(st.lists(_CELL_TEXTS, max_size=12), min_size=1, max_size=4),
)
def test_output_cells_match_cell_by_cell_in_every_table(
    columns: tuple[ColumnSpec, ...], rows: list[list[str]]
) -> None:
    # twice over: the second time every text has been read before (the shortcut)
    for _ in range(2):
        one, many = _cells.Output(), _cells.Output()
        for r, texts in enumerate(rows):
            raws = [RawCell(t, Source(line=r + 1, column=i + 1)) for i, t in enumerate(texts)]
            raws = raws[: len(columns)]
            paths = [f"t.{r}.{c.id}" for c in columns]
            padded = [*raws, *([None] * (len(columns) - len(raws)))]
            expected = tuple(
                one.cell(p, raw, c) for p, raw, c in zip(paths, padded, columns, strict=True)
            )
            got = many.cells(paths, raws, columns)
            assert [(type(v), v) for v in got] == [(type(v), v) for v in expected]
        assert many.findings == one.findings
        assert list(many.provenance.items()) == list(one.provenance.items())


def _plain_label_findings(spec: TableSpec, pieces: list[RawCell]) -> list[Finding]:
    """The findings on the labels of a table, from match_stream's Match objects."""
    out = _cells.Output()
    leaves, groups, by_label = _grids._stream_labels(spec)
    matches = _labels.match_stream(leaves, pieces, ordered=True)
    for m in matches:
        path = f"{spec.id}.{by_label[m.label].id}.*"
        if m.is_variant:
            out.add("parse.label-variant", path, source=m.pieces[0].source, found=m.found,
                    label=m.label)  # fmt: skip
        if len(m.pieces) > 1:
            out.add("parse.split-label", path, source=m.pieces[0].source, label=m.label,
                    parts=len(m.pieces))  # fmt: skip
    used = {id(p) for m in matches for p in m.pieces}
    rest = [p for p in pieces if id(p) not in used]
    grouped = _labels.match_stream(groups, rest, ordered=False)
    for m in grouped:
        if len(m.pieces) > 1:
            out.add("parse.split-label", spec.id, source=m.pieces[0].source, label=m.label,
                    parts=len(m.pieces))  # fmt: skip
    # what is left, and is no part of any wording of the table in either edition
    wordings = [
        normalize_label(text)
        for e in (Edition.V2021, Edition.V2019)
        for table in [template(e).table(spec.id)]
        for r in table.rows
        for text in (r.label, *r.variants, r.group or "", r.subgroup or "")
    ] + [
        normalize_label(text)
        for e in (Edition.V2021, Edition.V2019)
        for c in template(e).table(spec.id).columns
        for text in (c.label, *c.variants)
    ]
    taken = {id(p) for m in grouped for p in m.pieces}
    for p in rest:
        text = normalize_label(p.text)
        if id(p) in taken or not any(ch.isalnum() for ch in text):
            continue
        if not any(text in w for w in wordings):
            out.add("parse.unread-label", spec.id, source=p.source, text=p.text)
    return out.findings


def _label_pieces() -> list[str]:
    out = []
    for e in (Edition.V2021, Edition.V2019):
        spec = template(e).table("applications")
        for r in spec.rows:
            for label in (r.label, *r.variants, r.group or "", r.subgroup or ""):
                out += [label, label[: len(label) // 2], label[len(label) // 2 :]]
    return sorted(set(out))


@given(
    st.sampled_from([Edition.V2021, Edition.V2019]),
    st.lists(st.sampled_from(_label_pieces()), max_size=30),
    st.lists(st.integers(0, 29), max_size=4),
)
def test_label_findings_match_the_plain_matching(
    edition: Edition, texts: list[str], repeated: list[int]
) -> None:
    spec = template(edition).table("applications")
    pieces = [RawCell(t, Source(line=i + 1)) for i, t in enumerate(texts)]
    for i in repeated:  # the same piece twice (a merged cell read once per position)
        if i < len(pieces):
            pieces.insert(i + 1, pieces[i])
    out = _cells.Output()
    _grids._label_findings(out, spec, pieces)
    assert out.findings == _plain_label_findings(spec, pieces)


def test_a_simple_character_folds_to_one_character_blank_only_if_blank() -> None:
    # _opens_table takes the length of a simple line without blanks for that of the
    # line normalised: every character of the fast path keeps the length
    for cp in range(0x110000):
        c = chr(cp)
        if 0xD800 <= cp <= 0xDFFF or not per_character(c):
            continue
        assert len(normalize_label.__wrapped__("x" + c + "x")) == (2 if c.isspace() else 3), hex(cp)


_LONG = st.lists(
    st.sampled_from(["第二十条第", "（本列数据的勾稽关系", "条", "勾", " ", "\u3000", "\t", "本年",
                     "１２", "，", "x" * 20, "\u2f46", "\u3038", "ｶ", "行政复议", "申请人情况",
                     "e\u0301" * 8, "\u3349", "\u2f8f政复议", "本年新收", "勾稽关系", "行政诉讼"]),
    max_size=12,
).map("".join)  # fmt: skip


@given(_LONG)
def test_opens_table_on_long_lines(s: str) -> None:
    for line in (s, "第二十条第" + s, s + "第二十条第" + s):
        norm = normalize_label.__wrapped__(line)
        assert text._opens_table(line) == _opens_table_the_long_way(norm)


@given(st.one_of(_LONG, _MIXED))
@example("本年新收\t1\t2")
@example("本年 新\u3000收")
@example("第二〸条")  # 〸 is 十
@example("申请人\t情况")  # each word's characters looked for first: 请 with 情
@example("行政 诉讼")  # 政 with 讼
@example("行政复议\t0")  # 政 with 议
@example("行政许可\t0\t申请")  # 政 and 请 alone: no word
def test_table_kind_matches_the_folded_line(line: str) -> None:
    norm = normalize_label.__wrapped__(line)
    slow = None
    for kind, marks in (
        ("active", ("第二十条",)),
        ("applications", ("勾稽关系", "申请人情况", "本年新收")),
        ("review_litigation", ("行政复议", "行政诉讼")),
    ):
        if any(m in norm for m in marks):
            slow = kind
            break
    assert text._table_kind(line) == slow


def _plain_joined(cells: list[RawCell]) -> str:
    """joined() the obvious way: a cell that copies the one before it (same text,
    table, row and line: one HTML cell spread over columns) counts once."""
    kept = []
    for i, c in enumerate(cells):
        before = cells[i - 1] if i else None
        if (
            before is not None
            and c.text == before.text
            and before.source.table is not None
            and (before.source.table, before.source.row, before.source.line)
            == (c.source.table, c.source.row, c.source.line)
        ):
            continue
        kept.append(c)
    return normalize_label("".join(c.text for c in kept))


@given(_item_rows())
def test_joined_matches_the_plain_joining(rows: list[RawRow]) -> None:
    # joined() skips looking for span copies when no cell has the text of the one
    # before it; the rows here have copies, equal cells and equal texts elsewhere
    for row in rows:
        cells = list(row.cells)
        assert _cells.joined(cells) == _plain_joined(cells)
        spread = [grid_cell(c.text, 0, 0, i // 2, 1) for i, c in enumerate(cells)]
        assert _cells.joined(spread) == _plain_joined(spread)


@given(_item_rows(), st.integers(1, 4))
def test_kinds_remembered_by_items_are_the_kinds(rows: list[RawRow], most: int) -> None:
    # items() looks kinds up in a dictionary in front of _kind, emptied when full
    saved = _cells._MAX_KINDS
    _cells._MAX_KINDS = most
    _cells._KINDS.clear()
    try:
        got = [(it.labels, it.values, it.figures) for it in _cells.items(rows)]
        assert len(_cells._KINDS) <= most
        assert all(k == _cells._kind(t) for t, k in _cells._KINDS.items())
    finally:
        _cells._MAX_KINDS = saved
        _cells._KINDS.clear()
    assert got == _plain_items(rows)


@given(st.text(alphabet=st.sampled_from("合计 \t1２\u3000x"), max_size=16), st.booleans())
def test_tokens_make_the_plain_row(line: str, tabbed: bool) -> None:
    # _tokens makes its row with make_row: the row the plain RawRow makes of the cells
    # cut the obvious way (at tabs, each stripped; else at blanks, by column)
    row = text._tokens(line, 5, tabbed)
    if tabbed and "\t" in line.strip(" "):
        cells, col = [], 1
        for part in line.split("\t"):
            cells.append(RawCell(part.strip(), Source(line=5, column=col)))
            col += len(part) + 1
    else:
        cells = [
            RawCell(m.group(), Source(line=5, column=m.start() + 1))
            for m in re.finditer(r"\S+", line)
        ]
    plain = RawRow(cells, Source(line=5))
    assert type(row) is RawRow
    assert type(row.cells) is tuple
    assert row == plain
    assert hash(row) == hash(plain)


_ALL_TABLE_SPECS = [
    t
    for e in (Edition.V2021, Edition.V2019)
    for t in (*template(e).active_tables, template(e).table("applications"),
              template(e).table("review_litigation"))
]  # fmt: skip


@given(st.sampled_from(_ALL_TABLE_SPECS), st.data())
def test_fill_row_of_a_full_row_is_the_plain_reading(spec: TableSpec, data: st.DataObject) -> None:
    # _fill_row reads a row with one cell a column without fitting it: fitting it
    # keeps every cell and reports nothing, then the row is read as Output.cells does
    width = len(spec.columns)
    texts = data.draw(st.lists(_CELL_TEXTS, min_size=width, max_size=width))
    row = spec.rows[data.draw(st.integers(0, len(spec.rows) - 1))]
    values = tuple(RawCell(t, Source(line=3, column=i + 1)) for i, t in enumerate(texts))
    fast, plain = _cells.Output(), _cells.Output()
    got = _grids._fill_row(fast, spec, row.id, values, Source(line=3))
    kept, extra = _cells.fit(values, width)
    assert extra == []
    assert len(kept) == width
    paths = [f"{spec.id}.{row.id}.{c.id}" for c in spec.columns]
    expected = plain.cells(paths, kept, spec.columns)
    assert [(type(v), v) for v in got] == [(type(v), v) for v in expected]
    assert fast.findings == plain.findings
    assert list(fast.provenance.items()) == list(plain.provenance.items())
