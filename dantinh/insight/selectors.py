"""Figures over the user's items for the overview (reads only, through the policy)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from dantinh.intake.models import Field, Mood
from dantinh.intake.selectors import items_visible


@dataclass
class Overview:
    week: int
    previous_week: int
    month: int
    negative_share: int
    recommendations: int
    valence: dict[str, int]
    fields: list[tuple[str, int]]


def overview(*, user, today: dt.date) -> Overview:
    """This week against the previous one, and the last 30 days by valence and field."""
    items = items_visible(user)
    week_start = today - dt.timedelta(days=6)
    month_start = today - dt.timedelta(days=29)
    counts = items.filter(
        observed_on__gte=today - dt.timedelta(days=13), observed_on__lte=today
    ).aggregate(
        week=Count("id", filter=Q(observed_on__gte=week_start)),
        previous=Count("id", filter=Q(observed_on__lt=week_start)),
    )
    month = items.filter(observed_on__gte=month_start, observed_on__lte=today)
    by_valence = {
        row["mood__valence"] or "": row["n"]
        for row in month.values("mood__valence").annotate(n=Count("id")).order_by()
    }
    by_field_rows = month.values("field").annotate(n=Count("id")).order_by("-n")[:8]
    names = dict(Field.objects.values_list("pk", "name"))
    total = sum(by_valence.values())
    recommendations = month.filter(kind__code__in=["kien_nghi", "khieu_nai_to_cao"]).count()
    return Overview(
        week=counts["week"],
        previous_week=counts["previous"],
        month=total,
        negative_share=round(100 * by_valence.get(Mood.Valence.NEGATIVE, 0) / total)
        if total
        else 0,
        recommendations=recommendations,
        valence={v: by_valence.get(v, 0) for v in Mood.Valence.values}
        | {"": by_valence.get("", 0)},
        fields=[(names.get(row["field"], "?"), row["n"]) for row in by_field_rows],
    )
