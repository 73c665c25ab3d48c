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

import dataclasses
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
    SEED_PATHS,
    ItemExample,
    augment,
    corpus_hash,
    read_seed,
)
from dantinh.language.classify.features import FeatureConfig, Featurizer
from dantinh.language.classify.linear import LinearHead, train_head
from dantinh.language.lexicon import CUE_PAIRS, CUES, FIELD_TERMS, KIND_TERMS, MOOD_TERMS
from dantinh.language.normalize import fold

# Bump when features or training change in a way that makes cached models stale.
ENGINE_VERSION = 3
FORMAT = 2
# Kinds that carry a competent authority (a recommendation, a letter, an incident).
AUTHORITY_KINDS = frozenset({"kien_nghi", "khieu_nai_to_cao", "vu_viec"})
CORRECTION_WEIGHT = 3.0
SECONDARY_THRESHOLD = 0.5
MAX_SECONDARY = 2

HEADS = ("field", "fields", "kind", "mood", "valence", "authority")
# The mood head's answer for a text that expresses no mood (a factual report); suggestions say
# None. An example that carries a kind was labelled for its mood too: its null mood is this.
NO_MOOD = "none"
VALENCES = ("negative", "neutral", "positive", NO_MOOD)
# Heads whose answer comes with a calibrated confidence and a runner-up (`alternatives`).
CHOICE_HEADS = ("field", "kind", "mood", "authority")
LEXICON = "lexicon"  # the style of the examples made from the term lists (one head each)
# Below this calibrated probability an answer is a guess more often than not: item entry shows
# the two likeliest answers instead of filling one, and an import marks the row for review.
# On the seeds' cross-writer predictions (`dantinh nlp crosswriter`), 7-13% of the field, kind
# and mood answers fall below it; they are right 36-40% of the time, the runner-up adds 28-35
# points, and the answers above it are right 79-81% of the time.
UNSURE_BELOW = 0.5


@dataclass(frozen=True)
class ItemTraining:
    """How the item model is trained: features, and per head the linear models averaged."""

    features: FeatureConfig = FeatureConfig(word_n=2, fold_n=2, cues=True)
    heads: tuple[tuple[str, float], ...] = (("nblr", 1.0), ("lr", 4.0))
    multilabel: tuple[tuple[str, float], ...] = (("nblr", 4.0),)
    copy_weight: float = 0.5
    lexicon_weight: float = 0.3
    no_mood: bool = True
    # Heads trained without balancing their classes, so that a common answer keeps its prior.
    unbalanced: tuple[str, ...] = ()
    # liblinear's stopping tolerance: 1e-3 trains 20% faster than its default, with the same
    # cross-writer figures to three decimals
    tol: float | None = 1e-3
    # The competent body also follows from the field: p(body) ∝ p_text(body) ×
    # (Σ_field p(field | text) · p(body | field))^w, p(body | field) counted in the examples.
    authority_field_weight: float = 0.5
    # Temperature of each head's probabilities (p ∝ p^(1/T)), fitted on the seeds'
    # cross-writer predictions (train on one writer's seed, predict the other's; see
    # `calibration.py`): T < 1 sharpens the averaged heads' probabilities, which are too flat.
    # Refitted on the six writers' leave-one-writer-out predictions (`crosswriter --all`) when
    # the fifth and sixth seeds joined (mood, valence and body were 0.707, 0.631 and 0.965).
    # Kept when the seventh and eighth joined the training: not yet refitted on eight writers.
    temperatures: tuple[tuple[str, float], ...] = (
        ("field", 0.649),
        ("kind", 0.727),
        ("mood", 0.668),
        ("valence", 0.58),
        ("authority", 0.993),
    )


DEFAULT_TRAINING = ItemTraining()


