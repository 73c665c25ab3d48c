"""What an alert's evidence says, ready for its page: the weekly series against the expected
band (a chart whose marks open the items), the figures, and the link to the items. Each week's
count opens that week's items; the band (the expected count and its usual range) opens the
items of the weeks its model learned from, the same series (unit, main field, negative or
recommendations) as the detector counted."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from dantinh.alerts.models import Alert
from dantinh.alerts.selectors import alerts_visible
from dantinh.core import plotting
from dantinh.insight import early_warning
from dantinh.insight.dashboard import items_url
from dantinh.org.selectors import units_visible


@dataclass
class Evidence:
    series: list[dict]
    chart: dict | None
    items_url: str
    figures: list[tuple[str, str]]
    of_which: list[dict]
    # The weeks the alert week's model learned from: from, to, items (None when not
    # recorded), url; None for alerts of other detectors.
    baseline: dict | None = None


def _band_chart(series: list[dict], title: str) -> dict:
    """Dots: items per week (a click lists them; red: above the usual range); band: the usual
    range; dashed line: what was expected."""
    weeks = [str(p.get("week", "")) for p in series]
    above = [p.get("observed", 0) > p.get("upper", float("inf")) for p in series]
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": weeks,
            "y": [p.get("lower", 0) for p in series],
            "line": {"width": 0},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": _("usual range"),
            "x": weeks,
            "y": [p.get("upper", 0) for p in series],
            "fill": "tonexty",
            "fillcolor": "#dde7f0",
            "line": {"width": 0},
            "customdata": [p.get("baseline_url", "") for p in series],
            "hovertemplate": _("%{x}: up to %{y:,.1f} usual") + "<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": _("expected"),
            "x": weeks,
            "y": [p.get("expected", 0) for p in series],
            "line": {"color": plotting.BLUE, "dash": "dash", "width": 1.5},
            "customdata": [p.get("baseline_url", "") for p in series],
            "hovertemplate": _("%{x}: %{y:,.1f} expected") + "<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": _("observed"),
            "x": weeks,
            "y": [p.get("observed", 0) for p in series],
            "customdata": [p.get("url", "") for p in series],
            "marker": {
                "color": ["#b3261e" if out else plotting.DARK for out in above],
                "size": [12 if out else 8 for out in above],
            },
            "hovertemplate": _("%{x}: %{y:,} observed") + "<extra></extra>",
        },
    ]
    layout = {
        "xaxis": plotting.sparse_ticks(weeks, short=lambda week: week[-3:]),
        "yaxis": {
            **plotting.count_axis(
                max([max(p.get("observed", 0), p.get("upper", 0)) for p in series], default=0)
            ),
            "title": {"text": _("Items")},
        },
        "margin": {"r": 12},
    }
    return plotting.figure(
        data=data, title=title, filename=_("dantinh-alert-evidence"), layout=layout, height=280
    )


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _of_which(alert: Alert, user) -> list[dict]:
    """The units below whose own surges the alert holds ("of which"), each with its alert for
    the same signal and week, linked, when the user may see it (``alerts_visible``: the scope
    policy). A unit whose alert the user may not see (it moved out of their subtree since, or
    their grant does not reach it) is neither linked nor named; one whose own alert was not
    raised (its surge lies further below) is named with its items, if the user may see the
    unit."""
    ev = alert.evidence or {}
    listed = []
    for entry in ev.get("of_which", []):
        if isinstance(entry, dict) and isinstance(entry.get("unit_id"), int):
            listed.append(entry)
    if not listed:
        return []
    ids = [entry["unit_id"] for entry in listed]
    children = {
        child.unit_id: child
        for child in alerts_visible(user)
        .filter(
            unit_id__in=ids,
            kind=alert.kind,
            key=alert.key,
            window_start=alert.window_start,
            window_end=alert.window_end,
        )
        .select_related("unit")
    }
    units = {u.pk: u for u in units_visible(user).filter(pk__in=ids)}
    shown = []
    for entry in listed:
        child = children.get(entry["unit_id"])
        unit = child.unit if child is not None else units.get(entry["unit_id"])
        if unit is None:
            continue
        if child is not None:
            url = reverse("insight_alert", args=[child.pk])
        else:
            url = items_url(
                unit=unit,
                field_id=ev.get("field_id"),
                date_from=alert.window_start,
                date_to=alert.window_end,
                **early_warning.list_filters(alert),
            )
        shown.append(
            {"unit": unit.name, "observed": entry.get("observed"), "url": url, "alert": child}
        )
    return shown


def read(alert: Alert, user) -> Evidence:
    """The alert's evidence as ``user`` may read it (the units below are scope-checked)."""
    ev = alert.evidence or {}
    field_id = ev.get("field_id")
    same = functools.partial(
        items_url, unit=alert.unit, field_id=field_id, **early_warning.list_filters(alert)
    )
    learned = alert.kind in early_warning.KINDS
    series = []
    baseline = None
    for point in ev.get("series", []):
        start = _date(point.get("start"))
        p = dict(point)
        if start is not None:
            p["url"] = same(date_from=start, date_to=start + dt.timedelta(days=6))
            if learned:
                first, last = early_warning.baseline_dates(alert, start)
                first = max(first, _date(point.get("baseline_start")) or first)
                p["baseline_url"] = same(date_from=first, date_to=last)
                if start == alert.window_start:
                    baseline = {
                        "from": first,
                        "to": last,
                        "items": point.get("baseline_items"),
                        "url": p["baseline_url"],
                    }
        series.append(p)
    if learned and baseline is None:
        first, last = early_warning.baseline_dates(alert, alert.window_start)
        baseline = {
            "from": first,
            "to": last,
            "items": None,
            "url": same(date_from=first, date_to=last),
        }
    figures = []
    for key, label in (
        ("observed", _("observed")),
        ("expected", _("expected")),
        ("upper", _("upper end of the usual range")),
        ("p_value", _("chance of this by normal variation")),
    ):
        if key not in ev:
            continue
        try:
            value = float(ev[key])
        except (TypeError, ValueError):
            figures.append((label, str(ev[key])))
            continue
        if key == "p_value":
            shown = "< " + number_format(0.0001, 4) if value < 0.0001 else number_format(value, 4)
        else:
            shown = number_format(value, 0 if value == int(value) else 1)
        figures.append((label, shown))
    return Evidence(
        series=series,
        chart=_band_chart(series, alert.title) if series else None,
        items_url=same(date_from=alert.window_start, date_to=alert.window_end),
        figures=figures,
        of_which=_of_which(alert, user),
        baseline=baseline,
    )
