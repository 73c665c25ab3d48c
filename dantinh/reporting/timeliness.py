"""Timeliness and completeness: for a schedule and period, which units submitted on time,
late, or not at all; rates rolled up the tree; the units × periods matrix; the chasing list.

A report is submitted while it is in (sent or accepted: `Submission.SENT`); one returned for
changes is not, until it is sent again ("returned"). A report sent again keeps the time it
was first sent: on time or late is judged by the first submission. Before the cutoff, a unit
that has not submitted is "open", not missing. Two rates are told apart everywhere (the
pages, the Word file, the API): submitted of expected, and on time of expected.
Everything is read within the viewer's "report.view" scope.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dantinh.documents.formatting import format_numbers
from dantinh.org import paths, policies
from dantinh.org.models import Unit
from dantinh.reporting.models import Reminder, Schedule, Submission
from dantinh.reporting.obligations import in_force_on, obligated_during, obligated_units
from dantinh.reporting.periods import Period

ON_TIME, LATE, RETURNED, MISSING, OPEN = "on_time", "late", "returned", "missing", "open"
# Worst first: what needs chasing, then what came in late, then what is fine.
SEVERITY = {MISSING: 0, RETURNED: 1, LATE: 2, OPEN: 3, ON_TIME: 4}


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
    returned: int = 0  # returned for changes and not sent again: not submitted
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
        """Punctuality: on time / expected, in percent."""
        return round(100 * self.on_time / self.expected) if self.expected else None

    def as_dict(self) -> dict:
        """The figures as the API gives them."""
        return {
            "expected": self.expected,
            "submitted": self.submitted,
            "on_time": self.on_time,
            "late": self.late,
            "returned": self.returned,
            "missing": self.missing,
            "open": self.open,
            "rate": self.rate,
            "on_time_rate": self.on_time_rate,
        }

    def sentence(self) -> str:
        """The figures in words, the same on the pages and in the Word file."""
        if not self.expected:
            return _("No unit owes this report.")
        text = _(
            "%(s)s of %(e)s reports submitted (%(sr)s%%), %(o)s of them on time "
            "(%(or)s%% of those expected); %(l)s late, %(r)s returned for changes and not "
            "sent again, %(m)s not submitted."
        ) % format_numbers(
            {
                "s": self.submitted,
                "e": self.expected,
                "sr": self.rate,
                "o": self.on_time,
                "or": self.on_time_rate,
                "l": self.late,
                "r": self.returned,
                "m": self.missing,
            }
        )
        if self.open:
            text += " " + _("%(n)s not yet due.") % format_numbers({"n": self.open})
        return text

    @property
    def css(self) -> str:
        rate = self.rate
        if rate is None:
            return "none"
        if self.open:  # the cutoff has not come: not a rate to judge yet
            return "open"
        return "good" if rate >= 90 else "fair" if rate >= 60 else "poor"

    def add(self, state: str, n: int = 1) -> None:
        self.expected += n
        setattr(self, state, getattr(self, state) + n)


def state_of(submission: Submission | None, period: Period, now: dt.datetime) -> str:
    if submission is None:
        return _state(None, False, period, now)
    first = submission.first_submitted_at or submission.submitted_at
    return _state(submission.status, first is not None and first < period.due_at, period, now)


def _state(status: str | None, in_before_due: bool, period: Period, now: dt.datetime) -> str:
    """The state of a report of `status` (None: no report), first sent before the period's
    cutoff or not."""
    if status in Submission.SENT or status == Submission.Status.RETURNED:
        return closed_state(status, in_before_due)
    return OPEN if now < period.due_at else MISSING


def closed_state(status: str | None, in_before_due: bool) -> str:
    """The state of a report once its period's cutoff has passed."""
    if status in Submission.SENT:
        return ON_TIME if in_before_due else LATE
    if status == Submission.Status.RETURNED:
        return RETURNED
    return MISSING


@dataclass(frozen=True)
class SubmissionRef:
    """What the matrix needs of a submission (its state and a link), read as plain values:
    a country's matrix holds hundreds of thousands of cells."""

    pk: int
    status: str
    in_before_due: bool  # first sent before the period's cutoff


