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

from dantinh.language.normalize import TOKEN, fold, normalized_tokens

_FOLDED: dict[str, str] = {}
_UNKNOWN = "\x00"  # vocabulary entry 0: stands for every unknown feature, weighs nothing


# An n-gram of up to 3 cached tokens is numbered by its ids in this base (the token cache is
# reset past 400,000 entries, so ids stay below it; a batch that goes beyond falls back to
# looking the n-gram's text up).
_KEY_BASE = 1 << 20


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
    normalize: bool = True  # False: only lower-case and split (for corpora already cleaned)
    block_norm: bool = False  # scale character features and the rest to unit length apart
    cues: bool = False  # the cue families of `cues.py` ("⟨written⟩", "⟨ethnic×infra⟩")

    def to_dict(self) -> dict:
        return asdict(self)


def _tokens(text: str, config: FeatureConfig) -> list[str]:
    if not config.normalize:
        return TOKEN.findall(text.lower())
    if config.segment:  # pragma: no cover - optional segmenter, measured by the bench only
        from dantinh.language.tokenize import words

        return words(text)
    return normalized_tokens(text)


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
    if config.cues:
        from dantinh.language.classify.cues import cue_features

        feats.extend(cue_features(tokens, folded))
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
        self._reset_token_cache()

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
        kept.insert(0, (_UNKNOWN, n_docs + 1))
        self.vocabulary = {f: i for i, (f, _c) in enumerate(kept)}
        self._reset_token_cache()
        counts = np.array([c for _f, c in kept], dtype=np.float64)
        self.idf = (np.log((1 + n_docs) / (1 + counts)) + 1).astype(np.float32)
        self.idf[0] = 0
        return self

    def counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Raw term counts of `texts` over the learnt vocabulary (unknown features dropped).

        Token-level features are looked up once per distinct token and kept as rows of a
        sparse token × feature matrix; a batch's counts are (docs × tokens) · that matrix plus
        the n-gram counts. N-grams are numbered from their tokens' ids with numpy and looked
        up once per distinct n-gram (`_gram_counts`), so a text costs one dict look-up per
        token and none per n-gram once its n-grams have been seen."""
        get = self.vocabulary.get
        config = self.config
        tok_ids = self._tok_ids
        tok_fold = self._tok_fold
        fresh: list[tuple[int, ...]] = []
        base = len(tok_fold)
        tok_ptr = [0]
        tok_idx: list[int] = []
        for text in texts:
            for tok in _tokens(text, config):
                i = tok_ids.get(tok)
                if i is None:
                    fol = _fold_token(tok)
                    i = tok_ids[tok] = len(tok_fold)
                    tok_fold.append(fol)
                    self._tok_str.append(tok)
                    if fol not in self._fold_ids:
                        self._fold_ids[fol] = len(self._fold_str)
                        self._fold_str.append(fol)
                    self._tok_fold_id.append(self._fold_ids[fol])
                    fresh.append(tuple(filter(None, map(get, _token_features(tok, fol, config)))))
                tok_idx.append(i)
            tok_ptr.append(len(tok_idx))
        if fresh:
            self._add_token_rows(base, fresh)
        n_docs = len(texts)
        grams = self._gram_counts(tok_idx, tok_ptr, n_docs)
        doc_tokens = _csr(tok_idx, tok_ptr, (n_docs, len(tok_fold)))
        matrix = grams + doc_tokens @ self._token_matrix
        matrix.sum_duplicates()
        if matrix.nnz and matrix.indices.min() == 0:
            matrix.data[matrix.indices == 0] = 0
            matrix.eliminate_zeros()
        if len(tok_fold) > 400_000:  # bound the cache on endless streams of new tokens
            self._reset_token_cache()
        return matrix

    def _gram_counts(
        self, tok_idx: list[int], tok_ptr: list[int], n_docs: int
    ) -> sparse.csr_matrix:
        """The counts of the features spanning several tokens (syllable and folded n-grams,
        cues) of a batch given as the token ids of each text."""
        config = self.config
        ids = np.asarray(tok_idx, dtype=np.int64)
        ptr = np.asarray(tok_ptr, dtype=np.int64)
        doc = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(ptr))
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        folded = np.asarray(self._tok_fold_id, dtype=np.int64)[ids] if config.fold_n > 1 else ids
        for n, prefix, source in (
            *((n, "", ids) for n in range(2, config.word_n + 1)),
            *((n, "~", folded) for n in range(2, config.fold_n + 1)),
        ):
            if len(ids) < n:
                continue
            starts = np.flatnonzero(doc[: len(ids) - n + 1] == doc[n - 1 :])
            if n > 3 or len(self._tok_str) >= _KEY_BASE:  # ids no longer fit in one int64
                found = [self._gram_feature(prefix, source[i : i + n]) for i in starts.tolist()]
                rows.append(doc[starts])
                cols.append(np.asarray(found, dtype=np.int64))
                continue
            keys = source[starts]
            for j in range(1, n):
                keys = keys * _KEY_BASE + source[starts + j]
            unique, inverse = np.unique(keys, return_inverse=True)
            cache = self._gram_cache.setdefault((prefix, n), {})
            feature = np.fromiter(
                (
                    cache[k] if k in cache else self._cache_gram(cache, k, prefix, n)
                    for k in unique.tolist()
                ),
                dtype=np.int64,
                count=len(unique),
            )
            rows.append(doc[starts])
            cols.append(feature[inverse.ravel()])
        if config.cues:
            from dantinh.language.classify.cues import cue_features, starts_cue

            # only where a cue phrase may start (a few tokens of a text) is it looked for
            flags = np.asarray(self._tok_cue(starts_cue), dtype=bool)
            at = np.flatnonzero(flags[ids]) if len(ids) else np.zeros(0, dtype=np.int64)
            get = self.vocabulary.get
            cue_rows, cue_cols = [], []
            bounds = np.searchsorted(doc[at], np.arange(n_docs + 1)).tolist()
            for d in np.unique(doc[at]).tolist():
                span = ids[ptr[d] : ptr[d + 1]].tolist()
                tokens = [self._tok_str[i] for i in span]
                positions = (at[bounds[d] : bounds[d + 1]] - ptr[d]).tolist()
                for feature in cue_features(
                    tokens, [self._tok_fold[i] for i in span], positions=positions
                ):
                    cue_rows.append(d)
                    cue_cols.append(get(feature, 0))
            rows.append(np.asarray(cue_rows, dtype=np.int64))
            cols.append(np.asarray(cue_cols, dtype=np.int64))
        row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
        keep = col > 0
        return sparse.csr_matrix(
            (np.ones(int(keep.sum()), dtype=np.float32), (row[keep], col[keep])),
            shape=(n_docs, self.n_features),
        )

    def _gram_feature(self, prefix: str, ids) -> int:
        if prefix:
            words = [self._fold_str[i] for i in ids]
        else:
            words = [self._tok_str[i] for i in ids]
        return self.vocabulary.get(prefix + " ".join(words), 0)

    def _cache_gram(self, cache: dict[int, int], key: int, prefix: str, n: int) -> int:
        parts = []
        rest = key
        for _j in range(n):
            rest, part = divmod(rest, _KEY_BASE)
            parts.append(part)
        found = cache[key] = self._gram_feature(prefix, reversed(parts))
        return found

    def _tok_cue(self, starts_cue) -> list[bool]:
        """Per cached token, whether a cue phrase may start at it."""
        flags = self._tok_cue_flags
        for i in range(len(flags), len(self._tok_str)):
            flags.append(starts_cue(self._tok_str[i], self._tok_fold[i]))
        return flags

    def _char_mask(self) -> np.ndarray:
        if getattr(self, "_mask", None) is None or len(self._mask) != self.n_features:
            self._mask = np.fromiter(
                (f.startswith("#") for f in self.vocabulary), dtype=bool, count=self.n_features
            )
        return self._mask

    def _reset_token_cache(self) -> None:
        self._tok_ids: dict[str, int] = {}
        self._tok_fold: list[str] = []
        self._tok_str: list[str] = []
        self._tok_fold_id: list[int] = []
        self._fold_ids: dict[str, int] = {}
        self._fold_str: list[str] = []
        self._tok_cue_flags: list[bool] = []
        # (prefix, n) → {the n-gram's token ids as one number: its feature id}
        self._gram_cache: dict[tuple[str, int], dict[int, int]] = {}
        self._token_matrix = sparse.csr_matrix((0, self.n_features), dtype=np.float32)

    def _add_token_rows(self, base: int, rows: list[tuple[int, ...]]) -> None:
        ptr = [0]
        idx: list[int] = []
        for row in rows:
            idx.extend(row)
            ptr.append(len(idx))
        block = _csr(idx, ptr, (len(rows), self.n_features))
        assert self._token_matrix.shape[0] == base
        self._token_matrix = sparse.vstack([self._token_matrix, block], format="csr")

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
        if self.config.block_norm:
            rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
            is_char = self._char_mask()[matrix.indices]
            for part in (is_char, ~is_char):
                squares = np.bincount(
                    rows[part], weights=matrix.data[part] ** 2, minlength=matrix.shape[0]
                )
                norms = np.sqrt(squares)
                norms[norms == 0] = 1
                matrix.data[part] /= norms[rows[part]].astype(np.float32)
            matrix.data /= np.float32(np.sqrt(2))
            return matrix
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
        featurizer._reset_token_cache()
        return featurizer


def _csr(indices: list[int], indptr: list[int], shape: tuple[int, int]) -> sparse.csr_matrix:
    return sparse.csr_matrix(
        (
            np.ones(len(indices), dtype=np.float32),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=shape,
    )


def log_count_ratio(
    counts: sparse.csr_matrix, positive: np.ndarray, alpha: float = 1.0
) -> np.ndarray:
    """NB log-count ratio r = log((p/|p|₁) / (q/|q|₁)) of binarised features (Wang & Manning
    2012): how much more often each feature occurs in the positive class than in the rest."""
    binary = counts.copy()
    binary.data[:] = 1
    p = np.asarray(binary[positive].sum(axis=0)).ravel() + alpha
    q = np.asarray(binary[~positive].sum(axis=0)).ravel() + alpha
    return np.log((p / p.sum()) / (q / q.sum())).astype(np.float32)


__all__ = ["FeatureConfig", "Featurizer", "analyze", "log_count_ratio"]
