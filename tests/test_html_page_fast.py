"""The fast paths of the HTML reader outside the table reader, against plain oracles.

The content container is chosen from the places of the candidates' texts in the body's
text, found in one pass (not by serialising every candidate); chrome is found from the
values of ``id`` and ``class``; the paragraph walk adds text without a call per piece;
short paragraphs without any chrome word are not counted word by word; the parser's
bytes are the page's own when they are its UTF-8. Each test computes the same thing
the obvious way on generated pages (with comments, processing instructions, entity
references, chrome names, signature lines, ``<br>``, upper-case tags) and requires the
same answer.
"""

from __future__ import annotations

import copy
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

import govdisclosure as gd
from govdisclosure.formats import _container as C
from govdisclosure.formats import html as H
from govdisclosure.formats._raw import RawParagraph
from govdisclosure.model import Source
from html_oracles import chrome_count, container, text_of

# ------------------------------------------------------------------ oracles


def is_chrome(el: etree._Element) -> bool:
    words = (el.get("id") or "").split() + (el.get("class") or "").split()
    return H._tag(el) == "nav" or any(C._CHROME_ID.search(w) for w in words)


def chrome_names(root: etree._Element) -> list[etree._Element]:
    named = root.xpath(".//*[@id or @class] | .//nav")
    assert isinstance(named, list)
    return [el for el in named if isinstance(el, etree._Element) and is_chrome(el)]


def strip_chrome(root: etree._Element, cell_texts: dict[etree._Element, str]) -> None:
    doomed = [el for el in chrome_names(root) if not C._looks_like_content(el)]
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            for td in el.iterancestors("td"):
                cell_texts.pop(td, None)
            tail = el.tail
            parent.remove(el)
            if tail:
                C._append_text(parent, tail)


class PlainReader(H._Reader):
    """The paragraph walk with a call per element, per piece of text and per flush."""

    def text(self, text: str | None, el: etree._Element) -> None:
        if text:
            if self.line is None and text.strip():
                self.line = H._line(el)
            self.parts.append(text)

    def flush(self) -> None:
        if self.parts:
            for piece in H._squeeze("".join(self.parts)).split(H._BR):
                paragraph = piece.strip()
                if paragraph:
                    self.blocks.append(RawParagraph(paragraph, Source(line=self.line)))
        self.parts = []
        self.line = None

    def walk(self, el: etree._Element) -> None:
        tag = H._tag(el)
        if tag in H._SKIP_TAGS or not tag or H._own_organ_line(el):
            return
        if tag == "table":
            rows = H._data_rows(el)
            if rows is not None:
                self.flush()
                # text inside the table outside its cells, read in full for every table
                # (the reader looks for it only where the rows show some), goes first
                loose = H._loose_text(el)
                if loose:
                    self.parts.append(loose)
                    self.line = H._line(el)
                    self.flush()
                self.table(el, rows)
                return
        if tag == "br":
            self.parts.append(H._BR)
            return
        block = tag in H._BLOCK_TAGS
        if block:
            self.flush()
        self.text(el.text, el)
        for child in el:
            self.walk(child)
            self.text(child.tail, el)
        if block:
            self.flush()


# ------------------------------------------------------------------ pages

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
        "本年新收",
        "行政复议",
        "首页",
        "公网安备",
        "公网安备案",
        "打印",
        "【大",
        "当前位置：首页",
        "2024年1月20日",
        "12",
        "0",
        "合计",
        " ",
        "\n",
        "\t",
        "\u3000",
        "abc",
        "某县人民政府",
        "&amp;",
        "&nbsp;",
    ]
)
TEXT = st.lists(WORDS, max_size=6).map("".join)
NAMES = st.sampled_from(
    ["", "zoom", "content", "nav", "footer x", "share", "main", "TOOLS", "y-print", "organ", "x"]
)
TAGS = st.sampled_from(
    ["div", "section", "article", "main", "p", "span", "a", "nav", "td", "br", "button", "DIV"]
)


