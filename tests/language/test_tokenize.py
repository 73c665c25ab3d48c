from dantinh.language.tokenize import ngrams, segment, sentences, syllables, words


def test_syllables_are_normalised_lower_case_tokens():
    assert syllables("Hoà Bình ko?! 😡") == ["hòa", "bình", "không", "?", "!", "😡"]
    assert syllables("giá 5,5 triệu/tháng") == ["giá", "5,5", "triệu", "tháng"]


def test_ngrams_shortest_first():
    assert list(ngrams(["a", "b", "c"], 1, 2)) == ["a", "b", "c", "a b", "b c"]
    assert list(ngrams(["a"], 2, 3)) == []


def test_sentences_split_on_marks_and_lines():
    assert sentences("Một. Hai!  Ba?\nBốn") == ["Một.", "Hai!", "Ba?", "Bốn"]
    assert sentences("") == []
    # Abbreviations of unit kinds and initials do not end a sentence.
    assert sentences(
        "Tại P. An Biên, dân đồng tình. TP. Hải Phòng đã chi trả.\nÔng Nguyễn V. A. đến"
    ) == [
        "Tại P. An Biên, dân đồng tình.",
        "TP. Hải Phòng đã chi trả.",
        "Ông Nguyễn V. A. đến",
    ]


def test_segment_by_longest_match_against_known_words():
    known = {"giải phóng", "mặt bằng", "giải phóng mặt bằng", "dự án"}
    tokens = ["giải", "phóng", "mặt", "bằng", "dự", "án", "chậm"]
    assert segment(tokens, known) == ["giải_phóng_mặt_bằng", "dự_án", "chậm"]
    assert segment(tokens, set()) == tokens


def test_words_gives_a_segmentation_with_or_without_the_word_list():
    out = words("Bồi thường giải phóng mặt bằng chậm")
    assert "".join(out).replace("_", "") == "bồithườnggiảiphóngmặtbằngchậm"
    # A segmenter that only split syllables would keep seven tokens: words are joined.
    assert len(out) < 7
    assert "bồi_thường" in out
