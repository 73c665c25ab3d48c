"""The province map: the children of the focused unit coloured by a measure, each a link to
its items (or its own dashboard), drawn from the boundaries of their official codes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from dantinh.alerts.selectors import alerts_visible
from dantinh.insight import geo, rollup
from dantinh.insight.dashboard import MIN_SHARE_ITEMS, NEGATIVE, focus_children, items_url, share
from dantinh.org import policies
from dantinh.org.models import Unit

MEASURES = ("volume", "negative", "alerts")
COLOURS = ["#f1f3f5", "#fde4e1", "#f8c2bc", "#ef9086", "#d9534f", "#9e2a2b"]


@dataclass
class Area:
    unit: Unit
    n: int = 0
    negative: int = 0
    alerts: int = 0
    value: float | None = None
    level: int = 0
    url: str = ""  # all its items
    negative_url: str = ""  # its negative items
    drawn: bool = False
    link: str = ""  # what a click on the map opens: the items the colour counts
    alerts_url: str = ""

    @property
    def negative_share(self) -> float | None:
        return share(self.negative, self.n) if self.n >= MIN_SHARE_ITEMS else None


@dataclass
class Map:
    areas: list[Area]
    svg: SafeString | None
    missing: list[Area]  # units without a boundary (listed beside the map)
    measure: str
    top: float


def build(
    *,
    user,
    focus: Unit | None,
    today: dt.date,
    weeks: int,
    measure: str,
    field_id: int | None,
    use_rollup: bool = True,
) -> Map:
    """The children of `focus` (or the user's top units) coloured by `measure` over the last
    `weeks` calendar weeks; counts from the weekly roll-up where it can answer."""
    date_from = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks - 1)
    children = focus_children(user, focus)
    areas = {c.pk: Area(c) for c in children}
    by_prefix = {c.path: c for c in children}
    for length in sorted({len(c.path) for c in children}):
        grouped = rollup.counts(
            user=user,
            focus=focus,
            date_from=date_from,
            date_to=today,
            by=("prefix",),
            prefix_length=length,
            field_id=field_id,
            use_rollup=use_rollup,
        )
        for (prefix,), (n, neg, _pos, _moody) in grouped.items():
            child = by_prefix.get(prefix)
            if child is not None:
                areas[child.pk].n += n
                areas[child.pk].negative += neg
    if measure == "alerts" and policies.can_anywhere(user, "alert.view"):
        counts: dict[int, int] = defaultdict(int)
        for path in (
            alerts_visible(user)
            .filter(window_end__gte=date_from)
            .values_list("unit_path", flat=True)
        ):
            for prefix, child in by_prefix.items():
                if path.startswith(prefix):
                    counts[child.pk] += 1
        for pk, n in counts.items():
            areas[pk].alerts = n
    for area in areas.values():
        area.value = (
            area.n
            if measure == "volume"
            else area.negative_share
            if measure == "negative"
            else area.alerts
        )
        area.url = items_url(unit=area.unit, field_id=field_id, date_from=date_from, date_to=today)
        area.negative_url = items_url(
            unit=area.unit, field_id=field_id, valence=NEGATIVE, date_from=date_from, date_to=today
        )
        area.link = area.negative_url if measure == "negative" else area.url
        area.alerts_url = f"{reverse('insight_alerts')}?unit={area.unit.pk}&since={date_from}"
    values = [a.value for a in areas.values() if a.value]
    top = max(values, default=0)
    for area in areas.values():
        if area.value and top:
            area.level = min(5, 1 + int(5 * area.value / (top * 1.0001)))
    coded = {
        a.unit.code: a
        for a in areas.values()
        if a.unit.code and a.unit.code_scheme == Unit.CodeScheme.GSO_2025
    }
    shapes = geo.boundaries(list(coded))
    svg = None
    if shapes:
        drawn, height = geo.project(shapes)
        svg = _svg(drawn, height, coded, measure)
        for code in drawn:
            coded[code].drawn = True
    ordered = sorted(areas.values(), key=lambda a: (-(a.value or 0), a.unit.name))
    return Map(
        areas=ordered,
        svg=svg,
        missing=[a for a in ordered if not a.drawn and a.unit.kind == Unit.Kind.TERRITORIAL],
        measure=measure,
        top=top,
    )


def _label(area: Area, measure: str) -> str:
    if measure == "negative":
        value = "–" if area.negative_share is None else f"{area.negative_share}%"
        return _("%(unit)s: %(value)s negative (%(n)s items)") % {
            "unit": area.unit.name,
            "value": value,
            "n": area.n,
        }
    if measure == "alerts":
        return _("%(unit)s: %(n)s alerts") % {"unit": area.unit.name, "n": area.alerts}
    return _("%(unit)s: %(n)s items") % {"unit": area.unit.name, "n": area.n}


def _svg(drawn: dict[str, str], height: int, coded: dict[str, Area], measure: str) -> SafeString:
    parts = []
    # Larger outlines first, so that a small ward drawn inside a big commune's simplified
    # outline stays on top, where a click reaches it.
    for code, d in sorted(drawn.items(), key=lambda kv: -len(kv[1])):
        area = coded[code]
        parts.append(
            str(
                format_html(
                    '<a href="{}" aria-label="{}"><title>{}</title>'
                    '<path d="{}" fill="{}" stroke="#fff" stroke-width="0.8"/></a>',
                    area.link,
                    _label(area, measure),
                    _label(area, measure),
                    d,
                    COLOURS[area.level],
                )
            )
        )
    return mark_safe(  # noqa: S308 - escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 {height}" role="img" '
        f'aria-label="{escape(_("Map of the units"))}">{"".join(parts)}</svg>'
    )
