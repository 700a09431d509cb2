"""Matching labels as read against the template: official wording, variants, splits.

Labels come out of web pages and PDF text in pieces: a long row label wrapped over two
lines, a merged group label written one character a line, numbers printed before their
label. Two tools cope with that:

- :func:`associate` matches the label text gathered for one data row against the rows
  of a table (exactly, as the end of the text, or as the beginning of a label);
- :func:`match_stream` finds every label of a table in the sequence of label pieces of
  the whole table, piece by piece, so that variants and splits can be reported.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import attrs

from govdisclosure.formats._raw import RawCell
from govdisclosure.template import RowSpec, TableSpec, normalize_label

__all__ = ["Match", "associate", "candidates", "match_stream"]

_MIN_PREFIX = 5


@functools.cache
def _candidates(row: RowSpec) -> tuple[tuple[str, str], ...]:
    out = [(normalize_label(row.label), row.label)]
    out += sorted(((normalize_label(v), v) for v in row.variants), key=lambda p: -len(p[0]))
    return tuple(out)


def candidates(row: RowSpec) -> list[tuple[str, str]]:
    """``(normalised, as printed)`` for the row's label and its variants, longest first
    after the official label."""
    return list(_candidates(row))


@functools.lru_cache(maxsize=4096)  # pure; the same label texts recur in every report
def associate(text: str, spec: TableSpec) -> str | None:
    """The row of ``spec`` that the label text ``text`` (normalised) names, if one does.

    ``text`` may carry pieces of group labels before the row's own label, or only the
    beginning of a wrapped label.
    """
    if not text:
        return None
    best: list[tuple[float, str]] = []
    n = len(text)
    for row in spec.rows:
        score = 0.0
        for norm, _ in _candidates(row):
            if text == norm:
                score = max(score, 3.0)
            elif text.endswith(norm):
                score = max(score, 2.0 + len(norm) / 1000)
            elif n >= _MIN_PREFIX:
                # the longest tail of ``text`` (at least _MIN_PREFIX long) that begins
                # ``norm``: a tail longer than ``norm`` cannot, and a tail that does
                # starts with ``norm``'s first character
                start = text.find(norm[:1], max(0, n - len(norm)), n - _MIN_PREFIX + 1)
                while start >= 0:
                    if norm.startswith(text[start:]):
                        score = max(score, 1.0 + (n - start) / 1000)
                        break
                    start = text.find(norm[:1], start + 1, n - _MIN_PREFIX + 1)
        if score:
            best.append((score, row.id))
    if not best:
        return None
    best.sort(reverse=True)
    if len(best) > 1 and best[0][0] == best[1][0]:
        return None
    return best[0][1]


@attrs.frozen
class Match:
    """Where one label was found in the stream of label pieces."""

    label: str
    """The official label."""
    found: str
    """The wording found (the label itself or a variant), as printed in the template."""
    pieces: tuple[RawCell, ...]
    """The pieces it was read from."""

    @property
    def is_variant(self) -> bool:
        """Whether a variant was found rather than the official wording."""
        return self.found != self.label


_MAX_SKIP = 3


def _consume(cand: str, pieces: Sequence[str], used: list[bool], start: int) -> list[int] | None:
    pos, j, skipped, taken = 0, start, 0, []
    while pos < len(cand):
        if j >= len(pieces):
            return None
        if used[j] or not pieces[j]:
            j += 1
            continue
        piece = pieces[j]
        rest = cand[pos:]
        if rest.startswith(piece):
            pos += len(piece)
            taken.append(j)
            skipped = 0
        elif pos > 0 and piece.startswith(rest):
            pos = len(cand)
            taken.append(j)
        elif pos > 0 and skipped < _MAX_SKIP:
            skipped += 1
        else:
            return None
        j += 1
    return taken


def match_stream(
    labels: Sequence[tuple[str, Sequence[tuple[str, str]]]],
    pieces: Sequence[RawCell],
    *,
    ordered: bool = True,
) -> list[Match]:
    """Find each label (``(official, candidates)``) in ``pieces``, in turn.

    A label may span several consecutive pieces, skipping up to three unrelated pieces
    between two of its parts (another column's label printed in between). Pieces once
    used are not used again. With ``ordered``, each label is looked for after the
    previous one found.
    """
    norm = [normalize_label(p.text) for p in pieces]
    used = [False] * len(pieces)
    cursor = 0
    out: list[Match] = []
    for official, cands in labels:
        found = None
        for start in range(cursor if ordered else 0, len(pieces)):
            if used[start]:
                continue
            for cand, printed in cands:
                taken = _consume(cand, norm, used, start)
                if taken is not None:
                    found = (taken, printed)
                    break
            if found is not None:
                break
        if found is None:
            continue
        taken, printed = found
        for j in taken:
            used[j] = True
        if ordered:
            cursor = taken[0] + 1
        out.append(Match(official, printed, tuple(pieces[j] for j in taken)))
    return out
