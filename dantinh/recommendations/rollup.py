"""Roll-ups of the register per month: what the figures page reads instead of every row.

Two tables (`models.BodyMonth`, `models.FieldMonth`), one row per place, following unit,
body (or field) and month of receipt, hold the counts the by-body and by-field tables show
and, per body, the histogram of the days from forwarding to the answer; a third
(`models.BodyMonthRoot`) sums the body cells over a whole province, one row per body and
month, for the desks that see the whole province (a province's 100 communes × 16 bodies ×
24 months are 40,000 detailed cells, 400 province cells). Counts add up over
months and places; the median and the 90th percentile are computed from the summed
histograms (`percentile`), the way PostgreSQL's percentile_cont computes them from the rows.

**Precision.** One bucket per day up to 60 days: a median or percentile that falls there
(where the legal deadlines lie) is exact. Beyond, buckets widen (75, 90, 105, 120, 150,
180, 240, 300, 365, 730 days and more) and a value inside one is read as if the bucket's
answers were spread evenly across it: off by at most the bucket's width (15 to 365 days),
and "730" means "730 days or more".

What changes with time alone (overdue) is not rolled up: it is counted live from the open
recommendations, a small share of the register that a partial index holds with what scopes
and groups it. A window (`by_body(since=…)`) starts on the first of a month.

**Kept current** in the transaction of every change of a recommendation (`apply`, called by
the services with the cells the recommendation counted in before and after), by atomic
`UPDATE … SET n = n + delta`, so concurrent transitions add up. `rebuild()` (the command
`dantinh recommendations rollup`, and nightly) recomputes the tables from the register.
"""

from __future__ import annotations

import bisect

from django.db import IntegrityError, transaction
from django.db.models import F

from dantinh.org.paths import SEGMENT
from dantinh.recommendations.models import (
    ANSWER_DAY_EDGES,
    BodyMonth,
    BodyMonthRoot,
    FieldMonth,
    Recommendation,
)

S = Recommendation.State
OPEN = (S.RECEIVED, S.FORWARDED, S.IN_PROGRESS)
MODELS = {"body": BodyMonth, "field": FieldMonth, "root": BodyMonthRoot}
BUCKETS = tuple(f"h{i}" for i in range(len(ANSWER_DAY_EDGES)))
BODY_COUNTS = ("routed", "open", "answered", *BUCKETS)
FIELD_COUNTS = ("received", "open", "answered", "resolved")

# A cell: ("body" or "field", unit id, owner id, body or field id, month) → (paths, {column: n})
Key = tuple
Cells = dict[Key, tuple[tuple[str, str], dict[str, int]]]

_VALUES = (
    "state",
    "unit_id",
    "unit_path",
    "owner_id",
    "owner_path",
    "field_id",
    "body_id",
    "received_on",
    "forwarded_on",
    "answered_on",
)


def bucket(days: int) -> int:
    return bisect.bisect_right(ANSWER_DAY_EDGES, max(days, 0)) - 1


def _cells(
    state,
    unit_id,
    unit_path,
    owner_id,
    owner_path,
    field_id,
    body_id,
    received_on,
    forwarded_on,
    answered_on,
) -> Cells:
    month = received_on.replace(day=1)
    paths = (unit_path, owner_path)
    is_open = int(state in OPEN)
    cells: Cells = {
        ("field", unit_id, owner_id, field_id, month): (
            paths,
            {
                "received": 1,
                "open": is_open,
                "answered": int(state == S.ANSWERED),
                "resolved": int(state == S.RESOLVED),
            },
        )
    }
    if body_id is not None:
        counts = {"routed": 1, "open": is_open, "answered": int(answered_on is not None)}
        if answered_on is not None and forwarded_on is not None:
            counts[BUCKETS[bucket((answered_on - forwarded_on).days)]] = 1
        cells[("body", unit_id, owner_id, body_id, month)] = (paths, counts)
        root = unit_path[:SEGMENT]
        if owner_path[:SEGMENT] == root:  # the whole province's cell
            cells[("root", root, None, body_id, month)] = ((root, ""), counts)
    return cells


def contribution(rec: Recommendation) -> Cells:
    """The cells this recommendation counts in, and what it adds to each."""
    return _cells(*(getattr(rec, name) for name in _VALUES))


def _lookup(key: Key) -> dict:
    kind, unit_id, owner_id, other_id, month = key
    if kind == "root":
        return {"root_path": unit_id, "body_id": other_id, "month": month}
    other = "body_id" if kind == "body" else "field_id"
    return {"unit_id": unit_id, "owner_id": owner_id, other: other_id, "month": month}


