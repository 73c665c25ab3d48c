"""The surge detector: is this week's count unusually high against the series' own past?

One function, `score(counts, t)`, used by the product's periodic detector, by
`dantinh insight detect` and by the benchmark (`bench/early_warning.py`), so that the figures
in docs/benchmarks.md are the product's.

The model (a count model with a tail probability, in the spirit of the public-health
surveillance baselines):

- expected level: the mean of the `BASELINE` weeks before the week, skipping `GUARD` week(s)
  just before it, so that the first week of a surge does not mask the second;
- seasonality: when the series has a year of history, the level is multiplied by last year's
  ratio between the same weeks (±1) and last year's baseline weeks, shrunk towards 1 by a
  pseudo-count (the Tết peak comes every year; a one-off peak last year moves little);
- spread: negative binomial with the dispersion φ (variance / mean) of the baseline weeks
  (at least 1, i.e. Poisson), widened for the uncertainty of a mean of `BASELINE` weeks;
- the alarm: P(X ≥ observed) below `alpha`, with at least `min_count` items (three items
  are no surge, whatever their probability).

`alpha` sets the false-alarm rate; the benchmark measures what each value gives on generated
series with the seasonality, holidays, trends, sparse and busy units of the real ones.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from scipy import special, stats

BASELINE, GUARD, SEASON, PSEUDO = 12, 1, 52, 4.0
# Item counts are overdispersed; twelve weeks underestimate it (docs/benchmarks.md).
PHI_FLOOR = 1.5
TWO_WEEKS = True
# Tết (the first day of the lunar year): the peak moves by up to three weeks from one year to
# the next, so the weeks around it are compared with the same weeks around last year's Tết.
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


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


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


ALPHA, MIN_COUNT = 0.001, 4
MIN_HISTORY = 8


@dataclass(frozen=True)
class Score:
    observed: int
    expected: float
    phi: float  # the dispersion: variance / mean
    p_value: float
    alarm: bool

    @property
    def band(self) -> tuple[int, int]:
        """The usual range: the 2.5% and 97.5% points of the expected distribution."""
        return band(self.expected, self.phi)


def _nb(mean: float, phi: float):
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
    Tết with last year's. `base_end` ends the baseline elsewhere (a forecast of a week ahead
    uses the weeks up to now)."""
    end = t - GUARD if base_end is None else base_end
    start = max(0, end - BASELINE)
    base = counts[start:end]
    if len(base) < MIN_HISTORY:
        return None
    mean = sum(base) / len(base)
    var = sum((c - mean) ** 2 for c in base) / max(1, len(base) - 1)
    phi = max(PHI_FLOOR, var / mean) if mean > 0 else PHI_FLOOR
    # Last year: the same weeks against the weeks before them, in the same positions.
    ly = last_year(t, first)
    shift = t - ly
    if ly - 1 >= 0 and end - shift >= 4:
        same = counts[ly - 1 : ly + 2]
        before = counts[max(0, start - shift) : end - shift]
        same_mean = sum(same) / len(same)
        before_mean = sum(before) / len(before)
        mean *= (same_mean + PSEUDO) / (before_mean + PSEUDO)
    # The mean of BASELINE weeks is itself uncertain: widen the spread accordingly.
    phi = phi * (1 + 1 / len(base))
    return mean, phi


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
    dist = _nb(mean, phi)
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
    found = expectation(counts, t, first)
    if found is None:
        return None
    mean, phi = found
    observed = int(counts[t])
    p_value = tail(observed, mean, phi)
    if TWO_WEEKS and t >= 1 and observed >= min_count:
        # A rise sustained over two weeks: their sum against twice the expected (the week
        # before is outside the baseline, after the guard). Two tests, each at alpha / 2.
        both = tail(observed + int(counts[t - 1]), 2 * mean, phi)
        p_value = min(1.0, 2 * min(p_value, both))
    return Score(
        observed=observed,
        expected=round(mean, 2),
        phi=phi,
        p_value=p_value,
        alarm=observed >= min_count and p_value < alpha,
    )


def ears_c2(counts: list[int], t: int, *, threshold: float = 3.0) -> bool | None:
    """CDC's EARS C2 (for comparison in the benchmark): the mean and standard deviation of
    weeks t-9..t-3 (a 7-week baseline after a 2-week guard); alarm above mean + 3·sd."""
    base = counts[t - 9 : t - 2] if t >= 9 else []
    if len(base) < 7:
        return None
    mean = sum(base) / 7
    sd = math.sqrt(sum((c - mean) ** 2 for c in base) / 6)
    return (counts[t] - mean) / max(sd, 0.5) > threshold
