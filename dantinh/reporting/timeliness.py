"""Timeliness and completeness: for a schedule and period, which units submitted on time,
late, or not at all; rates rolled up the tree; the units × periods matrix; the chasing list.

A report counts as submitted from its first submission (returning it does not make it
missing again). Before the cutoff, a unit that has not submitted is "open", not missing.
Everything is read within the viewer's "report.view" scope.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dantinh.org import paths, policies
from dantinh.org.models import Unit
from dantinh.reporting.models import Reminder, Schedule, Submission
from dantinh.reporting.obligations import obligated_units
from dantinh.reporting.periods import Period

ON_TIME, LATE, MISSING, OPEN = "on_time", "late", "missing", "open"


@dataclass
class UnitStatus:
    unit: Unit
    period: Period
    state: str
    submission: Submission | None = None

    @property
    def css(self) -> str:
        return self.state


@dataclass
class Rates:
    expected: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    open: int = 0

    @property
    def submitted(self) -> int:
        return self.on_time + self.late

    @property
    def due(self) -> int:
        """Reports whose cutoff has passed (the base of the rates)."""
        return self.expected - self.open

    @property
    def rate(self) -> int | None:
        """Completeness: submitted / expected, in percent (None when nothing is expected)."""
        return round(100 * self.submitted / self.expected) if self.expected else None

    @property
    def on_time_rate(self) -> int | None:
        return round(100 * self.on_time / self.expected) if self.expected else None

    @property
    def css(self) -> str:
        rate = self.rate
        if rate is None:
            return "none"
        if self.open:  # the cutoff has not come: not a rate to judge yet
            return "open"
        return "good" if rate >= 90 else "fair" if rate >= 60 else "poor"

    def add(self, state: str) -> None:
        self.expected += 1
        setattr(self, state, getattr(self, state) + 1)


def state_of(submission: Submission | None, period: Period, now: dt.datetime) -> str:
    if submission is not None and submission.first_submitted_at is not None:
        return ON_TIME if submission.first_submitted_at < period.due_at else LATE
    return OPEN if now < period.due_at else MISSING


def _units_in_scope(user, schedule: Schedule, period: Period, root: Unit | None, action: str):
    qs = obligated_units(schedule, period=period, within=root)
    if user is not None:
        qs = qs.filter(policies.scope_q(user, action, "path"))
    return qs


def statuses(
    *,
    user,
    schedule: Schedule,
    period: Period,
    now: dt.datetime,
    root: Unit | None = None,
    action: str = "report.view",
) -> list[UnitStatus]:
    """Every obligated unit where `user` may perform `action` (under `root`) with its state
    for the period."""
    units = list(_units_in_scope(user, schedule, period, root, action).select_related("parent"))
    # One range over the subtree rather than a list of thousands of ids.
    subs_qs = Submission.objects.filter(schedule=schedule, period_key=period.key)
    if root is not None:
        subs_qs = subs_qs.filter(
            unit_path__gte=root.path, unit_path__lt=paths.upper_bound(root.path)
        )
    elif user is not None:
        subs_qs = subs_qs.filter(policies.scope_q(user, action, "unit_path"))
    wanted = {u.pk for u in units}
    subs = {s.unit_id: s for s in subs_qs if s.unit_id in wanted}
    return [
        UnitStatus(u, period, state_of(subs.get(u.pk), period, now), subs.get(u.pk)) for u in units
    ]


def rates(rows: list[UnitStatus]) -> Rates:
    result = Rates()
    for row in rows:
        result.add(row.state)
    return result


@dataclass
class MatrixRow:
    unit: Unit
    is_leaf: bool  # the row is one obligated unit (cells are states), else a subtree (rates)
    cells: list = field(default_factory=list)
    total: Rates = field(default_factory=Rates)


@dataclass
class Matrix:
    root: Unit
    periods: list[Period]
    rows: list[MatrixRow]
    totals: list[Rates]


def matrix(
    *, user, schedule: Schedule, root: Unit, periods: list[Period], now: dt.datetime
) -> Matrix:
    """Rows: the units right below `root` (and `root` itself if it owes the schedule) that
    hold obligated units; a row that is itself the obligated unit shows its state, a row over
    a subtree shows its rates. Columns: `periods`."""
    per_period = [
        statuses(user=user, schedule=schedule, period=p, now=now, root=root) for p in periods
    ]
    depth = len(root.path) + paths.SEGMENT
    row_paths = sorted(
        {
            s.unit.path[:depth] if len(s.unit.path) > len(root.path) else root.path
            for col in per_period
            for s in col
        }
    )
    row_units = {u.path: u for u in Unit.objects.filter(path__in=row_paths)}
    rows = {p: MatrixRow(row_units[p], is_leaf=True) for p in row_paths if p in row_units}
    grouped: dict[str, list[list[UnitStatus]]] = {p: [[] for _ in periods] for p in rows}
    for index, col in enumerate(per_period):
        for s in col:
            key = s.unit.path[:depth] if len(s.unit.path) > len(root.path) else root.path
            grouped[key][index].append(s)
            if s.unit.path != key:
                rows[key].is_leaf = False
    totals = [rates(col) for col in per_period]
    for key, row in rows.items():
        for cells in grouped[key]:
            cell_rates = rates(cells)
            row.cells.append(cells[0] if row.is_leaf and len(cells) == 1 else cell_rates)
            for s in cells:
                if s.state != OPEN:
                    row.total.add(s.state)
    ordered = sorted(
        rows.values(), key=lambda r: (r.unit.path != root.path, r.unit.kind, r.unit.name)
    )
    return Matrix(root, periods, ordered, totals)


@dataclass
class ChaseRow:
    status: UnitStatus
    compilers: list
    reminders: int = 0
    last_reminder: dt.datetime | None = None
    last: Reminder | None = None  # its outcome: sent, waiting, or not sent with the error


def chasing(
    *, user, schedule: Schedule, period: Period, now: dt.datetime, root: Unit | None = None
) -> list[ChaseRow]:
    """Units that have not submitted (missing, or still open), worst first, with who to call
    and when they were last reminded: only units where `user` may chase (the list shows the
    compilers' telephones and e-mail addresses)."""
    from dantinh.reporting.notify import compilers_by_unit

    pending = [
        s
        for s in statuses(
            user=user, schedule=schedule, period=period, now=now, root=root, action="report.chase"
        )
        if s.state in (MISSING, OPEN)
    ]
    units = [s.unit for s in pending]
    counts: dict[int, int] = {}
    latest: dict[int, Reminder] = {}
    for reminder in Reminder.objects.filter(
        schedule=schedule, period_key=period.key, unit__in=[u.pk for u in units]
    ).order_by("unit_id", "-created_at", "-id"):
        counts[reminder.unit_id] = counts.get(reminder.unit_id, 0) + 1
        latest.setdefault(reminder.unit_id, reminder)
    people = compilers_by_unit(units)
    rows = [
        ChaseRow(
            s,
            people.get(s.unit.pk, []),
            counts.get(s.unit.pk, 0),
            latest[s.unit.pk].created_at if s.unit.pk in latest else None,
            latest.get(s.unit.pk),
        )
        for s in pending
    ]
    return sorted(rows, key=lambda r: (r.status.state != MISSING, r.status.unit.path))
