"""Charts drawn on the server as PNG, for the Word file and the web page alike.

A chart is data (`Chart`: a kind, labels, one or more series); `render_png` draws it with
matplotlib's Agg backend (no display, no pyplot state: safe in a web server's threads) in
DejaVu Sans, which matplotlib ships and which has every Vietnamese glyph. Every chart stands
beside a table of the same figures, which is what screen readers read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from dantinh.documents.formatting import format_number

BAR, LINE = "bar", "line"
# Muted colours that stay apart in grey print: the current period dark, the previous light.
COLOURS = ["#9b1c1c", "#d9a0a0", "#1f4e79", "#7f7f7f"]
WIDTH_IN = 6.3  # the text width of an A4 report page, in inches
DPI = 150


@dataclass
class Series:
    name: str
    values: list[float]


@dataclass
class Chart:
    """`kind` BAR (horizontal bars, one group per label, a bar per series) or LINE (a line per
    series over the labels, in order)."""

    kind: str
    title: str
    labels: list[str]
    series: list[Series] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict) -> Chart:
        return cls(
            kind=data.get("kind", BAR),
            title=data.get("title", ""),
            labels=[str(label) for label in data.get("labels", [])],
            series=[
                Series(str(s.get("name", "")), [float(v or 0) for v in s.get("values", [])])
                for s in data.get("series", [])
            ],
        )

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "title": self.title,
            "labels": list(self.labels),
            "series": [{"name": s.name, "values": list(s.values)} for s in self.series],
        }

    @property
    def empty(self) -> bool:
        return not self.labels or not any(any(s.values) for s in self.series)


def _figure(height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    FigureCanvasAgg(figure)  # Agg: no display needed, no global pyplot state
    figure.patch.set_facecolor("white")
    return figure


def _style(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8)
    axes.grid(axis="x" if axes.name == "rectilinear" else "both", color="#e5e5e5", linewidth=0.6)
    axes.set_axisbelow(True)


def _counts_axis(axis) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(int(v))))


def _bar(chart: Chart):
    count = len(chart.labels)
    figure = _figure(max(1.6, 0.5 + 0.32 * count * max(1, len(chart.series)) ** 0.5))
    axes = figure.add_subplot()
    _style(axes)
    thickness = 0.8 / max(1, len(chart.series))
    rows = list(range(count))
    for i, series in enumerate(chart.series):
        offsets = [r - 0.4 + thickness * (i + 0.5) for r in rows]
        bars = axes.barh(
            offsets,
            series.values,
            height=thickness,
            color=COLOURS[i % len(COLOURS)],
            label=series.name,
        )
        if i == 0:
            axes.bar_label(
                bars, labels=[format_number(int(v)) for v in series.values], fontsize=7, padding=2
            )
    axes.set_yticks(rows, [_short(label) for label in chart.labels])
    axes.invert_yaxis()  # the first label on top
    _counts_axis(axes.xaxis)
    axes.grid(axis="y", visible=False)
    if len(chart.series) > 1:
        axes.legend(fontsize=7, frameon=False, loc="lower right")
    return figure


def _line(chart: Chart):
    figure = _figure(2.4)
    axes = figure.add_subplot()
    _style(axes)
    positions = list(range(len(chart.labels)))
    for i, series in enumerate(chart.series):
        axes.plot(
            positions,
            series.values,
            color=COLOURS[(i * 2) % len(COLOURS)],
            marker="o",
            markersize=3,
            linewidth=1.6,
            label=series.name,
        )
    step = max(1, len(positions) // 8)  # at most about eight labels under the axis
    axes.set_xticks(positions[::step], chart.labels[::step])
    top = max((max(s.values, default=0) for s in chart.series), default=0)
    axes.set_ylim(0, max(1.0, top * 1.12))  # room above the highest point's marker
    _counts_axis(axes.yaxis)
    if len(chart.series) > 1:
        axes.legend(fontsize=7, frameon=False)
    return figure


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1].rsplit(" ", 1)[0] + "…"


def render_png(chart: Chart) -> bytes:
    """The chart as a PNG image, 6.3 inches wide at 150 dpi, its title above it."""
    from matplotlib import rc_context

    with rc_context({"font.family": "DejaVu Sans"}):
        return _render(chart)


def _render(chart: Chart) -> bytes:
    figure = _line(chart) if chart.kind == LINE else _bar(chart)
    figure.suptitle(chart.title, fontsize=9, fontweight="bold", x=0.01, ha="left")
    figure.set_layout_engine("tight")
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()
