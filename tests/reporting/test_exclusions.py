"""A rule can leave units out: the general-affairs desk matches "every commission department"
but receives the officers' reports rather than owing them. Every reader of obligations
follows: to-do lists, timeliness and its matrix, chasing, reminders; the configuration page
edits it; the demo leaves its desk out."""

import pytest
from django.urls import reverse

from dantinh.core.errors import PermissionDeniedError
from dantinh.core.models import AuditEntry
from dantinh.org.models import Unit
from dantinh.reporting import config_services, reminders, selectors, timeliness
from dantinh.reporting.demo import exclude_general_affairs_desk
from dantinh.reporting.models import Reminder, Schedule
from dantinh.reporting.obligations import exclusion_candidates, obligated_units, schedules_owed
from dantinh.reporting.periods import resolve
from tests.factories import Role, make_unit, member
from tests.reporting.conftest import NOW, at

pytestmark = pytest.mark.django_db
DEPARTMENT = {
    "kind": Unit.Kind.SECTOR,
    "sector": Unit.Sector.COMMISSION_DEPARTMENT,
    "level_code": "tinh",
}


@pytest.fixture
def desk(world):
    return make_unit("Phòng Tôn giáo, Dân tộc và Tổng hợp", world.province, **DEPARTMENT)


@pytest.fixture
def department(world):
    return make_unit(
        "Phòng Dân vận chính quyền, Mặt trận và các đoàn thể", world.province, **DEPARTMENT
    )


@pytest.fixture
def officers(world, desk, department):
    """A compiler at the desk and an area officer in the other department, with addresses."""
    desk_compiler = member("tonghop", desk, Role.COMPILER)
    officer = member("chuyenvien", department, Role.AREA_OFFICER, areas=[world.commune_b])
    for user in (desk_compiler, officer):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return desk_compiler, officer


def officer_rule(slug="officer-weekly"):
    return Schedule.objects.get(slug=slug).rules.get()


def test_the_desk_owes_the_officers_reports_until_it_is_left_out(world, desk, department):
    weekly = Schedule.objects.get(slug="officer-weekly")
    assert set(obligated_units(weekly)) == {desk, department}
    assert set(exclusion_candidates(officer_rule())) == {desk, department}
    config_services.rule_set_exclusions(actor=world.admin, rule=officer_rule(), units=[desk])
    assert set(obligated_units(weekly)) == {department}
    assert set(obligated_units(weekly, period=resolve(weekly, "2026-W45"))) == {department}
    assert [s.slug for s in schedules_owed(desk)] == [
        "officer-monthly"
    ]  # left out of one rule only
    assert {s.slug for s in schedules_owed(department)} == {"officer-weekly", "officer-monthly"}
    # Still offered on the page, so that it can be put back.
    assert set(exclusion_candidates(officer_rule())) == {desk, department}
    entry = AuditEntry.objects.filter(object_type="reporting.schedulerule").latest("id")
    assert entry.actor_name == "admin" and entry.changes["excluded_units"] == [[], [desk.pk]]


@pytest.mark.parametrize("who", ["leader", "compiler_a", "compiler_b", "area_officer", "outsider"])
def test_only_an_administrator_of_the_root_leaves_units_out(world, desk, who):
    with pytest.raises(PermissionDeniedError):
        config_services.rule_set_exclusions(
            actor=getattr(world, who), rule=officer_rule(), units=[desk]
        )
    assert not officer_rule().excluded_units.exists()


def test_every_reader_of_obligations_follows(world, desk, department, officers):
    desk_compiler, officer = officers
    for slug in ("officer-weekly", "officer-monthly"):
        config_services.rule_set_exclusions(
            actor=world.admin, rule=officer_rule(slug), units=[desk]
        )
    weekly = Schedule.objects.get(slug="officer-weekly")
    period = resolve(weekly, "2026-W48")
    # To-do lists: the desk's compiler owes nothing; the officer still owes both.
    assert selectors.my_obligations(user=desk_compiler, now=NOW) == []
    assert {o.schedule.slug for o in selectors.my_obligations(user=officer, now=NOW)} == {
        "officer-weekly",
        "officer-monthly",
    }
    # Timeliness, its rates and matrix, and chasing.
    rows = timeliness.statuses(user=world.admin, schedule=weekly, period=period, now=NOW)
    assert [r.unit for r in rows] == [department]
    assert timeliness.rates(rows).expected == 1
    table = timeliness.matrix(
        user=world.admin, schedule=weekly, root=world.province, periods=[period], now=NOW
    )
    assert [r.unit for r in table.rows] == [department]
    assert [
        r.status.unit
        for r in timeliness.chasing(user=world.admin, schedule=weekly, period=period, now=NOW)
    ] == [department]
    # Reminders: due Thursday 26/11 17:00, reminded the day before.
    reminders.run(now=at(2026, 11, 25, 18, 0))
    reminded = set(Reminder.objects.filter(schedule=weekly).values_list("unit__name", flat=True))
    assert reminded == {department.name}


def test_the_configuration_page_edits_the_exclusions(client, world, desk, department):
    rule = officer_rule()
    url = reverse("reporting:schedule_edit", args=[rule.schedule_id])
    client.force_login(world.admin)
    page = client.get(url).content.decode()
    assert "Loại trừ một số đơn vị" in page and desk.name in page
    response = client.post(
        url, {"save_exclusions": rule.pk, f"x{rule.pk}-excluded_units": [desk.pk]}
    )
    assert response.status_code == 302
    assert list(rule.excluded_units.all()) == [desk]
    assert f"trừ {desk.full_name}" in client.get(url).content.decode()
    assert (
        f"trừ {desk.full_name}" in client.get(reverse("reporting:settings_home")).content.decode()
    )
    # A unit the rule does not match is not a choice.
    bad = client.post(
        url, {"save_exclusions": rule.pk, f"x{rule.pk}-excluded_units": [world.commune_a.pk]}
    )
    assert bad.status_code == 200 and list(rule.excluded_units.all()) == [desk]
    client.post(url, {"save_exclusions": rule.pk})  # nothing ticked: the desk owes again
    assert not rule.excluded_units.exists()
    assert client.post(url, {"save_exclusions": 999_999}).status_code == 404


@pytest.mark.parametrize("who", ["leader", "compiler_a", "area_officer", "outsider"])
def test_the_configuration_page_is_not_found_for_others(client, world, desk, who):
    rule = officer_rule()
    client.force_login(getattr(world, who))
    response = client.post(
        reverse("reporting:schedule_edit", args=[rule.schedule_id]),
        {"save_exclusions": rule.pk, f"x{rule.pk}-excluded_units": [desk.pk]},
    )
    assert response.status_code == 404
    assert not rule.excluded_units.exists()


def test_the_demo_leaves_its_desk_out(world, desk, department):
    assert exclude_general_affairs_desk(world.province) == desk
    assert exclude_general_affairs_desk(world.province) == desk  # twice: nothing more
    for slug in ("officer-weekly", "officer-monthly"):
        assert set(obligated_units(Schedule.objects.get(slug=slug))) == {department}
        assert list(officer_rule(slug).excluded_units.all()) == [desk]
    assert (
        AuditEntry.objects.filter(object_type="reporting.schedulerule", action="update").count()
        == 2
    )
