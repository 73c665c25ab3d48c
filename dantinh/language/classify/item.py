"""The item model: from one short text, suggest field(s), kind, mood, valence and authority.

One featurizer, several linear heads (see `linear.py`):
- field: the primary field (single label);
- fields: every field of the item (multi-label), for the secondary-field suggestions;
- kind, mood, valence (mood's valence as its own head, averaged with the valence the mood
  head implies), authority (with "-" meaning "no authority to suggest").

Each head trains on the examples that carry its label, so a correction that only fixes the
mood teaches only the mood head. Models are versioned: the version string is derived from the
training data and the engine's feature code, recorded on each suggestion, and names the
directory the model is saved in.
"""

from __future__ import annotations

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
from dantinh.language.normalize import fold

# Bump when features or training change in a way that makes cached models stale.
ENGINE_VERSION = 1
FORMAT = 1
NO_AUTHORITY = "-"
ITEM_FEATURES = FeatureConfig(word_n=3, fold_n=2, char_min=3, char_max=4, char_fold=True)
CORRECTION_WEIGHT = 3.0
SECONDARY_THRESHOLD = 0.5
MAX_SECONDARY = 2

# A little lexicon per field: the taxonomy's own words, so a field with few seed examples
# still knows its vocabulary (SPEC §13 "covers" column, in Vietnamese).
FIELD_LEXICON: dict[str, str] = {
    "dat_dai": "đất đai thu hồi đất bồi thường giải phóng mặt bằng sổ đỏ quyền sử dụng đất",
    "moi_truong": "môi trường ô nhiễm rác thải nước thải khói bụi tiếng ồn mùi hôi",
    "y_te": "y tế bệnh viện khám chữa bệnh bảo hiểm y tế dịch bệnh an toàn thực phẩm",
    "giao_duc": "giáo dục trường học học phí giáo viên thi cử học sinh",
    "giao_thong_ha_tang": "giao thông đường sá cầu cống điện nước sạch hạ tầng",
    "lao_dong_viec_lam": "lao động việc làm tiền lương đình công ngừng việc nợ bảo hiểm xã hội",
    "an_sinh_xa_hoi": "an sinh trợ cấp hộ nghèo người có công lương hưu cứu trợ thiên tai",
    "gia_ca_doi_song": "giá cả đời sống chi phí sinh hoạt thu nhập tăng giá",
    "thu_tuc_hanh_chinh": "thủ tục hành chính dịch vụ công thái độ cán bộ một cửa",
    "tham_nhung_tieu_cuc": "tham nhũng tiêu cực lãng phí sai phạm tài sản công",
    "an_ninh_trat_tu": "an ninh trật tự tội phạm lừa đảo tệ nạn xã hội trộm cắp",
    "ton_giao_tin_nguong": "tôn giáo tín ngưỡng nhà thờ chùa giáo xứ",
    "dan_toc": "dân tộc đồng bào dân tộc thiểu số",
    "nong_nghiep": "nông nghiệp nông thôn trồng trọt chăn nuôi thủy sản mùa màng",
    "xay_dung_quy_hoach": "xây dựng quy hoạch trật tự đô thị nhà ở xây dựng trái phép",
    "van_hoa_xa_hoi": "văn hóa lễ hội xã hội gia đình thể thao",
    "xay_dung_dang_chinh_quyen": "xây dựng đảng chính quyền cán bộ sắp xếp tổ chức bộ máy",
    "kinh_te_doanh_nghiep": "kinh tế doanh nghiệp đầu tư sản xuất kinh doanh",
}

HEADS = ("field", "fields", "kind", "mood", "valence", "authority")


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
    authority: str | None
    authority_score: float
    model_version: str

    def to_dict(self) -> dict:
        return asdict(self)


