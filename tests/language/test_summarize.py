from dantinh.language.summarize import key_phrases, summarize

TEXTS = [
    "Nhiều hộ dân chưa nhận tiền bồi thường giải phóng mặt bằng dự án đường vành đai.",
    "Tiến độ giải phóng mặt bằng chậm khiến bà con lo lắng, đề nghị sớm chi trả.",
    "Bà con mong chính quyền công khai phương án giải phóng mặt bằng và tái định cư.",
    "Giá xăng tăng làm chi phí sinh hoạt tăng theo.",
]


def test_key_phrases_of_a_collection_prefer_whole_terms():
    phrases = [p for p, _score in key_phrases(TEXTS, top=5)]
    assert phrases[0] == "giải phóng mặt bằng"
    assert "người dân" not in phrases and "đề nghị" not in phrases
    assert all(p == p.lower() for p in phrases)


def test_key_phrases_of_one_text():
    phrases = [p for p, _score in key_phrases(TEXTS[0])]
    assert "bồi thường" in phrases
    assert "đường vành đai" in phrases
    assert "của" not in phrases
    assert key_phrases("") == []


def test_summary_picks_central_sentences_in_order_without_repeats():
    texts = TEXTS + [TEXTS[1]]  # a repeated sentence is picked at most once
    summary = summarize(texts, max_sentences=2)
    assert len(summary) == 2
    assert len(set(summary)) == 2
    assert all(any(s in t for t in texts) for s in summary)
    order = [next(i for i, t in enumerate(texts) if s in t) for s in summary]
    assert order == sorted(order)
    assert "Giá xăng" not in " ".join(summary)


def test_summary_of_nothing():
    assert summarize([]) == []
    assert summarize("Một câu thôi.") == ["Một câu thôi."]


def test_key_phrases_never_end_on_a_word_that_leans_on_the_next():
    texts = [
        "Người dân đề nghị tăng trợ cấp xã hội hằng tháng cho người cao tuổi",
        "Bà con phản ánh chậm chi trả trợ cấp xã hội hằng tháng",
        "Hộ nghèo chưa nhận trợ cấp xã hội hằng quý",
    ]
    phrases = [p for p, _score in key_phrases(texts)]
    assert "trợ cấp xã hội" in phrases
    assert not any(p.endswith(("hằng", "số", "các")) for p in phrases), phrases
    assert not any(p.startswith(("tháng", "hằng")) for p in phrases), phrases


def test_a_numbered_storm_keeps_its_number():
    texts = ["Thiệt hại do bão số 3 lớn", "Khắc phục hậu quả bão số 3", "Bão số 3 làm đổ cây"]
    assert [p for p, _score in key_phrases(texts)][0] == "bão số 3"
