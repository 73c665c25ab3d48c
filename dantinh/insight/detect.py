"""The surge detector: is this week's count unusually high against the series' own past?

One function, `score(counts, t)`, used by the product's periodic detector, by
`dantinh insight detect` and by the benchmark (`bench/early_warning.py`), so that the figures
in docs/benchmarks.md are the product's.

The model: a count regression of the series' own past (a quasi-Poisson log-linear model, in the
family of the public-health surveillance baselines), then a likelihood test over the last one to
three weeks.

- the baseline: up to two years of weeks before the tested ones, skipping the `WINDOW` weeks
  tested, so that the first weeks of a surge do not mask the next;
- the expected count of a week: exp(level + trend + yearly wave + a term for each of the weeks
  around Tết + the 30/4 and 2/9 holidays), fitted by penalised iteratively reweighted least
  squares. Tết moves by up to three weeks from one year to the next, so its weeks are known by
  their distance from it, not by the calendar. The penalties shrink each term towards "no
  effect" when the data say little (a unit with three months of history gets a level and a
  mild trend; one with two years gets the whole season). Without dates (`first` None) the
  model has only the level, the trend and the wave;
- weeks far above the model (Anscombe residual above 2.58, as in Noufaily et al. 2013) are
  down-weighted and the model refitted, so an old surge does not raise the baseline;
- the spread: negative binomial whose dispersion φ (variance / mean) is Pearson's χ² over all the
  baseline weeks, shrunk towards a prior for short or sparse series, plus the uncertainty of the
  fitted mean itself;
- the alarm: for the last week and the last two, P(their total ≥ observed) under that model; the
  smaller, times two (Bonferroni), below `alpha` — a sudden jump shows in one week, a
  sustained rise in the sum of two or three; with at least `min_count` items in the window,
  and the week scored itself above its expected count (a surge that has ended is not raised
  again).

`alpha` sets the false-alarm rate; the benchmark measures what each value gives on generated
series with the seasonality, holidays, trends, sparse and busy units of the real ones.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import special, stats

SEASON = 52
HISTORY = 2 * SEASON  # baseline weeks used at most
WINDOW = 2  # the last weeks tested together (three: docs/benchmarks.md)
GUARD = WINDOW - 1  # weeks before the scored one left out of its baseline
MIN_HISTORY = 8
ALPHA, MIN_COUNT = 0.002, 4
# Dispersion prior: Pearson's χ² of a short or sparse series says little; it is pooled with
# PHI_PRIOR_DF degrees of freedom at PHI_PRIOR (item counts are overdispersed).
PHI_PRIOR, PHI_PRIOR_DF = 1.5, 8.0
# Penalties (in "items" of information): how much data a term needs before it moves.
PENALTY = {"trend": 6.0, "wave": 2.0, "tet": 4.0, "holiday": 4.0}
TET = {
    2019: dt.date(2019, 2, 5),
    2020: dt.date(2020, 1, 25),
    2021: dt.date(2021, 2, 12),
    2022: dt.date(2022, 2, 1),
    2023: dt.date(2023, 1, 22),
    2024: dt.date(2024, 2, 10),
    2025: dt.date(2025, 1, 29),
    2026: dt.date(2026, 2, 17),
    2027: dt.date(2027, 2, 6),
    2028: dt.date(2028, 1, 26),
    2029: dt.date(2029, 2, 13),
    2030: dt.date(2030, 2, 3),
    2031: dt.date(2031, 1, 23),
    2032: dt.date(2032, 2, 11),
    2033: dt.date(2033, 1, 31),
    2034: dt.date(2034, 2, 19),
    2035: dt.date(2035, 2, 8),
}
TET_WEEKS = 4  # weeks either side of Tết compared by their distance from it
TET_TERMS = (-2, -1, 0, 1, 2)  # the weeks around Tết that get their own term


def baseline(t: int) -> range:
    """The weeks whose counts the model of week `t` is fitted on (weeks before a series'
    first item add nothing to it)."""
    return range(max(0, t - GUARD - HISTORY), t - GUARD)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def tet_offset(week: dt.date) -> int | None:
    """How many weeks the week of Monday `week` lies from Tết's week (None if far from it)."""
    for year in (week.year, week.year + 1):
        tet = TET.get(year)
        if tet is not None:
            offset = (week - _monday(tet)).days // 7
            if abs(offset) <= TET_WEEKS:
                return offset
    return None


