"""What a unit's report covers, and links to the items behind each figure."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from dantinh.intake.models import Item
from dantinh.intake.selectors import items_visible
from dantinh.org import paths
from dantinh.org.models import Membership, Unit


def coverage_paths(unit: Unit) -> list[str]:
    """A unit reports on its subtree; a commission department also on the areas its area
    officers follow (their weekly and monthly reports are about those areas)."""
    cached = getattr(unit, "_report_coverage", None)
    if cached is not None:
        return cached
    result = [unit.path]
    if unit.kind == Unit.Kind.SECTOR:
        areas = Unit.objects.filter(
            area_officers__unit=unit,
            area_officers__role=Membership.Role.AREA_OFFICER,
            area_officers__is_active=True,
        ).values_list("path", flat=True)
        result.extend(areas)
    unit._report_coverage = paths.minimal_prefixes(result)
    return unit._report_coverage


def items_for(*, user, unit: Unit, start: dt.date, end: dt.date) -> QuerySet[Item]:
    """The items a report of `unit` draws on for the window, within `user`'s scope."""
    return (
        items_visible(user)
        .filter(paths.subtree_q("unit_path", coverage_paths(unit)))
        .filter(observed_on__gte=start, observed_on__lte=end)
    )


def item_list_url(*, unit: Unit, start: dt.date, end: dt.date, **filters) -> str:
    """The item list filtered like a figure: by the unit's subtree (when the report covers
    only that), the window, and a field, kind, mood, valence or channel."""
    params: dict[str, object] = {}
    if coverage_paths(unit) == [unit.path]:
        params["unit"] = unit.pk
    params["date_from"] = start.isoformat()
    params["date_to"] = end.isoformat()
    params.update({k: v for k, v in filters.items() if v not in (None, "")})
    return f"{reverse('intake:item_list')}?{urlencode(params)}"
