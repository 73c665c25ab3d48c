"""Ad-hoc requests changed and cancelled: what may change before and after a unit has sent its
report, who may change it, what a cancelled request no longer counts in, who is told, the
audit trail, and the pages against a table of roles × outcomes."""

import pytest
from django.core import mail
from django.urls import reverse

from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.core.models import AuditEntry
from dantinh.reporting import config_services, notify, reminders, selectors, services, timeliness
from dantinh.reporting.models import (
    AdHocRequest,
    Notification,
    ReportTemplate,
    Schedule,
    Submission,
)
from dantinh.reporting.obligations import obligated_units
from dantinh.reporting.periods import adhoc_period
from tests.factories import Role, make_unit, member
from tests.reporting.conftest import NOW, at

pytestmark = pytest.mark.django_db
TITLE = "Tình hình Nhân dân sau bão số 5"


@pytest.fixture
def adhoc(db) -> Schedule:
    return Schedule.objects.get(slug="ad-hoc")


@pytest.fixture
def request_a(emails, django_capture_on_commit_callbacks) -> AdHocRequest:
    """The city's leader asks commune A for an ad-hoc report due 10/12 16:00, closing 15/12."""
    world = emails
    with django_capture_on_commit_callbacks(execute=True):
        made = config_services.adhoc_request_create(
            actor=world.leader,
            unit=world.province,
            title=TITLE,
            template=ReportTemplate.objects.first(),
            units=[world.commune_a],
            window_start=at(2026, 11, 20).date(),
            window_end=at(2026, 11, 25).date(),
            due_at=at(2026, 12, 10, 16, 0),
            lock_at=at(2026, 12, 15, 16, 0),
            instructions="Nêu rõ thiệt hại.",
        )
    mail.outbox.clear()
    return made


def draft_for(world, unit, actor, request, adhoc):
    return services.submission_draft(
        actor=actor, unit=unit, schedule=adhoc, period_key=request.period_key
    )


def sent_report(world, request, adhoc):
    draft = draft_for(world, world.commune_a, world.compiler_a, request, adhoc)
    services.section_update(
        actor=world.compiler_a, submission=draft, code="general", text="Thiệt hại nhẹ."
    )
    return services.submission_submit(actor=world.compiler_a, submission=draft)


def kinds_for(user):
    return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


# Changing a request ------------------------------------------------------------------------


def test_before_any_report_everything_can_change_and_the_units_are_told(
    world, request_a, adhoc, django_capture_on_commit_callbacks
):
    draft = draft_for(world, world.commune_a, world.compiler_a, request_a, adhoc)
    with django_capture_on_commit_callbacks(execute=True):
        config_services.adhoc_request_update(
            actor=world.leader,
            request=request_a,
            title="Thiệt hại sau bão số 5",
            instructions="",
            units=[world.commune_b],
            window_start=at(2026, 11, 18).date(),
            window_end=at(2026, 11, 24).date(),
            due_at=at(2026, 12, 5, 16, 0),
            lock_at=None,
        )
    request_a.refresh_from_db()
    assert request_a.title == "Thiệt hại sau bão số 5" and request_a.lock_at is None
    assert list(request_a.units.all()) == [world.commune_b]
    # The draft follows the request's new window, deadline and subject.
    draft.refresh_from_db()
    assert (draft.window_start, draft.due_at, draft.lock_at, draft.title) == (
        at(2026, 11, 18).date(),
        at(2026, 12, 5, 16, 0),
        None,
        "Thiệt hại sau bão số 5",
    )
    # Commune A no longer owes it and is told so; commune B is asked.
    period = adhoc_period(adhoc.pk, request_a)
    assert list(obligated_units(adhoc, period=period)) == [world.commune_b]
    assert kinds_for(world.compiler_a) == ["adhoc", "adhoc_withdrawn"]
    assert kinds_for(world.compiler_b) == ["adhoc"]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "compiler_a@example.org",
        "compiler_b@example.org",
    ]
    entry = AuditEntry.objects.filter(object_type="reporting.adhocrequest", action="update").latest(
        "id"
    )
    assert entry.actor_name == "leader"
    assert entry.changes["units"] == [[world.commune_a.pk], [world.commune_b.pk]]
    assert entry.changes["title"] == [TITLE, "Thiệt hại sau bão số 5"]


