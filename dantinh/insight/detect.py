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

import math
from dataclasses import dataclass

from scipy import stats

BASELINE, GUARD, SEASON, PSEUDO = 12, 1, 52, 4.0
ALPHA, MIN_COUNT = 0.002, 4
MIN_HISTORY = 8


@dataclass(frozen=True)
class Score:
    observed: int
    expected: float
    lower: int  # the usual range: the 2.5% and 97.5% points of the expected distribution
    upper: int
    p_value: float
    alarm: bool


def _nb(mean: float, phi: float):
    """A negative binomial of this mean and variance phi·mean (Poisson when phi is 1)."""
    mean = max(mean, 0.05)
    if phi <= 1.0001:
        return stats.poisson(mean)
    n = mean / (phi - 1)
    return stats.nbinom(n, 1 / phi)


def expectation(counts: list[int], t: int) -> tuple[float, float] | None:
    """(expected count, dispersion) of week `t` from the weeks before it; None without
    `MIN_HISTORY` weeks of baseline."""
    end = t - GUARD
    start = max(0, end - BASELINE)
    base = counts[start:end]
    if len(base) < MIN_HISTORY:
        return None
    mean = sum(base) / len(base)
    var = sum((c - mean) ** 2 for c in base) / max(1, len(base) - 1)
    phi = max(1.0, var / mean) if mean > 0 else 1.0
    # Last year: the same weeks against the same baseline positions.
    ly = t - SEASON
    if ly - 1 >= 0 and end - SEASON >= 4:
        same = counts[ly - 1 : ly + 2]
        before = counts[max(0, start - SEASON) : end - SEASON]
        if same:
            same_mean = sum(same) / len(same)
            before_mean = sum(before) / len(before)
            factor = (same_mean + PSEUDO) / (before_mean + PSEUDO)
            mean *= factor
    # The mean of BASELINE weeks is itself uncertain: widen the spread accordingly.
    phi = phi * (1 + 1 / len(base))
    return mean, phi


def score(
    counts: list[int], t: int, *, alpha: float = ALPHA, min_count: int = MIN_COUNT
) -> Score | None:
    """Week `t` of the weekly series `counts` (oldest first) against its past."""
    found = expectation(counts, t)
    if found is None:
        return None
    mean, phi = found
    dist = _nb(mean, phi)
    observed = int(counts[t])
    p_value = float(dist.sf(observed - 1)) if observed > 0 else 1.0
    return Score(
        observed=observed,
        expected=round(mean, 2),
        lower=int(dist.ppf(0.025)),
        upper=int(dist.ppf(0.975)),
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
