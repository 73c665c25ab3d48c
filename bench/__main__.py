"""`python -m bench` (`make bench`): the benchmarks of dantinh.

    python -m bench [items] [--items N] [--db sqlite|postgres|both] [--regenerate] [--runs R]
    python -m bench similar [same options]   the "may already be logged" hint of item entry
    python -m bench nlp [ARGS…]        the language engine's benchmark (`dantinh nlp bench`)
    python -m bench audit [--writers 8] [--seconds 20] [--db postgres|sqlite]
                                       audited writes per second with concurrent writers

`items` (the default) measures the item list and search at country scale. The generated
database is kept (SQLite under var/bench/, PostgreSQL database dantinh_bench) and reused by the
next run; --regenerate builds it again. Results go to bench/out/ as JSON and Markdown.
`similar` measures, on the same database, the near-duplicate hint for the same three users.
"""

from __future__ import annotations

import argparse
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
DEFAULT_ITEMS = 1_000_000
SEED = 2026
PG_SERVER = os.environ.get("DANTINH_BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def log(message: str) -> None:
    print(message, flush=True)


def pg_database(n: int) -> str:
    return "dantinh_bench" if n == DEFAULT_ITEMS else f"dantinh_bench_{n}"


def database_url(db: str, n: int) -> str:
    if db == "sqlite":
        return f"sqlite:///{VAR / f'items-{n}.sqlite3'}"
    return f"{PG_SERVER}/{pg_database(n)}"


def meta_path(db: str, n: int) -> Path:
    return VAR / (
        f"items-{n}.sqlite3.meta.json" if db == "sqlite" else f"{pg_database(n)}.meta.json"
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


def _cached(db: str, n: int) -> dict | None:
    """The facts of a usable generated database, or None."""
    from bench import GENERATOR_VERSION

    path = meta_path(db, n)
    if not path.exists():
        return None
    meta = json.loads(path.read_text())
    if meta.get("generator_version") != GENERATOR_VERSION or meta.get("items") != n:
        return None
    if db == "sqlite" and not (VAR / f"items-{n}.sqlite3").exists():
        return None
    if db == "postgres" and not _pg_exists(pg_database(n)):
        return None
    return meta


def _drop(db: str, n: int) -> None:
    meta_path(db, n).unlink(missing_ok=True)
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            (VAR / f"items-{n}.sqlite3{suffix}").unlink(missing_ok=True)
    else:
        _pg_admin(f'DROP DATABASE IF EXISTS "{pg_database(n)}" WITH (FORCE)')
        _pg_admin(f'CREATE DATABASE "{pg_database(n)}"')


def run_one(args) -> int:
    """Generate if needed, then measure, on one database (this process's settings)."""
    VAR.mkdir(parents=True, exist_ok=True)
    n, db = args.items, args.db
    meta = None if args.regenerate else _cached(db, n)
    if meta is None:
        log(f"[{db}] generating {n:,} items over the whole country…")
        _drop(db, n)
    os.environ["DANTINH_DATABASE_URL"] = database_url(db, n)
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
            _drop(db, n)
            meta = None
    if meta is None:
        from bench.generate import generate

        meta = generate(n=n, seed=SEED, log=log)
        meta_path(db, n).write_text(json.dumps(meta, indent=2))
    if args.generate_only:
        return 0
    if args.bench == "similar":
        from bench import similar as measure
    else:
        from bench import items as measure

    result = measure.run(
        meta=meta, db=db, runs=args.runs, warmup=args.warmup, log=log, explain=not args.no_explain
    )
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{args.bench}-{db}-{n}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def run_items(args) -> int:
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    if len(dbs) == 1:
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
                "--items",
                str(args.items),
                "--runs",
                str(args.runs),
                "--warmup",
                str(args.warmup),
            ]
            cmd += ["--regenerate"] * args.regenerate + ["--generate-only"] * args.generate_only
            cmd += ["--no-explain"] * args.no_explain
            started = time.perf_counter()
            status |= subprocess.call(cmd, cwd=ROOT)
            log(f"[{db}] finished in {time.perf_counter() - started:.0f} s")
    if args.generate_only:
        return status
    if args.bench == "similar":
        from bench import similar

        found = {
            db: json.loads(p.read_text())
            for db in ("postgres", "sqlite")
            if (p := OUT / f"similar-{db}-{args.items}.json").exists()
        }
        if found:
            path = OUT / f"similar-{args.items}.md"
            path.write_text(similar.table(found) + "\n")
            log(f"Results: {path}")
        return status
    from bench import report

    path = report.write(OUT, args.items)
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
    bench = "similar" if argv[:1] == ["similar"] else "items"
    if argv[:1] in (["items"], ["similar"]):
        argv = argv[1:]
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--items", type=int, default=DEFAULT_ITEMS, help="items to generate (default 1,000,000)"
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--regenerate", action="store_true", help="build the database again")
    parser.add_argument(
        "--generate-only", action="store_true", help="build the database, measure nothing"
    )
    parser.add_argument("--runs", type=int, default=30, help="timed runs per scenario (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (default 3)")
    parser.add_argument("--no-explain", action="store_true", help="skip the query plans")
    args = parser.parse_args(argv)
    args.bench = bench
    return run_items(args)


if __name__ == "__main__":
    sys.exit(main())
