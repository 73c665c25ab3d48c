"""Early warning on the items: a surge of negative items, or of recommendations and
complaints, in a unit (the province and each unit below it) and field, in the last complete
week, against that series' own past (`detect.score`). Registered with the alerts room, whose
periodic job runs it; each alert is raised once and notifies the leaders above the unit.

Sensitivity is configurable: `DANTINH_ALERT_ALPHA` (the tail probability below which a week is
a surge; default `detect.ALPHA`, whose false-alarm rate docs/benchmarks.md gives) and
`DANTINH_ALERT_MIN_COUNT` (the fewest items that can be a surge)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from dantinh.alerts.registry import Signal
from dantinh.insight import detect
from dantinh.insight.dashboard import monday
from dantinh.intake.models import Field, Item, Mood
from dantinh.org.models import Unit

RECOMMENDATION_KINDS = ("kien_nghi", "khieu_nai_to_cao")
HISTORY_WEEKS = detect.SEASON + detect.BASELINE + detect.GUARD + 2
DEPTHS = (0, 1)  # the province and the units right below it


def _sensitivity() -> tuple[float, int]:
    return (
        float(getattr(settings, "DANTINH_ALERT_ALPHA", detect.ALPHA)),
        int(getattr(settings, "DANTINH_ALERT_MIN_COUNT", detect.MIN_COUNT)),
    )


def weekly_series(
    items, *, units: list[Unit], first: dt.date, weeks: int
) -> dict[tuple[int, int], list[int]]:
    """{(unit id, field id): counts per week from `first`}, each unit counting its subtree."""
    series: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0] * weeks)
    last = first + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
    scoped = items.filter(observed_on__gte=first, observed_on__lte=last)
    for length in sorted({len(u.path) for u in units}):
        by_prefix = {u.path: u for u in units if len(u.path) == length}
        rows = (
            scoped.annotate(prefix=Substr("unit_path", 1, length))
            .values("prefix", "field_id", "observed_on")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            unit = by_prefix.get(row["prefix"])
            if unit is not None:
                index = (row["observed_on"] - first).days // 7
                series[(unit.pk, row["field_id"])][index] += row["n"]
    return series


def _detect(today: dt.date, *, what: str):
    alpha, min_count = _sensitivity()
    week = monday(today) - dt.timedelta(weeks=1)  # the last complete week
    first = week - dt.timedelta(weeks=HISTORY_WEEKS - 1)
    units = list(Unit.objects.filter(depth__in=DEPTHS, valid_to__isnull=True))
    if what == "negative":
        items = Item.objects.filter(mood__valence=Mood.Valence.NEGATIVE)
        valence = Mood.Valence.NEGATIVE
    else:
        items = Item.objects.filter(kind__code__in=RECOMMENDATION_KINDS)
        valence = ""
    by_id = {u.pk: u for u in units}
    names = dict(Field.objects.values_list("pk", "name"))
    t = HISTORY_WEEKS - 1
    for (unit_id, field_id), counts in weekly_series(
        items, units=units, first=first, weeks=HISTORY_WEEKS
    ).items():
        result = detect.score(counts, t, first=first, alpha=alpha, min_count=min_count)
        if result is None or not result.alarm:
            continue
        series = []
        for i in range(max(0, t - 16), t + 1):
            point = detect.expectation(counts, i, first)
            start = first + dt.timedelta(weeks=i)
            iso = start.isocalendar()
            if point is None:
                continue
            lower, upper = detect.band(*point)
            series.append(
                {
                    "week": f"{iso.year}-W{iso.week:02d}",
                    "start": start.isoformat(),
                    "observed": counts[i],
                    "expected": round(point[0], 1),
                    "lower": lower,
                    "upper": upper,
                }
            )
        yield Signal(
            unit=by_id[unit_id],
            key=f"field:{field_id}",
            window_start=week,
            window_end=week + dt.timedelta(days=6),
            level="severe" if result.p_value < alpha / 100 else "warning",
            params={"field": names.get(field_id, "?"), "observed": result.observed},
            evidence={
                "observed": result.observed,
                "expected": result.expected,
                "upper": result.band[1],
                "p_value": f"{result.p_value:.2g}",
                "field_id": field_id,
                "valence": valence,
                "series": series,
            },
        )


def negative_surges(today: dt.date):
    return _detect(today, what="negative")


def recommendation_surges(today: dt.date):
    return _detect(today, what="recommendations")


def register() -> None:
    from dantinh.alerts.registry import register_detector

    register_detector(
        "items.negative_surge",
        negative_surges,
        title=lambda: _("Negative items surging: %(field)s (%(observed)s in a week)"),
    )
    register_detector(
        "items.recommendation_surge",
        recommendation_surges,
        title=lambda: _("Recommendations surging: %(field)s (%(observed)s in a week)"),
    )
