import pytest

from dantinh.intake import search
from dantinh.intake.selectors import ItemFilters, item_list
from tests.factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def texts(world):
    made = {
        "gpmb": make_item(
            world.compiler_a,
            world.village_a1,
            "Người dân bức xúc vì tiến độ Giải phóng mặt bằng đường ven sông chậm",
        ),
        "price": make_item(
            world.compiler_a, world.village_a2, "Tiểu thương lo lắng giá thịt lợn tăng mạnh"
        ),
        "other_commune": make_item(
            world.compiler_b, world.village_b1, "Hộ dân thôn Đông chờ giải phóng mặt bằng"
        ),
    }
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("giai phong mat bang", {"gpmb"}),
        ("GIẢI PHÓNG MẶT BẰNG", {"gpmb"}),
        ("Giải Phong mat BANG", {"gpmb"}),
        ('"mat bang giai"', set()),  # a quoted phrase must occur as written
        ('"giai phong mat bang" ven song', {"gpmb"}),
        ("thit lon", {"price"}),
        ("lợn giá", {"price"}),  # words in any order
        ("khong co tu nay", set()),
        ("", {"gpmb", "price"}),
    ],
)
def test_search_ignores_diacritics_and_case_within_scope(world, texts, query, expected):
    found = item_list(user=world.reporter_a, filters=ItemFilters(q=query))
    names = {name for name, item in texts.items() if item in found}
    assert names == expected


def test_search_follows_edits(world, texts):
    from dantinh.intake.services import item_update

    item_update(
        actor=world.compiler_a, item=texts["price"], text="Giá xăng dầu tăng, người dân băn khoăn"
    )
    assert not item_list(user=world.compiler_a, filters=ItemFilters(q="thit lon")).exists()
    assert (
        item_list(user=world.compiler_a, filters=ItemFilters(q="xang dau")).get() == texts["price"]
    )


def test_hostile_queries_are_harmless(world, texts):
    for query in ['"', "' OR 1=1 --", "NEAR(a b)", "*", "a AND OR NOT", "\x00", "đ" * 500]:
        list(item_list(user=world.compiler_a, filters=ItemFilters(q=query)))


def test_parse_splits_phrases_and_words():
    assert search.parse('Đất đai "giải phóng  mặt bằng" UBND') == [
        ["dat"],
        ["dai"],
        ["giai", "phong", "mat", "bang"],
        ["ubnd"],
    ]
