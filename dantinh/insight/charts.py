"""The dashboard's charts: figures for plotly.js (``dantinh.core.plotting``) whose marks open
the items behind them, with the same numbers in a table on the page; and the unit × field
table's rows."""

from __future__ import annotations

import datetime as dt

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from dantinh.core import plotting
from dantinh.insight.dashboard import MIN_SHARE_ITEMS, items_url, share

LAST_YEAR = dt.timedelta(weeks=52)  # "the same week last year", as the dashboard counts it


def last_year_urls(dash) -> list[str]:
    """For each week of the dashboard, the items of the same week last year."""
    return [
        items_url(
            unit=dash.focus,
            field_id=dash.field_filter,
            date_from=w.start - LAST_YEAR,
            date_to=min(w.end, dash.date_to) - LAST_YEAR,
        )
        for w in dash.weeks
    ]


def weekly(weeks, *, title: str, last_year: list[str]) -> dict:
    """Bars: items per week (a click lists them); dashed grey line: the same weeks last year
    (``last_year``: their lists);
    orange line (right axis, 0–100%): the negative share, where the week has enough items (a
    click lists the negative items)."""
    labels = [w.label for w in weeks]
    shares = [w for w in weeks if w.negative_share is not None]
    data = [
        {
            "type": "bar",
            "name": _("items this year"),
            "x": labels,
            "y": [w.total for w in weeks],
            "customdata": [w.url for w in weeks],
            "marker": {"color": plotting.RED},
            "hovertemplate": _("Week %{x}: %{y:,} items") + "<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": _("same week last year"),
            "x": labels,
            "y": [w.last_year for w in weeks],
            "customdata": last_year,
            "line": {"color": plotting.GREY, "dash": "dash", "width": 2},
            "hovertemplate": _("Week %{x} last year: %{y:,} items") + "<extra></extra>",
            "visible": True if any(w.last_year for w in weeks) else "legendonly",
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": _("negative share"),
            "x": [w.label for w in shares],
            "y": [w.negative_share for w in shares],
            "customdata": [w.negative_url for w in shares],
            "yaxis": "y2",
            "line": {"color": plotting.AMBER, "width": 1.5},
            "marker": {"size": 8},
            "hovertemplate": _("Week %{x}: %{y:,.1f}% negative") + "<extra></extra>",
        },
    ]
    layout = {
        "xaxis": {
            **plotting.sparse_ticks(labels, short=lambda label: label.split("/")[0]),
            "title": {"text": _("ISO week")},
        },
        "yaxis": {
            **plotting.count_axis(max([max(w.total, w.last_year) for w in weeks], default=0)),
            "title": {"text": _("Items")},
        },
        "yaxis2": {
            "overlaying": "y",
            "side": "right",
            "range": [0, 100],
            "tickmode": "linear",
            "dtick": 25,
            "ticksuffix": "%",
            "fixedrange": True,
            "showgrid": False,
            "color": plotting.AMBER,
        },
        "bargap": 0.3,
    }
    return plotting.figure(data=data, title=title, filename=_("dantinh-per-week"), layout=layout)


def heat_rows(dash) -> SafeString:
    """The unit × field table's rows (a city has a hundred units × a dozen fields: built
    here rather than in a template loop, ten times faster). A cell is plain values; its link,
    the items of its unit and field in the period, is written here from their ids."""
    negative = escape(_("negative"))
    weeks = len(dash.weeks)
    # Every cell's link is the same list with the dates: only the unit and the field differ.
    head, _sep, dates = items_url(date_from=dash.date_from, date_to=dash.date_to).partition("?")
    head, dates = escape(head), escape(dates)
    fields = [f.field_id for f in dash.heat_fields]
    # a row's total: the unit's items of every field, or of the dashboard's one field
    field = f"&amp;field={int(dash.field_filter)}&amp;field_main=1" if dash.field_filter else ""
    rows = []
    for unit, cells, total in dash.heat:
        tds = []
        for fid, (n, neg, level) in zip(fields, cells, strict=True):
            if not n:
                tds.append(f'<td class="h{level}"></td>')
                continue
            tip = f"{n}" + (f" · {share(neg, n)}% {negative}" if n >= MIN_SHARE_ITEMS else "")
            tds.append(
                f'<td class="h{level}"><a href="{head}?unit={unit.pk}&amp;field={fid}&amp;field_main=1&amp;'
                f'{dates}" title="{tip}">{n}</a></td>'
            )
        rows.append(
            f'<tr><th scope="row"><a href="?unit={unit.pk}&amp;weeks={weeks}">{escape(unit.name)}</a></th>'
            f'{"".join(tds)}<td class="num"><a href="{head}?unit={unit.pk}{field}&amp;{dates}">'
            f"{f'{total:,}'.replace(',', '.')}</a></td></tr>"
        )
    return mark_safe("".join(rows))  # noqa: S308 - names and links escaped above
