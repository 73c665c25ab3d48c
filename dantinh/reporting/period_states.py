"""The timeliness of every unit's report, written once a period's cutoff has passed, so that
the matrix counts states instead of judging reports (`timeliness.matrix`).

A period of a regular schedule is *closed* by the periodic job (every 15 minutes) once its
cutoff has passed: each unit that owes it gets a `PeriodState` — on time, late, returned or
missing, judged exactly as `timeliness` judges (a unit's state no longer depends on the
clock after the cutoff). Sending a report late, returning or accepting it afterwards rewrites
its unit's state in the same transaction. A move rewrites the copied paths. What the states
cannot follow — a schedule's rules changed, a unit retired with a date in the past — is
caught by `dantinh report states --rebuild` (the worker re-closes the latest periods nightly).

Beside the states, `PeriodCount` holds them counted by (schedule, period, top unit, state):
the country's matrix reads a few rows per province and period. Every writer of states
recounts what it touched in the same transaction (a whole period when it is closed, the
unit's province when one report changes, both provinces when a unit moves between them).
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import Substr

from dantinh.org import paths
from dantinh.reporting.models import ClosedPeriod, PeriodCount, PeriodState, Schedule, Submission
from dantinh.reporting.periods import Period, holiday_set, period_of, recent
from dantinh.reporting.timeliness import closed_state, judged

BATCH = 5000
TOP_LENGTH = paths.SEGMENT  # a top unit: a root of the tree (a province)


@transaction.atomic
def close(*, schedule: Schedule, period: Period, now: dt.datetime) -> int:
    """Write the state of every unit that owes `period` (its cutoff passed); how many."""
    if now < period.due_at or schedule.is_ad_hoc:
        return 0
    found = judged(user=None, schedule=schedule, periods=[period], root=None, now=now)
    PeriodState.objects.filter(schedule=schedule, period_key=period.key).delete()
    PeriodState.objects.bulk_create(
        [
            PeriodState(
                schedule=schedule,
                period_key=period.key,
                unit_id=pk,
                unit_path=path,
                state=state,
                submission_id=ref.pk if ref else None,
                status=ref.status if ref else "",
                in_before_due=ref.in_before_due if ref else False,
            )
            for pk, path, state, ref in found[period.key]
        ],
        batch_size=BATCH,
    )
    recount(schedule_id=schedule.pk, period_key=period.key)
    ClosedPeriod.objects.update_or_create(
        schedule=schedule,
        period_key=period.key,
        defaults={"due_at": period.due_at, "closed_at": now},
    )
    return len(found[period.key])


def recount(
    *, schedule_id: int | None = None, period_key: str | None = None, tops: list[str] | None = None
) -> None:
    """Count the states again by top unit: of one schedule (None: all), one period (None:
    all), some top units' paths (None: all)."""
    states = PeriodState.objects.all()
    counts = PeriodCount.objects.all()
    if schedule_id is not None:
        states, counts = (
            states.filter(schedule_id=schedule_id),
            counts.filter(schedule_id=schedule_id),
        )
    if period_key is not None:
        states, counts = states.filter(period_key=period_key), counts.filter(period_key=period_key)
    if tops is not None:
        states = states.filter(paths.subtree_q("unit_path", tops))
        counts = counts.filter(top_path__in=tops)
    counts.delete()
    grouped = (
        states.annotate(top=Substr("unit_path", 1, TOP_LENGTH))
        .values_list("schedule_id", "period_key", "top", "state")
        .annotate(n=Count("id"))
        .order_by()
    )
    PeriodCount.objects.bulk_create(
        [
            PeriodCount(schedule_id=sid, period_key=key, top_path=top, state=state, n=n)
            for sid, key, top, state, n in grouped
        ],
        batch_size=BATCH,
    )


def unit_moved(old_path: str, new_path: str) -> None:
    """`org.services` listener, inside the move (the states' paths already rewritten): a unit
    moved to another province takes its states' counts with it."""
    if old_path[:TOP_LENGTH] != new_path[:TOP_LENGTH]:
        recount(tops=[old_path[:TOP_LENGTH], new_path[:TOP_LENGTH]])


def _schedules():
    return Schedule.objects.filter(is_active=True).exclude(frequency="ad_hoc")


def close_due(*, now: dt.datetime, back: int = 8, again: bool = False) -> int:
    """Close the last `back` periods of each regular schedule whose cutoff has passed and
    that are not closed yet (`again`: close them again); the number of states written."""
    holidays = holiday_set()
    written = 0
    for schedule in _schedules():
        periods = [p for p in recent(schedule, now, back + 1, holidays) if p.due_at <= now]
        done = set(
            ClosedPeriod.objects.filter(
                schedule=schedule, period_key__in=[p.key for p in periods]
            ).values_list("period_key", flat=True)
        )
        for period in periods:
            if again or period.key not in done:
                written += close(schedule=schedule, period=period, now=now)
    return written


def rebuild(*, now: dt.datetime, log=lambda message: None) -> int:
    """Every period back to the oldest report, closed again from the reports."""
    holidays = holiday_set()
    written = 0
    for schedule in _schedules():
        oldest = (
            Submission.objects.filter(schedule=schedule)
            .order_by("period_key")
            .values_list("period_key", flat=True)
            .first()
        )
        periods = [p for p in recent(schedule, now, 2, holidays) if p.due_at <= now]
        if not periods:
            continue
        period = periods[0]
        ClosedPeriod.objects.filter(schedule=schedule).delete()
        count = 0
        while period.due_at <= now and (oldest is None or period.key >= oldest):
            written += close(schedule=schedule, period=period, now=now)
            count += 1
            if oldest is None:
                break
            period = period_of(schedule, period.ref.previous, holidays)
        log(f"{schedule.slug}: {count} periods")
    analyze()
    return written


def analyze() -> None:
    """Give PostgreSQL's planner the new table's figures after writing it in bulk."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(PeriodState._meta.db_table)}")


def submission_changed(submission: Submission) -> None:
    """A report of a closed period was sent, returned or accepted: rewrite its unit's state
    (inside the caller's transaction)."""
    closed = (
        ClosedPeriod.objects.filter(
            schedule_id=submission.schedule_id, period_key=submission.period_key
        )
        .values_list("due_at", flat=True)
        .first()
    )
    if closed is None:
        return
    first = submission.first_submitted_at or submission.submitted_at
    in_before_due = first is not None and first < closed
    state = closed_state(submission.status, in_before_due)
    PeriodState.objects.filter(
        schedule_id=submission.schedule_id,
        period_key=submission.period_key,
        unit_id=submission.unit_id,
    ).update(
        state=state,
        submission_id=submission.pk,
        status=submission.status,
        in_before_due=in_before_due,
    )
    recount(
        schedule_id=submission.schedule_id,
        period_key=submission.period_key,
        tops=[submission.unit_path[:TOP_LENGTH]],
    )
