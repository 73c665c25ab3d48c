"""What an alert's evidence says, ready for its page: the weekly series against the expected
band (as an SVG whose marks open the items), the figures, and the link to the items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from dantinh.alerts.models import Alert
from dantinh.insight.dashboard import items_url


@dataclass
class Evidence:
    series: list[dict]
    svg: SafeString | None
    items_url: str
    figures: list[tuple[str, str]]
    of_which: list[dict]


def _band_svg(series: list[dict], title: str) -> SafeString:
    width, height, pad_l, pad_b, pad_t = 640, 200, 36, 26, 10
    top = max([max(p.get("observed", 0), p.get("upper", 0)) for p in series] + [1]) * 1.1
    plot_w, plot_h = width - pad_l - 8, height - pad_b - pad_t
    step = plot_w / len(series)

    def y(v: float) -> float:
        return pad_t + plot_h * (1 - v / top)

    band_top = [
        f"{pad_l + (i + 0.5) * step:.1f},{y(p.get('upper', 0)):.1f}" for i, p in enumerate(series)
    ]
    band_bottom = [
        f"{pad_l + (i + 0.5) * step:.1f},{y(p.get('lower', 0)):.1f}"
        for i, p in reversed(list(enumerate(series)))
    ]
    parts = [
        f'<polygon points="{" ".join(band_top + band_bottom)}" fill="#dde7f0"/>',
        '<polyline points="'
        + " ".join(
            f"{pad_l + (i + 0.5) * step:.1f},{y(p.get('expected', 0)):.1f}"
            for i, p in enumerate(series)
        )
        + '" fill="none" stroke="#5b7fa6" stroke-dasharray="4 3"/>',
        f'<text x="{pad_l - 4}" y="{pad_t + 8}" text-anchor="end" fill="#667">{int(top)}</text>',
        f'<text x="{pad_l - 4}" y="{pad_t + plot_h}" text-anchor="end" fill="#667">0</text>',
    ]
    for i, p in enumerate(series):
        cx = pad_l + (i + 0.5) * step
        out = p.get("observed", 0) > p.get("upper", float("inf"))
        parts.append(
            str(
                format_html(
                    '<a href="{}"><title>{}</title><circle cx="{}" cy="{}" r="{}" fill="{}"/></a>',
                    p.get("url", ""),
                    _("%(week)s: %(n)s observed, %(e)s expected")
                    % {
                        "week": p.get("week", ""),
                        "n": p.get("observed", 0),
                        "e": p.get("expected", 0),
                    },
                    f"{cx:.1f}",
                    f"{y(p.get('observed', 0)):.1f}",
                    6 if out else 4,
                    "#b3261e" if out else "#334",
                )
            )
        )
        if i % max(1, len(series) // 8) == 0 or i == len(series) - 1:
            parts.append(
                f'<text x="{cx:.1f}" y="{height - 8}" text-anchor="middle" fill="#667">'
                f"{escape(str(p.get('week', ''))[-3:])}</text>"
            )
    return mark_safe(  # noqa: S308 - values escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" font-family="system-ui, sans-serif" font-size="11">'
        + "".join(parts)
        + "</svg>"
    )


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def read(alert: Alert) -> Evidence:
    ev = alert.evidence or {}
    field_id = ev.get("field_id")
    valence = ev.get("valence", "")
    series = []
    for point in ev.get("series", []):
        start = _date(point.get("start"))
        p = dict(point)
        if start is not None:
            p["url"] = items_url(
                unit=alert.unit,
                field_id=field_id,
                valence=valence,
                date_from=start,
                date_to=start + dt.timedelta(days=6),
            )
        series.append(p)
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
        svg=_band_svg(series, alert.title) if series else None,
        items_url=items_url(
            unit=alert.unit,
            field_id=field_id,
            valence=valence,
            date_from=alert.window_start,
            date_to=alert.window_end,
        ),
        figures=figures,
        of_which=[u for u in ev.get("of_which", []) if isinstance(u, dict)],
    )
