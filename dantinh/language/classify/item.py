"""The item model: from one short text, suggest field(s), kind, mood, valence and authority.

One featurizer, several linear heads (see `linear.py`):
- field: the primary field (single label);
- fields: every field of the item (multi-label), for the secondary-field suggestions;
- kind, mood, valence (mood's valence as its own head, averaged with the valence the mood
  head implies), authority (suggested only when the kind is one that needs an authority).

Each head trains on the examples that carry its label, so a correction that only fixes the
mood teaches only the mood head. Models are versioned: the version string is derived from the
training data and the engine's feature code, recorded on each suggestion, and names the
directory the model is saved in.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from dantinh.language.classify.corpus import (
    MOOD_VALENCE,
    SEED_PATH,
    ItemExample,
    augment,
    corpus_hash,
    read_items,
)
from dantinh.language.classify.features import FeatureConfig, Featurizer
from dantinh.language.classify.linear import LinearHead, train_head
from dantinh.language.lexicon import FIELD_TERMS, KIND_TERMS, MOOD_TERMS
from dantinh.language.normalize import fold

# Bump when features or training change in a way that makes cached models stale.
ENGINE_VERSION = 2
FORMAT = 1
# Kinds that carry a competent authority (a recommendation, a letter, an incident).
AUTHORITY_KINDS = frozenset({"kien_nghi", "khieu_nai_to_cao", "vu_viec"})
CORRECTION_WEIGHT = 3.0
SECONDARY_THRESHOLD = 0.5
MAX_SECONDARY = 2

HEADS = ("field", "fields", "kind", "mood", "valence", "authority")


@dataclass(frozen=True)
class ItemTraining:
    """How the item model is trained: features, and per head the linear models averaged."""

    features: FeatureConfig = FeatureConfig(word_n=2, fold_n=2)
    heads: tuple[tuple[str, float], ...] = (("nblr", 1.0), ("svm", 0.3), ("lr", 4.0))
    multilabel: tuple[tuple[str, float], ...] = (("nblr", 4.0),)
    copy_weight: float = 0.5
    lexicon_weight: float = 0.3


DEFAULT_TRAINING = ItemTraining()


@dataclass(frozen=True)
class ItemSuggestion:
    """What the model suggests for one text; scores are probabilities in [0, 1]."""

    field: str
    field_score: float
    secondary_fields: list[str]
    kind: str
    kind_score: float
    mood: str
    mood_score: float
    valence: str
    valence_score: float
    authority: str | None  # None unless the kind is one that needs a competent authority
    authority_score: float
    authority_candidate: str  # the best authority whatever the kind
    model_version: str

    def to_dict(self) -> dict:
        return asdict(self)


class ItemModel:
    """A trained item model; `predict` labels many texts at once, `suggest` one."""

    def __init__(
        self, featurizer: Featurizer, heads: dict[str, list[LinearHead]], version: str
    ) -> None:
        self.featurizer = featurizer
        self.heads = heads
        self.version = version

    def predict(self, texts: Sequence[str]) -> list[ItemSuggestion]:
        """Suggestions for each text, in order. Empty input gives an empty list."""
        if not texts:
            return []
        counts = self.featurizer.counts(texts)
        tfidf = self.featurizer.weigh(counts)
        probs = {
            name: sum(h.proba(counts, tfidf) for h in heads) / len(heads)
            for name, heads in self.heads.items()
        }
        all_fields = sum(h.sigmoid(counts, tfidf) for h in self.heads["fields"])
        all_fields = all_fields / len(self.heads["fields"])
        valence = self._valence(probs)
        out = []
        for i in range(len(texts)):
            field, field_score = self._best("field", probs, i)
            kind, kind_score = self._best("kind", probs, i)
            mood, mood_score = self._best("mood", probs, i)
            authority, authority_score = self._best("authority", probs, i)
            v = int(valence[i].argmax())
            out.append(
                ItemSuggestion(
                    field=field,
                    field_score=field_score,
                    secondary_fields=self._secondary(all_fields[i], field),
                    kind=kind,
                    kind_score=kind_score,
                    mood=mood,
                    mood_score=mood_score,
                    valence=("negative", "neutral", "positive")[v],
                    valence_score=round(float(valence[i, v]), 4),
                    authority=authority if kind in AUTHORITY_KINDS else None,
                    authority_score=authority_score,
                    authority_candidate=authority,
                    model_version=self.version,
                )
            )
        return out

    def suggest(self, text: str) -> ItemSuggestion:
        """Suggestions for one text (what item entry calls as the person types)."""
        return self.predict([text])[0]

    def _best(self, name: str, probs: dict[str, np.ndarray], i: int) -> tuple[str, float]:
        row = probs[name][i]
        k = int(row.argmax())
        return self.heads[name][0].classes[k], round(float(row[k]), 4)

    def _secondary(self, row: np.ndarray, primary: str) -> list[str]:
        classes = self.heads["fields"][0].classes
        order = np.argsort(-row)
        picked = [
            classes[k]
            for k in order
            if row[k] >= SECONDARY_THRESHOLD and classes[k] not in (primary, "khac")
        ]
        return picked[:MAX_SECONDARY]

    def _valence(self, probs: dict[str, np.ndarray]) -> np.ndarray:
        """Average of the valence head and the valence implied by the mood head."""
        order = ("negative", "neutral", "positive")
        own = np.zeros((probs["mood"].shape[0], 3))
        for j, label in enumerate(self.heads["valence"][0].classes):
            own[:, order.index(label)] = probs["valence"][:, j]
        implied = np.zeros_like(own)
        for j, mood in enumerate(self.heads["mood"][0].classes):
            implied[:, order.index(MOOD_VALENCE.get(mood, "neutral"))] += probs["mood"][:, j]
        return (own + implied) / 2

    def save(self, directory: str | Path) -> Path:
        """Write model.pkl and meta.json into `directory` (created); returns the directory."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        state = {
            "format": FORMAT,
            "version": self.version,
            "featurizer": self.featurizer.state(),
            "heads": {name: [h.state() for h in heads] for name, heads in self.heads.items()},
        }
        _atomic_write(directory / "model.pkl", pickle.dumps(state, protocol=5))
        meta = {
            "version": self.version,
            "engine_version": ENGINE_VERSION,
            "n_features": self.featurizer.n_features,
            "classes": {name: heads[0].classes for name, heads in self.heads.items()},
        }
        _atomic_write(
            directory / "meta.json", json.dumps(meta, ensure_ascii=False, indent=1).encode()
        )
        return directory

    @classmethod
    def load(cls, directory: str | Path) -> ItemModel:
        """Read a model written by `save`."""
        state = pickle.loads((Path(directory) / "model.pkl").read_bytes())
        if state.get("format") != FORMAT:
            raise ValueError(f"unsupported item model format in {directory}")
        heads = {
            name: [LinearHead.from_state(h) for h in states]
            for name, states in state["heads"].items()
        }
        return cls(Featurizer.from_state(state["featurizer"]), heads, state["version"])


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def merge_corrections(
    corrections: Iterable[ItemExample], base: Iterable[ItemExample], weight: float
) -> list[ItemExample]:
    """Base examples plus corrections; a correction replaces any base example with the same
    text (compared folded), and weighs `weight` × its own weight."""
    corrections = list(corrections)
    corrected = {_key(c.text) for c in corrections}
    merged = [e for e in base if _key(e.text) not in corrected]
    for c in corrections:
        merged.append(ItemExample(**{**asdict(c), "weight": c.weight * weight}))
    return merged


