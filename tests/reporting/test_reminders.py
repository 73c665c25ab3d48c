"""Reminders before and after the deadline: sent once however often the job runs; one
unit's failure does not stop the others; chasing by hand."""

import pytest
from django.core import mail

from dantinh.core import tasks
from dantinh.core.errors import PermissionDeniedError
from dantinh.reporting import notify, reminders, services
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
    """At the pinned 'now' (Wednesday 25/11 17:00) week 48 is due within a day."""
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
    assert not Reminder.objects.filter(unit=world.commune_a).exists()


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


def test_chasing_by_hand(emails):
    from dantinh.core.errors import ValidationError

    world = emails
    weekly = Schedule.objects.get(slug="weekly")
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
