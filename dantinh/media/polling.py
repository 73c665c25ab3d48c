"""Polling the sources that are fetched (feeds and pages), each on its own schedule.

Every minute the periodic job claims the active sources that are due (moving their next poll
on first, so a slow round never queues one twice) and queues one task per source: a broken
or slow source never holds up the others. A poll asks with the previous ETag/Last-Modified,
takes what is new through the pipeline, and writes the source's state: working, or failing
with the reason in Vietnamese; after failures it waits twice as long each time, up to a day.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.media import fetch, parse, pipeline
from dantinh.media.models import Source

logger = logging.getLogger("dantinh.media")
MAX_BACKOFF = dt.timedelta(days=1)
POLLED = (Source.Kind.RSS, Source.Kind.PAGE)


def backoff(source: Source) -> dt.timedelta:
    """How long to wait after `source.failures` failures in a row."""
    base = dt.timedelta(minutes=source.interval_minutes)
    return min(base * 2 ** max(source.failures - 1, 0), max(MAX_BACKOFF, base))


def claim_due(*, now: dt.datetime | None = None) -> list[int]:
    """Ids of the sources due now, their next poll moved on so no other round takes them."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Source.objects.select_for_update()
            .filter(is_active=True, kind__in=POLLED)
            .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
            .order_by("next_poll_at", "id")[:200]
        )
        for source in due:
            # a poll that never reports back (a worker killed) is tried again after this
            Source.objects.filter(pk=source.pk).update(
                next_poll_at=now + dt.timedelta(minutes=source.interval_minutes)
            )
    return [s.pk for s in due]


def read(source: Source, fetched: fetch.Fetched) -> list[parse.RawPost]:
    if source.kind == Source.Kind.PAGE:
        return parse.parse_page(fetched.body, charset=fetched.charset, url=fetched.url)
    return parse.parse_feed(
        fetched.body, content_type=fetched.content_type, charset=fetched.charset
    )


def poll(source_id: int, *, now: dt.datetime | None = None) -> pipeline.Ingested | None:
    """Fetch one source and take what is new. Never raises for the source's own faults:
    they become its error state. Returns what was taken (None when nothing could be)."""
    source = Source.objects.select_related("unit").filter(pk=source_id).first()
    if source is None or source.kind not in POLLED:
        return None
    now = now or timezone.now()
    error = ""
    result = None
    fetched = None
    try:
        fetched = fetch.fetch(source.url, etag=source.etag, last_modified=source.last_modified)
        if not fetched.not_modified:
            result = pipeline.ingest(source=source, raw=read(source, fetched), now=now)
    except (fetch.FetchError, parse.ParseError) as problem:
        error = str(problem)
    except Exception:  # a bug or a hostile input that slipped through: logged, shown plainly
        logger.exception("media source %s failed", source_id)
        error = _("The source could not be read (an unexpected error, written to the log).")
    updates: dict = {"last_polled_at": now}
    if error:
        failures = source.failures + 1
        source.failures = failures
        updates.update(
            state=Source.State.FAILING,
            failures=failures,
            last_error=error[:500],
            next_poll_at=now + backoff(source),
        )
    else:
        updates.update(
            state=Source.State.OK,
            failures=0,
            last_error="",
            last_success_at=now,
            next_poll_at=now + dt.timedelta(minutes=source.interval_minutes),
        )
        if fetched is not None and not fetched.not_modified:
            updates.update(etag=fetched.etag, last_modified=fetched.last_modified)
    Source.objects.filter(pk=source.pk).update(**updates)
    return result
