"""What the parse tree of a regular expression tells about its matches.

The audits of the prose search long Chinese texts with patterns kept as data
(``narrative.toml``, ``content.toml``). Python's regex engine tries an alternation at
every position it may start from, so what every match must start with or hold, read
here from the tree of Python's own parser (``re._parser``), lets the audits pass over
text and patterns that cannot match: a class of first characters for a lookahead, the
words every match holds, whether a pattern is only ``word|word|...`` (searched faster
with ``str`` methods). Each answer is conservative: where it cannot be told (a flag
that changes what a literal matches, a construct not followed), none is given.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any, Final

__all__ = ["first_class", "key_words", "musts_of", "words_of"]


_PLAIN_WORDS: Final = re.compile(r"[^\\.^$*+?{}\[\]()|]+(?:\|[^\\.^$*+?{}\[\]()|]+)*")


def words_of(pattern: re.Pattern[str] | None) -> tuple[str, ...] | None:
    """The words of ``pattern`` if it is only ``word|word|...`` without flags (it then
    searches a text exactly when one of them is in it), else ``None``."""
    if pattern is None or pattern.flags & ~re.UNICODE:
        return None
    if not _PLAIN_WORDS.fullmatch(pattern.pattern):
        return None
    return tuple(pattern.pattern.split("|"))


def key_words(patterns: Sequence[str]) -> list[str | None]:
    """For each pattern, a word every match of it holds, looked for in a sentence before
    the pattern is let try it (``None``: the pattern always is).

    Only patterns that do not start with a literal character have one: where such a
    pattern cannot match, the regex engine still enters it at every position the
    combined lookahead lets through (a number, an optional group, a lookbehind, an
    alternation), while an alternative that starts with a literal is passed over after
    one comparison, and looking for a word costs more than that. Of the words a pattern
    must hold, the one the fewest patterns hold is taken (then the longest).
    """
    musts = [musts_of(p) for p in patterns]
    counts = Counter(w for m in musts for w in m)
    return [
        None if not m or _starts_with_literal(p) else min(m, key=lambda w: (counts[w], -len(w), w))
        for p, m in zip(patterns, musts, strict=True)
    ]


def _starts_with_literal(pattern: str) -> bool:
    """Whether the first item of ``pattern`` (as Python's parser reads it) is a literal
    character."""
    try:
        parsed = importlib.import_module("re._parser").parse(pattern)
        return len(parsed) > 0 and str(parsed[0][0]) == "LITERAL"
    except (ImportError, AttributeError, TypeError, ValueError, IndexError):
        return False


def musts_of(pattern: str) -> frozenset[str]:
    """Words that every match of ``pattern`` (a regular expression) holds, read from the
    parse tree of Python's own parser: the runs of literal characters of the sequence
    and of its groups, of what is repeated at least once, and what every branch of an
    alternation holds. Empty if that cannot be told (a flag that changes what a literal
    matches, a construct the parser does not give as expected)."""
    try:
        parser = importlib.import_module("re._parser")
        parsed = parser.parse(pattern)
        if parsed.state.flags & re.IGNORECASE:
            return frozenset()
        return frozenset(_maximal(_musts(parsed)))
    except (_Unknown, ImportError, AttributeError, TypeError, ValueError):
        return frozenset()


def _musts(items: Any) -> set[str]:
    """Words every match of a sequence of parsed items holds (lookarounds and anchors,
    which hold no character, and optional items add none)."""
    out: set[str] = set()
    run: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        if run:
            out.add("".join(run))
            run = []
        if name == "SUBPATTERN":
            _group, add_flags, _del_flags, sub = av
            if add_flags & re.IGNORECASE:
                raise _Unknown(name)
            out |= _musts(sub)
        elif name == "BRANCH":
            # what every branch holds: the pieces of words that all branches hold
            common: set[str] | None = None
            for sub in av[1]:
                pieces = {
                    w[i:j]
                    for w in _musts(sub)
                    for i in range(len(w))
                    for j in range(i + 1, len(w) + 1)
                }
                common = pieces if common is None else common & pieces
            out |= _maximal(common or set())
        elif name in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
            low, _high, sub = av
            if low >= 1:
                out |= _musts(sub)
    if run:
        out.add("".join(run))
    return out


def _maximal(words: set[str]) -> set[str]:
    """The words that no other word holds."""
    return {w for w in words if not any(w != o and w in o for o in words)}


_CATEGORIES: Final = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


_CHANGES_CLASSES: Final = re.IGNORECASE | re.ASCII | re.LOCALE
"""The flags under which the class built here might not hold a character."""


class _Unknown(Exception):
    """A construct that ``first_class`` does not follow."""


def first_class(pattern: str) -> str | None:
    """A character class that holds the first character of every match of ``pattern``
    (a regular expression without flags); ``None`` if that cannot be told (a pattern
    that may match the empty string, or a construct not followed here).

    Read from the parse tree of Python's own regular expression parser: the first
    characters of a sequence are those of its items up to the first that cannot match
    the empty string; lookarounds and anchors match the empty string.
    """
    try:
        parser = importlib.import_module("re._parser")
        parsed = parser.parse(pattern)
        if parsed.state.flags & _CHANGES_CLASSES:
            return None
        chars, nullable = _first_of(parsed)
    except (_Unknown, ImportError, AttributeError, TypeError, ValueError):
        return None
    if nullable or not chars:
        return None
    return "[" + "".join(dict.fromkeys(chars)) + "]"


def _first_of(items: Any) -> tuple[list[str], bool]:
    """The class items that may start a sequence of parsed items, and whether the
    sequence may match the empty string."""
    out: list[str] = []
    for op, av in items:
        chars, nullable = _first_one(str(op), av)
        out += chars
        if not nullable:
            return out, False
    return out, True


def _first_one(op: str, av: Any) -> tuple[list[str], bool]:
    if op == "LITERAL":
        return [re.escape(chr(av))], False
    if op == "IN":
        out = []
        for item_op, value in av:
            item = str(item_op)
            if item == "LITERAL":
                out.append(re.escape(chr(value)))
            elif item == "RANGE":
                out.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif item == "CATEGORY" and str(value) in _CATEGORIES:
                out.append(_CATEGORIES[str(value)])
            else:  # NEGATE and the rest
                raise _Unknown(item)
        return out, False
    if op == "SUBPATTERN":
        _group, add_flags, _del_flags, sub = av
        if add_flags & _CHANGES_CLASSES:
            raise _Unknown(op)
        return _first_of(sub)
    if op == "BRANCH":
        out, nullable = [], False
        for sub in av[1]:
            chars, empty = _first_of(sub)
            out += chars
            nullable = nullable or empty
        return out, nullable
    if op in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
        low, _high, sub = av
        chars, nullable = _first_of(sub)
        return chars, nullable or low == 0
    if op in {"ASSERT", "ASSERT_NOT", "AT"}:
        return [], True
    raise _Unknown(op)
