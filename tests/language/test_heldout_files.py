"""The independent held-out sets under bench/nlp/ and their annotators' files are well formed:
what `dantinh nlp heldout` reads joins by id, and every label is a code the engine knows.
(Nothing here runs a model on them: a look at a held-out set is a measurement, not a test.)"""

import json
import unicodedata
from pathlib import Path

import pytest

from dantinh.intake.defaults import AUTHORITIES, FIELDS, KINDS, MOODS
from dantinh.language.classify.corpus import MOOD_VALENCE

BENCH = Path(__file__).resolve().parents[2] / "bench" / "nlp"
SETS = sorted(p.parent for p in BENCH.glob("heldout*/items.jsonl"))
CODES = {
    "field": {code for code, *_ in FIELDS},
    "kind": {code for code, *_ in KINDS},
    "mood": {code for code, *_ in MOODS},
    "authority": {code for code, *_ in AUTHORITIES},
}


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _check_labels(row: dict) -> None:
    where = row["id"]
    if "field" in row:
        assert row["field"] in CODES["field"], where
        secondary = row.get("secondary_fields") or []
        assert set(secondary) <= CODES["field"], where
        assert row["field"] not in secondary and len(set(secondary)) == len(secondary), where
    if "kind" in row:
        assert row["kind"] in CODES["kind"], where
    if "mood" in row:
        assert row["mood"] is None or row["mood"] in CODES["mood"], where
        if "valence" in row:
            assert row["valence"] == MOOD_VALENCE.get(row["mood"] or "", "none"), where
    if row.get("authority") is not None:
        assert row["authority"] in CODES["authority"], where
        assert set(row.get("authorities_ok") or [row["authority"]]) <= CODES["authority"], where


def test_there_are_independent_sets():
    assert {p.name for p in SETS} >= {"heldout2", "heldout3"}


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_a_held_out_set_and_its_hands_join_by_id_with_known_codes(folder):
    items = _rows(folder / "items.jsonl")
    ids = [row["id"] for row in items]
    assert len(set(ids)) == len(ids)
    texts = [row["text"] for row in items]
    assert len(set(texts)) == len(texts)
    for row in items:
        assert row["text"].strip() and unicodedata.normalize("NFC", row["text"]) == row["text"]
        assert {"field", "kind", "mood"} <= set(row), row["id"]
        _check_labels(row)
    for hand in sorted(folder.glob("*annotator*.jsonl")):
        labelled = _rows(hand)
        their_ids = [row["id"] for row in labelled]
        assert len(set(their_ids)) == len(their_ids), hand.name
        assert set(their_ids) <= set(ids), hand.name
        for row in labelled:
            assert "text" not in row, hand.name  # labels only: the texts are the set's
            _check_labels(row)
