"""Reads of items, always through the policy: a user gets only what their scope allows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from django.db import connections
from django.db.models import BooleanField, Count, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr

from dantinh.intake import search
from dantinh.intake.models import Channel, Field, Item, ItemQuerySet, Kind, Mood
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
    base = qs
    if f.unit is not None:
        within = [f.unit.path]
    else:
        within = [] if policies.is_unrestricted(user) else policies.action_paths(user, action)
    qs = cast(ItemQuerySet, _row_filters(base, f, within=within, indexed=True))
    if qs._searching:
        # A search: a page of many matches is looked for among the newest rows of `base`
        # first, the search (and the other filters) tested on each (`ItemQuerySet.newest`);
        # its index would give every match first. Other filters need not: the database walks
        # a date-ordered index through them and stops at the page.
        qs._newest = (base, _row_filters(base, f, within=within, indexed=False))
    if f.field is not None and not f.main_field_only:
        # Its items with the field as main field: an index range of the scope to count, no
        # look-up of the other fields per row (what the whole count must do).
        qs._at_least = _row_filters(base, f, within=within, indexed=True, main_field_only=True)
    return qs.select_related("unit__parent", "kind", "field", "mood", "channel").order_by(
        "-observed_on", "-id"
    )


def _row_filters(
    qs, f: ItemFilters, *, within: list[str], indexed: bool, main_field_only: bool = False
):
    """The filters that test each row (field, kind, mood, channel, verification, search).
    `indexed`: as an index finds them (the whole list); else as a test of each row that the
    database cannot turn into an index scan (among a few thousand newest rows, where reading
    an index of every match in the country would cost more than the rows themselves)."""
    if f.field is not None:
        if main_field_only or f.main_field_only:
            qs = qs.filter(field=f.field)
        else:
            qs = qs.filter(_has_field(qs, f.field, each_row=not indexed))
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
    return search.apply(qs, f.q, within=within, since=f.date_from, until=f.date_to, indexed=indexed)


def _has_field(qs, field: Field, *, each_row: bool = False):
    """Items whose field or one of whose other fields is `field`.

    The other fields are found by the (field, item) index of their table (migration 0015),
    which the planner reads whole into a hash or probes row by row as it sees fit.
    `each_row` (PostgreSQL): always probe row by row — for a few thousand rows, where the
    hash would hold every item of the field in the country; `OFFSET 0` keeps the planner from
    turning the test into that hash.
    """
    through = Item.secondary_fields.through
    if each_row and connections[qs.db].vendor == "postgresql":
        return Q(field=field) | Q(
            RawSQL(
                f"EXISTS (SELECT 1 FROM {through._meta.db_table} s"
                " WHERE s.item_id = intake_item.id AND s.field_id = %s OFFSET 0)",
                [field.pk],
                output_field=BooleanField(),
            )
        )
    return Q(field=field) | Exists(through.objects.filter(item_id=OuterRef("pk"), field=field))


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
