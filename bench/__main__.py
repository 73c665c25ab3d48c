"""`python -m bench` (`make bench`): the benchmarks of dantinh.

    python -m bench [items] [--size quick|1m|10m] [--items N] [--db sqlite|postgres|both]
                    [--regenerate] [--runs R] [--jobs J]
    python -m bench paths [same options]     every hot path: reports, timeliness, import…
    python -m bench all [same options]       items, then paths (what `make bench` runs)
    python -m bench similar [same options]   the "may already be logged" hint of item entry
    python -m bench load [--users 50] [--seconds 60] [--db …]
                                       the API under concurrent users (locust, loopback)
    python -m bench nlp [ARGS…]        the language engine's benchmark (`dantinh nlp bench`)
    python -m bench composite [--unit 31 --schedule monthly --period 2026-11]
                                       the city's composite report on the demo database:
                                       drafting (cold, warm), the page, the .docx
    python -m bench audit [--writers 8] [--seconds 20] [--db postgres|sqlite]
                                       audited writes per second with concurrent writers

Sizes: `quick` (the default: three provinces, 50,000 items, every report of three years; a
few minutes from a fresh clone: 10 timed runs after 1 warm-up, no query plans unless
--explain), `1m` (the whole country, 1,000,000 items), `10m` (the whole
country, 10,000,000 items); `--items N` changes the number of items of a size.

`items` (the default) measures the item list and search at country scale. The generated
database is kept (SQLite under var/bench/, PostgreSQL database dantinh_bench_<size>, the prefix
from DANTINH_BENCH_PG_PREFIX) and reused by the next run; --regenerate builds it again.
Results go to bench/out/ as JSON and Markdown.
`similar` measures, on the same database, the near-duplicate hint for the same three users.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
VAR = ROOT / "var" / "bench"
SEED = 2026
PG_SERVER = os.environ.get("DANTINH_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_PREFIX = os.environ.get("DANTINH_BENCH_PG_PREFIX", "dantinh_bench")
# (timed runs, warm-ups) per path: the quick size keeps `make bench` to a few minutes (its p95 of
# 10 runs is about their maximum); 1m and 10m time 30 runs after 3 warm-ups.
QUICK_RUNS = (10, 1)
FULL_RUNS = (30, 3)
# size: (items, provinces (None: all 34))
SIZES = {
    "quick": (50_000, ["31", "33", "04"]),
    "1m": (1_000_000, None),
    "10m": (10_000_000, None),
}


def log(message: str) -> None:
    print(message, flush=True)


def data_name(size: str, n: int) -> str:
    """The name of a generated data set: its size, and its items if not the size's own."""
    return size if n == SIZES[size][0] else f"{size}-{n}"


def pg_database(name: str) -> str:
    return f"{PG_PREFIX}_{name.replace('-', '_')}"


def sqlite_path(name: str) -> Path:
    return VAR / f"country-{name}.sqlite3"


def database_url(db: str, name: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{sqlite_path(name)}"
    return f"{PG_SERVER}/{pg_database(name)}"


def meta_path(db: str, name: str) -> Path:
    return VAR / (
        f"{sqlite_path(name).name}.meta.json"
        if db == "sqlite"
        else f"{pg_database(name)}.meta.json"
    )


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _pg_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            is not None
        )


def _cached(db: str, name: str, n: int) -> dict | None:
    """The facts of a usable generated database, or None."""
    from bench import GENERATOR_VERSION

    path = meta_path(db, name)
    if not path.exists():
        return None
    meta = json.loads(path.read_text())
    if meta.get("generator_version") != GENERATOR_VERSION or meta.get("items") != n:
        return None
    if db == "sqlite" and not sqlite_path(name).exists():
        return None
    if db == "postgres" and not _pg_exists(pg_database(name)):
        return None
    return meta


def _unrecorded(db: str, name: str) -> bool:
    """A generated database holding tables whose record (the .meta.json) is not here."""
    if meta_path(db, name).exists():
        return False
    if db == "sqlite":
        return sqlite_path(name).exists() and sqlite_path(name).stat().st_size > 0
    if not _pg_exists(pg_database(name)):
        return False
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/{pg_database(name)}", autocommit=True) as conn:
        found = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()
    return bool(found and found[0])


