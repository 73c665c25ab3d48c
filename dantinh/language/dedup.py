"""Near-duplicate detection: the same grievance or story written differently.

Texts become sets of shingles — folded, normalised syllables (stop words left out) and
syllable pairs — and two texts are near-duplicates when the Jaccard similarity of their sets
reaches a threshold (0.5 by default). MinHash signatures with locality-sensitive hashing find
the candidate pairs without comparing every pair; each candidate is then checked exactly.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np

from dantinh.language import known
from dantinh.language.lexicon import STOP_WORDS
from dantinh.language.normalize import TEXTS_CACHED, fold

_PRIME = np.uint64(4294967311)  # a prime above 2³²: a·h + b stays below 2⁶⁴
_MAX = np.uint64(0xFFFFFFFF)
_STOP = frozenset(fold(w) for w in STOP_WORDS)
# The defaults of `group` (what reports use, and what `features` stores the band keys for).
THRESHOLD = 0.5
NGRAM = 2


def shingles(text: str, *, ngram: int = 2) -> frozenset[str]:
    """The shingle set of a text: folded content syllables and runs of 2..`ngram` syllables
    (stop words count inside runs but are not shingles on their own). Once per text and size
    (see `normalize.TEXTS_CACHED`)."""
    return _shingles(text, ngram)


@lru_cache(maxsize=TEXTS_CACHED)
def _shingles(text: str, ngram: int) -> frozenset[str]:
    tokens = [fold(t) for t in known.tokens(text) if t not in "?!"]
    out = {t for t in tokens if t not in _STOP}
    for n in range(2, ngram + 1):
        out.update(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return frozenset(out)


def jaccard(a: frozenset, b: frozenset) -> float:
    """|a ∩ b| / |a ∪ b|; 0 when both are empty."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def similarity(text_a: str, text_b: str) -> float:
    """Jaccard similarity of the two texts' shingle sets."""
    return jaccard(shingles(text_a), shingles(text_b))


def _bands_for(threshold: float, num_perm: int) -> int:
    """The number of LSH bands whose S-curve midpoint (1/b)^(1/r) is nearest `threshold`,
    erring low so near-duplicates at the threshold are rarely missed."""
    best, best_err = 1, float("inf")
    for bands in range(1, num_perm + 1):
        if num_perm % bands:
            continue
        rows = num_perm // bands
        midpoint = (1 / bands) ** (1 / rows)
        err = abs(midpoint - (threshold - 0.1))
        if err < best_err:
            best, best_err = bands, err
    return best


