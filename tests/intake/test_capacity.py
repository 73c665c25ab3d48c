"""An embedded deployment is told, by `dantinh check` and `dantinh health`, when it nears
the size past which SQLite stops meeting the speed targets."""

import pytest
from django.core.management import call_command
from django.db import connection

from dantinh.intake import capacity
from tests.factories import make_item

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the limit is SQLite's; PostgreSQL has none here"
)


@sqlite_only
def test_check_is_silent_below_the_limit_and_warns_near_it(world, monkeypatch):
    make_item(world.compiler_a, world.village_a1, "Đường ngõ 12 ngập sau mưa")
    make_item(world.compiler_a, world.village_a1, "Tiểu thương lo giá thịt lợn tăng")
    assert capacity.check_embedded_capacity() == []

    monkeypatch.setattr(capacity, "SQLITE_ITEMS_LIMIT", 2)  # the deployment has reached it
    [warning] = capacity.check_embedded_capacity()
    assert warning.id == "dantinh.W001" and "PostgreSQL" in warning.msg
    assert "dantinh restore" in warning.hint


@pytest.fixture
def first_item_is_number_one():
    """A new deployment numbers its first item 1. A test database carries SQLite's counter of
    ids from earlier tests whose items were committed, then flushed (in whatever order the
    suite's processes run them): start it again, as the largest id is what is read."""
    from dantinh.intake.models import Item

    assert not Item.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [Item._meta.db_table])


@sqlite_only
def test_health_warns_near_the_limit(world, monkeypatch, capsys, first_item_is_number_one):
    for n in range(4):
        make_item(world.compiler_a, world.village_a1, f"Kiến nghị số {n} về đường làng")
    monkeypatch.setattr(capacity, "SQLITE_ITEMS_LIMIT", 5)  # 4 of 5: past 80%
    with pytest.raises(SystemExit):
        call_command("health")
    assert "WARNING: database size: the embedded SQLite database holds about 4 items" in (
        capsys.readouterr().out
    )


def test_postgresql_has_no_embedded_limit(world, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "postgresql")
    assert capacity.embedded_capacity() is None
    assert capacity.check_embedded_capacity() == []
