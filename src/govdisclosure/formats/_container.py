"""Where the report is on a web page: the content container among the page chrome.

Government CMS pages wrap a report in navigation, breadcrumbs, share bars, sidebars and
footers. :func:`_container` scores the candidate elements (``div``, ``article``,
``section``, ``main``, ``td``, ``body``) by the section headings and report tables they
hold, the names the common CMSs give their content element, and the chrome words and
link text they carry; :func:`_strip_chrome` then removes the chrome left inside the
chosen element. Both work on the text of the body found once (:class:`_Text`,
:class:`_Spans`), not on each candidate's text serialised again.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from typing import Final

from lxml import etree

from govdisclosure.template import Edition, template

# id / class names of the content containers of common government CMSs, with a weight
_KNOWN_CONTAINERS: Final = (
    (re.compile(r"^ivs_content$", re.I), 120),
    (re.compile(r"^(webeditorview|TRS_Editor|trs_editor_view)$", re.I), 100),
    (re.compile(r"^Custom_UnionStyle$", re.I), 95),
    (re.compile(r"^zoom$", re.I), 90),
    (re.compile(r"^(article|art)[-_]?(content|body|con|text)?$", re.I), 85),
    (
        re.compile(
            r"^(pages?_content|news_content|content_?text|con_?text|detail_?content|"
            r"main_?content|contentText|xxgk_content|zw|zwnr|conTxt|article_con)$",
            re.I,
        ),
        80,
    ),
    (re.compile(r"^(content|contents|main)$", re.I), 40),
)
_CHROME_ID: Final = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|breadcrumbs?|crumbs?|position|location|share|bdshare|fenxiang|"
    r"print|toolbar|tools|footer|foot|copyright|header|head|topbar|sidebar|search|links?)($|[-_ ])",
    re.I,
)
_CHROME_WORDS: Final = (
    "首页",
    "当前位置",
    "您的位置",
    "打印",
    "关闭",
    "繁體",
    "繁体",
    "无障碍",
    "长者",
    "适老",
    "ICP",
    "备案",
    "网站地图",
    "联系我们",
    "分享到",
    "字号",
    "收藏",
    "返回顶部",
    "网站标识码",
    "公网安备",
    "主办单位",
    "版权所有",
    "【大",
    "【中",
    "【小",
)


def _tag(el: etree._Element) -> str:
    tag: object = el.tag  # comments and processing instructions have a function here
    return tag.lower() if isinstance(tag, str) else ""


def _text_of(el: etree._Element) -> str:
    """Every piece of text inside ``el``, joined."""
    if not len(el):  # no child: its text is all (and needs no serialiser)
        return el.text or ""
    return _serialised_text(el)


def _attr_words(el: etree._Element) -> list[str]:
    words_ = (el.get("id") or "").split()
    words_ += (el.get("class") or "").split()
    return words_


@functools.lru_cache(maxsize=4096)
def _chrome_word(word: str) -> bool:
    return _CHROME_ID.search(word) is not None


# the elements of a container that may be chrome, as the values of their names and
# the <nav> elements, in document order (attributes come right after their element)
_NAMED: Final = etree.XPath(".//*/@id | .//*/@class | .//nav")


def _chrome_names(
    root: etree._Element, word_marks: list[etree._Element] | None = None
) -> list[etree._Element]:
    """The elements inside ``root`` named like chrome (a word of an ``id`` or ``class``
    matches :data:`_CHROME_ID`) or that are ``<nav>``, in document order.

    One XPath gives the values of every ``id`` and ``class`` (faster than selecting
    the elements that have one); only the elements of the values that hold a chrome
    word are looked at. The elements whose class is one of Word's footnote, endnote
    and comment references (:data:`WORD_MARKS`), seen on the way, are added to
    ``word_marks`` when it is given."""
    found: object = _NAMED(root)
    out: list[etree._Element] = []
    if not isinstance(found, list):
        return out
    for item in found:
        if isinstance(item, etree._ElementUnicodeResult):
            if word_marks is not None and item in WORD_MARKS:
                el = item.getparent()
                if el is not None:
                    word_marks.append(el)
                continue
            el = item.getparent()
            if el is None or (out and out[-1] is el):
                continue
            if any(_chrome_word(w) for w in item.split()) or _tag(el) == "nav":
                out.append(el)
        elif isinstance(item, etree._Element) and not (out and out[-1] is item):
            out.append(item)
    return out


WORD_MARKS: Final = frozenset(
    {"MsoFootnoteReference", "MsoEndnoteReference", "MsoCommentReference", "msocomanchor"}
)
"""The classes Word gives a footnote's or endnote's reference mark and a comment's
anchor (``[1]``, ``[A1]``), shown raised or beside the text they mark: a mark, not
part of a figure."""


def _strip_chrome(
    root: etree._Element, cell_texts: dict[etree._Element, str]
) -> list[etree._Element]:
    """Remove navigation, share bars and similar chrome inside the container (and the
    text kept in ``cell_texts`` of the cells they were in); the elements of Word's
    reference marks inside it (see :data:`WORD_MARKS`), in document order."""
    word_marks: list[etree._Element] = []
    doomed = [el for el in _chrome_names(root, word_marks) if not _looks_like_content(el)]
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            for td in el.iterancestors("td"):  # its text changes
                cell_texts.pop(td, None)
            tail = el.tail
            parent.remove(el)
            if tail:
                _append_text(parent, tail)
    return word_marks


def _append_text(parent: etree._Element, text: str) -> None:
    children = list(parent)
    if children:
        children[-1].tail = (children[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


_DATE_LINE: Final = re.compile(r"(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def _looks_like_content(el: etree._Element) -> bool:
    """Whether an element named like chrome holds part of the report (sections, a
    table, or a signature date) and must stay."""
    text = _text_of(el)
    return (
        len(_section_hits(text)) >= 2
        or any(True for _ in el.iter("table"))
        or (len(text) <= 200 and _DATE_LINE.search(text) is not None)
    )


@functools.cache
def _headings() -> tuple[re.Pattern[str], dict[str, str]]:
    ids: dict[str, str] = {}
    for tpl in (template(Edition.V2021), template(Edition.V2019)):
        for s in tpl.sections:
            for label in (s.label, *s.variants):
                for sep in ("、", "."):
                    ids[f"{s.number}{sep}{label}"] = s.id
    pattern = "|".join(re.escape(h) for h in sorted(ids, key=len, reverse=True))
    return re.compile(pattern), ids


# per heading expression (there is one; the tests make others)
_ANCHORS: dict[re.Pattern[str], tuple[frozenset[str], tuple[str, ...]] | None] = {}


def _heading_anchors(
    rx: re.Pattern[str], ids: dict[str, str]
) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """The first characters of the headings and their second ones (the separators),
    when every heading has both and there are at most two separators."""
    try:
        return _ANCHORS[rx]
    except KeyError:
        pass
    anchors = None
    if ids and all(len(h) >= 2 for h in ids):
        seps = tuple(sorted({h[1] for h in ids}))
        if len(seps) <= 2:
            anchors = frozenset(h[0] for h in ids), seps
    _ANCHORS[rx] = anchors
    return anchors


def _find_headings(text: str, rx: re.Pattern[str], ids: dict[str, str]) -> list[re.Match[str]]:
    """``list(rx.finditer(text))``, ``rx`` matching the headings ``ids``.

    A heading is a number, a separator (``、`` or ``.``) and a label, so a match starts
    only right before a separator: the separators are found with ``str.find``, much
    faster than the regular expression's test of every character, and the expression
    is tried there (after the end of the last match, as ``finditer`` goes on)."""
    anchors = _heading_anchors(rx, ids)
    if anchors is None:
        return list(rx.finditer(text))
    firsts, seps = anchors
    at: list[int] = []
    for sep in seps:
        i = text.find(sep, 1)
        while i >= 0:
            at.append(i)
            i = text.find(sep, i + 1)
    at.sort()
    out: list[re.Match[str]] = []
    end = 0
    for i in at:
        p = i - 1
        if p >= end and text[p] in firsts:
            m = rx.match(text, p)
            if m is not None:
                out.append(m)
                end = m.end()
    return out


def _section_hits(text: str) -> set[str]:
    """The sections whose headings (or their known variants) occur in ``text``."""
    rx, ids = _headings()
    return {ids[m.group(0)] for m in rx.finditer(text)}


_TABLE_WORDS: Final = (
    "本年新收",
    "上年结转",
    "予以公开",
    "行政复议",
    "第二十条",
    "信息内容",
    "结果维持",
)


_CANDIDATE_TAGS: Final = ("div", "article", "section", "main", "td", "body")
_CHROME_FIND: Final = re.compile("|".join(re.escape(w) for w in _CHROME_WORDS))


_CHROME_ANCHOR_CHARS: Final = "首置打闭繁碍者适I备图们享字藏顶码单所【"
"""Characters of the chrome words that are rare in reports (and in the body of their
pages), one at least in each word: the words are looked for where these are."""


def _chrome_anchors() -> dict[str, tuple[tuple[int, str], ...]]:
    """For each anchor, the chrome words anchored on it and its place in each: a word's
    anchor is its first character among :data:`_CHROME_ANCHOR_CHARS` (its last
    character if none is)."""
    out: dict[str, list[tuple[int, str]]] = {}
    for w in _CHROME_WORDS:
        k = next((i for i, ch in enumerate(w) if ch in _CHROME_ANCHOR_CHARS), len(w) - 1)
        out.setdefault(w[k], []).append((k, w))
    return {anchor: tuple(words_) for anchor, words_ in out.items()}


_CHROME_ANCHORS: Final = _chrome_anchors()


class _Text:
    """The text of the page's body, with the section headings and the chrome words
    found once in it; counted afterwards in any slice of it."""

    def __init__(self, text: str) -> None:
        self.text = text
        rx, ids = _headings()
        self.headings = [
            (m.start(), m.end(), ids[m.group(0)]) for m in _find_headings(text, rx, ids)
        ]
        self.heading_starts = [h[0] for h in self.headings]
        # the chrome words are found when first counted: in the slices asked for
        # while they are shorter together than the text, then once in the whole
        self.searched = 0
        self.chrome_starts: list[int] | None = None
        self.chrome_ends: list[int] = []

    def sections(self, start: int, end: int) -> int:
        """``len(_section_hits(self.text[start:end]))``."""
        starts, found = self.heading_starts, self.headings
        i = bisect.bisect_left(starts, start)
        j = bisect.bisect_left(starts, end)
        if (i > 0 and found[i - 1][1] > start) or (j > i and found[j - 1][1] > end):
            # a heading found in the whole text runs over an end of the slice: the
            # slice may hold other matches, so search it alone
            rx, ids = _headings()
            return len({ids[m.group(0)] for m in rx.finditer(self.text, start, end)})
        # elsewhere the search of the whole text and that of the slice agree
        return len({found[k][2] for k in range(i, j)})

    def chrome(self, start: int, end: int) -> int:
        """``sum(self.text[start:end].count(w) for w in _CHROME_WORDS)``: no chrome word
        overlaps itself, so that is the number of occurrences wholly in the slice."""
        starts = self.chrome_starts
        if starts is None:
            if self.searched + end - start <= len(self.text):
                self.searched += end - start
                return len(_chrome_words(self.text, start, end))
            chrome = sorted(_chrome_words(self.text, 0, len(self.text)))
            starts = self.chrome_starts = [c[0] for c in chrome]
            self.chrome_ends = [c[1] for c in chrome]
        ends = self.chrome_ends
        i = bisect.bisect_left(starts, start)
        j = bisect.bisect_left(starts, end)
        n = j - i
        k = j - 1
        while k >= i and starts[k] > end - _CHROME_LONGEST:
            n -= ends[k] > end
            k -= 1
        return n


_CHROME_LONGEST: Final = max(len(w) for w in _CHROME_WORDS)


def _chrome_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Every occurrence of every chrome word in ``text[start:end]`` (start, end), in no
    particular order.

    Each word is looked for only where its anchor is (:data:`_CHROME_ANCHORS`): a few
    searches of one character with ``str.find``, much faster over a long text than
    the regular expression's test of every character against the first characters
    of the words (公 and 主, which start two of them, are frequent in reports)."""
    out: list[tuple[int, int]] = []
    find, startswith = text.find, text.startswith
    for anchor, anchored in _CHROME_ANCHORS.items():
        i = find(anchor, start, end)
        while i >= 0:
            for k, w in anchored:
                at = i - k
                if at >= start and startswith(w, at, end):
                    out.append((at, at + len(w)))
            i = find(anchor, i + 1, end)
    return out


