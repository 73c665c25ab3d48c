"""The forecast section of a drafted report: figures in words with an interval, the fields
likely to rise, and a plain sentence when the data are too few."""

import datetime as dt

import pytest
from django.utils import translation

from dantinh.insight import forecast
from dantinh.intake.models import Field
from dantinh.org.actors import system_actor
from dantinh.reporting import contributors
from dantinh.reporting.models import Schedule
from dantinh.reporting.periods import resolve
from tests.factories import make_item

pytestmark = pytest.mark.django_db


def _period():
    """The week of 16–22/11/2026 (today is 25/11)."""
    return resolve(Schedule.objects.get(slug="weekly"), "2026-W47")


def test_the_forecast_replaces_the_template_sentence():
    names = [name for _, name, _ in contributors.contributors("forecast")]
    assert "insight.forecast" in names and "intake.forecast" not in names


def test_too_few_items_are_said_plainly(world, items):
    with translation.override("vi"):
        draft = forecast.forecast_section(
            unit=world.province, period=_period(), user=system_actor()
        )
    assert draft.text().startswith("Quá ít tin để dự báo")
    assert not draft.tables


def test_a_steady_then_rising_field_is_forecast_with_its_range(world):
    """Twenty weeks of two transport items a week, and land items rising from one to six a
    week over the last eight weeks: the forecast gives the next four weeks with a range, and
    names land as likely to rise."""
    land = Field.objects.get(code="dat_dai")
    end = dt.date(2026, 11, 22)
    for week in range(20):
        day = end - dt.timedelta(weeks=week, days=2)
        make_item(world.reporter_a, world.village_a1, f"Đường hỏng {week}a", observed_on=day)
        make_item(world.reporter_a, world.village_a1, f"Đường hỏng {week}b", observed_on=day)
        rising = max(0, 6 - week) if week < 8 else 1
        for n in range(rising):
            make_item(
                world.reporter_a,
                world.village_a1,
                f"Tranh chấp đất {week}-{n}",
                observed_on=day,
                field=land,
            )
    with translation.override("vi"):
        draft = forecast.forecast_section(
            unit=world.commune_a, period=_period(), user=system_actor()
        )
    text = draft.text()
    assert text.startswith("Dự báo 4 tuần tới: khoảng")
    assert "80%" in text
    table = draft.tables[0]
    rows = {row[0]: row for row in table.rows}
    assert set(rows) == {"Giao thông, hạ tầng", "Đất đai, thu hồi đất, bồi thường, GPMB"}
    low, high = (int(x) for x in rows["Giao thông, hạ tầng"][3].split("–"))
    assert low <= 8 <= high  # two a week for four weeks
