"""Reminders before and after the deadline: sent once however often the job runs; one
unit's failure does not stop the others; chasing by hand."""

from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from dantinh.core.errors import PermissionDeniedError
from dantinh.reporting import notify, reminders, services, tasks
from dantinh.reporting.models import Notification, Reminder, Schedule
from tests.reporting.conftest import at

pytestmark = pytest.mark.django_db
DAY_BEFORE = at(2026, 11, 4, 17, 0)  # W45 is due Thursday 5/11 16:00
JUST_AFTER = at(2026, 11, 5, 16, 30)


def test_reminder_before_the_deadline_is_sent_once(emails):
    world = emails
    first = reminders.run(now=DAY_BEFORE)
    second = reminders.run(now=DAY_BEFORE)
    # The weekly W45 for communes A and B; and October's monthly reports, due 3/11, overdue
    # for A and B and for the city's Front (which has no compiler to write to).
    assert (first.sent, second.sent, second.skipped) == (5, 0, 5)
    before = Reminder.objects.filter(kind="before")
    assert sorted((r.unit.name, r.period_key) for r in before) == [
        ("Phường Lê Chân", "2026-W45"),
        ("Xã An Hưng", "2026-W45"),
    ]
    assert Reminder.objects.filter(kind="overdue", period_key="2026-10").count() == 3
    weekly_mails = [m for m in mail.outbox if "tuần 45" in m.subject]
    assert sorted(m.to[0] for m in weekly_mails) == [
        "compiler_a@example.org",
        "compiler_b@example.org",
    ]
    assert len(mail.outbox) == 4
    assert "Phường Lê Chân" in next(
        m.subject for m in weekly_mails if m.to == ["compiler_a@example.org"]
    )
    assert Notification.objects.filter(kind="remind_before").count() == 2
    assert notify.unread_count(world.compiler_a) == 2


def test_after_the_deadline_only_those_who_did_not_submit(emails, weekly):
    world = emails
    submission = services.submission_draft(
        actor=world.compiler_a,
        unit=world.commune_a,
        schedule=weekly,
        period_key="2026-W45",
        now=at(2026, 11, 3),
    )
    services.submission_submit(
        actor=world.compiler_a, submission=submission, now=at(2026, 11, 5, 15, 0)
    )
    reminders.run(now=JUST_AFTER)
    reminders.run(now=JUST_AFTER)
    overdue = Reminder.objects.filter(kind="overdue", period_key="2026-W45")
    assert [r.unit for r in overdue] == [world.commune_b]
    assert [m.to for m in mail.outbox if "tuần 45" in m.subject] == [["compiler_b@example.org"]]


def test_the_periodic_job_twice_sends_nothing_twice(emails):
    """At the pinned 'now' (Wednesday 25/11 17:00) week 48 is due within a day. Reporting
    declares its own periodic job, once."""
    from dantinh.core import tasks as core_tasks

    assert not hasattr(core_tasks, "send_reminders")
    tasks.send_reminders.call_local()
    count = (Reminder.objects.count(), len(mail.outbox), Notification.objects.count())
    assert count == (2, 2, 2)
    tasks.send_reminders.call_local()
    assert (Reminder.objects.count(), len(mail.outbox), Notification.objects.count()) == count


def test_one_failing_unit_does_not_stop_the_others(emails, monkeypatch):
    world = emails
    real = notify.compilers_of

    def flaky(unit):
        if unit.pk == world.commune_a.pk:
            raise RuntimeError("boom")
        return real(unit)

    monkeypatch.setattr(notify, "compilers_of", flaky)
    summary = reminders.run(now=DAY_BEFORE)
    assert (summary.sent, summary.failed) == (3, 2)  # A fails for the weekly and the monthly
    assert {m.to[0] for m in mail.outbox} == {"compiler_b@example.org"}
    failed = Reminder.objects.filter(unit=world.commune_a)
    assert sorted((r.status, r.error, r.attempts) for r in failed) == [("failed", "boom", 1)] * 2
    monkeypatch.setattr(notify, "compilers_of", real)
    assert reminders.run(now=DAY_BEFORE).retried == 2  # told on the next run
    assert {r.status for r in failed.all()} == {"sent"}


def test_a_failed_email_is_recorded_and_retried(emails, monkeypatch):
    from django.core.mail import EmailMessage

    original = EmailMessage.send
    monkeypatch.setattr(
        EmailMessage,
        "send",
        lambda self, fail_silently=False: (_ for _ in ()).throw(OSError("SMTP down")),
    )
    reminders.run(now=DAY_BEFORE)
    failed = Reminder.objects.filter(kind="before")
    assert failed.count() == 2
    assert all(r.error == "SMTP down" and r.attempts == 1 for r in failed)
    assert (
        Notification.objects.filter(kind="remind_before").count() == 2
    )  # in the application all the same
    monkeypatch.setattr(EmailMessage, "send", original)
    reminders.run(now=DAY_BEFORE)
    assert all(
        r.error == "" and r.attempts == 2 and r.emails == 1
        for r in Reminder.objects.filter(kind="before")
    )
    assert len(mail.outbox) == 4  # the two weekly and the two monthly reminders, sent on the retry
    assert Notification.objects.filter(kind="remind_before").count() == 2  # not notified twice


