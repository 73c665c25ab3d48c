"""The REST API of reporting answers with the same scope as the pages."""

import pytest
from rest_framework.test import APIClient

from dantinh.reporting import services
from tests.reporting.conftest import at

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def subs(world, weekly):
    result = {}
    for key, unit, actor in (
        ("a", world.commune_a, world.compiler_a),
        ("b", world.commune_b, world.compiler_b),
    ):
        result[key] = services.submission_draft(
            actor=actor, unit=unit, schedule=weekly, period_key="2026-W45", now=at(2026, 11, 3)
        )
    services.section_update(
        actor=world.compiler_a, submission=result["a"], code="general", text="Ổn định."
    )
    services.submission_submit(
        actor=world.compiler_a, submission=result["a"], now=at(2026, 11, 5, 15, 0)
    )
    return result


@pytest.mark.parametrize(
    ("who", "detail_a", "listed"),
    [
        ("reporter_a", 200, {"a"}),
        ("compiler_b", 404, {"b"}),
        ("area_officer", 404, {"b"}),
        ("leader", 200, {"a", "b"}),
        ("outsider", 403, set()),
        (None, 401, set()),
    ],
)
def test_submissions_by_role(world, subs, who, detail_a, listed):
    client = api(getattr(world, who) if who else None)
    assert client.get(f"/api/v1/submissions/{subs['a'].pk}/").status_code == detail_a
    response = client.get("/api/v1/submissions/", {"schedule": "weekly", "period": "2026-W45"})
    ids = (
        {row["id"] for row in response.json()["results"]} if response.status_code == 200 else set()
    )
    assert ids == {subs[k].pk for k in listed}


def test_submission_filters(world, subs):
    client = api(world.leader)
    rows = client.get("/api/v1/submissions/", {"status": "submitted"}).json()["results"]
    assert [r["id"] for r in rows] == [subs["a"].pk]
    assert rows[0]["sections"][0] == {
        "code": "general",
        "title": "Tình hình chung",
        "text": "Ổn định.",
    }
    assert (
        client.get("/api/v1/submissions/", {"unit": world.commune_b.pk}).json()["results"][0]["id"]
        == subs["b"].pk
    )
    other = (
        api(world.compiler_a)
        .get("/api/v1/submissions/", {"unit": world.commune_b.pk})
        .json()["results"]
    )
    assert other == []


@pytest.mark.parametrize(
    ("who", "units"),
    [
        ("compiler_a", {"Phường Lê Chân"}),
        ("leader", {"Phường Lê Chân", "Xã An Hưng"}),
        ("area_officer", {"Xã An Hưng"}),
    ],
)
def test_timeliness_by_role(world, subs, who, units):
    response = api(getattr(world, who)).get(
        "/api/v1/timeliness/", {"schedule": "weekly", "period": "2026-W45"}
    )
    assert response.status_code == 200
    body = response.json()
    assert {u["name"] for u in body["units"]} == units
    states = {u["name"]: u["state"] for u in body["units"]}
    assert states.get("Phường Lê Chân", "on_time") == "on_time"
    assert body["due_at"].startswith("2026-11-05T16:00:00+07:00")


def test_timeliness_of_a_unit_outside_the_scope_is_not_found(world, subs):
    client = api(world.compiler_a)
    assert client.get("/api/v1/timeliness/", {"unit": world.commune_b.pk}).status_code == 404
    assert client.get("/api/v1/timeliness/", {"period": "2026-13"}).status_code == 400
    assert client.get("/api/v1/timeliness/", {"schedule": "nope"}).status_code == 404
    assert api().get("/api/v1/timeliness/").status_code == 401