def _statuses(units: list[Unit], subs_qs, period: Period, now: dt.datetime) -> list[UnitStatus]:
    wanted = {u.pk for u in units}
    subs = {s.unit_id: s for s in subs_qs if s.unit_id in wanted}
    return [
        UnitStatus(u, period, state_of(subs.get(u.pk), period, now), subs.get(u.pk)) for u in units
    ]


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
    qs = obligated_units(schedule, period=period, within=root).filter(
        policies.scope_q(user, action, "path")
    )
    units = list(qs.select_related("parent"))
    # One range over the subtree rather than a list of thousands of ids.
    subs_qs = Submission.objects.filter(schedule=schedule, period_key=period.key)
    if root is not None:
        subs_qs = subs_qs.filter(
            unit_path__gte=root.path, unit_path__lt=paths.upper_bound(root.path)
        )
    else:
        subs_qs = subs_qs.filter(policies.scope_q(user, action, "unit_path"))
    return _statuses(units, subs_qs, period, now)


def below(*, unit: Unit, schedule: Schedule, period: Period, now: dt.datetime) -> list[UnitStatus]:
    """The units below `unit` that owe the report, worst first: what the unit's composite
    report says of them, on its page and in its Word file alike (a reader who may see the
    unit may see its subtree)."""
    units = list(
        obligated_units(schedule, period=period, within=unit)
        .exclude(pk=unit.pk)
        .select_related("parent")
    )
    subs_qs = Submission.objects.filter(
        schedule=schedule,
        period_key=period.key,
        unit_path__gt=unit.path,
        unit_path__lt=paths.upper_bound(unit.path),
    )
    rows = _statuses(units, subs_qs, period, now)
    return sorted(rows, key=lambda s: (SEVERITY[s.state], s.unit.name))


def rates(rows: list[UnitStatus]) -> Rates:
    result = Rates()
    for row in rows:
        result.add(row.state)
    return result


_MARKS = {
    ON_TIME: ("✓", gettext_lazy("on time")),
    LATE: ("!", gettext_lazy("late")),
    RETURNED: ("↩", gettext_lazy("returned for changes, not sent again")),
    MISSING: ("✕", gettext_lazy("not submitted (past the deadline)")),
}
_WRITING = ("…", gettext_lazy("being written, not yet due"))
_NOT_DUE = ("·", gettext_lazy("not yet due"))


class StateCell(NamedTuple):
    """One unit's cell of the matrix as plain values: its state and its report's id (the
    link), none without a report. A province's matrix holds thousands: the page writes each
    from these two values, without a template include or a `reverse()` per cell."""

    state: str
    submission: int | None

    @property
    def mark(self) -> tuple[str, str]:
        """(the sign, its words) shown in the cell."""
        if self.state in _MARKS:
            return _MARKS[self.state]
        return _WRITING if self.submission else _NOT_DUE


@dataclass
class MatrixRow:
    unit: Unit
    is_leaf: bool  # the row is one obligated unit (cells: `StateCell`), else a subtree (`Rates`)
    cells: list = field(default_factory=list)
    total: Rates = field(default_factory=Rates)  # the periods already due


@dataclass
class Matrix:
    root: Unit | None  # None: the whole tree, by province
    periods: list[Period]
    rows: list[MatrixRow]
    totals: list[Rates]
    sort: str = "worst"

    @property
    def current(self) -> Period | None:
        """The period due next (the last column): the one being written now."""
        return self.periods[-1] if self.periods else None

    @property
    def last_due(self) -> tuple[Period, Rates] | None:
        """The newest period whose cutoff has passed, with its figures (the matrix's summary)."""
        for period, total in zip(reversed(self.periods), reversed(self.totals), strict=True):
            if total.expected and not total.open:
                return period, total
        return None


SORTS = ("worst", "name")


def _worst_first(row: MatrixRow) -> tuple:
    total = row.total
    if not total.expected:
        return (1, 0, 0, row.unit.name)
    return (0, total.rate, total.on_time_rate, row.unit.name)


