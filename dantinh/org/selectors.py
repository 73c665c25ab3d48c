"""Reads of the unit tree through the policy."""

from django.db.models import F, QuerySet

from dantinh.language.normalize import search_text
from dantinh.org import policies
from dantinh.org.models import Unit


def units_visible(user, action: str = "unit.view") -> QuerySet[Unit]:
    return Unit.objects.filter(policies.scope_q(user, action, "path"))


def unit_search(*, user, query: str, action: str = "unit.view", limit: int = 20) -> list[Unit]:
    """Units in the user's scope whose name contains the folded query, active ones first,
    shallow before deep."""
    folded = search_text(query)
    qs = units_visible(user, action).select_related("parent")
    if folded:
        qs = qs.filter(search_name__contains=folded)
    return list(qs.order_by(F("valid_to").asc(nulls_first=True), "depth", "path")[:limit])
