"""Malformed input to the API answers 400 with a message, never 500 (issue 9.7): ids too
large for any database, bodies nested or sized to exhaust the parser."""

import json

import pytest
from rest_framework.test import APIClient

from dantinh.intake.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(world):
    client = APIClient()
    client.force_authenticate(world.leader)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/units/?parent=" + "9" * 25,
        "/api/v1/units/?parent=-3",
        "/api/v1/items/?unit=" + "9" * 25,
        "/api/v1/items/?unit=abc",
        "/api/v1/submissions/?unit=" + "9" * 25,
    ],
)
def test_an_id_that_is_no_id_answers_400(api, url):
    response = api.get(url)
    assert response.status_code == 400
    name, value = url.split("?")[1].split("=")
    assert response.json() == {name: [f"“{value[:30]}” không phải là mã số hợp lệ."]}


def test_a_valid_parent_id_still_filters(api, world):
    rows = api.get("/api/v1/units/", {"parent": world.commune_a.pk}).json()["results"]
    assert {r["name"] for r in rows} == {"Tổ dân phố số 1", "Tổ dân phố số 2"}


def test_a_body_nested_50000_levels_deep_answers_400(api):
    body = "[" * 50_000 + "]" * 50_000
    response = api.post("/api/v1/items/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Nội dung JSON lồng nhau quá 32 cấp."}
    assert not Item.objects.exists()


def test_brackets_inside_strings_do_not_count_as_nesting(api, world):
    body = {
        "unit": world.village_a1.pk,
        "observed_on": "2026-11-10",
        "kind": "kien_nghi",
        "field": "moi_truong",
        "channel": "to_cong_tac",
        "text": "Người dân viết: " + "[{" * 100 + ' \\" ' + "}]" * 100,
    }
    response = api.post("/api/v1/items/", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content


def test_a_body_too_large_answers_400(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api.post(
        "/api/v1/items/", json.dumps({"text": "x" * 2000}), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Nội dung JSON lớn hơn")


@pytest.mark.parametrize("body", ['{"text": NaN}', "{", "\xff", '{"a": Infinity}'])
def test_invalid_json_answers_400(api, body):
    response = api.post("/api/v1/items/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Nội dung gửi lên không phải là JSON hợp lệ."}