def lexicon_examples(weight: float) -> list[ItemExample]:
    """One small example per term of the field, mood and kind lexicons, for its head only."""
    out = []
    for table, attr in ((FIELD_TERMS, "field"), (MOOD_TERMS, "mood"), (KIND_TERMS, "kind")):
        for code, terms in table.items():
            for term in terms.split(","):
                if term.strip():
                    out.append(ItemExample(text=term.strip(), weight=weight, **{attr: code}))
    return out


def model_version(
    examples: Sequence[ItemExample], training: ItemTraining = DEFAULT_TRAINING
) -> str:
    """The version string of a model trained on `examples` by this engine: a digest of the
    examples, the training settings and ENGINE_VERSION."""
    digest = hashlib.sha256(f"{corpus_hash(examples)}|{training!r}".encode()).hexdigest()
    return f"item-{ENGINE_VERSION}-{digest[:12]}"


def train_item_model(
    examples: Iterable[ItemExample | dict] = (),
    *,
    base: Iterable[ItemExample | dict] | str | None = "seed",
    correction_weight: float = CORRECTION_WEIGHT,
    augment_copies: bool = True,
    training: ItemTraining = DEFAULT_TRAINING,
) -> ItemModel:
    """Train an item model on `base` (default: the seed corpus shipped with dantinh) plus
    `examples` — typically staff corrections, which replace base examples of the same text and
    weigh `correction_weight` times more. Dicts with the seed corpus keys are accepted.

    Training copies: each example is also seen without diacritics and with its phrases
    abbreviated (see `corpus.augment`); the field head also sees the taxonomy's lexicon.
    Raises ValueError when no example carries a field label.
    """
    extra = [e if isinstance(e, ItemExample) else ItemExample.from_dict(e) for e in examples]
    if base == "seed":
        base_examples = read_items(SEED_PATH)
    elif base is None:
        base_examples = []
    else:
        base_examples = [
            e if isinstance(e, ItemExample) else ItemExample.from_dict(e) for e in base
        ]
    merged = merge_corrections(extra, base_examples, correction_weight)
    if not any(e.field for e in merged):
        raise ValueError("no labelled example to train the item model on")
    version = model_version(merged, training)
    train = augment(merged, weight=training.copy_weight) if augment_copies else list(merged)
    train += lexicon_examples(training.lexicon_weight)
    texts = [e.text for e in train]
    featurizer = Featurizer(training.features).fit(texts)
    counts = featurizer.counts(texts)
    tfidf = featurizer.weigh(counts)
    weight = np.array([e.weight for e in train])

    def fit(name: str, labels: list, models=training.heads, **kwargs) -> list[LinearHead]:
        rows = np.array([i for i, label in enumerate(labels) if label], dtype=np.int64)
        if rows.size == 0:
            raise ValueError(f"no example carries a label for the {name} head")
        targets = [labels[i] for i in rows]
        return [
            train_head(
                counts[rows],
                tfidf[rows],
                targets,
                sample_weight=weight[rows],
                method=method,
                c=c,
                **kwargs,
            )
            for method, c in models
        ]

    labelled_mood = [e.mood for e in train]
    heads = {
        "field": fit("field", [e.field for e in train]),
        "fields": fit(
            "fields",
            [tuple({e.field, *e.secondary_fields}) if e.field else () for e in train],
            models=training.multilabel,
            balanced=False,
        ),
        "kind": fit("kind", [e.kind for e in train]),
        "mood": fit("mood", labelled_mood),
        "valence": fit("valence", [MOOD_VALENCE.get(m or "") for m in labelled_mood]),
        "authority": fit("authority", [e.authority for e in train]),
    }
    return ItemModel(featurizer, heads, version)


