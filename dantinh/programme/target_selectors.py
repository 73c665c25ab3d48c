"""Reads of the programme's targets: which units owe a target, what evidence they have, and
completion rolled up the unit tree. Always through the policy ("programme.view")."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from dantinh.org import paths, policies
from dantinh.org.models import Unit
from dantinh.programme.models import Evidence, Target

AppliesTo = Target.AppliesTo


def _with_ancestors(prefixes: list[str]) -> set[str]:
    return {p[:i] for p in prefixes for i in range(paths.SEGMENT, len(p) + 1, paths.SEGMENT)}


def within_or_above_q(user, action: str = "programme.view") -> Q | None:
    """Rows set within the user's scope or at a unit above it (None: no row at all)."""
    if policies.is_unrestricted(user):
        return Q()
    prefixes = policies.action_paths(user, action)
    if not prefixes:
        return None
    return policies.scope_q(user, action) | Q(unit_path__in=_with_ancestors(prefixes))


def targets_visible(user) -> QuerySet[Target]:
    """The targets set within the user's scope, and those set above it that apply to it (a
    commune sees the city's targets, counted over the commune alone)."""
    where = within_or_above_q(user)
    return Target.objects.none() if where is None else Target.objects.filter(where)


def target_list(*, user, year: int) -> QuerySet[Target]:
    return targets_visible(user).filter(year=year).select_related("unit", "level")


def target_get(*, user, pk: int) -> Target:
    """One target the user may see; Target.DoesNotExist otherwise."""
    return targets_visible(user).select_related("unit", "level").get(pk=pk)


def setter_units(user) -> QuerySet[Unit]:
    """The units where the user sets targets (their own grants' units; a superuser, the
    roots)."""
    ids = policies.grant_units(user, "target.set")
    if not ids and policies.is_unrestricted(user):
        return Unit.objects.filter(parent__isnull=True).order_by("path")
    return Unit.objects.filter(pk__in=ids).order_by("path")


def owing_units(target: Target) -> QuerySet[Unit]:
    """The units that owe the target: per `applies_to`, in force during its year."""
    in_force = Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date(target.year, 12, 31))
    units = Unit.objects.filter(in_force)
    if target.applies_to == AppliesTo.SELF:
        return units.filter(pk=target.unit_id)
    units = units.filter(paths.subtree_q("path", [target.unit_path]))
    if target.applies_to == AppliesTo.PARTNERS:
        return units.filter(kind=Unit.Kind.SECTOR)
    units = units.filter(kind=Unit.Kind.TERRITORIAL)
    if target.level is None:
        return units.none()
    if target.applies_to == AppliesTo.LEVEL:
        return units.filter(level=target.level)
    return units.filter(level__rank__lte=target.level.rank)


def periods_due(target: Target, today: dt.date) -> int:
    """How many of the target's periods have ended by `today`."""
    return sum(1 for n in range(1, target.per_year + 1) if target.period_end(n) < today)


@dataclass
class Progress:
    """A target's completion over a subtree: units owing it, units that met it for the year,
    units up to date (evidence for every period ended so far), periods with evidence."""

    unit: Unit | None = None
    owing: int = 0
    met: int = 0
    up_to_date: int = 0
    periods_done: int = 0
    periods_total: int = 0
    units: list[Unit] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        if not self.periods_total:
            return None
        return round(100 * self.periods_done / self.periods_total)

    @property
    def met_percent(self) -> int | None:
        return round(100 * self.met / self.owing) if self.owing else None

    def add(self, *, done: int, per_year: int, due: int, unit: Unit) -> None:
        self.owing += 1
        self.met += done >= per_year
        self.up_to_date += done >= due
        self.periods_done += min(done, per_year)
        self.periods_total += per_year
        self.units.append(unit)


def done_periods(target: Target, unit_ids) -> dict[int, set[int]]:
    done: dict[int, set[int]] = defaultdict(set)
    rows = Evidence.objects.filter(target=target, unit_id__in=unit_ids).values_list(
        "unit_id", "period"
    )
    for unit_id, period in rows.distinct():
        done[unit_id].add(period)
    return done


def completion(
    *, user, target: Target, root: Unit, today: dt.date, scope_paths: list[str] | None = None
) -> tuple[Progress, list[Progress]]:
    """The target's completion under `root` (in total, and for each unit just below it, rolled
    up over its subtree), counted over the units owing it that `user` may see — or, for a
    report, over `scope_paths`."""
    units = owing_units(target).filter(paths.subtree_q("path", [root.path]))
    if scope_paths is not None:
        units = units.filter(paths.subtree_q("path", scope_paths))
    else:
        units = units.filter(policies.scope_q(user, "programme.view", "path"))
    owing = list(units.only("id", "path", "name", "full_name", "parent_id").order_by("path"))
    done = done_periods(target, [u.pk for u in owing])
    due = periods_due(target, today)
    children = {
        c.path: Progress(unit=c)
        for c in Unit.objects.filter(parent=root).only("id", "path", "name", "full_name")
    }
    total = Progress(unit=root)
    own = Progress(unit=root)
    width = len(root.path) + paths.SEGMENT
    for unit in owing:
        n = len(done.get(unit.pk, ()))
        total.add(done=n, per_year=target.per_year, due=due, unit=unit)
        node = children.get(unit.path[:width]) if len(unit.path) >= width else own
        if node is not None:
            node.add(done=n, per_year=target.per_year, due=due, unit=unit)
    rows = ([own] if own.owing else []) + [c for c in children.values() if c.owing]
    return total, rows


def evidence_for(*, user, target: Target, unit: Unit) -> QuerySet[Evidence]:
    return (
        Evidence.objects.filter(target=target, unit=unit)
        .filter(policies.scope_q(user, "programme.view"))
        .select_related("meeting", "submission", "survey", "added_by")
        .order_by("period", "dated", "id")
    )


def evidence_get(*, user, pk: int) -> Evidence:
    return (
        Evidence.objects.filter(policies.scope_q(user, "programme.view"))
        .select_related("target", "unit")
        .get(pk=pk)
    )