def _drop(db: str, name: str) -> None:
    meta_path(db, name).unlink(missing_ok=True)
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{sqlite_path(name)}{suffix}").unlink(missing_ok=True)
    else:
        _pg_admin(f'DROP DATABASE IF EXISTS "{pg_database(name)}" WITH (FORCE)')
        _pg_admin(f'CREATE DATABASE "{pg_database(name)}"')


def pg_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3):
            return True
    except Exception:
        return False


def run_one(args) -> int:
    """Generate if needed, then measure, on one database (this process's settings)."""
    VAR.mkdir(parents=True, exist_ok=True)
    n, db = args.items, args.db
    name = data_name(args.size, n)
    provinces = SIZES[args.size][1]
    meta = None if args.regenerate else _cached(db, name, n)
    if meta is None and not args.regenerate and _unrecorded(db, name):
        # Another checkout's (or an interrupted) build: hours of work at 10m. Never drop it
        # because this checkout lacks its record.
        log(
            f"[{db}] {pg_database(name) if db == 'postgres' else sqlite_path(name)} exists but "
            f"{meta_path(db, name)} does not record it (built from another checkout, or its build "
            "was interrupted): copy that checkout's .meta.json here to measure it, or pass "
            "--regenerate to build it again."
        )
        return 2
    if meta is None:
        where = f"provinces {', '.join(provinces)}" if provinces else "the whole country"
        log(f"[{db}] generating {n:,} items over {where}…")
        _drop(db, name)
    os.environ["DANTINH_DATABASE_URL"] = database_url(db, name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if meta is not None:
        log(
            f"[{db}] reusing the generated database ({n:,} items, made {meta['seconds']['total']:.0f} s)"
        )
        try:
            call_command("migrate", verbosity=0, run_syncdb=True)  # migrations added since
        except Exception as exc:  # e.g. an app got its first migration: start afresh
            log(f"[{db}] the cached database cannot be migrated ({exc}); generating it again")
            from django.db import connection

            connection.close()
            _drop(db, name)
            meta = None
    if meta is None:
        from bench.generate import generate

        meta = generate(n=n, seed=SEED, log=log, provinces=provinces, jobs=args.jobs)
        meta["size"] = args.size
        meta_path(db, name).write_text(json.dumps(meta, indent=2))
    elif "followups" not in meta:  # made before the follow-ups were generated: add them
        from bench import followups
        from bench.generate import finish

        log(f"[{db}] adding recommendations, cases and media posts to the generated database…")
        meta["followups"] = followups.generate(
            seed=SEED, today=dt.date.fromisoformat(meta["today"]), log=log
        )
        finish(log)
        meta_path(db, name).write_text(json.dumps(meta, indent=2))
    if args.generate_only:
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    if args.size == "quick":
        log(
            f"[{db}] quick: {args.runs} timed runs after {args.warmup} warm-up per path (the p95"
            " of 10 runs is about their maximum), query plans "
            + ("skipped (--explain keeps them)" if args.no_explain else "kept")
            + "; --size 1m (`make bench-full`) times 30 after 3, with the plans"
        )
    for bench in ["items", "paths"] if args.bench == "all" else [args.bench]:
        if bench == "similar":
            from bench import similar as measure
        elif bench == "paths":
            from bench import paths as measure
        else:
            from bench import items as measure

        extra = {"only": args.only} if bench == "paths" and args.only else {}
        result = measure.run(
            meta=meta,
            db=db,
            runs=args.runs,
            warmup=args.warmup,
            log=log,
            explain=not args.no_explain,
            **extra,
        )
        part = "-part" if extra else ""  # a partial run never replaces the whole one
        path = OUT / f"{bench}-{db}-{name}{part}.json"
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def run_items(args) -> int:
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    if args.db == "both" and not pg_reachable():
        log(f"PostgreSQL is not reachable at {PG_SERVER}: measuring SQLite only.")
        dbs = ["sqlite"]
    if len(dbs) == 1:
        args.db = dbs[0]
        status = run_one(args)
    else:
        status = 0
        for db in dbs:  # one process per database: settings are read once per process
            cmd = [
                sys.executable,
                "-m",
                "bench",
                args.bench,
                "--db",
                db,
                "--size",
                args.size,
                "--items",
                str(args.items),
                "--runs",
                str(args.runs),
                "--warmup",
                str(args.warmup),
            ]
            cmd += ["--regenerate"] * args.regenerate + ["--generate-only"] * args.generate_only
            cmd += ["--no-explain"] * args.no_explain + ["--jobs", str(args.jobs)]
            cmd += ["--only", args.only] if args.only else []
            started = time.perf_counter()
            status |= subprocess.call(cmd, cwd=ROOT)
            log(f"[{db}] finished in {time.perf_counter() - started:.0f} s")
    if args.generate_only:
        return status
    name = data_name(args.size, args.items)
    if args.bench == "similar":
        from bench import similar

        found = {
            db: json.loads(p.read_text())
            for db in ("postgres", "sqlite")
            if (p := OUT / f"similar-{db}-{name}.json").exists()
        }
        if found:
            path = OUT / f"similar-{name}.md"
            path.write_text(similar.table(found) + "\n")
            log(f"Results: {path}")
        return status
    from bench import report

    if args.bench in ("items", "all"):
        path = report.write(OUT, name)
        if path:
            log(f"Results: {path}")
    if args.bench in ("paths", "all"):
        import django

        # this process measured nothing (one child per database) but reads the models' names
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
        django.setup()
        from bench import paths

        path = paths.write(OUT, name)
        if path:
            log(f"Results: {path}")
    return status


def run_nlp(extra: list[str]) -> int:
    dantinh = shutil.which("dantinh", path=str(ROOT / ".venv" / "bin")) or shutil.which("dantinh")
    cmd = (
        [dantinh, "nlp", "bench", *extra]
        if dantinh
        else [sys.executable, "-m", "dantinh", "nlp", "bench", *extra]
    )
    probe = subprocess.run(
        [*cmd[: cmd.index("nlp")], "help", "nlp"], cwd=ROOT, capture_output=True, text=True
    )
    if probe.returncode != 0:
        log(
            "`dantinh nlp bench` is not available yet: the language engine's benchmark has not landed."
        )
        return 1
    return subprocess.call(cmd, cwd=ROOT)


def main(argv: list[str] | None = None) -> int:
    # WhiteNoise warns once that var/static is missing: the bench never serves static files.
    warnings.filterwarnings("ignore", message="No directory at")
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["nlp"]:
        return run_nlp(argv[1:])
    if argv[:1] == ["audit"]:
        from bench import audit

        audit.main(argv[1:])
        return 0
    if argv[:1] == ["composite"]:
        from bench import composite

        return composite.main(argv[1:])
    if argv[:1] == ["load"]:
        from bench import load

        return load.main(argv[1:])
    bench = argv[0] if argv[:1] in (["similar"], ["paths"], ["all"], ["items"]) else "items"
    if argv[:1] in (["items"], ["similar"], ["paths"], ["all"]):
        argv = argv[1:]
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--size", choices=list(SIZES), default="quick", help="the data set (default quick)"
    )
    parser.add_argument("--items", type=int, help="items to generate (default: the size's)")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--regenerate", action="store_true", help="build the database again")
    parser.add_argument(
        "--generate-only", action="store_true", help="build the database, measure nothing"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes generating the items on PostgreSQL (default: the cores); the data"
        " does not depend on it",
    )
    parser.add_argument(
        "--runs", type=int, help="timed runs per scenario (default 30; quick 10: p95 ≈ the max)"
    )
    parser.add_argument("--warmup", type=int, help="untimed runs first (default 3; quick 1)")
    parser.add_argument(
        "--explain", action="store_true", help="keep the query plans (quick skips them)"
    )
    parser.add_argument("--no-explain", action="store_true", help="skip the query plans")
    parser.add_argument(
        "--only", help="paths: measure only these (comma-separated prefixes, e.g. overview,matrix)"
    )
    args = parser.parse_args(argv)
    args.bench = bench
    args.items = args.items or SIZES[args.size][0]
    quick = args.size == "quick"
    runs, warmup = QUICK_RUNS if quick else FULL_RUNS
    args.runs = args.runs or runs
    args.warmup = warmup if args.warmup is None else args.warmup
    args.no_explain = args.no_explain or (quick and not args.explain)
    return run_items(args)


if __name__ == "__main__":
    sys.exit(main())