def last_year(t: int, first: dt.date | None) -> int:
    """The index of the week that plays the part of week `t` a year earlier: 52 weeks back,
    or near Tết the week as far from last year's Tết (`first` is the Monday of week 0)."""
    if first is None:
        return t - SEASON
    week = first + dt.timedelta(weeks=t)
    for year in (week.year, week.year + 1):
        tet, before = TET.get(year), TET.get(year - 1)
        if tet is None or before is None:
            continue
        offset = (week - _monday(tet)).days // 7
        if abs(offset) <= TET_WEEKS:
            return (_monday(before) + dt.timedelta(weeks=offset) - first).days // 7
    return t - SEASON


def _holiday(week: dt.date) -> bool:
    end = week + dt.timedelta(days=7)
    return any(week <= dt.date(week.year, m, d) < end for m, d in ((4, 30), (9, 2)))


@dataclass(frozen=True)
class Fit:
    """The baseline model of one series, fitted on weeks [start, end): expected counts and
    their uncertainty for any week."""

    columns: list[str]
    beta: np.ndarray
    cov: np.ndarray  # of beta, without the dispersion
    phi: float
    design: Callable[[int], list[float]]  # week index -> the model's terms for that week

    def predict(self, weeks: list[int]) -> tuple[float, float]:
        """(expected total of `weeks`, dispersion of that total: variance / mean)."""
        rows = np.array([self.design(w) for w in weeks])
        mus = np.exp(rows @ self.beta)
        mean = float(mus.sum())
        grad = mus @ rows
        var = self.phi * mean + self.phi * float(grad @ self.cov @ grad)
        return mean, max(1.0, var / max(mean, 1e-9))


def fit(counts, end: int, first: dt.date | None = None, *, target: int | None = None) -> Fit | None:
    """The baseline of the weeks before `end` (at most `HISTORY` of them), for predicting week
    `target` (default `end`); None without `MIN_HISTORY` weeks."""
    start = max(0, end - HISTORY)
    # Weeks before a series' first item are weeks before anyone reported, not quiet weeks.
    while start < end and not counts[start]:
        start += 1
    if end - start < MIN_HISTORY:
        return None
    target = end if target is None else target
    y = np.asarray(counts[start:end], dtype=float)
    weeks = list(range(start, end))
    columns = ["level", "trend"]
    penalties = [0.0, PENALTY["trend"]]
    if end - start >= SEASON:
        columns += ["sin", "cos"]
        penalties += [PENALTY["wave"]] * 2
    offsets: dict[int, int | None] = {}
    holidays: dict[int, bool] = {}
    if first is not None:
        for w in [*weeks, target]:
            monday = first + dt.timedelta(weeks=w)
            offsets[w] = tet_offset(monday)
            holidays[w] = _holiday(monday)
        for k in TET_TERMS:
            if any(offsets[w] == k for w in weeks):
                columns.append(f"tet{k}")
                penalties.append(PENALTY["tet"])
        if any(holidays[w] for w in weeks):
            columns.append("holiday")
            penalties.append(PENALTY["holiday"])

    def design(w: int) -> list[float]:
        row = [1.0, (w - target) / SEASON]
        if "sin" in columns:
            if first is not None:
                day = (first + dt.timedelta(weeks=w)).timetuple().tm_yday / 365.25
            else:
                day = w / (365.25 / 7)
            row += [math.sin(2 * math.pi * day), math.cos(2 * math.pi * day)]
        if first is not None:
            offset = offsets.get(w) if w in offsets else tet_offset(first + dt.timedelta(weeks=w))
            for k in TET_TERMS:
                if f"tet{k}" in columns:
                    row.append(1.0 if offset == k else 0.0)
            if "holiday" in columns:
                row.append(1.0 if _holiday(first + dt.timedelta(weeks=w)) else 0.0)
        return row

    x = np.array([design(w) for w in weeks])
    penalty = np.diag(penalties)
    level = max(float(y.mean()), 0.05)
    beta = np.zeros(len(columns))
    beta[0] = math.log(level)
    weights = np.ones_like(y)
    info = np.eye(len(columns))
    mu = np.full_like(y, level)
    for rounds in range(2):
        for _ in range(25):
            eta = x @ beta
            mu = np.exp(np.clip(eta, -20, 20))
            z = eta + (y - mu) / mu
            w = weights * mu
            info = x.T @ (x * w[:, None]) + penalty + 1e-9 * np.eye(len(beta))
            new = np.linalg.solve(info, x.T @ (w * z))
            done = float(np.max(np.abs(new - beta))) < 1e-6
            beta = new
            if done:
                break
        if rounds == 0:
            mu = np.exp(np.clip(x @ beta, -20, 20))
            phi0 = _pearson(y, mu, np.ones_like(y), len(columns))
            anscombe = 1.5 * (y ** (2 / 3) - mu ** (2 / 3)) / (mu ** (1 / 6) * math.sqrt(phi0))
            weights = np.where(anscombe > 2.58, (2.58 / np.maximum(anscombe, 2.58)) ** 2, 1.0)
            if np.all(weights == 1.0):
                break
    mu = np.exp(np.clip(x @ beta, -20, 20))
    phi = _pearson(y, mu, weights, len(columns))
    return Fit(columns=columns, beta=beta, cov=np.linalg.inv(info), phi=phi, design=design)