@st.composite
def named(draw: st.DrawFn) -> str:
    out = ""
    for attr in draw(st.lists(st.sampled_from(["id", "class", "lang", "data-organ"]), max_size=2)):
        if f" {attr}=" not in out:
            out += f' {attr}="{draw(NAMES)}"'
    return out


def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def one(draw: st.DrawFn) -> str:
        tag = draw(TAGS)
        parts = draw(st.lists(st.one_of(TEXT, children), max_size=4))
        return f"<{tag}{draw(named())}>{''.join(parts)}</{tag}>{draw(TEXT)}"

    return one()


@st.composite
def table(draw: st.DrawFn, inner: st.SearchStrategy[str]) -> str:
    rows = []
    for _ in range(draw(st.integers(0, 3))):
        cells = [
            f"<{draw(st.sampled_from(['td', 'th']))}{draw(named())}>{draw(inner)}</td>"
            for _ in range(draw(st.integers(0, 3)))
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table{draw(named())}>{''.join(rows)}</table>"


SIGNATURE = (
    '<article class="govdisclosure-report" data-organ="某局"><p>一、总体情况正文</p>'
    '<footer class="signature"><p class="organ">某局</p><p class="date">2025年1月2日</p>'
    "</footer></article>"
)
MARKUP = st.sampled_from(["<!-- a comment -->", "<?php echo 1; ?>", "<br>", SIGNATURE])
FRAGMENT = st.recursive(
    st.one_of(TEXT, MARKUP), lambda inner: st.one_of(element(inner), table(inner)), max_leaves=14
)
KEEP = etree.HTMLParser(remove_comments=False, remove_pis=False, recover=True)


@st.composite
def page(draw: st.DrawFn) -> etree._Element:
    html = f"<html><body>{''.join(draw(st.lists(FRAGMENT, min_size=1, max_size=4)))}</body></html>"
    if draw(st.booleans()):
        return H._parse_tree(html)
    root = etree.fromstring(html, KEEP)  # comments and processing instructions kept
    if draw(st.booleans()):  # entity references (no HTML parser makes them)
        for el in list(root.iter("p", "span"))[:3]:
            ref = etree.Entity(draw(st.sampled_from(["amp", "lt", "unknown"])))
            ref.tail = draw(TEXT)
            el.append(ref)
    return root


def body_of(root: etree._Element) -> etree._Element:
    return next(root.iter("body"), root)


# ------------------------------------------------------------------ properties


@given(page())
def test_spans_are_the_places_of_the_serialised_texts(root: etree._Element) -> None:
    body = body_of(root)
    found = C._Spans(body)
    assert found.text == text_of(body)
    for el in body.iter(*C._BLOCK_CANDIDATES):
        start, end = found.spans[el]
        assert found.text[start:end] == text_of(el)
    for el, (start, end) in found.spans.items():
        assert found.text[start:end] == text_of(el)
    for t, text in found.tables.items():
        assert text == text_of(t)


@given(page())
def test_container_is_the_one_of_the_plain_scoring(root: etree._Element) -> None:
    body = body_of(root)
    texts: dict[etree._Element, str] = {}
    assert H._container(body, texts) is container(body)
    assert set(texts) == set(body.iter("td"))  # every cell's text is kept
    for td, text in texts.items():
        assert text == text_of(td)


def test_a_long_cell_is_placed_by_its_text() -> None:
    # a cell of 20 characters or more, alone in its row, places itself by searching
    cell = "一、总体情况，和二、主动公开政府信息情况"
    page = f"<html><body><table><tr><td>{cell}</td></tr></table><div>{cell}</div></body></html>"
    body = body_of(H._parse_tree(page))
    assert H._container(body, {}) is container(body)
    assert H._container(body, {}).tag == "td"  # (the first of two equal candidates)


@given(page())
def test_chrome_is_found_from_the_names(root: etree._Element) -> None:
    for el in root.iter():
        if isinstance(el.tag, str):
            assert C._chrome_names(el) == chrome_names(el)


def test_chrome_of_an_upper_case_nav_with_a_plain_name() -> None:
    root = H._parse_tree('<html><body><div id="c"><span class="x">a</span></div></body></html>')
    span = next(root.iter("span"))
    span.tag = "NAV"  # (the HTML parser makes tags lower case; a tree built by hand may not)
    div = next(root.iter("div"))
    assert C._chrome_names(div) == chrome_names(div) == [span]


@given(page())
def test_chrome_removal_is_the_plain_removal(root: etree._Element) -> None:
    body = body_of(root)
    other = copy.deepcopy(body)
    texts = {td: text_of(td) for td in body.iter("td")}
    other_texts = {td: text_of(td) for td in other.iter("td")}
    H._strip_chrome(body, texts)
    strip_chrome(other, other_texts)
    assert etree.tostring(body) == etree.tostring(other)
    assert sorted(texts.values()) == sorted(other_texts.values())


@given(page())
def test_walk_gives_the_blocks_of_the_plain_walk(root: etree._Element) -> None:
    body = body_of(root)
    limits = gd.Limits()
    index = {t: i for i, t in enumerate(root.iter("table"))}
    fast = H._Reader(index, limits, limits.budget())
    plain = PlainReader(index, limits, limits.budget())
    for reader in (fast, plain):
        reader.walk(body)
        reader.flush()
    assert fast.blocks == plain.blocks


CHROME_TEXT = st.lists(
    st.sampled_from([*H._CHROME_WORDS, "公网安备案", "某", "打", "【", "页", " ", "政府信息公开"]),
    max_size=12,
).map("".join)


@given(CHROME_TEXT)
def test_chrome_paragraph_counts_like_the_plain_count(text: str) -> None:
    block = RawParagraph(text, Source())
    assert H._chrome_paragraph(block) == (len(text) <= 40 and chrome_count(text) >= 2)


CONTROLS = "".join(chr(c) for c in range(0x20)) + "\ufffe\uffff\ud800 \u3000\xa0\x85"


@given(st.text(alphabet=st.sampled_from(CONTROLS + "a中<>/pb\U0001f600"), max_size=30))
def test_parser_input_is_the_cleaned_text_in_utf8(text: str) -> None:
    cleaned = H._CONTROL.sub(" ", text.replace("\x00", ""))
    expected = cleaned.encode("utf-8", errors="replace")
    assert H._parser_input(text) == expected
    if not re.search("[\ud800-\udfff]", text):  # text that has a UTF-8 encoding
        assert H._parser_input(text, text.encode("utf-8")) == expected


@given(st.text(alphabet=st.sampled_from(CONTROLS + "a中<>/pb\U0001f600"), max_size=30))
def test_a_page_reads_the_same_from_its_utf8(text: str) -> None:
    page = f"<html><body><p>一、总体情况{text}</p></body></html>"
    if re.search("[\ud800-\udfff]", page):
        return
    expected: object
    got: object
    try:
        expected = gd.parse_html(page)
    except gd.ParseError as e:
        expected = str(e)
    for data in (page.encode("utf-8"), b"\xef\xbb\xbf" + page.encode("utf-8")):
        try:
            got = gd.parse_html(data)
        except gd.ParseError as e:
            got = str(e)
        assert got == expected


def test_a_paragraph_starts_on_the_line_of_its_first_text() -> None:
    # blanks before the first text do not set the paragraph's source line
    page = "<html><body><div>\n <p>\n<span>\n\n甲</span>乙\n</p>\n \n<p>丙<br>\n丁</p></div></body></html>"
    body = body_of(H._parse_tree(page))
    limits = gd.Limits()
    fast = H._Reader({}, limits, limits.budget())
    plain = PlainReader({}, limits, limits.budget())
    for reader in (fast, plain):
        reader.walk(body)
        reader.flush()
    assert fast.blocks == plain.blocks
    # 丙<br>丁 is two paragraphs, both on the line where 丙 starts
    assert [b.source.line for b in fast.blocks if isinstance(b, RawParagraph)] == [3, 8, 8]


def title_candidates(root: etree._Element, container: etree._Element) -> list[str]:
    inside = set(container.iter(*H._TITLE_TAGS))
    out = []
    for el in root.iter(*H._TITLE_TAGS):
        if el in inside:
            continue
        if H._tag(el) == "meta":
            if (el.get("name") or "").lower() in {"articletitle", "title", "og:title"}:
                out.append(el.get("content") or "")
            continue
        if len(el) and H._tag(el) not in {"h1", "h2", "h3", "title"}:
            continue
        out.append(text_of(el))
    return out


@given(page())
def test_title_candidates_skip_the_container_like_the_plain_search(root: etree._Element) -> None:
    for holder_el in root.iter():
        if isinstance(holder_el.tag, str):
            assert list(H._title_candidates(root, holder_el)) == title_candidates(root, holder_el)


def test_every_report_table_counts_in_its_ancestors() -> None:
    # the body holds two report tables, the named div one: the body wins on the count
    table = "<table><tr><td>本年新收</td><td>12</td></tr></table>"
    page = f'<html><body><div id="zoom"><p>一、总体情况：全年公开信息若干条</p>{table}</div>{table}</body></html>'
    body = body_of(H._parse_tree(page))
    assert H._container(body, {}) is container(body) is body


HEADING_TEXT = st.lists(
    st.sampled_from(
        [*C._headings()[1], "一、", "四.", "二", "、", ".", "情况", "三、收到", "某", " ", "\n"]
    ),
    max_size=30,
).map("".join)


@given(HEADING_TEXT)
def test_headings_found_at_the_separators_are_the_regex_matches(text: str) -> None:
    rx, ids = C._headings()
    assert C._heading_anchors(rx, ids) is not None  # the fast search is the one used
    fast = [(m.start(), m.end()) for m in C._find_headings(text, rx, ids)]
    assert fast == [(m.start(), m.end()) for m in rx.finditer(text)]


@given(st.text(alphabet="abcdx", max_size=40))
@example("abcbd")  # a match ("cbd") would start inside the last one ("abc")
@example("xdb")
def test_headings_of_other_shapes_are_the_regex_matches(text: str) -> None:
    for words in (["ab", "abc", "cbd", "adb", "xd"], ["ab", "a", "b"], ["abc", "bcd", "cab"]):
        ids = dict.fromkeys(words, "x")
        rx = re.compile("|".join(sorted(words, key=len, reverse=True)))
        fast = [(m.start(), m.end()) for m in C._find_headings(text, rx, ids)]
        assert fast == [(m.start(), m.end()) for m in rx.finditer(text)]


@given(st.lists(CHROME_TEXT, min_size=1, max_size=4).map("".join), st.data())
def test_chrome_counts_of_slices_asked_one_after_another(text: str, data: st.DataObject) -> None:
    # the first slices are searched alone, then the whole text once: the same counts
    whole = C._Text(text)
    for _ in range(data.draw(st.integers(1, 6))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        assert whole.chrome(start, end) == chrome_count(text[start:end])


def chrome_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Every occurrence of every chrome word wholly in ``text[start:end]``, tried at
    every place."""
    return sorted(
        (i, i + len(w))
        for w in H._CHROME_WORDS
        for i in range(start, end)
        if text.startswith(w, i, end)
    )


@given(st.lists(CHROME_TEXT, min_size=1, max_size=4).map("".join), st.data())
@example("公网安备案【大】", None)
def test_chrome_words_found_at_their_anchors_are_those_at_every_place(
    text: str, data: st.DataObject | None
) -> None:
    slices = [(0, len(text))]
    if data is not None:
        start = data.draw(st.integers(0, len(text)))
        slices.append((start, data.draw(st.integers(start, len(text)))))
    for start, end in slices:
        assert sorted(C._chrome_words(text, start, end)) == chrome_words(text, start, end)


def test_every_chrome_word_has_one_anchor_and_none_overlaps_itself() -> None:
    anchored = [(k, w, a) for a, words in C._CHROME_ANCHORS.items() for k, w in words]
    assert sorted(w for _k, w, _a in anchored) == sorted(H._CHROME_WORDS)
    assert all(w[k] == a for k, w, a in anchored)
    # (so that counting occurrences, as str.count does, finds them all)
    for w in H._CHROME_WORDS:
        assert not any(w.startswith(w[k:]) for k in range(1, len(w)))


def test_the_best_named_candidate_is_scored_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # the named container scores 90 without chrome or links: the others, lighter, are
    # not scored (their links are not counted)
    report = "".join(f"<p>{h}</p>" for h in ("一、总体情况：概述", "二、主动公开政府信息情况"))
    page = (
        '<html><body><div class="nav"><a href="/">首页</a> 打印 关闭</div>'
        f'<div class="main"><div id="zoom">{report}</div></div></body></html>'
    )
    body = body_of(H._parse_tree(page))
    scored: list[etree._Element] = []
    link_text = C._link_text

    def counting(el: etree._Element) -> int:
        scored.append(el)
        return link_text(el)

    monkeypatch.setattr(C, "_link_text", counting)
    chosen = H._container(body, {})
    assert chosen is container(body)
    assert chosen.get("id") == "zoom"
    assert scored == [chosen]


def test_the_control_bytes_looked_for_are_those_translated() -> None:
    changed = {b for b in range(256) if H._CONTROL_BYTES[b] != b} | {0}
    assert {ord(c) for c in H._CONTROL_SINGLE} == changed


def organ_hint(root: etree._Element) -> gd.Organ | None:
    for el in root.iter("article"):
        if "govdisclosure-report" in (el.get("class") or "").split():
            name, kind = el.get("data-organ"), el.get("data-organ-kind")
            if name is None:
                return None
            if kind in {k.value for k in gd.OrganKind}:
                return gd.Organ(name, gd.OrganKind(kind))
            return gd.Organ(name)
    return None


def year_hint(root: etree._Element) -> int | None:
    for el in root.iter("article"):
        if "govdisclosure-report" in (el.get("class") or "").split():
            value = el.get("data-year") or ""
            return int(value) if value.isdigit() and len(value) == 4 else None
    return None


ARTICLE_ATTRS = st.lists(
    st.sampled_from(
        [
            ' class="govdisclosure-report"',
            ' class="x govdisclosure-report"',
            ' class="report"',
            ' data-organ="某局"',
            ' data-organ-kind="department"',
            ' data-organ-kind="x"',
            ' data-year="2024"',
            ' data-year="24"',
        ]
    ),
    unique=True,
    max_size=4,
).map("".join)


@given(st.lists(ARTICLE_ATTRS, max_size=3))
def test_hints_read_from_one_article_are_those_of_the_plain_search(attrs: list[str]) -> None:
    html = "<html><body>" + "".join(f"<article{a}>x</article>" for a in attrs) + "</body></html>"
    root = H._parse_tree(html)
    article = H._own_article(root)
    for hint_of, plain in ((H._organ_hint, organ_hint), (H._year_hint, year_hint)):
        assert hint_of(root) == plain(root)
        assert (hint_of(root, article) if article is not None else None) == plain(root)


REPORT_TABLE = (
    "<table><tr><td>本年新收</td><td>12</td></tr><tr><td>合计</td><td>3</td></tr></table>"
)


@given(page(), st.lists(st.sampled_from(["head", "html", "nested"]), max_size=3))
def test_the_tables_listed_once_are_those_of_the_body(
    root: etree._Element, outside: list[str]
) -> None:
    # html_blocks lists the page's tables once and keeps those of the body for the
    # container and the tables outside it: the same as looking for them in the body
    for where in outside:  # report tables outside the body, or in a body in the body
        table = etree.fromstring(REPORT_TABLE)
        if where == "nested":
            inner = etree.SubElement(body_of(root), "body")
            inner.append(table)
        elif where == "head":
            root.insert(0, etree.Element("head"))
            root[0].append(table)
        else:
            root.append(table)
    body = body_of(root)
    tables = list(root.iter("table"))
    body_tables = tables if body is root else [t for t in tables if H._inside(t, body)]
    assert body_tables == list(body.iter("table"))
    texts: dict[etree._Element, str] = {}
    plain_texts: dict[etree._Element, str] = {}
    chosen = H._container(body, texts, body_tables)
    assert chosen is H._container(body, plain_texts)
    assert texts == plain_texts
    index = {t: i for i, t in enumerate(tables)}
    assert H._outside(body, chosen, index, texts, body_tables) == H._outside(
        body, chosen, index, texts
    )


def test_a_table_outside_the_body_is_not_the_body_s() -> None:
    root = H._parse_tree(f"<html><body><div>{REPORT_TABLE}</div></body></html>")
    body = body_of(root)
    root.insert(0, etree.Element("head"))
    root[0].append(etree.fromstring(REPORT_TABLE))
    inner, outer = list(root.iter("table"))[::-1]
    assert H._inside(inner, body)
    assert not H._inside(outer, body)


BREAK_TEXT = st.text(
    alphabet=st.sampled_from(["a", "某", " ", "\u3000", "\xa0", "\x85", "\x1c", *"\t\n\r\f\v"]),
    max_size=12,
)


@given(BREAK_TEXT)
@example("某\u3000某")  # not printable, nothing to squeeze
@example("某\x0b某")
def test_a_text_without_a_break_is_its_own_squeeze(text: str) -> None:
    assert H._has_break(text) == (H._SPACE_RUN.search(text) is not None)
    if not H._has_break(text):
        assert H._squeeze(text) == text
    assert H._clean(text) == H._squeeze(text).strip()


LANGS = st.sampled_from(["", ' lang="en"', ' lang="EN-gb"', ' lang="zh-CN"', ' lang="e"'])
ARTICLE_CLASSES = st.sampled_from(
    ["", ' class="govdisclosure-report"', ' class="share"', ' id="nav"']
)


@st.composite
def articles_page(draw: st.DrawFn) -> str:
    # articles in English or not, some named like chrome or inside chrome (removed
    # with it when they lie in the container), inside the container or out of it
    report = "<p>一、总体情况：全年公开信息若干条</p><p>二、主动公开政府信息情况</p>"
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        article = f"<article{draw(LANGS)}{draw(ARTICLE_CLASSES)}>正文</article>"
        if draw(st.booleans()):
            article = f'<div class="{draw(st.sampled_from(["share", "x"]))}">{article}</div>'
        parts.append(article)
    inside = draw(st.integers(0, len(parts)))
    return (
        f"<html{draw(LANGS)}{draw(ARTICLE_CLASSES)}><body>{''.join(parts[:inside])}"
        f'<div id="zoom">{report}{"".join(parts[inside:])}</div></body></html>'
    )


REMOVED_ENGLISH = (
    '<html class="govdisclosure-report"><body><div id="zoom"><p>一、总体情况：全年公开信息若干条</p>'
    '<p>二、主动公开政府信息情况</p><div class="share"><article lang="en">x</article></div>'
    "</div></body></html>"
)


def plain_is_english(root: etree._Element) -> bool:
    """The page is English: an ``<html>`` or ``<article>`` in it says ``lang="en…"``."""
    return any(
        (el.get("lang") or "").lower().startswith("en") for el in root.iter("html", "article")
    )


@given(st.one_of(articles_page(), page().map(lambda root: etree.tostring(root, encoding=str))))
@example(REMOVED_ENGLISH)
def test_articles_found_before_the_chrome_goes_are_those_of_the_plain_searches(html: str) -> None:
    root = H._parse_tree(html)
    own, english = H._articles(root)
    assert own is H._own_article(root)
    H.html_blocks(root)  # (removes the chrome of the container)
    assert any(H._within(el, root) for el in english) == plain_is_english(root)


def test_an_english_article_removed_with_the_chrome_is_no_longer_english() -> None:
    root = H._parse_tree(REMOVED_ENGLISH)
    _own, english = H._articles(root)
    assert len(english) == 1
    H.html_blocks(root)
    assert not H._within(english[0], root)
    assert not plain_is_english(root)
