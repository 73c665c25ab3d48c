"""The items of the country-scale data set, by chunks, in parallel processes on PostgreSQL.

The items are numbered in date order (as a live system accumulates them) and cut into chunks
of `CHUNK` consecutive ids. How many items fall on each day is fixed first, from the data
set's seed alone; each chunk then has its own random stream (seeded from the seed and the
chunk's number) and its own ids, so the data is the same whatever the number of processes.

On PostgreSQL every process writes the chunks it is given by COPY on its own connection (the
secondary indexes and foreign keys dropped first and rebuilt after, by the caller); on SQLite
(one writer) the chunks are written in turn by the calling process.

What made the first generator slow (3,000 items a second, profiled): the accent folding of
`search_text` (unicode decomposition, a generator over every character: ~400 µs an item on the
loaded machine) and drawing every slot of a text whether used or not (~100 µs). Here each
word's folding is computed once from the product's own `fold` and remembered (checked against
`search_text` on the first rows of every chunk), and `texts.TextMaker` draws only the slots a
text uses.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import multiprocessing
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, connections
from django.utils import timezone

from bench import texts
from dantinh.language.normalize import fold, search_text
from dantinh.org import importer

DAYS = 3 * 365 + 1
CHUNK = 20_000  # items per chunk: a unit of work, its own random stream and ids
CHECKED = 50  # rows of each chunk whose folding is checked against the product's

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


def cumulative(weights: dict) -> tuple[list, list[float]]:
    keys = list(weights)
    return keys, list(itertools.accumulate(weights[k] for k in keys))


# --- accent folding by one table ------------------------------------------------------------

_NON_WORD = re.compile(r"[^0-9a-z]+")
_FOLD: dict[int, str] = {}
_WORDS: dict[str, str] = {}


def fast_search_text(text: str) -> str:
    """`search_text` for the generator's texts: each word folded once (a `str.translate` by a
    table of every character folded as the product's `fold` folds it alone; the texts hold
    no character past U+2FFF), then remembered."""
    if not _FOLD:
        for code in range(0x3000):
            folded = fold(chr(code))
            if folded != chr(code):
                _FOLD[code] = folded
    split = text.split()
    try:
        return " ".join(filter(None, map(_WORDS.__getitem__, split)))
    except KeyError:  # a word not seen yet
        for word in split:
            if word not in _WORDS:
                _WORDS[word] = _NON_WORD.sub(" ", word.translate(_FOLD)).strip()
        return " ".join(filter(None, map(_WORDS.__getitem__, split)))


# --- the plan: how many items a day, the communes, the chunks -------------------------------


@dataclass
class Commune:
    """A commune as its items need it (and its people, `bench.generate`)."""

    unit: Any  # its Unit: pk, path, code, full_name
    province_code: str
    weight: float
    villages: list[tuple[int, str]]  # (id, path)
    predecessors: list[tuple[int, str]]
    place: texts.Place
    fields: tuple[list, list[float]]
    reporter_id: int = 0
    compiler_id: int = 0


@dataclass
class Plan:
    n: int
    seed: int
    today: dt.date
    days: list[dt.date]
    ends: list[int]  # ends[d]: the number of items observed on day d or before
    places: list[Commune]
    ids: dict  # the taxonomies' ids by code
    vendor: str
    now: dt.datetime = field(default_factory=timezone.now)

    @property
    def chunks(self) -> int:
        return math.ceil(self.n / CHUNK)


def day_weights(today: dt.date, rng: random.Random) -> tuple[list[dt.date], list[float]]:
    """Recent months denser (the system is used more and more), fewer items at weekends and
    around Tết, a few busy weeks (typhoons, elections, a new land price table), and some
    day-to-day noise."""
    start = today - dt.timedelta(days=DAYS - 1)
    busy = {start + dt.timedelta(days=rng.randrange(DAYS)) for _ in range(12)}
    days, weights = [], []
    for i in range(DAYS):
        day = start + dt.timedelta(days=i)
        w = math.exp(1.1 * (i - DAYS) / DAYS) * rng.uniform(0.8, 1.2)  # the last day ~3x the first
        if day.weekday() >= 5:
            w *= 0.35
        if day.month == 2 and day.day <= 12:
            w *= 0.6
        if any(0 <= (day - b).days < 10 for b in busy):
            w *= 1.8
        days.append(day)
        weights.append(w)
    return days, weights


def day_ends(n: int, weights: list[float]) -> list[int]:
    """Items per day in proportion to the weights (largest remainders), as running totals."""
    total = sum(weights)
    exact = [n * w / total for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: n - sum(counts)]:
        counts[i] += 1
    return list(itertools.accumulate(counts))


def plan(*, n: int, seed: int, rng: random.Random, today: dt.date, places, ids) -> Plan:
    days, weights = day_weights(today, rng)
    return Plan(
        n=n,
        seed=seed,
        today=today,
        days=days,
        ends=day_ends(n, weights),
        places=places,
        ids=ids,
        vendor=connection.vendor,
    )


# --- the rows of one chunk ------------------------------------------------------------------


def chunk_rows(p: Plan, index: int) -> Iterator[tuple[tuple, tuple]]:
    """Yield (item row, secondary field ids) of chunk `index`: ids index*CHUNK+1 onwards."""
    rng = random.Random(f"{p.seed}/items/{index}")
    rand = rng.random
    first, last = index * CHUNK + 1, min((index + 1) * CHUNK, p.n)
    places = p.places
    place_cum = list(itertools.accumulate(c.weight for c in places))
    place_total = place_cum[-1]
    kinds, kind_cum = cumulative(KIND_WEIGHTS)
    channels, channel_cum = cumulative(CHANNEL_WEIGHTS)
    moods = {k: cumulative(w) for k, w in MOODS_BY_KIND.items()}
    base_fields, base_field_cum = cumulative(FIELD_WEIGHTS)
    ids = p.ids
    kind_ids, field_ids, mood_ids = ids["kind"], ids["field"], ids["mood"]
    channel_ids, authority_ids = ids["channel"], ids["authority"]
    maker = texts.TextMaker(rng)
    sqlite = p.vendor == "sqlite"
    utc = dt.UTC
    tz = timezone.get_current_timezone()
    reform = importer.REFORM_DATE
    now = p.now
    fmt_dt = (lambda d: d.astimezone(utc).replace(tzinfo=None).isoformat(" ")) if sqlite else None
    mornings: dict[dt.date, dt.datetime] = {}
    ends = p.ends
    d = bisect.bisect_left(ends, first)

    def weighted(keys, cum):
        return keys[bisect.bisect(cum, rand() * cum[-1], 0, len(cum) - 1)]

    for pk in range(first, last + 1):
        while ends[d] < pk:
            d += 1
        day = p.days[d]
        commune = places[bisect.bisect(place_cum, rand() * place_total, 0, len(places) - 1)]
        village = None
        if rand() < 0.65:
            vi = int(rand() * len(commune.villages))
            unit_id, unit_path = commune.villages[vi]
            village = commune.place.villages[vi]
        else:
            unit_id, unit_path = commune.unit.pk, commune.unit.path
            if day < reform and commune.predecessors:
                unit_id, unit_path = commune.predecessors[int(rand() * len(commune.predecessors))]
        kind = weighted(kinds, kind_cum)
        field = weighted(*commune.fields)
        mood = weighted(*moods[kind])
        channel = weighted(channels, channel_cum)
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
        morning = mornings.get(day)
        if morning is None:
            morning = mornings[day] = dt.datetime.combine(day, dt.time(7, 30), tz)
        late = 0 if rand() < 0.7 else 1 + int(rand() * 6)
        entered = min(morning + dt.timedelta(days=late, minutes=int(rand() * 601)), now)
        if (p.today - day).days > 30:
            roll = rand()
            verification = (
                "verified" if roll < 0.75 else ("inaccurate" if rand() < 0.1 else "unverified")
            )
        else:
            verification = "verified" if rand() < 0.4 else "unverified"
        scale = None
        if kind in ("kien_nghi", "khieu_nai_to_cao", "vu_viec") and rand() < 0.7 or rand() < 0.2:
            scale = int(rng.lognormvariate(2.5, 1.2)) + 1
        source_url = ""
        if channel == "bao_chi_mang_xa_hoi" and rand() < 0.6:
            source_url = f"https://tin.example/{day:%Y/%m}/{pk}"
        folded = fast_search_text(text)
        if pk - first < CHECKED and folded != search_text(text):
            raise RuntimeError(f"the generator's folding differs from search_text on {text!r}")
        when = fmt_dt(entered) if sqlite else entered
        row = (
            pk,
            when,
            when,
            unit_id,
            unit_path,
            commune.unit.pk,
            day.isoformat() if sqlite else day,
            kind_ids[kind],
            field_ids[field],
            mood_ids.get(mood),
            channel_ids[channel],
            authority_ids.get(authority),
            text,
            scale,
            verification,
            source_url,
            folded,
            commune.reporter_id,
            None,
            "",
            "{}",
            False,
            1,
        )
        secondary: tuple = ()
        if rand() < 0.15:
            other = weighted(base_fields, base_field_cum)
            if other != field:
                secondary = (field_ids[other],)
        yield row, secondary


# --- writing --------------------------------------------------------------------------------

_PLAN: Plan | None = None  # the plan of the worker processes (inherited by fork)
ITEM_COPY = f"COPY intake_item ({', '.join(ITEM_COLUMNS)}) FROM STDIN"
SECONDARY_COPY = "COPY intake_item_secondary_fields (item_id, field_id) FROM STDIN"


def _pg_write_chunk(index: int) -> tuple[int, int]:
    """A worker: COPY one chunk's items and secondary fields (PostgreSQL); (items, fields)."""
    assert _PLAN is not None
    rows = list(chunk_rows(_PLAN, index))
    with connection.cursor() as cursor:
        pg = cursor.cursor  # psycopg's own cursor, for COPY
        with pg.copy(ITEM_COPY) as copy:
            for row, _ in rows:
                copy.write_row(row)
        secondary = [(row[0], f) for row, sec in rows for f in sec]
        with pg.copy(SECONDARY_COPY) as copy:
            for pair in secondary:
                copy.write_row(pair)
    return len(rows), len(secondary)


def pg_write(p: Plan, jobs: int, progress: Callable[[int], None]) -> None:
    """Every chunk, by `jobs` processes (PostgreSQL, autocommit: each COPY commits; the data
    set is only marked usable once everything is written)."""
    global _PLAN
    _PLAN = p
    if jobs <= 1:
        done = 0
        for index in range(p.chunks):
            done += _pg_write_chunk(index)[0]
            progress(done)
        return
    connections.close_all()  # each process opens its own connection
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs) as pool:
        done = 0
        # in order, so that the processes write neighbouring dates side by side and the
        # table stays nearly in date order on disk
        for items, _fields in pool.imap(_pg_write_chunk, range(p.chunks)):
            done += items
            progress(done)
        pool.close()
        pool.join()


def all_rows(p: Plan) -> Iterator[tuple[tuple, tuple]]:
    """Every chunk's rows in turn, in one process (SQLite)."""
    for index in range(p.chunks):
        yield from chunk_rows(p, index)


def elapsed_rate(started: float, done: int) -> str:
    seconds = time.perf_counter() - started
    return f"{done:,} in {seconds:.0f} s ({done / max(seconds, 1e-9):,.0f}/s)"
