"""How sure the item model is: temperatures fitted on cross-writer predictions of the seeds.

The averaged one-vs-rest heads give probabilities that are too flat (a right answer often
comes with 0.4), and a model is always surer of text like its own seed than of text from other
hands. So each head's temperature is fitted where the model meets other hands: for each
writer's seed, train on the other writers' seeds and predict it (with two seeds, each predicts
the other), and find for each head the T that makes p ∝ p^(1/T) most likely on those
predictions pooled (least log loss). The
fitted values are the defaults of `ItemTraining.temperatures`; `dantinh nlp calibrate`
recomputes them and prints what a confidence threshold would give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dantinh.language.classify.corpus import (
    MOOD_VALENCE,
    SEED_PATHS,
    ItemExample,
    read_items,
)

HEADS = ("field", "kind", "mood", "valence", "authority")


@dataclass
class HeadPredictions:
    """One head's probabilities on examples that carry its label, and the gold columns."""

    probs: np.ndarray
    gold: np.ndarray  # column index of the gold label, -1 when the model does not know it


def gold_label(example: ItemExample, head: str, no_mood: str) -> str | None:
    if head == "mood":
        return (example.mood or no_mood) if example.kind else None
    if head == "valence":
        if not example.kind:
            return None
        return MOOD_VALENCE.get(example.mood, no_mood) if example.mood else no_mood
    return getattr(example, head)


def head_predictions(model, examples: Sequence[ItemExample]) -> dict[str, HeadPredictions]:
    """The model's uncalibrated probabilities per head on `examples`, with gold columns."""
    from dantinh.language.classify.item import NO_MOOD, VALENCES

    raw = dict(model.temperatures)
    model.temperatures = {}
    try:
        probs = model.probabilities([e.text for e in examples])
    finally:
        model.temperatures = raw
    out = {}
    for head in HEADS:
        classes = list(VALENCES) if head == "valence" else model.classes(head)
        rows, gold = [], []
        for i, example in enumerate(examples):
            label = gold_label(example, head, NO_MOOD)
            if label:
                rows.append(i)
                gold.append(classes.index(label) if label in classes else -1)
        out[head] = HeadPredictions(probs[head][rows], np.array(gold, dtype=int))
    return out


def tempered(probs: np.ndarray, temperature: float) -> np.ndarray:
    z = np.log(np.maximum(probs, 1e-12)) / temperature
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(predictions: HeadPredictions) -> float:
    """The temperature with the least log loss on the predictions (examples whose gold label
    the model knows), searched on a log grid from 0.1 to 3."""
    known = predictions.gold >= 0
    probs, gold = predictions.probs[known], predictions.gold[known]
    if gold.size == 0:
        return 1.0
    best, best_loss = 1.0, np.inf
    for temperature in np.exp(np.linspace(np.log(0.1), np.log(3.0), 121)):
        p = tempered(probs, temperature)[np.arange(gold.size), gold]
        loss = -np.log(np.maximum(p, 1e-12)).mean()
        if loss < best_loss:
            best, best_loss = float(temperature), loss
    return round(best, 3)


def seed_name(path: Path) -> str:
    """A seed's short name: "seed", "seed2", "seed3"."""
    return Path(path).stem.removesuffix("_items")


def cross_writer_models(
    training=None, paths: Sequence[Path] = SEED_PATHS, also: Sequence[Path] = ()
) -> list[tuple[str, object, list[ItemExample]]]:
    """(name, model, test examples): for each writer's seed, a model trained on the other
    writers' seeds, to predict it (with two seeds: each predicts the other). The seeds in
    `also` join every training mix and are never predicted: what a new writer adds."""
    from dantinh.language.classify.item import DEFAULT_TRAINING, train_item_model

    training = training or DEFAULT_TRAINING
    seeds = [(seed_name(path), read_items(path)) for path in paths]
    extra = [(seed_name(path), read_items(path)) for path in also]
    pairs = []
    for i, (name, test) in enumerate(seeds):
        others = [(n, examples) for j, (n, examples) in enumerate(seeds) if j != i] + extra
        base = [e for _n, examples in others for e in examples]
        label = f"{'+'.join(n for n, _e in others)} → {name}"
        pairs.append((label, train_item_model(base=base, training=training), test))
    return pairs


def pooled_predictions(pairs) -> dict[str, HeadPredictions]:
    """Each head's uncalibrated probabilities over every (model, test examples) pair."""
    parts: dict[str, list[tuple[list[str], HeadPredictions]]] = {head: [] for head in HEADS}
    for _name, model, test in pairs:
        for head, predictions in head_predictions(model, test).items():
            parts[head].append((_classes(model, head), predictions))
    return {head: _pool(pieces) for head, pieces in parts.items()}


def cross_writer(training=None) -> dict[str, HeadPredictions]:
    """Train on the other writers' seeds, predict each seed; every direction's predictions
    pooled."""
    return pooled_predictions(cross_writer_models(training))


def _classes(model, head: str) -> list[str]:
    from dantinh.language.classify.item import VALENCES

    return list(VALENCES) if head == "valence" else list(model.classes(head))


def _pool(pieces: list[tuple[list[str], HeadPredictions]]) -> HeadPredictions:
    """Predictions of models that may know different classes, in one column order."""
    universe = sorted({label for classes, _p in pieces for label in classes})
    probs, gold = [], []
    for classes, predictions in pieces:
        block = np.zeros((predictions.probs.shape[0], len(universe)))
        for j, label in enumerate(classes):
            block[:, universe.index(label)] = predictions.probs[:, j]
        probs.append(block)
        gold.append(
            np.array(
                [universe.index(classes[g]) if g >= 0 else -1 for g in predictions.gold],
                dtype=int,
            )
        )
    return HeadPredictions(np.vstack(probs), np.concatenate(gold))


def threshold_table(
    predictions: HeadPredictions, temperature: float, thresholds: Sequence[float]
) -> list[dict]:
    """For each threshold: the share of answers below it, the accuracy above and below, and
    how often the two likeliest answers hold the gold label below it."""
    probs = tempered(predictions.probs, temperature)
    gold = predictions.gold
    order = np.argsort(-probs, axis=1)
    top = probs[np.arange(len(gold)), order[:, 0]]
    right = order[:, 0] == gold
    in_two = right | (order[:, 1] == gold)
    rows = []
    for threshold in thresholds:
        low = top < threshold
        rows.append(
            {
                "threshold": threshold,
                "unsure_share": round(float(low.mean()), 3),
                "accuracy_sure": round(float(right[~low].mean()), 3) if (~low).any() else None,
                "accuracy_unsure": round(float(right[low].mean()), 3) if low.any() else None,
                "top_two_unsure": round(float(in_two[low].mean()), 3) if low.any() else None,
            }
        )
    return rows