def test_a_moved_deadline_is_announced_to_the_units_asked(
    world, request_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        config_services.adhoc_request_update(
            actor=world.leader, request=request_a, due_at=at(2026, 12, 12, 16, 0)
        )
    note = Notification.objects.get(user=world.compiler_a, kind="adhoc_changed")
    text = notify.message(note.kind, note.params)
    assert TITLE in text and "12/12/2026" in text and "điều chỉnh" in text
    assert [m.to for m in mail.outbox] == [
        ["compiler_a@example.org"]
    ] and "12/12/2026" in mail.outbox[0].subject


def test_nothing_changed_records_nothing(world, request_a):
    before = AuditEntry.objects.count()
    config_services.adhoc_request_update(
        actor=world.leader,
        request=request_a,
        title=f"  {TITLE} ",
        units=[world.commune_a],
        due_at=request_a.due_at,
    )
    assert AuditEntry.objects.count() == before
    assert not Notification.objects.filter(kind__in=["adhoc_changed", "adhoc_withdrawn"]).exists()


def test_once_a_unit_has_sent_only_the_deadline_and_instructions_change(
    world, request_a, adhoc, django_capture_on_commit_callbacks
):
    sent = sent_report(world, request_a, adhoc)
    for changes in (
        {"title": "Khác"},
        {"units": [world.commune_a, world.commune_b]},
        {"window_end": at(2026, 11, 26).date()},
        {"due_at": at(2026, 12, 9, 16, 0)},
        {"lock_at": at(2026, 12, 14, 16, 0)},
    ):
        with pytest.raises(ValidationError) as exc:
            config_services.adhoc_request_update(actor=world.leader, request=request_a, **changes)
        assert set(exc.value.errors) == set(changes)
    with django_capture_on_commit_callbacks(execute=True):
        config_services.adhoc_request_update(
            actor=world.leader,
            request=request_a,
            instructions="Bổ sung số liệu.",
            due_at=at(2026, 12, 12, 16, 0),
            lock_at=None,
        )
    request_a.refresh_from_db()
    sent.refresh_from_db()
    assert (request_a.instructions, request_a.due_at, request_a.lock_at) == (
        "Bổ sung số liệu.",
        at(2026, 12, 12, 16, 0),
        None,
    )
    assert (sent.due_at, sent.lock_at, sent.title) == (at(2026, 12, 12, 16, 0), None, TITLE)


def test_bad_values_are_refused(world, request_a):
    elsewhere = make_unit("Tỉnh Quảng Ninh")
    cases = [
        ({"title": "  "}, "title"),
        ({"window_start": at(2026, 11, 30).date()}, "window_end"),
        ({"due_at": at(2026, 11, 20, 16, 0)}, "due_at"),
        ({"lock_at": at(2026, 12, 1, 16, 0)}, "lock_at"),
        ({"units": []}, "units"),
        ({"units": [elsewhere]}, "units"),
        ({"units": [world.province]}, "units"),
        ({"template": ReportTemplate.objects.first()}, "template"),
    ]
    for changes, field in cases:
        with pytest.raises(ValidationError) as exc:
            config_services.adhoc_request_update(actor=world.leader, request=request_a, **changes)
        assert field in exc.value.errors, changes


def _another_leader(world):
    return member("leader2", world.province, Role.LEADER)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("leader", True),
        ("admin", True),
        ("superuser", True),
        ("leader2", False),
        ("compiler_a", False),
        ("reporter_a", False),
        ("compiler_b", False),
        ("area_officer", False),
        ("outsider", False),
    ],
)
def test_who_may_change_or_cancel(world, request_a, who, allowed):
    actor = _another_leader(world) if who == "leader2" else getattr(world, who)
    if allowed:
        config_services.adhoc_request_update(
            actor=actor, request=request_a, instructions=f"Theo {who}."
        )
        assert config_services.adhoc_request_cancel(
            actor=actor, request=request_a, reason="Không cần nữa."
        ).is_cancelled
    else:
        with pytest.raises(PermissionDeniedError):
            config_services.adhoc_request_update(actor=actor, request=request_a, instructions="x")
        with pytest.raises(PermissionDeniedError):
            config_services.adhoc_request_cancel(actor=actor, request=request_a, reason="x")


