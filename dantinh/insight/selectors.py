"""Figures over the user's items for the overview (reads only, through the policy)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from dantinh.intake.models import Field, Kind, Mood
from dantinh.intake.selectors import items_visible

# The kinds counted as "recommendations and complaints" on the overview.
RECOMMENDATION_KINDS = ("kien_nghi", "khieu_nai_to_cao")


@dataclass
class Counted:
    """A count of the items of one field or kind (``pk``) over the overview's month."""

    pk: int
    name: str
    n: int


@dataclass
class Overview:
    today: dt.date
    week_start: dt.date  # the last 7 days, today included
    month_start: dt.date  # the last 30 days, today included
    week: int
    previous_week: int
    month: int
    negative_share: int
    recommendations: int
    valence: dict[str, int]
    fields: list[Counted]
    recommendation_kinds: list[Counted]


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
    by_kind = dict(
        month.filter(kind__code__in=RECOMMENDATION_KINDS)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    kinds = [
        Counted(pk=kind.pk, name=kind.name, n=by_kind.get(kind.pk, 0))
        for kind in Kind.objects.filter(code__in=RECOMMENDATION_KINDS).order_by("order", "name")
    ]
    return Overview(
        today=today,
        week_start=week_start,
        month_start=month_start,
        week=counts["week"],
        previous_week=counts["previous"],
        month=total,
        negative_share=round(100 * by_valence.get(Mood.Valence.NEGATIVE, 0) / total)
        if total
        else 0,
        recommendations=sum(k.n for k in kinds),
        valence={v: by_valence.get(v, 0) for v in Mood.Valence.values}
        | {"": by_valence.get("", 0)},
        fields=[
            Counted(pk=row["field"], name=names.get(row["field"], "?"), n=row["n"])
            for row in by_field_rows
        ],
        recommendation_kinds=kinds,
    )
