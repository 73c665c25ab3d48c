"""The hotspot board's pictures, drawn on the server as SVG geometry for the template: the
open cases as dots by risk (lanes) and age (across), and the places as bars by risk."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dantinh.cases import risk
from dantinh.cases.models import Case, Risk
from dantinh.cases.selectors import BoardCase
from dantinh.org import paths
from dantinh.org.models import Unit

WIDTH, LANE, LEFT, TOP = 600, 52, 96, 8
TICKS = (0, 7, 30, 90, 180, 365, 730)
COLOUR = {Risk.HOTSPOT: "hotspot", Risk.LIKELY: "likely", Risk.LATENT: "latent"}


def short_label(level: str) -> str:
    """A lane's name, short enough for the picture's margin."""
    return {Risk.HOTSPOT: _("Hotspot"), Risk.LIKELY: _("Likely"), Risk.LATENT: _("Latent")}[
        Risk(level)
    ]


@dataclass
class Dot:
    case: Case
    x: float
    y: float
    r: float
    age: int
    colour: str


@dataclass
class Lane:
    level: str
    label: str
    y: float
    count: int
    colour: str


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class AgeChart:
    dots: list[Dot]
    lanes: list[Lane]
    ticks: list[Tick]
    width: int
    height: int
    axis_y: float


def _x(age: int, longest: int) -> float:
    # A square-root scale: last week's cases spread out, last year's still fit.
    span = WIDTH - LEFT - 16
    return LEFT + 8 + span * math.sqrt(max(age, 0)) / math.sqrt(max(longest, 1))


def age_chart(board: dict[str, list[BoardCase]]) -> AgeChart:
    """Each open case a dot: its lane is its risk, its place across is its age, its size the
    people involved; dots of the same age in a lane are spread up and down a little."""
    every = [c for level in risk.OPEN for c in board.get(level, [])]
    longest = max([c.age for c in every] + [30])
    longest = next((t for t in TICKS if t >= longest), longest)
    lanes, dots = [], []
    for i, level in enumerate(risk.OPEN):
        y = TOP + LANE * i + LANE // 2
        cases = board.get(level, [])
        lanes.append(Lane(level, short_label(level), y, len(cases), COLOUR[level]))
        for j, entry in enumerate(sorted(cases, key=lambda c: c.age)):
            scale = entry.case.scale or 0
            r = 5 + min(9.0, 2.2 * math.log10(scale + 1))
            offset = ((j % 3) - 1) * 12  # neighbours alternate above, on and below the line
            dots.append(
                Dot(
                    entry.case,
                    round(_x(entry.age, longest), 1),
                    y + offset,
                    round(r, 1),
                    entry.age,
                    COLOUR[level],
                )
            )
    axis_y = TOP + LANE * len(risk.OPEN)
    ticks = [Tick(round(_x(t, longest), 1), str(t)) for t in TICKS if t <= longest]
    return AgeChart(dots, lanes, ticks, WIDTH, int(axis_y + 40), axis_y)


@dataclass
class Segment:
    level: str
    count: int
    x: float
    width: float
    colour: str
    label: str


@dataclass
class PlaceBar:
    unit: Unit
    total: int
    segments: list[Segment]


def place_of(case: Case, base_depth: int) -> int:
    """The id of the unit one level below the board's own, on the way to the case's place
    (the place itself when it is not deeper)."""
    ids = paths.ids_in_path(case.place.path)
    return ids[min(base_depth + 1, len(ids) - 1)]


def place_chart(
    board: dict[str, list[BoardCase]], *, base_depth: int, limit: int = 12
) -> list[PlaceBar]:
    """Open cases per place, one bar each split by risk (x and width in percent of the
    longest bar); the places with the most hotspots (then the most cases) first."""
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
    most = max([sum(c.values()) for _k, c in ranked] + [1])
    bars = []
    for unit_id, by_level in ranked:
        x = 0.0
        segments = []
        for level in risk.OPEN:
            n = by_level.get(level, 0)
            if not n:
                continue
            width = 100 * n / most
            segments.append(
                Segment(level, n, round(x, 2), round(width, 2), COLOUR[level], Risk(level).label)
            )
            x += width
        bars.append(PlaceBar(units[unit_id], sum(by_level.values()), segments))
    return bars
