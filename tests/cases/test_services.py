"""Cases: who sees them, editing under optimistic locking, the timeline, linked items, and
what a raise sets going — leadership told at once, an ad-hoc report asked of the units
concerned."""

import datetime as dt

import pytest
from django.core import mail

from dantinh.cases import selectors, services
from dantinh.cases.models import Case, Risk, RiskChange
from dantinh.core.concurrency import ConflictError
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.reporting import notify
from dantinh.reporting.models import AdHocRequest, Notification
from tests.cases.conftest import NOW, open_case
from tests.factories import Role, member

pytestmark = pytest.mark.django_db
REASON = "Hàng trăm hộ tụ tập trước trụ sở, có người quá khích"
DUE = NOW + dt.timedelta(days=3)


# --- scope -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("reporter_a", True),
        ("compiler_a", True),
        ("leader", True),  # the city, above
        ("admin", True),
        ("superuser", True),
        ("compiler_b", False),
        ("reporter_b", False),
        ("area_officer", False),  # the Front's officer follows commune B only
        ("outsider", False),
    ],
)
def test_a_case_is_seen_in_its_unit_and_above(world, case_a, who, sees):
    user = getattr(world, who)
    assert selectors.cases_visible(user).filter(pk=case_a.pk).exists() is sees
    if not sees:
        with pytest.raises(Case.DoesNotExist):
            selectors.case_get(user=user, pk=case_a.pk)


def test_a_body_involved_sees_the_case_but_cannot_change_it(world):
    police_a = member("police_a", world.front, Role.COMPILER)  # the city Front's compiler
    case = open_case(world, actor=world.leader, involved_units=[])
    assert not selectors.cases_visible(police_a).filter(pk=case.pk).exists()
    services.case_update(actor=world.leader, case=case, involved_units=[world.front])
    assert selectors.cases_visible(police_a).filter(pk=case.pk).exists()
    with pytest.raises(PermissionDeniedError):
        services.case_update(actor=police_a, case=case, title="Tiêu đề khác")
    with pytest.raises(PermissionDeniedError):
        services.case_change_risk(actor=police_a, case=case, level=Risk.LIKELY, reason=REASON)


def test_naming_a_unit_outside_ones_scope_is_refused(world, case_a):
    with pytest.raises(ValidationError) as exc:
        services.case_update(actor=world.compiler_a, case=case_a, involved_units=[world.front])
    assert "involved_units" in exc.value.errors


# --- opening and editing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("compiler_a", True),
        ("leader", True),
        ("admin", True),
        ("reporter_a", False),
        ("compiler_b", False),
        ("outsider", False),
    ],
)
def test_who_may_open_a_case_in_commune_a(world, who, allowed):
    if allowed:
        case = open_case(world, actor=getattr(world, who))
        assert case.unit_path == world.commune_a.path and case.risk == Risk.LATENT
    else:
        with pytest.raises(PermissionDeniedError):
            open_case(world, actor=getattr(world, who))
        assert not Case.objects.exists()


def test_an_area_officer_opens_a_case_in_the_area_they_follow(world):
    case = services.case_create(
        actor=world.area_officer,
        unit=world.commune_b,
        place=world.village_b1,
        title="Tụ tập đông người tại thôn Đông",
        situation="Người dân tụ tập phản đối ô nhiễm.",
        opened_on="20/11/2026",
    )
    assert case.opened_on == dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "  "}, "title"),
        ({"situation": ""}, "situation"),
        ({"opened_on": "30/11/2026"}, "opened_on"),  # in the future
        ({"opened_on": "31/02/2026"}, "opened_on"),
        ({"scale": "-5"}, "scale"),
    ],
)
def test_bad_values_are_refused_with_a_message_per_field(world, values, field):
    with pytest.raises(ValidationError) as exc:
        open_case(world, **values)
    assert field in exc.value.errors and exc.value.errors[field]
    assert not Case.objects.exists()


def test_the_place_lies_within_the_unit_following_the_case(world):
    with pytest.raises(ValidationError) as exc:
        open_case(world, place=world.village_b1)
    assert "place" in exc.value.errors


def test_two_people_editing_at_once_do_not_overwrite_each_other(world, case_a):
    read_at = case_a.version
    services.case_update(
        actor=world.leader, case=case_a, version=read_at, direction="Tổ chức đối thoại"
    )
    with pytest.raises(ConflictError) as exc:
        services.case_update(
            actor=world.compiler_a, case=case_a, version=read_at, direction="Cưỡng chế"
        )
    assert "leader" in exc.value.message and "Tổ chức đối thoại" in exc.value.message
    case_a.refresh_from_db()
    assert case_a.direction == "Tổ chức đối thoại" and case_a.version == read_at + 1
    # Saving again over the version now stored is a knowing choice.
    services.case_update(
        actor=world.compiler_a, case=case_a, version=exc.value.version, direction="Cưỡng chế"
    )
    assert Case.objects.get(pk=case_a.pk).direction == "Cưỡng chế"


