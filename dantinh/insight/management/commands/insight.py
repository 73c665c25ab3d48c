"""`dantinh insight detect --input SERIES.csv`: the product's surge detector on weekly counts.
`dantinh insight rollup --rebuild`: the weekly roll-ups of items recomputed from the items
(the worker does it every night; `insight/rollup.py`).

The CSV has the columns `unit`, `field`, `week` (ISO week, e.g. 2026-W48) and `count`; weeks
missing from a series count 0. Every week with enough history is scored; one JSON line per
alert: unit, field, week, score (the tail probability), expected, observed."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError

from dantinh.insight import detect


def _monday(week: str) -> dt.date:
    try:
        year, number = week.strip().upper().split("-W")
        return dt.date.fromisocalendar(int(year), int(number), 1)
    except ValueError as exc:
        raise CommandError(f"not an ISO week: {week!r} (expected e.g. 2026-W48)") from exc


def _week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


class Command(BaseCommand):
    help = (
        "Insight tools: `detect --input SERIES.csv` prints the surges of weekly counts; "
        "`rollup --rebuild` recomputes the dashboard's weekly roll-ups from the items."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["detect", "rollup"])
        parser.add_argument("--input", help="detect: CSV with unit, field, week, count")
        parser.add_argument("--alpha", type=float, default=detect.ALPHA)
        parser.add_argument("--min-count", type=int, default=detect.MIN_COUNT)
        parser.add_argument("--rebuild", action="store_true", help="rollup: rebuild it all")

    def handle(self, *args, action, input, alpha, min_count, rebuild, **options):
        if action == "rollup":
            self._rollup(rebuild)
            return
        if not input:
            raise CommandError("detect needs --input SERIES.csv")
        series: dict[tuple[str, str], dict[dt.date, int]] = defaultdict(dict)
        try:
            with open(input, encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                missing = {"unit", "field", "week", "count"} - set(reader.fieldnames or [])
                if missing:
                    raise CommandError(f"missing columns: {', '.join(sorted(missing))}")
                for line, row in enumerate(reader, start=2):
                    try:
                        count = int(float(row["count"]))
                    except (TypeError, ValueError) as exc:
                        raise CommandError(f"line {line}: count is not a number") from exc
                    key = (row["unit"], row["field"])
                    day = _monday(row["week"])
                    series[key][day] = series[key].get(day, 0) + count
        except OSError as exc:
            raise CommandError(f"cannot read {input}: {exc}") from exc
        for (unit, field), by_week in sorted(series.items()):
            start, end = min(by_week), max(by_week)
            weeks = (end - start).days // 7 + 1
            counts = [by_week.get(start + dt.timedelta(weeks=i), 0) for i in range(weeks)]
            for t in range(weeks):
                result = detect.score(counts, t, first=start, alpha=alpha, min_count=min_count)
                if result is None or not result.alarm:
                    continue
                self.stdout.write(
                    json.dumps(
                        {
                            "unit": unit,
                            "field": field,
                            "week": _week(start + dt.timedelta(weeks=t)),
                            "score": float(f"{result.p_value:.3g}"),
                            "expected": result.expected,
                            "observed": result.observed,
                        },
                        ensure_ascii=False,
                    )
                )

    def _rollup(self, rebuild: bool) -> None:
        import time

        from dantinh.insight import rollup

        if not rebuild:
            raise CommandError("rollup needs --rebuild")
        began = time.perf_counter()
        rows = rollup.rebuild()
        self.stdout.write(f"{rows} rows in {time.perf_counter() - began:.1f} s")