def test_a_requester_who_has_left_the_unit_can_no_longer_change_it(world, request_a):
    from dantinh.org import policies

    world.leader.memberships.update(is_active=False)
    policies.forget(world.leader)
    with pytest.raises(PermissionDeniedError):
        config_services.adhoc_request_update(
            actor=world.leader, request=request_a, instructions="x"
        )


# Cancelling a request ----------------------------------------------------------------------


def test_a_cancelled_request_is_owed_nowhere(
    world, request_a, adhoc, django_capture_on_commit_callbacks
):
    draft = draft_for(world, world.commune_a, world.compiler_a, request_a, adhoc)
    with pytest.raises(ValidationError) as exc:
        config_services.adhoc_request_cancel(actor=world.leader, request=request_a, reason="  ")
    assert "reason" in exc.value.errors
    with django_capture_on_commit_callbacks(execute=True):
        config_services.adhoc_request_cancel(
            actor=world.leader, request=request_a, reason="Bão đã tan, không cần báo cáo."
        )
    request_a.refresh_from_db()
    assert (
        request_a.is_cancelled
        and request_a.cancelled_by == world.leader
        and request_a.cancelled_at == NOW
    )
    period = selectors.period_get(user=world.compiler_a, schedule=adhoc, key=request_a.period_key)
    assert period.cancelled
    # Obligations, timeliness and chasing, the to-do list, reminders.
    assert not obligated_units(adhoc, period=period).exists()
    assert timeliness.statuses(user=world.leader, schedule=adhoc, period=period, now=NOW) == []
    assert timeliness.chasing(user=world.admin, schedule=adhoc, period=period, now=NOW) == []
    assert all(
        o.period.adhoc_id is None for o in selectors.my_obligations(user=world.compiler_a, now=NOW)
    )
    with pytest.raises(ValidationError):
        reminders.chase(
            actor=world.admin,
            schedule=adhoc,
            period_key=request_a.period_key,
            units=[world.commune_a],
        )
    # The draft stays readable, but is neither changed nor sent; no new draft is begun.
    assert selectors.submission_get(user=world.compiler_a, pk=draft.pk) == draft
    with pytest.raises(ValidationError):
        services.section_update(
            actor=world.compiler_a, submission=draft, code="general", text="Muộn."
        )
    with pytest.raises(ValidationError):
        services.submission_submit(actor=world.compiler_a, submission=draft)
    assert Submission.objects.get(pk=draft.pk).status == "draft"
    with pytest.raises(ValidationError):
        draft_for(world, world.province, world.admin, request_a, adhoc)
    # Told, in the application and by e-mail, with the reason; and audited.
    note = Notification.objects.get(user=world.compiler_a, kind="adhoc_cancelled")
    assert "Bão đã tan" in notify.message(note.kind, note.params)
    assert [m.to for m in mail.outbox] == [["compiler_a@example.org"]] and "hủy" in mail.outbox[
        0
    ].subject
    entry = AuditEntry.objects.filter(
        object_type="reporting.adhocrequest", object_id=str(request_a.pk)
    ).latest("id")
    assert entry.actor_name == "leader" and entry.note == "cancelled"
    assert entry.changes["cancel_reason"] == ["", "Bão đã tan, không cần báo cáo."]
    # Final: neither changed nor cancelled again.
    with pytest.raises(ValidationError):
        config_services.adhoc_request_update(
            actor=world.leader, request=request_a, due_at=at(2026, 12, 20, 16, 0)
        )
    with pytest.raises(ValidationError):
        config_services.adhoc_request_cancel(
            actor=world.leader, request=request_a, reason="Lần nữa."
        )


