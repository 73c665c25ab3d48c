"""The demo's stories for the early warning, in the last complete week, so that the detector
has something real to raise and a leader sees alerts with their evidence:

- grievances about land clearance surge in one commune (as when a compensation plan is
  announced): the commune's alerts, none for the city (its rise is the commune's);
- grievances about the cost of living rise across the city (as when a new clean-water
  tariff takes effect), sharply in two wards and by one or two items in many communes: the
  two wards' alerts, and the city's, which still surges without them and names them
  ("of which")."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from dantinh.demo import texts
from dantinh.intake.models import Channel, Field, Item, Kind, Mood
from dantinh.language.normalize import search_text
from dantinh.org.models import Unit

FIELD, SURGE = "dat_dai", 16
# The city-wide story: the field, the items in each of the two wards, and in each commune of
# the rest of the city that it reaches.
CITY_FIELD, CITY_WARDS, CITY_WARD_SURGE, CITY_SPREAD = "gia_ca_doi_song", 2, 8, 2


def add(*, commune: Unit, villages: list[Unit], reporter, today: dt.date, seed: int) -> int:
    """Add the surge's items (texts from the demo's own generator, land field, negative
    mood), spread over the last complete week; returns how many."""
    rows = _grievances(
        random.Random(seed), FIELD, commune, villages, reporter, today=today, count=SURGE
    )
    return _save(rows)


def add_citywide(
    *,
    wards: list[tuple[Unit, list[Unit], object]],
    communes: list[tuple[Unit, list[Unit], object]],
    today: dt.date,
    seed: int,
) -> int:
    """Add the city-wide rise of cost-of-living grievances over the last complete week:
    `CITY_WARD_SURGE` items in each ward and `CITY_SPREAD` in each commune, each given as
    (unit, its villages, its reporter); returns how many."""
    rng = random.Random(seed)
    rows = []
    for places, count in ((wards, CITY_WARD_SURGE), (communes, CITY_SPREAD)):
        for unit, villages, reporter in places:
            rows += _grievances(rng, CITY_FIELD, unit, villages, reporter, today=today, count=count)
    return _save(rows)


def _grievances(
    rng: random.Random,
    field_code: str,
    commune: Unit,
    villages: list[Unit],
    reporter,
    *,
    today: dt.date,
    count: int,
) -> list[Item]:
    """`count` negative items of the field in the commune's villages (or the commune itself,
    without villages) in the last complete week, written by the demo's text generator."""
    monday = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=1)
    moods = {m.code: m for m in Mood.objects.all()}
    kinds = {k.code: k for k in Kind.objects.all()}
    channels = {c.code: c for c in Channel.objects.all()}
    field = Field.objects.get(code=field_code)
    kind_word = commune.full_name.split(" ")[0]
    rows: list[Item] = []
    tries = 0
    while len(rows) < count and tries < 20_000:
        tries += 1
        day = monday + dt.timedelta(days=rng.randint(0, 6))
        village = rng.choice(villages) if villages else None
        spec = texts.generate_item(
            rng,
            on=day,
            commune=commune.name,
            commune_type=kind_word,
            village=village.name if village else None,
        )
        mood = moods.get(spec["mood"] or "")
        if spec["field"] != field_code or mood is None or mood.valence != Mood.Valence.NEGATIVE:
            continue
        unit = village or commune
        rows.append(
            Item(
                unit=unit,
                unit_path=unit.path,
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
    return rows


def _save(rows: list[Item]) -> int:
    Item.objects.bulk_create(rows)
    now = timezone.now()
    Item.objects.filter(pk__in=[r.pk for r in rows if r.pk]).update(created_at=now, updated_at=now)
    return len(rows)
