"""Tokenisation of Vietnamese: syllables by default, words on request.

Vietnamese writes one syllable per space-separated token; a word is one to four syllables
("giải phóng mặt bằng" is two words). The classifiers use syllable n-grams, which cover the
words without a segmenter and cost nothing to load. `words` segments with underthesea's
offline CRF when it is installed (it is imported on first use only, never on the hot path) and
falls back to joining known bigrams otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from dantinh.language.normalize import normalize

# A token is a run of letters/digits (keeping "5,5" and "1.000" and "24/7" together), or one
# "?" or "!" (they mark questions and exclamations, which the mood and kind heads use), or one
# emoji / symbol character.
_TOKEN = re.compile(
    r"\d+(?:[.,/:-]\d+)*|[^\W_]+|[?!]|[\U0001F000-\U0001FAFF\u2600-\u27BF]",
    re.UNICODE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+|\n+")


def syllables(text: str, *, normalized: bool = False) -> list[str]:
    """The lower-case syllables (and "?", "!", emoji) of a text, after `normalize`.

    Pass `normalized=True` when the text already went through `normalize`.
    """
    if not normalized:
        text = normalize(text, lower=True)
    else:
        text = text.lower()
    return _TOKEN.findall(text)


def ngrams(tokens: list[str], n_min: int = 1, n_max: int = 2, sep: str = " ") -> Iterator[str]:
    """All n-grams of `tokens` with n_min ≤ n ≤ n_max, joined by `sep`, shortest first."""
    count = len(tokens)
    for n in range(n_min, n_max + 1):
        if n == 1:
            yield from tokens
            continue
        for i in range(count - n + 1):
            yield sep.join(tokens[i : i + n])


def sentences(text: str) -> list[str]:
    """Split a text into sentences at . ! ? … ; and line breaks; empty pieces are dropped."""
    return [piece.strip() for piece in _SENTENCE_END.split(text or "") if piece.strip()]


@lru_cache(maxsize=1)
def _segmenter():  # pragma: no cover - depends on an optional package
    try:
        from underthesea import word_tokenize
    except ImportError:
        return None
    return word_tokenize


def has_segmenter() -> bool:
    """Whether the optional word segmenter (underthesea) is installed."""
    return _segmenter() is not None


def words(text: str, *, known: Iterable[str] | None = None) -> list[str]:
    """The words of a text, syllables of one word joined by "_" ("giải_phóng mặt_bằng").

    With underthesea installed its CRF segmenter decides; without it, adjacent syllables are
    joined when their pair is in `known` (a set of two-syllable words, e.g. key phrases seen in
    a corpus); otherwise each syllable is its own word.
    """
    segment = _segmenter()
    if segment is not None:
        out = segment(normalize(text), format="text").lower().split()
        return [tok for tok in out if _TOKEN.match(tok.replace("_", "a"))]
    tokens = syllables(text)
    if not known:
        return tokens
    known = known if isinstance(known, set | frozenset) else set(known)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and f"{tokens[i]} {tokens[i + 1]}" in known:
            out.append(f"{tokens[i]}_{tokens[i + 1]}")
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out
