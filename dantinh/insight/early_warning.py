"""Early warning on the items: a surge of negative items, or of recommendations and
complaints, in a unit (the province and each unit below it) and field, in the last complete
week, against that series' own past (`detect.score`). Registered with the alerts room, whose
periodic job runs it; each alert is raised once and notifies the leaders above the unit.

A unit's count holds its subtree's: when a commune surges, the province may surge only because
of it. The province's alert is then not raised (the commune's reaches the same leaders); when
the province still surges without the alarming communes it is raised, naming them ("of which").

Sensitivity is configurable: `DANTINH_ALERT_ALPHA` (the tail probability below which a week is
a surge; default `detect.ALPHA`, whose false-alarm rate docs/benchmarks.md gives) and
`DANTINH_ALERT_MIN_COUNT` (the fewest items that can be a surge)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from dantinh.alerts.registry import Signal
from dantinh.insight import detect
from dantinh.insight.dashboard import monday
from dantinh.intake.models import Field, Item, Kind, Mood
from dantinh.intake.selectors import items_visible
from dantinh.org import paths
from dantinh.org.models import Unit

RECOMMENDATION_KINDS = ("kien_nghi", "khieu_nai_to_cao")
HISTORY_WEEKS = detect.HISTORY + detect.WINDOW
DEPTHS = (0, 1)  # the province and the units right below it
KINDS = {"items.negative_surge": "negative", "items.recommendation_surge": "recommendations"}


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


def _items(what: str):
    if what == "negative":
        return Item.objects.filter(mood__valence=Mood.Valence.NEGATIVE)
    return Item.objects.filter(kind__code__in=RECOMMENDATION_KINDS)


def _series_evidence(counts: list[int], t: int, first: dt.date) -> list[dict]:
    """The last 17 weeks against their expected range, each with how many items its model
    learned from (`baseline_items`), for the alert's page."""
    series = []
    for i in range(max(0, t - 16), t + 1):
        point = detect.expectation(counts, i, first)
        if point is None:
            continue
        start = first + dt.timedelta(weeks=i)
        iso = start.isocalendar()
        lower, upper = detect.band(*point)
        weeks = detect.baseline(i)
        series.append(
            {
                "week": f"{iso.year}-W{iso.week:02d}",
                "start": start.isoformat(),
                "observed": counts[i],
                "expected": round(point[0], 1),
                "lower": lower,
                "upper": upper,
                "baseline_items": sum(counts[w] for w in weeks),
                # its first week with an item: the weeks before it are not quiet weeks to
                # the model (nobody reported yet)
                "baseline_start": next(
                    (first + dt.timedelta(weeks=w) for w in weeks if counts[w]), start
                ).isoformat(),
            }
        )
    return series


