"""The country-scale data set: every province and commune of Vietnam (or the provinces
asked for), ~30 villages per commune, ~50,000 people (a compiler and a reporter per commune,
reporters in about 44% of the villages, a compiler and a leader per province), N items with a
realistic skew, and every regular report of every obligated unit (`bench.submissions`).

Units come from the product's importer (the real list the package carries); villages, users
and items are written in bulk. Items go in with the secondary indexes dropped and rebuilt
afterwards: on SQLite by executemany in one transaction (journal off, a large cache), the
full-text index rebuilt at the end; on PostgreSQL by COPY, then the indexes, foreign keys,
VACUUM and ANALYZE. The schema ends exactly as migrations and `search.ensure_index` make it.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import itertools
import math
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from bench import GENERATOR_VERSION, texts
from dantinh.insight import rollup
from dantinh.intake import search
from dantinh.intake.models import Authority, Channel, Field, Item, Kind, Mood
from dantinh.language.normalize import search_text
from dantinh.org import importer, paths
from dantinh.org.actors import system_actor
from dantinh.org.models import Membership, Unit, User

DAYS = 3 * 365 + 1
VILLAGES_PER_COMMUNE = (15, 45)  # uniform: about 30 on average, ~100,000 in all
BATCH = 10_000

# A busy city logs more than its share of communes (a rough weight, not census data).
PROVINCE_FACTOR = {"79": 3.0, "01": 2.6, "31": 1.6, "48": 1.5, "92": 1.3, "75": 1.2, "56": 1.1}

KIND_WEIGHTS = {
    "tam_trang": 38,
    "kien_nghi": 30,
    "hoat_dong": 17,
    "khieu_nai_to_cao": 10,
    "vu_viec": 5,
}
FIELD_WEIGHTS = {
    "dat_dai": 16,
    "giao_thong_ha_tang": 9,
    "an_sinh_xa_hoi": 8,
    "moi_truong": 8,
    "gia_ca_doi_song": 7,
    "y_te": 6,
    "an_ninh_trat_tu": 6,
    "giao_duc": 5,
    "lao_dong_viec_lam": 5,
    "thu_tuc_hanh_chinh": 5,
    "nong_nghiep": 5,
    "xay_dung_quy_hoach": 4,
    "van_hoa_xa_hoi": 4,
    "xay_dung_dang_chinh_quyen": 4,
    "tham_nhung_tieu_cuc": 2,
    "kinh_te_doanh_nghiep": 2,
    "ton_giao_tin_nguong": 1.5,
    "dan_toc": 1.5,
    "khac": 2,
}
MOODS_BY_KIND = {
    "hoat_dong": {"vui_mung": 20, "phan_khoi": 30, "dong_tinh": 25, "tin_tuong": 15, "": 10},
    "tam_trang": {
        "vui_mung": 5,
        "phan_khoi": 8,
        "dong_tinh": 12,
        "tin_tuong": 10,
        "mong_muon": 15,
        "ban_khoan": 20,
        "lo_lang": 18,
        "buc_xuc": 7,
        "": 5,
    },
    "kien_nghi": {"mong_muon": 45, "ban_khoan": 15, "lo_lang": 10, "buc_xuc": 25, "": 5},
    "khieu_nai_to_cao": {"buc_xuc": 60, "lo_lang": 10, "ban_khoan": 10, "mong_muon": 10, "": 10},
    "vu_viec": {"buc_xuc": 50, "lo_lang": 30, "ban_khoan": 10, "": 10},
}
CHANNEL_WEIGHTS = {
    "cot_can_uy_tin": 25,
    "doi_thoai_tiep_xuc": 18,
    "to_cong_tac": 12,
    "phoi_hop_dan_van": 12,
    "bao_chi_mang_xa_hoi": 10,
    "hoi_nghi_kiem_tra_khao_sat": 8,
    "van_ban_bao_cao": 8,
    "du_luan_xa_hoi": 7,
}
AUTHORITY_BY_FIELD = {
    "dat_dai": "so_nong_nghiep_moi_truong",
    "moi_truong": "so_nong_nghiep_moi_truong",
    "y_te": "so_y_te",
    "giao_duc": "so_giao_duc",
    "giao_thong_ha_tang": "so_xay_dung",
    "lao_dong_viec_lam": "bhxh",
    "an_sinh_xa_hoi": "so_noi_vu",
    "gia_ca_doi_song": "so_cong_thuong",
    "thu_tuc_hanh_chinh": "ubnd_xa",
    "tham_nhung_tieu_cuc": "thanh_tra",
    "an_ninh_trat_tu": "cong_an",
    "ton_giao_tin_nguong": "so_dan_toc_ton_giao",
    "dan_toc": "so_dan_toc_ton_giao",
    "nong_nghiep": "so_nong_nghiep_moi_truong",
    "xay_dung_quy_hoach": "so_xay_dung",
    "van_hoa_xa_hoi": "so_van_hoa",
    "xay_dung_dang_chinh_quyen": "co_quan_dang",
    "kinh_te_doanh_nghiep": "so_tai_chinh",
    "khac": "khac",
}

# The item columns in the order rows are written; checked against the model so that a schema
# change fails here, loudly, instead of loading wrong data.
ITEM_COLUMNS = [
    "id",
    "created_at",
    "updated_at",
    "unit_id",
    "unit_path",
    "reporting_unit_id",
    "observed_on",
    "kind_id",
    "field_id",
    "mood_id",
    "channel_id",
    "authority_id",
    "text",
    "scale",
    "verification",
    "source_url",
    "search_text",
    "created_by_id",
    "import_job_id",
    "model_version",
    "suggested",
    "label_corrected",
    "version",
]
SECONDARY_COLUMNS = ["item_id", "field_id"]

BENCH_REPORTER = "bench.xa"
BENCH_COMPILER = "bench.tinh"
BENCH_SUPERUSER = "bench.admin"
BENCH_COMMUNE_COMPILER = "bench.bdvxa"


def _cum(weights: dict) -> tuple[list, list[float]]:
    keys = list(weights)
    return keys, list(itertools.accumulate(weights[k] for k in keys))


@dataclass
class Commune:
    unit: Unit
    province_code: str
    weight: float
    villages: list[tuple[int, str]]  # (id, path)
    predecessors: list[tuple[int, str]]
    place: texts.Place
    fields: tuple[list, list[float]]
    reporter_id: int = 0
    compiler_id: int = 0


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
                fields=_cum(field_weights),
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


def _day_weights(today: dt.date, rng: random.Random) -> tuple[list[dt.date], list[float]]:
    """Recent months denser (the system is used more and more), fewer items at weekends and
    around Tết, a few busy weeks (typhoons, elections, a new land price table)."""
    start = today - dt.timedelta(days=DAYS - 1)
    busy = {start + dt.timedelta(days=rng.randrange(DAYS)) for _ in range(12)}
    days, weights = [], []
    for i in range(DAYS):
        day = start + dt.timedelta(days=i)
        w = math.exp(1.1 * (i - DAYS) / DAYS)  # the last day ~3x the first
        if day.weekday() >= 5:
            w *= 0.35
        if day.month == 2 and day.day <= 12:
            w *= 0.6
        if any(0 <= (day - b).days < 10 for b in busy):
            w *= 1.8
        days.append(day)
        weights.append(w)
    return days, list(itertools.accumulate(weights))


def item_rows(n: int, communes: list[Commune], rng: random.Random, today: dt.date, ids: dict):
    """Yield (item row, secondary field ids) in date order, as a live system accumulates them."""
    days, day_cum = _day_weights(today, rng)
    day_index = sorted(bisect.bisect_left(day_cum, rng.random() * day_cum[-1]) for _ in range(n))
    commune_cum = list(itertools.accumulate(c.weight for c in communes))
    total_w = commune_cum[-1]
    kinds, kind_cum = _cum(KIND_WEIGHTS)
    channels, channel_cum = _cum(CHANNEL_WEIGHTS)
    moods = {k: _cum(w) for k, w in MOODS_BY_KIND.items()}
    base_fields, base_field_cum = _cum(FIELD_WEIGHTS)
    maker = texts.TextMaker(rng)
    vendor = connection.vendor
    utc = dt.UTC
    now = timezone.now()
    reform = importer.REFORM_DATE
    fmt_dt = (
        (lambda d: d.astimezone(utc).replace(tzinfo=None).isoformat(" "))
        if vendor == "sqlite"
        else (lambda d: d)
    )
    fmt_date = (lambda d: d.isoformat()) if vendor == "sqlite" else (lambda d: d)
    tz = timezone.get_current_timezone()
    choices, rand, randint = rng.choices, rng.random, rng.randint
    for pk, di in enumerate(day_index, start=1):
        day = days[di]
        commune = communes[bisect.bisect_left(commune_cum, rand() * total_w)]
        village = None
        if rand() < 0.65:
            vi = randint(0, len(commune.villages) - 1)
            unit_id, unit_path = commune.villages[vi]
            village = commune.place.villages[vi]
        else:
            unit_id, unit_path = commune.unit.pk, commune.unit.path
            if day < reform and commune.predecessors:
                unit_id, unit_path = commune.predecessors[randint(0, len(commune.predecessors) - 1)]
        kind = choices(kinds, cum_weights=kind_cum)[0]
        field = choices(commune.fields[0], cum_weights=commune.fields[1])[0]
        mood = choices(moods[kind][0], cum_weights=moods[kind][1])[0]
        channel = choices(channels, cum_weights=channel_cum)[0]
        authority = ""
        if (
            kind in ("kien_nghi", "khieu_nai_to_cao")
            or (kind == "vu_viec" and rand() < 0.5)
            or rand() < 0.05
        ):
            authority = "ubnd_xa" if rand() < 0.35 else AUTHORITY_BY_FIELD[field]
        text = maker.make(
            place=commune.place,
            field=field,
            mood=mood,
            channel=channel,
            kind=kind,
            authority=authority,
            village=village,
        )
        entered = dt.datetime.combine(day, dt.time(7, 30), tz) + dt.timedelta(
            days=0 if rand() < 0.7 else randint(1, 6), minutes=randint(0, 600)
        )
        entered = min(entered, now)
        age = (today - day).days
        if age > 30:
            verification = (
                "verified" if rand() < 0.75 else ("inaccurate" if rand() < 0.1 else "unverified")
            )
        else:
            verification = "verified" if rand() < 0.4 else "unverified"
        scale = None
        if kind in ("kien_nghi", "khieu_nai_to_cao", "vu_viec") and rand() < 0.7 or rand() < 0.2:
            scale = int(rng.lognormvariate(2.5, 1.2)) + 1
        source_url = ""
        if channel == "bao_chi_mang_xa_hoi" and rand() < 0.6:
            source_url = f"https://tin.example/{day:%Y/%m}/{pk}"
        row = (
            pk,
            fmt_dt(entered),
            fmt_dt(entered),
            unit_id,
            unit_path,
            commune.unit.pk,
            fmt_date(day),
            ids["kind"][kind],
            ids["field"][field],
            ids["mood"].get(mood),
            ids["channel"][channel],
            ids["authority"].get(authority),
            text,
            scale,
            verification,
            source_url,
            search_text(text),
            commune.reporter_id,
            None,
            "",
            "{}",
            False,
            1,
        )
        secondary = ()
        if rand() < 0.15:
            other = choices(base_fields, cum_weights=base_field_cum)[0]
            if other != field:
                secondary = (ids["field"][other],)
        yield row, secondary


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
def pg_without_indexes(tables: list[str], log):
    """PostgreSQL: drop the secondary indexes and foreign keys of `tables` for a bulk load,
    and build them again afterwards (unique constraints stay)."""
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
    yield
    with connection.cursor() as cursor:
        t = time.perf_counter()
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for name, sql in indexes:
            cursor.execute(sql)
            log(f"  index {name}: {time.perf_counter() - t:.0f} s")
        for table, name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        log(f"  indexes and foreign keys rebuilt in {time.perf_counter() - t:.0f} s")


def _pg_load(rows, n: int, log) -> None:
    with (
        pg_without_indexes(["intake_item", "intake_item_secondary_fields"], log),
        connection.cursor() as cursor,
    ):
        progress = Progress(log, n, "items")
        done = 0
        pg = cursor.cursor  # psycopg's own cursor, for COPY
        for batch in _batched(rows):
            with pg.copy(f"COPY intake_item ({', '.join(ITEM_COLUMNS)}) FROM STDIN") as copy:
                for row, _ in batch:
                    copy.write_row(row)
            with pg.copy(
                "COPY intake_item_secondary_fields (item_id, field_id) FROM STDIN"
            ) as copy:
                for row, sec in batch:
                    for f in sec:
                        copy.write_row((row[0], f))
            done += len(batch)
            progress.update(done)
    _reset_sequences([Item, Item.secondary_fields.through])


def load_items(n: int, communes: list[Commune], rng: random.Random, today: dt.date, log) -> None:
    check_columns()
    rows = item_rows(n, communes, rng, today, _taxonomy_ids())
    if connection.vendor == "sqlite":
        _sqlite_load(rows, n, log)
    else:
        with transaction.atomic():
            _pg_load(rows, n, log)


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
) -> dict:
    """Build the data set in the (empty) database of the current settings; returns its facts.
    `provinces`: the 2025 codes of the provinces to build (None: all 34); `reports`: also
    every regular report of every obligated unit over the three years."""
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
    load_items(n, communes, rng, today, log)
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
        "seconds": {k: round(v, 1) for k, v in timings.items()},
        **users,
    }
    log(f"Done in {timings['total']:.0f} s.")
    return facts
