"""Reminders before a deadline, after it, and chasing by hand (đôn đốc).

Deciding and telling are apart. Deciding writes a `Reminder` row (the automatic kinds once per
unit, period and kind: the unique row is the guarantee, so running the job twice decides
nothing twice); telling — the in-application notices and the e-mail — happens in the worker,
after the row is committed (`deliver`, queued as `tasks.deliver_reminder`), outside any row
lock and never in a person's request. The row records the outcome (status, attempts, error);
a reminder whose e-mail failed is tried again by the next runs of the periodic job
(`tasks.send_reminders` calls `run()`), up to three attempts. Each unit is handled on its
own: one failure does not stop the rest.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.org.actors import require_actor, system_actor
from dantinh.org.models import Unit, User
from dantinh.reporting import notify, policy
from dantinh.reporting.models import AdHocRequest, Notification, Reminder, Schedule, Submission
from dantinh.reporting.obligations import obligated_units
from dantinh.reporting.periods import (
    Period,
    PeriodError,
    adhoc_period,
    format_deadline,
    holiday_set,
    last_due,
    next_due,
    resolve,
)

logger = logging.getLogger(__name__)
OVERDUE_FOR = dt.timedelta(days=3)  # after this, the desk chases by hand
MAX_ATTEMPTS = 3
# A delivery claimed this long ago without an outcome was lost with its worker: try again.
STALE_SENDING = dt.timedelta(minutes=15)
KIND_NOTICE = {
    Reminder.Kind.BEFORE: Notification.Kind.REMIND_BEFORE,
    Reminder.Kind.OVERDUE: Notification.Kind.REMIND_OVERDUE,
    Reminder.Kind.CHASE: Notification.Kind.CHASE,
}
Status = Reminder.Status


@dataclass
class Summary:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    retried: int = 0


def due_kind(schedule: Schedule, period: Period, now: dt.datetime) -> str | None:
    """Which automatic reminder is due now for the period, if any."""
    if period.due_at - dt.timedelta(hours=schedule.remind_before_hours) <= now < period.due_at:
        return Reminder.Kind.BEFORE
    if period.due_at <= now < period.due_at + OVERDUE_FOR and (
        period.lock_at is None or now < period.lock_at
    ):
        return Reminder.Kind.OVERDUE
    return None


def _candidates(now: dt.datetime) -> list[tuple[Schedule, Period]]:
    holidays = holiday_set()
    result = []
    for schedule in Schedule.objects.filter(is_active=True).select_related("template"):
        if schedule.is_ad_hoc:
            requests = AdHocRequest.objects.filter(
                cancelled_at__isnull=True,
                due_at__gt=now - OVERDUE_FOR,
                due_at__lt=now + dt.timedelta(days=8),
            )
            result.extend((schedule, adhoc_period(schedule.pk, r)) for r in requests)
            continue
        periods = {
            p.key: p for p in (next_due(schedule, now, holidays), last_due(schedule, now, holidays))
        }
        result.extend((schedule, p) for p in periods.values())
    return result


def _record(
    *, unit: Unit, schedule: Schedule, period: Period, kind: str, now: dt.datetime, actor: User
) -> Reminder | None:
    """Write the reminder's row (audited), to be delivered once committed; None when an
    automatic reminder of this kind was already decided for the unit and period."""
    with transaction.atomic():
        if kind == Reminder.Kind.CHASE:
            reminder = Reminder.objects.create(
                unit=unit,
                unit_path=unit.path,
                schedule=schedule,
                period_key=period.key,
                kind=kind,
                created_at=now,
                sent_by=actor,
            )
        else:
            try:
                with transaction.atomic():
                    reminder, created = Reminder.objects.get_or_create(
                        unit=unit,
                        schedule=schedule,
                        period_key=period.key,
                        kind=kind,
                        defaults={"unit_path": unit.path, "created_at": now},
                    )
            except IntegrityError:  # decided by another worker a moment ago
                return None
            if not created:
                return None
        audit.record(
            actor=actor,
            action=audit.Action.CREATE,
            obj=reminder,
            object_repr=f"{reminder.get_kind_display()}: {unit.full_name} — "
            f"{drafting_title(schedule, period)}",
            changes={"kind": [None, kind], "period": [None, period.key]},
        )
    return reminder


def _claim(reminder_id: int, now: dt.datetime) -> Reminder | None:
    """Take the reminder for one delivery attempt, under a short row lock; None when it has
    gone out, has used its attempts, or another worker is sending it."""
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update()
            .select_related("unit", "schedule")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None or reminder.status == Status.SENT:
            return None
        if reminder.attempts >= MAX_ATTEMPTS:
            return None
        if (
            reminder.status == Status.SENDING
            and reminder.tried_at is not None
            and now - reminder.tried_at < STALE_SENDING
        ):
            return None
        reminder.status = Status.SENDING
        reminder.attempts += 1
        reminder.tried_at = now
        reminder.save(update_fields=["status", "attempts", "tried_at"])
    return reminder


def _message(reminder: Reminder) -> tuple[dict, str]:
    schedule, unit = reminder.schedule, reminder.unit
    period = resolve(schedule, reminder.period_key)
    params = {
        "unit": unit.full_name,
        "title": drafting_title(schedule, period),
        "due": format_deadline(period.due_at),
    }
    url = (
        f"{reverse('reporting:submission_open')}?unit={unit.pk}"
        f"&schedule={schedule.slug}&period={period.key}"
    )
    return params, url


def deliver(reminder_id: int, *, now: dt.datetime | None = None) -> Reminder | None:
    """Tell the people who answer for the reminder's unit: in the application (once, on the
    first attempt that gets that far), then by e-mail, outside any transaction. The outcome
    is written on the row by the system actor and audited: sent, or failed with the error
    (the next runs of the periodic job try again). Returns the reminder, or None when there
    was nothing to do."""
    now = now or timezone.now()
    reminder = _claim(reminder_id, now)
    if reminder is None:
        return None
    emails, error = 0, ""
    try:
        params, url = _message(reminder)
        recipients = notify.compilers_of(reminder.unit)
        reminder.recipients = len(recipients)
        if reminder.notified_at is None:
            with transaction.atomic():
                notify.notify(
                    recipients,
                    kind=KIND_NOTICE[reminder.kind],
                    unit=reminder.unit,
                    params=params,
                    url=url,
                    now=now,
                )
                reminder.notified_at = now
                reminder.save(update_fields=["notified_at", "recipients"])
        emails = notify.email(recipients, kind=KIND_NOTICE[reminder.kind], params=params, url=url)
    except Exception as exc:  # the mail server, or anything else: recorded, tried again later
        logger.warning("reminder %s to unit %s failed: %s", reminder.pk, reminder.unit_id, exc)
        error = str(exc)[:500] or exc.__class__.__name__
    with transaction.atomic():
        before = {"status": Status.SENDING, "emails": reminder.emails, "error": reminder.error}
        reminder.status = Status.FAILED if error else Status.SENT
        reminder.emails, reminder.error = emails, error
        reminder.save(update_fields=["status", "emails", "error", "recipients"])
        audit.record(
            actor=system_actor(),
            action=audit.Action.UPDATE,
            obj=reminder,
            object_repr=f"{reminder.get_kind_display()}: {reminder.unit.full_name}",
            changes=audit.diff(
                before, {"status": reminder.status, "emails": emails, "error": error}
            ),
            note=f"attempt {reminder.attempts}",
        )
    return reminder


def queue_delivery(reminder: Reminder) -> None:
    """Deliver the reminder in the worker once the current transaction commits."""
    from dantinh.reporting import tasks

    reminder_id = reminder.pk
    transaction.on_commit(lambda: tasks.deliver_reminder(reminder_id))


def to_retry(now: dt.datetime):
    """Reminders still to be told: waiting, failed, or lost with their worker, with attempts
    left."""
    return Reminder.objects.filter(attempts__lt=MAX_ATTEMPTS).filter(
        Q(status__in=[Status.PENDING, Status.FAILED])
        | Q(status=Status.SENDING, tried_at__lt=now - STALE_SENDING)
    )


def drafting_title(schedule: Schedule, period: Period) -> str:
    from dantinh.reporting.drafting import template_for, title_for

    return title_for(template_for(schedule, period), period)


def run(*, now: dt.datetime | None = None) -> Summary:
    """The periodic job: first the reminders still to be told (failed e-mails, up to three
    attempts), then the automatic reminders due before and after each near deadline."""
    now = now or timezone.now()
    summary = Summary()
    for reminder_id in list(to_retry(now).order_by("id").values_list("pk", flat=True)):
        delivered = deliver(reminder_id, now=now)
        if delivered is not None and delivered.status == Status.SENT:
            summary.retried += 1
    system = system_actor()
    for schedule, period in _candidates(now):
        kind = due_kind(schedule, period, now)
        if kind is None:
            continue
        submitted = Submission.objects.filter(
            schedule=schedule, period_key=period.key, status__in=Submission.SENT
        ).values("unit_id")
        for unit in obligated_units(schedule, period=period).exclude(pk__in=submitted):
            try:
                reminder = _record(
                    unit=unit, schedule=schedule, period=period, kind=kind, now=now, actor=system
                )
                if reminder is None:
                    summary.skipped += 1
                    continue
                delivered = deliver(reminder.pk, now=now)
            except Exception:  # one unit failing must not stop the others
                logger.exception(
                    "reminder for unit %s, %s %s failed", unit.pk, schedule.slug, period.key
                )
                summary.failed += 1
                continue
            if delivered is not None and delivered.status == Status.SENT:
                summary.sent += 1
            else:
                summary.failed += 1
    return summary


def chase(
    *,
    actor: User,
    schedule: Schedule,
    period_key: str,
    units: list[Unit],
    now: dt.datetime | None = None,
) -> int:
    """The general-affairs desk reminds units by hand. Needs "report.chase" on each unit (and,
    for an ad-hoc report, a request the actor may know of); units whose report is in (sent or
    accepted) are skipped. Writes one reminder per unit and returns how many; the worker tells
    them once this commits, so a mail server that fails does not fail the request: the
    chasing list shows each reminder's outcome."""
    require_actor(actor)
    from dantinh.reporting.selectors import adhoc_known

    now = now or timezone.now()
    try:
        period = resolve(schedule, period_key, requests=adhoc_known(actor))
    except PeriodError as exc:
        raise ValidationError({"period": str(exc)}) from exc
    if any(not policy.can_chase(actor, u) for u in units):
        raise PermissionDeniedError()
    if period.cancelled:
        raise ValidationError(_("The ad-hoc request has been cancelled: no report is owed for it."))
    if period.status_at(now) == "closed":
        raise ValidationError(_("The period is closed: reports are no longer received for it."))
    submitted = set(
        Submission.objects.filter(
            schedule=schedule,
            period_key=period.key,
            status__in=Submission.SENT,
            unit__in=[u.pk for u in units],
        ).values_list("unit_id", flat=True)
    )
    written = 0
    with transaction.atomic():
        for unit in units:
            if unit.pk in submitted:
                continue
            reminder = _record(
                unit=unit,
                schedule=schedule,
                period=period,
                kind=Reminder.Kind.CHASE,
                now=now,
                actor=actor,
            )
            queue_delivery(reminder)
            written += 1
    return written


