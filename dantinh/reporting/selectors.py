"""Reads of reports through the policy: what a user may see, owes, and must review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from dantinh.org import policies
from dantinh.org.models import Unit
from dantinh.reporting import policy, timeliness
from dantinh.reporting.models import (
    AdHocRequest,
    ClosedPeriod,
    Frequency,
    PeriodState,
    Schedule,
    Submission,
)
from dantinh.reporting.obligations import schedules_owed
from dantinh.reporting.periods import Period, adhoc_period, holiday_set, last_due, recent, resolve


def submissions_visible(user, action: str = "report.view") -> QuerySet[Submission]:
    return Submission.objects.filter(policies.scope_q(user, action, "unit_path"))


def submission_get(*, user, pk) -> Submission:
    """One visible submission; Submission.DoesNotExist whether missing or out of scope."""
    return (
        submissions_visible(user)
        .select_related("unit", "schedule", "adhoc", "submitted_by", "reviewed_by")
        .get(pk=pk)
    )


@dataclass
class Obligation:
    unit: Unit
    schedule: Schedule
    period: Period
    state: str
    submission: Submission | None


def my_obligations(*, user, now: dt.datetime, periods: int = 3) -> list[Obligation]:
    """For each unit where the user writes reports: each schedule it owes, the next period due
    and the ones before it, and the ad-hoc requests addressed to it."""
    unit_ids = policy.compile_units(user)
    units = list(
        Unit.objects.filter(pk__in=unit_ids, valid_to__isnull=True)
        .select_related("parent")
        .order_by("path")
    )
    holidays = holiday_set()
    wanted: list[tuple[Unit, Schedule, Period]] = []
    for unit in units:
        for schedule in schedules_owed(unit):
            wanted.extend((unit, schedule, p) for p in recent(schedule, now, periods, holidays))
    adhoc_schedule = Schedule.objects.filter(frequency=Frequency.AD_HOC).order_by("order").first()
    if adhoc_schedule is not None:
        by_id = {u.pk: u for u in units}
        # One query for every (request, unit) pair, not one per request and unit.
        links = (
            AdHocRequest.units.through.objects.filter(
                unit_id__in=by_id,
                adhocrequest__due_at__gte=now - dt.timedelta(days=30),
                adhocrequest__cancelled_at__isnull=True,
            )
            .select_related("adhocrequest")
            .order_by("-adhocrequest__due_at", "adhocrequest_id", "unit__path")
        )
        for link in links:
            wanted.append(
                (
                    by_id[link.unit_id],
                    adhoc_schedule,
                    adhoc_period(adhoc_schedule.pk, link.adhocrequest),
                )
            )
    subs = {
        (s.unit_id, s.schedule_id, s.period_key): s
        for s in Submission.objects.filter(
            unit__in=units, period_key__in={p.key for _u, _s, p in wanted}
        )
    }
    result, seen = [], set()
    for unit, schedule, period in wanted:
        sub = subs.get((unit.pk, schedule.pk, period.key))
        first = (unit.pk, schedule.pk) not in seen
        seen.add((unit.pk, schedule.pk))
        # Older periods only while they still matter: not yet received, or not yet closed.
        done = sub is not None and sub.status in (
            Submission.Status.SUBMITTED,
            Submission.Status.ACCEPTED,
        )
        if first or not done or period.status_at(now) != "closed":
            result.append(
                Obligation(unit, schedule, period, timeliness.state_of(sub, period, now), sub)
            )
    return result


def awaiting_review(*, user, limit: int = 50) -> list[Submission]:
    """Submitted reports the user may accept or return, oldest first."""
    qs = (
        submissions_visible(user, "report.review")
        .filter(status=Submission.Status.SUBMITTED)
        .select_related("unit", "schedule")
        .order_by("submitted_at")
    )
    return [s for s in qs[: limit * 2] if policy.can_review(user, s.unit)][:limit]


@dataclass
class ScheduleSummary:
    schedule: Schedule
    period: Period
    rates: timeliness.Rates


def subordinate_summary(*, user, now: dt.datetime) -> list[ScheduleSummary]:
    """For each schedule: how the units in the user's scope (other than the user's own)
    did for the last period due: counted from its written states once it is closed
    (`period_states`), else judged from the reports."""
    own = set(policy.compile_units(user))
    holidays = holiday_set()
    result = []
    for schedule in Schedule.objects.filter(is_active=True).exclude(frequency=Frequency.AD_HOC):
        period = last_due(schedule, now, holidays)
        rates = _closed_rates(user, schedule, period, own)
        if rates is None:
            rates = timeliness.rates(
                [
                    r
                    for r in timeliness.statuses(
                        user=user, schedule=schedule, period=period, now=now
                    )
                    if r.unit.pk not in own
                ]
            )
        if rates.expected:
            result.append(ScheduleSummary(schedule, period, rates))
    return result


def _closed_rates(user, schedule: Schedule, period: Period, own: set[int]):
    if not ClosedPeriod.objects.filter(schedule=schedule, period_key=period.key).exists():
        return None
    rates = timeliness.Rates()
    states = (
        PeriodState.objects.filter(schedule=schedule, period_key=period.key)
        .filter(policies.scope_q(user, "report.view", "unit_path"))
        .exclude(unit_id__in=own)
        .values_list("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    for state, n in states:
        rates.add(state, n)
    return rates


def adhoc_visible(user) -> QuerySet[AdHocRequest]:
    return AdHocRequest.objects.filter(policies.scope_q(user, "report.view", "unit_path"))


def adhoc_known(user) -> QuerySet[AdHocRequest]:
    """The ad-hoc requests a user may know of: those made by a unit in their "report.view"
    scope, those sent to a unit in it (what is routed to them), and those a unit in it has a
    report for."""
    if policies.is_unrestricted(user):
        return AdHocRequest.objects.all()
    addressed = AdHocRequest.units.through.objects.filter(
        policies.scope_q(user, "report.view", "unit__path")
    ).values("adhocrequest_id")
    answered = submissions_visible(user).filter(adhoc__isnull=False).values("adhoc_id")
    return AdHocRequest.objects.filter(
        Q(policies.scope_q(user, "report.view", "unit_path"))
        | Q(pk__in=addressed)
        | Q(pk__in=answered)
    )


def adhoc_get(*, user, pk) -> AdHocRequest:
    """One ad-hoc request the user may know of; AdHocRequest.DoesNotExist whether missing or
    not theirs."""
    return (
        adhoc_known(user)
        .select_related("unit", "template", "requested_by", "cancelled_by")
        .get(pk=pk)
    )


def period_get(*, user, schedule: Schedule, key: str) -> Period:
    """The period `key` of `schedule` as `user` may know it: an ad-hoc request outside their
    scope raises PeriodError exactly like one that does not exist."""
    return resolve(schedule, key, requests=adhoc_known(user))
