"""The `dantinh nlp` command, driven through call_command with stdin/stdout redirected."""

import csv
import gzip
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dantinh.language.classify import ItemModel, read_items


def _run(*args, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    call_command("nlp", *args, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _lines(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_predict(sample_path, tmp_path):
    stdin = "\n".join(
        [
            json.dumps({"id": 1, "text": "Rác ở chợ phường Lê Chân bốc mùi, dân bức xúc"}),
            "not json",
            json.dumps({"id": "b", "text": "Bà con phấn khởi vì trường mới khánh thành"}),
        ]
    )
    out, err = _run(
        "predict", "--model-dir", str(tmp_path), "--seed", str(sample_path), stdin=stdin
    )
    rows = _lines(out)
    assert [r["id"] for r in rows] == [1, "b"]
    first = rows[0]
    for key in (
        "field",
        "secondary_fields",
        "kind",
        "mood",
        "valence",
        "places",
        "authority",
        "model_version",
    ):
        assert key in first
    assert first["field"] == "moi_truong"
    assert first["places"] == ["11383"]
    assert rows[1]["valence"] == "positive"
    assert "2" in err  # the bad line is named


def test_group():
    stdin = "\n".join(
        json.dumps({"id": i, "text": t}, ensure_ascii=False)
        for i, t in [
            (10, "Đường liên thôn ở thôn 3 xuống cấp nghiêm trọng, dân phản ánh"),
            (11, "Giá xăng tăng"),
            (12, "dan phan anh duong lien thon o thon 3 xuong cap nghiem trong"),
        ]
    )
    out, _err = _run("group", stdin=stdin)
    assert _lines(out) == [
        {"id": 10, "group": 10},
        {"id": 11, "group": 11},
        {"id": 12, "group": 10},
    ]


def test_evaluate_on_csv_and_jsonl(sample_path, tmp_path):
    items = read_items(sample_path)
    train = tmp_path / "train.csv"
    train.write_text(
        "noi_dung,linh_vuc\n" + "".join(f'"{e.text}",{e.field}\n' for e in items[::2]),
        encoding="utf-8",
    )
    test = tmp_path / "test.jsonl"
    test.write_text(
        "".join(
            json.dumps({"noi_dung": e.text, "linh_vuc": e.field}, ensure_ascii=False) + "\n"
            for e in items[1::2]
        ),
        encoding="utf-8",
    )
    out, _err = _run(
        "evaluate",
        "--train",
        str(train),
        "--test",
        str(test),
        "--text-column",
        "noi_dung",
        "--label-column",
        "linh_vuc",
    )
    result = json.loads(out)
    for key in ("macro_f1", "weighted_f1", "accuracy", "per_class_f1", "docs_per_s", "train_s"):
        assert key in result
    with pytest.raises(CommandError):
        _run("evaluate", "--train", str(train), "--test", str(test), "--text-column", "x")


def _fake_suite(root, items):
    """A tiny suite in the public corpora's layout, made of our own sample sentences."""
    texts = [e.text for e in items]
    for split in ("train", "dev", "test"):
        folder = root / "uit-vsfc" / split
        folder.mkdir(parents=True)
        (folder / "sents.txt").write_text("\n".join(texts), encoding="utf-8")
        (folder / "sentiments.txt").write_text(
            "\n".join("0" if e.valence == "negative" else "2" for e in items), encoding="utf-8"
        )
        (folder / "topics.txt").write_text(
            "\n".join(str(len(e.field) % 4) for e in items), encoding="utf-8"
        )
    (root / "uit-victsd").mkdir()
    half = len(items) // 2
    for name, rows in (("train", items[:half]), ("valid", items[:half]), ("test", items[half:])):
        with open(root / "uit-victsd" / f"ViCTSD_{name}.csv", "w", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["", "Comment", "Constructiveness", "Toxicity"])
            for n, e in enumerate(rows):
                toxic = int(e.valence == "negative")
                writer.writerow([n, e.text, int(e.kind == "kien_nghi"), toxic])
    (root / "vntc").mkdir()
    for split in ("train", "test"):
        with gzip.open(root / "vntc" / f"{split}.jsonl.gz", "wt", encoding="utf-8") as handle:
            for e in items:
                handle.write(json.dumps({"label": e.field, "text": e.text}, ensure_ascii=False))
                handle.write("\n")


def test_bench_on_a_suite_layout(sample_path, tmp_path):
    _fake_suite(tmp_path, read_items(sample_path))
    out, _err = _run("bench", str(tmp_path), "--only", "vsfc-sentiment", "vntc", "--limit", "40")
    assert "| vsfc-sentiment | weighted_f1 |" in out
    assert "| vntc | accuracy |" in out
    out, _err = _run("bench", str(tmp_path), "--only", "vntc", "--json")
    assert _lines(out)[0]["task"] == "vntc"
    assert _lines(out)[0]["positive_f1"] is None  # not a binary task
    # Binary tasks also show the F1 of their positive class, the papers' usual figure.
    out, _err = _run("bench", str(tmp_path), "--only", "victsd-toxicity", "--json")
    result = _lines(out)[0]
    assert 0 < result["positive_f1"] <= 100 and result["positive_f1"] != result["macro_f1"]
    out, _err = _run("bench", str(tmp_path), "--only", "victsd-toxicity")
    assert f"| {result['positive_f1']:.2f} |" in out
    with pytest.raises(CommandError):
        _run("bench", str(tmp_path / "missing"))


def test_heldout_and_train(sample_path, tmp_path):
    out, _err = _run(
        "heldout",
        "--path",
        str(sample_path),
        "--seed",
        str(sample_path),
        "--model-dir",
        str(tmp_path),
        "--json",
    )
    report = json.loads(out)
    (column,) = report["columns"].values()
    assert column["n"] == 48
    assert column["field_macro_f1"] > 0.8  # measured on its own training data: a smoke test
    for key in ("valence_accuracy", "mood_accuracy", "authority_ok", "ece_field", "load_s"):
        assert key in column
    assert column["rss_mb"] > 0
    corrections = tmp_path / "corrections.jsonl"
    corrections.write_text(
        json.dumps({"text": "Cống thoát nước tắc", "field": "moi_truong"}, ensure_ascii=False),
        encoding="utf-8",
    )
    # on the small sample instead of the shipped seeds: the same command, trained in a second
    out, _err = _run(
        "train",
        "--corrections",
        str(corrections),
        "--seed",
        str(sample_path),
        "--out",
        str(tmp_path / "m"),
    )
    trained = json.loads(out)
    assert trained["corrections"] == 1
    assert (tmp_path / "m" / "model.pkl").exists()
    assert ItemModel.load(tmp_path / "m").version == trained["version"]


def _held_out_set(folder, sample_path):
    """A held-out set in heldout2's layout: items.jsonl with ids, and a second annotator who
    disagrees on the kind of the first two items."""
    folder.mkdir()
    rows = [json.loads(line) for line in sample_path.open(encoding="utf-8")][:10]
    for n, row in enumerate(rows):
        row["id"] = f"h-{n}"
    (folder / "items.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8"
    )
    second = [{k: v for k, v in r.items() if k != "text"} for r in rows[:4]]
    for row in second[:2]:
        row["kind"] = "vu_viec" if row["kind"] != "vu_viec" else "hoat_dong"
    (folder / "second_annotator.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in second), encoding="utf-8"
    )
    return folder / "items.jsonl"


def test_heldout_sets_side_by_side_with_the_second_annotator(sample_path, tmp_path):
    second_set = _held_out_set(tmp_path / "other", sample_path)
    args = ["--seed", str(sample_path), "--model-dir", str(tmp_path / "models")]
    out, _err = _run("heldout", "--path", str(sample_path), str(second_set), *args)
    header = out.splitlines()[1]
    assert header == (
        "| measure | items_sample, model | other, model | other, model on the 4 doubly "
        "labelled | other, model against the second annotator's 4 | other, second annotator "
        "on those 4 |"
    )
    assert "| kind, accuracy |" in out
    # The annotator's agreement is in the same table: 2 of 4 kinds agree.
    kind_row = next(line for line in out.splitlines() if line.startswith("| kind, accuracy |"))
    assert kind_row.endswith("| 0.500 |")
    # Beside it, the model measured against the annotator's own labels (not the set's).
    from dantinh.language.classify import default_model

    model = default_model(tmp_path / "models", seed_path=sample_path)
    rows = [json.loads(line) for line in second_set.open(encoding="utf-8")][:4]
    annotator = [json.loads(line) for line in second_set.with_name("second_annotator.jsonl").open()]
    kinds = [s.kind for s in model.predict([r["text"] for r in rows])]
    share = sum(k == a["kind"] for k, a in zip(kinds, annotator, strict=True)) / 4
    assert kind_row.split("|")[5].strip() == f"{share:.3f}"
    out, _err = _run("agreement", "--gold", str(second_set))
    assert "| kind, accuracy | 0.500 |" in out
    assert "| items | 4 |" in out
    with pytest.raises(CommandError):
        _run("heldout", "--path", str(tmp_path / "missing.jsonl"), *args)


def test_heldout_with_two_blind_hands_measures_each_and_their_agreement(sample_path, tmp_path):
    """Held-out 4's layout: two annotators labelled every text (fields, kind, mood; no body),
    one of them disagreeing with the writer on two kinds and with the other hand on one mood."""
    folder = tmp_path / "h4"
    items = _held_out_set(folder, sample_path)
    (folder / "second_annotator.jsonl").unlink()
    rows = [json.loads(line) for line in items.open(encoding="utf-8")]
    keys = ("id", "field", "secondary_fields", "kind", "mood")
    hand_a = [{k: r[k] for k in keys} for r in rows]
    hand_b = [dict(r) for r in hand_a]
    hand_a[0]["kind"] = hand_a[1]["kind"] = "vu_viec"  # the sample's first two are not
    hand_b[2]["mood"] = None  # the third has a mood
    for name, hand in (("annotator_a", hand_a), ("annotator_b", hand_b)):
        (folder / f"{name}.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in hand), encoding="utf-8"
        )
    args = ["--seed", str(sample_path), "--model-dir", str(tmp_path / "models"), "--json"]
    out, _err = _run("heldout", "--path", str(items), *args)
    columns = json.loads(out)["columns"]
    assert list(columns) == [
        "h4, model",
        "h4, model against annotator A's 10",
        "h4, annotator A on those 10",
        "h4, model against annotator B's 10",
        "h4, annotator B on those 10",
        "h4, annotator B against annotator A (10)",
    ]
    assert columns["h4, annotator A on those 10"]["kind_accuracy"] == 0.8
    assert columns["h4, annotator B on those 10"]["mood_accuracy"] == 0.9
    pair = columns["h4, annotator B against annotator A (10)"]
    assert pair["field_accuracy"] == 1.0
    assert pair["mood_accuracy"] == 0.9
    # Nobody named a competent body: no agreement on it is reported, for the hands or the model.
    for title in ("h4, annotator B against annotator A (10)", "h4, model against annotator A's 10"):
        assert not any("authority" in key for key in columns[title])
    assert "authority_ok" in columns["h4, model"]


def test_agreement_reads_a_hand_that_gave_only_fields_and_moods(sample_path, tmp_path):
    folder = tmp_path / "h"
    items = _held_out_set(folder, sample_path)
    rows = [json.loads(line) for line in items.open(encoding="utf-8")]
    third = [{"id": r["id"], "field": r["field"], "mood": None} for r in rows]
    (folder / "third_annotator.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in third), encoding="utf-8"
    )
    out, _err = _run(
        "agreement",
        "--gold",
        str(items),
        "--second",
        str(folder / "third_annotator.jsonl"),
        "--json",
    )
    report = json.loads(out)
    assert report["n"] == 10 and report["field_accuracy"] == 1.0
    assert report["mood_accuracy"] == sum(not r["mood"] for r in rows) / 10
    assert "kind_accuracy" not in report and "authority_ok" not in report
