"""Linear heads over sparse text features: NB-weighted logistic regression and linear SVM.

A head is trained with scikit-learn but kept as plain arrays (weights, bias, class names), so
prediction is one sparse matrix product and a saved model needs no scikit-learn objects.

Methods:
- "nblr": one-vs-rest logistic regression on binary features scaled by each class's NB
  log-count ratio (Wang & Manning 2012). The scaling folds into the weights, so at prediction
  time it costs what a plain linear model costs. Good on short texts and small corpora.
- "svm": a linear SVM (Crammer-Singer-free one-vs-rest) on TF-IDF rows.
- "lr": one-vs-rest logistic regression on TF-IDF rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from dantinh.language.classify.features import log_count_ratio

METHODS = ("nblr", "svm", "lr")
# Classes are optimised together while weights of the block stay under this many numbers.
_BLOCK_VARIABLES = 4_000_000


@dataclass
class LinearHead:
    """Scores = X · weights + bias, X binary counts ("nblr") or TF-IDF rows ("svm", "lr")."""

    classes: list[str]
    weights: np.ndarray  # (n_features, n_classes), float32
    bias: np.ndarray  # (n_classes,), float32
    method: str
    scale: float = 1.0  # slope of the logistic turning scores into probabilities

    def scores(self, counts: sparse.csr_matrix, tfidf: sparse.csr_matrix) -> np.ndarray:
        """Raw one-vs-rest scores, one column per class."""
        if self.method == "nblr":
            binary = counts.copy()
            binary.data[:] = 1
            out = binary @ self.weights
        else:
            out = tfidf @ self.weights
        return np.asarray(out) + self.bias

    def proba(self, counts: sparse.csr_matrix, tfidf: sparse.csr_matrix) -> np.ndarray:
        """Per-class probabilities: the logistic of each score (one-vs-rest), each row
        renormalised to sum to one. Use `sigmoid` for independent (multi-label) decisions."""
        p = self.sigmoid(counts, tfidf)
        total = p.sum(axis=1, keepdims=True)
        total[total == 0] = 1
        return p / total

    def sigmoid(self, counts: sparse.csr_matrix, tfidf: sparse.csr_matrix) -> np.ndarray:
        """Independent per-class probabilities (one-vs-rest logistic of the scores)."""
        z = np.clip(self.scores(counts, tfidf) * self.scale, -30, 30)
        return 1.0 / (1.0 + np.exp(-z))

    def state(self) -> dict:
        return {
            "classes": list(self.classes),
            "weights": self.weights,
            "bias": self.bias,
            "method": self.method,
            "scale": self.scale,
        }

    @classmethod
    def from_state(cls, state: dict) -> LinearHead:
        return cls(**state)


def _balanced_weights(positive: np.ndarray, sample_weight: np.ndarray) -> np.ndarray:
    """Per-sample weights that give each side of a binary problem the same total weight."""
    pos_total = sample_weight[positive].sum()
    neg_total = sample_weight[~positive].sum()
    total = pos_total + neg_total
    out = sample_weight.copy()
    if pos_total > 0:
        out[positive] *= total / (2 * pos_total)
    if neg_total > 0:
        out[~positive] *= total / (2 * neg_total)
    return out


def _fit_block(
    x: sparse.csr_matrix,
    xt: sparse.csr_matrix,
    y: np.ndarray,
    weight: np.ndarray,
    c: float,
    loss: str,
    ratio: np.ndarray | None,
    max_iter: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Minimise ½‖W‖² + c·Σᵢₖ weightᵢₖ·loss(yᵢₖ, zᵢₖ) with z = X·(R⊙W) + b for a block of K
    binary problems at once (L-BFGS). loss "log" is logistic, "sqhinge" the squared hinge of
    an L2-SVM. y holds ±1."""
    from scipy.optimize import minimize
    from scipy.special import expit

    n_features, k = x.shape[1], y.shape[1]
    size = n_features * k

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[:size].reshape(n_features, k)
        b = theta[size:]
        v = w * ratio if ratio is not None else w
        margin = y * (np.asarray(x @ v) + b)
        if loss == "log":
            value = np.logaddexp(0, -margin)
            dz = -y * expit(-margin)
        else:
            hinge = np.maximum(0, 1 - margin)
            value = hinge * hinge
            dz = -2 * y * hinge
        dz *= c * weight
        gv = np.asarray(xt @ dz)
        gw = w + (gv * ratio if ratio is not None else gv)
        obj = 0.5 * float(np.vdot(w, w)) + c * float(np.vdot(weight, value))
        return obj, np.concatenate([gw.ravel(), dz.sum(axis=0)])

    result = minimize(
        objective,
        np.zeros(size + k),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": max_iter, "gtol": 1e-5},
    )
    theta = result.x
    return theta[:size].reshape(n_features, k), theta[size:]


def train_head(
    counts: sparse.csr_matrix,
    tfidf: sparse.csr_matrix,
    targets: Sequence[str] | Sequence[Sequence[str]],
    *,
    method: str = "nblr",
    c: float | None = None,
    balanced: bool = True,
    sample_weight: np.ndarray | None = None,
    classes: Sequence[str] | None = None,
    max_iter: int = 300,
) -> LinearHead:
    """Train one head, one-vs-rest: for each class a binary model "this class or not".

    `targets` is one label per row, or (multi-label) a collection of labels per row. With
    `balanced`, each binary problem weighs its positives and negatives equally, so small
    classes are not drowned. `sample_weight` multiplies in (staff corrections weigh more).
    `c` is the inverse regularisation strength (defaults: 4 for "nblr" and "lr", 0.5 for "svm").
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; expected one of {METHODS}")
    n = counts.shape[0]
    multilabel = n > 0 and not isinstance(targets[0], str)
    label_sets = [set(t) for t in targets] if multilabel else [{t} for t in targets]
    if classes is None:
        classes = sorted({label for labels in label_sets for label in labels})
    weight = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    if c is None:
        c = 0.5 if method == "svm" else 4.0
    if method == "nblr":
        x = counts.copy()
        x.data[:] = 1
    else:
        x = tfidf
    n_features = counts.shape[1]
    k_all = len(classes)
    y = np.full((n, k_all), -1.0)
    for k, label in enumerate(classes):
        y[[label in s for s in label_sets], k] = 1.0
    sample = np.repeat(weight[:, None], k_all, axis=1)
    if balanced:
        for k in range(k_all):
            sample[:, k] = _balanced_weights(y[:, k] > 0, weight)
    ratio = None
    if method == "nblr":
        ratio = np.column_stack(
            [log_count_ratio(counts, y[:, k] > 0) for k in range(k_all)]
        ).astype(np.float64)
    loss = "sqhinge" if method == "svm" else "log"
    xt = x.T.tocsr()
    weights = np.zeros((n_features, k_all), dtype=np.float32)
    bias = np.zeros(k_all, dtype=np.float32)
    block = max(1, min(k_all, _BLOCK_VARIABLES // max(1, n_features)))
    for lo in range(0, k_all, block):
        hi = min(k_all, lo + block)
        w, b = _fit_block(
            x,
            xt,
            y[:, lo:hi],
            sample[:, lo:hi],
            c,
            loss,
            None if ratio is None else ratio[:, lo:hi],
            max_iter,
        )
        if ratio is not None:
            w = w * ratio[:, lo:hi]
        weights[:, lo:hi] = w
        bias[lo:hi] = b
    # An SVM's margin is not a log-odds; a slope of 2 gives usable probabilities.
    scale = 2.0 if method == "svm" else 1.0
    return LinearHead(list(classes), weights, bias, method, scale)
