"""Deadlines as data: a stage's days come from its `DeadlineRule` (seeded from the laws,
see docs/recommendations.md), counted in working days through reporting's holiday table.

Flags computed over the states:
- overdue: still open and past its deadline;
- prolonged (kéo dài): still not resolved for good PROLONGED_DAYS after it was received, or
  reopened (the grievance keeps coming back).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from dantinh.recommendations.models import DeadlineRule, Procedure, Recommendation, Stage
from dantinh.reporting.periods import holiday_set

S = Recommendation.State
OPEN_STATES = (S.RECEIVED, S.FORWARDED, S.IN_PROGRESS)
# The stage whose deadline runs in each open state.
STAGE_OF = {S.RECEIVED: Stage.FORWARD, S.FORWARDED: Stage.ACCEPT, S.IN_PROGRESS: Stage.RESOLVE}
# When no rule is configured for a stage (a deployment deleted it): a plain default.
FALLBACK_DAYS = 15


def prolonged_days() -> int:
    return int(getattr(settings, "DANTINH_REC_PROLONGED_DAYS", 90))


def is_working_day(day: dt.date, holidays: set[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: dt.date, days: int, holidays: set[dt.date] | None = None) -> dt.date:
    """The date `days` working days after `start` (the day of receipt does not count):
    Saturdays, Sundays and the holiday table's days are skipped."""
    if holidays is None:
        holidays = holiday_set(range(start.year, start.year + 2 + days // 200))
    day = start
    left = days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, holidays: set[dt.date]) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            count += 1
    return count


def rule_for(procedure: str, stage: str) -> DeadlineRule | None:
    return DeadlineRule.objects.filter(procedure=procedure, stage=stage).first()


def stage_days(rule: DeadlineRule | None, *, is_complex: bool, is_remote: bool) -> int:
    if rule is None:
        return FALLBACK_DAYS
    if is_remote and is_complex and rule.remote_complex_days:
        return rule.remote_complex_days
    if is_remote and rule.remote_days:
        return rule.remote_days
    if is_complex and rule.complex_days:
        return rule.complex_days
    return rule.days


def due_after(
    start: dt.date, procedure: str, stage: str, *, is_complex: bool = False, is_remote: bool = False
) -> dt.date:
    rule = rule_for(procedure, stage)
    days = stage_days(rule, is_complex=is_complex, is_remote=is_remote)
    if rule is not None and not rule.working_days:
        return start + dt.timedelta(days=days)
    return add_working_days(start, days)


def due_for(rec: Recommendation) -> dt.date | None:
    """The deadline of the stage the recommendation is in (None once answered)."""
    stage = STAGE_OF.get(rec.state)
    start = {
        Stage.FORWARD: max(rec.received_on, rec.returned_on or rec.received_on),
        Stage.ACCEPT: rec.forwarded_on,
        Stage.RESOLVE: rec.accepted_on,
    }.get(stage)  # type: ignore[call-overload]
    if stage is None or start is None:
        return None
    due = due_after(start, rec.procedure, stage, is_complex=rec.is_complex, is_remote=rec.is_remote)
    if stage == Stage.RESOLVE and rec.extensions:
        rule = rule_for(rec.procedure, stage)
        extra = (rule.extension_days if rule else 0) * rec.extensions
        due = add_working_days(due, extra) if extra else due
    return due


def extension_allowed(rec: Recommendation) -> bool:
    rule = rule_for(rec.procedure, Stage.RESOLVE)
    return bool(rule and rec.extensions < rule.max_extensions and rule.extension_days)


def today() -> dt.date:
    return timezone.localdate()


def overdue_q(on: dt.date | None = None) -> Q:
    return Q(state__in=OPEN_STATES, due_on__lt=on or today())


def prolonged_q(on: dt.date | None = None) -> Q:
    limit = (on or today()) - dt.timedelta(days=prolonged_days())
    return ~Q(state=S.RESOLVED) & (Q(received_on__lt=limit) | Q(reopened_count__gt=0))


def is_overdue(rec: Recommendation, on: dt.date | None = None) -> bool:
    return rec.state in OPEN_STATES and rec.due_on is not None and rec.due_on < (on or today())


def is_prolonged(rec: Recommendation, on: dt.date | None = None) -> bool:
    limit = (on or today()) - dt.timedelta(days=prolonged_days())
    return rec.state != S.RESOLVED and (rec.received_on < limit or rec.reopened_count > 0)


DEFAULT_RULES = [
    # procedure, stage, days, complex, remote, remote complex, extension days, extensions, basis
    (
        Procedure.RECOMMENDATION,
        Stage.FORWARD,
        5,
        None,
        None,
        None,
        0,
        0,
        "Quy định của hệ thống (có thể sửa)",
    ),
    (
        Procedure.RECOMMENDATION,
        Stage.ACCEPT,
        10,
        None,
        None,
        None,
        0,
        0,
        "Quy định của hệ thống (có thể sửa)",
    ),
    (
        Procedure.RECOMMENDATION,
        Stage.RESOLVE,
        15,
        30,
        None,
        None,
        15,
        1,
        "Quy định của hệ thống (có thể sửa)",
    ),
    (
        Procedure.COMPLAINT,
        Stage.FORWARD,
        5,
        None,
        None,
        None,
        0,
        0,
        "Luật Khiếu nại 2011, Điều 27 (chuyển đơn để thụ lý kịp thời hạn)",
    ),
    (Procedure.COMPLAINT, Stage.ACCEPT, 10, None, None, None, 0, 0, "Luật Khiếu nại 2011, Điều 27"),
    (Procedure.COMPLAINT, Stage.RESOLVE, 30, 45, 45, 60, 0, 0, "Luật Khiếu nại 2011, Điều 28"),
    (Procedure.DENUNCIATION, Stage.FORWARD, 5, None, None, None, 0, 0, "Luật Tố cáo 2018, Điều 24"),
    (
        Procedure.DENUNCIATION,
        Stage.ACCEPT,
        7,
        None,
        None,
        None,
        0,
        0,
        "Luật Tố cáo 2018, Điều 24, 29",
    ),
    (
        Procedure.DENUNCIATION,
        Stage.RESOLVE,
        30,
        None,
        None,
        None,
        30,
        2,
        "Luật Tố cáo 2018, Điều 30",
    ),
]


def seed(apps=None) -> None:
    """Put the default rules in place where a deployment has none (never overwrite)."""
    model = apps.get_model("recommendations", "DeadlineRule") if apps else DeadlineRule
    for procedure, stage, days, cx, remote, rcx, ext, n_ext, basis in DEFAULT_RULES:
        model.objects.get_or_create(
            procedure=str(procedure),
            stage=str(stage),
            defaults={
                "days": days,
                "complex_days": cx,
                "remote_days": remote,
                "remote_complex_days": rcx,
                "extension_days": ext,
                "max_extensions": n_ext,
                "working_days": True,
                "legal_basis": basis,
            },
        )
