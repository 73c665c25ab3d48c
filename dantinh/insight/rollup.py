"""Weekly roll-ups of items: the counts the dashboard and the map read instead of the items.

`ItemRollup` holds one row per (bucket, ISO week, primary field, mood) with the number of items.
A bucket is an item's unit path cut to its first BUCKET_SEGMENTS units: a village's items are
counted in their commune, so that a province's or the country's figures read a few rows per
commune and week. Any subtree whose path is no longer than a bucket is a range of buckets; for
scopes, focuses or groupings deeper than that (a commune's villages) `counts` reads the items.

Kept current without anyone waiting: every writer of items tells `intake.changes` which (unit
path, day) it touched, and a unit move tells `org.services`; after the commit a job recomputes
the touched (bucket, week) rows, or the moved subtrees, from the items themselves
(`refresh`, `refresh_subtrees`). Recomputing instead of adding and subtracting makes a job
that runs twice, late or out of order harmless. The worker rebuilds the whole table every
night (`rebuild`, also `dantinh insight rollup --rebuild`), so a lost job heals by morning.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr, TruncWeek
from django.utils import timezone

from dantinh.insight.models import ItemRollup
from dantinh.intake.models import Item, Mood
from dantinh.intake.selectors import items_visible
from dantinh.org import paths, policies
from dantinh.org.models import Unit

BUCKET_SEGMENTS = 2  # a province and its communes (provinces are the roots of the tree)
BUCKET_LENGTH = BUCKET_SEGMENTS * paths.SEGMENT
_LOCK = 7_301_116  # PostgreSQL advisory lock: one refresh at a time
NEGATIVE, POSITIVE = Mood.Valence.NEGATIVE, Mood.Valence.POSITIVE


def bucket(path: str) -> str:
    return path[:BUCKET_LENGTH]


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _lock() -> None:
    """Serialise refreshes: two deleting and re-inserting the same rows at once would count
    them twice (SQLite already lets one writer in at a time)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])


def _in_bucket(field: str, path: str) -> Q:
    """What counts in the bucket `path`: its whole subtree for a bucket of full length (rows
    left deeper by a merger included), only itself for a shallower unit (a province's own)."""
    if len(path) >= BUCKET_LENGTH:
        return Q(**{f"{field}__gte": path, f"{field}__lt": paths.upper_bound(path)})
    return Q(**{field: path})


def _insert(items: QuerySet[Item]) -> None:
    grouped = (
        items.annotate(bucket=Substr("unit_path", 1, BUCKET_LENGTH), wk=TruncWeek("observed_on"))
        .values("bucket", "wk", "field_id", "mood_id")
        .annotate(total=Count("id"))
        .order_by()
    )
    sql, params = grouped.query.sql_with_params()
    table = connection.ops.quote_name(ItemRollup._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (bucket_path, week, field_id, mood_id, n) "  # noqa: S608
            f"SELECT g.bucket, g.wk, g.field_id, g.mood_id, g.total FROM ({sql}) g",
            params,
        )


@transaction.atomic
def refresh(touched: Iterable[tuple[str, dt.date]]) -> None:
    """Recompute the rows of the (bucket, week) of each touched (unit path, day)."""
    _lock()
    weeks: dict[str, set[dt.date]] = defaultdict(set)
    for path, day in touched:
        weeks[bucket(path)].add(monday(day))
    for path, mondays in weeks.items():
        ItemRollup.objects.filter(_in_bucket("bucket_path", path), week__in=mondays).delete()
        days = functools.reduce(
            operator.or_,
            (Q(observed_on__gte=w, observed_on__lte=w + dt.timedelta(days=6)) for w in mondays),
        )
        _insert(Item.objects.filter(_in_bucket("unit_path", path)).filter(days))


@transaction.atomic
def refresh_subtrees(prefixes: Iterable[str]) -> None:
    """Recompute every row of the subtrees of `prefixes` (cut to buckets): after a move."""
    _lock()
    for path in paths.minimal_prefixes(bucket(p) for p in prefixes):
        upper = paths.upper_bound(path)
        ItemRollup.objects.filter(bucket_path__gte=path, bucket_path__lt=upper).delete()
        _insert(Item.objects.filter(unit_path__gte=path, unit_path__lt=upper))


@transaction.atomic
def rebuild() -> int:
    """Recompute the whole table from the items; the number of rows."""
    _lock()
    ItemRollup.objects.all().delete()
    _insert(Item.objects.all())
    if connection.vendor == "postgresql":  # the planner's figures, before the first reader
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(ItemRollup._meta.db_table)}")
    return ItemRollup.objects.count()


def _after_commit(job: Callable[[], object]) -> None:
    # The test suite's transactions never commit: there the refresh runs at once.
    if getattr(settings, "DANTINH_ROLLUP_IMMEDIATE", False):
        job()
    else:
        transaction.on_commit(job)


