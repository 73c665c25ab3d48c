"""The held-out measures: mood with "no mood" as a class, acceptable bodies, calibration error,
and the second annotator measured the same way as the model."""

import json

import numpy as np
import pytest

from dantinh.language import evaluation
from dantinh.language.evaluation import Labels, expected_calibration_error, measure


def _gold(**kw):
    base = {"field": "y_te", "kind": "tam_trang", "mood": "lo_lang"}
    return Labels(**{**base, **kw})


def test_mood_counts_no_mood_as_a_class():
    gold = [_gold(kind="hoat_dong", mood=None), _gold(mood="buc_xuc")]
    right = measure(gold, [_gold(kind="hoat_dong", mood=None), _gold(mood="buc_xuc")])
    wrong = measure(gold, [_gold(kind="hoat_dong", mood="vui_mung"), _gold(mood="buc_xuc")])
    assert right["mood_accuracy"] == 1.0
    # A mood given to a text that voices none is an error now...
    assert wrong["mood_accuracy"] == 0.5
    # ... which the earlier measure did not see: it skipped items whose gold mood is null.
    assert wrong["mood_accuracy_moods_only"] == 1.0
    # Valence follows: "none" is a class too.
    assert wrong["valence_accuracy"] == 0.5
    assert wrong["valence_accuracy_moods_only"] == 1.0


def test_worry_wishes_and_hesitation_read_as_indignation_and_moods_given_to_none():
    gold = [
        _gold(mood="lo_lang"),
        _gold(mood="mong_muon"),
        _gold(mood="ban_khoan"),
        _gold(mood="buc_xuc"),
        _gold(kind="kien_nghi", mood=None),
        _gold(kind="kien_nghi", mood=None),
    ]
    pred = [
        _gold(mood="buc_xuc"),
        _gold(mood="mong_muon"),
        _gold(mood="buc_xuc"),
        _gold(mood="buc_xuc"),
        _gold(kind="kien_nghi", mood="mong_muon"),
        _gold(kind="kien_nghi", mood=None),
    ]
    report = measure(gold, pred)
    assert report["soft_as_indignation"] == round(2 / 3, 4)
    assert report["no_mood_given_one"] == 0.5
    assert report["mood_confusion"]["lo_lang→buc_xuc"] == 1
    assert report["mood_confusion"]["none→mong_muon"] == 1
    assert report["mood_confusion"]["none→none"] == 1


def test_authority_exact_and_among_the_acceptable_bodies():
    gold = [
        _gold(
            kind="khieu_nai_to_cao", authority="ubnd_xa", authorities_ok=("ubnd_xa", "thanh_tra")
        ),
        _gold(kind="kien_nghi", authority="cong_an"),  # a set without authorities_ok
        _gold(kind="tam_trang", mood="vui_mung"),  # nobody has to act: not counted
    ]
    pred = [
        _gold(kind="khieu_nai_to_cao", authority="thanh_tra", authority_candidate="thanh_tra"),
        _gold(kind="kien_nghi", authority="cong_an", authority_candidate="cong_an"),
        _gold(kind="tam_trang", mood="vui_mung", authority_candidate="so_y_te"),
    ]
    report = measure(gold, pred)
    assert report["n_authority"] == 2
    assert report["authority_exact"] == 0.5
    assert report["authority_ok"] == 1.0
    # Over every item, "nobody" is an answer too (the third item: nobody, rightly).
    assert report["authority_all_ok"] == 1.0
    assert report["authority_all_exact"] == pytest.approx(2 / 3, abs=1e-4)


def test_field_among_the_labels_primary_and_secondary_fields():
    gold = [_gold(field="giao_thong_ha_tang", secondary_fields=("dan_toc",))] * 2
    pred = [_gold(field="dan_toc"), _gold(field="y_te")]
    report = measure(gold, pred)
    assert report["field_accuracy"] == 0.0
    assert report["field_in_labels"] == 0.5