def _pearson(y, mu, weights, params: int) -> float:
    """Pearson's χ² dispersion, pooled with the prior (at least 1: Poisson)."""
    chi2 = float(np.sum(weights * (y - mu) ** 2 / np.maximum(mu, 1e-3)))
    df = max(0.0, float(weights.sum()) - params)
    return max(1.0, (chi2 + PHI_PRIOR * PHI_PRIOR_DF) / (df + PHI_PRIOR_DF))


@dataclass(frozen=True)
class Score:
    observed: int
    expected: float
    phi: float  # the dispersion: variance / mean
    p_value: float
    alarm: bool
    weeks: int = 1  # how many of the last weeks made the alarm

    @property
    def band(self) -> tuple[int, int]:
        """The usual range: the 2.5% and 97.5% points of the expected distribution."""
        return band(self.expected, self.phi)


def negative_binomial(mean: float, phi: float):
    """A negative binomial of this mean and variance phi·mean (Poisson when phi is 1)."""
    mean = max(mean, 0.05)
    if phi <= 1.0001:
        return stats.poisson(mean)
    return stats.nbinom(mean / (phi - 1), 1 / phi)


def expectation(
    counts: list[int], t: int, first: dt.date | None = None, *, base_end: int | None = None
) -> tuple[float, float] | None:
    """(expected count, dispersion) of week `t` from the weeks before it; None without
    `MIN_HISTORY` weeks of baseline. `first`, the Monday of week 0, aligns the weeks around
    Tết. `base_end` ends the baseline elsewhere (a forecast of a week ahead uses the weeks up
    to now)."""
    end = t - GUARD if base_end is None else base_end
    model = fit(counts, end, first, target=t)
    if model is None:
        return None
    return model.predict([t])


def tail(observed: int, mean: float, phi: float) -> float:
    """P(X ≥ observed) for that negative binomial, through the incomplete beta and gamma
    functions (a thousand times faster than scipy's distribution objects)."""
    if observed <= 0:
        return 1.0
    mean = max(mean, 0.05)
    if phi <= 1.0001:
        return float(special.gammainc(observed, mean))
    return float(special.betainc(observed, mean / (phi - 1), 1 - 1 / phi))


def band(mean: float, phi: float) -> tuple[int, int]:
    """The usual range: the 2.5% and 97.5% points."""
    dist = negative_binomial(mean, phi)
    return int(dist.ppf(0.025)), int(dist.ppf(0.975))


def score(
    counts: list[int],
    t: int,
    *,
    first: dt.date | None = None,
    alpha: float = ALPHA,
    min_count: int = MIN_COUNT,
) -> Score | None:
    """Week `t` of the weekly series `counts` (oldest first; `first` the Monday of week 0)
    against its past."""
    model = fit(counts, t - GUARD, first, target=t)
    if model is None:
        return None
    observed = int(counts[t])
    mean, phi = model.predict([t])
    best, best_w = 1.0, 1
    for w in range(1, WINDOW + 1):
        if t - w + 1 < t - GUARD:
            break
        total = sum(int(c) for c in counts[t - w + 1 : t + 1])
        if total < min_count:
            continue
        m, p = model.predict(list(range(t - w + 1, t + 1)))
        value = tail(total, m, p)
        if value < best:
            best, best_w = value, w
    p_value = min(1.0, WINDOW * best)
    return Score(
        observed=observed,
        expected=round(mean, 2),
        phi=phi,
        p_value=p_value,
        alarm=p_value < alpha and observed > mean and observed >= 1,
        weeks=best_w,
    )


def ears_c2_z(counts: list[int], t: int) -> float | None:
    """CDC's EARS C2 (for comparison in the benchmark): this week's z-score against the mean
    and standard deviation of weeks t-9..t-3 (a 7-week baseline after a 2-week guard); its
    usual alarm is above 3."""
    base = counts[t - 9 : t - 2] if t >= 9 else []
    if len(base) < 7:
        return None
    mean = sum(base) / 7
    sd = math.sqrt(sum((c - mean) ** 2 for c in base) / 6)
    return (counts[t] - mean) / max(sd, 0.5)
