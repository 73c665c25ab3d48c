"""The chart pages in headless Chromium against a running server (``dantinh serve``):

    python -m bench.charts [--base http://127.0.0.1:8000] [--user tonghop] [--runs 5]

For each page with charts, the bytes the browser fetched (over the wire, and unpacked) and the
time from the request until every chart is drawn, with an empty cache (first visit) and with
the browser's cache (the next visits: plotly.js is a fingerprinted static file, cached for a
year). Median of ``--runs`` runs. The user must sign in without a second step (the city's
compiler ``tonghop`` sees what the city leader sees).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import time

PAGES = (("dashboard, 12 weeks", "/dashboard/"), ("hotspot board", "/cases/"))
WEIGHT = """() => {
  const all = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
  const sum = (key) => all.reduce((n, e) => n + (e[key] || 0), 0);
  const js = all.filter((e) => e.name.includes("plotly"));
  return {wire: sum("transferSize"), unpacked: sum("decodedBodySize"),
          plotly_wire: js.reduce((n, e) => n + e.transferSize, 0),
          plotly_unpacked: js.reduce((n, e) => n + e.decodedBodySize, 0)};
}"""


def _visit(page, url: str) -> tuple[float, dict]:
    began = time.perf_counter()
    page.goto(url)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-chart]')].every("
        "(box) => box.querySelector('.main-svg'))"
    )
    took = 1000 * (time.perf_counter() - began)
    return took, page.evaluate(WEIGHT)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="tonghop")
    parser.add_argument("--password", default="dantinh2026")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("DANTINH_CHROMIUM") or shutil.which("chromium")
    print(f"load average {os.getloadavg()[0]:.1f}; {args.runs} runs; {args.base}")
    print(
        "| page | cold: ms to drawn | warm: ms to drawn | fetched cold (wire / unpacked) | of which plotly.js | warm fetched |"
    )
    print("|---|---|---|---|---|---|")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--headless", "--no-sandbox", "--disable-background-networking"],
        )
        for name, path in PAGES:
            cold, warm, weights, warm_weights = [], [], [], []
            for _ in range(args.runs):
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                page = context.new_page()
                page.goto(args.base + "/login/")
                page.fill("#id_username", args.user)
                page.fill("#id_password", args.password)
                page.click("form:has(#id_password) button[type=submit]")
                page.wait_for_url(args.base + "/")
                # the sign-in page loaded app.css/app.js/htmx: clear so the page's own count
                client = context.new_cdp_session(page)
                client.send("Network.clearBrowserCache")
                took, weight = _visit(page, args.base + path)
                cold.append(took)
                weights.append(weight)
                took, weight = _visit(page, args.base + path)
                warm.append(took)
                warm_weights.append(weight)
                context.close()
            w = weights[0]
            print(
                f"| {name} | {statistics.median(cold):,.0f} | {statistics.median(warm):,.0f} "
                f"| {w['wire'] / 1024:,.0f} KB / {w['unpacked'] / 1024:,.0f} KB "
                f"| {w['plotly_wire'] / 1024:,.0f} KB / {w['plotly_unpacked'] / 1024:,.0f} KB "
                f"| {warm_weights[0]['wire'] / 1024:,.0f} KB |"
            )
        browser.close()
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
