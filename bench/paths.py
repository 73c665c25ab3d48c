"""`python -m bench paths`: the hot paths beyond the item list, on the generated country.

Each path is timed as the page, job or command runs it (the same selectors and services),
`runs` times after `warmup` untimed runs: median and p95 in milliseconds, then once more under
`tracemalloc` for the peak of Python memory it allocated (MB).

- the overview (the leaders' dashboard as it stands) for a commune, the largest province and
  the whole country;
- the leaders' dashboard (12 and 52 weeks) and map (12 weeks) of the largest province, and the
  national dashboard: from the weekly roll-up, and from the items alone (before the roll-up);
- drafting a commune's weekly report (the busiest commune's compiler, last week);
- compiling the largest province's weekly and monthly composite report, and rendering the
  weekly one to .docx;
- the timeliness matrix, 52 weeks: the largest province, the whole country by province (the
  3,321 communes × 52 weeks counted by the database), and each province's own matrix; from
  the written timeliness states and judged from the reports (before the states);
- spreadsheet import with labelling: a file of rows with blank labels, validated, labelled by
  the language model and saved in one transaction (items per second); then a file with one bad
  row at its end, which must save nothing (all or nothing).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import platform
import random
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from django.db import connection
from django.utils import timezone

from bench.generate import (
    BENCH_COMMUNE_COMPILER,
    BENCH_COMPILER,
    BENCH_REPORTER,
    BENCH_SUPERUSER,
    FIELD_WEIGHTS,
)
from bench.items import _percentile, _server_version
from dantinh.org import policies
from dantinh.org.models import Unit, User

WEEKS = 52
TARGETS = {  # p95 in ms on PostgreSQL (issue 16, part 3)
    "overview": 100,
    "dashboard": 100,
    "map": 100,
    "composite_week": 1000,
    "composite_week_first_stored": 1000,
    "matrix_country_states": 300,
    "matrix_country_reports": 300,
}
IMPORT_TARGET = 5000  # items per second, with labelling


def _summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "median_ms": round(ordered[len(ordered) // 2], 1),
        "p95_ms": round(_percentile(values, 0.95), 1),
        "max_ms": round(ordered[-1], 1),
    }


SLOW_MS = 2000  # a path slower than this once is timed SLOW_RUNS times (the machine is shared)
SLOW_RUNS = 5


def timed(fn: Callable[[], object], *, runs: int, warmup: int) -> dict:
    t0 = time.perf_counter()
    fn()
    if (time.perf_counter() - t0) * 1000 > SLOW_MS:
        runs, warmup = min(runs, SLOW_RUNS), 0
    for _ in range(warmup - 1):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    tracemalloc.start()
    fn()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {**_summary(times), "runs": runs, "peak_mb": round(peak / 2**20, 1)}


def _weekly_and_monthly():
    from dantinh.reporting.models import Schedule
    from dantinh.reporting.periods import holiday_set, last_due, recent

    holidays = holiday_set()
    now = timezone.now()
    weekly = Schedule.objects.get(slug="weekly")
    monthly = Schedule.objects.get(slug="monthly")
    return (
        weekly,
        last_due(weekly, now, holidays),
        monthly,
        last_due(monthly, now, holidays),
        list(reversed(recent(weekly, now, WEEKS, holidays))),
    )


def _overview(user: User):
    from dantinh.insight.selectors import overview

    def run():
        policies.forget(user)
        return overview(user=user, today=timezone.localdate())

    return run


def _dashboard(user: User, weeks: int, *, use_rollup: bool):
    from dantinh.insight import dashboard

    def run():
        policies.forget(user)
        focus = dashboard.default_focus(user)
        return dashboard.build(
            user=user, today=timezone.localdate(), focus=focus, weeks=weeks, use_rollup=use_rollup
        )

    return run


def _map(user: User, weeks: int, *, use_rollup: bool):
    from dantinh.insight import dashboard, mapview

    def run():
        policies.forget(user)
        return mapview.build(
            user=user,
            focus=dashboard.default_focus(user),
            today=timezone.localdate(),
            weeks=weeks,
            measure="negative",
            field_id=None,
            use_rollup=use_rollup,
        )

    return run


def _draft(unit: Unit, schedule, period, user: User, *, first: bool = False, stored: bool = True):
    """Drafting; `first`: as the first drafting in a process (no text in the language engine's
    memory), from the items' stored text features or (`stored=False`) analysing the texts."""
    from dantinh.intake import features
    from dantinh.language import features as language_features
    from dantinh.reporting.drafting import draft_sections

    def run():
        policies.forget(user)
        if first:
            language_features.forget_all()
        features.READ_STORED = stored
        try:
            return draft_sections(unit=unit, schedule=schedule, period=period, user=user)
        finally:
            features.READ_STORED = True

    return run


