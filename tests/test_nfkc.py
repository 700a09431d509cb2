"""The fast NFKC path agrees with ``unicodedata.normalize("NFKC", ...)``."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from govdisclosure._nfkc import _OTHER, _RANGES, nfkc

FAST = [chr(cp) for lo, hi in _RANGES for cp in range(lo, hi + 1) if _OTHER.search(chr(cp)) is None]


def test_every_fast_character_alone_and_between_others() -> None:
    for c in FAST:
        for s in (c, f"a{c}一", f"，{c}\u0301", f"{c}{c}"):
            assert nfkc(s) == unicodedata.normalize("NFKC", s), hex(ord(c))


@given(st.text(alphabet=st.sampled_from(FAST), max_size=40))
def test_fast_alphabet(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@given(st.text(max_size=40))
def test_any_text(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@given(st.text(alphabet=st.sampled_from(FAST), max_size=20), st.text(max_size=3))
def test_fast_text_with_anything_mixed_in(fast: str, other: str) -> None:
    for s in (fast + other, other + fast, fast[:5] + other + fast[5:]):
        assert nfkc(s) == unicodedata.normalize("NFKC", s)