def test_chasing_by_hand(emails, django_capture_on_commit_callbacks):
    from dantinh.core.errors import ValidationError

    world = emails
    weekly = Schedule.objects.get(slug="weekly")
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            reminders.chase(
                actor=world.admin,
                schedule=weekly,
                period_key="2026-W45",
                units=[world.commune_a, world.commune_b],
                now=JUST_AFTER,
            )
            == 2
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            reminders.chase(
                actor=world.admin,
                schedule=weekly,
                period_key="2026-W45",
                units=[world.commune_b],
                now=at(2026, 11, 6, 9, 0),
            )
            == 1
        )
    assert Reminder.objects.filter(kind="chase", unit=world.commune_b).count() == 2
    assert Notification.objects.filter(user=world.compiler_b, kind="chase").count() == 2
    with pytest.raises(PermissionDeniedError):
        reminders.chase(
            actor=world.compiler_a, schedule=weekly, period_key="2026-W45", units=[world.commune_b]
        )
    with pytest.raises(PermissionDeniedError):
        reminders.chase(
            actor=world.leader, schedule=weekly, period_key="2026-W45", units=[world.commune_b]
        )
    with pytest.raises(ValidationError):  # closed on Monday 9/11 16:00
        reminders.chase(
            actor=world.admin,
            schedule=weekly,
            period_key="2026-W45",
            units=[world.commune_b],
            now=at(2026, 11, 9, 16, 0),
        )


def test_notifications_respect_scope(emails):
    """A notification about a unit that has left the reader's scope is no longer shown."""
    world = emails
    reminders.run(now=DAY_BEFORE)
    assert notify.unread_count(world.compiler_b) == 2
    world.compiler_b.memberships.update(is_active=False)
    from dantinh.org import policies

    policies.forget(world.compiler_b)
    assert notify.unread_count(world.compiler_b) == 0


class RefusingMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Máy chủ thư không trả lời")


def test_chasing_writes_the_reminder_and_leaves_the_mail_to_the_worker(
    client, emails, django_capture_on_commit_callbacks
):
    world = emails
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(
            reverse("reporting:chasing"),
            {"schedule": "weekly", "period": "2026-W48", "units": [world.commune_b.pk]},
        )
    assert response.status_code == 302
    reminder = Reminder.objects.get(kind="chase")
    # Nothing was sent from the request: the reminder waits for the worker.
    assert (reminder.status, reminder.attempts, len(mail.outbox)) == ("pending", 0, 0)
    assert not Notification.objects.filter(kind="chase").exists()
    for callback in queued:  # the worker's turn (and the audit trail's sealing)
        callback()
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.emails) == ("sent", 1, 1)
    assert [m.to for m in mail.outbox] == [["compiler_b@example.org"]]
    assert Notification.objects.filter(user=world.compiler_b, kind="chase").count() == 1


def test_a_mail_server_failing_while_chasing_does_not_fail_the_request(
    client, emails, settings, django_capture_on_commit_callbacks
):
    world = emails
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:chasing"),
            {"schedule": "weekly", "period": "2026-W48", "units": [world.commune_b.pk]},
        )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Đang gửi nhắc cho 1 đơn vị" in page
    reminder = Reminder.objects.get(kind="chase")
    assert (reminder.status, reminder.attempts, reminder.error) == (
        "failed",
        1,
        "Máy chủ thư không trả lời",
    )
    assert "Chưa gửi được: Máy chủ thư không trả lời" in page  # on the chasing list's row
    # In the application all the same.
    assert Notification.objects.filter(user=world.compiler_b, kind="chase").count() == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders.run().retried == 1  # the periodic job tries again
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.error) == ("sent", 2, "")
    chased = [m.to for m in mail.outbox if "đề nghị khẩn trương gửi báo cáo" in m.subject]
    assert chased == [["compiler_b@example.org"]]
    assert Notification.objects.filter(user=world.compiler_b, kind="chase").count() == 1


def test_a_reminder_is_tried_three_times_at_most(emails, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    reminders.run(now=DAY_BEFORE)
    reminders.run(now=DAY_BEFORE)
    reminders.run(now=DAY_BEFORE)
    reminders.run(now=DAY_BEFORE)
    tried = Reminder.objects.filter(kind="before")
    assert [(r.status, r.attempts) for r in tried] == [("failed", 3), ("failed", 3)]


@pytest.fixture
def queue():
    """The task queue as in production: tasks wait for the worker instead of running at once."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = False
    HUEY.flush()
    yield HUEY
    HUEY.flush()
    HUEY.immediate = True


def _run_queued(huey) -> list[str]:
    """Run what waits in the queue, as the worker would (but in the test's transaction: a
    worker's task closes its database connection, which would end the test's)."""
    queued = []
    while (task := huey.dequeue()) is not None:
        queued.append(task)
    huey.immediate = True
    for task in queued:
        huey.execute(task)
    return [task.name for task in queued]


def test_chasing_and_ad_hoc_notices_go_through_the_task_queue(
    emails, queue, django_capture_on_commit_callbacks
):
    from dantinh.reporting import config_services
    from dantinh.reporting.models import ReportTemplate

    world = emails
    with django_capture_on_commit_callbacks(execute=True):
        reminders.chase(
            actor=world.admin,
            schedule=Schedule.objects.get(slug="weekly"),
            period_key="2026-W48",
            units=[world.commune_a],
        )
        config_services.adhoc_request_create(
            actor=world.leader,
            unit=world.province,
            title="Tình hình sau bão",
            template=ReportTemplate.objects.get(),
            units=[world.commune_b],
            window_start=at(2026, 11, 20).date(),
            window_end=at(2026, 11, 25).date(),
            due_at=at(2026, 12, 10, 16, 0),
        )
    # Committed, nobody told yet: the worker does it.
    assert (len(mail.outbox), Notification.objects.count()) == (0, 0)
    # The audit trail seals its entries in tasks of its own.
    reporting = [n for n in _run_queued(queue) if n != "seal_audit_trail"]
    assert sorted(reporting) == ["deliver_reminder", "tell_adhoc"]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "compiler_a@example.org",
        "compiler_b@example.org",
    ]
    assert sorted(Notification.objects.values_list("kind", flat=True)) == ["adhoc", "chase"]
