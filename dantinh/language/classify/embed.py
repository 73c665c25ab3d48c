"""Syllable vectors learnt from unlabelled text: truncated SVD of a PPMI co-occurrence matrix.

A count-based stand-in for word2vec (Levy, Goldberg & Dagan 2015: with context-distribution
smoothing and eigenvalue weighting it matches skip-gram on similarity tasks), built with numpy,
scipy and scikit-learn only, in seconds on a few million tokens. The benchmark uses it to give
the convolutional head (`neural.py`) a starting point learnt from the corpora's own text; the
product's item model does not use it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse


def cooccurrence(docs: Iterable[Sequence[int]], size: int, window: int = 5) -> sparse.csr_matrix:
    """Symmetric co-occurrence counts of token ids within `window` tokens, each pair weighted
    1/distance (as word2vec's dynamic window does on average). Ids < 0 are skipped; documents
    do not see each other."""
    stream: list[int] = []
    pad = [-1] * window
    for doc in docs:
        stream.extend(doc)
        stream.extend(pad)
    ids = np.asarray(stream, dtype=np.int64)
    out = sparse.csr_matrix((size, size), dtype=np.float32)
    for k in range(1, window + 1):
        left, right = ids[:-k], ids[k:]
        both = (left >= 0) & (right >= 0)
        weights = np.full(int(both.sum()), 1.0 / k, dtype=np.float32)
        pairs = sparse.coo_matrix((weights, (left[both], right[both])), shape=(size, size))
        pairs = pairs.tocsr()
        out = out + pairs + pairs.T
    return out


def ppmi(counts: sparse.csr_matrix, cds: float = 0.75) -> sparse.csr_matrix:
    """Positive pointwise mutual information of a co-occurrence matrix, with the context
    distribution raised to `cds` (smooths away rare contexts' inflated PMI)."""
    counts = counts.tocoo()
    total = float(counts.data.sum())
    if total == 0:
        return sparse.csr_matrix(counts.shape, dtype=np.float32)
    rows = np.asarray(counts.sum(axis=1)).ravel()
    context = rows**cds
    context /= context.sum()
    pmi = (
        np.log(counts.data / total) - np.log(rows[counts.row] / total) - np.log(context[counts.col])
    )
    keep = pmi > 0
    return sparse.csr_matrix(
        (pmi[keep].astype(np.float32), (counts.row[keep], counts.col[keep])), shape=counts.shape
    )


def ppmi_vectors(
    docs: Iterable[Sequence[str]],
    *,
    dim: int = 200,
    min_count: int = 5,
    window: int = 5,
    cds: float = 0.75,
    eig: float = 0.5,
    seed: int = 0,
) -> tuple[list[str], np.ndarray]:
    """Vectors for the tokens seen at least `min_count` times in `docs` (lists of tokens).

    Returns (vocabulary, matrix): row i of the float32 matrix is the vector of vocabulary[i],
    U·Σ^eig of the truncated SVD of the PPMI matrix, rows scaled to unit length."""
    from sklearn.utils.extmath import randomized_svd

    docs = [list(doc) for doc in docs]
    frequency: Counter[str] = Counter()
    for doc in docs:
        frequency.update(doc)
    vocabulary = sorted(w for w, c in frequency.items() if c >= min_count)
    index = {w: i for i, w in enumerate(vocabulary)}
    if not vocabulary:
        return [], np.zeros((0, dim), dtype=np.float32)
    counts = cooccurrence(
        ([index.get(w, -1) for w in doc] for doc in docs), len(vocabulary), window
    )
    matrix = ppmi(counts, cds)
    k = max(1, min(dim, len(vocabulary) - 1))
    u, s, _vt = randomized_svd(matrix, k, n_iter=5, random_state=seed)
    vectors = np.zeros((len(vocabulary), dim), dtype=np.float32)
    vectors[:, :k] = u * s**eig
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return vocabulary, (vectors / norms).astype(np.float32)


__all__ = ["cooccurrence", "ppmi", "ppmi_vectors"]
