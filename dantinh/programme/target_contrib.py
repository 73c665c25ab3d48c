"""The yearly report's targets: how far the units that the report covers met the programme's
targets of the year, drafted from the evidence (a report contributor, see
`dantinh.reporting.contributors`)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from dantinh.documents.formatting import format_number, format_numbers
from dantinh.org import paths
from dantinh.programme import target_selectors
from dantinh.programme.models import Target
from dantinh.reporting import coverage
from dantinh.reporting.contributors import FigureTable, Note, SectionDraft, register_contributor

NAMED = 8  # units not yet meeting a target, named in the draft


def targets_section(*, unit, period, user) -> SectionDraft | None:
    """Only in yearly reports: one line and one table row per target of the year set at the
    unit or above it, counted over the units the report covers."""
    ref = getattr(period, "ref", None)
    if ref is None or ref.frequency != "yearly":
        return None
    ancestors = [unit.path[:i] for i in range(paths.SEGMENT, len(unit.path) + 1, paths.SEGMENT)]
    targets = Target.objects.filter(year=ref.year, unit_path__in=ancestors).order_by("kind", "id")
    after = period.end + dt.timedelta(days=1)
    scope = coverage.coverage_paths(unit)
    rows, notes = [], []
    for target in targets:
        total, _rows = target_selectors.completion(
            user=user, target=target, root=unit, today=after, scope_paths=scope
        )
        if not total.owing:
            continue
        done = target_selectors.done_periods(target, [u.pk for u in total.units])
        behind = [u for u in total.units if len(done.get(u.pk, ())) < target.per_year]
        rows.append(
            [target.title, total.owing, total.met, f"{total.met_percent}%", f"{total.percent}%"]
        )
        text = _("%(title)s: %(met)s of %(owing)s units (%(pct)s%%).") % format_numbers(
            {
                "title": target.title,
                "met": total.met,
                "owing": total.owing,
                "pct": total.met_percent,
            }
        )
        if behind:
            names = ", ".join(u.name for u in behind[:NAMED])
            more = len(behind) - NAMED
            text += " " + _("Not yet met: %(names)s") % {"names": names}
            text += (_(" and %(n)s more.") % format_numbers({"n": more})) if more > 0 else "."
        notes.append(Note(text, f"/programme/targets/{target.pk}/?unit={unit.pk}"))
    if not rows:
        return None
    met_all = sum(1 for r in rows if r[1] == r[2])
    paragraph = _(
        "Carrying out the programme's targets in %(year)s: %(met)s of %(n)s targets fully met "
        "by every unit concerned."
    ) % {"year": ref.year, "met": format_number(met_all), "n": format_number(len(rows))}
    table = FigureTable(
        title=_("The programme's targets, %(year)s") % {"year": ref.year},
        columns=[_("Target"), _("Units"), _("Met"), _("Met (%)"), _("Periods with evidence (%)")],
        rows=rows,
    )
    return SectionDraft(paragraphs=[paragraph], notes=notes, tables=[table])


def register() -> None:
    register_contributor("general", targets_section, name="programme.targets", order=90)
