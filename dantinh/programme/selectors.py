"""Reads of meetings, always through the policy ("programme.view")."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from dantinh.org import paths, policies
from dantinh.org.models import Unit
from dantinh.programme.models import Meeting


@dataclass
class MeetingFilters:
    unit: Unit | None = None
    kind: str = ""
    year: int | None = None


def meetings_visible(user, action: str = "programme.view") -> QuerySet[Meeting]:
    """Every meeting the user may see (deny by default)."""
    return Meeting.objects.filter(policies.scope_q(user, action, "unit_path"))


def meeting_list(*, user, filters: MeetingFilters | None = None) -> QuerySet[Meeting]:
    """The user's meetings matching the filters, latest first, with their counts of points
    and of points that became items."""
    f = filters or MeetingFilters()
    qs = meetings_visible(user)
    if f.unit is not None:
        qs = qs.filter(unit_path__gte=f.unit.path, unit_path__lt=paths.upper_bound(f.unit.path))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.year:
        qs = qs.filter(held_on__year=f.year)
    return (
        qs.select_related("unit")
        .annotate(
            n_points=Count("points", distinct=True),
            n_items=Count("points", filter=Q(points__item__isnull=False), distinct=True),
        )
        .order_by("-held_on", "-id")
    )


def meeting_get(*, user, pk) -> Meeting:
    """One meeting in the user's scope; Meeting.DoesNotExist otherwise (a 404 for views)."""
    return meetings_visible(user).select_related("unit", "created_by").get(pk=pk)
