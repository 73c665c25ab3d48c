"""The near-duplicate hint of item entry ("may already be logged", `POST /items/similar/`) at
country scale, as a commune reporter, a province compiler and the national view (a superuser)
see it.

For each role the texts are items of its scope from the last 90 days, reworded the way a
second officer would write the same thing down (a word dropped, two clauses swapped, a
sentence added). The timed unit is the selector the view calls (`items_similar`), with the
item's place chosen and with none, its cache of candidates' shingles emptied before each
call (the worst case: nobody has typed anything alike yet); then each text once through the
view with Django's test client. "found" counts the texts whose original came back.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import statistics
import time

from django.db import connection
from django.test import Client
from django.urls import reverse

from bench.items import _percentile, _roles, _server_version
from dantinh.intake import similar
from dantinh.intake.selectors import items_visible

TEXTS = 50
CLOSINGS = ("Bà con mong sớm được trả lời.", "Đề nghị các cấp quan tâm giải quyết.")


def reword(rng: random.Random, text: str) -> str:
    """The same content as another officer might log it."""
    clauses = re.split(r"(?<=[,;.])\s+", text)
    if len(clauses) > 2:
        i = rng.randrange(len(clauses) - 1)
        clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
    words = " ".join(clauses).split()
    if len(words) > 12:
        del words[rng.randrange(len(words))]
    return " ".join(words) + " " + rng.choice(CLOSINGS)


def _summary(values: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(values), 2),
        "p95_ms": round(_percentile(values, 0.95), 2),
        "max_ms": round(max(values), 2),
    }


def run(*, meta: dict, db: str, runs: int, warmup: int, log, explain: bool = True) -> dict:
    """`runs` is the number of texts per role (at least TEXTS); `explain` is not used."""
    today = dt.date.fromisoformat(meta["today"])
    since = today - dt.timedelta(days=similar.WINDOW_DAYS)
    rng = random.Random(2026)
    load_before = os.getloadavg()
    results = []
    for role, user, _unit in _roles(meta):
        window = items_visible(user).filter(observed_on__gte=since)
        ids = list(window.values_list("pk", flat=True)[:20_000])
        chosen = window.filter(pk__in=rng.sample(ids, min(len(ids), max(runs, TEXTS) + warmup)))
        cases = [(item, reword(rng, item.text)) for item in chosen.select_related("unit")]
        if len(cases) <= warmup:
            log(f"[{db}] {role}: {len(ids)} items in 90 days, too few to measure")
            continue
        timings: dict[str, list[float]] = {"with place": [], "no place": [], "view": []}
        found = 0
        client = Client()
        client.force_login(user)
        for i, (item, text) in enumerate(cases):
            for key, unit in (("with place", item.unit), ("no place", None)):
                similar._shingle_hashes.cache_clear()
                t0 = time.perf_counter()
                hits = similar.items_similar(user=user, text=text, unit=unit, since=since)
                elapsed = (time.perf_counter() - t0) * 1000
                if i >= warmup:
                    timings[key].append(elapsed)
                    found += key == "with place" and item.pk in {s.item.pk for s in hits}
            t0 = time.perf_counter()
            response = client.post(
                reverse("intake:item_similar"), {"text": text, "unit": item.unit_id}
            )
            if i >= warmup:
                timings["view"].append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.status_code
        entry = {
            "role": role,
            "in_window": window.count(),
            "texts": len(timings["view"]),
            "found": found,
            **{key: _summary(values) for key, values in timings.items()},
        }
        results.append(entry)
        log(
            f"[{db}] {role} ({entry['in_window']:,} items in 90 days): "
            + "; ".join(
                f"{k} p50 {entry[k]['median_ms']:.1f} p95 {entry[k]['p95_ms']:.1f} ms"
                for k in timings
            )
            + f"; found {found}/{entry['texts']}"
        )
    return {
        "database": db,
        "vendor": connection.vendor,
        "server_version": _server_version(),
        "items": meta["items"],
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
        "load_average": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "results": results,
    }


def table(results: dict[str, dict]) -> str:
    """Markdown: one row per database and role."""
    lines = [
        "| database | who | items in 90 days | with place p50 / p95 | no place p50 / p95 | view p50 / p95 | found |",
        "|---|---|---|---|---|---|---|",
    ]
    for db, result in results.items():
        for e in result["results"]:
            cells = [
                f"{e[k]['median_ms']:.1f} / {e[k]['p95_ms']:.1f}"
                for k in ("with place", "no place", "view")
            ]
            lines.append(
                f"| {db} | {e['role']} | {e['in_window']:,} | "
                + " | ".join(cells)
                + f" | {e['found']}/{e['texts']} |"
            )
    return "\n".join(lines)
