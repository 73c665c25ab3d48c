"""Charts drawn on the server as SVG: every mark is a link to the items behind it, the page
works without JavaScript and offline, and the same SVG is offered as a download.

Why not a charting library's JavaScript: a mark that opens a filtered list is an <a> around
the mark, which keyboard and screen-reader users follow like any link; Plotly's bundle is
4.5 MB to ship to every commune's laptop for a bar chart and a map; and figures drawn on the
server are what the tests read."""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 720, 240
PAD_L, PAD_R, PAD_T, PAD_B = 40, 40, 14, 34
BAR, LAST_YEAR, NEG = "#c2484e", "#6b7a89", "#b26b00"


def _nice_max(value: float) -> int:
    if value <= 5:
        return 5
    for step in (1, 2, 2.5, 5):
        magnitude = 10 ** (len(str(int(value))) - 1)
        top = step * magnitude
        if top >= value:
            return int(top)
    return int(10 * 10 ** (len(str(int(value))) - 1))


def _svg(inner: str, label: str, width: int = WIDTH, height: int = HEIGHT) -> SafeString:
    return mark_safe(  # noqa: S308 - every value inside was escaped where it was written
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(label)}" class="chart" '
        f'font-family="system-ui, sans-serif" font-size="11">{inner}</svg>'
    )


def weekly(weeks, *, title: str) -> SafeString:
    """Bars: items per week (a link to them); grey line: the same weeks last year; orange
    line (right axis, 0–100%): the negative share, where the week has enough items."""
    if not weeks:
        return _svg("", title)
    top = _nice_max(max([max(w.total, w.last_year) for w in weeks], default=0))
    plot_w = WIDTH - PAD_L - PAD_R
    plot_h = HEIGHT - PAD_T - PAD_B
    step = plot_w / len(weeks)
    parts = []
    for frac in (0, 0.5, 1):
        y = PAD_T + plot_h * (1 - frac)
        parts.append(
            f'<line pointer-events="none" x1="{PAD_L}" x2="{WIDTH - PAD_R}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e7eb"/>'
            f'<text x="{PAD_L - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#667">{int(top * frac)}</text>'
            f'<text x="{WIDTH - PAD_R + 4}" y="{y + 4:.1f}" fill="{NEG}">{int(100 * frac)}%</text>'
        )
    last_pts, neg_pts = [], []
    every = max(1, len(weeks) // 12)
    for i, w in enumerate(weeks):
        x = PAD_L + i * step
        h = plot_h * w.total / top
        tip = _("Week %(week)s: %(n)s items, %(neg)s negative; same week last year: %(ly)s") % {
            "week": w.label,
            "n": w.total,
            "neg": w.negative,
            "ly": w.last_year,
        }
        parts.append(
            format_html(
                '<a href="{}"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" '
                'fill="{}" rx="2"/></a>',
                w.url,
                tip,
                f"{x + step * 0.15:.1f}",
                f"{PAD_T + plot_h - h:.1f}",
                f"{step * 0.7:.1f}",
                f"{max(h, 0.5 if w.total else 0):.1f}",
                BAR,
            )
        )
        cx = x + step / 2
        last_pts.append(f"{cx:.1f},{PAD_T + plot_h * (1 - w.last_year / top):.1f}")
        if w.negative_share is not None:
            cy = PAD_T + plot_h * (1 - w.negative_share / 100)
            neg_pts.append(f"{cx:.1f},{cy:.1f}")
            parts.append(
                format_html(
                    '<a href="{}"><title>{}</title><circle cx="{}" cy="{}" r="4" fill="{}"/></a>',
                    w.negative_url,
                    _("Week %(week)s: %(share)s%% negative")
                    % {"week": w.label, "share": w.negative_share},
                    f"{cx:.1f}",
                    f"{cy:.1f}",
                    NEG,
                )
            )
        if i % every == 0:
            parts.append(
                f'<text x="{cx:.1f}" y="{HEIGHT - PAD_B + 14}" text-anchor="middle" fill="#667">'
                f"{escape(w.label.split('/')[0])}</text>"
            )
    if any(w.last_year for w in weeks):
        parts.append(
            f'<polyline points="{" ".join(last_pts)}" fill="none" pointer-events="none" stroke="{LAST_YEAR}" '
            'stroke-width="2" stroke-dasharray="5 3"/>'
        )
    if len(neg_pts) > 1:
        parts.append(
            f'<polyline points="{" ".join(neg_pts)}" fill="none" pointer-events="none" stroke="{NEG}" stroke-width="1.5"/>'
        )
    axis = escape(_("ISO week"))
    parts.append(f'<text x="{PAD_L}" y="{HEIGHT - 4}" fill="#667">{axis}</text>')
    return _svg("".join(str(p) for p in parts), title)


def standalone(svg: str) -> bytes:
    """An SVG as a file of its own (the download beside a chart)."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + str(svg)).encode("utf-8")


def heat_rows(heat, *, weeks: int) -> SafeString:
    """The unit × field table's rows (a city has a hundred units × a dozen fields: built
    here rather than in a template loop, ten times faster)."""
    negative = escape(_("negative"))
    rows = []
    for unit, cells, total, _drill in heat:
        tds = []
        for c in cells:
            if not c.n:
                tds.append(f'<td class="h{c.level}"></td>')
                continue
            tip = f"{c.n}" + (
                "" if c.negative_share is None else f" · {c.negative_share}% {negative}"
            )
            tds.append(
                f'<td class="h{c.level}"><a href="{escape(c.url)}" title="{tip}">{c.n}</a></td>'
            )
        rows.append(
            f'<tr><th scope="row"><a href="?unit={unit.pk}&amp;weeks={weeks}">{escape(unit.name)}</a></th>'
            f'{"".join(tds)}<td class="num">{f"{total:,}".replace(",", ".")}</td></tr>'
        )
    return mark_safe("".join(rows))  # noqa: S308 - names and links escaped above