class ItemModel:
    """A trained item model; `predict` labels many texts at once, `suggest` one."""

    def __init__(self, featurizer: Featurizer, heads: dict[str, LinearHead], version: str):
        self.featurizer = featurizer
        self.heads = heads
        self.version = version

    def predict(self, texts: Sequence[str]) -> list[ItemSuggestion]:
        """Suggestions for each text, in order. Empty input gives an empty list."""
        if not texts:
            return []
        counts = self.featurizer.counts(texts)
        tfidf = self.featurizer.weigh(counts)
        probs = {name: head.proba(counts, tfidf) for name, head in self.heads.items()}
        all_fields = self.heads["fields"].sigmoid(counts, tfidf)
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
                    authority=None if authority == NO_AUTHORITY else authority,
                    authority_score=authority_score,
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
        return self.heads[name].classes[k], round(float(row[k]), 4)

    def _secondary(self, row: np.ndarray, primary: str) -> list[str]:
        classes = self.heads["fields"].classes
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
        head = self.heads["valence"]
        for j, label in enumerate(head.classes):
            own[:, order.index(label)] = probs["valence"][:, j]
        implied = np.zeros_like(own)
        for j, mood in enumerate(self.heads["mood"].classes):
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
            "heads": {name: head.state() for name, head in self.heads.items()},
        }
        _atomic_write(directory / "model.pkl", pickle.dumps(state, protocol=5))
        meta = {
            "version": self.version,
            "engine_version": ENGINE_VERSION,
            "n_features": self.featurizer.n_features,
            "classes": {name: head.classes for name, head in self.heads.items()},
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
        heads = {name: LinearHead.from_state(h) for name, h in state["heads"].items()}
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


def model_version(examples: Sequence[ItemExample]) -> str:
    """The version string of a model trained on `examples` by this engine."""
    return f"item-{ENGINE_VERSION}-{corpus_hash(examples)[:12]}"


def train_item_model(
    examples: Iterable[ItemExample | dict] = (),
    *,
    base: Iterable[ItemExample | dict] | str | None = "seed",
    correction_weight: float = CORRECTION_WEIGHT,
    augment_copies: bool = True,
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
        base_examples = [e if isinstance(e, ItemExample) else ItemExample.from_dict(e) for e in base]
    merged = merge_corrections(extra, base_examples, correction_weight)
    if not any(e.field for e in merged):
        raise ValueError("no labelled example to train the item model on")
    version = model_version(merged)
    train = augment(merged) if augment_copies else list(merged)
    train += [ItemExample(text=words, field=code, weight=0.5) for code, words in FIELD_LEXICON.items()]
    texts = [e.text for e in train]
    featurizer = Featurizer(ITEM_FEATURES).fit(texts)
    counts = featurizer.counts(texts)
    tfidf = featurizer.weigh(counts)
    weight = np.array([e.weight for e in train])

    def fit(name: str, labels: list, **kwargs) -> LinearHead:
        rows = np.array([i for i, label in enumerate(labels) if label], dtype=np.int64)
        if rows.size == 0:
            raise ValueError(f"no example carries a label for the {name} head")
        targets = [labels[i] for i in rows]
        return train_head(
            counts[rows], tfidf[rows], targets, sample_weight=weight[rows], **kwargs
        )

    labelled_mood = [e.mood for e in train]
    heads = {
        "field": fit("field", [e.field for e in train]),
        "fields": fit(
            "fields",
            [tuple({e.field, *e.secondary_fields}) if e.field else () for e in train],
            balanced=False,
        ),
        "kind": fit("kind", [e.kind for e in train]),
        "mood": fit("mood", labelled_mood),
        "valence": fit("valence", [MOOD_VALENCE.get(m or "") for m in labelled_mood]),
        "authority": fit(
            "authority",
            [(e.authority or NO_AUTHORITY) if e.kind else None for e in train],
        ),
    }
    return ItemModel(featurizer, heads, version)


_LOADED: dict[str, ItemModel] = {}
_LOCK = threading.Lock()


def default_model(cache_dir: str | Path, *, seed_path: str | Path = SEED_PATH) -> ItemModel:
    """The model of the seed corpus: loaded from `cache_dir/<version>/` when a model of the
    current corpus and engine is cached there, otherwise trained (seconds) and cached. Kept in
    memory per process after the first call."""
    examples = read_items(seed_path)
    version = model_version(examples)
    directory = Path(cache_dir) / version
    with _LOCK:
        model = _LOADED.get(str(directory))
        if model is not None:
            return model
        if (directory / "model.pkl").exists():
            model = ItemModel.load(directory)
        else:
            model = train_item_model(base=examples)
            model.save(directory)
        _LOADED[str(directory)] = model
        return model