def test_a_report_already_sent_stays_readable_and_reviewable(world, request_a, adhoc):
    sent = sent_report(world, request_a, adhoc)
    config_services.adhoc_request_cancel(
        actor=world.leader, request=request_a, reason="Không cần nữa."
    )
    sent.refresh_from_db()
    assert sent.status == "submitted" and sent.is_cancelled and not sent.is_editable
    assert services.submission_accept(actor=world.leader, submission=sent).status == "accepted"


def test_the_reminder_job_skips_a_cancelled_request(world, request_a):
    config_services.adhoc_request_cancel(
        actor=world.leader, request=request_a, reason="Không cần nữa."
    )
    reminders.run(now=at(2026, 12, 10, 9, 0))  # the day of its deadline
    assert not Notification.objects.filter(kind="remind_before", params__title=TITLE).exists()


# Pages ---------------------------------------------------------------------------------------


def login(client, world, who):
    if who == "leader2":
        client.force_login(_another_leader(world))
    elif who:
        client.force_login(getattr(world, who))


@pytest.mark.parametrize(
    ("who", "detail", "edit"),
    [
        ("leader", 200, 200),
        ("admin", 200, 200),
        ("leader2", 200, 403),
        ("compiler_a", 200, 403),
        ("reporter_a", 200, 403),
        ("compiler_b", 404, 404),
        ("area_officer", 404, 404),
        ("outsider", 404, 404),
    ],
)
def test_request_pages_by_role(client, world, request_a, who, detail, edit):
    login(client, world, who)
    assert client.get(reverse("reporting:adhoc_detail", args=[request_a.pk])).status_code == detail
    assert client.get(reverse("reporting:adhoc_edit", args=[request_a.pk])).status_code == edit
    assert client.get(reverse("reporting:adhoc_cancel", args=[request_a.pk])).status_code == edit
    response = client.post(
        reverse("reporting:adhoc_cancel", args=[request_a.pk]), {"reason": "Không cần nữa."}
    )
    assert response.status_code == (302 if edit == 200 else edit)
    request_a.refresh_from_db()
    assert request_a.is_cancelled is (edit == 200)


def test_not_yours_looks_like_not_found(client, world, request_a):
    client.force_login(world.compiler_b)
    for name in ("reporting:adhoc_detail", "reporting:adhoc_edit", "reporting:adhoc_cancel"):
        missing = client.get(reverse(name, args=[999_999]))
        not_yours = client.get(reverse(name, args=[request_a.pk]))
        assert missing.status_code == not_yours.status_code == 404


