import datetime as dt

import pytest

from dantinh.core.errors import PermissionDeniedError
from dantinh.intake.selectors import items_visible
from dantinh.org import importer, paths, services
from dantinh.org.actors import system_actor
from dantinh.org.models import Unit
from tests.factories import make_item, make_unit

pytestmark = pytest.mark.django_db


def test_paths_are_ranges_of_the_subtree(world):
    lo, hi = world.commune_a.path, paths.upper_bound(world.commune_a.path)
    inside = Unit.objects.filter(path__gte=lo, path__lt=hi)
    assert set(inside) == {world.commune_a, world.village_a1, world.village_a2}


def test_import_hai_phong_gives_114_communes_and_is_idempotent():
    first = importer.import_province("31", actor=system_actor())
    province = Unit.objects.get(code="31", code_scheme=Unit.CodeScheme.GSO_2025)
    communes = Unit.objects.filter(parent=province, valid_to__isnull=True)
    assert province.full_name == "Thành phố Hải Phòng"
    assert communes.count() == 114
    assert communes.filter(full_name="Phường Lê Chân").exists()
    again = importer.import_province("31", actor=system_actor())
    assert again.created == 0 and first.created > 114


def test_pre_2025_communes_roll_up_into_their_successor():
    importer.import_province("31", actor=system_actor())
    old = (
        Unit.objects.filter(code_scheme=Unit.CodeScheme.GSO_2008)
        .select_related("successor")
        .first()
    )
    assert old.valid_to == dt.date(2025, 6, 30)
    assert old.parent_id == old.successor_id
    assert old.path.startswith(old.successor.path)


def test_merger_keeps_history_under_the_successor(world):
    retired = make_unit("Tổ dân phố số 9", world.commune_a)
    item = make_item(world.compiler_a, retired, "Tin về tổ 9 trước khi sáp nhập")
    services.unit_merge(
        actor=world.admin, unit=retired, successor=world.village_a1, on=dt.date(2026, 7, 1)
    )
    retired.refresh_from_db()
    item.refresh_from_db()
    assert retired.successor == world.village_a1 and retired.valid_to == dt.date(2026, 6, 30)
    assert item.unit == retired  # the item stays with the old unit
    assert item.unit_path.startswith(world.village_a1.path)  # and rolls up into the successor
    assert item in items_visible(world.reporter_a)


def test_moving_a_unit_moves_its_items_scope(world):
    item = make_item(world.compiler_a, world.village_a2)
    services.unit_move(actor=world.admin, unit=world.village_a2, new_parent=world.commune_b)
    assert item not in items_visible(world.reporter_a)
    assert item in items_visible(world.reporter_b)


def test_only_administrators_manage_units(world):
    with pytest.raises(PermissionDeniedError):
        services.unit_create(actor=world.compiler_a, name="Tổ mới", parent=world.commune_a)
    unit = services.unit_create(actor=world.admin, name="Tổ mới", parent=world.commune_a)
    assert unit.path.startswith(world.commune_a.path)