def _docx(unit: Unit, schedule, period, user: User):
    from dantinh.reporting import docbuild, exports

    def run():
        policies.forget(user)
        document, _saved = docbuild.for_period(
            unit=unit, schedule=schedule, period=period, user=user
        )
        return exports.render(document, "docx")

    return run


def _recommendations(user: User, what: str):
    """A read of the recommendations desk, as its pages run it (a fresh policy cache each)."""
    from dantinh.recommendations import selectors

    reads = {
        "queue": lambda: list(selectors.queue(user)[:30]),
        "overdue": lambda: list(selectors.overdue(user)[:30]),
        "overdue_count": lambda: selectors.overdue(user).count(),
        "by_body": lambda: selectors.by_body(user),
        "by_field": lambda: selectors.by_field(user),
    }

    def run():
        user.__dict__.pop("_dantinh_grants", None)
        return reads[what]()

    return run


def _matrix(user: User, schedule, roots: list[Unit | None], periods, *, use_states=True):
    from dantinh.reporting import timeliness

    now = timezone.now()

    def run():
        policies.forget(user)
        return [
            timeliness.matrix(
                user=user,
                schedule=schedule,
                root=root,
                periods=periods,
                now=now,
                use_states=use_states,
            )
            for root in roots
        ]

    return run


def _close_periods(schedule, periods, log, db: str) -> None:
    """Write the timeliness states of the measured periods if the data set has none (it was
    generated before them): what the periodic job does as each cutoff passes."""
    from dantinh.reporting import period_states
    from dantinh.reporting.models import ClosedPeriod

    now = timezone.now()
    due = [p for p in periods if p.due_at <= now]
    have = set(
        ClosedPeriod.objects.filter(
            schedule=schedule, period_key__in=[p.key for p in due]
        ).values_list("period_key", flat=True)
    )
    if len(have) == len(due):
        return
    t0 = time.perf_counter()
    written = sum(period_states.close(schedule=schedule, period=p, now=now) for p in due)
    period_states.analyze()
    log(
        f"[{db}] timeliness states of {len(due)} periods written: {written:,} rows in "
        f"{time.perf_counter() - t0:.0f} s"
    )


def _wants(wanted: tuple[str, ...], key: str) -> bool:
    return not wanted or key.startswith(wanted)


def _cells(matrices) -> int:
    """Unit × period cells behind the matrices: every obligated unit's state in every column."""
    return sum(
        sum(getattr(c, "expected", 1) for c in row.cells) for m in matrices for row in m.rows
    )


# --- import ----------------------------------------------------------------------------------


