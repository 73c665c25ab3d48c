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

A second level, `TopRollup`, sums the rows of each top unit (a province) by (week, field),
the negative, positive and with-a-mood items beside the total: the weekly series of a
province or of the country read a few rows a week. The same jobs recompute it from
`ItemRollup` for the top units and weeks they touched, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Substr, TruncWeek
from django.utils import timezone

from dantinh.insight.models import ItemRollup, TopRollup
from dantinh.intake.models import Item, Mood
from dantinh.intake.selectors import items_visible
from dantinh.org import paths, policies
from dantinh.org.models import Unit

BUCKET_SEGMENTS = 2  # a province and its communes (provinces are the roots of the tree)
BUCKET_LENGTH = BUCKET_SEGMENTS * paths.SEGMENT
TOP_LENGTH = paths.SEGMENT  # a top unit: a root of the tree
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


def _insert_grouped(model, grouped: QuerySet, columns: dict[str, str]) -> None:
    """INSERT INTO `model` (its columns) SELECT the grouped query's values (the columns'
    values), in the database: a rebuild moves a million rows without reading them."""
    sql, params = grouped.query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    selected = ", ".join(f"g.{name}" for name in columns.values())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - names of ours
            f"SELECT {selected} FROM ({sql}) g",
            params,
        )


def _insert(items: QuerySet[Item]) -> None:
    grouped = (
        items.annotate(bucket=Substr("unit_path", 1, BUCKET_LENGTH), wk=TruncWeek("observed_on"))
        .values("bucket", "wk", "field_id", "mood_id")
        .annotate(total=Count("id"))
        .order_by()
    )
    _insert_grouped(
        ItemRollup,
        grouped,
        {
            "bucket_path": "bucket",
            "week": "wk",
            "field_id": "field_id",
            "mood_id": "mood_id",
            "n": "total",
        },
    )


def _sum_tops(rows: QuerySet[ItemRollup]) -> None:
    """Add the `TopRollup` rows summing `rows` (whole top units and weeks of them)."""
    grouped = (
        rows.annotate(top=Substr("bucket_path", 1, TOP_LENGTH))
        .values("top", "week", "field_id")
        .annotate(
            total=Sum("n"),
            neg=Coalesce(Sum("n", filter=Q(mood__valence=NEGATIVE)), 0),
            pos=Coalesce(Sum("n", filter=Q(mood__valence=POSITIVE)), 0),
            moody=Coalesce(Sum("n", filter=Q(mood__isnull=False)), 0),
        )
        .order_by()
    )
    columns = {"top_path": "top", "week": "week", "field_id": "field_id", "n": "total"}
    _insert_grouped(
        TopRollup, grouped, {**columns, "negative": "neg", "positive": "pos", "moody": "moody"}
    )


def _refresh_tops(weeks: Mapping[str, set[dt.date] | None]) -> None:
    """Recompute the `TopRollup` rows of each top unit's weeks (None: all) from `ItemRollup`."""
    for top, mondays in weeks.items():
        # The province first, as `rollup_top_week_idx` is laid out.
        rows = ItemRollup.objects.annotate(top=Substr("bucket_path", 1, TOP_LENGTH)).filter(top=top)
        sums = TopRollup.objects.filter(top_path=top)
        if mondays is not None:
            rows, sums = rows.filter(week__in=mondays), sums.filter(week__in=mondays)
        sums.delete()
        _sum_tops(rows)


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
    tops: dict[str, set[dt.date]] = defaultdict(set)
    for path, mondays in weeks.items():
        tops[path[:TOP_LENGTH]] |= mondays
    _refresh_tops(tops)


@transaction.atomic
def refresh_subtrees(prefixes: Iterable[str]) -> None:
    """Recompute every row of the subtrees of `prefixes` (cut to buckets): after a move."""
    _lock()
    moved = paths.minimal_prefixes(bucket(p) for p in prefixes)
    for path in moved:
        upper = paths.upper_bound(path)
        ItemRollup.objects.filter(bucket_path__gte=path, bucket_path__lt=upper).delete()
        _insert(Item.objects.filter(unit_path__gte=path, unit_path__lt=upper))
    _refresh_tops(dict.fromkeys({p[:TOP_LENGTH] for p in moved}))


