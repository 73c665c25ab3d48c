import pytest

from dantinh.language.dedup import NearDuplicateIndex, group, shingles, similarity

A = "Người dân thôn 3 phản ánh đường liên thôn xuống cấp nghiêm trọng"
B = "Đường liên thôn ở thôn 3 xuống cấp nghiêm trọng, dân phản ánh"
C = "nguoi dan thon 3 phan anh duong lien thon xuong cap nghiem trong!!"
D = "Giá xăng tăng khiến người dân lo lắng"


def test_similarity_ignores_accents_and_order():
    assert similarity(A, C) == 1.0
    assert similarity(A, B) >= 0.5
    assert similarity(A, D) < 0.2
    assert shingles("") == frozenset()


def test_group_joins_near_duplicates_under_the_first_id():
    groups = group([(1, A), (2, D), (3, B), (4, C), (5, "")])
    assert groups == {1: 1, 2: 2, 3: 1, 4: 1, 5: 5}
    assert group([{"id": "x", "text": A}, {"id": "y", "text": B}]) == {"x": "x", "y": "x"}


def test_group_rejects_repeated_ids():
    with pytest.raises(KeyError):
        group([(1, A), (1, B)])


def test_index_query():
    index = NearDuplicateIndex(threshold=0.5)
    index.add("a", A)
    index.add("d", D)
    assert [key for key, _score in index.query(B)] == ["a"]
    assert index.query("hoàn toàn khác biệt về chủ đề") == []
    assert len(index) == 2 and "a" in index
    with pytest.raises(KeyError):
        index.add("a", A)


def test_group_is_transitive():
    texts = [
        "mất điện cả ngày ở tổ dân phố 5 phường Lê Chân",
        "tổ dân phố 5 phường Lê Chân mất điện cả ngày hôm qua",
        "hôm qua tổ dân phố 5 mất điện cả ngày, dân bức xúc",
    ]
    groups = group(list(enumerate(texts)), threshold=0.4)
    assert len(set(groups.values())) == 1
