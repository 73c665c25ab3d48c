"""What the fuzzers found (issue 9.18), each kept as a plain test that failed before its fix;
docs/trust.md tells the story of each."""

import json

import pytest

from dantinh.intake.models import Item
from tests.fuzz.test_fuzz_api_bodies import GOOD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("text", "Người dân \ud800"),  # 500 UnicodeEncodeError on both databases
        ("source_url", "https://baodientu.vn/\udfff"),
        ("kind", "\ud800"),
        ("text", "Người dân\x00"),  # 500 DataError on PostgreSQL
        ("kind", "kien\x00nghi"),
        ("source_url", "https://baodientu.vn/bai\x00"),
    ],
)
def test_a_body_spelling_a_character_no_database_holds_answers_400(api, world, key, value):
    body = dict(GOOD, unit=world.village_a1.pk, **{key: value})
    response = api.post("/api/v1/items/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Nội dung JSON có chứa ký tự không phải là chữ (\\u0000 hoặc một nửa cặp "
        "surrogate \\ud800–\\udfff)."
    }
    assert not Item.objects.exists()


def test_an_emoji_spelled_as_a_surrogate_pair_is_text(api, world):
    body = dict(GOOD, unit=world.village_a1.pk, text="Người dân vui mừng \ud83d\ude00")
    response = api.post("/api/v1/items/", json.dumps(body), content_type="application/json")
    assert response.status_code == 201
    assert Item.objects.get().text == "Người dân vui mừng \U0001f600"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/items/?q=%00",
        "/api/v1/items/?kind=a%00",
        "/api/v1/units/?code=%00",
        "/api/v1/submissions/?schedule=%00",
        "/api/v1/timeliness/?schedule=weekly%00",
        "/api/v1/items/?%00=1",
    ],
)
def test_a_nul_in_the_address_answers_400_with_a_message(api, url):
    response = api.get(url)
    assert response.status_code == 400
    assert response.json() == {"detail": "Địa chỉ (URL) có chứa ký tự không phải là chữ (NUL)."}


def test_a_nul_in_a_page_address_answers_400_with_a_message(client, world):
    client.force_login(world.compiler_a)
    response = client.get("/items/?q=%00")
    assert response.status_code == 400
    assert "Địa chỉ (URL) có chứa ký tự không phải là chữ (NUL)." in response.content.decode()


def test_a_field_left_null_is_refused_in_vietnamese(api, world):
    response = api.post(
        "/api/v1/items/", dict(GOOD, unit=None, channel=None, text=None), format="json"
    )
    assert response.status_code == 400
    assert response.json()["unit"] == ["Trường này không được để rỗng (null)."]
    assert response.json()["channel"] == ["Trường này không được để rỗng (null)."]
