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

from collections.abc import Sequence

import attrs

from govdisclosure.formats._raw import RawCell
from govdisclosure.template import RowSpec, TableSpec, normalize_label

__all__ = ["Match", "associate", "candidates", "match_indices", "match_stream"]

_MIN_PREFIX = 5


def candidates(row: RowSpec) -> list[tuple[str, str]]:
    """``(normalised, as printed)`` for the row's label and its variants, longest first
    after the official label."""
    out = [(normalize_label(row.label), row.label)]
    out += sorted(((normalize_label(v), v) for v in row.variants), key=lambda p: -len(p[0]))
    return out


_ROW_CANDIDATES: dict[int, tuple[tuple[str, tuple[str, ...]], ...]] = {}


def _row_candidates(spec: TableSpec) -> tuple[tuple[str, tuple[str, ...]], ...]:
    # template specs are loaded once and kept: their identity is a cheap key
    key = id(spec)
    if key not in _ROW_CANDIDATES:
        _ROW_CANDIDATES[key] = tuple(
            (row.id, tuple(n for n, _ in candidates(row))) for row in spec.rows
        )
    return _ROW_CANDIDATES[key]


def _score(text: str, norm: str) -> float:
    if text == norm:
        return 3.0
    if text.endswith(norm):
        return 2.0 + len(norm) / 1000
    # the longest end of ``text`` that begins ``norm`` (a label wrapped after it)
    start = text.find(norm[0])
    while start != -1 and len(text) - start >= _MIN_PREFIX:
        if len(text) - start > len(norm):
            # longer than ``norm``: only the last ``len(norm)`` characters can begin it
            # (a label text of thousands of characters is not sliced at each of them)
            start = text.find(norm[0], len(text) - len(norm))
            continue
        if norm.startswith(text[start:]):
            return 1.0 + (len(text) - start) / 1000
        start = text.find(norm[0], start + 1)
    return 0.0


def associate(text: str, spec: TableSpec) -> str | None:
    """The row of ``spec`` that the label text ``text`` (normalised) names, if one does.

    ``text`` may carry pieces of group labels before the row's own label, or only the
    beginning of a wrapped label.
    """
    key = id(spec)
    entry = _ASSOCIATED.get(key)
    if entry is None or entry[0] is not spec:
        entry = _ASSOCIATED[key] = (spec, {})
    found = entry[1]
    if text not in found:
        if len(found) >= _MAX_ASSOCIATED:
            found.clear()
        found[text] = _associate(text, _row_candidates(spec))
    return found[text]


# text → row, per table spec (kept alive in its entry, found by identity: hashing the
# spec's candidates with every text would cost more than the look-up saves)
_ASSOCIATED: dict[int, tuple[TableSpec, dict[str, str | None]]] = {}
_MAX_ASSOCIATED = 4096


def _associate(text: str, rows: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    if not text:
        return None
    best: list[tuple[float, str]] = []
    for row_id, norms in rows:
        score = max(_score(text, norm) for norm in norms)
        if score:
            best.append((score, row_id))
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
    return [
        Match(official, printed, tuple(pieces[j] for j in taken))
        for official, printed, taken in match_indices(labels, norm, ordered=ordered)
    ]


def match_indices(
    labels: Sequence[tuple[str, Sequence[tuple[str, str]]]],
    norm: Sequence[str],
    *,
    ordered: bool = True,
) -> list[tuple[str, str, tuple[int, ...]]]:
    """:func:`match_stream` on the normalised texts of the pieces: for each label found,
    ``(official, as printed, indices of the pieces taken)``."""
    used = [False] * len(norm)
    cursor = 0
    out: list[tuple[str, str, tuple[int, ...]]] = []
    for official, cands in labels:
        found = None
        for start in range(cursor if ordered else 0, len(norm)):
            if used[start]:
                continue
            first = norm[start]
            for cand, printed in cands:
                if first and not cand.startswith(first):
                    continue  # what _consume would find at once
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
        out.append((official, printed, tuple(taken)))
    return out
