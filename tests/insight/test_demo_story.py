"""The demo's story gives the early warning something real to raise: a surge of land
grievances in one commune last week becomes one alert with its evidence."""

import datetime as dt

import pytest

from dantinh.alerts.models import Alert
from dantinh.alerts.services import run_detectors
from dantinh.demo import story
from dantinh.intake.models import Field, Item, Mood
from dantinh.org.actors import system_actor
from tests.factories import make_item

pytestmark = pytest.mark.django_db


def test_the_demo_story_raises_an_alert(world, items):
    """The demo has months of items before the story: here, one or two land grievances a
    week in commune B for the twelve weeks before."""
    today = dt.date(2026, 11, 25)
    land = Field.objects.get(code="dat_dai")
    angry = Mood.objects.get(code="buc_xuc")
    for week in range(1, 13):
        for n in range(1 + week % 2):
            make_item(
                world.reporter_b,
                world.village_b1,
                f"Tranh chấp đất đai {week}-{n}",
                observed_on=dt.date(2026, 11, 16) - dt.timedelta(weeks=week),
                field=land,
                mood=angry,
            )
    added = story.add(
        commune=world.commune_b,
        villages=[world.village_b1],
        reporter=world.reporter_b,
        today=today,
        seed=7,
    )
    assert added == story.SURGE
    week = Item.objects.filter(field__code="dat_dai", mood__valence="negative")
    assert week.count() == 18 + added
    assert (
        week.filter(observed_on__range=(dt.date(2026, 11, 16), dt.date(2026, 11, 22))).count()
        == added
    )
    run_detectors(actor=system_actor(), today=today)
    alert = Alert.objects.get(unit=world.commune_b, kind="items.negative_surge")
    assert alert.evidence["observed"] == added and alert.window_start == dt.date(2026, 11, 16)
