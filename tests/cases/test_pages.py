"""The case pages against a table of roles × outcomes: commune A's case is seen in commune A
and above, changed by those who may, and outside the scope reads exactly like a missing id."""

import pytest
from django.urls import reverse

from dantinh.cases import services
from dantinh.cases.models import Case, Risk
from dantinh.core.models import AuditEntry
from dantinh.reporting.models import Notification
from tests.cases.conftest import open_case

pytestmark = pytest.mark.django_db
MISSING = 999_999
ROLES = ["reporter_a", "compiler_a", "leader", "compiler_b", "area_officer", "outsider", None]
REASON = "Người dân tụ tập đông, chặn đường thi công"


def _outcomes(reporter_a, compiler_a, leader, outside, anonymous=302):
    return dict(
        zip(
            ROLES,
            [reporter_a, compiler_a, leader, outside, outside, outside, anonymous],
            strict=True,
        )
    )


# (method, url name, data, statuses by role); the case is commune A's.
PAGES = [
    ("get", "cases:case_detail", None, _outcomes(200, 200, 200, 404)),
    ("get", "cases:case_edit", None, _outcomes(403, 200, 200, 404)),
    ("post", "cases:case_edit", {"title": ""}, _outcomes(403, 200, 200, 404)),
    ("get", "cases:case_risk", None, _outcomes(403, 200, 200, 404)),
    (
        "post",
        "cases:case_risk",
        {"level": Risk.LIKELY, "reason": REASON, "on": "20/11/2026"},
        _outcomes(403, 302, 302, 404),
    ),
    (
        "post",
        "cases:development_add",
        {"happened_on": "20/11/2026", "text": "Đối thoại"},
        _outcomes(403, 302, 302, 404),
    ),
    ("post", "cases:items_link", {"numbers": "1"}, _outcomes(403, 302, 302, 404)),
    ("post", "cases:recommendations_link", {"numbers": "1"}, _outcomes(403, 302, 302, 404)),
]


def _snapshot():
    return (
        list(Case.objects.values_list("title", "risk", "version")),
        AuditEntry.objects.count(),
        Notification.objects.count(),
    )


@pytest.mark.parametrize(
    ("method", "name", "data", "expected"), PAGES, ids=[f"{p[0]} {p[1]}" for p in PAGES]
)
@pytest.mark.parametrize("who", ROLES)
def test_case_pages_by_role(client, world, method, name, data, expected, who):
    case = open_case(world)
    if who is not None:
        client.force_login(getattr(world, who))
    call = getattr(client, method)
    before = _snapshot()
    response = call(reverse(name, args=[case.pk]), data)
    assert response.status_code == expected[who], who
    if expected[who] in (302, 403, 404) and who is not None and expected[who] != 302:
        assert _snapshot() == before
    if expected[who] == 404:
        # A missing id reads the same.
        missing = call(reverse(name, args=[MISSING]), data)
        assert missing.status_code == 404
        assert case.title not in response.content.decode()
    if expected[who] == 200 and method == "get":
        assert case.title in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("compiler_a", 200),
        ("leader", 200),
        ("area_officer", 200),
        ("reporter_a", 404),
        ("outsider", 404),
        (None, 302),
    ],
)
def test_who_may_open_a_case(client, world, who, status):
    if who:
        client.force_login(getattr(world, who))
    assert client.get(reverse("cases:case_create")).status_code == status


@pytest.mark.parametrize("name", ["cases:board", "cases:case_list"])
@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("reporter_a", True),
        ("compiler_a", True),
        ("leader", True),
        ("compiler_b", False),
        ("area_officer", False),
        ("outsider", False),
    ],
)
def test_the_board_and_list_show_only_the_cases_in_scope(client, world, name, who, sees):
    case = open_case(world, level=Risk.HOTSPOT, reason=REASON)
    client.force_login(getattr(world, who))
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert (case.title in body) is sees
    assert ("Tổ dân phố số 1" in body) is sees
    # the charts' data too (its text is JSON, \u-escaped): not even the case's address
    assert (reverse("cases:case_detail", args=[case.pk]) in body) is sees


