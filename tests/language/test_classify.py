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


@pytest.mark.parametrize(
    "config",
    [
        FeatureConfig(word_n=2, fold_n=2, cues=True),  # the item model's
        FeatureConfig(word_n=4, fold_n=3, char_min=2, char_max=3),
    ],
)
def test_featurizer_counts_every_feature_that_analyze_finds(sample_path, config):
    """The counts (n-grams numbered from token ids, cues looked for where one may start)
    are those of the features `analyze` lists, text by text, across batches."""
    from collections import Counter

    from dantinh.language.classify.features import analyze

    texts = [e.text for e in read_items(sample_path)][:300]
    texts += ["", "a", "Nguoi dan ban khoan ve den bu giai phong mat bang", "ĐƯỜNG ngõ 5,5 !!"]
    featurizer = Featurizer(config).fit(texts[::2])
    vocabulary = featurizer.vocabulary
    for batch in (texts[:150], texts, texts[::-1]):  # the caches filled, then reused
        counts = featurizer.counts(batch).toarray()
        for row, text in zip(counts, batch, strict=True):
            expected = Counter(vocabulary[f] for f in analyze(text, config) if f in vocabulary)
            expected.pop(0, None)
            assert {int(i): int(row[i]) for i in np.flatnonzero(row)} == dict(expected)


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


FACTUAL = [
    "Hội Phụ nữ xã tổ chức ra quân thu gom rác thải nhựa tại 12 thôn, 300 hội viên tham gia.",
    "Đoàn Thanh niên phường ra quân dọn vệ sinh kênh mương, thu gom 5 tấn rác.",
    "Xã tổ chức hội nghị tuyên truyền pháp luật về đất đai cho 200 hộ dân.",
    "Chi hội nông dân thôn Đông ra quân nạo vét kênh nội đồng, 80 hội viên tham gia.",
]


def test_a_text_that_voices_no_mood_gets_none(sample_path):
    """An example with a kind and no mood teaches "no mood"; its valence is none too."""
    base = read_items(sample_path) + [
        ItemExample(text, field="moi_truong", kind="hoat_dong") for text in FACTUAL
    ]
    model = train_item_model(base=base)
    s = model.suggest("Đoàn viên thanh niên xã ra quân thu gom rác thải, 150 người tham gia.")
    assert s.kind == "hoat_dong"
    assert s.mood is None
    assert s.valence is None
    angry = model.suggest("Rác thải ở chợ bốc mùi hôi nhiều ngày, dân rất bức xúc")
    assert angry.mood == "buc_xuc"
    assert angry.valence == "negative"


def test_suggestions_carry_the_runner_up_with_calibrated_probabilities(sample_model):
    s = sample_model.suggest("Giá bồi thường đất nông nghiệp thấp, dân đề nghị xem xét lại")
    for head in ("field", "kind", "mood", "authority"):
        (best, p1), (second, p2) = s.alternatives[head]
        assert best != second
        assert 1 >= p1 >= p2 >= 0
        assert p1 + p2 <= 1 + 1e-6
        assert s.confidence(head) == p1
    assert s.alternatives["field"][0][0] == s.field


def test_temperature_sharpens_without_changing_the_answer(sample_path):
    from dataclasses import replace

    from dantinh.language.classify.item import DEFAULT_TRAINING

    base = read_items(sample_path)
    flat = train_item_model(base=base, training=replace(DEFAULT_TRAINING, temperatures=()))
    sharp = train_item_model(
        base=base, training=replace(DEFAULT_TRAINING, temperatures=(("field", 0.5),))
    )
    texts = ["Đường làng lún sụt", "giá bồi thường đất thấp", "ko có thuốc ở trạm y tế"]
    for a, b in zip(flat.predict(texts), sharp.predict(texts), strict=True):
        assert a.field == b.field
        assert b.field_score > a.field_score
        assert a.kind_score == b.kind_score  # only the field head was given a temperature


def test_cue_families_with_and_without_diacritics():
    from dantinh.language.classify.cues import CueMatcher
    from dantinh.language.normalize import fold, normalized_tokens

    matcher = CueMatcher()

    def families(text):
        tokens = normalized_tokens(text)
        return matcher.families(tokens, [fold(t) for t in tokens])

    assert "written" in families("Bà Lan có đơn khiếu nại việc đo đạc sai")
    assert "written" in families("ba Lan co don khieu nai viec do dac sai")
    # "đơn" of "đơn vị", "hóa đơn" is no letter
    assert "written" not in families("Sau khi sáp nhập đơn vị hành chính, hóa đơn tiền điện tăng")
    found = families("Đồng bào Mông bản Pá Hu xin làm đường liên thôn")
    assert {"ethnic", "infra"} <= found
    tokens = normalized_tokens("đồng bào Mông xin làm con đường")
    features = matcher.features(tokens, [fold(t) for t in tokens])
    assert "⟨ethnic×infra⟩" in features
    assert "collective" in families("Phụ huynh không cho con đi học để phản đối việc sáp nhập")


def test_a_model_saved_by_the_previous_engine_still_loads(sample_model, tmp_path):
    """A deployment's retrained model of the earlier format keeps serving after an upgrade."""
    import pickle

    directory = sample_model.save(tmp_path / "old")
    state = pickle.loads((directory / "model.pkl").read_bytes())
    state["format"] = 1
    for key in ("temperatures", "authority_prior", "authority_field_weight"):
        state.pop(key)
    (directory / "model.pkl").write_bytes(pickle.dumps(state))
    old = ItemModel.load(directory)
    assert old.temperatures == {}
    assert old.authority_prior is None
    s = old.suggest("Rác thải ở chợ bốc mùi hôi nhiều ngày, dân rất bức xúc")
    assert s.field == "moi_truong"
    state["format"] = 99
    (directory / "model.pkl").write_bytes(pickle.dumps(state))
    with pytest.raises(ValueError):
        ItemModel.load(directory)
