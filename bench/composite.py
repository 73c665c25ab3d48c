"""`python -m bench composite`: the city's composite report for a month on the demo database.

    python -m bench composite [--unit 31] [--schedule monthly] [--period 2026-11] [--runs 5]

Measured on the database of the environment (the demo's `var/` by default: build it first with
`dantinh demo --no-serve`), in one process as the web server and the worker run it:

- drafting the six sections (`drafting.draft_sections`) as the first drafting in a process
  (nothing of any text in the language engine's memory), analysing the texts or from the
  items' stored text features (`intake.features`), then again (the language engine's per-text
  work kept: "warm"), wall time and this process's CPU time;
- the composite page for the city's compiler (Django's test client, the whole request), first
  in a process both ways, then again;
- drafting and rendering the .docx with its charts.

One JSON line per measure, then a Markdown table; the machine's load average with each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import warnings


def _timed(fn, runs: int) -> dict:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(1000 * (time.perf_counter() - wall))
        cpus.append(1000 * (time.process_time() - cpu))
    return {
        "runs": runs,
        "median_ms": round(statistics.median(walls)),
        "max_ms": round(max(walls)),
        "cpu_median_ms": round(statistics.median(cpus)),
        "load": [round(x, 2) for x in os.getloadavg()],
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench composite", description=__doc__)
    parser.add_argument("--unit", default="31", help="the unit's code (default 31, the city)")
    parser.add_argument("--schedule", default="monthly")
    parser.add_argument("--period", default="2026-11")
    parser.add_argument("--user", default="tonghop", help="who opens the page (default tonghop)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", message="No directory at")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dantinh.config.settings.base")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from dantinh.documents.render import render_docx
    from dantinh.intake import features
    from dantinh.language import features as language_features
    from dantinh.org.actors import system_actor
    from dantinh.org.models import Unit, User
    from dantinh.reporting import docbuild, drafting
    from dantinh.reporting.models import Schedule
    from dantinh.reporting.periods import resolve

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    unit = Unit.objects.get(code=args.unit, valid_to__isnull=True)
    schedule = Schedule.objects.get(slug=args.schedule)
    period = resolve(schedule, args.period)
    actor = system_actor()

    def draft():
        return drafting.draft_sections(unit=unit, schedule=schedule, period=period, user=actor)

    client = Client()
    client.force_login(User.objects.get(username=args.user))
    url = reverse("reporting:composite")
    query = {"unit": unit.pk, "schedule": schedule.slug, "period": period.key}

    def page():
        response = client.get(url, query)
        assert response.status_code == 200, response.status_code

    def docx():
        document, _submission = docbuild.for_period(
            unit=unit, schedule=schedule, period=period, user=actor
        )
        return render_docx(document)

    def first(fn, *, stored: bool):
        """`fn` as the first view in a new process: nothing of any text in the language
        engine's memory; with the items' stored text features, or analysing the texts."""

        def run():
            language_features.forget_all()
            features.READ_STORED = stored
            try:
                return fn()
            finally:
                features.READ_STORED = True

        return run

    label = f"{unit.full_name}, {args.schedule} {period.key}"
    missing = features.rebuild()  # a demo built before the stored features
    if missing:
        print(f"{missing:,} items' text features computed first")
    results = {
        "drafting, first in a process, analysing the texts": _timed(
            first(draft, stored=False), args.runs
        ),
        "drafting, first in a process, stored features": _timed(
            first(draft, stored=True), args.runs
        ),
        "composite page, first in a process, analysing the texts": _timed(
            first(page, stored=False), args.runs
        ),
        "composite page, first in a process, stored features": _timed(
            first(page, stored=True), args.runs
        ),
        "drafting, warm": _timed(draft, args.runs),
        "composite page, whole request": _timed(page, args.runs),
        "drafted and rendered to .docx with charts": _timed(docx, max(1, args.runs // 2)),
    }
    for name, result in results.items():
        print(json.dumps({"what": name, "report": label, **result}, ensure_ascii=False))
    print(f"\n{label}\n")
    print("| measure | runs | median ms | max ms | CPU median ms | load average |")
    print("|---|---:|---:|---:|---:|---|")
    for name, r in results.items():
        load = " / ".join(str(x) for x in r["load"])
        print(
            f"| {name} | {r['runs']} | {r['median_ms']:,} | {r['max_ms']:,} | "
            f"{r['cpu_median_ms']:,} | {load} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
