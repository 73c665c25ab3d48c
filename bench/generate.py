"""The country-scale data set: every province and commune of Vietnam (or the provinces
asked for), ~30 villages per commune, ~50,000 people (a compiler and a reporter per commune,
reporters in about 44% of the villages, a compiler and a leader per province), N items with a
realistic skew (`bench.itemgen`: by chunks, in parallel processes on PostgreSQL), every
regular report of every obligated unit (`bench.submissions`), and the recommendations, cases
and media posts made from the items (`bench.followups`).

Units come from the product's importer (the real list the package carries); villages, users
and items are written in bulk. Items go in with the secondary indexes dropped and rebuilt
afterwards: on SQLite by executemany in one transaction (journal off, a large cache), the
full-text index rebuilt at the end; on PostgreSQL by COPY, then the indexes, foreign keys,
VACUUM and ANALYZE. The schema ends exactly as migrations and `search.ensure_index` make it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import random
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from bench import GENERATOR_VERSION, itemgen, texts
from bench.itemgen import DAYS, FIELD_WEIGHTS, ITEM_COLUMNS, Commune
from dantinh.insight import rollup
from dantinh.intake import search
from dantinh.intake.models import Authority, Channel, Field, Item, Kind, Mood
from dantinh.language.normalize import search_text
from dantinh.org import importer, paths
from dantinh.org.actors import system_actor
from dantinh.org.models import Membership, Unit, User

VILLAGES_PER_COMMUNE = (15, 45)  # uniform: about 30 on average, ~100,000 in all
BATCH = 10_000

# A busy city logs more than its share of communes (a rough weight, not census data).
PROVINCE_FACTOR = {"79": 3.0, "01": 2.6, "31": 1.6, "48": 1.5, "92": 1.3, "75": 1.2, "56": 1.1}


BENCH_REPORTER = "bench.xa"
BENCH_COMPILER = "bench.tinh"
BENCH_SUPERUSER = "bench.admin"
BENCH_COMMUNE_COMPILER = "bench.bdvxa"


class Progress:
    def __init__(self, log: Callable[[str], None], total: int, label: str):
        self.log, self.total, self.label = log, total, label
        self.start = self.last = time.perf_counter()

    def update(self, done: int) -> None:
        now = time.perf_counter()
        if now - self.last < 5 and done < self.total:
            return
        self.last = now
        rate = done / max(now - self.start, 1e-9)
        eta = (self.total - done) / rate if rate else 0
        self.log(f"  {self.label}: {done:,}/{self.total:,} ({rate:,.0f}/s, ~{eta:.0f} s left)")


def check_columns() -> None:
    model_columns = {f.column for f in Item._meta.concrete_fields}
    if connection.vendor == "postgresql":
        model_columns.discard("search_tsv")
    if model_columns != set(ITEM_COLUMNS):
        raise RuntimeError(f"intake_item changed: {sorted(model_columns ^ set(ITEM_COLUMNS))}")


# --- units and users ---------------------------------------------------------------------


def import_units(log, provinces: list[str] | None = None) -> list[str]:
    codes = sorted(provinces or importer.provinces_2025())
    summary = importer.ImportSummary()
    for i, code in enumerate(codes, 1):
        importer.import_province(code, actor=system_actor(), with_history=True, summary=summary)
        if i % 8 == 0 or i == len(codes):
            log(f"  {i}/{len(codes)} provinces, {summary.created:,} units")
    return codes


def _reset_sequences(models) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def build_communes(rng: random.Random, log) -> list[Commune]:
    """Villages under every commune (ids given here so paths are known without a read back)."""
    levels = importer.ensure_levels()
    provinces = {
        u.pk: u
        for u in Unit.objects.filter(parent__isnull=True, code_scheme=Unit.CodeScheme.GSO_2025)
    }
    current = list(
        Unit.objects.filter(
            level=levels["xa"], valid_to__isnull=True, code_scheme=Unit.CodeScheme.GSO_2025
        ).order_by("path")
    )
    old = {}
    for unit in Unit.objects.filter(code_scheme=Unit.CodeScheme.GSO_2008).only(
        "id", "path", "successor_id"
    ):
        old.setdefault(unit.successor_id, []).append((unit.pk, unit.path))
    next_id = (Unit.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    village_units, communes = [], []
    for unit in current:
        province = provinces[unit.parent_id]
        ctype = "Đặc khu" if unit.full_name.startswith("Đặc khu") else unit.full_name.split(" ")[0]
        names = texts.village_names(
            rng,
            province_code=province.code,
            commune_type=ctype,
            n=rng.randint(*VILLAGES_PER_COMMUNE),
        )
        villages = []
        for name in names:
            path = paths.child_path(unit.path, next_id)
            village_units.append(
                Unit(
                    id=next_id,
                    name=name,
                    full_name=name,
                    level=levels["thon"],
                    parent=unit,
                    path=path,
                    depth=unit.depth + 1,
                    search_name=search_text(name),
                )
            )
            villages.append((next_id, path))
            next_id += 1
        place = texts.Place(
            province=province.full_name,
            province_code=province.code,
            commune=unit.name,
            commune_type=ctype,
            villages=names,
        )
        texts.place_extras(rng, place)
        factor = PROVINCE_FACTOR.get(province.code, 1.0)
        weight = factor * rng.lognormvariate(0, 0.8) * (1.3 if ctype == "Phường" else 1.0)
        field_weights = {f: w * rng.lognormvariate(0, 0.5) for f, w in FIELD_WEIGHTS.items()}
        if rng.random() < 0.25:  # a commune with a big project: land clearance dominates
            field_weights["dat_dai"] *= 2.5
        communes.append(
            Commune(
                unit=unit,
                province_code=province.code,
                weight=weight,
                villages=villages,
                predecessors=old.get(unit.pk, []),
                place=place,
                fields=itemgen.cumulative(field_weights),
            )
        )
    Unit.objects.bulk_create(village_units, batch_size=2000)
    _reset_sequences([Unit])
    log(f"  {len(village_units):,} villages under {len(communes):,} communes")
    return communes


VILLAGE_REPORTER_SHARE = 0.44  # with the communes' and provinces' people: ~50,000 in all


def create_users(communes: list[Commune], rng: random.Random, log) -> dict:
    """The people of the country: in every commune a compiler (who writes its reports) and a
    reporter (who enters its items), a reporter in about 44% of the villages, a compiler and a
    leader in every province; and the bench's own users."""
    busiest = max(communes, key=lambda c: c.weight)
    by_province: Counter = Counter()
    for c in communes:
        by_province[c.province_code] += c.weight
    top_province_code = by_province.most_common(1)[0][0]
    provinces = {
        u.code: u
        for u in Unit.objects.filter(parent__isnull=True, code_scheme=Unit.CodeScheme.GSO_2025)
    }
    top_province = provinces[top_province_code]
    Role = Membership.Role
    unusable = make_password(None)
    wanted: list[tuple[str, str, int, str]] = []  # username, full name, unit id, role
    for c in communes:
        code = c.unit.code
        reporter = BENCH_REPORTER if c is busiest else f"cb.{code}"
        compiler = BENCH_COMMUNE_COMPILER if c is busiest else f"bdv.{code}"
        wanted.append((reporter, f"Cán bộ dân vận {c.unit.full_name}", c.unit.pk, Role.REPORTER))
        wanted.append((compiler, f"Cán bộ tổng hợp {c.unit.full_name}", c.unit.pk, Role.COMPILER))
        for i, (village_id, _path) in enumerate(c.villages):
            if rng.random() < VILLAGE_REPORTER_SHARE:
                name = c.place.villages[i]
                wanted.append((f"cb.{code}.{i}", f"Tổ công tác {name}", village_id, Role.REPORTER))
    for code, province in sorted(provinces.items()):
        compiler = BENCH_COMPILER if province is top_province else f"tonghop.{code}"
        wanted.append((compiler, "Chuyên viên tổng hợp", province.pk, Role.COMPILER))
        wanted.append((f"lanhdao.{code}", "Lãnh đạo Ban Dân vận", province.pk, Role.LEADER))
    User.objects.bulk_create(
        [User(username=u, password=unusable, full_name=n) for u, n, _unit, _role in wanted],
        batch_size=5000,
    )
    ids = dict(
        User.objects.filter(username__in=[w[0] for w in wanted]).values_list("username", "id")
    )
    Membership.objects.bulk_create(
        [Membership(user_id=ids[u], unit_id=unit, role=role) for u, _n, unit, role in wanted],
        batch_size=5000,
    )
    for c in communes:
        c.reporter_id = ids[BENCH_REPORTER if c is busiest else f"cb.{c.unit.code}"]
        c.compiler_id = ids[BENCH_COMMUNE_COMPILER if c is busiest else f"bdv.{c.unit.code}"]
    for username in (BENCH_COMPILER, BENCH_COMMUNE_COMPILER):
        user = User.objects.get(pk=ids[username])
        user.set_password("bench")
        user.save(update_fields=["password"])
    User.objects.create_superuser(BENCH_SUPERUSER, password="bench", full_name="Quản trị hệ thống")
    log(
        f"  {len(wanted):,} people; {BENCH_REPORTER} and {BENCH_COMMUNE_COMPILER} in "
        f"{busiest.unit.full_name}, {BENCH_COMPILER} in {top_province.full_name}"
    )
    return {"reporter_unit": busiest.unit.pk, "compiler_unit": top_province.pk}


