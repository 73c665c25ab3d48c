"""The matrix counted from the written timeliness states is the matrix judged from the
reports, through a late report, a report accepted, one returned and sent again, a cutoff
passing and a rebuild; the whole country's matrix is counted by province, from the states'
counts by province kept beside them (also when a commune moves to another province)."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from dantinh.org import services as org_services
from dantinh.org.actors import system_actor
from dantinh.reporting import period_states, selectors, services, timeliness
from dantinh.reporting.models import ClosedPeriod, PeriodCount, PeriodState, Submission
from dantinh.reporting.periods import recent
from tests.reporting.conftest import NOW, at
from tests.reporting.test_matrix import weeks  # noqa: F401 - the fixture
from tests.reporting.test_timeliness import send

pytestmark = pytest.mark.django_db
AFTER_W48 = at(2026, 11, 27, 9, 0)  # the cutoff of week 48 has passed


def assert_same(world, weekly, now):
    periods = recent(weekly, now, 4)
    for user, root in (
        (world.leader, world.province),
        (world.leader, None),
        (world.superuser, None),
        (world.compiler_a, world.commune_a),
        (world.area_officer, world.province),
    ):
        for sort in ("worst", "name"):
            kwargs = {"user": user, "schedule": weekly, "root": root, "periods": periods}
            from_states = timeliness.matrix(**kwargs, now=now, sort=sort)
            judged = timeliness.matrix(**kwargs, now=now, sort=sort, use_states=False)
            assert from_states == judged, (user.username, root, sort)
    # The counts by province are the states counted.
    counted = sorted(
        (sid, key, path[:8], state, n)
        for sid, key, path, state, n in PeriodState.objects.values_list(
            "schedule_id", "period_key", "unit_path", "state"
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    merged: dict[tuple, int] = {}
    for sid, key, top, state, n in counted:
        merged[(sid, key, top, state)] = merged.get((sid, key, top, state), 0) + n
    kept = PeriodCount.objects.values_list("schedule_id", "period_key", "top_path", "state", "n")
    assert sorted(kept) == sorted((*k, n) for k, n in merged.items())


def test_states_follow_every_change_of_a_closed_period(world, weekly, weeks):  # noqa: F811
    period_states.close_due(now=NOW)
    closed = set(ClosedPeriod.objects.filter(schedule=weekly).values_list("period_key", flat=True))
    assert {"2026-W45", "2026-W46", "2026-W47"} <= closed
    assert "2026-W48" not in closed  # not due yet
    assert PeriodState.objects.filter(schedule=weekly, period_key="2026-W45").count() == 3
    assert_same(world, weekly, NOW)

    late = send(world, world.commune_b, world.compiler_b, at(2026, 11, 13, 9, 0), "2026-W46")
    w45 = Submission.objects.get(unit=world.commune_a, period_key="2026-W45")
    services.submission_accept(actor=world.leader, submission=w45, now=at(2026, 11, 20, 10))
    returned = Submission.objects.get(unit=world.commune_a, period_key="2026-W46")
    services.submission_submit(actor=world.compiler_a, submission=returned, now=NOW)
    services.submission_return(actor=world.leader, submission=late, comment="Bổ sung", now=NOW)
    states = dict(
        PeriodState.objects.filter(period_key="2026-W46").values_list("unit__name", "state")
    )
    assert states["Phường Lê Chân"] == timeliness.ON_TIME  # sent again: its first sending counts
    assert states["Xã An Hưng"] == timeliness.RETURNED
    assert_same(world, weekly, NOW)

    # Week 48's cutoff passes: the draft of commune A is missing once the job has run, and
    # the matrix judges it from the reports until then.
    assert_same(world, weekly, AFTER_W48)
    period_states.close_due(now=AFTER_W48)
    assert ClosedPeriod.objects.filter(period_key="2026-W48").exists()
    assert_same(world, weekly, AFTER_W48)

    kept = sorted(PeriodState.objects.values_list("period_key", "unit_id", "state", "status"))
    out = io.StringIO()
    call_command("report", "states", "--rebuild", stdout=out)
    assert "states in" in out.getvalue()
    period_states.rebuild(now=AFTER_W48)
    assert sorted(PeriodState.objects.values_list("period_key", "unit_id", "state", "status")) == (
        kept
    )


def test_the_country_matrix_has_a_row_per_province(world, weekly, weeks):  # noqa: F811
    period_states.close_due(now=NOW)
    table = timeliness.matrix(
        user=world.superuser, schedule=weekly, root=None, periods=recent(weekly, NOW, 4), now=NOW
    )
    assert [r.unit for r in table.rows] == [world.province]
    w45 = table.rows[0].cells[-1]
    assert (w45.expected, w45.on_time, w45.late, w45.missing) == (3, 1, 1, 1)


def test_a_commune_moved_to_another_province_takes_its_counts(world, weekly, weeks):  # noqa: F811
    period_states.close_due(now=AFTER_W48)
    other = org_services.unit_create(actor=system_actor(), name="Tỉnh Hưng Yên")
    org_services.unit_move(actor=system_actor(), unit=world.commune_b, new_parent=other)
    assert_same(world, weekly, AFTER_W48)
    table = timeliness.matrix(
        user=world.superuser,
        schedule=weekly,
        root=None,
        periods=recent(weekly, AFTER_W48, 4),
        now=AFTER_W48,
        sort="name",
    )
    assert [r.unit for r in table.rows] == [world.province, other]
    assert [c.expected for c in table.rows[1].cells] == [1, 1, 1, 1]


def test_the_dashboard_timeliness_panel_counts_the_states(world, weekly, weeks):  # noqa: F811
    judged = selectors.subordinate_summary(user=world.leader, now=AFTER_W48)
    period_states.close_due(now=AFTER_W48)
    assert selectors.subordinate_summary(user=world.leader, now=AFTER_W48) == judged
    # It reads them: a state changed behind its back shows.
    PeriodState.objects.filter(schedule=weekly, period_key="2026-W48").update(
        state=timeliness.ON_TIME
    )
    weekly_rates = next(
        s.rates
        for s in selectors.subordinate_summary(user=world.leader, now=AFTER_W48)
        if s.schedule == weekly
    )
    assert weekly_rates.on_time == weekly_rates.expected
