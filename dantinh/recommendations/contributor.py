"""The recommendations section of a unit's report: what the register says of the period —
received, forwarded, answered, resolved for good, overdue, reopened, escalated, by body (with
the median days to answer) and the citizens' satisfaction. Every figure links to the list of
the recommendations behind it (which shows each reader only those in their own scope).
No complainant ever appears here.

Read within the unit's coverage (`reporting.coverage`), like every contributor: recommendations
about a place it covers, or followed by a unit it covers.
"""

from __future__ import annotations

import statistics
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from dantinh.documents.formatting import format_numbers
from dantinh.org import paths
from dantinh.recommendations import deadlines
from dantinh.recommendations.models import Recommendation
from dantinh.reporting.contributors import FigureTable, Note, SectionDraft, register_contributor
from dantinh.reporting.coverage import coverage_paths

S = Recommendation.State


def _covered(unit):
    prefixes = coverage_paths(unit)
    return Recommendation.objects.filter(
        paths.subtree_q("unit_path", prefixes) | paths.subtree_q("owner_path", prefixes)
    )


def list_url(unit, **params) -> str:
    query = {"view": "all", "unit": unit.pk} | {
        k: v for k, v in params.items() if v not in ("", None)
    }
    return f"{reverse('recommendations:list')}?{urlencode(query)}"


def _link(value, href: str):
    return {"v": value, "href": href}


def register_section(*, unit, period, user) -> SectionDraft | None:
    start, end = period.start, period.end
    qs = _covered(unit)
    window = {"date_from": start.isoformat(), "date_to": end.isoformat()}
    figures = qs.aggregate(
        received=Count("id", filter=Q(received_on__gte=start, received_on__lte=end)),
        forwarded=Count("id", filter=Q(forwarded_on__gte=start, forwarded_on__lte=end)),
        answered=Count("id", filter=Q(answered_on__gte=start, answered_on__lte=end)),
        resolved=Count("id", filter=Q(resolved_on__gte=start, resolved_on__lte=end)),
        overdue=Count("id", filter=deadlines.overdue_q(end) & Q(received_on__lte=end)),
        satisfied=Count(
            "id", filter=Q(resolved_on__gte=start, resolved_on__lte=end, satisfaction="satisfied")
        ),
        reopened=Count(
            "id", filter=Q(reopened_count__gt=0, received_on__lte=end) & ~Q(state=S.RESOLVED)
        ),
        escalated=Count(
            "id", filter=Q(escalated=True, received_on__gte=start, received_on__lte=end)
        ),
    )
    if not any(figures.values()):
        return None
    draft = SectionDraft()
    draft.paragraphs.append(
        _(
            "Followed recommendations: %(received)s received, %(forwarded)s forwarded to the "
            "competent bodies, %(answered)s answered and %(resolved)s resolved for good in the "
            "period (%(satisfied)s with the citizen satisfied); %(overdue)s are overdue at the "
            "end of the period."
        )
        % format_numbers(figures)
    )
    if figures["reopened"] or figures["escalated"]:
        draft.paragraphs.append(
            _(
                "%(reopened)s were reopened because the citizens were not satisfied; %(escalated)s "
                "reached a higher level before the lower level had answered (escalated letters)."
            )
            % format_numbers(figures)
        )
    draft.tables.append(
        FigureTable(
            _("Followed recommendations"),
            [_("Figure"), _("Number")],
            [
                [_("Received"), _link(figures["received"], list_url(unit, **window))],
                [_("Forwarded"), figures["forwarded"]],
                [
                    _("Answered"),
                    _link(figures["answered"], list_url(unit, on="answered", **window)),
                ],
                [
                    _("Resolved for good"),
                    _link(figures["resolved"], list_url(unit, on="resolved", **window)),
                ],
                [_("Overdue"), _link(figures["overdue"], list_url(unit, flag="overdue"))],
                [
                    _("Escalated"),
                    _link(figures["escalated"], list_url(unit, flag="escalated", **window)),
                ],
            ],
        )
    )
    rows = []
    answered = qs.filter(
        answered_on__gte=start, answered_on__lte=end, forwarded_on__isnull=False, body__isnull=False
    ).values_list("body_id", "body__name", "forwarded_on", "answered_on")
    days: dict[tuple[int, str], list[int]] = {}
    for body_id, name, forwarded, answered_on in answered:
        days.setdefault((body_id, name), []).append((answered_on - forwarded).days)
    open_by_body = dict(
        qs.filter(state__in=deadlines.OPEN_STATES, body__isnull=False, received_on__lte=end)
        .values_list("body_id")
        .annotate(n=Count("id", filter=deadlines.overdue_q(end)))
        .order_by()
    )
    for (body_id, name), values in sorted(days.items(), key=lambda kv: -statistics.median(kv[1])):
        rows.append(
            [
                name,
                _link(len(values), list_url(unit, body=body_id, on="answered", **window)),
                statistics.median(values),
                open_by_body.get(body_id, 0),
            ]
        )
    if rows:
        draft.tables.append(
            FigureTable(
                _("Answers by competent body"),
                [_("Body"), _("Answered"), _("Median days to answer"), _("Overdue")],
                rows[:15],
            )
        )
    late = list(
        qs.filter(deadlines.overdue_q(end), received_on__lte=end)
        .select_related("item", "body")
        .order_by("due_on")[:5]
    )
    for rec in late:
        draft.notes.append(
            Note(
                _("%(title)s — %(body)s, due %(due)s")
                % {
                    "title": rec.item.headline,
                    "body": rec.body.name if rec.body else _("not forwarded"),
                    "due": rec.due_on.strftime("%d/%m/%Y") if rec.due_on else "",
                },
                reverse("recommendations:detail", args=[rec.pk]),
            )
        )
    draft.sources.append(Note(_("Followed recommendations"), list_url(unit, **window)))
    return draft


def register() -> None:
    register_contributor(
        "recommendations", register_section, name="recommendations.register", order=20
    )
