"""Calibrated confidence: after a fitted temperature, how sure the model says it is matches how
often it is right (a synthetic set whose true probabilities are known)."""

import json

import numpy as np

from dantinh.language.classify.calibration import (
    HeadPredictions,
    fit_temperature,
    tempered,
    threshold_table,
)
from dantinh.language.evaluation import expected_calibration_error


def _synthetic(n=6000, classes=5, flatten=0.4, seed=7):
    """Labels drawn from known probabilities; the 'model' reports them flattened (as the
    averaged heads do), so its confidence understates how often it is right."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(scale=2.5, size=(n, classes))
    truth = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    gold = np.array([rng.choice(classes, p=row) for row in truth])
    flat = np.exp(logits * flatten)
    return HeadPredictions(flat / flat.sum(axis=1, keepdims=True), gold)


def _binned_accuracy(probs, gold, edges=(0.0, 0.4, 0.6, 0.8, 1.01)):
    top, conf = probs.argmax(axis=1), probs.max(axis=1)
    right = top == gold
    return [
        right[(conf >= lo) & (conf < hi)].mean()
        for lo, hi in zip(edges, edges[1:], strict=False)
        if ((conf >= lo) & (conf < hi)).sum() > 50
    ]


def test_fitted_temperature_makes_confidence_match_accuracy():
    predictions = _synthetic()
    before = predictions.probs
    temperature = fit_temperature(predictions)
    after = tempered(before, temperature)
    # The flattening (×0.4 on the logits) is undone: T close to 0.4.
    assert 0.3 < temperature < 0.5

    def ece(p):
        return expected_calibration_error(p.max(axis=1), p.argmax(axis=1) == predictions.gold)

    assert ece(before) > 0.15
    assert ece(after) < 0.03
    # Confidence is monotonic with accuracy: surer bins are right more often.
    accuracy = _binned_accuracy(after, predictions.gold)
    assert len(accuracy) >= 3
    assert all(a < b for a, b in zip(accuracy, accuracy[1:], strict=False))
    # Calibrating never changes which answer is given.
    assert (after.argmax(axis=1) == before.argmax(axis=1)).all()


def test_threshold_table_separates_sure_from_unsure_answers():
    predictions = _synthetic()
    rows = threshold_table(predictions, fit_temperature(predictions), (0.5, 0.7))
    for row in rows:
        assert row["accuracy_sure"] > row["accuracy_unsure"]
        # Below the threshold, the two likeliest answers hold the right one more often than
        # the first alone: what the form shows when unsure.
        assert row["top_two_unsure"] > row["accuracy_unsure"]
    assert rows[0]["unsure_share"] < rows[1]["unsure_share"]


def test_each_writers_seed_is_predicted_by_a_model_of_the_other_writers(sample_path, tmp_path):
    from dantinh.language.classify.calibration import cross_writer_models

    lines = sample_path.read_text(encoding="utf-8").splitlines()
    paths = []
    for n, name in enumerate(("seed_items", "seed2_items", "seed3_items")):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("\n".join(lines[n::3]) + "\n", encoding="utf-8")
        paths.append(path)
    pairs = cross_writer_models(paths=paths)
    assert [name for name, _model, _test in pairs] == [
        "seed2+seed3 → seed",
        "seed+seed3 → seed2",
        "seed+seed2 → seed3",
    ]
    for n, (_name, model, test) in enumerate(pairs):
        assert [e.text for e in test] == [json.loads(line)["text"] for line in lines[n::3]]
        # the model has not seen the writer it predicts: another split gives another model
        assert model.version != pairs[(n + 1) % 3][1].version
    # two seeds: each predicts the other, as before
    assert [name for name, *_ in cross_writer_models(paths=paths[:2])] == [
        "seed2 → seed",
        "seed → seed2",
    ]


def test_a_seed_added_to_every_training_mix_is_never_predicted(sample_path, tmp_path):
    from dantinh.language.classify.calibration import cross_writer_models

    lines = sample_path.read_text(encoding="utf-8").splitlines()
    paths = []
    for n, name in enumerate(("seed_items", "seed2_items", "seed4_items")):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("\n".join(lines[n::3]) + "\n", encoding="utf-8")
        paths.append(path)
    pairs = cross_writer_models(paths=paths[:2], also=paths[2:])
    assert [name for name, *_ in pairs] == ["seed2+seed4 → seed", "seed+seed4 → seed2"]
    assert [[e.text for e in test] for _n, _m, test in pairs] == [
        [json.loads(line)["text"] for line in lines[n::3]] for n in range(2)
    ]
