import re
import unicodedata

import pytest

from dantinh.language.normalize import (
    TOKEN,
    fix_tone,
    fold,
    normalize,
    normalized_tokens,
    search_text,
    search_tokens,
    strip_diacritics,
)


def test_search_folding_is_unchanged():
    assert fold("Giải phóng mặt bằng") == "giai phong mat bang"
    assert fold("ĐƯỜNG Đê") == "duong de"
    assert search_tokens("UBND xã Tân-Tiến, 2025!") == ["ubnd", "xa", "tan", "tien", "2025"]
    assert search_text("  Hòa   Bình ") == "hoa binh"
    assert fold("") == ""


def _fold_whole(text: str) -> str:
    """The definition of folding: the whole text decomposed, its combining marks dropped."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def test_folding_character_by_character_is_folding_the_whole_text():
    # every Vietnamese letter in both forms, marks typed apart, and other scripts' marks and
    # case rules (Greek final sigma, Turkish dotted I, ligatures, Hangul, combining-only runs)
    samples = [
        "Thủy điện Hòa Bình xả lũ; NGƯỜI DÂN Ở XÃ Quỳnh Lưu bức xúc",
        unicodedata.normalize("NFD", "Đường Lê Lợi, phường Hoà Khánh, quận Liên Chiểu"),
        "ΟΔΥΣΣΕΥΣ İstanbul ǅemal ﬁnance 한국어 Å \u0301\u0323a\u0308\u0301 x\u20dd",
        "".join(chr(c) for c in range(0x80, 0x2000)),
        "".join(chr(c) for c in range(0x1E00, 0x1F00)),
    ]
    for text in samples:
        assert fold(text) == _fold_whole(text)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("Hoà", "Hòa"),
        ("HOÀ", "HÒA"),
        ("thuỷ", "thủy"),
        ("uỷ", "ủy"),
        ("Thuý", "Thúy"),
        ("khoẻ", "khỏe"),
        ("hoạ", "họa"),
        ("qủa", "quả"),
        ("gía", "giá"),
        ("hoàng", "hoàng"),
        ("tuyển", "tuyển"),
        ("người", "người"),
        ("khuỷu", "khuỷu"),
        ("giữa", "giữa"),
        ("gìn", "gìn"),
        ("quý", "quý"),
        ("xoong", "xoong"),
        ("2025", "2025"),
        ("abc", "abc"),
    ],
)
def test_fix_tone_unifies_old_and_new_placement(old, new):
    assert fix_tone(old) == new


def test_normalize_nfc_and_tone():
    decomposed = "ho\u0300a bi\u0300nh"  # combining marks, as some keyboards send them
    assert normalize(decomposed) == "hòa bình"
    assert normalize("thuỷ lợi hoà bình") == normalize("thủy lợi hòa bình")


def test_normalize_apostrophes_and_quotes():
    assert normalize("‘được’ “không”") == "'được' \"không\""
    assert normalize("Ea H’leo") == "Ea H'leo"


def test_normalize_expands_chat_spellings():
    assert normalize("ko giải quyết dc, ng dân bức xúc") == (
        "không giải quyết được, người dân bức xúc"
    )
    assert normalize("k biết j") == "không biết gì"
    assert normalize("kh đồng ý, đc chưa") == "không đồng ý, được chưa"
    assert normalize("quáaaa đẹppp") == "quá đẹp"


def test_normalize_expands_acronyms_in_any_case():
    assert normalize("UBND xã") == "ủy ban nhân dân xã"
    assert normalize("ubnd, HĐND, hdnd") == "ủy ban nhân dân, hội đồng nhân dân, hội đồng nhân dân"
    assert normalize("GPMB BHYT BHXH") == "giải phóng mặt bằng bảo hiểm y tế bảo hiểm xã hội"
    assert normalize("CA xã") == "công an xã"
    assert normalize("ca hát") == "ca hát"  # lower-case "ca" is a word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TP. Hải Phòng", "thành phố Hải Phòng"),
        ("Tp.Hải Phòng", "thành phố Hải Phòng"),
        ("P. Lê Chân", "phường Lê Chân"),
        ("P.5, Q.1", "phường 5, quận 1"),
        ("X. Tân Tiến", "xã Tân Tiến"),
        ("x. tan tien", "xã tan tien"),
        ("TX Thủy Nguyên", "thị xã Thủy Nguyên"),
        ("TP.HCM", "thành phố hồ chí minh"),
        ("tp hcm", "thành phố hồ chí minh"),
    ],
)
def test_normalize_unit_abbreviations(text, expected):
    assert normalize(text) == expected


def test_normalize_keeps_names_numbers_and_words():
    assert normalize("Ông Phạm Văn Tình nộp 5,5 triệu ngày 12/3") == (
        "Ông Phạm Văn Tình nộp 5,5 triệu ngày 12/3"
    )
    assert normalize("50k một kg") == "50k một kg"
    assert normalize("") == ""
    assert normalize("ĐƯỜNG", lower=True) == "đường"


def test_normalized_tokens_match_normalize():
    for text in [
        "UBND P. Lê Chân, TP. Hải Phòng ko giải quyết dc, CA xã quáaaa 😡 5,5 tỷ?!",
        "thuỷ lợi hoà bình, ng dân đc hỗ trợ",
        "",
    ]:
        assert normalized_tokens(text) == TOKEN.findall(normalize(text, lower=True))


def test_strip_diacritics_keeps_case_and_punctuation():
    assert strip_diacritics("Ủy ban, Đường!") == "Uy ban, Duong!"
    assert re.fullmatch(r"[ -~]*", strip_diacritics("Người dân phấn khởi"))
