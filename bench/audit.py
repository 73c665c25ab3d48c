"""`python -m bench audit`: audited writes per second with concurrent writers (issue: the audit
lock). Each writer is a process of its own with its own database connection, logging items
through `item_create` (one transaction per item, as a person saving a form does) for a fixed
time; the same run without audit entries shows what the trail costs.

    python -m bench audit [--writers 8] [--seconds 20] [--db postgres|sqlite]

On PostgreSQL it uses a database of its own (dantinh_bench_audit), created afresh.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import time

PG_SERVER = os.environ.get("DANTINH_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "dantinh_bench_audit"


def _setup(url: str) -> None:
    os.environ["DANTINH_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def _prepare(url: str, writers: int) -> None:
    """A fresh database with a province, one commune per writer and a compiler in each."""
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_NAME}")
    _setup(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from dantinh.org import services as org
    from dantinh.org.models import Membership, User

    try:
        from dantinh.org.actors import system_actor
    except ImportError:  # a release before the system actor (to compare designs)
        system = None
    else:
        system = system_actor()
    province = org.unit_create(actor=system, name="Tỉnh thử")
    for n in range(writers):
        commune = org.unit_create(actor=system, name=f"Xã {n}", parent=province)
        user = User.objects.create_user(f"writer{n}", password=None)
        org.membership_grant(actor=system, user=user, unit=commune, role=Membership.Role.COMPILER)


def _writer(url: str, n: int, seconds: float, audited: bool, start_at: float, out) -> None:
    _setup(url)
    from django.db import connection

    from dantinh.intake import services
    from dantinh.intake.models import Channel, Field, Kind
    from dantinh.org.models import Unit, User

    user = User.objects.get(username=f"writer{n}")
    unit = Unit.objects.get(name=f"Xã {n}")
    labels = {
        "kind": Kind.objects.get(code="kien_nghi"),
        "field": Field.objects.get(code="giao_thong_ha_tang"),
        "channel": Channel.objects.get(code="cot_can_uy_tin"),
    }
    while time.time() < start_at:
        time.sleep(0.005)
    count, latencies = 0, []
    end = start_at + seconds
    while time.time() < end:
        t0 = time.perf_counter()
        services.item_create(
            actor=user,
            unit=unit,
            text=f"Cử tri xã {n} đề nghị sửa đường liên thôn, lần {count}",
            observed_on=dt.date(2026, 11, 2),
            audit_entry=audited,
            **labels,
        )
        latencies.append(time.perf_counter() - t0)
        count += 1
    connection.close()
    out.put((count, latencies))


def _sealer(url: str, seconds: float, start_at: float, out) -> None:
    """The worker's job, as in production: seal what the writers appended, every second."""
    _setup(url)
    from dantinh.core import audit

    while time.time() < start_at:
        time.sleep(0.005)
    sealed, longest = 0, 0.0
    if not hasattr(audit, "seal"):  # a release before sealing: nothing to do
        out.put(("sealer", 0, 0.0))
        return
    while time.time() < start_at + seconds:
        t0 = time.perf_counter()
        sealed += audit.seal()
        longest = max(longest, time.perf_counter() - t0)
        time.sleep(1.0)
    out.put(("sealer", sealed, longest))


def run_once(url: str, writers: int, seconds: float, audited: bool) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    sealer_queue = ctx.Queue()
    start_at = time.time() + 8.0  # every process set up and connected before the clock starts
    procs = [
        ctx.Process(target=_writer, args=(url, n, seconds, audited, start_at, queue))
        for n in range(writers)
    ]
    sealer = ctx.Process(target=_sealer, args=(url, seconds, start_at, sealer_queue))
    sealer.start()
    for p in procs:
        p.start()
    results = [queue.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join()
    _, sealed, longest_seal = sealer_queue.get(timeout=seconds + 120)
    sealer.join()
    total = sum(c for c, _ in results)
    lat = sorted(x for _, ls in results for x in ls)
    return {
        "writes": total,
        "per_second": total / seconds,
        "median_ms": 1000 * lat[len(lat) // 2] if lat else None,
        "p95_ms": 1000 * lat[int(len(lat) * 0.95)] if lat else None,
        "sealed_during_run": sealed,
        "longest_seal_ms": 1000 * longest_seal,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench audit")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    args = parser.parse_args(argv)
    if args.db == "postgres":
        url = f"{PG_SERVER}/{PG_NAME}"
    else:
        from bench.__main__ import VAR

        VAR.mkdir(parents=True, exist_ok=True)
        path = VAR / "audit.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(f"{path}{suffix}"):
                os.remove(f"{path}{suffix}")
        url = f"sqlite:///{path}"
    _prepare(url, args.writers)
    rows = []
    for audited in (True, False):
        result = run_once(url, args.writers, args.seconds, audited)
        rows.append((audited, result))
        print(
            f"{args.db}, {args.writers} writers, {'audited' if audited else 'no audit entry'}: "
            f"{result['writes']} writes in {args.seconds:.0f} s = {result['per_second']:.0f}/s, "
            f"median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms; "
            f"sealed meanwhile {result['sealed_during_run']}, "
            f"longest sealing {result['longest_seal_ms']:.0f} ms",
            flush=True,
        )
    from dantinh.core import audit

    if not hasattr(audit, "seal"):  # a release before sealing (to compare designs)
        return
    t0 = time.perf_counter()
    sealed = audit.seal()
    seal_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    verification = audit.verify()
    verify_s = time.perf_counter() - t0
    print(
        f"sealing what was left: {sealed} entries in {seal_s:.2f} s; "
        f"verify: {verification.checked} entries in {verify_s:.2f} s, "
        f"{'intact' if verification.broken is None else 'BROKEN'}",
        flush=True,
    )


if __name__ == "__main__":
    main()
