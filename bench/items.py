"""The item list page and search at country scale, as a commune reporter, a province compiler
and the national view (a superuser) see them.

For each scenario the timed unit is what the list page asks of the database: the user's grants,
the capped count (`CappedPaginator.count`) and the first page of 30 rows with their related
names. Each scenario also goes once through the real view with Django's test client, to
confirm the page-level figure (templates, form, session and all).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.generate import BENCH_COMPILER, BENCH_REPORTER, BENCH_SUPERUSER
from dantinh.core.pagination import NEWEST_ROWS, WINDOW_DAYS, WINDOW_MIN_ROWS, CappedPaginator
from dantinh.intake import search
from dantinh.intake.models import Field, Item
from dantinh.intake.selectors import ItemFilters, item_list, items_visible
from dantinh.org import paths, policies
from dantinh.org.models import Unit, User

PAGE_SIZE = 30  # as dantinh.intake.views.PAGE_SIZE
VIEW_RUNS = 5


@dataclass
class Scenario:
    key: str
    label: str
    filters: Callable[[dict], ItemFilters]
    params: Callable[[dict], dict]


def _month_three_months_ago(today: dt.date) -> tuple[dt.date, dt.date]:
    first = today.replace(day=1)
    for _ in range(3):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def _search(key: str, label: str, q: str) -> Scenario:
    return Scenario(key, label, lambda c: ItemFilters(q=q), lambda c: {"q": q})


SCENARIOS = [
    Scenario("list", "default list", lambda c: ItemFilters(), lambda c: {}),
    Scenario(
        "field",
        "field filter (môi trường)",
        lambda c: ItemFilters(field=c["field"]),
        lambda c: {"field": c["field"].pk},
    ),
    Scenario(
        "dates",
        "date range (one month, 3 months ago)",
        lambda c: ItemFilters(date_from=c["dates"][0], date_to=c["dates"][1]),
        lambda c: {"date_from": c["dates"][0].isoformat(), "date_to": c["dates"][1].isoformat()},
    ),
    Scenario(
        "unit",
        "unit filter (busiest unit one level down)",
        lambda c: ItemFilters(unit=c["unit"]),
        lambda c: {"unit": c["unit"].pk},
    ),
    _search("q_common", "search: giai phong mat bang", "giai phong mat bang"),
    _search("q_phrase", 'search: "giải phóng mặt bằng" (quoted phrase)', '"giải phóng mặt bằng"'),
    _search("q_rare", "search: a rarer word (karaoke)", "karaoke"),
    _search("q_none", "search: no hit (khung long bao chua)", "khung long bao chua"),
    _search(
        "q_diacritics", "search: Bức xúc tiền đền bù (diacritics, case)", "Bức xúc tiền đền bù"
    ),
]


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _summary(values: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(values), 2),
        "p95_ms": round(_percentile(values, 0.95), 2),
        "min_ms": round(min(values), 2),
        "max_ms": round(max(values), 2),
    }


def _busiest_child(unit: Unit, *, level_code: str | None = None) -> Unit:
    """The child unit of `unit` with the most items in its subtree (untimed set-up)."""
    length = len(unit.path) + paths.SEGMENT
    children = Unit.objects.filter(parent=unit, valid_to__isnull=True)
    if level_code:
        children = children.filter(level__code=level_code)
    counts = Item.objects.filter(
        unit_path__gt=unit.path, unit_path__lt=paths.upper_bound(unit.path)
    ).values_list("unit_path", flat=True)
    by_child: dict[str, int] = {}
    for path in counts.iterator(chunk_size=20_000):
        by_child[path[:length]] = by_child.get(path[:length], 0) + 1
    candidates = {c.path: c for c in children}
    best = max((p for p in by_child if p in candidates), key=by_child.get)
    return candidates[best]


def _roles(meta: dict) -> list[tuple[str, User, Unit]]:
    reporter = User.objects.get(username=BENCH_REPORTER)
    compiler = User.objects.get(username=BENCH_COMPILER)
    superuser = User.objects.get(username=BENCH_SUPERUSER)
    commune = Unit.objects.get(pk=meta["reporter_unit"])
    province = Unit.objects.get(pk=meta["compiler_unit"])
    return [
        ("commune reporter", reporter, _busiest_child(commune, level_code="thon")),
        ("province compiler", compiler, _busiest_child(province, level_code="xa")),
        ("national (superuser)", superuser, province),
    ]


def _time_page(user, filters: ItemFilters) -> tuple[float, float, float, int]:
    """(grants+count ms, rows ms, total ms, count) of one list page, as the view asks it."""
    policies.forget(user)
    t0 = time.perf_counter()
    qs = item_list(user=user, filters=filters)
    paginator = CappedPaginator(qs, PAGE_SIZE)
    count = paginator.count
    t1 = time.perf_counter()
    page = paginator.page(1) if count else None
    rows = list(page.object_list) if page else []
    for item in rows:  # what the table shows: no query may hide here
        _ = (
            item.unit.full_name,
            item.unit.parent,
            item.kind.name,
            item.field.name,
            item.channel.name,
            item.mood,
        )
    t2 = time.perf_counter()
    return (t1 - t0) * 1000, (t2 - t1) * 1000, (t2 - t0) * 1000, count


def _page_query(user, filters: ItemFilters):
    """Where the list page found its first rows (as `CappedPaginator` looks for them): "all at
    once" (a short list), "newest N" (among the newest rows before the filters), "N days" (a
    window of recent dates) or "whole list"."""
    policies.forget(user)
    qs = item_list(user=user, filters=filters)
    paginator = CappedPaginator(qs, PAGE_SIZE)
    stop = min(PAGE_SIZE, paginator.count)
    if paginator.exact and paginator.count <= WINDOW_MIN_ROWS:
        return "all at once"
    among = qs.newest(NEWEST_ROWS) if not paginator.exact else None
    if among is not None and among[:stop].count() == stop:
        return f"newest {NEWEST_ROWS:,}"
    today = timezone.localdate()
    for days in WINDOW_DAYS:
        window = qs.since(today - dt.timedelta(days=days))
        if window is not None and window[:stop].count() == stop:
            return f"{days} days"
    return "whole list"


def _explain(user, filters: ItemFilters) -> dict:
    """The plans of the queries the page ran (PostgreSQL: EXPLAIN ANALYZE, BUFFERS, each run
    again as captured), with the pages they touched: the count's queries, and the rows'."""
    policies.forget(user)
    with CaptureQueriesContext(connection) as captured:
        _time_page(user, filters)
    plans: dict = {"count": [], "rows": []}
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if "intake_item" not in sql.split(" WHERE ")[0]:
                continue  # the grants, the related names
            part = "count" if "COUNT(" in sql.upper() else "rows"
            if connection.vendor == "postgresql":
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            else:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plans[part].append("\n".join(" ".join(map(str, r)) for r in cursor.fetchall()))
    if connection.vendor == "postgresql":
        plans["figures"] = {
            part: {
                "queries": len(plans[part]),
                "pages": sum(plan_figures(p)["pages"] for p in plans[part]),
                "ms": round(sum(plan_figures(p)["ms"] or 0 for p in plans[part]), 1),
            }
            for part in ("count", "rows")
        }
    return plans


_BUFFERS = re.compile(r"Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?")
_TIME = re.compile(r"Execution Time: ([\d.]+) ms")


def plan_figures(plan: str) -> dict:
    """What a PostgreSQL plan (EXPLAIN ANALYZE, BUFFERS) touched: the pages of its top node
    (which include its children's) and its execution time. A query bounded by the page
    touches about as many pages at 1m as at 10m; one bounded by the matches, ten times more."""
    pages = 0
    for line in plan.splitlines():
        found = _BUFFERS.search(line)
        if found:
            pages = sum(int(g or 0) for g in found.groups())
            break
    took = _TIME.search(plan)
    return {"pages": pages, "ms": float(took.group(1)) if took else None}


def _check(user, filters: ItemFilters, matches: int) -> dict:
    """The page's shortcuts change nothing: the windowed pages hold the rows of a plain slice,
    and a search counts what it counts without the index keys."""
    policies.forget(user)
    qs = item_list(user=user, filters=filters)
    paginator = CappedPaginator(qs, PAGE_SIZE)
    same_rows = True
    for number in (1, 3):
        if number > paginator.num_pages:
            break
        page = [item.pk for item in paginator.page(number).object_list]
        start = (number - 1) * PAGE_SIZE
        same_rows &= page == list(qs.values_list("pk", flat=True)[start : start + PAGE_SIZE])
    same_count = None
    if filters.q and filters == ItemFilters(q=filters.q):
        same_count = search.apply(items_visible(user), filters.q).count() == matches
    return {"same_rows": same_rows, "same_count": same_count}


def _time_view(user, params: dict) -> tuple[list[float], int]:
    client = Client()
    client.force_login(user)
    url = reverse("intake:item_list")
    times, status = [], 0
    for i in range(VIEW_RUNS + 1):
        t0 = time.perf_counter()
        response = client.get(url, params)
        elapsed = (time.perf_counter() - t0) * 1000
        status = response.status_code
        if i:  # the first request warms the template and session caches
            times.append(elapsed)
    return times, status


def run(*, meta: dict, db: str, runs: int, warmup: int, log, explain: bool = True) -> dict:
    today = dt.date.fromisoformat(meta["today"])
    field = Field.objects.get(code="moi_truong")
    results = []
    load_before = os.getloadavg()
    for role, user, unit in _roles(meta):
        context = {"field": field, "dates": _month_three_months_ago(today), "unit": unit}
        scope_total = item_list(user=user).count()
        log(
            f"[{db}] {role} ({user.username}): {scope_total:,} items in scope; unit filter: {unit.full_name}"
        )
        for scenario in SCENARIOS:
            filters = scenario.filters(context)
            for _ in range(warmup):
                _time_page(user, filters)
            count_ms, rows_ms, total_ms = [], [], []
            capped = 0
            for _ in range(runs):
                c, r, t, capped = _time_page(user, filters)
                count_ms.append(c)
                rows_ms.append(r)
                total_ms.append(t)
            tracemalloc.start()
            _time_page(user, filters)
            peak_mb = round(tracemalloc.get_traced_memory()[1] / 2**20, 2)
            tracemalloc.stop()
            matches = item_list(user=user, filters=filters).count()
            try:
                view_ms, status = _time_view(user, scenario.params(context))
                view = {**_summary(view_ms), "status": status, "runs": len(view_ms)}
            except Exception as exc:  # the page is broken: report it, keep measuring
                view = {"error": f"{type(exc).__name__}: {exc}"[:300]}
            entry = {
                "role": role,
                "scenario": scenario.key,
                "label": scenario.label,
                "matches": matches,
                "capped_count": capped,
                "page": _summary(total_ms),
                "count": _summary(count_ms),
                "rows": _summary(rows_ms),
                "view": view,
                "runs": runs,
                "peak_mb": peak_mb,
            }
            entry["found_in"] = _page_query(user, filters)
            entry["checks"] = _check(user, filters, matches)
            if not entry["checks"]["same_rows"] or entry["checks"]["same_count"] is False:
                log(
                    f"  !! {scenario.label}: the page differs from the plain query: {entry['checks']}"
                )
            if explain:
                entry["plans"] = _explain(user, filters)
            results.append(entry)
            log(
                f"  {scenario.label:<52} {matches:>9,} hits  page p50 {entry['page']['median_ms']:7.1f} ms"
                f"  p95 {entry['page']['p95_ms']:7.1f} ms  (count {entry['count']['p95_ms']:.1f},"
                f" rows {entry['rows']['p95_ms']:.1f})  view {view.get('median_ms', 'error')} ms"
            )
    return {
        "database": db,
        "vendor": connection.vendor,
        "server_version": _server_version(),
        "machine": {
            "cores": _cores(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "data": {k: v for k, v in meta.items() if k != "seconds"},
        "generation_seconds": meta.get("seconds", {}),
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
        # The machine is shared: the 1-minute load average before and after the measurements.
        "load_average": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "runs": runs,
        "warmup": warmup,
        "results": results,
        "fields_by_count": list(
            Item.objects.values("field__code")
            .annotate(n=Count("id"))
            .order_by("-n")
            .values_list("field__code", "n")
        ),
    }


def _cores() -> int:
    return os.cpu_count() or 0


def _server_version() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return cursor.fetchone()[0]
