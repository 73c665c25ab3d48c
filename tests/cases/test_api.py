"""The cases API against a table of roles × outcomes: the pages' scope and policy, writes
through the same services, and the endpoints in the OpenAPI schema."""

import datetime as dt

import pytest

from dantinh.cases.models import Case, Risk
from dantinh.reporting.models import AdHocRequest, Notification
from tests.cases.conftest import open_case

pytestmark = pytest.mark.django_db
MISSING = 999_999
REASON = "Người dân kéo đến trụ sở, yêu cầu đối thoại ngay"
ROLES = ["reporter_a", "compiler_a", "leader", "compiler_b", "area_officer", "outsider", None]


def _by_role(reporter_a, compiler_a, leader, outside, outsider=403, anonymous=401):
    values = [reporter_a, compiler_a, leader, outside, outside, outsider, anonymous]
    return dict(zip(ROLES, values, strict=True))


# (method, path after the case's url, body, statuses by role)
ENDPOINTS = [
    ("get", "", None, _by_role(200, 200, 200, 404)),
    ("patch", "", {"direction": "Tổ chức đối thoại"}, _by_role(403, 200, 200, 404)),
    ("post", "risk/", {"level": Risk.LIKELY, "reason": REASON}, _by_role(403, 201, 201, 404)),
    (
        "post",
        "developments/",
        {"happened_on": "2026-11-20", "text": "Đối thoại lần 2"},
        _by_role(403, 201, 201, 404),
    ),
    ("post", "items/", {"items": []}, _by_role(403, 200, 200, 404)),
]


@pytest.mark.parametrize(
    ("method", "tail", "body", "expected"),
    ENDPOINTS,
    ids=[f"{e[0]} {e[1] or 'case'}" for e in ENDPOINTS],
)
@pytest.mark.parametrize("who", ROLES)
def test_case_endpoints_by_role(client, world, method, tail, body, expected, who):
    case = open_case(world)
    if who:
        client.force_login(getattr(world, who))
    before = list(Case.objects.values_list("direction", "risk", "version"))
    call = getattr(client, method)
    kwargs = {"content_type": "application/json"} if body is not None else {}
    response = call(f"/api/v1/cases/{case.pk}/{tail}", body, **kwargs)
    assert response.status_code == expected[who], (who, response.content[:200])
    if expected[who] >= 400:
        assert list(Case.objects.values_list("direction", "risk", "version")) == before
    if expected[who] == 404:
        assert call(f"/api/v1/cases/{MISSING}/{tail}", body, **kwargs).status_code == 404


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("compiler_a", True),
        ("leader", True),
        ("reporter_a", True),
        ("compiler_b", False),
        ("area_officer", False),
    ],
)
def test_the_list_holds_only_the_cases_in_scope(client, world, who, sees):
    case = open_case(world, level=Risk.HOTSPOT, reason=REASON)
    client.force_login(getattr(world, who))
    response = client.get("/api/v1/cases/")
    assert response.status_code == 200
    ids = [c["id"] for c in response.json()["results"]]
    assert (case.pk in ids) is sees
    # A filter naming a unit out of scope gives an empty list, never a wider one.
    assert client.get("/api/v1/cases/", {"unit": world.commune_a.pk}).json()["results"] == (
        response.json()["results"] if sees else []
    )


def test_filters(client, world):
    hot = open_case(world, level=Risk.HOTSPOT, reason=REASON)
    calm = open_case(world, title="Mâu thuẫn ranh giới đất", opened_on=dt.date(2026, 10, 1))
    client.force_login(world.leader)

    def ids(**params):
        return [c["id"] for c in client.get("/api/v1/cases/", params).json()["results"]]

    assert ids(risk=Risk.HOTSPOT) == [hot.pk]
    assert ids(risk="open") == [hot.pk, calm.pk]  # hotspots first
    assert ids(q="ranh giới") == [calm.pk]
    assert ids(changed_to=Risk.HOTSPOT, date_from="2026-11-01", date_to="2026-11-30") == [hot.pk]
    assert ids(risk=Risk.LATENT, as_of="2026-10-15") == [calm.pk]
    assert client.get("/api/v1/cases/", {"date_from": "hôm qua"}).status_code == 400