def test_the_risk_level_is_not_edited_like_a_description(world, case_a):
    with pytest.raises(ValidationError):
        services.case_update(actor=world.compiler_a, case=case_a, risk=Risk.HOTSPOT)
    assert Case.objects.get(pk=case_a.pk).risk == Risk.LATENT


# --- timeline and items ------------------------------------------------------------------


def test_the_timeline_holds_developments_and_changes_by_date(world, case_a):
    services.development_add(
        actor=world.compiler_a, case=case_a, happened_on="05/11/2026", text="Đối thoại lần 1"
    )
    services.case_change_risk(
        actor=world.compiler_a, case=case_a, level=Risk.LIKELY, reason=REASON, on="08/11/2026"
    )
    services.development_add(
        actor=world.compiler_a,
        case=case_a,
        happened_on="03/11/2026",
        text="Người dân gửi đơn tập thể",
    )
    entries = selectors.timeline(case_a)
    assert [(e["on"].day, e["kind"]) for e in entries] == [
        (2, "risk"),
        (3, "development"),
        (5, "development"),
        (8, "risk"),
    ]


@pytest.mark.parametrize("day", ["01/11/2026", "26/11/2026", ""])
def test_a_development_is_dated_within_the_case(world, case_a, day):
    with pytest.raises(ValidationError) as exc:
        services.development_add(actor=world.compiler_a, case=case_a, happened_on=day, text="x")
    assert "happened_on" in exc.value.errors
    assert not case_a.developments.exists()


def test_a_reporter_cannot_write_the_timeline(world, case_a):
    with pytest.raises(PermissionDeniedError):
        services.development_add(
            actor=world.reporter_a, case=case_a, happened_on="05/11/2026", text="Ghi chú"
        )


def test_items_are_linked_only_when_the_actor_sees_them(world, case_a, items):
    assert services.case_link_items(actor=world.compiler_a, case=case_a, items=[items["a"]]) == 1
    assert services.case_link_items(actor=world.compiler_a, case=case_a, items=[items["a"]]) == 0
    with pytest.raises(ValidationError):
        services.case_link_items(actor=world.compiler_a, case=case_a, items=[items["b"]])
    assert list(case_a.items.all()) == [items["a"]]
    # The reader sees the linked items in their own scope only.
    services.case_link_items(actor=world.leader, case=case_a, items=[items["b"]])
    assert set(selectors.linked_items(user=world.compiler_a, case=case_a)) == {items["a"]}
    assert len(selectors.linked_items(user=world.leader, case=case_a)) == 2


# --- raising: leadership told, an ad-hoc report asked ------------------------------------


def _notices(user):
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_raising_to_likely_tells_the_leaders_at_once(
    world, case_a, django_capture_on_commit_callbacks
):
    world.leader.email = "lanhdao@example.org"
    world.leader.save(update_fields=["email"])
    commune_leader = member("leader_a", world.commune_a, Role.LEADER)
    with django_capture_on_commit_callbacks(execute=True):
        change = services.case_change_risk(
            actor=world.compiler_a, case=case_a, level=Risk.LIKELY, reason=REASON
        )
    assert change.notified == 2
    assert _notices(world.leader) == ["case_likely"] and _notices(commune_leader) == ["case_likely"]
    assert _notices(world.compiler_a) == [] and _notices(world.compiler_b) == []
    note = Notification.objects.get(user=world.leader)
    text = notify.message(note.kind, note.params)
    assert case_a.title in text and REASON in text and note.url == f"/cases/{case_a.pk}/"
    assert [m.to for m in mail.outbox] == [["lanhdao@example.org"]]
    assert case_a.title in mail.outbox[0].subject


def test_only_raises_to_likely_or_hotspot_tell_leadership(world, case_a):
    case_a.resolution = "Đã đối thoại"
    case_a.save()
    steps = [
        (Risk.HOTSPOT, ["case_hotspot"]),
        (Risk.LIKELY, []),  # lowered
        (Risk.LATENT, []),
        (Risk.RESOLVED, []),
        (Risk.LIKELY, ["case_likely"]),  # reopened at "likely"
    ]
    told = []
    for level, expected in steps:
        services.case_change_risk(actor=world.compiler_a, case=case_a, level=level, reason=REASON)
        kinds = _notices(world.leader)
        assert kinds[: len(kinds) - len(told)] == expected, level
        told = kinds


def test_the_one_who_raises_is_not_told_of_it(world, case_a):
    services.case_change_risk(actor=world.leader, case=case_a, level=Risk.HOTSPOT, reason=REASON)
    assert _notices(world.leader) == []


def test_opening_a_case_as_a_hotspot_tells_leadership(world):
    open_case(world, level=Risk.HOTSPOT, reason=REASON)
    assert _notices(world.leader) == ["case_hotspot"]


