"""The composite report as the web page shows it: the same sections as its Word file
(`docbuild.sections_for_period`), numbered the same way, each line linked to what is behind it
where the draft knew it."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from functools import lru_cache

from dantinh.documents.charts import Chart, render_png
from dantinh.documents.formatting import section_label

# A table longer than this is folded on the page (the Word file prints it whole).
FOLDED_ROWS = 25


@dataclass
class Line:
    text: str
    href: str = ""


@dataclass
class Block:
    """A paragraph, or a run of bullet points."""

    lines: list[Line]
    bullets: bool = False


@dataclass
class ShownSection:
    label: str  # "I. Tình hình chung"
    blocks: list[Block] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)  # {"title", "src": a data: URL}


def shown_sections(sections: list[tuple[str, str, dict]]) -> list[ShownSection]:
    """Each section's narrative as paragraphs and bullet lists (a "- " line is a bullet, linked
    when the draft's notes give its link), and its tables and sources."""
    shown = []
    for index, (title, text, data) in enumerate(sections, start=1):
        data = data or {}
        links = {n["text"]: n["href"] for n in data.get("notes", []) if n.get("href")}
        section = ShownSection(
            label=section_label(index, title),
            tables=[
                t | {"folded": len(t["rows"]) > FOLDED_ROWS}
                for t in data.get("tables", [])
                if t.get("rows")
            ],
            sources=[n for n in data.get("sources", []) if n.get("href")],
            charts=[
                {"title": c.get("title", ""), "src": chart_src(json.dumps(c, sort_keys=True))}
                for c in data.get("charts", [])
                if not Chart.from_dict(c).empty
            ]
            if section_tables_present(data)
            else [],
        )
        for raw in (text or "").splitlines():
            line = raw.strip()
            if not line:
                continue
            bullet = line.startswith("- ")
            if bullet:
                line = line[2:].strip()
            entry = Line(line, links.get(line, "") if bullet else "")
            last = section.blocks[-1] if section.blocks else None
            if bullet and last is not None and last.bullets:
                last.lines.append(entry)
            else:
                section.blocks.append(Block([entry], bullets=bullet))
        shown.append(section)
    return shown


def section_tables_present(data: dict) -> bool:
    """A chart is shown only beside the table of its figures, as in the Word file."""
    return any(t.get("rows") for t in data.get("tables", []))


@lru_cache(maxsize=256)
def chart_src(chart_json: str) -> str:
    """The chart (as JSON) drawn as PNG, in a data: URL; the same figures are drawn once."""
    png = render_png(Chart.from_dict(json.loads(chart_json)))
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