_LINKS: Final = etree.XPath(
    "string-length(str:concat(.//a))", namespaces={"str": "http://exslt.org/strings"}
)


def _link_text(el: etree._Element) -> int:
    """The length of the text of the links in ``el`` (each link's, nested ones again),
    in one XPath (none when ``el`` holds no link: looking for one is quicker)."""
    if next(el.iterdescendants("a"), None) is None:
        return 0
    n: object = _LINKS(el)
    return int(n) if isinstance(n, float) else 0


@functools.lru_cache(maxsize=4096)
def _known_weight(word: str) -> int:
    return max((weight for pat, weight in _KNOWN_CONTAINERS if pat.match(word)), default=0)


_BLOCK_CANDIDATES: Final = ("div", "article", "section", "main", "body")
"""The candidates but cells: their places in the body's text are found by :class:`_Spans`."""


def _is_markup(tag: object) -> bool:
    """A comment or processing instruction: no part of the text of its parent."""
    return tag is etree.Comment or tag is etree.PI


class _Spans:
    """The text of the page's body, and the place in it of the text of each element
    that is a candidate but a cell, found in one pass.

    Only the elements on the way to such a candidate are visited; a candidate with
    no other inside and any other child are serialised once, whole (the text of
    nested wrappers is no longer serialised once per wrapper). ``tables``: the text
    of the tables serialised whole.
    """

    def __init__(self, body: etree._Element, blocks: list[etree._Element] | None = None) -> None:
        """``blocks``: the candidates, when the caller has listed them."""
        candidates: set[etree._Element] = set()
        branches: set[etree._Element] = set()  # the elements with a candidate inside
        for candidate in body.iter(*_BLOCK_CANDIDATES) if blocks is None else blocks:
            candidates.add(candidate)
            el = candidate.getparent() if candidate is not body else None
            while el is not None and el not in branches:
                branches.add(el)
                el = el.getparent() if el is not body else None
        self.candidates = candidates
        self.branches = branches
        self.parts: list[str] = []
        self.spans: dict[etree._Element, tuple[int, int]] = {}
        self.tables: dict[etree._Element, str] = {}
        if body in branches:
            self._visit(body, 0)
        else:
            text = _text_of(body)
            self.parts.append(text)
            self.spans[body] = (0, len(text))
        self.text = "".join(self.parts)

    def _visit(self, el: etree._Element, at: int) -> int:
        """Add the text of ``el``, which starts at ``at``; where it ends."""
        parts, branches, candidates = self.parts, self.branches, self.candidates
        start = at
        text = el.text
        if text:
            parts.append(text)
            at += len(text)
        for child in el:
            if child in branches:
                at = self._visit(child, at)
            else:
                tag: object = child.tag
                if isinstance(tag, str):
                    text = (child.text or "") if not len(child) else _serialised_text(child)
                    if child in candidates:
                        self.spans[child] = (at, at + len(text))
                    elif tag == "table":
                        self.tables[child] = text
                elif _is_markup(tag):
                    text = None
                else:  # an entity reference
                    text = _serialised_text(child)
                if text:
                    parts.append(text)
                    at += len(text)
            text = child.tail
            if text:
                parts.append(text)
                at += len(text)
        self.spans[el] = (start, at)
        return at


