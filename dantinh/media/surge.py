"""Surging stories raise alerts through the shared alerts room (`dantinh.alerts`).

A story surges when, in the last SURGE_HOURS, at least SURGE_MIN posts told it and that is at
least SURGE_RATIO times its usual pace (its posts per SURGE_HOURS over the BASELINE_DAYS
before; a story new in that window has a pace of zero, so its first burst counts). The check
runs right after each batch of posts is taken (only the stories it touched), and as a
detector of the alerts' periodic job over every story seen in the last day. One alert per
story and day: the alerts room raises it once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.media.models import Post, Story

SURGE_HOURS = 24
SURGE_MIN = 5
SURGE_RATIO = 3.0
BASELINE_DAYS = 7
KIND = "media_surge"


def _title() -> str:
    return _("Surging story in the press and social media: %(title)s (%(posts)s posts in 24 hours)")


def measure(story: Story, *, now: dt.datetime) -> dict | None:
    """The story's figures when it surges at `now`, else None."""
    recent_from = now - dt.timedelta(hours=SURGE_HOURS)
    baseline_from = recent_from - dt.timedelta(days=BASELINE_DAYS)
    posts = Post.objects.filter(story=story, published_at__lte=now)
    recent = posts.filter(published_at__gt=recent_from).count()
    if recent < SURGE_MIN:
        return None
    before = posts.filter(published_at__gt=baseline_from, published_at__lte=recent_from).count()
    pace = before / (BASELINE_DAYS * 24 / SURGE_HOURS)
    if pace and recent < SURGE_RATIO * pace:
        return None
    return {"recent": recent, "pace": round(pace, 2)}


def signals(stories: Iterable[Story], *, now: dt.datetime):
    from dantinh.alerts.registry import Signal

    today = timezone.localtime(now).date()
    for story in stories:
        figures = measure(story, now=now)
        if figures is None:
            continue
        yield Signal(
            unit=story.unit,
            key=f"story:{story.pk}",
            window_start=today,
            window_end=today,
            params={"title": story.title[:150], "posts": figures["recent"]},
            evidence={
                "story": story.pk,
                "url": reverse("media:story_detail", args=[story.pk]),
                "posts_last_24h": figures["recent"],
                "usual_posts_per_24h": figures["pace"],
                "sources": story.source_count,
                "distinct_authors": story.author_count,
                "first_seen": story.first_seen.isoformat(),
            },
        )


def detect(today: dt.date):
    """The alerts' detector: every story seen in the last day, measured now."""
    now = timezone.now()
    stories = Story.objects.filter(last_seen__gte=now - dt.timedelta(hours=SURGE_HOURS))
    return list(signals(stories.select_related("unit"), now=now))


def raise_for(stories: Iterable[Story], *, now: dt.datetime | None = None) -> list:
    """Raise the alerts of the surging ones among `stories` (after a batch is taken)."""
    from dantinh.alerts.services import raise_alert
    from dantinh.org.actors import system_actor

    raised = []
    for signal in signals(stories, now=now or timezone.now()):
        alert, created = raise_alert(
            actor=system_actor(),
            unit=signal.unit,
            kind=KIND,
            key=signal.key,
            window_start=signal.window_start,
            window_end=signal.window_end,
            params=signal.params,
            evidence=signal.evidence,
        )
        if created:
            raised.append(alert)
    return raised


def register() -> None:
    from dantinh.alerts.registry import register_detector

    register_detector(KIND, detect, title=_title)
