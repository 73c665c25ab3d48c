"""Syllable vectors (PPMI-SVD) and the convolutional head: numpy prediction, optional training."""

import numpy as np
import pytest

from dantinh.language.classify.embed import cooccurrence, ppmi_vectors
from dantinh.language.classify.neural import CNNConfig, CNNHead, build_vocabulary


def test_cooccurrence_is_symmetric_weighted_and_stays_inside_documents():
    counts = cooccurrence([[0, 1, 2], [2, 0]], size=3, window=2).toarray()
    assert np.allclose(counts, counts.T)
    assert counts[0, 1] == pytest.approx(1.0)  # neighbours once
    assert counts[0, 2] == pytest.approx(0.5 + 1.0)  # distance 2 in doc 1, neighbours in doc 2
    assert counts[1, 1] == 0
    # Documents do not see each other: the last token of one and the first of the next.
    assert cooccurrence([[0], [1]], size=2, window=3).nnz == 0


def test_ppmi_vectors_put_tokens_of_the_same_contexts_together():
    rng = np.random.default_rng(0)
    docs = []
    for _ in range(300):  # two topics with their own words, a few words shared
        topic = ["mưa", "lũ", "đê", "sạt"] if rng.random() < 0.5 else ["thuế", "vốn", "giá", "lãi"]
        docs.append(list(rng.choice(topic + ["và", "của"], size=8)))
    vocabulary, vectors = ppmi_vectors(docs, dim=4, min_count=2)
    assert vectors.shape == (len(vocabulary), 4) and vectors.dtype == np.float32
    v = dict(zip(vocabulary, vectors, strict=True))
    assert v["mưa"] @ v["đê"] > v["mưa"] @ v["thuế"]
    assert v["vốn"] @ v["lãi"] > v["vốn"] @ v["sạt"]


def _random_head(vocabulary: dict[str, int], dim=6, filters=5, widths=(1, 2, 3), classes=3):
    rng = np.random.default_rng(1)
    embedding = rng.normal(size=(len(vocabulary), dim)).astype(np.float32)
    embedding[0] = 0
    convolutions = [
        (
            rng.normal(size=(w, dim, filters)).astype(np.float32),
            rng.normal(size=filters).astype(np.float32),
        )
        for w in widths
    ]
    output = (
        rng.normal(size=(filters * len(widths), classes)).astype(np.float32),
        rng.normal(size=classes).astype(np.float32),
    )
    config = CNNConfig(dim=dim, filters=filters, widths=widths)
    return CNNHead(config, ["a", "b", "c"], vocabulary, embedding, convolutions, output)


def _direct_features(head: CNNHead, ids: list[int]) -> np.ndarray:
    """Convolution as written in the textbook, on one text padded as in training."""
    x = head.embedding[ids + [0]]  # one padding position after the text
    pooled = []
    for weights, bias in head.convolutions:
        width = weights.shape[0]
        padded = np.vstack(
            [np.zeros((width - 1, x.shape[1])), x, np.zeros((width - 1, x.shape[1]))]
        )
        outs = [
            sum(padded[t + j] @ weights[j] for j in range(width)) + bias
            for t in range(len(padded) - width + 1)
        ]
        pooled.append(np.maximum(np.max(outs, axis=0), 0))
    return np.concatenate(pooled)


def test_cnn_head_lookup_tables_compute_the_convolution():
    vocabulary = build_vocabulary([["đường", "hỏng", "nặng"], ["đường", "mới"]], min_count=1)
    head = _random_head(vocabulary)
    texts = ["Đường hỏng nặng", "đường mới", "chữ lạ hoàn toàn", ""]
    ids = head.encode(texts)
    got = head.features(ids)
    for row, text_ids in enumerate(ids):
        length = int((text_ids != 0).sum())
        expected = _direct_features(head, list(text_ids[:length]))
        assert np.allclose(got[row], expected, atol=1e-4)
    proba = head.proba(texts, batch_size=3)
    assert proba.shape == (4, 3) and np.allclose(proba.sum(axis=1), 1)
    # A text's probabilities do not depend on the batch it comes in.
    assert np.allclose(proba[0], head.proba(texts[:1])[0], atol=1e-5)


def test_cnn_head_state_round_trip():
    head = _random_head(build_vocabulary([["a", "b"]], min_count=1))
    again = CNNHead.from_state(head.state())
    assert again.config == head.config
    assert np.allclose(again.proba(["a b", "b"]), head.proba(["a b", "b"]))


def test_text_classifier_with_the_cnn_head_trains_and_round_trips(tmp_path):
    pytest.importorskip("torch")
    from dantinh.language.classify.features import FeatureConfig
    from dantinh.language.classify.text import PipelineConfig, TextClassifier

    rng = np.random.default_rng(2)
    words = {"tot": ["tốt", "hay", "vui", "thích"], "xau": ["tệ", "chán", "buồn", "kém"]}
    texts, labels = [], []
    for _ in range(120):
        label = "tot" if rng.random() < 0.5 else "xau"
        texts.append(" ".join(rng.choice(words[label] + ["môn", "học"], size=5)))
        labels.append(label)
    config = PipelineConfig(
        FeatureConfig(word_n=2, fold_n=0),
        neural=CNNConfig(dim=8, filters=4, epochs=3, min_count=1),
        neural_weight=0.5,
    )
    vectors = ppmi_vectors([t.split() for t in texts], dim=8, min_count=2)
    model = TextClassifier(config).fit(texts, labels, vectors=vectors)
    assert model.neural is not None
    assert model.predict(["môn học rất hay và vui", "chán quá, kém"]) == ["tot", "xau"]
    path = tmp_path / "model.pkl"
    model.save(path)
    loaded = TextClassifier.load(path)
    assert loaded.config.neural == config.neural
    assert np.allclose(loaded.predict_proba(texts[:5]), model.predict_proba(texts[:5]))
