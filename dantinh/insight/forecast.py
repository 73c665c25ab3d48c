"""The forecast section of reports: the expected number of items in the coming weeks, per field
and overall, with an 80% interval, from the unit's own weekly counts (the early-warning
detector's regression, `detect.fit`: level, trend, yearly wave, Tết and holidays, carried
forward; chosen by a backtest against exponential smoothing, docs/benchmarks.md).

Written in words a leader reads, and plainly says when the data are too few to forecast."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from dantinh.documents.formatting import format_number
from dantinh.insight import detect
from dantinh.insight.dashboard import monday
from dantinh.intake.models import Field
from dantinh.reporting import coverage
from dantinh.reporting.contributors import FigureTable, SectionDraft
from dantinh.reporting.wording import TREND_MIN

HISTORY_WEEKS = detect.HISTORY
MIN_WEEKS_WITH_DATA, MIN_ITEMS = 8, 30
LEVEL = 0.80


@dataclass
class Outlook:
    name: str
    recent: int  # the last `horizon` weeks
    expected: float
    low: int
    high: int

    @property
    def rising(self) -> bool:
        # Never from a handful: the last weeks carry at least `wording.TREND_MIN` items; and
        # even the low end of the 80% range lies above them.
        return (
            self.recent >= TREND_MIN
            and self.expected >= 1.25 * self.recent
            and self.expected - self.recent >= 5
            and self.low > self.recent
        )


def outlook(counts: list[int], *, first: dt.date, horizon: int, name: str) -> Outlook | None:
    """The next `horizon` weeks after the series `counts` (weekly, oldest first): the
    detector's regression of the series' past (level, trend, yearly wave, Tết and holidays)
    carried forward, its total and the central 80% of a negative binomial with the model's
    dispersion and the uncertainty of the fitted mean."""
    t = len(counts)  # the first week to forecast
    model = detect.fit(counts, t, first, target=t)
    if model is None:
        return None
    mean, phi = model.predict(list(range(t, t + horizon)))
    tail = (1 - LEVEL) / 2
    dist = detect.negative_binomial(mean, phi)
    return Outlook(
        name=name,
        recent=sum(counts[-horizon:]),
        expected=mean,
        low=int(dist.ppf(tail)),
        high=int(dist.ppf(1 - tail)),
    )


def horizon_of(period) -> int:
    days = (period.end - period.start).days + 1
    return 8 if days > 40 else 4


def forecast_section(*, unit, period, user) -> SectionDraft:
    """The report's forecast: the coming 4 weeks (8 after a quarter or more), overall and for
    the fields likely to rise; the figures in a table."""
    horizon = horizon_of(period)
    end = period.end
    last = monday(end + dt.timedelta(days=1)) - dt.timedelta(days=1)  # the last full week
    first = monday(last) - dt.timedelta(weeks=HISTORY_WEEKS - 1)
    items = coverage.items_for(unit=unit, start=first, end=last)
    counts: dict[int | None, list[int]] = {None: [0] * HISTORY_WEEKS}
    # Counted by day and field in the database: a province's two years are a million items at
    # country scale, and at most a few thousand (day, field) rows.
    by_day = items.order_by().values_list("observed_on", "field_id").annotate(n=Count("pk"))
    for day, field_id, n in by_day:
        index = (day - first).days // 7
        counts[None][index] += n
        counts.setdefault(field_id, [0] * HISTORY_WEEKS)[index] += n
    draft = SectionDraft()
    total = sum(counts[None])
    active = next((i for i, n in enumerate(counts[None]) if n), HISTORY_WEEKS)
    if total < MIN_ITEMS or HISTORY_WEEKS - active < MIN_WEEKS_WITH_DATA + 1:
        draft.paragraphs.append(
            _(
                "Too few items to forecast from the figures (%(n)s items over %(w)s weeks); "
                "the forecast is left to the compiler's judgement."
            )
            % {"n": total, "w": max(0, HISTORY_WEEKS - active)}
        )
        return draft
    overall = outlook(counts[None], first=first, horizon=horizon, name="")
    if overall is None:
        return draft
    names = dict(Field.objects.values_list("pk", "name"))
    fields = [
        o
        for pk, series in counts.items()
        if pk is not None and sum(series) >= MIN_ITEMS / 3
        for o in [outlook(series, first=first, horizon=horizon, name=names.get(pk, "?"))]
        if o is not None
    ]
    fields.sort(key=lambda o: -o.expected)
    trend = (
        _("more than")
        if overall.low > overall.recent
        else _("fewer than")
        if overall.high < overall.recent
        else _("about as many as")
    )
    draft.paragraphs.append(
        _(
            "Forecast for the next %(h)s weeks: about %(n)s items (80%% likely between %(low)s "
            "and %(high)s), %(trend)s the last %(h)s weeks (%(recent)s)."
        )
        % {
            "h": horizon,
            "n": format_number(round(overall.expected)),
            "low": format_number(overall.low),
            "high": format_number(overall.high),
            "trend": trend,
            "recent": format_number(overall.recent),
        }
    )
    rising = [o for o in fields if o.rising][:3]
    if rising:
        draft.paragraphs.append(
            _("Likely to rise: %(fields)s.")
            % {
                "fields": "; ".join(
                    _("%(field)s (about %(n)s, against %(recent)s)")
                    % {
                        "field": o.name,
                        "n": format_number(round(o.expected)),
                        "recent": format_number(o.recent),
                    }
                    for o in rising
                )
            }
        )
    else:
        draft.paragraphs.append(_("No field is expected to rise markedly."))
    draft.tables.append(
        FigureTable(
            title=_("Forecast for the next %(h)s weeks, by field") % {"h": horizon},
            columns=[_("Field"), _("Last weeks"), _("Expected"), _("80% range")],
            rows=[
                [
                    o.name,
                    o.recent,
                    round(o.expected),
                    f"{format_number(o.low)}–{format_number(o.high)}",
                ]
                for o in fields[:10]
            ],
        )
    )
    return draft


def register() -> None:
    from dantinh.reporting.contributors import register_contributor, unregister_contributor

    unregister_contributor("forecast", "intake.forecast")
    register_contributor("forecast", forecast_section, name="insight.forecast", order=10)
