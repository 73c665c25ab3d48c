"""Linear heads over sparse text features: NB-weighted logistic regression and linear SVM.

A head is trained with scikit-learn but kept as plain arrays (weights, bias, class names), so
prediction is one sparse matrix product and a saved model needs no scikit-learn objects.

Methods:
- "nblr": one-vs-rest logistic regression on binary features scaled by each class's NB
  log-count ratio (Wang & Manning 2012). The scaling folds into the weights, so at prediction
  time it costs what a plain linear model costs. Good on short texts and small corpora.
- "svm": one-vs-rest linear SVMs (squared hinge) on TF-IDF rows.
- "lr": one-vs-rest logistic regression on TF-IDF rows.
- "mnb": multinomial naive Bayes on raw counts (a unigram/bigram language model per class):
  trains in one pass, strong on long documents such as news articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from dantinh.language.classify.features import log_count_ratio

METHODS = ("nblr", "svm", "lr", "mnb")


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
        elif self.method == "mnb":
            out = counts @ self.weights
        else:
            out = tfidf @ self.weights
        return np.asarray(out) + self.bias

    def proba(self, counts: sparse.csr_matrix, tfidf: sparse.csr_matrix) -> np.ndarray:
        """Per-class probabilities: the logistic of each score (one-vs-rest), each row
        renormalised to sum to one; for "mnb" the posterior (softmax of the log-joint, with
        the length-normalised temperature `scale`). Use `sigmoid` for multi-label decisions."""
        if self.method == "mnb":
            z = self.scores(counts, tfidf)
            length = np.asarray(counts.sum(axis=1)).reshape(-1, 1)
            z = z / np.maximum(1.0, length) * self.scale
            z -= z.max(axis=1, keepdims=True)
            e = np.exp(z)
            return e / e.sum(axis=1, keepdims=True)
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


def _binary_fit(
    x: sparse.csr_matrix,
    y: np.ndarray,
    weight: np.ndarray,
    method: str,
    c: float,
    tol: float | None = None,
) -> tuple[np.ndarray, float]:
    """One binary problem with liblinear (dual solvers: texts have more features than rows);
    `tol` is the solver's stopping tolerance (None: scikit-learn's default)."""
    # a fixed random_state: liblinear's dual solvers shuffle, and the same data must give the
    # same model (its version names it)
    options: dict = {"random_state": 0} if tol is None else {"random_state": 0, "tol": tol}
    if method == "svm":
        from sklearn.svm import LinearSVC

        model = LinearSVC(C=c, dual=True, max_iter=5000, **options)
    else:
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=1000, **options)
    model.fit(x, y, sample_weight=weight)
    return model.coef_.ravel().astype(np.float32), float(model.intercept_[0])


def _train_mnb(
    counts: sparse.csr_matrix,
    label_sets: list[set[str]],
    classes: list[str],
    weight: np.ndarray,
    alpha: float,
) -> LinearHead:
    """Multinomial NB with Lidstone smoothing `alpha`: weights log P(feature | class), bias
    log P(class). Scores are log-joint probabilities."""
    n_features = counts.shape[1]
    weights = np.zeros((n_features, len(classes)), dtype=np.float32)
    bias = np.zeros(len(classes), dtype=np.float32)
    for k, label in enumerate(classes):
        rows = np.fromiter((label in s for s in label_sets), dtype=bool, count=len(label_sets))
        totals = np.asarray(counts[rows].multiply(weight[rows][:, None]).sum(axis=0)).ravel()
        totals = totals + alpha
        weights[:, k] = np.log(totals / totals.sum())
        bias[k] = np.log(max(weight[rows].sum(), 1e-9) / weight.sum())
    # Unknown features (index 0) weigh nothing.
    weights[0, :] = 0
    return LinearHead(classes, weights, bias, "mnb", scale=20.0)


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
    tol: float | None = None,
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
    if method == "mnb":
        return _train_mnb(counts, label_sets, list(classes), weight, alpha=c)
    if method == "nblr":
        x = counts.copy()
        x.data[:] = 1
    else:
        x = tfidf
    weights = np.zeros((counts.shape[1], len(classes)), dtype=np.float32)
    bias = np.zeros(len(classes), dtype=np.float32)
    for k, label in enumerate(classes):
        positive = np.fromiter((label in s for s in label_sets), dtype=bool, count=n)
        if positive.all() or not positive.any():
            bias[k] = 10.0 if positive.all() else -10.0
            continue
        w = _balanced_weights(positive, weight) if balanced else weight
        y = positive.astype(int)
        if method == "nblr":
            r = log_count_ratio(counts, positive)
            coef, intercept = _binary_fit(x @ sparse.diags(r), y, w, method, c, tol)
            coef = coef * r
        else:
            coef, intercept = _binary_fit(x, y, w, method, c, tol)
        weights[:, k] = coef
        bias[k] = intercept
    # An SVM's margin is not a log-odds; a slope of 2 gives usable probabilities.
    scale = 2.0 if method == "svm" else 1.0
    return LinearHead(list(classes), weights, bias, method, scale)
