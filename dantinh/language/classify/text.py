"""The generic trainable text classifier: features + one or more linear heads, averaged.

The same pipeline serves the item model's heads, the `nlp evaluate` command on any labelled
file and the public benchmark suite. Nothing here knows about dantinh's taxonomies.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from dantinh.language.classify.features import FeatureConfig, Featurizer
from dantinh.language.classify.linear import LinearHead, train_head
from dantinh.language.classify.neural import CNNConfig, CNNHead, train_cnn

FORMAT = 1


@dataclass(frozen=True)
class PipelineConfig:
    """Features and the heads whose probabilities are averaged (with `head_weights`).

    A head is (method, c) or (method, c, "words"): the latter ignores the character n-grams.
    With `neural`, a convolutional head (`neural.py`, trained with the optional PyTorch) is
    mixed in: probabilities = (1 − `neural_weight`) · linear heads + `neural_weight` · CNN.
    """

    features: FeatureConfig = field(default_factory=FeatureConfig)
    heads: tuple[tuple, ...] = (("nblr", 4.0),)
    head_weights: tuple[float, ...] | None = None
    balanced: bool = True
    neural: CNNConfig | None = None
    neural_weight: float = 0.4


class TextClassifier:
    """Single-label classifier over short or long Vietnamese texts."""

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        self.featurizer = Featurizer(self.config.features)
        self.heads: list[LinearHead] = []
        self.neural: CNNHead | None = None
        self.classes: list[str] = []

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[str],
        *,
        sample_weight: Sequence[float] | None = None,
        vectors: tuple[Sequence[str], np.ndarray] | None = None,
    ) -> TextClassifier:
        """Learn the vocabulary and train every head on (texts, labels). `vectors`
        (vocabulary, matrix) initialise the convolutional head's syllable vectors, if any."""
        labels = [str(label) for label in labels]
        self.featurizer.fit(texts)
        counts = self.featurizer.counts(texts)
        tfidf = self.featurizer.weigh(counts)
        self.classes = sorted(set(labels))
        weight = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
        self.heads = []
        for method, c, *only in self.config.heads:
            x_counts, x_tfidf = counts, tfidf
            if only == ["words"]:
                keep = sparse.diags((~self.featurizer._char_mask()).astype(np.float32))
                x_counts, x_tfidf = counts @ keep, tfidf @ keep
            self.heads.append(
                train_head(
                    x_counts,
                    x_tfidf,
                    labels,
                    method=method,
                    c=c,
                    balanced=self.config.balanced,
                    sample_weight=weight,
                    classes=self.classes,
                )
            )
        self.neural = None
        if self.config.neural is not None:
            self.neural = train_cnn(
                texts, labels, config=self.config.neural, classes=self.classes, vectors=vectors
            )
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities (columns in `self.classes` order), heads averaged."""
        counts = self.featurizer.counts(texts)
        tfidf = self.featurizer.weigh(counts)
        weights = self.config.head_weights or (1.0,) * len(self.heads)
        total = sum(weights)
        out = np.zeros((len(texts), len(self.classes)))
        for head, w in zip(self.heads, weights, strict=True):
            out += (w / total) * head.proba(counts, tfidf)
        if self.neural is not None:
            share = self.config.neural_weight
            out = (1 - share) * out + share * self.neural.proba(texts)
        return out

    def predict(self, texts: Sequence[str]) -> list[str]:
        """The most probable class of each text."""
        if not texts:
            return []
        proba = self.predict_proba(texts)
        return [self.classes[i] for i in proba.argmax(axis=1)]

    def save(self, path: str | Path) -> None:
        """Write the model as one pickle of plain data (dicts and numpy arrays)."""
        state = {
            "format": FORMAT,
            "config": {
                "features": self.config.features.to_dict(),
                "heads": list(self.config.heads),
                "head_weights": self.config.head_weights,
                "balanced": self.config.balanced,
                "neural": self.config.neural.to_dict() if self.config.neural else None,
                "neural_weight": self.config.neural_weight,
            },
            "featurizer": self.featurizer.state(),
            "heads": [head.state() for head in self.heads],
            "neural": self.neural.state() if self.neural is not None else None,
            "classes": self.classes,
        }
        Path(path).write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))

    @classmethod
    def load(cls, path: str | Path) -> TextClassifier:
        """Read a model written by `save`."""
        state = pickle.loads(Path(path).read_bytes())
        if state.get("format") != FORMAT:
            raise ValueError(f"unsupported model format in {path}")
        conf = state["config"]
        neural = CNNHead.from_state(state["neural"]) if state.get("neural") else None
        model = cls(
            PipelineConfig(
                features=FeatureConfig(**conf["features"]),
                heads=tuple(tuple(h) for h in conf["heads"]),
                head_weights=conf["head_weights"],
                balanced=conf["balanced"],
                neural=neural.config if neural else None,
                neural_weight=conf.get("neural_weight", 0.4),
            )
        )
        model.featurizer = Featurizer.from_state(state["featurizer"])
        model.heads = [LinearHead.from_state(h) for h in state["heads"]]
        model.neural = neural
        model.classes = state["classes"]
        return model


def scores(gold: Sequence[str], predicted: Sequence[str]) -> dict:
    """macro_f1, weighted_f1, accuracy and per_class_f1 (percentages, 2 decimals)."""
    gold = [str(label) for label in gold]
    labels = sorted(set(gold) | set(predicted))
    f1 = {}
    support = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        n_pred = sum(1 for p in predicted if p == label)
        n_gold = sum(1 for g in gold if g == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        support[label] = n_gold
    total = sum(support.values()) or 1
    return {
        "macro_f1": round(100 * sum(f1.values()) / len(f1), 2) if f1 else 0.0,
        "weighted_f1": round(100 * sum(f1[k] * support[k] for k in f1) / total, 2),
        "accuracy": round(
            100 * sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / total, 2
        ),
        "per_class_f1": {label: round(100 * f1[label], 2) for label in labels},
    }


def evaluate(
    train_texts: Sequence[str],
    train_labels: Sequence[str],
    test_texts: Sequence[str],
    test_labels: Sequence[str],
    *,
    config: PipelineConfig | None = None,
    keep_model: bool = False,
    vectors: tuple[Sequence[str], np.ndarray] | None = None,
) -> dict:
    """Train on one labelled set, measure on another.

    Returns macro_f1, weighted_f1, accuracy, per_class_f1 (percentages), train_s, docs_per_s
    (prediction throughput on the test texts, one process), n_train, n_test, n_features; with
    `keep_model` also "model", the trained classifier. `vectors` as for `TextClassifier.fit`.
    """
    started = time.perf_counter()
    model = TextClassifier(config).fit(train_texts, train_labels, vectors=vectors)
    train_s = time.perf_counter() - started
    started = time.perf_counter()
    predicted = model.predict(test_texts)
    predict_s = time.perf_counter() - started
    result = scores(test_labels, predicted)
    result.update(
        train_s=round(train_s, 2),
        docs_per_s=round(len(test_texts) / predict_s) if predict_s > 0 else None,
        n_train=len(train_texts),
        n_test=len(test_texts),
        n_features=model.featurizer.n_features,
    )
    if keep_model:
        result["model"] = model
    return result
