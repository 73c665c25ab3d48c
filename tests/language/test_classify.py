import gzip
import json

import numpy as np
import pytest

from dantinh.language.classify import (
    MOOD_VALENCE,
    ItemExample,
    ItemModel,
    PipelineConfig,
    TextClassifier,
    default_model,
    evaluate,
    read_items,
    read_labelled,
    train_item_model,
)
from dantinh.language.classify.corpus import augment, contract
from dantinh.language.classify.features import FeatureConfig, Featurizer
from dantinh.language.classify.item import AUTHORITY_KINDS, model_version
from dantinh.language.normalize import strip_diacritics


def _texts_labels(path):
    items = read_items(path)
    return [e.text for e in items], [e.field for e in items]


def test_featurizer_maps_unaccented_text_onto_folded_features():
    featurizer = Featurizer(FeatureConfig(word_n=2, fold_n=2)).fit(["Đường xuống cấp"])
    accented = featurizer.transform(["đường xuống cấp"])
    bare = featurizer.transform(["duong xuong cap"])
    assert accented.nnz > bare.nnz > 0
    assert (accented.multiply(bare)).sum() > 0  # they share the folded features
    assert featurizer.transform(["hoàn toàn mới"]).nnz == 0


def test_featurizer_counts_are_the_same_in_batches_and_one_by_one():
    texts = ["Đường xuống cấp", "ô nhiễm môi trường", "đường ô nhiễm"]
    featurizer = Featurizer(FeatureConfig(char_min=2, char_max=3)).fit(texts)
    batch = featurizer.counts(texts).toarray()
    single = np.vstack([featurizer.counts([t]).toarray() for t in reversed(texts)])[::-1]
    assert np.array_equal(batch, single)


@pytest.mark.parametrize("heads", [(("nblr", 4.0),), (("svm", 0.5),), (("lr", 4.0), ("nblr", 4.0))])
def test_text_classifier_trains_predicts_and_round_trips(sample_path, tmp_path, heads):
    texts, labels = _texts_labels(sample_path)
    model = TextClassifier(PipelineConfig(heads=heads)).fit(texts, labels)
    predicted = model.predict(texts)
    assert np.mean([p == y for p, y in zip(predicted, labels, strict=True)]) > 0.9
    assert model.predict(["Rác thải bốc mùi hôi ở chợ"]) == ["moi_truong"]
    model.save(tmp_path / "m.pkl")
    loaded = TextClassifier.load(tmp_path / "m.pkl")
    assert np.allclose(loaded.predict_proba(texts), model.predict_proba(texts))
    assert model.predict([]) == []


def test_evaluate_reports_the_metrics(sample_path):
    texts, labels = _texts_labels(sample_path)
    result = evaluate(texts[::2], labels[::2], texts[1::2], labels[1::2])
    for key in ("macro_f1", "weighted_f1", "accuracy", "per_class_f1", "docs_per_s", "train_s"):
        assert key in result
    assert set(result["per_class_f1"]) >= set(labels[1::2])
    # The figures are those of the model's own predictions, computed independently.
    from sklearn.metrics import accuracy_score, f1_score

    result = evaluate(texts[::2], labels[::2], texts[1::2], labels[1::2], keep_model=True)
    predicted = result["model"].predict(texts[1::2])
    truth = labels[1::2]
    assert result["macro_f1"] == pytest.approx(
        100 * f1_score(truth, predicted, average="macro"), abs=0.01
    )
    assert result["accuracy"] == pytest.approx(100 * accuracy_score(truth, predicted), abs=0.01)
    assert result["weighted_f1"] == pytest.approx(
        100 * f1_score(truth, predicted, average="weighted"), abs=0.01
    )


def test_read_labelled_csv_jsonl_and_gzip(tmp_path):
    (tmp_path / "a.csv").write_text("câu,nhãn\nđường hỏng,gt\n,bỏ\nrác,mt\n", encoding="utf-8")
    assert read_labelled(tmp_path / "a.csv", "câu", "nhãn") == (["đường hỏng", "rác"], ["gt", "mt"])
    rows = [{"t": "đường hỏng", "y": 1}, {"t": "rác", "y": 0}]
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    (tmp_path / "b.jsonl").write_text(data, encoding="utf-8")
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(data)
    assert read_labelled(tmp_path / "b.jsonl", "t", "y") == (["đường hỏng", "rác"], ["1", "0"])
    assert read_labelled(tmp_path / "c.jsonl.gz", "t", "y") == (["đường hỏng", "rác"], ["1", "0"])
    with pytest.raises(KeyError):
        read_labelled(tmp_path / "b.jsonl", "text", "label")


