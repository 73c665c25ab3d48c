"""What the cases contribute to a report's "complex incidents and hotspots" section: the cases
followed within the unit's coverage by risk level at the end of the period and the previous
one, those that came to each level in the period, the new ones, and each change in the
period with its reason. Every figure links to the list of the cases behind it."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from dantinh.cases import risk
from dantinh.cases.models import Case, Risk, RiskChange
from dantinh.documents.formatting import format_numbers
from dantinh.org import paths
from dantinh.reporting.contributors import FigureTable, Note, SectionDraft, register_contributor
from dantinh.reporting.coverage import coverage_paths

CHANGES_LISTED = 12
LEVELS = [Risk.HOTSPOT, Risk.LIKELY, Risk.LATENT, Risk.RESOLVED]


def _url(unit, **filters) -> str:
    """The case list filtered like a figure (by the unit's subtree when the report covers
    only that); the list shows each reader only the cases in their own scope."""
    params: dict[str, object] = {}
    if coverage_paths(unit) == [unit.path]:
        params["unit"] = unit.pk
    for key, value in filters.items():
        if value not in (None, ""):
            params[key] = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value
    return f"{reverse('cases:case_list')}?{urlencode(params)}"


def _levels_on(changes: list[RiskChange], day: dt.date) -> dict[int, str]:
    """{case id: the level it was at on `day`} from changes ordered by date."""
    result: dict[int, str] = {}
    for change in changes:
        if change.changed_on <= day:
            result[change.case_id] = change.to_risk
    return result


def hotspots(*, unit, period, user) -> SectionDraft | None:
    start, end = period.start, period.end
    previous_end = start - dt.timedelta(days=1)
    cases = Case.objects.filter(paths.subtree_q("unit_path", coverage_paths(unit)))
    changes = list(
        RiskChange.objects.filter(case__in=cases, changed_on__lte=end)
        .select_related("case__place")
        .order_by("changed_on", "id")
    )
    if not changes:
        return None
    now = _levels_on(changes, end)
    before = _levels_on(changes, previous_end)
    in_period = [c for c in changes if c.changed_on >= start]
    came: dict[str, set[int]] = {level: set() for level in LEVELS}
    for change in in_period:
        came[change.to_risk].add(change.case_id)
    new = {c.case_id for c in in_period if not c.from_risk}

    def count(levels: dict[int, str], level: str) -> int:
        return sum(1 for v in levels.values() if v == level)

    rows = []
    for level in LEVELS:
        rows.append(
            [
                Risk(level).label.capitalize(),
                {"v": count(before, level), "href": _url(unit, risk=level, as_of=previous_end)},
                {"v": count(now, level), "href": _url(unit, risk=level, as_of=end)},
                {
                    "v": len(came[level]),
                    "href": _url(unit, changed_to=level, date_from=start, date_to=end),
                },
            ]
        )
    table = FigureTable(
        title=_("Complex cases by risk level"),
        columns=[
            _("Risk level"),
            _("End of the previous period"),
            _("End of the period"),
            _("Came to this level in the period"),
        ],
        rows=rows,
    )
    open_now = sum(1 for v in now.values() if v != Risk.RESOLVED)
    draft = SectionDraft(tables=[table])
    draft.paragraphs.append(
        _(
            "At the end of the period %(open)s complex cases were being followed: %(hot)s "
            "hotspots, %(likely)s likely to become hotspots and %(latent)s with a latent risk. "
            "%(new)s arose in the period; %(raised)s were raised, %(lowered)s lowered and "
            "%(resolved)s resolved for good."
        )
        % format_numbers(
            {
                "open": open_now,
                "hot": count(now, Risk.HOTSPOT),
                "likely": count(now, Risk.LIKELY),
                "latent": count(now, Risk.LATENT),
                "new": len(new),
                "raised": len(
                    {
                        c.case_id
                        for c in in_period
                        if risk.move(c.from_risk, c.to_risk) == risk.Move.RAISED
                    }
                ),
                "lowered": len(
                    {
                        c.case_id
                        for c in in_period
                        if risk.move(c.from_risk, c.to_risk) == risk.Move.LOWERED
                    }
                ),
                "resolved": len(came[Risk.RESOLVED]),
            }
        )
    )
    # The changes of the period, the most serious first, each with why.
    listed = sorted(
        in_period, key=lambda c: (-risk.RANK.get(Risk(c.to_risk), 0), c.changed_on, c.pk)
    )[:CHANGES_LISTED]
    for change in listed:
        draft.notes.append(Note(_note(change), reverse("cases:case_detail", args=[change.case_id])))
    draft.sources.append(
        Note(_("Cases that arose in the period"), _url(unit, opened_from=start, opened_to=end))
    )
    draft.sources.append(
        Note(
            _("Cases whose risk changed in the period"),
            _url(unit, changed_to="any", date_from=start, date_to=end),
        )
    )
    return draft


def _note(change: RiskChange) -> str:
    case = change.case
    move = risk.move(change.from_risk, change.to_risk)
    if move == risk.Move.OPENED:
        what = _("arose, assessed as “%(to)s”") % {"to": Risk(change.to_risk).label}
    else:
        what = _("%(move)s from “%(from)s” to “%(to)s”") % {
            "move": move.label,
            "from": Risk(change.from_risk).label,
            "to": Risk(change.to_risk).label,
        }
    text = f"{change.changed_on:%d/%m}: {case.title} ({case.place.full_name}) — {what}"
    if change.reason:
        text += f": {change.reason}"
    return text


def register() -> None:
    register_contributor("incidents", hotspots, name="cases.hotspots", order=20)