def judged(
    *, user, schedule: Schedule, periods: list[Period], root: Unit | None, now: dt.datetime
) -> dict[str, list[tuple[int, str, str, SubmissionRef | None]]]:
    """Period key → (unit id, path, state, report) of every unit under `root` (None: anywhere)
    that owes the period, within `user`'s "report.view" scope (None: everyone), judged now
    from the reports. Two queries whatever the size (the units obligated in any of the
    periods, their reports for all the periods), read as plain values."""
    units_qs = obligated_during(schedule, periods, within=root)
    if user is not None:
        units_qs = units_qs.filter(policies.scope_q(user, "report.view", "path"))
    units = [
        row
        for row in units_qs.values_list("id", "path", "valid_from", "valid_to")
        if any(in_force_on(row[2], row[3], p) for p in periods)
    ]
    subs: dict[str, dict[int, SubmissionRef]] = {p.key: {} for p in periods}
    if not units:
        return {p.key: [] for p in periods}
    # On time or late is decided by the database (each period's cutoff in a CASE): reading
    # and converting two timestamps per report cost more than the rest of the matrix.
    cutoff = Case(
        *[When(period_key=p.key, then=Value(p.due_at)) for p in periods],
        output_field=DateTimeField(),
    )
    reports = Submission.objects.filter(schedule=schedule, period_key__in=list(subs))
    if root is not None:
        reports = reports.filter(
            unit_path__gte=root.path, unit_path__lt=paths.upper_bound(root.path)
        )
    reports = (
        reports.annotate(first_at=Coalesce("first_submitted_at", "submitted_at"), cutoff=cutoff)
        .annotate(
            in_before_due=ExpressionWrapper(
                Q(first_at__lt=F("cutoff")), output_field=BooleanField()
            )
        )
        .values_list("id", "unit_id", "period_key", "status", "in_before_due")
    )
    for pk, unit_id, key, status, in_before_due in reports:
        subs[key][unit_id] = SubmissionRef(pk, status, bool(in_before_due))
    result: dict[str, list[tuple[int, str, str, SubmissionRef | None]]] = {}
    for period in periods:
        period_subs = subs[period.key]
        result[period.key] = [
            (pk, path, state_of_ref(period_subs.get(pk), period, now), period_subs.get(pk))
            for pk, path, valid_from, valid_to in units
            if in_force_on(valid_from, valid_to, period)
        ]
    return result


def state_of_ref(ref: SubmissionRef | None, period: Period, now: dt.datetime) -> str:
    if ref is None:
        return _state(None, False, period, now)
    return _state(ref.status, ref.in_before_due, period, now)


# (state, how many units, the row's own unit?, its report when it is the row's own unit)
Entry = tuple[str, int, bool, SubmissionRef | None]


def _from_states(
    *, user, schedule: Schedule, keys: list[str], root: Unit | None, depth: int
) -> dict[tuple[str, str], list[Entry]]:
    """The closed periods' states: counted by (row, period, state) in the database, and the
    row units' own states read one by one (a row that is one unit shows its report)."""
    from django.db.models.functions import Substr

    from dantinh.reporting.models import PeriodCount, PeriodState

    qs = PeriodState.objects.filter(schedule=schedule, period_key__in=keys).filter(
        policies.scope_q(user, "report.view", "unit_path")
    )
    grouped: Iterable[tuple[str, str, str, int]]
    if root is None and policies.scope_of_whole_rows(user, "report.view", paths.SEGMENT):
        # The country by province, for a viewer of whole provinces: the counts kept by top unit.
        grouped = (
            PeriodCount.objects.filter(schedule=schedule, period_key__in=keys)
            .filter(policies.scope_q(user, "report.view", "top_path"))
            .values_list("top_path", "period_key", "state", "n")
        )
    else:
        below = qs
        if root is not None:  # the root's own state is read with the rows' own below
            below = qs.filter(unit_path__gt=root.path, unit_path__lt=paths.upper_bound(root.path))
        grouped = (
            below.annotate(key=Substr("unit_path", 1, depth))
            .values_list("key", "period_key", "state")
            .annotate(n=Count("id"))
            .order_by()
        )
    counted: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for key, period_key, state, n in grouped:
        counted[(key, period_key)][state] = n
    row_paths = {key for key, _period in counted} | ({root.path} if root is not None else set())
    entries: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for path, period_key, state, sub, status, before in qs.filter(
        unit_path__in=row_paths
    ).values_list("unit_path", "period_key", "state", "submission_id", "status", "in_before_due"):
        ref = SubmissionRef(sub, status, before) if sub is not None else None
        entries[(path, period_key)].append((state, 1, True, ref))
        if (path, period_key) in counted:
            counted[(path, period_key)][state] -= 1
    for where, states in counted.items():
        for state, n in states.items():
            if n:
                entries[where].append((state, n, False, None))
    return entries