def test_augment_adds_unaccented_and_abbreviated_copies():
    example = ItemExample(
        "Người dân không được hỗ trợ, đề nghị UBND xã xem xét", field="an_sinh_xa_hoi"
    )
    copies = augment([example])
    texts = [c.text for c in copies]
    assert texts[0] == example.text
    assert strip_diacritics(example.text) in texts
    assert any("ko" in t and "dc" in t for t in texts)
    assert all(c.weight < 1 for c in copies[1:])
    assert contract("ủy ban nhân dân xã giữ gìn") == "ubnd xã giữ gìn"


def test_item_model_suggests_every_head(sample_model):
    s = sample_model.suggest(
        "Rác thải ở chợ bốc mùi hôi nhiều ngày, dân rất bức xúc, đề nghị xã thu gom"
    )
    assert s.field == "moi_truong"
    assert s.mood == "buc_xuc"
    assert s.valence == "negative"
    assert s.kind == "kien_nghi"
    assert s.authority is not None
    assert s.model_version == sample_model.version
    happy = sample_model.suggest("Bà con rất phấn khởi, vui mừng vì trường học mới khánh thành")
    assert happy.valence == "positive"
    assert happy.field == "giao_duc"
    assert 0 <= happy.field_score <= 1


def test_item_model_handles_text_without_diacritics(sample_model):
    s = sample_model.suggest("rac thai o cho boc mui hoi, dan buc xuc")
    assert s.field == "moi_truong"
    assert s.valence == "negative"


def test_authority_only_for_kinds_that_need_one(sample_model):
    for s in sample_model.predict(["Dân vui mừng", "Đề nghị công an xử lý đua xe", ""]):
        assert (s.authority is None) == (s.kind not in AUTHORITY_KINDS)
        assert s.authority_candidate


def test_item_model_save_load_round_trip(sample_model, tmp_path):
    directory = sample_model.save(tmp_path / "model")
    assert (directory / "meta.json").exists()
    loaded = ItemModel.load(directory)
    texts = ["Đường làng lún sụt", "giá bồi thường đất thấp", "ko có thuốc ở trạm y tế"]
    assert loaded.predict(texts) == sample_model.predict(texts)
    assert loaded.version == sample_model.version


def test_corrections_take_precedence(sample_path):
    base = read_items(sample_path)
    text = "Cầu tạm bắc qua kênh đã mục, dân lo lắng khi học sinh đi qua mỗi sáng."
    before = train_item_model(base=base)
    correction = {"text": text, "field": "giao_duc", "kind": "tam_trang", "mood": "lo_lang"}
    after = train_item_model([correction], base=base)
    assert before.suggest(text).field == "giao_thong_ha_tang"
    assert after.suggest(text).field == "giao_duc"
    assert after.version != before.version


def test_train_without_labels_fails():
    with pytest.raises(ValueError):
        train_item_model([], base=None)


def test_default_model_trains_once_then_loads_from_cache(sample_path, tmp_path):
    first = default_model(tmp_path, seed_path=sample_path)
    assert (tmp_path / first.version / "model.pkl").exists()
    assert first.version == model_version(read_items(sample_path))
    assert default_model(tmp_path, seed_path=sample_path) is first


def test_mood_valence_matches_the_product_defaults():
    from dantinh.intake.defaults import MOODS

    assert MOOD_VALENCE == {code: valence for code, _name, valence in MOODS}


def test_publish_makes_a_retrained_model_current(sample_path, sample_model, tmp_path):
    from dantinh.language.classify import current_model, publish

    base = default_model(tmp_path, seed_path=sample_path)
    assert current_model(tmp_path, seed_path=sample_path) is base
    retrained = train_item_model(
        [{"text": "Cống thoát nước tắc", "field": "moi_truong"}], base=read_items(sample_path)
    )
    publish(retrained, tmp_path)
    assert current_model(tmp_path, seed_path=sample_path).version == retrained.version
