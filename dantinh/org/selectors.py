"""Reads of the unit tree through the policy."""

from django.db.models import F, Q, QuerySet

from dantinh.language.normalize import normalize, search_text
from dantinh.org import policies
from dantinh.org.models import Unit


def units_visible(user, action: str = "unit.view") -> QuerySet[Unit]:
    return Unit.objects.filter(policies.scope_q(user, action, "path"))


def unit_search(*, user, query: str, action: str = "unit.view", limit: int = 20) -> list[Unit]:
    """Units in the user's scope whose name contains the folded query, active ones first,
    shallow before deep. Abbreviations of unit kinds are read as people write them:
    "P. Lê Chân" finds Phường Lê Chân, "X. An Hưng" Xã An Hưng, "TP. Hải Phòng" the city."""
    folded = search_text(query)
    expanded = search_text(normalize(query))
    qs = units_visible(user, action).select_related("parent")
    if folded:
        matches = Q(search_name__contains=folded)
        if expanded and expanded != folded:
            matches |= Q(search_name__contains=expanded)
        qs = qs.filter(matches)
    return list(qs.order_by(F("valid_to").asc(nulls_first=True), "depth", "path")[:limit])
