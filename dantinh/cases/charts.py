"""The hotspot board's charts, as figures for plotly.js (``dantinh.core.plotting``) with the
same numbers as tables: the open cases as dots by risk (rows) and age (across), each opening
its case; and the places as bars split by risk, each part opening the list of those cases."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dantinh.cases import risk
from dantinh.cases.models import Risk
from dantinh.cases.selectors import BoardCase
from dantinh.core import plotting
from dantinh.org import paths
from dantinh.org.models import Unit

TICKS = (0, 7, 30, 90, 180, 365, 730)
COLOUR = {Risk.HOTSPOT: "hotspot", Risk.LIKELY: "likely", Risk.LATENT: "latent"}
# Ages as the table counts them: (from, to) days since the case arose, inclusive.
AGE_BANDS = ((0, 7), (8, 30), (31, 90), (91, 365), (366, None))


def short_label(level: str) -> str:
    """A row's name, short enough for the chart's margin."""
    return {Risk.HOTSPOT: _("Hotspot"), Risk.LIKELY: _("Likely"), Risk.LATENT: _("Latent")}[
        Risk(level)
    ]


def _list_url(**params) -> str:
    return reverse("cases:case_list") + "?" + urlencode({k: v for k, v in params.items() if v})


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


@dataclass
class Count:
    n: int
    url: str


@dataclass
class AgeRow:
    level: str
    label: str
    total: Count
    bands: list[Count]


def age_band_label(band: tuple[int, int | None]) -> str:
    low, high = band
    if high is None:
        return _("over %(n)s days") % {"n": low - 1}
    return _("%(a)s–%(b)s days") % {"a": low, "b": high}


def age_chart(board: dict[str, list[BoardCase]]) -> dict:
    """Each open case a dot: its row is its risk, its place across its age (square-root scale:
    last week's cases spread out, last year's still fit), its size the people involved; dots of
    the same row alternate a little up and down. A click opens the case."""
    every = [c for level in risk.OPEN for c in board.get(level, [])]
    longest = max([c.age for c in every] + [30])
    longest = next((t for t in TICKS if t >= longest), longest)
    data = []
    rows = len(risk.OPEN)
    for i, level in enumerate(risk.OPEN):
        cases = sorted(board.get(level, []), key=lambda c: c.age)
        y = rows - 1 - i  # the most urgent on top
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": Risk(level).label,
                "x": [round(math.sqrt(max(c.age, 0)), 3) for c in cases],
                "y": [y + ((j % 3) - 1) * 0.22 for j in range(len(cases))],
                "customdata": [reverse("cases:case_detail", args=[c.case.pk]) for c in cases],
                "text": [
                    escape(
                        f"{c.case.title} · {c.case.place.full_name} · "
                        + ngettext("%(n)s day", "%(n)s days", c.age) % {"n": c.age}
                    )
                    for c in cases
                ],
                "hovertemplate": "%{text}<extra></extra>",
                "marker": {
                    "color": plotting.RISK[COLOUR[level]],
                    "size": [
                        round(2 * (5 + min(9.0, 2.2 * math.log10((c.case.scale or 0) + 1))), 1)
                        for c in cases
                    ],
                    "line": {"color": "#fff", "width": 1.5},
                },
            }
        )
    layout = {
        "showlegend": False,
        "margin": {"l": 8, "r": 12, "t": 36, "b": 40},
        "xaxis": {
            "title": {"text": _("days since the case arose")},
            "tickmode": "array",
            "tickvals": [round(math.sqrt(t), 3) for t in TICKS if t <= longest],
            "ticktext": [str(t) for t in TICKS if t <= longest],
            "range": [-0.3, math.sqrt(longest) * 1.03],
            "zeroline": False,
            "gridcolor": "#e6e9ee",
        },
        "yaxis": {
            "tickmode": "array",
            "tickvals": list(range(rows)),
            "ticktext": [
                f"{short_label(level)} ({len(board.get(level, []))})"
                for level in reversed(risk.OPEN)
            ],
            "range": [-0.6, rows - 0.4],
            "zeroline": False,
            "rangemode": "normal",
        },
    }
    return plotting.figure(
        data=data,
        title=_("Open cases by risk and age"),
        filename=_("dantinh-cases-by-age"),
        layout=layout,
        height=260,
    )


def age_table(
    board: dict[str, list[BoardCase]], *, unit: Unit | None, today: dt.date
) -> list[AgeRow]:
    """The age chart's numbers: per risk level, the open cases in each age band, each a link
    to the list of those cases."""
    unit_id = unit.pk if unit else None
    rows = []
    for level in risk.OPEN:
        cases = board.get(level, [])
        bands = []
        for low, high in AGE_BANDS:
            n = sum(1 for c in cases if c.age >= low and (high is None or c.age <= high))
            url = _list_url(
                unit=unit_id,
                risk=level,
                opened_from=_day(today - dt.timedelta(days=high)) if high is not None else None,
                opened_to=_day(today - dt.timedelta(days=low)),
            )
            bands.append(Count(n, url))
        total = Count(len(cases), _list_url(unit=unit_id, risk=level))
        rows.append(AgeRow(level, Risk(level).label, total, bands))
    return rows


@dataclass
class PlaceBar:
    unit: Unit
    total: int
    url: str
    counts: list[Count]  # in the order of risk.OPEN


def place_of(case, base_depth: int) -> int:
    """The id of the unit one level below the board's own, on the way to the case's place
    (the place itself when it is not deeper)."""
    ids = paths.ids_in_path(case.place.path)
    return ids[min(base_depth + 1, len(ids) - 1)]


def place_bars(
    board: dict[str, list[BoardCase]], *, base_depth: int, limit: int = 12
) -> list[PlaceBar]:
    """Open cases per place split by risk, the places with the most hotspots (then the most
    cases) first; each count a link to the list of those cases."""
    counts: dict[int, dict[str, int]] = {}
    for level in risk.OPEN:
        for entry in board.get(level, []):
            key = place_of(entry.case, base_depth)
            counts.setdefault(key, {}).setdefault(level, 0)
            counts[key][level] += 1
    units = Unit.objects.in_bulk(list(counts))
    ranked = sorted(
        counts.items(),
        key=lambda kv: tuple(-kv[1].get(level, 0) for level in risk.OPEN),
    )[:limit]
    return [
        PlaceBar(
            units[unit_id],
            sum(by_level.values()),
            _list_url(unit=unit_id, risk="open"),
            [
                Count(by_level.get(level, 0), _list_url(unit=unit_id, risk=level))
                for level in risk.OPEN
            ],
        )
        for unit_id, by_level in ranked
    ]


def place_chart(bars: list[PlaceBar]) -> dict:
    """One bar per place, split by risk; a click on a part lists those cases."""
    names = [bar.unit.name for bar in bars]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": Risk(level).label,
            "y": names,
            "x": [bar.counts[i].n for bar in bars],
            "customdata": [bar.counts[i].url for bar in bars],
            "marker": {"color": plotting.RISK[COLOUR[level]]},
            "hovertemplate": "%{y}: %{x} · " + str(Risk(level).label) + "<extra></extra>",
        }
        for i, level in enumerate(risk.OPEN)
    ]
    layout = {
        "barmode": "stack",
        "margin": {"l": 8, "r": 12, "t": 36, "b": 30},
        "yaxis": {"autorange": "reversed", "type": "category", "gridcolor": "rgba(0,0,0,0)"},
        "xaxis": {
            **plotting.count_axis(max([bar.total for bar in bars], default=0)),
            "gridcolor": "#e6e9ee",
        },
        "legend": {"traceorder": "normal"},
        "bargap": 0.35,
    }
    return plotting.figure(
        data=data,
        title=_("Open cases by place"),
        filename=_("dantinh-cases-by-place"),
        layout=layout,
        height=90 + 26 * max(len(bars), 3),
    )