def baseline_dates(alert, week_start: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the weeks the model of the week starting `week_start` was
    fitted on, in an alert of these detectors (whose series start `HISTORY_WEEKS - 1` weeks
    before the alert's week)."""
    first = alert.window_start - dt.timedelta(weeks=HISTORY_WEEKS - 1)
    t = (week_start - first).days // 7
    weeks = detect.baseline(t)
    start = first + dt.timedelta(weeks=weeks.start)
    return start, first + dt.timedelta(weeks=weeks.stop) - dt.timedelta(days=1)


def list_filters(alert) -> dict:
    """Beside the unit, field and dates: the item list's filters that select the items the
    alert's detector counted (the negative ones, or those of the recommendation kinds)."""
    if KINDS.get(alert.kind) == "recommendations":
        kinds = Kind.objects.filter(code__in=RECOMMENDATION_KINDS).order_by("pk")
        return {"kinds": list(kinds.values_list("pk", flat=True))}
    return {"valence": (alert.evidence or {}).get("valence", "")}


def _own_signal(
    unit: Unit,
    counts: list[int],
    alarmed: dict[tuple[int, int], detect.Score],
    series: dict[tuple[int, int], list[int]],
    units: list[Unit],
    field_id: int,
    *,
    t: int,
    first: dt.date,
    alpha: float,
    min_count: int,
) -> tuple[bool, list[Unit]]:
    """Is a unit's surge its own, or only that of units below it that alarm too? Returns
    (raise it, the alarming units below it). The units below are taken out of its series: if
    what remains is no surge, the unit's alert would only repeat theirs (their alerts reach the
    same leaders), so it is not raised; if it still is, it is raised naming them."""
    below = [
        u
        for u in units
        if u.pk != unit.pk and u.path.startswith(unit.path) and (u.pk, field_id) in alarmed
    ]
    # Only the highest of them: a unit's count already holds those below it.
    below = [u for u in below if not any(v is not u and u.path.startswith(v.path) for v in below)]
    if not below:
        return True, []
    rest = list(counts)
    for u in below:
        rest = [a - b for a, b in zip(rest, series[(u.pk, field_id)], strict=True)]
    remaining = detect.score(rest, t, first=first, alpha=alpha, min_count=min_count)
    return remaining is not None and remaining.alarm, below


def _detect(today: dt.date, *, what: str):
    alpha, min_count = _sensitivity()
    week = monday(today) - dt.timedelta(weeks=1)  # the last complete week
    first = week - dt.timedelta(weeks=HISTORY_WEEKS - 1)
    units = list(Unit.objects.filter(depth__in=DEPTHS, valid_to__isnull=True))
    valence = Mood.Valence.NEGATIVE if what == "negative" else ""
    by_id = {u.pk: u for u in units}
    names = dict(Field.objects.values_list("pk", "name"))
    t = HISTORY_WEEKS - 1
    series = weekly_series(_items(what), units=units, first=first, weeks=HISTORY_WEEKS)
    alarmed: dict[tuple[int, int], detect.Score] = {}
    for key, counts in series.items():
        result = detect.score(counts, t, first=first, alpha=alpha, min_count=min_count)
        if result is not None and result.alarm:
            alarmed[key] = result
    for (unit_id, field_id), result in alarmed.items():
        counts = series[(unit_id, field_id)]
        own, below = _own_signal(
            by_id[unit_id],
            counts,
            alarmed,
            series,
            units,
            field_id,
            t=t,
            first=first,
            alpha=alpha,
            min_count=min_count,
        )
        if not own:
            continue
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
                "weeks": result.weeks,
                "field_id": field_id,
                "valence": valence,
                "series": _series_evidence(counts, t, first),
                "of_which": [
                    {"unit_id": u.pk, "unit": u.name, "observed": series[(u.pk, field_id)][t]}
                    for u in below
                ],
            },
        )


def items_of(alert, user):
    """The items behind an alert of these detectors that `user` may see: its unit's subtree,
    field and week, negative or recommendations as the detector counts them."""
    if alert.kind not in KINDS:
        return Item.objects.none()
    what = KINDS[alert.kind]
    return items_visible(user).filter(
        pk__in=_items(what).values("pk"),
        unit_path__gte=alert.unit.path,
        unit_path__lt=paths.upper_bound(alert.unit.path),
        field_id=(alert.evidence or {}).get("field_id"),
        observed_on__gte=alert.window_start,
        observed_on__lte=alert.window_end,
    )


def _number(value) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "?"
    return number_format(number, 0 if number == int(number) else 1, use_l10n=True)


def situation_of(alert) -> str:
    """The alert's figures in a sentence, to open a case with."""
    ev = alert.evidence or {}
    if "observed" not in ev or "expected" not in ev:
        return _("Early warning: %(title)s.") % {"title": alert.title}
    return _(
        "Early warning: %(observed)s items in the week of %(start)s–%(end)s, where about "
        "%(expected)s were expected (usual range up to %(upper)s)."
    ) % {
        "observed": _number(ev.get("observed")),
        "start": alert.window_start.strftime("%d/%m"),
        "end": alert.window_end.strftime("%d/%m/%Y"),
        "expected": _number(ev.get("expected")),
        "upper": _number(ev.get("upper")),
    }


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