def _serialised_text(el: etree._Element) -> str:
    """The text of ``el`` and all inside it, joined by lxml."""
    text: object = etree.tostring(el, method="text", encoding="unicode", with_tail=False)
    return text if isinstance(text, str) else ""


def _report_tables(
    body: etree._Element,
    texts: dict[etree._Element, str],
    tables: list[etree._Element] | None = None,
) -> dict[etree._Element, int]:
    """For each element of the body, how many report tables it holds: each report
    table counts in its ancestors (``texts``: the text of tables already serialised;
    ``tables``: the body's tables, when the caller has them)."""
    out: dict[etree._Element, int] = {}
    for t in body.iter("table") if tables is None else tables:
        text = texts.get(t)
        if text is None:
            text = _text_of(t)
        if not any(w in text for w in _TABLE_WORDS):
            continue
        el = t.getparent() if t is not body else None
        while el is not None:
            out[el] = out.get(el, 0) + 1
            el = el.getparent() if el is not body else None
    return out


def _container(
    body: etree._Element,
    cell_texts: dict[etree._Element, str],
    body_tables: list[etree._Element] | None = None,
) -> etree._Element:
    """The element holding the report: most sections and tables, least chrome.

    The text of every ``<td>`` is left in ``cell_texts`` (the tables are read later);
    ``body_tables``: the body's tables, when the caller has them."""
    long_cell = False  # whether a cell has text enough to be a candidate
    for td in body.iter("td"):
        text = (td.text or "") if not len(td) else _serialised_text(td)
        cell_texts[td] = text
        if len(text) >= 20:
            long_cell = True
    found: _Spans | None = None
    whole: _Text | None = None
    cursor = 0
    report_tables: dict[etree._Element, int] = {}
    # the candidates with the most sections and tables (the first component of the
    # key), in document order
    top_first = 0
    top: list[tuple[etree._Element, int, int, int]] = []
    if long_cell:
        candidates: Iterator[etree._Element] | list[etree._Element]
        candidates = body.iter(*_CANDIDATE_TAGS)
        blocks = None
    else:  # the candidates are those of the spans: listed once for both
        candidates = blocks = list(body.iter(*_BLOCK_CANDIDATES))
    for el in candidates:
        if el.tag == "td":
            text = cell_texts[el]
            n = len(text)
            if n < 20:
                continue
            if found is None:
                found = _Spans(body, blocks)
            span = found.spans.get(el)
            if span is None:
                # the place of this text in the body's: any place where it occurs
                # will do (the counts depend on the text of the slice only)
                start = found.text.find(text, cursor)
                if start < 0:
                    start = found.text.find(text)
                end = start + n
            else:
                start, end = span
        else:
            if found is None:
                found = _Spans(body, blocks)
            start, end = found.spans[el]
            n = end - start
            if n < 20:
                continue
        cursor = start
        if whole is None:
            whole = _Text(found.text)
            report_tables = _report_tables(body, found.tables, body_tables)
        hits = whole.sections(start, end)
        tables = report_tables.get(el, 0)
        if hits == 0 and tables == 0:
            continue
        first = hits + min(tables, 3)
        if first < top_first:
            continue  # loses on the first component whatever the others
        if first > top_first:
            top_first, top = first, []
        top.append((el, start, end, n))
    if whole is None or not top:
        return body
    return _best_scored(top, whole)


def _best_scored(top: list[tuple[etree._Element, int, int, int]], whole: _Text) -> etree._Element:
    """Of the candidates that are equal first (their element, text span and length, in
    document order), the one with the greatest ``known - 5 * chrome - 50 * links / n``,
    then the shortest, then the first: the keys of :func:`_container`.

    The weight of its name bounds a candidate's score (chrome and links only take
    from it), so candidates are scored from the greatest weight down, and those that
    cannot beat the best so far are not scored (their chrome words and links are
    not counted)."""
    weights = [max((_known_weight(w) for w in _attr_words(el)), default=0) for el, *_ in top]
    order = sorted(range(len(top)), key=lambda i: -weights[i])
    best: tuple[float, int, int] | None = None  # score, -length, -index
    for i in order:
        el, start, end, n = top[i]
        known = weights[i]
        if best is not None:
            if known < best[0]:
                break  # neither this one nor any after it can reach the best score
            if known == best[0] and (-n, -i) < best[1:]:
                continue  # the best score at most, and longer or later
        chrome = whole.chrome(start, end)
        links = _link_text(el)
        key = (known - 5 * chrome - 50 * links / n, -n, -i)
        if best is None or key > best:
            best = key
    assert best is not None
    return top[-best[2]][0]
