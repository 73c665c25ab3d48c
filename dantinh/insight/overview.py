"""The overview's figures as the page shows them: each number and each chart mark with the
address of the items behind it (the item list filtered as the selector counted), and the two
charts (fields, mood) for plotly.js with the same numbers as tables beside them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dantinh.core import plotting
from dantinh.insight.dashboard import items_url
from dantinh.insight.selectors import Overview
from dantinh.intake.models import Mood

# The mood strip's parts, in the order drawn, with the pages' own colours (app.css).
VALENCE_COLOURS = {
    Mood.Valence.POSITIVE: "#1b7f45",
    Mood.Valence.NEUTRAL: "#9aa6b2",
    Mood.Valence.NEGATIVE: "#b3261e",
}


@dataclass
class Mark:
    """One number of the page: what it counts, how many, the items behind it; ``share`` in
    percent of the month's items where the page shows one."""

    n: int
    url: str
    label: str = ""
    share: int | None = None
    key: str = ""


@dataclass
class OverviewPage:
    week: Mark
    previous_week: Mark
    month: Mark
    negative: Mark
    recommendations: list[Mark]  # by kind
    recommendations_total: Mark  # both kinds: the item list takes several
    fields: list[Mark]
    mood: list[Mark]
    field_chart: dict | None
    mood_chart: dict | None


def _share(n: int, total: int) -> int:
    return round(100 * n / total) if total else 0


def build(figures: Overview) -> OverviewPage:
    month = {"date_from": figures.month_start, "date_to": figures.today}
    fields = [
        Mark(label=f.name, n=f.n, url=items_url(field_id=f.pk, **month)) for f in figures.fields
    ]
    mood = [
        Mark(
            label=label,
            n=figures.valence.get(valence, 0),
            url=items_url(valence=valence, **month),
            share=_share(figures.valence.get(valence, 0), figures.month),
            key=str(valence),
        )
        for valence, label in (
            (Mood.Valence.POSITIVE, _("Positive")),
            (Mood.Valence.NEUTRAL, _("Neutral")),
            (Mood.Valence.NEGATIVE, _("Negative")),
        )
    ]
    negative = next(m for m in mood if m.key == Mood.Valence.NEGATIVE)
    day = dt.timedelta(days=1)
    return OverviewPage(
        week=Mark(
            n=figures.week, url=items_url(date_from=figures.week_start, date_to=figures.today)
        ),
        previous_week=Mark(
            n=figures.previous_week,
            url=items_url(date_from=figures.week_start - 7 * day, date_to=figures.week_start - day),
        ),
        month=Mark(n=figures.month, url=items_url(**month)),
        negative=Mark(
            label=negative.label, n=negative.n, url=negative.url, share=figures.negative_share
        ),
        recommendations=[
            Mark(label=k.name, n=k.n, url=items_url(kinds=[k.pk], **month))
            for k in figures.recommendation_kinds
        ],
        recommendations_total=Mark(
            n=figures.recommendations,
            url=items_url(kinds=[k.pk for k in figures.recommendation_kinds], **month),
        ),
        fields=fields,
        mood=mood,
        field_chart=field_chart(fields) if fields else None,
        mood_chart=mood_chart(mood) if figures.month else None,
    )


def _short(name: str) -> str:
    """A field's name up to its first comma ("Đất đai, thu hồi đất, …" → "Đất đai"): the
    chart's margin on a phone has room for that; the full name is in the hover label."""
    return name.split(",")[0].strip() or name


def field_chart(fields: list[Mark]) -> dict:
    """Horizontal bars, the busiest field on top; a click on a bar lists its items."""
    shown = list(reversed(fields))
    labels = [_short(m.label) for m in shown]
    if len(set(labels)) < len(labels):  # two fields shortened alike: keep the full names
        labels = [m.label for m in shown]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": _("items"),
            "y": labels,
            "x": [m.n for m in shown],
            "customdata": [[m.url, m.label] for m in shown],
            "marker": {"color": plotting.RED},
            "hovertemplate": "%{customdata[1]}: %{x:,} " + _("items") + "<extra></extra>",
        }
    ]
    layout = {
        "showlegend": False,
        "margin": {"l": 8, "r": 16, "t": 8, "b": 32},
        "xaxis": {**plotting.count_axis(max(m.n for m in fields)), "title": {"text": _("Items")}},
        "yaxis": {"type": "category", "automargin": True, "gridcolor": "rgba(0,0,0,0)"},
        "bargap": 0.25,
    }
    return plotting.figure(
        data=data,
        title=_("By field, last 30 days"),
        filename=_("dantinh-by-field"),
        layout=layout,
        height=60 + 30 * len(fields),
    )


def mood_chart(mood: list[Mark]) -> dict:
    """One bar split by valence (the mood strip); a click on a part lists its items."""
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": m.label,
            "y": [""],
            "x": [m.n],
            "customdata": [[m.url, m.share]],
            "marker": {"color": VALENCE_COLOURS[Mood.Valence(m.key)]},
            "hovertemplate": m.label + ": %{x:,} (%{customdata[1]}%)<extra></extra>",
        }
        for m in mood
    ]
    layout = {
        "barmode": "stack",
        "margin": {"l": 8, "r": 16, "t": 8, "b": 32},
        "legend": {"traceorder": "normal"},
        "xaxis": {**plotting.count_axis(sum(m.n for m in mood)), "title": {"text": _("Items")}},
        "yaxis": {"visible": False, "fixedrange": True},
    }
    return plotting.figure(
        data=data,
        title=_("Mood, last 30 days"),
        filename=_("dantinh-mood"),
        layout=layout,
        height=150,
    )