def report_writers(communes: list[Commune]) -> dict[int, int]:
    """Who writes each obligated unit's reports: the commune's compiler, also for the
    pre-2025 communes that went into it (their reports before the reform)."""
    writers = {}
    for c in communes:
        writers[c.unit.pk] = c.compiler_id
        for old_id, _path in c.predecessors:
            writers[old_id] = c.compiler_id
    return writers


# --- items ---------------------------------------------------------------------------------


def _taxonomy_ids() -> dict:
    return {
        "kind": dict(Kind.objects.values_list("code", "id")),
        "field": dict(Field.objects.values_list("code", "id")),
        "mood": dict(Mood.objects.values_list("code", "id")),
        "channel": dict(Channel.objects.values_list("code", "id")),
        "authority": dict(Authority.objects.values_list("code", "id")),
    }


def _sqlite_load(rows, n: int, log) -> None:
    cur = connection.connection.cursor()
    schema = cur.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
        " AND sql IS NOT NULL AND tbl_name IN ('intake_item', 'intake_item_secondary_fields')"
    ).fetchall()
    for kind, name, _ in schema:
        cur.execute(f'DROP {kind.upper()} "{name}"')
    item_sql = f"INSERT INTO intake_item ({', '.join(ITEM_COLUMNS)}) VALUES ({', '.join('?' * len(ITEM_COLUMNS))})"
    sec_sql = "INSERT INTO intake_item_secondary_fields (item_id, field_id) VALUES (?, ?)"
    progress = Progress(log, n, "items")
    done = 0
    cur.execute("BEGIN")
    for batch in _batched(rows):
        cur.executemany(item_sql, [r for r, _ in batch])
        cur.executemany(sec_sql, [(r[0], f) for r, sec in batch for f in sec])
        done += len(batch)
        progress.update(done)
    cur.execute("COMMIT")
    t = time.perf_counter()
    cur.execute("BEGIN")
    for kind, name, sql in schema:  # the full-text triggers come back with ensure_index
        if kind == "index" or not name.startswith("intake_item_fts"):
            cur.execute(sql)
    cur.execute("COMMIT")
    log(f"  indexes rebuilt in {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    search.ensure_index(connection)  # puts the triggers back and rebuilds the FTS index
    log(f"  full-text index rebuilt in {time.perf_counter() - t:.0f} s")


def _batched(rows):
    while batch := list(itertools.islice(rows, BATCH)):
        yield batch


@contextlib.contextmanager
def pg_without_indexes(tables: list[str], log, *, jobs: int = 1):
    """PostgreSQL: drop the secondary indexes and foreign keys of `tables` for a bulk load,
    and build them again afterwards (unique constraints stay), `jobs` at a time (each on its
    own connection: builds of one table's indexes do not block each other)."""
    names = ", ".join(f"'{t}'::regclass" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i
               JOIN pg_class c ON c.oid = i.indexrelid
               WHERE i.indrelid IN ({names})
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"""
        )
        indexes = cursor.fetchall()
        cursor.execute(
            f"""SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
               WHERE contype = 'f' AND conrelid IN ({names})"""
        )
        foreign_keys = cursor.fetchall()
        for table, name, _ in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    if not connection.get_autocommit():  # inside a transaction: the builds must see its rows
        jobs = 1
    yield
    t = time.perf_counter()

    def build(index: tuple[str, str]) -> None:
        name, sql = index
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '512MB'")
                cursor.execute(sql)
            log(f"  index {name}: {time.perf_counter() - t:.0f} s")
        finally:
            if jobs > 1:
                connection.close()  # this thread's own connection

    if jobs > 1:
        with ThreadPoolExecutor(jobs) as pool:
            list(pool.map(build, indexes))
    else:
        for index in indexes:
            build(index)
    with connection.cursor() as cursor:
        for table, name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        log(f"  indexes and foreign keys rebuilt in {time.perf_counter() - t:.0f} s")


def _pg_load(plan: itemgen.Plan, jobs: int, log) -> None:
    with pg_without_indexes(["intake_item", "intake_item_secondary_fields"], log, jobs=jobs):
        progress = Progress(log, plan.n, f"items ({jobs} processes)")
        itemgen.pg_write(plan, jobs, progress.update)
    _reset_sequences([Item, Item.secondary_fields.through])


def load_items(
    n: int,
    communes: list[Commune],
    rng: random.Random,
    today: dt.date,
    log,
    *,
    seed: int,
    jobs: int,
) -> None:
    """The items: by chunks, each of its own random stream (`bench.itemgen`), so that the
    data is the same whatever `jobs`; on PostgreSQL written by `jobs` processes."""
    check_columns()
    plan = itemgen.plan(n=n, seed=seed, rng=rng, today=today, places=communes, ids=_taxonomy_ids())
    if connection.vendor == "sqlite":
        _sqlite_load(itemgen.all_rows(plan), n, log)
    else:
        _pg_load(plan, jobs, log)


def load_submissions(communes: list[Commune], rng: random.Random, today: dt.date, log) -> dict:
    from bench import submissions

    since = today - dt.timedelta(days=DAYS - 1)
    writers = report_writers(communes)
    tables = ["reporting_submission", "reporting_submissionsection"]
    if connection.vendor == "sqlite":
        with transaction.atomic():
            facts = submissions.generate(rng=rng, since=since, compilers=writers, log=log)
    else:
        with transaction.atomic(), pg_without_indexes(tables, log):
            facts = submissions.generate(rng=rng, since=since, compilers=writers, log=log)
    from dantinh.reporting.models import Submission, SubmissionSection

    _reset_sequences([Submission, SubmissionSection])
    return facts


# --- the whole data set --------------------------------------------------------------------


def prepare_sqlite_for_bulk_load() -> None:
    with connection.cursor() as cursor:
        for pragma in (
            "journal_mode=DELETE",
            "journal_mode=OFF",
            "synchronous=OFF",
            "cache_size=-1000000",
            "temp_store=MEMORY",
            "foreign_keys=OFF",
        ):
            cursor.execute(f"PRAGMA {pragma}")


def finish(log) -> None:
    t = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_key_check(intake_item)")
            bad = cursor.fetchall()
            if bad:
                raise RuntimeError(f"foreign keys broken: {bad[:5]}")
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA journal_mode=WAL")
        else:
            connection.set_autocommit(True)
            cursor.execute("VACUUM (ANALYZE)")
    log(f"  statistics: {time.perf_counter() - t:.0f} s")


def generate(
    *,
    n: int,
    seed: int,
    log: Callable[[str], None] = print,
    provinces: list[str] | None = None,
    reports: bool = True,
    jobs: int = 1,
) -> dict:
    """Build the data set in the (empty) database of the current settings; returns its facts.
    `provinces`: the 2025 codes of the provinces to build (None: all 34); `reports`: also
    every regular report of every obligated unit over the three years; `jobs`: processes
    writing the items on PostgreSQL (the data does not depend on it)."""
    rng = random.Random(seed)
    today = timezone.localdate()
    timings = {}
    t0 = t = time.perf_counter()
    if connection.vendor == "sqlite":
        prepare_sqlite_for_bulk_load()
    log("Schema…")
    # run_syncdb: apps of the tree that have no migrations yet still get their tables.
    call_command("migrate", verbosity=0, run_syncdb=True)
    if connection.vendor == "sqlite":
        prepare_sqlite_for_bulk_load()  # migrate may have reopened the connection
    timings["schema"] = time.perf_counter() - t
    t = time.perf_counter()
    log("Provinces and communes of the whole country (with the pre-2025 communes)…")
    with transaction.atomic():
        import_units(log, provinces)
        timings["provinces_communes"] = time.perf_counter() - t
        t = time.perf_counter()
        log("Villages and residential groups…")
        communes = build_communes(rng, log)
        timings["villages"] = time.perf_counter() - t
        t = time.perf_counter()
        log("Users…")
        users = create_users(communes, rng, log)
        timings["users"] = time.perf_counter() - t
    t = time.perf_counter()
    log(f"{n:,} items…")
    load_items(n, communes, rng, today, log, seed=seed, jobs=jobs)
    timings["items"] = time.perf_counter() - t
    t = time.perf_counter()
    log("Weekly roll-ups of the items (the dashboard's and the map's)…")
    rollup.rebuild()
    timings["rollup"] = time.perf_counter() - t
    report_facts: dict = {}
    if reports:
        t = time.perf_counter()
        log("Reports of every obligated unit for every regular schedule…")
        report_facts = load_submissions(communes, rng, today, log)
        timings["reports"] = time.perf_counter() - t
    t = time.perf_counter()
    log("Recommendations, cases and media posts…")
    from bench import followups

    follow_facts = followups.generate(seed=seed, today=today, log=log)
    timings["followups"] = time.perf_counter() - t
    t = time.perf_counter()
    log("Statistics…")
    finish(log)
    timings["statistics"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    facts = {
        "generator_version": GENERATOR_VERSION,
        "items": n,
        "seed": seed,
        "today": today.isoformat(),
        "units": Unit.objects.count(),
        "communes": len(communes),
        "villages": sum(len(c.villages) for c in communes),
        "users": User.objects.count(),
        "secondary_fields": Item.secondary_fields.through.objects.count(),
        "provinces": len(provinces) if provinces else 34,
        "reports": report_facts,
        "followups": follow_facts,
        "seconds": {k: round(v, 1) for k, v in timings.items()},
        **users,
    }
    log(f"Done in {timings['total']:.0f} s.")
    return facts
