"""What a unit's report covers, and links to the items behind each figure.

A report is the unit's, whoever drafts it: its figures and texts are read within what the unit
answers for (`policies.unit_coverage`: its subtree, and for a commission department the areas
its officers follow), never within the drafting person's own scope. Who may draft or export a
unit's report is the policy's other question (`policy.can_compile`, `policy.can_export`).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from dantinh.intake.models import Item
from dantinh.org import paths, policies
from dantinh.org.models import Unit


def coverage_paths(unit: Unit) -> list[str]:
    """The subtrees the unit's report covers (kept on the unit object for one drafting)."""
    cached = getattr(unit, "_report_coverage", None)
    if cached is None:
        cached = unit._report_coverage = policies.unit_coverage(unit)
    return cached


def items_for(*, unit: Unit, start: dt.date, end: dt.date) -> QuerySet[Item]:
    """The items a report of `unit` draws on for the window: those within the unit's
    coverage."""
    return Item.objects.filter(paths.subtree_q("unit_path", coverage_paths(unit))).filter(
        observed_on__gte=start, observed_on__lte=end
    )


def item_list_url(*, unit: Unit, start: dt.date, end: dt.date, **filters) -> str:
    """The item list filtered like a figure: by the unit's subtree (when the report covers
    only that), the window, and a field, kind, mood, valence or channel. The list itself
    shows each reader only the items in their own scope."""
    params: dict[str, object] = {}
    if coverage_paths(unit) == [unit.path]:
        params["unit"] = unit.pk
    params["date_from"] = start.isoformat()
    params["date_to"] = end.isoformat()
    params.update({k: v for k, v in filters.items() if v not in (None, "")})
    return f"{reverse('intake:item_list')}?{urlencode(params)}"
