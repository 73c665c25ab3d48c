"""Charts drawn in the browser by plotly.js from figures prepared on the server.

A view builds a figure with ``figure()`` (the numbers come from the rooms' selectors, already
scoped by the policy) and hands it to the ``_chart.html`` include, which writes it as JSON
(``json_script``, no inline script: the Content-Security-Policy forbids it) beside an empty
box; ``static/dantinh/charts.js`` draws every box. Each mark carries in its ``customdata`` the
address of the items behind it and a click opens it. Every chart goes with a table of the same
numbers, each a link, so the page works without JavaScript and for screen readers.

Why plotly.js: a well-kept charting library (downloads as PNG and SVG, hover labels, responsive
layout) shipped inside the ``plotly`` package from PyPI and served as a static file of the
application (``core/staticfinders.py``), so it works offline in an intranet."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

# Vietnamese numbers: "," for decimals, "." between thousands (plotly's `separators` is
# decimal first, then thousands).
SEPARATORS = ",."
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
# The palette of the pages' own CSS, so a chart and the page around it agree.
RED, GREY, AMBER, BLUE, DARK = "#c2484e", "#6b7a89", "#b26b00", "#5b7fa6", "#334455"
RISK = {"hotspot": "#b3261e", "likely": "#d9822b", "latent": "#c9a227"}


def figure(
    *,
    data: list[dict[str, Any]],
    title: str,
    filename: str,
    layout: dict[str, Any] | None = None,
    height: int = 320,
) -> dict[str, Any]:
    """A chart for ``_chart.html``: traces, a layout that fits a phone (no zoom or drag, which
    would fight the page's scrolling), and the download buttons' Vietnamese titles and file
    name. Marks whose ``customdata`` is an address (``/items/?…``) open it when clicked."""
    base: dict[str, Any] = {
        "separators": SEPARATORS,
        "font": {"family": FONT, "size": 12, "color": "#223"},
        "height": height,
        "autosize": True,
        "margin": {"l": 44, "r": 44, "t": 36, "b": 40},
        "paper_bgcolor": "#fff",
        "plot_bgcolor": "#fff",
        "dragmode": False,
        "hovermode": "closest",
        "showlegend": True,
        # above the plot: below it, it would collide with the tick labels on a phone
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        "xaxis": {"fixedrange": True, "automargin": True},
        "yaxis": {
            "fixedrange": True,
            "automargin": True,
            "gridcolor": "#e3e7eb",
            "rangemode": "tozero",
        },
    }
    for key, value in (layout or {}).items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return {
        "title": title,
        "data": data,
        "layout": base,
        "config": {
            "responsive": True,
            "displaylogo": False,
            "displayModeBar": True,
            "scrollZoom": False,
            "doubleClick": False,
            "showTips": False,
        },
        "download": {
            "filename": filename,
            "png": _("Download the chart as a picture (PNG)"),
            "svg": _("Download the chart as a drawing (SVG)"),
        },
    }


def count_axis(top: float) -> dict[str, Any]:
    """An axis of counts: whole numbers only (with few items plotly would tick 0,5 and write
    it 1 under the thousands format)."""
    axis: dict[str, Any] = {"tickformat": ",d", "rangemode": "tozero"}
    if top <= 6:
        axis.update(tick0=0, dtick=1)
    return axis


def sparse_ticks(labels: list[str], *, most: int = 8, short=None) -> dict[str, Any]:
    """A category axis that names at most ``most`` of its labels (evenly spread, the last one
    always), shortened by ``short`` if given: a phone has room for eight."""
    step = max(1, -(-len(labels) // most))
    shown = [label for i, label in enumerate(labels) if (len(labels) - 1 - i) % step == 0]
    return {
        "type": "category",
        "tickmode": "array",
        "tickvals": shown,
        "ticktext": [short(label) if short else label for label in shown],
        "tickangle": 0,
    }
