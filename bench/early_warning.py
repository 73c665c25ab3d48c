"""Early warning: the product's surge detector against two public-health baselines, on
generated weekly series with injected surges.

    python -m bench.early_warning [--series 300] [--seed 2026]

Series: three years of weekly counts (156 weeks) per unit × field, with a base level from
sparse (0.3 a week) to busy (40 a week, log-uniform), a yearly wave, the Tết peak (the week
of Tết and the one before, +60%, the week after −40%; Tết moves between 29/1 and 17/2), dips
on the 30/4–1/5 and 2/9 holidays, a trend of −30% to +30% a year, negative-binomial noise
(variance 1–2.5 × the mean). Only the third year is scored (51 weeks a series), so every
method has two years of history.

Each series is scored twice: as generated (every alarm is false) and with one surge injected
in the third year (2–4 weeks, starting at a random week; the surge adds a Poisson count of
mean max(5, 1.5 × the usual level): a rise a leader would want told about). A surge is found
when an alarm falls in its first two weeks; alarms outside the surge are false.

Methods (each a function of the series up to the week scored):
- dantinh: `dantinh.insight.detect.score` at several alphas (the product's default marked);
- EARS C2 (CDC): 7-week baseline after a 2-week guard, alarm above mean + 3 sd;
- Farrington-style quasi-Poisson GLM (after Noufaily et al. 2013, simplified): reference weeks
  t−52±3 and t−104±3, log-linear trend fitted by IRLS, dispersion from Pearson's χ², alarm
  above the 99.5% point of the negative binomial with that mean and dispersion; reference
  points with Anscombe residual > 2.58 are down-weighted as in the improved algorithm.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import time

import numpy as np

from dantinh.insight import detect

WEEKS, SCORED_FROM = 156, 105
TET = {2024: dt.date(2024, 2, 10), 2025: dt.date(2025, 1, 29), 2026: dt.date(2026, 2, 17)}
START = dt.date(2024, 1, 1)  # a Monday


def _calendar_factor(week: int) -> float:
    monday = START + dt.timedelta(weeks=week)
    year = monday.year
    factor = 1.0 + 0.12 * math.sin(2 * math.pi * (monday.timetuple().tm_yday / 365.25))
    tet = TET.get(year)
    if tet is not None:
        offset = (monday - (tet - dt.timedelta(days=tet.weekday()))).days // 7
        factor *= {-1: 1.6, 0: 1.6, 1: 0.6}.get(offset, 1.0)
    for holiday in (dt.date(year, 4, 30), dt.date(year, 9, 2)):
        if monday <= holiday < monday + dt.timedelta(days=7):
            factor *= 0.8
    return factor


def generate(n: int, rng: np.random.Generator) -> list[dict]:
    calendar = np.array([_calendar_factor(w) for w in range(WEEKS)])
    result = []
    for _ in range(n):
        level = math.exp(rng.uniform(math.log(0.3), math.log(40)))
        trend = rng.uniform(-0.3, 0.3)
        phi = rng.uniform(1.0, 2.5)
        mean = level * calendar * np.exp(trend * np.arange(WEEKS) / 52)
        if phi > 1.0001:
            size = mean / (phi - 1)
            counts = rng.negative_binomial(size, 1 / phi)
        else:
            counts = rng.poisson(mean)
        start = int(rng.integers(SCORED_FROM + 2, WEEKS - 4))
        length = int(rng.integers(2, 5))
        surged = counts.copy()
        for w in range(start, min(WEEKS, start + length)):
            surged[w] += rng.poisson(max(5.0, 1.5 * mean[w]))
        result.append(
            {"clean": counts.tolist(), "surged": surged.tolist(), "start": start, "length": length}
        )
    return result


def farrington(counts: list[int], t: int, *, quantile: float = 0.995) -> bool | None:
    ref = [w for back in (52, 104) for w in range(t - back - 3, t - back + 4) if w >= 0]
    if len(ref) < 10:
        return None
    x = np.array(ref, dtype=float)
    y = np.array([counts[w] for w in ref], dtype=float)
    design = np.column_stack([np.ones_like(x), (x - t) / 52])
    weights = np.ones_like(y)
    beta = np.array([math.log(max(y.mean(), 0.1)), 0.0])
    for _round in range(2):
        for _ in range(8):  # IRLS for a Poisson log-linear model
            mu = np.exp(design @ beta)
            z = design @ beta + (y - mu) / mu
            w = weights * mu
            beta = np.linalg.solve(
                design.T @ (design * w[:, None]) + 1e-9 * np.eye(2), design.T @ (w * z)
            )
        mu = np.exp(design @ beta)
        phi = max(1.0, float(np.sum(weights * (y - mu) ** 2 / mu) / max(1, len(y) - 2)))
        anscombe = 1.5 * (y ** (2 / 3) - mu ** (2 / 3)) / (mu ** (1 / 6) * math.sqrt(phi))
        weights = np.where(anscombe > 2.58, 1 / np.maximum(anscombe, 2.58) ** 2, 1.0)
    expected = float(np.exp(beta[0]))
    # Above the quantile of the negative binomial: its upper tail from there is below 1 - q.
    return detect.tail(counts[t], expected, phi) < 1 - quantile


def _ours(alpha: float):
    def method(counts, t):
        result = detect.score(counts, t, first=START, alpha=alpha)
        return result is not None and result.alarm

    return method


def evaluate(data: list[dict], method) -> dict:
    false_alarms = series_weeks = found = delays = 0
    for s in data:
        for t in range(SCORED_FROM, WEEKS):
            alarm = method(s["clean"], t)
            series_weeks += 1
            false_alarms += bool(alarm)
        first = None
        window = range(s["start"], s["start"] + s["length"])
        for t in range(SCORED_FROM, WEEKS):
            alarm = method(s["surged"], t)
            if alarm and t in window and first is None:
                first = t - s["start"]
        if first is not None and first < 2:
            found += 1
            delays += first
    return {
        "found": 100 * found / len(data),
        "delay": delays / found if found else float("nan"),
        "false_per_100": 100 * false_alarms / series_weeks,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--series", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--forecast", action="store_true", help="the forecast's backtest too")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    data = generate(args.series, rng)
    methods = [
        (f"dantinh, alpha {a}{' (default)' if a == detect.ALPHA else ''}", _ours(a))
        for a in (0.0005, detect.ALPHA, 0.002, 0.005)
    ] + [
        ("EARS C2 (mean + 3 sd, 7-week baseline)", lambda c, t: bool(detect.ears_c2(c, t))),
        (
            "Farrington-style quasi-Poisson GLM (Noufaily 2013, simplified)",
            lambda c, t: bool(farrington(c, t)),
        ),
    ]
    print(f"{args.series} series × {WEEKS - SCORED_FROM} scored weeks, seed {args.seed}")
    print(
        "| method | surges found within 2 weeks | mean delay (weeks) | false alarms / 100 series-weeks | seconds |"
    )
    print("|---|---|---|---|---|")
    for name, method in methods:
        began = time.perf_counter()
        r = evaluate(data, method)
        print(
            f"| {name} | {r['found']:.1f}% | {r['delay']:.2f} | {r['false_per_100']:.2f} | "
            f"{time.perf_counter() - began:.1f} |"
        )
    if args.forecast:
        _print_forecast(data)


def _print_forecast(data: list[dict]) -> None:
    result = forecast_backtest(data)
    print("\nForecast of the next 4 weeks' total, from every other week of the third year:")
    print("| method | MASE (naive = 1) |")
    print("|---|---|")
    for name in ("dantinh", "seasonal naive", "naive"):
        print(f"| {name} | {result[name]:.2f} |")
    print(f"80% interval coverage: {100 * result['80% interval coverage']:.0f}%")


def forecast_backtest(data: list[dict], horizon: int = 4) -> dict[str, float]:
    """MASE of the 4-week total forecast from each week of the third year, against the naive
    forecast (the last 4 weeks again) and the seasonal-naive one (the same 4 weeks last year):
    mean absolute error divided by that of the naive forecast (below 1: better than naive)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dantinh.config.settings.base")
    django.setup()
    from dantinh.insight.forecast import outlook

    errors: dict[str, list[float]] = {"dantinh": [], "seasonal naive": [], "naive": []}
    covered = total = 0
    for s in data:
        counts = s["clean"]
        for t in range(SCORED_FROM, WEEKS - horizon + 1, 2):
            actual = sum(counts[t : t + horizon])
            first = START
            o = outlook(counts[:t], first=first, horizon=horizon, name="")
            if o is None:
                continue
            errors["dantinh"].append(abs(o.expected - actual))
            errors["naive"].append(abs(sum(counts[t - horizon : t]) - actual))
            errors["seasonal naive"].append(abs(sum(counts[t - 52 : t - 52 + horizon]) - actual))
            covered += o.low <= actual <= o.high
            total += 1
    scale = sum(errors["naive"]) / len(errors["naive"])
    result = {name: sum(e) / len(e) / scale for name, e in errors.items()}
    result["80% interval coverage"] = covered / total
    return result


if __name__ == "__main__":
    main()