@dataclass(frozen=True)
class ItemSuggestion:
    """What the model suggests for one text; scores are probabilities in [0, 1]."""

    field: str
    field_score: float
    secondary_fields: list[str]
    kind: str
    kind_score: float
    mood: str | None  # None: the text expresses no mood
    mood_score: float
    valence: str | None  # None when there is no mood
    valence_score: float
    authority: str | None  # None unless the kind is one that needs a competent authority
    authority_score: float
    authority_candidate: str  # the best authority whatever the kind
    model_version: str
    # Per head of CHOICE_HEADS, the two likeliest answers with their calibrated probability,
    # best first (the mood's None is written as None).
    alternatives: dict[str, list[tuple[str | None, float]]] = dataclasses.field(
        default_factory=dict
    )

    def confidence(self, head: str) -> float:
        """The calibrated probability of this head's answer."""
        return getattr(self, f"{head}_score")

    def unsure(self, threshold: float | None = None) -> list[str]:
        """The heads of CHOICE_HEADS whose answer is less likely than `threshold` (default
        UNSURE_BELOW); the competent body only when one is suggested (the kind needs one)."""
        threshold = UNSURE_BELOW if threshold is None else threshold
        return [
            head
            for head in CHOICE_HEADS
            if (head != "authority" or self.authority is not None)
            and self.confidence(head) < threshold
        ]

    def to_dict(self) -> dict:
        return asdict(self)


