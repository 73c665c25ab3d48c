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
    assert not detect.score([0] * 13 + [3], 13).alarm
    assert detect.score(steady, 5) is None  # too little history


def test_last_years_season_lifts_the_expected_count():
    year = [3] * 52
    year[5] = year[6] = year[4] = 15  # a Tết peak
    two_years = year + year
    no_season_known = [3] * 52 + year
    assert (
        detect.score(two_years, 52 + 5).expected
        > 2 * detect.score(no_season_known, 52 + 5).expected
    )
    # This year's Tết is no surge when last year had one; it is when the past knows none.
    assert not detect.score(two_years, 52 + 5).alarm
    assert detect.score(no_season_known, 52 + 5).alarm


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
    units = {a.unit.name for a in surges}
    assert units == {"Phường Lê Chân", "Thành phố Hải Phòng"}
    alert = next(a for a in surges if a.unit == world.commune_a)
    assert alert.key == f"field:{transport.pk}" and alert.evidence["observed"] == 12
    assert (
        alert.window_start == dt.date(2026, 11, 16)
        and alert.evidence["series"][-1]["observed"] == 12
    )
    # The items are recommendations too: both detectors fire, each alert told once.
    assert {a.kind for a in raised} == {"items.negative_surge", "items.recommendation_surge"}
    assert Notification.objects.filter(kind="alert", user=world.leader).count() == len(raised) == 4
    with django_capture_on_commit_callbacks(execute=True):
        assert alert_services.run_detectors(actor=system_actor(), today=dt.date(2026, 11, 26)) == []
    assert Alert.objects.count() == len(raised)
