"""The shipped seed corpora follow the format of dantinh/language/data/README.md."""

import json
import unicodedata

import pytest

from dantinh.intake.defaults import AUTHORITIES, FIELDS, KINDS, MOODS
from dantinh.language.classify.corpus import (
    SEED2_PATH,
    SEED3_PATH,
    SEED4_PATH,
    SEED5_PATH,
    SEED6_PATH,
    SEED7_PATH,
    SEED8_PATH,
    SEED_PATH,
    WRITER_SEED_PATHS,
    read_seed,
)
from dantinh.language.classify.item import AUTHORITY_KINDS

KEYS = ["text", "field", "secondary_fields", "kind", "mood", "authority", "style"]
STYLES = {"formal", "terse", "abbrev", "nodiacritics", "social", "quote"}


def _rows(path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.mark.parametrize("path", WRITER_SEED_PATHS, ids=lambda p: p.name)
def test_seed_lines_are_valid_nfc_json_with_known_codes(path):
    fields = {code for code, *_ in FIELDS}
    kinds = {code for code, *_ in KINDS}
    moods = {code for code, *_ in MOODS}
    authorities = {code for code, *_ in AUTHORITIES}
    rows = _rows(path)
    assert len(rows) > 800
    for row in rows:
        text = row["text"]
        assert list(row) == KEYS, text
        assert unicodedata.normalize("NFC", text) == text, text
        assert 7 <= len(text.split()) <= 60, text
        assert row["field"] in fields, text
        assert row["field"] not in row["secondary_fields"], text
        assert len(set(row["secondary_fields"])) == len(row["secondary_fields"]), text
        assert set(row["secondary_fields"]) <= fields, text
        assert row["kind"] in kinds, text
        assert row["mood"] is None or row["mood"] in moods, text
        # A mood or opinion always voices a mood; other kinds may voice none.
        if row["kind"] == "tam_trang":
            assert row["mood"] is not None, text
        assert row["style"] in STYLES, text
        # An authority is named exactly when someone has to act on the item.
        if row["kind"] in AUTHORITY_KINDS:
            assert row["authority"] in authorities, text
        else:
            assert row["authority"] is None, text
        if row["style"] == "nodiacritics":
            assert text.isascii(), text
    texts = [row["text"] for row in rows]
    assert len(set(texts)) == len(texts)
    assert {row["field"] for row in rows} == fields


def test_the_seeds_share_no_text_and_the_default_training_reads_all_eight():
    first = {row["text"] for row in _rows(SEED_PATH)}
    second = {row["text"] for row in _rows(SEED2_PATH)}
    third = {row["text"] for row in _rows(SEED3_PATH)}
    fourth = {row["text"] for row in _rows(SEED4_PATH)}
    assert len(first) == 1836
    assert len(second) == 1485
    assert len(third) == 1238
    assert not first & second and not first & third and not second & third
    assert not fourth & (first | second | third)
    fifth = {row["text"] for row in _rows(SEED5_PATH)}
    sixth = {row["text"] for row in _rows(SEED6_PATH)}
    assert not fifth & (first | second | third | fourth)
    assert not sixth & (first | second | third | fourth | fifth)
    seventh = {row["text"] for row in _rows(SEED7_PATH)}
    eighth = {row["text"] for row in _rows(SEED8_PATH)}
    assert not seventh & (first | second | third | fourth | fifth | sixth)
    assert not eighth & (first | second | third | fourth | fifth | sixth | seventh)
    six = first | second | third | fourth | fifth | sixth
    assert {e.text for e in read_seed()} == six | seventh | eighth