def matrix(
    *,
    user,
    schedule: Schedule,
    root: Unit | None,
    periods: list[Period],
    now: dt.datetime,
    sort: str = "worst",
    use_states: bool = True,
) -> Matrix:
    """Rows: the units right below `root` (and `root` itself if it owes the schedule) that
    hold obligated units (without a root: the top units, provinces, of the whole tree); a row
    that is itself the obligated unit shows its state, a row over a subtree shows its rates.
    Columns: `periods`. Rows come worst first (the lowest share of reports submitted over the
    periods already due, then the lowest share on time), or by name.

    The periods whose cutoff has passed and whose states are written (`period_states`) are
    counted by the database from those states, by row, period and state: the country's
    3,321 communes × 52 weeks are a few thousand groups. The others (the period being
    written, one whose closing has not run yet) are judged from the reports
    (`use_states=False`: every period so, the same figures)."""
    from dantinh.reporting.models import ClosedPeriod

    root_path = root.path if root is not None else ""
    depth = len(root_path) + paths.SEGMENT

    def row_key(path: str) -> str:
        return path[:depth] if len(path) > len(root_path) else root_path

    keys = [p.key for p in periods]
    closed = (
        set(
            ClosedPeriod.objects.filter(schedule=schedule, period_key__in=keys).values_list(
                "period_key", flat=True
            )
        )
        if use_states
        else set()
    )
    entries: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    if closed:
        entries.update(
            _from_states(user=user, schedule=schedule, keys=list(closed), root=root, depth=depth)
        )
    direct = [p for p in periods if p.key not in closed]
    for key, units in judged(
        user=user, schedule=schedule, periods=direct, root=root, now=now
    ).items():
        for _pk, path, state, ref in units:
            row = row_key(path)
            own = path == row
            entries[(row, key)].append((state, 1, own, ref if own else None))
    row_paths = sorted({row for row, _key in entries})
    row_units = {u.path: u for u in Unit.objects.filter(path__in=row_paths)}
    rows = {p: MatrixRow(row_units[p], is_leaf=True) for p in row_paths if p in row_units}
    for (row, _key), found in entries.items():
        if row in rows and not all(own for _s, _n, own, _r in found):
            rows[row].is_leaf = False
    totals = []
    for period in periods:
        total = Rates()
        for key, row in rows.items():
            found = entries.get((key, period.key), [])
            if row.is_leaf and sum(n for _s, n, _o, _r in found) == 1:
                state, _n, _own, ref = found[0]
                row.cells.append(StateCell(state, ref.pk if ref else None))
            else:
                cell_rates = Rates()
                for state, n, _own, _ref in found:
                    cell_rates.add(state, n)
                row.cells.append(cell_rates)
            for state, n, _own, _ref in found:
                total.add(state, n)
                if state != OPEN:
                    row.total.add(state, n)
        totals.append(total)
    sort = sort if sort in SORTS else "worst"
    if sort == "name":
        ordered = sorted(
            rows.values(), key=lambda r: (r.unit.path != root_path, r.unit.kind, r.unit.name)
        )
    else:
        ordered = sorted(rows.values(), key=_worst_first)
    return Matrix(root, periods, ordered, totals, sort)


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
    """Units whose report is not in (missing, returned and not sent again, or still open),
    worst first, with who to call and when they were last reminded: only units where `user`
    may chase (the list shows the compilers' telephones and e-mail addresses)."""
    from dantinh.reporting.notify import compilers_by_unit

    pending = [
        s
        for s in statuses(
            user=user, schedule=schedule, period=period, now=now, root=root, action="report.chase"
        )
        if s.state in (MISSING, RETURNED, OPEN)
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
    return sorted(rows, key=lambda r: (SEVERITY[r.status.state], r.status.unit.path))