def tell_adhoc(
    *,
    request: AdHocRequest,
    schedule: Schedule,
    kind: str,
    units: list[Unit],
    now: dt.datetime | None = None,
) -> int:
    """Tell the compilers of `units` about an ad-hoc request — requested, changed (its
    deadline, its window…), cancelled (with the reason) or no longer asked of them — in the
    application and by e-mail, as reminders do. Runs in the worker (`tasks.tell_adhoc`,
    queued when the request's change commits). A failed e-mail is logged; the message in
    the application stays. Returns how many people were told."""
    now = now or timezone.now()
    period = adhoc_period(schedule.pk, request)
    count = 0
    for unit in units:
        try:
            recipients = notify.compilers_of(unit)
            params = {
                "unit": unit.full_name,
                "title": request.title,
                "due": format_deadline(request.due_at),
                "comment": request.cancel_reason[:300],
            }
            url = f"{reverse('reporting:submission_open')}?unit={unit.pk}&schedule={schedule.slug}&period={period.key}"
            notify.notify(recipients, kind=kind, unit=unit, params=params, url=url, now=now)
        except Exception:  # one unit failing must not keep the others uninformed
            logger.exception("ad-hoc notice (%s) to unit %s failed", kind, unit.pk)
            continue
        try:
            notify.email(recipients, kind=kind, params=params, url=url)
        except Exception as exc:
            logger.warning("ad-hoc notice (%s) e-mail to unit %s failed: %s", kind, unit.pk, exc)
        count += len(recipients)
    return count
