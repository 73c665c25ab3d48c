"""Personal identifiers in free text: found (for the entry form's warning) and masked (for
exports and reports), without taking places, groups or plain figures for persons."""

import json
from pathlib import Path

import pytest

from dantinh.language import pii

DATA = Path(__file__).resolve().parents[2] / "dantinh" / "language" / "data"


@pytest.mark.parametrize(
    ("text", "kinds", "masked"),
    [
        (
            "Bà Trần Thị Mai, SĐT 0912 345 678, ở số 12 ngõ 45 Lê Lợi phản ánh đường hỏng",
            ["name", "phone", "address"],
            "Bà [họ tên], SĐT [số điện thoại], ở [địa chỉ] phản ánh đường hỏng",
        ),
        (
            "ông Nguyễn Văn Hòa (CCCD 031190001234) khiếu nại",
            ["name", "id_number"],
            "ông [họ tên] (CCCD [số định danh]) khiếu nại",
        ),
        ("Liên hệ anh Hùng: hung.nv@gmail.com, +84 98 765 4321", ["name", "email", "phone"], None),
        (
            "Ông Nguyễn Văn A nói giá phân bón tăng 15%",
            ["name"],
            "Ông [họ tên] nói giá phân bón tăng 15%",
        ),
        ("CMND số 031190001 của người khiếu nại", ["id_number"], None),
    ],
)
def test_identifiers_are_found_and_masked(text, kinds, masked):
    assert sorted(f.kind for f in pii.find(text)) == sorted(kinds)
    if masked:
        assert pii.mask(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "Người dân đường Bà Triệu phản ánh ngập úng; chị em phụ nữ phấn khởi",
        "Nhân dân tổ 1 bức xúc vì giải phóng mặt bằng chậm, khoảng 120 hộ, năm 2026",
        "UBND xã họp với bà con thôn Đông về dự án; Bác Hồ",
        "Tổ dân phố số 2 Lê Lợi họp bàn; karaoke ở ngõ 120 hát khuya",
        "Theo Nghị định số 356/2025/NĐ-CP, giá 1.250.000 đồng, 12 hộ, 031 người",
        "Cô giáo trường Lê Lợi, bác sĩ Trạm y tế xã, đường Ông Ích Khiêm",
    ],
)
def test_places_groups_and_figures_are_not_persons(text):
    assert pii.find(text) == []
    assert pii.mask(text) == text


def test_the_warning_names_what_was_found():
    assert pii.warning("Không có gì") == ""
    text = pii.warning("bà Trần Thị Mai 0912345678")
    assert "số điện thoại" in text and "tên" in text


def test_on_the_seed_corpora_only_a_few_items_are_flagged():
    texts = [
        json.loads(line)["text"]
        for name in (
            "seed_items.jsonl",
            "seed2_items.jsonl",
            "seed3_items.jsonl",
            "seed4_items.jsonl",
        )
        for line in (DATA / name).open(encoding="utf-8")
    ]
    flagged = [t for t in texts if pii.find(t)]
    # the seeds do name people now and then ("Ông Phạm Văn Tình, trú thôn…"): about 4%
    assert 0 < len(flagged) < 0.06 * len(texts)
