"""Sparse TF-IDF features of Vietnamese text: syllable n-grams, folded n-grams, character n-grams.

Written for speed on short texts (one core, thousands of texts a second) and for a model file
that loads in well under a second: the vocabulary is a plain dict, the weights numpy arrays.

Feature families (each can be switched off):
- syllable n-grams of the normalised, lower-cased text (1..`word_n`): they stand in for words
  without a segmenter ("giải phóng", "phóng mặt", "mặt bằng");
- folded n-grams (1..`fold_n`, prefixed "~"): the same without diacritics, so text typed
  without accents ("giai phong mat bang") lands on features the accented examples also have;
- character n-grams (`char_min`..`char_max`, prefixed "#") of the folded text, robust to typos
  and teencode; the costliest family, so off by default for the item model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy import sparse

from dantinh.language.normalize import fold, normalize
from dantinh.language.tokenize import _TOKEN

_FOLDED: dict[str, str] = {}


def _fold_token(token: str) -> str:
    folded = _FOLDED.get(token)
    if folded is None:
        folded = fold(token)
        if len(_FOLDED) < 500_000:
            _FOLDED[token] = folded
    return folded


@dataclass(frozen=True)
class FeatureConfig:
    """Which feature families to extract. The defaults suit short item texts."""

    word_n: int = 3
    fold_n: int = 2
    char_min: int = 0
    char_max: int = 0
    char_fold: bool = False
    min_df: int = 1
    max_features: int = 2_000_000
    sublinear_tf: bool = True
    segment: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


def _tokens(text: str, config: FeatureConfig) -> list[str]:
    norm = normalize(text, lower=True)
    if config.segment:  # pragma: no cover - optional segmenter, measured by the bench only
        from dantinh.language.tokenize import words

        return words(norm)
    return _TOKEN.findall(norm)


def _token_features(token: str, folded: str, config: FeatureConfig) -> list[str]:
    """Features that depend on one token only (so they can be cached per token)."""
    feats = [token]
    if config.fold_n:
        feats.append("~" + folded)
    if config.char_max:
        padded = " " + (folded if config.char_fold else token) + " "
        length = len(padded)
        for n in range(config.char_min, config.char_max + 1):
            feats.extend("#" + padded[i : i + n] for i in range(length - n + 1))
    return feats


def _ngram_features(tokens: list[str], folded: list[str], config: FeatureConfig) -> list[str]:
    """Features spanning two or more tokens: syllable and folded n-grams."""
    feats: list[str] = []
    count = len(tokens)
    for n in range(2, config.word_n + 1):
        feats.extend(" ".join(tokens[i : i + n]) for i in range(count - n + 1))
    for n in range(2, config.fold_n + 1):
        feats.extend("~" + " ".join(folded[i : i + n]) for i in range(count - n + 1))
    return feats


def analyze(text: str, config: FeatureConfig) -> list[str]:
    """The feature strings of one text under `config` (repeats kept: they are counted).

    Per token: the syllable, its folded form ("~"), its character n-grams ("#", padded with
    spaces, folded if `char_fold`); across tokens: syllable and folded n-grams.
    """
    tokens = _tokens(text, config)
    folded = [_fold_token(tok) for tok in tokens]
    feats: list[str] = []
    for tok, fol in zip(tokens, folded, strict=True):
        feats.extend(_token_features(tok, fol, config))
    feats.extend(_ngram_features(tokens, folded, config))
    return feats


class Featurizer:
    """Learns a vocabulary and IDF weights from texts, then maps texts to L2-normalised rows."""

    def __init__(self, config: FeatureConfig | None = None) -> None:
        self.config = config or FeatureConfig()
        self.vocabulary: dict[str, int] = {}
        self.idf: np.ndarray = np.zeros(0, dtype=np.float32)
        self._token_cache: dict[str, tuple[str, tuple[int, ...]]] = {}

    @property
    def n_features(self) -> int:
        return len(self.vocabulary)

    def fit(self, texts: Iterable[str]) -> Featurizer:
        """Keep the features seen in at least `min_df` texts (the most frequent first, up to
        `max_features`); IDF is the smoothed log(1 + n) / (1 + df) + 1 of scikit-learn."""
        df: Counter[str] = Counter()
        n_docs = 0
        for text in texts:
            df.update(set(analyze(text, self.config)))
            n_docs += 1
        kept = [(f, c) for f, c in df.items() if c >= self.config.min_df]
        if len(kept) > self.config.max_features:
            kept.sort(key=lambda fc: -fc[1])
            kept = kept[: self.config.max_features]
        kept.sort()
        self._token_cache = {}
        self.vocabulary = {f: i for i, (f, _c) in enumerate(kept)}
        counts = np.array([c for _f, c in kept], dtype=np.float64)
        self.idf = (np.log((1 + n_docs) / (1 + counts)) + 1).astype(np.float32)
        return self

    def counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Raw term counts of `texts` over the learnt vocabulary (unknown features dropped).

        Token-level features are looked up once per distinct token and cached, so a text
        costs one dict look-up per token plus one per n-gram."""
        get = self.vocabulary.get
        cache = self._token_cache
        config = self.config
        not_none = None.__ne__
        indptr = [0]
        indices: list[int] = []
        extend = indices.extend
        for text in texts:
            tokens = _tokens(text, config)
            folded = []
            for tok in tokens:
                entry = cache.get(tok)
                if entry is None:
                    fol = _fold_token(tok)
                    ids = tuple(filter(not_none, map(get, _token_features(tok, fol, config))))
                    entry = (fol, ids)
                    if len(cache) < 200_000:
                        cache[tok] = entry
                folded.append(entry[0])
                extend(entry[1])
            if len(tokens) > 1:
                extend(filter(not_none, map(get, _ngram_features(tokens, folded, config))))
            indptr.append(len(indices))
        matrix = sparse.csr_matrix(
            (
                np.ones(len(indices), dtype=np.float32),
                np.asarray(indices, dtype=np.int32),
                np.asarray(indptr, dtype=np.int64),
            ),
            shape=(len(texts), self.n_features),
        )
        matrix.sum_duplicates()
        return matrix

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """TF-IDF rows: (1 + log tf) × idf, each row scaled to unit length."""
        return self.weigh(self.counts(texts))

    def weigh(self, matrix: sparse.csr_matrix) -> sparse.csr_matrix:
        """Apply sublinear tf, IDF and row normalisation to a count matrix (a copy)."""
        matrix = matrix.copy()
        if self.config.sublinear_tf:
            np.log(matrix.data, out=matrix.data)
            matrix.data += 1
        matrix.data *= self.idf[matrix.indices]
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        matrix.data /= np.repeat(norms, np.diff(matrix.indptr)).astype(np.float32)
        return matrix

    def fit_transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return self.fit(texts).transform(texts)

    def state(self) -> dict:
        """Plain data to save (no classes, so a model file survives library upgrades)."""
        return {"config": self.config.to_dict(), "vocabulary": self.vocabulary, "idf": self.idf}

    @classmethod
    def from_state(cls, state: dict) -> Featurizer:
        featurizer = cls(FeatureConfig(**state["config"]))
        featurizer.vocabulary = state["vocabulary"]
        featurizer.idf = np.asarray(state["idf"], dtype=np.float32)
        return featurizer


def log_count_ratio(counts: sparse.csr_matrix, positive: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """NB log-count ratio r = log((p/|p|₁) / (q/|q|₁)) of binarised features (Wang & Manning
    2012): how much more often each feature occurs in the positive class than in the rest."""
    binary = counts.copy()
    binary.data[:] = 1
    p = np.asarray(binary[positive].sum(axis=0)).ravel() + alpha
    q = np.asarray(binary[~positive].sum(axis=0)).ravel() + alpha
    return np.log((p / p.sum()) / (q / q.sum())).astype(np.float32)


__all__ = ["FeatureConfig", "Featurizer", "analyze", "log_count_ratio"]
