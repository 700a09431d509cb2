"""The fast paths of the HTML reader against plain, slow oracles.

The reader finds section headings and chrome words once in the body's text and counts
them per slice, serialises each cell once, probes the nesting depth with one XPath and
reads tables without inner tables without walking ancestors. Each test here computes
the same thing the obvious way (serialise every element, search every text, walk every
element) on generated pages and requires the same answer.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import govdisclosure as gd
from govdisclosure import LimitExceeded, Limits
from govdisclosure.formats import _container as C
from govdisclosure.formats import html as H
from govdisclosure.formats._cells import is_cell_word
from govdisclosure.formats._raw import RawCell, RawRow, RawTable
from govdisclosure.model import Source, Text
from govdisclosure.model.cells import read_cell
from html_oracles import chrome_count, container, section_hits, text_of

# ------------------------------------------------------------------ oracles


def deepest(root: etree._Element) -> int:
    depth = most = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        most = max(most, depth)
    return most


def squeeze_strip(text: str) -> str:
    return H._squeeze(text).strip()


def holder(td: etree._Element, table: etree._Element) -> etree._Element | None:
    """The row or cell nearest around a cell, inside ``table``; None if neither."""
    for anc in td.iterancestors():
        if anc.tag in {"tr", "td", "th"}:
            return anc
        if anc is table:
            return None
    return None


def plain_rows(table: etree._Element) -> list[tuple[etree._Element, list[etree._Element]]]:
    """A table's rows as a browser shows them, each with its cells in document order:
    the cells a row holds, directly or inside another element (``<tr><div><td>``), and
    each run of cells no row holds as a row of its own (named by its first cell); a
    cell inside a cell is that cell's text."""
    rows: list[tuple[etree._Element, list[etree._Element]]] = []
    run: list[etree._Element] = []
    for el in table.iter("tr", "td", "th"):
        if el.tag == "tr":
            if run:
                rows.append((run[0], run))
                run = []
            rows.append((el, [td for td in el.iter("td", "th") if holder(td, table) is el]))
        elif holder(el, table) is None:
            run.append(el)
    if run:
        rows.append((run[0], run))
    return rows


def is_layout(table: etree._Element) -> bool:
    if any(True for _ in table.iterdescendants("table")):
        return True
    return max((len(tds) for _, tds in plain_rows(table)), default=0) <= 1


def expand(table: etree._Element, index: int, limits: Limits) -> RawTable | None:
    """A table's rows, spans expanded in a dictionary of positions."""
    plain = plain_rows(table)
    rows = [tr for tr, _ in plain]
    grid: dict[tuple[int, int], tuple[str, int | None, bool]] = {}
    widths: dict[int, int] = {}
    for r, (_tr, tds) in enumerate(plain):
        c = 0
        for td in tds:
            while (r, c) in grid:
                c += 1
            rs = H._span(td.get("rowspan"), min(len(rows) - r, limits.max_span))
            cs = H._span(td.get("colspan"), limits.max_span)
            text = squeeze_strip(text_of(td))
            line = td.sourceline if td.sourceline and td.sourceline > 0 else None
            # a label spanning positions is repeated in each; a word written in place
            # of a figure (略) is one cell, like a figure
            repeat = (
                rs * cs > 1 and isinstance(read_cell(text).value, Text) and not is_cell_word(text)
            )
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    grid.setdefault((rr, cc), (text, line, repeat or (rr == r and cc == c)))
                    widths[rr] = max(widths.get(rr, 0), cc + 1)
            c += cs
    out = []
    for r, tr in enumerate(rows):
        cells = []
        for c in range(widths.get(r, 0)):
            entry = grid.get((r, c))
            if entry is None:
                cells.append(RawCell("", Source(table=index, row=r, cell=c, line=tr.sourceline)))
            elif entry[2]:
                cells.append(RawCell(entry[0], Source(table=index, row=r, cell=c, line=entry[1])))
        out.append(RawRow(tuple(cells), Source(table=index, row=r, line=tr.sourceline)))
    return RawTable(tuple(out), Source(table=index, line=table.sourceline)) if out else None


# ------------------------------------------------------------------ pages

# text that matters to the reader: headings, chrome and table words, figures, blanks
WORDS = st.sampled_from(
    [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
        "一、",
        "总体情况",
        "四.",
        "本年新收",
        "行政复议",
        "首页",
        "公网安备",
        "备案",
        "公网安备案",
        "打印",
        "【大",
        "ICP",
        "网站地图",
        "当前位置：首页",
        "2024年1月20日",
        "12",
        "0",
        "—",
        "合计",
        " ",
        "\n",
        "\t",
        "\u3000",
        "abc",
        "某县人民政府",
        "；",
    ]
)
TEXT = st.lists(WORDS, max_size=6).map("".join)
NAMES = st.sampled_from(
    ["", "zoom", "content", "article-content", "nav", "footer", "share", "main", "TRS_Editor", "x"]
)
SPANS = st.sampled_from([None, "1", "2", "3", "0", "2;", "x", "", " 4", "999"])


