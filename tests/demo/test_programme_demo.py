"""The demo's programme: a year of targets partly met, meetings whose points became items, a
survey with answers beside last year's, one commune's answers too few to be shown."""

import datetime as dt
import random

import pytest

from dantinh.demo.programme import build_programme_demo
from dantinh.org.models import Unit
from dantinh.programme import survey_selectors, target_selectors
from dantinh.programme.models import Evidence, Meeting, MeetingPoint, Response, Survey, Target
from tests.factories import Role, make_unit, member

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def city(db):
    city = make_unit("Thành phố Hải Phòng", code="31", code_scheme=Unit.CodeScheme.GSO_2025)
    for name in ("Phường Lê Chân", "Xã An Hưng", "Phường Ngô Quyền", "Xã Tiên Lãng"):
        commune = make_unit(name, city)
        make_unit(f"Thôn {name[-4:]}", commune)
    member("tonghop", city, Role.COMPILER)
    member("lanhdao", city, Role.LEADER)
    member("bdv.lechan", Unit.objects.get(name="Phường Lê Chân"), Role.COMPILER)
    return city


def test_the_programme_demo(city):
    meetings = build_programme_demo(
        province=city, today=TODAY, rng=random.Random(7), respondents=40, log=lambda m: None
    )
    assert meetings == Meeting.objects.count() > 20
    assert MeetingPoint.objects.filter(item__isnull=False).count() >= 10
    plan = Target.objects.get(kind="plan", year=2026)
    total, _rows = target_selectors.completion(user=_leader(), target=plan, root=city, today=TODAY)
    assert 0 < total.met <= total.owing  # partly met
    assert Evidence.objects.filter(kind="meeting").exists()
    assert Evidence.objects.filter(kind="survey", survey__year=2026).exists()  # the survey held
    this = Survey.objects.get(year=2026)
    assert this.previous.year == 2025 and this.previous.status == "closed"
    assert Response.objects.filter(survey=this).count() == 40
    _n, results = survey_selectors.results(user=_leader(), survey=this, root=city)
    assert results[0].previous and results[0].previous.shown
    # built once
    assert build_programme_demo(province=city, today=TODAY, log=lambda m: None) == 0


def _leader():
    from dantinh.org.models import User

    return User.objects.get(username="lanhdao")