@transaction.atomic
def rebuild() -> int:
    """Recompute both levels from the items; the number of `ItemRollup` rows."""
    _lock()
    ItemRollup.objects.all().delete()
    TopRollup.objects.all().delete()
    _insert(Item.objects.all())
    _sum_tops(ItemRollup.objects.all())
    if connection.vendor == "postgresql":  # the planner's figures, before the first reader
        with connection.cursor() as cursor:
            for model in (ItemRollup, TopRollup):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
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


def usable(user, focus: Unit | None, prefix_length: int = 0, depth: int = BUCKET_LENGTH) -> bool:
    """Can a roll-up whose paths are `depth` long (`BUCKET_LENGTH`: `ItemRollup`,
    `TOP_LENGTH`: `TopRollup`) answer for this scope, focus and grouping? Only down to its
    depth: every subtree of the scope, the focus and the groups must be whole rows."""
    if prefix_length > depth or (focus is not None and len(focus.path) > depth):
        return False
    return policies.scope_of_whole_rows(user, "item.view", depth)


SUMS = {  # what each source sums: [items, negative, positive, with a mood]
    "items": {
        "total": Count("id"),
        "neg": Count("id", filter=Q(mood__valence=NEGATIVE)),
        "pos": Count("id", filter=Q(mood__valence=POSITIVE)),
        "moody": Count("id", filter=Q(mood__isnull=False)),
    },
    "bucket_path": {
        "total": Sum("n"),
        "neg": Sum("n", filter=Q(mood__valence=NEGATIVE)),
        "pos": Sum("n", filter=Q(mood__valence=POSITIVE)),
        "moody": Sum("n", filter=Q(mood__isnull=False)),
    },
    "top_path": {
        "total": Sum("n"),
        "neg": Sum("negative"),
        "pos": Sum("positive"),
        "moody": Sum("moody"),
    },
}


def _rows(qs: QuerySet, by: tuple[str, ...], *, path: str, prefix_length: int):
    """Grouped figures of `qs`: items (`path` "unit_path") or a roll-up (its path column)."""
    if "prefix" in by:
        qs = qs.annotate(prefix=Substr(path, 1, prefix_length))
    if "week" in by and path == "unit_path":
        qs = qs.annotate(week=TruncWeek("observed_on"))
    names = [{"field": "field_id"}.get(k, k) for k in by]
    sums = SUMS["items" if path == "unit_path" else path]
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
    the top units' roll-up when the scope, focus and grouping are whole top units (a
    province, the country), else from the buckets' roll-up when it can answer; the days
    before the first Monday and after the last Sunday, and everything no roll-up can
    answer, from the items. Same scope as `items_visible`."""
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
        add(_rows(items, by, path="unit_path", prefix_length=prefix_length))

    first = date_from + dt.timedelta(days=-date_from.weekday() % 7)  # the first Monday
    last = date_to - dt.timedelta(days=(date_to.weekday() + 1) % 7)  # the last Sunday
    if date_to >= timezone.localdate():
        # No item is observed after today: this week's row holds exactly its days so far.
        last = monday(date_to) + dt.timedelta(days=6)
    if not use_rollup or first > last or not usable(user, focus, prefix_length):
        from_items(date_from, date_to)
        return result
    rows: QuerySet
    if usable(user, focus, prefix_length, depth=TOP_LENGTH):
        path = "top_path"
        rows = TopRollup.objects.filter(policies.scope_q(user, "item.view", path))
        if focus is not None:
            rows = rows.filter(top_path=focus.path)
    else:
        path = "bucket_path"
        rows = ItemRollup.objects.filter(policies.scope_q(user, "item.view", path))
        if focus is not None:
            # The province first, as `rollup_top_week_idx` is laid out, then the subtree.
            rows = rows.annotate(top=Substr(path, 1, TOP_LENGTH)).filter(
                top=focus.path[:TOP_LENGTH],
                bucket_path__gte=focus.path,
                bucket_path__lt=paths.upper_bound(focus.path),
            )
    rows = rows.filter(week__gte=first, week__lte=last)
    if field_id:
        rows = rows.filter(field_id=field_id)
    add(_rows(rows, by, path=path, prefix_length=prefix_length))
    if date_from < first:
        from_items(date_from, first - dt.timedelta(days=1))
    if last < date_to:
        from_items(last + dt.timedelta(days=1), date_to)
    return result
