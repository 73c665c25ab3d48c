"""The one small interface through which each part of the product writes its share of a
report's sections, so that the drafter never reaches into items, cases, recommendations or
forecasts itself.

A part registers, from its AppConfig.ready():

    from dantinh.reporting.contributors import SectionDraft, register_contributor

    def incidents(*, unit, period, user) -> SectionDraft | None:
        ...  # read within the unit's coverage (`dantinh.reporting.coverage`)
        return SectionDraft(paragraphs=[...], notes=[Note(text, href)], tables=[...])

    register_contributor("incidents", incidents, name="cases.incidents", order=20)

`unit` is the unit the report is for; `period` a `dantinh.reporting.periods.Period` (its
`start`/`end` window, `previous_window`, `key`, `phrase`); `user` the person who asked for the
draft (or the system actor for the command line and the demo), given for audit entries and
links only. A report is the unit's, whoever presses "draft": a contributor reads within the
unit's coverage (`coverage.coverage_paths(unit)`, `coverage.items_for`: the unit's subtree and
the areas its area officers follow), never within `user`'s scope, so that everyone who drafts
the same unit and period gets the same text. Who may draft or export the unit's report is
checked before the contributors are called (`policy.can_compile`, `policy.can_export`); what
a reader then sees of the report is governed by "report.view" on the unit. Links may point at
items the reader cannot open: those pages answer with their own scope.

Section codes are those of `TemplateSection.Code`; contributions to a code the template does
not use are ignored. Drafts of one section are joined in `order`. A contributor that fails is
logged and skipped, its database work rolled back to a savepoint: the rest of the report is
still drafted, even on PostgreSQL where an error inside a transaction would otherwise abort it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import transaction

from dantinh.documents.charts import Chart

logger = logging.getLogger(__name__)

Cell = str | int | float | None | dict  # a dict is {"v": value, "href": link}


@dataclass
class Note:
    """A line that points at what is behind it: a notable item, a submission, a filtered list."""

    text: str
    href: str = ""


@dataclass
class FigureTable:
    title: str
    columns: list[str]
    rows: list[list[Cell]]


@dataclass
class SectionDraft:
    paragraphs: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # bullet points, kept in the narrative
    tables: list[FigureTable] = field(default_factory=list)
    # Charts of figures that a table of the section also gives (`documents.charts`).
    charts: list[Chart] = field(default_factory=list)
    sources: list[Note] = field(default_factory=list)  # links only, not in the narrative
    # Set when drafts are joined: each contributor's own text, so its notes stay under its
    # paragraphs.
    blocks: list[str] | None = None

    def text(self) -> str:
        """The narrative the compiler edits: paragraphs, then the notes as "- " lines."""
        if self.blocks is not None:
            return "\n\n".join(b for b in self.blocks if b)
        blocks = [p for p in self.paragraphs if p]
        if self.notes:
            blocks.append("\n".join(f"- {n.text}" for n in self.notes))
        return "\n\n".join(blocks)

    def data(self) -> dict:
        data = {
            "tables": [asdict(t) for t in self.tables],
            "notes": [asdict(n) for n in self.notes],
            "sources": [asdict(n) for n in self.sources],
        }
        if self.charts:
            data["charts"] = [c.as_dict() for c in self.charts]
        return data


Contributor = Callable[..., "SectionDraft | None"]
_REGISTRY: dict[str, list[tuple[int, str, Contributor]]] = {}


def register_contributor(
    section_code: str, contributor: Contributor, *, name: str = "", order: int = 100
) -> None:
    """Add `contributor` to the section `section_code`; registering the same name again
    replaces the earlier one."""
    name = name or f"{contributor.__module__}.{contributor.__qualname__}"
    entries = [e for e in _REGISTRY.get(section_code, []) if e[1] != name]
    entries.append((order, name, contributor))
    _REGISTRY[section_code] = sorted(entries, key=lambda e: (e[0], e[1]))


def unregister_contributor(section_code: str, name: str) -> None:
    _REGISTRY[section_code] = [e for e in _REGISTRY.get(section_code, []) if e[1] != name]


def contributors(section_code: str) -> list[tuple[int, str, Contributor]]:
    return list(_REGISTRY.get(section_code, []))


def draft_section(
    section_code: str, *, unit, period, user, exclude: tuple[str, ...] = ()
) -> SectionDraft:
    """Every contribution to a section, joined in order (without the contributors whose name
    starts with one of `exclude`)."""
    merged = SectionDraft(blocks=[])
    for _order, name, contributor in contributors(section_code):
        if exclude and name.startswith(exclude):
            continue
        try:
            # A savepoint each: a database error inside one part rolls back that part only
            # (on PostgreSQL it would otherwise abort the whole drafting transaction).
            with transaction.atomic():
                draft = contributor(unit=unit, period=period, user=user)
        except Exception:  # one part failing must not stop the report
            logger.exception(
                "report contributor %s failed for unit %s, period %s", name, unit.pk, period.key
            )
            continue
        if draft is None:
            continue
        merged.blocks.append(draft.text())
        merged.paragraphs.extend(draft.paragraphs)
        merged.notes.extend(draft.notes)
        merged.tables.extend(draft.tables)
        merged.charts.extend(draft.charts)
        merged.sources.extend(draft.sources)
    return merged
