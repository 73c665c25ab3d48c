"""The dashboard's panels from the rooms below: open cases by risk level, and overdue
recommendations, within the focused subtree and the viewer's scope, each linking to its list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from dantinh.cases import risk as case_risk
from dantinh.cases import selectors as case_selectors
from dantinh.cases.models import Risk
from dantinh.org import policies
from dantinh.org.models import Unit
from dantinh.recommendations import policy as rec_policy
from dantinh.recommendations import selectors as rec_selectors


@dataclass
class Figure:
    label: str
    n: int
    url: str
    css: str = ""


def cases_by_risk(user, focus: Unit | None) -> list[Figure] | None:
    """Open cases per risk level (hotspots first); None when the user sees no cases."""
    if not policies.can_anywhere(user, "case.view"):
        return None
    qs = case_selectors.case_list(
        user=user, filters=case_selectors.CaseFilters(unit=focus, risk="open")
    )
    counts = dict(qs.order_by().values_list("risk").annotate(n=Count("id")))
    labels = dict(Risk.choices)
    result = []
    for level in case_risk.OPEN:
        query = {"risk": level} | ({"unit": focus.pk} if focus else {})
        result.append(
            Figure(
                str(labels[level]),
                counts.get(level, 0),
                f"{reverse('cases:case_list')}?{urlencode(query)}",
                "negative" if level == Risk.HOTSPOT else "",
            )
        )
    return result


def overdue_recommendations(user, focus: Unit | None, today: dt.date) -> Figure | None:
    """Recommendations past their deadline; None when the user sees no recommendations."""
    if not policies.can_anywhere(user, rec_policy.VIEW):
        return None
    qs = rec_selectors.filtered(user, flag="overdue", on=today, unit=focus)
    query = {"view": "all", "flag": "overdue"} | ({"unit": focus.pk} if focus else {})
    return Figure("", qs.count(), f"{reverse('recommendations:list')}?{urlencode(query)}")
