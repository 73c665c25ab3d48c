"""The demo's media monitor: two news feeds and a sample social export, written for the
project (dantinh/media/static/media/demo), taken through the monitor's own pipeline so the
stories, their labels, the surging rumour's alert and the sources' states are what the product
makes. The feeds are also served by the demo itself, at /static/media/demo/, so the poller
fetches them on schedule without the internet (it then finds nothing new)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from dantinh.media import parse, pipeline, services
from dantinh.media.models import ColumnMapping, Source
from dantinh.org.actors import system_actor
from dantinh.org.models import Unit

FILES = Path(services.__file__).resolve().parent / "static" / "media" / "demo"
FEEDS = [
    ("Bản tin Đất Cảng (minh họa)", "bao-dat-cang.xml"),
    ("Tin Ven Biển (minh họa)", "tin-ven-bien.xml"),
]
SOCIAL = ("Trang cộng đồng trên Facebook (tệp mẫu)", "mang-xa-hoi.csv")
MAPPING = {
    "name": "Facebook (CSV)",
    "platform": "facebook",
    "text_column": "message",
    "url_column": "permalink_url",
    "published_column": "created_time",
    "id_column": "post_id",
    "author_column": "from_name",
    "public_column": "privacy",
}


def _recent(raw: list[parse.RawPost], newest: dt.datetime) -> list[parse.RawPost]:
    """The posts moved in time together so that the newest was published at `newest`: the
    demo's stories are always of this week, whenever it is built."""
    dated = [p.published for p in raw if p.published]
    if not dated:
        return raw
    shift = newest - max(dated)
    for post in raw:
        if post.published:
            post.published += shift
    return raw


def build_media_demo(*, province: Unit, log: Callable[[str], None] = print) -> None:
    """Add the demo's sources and take their posts, once (a demo that has sources is kept)."""
    if Source.objects.exists():
        return
    log("Nguồn tin báo chí, mạng xã hội minh họa…")
    system = system_actor()
    base = getattr(settings, "DANTINH_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    mapping = ColumnMapping.objects.filter(name=MAPPING["name"]).first()
    if mapping is None:
        mapping = services.mapping_save(actor=system, **MAPPING)
    now = timezone.now()
    for number, (name, filename) in enumerate(FEEDS):
        source = services.source_create(
            actor=system,
            unit=province,
            name=name,
            kind=Source.Kind.RSS,
            url=f"{base}/static/media/demo/{filename}",
            interval_minutes=60,
        )
        raw = parse.parse_feed((FILES / filename).read_bytes())
        # the second paper a little later than the first
        pipeline.ingest(
            source=source, raw=_recent(raw, now - dt.timedelta(hours=3 - number)), now=now
        )
        Source.objects.filter(pk=source.pk).update(
            state=Source.State.OK,
            last_polled_at=now,
            last_success_at=now,
            next_poll_at=now + dt.timedelta(minutes=60),
        )
    name, filename = SOCIAL
    source = services.source_create(
        actor=system, unit=province, name=name, kind=Source.Kind.SOCIAL, mapping=mapping
    )
    rows = parse.read_table((FILES / filename).read_bytes(), filename)
    raw = parse.map_rows(rows, mapping)
    # the rumour's burst is the last few hours: it surges, and raises an alert
    pipeline.ingest(source=source, raw=_recent(raw, now - dt.timedelta(minutes=20)), now=now)
