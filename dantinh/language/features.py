"""A text's features: what the reports derive from it, computed once where the text is written.

A composite report reads thousands of texts and, for each, needs its normalised tokens (the
phrases' documents, shingles), its word runs (key-phrase candidates), its sentences' tokens
(summaries) and its MinHash band keys (near-duplicates). Computing them is most of a report's
first drafting; `analyse` computes them once, as plain JSON values to store with the text, and
`remember` hands stored ones back to the engine (`known`), which then skips that work.

Stored features are only used for the text they were computed from (`digest`) and by the
same engine (`engine_stamp`: this module's VERSION, the word list and the lexicons); anything
else is computed again, so reports say the same with or without them.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from dantinh.language import known, lexicon
from dantinh.language.dedup import NGRAM, THRESHOLD, _banded
from dantinh.language.normalize import normalized_tokens
from dantinh.language.summarize import _chunks
from dantinh.language.tokenize import dictionary, sentences

# Raise when what `analyse` computes changes for the same text (the engine's code, not its
# word lists: those are in the stamp already).
VERSION = 1


@lru_cache(maxsize=1)
def engine_stamp() -> str:
    """Twelve hex digits that change whenever the engine would analyse a text differently."""
    h = hashlib.blake2b(digest_size=6)
    parts = [
        [str(VERSION), str(THRESHOLD), str(NGRAM)],
        sorted(dictionary()),
        sorted(lexicon.STOP_WORDS),
        sorted(f"{k}={v}" for k, v in lexicon.ABBREVIATIONS.items()),
        sorted(f"{k}={v}" for k, v in lexicon.CASED_ABBREVIATIONS.items()),
        sorted(f"{k}={v}" for k, v in lexicon.UNIT_ABBREVIATIONS.items()),
    ]
    for part in parts:
        h.update("\n".join(part).encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def digest(text: str) -> str:
    """Sixteen hex digits of the text: stored features belong to the text they match."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def analyse(text: str) -> dict:
    """The text's features as JSON values: "s" each sentence's normalised tokens, "t" the
    whole text's tokens when they are not the sentences' ones end to end (else null), "w" its
    word runs between punctuation (words' syllables joined by "_"), "b" its MinHash signature
    at the near-duplicate defaults (`known.pack`)."""
    _shingles, bands = _banded(text, THRESHOLD, NGRAM)
    tokens = normalized_tokens(text)
    by_sentence = [normalized_tokens(s) for s in sentences(text)]
    return {
        "s": [" ".join(found) for found in by_sentence],
        "t": None if tokens == [t for found in by_sentence for t in found] else " ".join(tokens),
        "w": [" ".join(chunk) for chunk in _chunks(text)],
        "b": known.pack(bands),
    }


def usable(text: str, engine: str | None, text_digest: str | None) -> bool:
    """Whether features stored with this engine stamp and text digest belong to `text` now."""
    return engine == engine_stamp() and text_digest == digest(text)


def known_text(text: str) -> bool:
    """Whether the engine holds stored features of `text` (`remember`)."""
    return text in known.DATA


def remember(text: str, data: dict) -> None:
    """Hand the engine the features `analyse` computed for `text` (checked with `usable` by
    the caller): the reports' functions then read them instead of computing."""
    if isinstance(data, dict):
        known.keep(known.DATA, text, data)


def forget_all() -> None:
    """Forget every text the engine analysed or was handed, as in a new process (tests, and
    benchmarks of a report's first view)."""
    from dantinh.language import dedup, normalize, summarize

    known.forget()
    for cached in (
        normalize._normalized,
        summarize._chunks,
        summarize._padded,
        summarize._candidates,
        summarize._sentence_vector,
        dedup._shingles,
        dedup._banded,
    ):
        cached.cache_clear()
