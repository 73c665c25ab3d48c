"""Reads of cases, always through the policy.

Scope: a case is seen where "case.view" covers the unit that follows it (that unit and the
units above it), and by the members of the units and bodies involved in it (read only: the
other actions need the case's own unit in scope)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from dantinh.cases import risk
from dantinh.cases.models import Case, Risk, RiskChange
from dantinh.intake.models import Field, Item
from dantinh.intake.selectors import items_visible
from dantinh.org import paths, policies
from dantinh.org.models import Unit
from dantinh.recommendations.models import Recommendation
from dantinh.recommendations.selectors import recommendations_visible

URGENCY = [Risk.HOTSPOT, Risk.LIKELY, Risk.LATENT, Risk.RESOLVED]


def cases_visible(user, action: str = "case.view") -> QuerySet[Case]:
    """Every case the user may see; deny by default. Only "case.view" reaches the cases a
    unit is involved in."""
    own = policies.scope_q(user, action, "unit_path")
    if action != "case.view" or policies.is_unrestricted(user):
        return Case.objects.filter(own)
    prefixes = policies.action_paths(user, action)
    if not prefixes:
        return Case.objects.none()
    involved = Case.involved_units.through.objects.filter(
        paths.subtree_q("unit__path", prefixes), case_id=OuterRef("pk")
    )
    return Case.objects.filter(own | Q(Exists(involved)))


def case_get(*, user, pk) -> Case:
    """One visible case; raises Case.DoesNotExist whether it is missing or out of scope."""
    return (
        cases_visible(user)
        .select_related("unit", "place__parent", "field", "created_by")
        .prefetch_related("involved_units", "involved_bodies")
        .get(pk=pk)
    )


@dataclass
class CaseFilters:
    unit: Unit | None = None  # cases followed by, or happening in, this subtree
    risk: str = ""  # a level, or "open" for every open level
    field: Field | None = None
    q: str = ""
    # Cases whose risk came to `changed_to` (or changed at all) within the window.
    changed_to: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    # Cases that arose within this window.
    opened_from: dt.date | None = None
    opened_to: dt.date | None = None
    # Read `risk` as the level each case was at on this day (for a report's past period).
    as_of: dt.date | None = None


def risk_on(day: dt.date) -> models.Subquery:
    """The risk level a case was at on `day` (its last change on or before it); None for a
    case that had not arisen yet."""
    return models.Subquery(
        RiskChange.objects.filter(case_id=OuterRef("pk"), changed_on__lte=day)
        .order_by("-changed_on", "-id")
        .values("to_risk")[:1]
    )


def case_list(*, user, filters: CaseFilters | None = None) -> QuerySet[Case]:
    """The user's cases matching the filters: most urgent first, then the longest at that
    level."""
    f = filters or CaseFilters()
    qs = cases_visible(user)
    if f.unit is not None:
        qs = qs.filter(
            paths.subtree_q("unit_path", [f.unit.path])
            | paths.subtree_q("place__path", [f.unit.path])
        )
    level = "risk"
    if f.as_of is not None:
        qs = qs.annotate(risk_then=risk_on(f.as_of)).filter(risk_then__isnull=False)
        level = "risk_then"
    if f.risk == "open":
        qs = qs.exclude(**{level: Risk.RESOLVED})
    elif f.risk in Risk.values:
        qs = qs.filter(**{level: f.risk})
    if f.opened_from:
        qs = qs.filter(opened_on__gte=f.opened_from)
    if f.opened_to:
        qs = qs.filter(opened_on__lte=f.opened_to)
    if f.field is not None:
        qs = qs.filter(field=f.field)
    if f.q.strip():
        words = f.q.strip()[:200]
        qs = qs.filter(Q(title__icontains=words) | Q(situation__icontains=words))
    if f.changed_to or f.date_from or f.date_to:
        changes = RiskChange.objects.filter(case_id=OuterRef("pk"))
        if f.changed_to in Risk.values:
            changes = changes.filter(to_risk=f.changed_to)
        elif f.changed_to:
            changes = changes.exclude(from_risk="")  # "changed": any change after opening
        if f.date_from:
            changes = changes.filter(changed_on__gte=f.date_from)
        if f.date_to:
            changes = changes.filter(changed_on__lte=f.date_to)
        qs = qs.filter(Exists(changes))
    urgency = models.Case(
        *[models.When(risk=level, then=models.Value(i)) for i, level in enumerate(URGENCY)],
        output_field=models.IntegerField(),
    )
    return qs.select_related("place__parent", "unit", "field").order_by(urgency, "risk_since", "id")


@dataclass
class BoardCase:
    case: Case
    age: int  # days since the case arose
    at_level: int  # days at its current level


def board(
    *, user, unit: Unit | None = None, today: dt.date | None = None
) -> dict[str, list[BoardCase]]:
    """The open cases in the user's scope by risk level (hotspots first), each with its age
    and how long it has been at its level, the longest first."""
    today = today or timezone.localdate()
    qs = case_list(user=user, filters=CaseFilters(unit=unit, risk="open"))
    result: dict[str, list[BoardCase]] = {level: [] for level in risk.OPEN}
    for case in qs:
        result[case.risk].append(
            BoardCase(case, (today - case.opened_on).days, (today - case.risk_since).days)
        )
    return result


def timeline(case: Case) -> list[dict]:
    """The case's developments and risk changes in one dated list, oldest first."""
    entries: list[dict] = []
    for change in case.risk_changes.select_related("changed_by", "adhoc_request"):
        entries.append(
            {
                "on": change.changed_on,
                "kind": "risk",
                "move": risk.move(change.from_risk, change.to_risk),
                "change": change,
                "order": (change.changed_on, 0 if not change.from_risk else 2, change.pk),
            }
        )
    for development in case.developments.select_related("created_by"):
        entries.append(
            {
                "on": development.happened_on,
                "kind": "development",
                "development": development,
                "order": (development.happened_on, 1, development.pk),
            }
        )
    return sorted(entries, key=lambda e: e["order"])


def linked_items(*, user, case: Case) -> QuerySet[Item]:
    """The case's linked items that the user may see."""
    return (
        items_visible(user)
        .filter(cases=case)
        .select_related("unit", "kind", "field")
        .order_by("-observed_on", "-id")
    )


def linked_recommendations(*, user, case: Case) -> QuerySet[Recommendation]:
    """The case's linked recommendations that the user may see."""
    return (
        recommendations_visible(user)
        .filter(cases=case)
        .select_related("item", "body")
        .order_by("-received_on", "-id")
    )
