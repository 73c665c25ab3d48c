"""Near-duplicates of a text among the items a user may see: the "this may already be logged"
hint while an item is typed, and the similar items of an item's page."""

import datetime as dt

import pytest
from django.urls import reverse

from dantinh.intake import search, similar
from dantinh.intake.models import Item
from dantinh.language.normalize import fold
from tests.factories import make_item

pytestmark = pytest.mark.django_db

ORIGINAL = (
    "Nhiều hộ dân tổ dân phố số 1 bức xúc vì cống thoát nước trên phố Hàng Kênh bị tắc, mỗi khi "
    "mưa lớn nước thải tràn vào nhà; bà con đề nghị phường sớm nạo vét."
)
# The same grievance as another officer writes it down (Jaccard of the shingles: 0.56).
REWORDED = (
    "Người dân tổ dân phố số 1 phản ánh cống thoát nước phố Hàng Kênh bị tắc, cứ mưa lớn là nước "
    "thải tràn vào nhà, đề nghị phường sớm cho nạo vét."
)
UNRELATED = (
    "Nhân dân thôn Đông lo lắng giá phân bón tăng cao trước vụ đông, đề nghị hỗ trợ nông dân."
)


@pytest.fixture(autouse=True)
def _fresh_word_frequencies():
    """Each test counts the words of its own items."""
    similar._frequencies = None
    yield
    similar._frequencies = None


@pytest.fixture
def copies(world):
    """The grievance logged in a village of each commune, and an unrelated item beside it."""
    return {
        "a": make_item(world.reporter_a, world.village_a1, ORIGINAL),
        "b": make_item(world.reporter_b, world.village_b1, ORIGINAL),
        "unrelated": make_item(world.reporter_a, world.village_a1, UNRELATED),
    }


def _found(response) -> set[int]:
    body = response.content.decode()
    return {
        pk
        for pk in Item.objects.values_list("pk", flat=True)
        if reverse("intake:item_detail", args=[pk]) in body
    }


def test_a_reworded_copy_in_scope_is_found(world, copies):
    found = similar.items_similar(user=world.reporter_a, text=REWORDED)
    assert [s.item for s in found] == [copies["a"]]
    assert 0.5 <= found[0].similarity < 1 and found[0].percent == round(found[0].similarity * 100)


def test_most_similar_first_and_at_most_three(world):
    exact = make_item(world.compiler_a, world.village_a1, REWORDED)
    for _ in range(3):
        make_item(world.compiler_a, world.village_a1, ORIGINAL)
    found = similar.items_similar(user=world.compiler_a, text=REWORDED)
    assert len(found) == 3 and found[0].item == exact and found[0].similarity == 1.0
    assert found[0].similarity > found[1].similarity


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("reporter_a", {"a"}),
        ("compiler_a", {"a"}),
        ("reporter_b", {"b"}),
        ("compiler_b", {"b"}),
        ("area_officer", {"b"}),  # assigned commune B only
        ("leader", {"a", "b"}),
        ("admin", {"a", "b"}),
        ("outsider", 404),
    ],
)
def test_the_hint_stays_in_scope(client, world, copies, who, expected):
    client.force_login(getattr(world, who))
    response = client.post(reverse("intake:item_similar"), {"text": REWORDED})
    if expected == 404:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert _found(response) == {copies[name].pk for name in expected}
    assert "Có thể đã được ghi nhận" in response.content.decode()


def test_anonymous_gets_no_hint(client, copies):
    assert client.post(reverse("intake:item_similar"), {"text": REWORDED}).status_code == 302


def test_with_a_place_only_items_about_it(client, world, copies):
    commune_level = make_item(world.compiler_a, world.commune_a, ORIGINAL)  # logged less precisely
    other_village = make_item(world.compiler_a, world.village_a2, ORIGINAL)
    client.force_login(world.leader)
    response = client.post(
        reverse("intake:item_similar"), {"text": REWORDED, "unit": world.village_a1.pk}
    )
    assert _found(response) == {copies["a"].pk, commune_level.pk}
    assert other_village.pk not in _found(response) and copies["b"].pk not in _found(response)


def test_a_place_outside_the_scope_shows_nothing_of_it(client, world, copies):
    client.force_login(world.reporter_a)
    response = client.post(
        reverse("intake:item_similar"), {"text": REWORDED, "unit": world.village_b1.pk}
    )
    assert copies["b"].pk not in _found(response)  # the unit is ignored, the scope still holds
    assert _found(response) == {copies["a"].pk}


def test_the_item_being_edited_is_left_out(client, world, copies):
    assert similar.items_similar(user=world.compiler_a, text=ORIGINAL, exclude=copies["a"]) == []
    client.force_login(world.compiler_a)
    response = client.post(
        reverse("intake:item_similar"), {"text": ORIGINAL, "item": copies["a"].pk}
    )
    assert response.status_code == 200 and _found(response) == set()
    page = client.get(reverse("intake:item_update", args=[copies["a"].pk])).content.decode()
    assert reverse("intake:item_similar") in page and f'"item": "{copies["a"].pk}"' in page


@pytest.mark.parametrize("text", ["", "Cống phố Hàng Kênh tắc", "cong thoat nuoc bi tac"])
def test_short_texts_get_no_check(client, world, text, django_assert_max_num_queries):
    if text:
        make_item(world.reporter_a, world.village_a1, text)  # the very same words, yet no hint
    with django_assert_max_num_queries(0):
        assert similar.items_similar(user=world.reporter_a, text=text) == []
    client.force_login(world.reporter_a)
    response = client.post(reverse("intake:item_similar"), {"text": text})
    assert response.status_code == 200 and response.content.decode().strip() == ""


