"""The Markdown table of the item benchmark, from the JSON results of each database."""

from __future__ import annotations

import json
from pathlib import Path

TARGET_MS = 100  # p95 on PostgreSQL (issue 16, part 3)


def _load(out: Path, name: str) -> dict[str, dict]:
    found = {}
    for db in ("postgres", "sqlite"):
        path = out / f"items-{db}-{name}.json"
        if path.exists():
            found[db] = json.loads(path.read_text())
    return found


def table(results: dict[str, dict]) -> str:
    dbs = list(results)
    head = ["who", "scenario", "hits"]
    for db in dbs:
        name = "PostgreSQL" if db == "postgres" else "SQLite"
        head += [f"{name} median", f"{name} p95", f"{name} view", f"{name} peak MB"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    first = results[dbs[0]]["results"]
    for i, entry in enumerate(first):
        cells = [entry["role"], entry["label"], f"{entry['matches']:,}"]
        for db in dbs:
            other = results[db]["results"][i]
            p95 = other["page"]["p95_ms"]
            flag = " ⚠" if db == "postgres" and p95 >= TARGET_MS else ""
            view = other["view"]
            view_cell = f"{view['median_ms']:.0f}" if "median_ms" in view else "error"
            peak = other.get("peak_mb")
            cells += [
                f"{other['page']['median_ms']:.1f}",
                f"{p95:.1f}{flag}",
                view_cell,
                "" if peak is None else f"{peak:.1f}",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def breakdown(results: dict[str, dict]) -> str:
    lines = [
        "| database | who | scenario | hits | count p95 | rows p95 | rows found in | pages read: count, rows"
        " | same rows, same count |",
        "|---|---|---|---:|---:|---:|---|---|---|",
    ]
    for db, result in results.items():
        for entry in result["results"]:
            window = entry.get("found_in") or (
                f"{entry['window_days']} days" if entry.get("window_days") else "whole list"
            )
            checks = entry.get("checks", {})
            ok = (
                "yes" if checks.get("same_rows") and checks.get("same_count") is not False else "NO"
            )
            # the plans' buffers (PostgreSQL, when the plans were taken): bounded by the page,
            # they stay the same at 10 times the items; bounded by the matches, they grow tenfold
            figures = entry.get("plans", {}).get("figures")
            pages = (
                f"{figures['count']['pages']:,}, {figures['rows']['pages']:,}" if figures else ""
            )
            lines.append(
                f"| {db} | {entry['role']} | {entry['scenario']} | {entry['matches']:,} |"
                f" {entry['count']['p95_ms']:.1f} | {entry['rows']['p95_ms']:.1f} | {window} |"
                f" {pages} | {ok} |"
            )
    return "\n".join(lines)


def write(out: Path, name: str) -> Path | None:
    results = _load(out, name)
    if not results:
        return None
    any_result = next(iter(results.values()))
    data = any_result["data"]
    versions = ", ".join(
        f"{'PostgreSQL' if db == 'postgres' else 'SQLite'} {r['server_version']}"
        for db, r in results.items()
    )
    text = "\n".join(
        [
            f"# Items: list and search, {data['items']:,} items ({name})",
            "",
            f"{data['units']:,} units ({data['communes']:,} communes, {data['villages']:,} villages), "
            f"{data['items']:,} items; {any_result['machine']['cores']} cores; {versions}; load average "
            + ", ".join(f"{db} {r.get('load_average')}" for db, r in results.items())
            + ".",
            f"Milliseconds per list page (grants + capped count + first {30} rows); median and p95 of "
            f"{any_result['runs']} runs after {any_result['warmup']} warm-up runs; 'view' is the median "
            "of the whole page through Django's test client.",
            "",
            table(results),
            "",
            "## Count and rows, p95 (ms)",
            "",
            breakdown(results),
            "",
        ]
    )
    path = out / f"items-{name}.md"
    path.write_text(text)
    return path
