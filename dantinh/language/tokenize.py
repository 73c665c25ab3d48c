"""Tokenisation of Vietnamese: syllables by default, words on request.

Vietnamese writes one syllable per space-separated token; a word is one to four syllables
("giải phóng mặt bằng" is two words). The classifiers use syllable n-grams, which cover the
words without a segmenter and cost nothing to load. `words` segments by longest match against
the word list underthesea ships (read from disk, the package is not imported), or with
underthesea's offline CRF on request (imported on first use only, never on the hot path).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from dantinh.language.lexicon import EXTRA_WORDS
from dantinh.language.normalize import TOKEN, fix_tone, normalize, normalized_tokens

# A token is a run of letters/digits, or one "?" or "!" (they mark questions and
# exclamations, which the mood and kind heads use), or one emoji / symbol character.
_TOKEN = TOKEN
MAX_WORD = 4
_SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+|\n+")
# A period after these ends an abbreviation, not a sentence: "P. Lê Chân", "TP. Hải Phòng",
# "ThS. Nguyễn…", an initial.
_ABBREVIATION = re.compile(r"(?:^|[\s(\[\"“])(?:[A-ZĐ]|TP|Tp|TT|TX|ThS|TS|PGS|GS|BS|Th\.S|KP)\.$")


def syllables(text: str, *, normalized: bool = False) -> list[str]:
    """The lower-case syllables (and "?", "!", emoji) of a text, after `normalize`.

    Pass `normalized=True` when the text already went through `normalize`.
    """
    if not normalized:
        return normalized_tokens(text)
    return _TOKEN.findall(text.lower())


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
    """Split a text into sentences at . ! ? … ; and line breaks; empty pieces are dropped. A
    period that ends an abbreviation ("P. Lê Chân", "TP. Hải Phòng") does not end a sentence."""
    text = text or ""
    pieces, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        head = text[start : boundary.start()]
        if "\n" not in boundary.group() and _ABBREVIATION.search(head):
            continue
        pieces.append(head)
        start = boundary.end()
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


@lru_cache(maxsize=1)
def _segmenter():  # pragma: no cover - depends on an optional package
    try:
        from underthesea import word_tokenize
    except ImportError:
        return None
    return word_tokenize


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """Multi-syllable Vietnamese words (lower case, one tone placement) from the word list
    underthesea ships (Viet74K), found on disk without importing the package, and the few
    words reports need that it lacks (`lexicon.EXTRA_WORDS`, all there is when underthesea is
    not installed)."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    for location in spec.submodule_search_locations:
        path = Path(location) / "corpus" / "data" / "Viet74K.txt"
        if path.exists():
            entries = set()
            for line in path.read_text(encoding="utf-8").splitlines():
                parts = line.strip().lower().split()
                if 2 <= len(parts) <= MAX_WORD:
                    entries.add(" ".join(fix_tone(p) for p in parts))
            return frozenset(entries) | EXTRA_WORDS
    return EXTRA_WORDS


def has_segmenter() -> bool:
    """Whether the optional CRF word segmenter (underthesea) is installed."""
    return _segmenter() is not None


def segment(tokens: list[str], known: frozenset[str] | set[str] | None = None) -> list[str]:
    """Join syllables into words by longest match against `known` (default: `dictionary()`),
    words of one syllable where nothing matches. Words come back with "_" between syllables."""
    known = dictionary() if known is None else known
    if not known:
        return list(tokens)
    out: list[str] = []
    i, count = 0, len(tokens)
    while i < count:
        for n in range(min(MAX_WORD, count - i), 1, -1):
            if " ".join(tokens[i : i + n]) in known:
                out.append("_".join(tokens[i : i + n]))
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def words(text: str, *, method: str = "dictionary") -> list[str]:
    """The lower-case words of a text, syllables of one word joined by "_"
    ("giải_phóng mặt_bằng").

    method "dictionary" (default, fast): longest match against the Viet74K word list when
    underthesea is installed, else syllables; "crf": underthesea's CRF segmenter (slower, ~3k
    sentences/s), falling back to "dictionary" when it is missing.
    """
    if method == "crf":
        segmenter = _segmenter()
        if segmenter is not None:
            out = segmenter(normalize(text), format="text").lower().split()
            return [tok for tok in out if _TOKEN.match(tok.replace("_", "a"))]
    return segment(syllables(text))