def test_only_recent_items_by_default(world):
    old = make_item(world.reporter_a, world.village_a1, ORIGINAL, observed_on=dt.date(2026, 8, 1))
    assert similar.items_similar(user=world.reporter_a, text=REWORDED) == []
    found = similar.items_similar(user=world.reporter_a, text=REWORDED, since=dt.date(2026, 7, 1))
    assert [s.item for s in found] == [old]


def test_unrelated_text_finds_nothing(world, copies):
    text = "Hội Nông dân xã An Hưng tổ chức tập huấn kỹ thuật trồng lúa hữu cơ cho ba mươi hộ"
    assert similar.items_similar(user=world.leader, text=text) == []


def test_the_hint_needs_few_queries(client, world, copies, django_assert_max_num_queries):
    client.force_login(world.leader)
    similar.word_frequencies()  # counted once an hour, not on each request
    with django_assert_max_num_queries(8):
        client.post(reverse("intake:item_similar"), {"text": REWORDED, "unit": world.village_a1.pk})


def test_the_hint_never_blocks_saving(client, world, copies):
    from tests.intake.test_views import _form

    client.force_login(world.reporter_a)
    response = client.post(reverse("intake:item_create"), _form(world.village_a1, text=REWORDED))
    assert response.status_code == 302 and Item.objects.filter(text=REWORDED).exists()


def test_the_entry_form_asks_for_the_hint(client, world):
    client.force_login(world.reporter_a)
    page = client.get(reverse("intake:item_create")).content.decode()
    assert 'id="similar"' in page and reverse("intake:item_similar") in page


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("reporter_a", {"copy"}),
        ("compiler_a", {"copy"}),
        ("leader", {"copy", "b"}),  # the same matter in another commune
        ("reporter_b", 404),  # item a is not theirs: no page, no similar items
        ("area_officer", 404),
        ("outsider", 404),
    ],
)
def test_the_items_page_shows_similar_items_in_scope(client, world, copies, who, sees):
    copy = make_item(
        world.compiler_a, world.village_a1, REWORDED, observed_on=dt.date(2026, 11, 20)
    )
    named = {"copy": copy.pk, "b": copies["b"].pk}
    client.force_login(getattr(world, who))
    url = reverse("intake:item_similar_items", args=[copies["a"].pk])
    block = client.get(url)
    if sees == 404:
        assert block.status_code == 404
        return
    # the page asks for the block once it has loaded, so that it never waits for it
    page = client.get(reverse("intake:item_detail", args=[copies["a"].pk])).content.decode()
    assert url in page
    assert "Thông tin tương tự" in block.content.decode()
    assert _found(block) == {named[n] for n in sees}


def test_the_items_page_without_similar_items_has_no_block(client, world, copies):
    client.force_login(world.reporter_a)
    url = reverse("intake:item_similar_items", args=[copies["unrelated"].pk])
    assert client.get(url).content.decode().strip() == ""


def test_distinctive_phrases_are_the_rarest_words_of_the_text(world):
    text = "Người dân tổ dân phố số 1 phản ánh ngõ Cầu Đất ngập sâu, đề nghị khơi thông cống"
    phrases = similar.distinctive_phrases(text)
    # the place's name and the matter's words, folded as the index holds them
    assert phrases[:2] == ["cau dat", "khoi thong"] and "ngap sau" in phrases
    # typed without accents: not cut into words, but pairs of the same rare syllables
    assert {"cau dat", "ngap sau"} <= set(similar.distinctive_phrases(fold(text)))
    # with a million items, the phrases of every other report would each make the index
    # read tens of thousands of them
    similar.word_frequencies().items = 1_000_000
    phrases = similar.distinctive_phrases(text)
    assert {"cau dat", "khoi thong", "ngap sau"} <= set(phrases)
    assert not {"nguoi dan", "phan anh", "de nghi"} & set(phrases)


@pytest.mark.parametrize(
    ("at_least", "expected"), [(1, {"drain", "fertiliser", "both"}), (2, {"both"}), (3, set())]
)
def test_apply_any_counts_the_phrases_each_item_holds(world, at_least, expected):
    made = {
        "drain": make_item(
            world.compiler_a, world.village_a1, "Cống thoát nước phố Hàng Kênh bị tắc"
        ),
        "fertiliser": make_item(world.compiler_a, world.village_a1, "Giá phân bón tăng"),
        "both": make_item(
            world.compiler_a, world.village_a1, "Phân bón rơi vãi làm tắc cống thoát nước"
        ),
    }
    found = search.apply_any(
        Item.objects.all(), ["cống thoát nước", "phân bón", "mưa lớn"], at_least=at_least
    )
    assert {name for name, item in made.items() if item in found} == expected
    assert not search.apply_any(Item.objects.all(), [], at_least=1).exists()


def test_an_items_page_looks_around_the_items_own_date(world):
    old = make_item(world.compiler_a, world.village_a1, ORIGINAL, observed_on=dt.date(2026, 3, 2))
    near = make_item(world.compiler_a, world.village_a2, REWORDED, observed_on=dt.date(2026, 3, 20))
    make_item(
        world.compiler_a, world.village_a1, REWORDED, observed_on=dt.date(2026, 11, 2)
    )  # too far
    found = similar.items_similar_to(user=world.compiler_a, item=old)
    assert [s.item for s in found] == [near]