def items_changed(touched: set[tuple[str, dt.date]]) -> None:
    """`intake.changes` listener, inside the write: queue the refresh after the commit."""
    from dantinh.insight import tasks

    pairs = sorted((path, day.isoformat()) for path, day in touched)
    _after_commit(lambda: tasks.refresh_rollup(pairs))


def unit_moved(old_path: str, new_path: str) -> None:
    """`org.services` listener, inside the move: queue the refresh of both places after it."""
    from dantinh.insight import tasks

    _after_commit(lambda: tasks.refresh_rollup_subtrees([old_path, new_path]))


# --- reading ---------------------------------------------------------------------------------

Figures = list[int]  # [items, negative, positive, with a mood]


def usable(user, focus: Unit | None, prefix_length: int = 0) -> bool:
    """Can the roll-up answer for this scope, focus and grouping? Only down to bucket depth."""
    if prefix_length > BUCKET_LENGTH or (focus is not None and len(focus.path) > BUCKET_LENGTH):
        return False
    if policies.is_unrestricted(user):
        return True
    return all(len(p) <= BUCKET_LENGTH for p in policies.action_paths(user, "item.view"))


def _rows(qs: QuerySet, by: tuple[str, ...], *, rollup: bool, prefix_length: int):
    path = "bucket_path" if rollup else "unit_path"
    if "prefix" in by:
        qs = qs.annotate(prefix=Substr(path, 1, prefix_length))
    if "week" in by and not rollup:
        qs = qs.annotate(week=TruncWeek("observed_on"))
    names = [{"field": "field_id"}.get(k, k) for k in by]
    if rollup:
        sums = {
            "total": Sum("n"),
            "neg": Sum("n", filter=Q(mood__valence=NEGATIVE)),
            "pos": Sum("n", filter=Q(mood__valence=POSITIVE)),
            "moody": Sum("n", filter=Q(mood__isnull=False)),
        }
    else:
        sums = {
            "total": Count("id"),
            "neg": Count("id", filter=Q(mood__valence=NEGATIVE)),
            "pos": Count("id", filter=Q(mood__valence=POSITIVE)),
            "moody": Count("id", filter=Q(mood__isnull=False)),
        }
    qs = qs.values(*names).annotate(**sums).order_by() if names else [qs.aggregate(**sums)]
    for row in qs:
        yield tuple(row[n] for n in names), [row[k] or 0 for k in ("total", "neg", "pos", "moody")]


def counts(
    *,
    user,
    focus: Unit | None,
    date_from: dt.date,
    date_to: dt.date,
    by: tuple[str, ...] = (),
    prefix_length: int = 0,
    field_id: int | None = None,
    use_rollup: bool = True,
) -> dict[tuple, Figures]:
    """[items, negative, positive, with a mood] of the user's items observed from `date_from`
    to `date_to` within `focus`, grouped by `by` ("week": its Monday, "field": the primary
    field, "prefix": the unit path's first `prefix_length` characters). Whole weeks come from
    the roll-up when it can answer; the days before the first Monday and after the last
    Sunday, and everything it cannot answer, from the items. Same scope as `items_visible`."""
    result: dict[tuple, Figures] = defaultdict(lambda: [0, 0, 0, 0])

    def add(rows) -> None:
        for key, figures in rows:
            total = result[key]
            for i, value in enumerate(figures):
                total[i] += value

    def from_items(lo: dt.date, hi: dt.date) -> None:
        items = items_visible(user).filter(observed_on__gte=lo, observed_on__lte=hi)
        if focus is not None:
            items = items.filter(
                unit_path__gte=focus.path, unit_path__lt=paths.upper_bound(focus.path)
            )
        if field_id:
            items = items.filter(field_id=field_id)
        add(_rows(items, by, rollup=False, prefix_length=prefix_length))

    first = date_from + dt.timedelta(days=-date_from.weekday() % 7)  # the first Monday
    last = date_to - dt.timedelta(days=(date_to.weekday() + 1) % 7)  # the last Sunday
    if date_to >= timezone.localdate():
        # No item is observed after today: this week's row holds exactly its days so far.
        last = monday(date_to) + dt.timedelta(days=6)
    if not use_rollup or first > last or not usable(user, focus, prefix_length):
        from_items(date_from, date_to)
        return result
    rows = ItemRollup.objects.filter(
        policies.scope_q(user, "item.view", "bucket_path"), week__gte=first, week__lte=last
    )
    if focus is not None:
        # The province first, as `rollup_top_week_idx` is laid out, then the subtree.
        rows = rows.annotate(top=Substr("bucket_path", 1, paths.SEGMENT)).filter(
            top=focus.path[: paths.SEGMENT],
            bucket_path__gte=focus.path,
            bucket_path__lt=paths.upper_bound(focus.path),
        )
    if field_id:
        rows = rows.filter(field_id=field_id)
    add(_rows(rows, by, rollup=True, prefix_length=prefix_length))
    if date_from < first:
        from_items(date_from, first - dt.timedelta(days=1))
    if last < date_to:
        from_items(last + dt.timedelta(days=1), date_to)
    return result
