import datetime as dt

import pytest

from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.core.models import AuditEntry
from dantinh.intake import services
from dantinh.intake.models import Field, Item, Mood
from tests.factories import make_item

pytestmark = pytest.mark.django_db


def test_create_records_who_and_what(world):
    item = make_item(world.reporter_a, world.village_a1, "Cử tri đề nghị sửa đèn chiếu sáng")
    assert item.reporting_unit == world.commune_a  # the reporter's own unit reports it
    assert item.search_text == "cu tri de nghi sua den chieu sang"
    entry = AuditEntry.objects.get(object_type="intake.item", object_id=str(item.pk))
    assert entry.actor_name == "reporter_a" and entry.action == "create"
    assert entry.changes["text"] == [None, "Cử tri đề nghị sửa đèn chiếu sáng"]


def test_cannot_log_outside_ones_units(world):
    with pytest.raises(PermissionDeniedError):
        make_item(world.reporter_a, world.village_b1)
    assert not Item.objects.exists()


def test_update_keeps_old_and_new_values(world):
    item = make_item(world.reporter_a, world.village_a1)
    services.item_update(
        actor=world.compiler_a,
        item=item,
        mood=Mood.objects.get(code="lo_lang"),
        secondary_fields=[Field.objects.get(code="moi_truong")],
    )
    entry = AuditEntry.objects.filter(object_id=str(item.pk), action="update").get()
    old_mood, new_mood = entry.changes["mood"]
    assert Mood.objects.get(pk=old_mood).code == "buc_xuc"
    assert Mood.objects.get(pk=new_mood).code == "lo_lang"
    assert entry.changes["secondary_fields"] == [[], [Field.objects.get(code="moi_truong").pk]]


def test_moving_an_item_needs_rights_at_the_destination(world):
    item = make_item(world.compiler_a, world.village_a1)
    with pytest.raises(PermissionDeniedError):
        services.item_update(actor=world.compiler_a, item=item, unit=world.village_b1)
    item.refresh_from_db()
    assert item.unit == world.village_a1


@pytest.mark.parametrize(
    ("text", "observed_on"),
    [
        ("   ", dt.date(2026, 11, 1)),
        ("x" * 20_001, dt.date(2026, 11, 1)),
        ("ok", dt.date(2027, 1, 1)),
    ],
)
def test_bad_input_is_refused_with_nothing_saved(world, text, observed_on):
    with pytest.raises(ValidationError):
        make_item(world.compiler_a, world.village_a1, text, observed_on=observed_on)
    assert not Item.objects.exists()


def test_delete_is_real_and_audited(world):
    item = make_item(world.compiler_a, world.village_a1)
    pk = item.pk
    services.item_delete(actor=world.compiler_a, item=item)
    assert not Item.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(object_type="intake.item", object_id=str(pk), action="delete")
    assert entry.actor_name == "compiler_a"
    # Real deletion: the trail keeps that it happened, not what the item said.
    assert entry.values.erased
    assert entry.changes == {}
