"""The demo's story gives the early warning something real to raise: a surge of land
grievances in one commune last week becomes one alert with its evidence."""

import datetime as dt

import pytest

from dantinh.alerts.models import Alert
from dantinh.alerts.services import run_detectors
from dantinh.demo import story
from dantinh.intake.models import Field, Item, Mood
from dantinh.org.actors import system_actor
from tests.factories import make_item, make_unit

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


def test_the_city_wide_story_raises_a_city_alert_naming_its_wards(world):
    """The second story: a rise of cost-of-living grievances across the city, sharp in one
    ward (Lê Chân, commune A) and two items in each of five communes. The detector raises the
    ward's alert and the city's, which still surges without the ward and names it; the
    communes with two items raise none."""
    today = dt.date(2026, 11, 25)
    prices = Field.objects.get(code=story.CITY_FIELD)
    worried = Mood.objects.get(code="lo_lang")
    others = [world.commune_b] + [
        make_unit(f"Xã Thử {n}", world.province, code=f"9990{n}") for n in range(4)
    ]
    # months before: a grievance about prices every week somewhere in the city, in the ward
    # once every six weeks
    for week in range(1, 13):
        commune = [world.commune_a, *others][week % (1 + len(others))]
        make_item(
            world.leader,
            commune,
            f"Giá cả tăng {week}",
            observed_on=dt.date(2026, 11, 16) - dt.timedelta(weeks=week),
            field=prices,
            mood=worried,
        )
    added = story.add_citywide(
        wards=[(world.commune_a, [world.village_a1], world.reporter_a)],
        communes=[(c, [], world.reporter_b) for c in others],
        today=today,
        seed=8,
    )
    assert added == story.CITY_WARD_SURGE + story.CITY_SPREAD * len(others)
    run_detectors(actor=system_actor(), today=today)
    raised = Alert.objects.filter(kind="items.negative_surge")
    assert {a.unit for a in raised} == {world.province, world.commune_a}
    city = raised.get(unit=world.province)
    assert city.evidence["observed"] == added
    assert city.evidence["of_which"] == [
        {"unit_id": world.commune_a.pk, "unit": "Phường Lê Chân", "observed": 8}
    ]
