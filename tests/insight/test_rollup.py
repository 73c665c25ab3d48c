"""The weekly roll-ups (by commune, and by province) give the dashboard and the map the same
figures as the items do, through creates, edits, deletes, a village moved to another commune
and a commune merged."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from dantinh.insight import dashboard, mapview, rollup
from dantinh.insight.models import ItemRollup, TopRollup
from dantinh.intake import services as item_services
from dantinh.intake.models import Field, Mood
from dantinh.org import services as org_services
from dantinh.org.actors import system_actor
from tests.factories import make_item

TODAY = dt.date(2026, 11, 25)  # a Wednesday: the current week is partial


@pytest.fixture(autouse=True)
def _after_commit(settings):
    """As in production: the refresh is a job queued after the commit."""
    settings.DANTINH_ROLLUP_IMMEDIATE = False


def _figures(user, *, weeks=12, field_id=None, use_rollup, today=TODAY):
    focus = dashboard.default_focus(user)
    dash = dashboard.build(
        user=user, today=today, focus=focus, weeks=weeks, field_id=field_id, use_rollup=use_rollup
    )
    area_map = mapview.build(
        user=user,
        focus=focus,
        today=today,
        weeks=weeks,
        measure="negative",
        field_id=field_id,
        use_rollup=use_rollup,
    )
    return dash, [(a.unit.pk, a.n, a.negative) for a in area_map.areas]


def assert_same(world):
    for user in (world.leader, world.superuser, world.compiler_a, world.area_officer):
        for weeks, field_id in ((12, None), (4, Field.objects.get(code="y_te").pk), (52, None)):
            assert _figures(user, weeks=weeks, field_id=field_id, use_rollup=True) == _figures(
                user, weeks=weeks, field_id=field_id, use_rollup=False
            ), (user.username, weeks, field_id)
        # On the real today, this week's row is read whole (nothing is observed tomorrow).
        today = timezone.localdate()
        assert _figures(user, weeks=60, use_rollup=True, today=today) == _figures(
            user, weeks=60, use_rollup=False, today=today
        )


def _rows():
    rows = ItemRollup.objects.values_list("bucket_path", "week", "field", "mood", "n")
    tops = TopRollup.objects.values_list(
        "top_path", "week", "field", "n", "negative", "positive", "moody"
    )
    return sorted(rows, key=lambda r: (*r[:3], r[3] or 0, r[4])), sorted(tops)


@pytest.fixture
def logged(world, django_capture_on_commit_callbacks):
    """A hundred items over 60 weeks in every kind of place, two of them last year."""
    fields = list(Field.objects.filter(code__in=["y_te", "moi_truong", "giao_duc"]))
    moods = [*Mood.objects.filter(code__in=["buc_xuc", "phan_khoi", "lo_lang"]), None]
    places = [
        (world.reporter_a, world.village_a1),
        (world.reporter_a, world.village_a2),
        (world.reporter_a, world.commune_a),
        (world.reporter_b, world.village_b1),
        (world.leader, world.province),
        (world.leader, world.front),
    ]
    items = []
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(100):
            actor, unit = places[i % len(places)]
            items.append(
                make_item(
                    actor,
                    unit,
                    field=fields[i % 3],
                    mood=moods[i % 4],
                    observed_on=TODAY - dt.timedelta(days=(i * 17) % 420),
                )
            )
    return items


def test_the_rollup_counts_every_item_once(world, logged):
    rows, tops = _rows()
    assert sum(n for *_key, n in rows) == len(logged)
    assert sum(n for _top, _week, _field, n, *_moods in tops) == len(logged)
    # The province's row counts its own items, its communes' and its villages'.
    assert {top for top, *_rest in tops} == {world.province.path}
    # A village's items are counted in its commune's bucket.
    assert not ItemRollup.objects.filter(bucket_path__regex=r"^\d{17,}$").exists()


def test_dashboard_and_map_match_the_items_through_every_change(
    world, logged, django_capture_on_commit_callbacks
):
    assert rollup.usable(world.leader, dashboard.default_focus(world.leader))
    assert_same(world)
    with django_capture_on_commit_callbacks(execute=True):
        item_services.item_update(
            actor=world.superuser,
            item=logged[0],
            unit=world.village_b1,
            observed_on=TODAY - dt.timedelta(days=40),
            mood=Mood.objects.get(code="phan_khoi"),
        )
        item_services.item_update(
            actor=world.superuser, item=logged[7], field=Field.objects.get(code="y_te"), mood=None
        )
        item_services.item_delete(actor=world.superuser, item=logged[13])
        make_item(world.reporter_b, world.commune_b, observed_on=TODAY)
    assert_same(world)
    with django_capture_on_commit_callbacks(execute=True):
        org_services.unit_move(
            actor=system_actor(), unit=world.village_a2, new_parent=world.commune_b
        )
    assert_same(world)
    with django_capture_on_commit_callbacks(execute=True):
        org_services.unit_merge(
            actor=system_actor(), unit=world.commune_b, successor=world.commune_a, on=TODAY
        )
    world.commune_a.refresh_from_db()
    assert_same(world)
    # What the jobs kept is what a rebuild makes, at both levels.
    kept = _rows()
    assert rollup.rebuild() == len(kept[0])
    assert _rows() == kept


def test_a_change_without_its_job_shows_until_the_rebuild_heals_it(world, logged):
    """Without the job (a worker down), the roll-up lags; the nightly rebuild catches up."""
    make_item(world.reporter_a, world.village_a1, observed_on=TODAY - dt.timedelta(days=14))
    stale = _figures(world.leader, use_rollup=True)
    assert stale != _figures(world.leader, use_rollup=False)
    out = io.StringIO()
    call_command("insight", "rollup", "--rebuild", stdout=out)
    assert "rows" in out.getvalue()
    assert _figures(world.leader, use_rollup=True) == _figures(world.leader, use_rollup=False)


def test_whole_provinces_read_the_province_rollup(world, logged):
    """The weekly series of a province (or the country) sum the province-level rows; a
    commune's scope or focus, and a grouping by commune, cannot."""
    top = rollup.TOP_LENGTH
    assert rollup.usable(world.leader, world.province, depth=top)
    assert rollup.usable(world.superuser, None, prefix_length=top, depth=top)
    assert not rollup.usable(world.compiler_a, world.commune_a, depth=top)
    assert not rollup.usable(world.leader, world.commune_a, depth=top)
    assert not rollup.usable(world.leader, world.province, prefix_length=2 * top, depth=top)
    # It reads them: a row changed behind its back shows in the province's weekly series.
    last_week = rollup.monday(TODAY) - dt.timedelta(weeks=1)
    before = dashboard.build(user=world.leader, today=TODAY, focus=world.province)
    TopRollup.objects.create(
        top_path=world.province.path,
        week=last_week,
        field=Field.objects.get(code="y_te"),
        n=1000,
        negative=0,
        positive=0,
        moody=0,
    )
    after = dashboard.build(user=world.leader, today=TODAY, focus=world.province)
    assert after.weeks[-2].start == last_week
    assert after.weeks[-2].total == before.weeks[-2].total + 1000


def test_deep_scopes_and_focuses_read_the_items(world, logged):
    assert not rollup.usable(world.leader, world.village_a1)
    village_reporter = world.reporter_a
    assert rollup.usable(village_reporter, world.commune_a)
    assert not rollup.usable(world.leader, world.commune_a, prefix_length=24)
