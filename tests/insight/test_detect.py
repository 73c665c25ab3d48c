"""The surge detector: quiet on ordinary weeks, loud on a surge, the same on the command line
and in the product (which raises each alert once and tells the leaders)."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from dantinh.alerts import services as alert_services
from dantinh.alerts.models import Alert
from dantinh.insight import detect
from dantinh.intake.models import Field, Mood
from dantinh.org.actors import system_actor
from dantinh.reporting.models import Notification
from tests.factories import make_item


def test_a_surge_scores_and_ordinary_weeks_do_not():
    steady = [3, 2, 4, 3, 3, 2, 5, 3, 4, 2, 3, 3, 4, 3]
    assert not detect.score(steady, 13).alarm
    surge = steady[:-1] + [16]
    result = detect.score(surge, 13)
    assert result.alarm and result.observed == 16 and 2 < result.expected < 4
    assert result.p_value < detect.ALPHA
    # Three items are never a surge, however quiet the past.
    assert not detect.score([1] + [0] * 12 + [3], 13).alarm
    # Weeks before the first item are weeks before anyone reported: no baseline yet.
    assert detect.score([0] * 13 + [16], 13) is None
    assert detect.score(steady, 5) is None  # too little history


def test_last_years_tet_lifts_the_expected_count():
    """Weekly from Monday 6/1/2025: Tết 2025 (29/1) falls in week 3, Tết 2026 (17/2) in week 58.
    Last year's Tết peak (the week before Tết and its week) makes this year's expected; a past
    without one makes this year's a surge."""
    first = dt.date(2025, 1, 6)
    year = [3] * 57
    year[2] = year[3] = 15
    with_tet = year + [15, 15]
    without = [3] * 57 + [15, 15]
    seasonal = detect.score(with_tet, 58, first=first)
    flat = detect.score(without, 58, first=first)
    assert seasonal.expected > 2 * flat.expected
    assert not seasonal.alarm
    assert flat.alarm


def test_command_line_writes_one_json_line_per_alert(tmp_path, capsys):
    rows = ["unit,field,week,count"]
    for week in range(1, 30):
        rows.append(f"11311,giao_thong,2026-W{week:02d},{16 if week == 25 else 3 + week % 2}")
    path = tmp_path / "series.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    call_command("insight", "detect", "--input", str(path))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(x["unit"], x["field"], x["week"], x["observed"]) for x in lines] == [
        ("11311", "giao_thong", "2026-W25", 16)
    ]
    assert set(lines[0]) == {"unit", "field", "week", "score", "expected", "observed"}
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,field,week,count\nA,B,48/2026,3\n", encoding="utf-8")
    with pytest.raises(CommandError, match="ISO week"):
        call_command("insight", "detect", "--input", str(bad))


@pytest.mark.django_db
def test_a_surge_in_the_items_raises_one_alert_and_tells_the_leader(
    world, django_capture_on_commit_callbacks
):
    """Weeks of one negative item, then twelve in the last complete week (16–22/11/2026, today
    being 25/11): one alert for commune A's transport items, with its evidence."""
    transport = Field.objects.get(code="giao_thong_ha_tang")
    angry = Mood.objects.get(code="buc_xuc")
    for week in range(1, 14):
        make_item(
            world.reporter_a,
            world.village_a1,
            observed_on=dt.date(2026, 11, 16) - dt.timedelta(weeks=week),
            mood=angry,
        )
    for day in range(12):
        make_item(
            world.reporter_a,
            world.village_a1,
            f"Đường liên thôn hỏng nặng {day}",
            observed_on=dt.date(2026, 11, 16) + dt.timedelta(days=day % 7),
            mood=angry,
        )
    with django_capture_on_commit_callbacks(execute=True):
        raised = alert_services.run_detectors(actor=system_actor(), today=dt.date(2026, 11, 25))
    surges = [a for a in raised if a.kind == "items.negative_surge"]
    # The city's count is the commune's: its alert would only repeat the commune's, which
    # reaches the city's leader anyway.
    assert [a.unit.name for a in surges] == ["Phường Lê Chân"]
    alert = surges[0]
    assert alert.key == f"field:{transport.pk}" and alert.evidence["observed"] == 12
    assert (
        alert.window_start == dt.date(2026, 11, 16)
        and alert.evidence["series"][-1]["observed"] == 12
    )
    # The items are recommendations too: both detectors fire, each alert told once.
    assert {a.kind for a in raised} == {"items.negative_surge", "items.recommendation_surge"}
    assert Notification.objects.filter(kind="alert", user=world.leader).count() == len(raised) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert alert_services.run_detectors(actor=system_actor(), today=dt.date(2026, 11, 25)) == []
    assert Alert.objects.count() == len(raised)


@pytest.mark.django_db
def test_a_city_surge_beyond_its_surging_commune_is_raised_naming_it(world):
    """Commune A surges, and so do the items the city logs itself: the city's alert is its
    own, and says which commune's surge it holds."""
    angry = Mood.objects.get(code="buc_xuc")
    for unit, actor in ((world.village_a1, world.reporter_a), (world.province, world.admin)):
        for week in range(1, 14):
            make_item(
                actor,
                unit,
                observed_on=dt.date(2026, 11, 16) - dt.timedelta(weeks=week),
                mood=angry,
            )
        for day in range(12):
            make_item(
                actor,
                unit,
                f"Đường liên thôn hỏng nặng {day}",
                observed_on=dt.date(2026, 11, 16) + dt.timedelta(days=day % 7),
                mood=angry,
            )
    raised = alert_services.run_detectors(
        actor=system_actor(), today=dt.date(2026, 11, 25), codes=["items.negative_surge"]
    )
    by_unit = {a.unit.name: a for a in raised}
    assert set(by_unit) == {"Phường Lê Chân", "Thành phố Hải Phòng"}
    city = by_unit["Thành phố Hải Phòng"]
    assert city.evidence["observed"] == 24
    assert [(u["unit"], u["observed"]) for u in city.evidence["of_which"]] == [
        ("Phường Lê Chân", 12)
    ]
    assert by_unit["Phường Lê Chân"].evidence["of_which"] == []
