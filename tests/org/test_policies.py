"""The policy: what each role may see and do, where. One table, every role."""

import pytest

from dantinh.intake.selectors import items_visible
from dantinh.org import policies
from dantinh.org.selectors import units_visible

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "sees_a", "sees_b"),
    [
        ("reporter_a", True, False),
        ("compiler_a", True, False),
        ("reporter_b", False, True),
        ("area_officer", False, True),  # assigned commune B only
        ("leader", True, True),
        ("admin", True, True),
        ("superuser", True, True),
        ("outsider", False, False),
    ],
)
def test_item_visibility_by_role(world, items, who, sees_a, sees_b):
    user = getattr(world, who)
    visible = set(items_visible(user).values_list("pk", flat=True))
    assert (items["a"].pk in visible) is sees_a
    assert (items["b"].pk in visible) is sees_b
    assert policies.can(user, "item.view", items["a"]) is sees_a


@pytest.mark.parametrize(
    ("who", "action", "allowed"),
    [
        ("reporter_a", "item.change", True),  # their own item
        ("compiler_a", "item.change", True),
        ("reporter_a", "item.delete", False),
        ("compiler_a", "item.delete", True),
        ("reporter_b", "item.change", False),
        ("leader", "item.change", False),  # leaders read and direct; they do not rewrite
        ("admin", "item.delete", True),
        ("outsider", "item.view", False),
    ],
)
def test_actions_on_commune_a_item(world, items, who, action, allowed):
    assert policies.can(getattr(world, who), action, items["a"]) is allowed


def test_reporter_cannot_change_a_colleagues_item(world, items):
    colleague_item_author = world.compiler_a
    from tests.factories import make_item

    item = make_item(colleague_item_author, world.village_a2)
    assert policies.can(world.reporter_a, "item.change", item) is False
    assert policies.can(world.compiler_a, "item.change", item) is True


def test_unit_scope_is_the_subtree(world):
    visible = set(units_visible(world.reporter_a))
    assert visible == {world.commune_a, world.village_a1, world.village_a2}
    assert world.province not in visible


def test_inactive_membership_grants_nothing(world, items):
    world.reporter_a.memberships.update(is_active=False)
    policies.forget(world.reporter_a)
    assert not items_visible(world.reporter_a).exists()


def test_scope_needs_no_query_per_row(world, items, django_assert_max_num_queries):
    policies.forget(world.leader)
    with django_assert_max_num_queries(3):
        list(items_visible(world.leader))


# Grants that know where they come from; the same rules read the other way round -------------


@pytest.fixture
def department(world):
    """A commission department whose area officer follows commune B, and its compiler."""
    from dantinh.org.models import Unit
    from tests.factories import Role, make_unit, member

    unit = make_unit(
        "Phòng Dân vận chính quyền",
        world.province,
        kind=Unit.Kind.SECTOR,
        sector=Unit.Sector.COMMISSION_DEPARTMENT,
    )
    officer = member("chuyenvien", unit, Role.AREA_OFFICER, areas=[world.commune_b])
    compiler = member("tp.phong", unit, Role.COMPILER)
    return unit, officer, compiler


def test_an_area_officer_writes_reports_for_the_department_not_for_the_areas(world, department):
    unit, officer, _compiler = department
    by_path = {g.path: g.via_area for g in policies.grants(officer)}
    assert by_path == {unit.path: False, world.commune_b.path: True}
    assert policies.can(officer, "report.compile", unit) is True
    assert policies.can(officer, "report.compile", world.commune_b) is False
    assert policies.can(officer, "report.view", world.commune_b) is True  # follows it
    assert policies.grant_units(officer, "report.compile") == [unit.pk]
    assert policies.grant_units(officer, "report.view") == [unit.pk, world.commune_b.pk]


def test_who_holds_an_action_at_a_unit_itself(world, department):
    unit, officer, compiler = department
    names = lambda action, at: [u.username for u in policies.holders(action, at)]  # noqa: E731
    # Those who answer for the unit's own reports, not those above it.
    assert names("report.owe", world.commune_a) == ["compiler_a"]
    assert names("report.owe", unit) == ["chuyenvien", "tp.phong"]
    assert names("report.owe", world.commune_b) == ["compiler_b"]  # followed, not owed
    assert names("report.view", world.commune_b) == [
        "chuyenvien",
        "compiler_b",
        "officer",
        "reporter_b",
    ]
    assert names("report.review", world.province) == ["admin", "leader"]
    by_unit = policies.holders_by_unit("report.view", [world.commune_b, unit])
    assert {k: [u.username for u in v] for k, v in by_unit.items()} == {
        world.commune_b.pk: ["chuyenvien", "compiler_b", "officer", "reporter_b"],
        unit.pk: ["chuyenvien", "tp.phong"],
    }
    compiler.is_active = False
    compiler.save(update_fields=["is_active"])
    assert names("report.owe", unit) == ["chuyenvien"]


def test_a_department_covers_the_areas_its_officers_follow(world, department):
    unit, officer, _compiler = department
    assert policies.unit_coverage(unit) == sorted([unit.path, world.commune_b.path])
    assert policies.unit_coverage(world.commune_a) == [world.commune_a.path]
    officer.memberships.update(is_active=False)
    assert policies.unit_coverage(unit) == [unit.path]