class NearDuplicateIndex:
    """A MinHash LSH index of texts under keys; `query` finds the near-duplicates of a text."""

    def __init__(
        self, threshold: float = 0.5, *, num_perm: int = 64, ngram: int = 2, seed: int = 7
    ) -> None:
        self.threshold = threshold
        self.ngram = ngram
        self.num_perm = num_perm
        self.bands = _bands_for(threshold, num_perm)
        self.rows = num_perm // self.bands
        rng = np.random.default_rng(seed)
        self._a = rng.integers(1, int(_MAX), size=num_perm, dtype=np.uint64)
        self._b = rng.integers(0, int(_MAX), size=num_perm, dtype=np.uint64)
        self._buckets: list[dict[bytes, list[Hashable]]] = [
            defaultdict(list) for _ in range(self.bands)
        ]
        self._sets: dict[Hashable, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self._sets)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._sets

    def signature(self, shingle_set: frozenset[str]) -> np.ndarray:
        """The MinHash signature (num_perm 32-bit minima) of a shingle set."""
        if not shingle_set:
            return np.full(self.num_perm, _MAX, dtype=np.uint64)
        hashes = np.fromiter(
            (zlib.crc32(s.encode("utf-8")) for s in shingle_set),
            dtype=np.uint64,
            count=len(shingle_set),
        )
        values = (np.outer(self._a, hashes) + self._b[:, None]) % _PRIME
        return values.min(axis=1)

    def _band_keys(self, signature: np.ndarray) -> list[bytes]:
        r = self.rows
        return [signature[i * r : (i + 1) * r].tobytes() for i in range(self.bands)]

    def add(self, key: Hashable, text: str) -> None:
        """Index `text` under `key` (a key added again replaces nothing: keys must be new)."""
        if key in self._sets:
            raise KeyError(f"key {key!r} is already indexed")
        shingle_set = shingles(text, ngram=self.ngram)
        self._add_set(key, shingle_set, self._band_keys(self.signature(shingle_set)))

    def _add_set(
        self, key: Hashable, shingle_set: frozenset[str], band_keys: Sequence[bytes]
    ) -> None:
        self._sets[key] = shingle_set
        if shingle_set:
            for band, band_key in enumerate(band_keys):
                self._buckets[band][band_key].append(key)

    def query(self, text: str, *, threshold: float | None = None) -> list[tuple[Hashable, float]]:
        """Indexed keys whose text is a near-duplicate of `text`, most similar first, with
        their Jaccard similarity (≥ the threshold)."""
        shingle_set = shingles(text, ngram=self.ngram)
        return self._query_set(shingle_set, self._band_keys(self.signature(shingle_set)), threshold)

    def _query_set(
        self, shingle_set: frozenset[str], band_keys: Sequence[bytes], threshold: float | None
    ) -> list[tuple[Hashable, float]]:
        if not shingle_set:
            return []
        limit = self.threshold if threshold is None else threshold
        candidates: set[Hashable] = set()
        for band, band_key in enumerate(band_keys):
            candidates.update(self._buckets[band].get(band_key, ()))
        scored = [(key, jaccard(shingle_set, self._sets[key])) for key in candidates]
        scored = [(key, round(score, 4)) for key, score in scored if score >= limit]
        scored.sort(key=lambda pair: -pair[1])
        return scored


def _records(records: Iterable) -> list[tuple[Hashable, str]]:
    out = []
    for record in records:
        if isinstance(record, Mapping):
            out.append((record["id"], str(record.get("text") or "")))
        else:
            key, text = record
            out.append((key, str(text or "")))
    return out


@lru_cache(maxsize=8)
def _default_index(threshold: float, ngram: int) -> NearDuplicateIndex:
    """An empty index, for its hash functions only (the same for the same settings)."""
    return NearDuplicateIndex(threshold, ngram=ngram)


@lru_cache(maxsize=TEXTS_CACHED)
def _banded(text: str, threshold: float, ngram: int) -> tuple[frozenset[str], tuple[bytes, ...]]:
    """A text's shingles and MinHash band keys, computed once per text and settings (the
    band keys of the default settings as stored with the text when they were, `known`)."""
    shingle_set = shingles(text, ngram=ngram)
    index = _default_index(threshold, ngram)
    if (threshold, ngram) == (THRESHOLD, NGRAM):
        stored = known.band_keys(text, index.bands, index.rows)
        if stored is not None:
            return shingle_set, stored
    return shingle_set, tuple(index._band_keys(index.signature(shingle_set)))


def group(
    records: Iterable, *, threshold: float = THRESHOLD, ngram: int = NGRAM
) -> dict[Hashable, Hashable]:
    """Group near-duplicates: {id: group id} for records given as (id, text) pairs or
    mappings with "id" and "text". Near-duplicate pairs are joined transitively; a group's id
    is the id of its first record, so a text without duplicates is its own group."""
    items = _records(records)
    index = NearDuplicateIndex(threshold, ngram=ngram)
    parent: dict[Hashable, Hashable] = {}

    def find(key: Hashable) -> Hashable:
        root = key
        while parent[root] != root:
            root = parent[root]
        while parent[key] != root:
            parent[key], key = root, parent[key]
        return root

    order: dict[Hashable, int] = {}
    for position, (key, text) in enumerate(items):
        if key in parent:
            raise KeyError(f"duplicate id {key!r}")
        parent[key] = key
        order[key] = position
        shingle_set, band_keys = _banded(text, threshold, ngram)
        for other, _score in index._query_set(shingle_set, band_keys, None):
            a, b = find(key), find(other)
            if a != b:
                first, second = (a, b) if order[a] < order[b] else (b, a)
                parent[second] = first
        index._add_set(key, shingle_set, band_keys)
    return {key: find(key) for key, _text in items}