def _import_file(unit: Unit, villages: list[Unit], rows: int, *, bad_last: bool) -> bytes:
    """A CSV of `rows` items for `unit`'s subtree, labels left blank for the model to fill."""
    from bench import texts
    from dantinh.intake.imports import COLUMNS
    from dantinh.intake.models import Channel

    rng = random.Random(rows)
    channel = Channel.objects.filter(is_active=True).order_by("order").first()
    place = texts.Place(
        province="",
        province_code="",
        commune=unit.name,
        commune_type=unit.full_name.split(" ")[0],
        villages=[v.name for v in villages],
    )
    texts.place_extras(rng, place)
    maker = texts.TextMaker(rng)
    fields = list(FIELD_WEIGHTS)
    moods = ["lo_lang", "buc_xuc", "mong_muon", "ban_khoan", "phan_khoi"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in COLUMNS])
    today = timezone.localdate()
    for i in range(rows):
        village = rng.choice(villages) if villages and rng.random() < 0.6 else None
        text = maker.make(
            place=place,
            field=rng.choice(fields),
            mood=rng.choice(moods),
            channel="cot_can_uy_tin",
            kind="kien_nghi",
            authority="",
            village=village.name if village else None,
        )
        values = {
            "observed_on": f"{today - dt.timedelta(days=rng.randint(0, 30)):%d/%m/%Y}",
            "unit_code": "",
            "unit_name": (village or unit).full_name,
            "channel": channel.name,
            "text": text,
        }
        if bad_last and i == rows - 1:
            values["observed_on"] = "31/02/2026"  # no such day: the whole file is refused
        writer.writerow([values.get(c.key, "") for c in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def _backend_cpu() -> float | None:
    """CPU seconds the PostgreSQL backend serving this connection has used (None: SQLite,
    which runs inside this process, or the backend is not readable from here)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _run_import(user: User, unit: Unit, data: bytes, name: str):
    """Run an import job; (job, wall seconds, CPU seconds by this process, its labelling
    workers and the database backend)."""
    from django.core.files.base import ContentFile

    from dantinh.intake import imports
    from dantinh.intake.models import ImportJob

    job = ImportJob(unit=unit, unit_path=unit.path, original_name=name, created_by=user)
    job.file.save(name, ContentFile(data), save=False)
    job.save()
    before, backend = os.times(), _backend_cpu()
    t0 = time.perf_counter()
    job = imports.run(job)
    seconds = time.perf_counter() - t0
    after, backend_after = os.times(), _backend_cpu()
    cpu = {
        "process": round(after.user + after.system - before.user - before.system, 2),
        "workers": round(
            after.children_user
            + after.children_system
            - before.children_user
            - before.children_system,
            2,
        ),
        "database": round(backend_after - backend, 2) if backend is not None else None,
    }
    return job, seconds, cpu


def _after_commit(job) -> tuple[dict, set]:
    """What the import's commit queues, run here and measured: the items' text features
    (`features.store`) and the roll-up rows of the (unit, day) pairs they touched. Returns
    ({job: {"seconds", "process", "database"}}, the pairs)."""
    from dantinh.insight import rollup
    from dantinh.intake import features
    from dantinh.intake.models import Item

    items = Item.objects.filter(import_job=job)
    ids = list(items.values_list("pk", flat=True))
    pairs = set(items.values_list("unit_path", "observed_on").distinct())
    spent = {}
    for name, work in (
        ("features", lambda: features.store(ids)),
        ("rollup", lambda: rollup.refresh(pairs)),
    ):
        before, backend = os.times(), _backend_cpu()
        t0 = time.perf_counter()
        work()
        after, backend_after = os.times(), _backend_cpu()
        spent[name] = {
            "seconds": round(time.perf_counter() - t0, 2),
            "process": round(after.user + after.system - before.user - before.system, 2),
            "database": round(backend_after - backend, 2) if backend is not None else None,
        }
    return spent, pairs


def measure_import(user: User, unit: Unit, rows: int, log) -> dict:
    from dantinh.intake.labelling import item_model, label_workers, place_matcher
    from dantinh.intake.models import Item

    item_model()  # trained or loaded once per deployment, not per import
    place_matcher()
    villages = list(Unit.objects.filter(parent=unit, valid_to__isnull=True)[:40])
    before = Item.objects.count()
    good = _import_file(unit, villages, rows, bad_last=False)
    load_before = os.getloadavg()[0]
    job, seconds, cpu = _run_import(user, unit, good, "bench-import.csv")
    load_after = os.getloadavg()[0]
    created = Item.objects.filter(import_job=job).count()
    after_commit, pairs = _after_commit(job)
    Item.objects.filter(import_job=job).delete()
    from dantinh.insight import rollup

    rollup.refresh(pairs)  # the roll-up as it was
    # The peak memory on a second run: tracemalloc slows Python down several times.
    tracemalloc.start()
    again, _seconds, _cpu = _run_import(user, unit, good, "bench-import.csv")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    Item.objects.filter(import_job=again).delete()  # keep the generated data set as it was
    result = {
        "rows": rows,
        "status": job.status,
        "created": created,
        "labels_to_check": len(job.review),
        "seconds": round(seconds, 2),
        "items_per_second": round(created / seconds) if seconds and created else 0,
        # what the import cost in CPU, wherever it ran: items per CPU second is what one
        # quiet core would do, whatever the other programs of a shared machine were doing
        "labelling_processes": label_workers(rows),
        "cpu_seconds": cpu,
        "items_per_cpu_second": round(created / max(0.01, sum(v or 0 for v in cpu.values()))),
        # queued by the commit, run by the task workers: the import does not wait for them
        "after_commit": after_commit,
        "items_per_cpu_second_with_after_commit": round(
            created
            / max(
                0.01,
                sum(v or 0 for v in cpu.values())
                + sum(v["process"] + (v["database"] or 0) for v in after_commit.values()),
            )
        ),
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "peak_mb": round(peak / 2**20, 1),
        "message": job.message,
    }
    bad = _import_file(unit, villages, rows, bad_last=True)
    job, seconds, _cpu = _run_import(user, unit, bad, "bench-import-bad.csv")
    result["all_or_nothing"] = {
        "status": job.status,
        "saved": Item.objects.filter(import_job=job).count(),
        "errors": len(job.errors),
        "items_after": Item.objects.count() - before,
    }
    log(
        f"  import {rows:,} rows with labelling: {result['seconds']} s, "
        f"{result['items_per_second']:,} items/s ({result['status']}; "
        f"{result['labelling_processes']} labelling processes, CPU s {cpu}, "
        f"{result['items_per_cpu_second']:,} items per CPU second, load {result['load_average']}); "
        f"after the commit {after_commit} "
        f"({result['items_per_cpu_second_with_after_commit']:,} items per CPU second with it); "
        "one bad row: "
        f"{result['all_or_nothing']['status']}, {result['all_or_nothing']['saved']} saved"
    )
    return result


# --- the run ---------------------------------------------------------------------------------


def run(
    *, meta: dict, db: str, runs: int, warmup: int, log, explain: bool = True, only: str = ""
) -> dict:
    """Every path (or those whose key starts with one of `only`'s comma-separated words)."""
    wanted = tuple(w.strip() for w in only.split(",") if w.strip())
    runs = max(5, min(runs, 20))
    reporter = User.objects.get(username=BENCH_REPORTER)
    commune_compiler = User.objects.get(username=BENCH_COMMUNE_COMPILER)
    compiler = User.objects.get(username=BENCH_COMPILER)
    superuser = User.objects.get(username=BENCH_SUPERUSER)
    commune = Unit.objects.get(pk=meta["reporter_unit"])
    province = Unit.objects.get(pk=meta["compiler_unit"])
    provinces = list(
        Unit.objects.filter(parent__isnull=True, valid_to__isnull=True).order_by("path")
    )
    weekly, week, monthly, month, weeks = _weekly_and_monthly()
    load_before = os.getloadavg()
    results: list[dict] = []

    def add(key: str, label: str, fn, **extra) -> None:
        if wanted and not key.startswith(wanted):
            return
        entry = {"key": key, "label": label, **timed(fn, runs=runs, warmup=warmup), **extra}
        results.append(entry)
        log(
            f"[{db}] {label:<62} p50 {entry['median_ms']:8.1f} ms  p95 {entry['p95_ms']:8.1f} ms"
            f"  peak {entry['peak_mb']:6.1f} MB"
        )

    add("overview_commune", "overview (dashboard): commune reporter", _overview(reporter))
    add("overview_province", "overview (dashboard): province compiler", _overview(compiler))
    add("overview_country", "overview (dashboard): national", _overview(superuser))
    if _wants(wanted, "dashboard") or _wants(wanted, "map"):
        from dantinh.insight import rollup
        from dantinh.insight.models import ItemRollup, TopRollup

        # A data set generated before the roll-ups (or before the province level).
        if not ItemRollup.objects.exists() or not TopRollup.objects.exists():
            t0 = time.perf_counter()
            rows = rollup.rebuild()
            log(f"[{db}] roll-up rebuilt: {rows:,} rows in {time.perf_counter() - t0:.0f} s")
    for span in (12, 52):
        for use_rollup, how in ((True, "roll-up"), (False, "items")):
            add(
                f"dashboard_province_{span}w_{how}",
                f"dashboard: province compiler, {span} weeks, from the {how}",
                _dashboard(compiler, span, use_rollup=use_rollup),
            )
    for use_rollup, how in ((True, "roll-up"), (False, "items")):
        add(
            f"map_province_12w_{how}",
            f"map: province compiler, 12 weeks, from the {how}",
            _map(compiler, 12, use_rollup=use_rollup),
        )
        add(
            f"dashboard_country_12w_{how}",
            f"dashboard: national, 12 weeks, from the {how}",
            _dashboard(superuser, 12, use_rollup=use_rollup),
        )
    add(
        "draft_commune_week",
        f"drafting a commune's weekly report ({week.key})",
        _draft(commune, weekly, week, commune_compiler),
    )
    if _wants(wanted, "composite"):
        from dantinh.intake import features
        from dantinh.intake.models import Item

        # A data set generated before the stored text features: the items the composites read
        # (the province's, the week's and the month's windows with the periods before them for
        # the comparisons); at 10 million items the whole table would take hours.
        start = min(week.start, month.start)
        start -= max(week.end, month.end) - start
        read = Item.objects.filter(
            unit_path__startswith=province.path,
            observed_on__range=(start, max(week.end, month.end)),
        )
        t0 = time.perf_counter()
        analysed = features.rebuild(items=read)
        log(
            f"[{db}] text features: {analysed:,} items analysed in {time.perf_counter() - t0:.0f} s"
        )
    add(
        "composite_week",
        f"province weekly composite ({week.key})",
        _draft(province, weekly, week, compiler),
    )
    for stored, how in ((True, "stored features"), (False, "analysing the texts")):
        add(
            f"composite_week_first_{'stored' if stored else 'texts'}",
            f"province weekly composite, first in a process, {how}",
            _draft(province, weekly, week, compiler, first=True, stored=stored),
        )
    add(
        "composite_month",
        f"province monthly composite ({month.key})",
        _draft(province, monthly, month, compiler),
    )
    add(
        "composite_week_docx",
        "province weekly composite, drafted and rendered to .docx",
        _docx(province, weekly, week, compiler),
    )
    for key, desk, who in (
        ("province", compiler, "province desk"),
        ("commune", commune_compiler, "commune desk"),
    ):
        add(
            f"recommendations_queue_{key}",
            f"recommendations queue: {who} (first page of 30)",
            _recommendations(desk, "queue"),
        )
        add(
            f"recommendations_overdue_{key}",
            f"recommendations overdue: {who} (first page)",
            _recommendations(desk, "overdue"),
        )
    add(
        "recommendations_overdue_count",
        "recommendations overdue: province desk (count)",
        _recommendations(compiler, "overdue_count"),
    )
    add(
        "recommendations_by_body",
        "recommendations by body (median, p90 days to answer): province desk",
        _recommendations(compiler, "by_body"),
    )
    add(
        "recommendations_by_field",
        "recommendations by field: province desk",
        _recommendations(compiler, "by_field"),
    )
    if _wants(wanted, "matrix"):
        _close_periods(weekly, weeks, log, db)
    matrix_views = (
        ("province", compiler, [province], f"the province × {WEEKS} weeks"),
        ("country", superuser, [None], f"the country by province × {WEEKS} weeks"),
        ("provinces", superuser, provinces, f"each of {len(provinces)} provinces × {WEEKS} weeks"),
    )
    for use_states, how in ((True, "states"), (False, "reports")):
        for key, viewer, roots, label in matrix_views:
            build = _matrix(viewer, weekly, roots, weeks, use_states=use_states)
            add(
                f"matrix_{key}_{how}",
                f"timeliness matrix: {label}, from the {how}",
                build,
                cells=_cells(build() if _wants(wanted, "matrix") else []),
            )
    rows = 10_000  # past PARALLEL_FROM: labelled by worker processes
    imported = (
        measure_import(commune_compiler, commune, rows, log) if _wants(wanted, "import") else {}
    )
    return {
        "database": db,
        "vendor": connection.vendor,
        "server_version": _server_version(),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "data": {k: v for k, v in meta.items() if k != "seconds"},
        "generation_seconds": meta.get("seconds", {}),
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
        "load_average": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "runs": runs,
        "warmup": warmup,
        "results": results,
        "import": imported,
        "reporter": reporter.username,
    }


def table(found: dict[str, dict]) -> str:
    dbs = list(found)
    head = ["path"]
    for db in dbs:
        name = "PostgreSQL" if db == "postgres" else "SQLite"
        head += [f"{name} median", f"{name} p95", f"{name} peak MB"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    first = found[dbs[0]]["results"]
    for i, entry in enumerate(first):
        cells = [entry["label"] + (f" ({entry['cells']:,} cells)" if entry.get("cells") else "")]
        for db in dbs:
            other = found[db]["results"][i]
            target = TARGETS.get(other["key"].split("_")[0]) or TARGETS.get(other["key"])
            flag = " ⚠" if db == "postgres" and target and other["p95_ms"] >= target else ""
            cells += [
                f"{other['median_ms']:.0f}",
                f"{other['p95_ms']:.0f}{flag}",
                f"{other['peak_mb']:.1f}",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "| import with labelling | " + " | ".join(dbs) + " |",
        "|---|" + "---|" * len(dbs),
    ]
    for label, key in (
        ("rows", "rows"),
        ("seconds", "seconds"),
        ("items per second", "items_per_second"),
        ("labelling processes", "labelling_processes"),
        ("items per CPU second (process + workers + database)", "items_per_cpu_second"),
        (
            "items per CPU second with the jobs after the commit (features, roll-up)",
            "items_per_cpu_second_with_after_commit",
        ),
        ("load average (start, end)", "load_average"),
        ("labels to check", "labels_to_check"),
        ("peak MB", "peak_mb"),
    ):
        lines.append(
            f"| {label} | " + " | ".join(str(found[db]["import"].get(key, "")) for db in dbs) + " |"
        )
    lines.append(
        "| one bad row: status, items saved | "
        + " | ".join(
            f"{found[db]['import']['all_or_nothing']['status']}, "
            f"{found[db]['import']['all_or_nothing']['items_after']}"
            for db in dbs
        )
        + " |"
    )
    return "\n".join(lines)


def write(out: Path, name: str) -> Path | None:
    found = {
        db: json.loads(p.read_text())
        for db in ("postgres", "sqlite")
        if (p := out / f"paths-{db}-{name}.json").exists()
    }
    if not found:
        return None
    data = next(iter(found.values()))["data"]
    reports = data.get("reports", {})
    text = "\n".join(
        [
            f"# Hot paths, {data['items']:,} items ({name})",
            "",
            f"{data['communes']:,} communes, {data['villages']:,} villages, {data['users']:,} users, "
            f"{data['items']:,} items, {reports.get('submissions', 0):,} reports "
            f"({reports.get('sections', 0):,} sections); load average "
            + ", ".join(f"{db} {r['load_average']}" for db, r in found.items())
            + ". Milliseconds; peak = Python memory allocated during one run (tracemalloc).",
            "",
            table(found),
            "",
        ]
    )
    path = out / f"paths-{name}.md"
    path.write_text(text)
    return path