def test_opening_a_case_through_the_api(client, world):
    client.force_login(world.compiler_a)
    body = {
        "title": "Ngập úng kéo dài khu tái định cư",
        "unit": world.commune_a.pk,
        "place": world.village_a2.pk,
        "opened_on": "20/11/2026",
        "situation": "Nhiều hộ bị ngập sau mưa lớn.",
        "field": "giao_thong_ha_tang",
        "level": Risk.LIKELY,
        "reason": REASON,
    }
    response = client.post("/api/v1/cases/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    assert response.json()["risk"] == Risk.LIKELY == case.risk
    assert Notification.objects.filter(user=world.leader, kind="case_likely").exists()
    # Another commune's unit reads as not existing; a bad date says what is wrong.
    client.force_login(world.compiler_b)
    refused = client.post("/api/v1/cases/", body, content_type="application/json")
    assert refused.status_code == 400 and "unit" in refused.json()
    client.force_login(world.compiler_a)
    bad = client.post(
        "/api/v1/cases/", {**body, "opened_on": "31/02/2026"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "opened_on" in bad.json()
    assert Case.objects.count() == 1


def test_a_stale_version_is_refused_with_409(client, world):
    case = open_case(world)
    client.force_login(world.leader)
    assert (
        client.patch(
            f"/api/v1/cases/{case.pk}/",
            {"direction": "Đối thoại", "version": case.version},
            content_type="application/json",
        ).status_code
        == 200
    )
    client.force_login(world.compiler_a)
    stale = client.patch(
        f"/api/v1/cases/{case.pk}/",
        {"direction": "Cưỡng chế", "version": case.version},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["version"] == case.version + 1
    assert Case.objects.get(pk=case.pk).direction == "Đối thoại"


def test_risk_guards_answer_400_and_a_raise_can_ask_for_a_report(client, world):
    case = open_case(world)
    client.force_login(world.compiler_a)
    url = f"/api/v1/cases/{case.pk}/risk/"
    assert (
        client.post(
            url, {"level": Risk.LIKELY, "reason": "vì"}, content_type="application/json"
        ).status_code
        == 400
    )
    assert (
        client.post(
            url, {"level": "soi_suc", "reason": REASON}, content_type="application/json"
        ).status_code
        == 400
    )
    response = client.post(
        url,
        {"level": Risk.HOTSPOT, "reason": REASON, "report_due_at": "2026-11-30T16:00:00+07:00"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["adhoc_request"] == AdHocRequest.objects.get().pk
    detail = client.get(f"/api/v1/cases/{case.pk}/").json()
    assert [c["to_risk"] for c in detail["risk_changes"]] == [Risk.LATENT, Risk.HOTSPOT]


def test_linking_items_out_of_scope_reads_as_missing(client, world, items):
    case = open_case(world)
    client.force_login(world.compiler_a)
    url = f"/api/v1/cases/{case.pk}/items/"
    assert (
        client.post(url, {"items": [items["b"].pk]}, content_type="application/json").status_code
        == 400
    )
    assert client.post(url, {"items": [items["a"].pk]}, content_type="application/json").json()[
        "items"
    ] == [items["a"].pk]


def test_the_endpoints_are_in_the_schema(client, world):
    client.force_login(world.reporter_a)
    schema = client.get("/api/v1/schema/").content.decode()
    for path in (
        "/api/v1/cases/",
        "/api/v1/cases/{id}/",
        "/api/v1/cases/{id}/risk/",
        "/api/v1/cases/{id}/developments/",
        "/api/v1/cases/{id}/items/",
    ):
        assert f"{path}:" in schema, path
