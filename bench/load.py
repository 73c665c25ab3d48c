"""`python -m bench load`: the API under concurrent users, on loopback, bounded in time.

    python -m bench load [--size quick|1m|10m] [--db postgres|sqlite] [--users 50]
                         [--seconds 60] [--spawn-rate 10] [--threads 8] [--port 8108]
                         [--processes 1]

On a generated database (`python -m bench --size … --generate-only` first), it issues API
tokens to commune reporters and compilers of the largest province and to the province's
compiler, starts `dantinh serve` (waitress and its task worker, as deployed) on 127.0.0.1,
runs locust headless (`bench/locustfile.py`) for `--seconds` with `--users` users, stops the
server, and writes requests per second, median, p95 and errors per request kind to
bench/out/load-<db>-<size>-<users>.json and .md. The items it logs are deleted afterwards.
Needs locust (`pip install -e ".[load]"`).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.__main__ import OUT, ROOT, SIZES, VAR, data_name, database_url, log, meta_path


def _people(meta: dict, count: int) -> list[dict]:
    from dantinh.accounts.services import token_issue
    from dantinh.org import paths
    from dantinh.org.models import Membership, Unit

    province = Unit.objects.get(pk=meta["compiler_unit"])
    members = (
        Membership.objects.filter(
            unit__path__gte=province.path,
            unit__path__lt=paths.upper_bound(province.path),
            unit__level__code__in=["xa", "tinh"],
            is_active=True,
        )
        .select_related("user", "unit")
        .order_by("unit__path", "role")[:count]
    )
    people = []
    for m in members:
        _token, key = token_issue(actor=m.user, name="bench load", days=1)
        people.append({"token": key, "role": m.role, "unit": m.unit_id, "user": m.user_id})
    return people


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by `pid` and every process below it (psutil
    comes with locust)."""
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _wait_up(url: str, seconds: float = 240) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return True
        except Exception:
            time.sleep(0.5)
    return False


def _read_stats(prefix: Path) -> list[dict]:
    rows = []
    with open(f"{prefix}_stats.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows.append(
                {
                    "name": r["Name"],
                    "requests": int(r["Request Count"]),
                    "failures": int(r["Failure Count"]),
                    "median_ms": float(r["Median Response Time"] or 0),
                    "p95_ms": float(r["95%"] or 0) if r.get("95%") not in (None, "N/A") else None,
                    "max_ms": float(r["Max Response Time"] or 0),
                    "rps": round(float(r["Requests/s"] or 0), 1),
                }
            )
    return rows


def table(result: dict) -> str:
    lines = [
        "| request | requests | per second | median ms | p95 ms | max ms | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in result["stats"]:
        lines.append(
            f"| {r['name']} | {r['requests']:,} | {r['rps']} | {r['median_ms']:.0f} |"
            f" {r['p95_ms']:.0f} | {r['max_ms']:.0f} | {r['failures']} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench load", description=__doc__)
    parser.add_argument("--size", choices=list(SIZES), default="quick")
    parser.add_argument("--items", type=int)
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8108)
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="web processes of the one `dantinh serve` (--processes), sharing its port",
    )
    args = parser.parse_args(argv)
    locust = shutil.which("locust", path=str(ROOT / ".venv" / "bin")) or shutil.which("locust")
    if locust is None:
        log('locust is not installed: .venv/bin/pip install -e ".[load]"')
        return 1
    name = data_name(args.size, args.items or SIZES[args.size][0])
    if not meta_path(args.db, name).exists():
        log(
            f"No generated {name} database on {args.db}: run python -m bench --size {args.size} "
            f"--db {args.db} --generate-only first."
        )
        return 1
    meta = json.loads(meta_path(args.db, name).read_text())
    url = database_url(args.db, name)
    os.environ["DANTINH_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from dantinh.intake.models import Item

    last_item = Item.objects.order_by("-id").values_list("id", flat=True).first() or 0
    people = _people(meta, max(args.users, 20))
    people_file = VAR / f"load-people-{name}.json"
    people_file.write_text(json.dumps(people))
    OUT.mkdir(parents=True, exist_ok=True)
    prefix = OUT / f"load-{args.db}-{name}-{args.users}-{args.processes}x{args.threads}"
    env = {**os.environ, "DANTINH_DATABASE_URL": url, "DANTINH_LOAD_PEOPLE": str(people_file)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["DANTINH_LOAD_HOSTS"] = f"http://127.0.0.1:{args.port}"
    server = None
    try:
        # One `dantinh serve` with N web processes sharing the port, and its task worker, as
        # deployed (`dantinh serve --processes N`).
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dantinh",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(args.port),
                "--threads",
                str(args.threads),
                "--processes",
                str(args.processes),
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        if not _wait_up(f"http://127.0.0.1:{args.port}/healthz", 600):
            log("The server did not start.")
            return 1
        cpu_before = _tree_cpu(server.pid)
        log(f"[{args.db}] {args.users} users for {args.seconds} s against 127.0.0.1:{args.port}…")
        load_before = os.getloadavg()
        subprocess.call(
            [
                locust,
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                f"{args.seconds}s",
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--stop-timeout",
                "10",
            ],
            cwd=ROOT,
            env=env,
        )
        load_after = os.getloadavg()
        cpu_seconds = _tree_cpu(server.pid) - cpu_before
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    created = Item.objects.filter(id__gt=last_item)
    made = created.count()
    created.delete()
    from dantinh.accounts.models import ApiToken

    ApiToken.objects.filter(name="bench load").delete()
    result = {
        "database": args.db,
        "size": name,
        "users": args.users,
        "seconds": args.seconds,
        "threads": args.threads,
        "processes": args.processes,
        "load_average": [round(load_before[0], 2), round(load_after[0], 2)],
        "items_created": made,
        "stats": _read_stats(prefix),
        "server_cpu_seconds": round(cpu_seconds, 1),
    }
    answered = sum(row["requests"] for row in result["stats"] if row["name"] == "Aggregated")
    if answered:
        # What a request costs the web processes, whatever else the machine is doing: the
        # requests per second that N free cores would answer is about N × 1000 / this.
        result["server_cpu_ms_per_request"] = round(1000 * cpu_seconds / answered, 1)
    prefix.with_suffix(".json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    text = (
        f"# API under load: {args.users} users, {args.seconds} s, {args.db}, {name}\n\n"
        f"{args.processes} waitress process(es) of {args.threads} threads + the task worker; "
        f"load average {result['load_average']}; "
        f"{made} items created (deleted afterwards); the web processes and the worker used "
        f"{result['server_cpu_seconds']} CPU s"
        f" ({result.get('server_cpu_ms_per_request', '–')} ms per request).\n\n"
        + table(result)
        + "\n"
    )
    prefix.with_suffix(".md").write_text(text)
    log(text)
    return 0
