import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from dantinh.core import audit
from dantinh.core.models import AuditEntry
from tests.factories import make_item

pytestmark = pytest.mark.django_db


def test_the_trail_is_append_only_in_the_database(world):
    make_item(world.compiler_a, world.village_a1)
    entry = AuditEntry.objects.filter(object_type="intake.item").first()
    with pytest.raises(RuntimeError):
        entry.save()
    for sql in ("UPDATE core_auditentry SET actor_name = 'x'", "DELETE FROM core_auditentry"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEntry.objects.filter(actor_name="compiler_a").exists()


def test_verify_finds_tampering(world):
    for n in range(3):
        make_item(world.compiler_a, world.village_a1, f"Tin số {n}")
    checked, broken = audit.verify()
    assert broken is None and checked == AuditEntry.objects.count()
    # Someone with database access bypasses the triggers and rewrites history.
    target = AuditEntry.objects.filter(object_type="intake.item").order_by("id")[1]
    from dantinh.core.dbtriggers import add_audit_triggers, drop_audit_triggers

    drop_audit_triggers(connection)
    AuditEntry.objects.filter(pk=target.pk).update(actor_name="someone_else")
    add_audit_triggers(connection)
    _, broken = audit.verify()
    assert broken is not None and broken.pk == target.pk


@pytest.mark.parametrize(
    ("who", "status", "sees_a", "sees_b"),
    [
        ("admin", 200, True, True),
        ("leader", 200, True, True),
        ("compiler_a", 404, False, False),
        ("reporter_a", 404, False, False),
    ],
)
def test_audit_page_by_role(client, world, items, who, status, sees_a, sees_b):
    client.force_login(getattr(world, who))
    response = client.get(reverse("audit_list"), {"object_type": "intake.item"})
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert ("reporter_a" in body) is sees_a and ("reporter_b" in body) is sees_b


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": connection.vendor}