def test_expected_calibration_error():
    # Ten answers at 0.8 of which 8 are right: perfectly calibrated.
    assert expected_calibration_error([0.8] * 10, [True] * 8 + [False] * 2) == pytest.approx(0)
    # Ten answers at 0.95 of which 5 are right: off by 0.45.
    assert expected_calibration_error([0.95] * 10, [True] * 5 + [False] * 5) == pytest.approx(0.45)
    # Two bins, each off by 0.1, weighted by their sizes.
    confidence = [0.35] * 4 + [0.75] * 6
    correct = [True] * 1 + [False] * 3 + [True] * 5 + [False] * 1
    assert expected_calibration_error(confidence, correct) == pytest.approx(
        0.4 * 0.1 + 0.6 * abs(5 / 6 - 0.75)
    )


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")


def test_agreement_joins_the_second_annotator_by_id(tmp_path):
    gold = [
        {"id": "a", "text": "x", "field": "y_te", "kind": "tam_trang", "mood": "lo_lang"},
        {"id": "b", "text": "y", "field": "dat_dai", "kind": "hoat_dong", "mood": None},
        {"id": "c", "text": "z", "field": "moi_truong", "kind": "kien_nghi", "mood": "buc_xuc"},
    ]
    second = [
        {"id": "b", "field": "dat_dai", "kind": "hoat_dong", "mood": "phan_khoi"},
        {"id": "a", "field": "giao_duc", "kind": "tam_trang", "mood": "lo_lang"},
        {"id": "zz", "field": "khac", "kind": "tam_trang", "mood": "lo_lang"},  # not in gold
    ]
    _write(tmp_path / "items.jsonl", gold)
    _write(tmp_path / "second.jsonl", second)
    report = evaluation.agreement(tmp_path / "items.jsonl", tmp_path / "second.jsonl")
    assert report["n"] == 2
    assert report["field_accuracy"] == 0.5
    assert report["kind_accuracy"] == 1.0
    assert report["mood_accuracy"] == 0.5
    assert sorted(report["ids"]) == ["a", "b"]


def test_table_puts_each_report_in_a_column():
    left = measure([_gold()], [_gold()])
    right = measure([_gold()], [_gold(kind="kien_nghi")])
    table = evaluation.format_table([("model", left), ("ceiling", right)])
    assert table.splitlines()[0] == "| measure | model | ceiling |"
    assert "| kind, accuracy | 1.000 | 0.000 |" in table


def test_model_report_measures_a_model_on_a_file(sample_model, sample_path):
    report = evaluation.model_report(sample_model, sample_path, subset=["1", "2", "3"])
    assert report["n"] == 48
    assert report["model_version"] == sample_model.version
    assert report["subset"]["n"] == 3
    assert report["docs_per_s"] > 0
    for head in ("field", "kind", "mood", "valence", "authority"):
        assert 0 <= report[f"ece_{head}"] <= 1
    assert np.isclose(
        report["mood_accuracy"],
        np.mean(
            [
                (s.mood or "none") == (e["mood"] or "none")
                for s, e in zip(
                    sample_model.predict(
                        [json.loads(line)["text"] for line in sample_path.open(encoding="utf-8")]
                    ),
                    [json.loads(line) for line in sample_path.open(encoding="utf-8")],
                    strict=True,
                )
            ]
        ),
        atol=1e-4,
    )


def test_two_choice_figures_count_the_runner_up_below_the_threshold():
    gold = [_gold(field="y_te"), _gold(field="giao_duc"), _gold(field="dat_dai")]

    def pred(field, p, runner_up):
        return _gold(field=field, scores={"field": p}, runners_up={"field": runner_up})

    report = measure(
        gold,
        [
            pred("y_te", 0.9, "giao_duc"),  # sure and right
            pred("y_te", 0.4, "giao_duc"),  # unsure, the runner-up is right
            pred("y_te", 0.3, "moi_truong"),  # unsure, both wrong
        ],
    )
    assert report["unsure_share_field"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["accuracy_sure_field"] == 1.0
    assert report["accuracy_unsure_field"] == 0.0
    assert report["top_two_unsure_field"] == 0.5