def attrs_(draw: st.DrawFn) -> str:
    out = ""
    name = draw(NAMES)
    if name:
        out += f' {draw(st.sampled_from(["id", "class"]))}="{name}"'
    return out


@st.composite
def cell(draw: st.DrawFn) -> str:
    tag = draw(st.sampled_from(["td", "td", "th"]))
    spans = ""
    for attr in ("rowspan", "colspan"):
        value = draw(SPANS)
        if value is not None:
            spans += f' {attr}="{value}"'
    inner = draw(TEXT)
    if draw(st.booleans()):
        inner += f"<br>{draw(TEXT)}<p>{draw(TEXT)}</p>"
    out = f"<{tag}{spans}{attrs_(draw)}>{inner}</{tag}>"
    # now and then wrapped inside its row, as CMS editors leave cells
    wrapper = draw(st.sampled_from(["", "", "", "", "", "", "div", "form", "center", "span"]))
    return f"<{wrapper}>{out}</{wrapper}>" if wrapper else out


@st.composite
def table(draw: st.DrawFn, inner: st.SearchStrategy[str] | None = None) -> str:
    rows = []
    for _ in range(draw(st.integers(0, 5))):
        cells = draw(st.lists(cell(), max_size=5))
        if inner is not None and draw(st.booleans()):
            cells.append(f"<td>{draw(inner)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
        if draw(st.integers(0, 9)) == 0:  # cells a forgotten <tr> left between rows
            rows.append("".join(draw(st.lists(cell(), min_size=1, max_size=3))))
    body = "".join(rows)
    if draw(st.booleans()):
        body = f"<tbody>{body}</tbody>"
    return f"<table{attrs_(draw)}>{body}</table>"


def block(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def one(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(["div", "section", "article", "p", "span", "a", "nav", "td"]))
        parts = draw(st.lists(st.one_of(TEXT, children), max_size=4))
        return f"<{tag}{attrs_(draw)}>{''.join(parts)}</{tag}>{draw(TEXT)}"

    return one()


FRAGMENT = st.recursive(
    st.one_of(TEXT, table()), lambda inner: st.one_of(block(inner), table(inner)), max_leaves=12
)


@st.composite
def page(draw: st.DrawFn) -> etree._Element:
    parts = draw(st.lists(FRAGMENT, min_size=1, max_size=4))
    extra = "<!-- a comment -->" if draw(st.booleans()) else ""
    return H._parse_tree(f"<html><body>{extra}{''.join(parts)}{extra}</body></html>")


# ------------------------------------------------------------------ properties


@given(st.lists(FRAGMENT, min_size=1, max_size=4))
def test_pages_parse_alike_without_an_id_table(parts: list[str]) -> None:
    # _parse_bytes has libxml2 keep no table of ids (collect_ids=False): the tree, its
    # attributes (duplicate ids included) and its source lines are those of a parser
    # that keeps one
    source = f"<html><body>{''.join(parts)}</body></html>".encode()
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, recover=True
    )
    plain = etree.fromstring(source, parser)
    etree.strip_elements(plain, "script", "style", "noscript", "template", with_tail=False)
    ours = H._parse_bytes(source)
    assert etree.tostring(ours, encoding="unicode") == etree.tostring(plain, encoding="unicode")
    assert [(el.tag, el.sourceline) for el in ours.iter()] == [
        (el.tag, el.sourceline) for el in plain.iter()
    ]


def test_no_chrome_word_overlaps_itself() -> None:
    # chrome counts per slice rely on it: str.count finds every occurrence
    for w in H._CHROME_WORDS:
        assert all(w[k:] != w[: len(w) - k] for k in range(1, len(w))), w


@given(page())
def test_text_of_is_the_serialised_text(root: etree._Element) -> None:
    for el in root.iter():
        if isinstance(el.tag, str):
            assert H._text_of(el) == text_of(el)


@given(st.lists(WORDS, max_size=40).map("".join), st.data())
def test_counts_in_a_slice_agree_with_searching_the_slice(text: str, data: st.DataObject) -> None:
    whole = C._Text(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert whole.sections(start, end) == section_hits(text[start:end])
    assert whole.chrome(start, end) == chrome_count(text[start:end])


def test_a_heading_cut_by_the_slice_is_searched_again() -> None:
    text = "前言一、总体情况和二、主动公开政府信息情况"
    whole = C._Text(text)
    for start in range(len(text)):
        for end in range(start, len(text) + 1):
            assert whole.sections(start, end) == section_hits(text[start:end])
            assert whole.chrome(start, end) == chrome_count(text[start:end])


@given(page())
def test_container_is_the_one_of_the_plain_scoring(root: etree._Element) -> None:
    body = next(root.iter("body"), root)
    texts: dict[etree._Element, str] = {}
    assert H._container(body, texts) is container(body)
    for td, text in texts.items():  # every cell's text kept is its text
        assert text == text_of(td)


@given(page(), st.integers(0, 3), st.integers(1, 400))
def test_tables_read_like_the_plain_expansion(root: etree._Element, n: int, span: int) -> None:
    limits = Limits(max_span=span)
    index = {t: i for i, t in enumerate(root.iter("table"))}
    for el in root.iter("table"):
        rows = H._data_rows(el)
        assert (rows is None) == is_layout(el)
        if rows is None:
            continue
        for cached in (False, True):
            texts = {td: text_of(td) for td in el.iter("td")} if cached else {}
            reader = H._Reader(index, limits, limits.budget(), texts)
            reader.table(el, rows)
            expected = expand(el, index[el], limits)
            assert reader.blocks == ([expected] if expected is not None else [])


def expanded_counts(table: etree._Element, limits: Limits) -> list[tuple[int, int | None]]:
    """The positions each cell of a table covers (rowspan times colspan, clamped) and its
    source line, cell by cell in reading order: what the cell limits count."""
    rows = plain_rows(table)
    out = []
    for r, (_tr, tds) in enumerate(rows):
        for td in tds:
            rs = H._span(td.get("rowspan"), min(len(rows) - r, limits.max_span))
            cs = H._span(td.get("colspan"), limits.max_span)
            line = td.sourceline if td.sourceline and td.sourceline > 0 else None
            out.append((rs * cs, line))
    return out


@given(page(), st.integers(1, 40), st.none() | st.integers(1, 30), st.none() | st.integers(1, 60))
def test_cell_limits_agree_with_counting_the_expansion(
    root: etree._Element, span: int, max_cells: int | None, max_total: int | None
) -> None:
    # the reader counts and tests the positions as it goes (both limits in one test);
    # counted here cell by cell, table by table, the first count beyond a limit raises
    # with that limit's message and the cell's line, and the count read so far is kept
    limits = Limits(max_span=span, max_cells=max_cells, max_total_cells=max_total)
    index = {t: i for i, t in enumerate(root.iter("table"))}
    reader = H._Reader(index, limits, limits.budget())
    total = 0
    for el in root.iter("table"):
        rows = H._data_rows(el)
        if rows is None:
            continue
        in_table = 0
        expected: str | None = None
        where: int | None = None
        for size, line in expanded_counts(el, limits):
            where = line
            in_table += size
            total += size
            if max_cells is not None and in_table > max_cells:
                expected = f"table {index[el] + 1} expands to more than max_cells={max_cells} cells"
            elif max_total is not None and total > max_total:
                expected = (
                    f"the page's tables expand to more than max_total_cells={max_total} cells"
                )
            if expected is not None:
                break
        if expected is None:
            reader.table(el, rows)
            assert reader.cells == total
            continue
        with pytest.raises(LimitExceeded) as caught:
            reader.table(el, rows)
        assert str(caught.value).startswith(expected)
        assert caught.value.line == where
        assert reader.cells == total
        return


@given(page())
def test_table_cells_are_plain_cells(root: etree._Element) -> None:
    # the reader makes its cells and sources by setting slots: each is of the plain
    # class, hashes and prints as the plainly made one
    limits = Limits()
    index = {t: i for i, t in enumerate(root.iter("table"))}
    reader = H._Reader(index, limits, limits.budget())
    for el in root.iter("table"):
        rows = H._data_rows(el)
        if rows is not None:
            reader.table(el, rows)
    for block in reader.blocks:
        assert isinstance(block, RawTable)
        for row in block.rows:
            assert type(row) is RawRow
            for c in row.cells:
                assert type(c) is RawCell
                assert type(c.source) is Source
                plain = RawCell(
                    c.text,
                    Source(
                        table=c.source.table,
                        row=c.source.row,
                        cell=c.source.cell,
                        line=c.source.line,
                    ),
                )
                assert c == plain
                assert hash(c) == hash(plain)
                assert repr(c) == repr(plain)


def nested(depth: int) -> etree._Element:
    return H._parse_tree("<html><body>" + "<div>" * depth + "x" + "</div>" * depth + "</body>")


@pytest.mark.parametrize("depth", [0, 1, 60, 125, 126, 127, 200, 252, 253, 300])
@pytest.mark.parametrize("max_depth", [None, 1, 2, 3, 128, 129, 254, 255, 1000])
def test_depth_check_agrees_with_measuring_the_depth(depth: int, max_depth: int | None) -> None:
    root = nested(depth)
    most = deepest(root)
    limits = Limits(max_depth=max_depth)
    refused = (max_depth is not None and most > max_depth) or most >= 255
    if refused:
        with pytest.raises(LimitExceeded, match=re.escape(f"{most}")):
            H._check_tree(root, limits)
    else:
        H._check_tree(root, limits)


@given(st.integers(0, 12), st.integers(1, 10))
def test_table_limit_counts_every_table(tables: int, limit: int) -> None:
    root = H._parse_tree("<html><body>" + "<table><tr><td>1</td></tr></table>" * tables)
    if tables > limit:
        with pytest.raises(LimitExceeded, match=f"tables on the page: {tables},"):
            H._check_tree(root, Limits(max_tables=limit))
        with pytest.raises(LimitExceeded, match=f"tables on the page: {tables},"):
            H.html_blocks(root, limits=Limits(max_tables=limit))
    else:
        H._check_tree(root, Limits(max_tables=limit))
        H.html_blocks(root, limits=Limits(max_tables=limit))


@given(st.text(alphabet="abcd", max_size=30), st.data())
def test_slice_counts_with_overlapping_headings(text: str, data: st.DataObject) -> None:
    # the template's headings never overlap one another; patterns that do exercise
    # the search of a slice cut through a match of the whole text
    pattern = re.compile("abc|ab|bcd|cd|c")
    ids = {"abc": "x", "ab": "y", "bcd": "z", "cd": "x", "c": "w"}
    original = C._headings
    C._headings = lambda: (pattern, ids)  # type: ignore[assignment]
    try:
        whole = C._Text(text)
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        expected = len({ids[m.group(0)] for m in pattern.finditer(text[start:end])})
        assert whole.sections(start, end) == expected
    finally:
        C._headings = original  # type: ignore[assignment]


def test_chrome_removed_inside_a_cell_leaves_the_cell_text() -> None:
    headings = "".join(
        f"<p>{h}</p>"
        for h in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况")
    )
    page = (
        '<html><body><div id="zoom">'
        + headings
        + "<table><tr><th>本年新收</th><th>合计</th></tr>"
        + '<tr><td>件数</td><td><span class="share">打印</span>12</td></tr></table>'
        + "</div></body></html>"
    )
    blocks = H.html_blocks(H._parse_tree(page))
    tables = [b for b in blocks if isinstance(b, RawTable)]
    assert [c.text for c in tables[0].rows[1].cells] == ["件数", "12"]


@given(page())
def test_link_text_is_the_length_of_every_link(root: etree._Element) -> None:
    for el in root.iter():
        if isinstance(el.tag, str):
            assert C._link_text(el) == sum(len(text_of(a)) for a in el.iterdescendants("a"))


def test_link_text_counts_nested_links_again() -> None:
    el = etree.fromstring("<div>aa<a>xyz<a>q</a></a><p><a>12</a></p><!--c--></div>")
    assert C._link_text(el) == 7


CONTROLS = "".join(chr(c) for c in range(0x20)) + "\ufffe\uffff\ud800 \u3000\xa0\x85"


@given(st.text(alphabet=st.sampled_from(CONTROLS + "a中<>/pb"), max_size=30))
def test_control_characters_become_spaces_in_the_bytes_parsed(text: str) -> None:
    # parse_html replaces them in the UTF-8 bytes; the text way is the definition
    cleaned = H._CONTROL.sub(" ", text.replace("\x00", ""))
    assert (H._NOT_BLANK.search(text) is None) == (not cleaned.strip())
    data = text.encode("utf-8", errors="replace").translate(H._CONTROL_BYTES, b"\x00")
    for nonchar in H._NONCHARACTERS_UTF8:
        data = data.replace(nonchar, b" ")
    assert data == cleaned.encode("utf-8", errors="replace")


@pytest.mark.parametrize("blank", ["", " ", "\x00", "\x01\u3000\n", "\ufffe\x1f", "\x0b\x0c"])
def test_a_page_of_blanks_and_control_characters_is_empty(blank: str) -> None:
    with pytest.raises(gd.ParseError, match="empty"):
        gd.parse_html(blank)
    with pytest.raises(gd.ParseError, match="empty"):
        gd.parse_html(blank.encode("utf-8", errors="replace"))
