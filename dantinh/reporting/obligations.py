"""Which units owe which schedule: the schedule's rules (by kind, sector and level of the unit
and of its parent, optionally only under one unit, less the units a rule leaves out), or an
ad-hoc request's list of units (nobody, once the request is cancelled).
A unit owes a period if it is in force on the window's last day.

Every reader of obligations (to-do lists, timeliness, the matrix, chasing, reminders, the
closing of a period) comes through `obligated_units` or `schedules_owed`."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dantinh.org import paths
from dantinh.org.models import Unit
from dantinh.reporting.models import AdHocRequest, Schedule, ScheduleRule
from dantinh.reporting.periods import Period


def _excluded_ids(rule: ScheduleRule) -> set[int]:
    # Read through the prefetch cache when the caller prefetched "excluded_units".
    return {u.pk for u in rule.excluded_units.all()}


def rule_q(rule: ScheduleRule, *, with_exclusions: bool = True) -> Q:
    q = Q()
    if rule.kind:
        q &= Q(kind=rule.kind)
    if rule.sector_list:
        q &= Q(sector__in=rule.sector_list)
    if rule.level_id:
        q &= Q(level_id=rule.level_id)
    if rule.parent_level_id:
        q &= Q(parent__level_id=rule.parent_level_id)
    if rule.under_id:
        q &= paths.subtree_q("path", [rule.under.path])
    excluded = _excluded_ids(rule) if with_exclusions else set()
    if excluded:
        q &= ~Q(pk__in=excluded)
    return q


def rule_matches(rule: ScheduleRule, unit: Unit) -> bool:
    if rule.kind and unit.kind != rule.kind:
        return False
    if rule.sector_list and unit.sector not in rule.sector_list:
        return False
    if rule.level_id and unit.level_id != rule.level_id:
        return False
    if rule.parent_level_id and (
        unit.parent is None or unit.parent.level_id != rule.parent_level_id
    ):
        return False
    if rule.under_id and not paths.contains(rule.under.path, unit.path):
        return False
    return unit.pk not in _excluded_ids(rule)


def exclusion_candidates(rule: ScheduleRule) -> QuerySet[Unit]:
    """The units an administrator may leave out of `rule`: those it matches today, and those
    already left out."""
    matching = Q(rule_q(rule, with_exclusions=False)) & in_force_q(None)
    return Unit.objects.filter(matching | Q(pk__in=_excluded_ids(rule))).order_by("path")


def in_force_q(period: Period | None) -> Q:
    if period is None:
        return Q(valid_to__isnull=True)
    return (Q(valid_to__isnull=True) | Q(valid_to__gte=period.end)) & (
        Q(valid_from__isnull=True) | Q(valid_from__lte=period.end)
    )


def obligated_units(
    schedule: Schedule, *, period: Period | None = None, within: Unit | None = None
) -> QuerySet[Unit]:
    """Units that owe `schedule` for `period` (None: units in force today), in `within`'s
    subtree when given. Deny by default: a schedule without rules binds nobody, a cancelled
    ad-hoc request nobody."""
    if period is not None and period.adhoc_id is not None:
        through = AdHocRequest.units.through.objects.filter(
            adhocrequest_id=period.adhoc_id, adhocrequest__cancelled_at__isnull=True
        )
        qs = Unit.objects.filter(pk__in=through.values("unit_id"))
    else:
        q = _rules_q(schedule)
        if q is None:
            return Unit.objects.none()
        qs = Unit.objects.filter(q)
    qs = qs.filter(in_force_q(period))
    if within is not None:
        qs = qs.filter(path__gte=within.path, path__lt=paths.upper_bound(within.path))
    return qs.order_by("path")


def _rules_q(schedule: Schedule) -> Q | None:
    rules = list(
        schedule.rules.filter(is_active=True)
        .select_related("under")
        .prefetch_related("excluded_units")
    )
    if not rules:
        return None
    q = Q()
    for rule in rules:
        q |= rule_q(rule)
    return q


def obligated_during(
    schedule: Schedule, periods: list[Period], *, within: Unit | None
) -> QuerySet[Unit]:
    """Units under `within` (None: anywhere) that owe the regular `schedule` for at least one
    of `periods` (in force on the last day of one of them; `in_force_on` tells which), in one
    query."""
    q = _rules_q(schedule)
    if q is None or not periods:
        return Unit.objects.none()
    first, last = min(p.end for p in periods), max(p.end for p in periods)
    qs = (
        Unit.objects.filter(q)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
    )
    if within is not None:
        qs = qs.filter(path__gte=within.path, path__lt=paths.upper_bound(within.path))
    return qs.order_by("path")


def in_force_on(valid_from, valid_to, period: Period) -> bool:
    """`in_force_q(period)` for one unit's dates."""
    return (valid_to is None or valid_to >= period.end) and (
        valid_from is None or valid_from <= period.end
    )


def schedules_owed(unit: Unit) -> list[Schedule]:
    """The regular schedules `unit` owes (ad-hoc requests are listed separately)."""
    result = []
    schedules = (
        Schedule.objects.filter(is_active=True)
        .exclude(frequency="ad_hoc")
        .prefetch_related("rules__under", "rules__excluded_units")
    )
    for schedule in schedules:
        if any(rule.is_active and rule_matches(rule, unit) for rule in schedule.rules.all()):
            result.append(schedule)
    return result
