"""Reminders, once each per deadline: to the body's contacts before the deadline, to the
following unit's leaders after it (whoever holds "rec.overdue_notice" there; its desk when
it has no leader). Run by the periodic job in `tasks.py`."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F

from dantinh.org import policies
from dantinh.org.actors import require_actor
from dantinh.org.models import User
from dantinh.recommendations import deadlines, notices
from dantinh.recommendations.models import Recommendation
from dantinh.recommendations.services import _url, contact_users, desk_users

logger = logging.getLogger(__name__)


def days_before() -> int:
    return int(getattr(settings, "DANTINH_REC_REMIND_DAYS_BEFORE", 2))


def _due_text(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def send_reminders(*, actor: User, on: dt.date | None = None) -> dict[str, int]:
    """Send what is due now; each recommendation is reminded at most once before and once
    after each of its deadlines. Returns how many of each were sent."""
    from dantinh.reporting import notify

    require_actor(actor)
    on = on or deadlines.today()
    soon = deadlines.add_working_days(on, days_before())
    sent = {"before": 0, "after": 0}
    open_ = Recommendation.objects.filter(state__in=deadlines.OPEN_STATES, due_on__isnull=False)
    before = (
        open_.filter(body__isnull=False, due_on__gte=on, due_on__lte=soon)
        .exclude(reminded_before_for=F("due_on"))
        .select_related("item", "body", "owner")
    )
    for rec in before.iterator(chunk_size=500):
        with transaction.atomic():
            users = contact_users(rec.body)  # type: ignore[arg-type]
            params = {
                "title": rec.item.headline,
                "body": rec.body.name,  # type: ignore[union-attr]
                "body_id": rec.body_id,
                "due": _due_text(rec.due_on),  # type: ignore[arg-type]
                "rec_id": rec.pk,
            }
            notify.notify(
                users, kind=notices.DUE_SOON, unit=rec.owner, params=params, url=_url(rec)
            )
            Recommendation.objects.filter(pk=rec.pk).update(reminded_before_for=rec.due_on)
            sent["before"] += 1
    after = (
        open_.filter(due_on__lt=on)
        .exclude(reminded_after_for=F("due_on"))
        .select_related("item", "body", "owner")
    )
    for rec in after.iterator(chunk_size=500):
        with transaction.atomic():
            users = list(policies.holders("rec.overdue_notice", rec.owner)) or desk_users(rec.owner)
            params = {
                "title": rec.item.headline,
                "body": rec.body.name if rec.body else "",
                "due": _due_text(rec.due_on),  # type: ignore[arg-type]
                "rec_id": rec.pk,
            }
            notify.notify(users, kind=notices.OVERDUE, unit=rec.owner, params=params, url=_url(rec))
            Recommendation.objects.filter(pk=rec.pk).update(reminded_after_for=rec.due_on)
            sent["after"] += 1
    return sent
