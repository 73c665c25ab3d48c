"""The composite report as the web page shows it: the same sections as its Word file
(`docbuild.sections_for_period`), numbered the same way, each line linked to what is behind it
where the draft knew it."""

from __future__ import annotations

from dataclasses import dataclass, field

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
