"""Reminders before a deadline, after it, and chasing by hand (đôn đốc).

The periodic job (`dantinh.core.tasks.send_reminders`) calls `run()`: for every schedule and every
ad-hoc request whose deadline is near, each unit that has not submitted gets one reminder of
each automatic kind — the unique Reminder row is the guarantee, so running the job twice
sends nothing twice. Each unit is handled on its own: one failure does not stop the rest;
a failed e-mail is retried on the next runs, up to three attempts.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
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
KIND_NOTICE = {
    Reminder.Kind.BEFORE: Notification.Kind.REMIND_BEFORE,
    Reminder.Kind.OVERDUE: Notification.Kind.REMIND_OVERDUE,
    Reminder.Kind.CHASE: Notification.Kind.CHASE,
}


@dataclass
class Summary:
    sent: int = 0
    skipped: int = 0
    failed: int = 0


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


def _send(
    *, unit: Unit, schedule: Schedule, period: Period, kind: str, now: dt.datetime, actor: User
) -> bool:
    """Record and send one reminder to a unit's compilers; False if it was already sent."""
    with transaction.atomic():
        if kind == Reminder.Kind.CHASE:
            reminder, created = (
                Reminder(
                    unit=unit,
                    unit_path=unit.path,
                    schedule=schedule,
                    period_key=period.key,
                    kind=kind,
                    created_at=now,
                    sent_by=actor,
                ),
                True,
            )
            reminder.save()
        else:
            try:
                with transaction.atomic():
                    reminder, created = Reminder.objects.select_for_update().get_or_create(
                        unit=unit,
                        schedule=schedule,
                        period_key=period.key,
                        kind=kind,
                        defaults={"unit_path": unit.path, "created_at": now},
                    )
            except IntegrityError:  # another worker sent it a moment ago
                return False
            if not created and not (reminder.error and reminder.attempts < MAX_ATTEMPTS):
                return False
        recipients = notify.compilers_of(unit)
        title = drafting_title(schedule, period)
        params = {"unit": unit.full_name, "title": title, "due": format_deadline(period.due_at)}
        url = f"{reverse('reporting:submission_open')}?unit={unit.pk}&schedule={schedule.slug}&period={period.key}"
        if created:
            notify.notify(
                recipients, kind=KIND_NOTICE[kind], unit=unit, params=params, url=url, now=now
            )
        reminder.recipients = len(recipients)
        reminder.attempts += 1
        try:
            reminder.emails = notify.email(
                recipients, kind=KIND_NOTICE[kind], params=params, url=url
            )
            reminder.error = ""
        except Exception as exc:  # the mail server; recorded and retried on the next run
            logger.warning("reminder e-mail to unit %s failed: %s", unit.pk, exc)
            reminder.error = str(exc)[:500] or exc.__class__.__name__
        reminder.save()
        audit.record(
            actor=actor,
            action=audit.Action.CREATE if created else audit.Action.UPDATE,
            obj=reminder,
            object_repr=f"{reminder.get_kind_display()}: {unit.full_name} — {title}",
            unit_path=unit.path,
            changes={"emails": [None, reminder.emails], "error": [None, reminder.error]},
        )
    return True


def drafting_title(schedule: Schedule, period: Period) -> str:
    from dantinh.reporting.drafting import template_for, title_for

    return title_for(template_for(schedule, period), period)


def run(*, now: dt.datetime | None = None) -> Summary:
    """The periodic job: automatic reminders before and after each near deadline."""
    now = now or timezone.now()
    summary = Summary()
    system = system_actor()
    for schedule, period in _candidates(now):
        kind = due_kind(schedule, period, now)
        if kind is None:
            continue
        submitted = Submission.objects.filter(
            schedule=schedule, period_key=period.key, first_submitted_at__isnull=False
        ).values("unit_id")
        for unit in obligated_units(schedule, period=period).exclude(pk__in=submitted):
            try:
                if _send(
                    unit=unit, schedule=schedule, period=period, kind=kind, now=now, actor=system
                ):
                    summary.sent += 1
                else:
                    summary.skipped += 1
            except Exception:  # one unit failing must not stop the others
                logger.exception(
                    "reminder for unit %s, %s %s failed", unit.pk, schedule.slug, period.key
                )
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
    for an ad-hoc report, a request the actor may know of); units that have already
    submitted are skipped."""
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
            first_submitted_at__isnull=False,
            unit__in=[u.pk for u in units],
        ).values_list("unit_id", flat=True)
    )
    sent = 0
    for unit in units:
        if unit.pk in submitted:
            continue
        try:
            _send(
                unit=unit,
                schedule=schedule,
                period=period,
                kind=Reminder.Kind.CHASE,
                now=now,
                actor=actor,
            )
            sent += 1
        except Exception:
            logger.exception("chasing unit %s failed", unit.pk)
    return sent


def announce_adhoc(
    *, request: AdHocRequest, schedule: Schedule, now: dt.datetime | None = None
) -> int:
    """Tell the units' compilers that an ad-hoc report is requested."""
    return tell_adhoc(
        request=request,
        schedule=schedule,
        kind=Notification.Kind.ADHOC,
        units=list(request.units.all()),
        now=now,
    )


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
    application and by e-mail, as reminders do. A failed e-mail is logged; the message in
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