def apply(before: Cells, after: Cells) -> None:
    """Move a recommendation's counts from the cells it counted in to those it counts in
    now (in the caller's transaction)."""
    for key in before.keys() | after.keys():
        old = before.get(key, ((), {}))[1]
        new = after.get(key, ((), {}))[1]
        paths = (after.get(key) or before[key])[0]
        delta = {c: new.get(c, 0) - old.get(c, 0) for c in old.keys() | new.keys()}
        delta = {c: n for c, n in delta.items() if n}
        if delta:
            _add(key, paths, delta)


def _add(key: Key, paths: tuple[str, str], delta: dict[str, int]) -> None:
    model, lookup = MODELS[key[0]], _lookup(key)
    rows = model.objects.filter(**lookup)
    if rows.update(**{c: F(c) + n for c, n in delta.items()}):
        return
    try:
        with transaction.atomic():  # a savepoint: another transaction may insert it first
            model.objects.create(**lookup, **_paths(key[0], paths), **delta)
    except IntegrityError:
        rows.update(**{c: F(c) + n for c, n in delta.items()})


def _paths(kind: str, paths: tuple[str, str]) -> dict:
    return {} if kind == "root" else {"unit_path": paths[0], "owner_path": paths[1]}


def expected(recommendations=Recommendation) -> Cells:
    """The cells computed from the register itself."""
    rows = recommendations.objects.order_by().values_list(*_VALUES)
    totals: Cells = {}
    for values in rows.iterator(chunk_size=20_000):
        for key, (paths, counts) in _cells(*values).items():
            if key not in totals:
                totals[key] = (paths, dict(counts))
            else:
                cell = totals[key][1]
                for c, n in counts.items():
                    cell[c] = cell.get(c, 0) + n
    for _paths, counts in totals.values():
        for c in [c for c, n in counts.items() if not n]:
            del counts[c]
    return {k: v for k, v in totals.items() if v[1]}


def stored() -> Cells:
    """The cells as the roll-up tables hold them (empty cells left out), to compare."""
    cells: Cells = {}
    for kind, counts, names in (
        ("body", BODY_COUNTS, ("unit_id", "owner_id", "body_id", "unit_path", "owner_path")),
        ("field", FIELD_COUNTS, ("unit_id", "owner_id", "field_id", "unit_path", "owner_path")),
        ("root", BODY_COUNTS, ("root_path", "id", "body_id", "root_path", "root_path")),
    ):
        for row in MODELS[kind].objects.values_list(*names, "month", *counts):
            values = {c: n for c, n in zip(counts, row[6:], strict=True) if n}
            if values:
                if kind == "root":
                    key, paths = ("root", row[0], None, row[2], row[5]), (row[0], "")
                else:
                    key, paths = (kind, row[0], row[1], row[2], row[5]), (row[3], row[4])
                cells[key] = (paths, values)
    return cells


@transaction.atomic
def rebuild(models: dict | None = None) -> tuple[int, int]:
    """Recompute the roll-ups from the register. Returns (body cells, field cells).
    `models`: a migration's historical models ("recommendation", and those of "body",
    "field", "root" that exist at that point)."""
    models = models or {"recommendation": Recommendation, **MODELS}
    cells = expected(models["recommendation"])
    made: dict[str, list] = {kind: [] for kind in MODELS if kind in models}
    for key, (paths, counts) in cells.items():
        if key[0] in made:
            made[key[0]].append(models[key[0]](**_lookup(key), **_paths(key[0], paths), **counts))
    for kind, rows in made.items():
        models[kind].objects.all().delete()
        models[kind].objects.bulk_create(rows, batch_size=2000)
    return len(made.get("body", [])), len(made.get("field", []))


def percentile(hist: list[int], q: float) -> float | None:
    """The q-quantile (0–1) of the days in a histogram, interpolated between neighbouring
    ranks as percentile_cont does; exact while it falls in the one-day buckets."""
    n = sum(hist)
    if n == 0:
        return None
    position = q * (n - 1)
    low = int(position)
    a = _value_at(hist, low)
    if position == low:
        return round(a, 1)
    return round(a + (position - low) * (_value_at(hist, min(low + 1, n - 1)) - a), 1)


def _value_at(hist: list[int], rank: int) -> float:
    for i, count in enumerate(hist):
        if rank < count:
            start = ANSWER_DAY_EDGES[i]
            if i + 1 == len(ANSWER_DAY_EDGES):
                return float(start)
            width = ANSWER_DAY_EDGES[i + 1] - start
            if width == 1:
                return float(start)
            return start + (rank + 0.5) * width / count
        rank -= count
    return float(ANSWER_DAY_EDGES[-1])


def add_days(hist: list[int], days: int) -> None:
    hist[bucket(days)] += 1
