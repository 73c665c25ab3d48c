"""Reads of the media monitor, always through the policy (media.view over the unit paths)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from dantinh.intake.models import Field
from dantinh.language.normalize import fold
from dantinh.media.models import ColumnMapping, Post, Source, Story
from dantinh.org import policies
from dantinh.org.models import Unit


def sources_visible(user, action: str = "media.view") -> QuerySet[Source]:
    return Source.objects.filter(policies.scope_q(user, action, "unit_path")).select_related(
        "unit", "mapping"
    )


def stories_visible(user) -> QuerySet[Story]:
    return Story.objects.filter(policies.scope_q(user, "media.view", "unit_path"))


def posts_visible(user) -> QuerySet[Post]:
    return Post.objects.filter(policies.scope_q(user, "media.view", "unit_path"))


def mappings(user) -> QuerySet[ColumnMapping]:
    """Column mappings are the deployment's: any manager of the monitor sees them all."""
    if not policies.can_anywhere(user, "media.manage"):
        return ColumnMapping.objects.none()
    return ColumnMapping.objects.all()


@dataclass
class StoryFilters:
    q: str = ""
    field: Field | None = None
    valence: str = ""
    days: int = 30
    source: Source | None = None


def story_list(*, user, filters: StoryFilters | None = None) -> QuerySet[Story]:
    """The user's stories seen in the last `days` days, the latest first."""
    f = filters or StoryFilters()
    qs = stories_visible(user).select_related("field", "mood", "unit")
    if f.days:
        qs = qs.filter(last_seen__gte=timezone.now() - dt.timedelta(days=f.days))
    if f.field is not None:
        qs = qs.filter(field=f.field)
    if f.valence:
        qs = qs.filter(valence=f.valence)
    if f.source is not None:
        qs = qs.filter(posts__source=f.source).distinct()
    if f.q:
        # accents optional, as everywhere: stories are few enough to filter their titles here
        wanted = fold(f.q)
        ids = [pk for pk, title in qs.values_list("pk", "title") if wanted in fold(title)]
        qs = qs.filter(pk__in=ids)
    return qs


def story_volume(story: Story, *, days: int = 14) -> list[tuple[dt.date, int]]:
    """Posts per day over the story's last `days` days of life (its volume chart), every day
    present, zeros included."""
    last = timezone.localtime(story.last_seen).date()
    first = max(timezone.localtime(story.first_seen).date(), last - dt.timedelta(days=days - 1))
    counts = dict(
        Post.objects.filter(story=story, published_at__date__gte=first)
        .annotate(day=TruncDate("published_at", tzinfo=timezone.get_current_timezone()))
        .values_list("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    span = (last - first).days + 1
    return [(first + dt.timedelta(d), counts.get(first + dt.timedelta(d), 0)) for d in range(span)]


def story_sources(story: Story) -> list[tuple[str, int]]:
    """(source name, posts) of a story, the most posts first."""
    return list(
        Post.objects.filter(story=story)
        .values_list("source__name")
        .annotate(n=Count("id"))
        .order_by("-n", "source__name")
    )


def place_units(ids: list[int]) -> list[Unit]:
    found = Unit.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]


def source_counts(user) -> dict[str, int]:
    """How many of the user's sources are in each state (for the sources page's head)."""
    rows = sources_visible(user).values_list("state").annotate(n=Count("id"))
    return dict(rows)


def recent_posts(*, user, source: Source | None = None, q: str = "") -> QuerySet[Post]:
    qs = posts_visible(user).select_related("source", "story", "field", "mood")
    if source is not None:
        qs = qs.filter(source=source)
    if q:
        words = q.split()
        cond = Q()
        for word in words:
            cond &= Q(text__icontains=word) | Q(title__icontains=word)
        qs = qs.filter(cond)
    return qs