class ItemModel:
    """A trained item model; `predict` labels many texts at once, `suggest` one."""

    def __init__(
        self,
        featurizer: Featurizer,
        heads: dict[str, list[LinearHead]],
        version: str,
        temperatures: dict[str, float] | None = None,
        authority_prior: np.ndarray | None = None,
        authority_field_weight: float = 0.0,
    ) -> None:
        self.featurizer = featurizer
        self.heads = heads
        self.version = version
        self.temperatures = dict(temperatures or {})
        # p(body | field): rows in the order of classes("field"), columns of classes("authority")
        self.authority_prior = authority_prior
        self.authority_field_weight = authority_field_weight

    def classes(self, head: str) -> list[str]:
        return self.heads[head][0].classes

    def probabilities(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Per head, one row of calibrated class probabilities per text (columns in the
        order of `classes(head)`; valence in the order of VALENCES); "fields" holds the
        independent per-field probabilities of the multi-label head."""
        counts = self.featurizer.counts(texts)
        tfidf = self.featurizer.weigh(counts)
        raw = {
            name: sum(h.proba(counts, tfidf) for h in heads) / len(heads)
            for name, heads in self.heads.items()
            if name not in ("fields", "valence")
        }
        if self.authority_prior is not None and self.authority_field_weight:
            by_field = raw["field"] @ self.authority_prior
            z = np.log(np.maximum(raw["authority"], 1e-12)) + self.authority_field_weight * np.log(
                np.maximum(by_field, 1e-12)
            )
            z -= z.max(axis=1, keepdims=True)
            raw["authority"] = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        probs = {name: self._calibrate(name, p) for name, p in raw.items()}
        fields = self.heads["fields"]
        probs["fields"] = sum(h.sigmoid(counts, tfidf) for h in fields) / len(fields)
        own = sum(h.proba(counts, tfidf) for h in self.heads["valence"]) / len(
            self.heads["valence"]
        )
        probs["valence"] = self._calibrate("valence", self._valence(own, probs["mood"]))
        return probs

    def predict(self, texts: Sequence[str]) -> list[ItemSuggestion]:
        """Suggestions for each text, in order. Empty input gives an empty list."""
        if not texts:
            return []
        probs = self.probabilities(texts)
        # The two best answers of every head and the secondary fields for the whole batch at
        # once: one sort per head over the matrix, then plain lists (a third of the labelling
        # time of an import was these sorts and numpy scalars taken one row at a time).
        best = {head: self._top_rows(head, probs[head]) for head in CHOICE_HEADS}
        valence_idx = probs["valence"].argmax(axis=1)
        valence_p = [
            round(p, 4) for p in probs["valence"][np.arange(len(texts)), valence_idx].tolist()
        ]
        secondary = self._secondary_rows(probs["fields"], [pairs[0][0] for pairs in best["field"]])
        out = []
        for i, v in enumerate(valence_idx.tolist()):
            alternatives = {head: best[head][i] for head in CHOICE_HEADS}
            field, field_score = alternatives["field"][0]
            kind, kind_score = alternatives["kind"][0]
            mood, mood_score = alternatives["mood"][0]
            authority, authority_score = alternatives["authority"][0]
            valence = VALENCES[v]
            out.append(
                ItemSuggestion(
                    field=field,
                    field_score=field_score,
                    secondary_fields=secondary[i],
                    kind=kind,
                    kind_score=kind_score,
                    mood=mood,
                    mood_score=mood_score,
                    valence=None if valence == NO_MOOD else valence,
                    valence_score=valence_p[i],
                    authority=authority if kind in AUTHORITY_KINDS else None,
                    authority_score=authority_score,
                    authority_candidate=authority,
                    model_version=self.version,
                    alternatives=alternatives,
                )
            )
        return out

    def suggest(self, text: str) -> ItemSuggestion:
        """Suggestions for one text (what item entry calls as the person types)."""
        return self.predict([text])[0]

    def _calibrate(self, name: str, p: np.ndarray) -> np.ndarray:
        temperature = self.temperatures.get(name)
        if not temperature or temperature == 1.0:
            return p
        z = np.log(np.maximum(p, 1e-12)) / temperature
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def _top_rows(self, head: str, matrix: np.ndarray) -> list[list[tuple[str | None, float]]]:
        """Per row, the two likeliest classes with their probability, best first."""
        classes = [None if c == NO_MOOD else c for c in self.classes(head)]
        order = np.argsort(-matrix, axis=1)[:, :2]
        scores = np.take_along_axis(matrix, order, axis=1).tolist()
        return [
            [(classes[k], round(p, 4)) for k, p in zip(ks, ps, strict=True)]
            for ks, ps in zip(order.tolist(), scores, strict=True)
        ]

    def _secondary_rows(self, matrix: np.ndarray, primaries: list[str]) -> list[list[str]]:
        """Per row, the other fields at least SECONDARY_THRESHOLD likely (not the primary
        field, never "khac"), likeliest first, at most MAX_SECONDARY."""
        classes = self.classes("fields")
        order = np.argsort(-matrix, axis=1)
        above = np.take_along_axis(matrix, order, axis=1) >= SECONDARY_THRESHOLD
        out = []
        for ks, keep, primary in zip(order.tolist(), above.tolist(), primaries, strict=True):
            picked = [
                classes[k]
                for k, ok in zip(ks, keep, strict=True)
                if ok and classes[k] not in (primary, "khac")
            ]
            out.append(picked[:MAX_SECONDARY])
        return out

    def _valence(self, own_probs: np.ndarray, mood_probs: np.ndarray) -> np.ndarray:
        """Average of the valence head and the valence implied by the mood head, over
        VALENCES ("none" where the mood head says no mood)."""
        own = np.zeros((mood_probs.shape[0], len(VALENCES)))
        for j, label in enumerate(self.classes("valence")):
            own[:, VALENCES.index(label)] = own_probs[:, j]
        implied = np.zeros_like(own)
        for j, mood in enumerate(self.classes("mood")):
            implied[:, VALENCES.index(MOOD_VALENCE.get(mood, NO_MOOD))] += mood_probs[:, j]
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
            "temperatures": self.temperatures,
            "authority_prior": self.authority_prior,
            "authority_field_weight": self.authority_field_weight,
        }
        _atomic_write(directory / "model.pkl", pickle.dumps(state, protocol=5))
        meta = {
            "version": self.version,
            "engine_version": ENGINE_VERSION,
            "n_features": self.featurizer.n_features,
            "classes": {name: heads[0].classes for name, heads in self.heads.items()},
            "temperatures": self.temperatures,
        }
        _atomic_write(
            directory / "meta.json", json.dumps(meta, ensure_ascii=False, indent=1).encode()
        )
        return directory

    @classmethod
    def load(cls, directory: str | Path) -> ItemModel:
        """Read a model written by `save`."""
        state = pickle.loads((Path(directory) / "model.pkl").read_bytes())
        # Format 1 (engine 2: no temperatures, no "no mood", no body-by-field table) still
        # loads, so a deployment's retrained model keeps serving until it is retrained.
        if state.get("format") not in (1, FORMAT):
            raise ValueError(f"unsupported item model format in {directory}")
        heads = {
            name: [LinearHead.from_state(h) for h in states]
            for name, states in state["heads"].items()
        }
        return cls(
            Featurizer.from_state(state["featurizer"]),
            heads,
            state["version"],
            state.get("temperatures"),
            state.get("authority_prior"),
            state.get("authority_field_weight", 0.0),
        )


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
                    out.append(
                        ItemExample(text=term.strip(), weight=weight, style=LEXICON, **{attr: code})
                    )
    return out


def model_version(
    examples: Sequence[ItemExample], training: ItemTraining = DEFAULT_TRAINING
) -> str:
    """The version string of a model trained on `examples` by this engine: a digest of the
    examples, the training settings, the term and cue lists, and ENGINE_VERSION."""
    lists = json.dumps([FIELD_TERMS, MOOD_TERMS, KIND_TERMS, CUES, CUE_PAIRS], ensure_ascii=False)
    digest = hashlib.sha256(f"{corpus_hash(examples)}|{training!r}|{lists}".encode()).hexdigest()
    return f"item-{ENGINE_VERSION}-{digest[:12]}"


def train_item_model(
    examples: Iterable[ItemExample | dict] = (),
    *,
    base: Iterable[ItemExample | dict] | str | None = "seed",
    correction_weight: float = CORRECTION_WEIGHT,
    augment_copies: bool = True,
    training: ItemTraining = DEFAULT_TRAINING,
) -> ItemModel:
    """Train an item model on `base` (default: the seeds the default model trains on, `SEED_PATHS`) plus
    `examples` — typically staff corrections, which replace base examples of the same text and
    weigh `correction_weight` times more. Dicts with the seed corpus keys are accepted.

    Training copies: each example is also seen without diacritics and with its phrases
    abbreviated (see `corpus.augment`); the field head also sees the taxonomy's lexicon.
    Raises ValueError when no example carries a field label.
    """
    extra = [e if isinstance(e, ItemExample) else ItemExample.from_dict(e) for e in examples]
    if base == "seed":
        base_examples = read_seed(SEED_PATHS)
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
        if name in training.unbalanced:
            kwargs.setdefault("balanced", False)
        return [
            train_head(
                counts[rows],
                tfidf[rows],
                targets,
                sample_weight=weight[rows],
                method=method,
                c=c,
                tol=training.tol,
                **kwargs,
            )
            for method, c in models
        ]

    if training.no_mood:
        # An example that says its kind was labelled for its mood too: no mood is an answer.
        labelled_mood = [
            e.mood or (NO_MOOD if e.kind and e.style != LEXICON else None) for e in train
        ]
    else:
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
        "valence": fit(
            "valence", [MOOD_VALENCE.get(m, NO_MOOD) if m else None for m in labelled_mood]
        ),
        "authority": fit("authority", [e.authority for e in train]),
    }
    prior = _authority_prior(merged, heads["field"][0].classes, heads["authority"][0].classes)
    return ItemModel(
        featurizer,
        heads,
        version,
        dict(training.temperatures),
        authority_prior=prior,
        authority_field_weight=training.authority_field_weight,
    )


def _authority_prior(
    examples: Sequence[ItemExample], fields: list[str], authorities: list[str]
) -> np.ndarray:
    """p(body | field) from the examples that name both, smoothed (0.5 per cell)."""
    table = np.full((len(fields), len(authorities)), 0.5)
    field_index = {f: i for i, f in enumerate(fields)}
    authority_index = {a: j for j, a in enumerate(authorities)}
    for e in examples:
        if e.field in field_index and e.authority in authority_index:
            table[field_index[e.field], authority_index[e.authority]] += e.weight
    return (table / table.sum(axis=1, keepdims=True)).astype(np.float32)


_LOADED: dict[tuple, ItemModel] = {}
_LOCK = threading.Lock()


SeedPaths = str | Path | Sequence[str | Path]


def _stamp(paths: SeedPaths) -> tuple:
    paths = [paths] if isinstance(paths, str | Path) else list(paths)
    out = []
    for path in map(Path, paths):
        stat = path.stat() if path.exists() else None
        out.append((str(path), stat and stat.st_mtime_ns, stat and stat.st_size))
    return tuple(out)


def default_model(cache_dir: str | Path, *, seed_path: SeedPaths = SEED_PATHS) -> ItemModel:
    """The model of the seed corpus (by default `SEED_PATHS`, the eight seeds; a path or several):
    loaded from `cache_dir/<version>/` when a model of the current corpus and engine is cached
    there, otherwise trained (seconds) and cached. Kept in memory per process after the first
    call."""
    memo_key = (_stamp(seed_path), str(cache_dir))
    with _LOCK:
        model = _LOADED.get(memo_key)
        if model is not None:
            return model
        examples = read_seed(seed_path)
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


def current_model(cache_dir: str | Path, *, seed_path: SeedPaths = SEED_PATHS) -> ItemModel:
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
