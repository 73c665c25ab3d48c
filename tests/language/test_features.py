"""A text's features computed where it is written: the engine says the same from them."""

import json

from dantinh.language.dedup import group
from dantinh.language.features import analyse, forget_all, known_text, remember
from dantinh.language.summarize import key_phrases, summarize
from tests.language.conftest import SAMPLE

# Texts whose whole-text and per-sentence tokens differ, abbreviations, emoji, no words at all.
ODD = [
    "Cử tri phản ánh ở p. Lê Chân nước ngập. UBND p. Lê Chân chưa xử lý!!! 😡",
    "TP. Hải Phòng: bà con ko đc hỗ trợ sau bão số 3; đề nghị xem xét.",
    "...",
    "",
    "Đường ngõ 12 ngập sau mưa\nĐường ngõ 12 ngập sau mưa",
]


def _texts() -> list[str]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines] + ODD


def _what_reports_use(texts: list[str]):
    return (
        key_phrases(texts, top=30),
        summarize(texts, max_sentences=5),
        group(list(enumerate(texts))),
    )


def test_key_phrases_summaries_and_near_duplicates_are_the_same_from_stored_features():
    texts = _texts()
    forget_all()
    computed = _what_reports_use(texts)
    stored = [json.loads(json.dumps(analyse(t), ensure_ascii=False)) for t in texts]
    forget_all()
    for text, data in zip(texts, stored, strict=True):
        remember(text, data)
    assert all(known_text(t) for t in texts)
    assert _what_reports_use(texts) == computed
    forget_all()


def test_unreadable_features_are_computed_again():
    texts = _texts()
    forget_all()
    computed = _what_reports_use(texts)
    forget_all()
    for text in texts:
        remember(text, {"s": 3, "t": ["x"], "w": None, "b": "not base64!"})
    assert _what_reports_use(texts) == computed
    forget_all()