def test_the_notice_leaves_with_the_case_out_of_a_leaders_scope(world, case_a):
    leader_b = member("leader_b", world.commune_b, Role.LEADER)
    services.case_change_risk(
        actor=world.compiler_a, case=case_a, level=Risk.HOTSPOT, reason=REASON
    )
    assert _notices(leader_b) == []


def test_raising_can_ask_the_units_concerned_for_an_ad_hoc_report(
    world, case_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change = services.case_change_risk(
            actor=world.compiler_a,
            case=case_a,
            level=Risk.HOTSPOT,
            reason=REASON,
            report=services.ReportAsk(due_at=DUE),
        )
    request = AdHocRequest.objects.get()
    assert change.adhoc_request == request
    assert request.unit == world.commune_a and list(request.units.all()) == [world.village_a1]
    assert case_a.title in request.title and request.due_at == DUE


def test_a_leader_above_asks_the_commune_and_the_place(world, case_a):
    services.case_change_risk(
        actor=world.leader,
        case=case_a,
        level=Risk.LIKELY,
        reason=REASON,
        report=services.ReportAsk(due_at=DUE),
    )
    request = AdHocRequest.objects.get()
    assert request.unit == world.province
    assert set(request.units.all()) == {world.commune_a, world.village_a1}


def test_no_report_is_asked_when_lowering(world, case_a):
    services.case_change_risk(
        actor=world.compiler_a, case=case_a, level=Risk.HOTSPOT, reason=REASON
    )
    with pytest.raises(ValidationError) as exc:
        services.case_change_risk(
            actor=world.compiler_a,
            case=case_a,
            level=Risk.LIKELY,
            reason=REASON,
            report=services.ReportAsk(due_at=DUE),
        )
    assert "report" in exc.value.errors
    assert not AdHocRequest.objects.exists()
    assert Case.objects.get(pk=case_a.pk).risk == Risk.HOTSPOT


def test_a_report_in_the_past_refuses_the_whole_change(world, case_a):
    with pytest.raises(ValidationError) as exc:
        services.case_change_risk(
            actor=world.compiler_a,
            case=case_a,
            level=Risk.HOTSPOT,
            reason=REASON,
            report=services.ReportAsk(due_at=NOW - dt.timedelta(hours=1)),
        )
    assert "due_at" in exc.value.errors
    assert Case.objects.get(pk=case_a.pk).risk == Risk.LATENT
    assert RiskChange.objects.count() == 1 and not Notification.objects.exists()


def test_a_reporter_who_cannot_request_reports_has_nobody_to_ask(world, case_a):
    requester, units = services.report_plan(actor=world.reporter_a, case=case_a)
    assert requester is None and units == []


# --- a risk change recorded after the fact ------------------------------------------------


@pytest.mark.parametrize(
    "on,alarmed",
    [(dt.date(2026, 11, 25), True), (dt.date(2026, 11, 24), True), (dt.date(2026, 11, 23), False)],
)
def test_a_change_recorded_after_the_fact_is_told_without_the_alarm(
    world, case_a, django_capture_on_commit_callbacks, on, alarmed
):
    """Today 25/11: a raise dated today or yesterday is news (at once, e-mailed); dated the
    23rd it was recorded after the fact: leaders are told so in the application, with its
    day, and nobody is e-mailed as if it were happening now."""
    world.leader.email = "lanhdao@example.org"
    world.leader.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        change = services.case_change_risk(
            actor=world.compiler_a, case=case_a, level=Risk.HOTSPOT, reason=REASON, on=on
        )
    assert change.notified == 1 and change.recorded_late is not alarmed
    note = Notification.objects.get(user=world.leader)
    text = notify.message(note.kind, note.params)
    if alarmed:
        assert note.kind == "case_hotspot" and len(mail.outbox) == 1
    else:
        assert note.kind == "case_recorded_late" and mail.outbox == []
        assert "23/11/2026" in text and "ghi nhận sau" in text.lower()
    assert case_a.title in text and REASON in text


def test_opening_a_case_that_arose_weeks_ago_as_a_hotspot_is_news(world):
    case = open_case(world, level=Risk.HOTSPOT, reason=REASON, opened_on=dt.date(2026, 10, 1))
    assert _notices(world.leader) == ["case_hotspot"]
    assert not case.risk_changes.get().recorded_late


def test_the_timeline_says_a_change_was_recorded_after_the_fact(client, world, case_a):
    services.case_change_risk(
        actor=world.compiler_a,
        case=case_a,
        level=Risk.LIKELY,
        reason=REASON,
        on=dt.date(2026, 11, 20),
    )
    client.force_login(world.leader)
    page = client.get(f"/cases/{case_a.pk}/").content.decode()
    assert "Ghi nhận sau, ngày 25/11/2026" in page
    assert "không phát cảnh báo" in page
