"""Excerpts in reports read as written: whole sentences, never a word cut in two."""

import pytest

from dantinh.language.excerpt import excerpt

TEXT = (
    "Công nhân Công ty may Hòa Bình phản ánh doanh nghiệp chậm đóng bảo hiểm xã hội nhiều "
    "tháng liền. Đề nghị cơ quan chức năng kiểm tra."
)


def test_a_short_text_is_whole_and_a_long_one_keeps_its_whole_opening_sentences():
    assert excerpt("Bà con phấn khởi.", 200) == "Bà con phấn khởi."
    assert excerpt(TEXT, 110) == (
        "Công nhân Công ty may Hòa Bình phản ánh doanh nghiệp chậm đóng bảo hiểm xã hội "
        "nhiều tháng liền."
    )


@pytest.mark.parametrize("limit", range(40, 96, 3))
def test_a_sentence_too_long_is_cut_between_words_never_inside_one(limit):
    cut = excerpt(TEXT, limit)
    assert len(cut) <= limit and cut.endswith("…")
    assert not cut.endswith(("bảo…", "bảo hiểm…", "bảo hiểm xã…", "Hòa…", "công…"))
    assert TEXT.startswith(cut[:-1])


def test_a_cut_never_ends_on_a_word_that_leans_on_the_next():
    text = "Người dân đề nghị tăng mức trợ cấp xã hội hằng tháng cho người cao tuổi ở các thôn"
    for limit in range(30, len(text)):
        cut = excerpt(text, limit)
        assert not cut.endswith(("hằng…", "cho…", "các…", "ở…", "xã…")), cut
