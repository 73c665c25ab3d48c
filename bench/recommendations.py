"""Recommendations at scale: the desk's queue, the overdue list and the by-body table.

    python -m bench.recommendations [--recs 5000] [--communes 100] [--provinces 1]
                                    [--db sqlite|postgres] [--runs 20] [--regenerate]

Generates, in a database of its own (SQLite var/bench/recs-<n>.sqlite3, or PostgreSQL
dantinh_bench_recs_<n> on DANTINH_BENCH_PG, default postgres://postgres@127.0.0.1:5432), the
provinces with their communes and default bodies, then `--recs` items of kind recommendation
and their followed recommendations over two years, in every state: most old ones answered or
resolved (days to answer drawn per body, some bodies slow), some declined, reopened, merged,
escalated; the newer ones received, forwarded or being resolved, a share of them overdue. Rows
are written in bulk (COPY on PostgreSQL; not through the services, which the tests cover):
the figures are about reading.

The monthly roll-ups the figures page reads (`dantinh/recommendations/rollup.py`) are then
rebuilt from the generated rows, as `dantinh recommendations rollup` does.

Then each read is timed as the page runs it (the same selectors), `runs` times after two
warm-up runs, median and p95 in ms:
- queue: the first page (30) of a province desk's queue and of a commune desk's queue;
- overdue: the first page of a province desk's overdue list, and its count;
- by_body: the by-body table (median and p90 days to answer) of the province desk;
- by_field: the by-field table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATES = ["tiep_nhan", "da_chuyen", "dang_giai_quyet", "da_tra_loi", "giai_quyet_dut_diem"]


def _setup(db: str, name: str) -> None:
    if db == "postgres":
        base = os.environ.get("DANTINH_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
        url = f"{base.rstrip('/')}/dantinh_bench_recs_{name}"
    else:
        path = ROOT / "var" / "bench" / f"recs-{name}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
    os.environ["DANTINH_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    if db == "postgres":
        import psycopg

        try:
            with psycopg.connect(f"{base.rstrip('/')}/postgres", autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "dantinh_bench_recs_{name}"')
        except psycopg.errors.DuplicateDatabase:
            pass
    import django

    django.setup()


def generate(*, recs: int, provinces: int, communes: int, seed: int = 2026) -> None:
    from django.db import connection, transaction

    from dantinh.intake.models import Channel, Field, Item, Kind
    from dantinh.org.actors import system_actor
    from dantinh.org.importer import ensure_levels
    from dantinh.org.models import Membership, Unit, User
    from dantinh.org.services import membership_grant, unit_create
    from dantinh.recommendations import bodies
    from dantinh.recommendations.models import Body, Recommendation
    from dantinh.reporting.periods import holiday_set

    rng = random.Random(seed)
    system = system_actor()
    levels = ensure_levels()
    started = time.perf_counter()
    places: list[tuple[Unit, Unit]] = []  # (commune, province)
    with transaction.atomic():
        for p in range(provinces):
            province = unit_create(
                actor=system,
                name=f"Tỉnh Thử {p + 1}",
                parent=None,
                level=levels["tinh"],
                audit_entry=False,
            )
            for c in range(communes):
                commune = unit_create(
                    actor=system,
                    name=f"Xã Thử {p + 1}.{c + 1}",
                    parent=province,
                    level=levels["xa"],
                    audit_entry=False,
                )
                places.append((commune, province))
            bodies.bodies_seed_defaults(actor=system, root=province)
            desk = User.objects.create_user(f"desk{p + 1}", password=None)
            membership_grant(actor=system, user=desk, unit=province, role=Membership.Role.COMPILER)
        first = places[0][0]
        commune_desk = User.objects.create_user("desk_commune", password=None)
        membership_grant(actor=system, user=commune_desk, unit=first, role=Membership.Role.COMPILER)
    print(f"units and bodies: {time.perf_counter() - started:.1f} s", flush=True)
    kind = Kind.objects.get(code="kien_nghi")
    channel = Channel.objects.get(code="cot_can_uy_tin")
    fields = list(Field.objects.all())
    commune_body = {b.unit_id: b for b in Body.objects.filter(authority__code="ubnd_xa")}
    province_bodies: dict[int, list[Body]] = {}
    for b in Body.objects.exclude(authority__code="ubnd_xa"):
        province_bodies.setdefault(b.unit_id, []).append(b)
    slow = {b.pk: rng.uniform(0.5, 3.0) for bs in province_bodies.values() for b in bs}
    today = dt.date(2026, 11, 25)
    holidays = holiday_set(range(2024, 2028))
    item_pk = (Item.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    rec_pk = (Recommendation.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    batch = 5000
    made = 0
    started = time.perf_counter()
    while made < recs:
        n = min(batch, recs - made)
        items, rows = [], []
        for i in range(n):
            commune, province = places[rng.randrange(len(places))]
            received = today - dt.timedelta(days=int(rng.triangular(0, 730, 20)))
            field = rng.choice(fields)
            item = Item(
                pk=item_pk + made + i,
                unit=commune,
                unit_path=commune.path,
                reporting_unit=commune,
                observed_on=received,
                kind=kind,
                field=field,
                channel=channel,
                text=f"Kiến nghị thử số {item_pk + made + i} về {field.name.lower()}",
                created_by=system,
            )
            items.append(item)
            body = (
                commune_body[commune.pk]
                if rng.random() < 0.5
                else rng.choice(province_bodies[province.pk])
            )
            r = Recommendation(
                item_id=item.pk,
                unit=commune,
                unit_path=commune.path,
                owner=commune,
                owner_path=commune.path,
                field=field,
                received_on=received,
                created_by=system,
            )
            for name, value in life(
                rng, received=received, body=body, today=today, holidays=holidays, slow=slow
            ).items():
                setattr(r, name, value)
            rows.append(r)
        for j, r in enumerate(rows):
            r.pk = rec_pk + made + j
        with transaction.atomic():
            if connection.vendor == "postgresql":
                _copy(Item, items)
                _copy(Recommendation, rows)
            else:
                Item.objects.bulk_create(items, batch_size=1000)
                Recommendation.objects.bulk_create(rows, batch_size=1000)
        made += n
        if made % 100_000 < batch:
            print(f"  {made:,} recommendations, {time.perf_counter() - started:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Item, Recommendation):  # rows were written with their ids
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            # as autovacuum would after a load: statistics, and the visibility map that lets
            # the overdue counts read the partial index alone
            cursor.execute("VACUUM ANALYZE recommendations_recommendation")
            cursor.execute("VACUUM ANALYZE intake_item")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"recommendations: {recs:,} in {time.perf_counter() - started:.1f} s", flush=True)


def life(rng: random.Random, *, received, body, today, holidays, slow: dict) -> dict:
    """The state of a recommendation received on `received` as of `today` (the fields that
    say it): most old ones answered or resolved for good, days to answer drawn per body
    (`slow`: a body's factor), newer ones received, forwarded or being resolved (a share of
    them overdue); a few declined, reopened, escalated."""
    from dantinh.recommendations.deadlines import add_working_days

    out: dict = {}
    stage = rng.random()
    forwarded = add_working_days(received, rng.randint(1, 5), holidays)
    if forwarded > today or stage < 0.04:
        out.update(state="tiep_nhan", due_on=add_working_days(received, 5, holidays))
    else:
        out.update(body=body, forwarded_on=forwarded)
        answer_days = int(rng.expovariate(1 / (10 * slow.get(body.pk, 1.0)))) + 2
        answered = forwarded + dt.timedelta(days=answer_days)
        if answered > today or stage < 0.08:
            accepted = add_working_days(forwarded, rng.randint(1, 8), holidays)
            if accepted > today or stage < 0.06:
                out.update(state="da_chuyen", due_on=add_working_days(forwarded, 10, holidays))
            else:
                out.update(
                    state="dang_giai_quyet",
                    accepted_on=accepted,
                    due_on=add_working_days(accepted, 15, holidays),
                )
        else:
            out.update(
                accepted_on=min(answered, add_working_days(forwarded, 2, holidays)),
                answered_on=answered,
                answer="Đã giải quyết.",
            )
            if (today - received).days > 60 and stage > 0.2:
                out.update(
                    state="giai_quyet_dut_diem",
                    resolved_on=answered + dt.timedelta(days=5),
                    satisfaction="satisfied",
                )
            else:
                out["state"] = "da_tra_loi"
    out["declined_count"] = 1 if stage > 0.97 else 0
    out["reopened_count"] = 1 if 0.93 < stage <= 0.95 else 0
    out["escalated"] = 0.95 < stage <= 0.955
    return out


# Written for the bench: a grievance as a ward's desk would log it (about 1,100 characters).
LETTER_TEXT = (
    "Ngày 12/11/2026, tại buổi tiếp xúc cử tri của tổ dân phố số 5, nhiều hộ dân phản ánh "
    "tuyến mương thoát nước chạy dọc ngõ 47 đã bị lấp một phần sau khi một công trình nhà ở "
    "riêng lẻ đổ đất san nền. Từ đầu mùa mưa, mỗi trận mưa lớn nước lại tràn vào khoảng "
    "hai mươi hộ ở cuối ngõ, có nhà ngập sâu 30 đến 40 cm, hư hỏng đồ đạc, người già và "
    "trẻ nhỏ đi lại khó khăn. Các hộ đã báo tổ trưởng và gửi đơn lên phường từ tháng 9 "
    "nhưng đến nay chưa thấy ai xuống kiểm tra. Người dân kiến nghị cơ quan có thẩm quyền "
    "kiểm tra việc san lấp, buộc chủ công trình khơi thông lại mương, đồng thời xem xét "
    "nạo vét toàn tuyến trước đợt mưa tiếp theo; nếu cần giải phóng phần mương bị lấn "
    "chiếm thì công khai cho bà con được biết. Một số hộ cho biết sẵn sàng đóng góp ngày "
    "công để làm cùng. Cán bộ Mặt trận khu dân cư đã trực tiếp xuống nắm tình hình, xác "
    "nhận hiện trạng như phản ánh và chụp ảnh gửi kèm. Tâm trạng chung của bà con là lo "
    "lắng, sốt ruột, một số ý kiến bức xúc vì cho rằng việc chậm xử lý kéo dài sẽ ảnh "
    "hưởng đến niềm tin vào chính quyền cơ sở."
)


def _copy(model, objs) -> None:
    """Write model instances with PostgreSQL's COPY (ten times bulk_create's speed): every
    concrete column, defaults and auto dates as Django would fill them."""
    from django.db import connection

    fields = list(model._meta.concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                )


def _time(fn, runs: int) -> tuple[float, float, float]:
    """Median and p95 wall-clock ms, and the median CPU ms of this process (the Python side,
    without the database's: what a busy shared machine does not inflate)."""
    for _ in range(2):
        fn()
    samples, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return statistics.median(samples), p95, statistics.median(cpu)


def measure(runs: int) -> list[tuple[str, float, float]]:
    from dantinh.org.models import User
    from dantinh.recommendations import selectors

    desk = User.objects.get(username="desk1")
    commune_desk = User.objects.get(username="desk_commune")

    def page(qs):
        return lambda: list(qs()[:30])

    from dantinh.recommendations import transmittal

    letter = (
        selectors.queue(desk)
        .filter(body__isnull=False)
        .select_related("owner", "unit", "field", "body", "item")
        .first()
    )
    letter.item.text = LETTER_TEXT  # a grievance of realistic length, not saved

    paths = [
        ("queue, province desk (first page)", page(lambda: selectors.queue(desk))),
        ("queue, commune desk (first page)", page(lambda: selectors.queue(commune_desk))),
        ("overdue, province desk (first page)", page(lambda: selectors.overdue(desk))),
        ("overdue, province desk (count)", lambda: selectors.overdue(desk).count()),
        ("by body (median, p90), province desk", lambda: selectors.by_body(desk)),
        (
            "by body, the last three months",
            lambda: selectors.by_body(desk, since=dt.date(2026, 9, 1)),
        ),
        ("by field, province desk", lambda: selectors.by_field(desk)),
        (
            "transmittal letter (.docx, 1 page), built in the request",
            lambda: transmittal.transmittal(actor=desk, rec=letter),
        ),
    ]
    results = []
    for name, fn in paths:
        for user in (desk, commune_desk):  # a fresh policy cache per run, as per request
            user.__dict__.pop("_dantinh_grants", None)
        median, p95, cpu = _time(fn, runs)
        results.append((name, median, p95))
        print(f"| {name} | {median:.1f} | {p95:.1f} | {cpu:.1f} |", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.recommendations")
    parser.add_argument("--recs", type=int, default=5_000)
    parser.add_argument("--provinces", type=int, default=1)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args(argv)
    name = f"{args.recs}"
    if args.db == "sqlite" and args.regenerate:
        (ROOT / "var" / "bench" / f"recs-{name}.sqlite3").unlink(missing_ok=True)
    _setup(args.db, name)
    from django.core.management import call_command
    from django.db import connection

    from dantinh.recommendations import rollup
    from dantinh.recommendations.models import BodyMonth, Recommendation

    call_command("migrate", verbosity=0)
    if args.regenerate and connection.vendor == "postgresql":
        Recommendation.objects.all().delete()
    if not Recommendation.objects.exists():
        generate(recs=args.recs, provinces=args.provinces, communes=args.communes)
    if args.regenerate or not BodyMonth.objects.exists():
        started = time.perf_counter()
        cells = rollup.rebuild()
        print(f"roll-ups: {cells[0]:,} body and {cells[1]:,} field cells", end=" ")
        print(f"in {time.perf_counter() - started:.1f} s", flush=True)
    total = Recommendation.objects.count()
    print(f"\n{total:,} recommendations, {connection.vendor}, {args.runs} runs\n")
    print("| path | median ms | p95 ms | CPU ms (Python) |\n|---|---:|---:|---:|")
    measure(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
