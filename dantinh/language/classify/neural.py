"""A small convolutional head over syllable vectors (Kim 2014), run with numpy.

Training needs PyTorch, an optional extra (`pip install -e ".[bench]"`); the trained weights
are exported to numpy arrays, so prediction and loading never import torch. The head reads up
to `max_tokens` syllables of a text, looks up their vectors, applies convolutions of widths 1–3
with ReLU, max-pools over positions and ends in a linear layer with a softmax.

At load, each syllable vector is multiplied once by every convolution offset's weights (tables
of vocabulary × filters per offset: ~6 × 4 bytes × filters per syllable, 70 MB for 23k
syllables); a convolution at prediction is then table look-ups and additions, and max-pooling
commutes with the bias and ReLU.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from dantinh.language.normalize import TOKEN, normalized_tokens

PAD, UNKNOWN = 0, 1


@dataclass(frozen=True)
class CNNConfig:
    """Shape and training settings of the convolutional head."""

    dim: int = 200
    filters: int = 128
    widths: tuple[int, ...] = (1, 2, 3)
    epochs: int = 4
    batch_size: int = 50
    learning_rate: float = 1e-3
    dropout: float = 0.5
    min_count: int = 2  # training tokens kept (tokens with pretrained vectors always are)
    max_tokens: int = 100
    balanced: float = 0.5  # class weights (n / (k · n_class)) ** balanced; 0 = unweighted
    normalize: bool = True
    seed: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def tokenize(text: str, normalize: bool = True) -> list[str]:
    return normalized_tokens(text) if normalize else TOKEN.findall(text.lower())


class CNNHead:
    """Prediction side: numpy arrays only."""

    def __init__(
        self,
        config: CNNConfig,
        classes: list[str],
        vocabulary: dict[str, int],
        embedding: np.ndarray,
        convolutions: list[tuple[np.ndarray, np.ndarray]],
        output: tuple[np.ndarray, np.ndarray],
    ) -> None:
        self.config = config
        self.classes = classes
        self.vocabulary = vocabulary
        self.embedding = embedding  # (vocabulary, dim); row 0 (padding) is zero
        self.convolutions = convolutions  # per width: weights (width, dim, filters), bias
        self.output = output  # weights (filters · len(widths), classes), bias

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Token ids, padded with zeros to the longest text plus one (so every row has a
        window of padding only, as in training)."""
        get = self.vocabulary.get
        rows = [
            [get(tok, UNKNOWN) for tok in tokenize(t, self.config.normalize)][
                : self.config.max_tokens
            ]
            for t in texts
        ]
        length = max((len(r) for r in rows), default=0) + 1
        ids = np.zeros((len(rows), length), dtype=np.int64)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = row
        return ids

    def _tables(self) -> list[np.ndarray]:
        """Per width, the (width, vocabulary, filters) products of every syllable vector with
        each offset's weights: a convolution then costs look-ups and additions only."""
        if getattr(self, "_cached_tables", None) is None:
            self._cached_tables = [
                np.stack([self.embedding @ weights[j] for j in range(weights.shape[0])])
                for weights, _bias in self.convolutions
            ]
        return self._cached_tables

    def features(self, ids: np.ndarray) -> np.ndarray:
        """The max-pooled convolution features of encoded texts."""
        n, length = ids.shape
        pooled = []
        for table, (_weights, bias) in zip(self._tables(), self.convolutions, strict=True):
            width = table.shape[0]
            padded = np.pad(ids, ((0, 0), (width - 1, width - 1)))  # id 0: a zero vector
            steps = length + width - 1
            out = table[0][padded[:, :steps]]
            for j in range(1, width):
                out += table[j][padded[:, j : j + steps]]
            pooled.append(np.maximum(out.max(axis=1) + bias, 0))
        return np.concatenate(pooled, axis=1)

    def proba(self, texts: Sequence[str], batch_size: int = 256) -> np.ndarray:
        """Class probabilities, columns in `classes` order."""
        out = np.zeros((len(texts), len(self.classes)), dtype=np.float64)
        weights, bias = self.output
        for start in range(0, len(texts), batch_size):
            z = self.features(self.encode(texts[start : start + batch_size])) @ weights + bias
            z -= z.max(axis=1, keepdims=True)
            e = np.exp(z)
            out[start : start + len(z)] = e / e.sum(axis=1, keepdims=True)
        return out

    def state(self) -> dict:
        return {
            "config": self.config.to_dict(),
            "classes": list(self.classes),
            "vocabulary": self.vocabulary,
            "embedding": self.embedding,
            "convolutions": self.convolutions,
            "output": self.output,
        }

    @classmethod
    def from_state(cls, state: dict) -> CNNHead:
        conf = dict(state["config"])
        conf["widths"] = tuple(conf["widths"])
        return cls(
            CNNConfig(**conf),
            list(state["classes"]),
            state["vocabulary"],
            state["embedding"],
            [tuple(c) for c in state["convolutions"]],
            tuple(state["output"]),
        )


