"""The leaders' dashboard and map on the database at hand (the demo's by default):

    python -m bench.dashboard [--user lanhdao] [--page-user tonghop] [--runs 10]

Times the selectors the pages call (`dashboard.build` for 12 and 52 weeks, `mapview.build`)
and the whole pages through Django's test client, as the given user (median and p95 after
one warm-up run), with the number of queries of each page. A few seconds on the demo.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def _time(func, runs: int) -> tuple[float, float]:
    func()
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        func()
        samples.append(1000 * (time.perf_counter() - began))
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(0.95 * len(samples)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--user", default="lanhdao")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--page-user",
        default="tonghop",
        help="who opens the pages (a leader must pass the second sign-in step; the city's "
        "compiler sees the same subtree without it)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dantinh.config.settings.base")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from dantinh.insight import dashboard, mapview
    from dantinh.intake.models import Item
    from dantinh.org.models import User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = User.objects.get(username=args.user)
    today = timezone.localdate()
    focus = dashboard.default_focus(user)
    client = Client()
    client.force_login(User.objects.get(username=args.page_user))
    print(
        f"{Item.objects.count():,} items; {connection.vendor}; user {args.user} "
        f"({focus or 'several units'}); {args.runs} runs after a warm-up; milliseconds"
    )
    print("| what | median | p95 | queries |")
    print("|---|---|---|---|")
    cases = [
        (
            "dashboard, 12 weeks (selector)",
            lambda: dashboard.build(user=user, today=today, focus=focus, weeks=12),
        ),
        (
            "dashboard, 52 weeks (selector)",
            lambda: dashboard.build(user=user, today=today, focus=focus, weeks=52),
        ),
        (
            "map, 12 weeks, items (selector)",
            lambda: mapview.build(
                user=user, focus=focus, today=today, weeks=12, measure="volume", field_id=None
            ),
        ),
        (f"dashboard page ({args.page_user})", lambda: client.get("/dashboard/")),
        (f"map page ({args.page_user})", lambda: client.get("/map/")),
    ]
    for name, func in cases:
        count = [0]

        def counter(execute, sql, params, many, context, count=count):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = func()
        status = getattr(response, "status_code", None)
        median, p95 = _time(func, args.runs)
        note = f" (HTTP {status})" if status not in (None, 200) else ""
        print(f"| {name}{note} | {median:.0f} | {p95:.0f} | {count[0]} |")


if __name__ == "__main__":
    main()
