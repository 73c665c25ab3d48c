"""The API: the same scope and policy as the pages, in the OpenAPI schema, and no
complainant in any answer."""

import pytest
from rest_framework.test import APIClient

from dantinh.recommendations import complainants
from dantinh.recommendations.models import Recommendation
from tests.recommendations.conftest import make_rec

S = Recommendation.State
pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.parametrize(
    "who,status",
    [("compiler_a", 200), ("reporter_a", 200), ("compiler_b", 404), ("outsider", 403), (None, 401)],
)
def test_read_role_by_outcome(api, world, directory, rec, who, status):
    if who:
        api.force_authenticate(getattr(world, who))
    response = api.get(f"/api/v1/recommendations/{rec.pk}/")
    assert response.status_code in ((status,) if status != 401 else (401, 403))
    if status == 200:
        assert response.json()["state"] == S.RECEIVED


def test_the_whole_loop_through_the_api(api, world, directory, rec):
    api.force_authenticate(world.compiler_a)
    url = f"/api/v1/recommendations/{rec.pk}/transition/"
    assert (
        api.post(url, {"action": "forward", "body": directory.so_xay_dung.pk}).json()["state"]
        == S.FORWARDED
    )
    api.force_authenticate(directory.contact_xd)
    assert api.post(url, {"action": "decline", "reason": ""}).status_code == 400
    assert (
        api.post(url, {"action": "decline", "reason": "Thuộc UBND phường"}).json()["state"]
        == S.RECEIVED
    )
    assert api.get(f"/api/v1/recommendations/{rec.pk}/").status_code == 404  # no longer theirs
    api.force_authenticate(world.compiler_a)
    api.post(url, {"action": "forward", "body": directory.ubnd_a.pk})
    api.force_authenticate(directory.contact_a)
    assert [r["id"] for r in api.get("/api/v1/recommendations/").json()["results"]] == [rec.pk]
    assert api.post(url, {"action": "extend", "reason": "x"}).status_code == 400  # not yet accepted
    api.post(url, {"action": "accept"})
    assert api.post(url, {"action": "answer", "text": "Đã sửa"}).json()["state"] == S.ANSWERED
    assert api.post(url, {"action": "close"}).status_code == 403  # the desk closes
    api.force_authenticate(world.compiler_a)
    assert api.post(url, {"action": "close"}).json()["state"] == S.RESOLVED


def test_follow_an_item(api, world, directory):
    from tests.factories import make_item

    item = make_item(world.compiler_a, world.village_a1, "Kiến nghị nạo vét mương thoát nước tổ 1")
    api.force_authenticate(world.compiler_b)
    assert api.post("/api/v1/recommendations/", {"item": item.pk}).status_code == 404
    api.force_authenticate(world.compiler_a)
    response = api.post("/api/v1/recommendations/", {"item": item.pk})
    assert response.status_code == 201 and response.json()["item"] == item.pk


def test_no_complainant_in_any_answer(api, world, directory, rec):
    complainants.complainant_set(
        actor=world.compiler_a, rec=rec, name="Phạm Thị Lan", phone="0911222333"
    )
    make_rec(
        world, "Kiến nghị sửa cống thoát nước ngõ 3 tổ dân phố số 2 bị tắc", unit=world.village_a2
    )
    api.force_authenticate(world.compiler_a)
    for url in (
        "/api/v1/recommendations/",
        f"/api/v1/recommendations/{rec.pk}/",
        "/api/v1/bodies/",
    ):
        body = api.get(url).content.decode()
        assert "Phạm Thị Lan" not in body and "0911222333" not in body


def test_in_the_openapi_schema(api, world):
    api.force_authenticate(world.admin)
    schema = api.get("/api/v1/schema/?format=json").json()
    assert "/api/v1/recommendations/{id}/transition/" in schema["paths"]
    assert "/api/v1/bodies/" in schema["paths"]