def test_anonymous_is_sent_to_sign_in(client, world):
    for name in ("cases:board", "cases:case_list", "cases:case_create"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith("/login/")


# --- what the pages do -------------------------------------------------------------------


def test_opening_a_case_through_the_form(client, world):
    client.force_login(world.compiler_a)
    response = client.post(
        reverse("cases:case_create"),
        {
            "title": "Ô nhiễm mùi từ bãi rác tổ dân phố số 2",
            "unit": world.commune_a.pk,
            "place": world.village_a2.pk,
            "opened_on": "15/11/2026",
            "situation": "Người dân phản ánh mùi hôi kéo dài.",
            "level": Risk.LIKELY,
            "reason": "Người dân dọa chặn xe chở rác",
            "involved_units": [world.village_a1.pk],
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "cases:case_detail", args=[case.pk]
    )
    assert (case.risk, case.place, case.unit) == (Risk.LIKELY, world.village_a2, world.commune_a)
    assert list(case.involved_units.all()) == [world.village_a1]
    assert Notification.objects.filter(user=world.leader, kind="case_likely").exists()


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(client, world):
    client.force_login(world.compiler_a)
    response = client.post(
        reverse("cases:case_create"),
        {
            "title": "Tranh chấp đất",
            "unit": world.commune_a.pk,
            "opened_on": "31/13/2026",
            "situation": "Mô tả dài",
        },
    )
    assert response.status_code == 200 and not Case.objects.exists()
    body = response.content.decode()
    assert "Tranh chấp đất" in body and "Mô tả dài" in body
    assert "31/13/2026" in body


def test_a_stale_edit_is_refused_and_shows_what_is_stored(client, world):
    case = open_case(world)
    services.case_update(actor=world.leader, case=case, direction="Đối thoại trực tiếp")
    client.force_login(world.compiler_a)
    data = {
        "title": case.title,
        "place": case.place_id,
        "opened_on": "02/11/2026",
        "situation": case.situation,
        "direction": "Cưỡng chế",
        "version": case.version,  # the version read before the leader's save
    }
    response = client.post(reverse("cases:case_edit", args=[case.pk]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đối thoại trực tiếp" in body and "Cưỡng chế" in body
    assert Case.objects.get(pk=case.pk).direction == "Đối thoại trực tiếp"


def test_the_risk_page_offers_only_the_allowed_levels(client, world):
    case = open_case(world, level=Risk.HOTSPOT, reason=REASON)
    client.force_login(world.compiler_a)
    body = client.get(reverse("cases:case_risk", args=[case.pk])).content.decode()
    assert f'value="{Risk.LIKELY}"' in body and f'value="{Risk.RESOLVED}"' in body
    assert f'value="{Risk.LATENT}"' not in body


def test_raising_through_the_page_with_an_ad_hoc_report(client, world):
    case = open_case(world)
    client.force_login(world.compiler_a)
    response = client.post(
        reverse("cases:case_risk", args=[case.pk]),
        {
            "level": Risk.HOTSPOT,
            "reason": REASON,
            "on": "25/11/2026",
            "ask_report": "on",
            "due_on": "30/11/2026",
        },
        follow=True,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "1 units" in body or "1 đơn vị" in body
    change = Case.objects.get(pk=case.pk).risk_changes.last()
    assert change.adhoc_request is not None and change.notified == 1


def test_asking_for_a_report_without_a_deadline_is_refused(client, world):
    case = open_case(world)
    client.force_login(world.compiler_a)
    response = client.post(
        reverse("cases:case_risk", args=[case.pk]),
        {"level": Risk.HOTSPOT, "reason": REASON, "on": "25/11/2026", "ask_report": "on"},
    )
    assert response.status_code == 200
    assert Case.objects.get(pk=case.pk).risk == Risk.LATENT


def test_linking_an_item_of_another_commune_reads_as_not_found(client, world, items):
    case = open_case(world)
    client.force_login(world.compiler_a)
    client.post(reverse("cases:items_link", args=[case.pk]), {"numbers": f"{items['b'].pk}"})
    assert not case.items.exists()
    client.post(reverse("cases:items_link", args=[case.pk]), {"numbers": f"#{items['a'].pk}"})
    assert list(case.items.all()) == [items["a"]]
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert items["a"].headline[:30] in page


def test_the_detail_page_reads_in_few_queries(client, world, django_assert_max_num_queries):
    case = open_case(world)
    for day in range(3, 10):
        services.development_add(
            actor=world.compiler_a,
            case=case,
            happened_on=f"{day:02d}/11/2026",
            text=f"Diễn biến {day}",
        )
    client.force_login(world.leader)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 200


def test_the_board_charts_carry_the_cases_and_their_tables(client, world):
    """A dot per open case opening the case; the places' bars and the tables count the same
    cases, each count a link to the list of exactly those cases."""
    import json
    import re

    hot = open_case(world, level=Risk.HOTSPOT, reason=REASON, scale=120)
    latent = open_case(world, title="Mâu thuẫn ranh giới đất", opened_on="10/11/2026")
    client.force_login(world.leader)
    body = client.get(reverse("cases:board")).content.decode()
    assert "/static/vendor/plotly/plotly.min.js" in body

    def figure(name):
        found = re.search(rf'<script id="{name}-data" type="application/json">(.*?)</script>', body)
        return json.loads(found.group(1))

    dots = figure("age-chart")["data"]
    opened = sorted(url for trace in dots for url in trace["customdata"])
    assert opened == sorted(reverse("cases:case_detail", args=[c.pk]) for c in (hot, latent))
    bars = figure("place-chart")["data"]
    assert [sum(trace["x"]) for trace in bars] == [1, 0, 1]  # hotspot, likely, latent
    tables = body[body.index("<details>") :].replace("&amp;", "&")
    part = bars[0]["customdata"][0]
    assert f'<a href="{part}">1</a>' in tables
    listing = client.get(part).content.decode()
    assert hot.title in listing and latent.title not in listing


@pytest.mark.parametrize(
    ("who", "status"),
    [("reporter_a", 403), ("compiler_a", 302), ("leader", 302), ("compiler_b", 404), (None, 302)],
)
def test_unlinking_an_item_by_role(client, world, items, who, status):
    case = open_case(world, items=[items["a"]])
    if who:
        client.force_login(getattr(world, who))
    response = client.post(reverse("cases:item_unlink", args=[case.pk, items["a"].pk]))
    assert response.status_code == status
    assert case.items.exists() is (who not in ("compiler_a", "leader"))


def test_a_risk_change_without_a_date_takes_effect_today(client, world):
    case = open_case(world)
    client.force_login(world.compiler_a)
    client.post(
        reverse("cases:case_risk", args=[case.pk]), {"level": Risk.LIKELY, "reason": REASON}
    )
    case.refresh_from_db()
    assert case.risk == Risk.LIKELY and case.risk_since.isoformat() == "2026-11-25"