def build_vocabulary(
    token_lists: Sequence[list[str]], min_count: int, pretrained: Sequence[str] = ()
) -> dict[str, int]:
    """Ids 0 (padding) and 1 (unknown), then pretrained tokens, then training tokens seen at
    least `min_count` times."""
    words = ["\x00pad", "\x00unk", *pretrained]
    seen = set(words)
    frequency = Counter(tok for tokens in token_lists for tok in tokens)
    words += sorted(w for w, c in frequency.items() if c >= min_count and w not in seen)
    return {w: i for i, w in enumerate(words)}


def train_cnn(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    config: CNNConfig | None = None,
    classes: Sequence[str] | None = None,
    vectors: tuple[Sequence[str], np.ndarray] | None = None,
) -> CNNHead:
    """Train the head with PyTorch (one thread) and export it to numpy.

    `vectors` (vocabulary, matrix), e.g. from `embed.ppmi_vectors`, initialises the syllable
    vectors; without it they start random."""
    try:
        import torch
        import torch.nn.functional as F  # noqa: N812
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            'the convolutional head needs PyTorch to train: pip install -e ".[bench]"'
        ) from error

    config = config or CNNConfig()
    labels = [str(label) for label in labels]
    classes = list(classes) if classes is not None else sorted(set(labels))
    class_index = {c: i for i, c in enumerate(classes)}
    token_lists = [tokenize(t, config.normalize)[: config.max_tokens] for t in texts]
    pretrained_words = list(vectors[0]) if vectors is not None else []
    vocabulary = build_vocabulary(token_lists, config.min_count, pretrained_words)

    rng = np.random.default_rng(config.seed)
    init = rng.normal(0, 0.1, (len(vocabulary), config.dim)).astype(np.float32)
    init[PAD] = 0
    if vectors is not None and len(pretrained_words):
        matrix = np.asarray(vectors[1], dtype=np.float32)[:, : config.dim]
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        norms[norms == 0] = 1
        # Same scale as the random rows (each coordinate ~ 0.1).
        init[2 : 2 + len(pretrained_words), : matrix.shape[1]] = (
            matrix / norms * 0.1 * np.sqrt(config.dim)
        )

    torch.manual_seed(config.seed)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        embedding = torch.nn.Embedding(len(vocabulary), config.dim, padding_idx=PAD)
        embedding.weight.data[:] = torch.from_numpy(init)
        convs = torch.nn.ModuleList(
            torch.nn.Conv1d(config.dim, config.filters, w, padding=w - 1) for w in config.widths
        )
        out = torch.nn.Linear(config.filters * len(config.widths), len(classes))
        modules = torch.nn.ModuleList([embedding, convs, out])
        optimiser = torch.optim.Adam(modules.parameters(), lr=config.learning_rate)
        y = np.array([class_index[label] for label in labels])
        counts = np.maximum(np.bincount(y, minlength=len(classes)), 1)
        weight = torch.tensor(
            (len(y) / (len(classes) * counts)) ** config.balanced, dtype=torch.float32
        )
        ids = [[vocabulary.get(t, UNKNOWN) for t in tokens] for tokens in token_lists]

        def forward(rows: np.ndarray, train: bool):
            length = max(len(ids[r]) for r in rows) + 1
            batch = np.zeros((len(rows), length), dtype=np.int64)
            for i, r in enumerate(rows):
                batch[i, : len(ids[r])] = ids[r]
            e = embedding(torch.from_numpy(batch)).transpose(1, 2)
            pooled = torch.cat([F.relu(c(e)).max(dim=2).values for c in convs], dim=1)
            return out(F.dropout(pooled, config.dropout, training=train))

        for _epoch in range(config.epochs):
            modules.train()
            order = rng.permutation(len(y))
            for start in range(0, len(order), config.batch_size):
                rows = order[start : start + config.batch_size]
                loss = F.cross_entropy(
                    forward(rows, True), torch.from_numpy(y[rows]), weight=weight
                )
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
    finally:
        torch.set_num_threads(threads)

    def array(t) -> np.ndarray:
        return t.detach().numpy().astype(np.float32).copy()

    return CNNHead(
        config,
        classes,
        vocabulary,
        array(embedding.weight),
        [(array(c.weight).transpose(2, 1, 0).copy(), array(c.bias)) for c in convs],
        (array(out.weight).T.copy(), array(out.bias)),
    )


__all__ = ["CNNConfig", "CNNHead", "build_vocabulary", "tokenize", "train_cnn"]
