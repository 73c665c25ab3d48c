"""The REST API answers with the same scope as the pages: tables of roles × outcomes."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from dantinh.intake.models import Item

pytestmark = pytest.mark.django_db


def api(user=None, token=False) -> APIClient:
    client = APIClient()
    if user is not None:
        if token:
            client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        else:
            client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    ("who", "detail_a", "list_has_a", "list_has_b"),
    [
        ("reporter_a", 200, True, False),
        ("reporter_b", 404, False, True),
        ("area_officer", 404, False, True),
        ("leader", 200, True, True),
        ("outsider", 403, False, False),  # authenticated, but no unit at all
        (None, 401, False, False),
    ],
)
def test_items_by_role(world, items, who, detail_a, list_has_a, list_has_b):
    client = api(getattr(world, who) if who else None, token=True)
    assert client.get(f"/api/v1/items/{items['a'].pk}/").status_code == detail_a
    listing = client.get("/api/v1/items/")
    ids = (
        {row["id"] for row in listing.json().get("results", [])}
        if listing.status_code == 200
        else set()
    )
    assert (items["a"].pk in ids) is list_has_a
    assert (items["b"].pk in ids) is list_has_b


@pytest.mark.parametrize(
    ("query", "who", "expect_a"),
    [("giai phong mat bang", "reporter_a", True), ("giai phong mat bang", "reporter_b", False)],
)
def test_search_through_the_api_stays_in_scope(world, items, query, who, expect_a):
    rows = api(getattr(world, who)).get("/api/v1/items/", {"q": query}).json()["results"]
    assert (items["a"].pk in {r["id"] for r in rows}) is expect_a


def test_filters_by_codes_and_unit(world, items):
    client = api(world.leader)
    rows = client.get("/api/v1/items/", {"field": "nong_nghiep"}).json()["results"]
    assert [r["id"] for r in rows] == [items["b"].pk]
    rows = client.get("/api/v1/items/", {"unit": world.commune_a.pk}).json()["results"]
    assert [r["id"] for r in rows] == [items["a"].pk]
    assert client.get("/api/v1/items/", {"field": "khong_co"}).json()["results"] == []
    assert client.get("/api/v1/items/", {"date_from": "2026-13-45"}).status_code == 400


def test_unit_filter_outside_scope_is_empty_not_unfiltered(world, items):
    rows = (
        api(world.reporter_a).get("/api/v1/items/", {"unit": world.commune_b.pk}).json()["results"]
    )
    assert rows == []


def _payload(unit, **extra):
    data = {
        "unit": unit.pk,
        "observed_on": "2026-11-10",
        "kind": "kien_nghi",
        "field": "moi_truong",
        "channel": "to_cong_tac",
        "text": "Khói từ lò gạch gây ô nhiễm",
        "mood": "buc_xuc",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("who", "unit", "status"),
    [
        ("reporter_a", "village_a1", 201),
        ("reporter_a", "village_b1", 400),
        ("leader", "village_b1", 201),
        ("outsider", "village_a1", 403),
    ],
)
def test_create_by_role(world, who, unit, status):
    response = api(getattr(world, who)).post(
        "/api/v1/items/", _payload(getattr(world, unit)), format="json"
    )
    assert response.status_code == status, response.content
    assert Item.objects.count() == (1 if status == 201 else 0)
    if status == 400:  # the other commune's unit reads as not existing
        assert "unit" in response.json()


def test_update_and_delete_follow_the_policy(world, items):
    reporter = api(world.reporter_a)
    assert (
        reporter.patch(f"/api/v1/items/{items['a'].pk}/", {"scale": 12}, format="json").status_code
        == 200
    )
    assert reporter.delete(f"/api/v1/items/{items['a'].pk}/").status_code == 403
    assert api(world.reporter_b).delete(f"/api/v1/items/{items['a'].pk}/").status_code == 404
    assert api(world.compiler_a).delete(f"/api/v1/items/{items['a'].pk}/").status_code == 204


@pytest.mark.parametrize(("who", "count"), [("reporter_a", 3), ("leader", 7), ("outsider", None)])
def test_units_by_role(world, who, count):
    response = api(getattr(world, who)).get("/api/v1/units/")
    if count is None:
        assert response.status_code == 403
    else:
        assert response.json()["count"] == count


def test_unit_search_without_diacritics(world):
    rows = api(world.leader).get("/api/v1/units/", {"q": "le chan"}).json()["results"]
    assert [r["full_name"] for r in rows] == ["Phường Lê Chân"]


def test_schema_and_docs_are_served_without_cdn(client, world):
    client.force_login(world.leader)
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200 and b"/api/v1/items/" in schema.content
    docs = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower()
