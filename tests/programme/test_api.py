"""The programme's REST endpoints: the same services and scope as the pages."""

import pytest

from dantinh.programme import survey_services, target_services
from dantinh.programme.models import Meeting, Response
from tests.programme.test_surveys import _survey

pytestmark = pytest.mark.django_db
MISSING = 999_999


def test_a_meeting_recorded_through_the_api_becomes_items(client, world):
    client.force_login(world.compiler_b)
    body = {
        "unit": world.commune_b.pk,
        "kind": "dialogue",
        "held_on": "12/11/2026",
        "place": "Trụ sở UBND xã",
        "groups": {"voters": 40, "business": 3},
        "points": ["Người dân đề nghị công khai quy hoạch khu dân cư mới"],
        "make_items": True,
    }
    response = client.post("/api/v1/meetings/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["groups"] == {"voters": 40, "business": 3} and data["points"][0]["item"]
    assert data["held_on"] == "2026-11-12"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"held_on": "2026-13-01"}, "held_on"),
        ({"groups": {}}, "groups"),
        ({"unit": "x"}, "unit"),
    ],
)
def test_bad_meetings_are_refused(client, world, body, field):
    client.force_login(world.compiler_b)
    values = {
        "unit": world.commune_b.pk,
        "kind": "dialogue",
        "held_on": "12/11/2026",
        "place": "X",
        "groups": {"voters": 3},
        "points": [],
    } | body
    response = client.post("/api/v1/meetings/", values, content_type="application/json")
    assert response.status_code == 400 and field in response.json()
    assert not Meeting.objects.exists()


def test_outside_the_scope_reads_as_missing(client, world, meeting_b):
    survey = _survey(world)
    target_services.targets_set_defaults(actor=world.admin, unit=world.province, year=2026)
    client.force_login(world.compiler_a)
    for url in (f"/api/v1/meetings/{meeting_b.pk}/", f"/api/v1/meetings/{MISSING}/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/api/v1/meetings/{meeting_b.pk}/items/").status_code == 404
    client.force_login(world.outsider)
    assert client.get("/api/v1/meetings/").status_code == 403
    assert client.get(f"/api/v1/surveys/{survey.pk}/results/").status_code == 403
    client.force_login(world.compiler_b)
    assert client.get(f"/api/v1/meetings/{meeting_b.pk}/").status_code == 200
    # a commune outside commune B's scope is refused as a unit, the city's survey is answered
    answers = {"unit": world.commune_a.pk, "answers": {"hai_long": 3}}
    assert (
        client.post(
            f"/api/v1/surveys/{survey.pk}/responses/", answers, content_type="application/json"
        ).status_code
        == 400
    )
    answers["unit"] = world.commune_b.pk
    assert (
        client.post(
            f"/api/v1/surveys/{survey.pk}/responses/", answers, content_type="application/json"
        ).status_code
        == 201
    )
    assert Response.objects.count() == 1


def test_targets_and_results(client, world):
    target_services.targets_set_defaults(actor=world.admin, unit=world.province, year=2026)
    survey = _survey(world)
    for _ in range(5):
        survey_services.response_submit(
            actor=world.compiler_a, survey=survey, unit=world.commune_a, answers={"hai_long": 5}
        )
    client.force_login(world.leader)
    targets = client.get("/api/v1/targets/?year=2026").json()
    plan = next(t for t in targets["results"] if t["kind"] == "plan")
    detail = client.get(f"/api/v1/targets/{plan['id']}/").json()
    assert detail["completion"]["owing"] == 3
    results = client.get(f"/api/v1/surveys/{survey.pk}/results/").json()
    assert results["respondents"] == 5 and results["questions"][0]["total"]["mean"] == 5
    client.force_login(world.compiler_b)  # commune B has no answers: nothing to show
    hidden = client.get(f"/api/v1/surveys/{survey.pk}/results/").json()
    assert hidden["respondents"] == 0 and not hidden["questions"][0]["total"]["shown"]
