"""Moods only where voiced (issue 12): the guide's feeling words, the seeds labelled by them,
and the shipped model that learns from those seeds."""

import json

import pytest
from django.conf import settings

from bench import moods as relabel
from dantinh.language.classify import default_model
from dantinh.language.classify.corpus import WRITER_SEED_PATHS
from dantinh.language.moods import voiced_moods

PLAIN_REQUEST = "Cử tri thôn Đông đề nghị xã nạo vét mương thoát nước dọc đường liên thôn."
WORRY = "Bà con lo lắng nước mặn vào sớm, lúa Đông Xuân có thể mất trắng."
WISH = "Bà con mong muốn sớm có cầu bê tông thay cầu tạm qua suối."


@pytest.mark.parametrize(
    ("text", "voiced"),
    [
        (PLAIN_REQUEST, set()),
        ("Đơn của 12 hộ khiếu nại việc chậm chi trả tiền bồi thường đất.", set()),
        (WORRY, {"lo_lang"}),
        (WISH, {"mong_muon"}),
        ("Dân rất bức xúc vì rác tồn đọng nhiều ngày.", {"buc_xuc"}),
        ("cống tắc mấy tháng, báo xã mãi chưa thấy làm", {"buc_xuc"}),
        ("Phụ huynh băn khoăn về khoản thu đầu năm.", {"ban_khoan"}),
        # a feeling word in another sense voices nothing
        ("Hội Phụ nữ chăm lo cho hộ nghèo, trao 20 suất quà.", set()),
        ("Đồng bào Dao trồng dược liệu dưới tán rừng.", set()),
        ("Cầu xuống cấp, lan can gãy, đề nghị sửa chữa.", set()),
        # without diacritics only phrases of two syllables count ("Mong" is the Mông people)
        ("Nguoi Mong o ban Pa Co de nghi lam duong", set()),
        ("ba con lo lang vi lu ve som", {"lo_lang"}),
    ],
)
def test_voiced_moods_reads_the_feeling_words(text, voiced):
    assert voiced_moods(text) == voiced


def test_every_seed_line_follows_the_rule():
    """Only an opinion, or a line whose text voices a feeling, carries a mood (or the line's
    reading is recorded in mood_overrides.jsonl): `python -m bench.moods --check`."""
    overrides = relabel.read_overrides()
    for path in WRITER_SEED_PATHS:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            assert relabel.ruled_mood(row, overrides) == row["mood"], row["text"]
            # a line voicing another mood than its own was read (its reading is an override)
            assert not relabel.unread_mismatch(row, overrides), row["text"]


def test_the_rule_keeps_an_opinion_and_drops_an_unvoiced_request():
    opinion = {
        "text": "Giá đất đền bù thấp quá, sống sao đây",
        "kind": "tam_trang",
        "mood": "buc_xuc",
    }
    request = {"text": PLAIN_REQUEST, "kind": "kien_nghi", "mood": "mong_muon"}
    voiced = {"text": WORRY, "kind": "kien_nghi", "mood": "lo_lang"}
    assert relabel.ruled_mood(opinion, {}) == "buc_xuc"
    assert relabel.ruled_mood(request, {}) is None
    assert relabel.ruled_mood(voiced, {}) == "lo_lang"
    assert relabel.ruled_mood(request, {PLAIN_REQUEST: "mong_muon"}) == "mong_muon"


def test_a_mood_other_than_the_voiced_one_needs_a_reading():
    request = {"text": "Đề nghị lắp đèn ở ngã ba, phụ huynh rất lo.", "kind": "kien_nghi"}
    assert relabel.unread_mismatch({**request, "mood": "mong_muon"}, {})
    assert not relabel.unread_mismatch({**request, "mood": "lo_lang"}, {})
    assert not relabel.unread_mismatch({**request, "mood": "mong_muon"}, {request["text"]: None})
    # an opinion keeps its writer's reading; a line voicing nothing is the rule's business
    assert not relabel.unread_mismatch({**request, "kind": "tam_trang", "mood": "buc_xuc"}, {})
    assert not relabel.unread_mismatch(
        {"text": PLAIN_REQUEST, "kind": "kien_nghi", "mood": None}, {}
    )


@pytest.fixture(scope="module")
def shipped_model():
    return default_model(settings.DANTINH_MODEL_DIR)


def test_the_shipped_model_gives_a_plain_request_no_mood(shipped_model):
    for text in (
        PLAIN_REQUEST,
        "Đề nghị công ty điện lực thay cột điện nghiêng ở đầu ngõ 7.",
        "Người dân tổ 3 phản ánh đèn chiếu sáng hỏng, đề nghị phường sửa.",
    ):
        s = shipped_model.suggest(text)
        assert s.mood is None, (text, s.alternatives["mood"])
        assert s.valence is None


def test_the_shipped_model_reads_worry_and_wishes(shipped_model):
    assert shipped_model.suggest(WORRY).mood == "lo_lang"
    assert shipped_model.suggest(WISH).mood == "mong_muon"
    assert shipped_model.suggest("Dân bức xúc vì cống tắc, báo mãi không ai xử lý").mood == (
        "buc_xuc"
    )