@pytest.mark.parametrize(
    "name", ["reporting:adhoc_detail", "reporting:adhoc_edit", "reporting:adhoc_cancel"]
)
def test_anonymous_goes_to_login(client, world, request_a, name):
    response = client.get(reverse(name, args=[request_a.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def _form(request, **overrides):
    data = {
        "title": request.title,
        "instructions": request.instructions,
        "units": [u.pk for u in request.units.all()],
        "window_start": "2026-11-20",
        "window_end": "2026-11-25",
        "due_at": "2026-12-10T16:00",
        "lock_at": "2026-12-15T16:00",
    }
    return data | overrides


def test_the_requester_changes_the_request_in_the_browser(
    client, world, request_a, django_capture_on_commit_callbacks
):
    client.force_login(world.leader)
    page = client.get(reverse("reporting:adhoc_detail", args=[request_a.pk])).content.decode()
    assert reverse("reporting:adhoc_edit", args=[request_a.pk]) in page
    assert reverse("reporting:adhoc_cancel", args=[request_a.pk]) in page
    form = client.get(reverse("reporting:adhoc_edit", args=[request_a.pk])).content.decode()
    assert 'value="2026-12-10T16:00"' in form and "Xã An Hưng" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:adhoc_edit", args=[request_a.pk]),
            _form(
                request_a, due_at="2026-12-11T16:00", units=[world.commune_a.pk, world.commune_b.pk]
            ),
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    request_a.refresh_from_db()
    assert request_a.due_at == at(2026, 12, 11, 16, 0)
    assert set(request_a.units.all()) == {world.commune_a, world.commune_b}
    assert kinds_for(world.compiler_a) == ["adhoc", "adhoc_changed"] and kinds_for(
        world.compiler_b
    ) == ["adhoc"]
    bad = client.post(
        reverse("reporting:adhoc_edit", args=[request_a.pk]),
        _form(request_a, lock_at="2026-12-01T16:00"),
    )
    assert (
        bad.status_code == 200
        and "Thời điểm khóa sổ không thể trước hạn nộp." in bad.content.decode()
    )


def test_once_answered_the_form_keeps_the_subject(client, world, request_a, adhoc):
    sent_report(world, request_a, adhoc)
    client.force_login(world.leader)
    form = client.get(reverse("reporting:adhoc_edit", args=[request_a.pk])).content.decode()
    assert "Đã có đơn vị gửi báo cáo" in form and "disabled" in form
    response = client.post(
        reverse("reporting:adhoc_edit", args=[request_a.pk]),
        _form(request_a, title="Bị bỏ qua", due_at="2026-12-12T16:00", lock_at=""),
    )
    assert response.status_code == 302
    request_a.refresh_from_db()
    assert (request_a.title, request_a.due_at, request_a.lock_at) == (
        TITLE,
        at(2026, 12, 12, 16, 0),
        None,
    )


def owed(home: str) -> str:
    """The "What my unit owes" table of the reports home."""
    return home.split('id="owe"')[1].split("</section>")[0] if 'id="owe"' in home else ""


def test_a_cancelled_request_in_the_browser(client, world, request_a, adhoc):
    draft = draft_for(world, world.commune_a, world.compiler_a, request_a, adhoc)
    client.force_login(world.compiler_a)
    assert TITLE in owed(client.get(reverse("reporting:home")).content.decode())
    client.force_login(world.leader)
    confirm = client.get(reverse("reporting:adhoc_cancel", args=[request_a.pk])).content.decode()
    assert "Lý do hủy" in confirm
    response = client.post(
        reverse("reporting:adhoc_cancel", args=[request_a.pk]), {"reason": "Không cần nữa."}
    )
    assert response.url == reverse("reporting:adhoc_detail", args=[request_a.pk])
    page = client.get(response.url).content.decode()
    assert "đã hủy" in page and "Không cần nữa." in page
    assert reverse("reporting:adhoc_edit", args=[request_a.pk]) not in page
    assert client.get(reverse("reporting:adhoc_edit", args=[request_a.pk])).status_code == 302
    listing = client.get(reverse("reporting:adhoc_list")).content.decode()
    assert "đã hủy" in listing
    client.force_login(world.compiler_a)
    assert TITLE not in owed(client.get(reverse("reporting:home")).content.decode())
    detail = client.get(reverse("reporting:submission_detail", args=[draft.pk])).content.decode()
    assert "đã bị hủy" in detail and reverse("reporting:submit", args=[draft.pk]) not in detail
    open_b = client.get(
        reverse("reporting:submission_open"),
        {"unit": world.commune_a.pk, "schedule": "ad-hoc", "period": request_a.period_key},
    )
    assert open_b.status_code == 302  # the draft exists: it opens, read-only
    client.force_login(world.admin)
    composite = client.get(
        reverse("reporting:composite"),
        {"unit": world.province.pk, "schedule": "ad-hoc", "period": request_a.period_key},
    ).content.decode()
    assert "đã bị hủy" in composite and "Soạn báo cáo tổng hợp" not in composite
    chasing = client.get(
        reverse("reporting:chasing"),
        {"unit": world.province.pk, "schedule": "ad-hoc", "period": request_a.period_key},
    ).content.decode()
    assert "Phường Lê Chân" not in chasing.split("<tbody>")[1].split("</tbody>")[0]


def test_a_request_without_a_deadline_is_refused_with_a_message(world, adhoc):
    with pytest.raises(ValidationError) as refused:
        config_services.adhoc_request_create(
            actor=world.leader,
            unit=world.province,
            title=TITLE,
            template=ReportTemplate.objects.get(),
            units=[world.commune_a],
            window_start=at(2026, 11, 20).date(),
            window_end=at(2026, 11, 25).date(),
            due_at=None,
            lock_at=at(2026, 12, 20, 16, 0),
        )
    assert refused.value.errors == {"due_at": "Hãy cho biết hạn nộp."}