_LOADED: dict[tuple, ItemModel] = {}
_LOCK = threading.Lock()


def default_model(cache_dir: str | Path, *, seed_path: str | Path = SEED_PATH) -> ItemModel:
    """The model of the seed corpus: loaded from `cache_dir/<version>/` when a model of the
    current corpus and engine is cached there, otherwise trained (seconds) and cached. Kept in
    memory per process after the first call."""
    seed_path = Path(seed_path)
    stat = seed_path.stat() if seed_path.exists() else None
    memo_key = (str(seed_path), stat and stat.st_mtime_ns, stat and stat.st_size, str(cache_dir))
    with _LOCK:
        model = _LOADED.get(memo_key)
        if model is not None:
            return model
        examples = read_items(seed_path)
        directory = Path(cache_dir) / model_version(examples)
        if (directory / "model.pkl").exists():
            model = ItemModel.load(directory)
        else:
            model = train_item_model(base=examples)
            model.save(directory)
        _LOADED[memo_key] = model
        return model


def publish(model: ItemModel, cache_dir: str | Path) -> Path:
    """Save `model` under `cache_dir/<version>/` and make it the current model of that cache
    (the file CURRENT names its version). What a retraining job calls after
    `train_item_model(corrections)`."""
    directory = model.save(Path(cache_dir) / model.version)
    _atomic_write(Path(cache_dir) / "CURRENT", model.version.encode())
    return directory


def current_model(cache_dir: str | Path, *, seed_path: str | Path = SEED_PATH) -> ItemModel:
    """The model `publish` made current in `cache_dir`, else `default_model`. Re-reads
    CURRENT on every call (cheap), so web processes pick up a retrained model at once."""
    pointer = Path(cache_dir) / "CURRENT"
    if pointer.exists():
        version = pointer.read_text().strip()
        directory = Path(cache_dir) / version
        key = ("current", str(directory))
        with _LOCK:
            model = _LOADED.get(key)
            if model is None and (directory / "model.pkl").exists():
                model = _LOADED[key] = ItemModel.load(directory)
        if model is not None:
            return model
    return default_model(cache_dir, seed_path=seed_path)
