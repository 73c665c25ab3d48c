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
