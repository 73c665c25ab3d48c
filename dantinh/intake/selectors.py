"""Reads of items, always through the policy: a user gets only what their scope allows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr

from dantinh.intake import search
from dantinh.intake.models import Channel, Field, Item, Kind, Mood
from dantinh.org import paths, policies
from dantinh.org.models import Unit

# The valence filter's value for "any mood" (the items the mood index counts).
ANY_MOOD = "any"


@dataclass
class ItemFilters:
    unit: Unit | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    field: Field | None = None
    main_field_only: bool = False  # the field as the item's main one, not a secondary one
    kinds: Sequence[Kind] = ()  # any of them (the overview's "recommendations and complaints")
    mood: Mood | None = None
    valence: str = ""
    channel: Channel | None = None
    verification: str = ""
    q: str = ""


def items_visible(user, action: str = "item.view") -> QuerySet[Item]:
    """Every item the user may see (or perform `action` on); deny by default."""
    return Item.objects.filter(policies.scope_q(user, action, "unit_path"))


def item_list(
    *, user, filters: ItemFilters | None = None, action: str = "item.view"
) -> QuerySet[Item]:
    """The user's items matching the filters, newest first, ready for a list or an export."""
    f = filters or ItemFilters()
    qs = items_visible(user, action)
    if f.unit is not None:
        qs = qs.filter(unit_path__gte=f.unit.path, unit_path__lt=paths.upper_bound(f.unit.path))
    if f.date_from:
        qs = qs.filter(observed_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(observed_on__lte=f.date_to)
    if f.field is not None and f.main_field_only:
        qs = qs.filter(field=f.field)
    elif f.field is not None:
        secondary = Item.secondary_fields.through.objects.filter(field=f.field).values("item_id")
        qs = qs.filter(Q(field=f.field) | Q(pk__in=secondary))
    if f.kinds:
        qs = qs.filter(kind__in=[k.pk for k in f.kinds])
    if f.mood is not None:
        qs = qs.filter(mood=f.mood)
    if f.valence == ANY_MOOD:
        qs = qs.filter(mood__isnull=False)
    elif f.valence:
        qs = qs.filter(mood__valence=f.valence)
    if f.channel is not None:
        qs = qs.filter(channel=f.channel)
    if f.verification:
        qs = qs.filter(verification=f.verification)
    if f.unit is not None:
        within = [f.unit.path]
    else:
        within = [] if policies.is_unrestricted(user) else policies.action_paths(user, action)
    qs = search.apply(qs, f.q, within=within, since=f.date_from, until=f.date_to)
    return qs.select_related("unit__parent", "kind", "field", "mood", "channel").order_by(
        "-observed_on", "-id"
    )


def item_get(*, user, pk) -> Item:
    """One visible item; raises Item.DoesNotExist whether it is missing or out of scope."""
    return (
        items_visible(user)
        .select_related(
            "unit", "reporting_unit", "kind", "field", "mood", "channel", "authority", "created_by"
        )
        .prefetch_related("secondary_fields", "attachments")
        .get(pk=pk)
    )


def counts_by_child(*, user, unit: Unit, since: dt.date) -> dict[str, int]:
    """Visible items observed since `since` in each child's subtree of `unit`, by child path:
    one grouped query over the path prefix, not one per child."""
    length = len(unit.path) + paths.SEGMENT
    rows = (
        items_visible(user)
        .filter(
            unit_path__gt=unit.path,
            unit_path__lt=paths.upper_bound(unit.path),
            observed_on__gte=since,
        )
        .annotate(child=Substr("unit_path", 1, length))
        .values("child")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["child"]: row["n"] for row in rows}
