"""The audit trail: append-only and tamper-evident, visible where its units are today, and able
to forget an object's values without breaking the chain."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from dantinh.core import audit
from dantinh.core.dbtriggers import add_audit_triggers, drop_audit_triggers
from dantinh.core.models import AuditEntry, AuditRecordKey, AuditValue
from dantinh.intake import services as item_services
from dantinh.intake.models import Item
from dantinh.org import services as org_services
from dantinh.org.actors import system_actor
from tests.factories import Role, make_item, member

pytestmark = pytest.mark.django_db


def _behind_the_apps_back(sql: str, params=()) -> None:
    """Someone with database access bypasses the triggers."""
    drop_audit_triggers(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        add_audit_triggers(connection)


# --- append-only ---------------------------------------------------------------------------


def test_the_trail_is_append_only_in_the_database(world):
    make_item(world.compiler_a, world.village_a1)
    audit.seal()
    entry = AuditEntry.objects.filter(object_type="intake.item").first()
    with pytest.raises(RuntimeError):
        entry.save()
    for sql in (
        "UPDATE core_auditentry SET actor_name = 'x'",
        "UPDATE core_auditentry SET hash = 'x'",
        "DELETE FROM core_auditentry",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEntry.objects.filter(actor_name="compiler_a").exists()


def test_an_unsealed_entry_can_only_be_sealed_not_changed(world):
    make_item(world.compiler_a, world.village_a1)
    entry = AuditEntry.objects.filter(object_type="intake.item", hash__isnull=True).first()
    assert entry is not None
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET actor_id = 1 WHERE id = %s", [entry.pk])
    assert audit.seal() >= 1
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.hash and entry.seq


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_the_trail_cannot_be_truncated(world):
    make_item(world.compiler_a, world.village_a1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE core_auditentry CASCADE")


# --- tamper evidence -----------------------------------------------------------------------


def _three_items(world):
    for n in range(3):
        make_item(world.compiler_a, world.village_a1, f"Tin số {n}")
    result = audit.verify()
    assert result.broken is None
    assert result.checked == AuditEntry.objects.count()
    return list(AuditEntry.objects.filter(object_type="intake.item").order_by("seq"))


def test_verify_finds_an_altered_entry(world):
    target = _three_items(world)[1]
    _behind_the_apps_back(
        "UPDATE core_auditentry SET actor_name = 'someone_else' WHERE id = %s", [target.pk]
    )
    result = audit.verify()
    assert result.broken.pk == target.pk
    assert result.reason == "altered"


def test_verify_finds_a_removed_entry(world):
    target = _three_items(world)[1]
    _behind_the_apps_back("DELETE FROM core_auditentry WHERE id = %s", [target.pk])
    result = audit.verify()
    assert result.broken is not None
    assert result.reason == "missing"


def test_verify_finds_removed_newest_entries(world):
    entries = _three_items(world)
    _behind_the_apps_back("DELETE FROM core_auditentry WHERE id = %s", [entries[-1].pk])
    assert audit.verify().reason == "truncated"


def test_verify_finds_altered_values(world):
    target = _three_items(world)[0]
    value = AuditValue.objects.get(entry=target)
    AuditValue.objects.filter(pk=value.pk).update(ciphertext=bytes(value.ciphertext)[:-4] + b"abcd")
    result = audit.verify()
    assert result.broken.pk == target.pk
    assert result.reason == "values altered"


def test_verify_finds_values_removed_without_an_erasure(world):
    target = _three_items(world)[0]
    AuditValue.objects.filter(entry=target).delete()
    result = audit.verify()
    assert result.broken.pk == target.pk
    assert result.reason == "values removed"


def test_the_verify_command_says_where_the_chain_broke(world):
    from django.core.management import CommandError, call_command

    target = _three_items(world)[1]
    call_command("audit", "verify")
    _behind_the_apps_back("UPDATE core_auditentry SET action = 'other' WHERE id = %s", [target.pk])
    with pytest.raises(CommandError, match=f"#{target.pk}"):
        call_command("audit", "verify")


# --- values: sealed, readable, erasable ------------------------------------------------------


def test_values_are_not_stored_in_clear(world):
    item = make_item(world.compiler_a, world.village_a1, "Nước sinh hoạt nhiễm phèn xanhcodo")
    values = audit.values_of(AuditEntry.objects.filter(object_type="intake.item"))
    assert any("xanhcodo" in v.repr for v in values.values())
    for row in AuditValue.objects.all():
        assert b"xanhcodo" not in bytes(row.ciphertext)
    assert item.pk


def test_deleting_an_item_forgets_its_text_everywhere_and_the_chain_still_verifies(world):
    from dantinh.intake.selectors import items_visible

    word = "quaxylophon"
    item = make_item(world.compiler_a, world.village_a1, f"Dân phản ánh tiếng ồn {word} ban đêm")
    item_services.item_update(actor=world.compiler_a, item=item, text=f"Tiếng ồn {word} kéo dài")
    item_pk = item.pk
    history_before = list(
        AuditEntry.objects.filter(object_type="intake.item", object_id=str(item_pk))
    )
    assert len(history_before) == 2

    item_services.item_delete(actor=world.compiler_a, item=item)

    assert not Item.objects.filter(pk=item_pk).exists()
    assert not AuditRecordKey.objects.filter(object_type="intake.item", object_id=str(item_pk))
    trail = AuditEntry.objects.filter(object_type="intake.item", object_id=str(item_pk))
    values = audit.values_of(trail.exclude(action="erase"))
    assert len(values) == 3
    assert all(v.erased and not v.repr and not v.changes for v in values.values())
    # Who did what, and when, stays.
    actions = list(
        AuditEntry.objects.filter(object_type="intake.item", object_id=str(item_pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete", "erase"]
    # Nothing in any table of the trail holds the words.
    for model in (AuditEntry, AuditValue, AuditRecordKey):
        for row in model.objects.values():
            assert word not in repr(row)
    assert not items_visible(world.compiler_a).filter(search_text__contains=word).exists()
    from dantinh.intake import search

    assert not search.apply(items_visible(world.compiler_a), word).exists()
    assert audit.verify().broken is None


def test_the_item_page_history_and_the_audit_page_say_the_values_were_erased(client, world):
    item = make_item(world.compiler_a, world.village_a1, "Ngập úng kéo dài ở tổ 1 đã xóa")
    pk = item.pk
    item_services.item_delete(actor=world.compiler_a, item=item)
    client.force_login(world.admin)
    body = client.get(reverse("audit_list"), {"object_type": "intake.item"}).content.decode()
    assert "Ngập úng kéo dài" not in body
    assert f"#{pk}" in body
    assert "(nội dung đã xóa)" in body


# --- the audit page --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status", "sees_a", "sees_b"),
    [
        ("admin", 200, True, True),
        ("leader", 200, True, True),
        ("compiler_a", 404, False, False),
        ("reporter_a", 404, False, False),
        ("outsider", 404, False, False),
    ],
)
def test_audit_page_by_role(client, world, items, who, status, sees_a, sees_b):
    client.force_login(getattr(world, who))
    response = client.get(reverse("audit_list"), {"object_type": "intake.item"})
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert ("reporter_a" in body) is sees_a
        assert ("reporter_b" in body) is sees_b


def test_the_audit_page_shows_an_entry_of_every_action(client, world, tmp_path):
    """Every action the product records renders (an import's changes once held a key
    `items`, which the template read as the dict method: a 500)."""
    admin = world.admin
    for action in AuditEntry.Action.values:
        audit.record(
            actor=admin,
            action=action,
            obj=world.commune_a,
            changes={"items": [None, 12], "keys": [1, 2], "values": ["a", "b"], "name": ["x", "y"]},
            note=f"note of {action}",
        )
    audit.erase(actor=admin, object_type="org.unit", object_id=world.village_a2.pk)
    client.force_login(world.superuser)
    response = client.get(reverse("audit_list"))
    assert response.status_code == 200
    body = response.content.decode()
    for action in AuditEntry.Action.values:
        assert f"note of {action}" in body
    assert "12" in body


# --- visibility follows the tree -------------------------------------------------------------


@pytest.fixture
def leaders(world):
    return {
        "leader_a": member("leader_a", world.commune_a, Role.LEADER),
        "leader_b": member("leader_b", world.commune_b, Role.LEADER),
        "province": world.leader,
        "outsider": member("leader_x", _other_province(), Role.LEADER),
    }


def _other_province():
    from tests.factories import make_unit

    return make_unit("Tỉnh Tuyên Quang")


def _sees(user, item_pk) -> bool:
    from dantinh.org.trail import entries_visible

    return entries_visible(user).filter(object_type="intake.item", object_id=str(item_pk)).exists()


@pytest.mark.parametrize(
    ("who", "before", "after"),
    [
        ("leader_a", True, False),  # the old parent
        ("leader_b", False, True),  # the new parent
        ("province", True, True),  # above both
        ("outsider", False, False),
    ],
)
def test_after_a_move_the_history_follows_the_unit(world, leaders, who, before, after):
    item = make_item(world.reporter_a, world.village_a1, "Tổ 1 đề nghị sửa cống thoát nước")
    assert _sees(leaders[who], item.pk) is before
    org_services.unit_move(actor=system_actor(), unit=world.village_a1, new_parent=world.commune_b)
    assert _sees(leaders[who], item.pk) is after


@pytest.mark.parametrize(
    ("who", "before", "after"),
    [
        ("leader_a", False, True),  # the successor
        ("leader_b", True, True),  # the merged unit's own leader, while the role lasts
        ("province", True, True),
        ("outsider", False, False),
    ],
)
def test_after_a_merger_the_successor_sees_the_merged_units_history(
    world, leaders, who, before, after
):
    import datetime as dt

    from dantinh.org import policies

    item = make_item(world.reporter_b, world.village_b1, "Thôn Đông đề nghị làm lại cầu")
    assert _sees(leaders[who], item.pk) is before
    org_services.unit_merge(
        actor=system_actor(),
        unit=world.commune_b,
        successor=world.commune_a,
        on=dt.date(2025, 7, 1),
    )
    policies.forget(leaders[who])
    assert _sees(leaders[who], item.pk) is after


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": connection.vendor}
