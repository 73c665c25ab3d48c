"""The demo's story for the early warning: in the last complete week, grievances about land
clearance surge in one commune (as when a compensation plan is announced), so that the
detector has something real to raise and a leader sees an alert with its evidence."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from dantinh.demo import texts
from dantinh.intake.models import Channel, Field, Item, Kind, Mood
from dantinh.language.normalize import search_text
from dantinh.org.models import Unit

FIELD, SURGE = "dat_dai", 16


def add(*, commune: Unit, villages: list[Unit], reporter, today: dt.date, seed: int) -> int:
    """Add the surge's items (texts from the demo's own generator, land field, negative
    mood), spread over the last complete week; returns how many."""
    rng = random.Random(seed)
    monday = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=1)
    moods = {m.code: m for m in Mood.objects.all()}
    kinds = {k.code: k for k in Kind.objects.all()}
    channels = {c.code: c for c in Channel.objects.all()}
    field = Field.objects.get(code=FIELD)
    kind_word = commune.full_name.split(" ")[0]
    rows = []
    tries = 0
    while len(rows) < SURGE and tries < 20_000:
        tries += 1
        day = monday + dt.timedelta(days=rng.randint(0, 6))
        village = rng.choice(villages)
        spec = texts.generate_item(
            rng, on=day, commune=commune.name, commune_type=kind_word, village=village.name
        )
        mood = moods.get(spec["mood"] or "")
        if spec["field"] != FIELD or mood is None or mood.valence != Mood.Valence.NEGATIVE:
            continue
        rows.append(
            Item(
                unit=village,
                unit_path=village.path,
                reporting_unit=commune,
                observed_on=day,
                kind=kinds[spec["kind"]],
                field=field,
                mood=mood,
                channel=channels[spec["channel"]],
                text=spec["text"],
                scale=spec["scale"],
                verification=spec["verification"],
                search_text=search_text(spec["text"]),
                created_by=reporter,
            )
        )
    Item.objects.bulk_create(rows)
    now = timezone.now()
    Item.objects.filter(pk__in=[r.pk for r in rows if r.pk]).update(created_at=now, updated_at=now)
    return len(rows)
