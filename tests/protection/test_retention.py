"""Retention rules are data; the purge deletes for real — rows, files, search entries, the
trail's values — and records how many it deleted, never what they said."""

import datetime as dt
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.core.models import AuditEntry
from dantinh.intake import services as item_services
from dantinh.intake.models import ImportJob, Item, ItemAttachment, ItemExportJob
from dantinh.protection import retention
from dantinh.protection.models import PurgeRun, RetentionRule
from dantinh.reporting import notify
from dantinh.reporting.models import Notification
from tests.factories import make_item
from tests.protection.conftest import login

pytestmark = pytest.mark.django_db
SECRET = "ông Nguyễn Văn Hòa khiếu nại chuyện đất"


@pytest.fixture
def old_item(world):
    item = make_item(world.compiler_a, world.village_a1, SECRET)
    attachment = item_services.item_attach(
        actor=world.compiler_a, item=item, upload=SimpleUploadedFile("don.txt", b"don thu")
    )
    long_ago = dt.date(2014, 3, 1)
    Item.objects.filter(pk=item.pk).update(observed_on=long_ago)
    return item, attachment


def _search(word: str) -> int:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM intake_item_fts WHERE intake_item_fts MATCH %s", [word]
            )
            return cursor.fetchone()[0]
    return Item.objects.filter(search_text__icontains=word).count()


def test_the_defaults_are_in_place_for_every_kind():
    kinds = set(RetentionRule.objects.values_list("kind", flat=True))
    assert kinds == set(RetentionRule.Kind.values)
    assert RetentionRule.objects.get(kind="items").keep_days == 3650


def test_an_item_past_its_period_is_unreadable_everywhere_and_the_chain_still_verifies(
    world, old_item, items, django_capture_on_commit_callbacks
):
    item, attachment = old_item
    path = attachment.file.path
    assert _search("khieu") >= 1

    with django_capture_on_commit_callbacks(execute=True):  # files go after the commit
        run = retention.purge_now()

    assert run.status == "done" and run.counts["items"] == 1
    assert not Item.objects.filter(pk=item.pk).exists()
    assert Item.objects.filter(pk=items["a"].pk).exists()  # November 2026: kept
    assert not ItemAttachment.objects.filter(pk=attachment.pk).exists()
    assert not os.path.exists(path)
    assert _search("khieu") == 0
    entries = AuditEntry.objects.filter(object_type="intake.item", object_id=str(item.pk))
    assert entries.filter(action="erase").exists()
    assert all(v.erased or not v.repr for v in audit.values_of(entries).values())
    assert audit.verify().broken is None
    # the purge's own record: counts, no text
    record = AuditEntry.objects.get(object_type="protection.purgerun", object_id=str(run.pk))
    assert record.changes == {"items": [1, 0]}
    dumped = str(record.changes) + record.note + record.object_repr
    assert "Hòa" not in dumped and "đất" not in dumped


def test_uploaded_files_and_exports_expire(world, items):
    imported = item_services.import_start(
        actor=world.compiler_a,
        unit=world.commune_a,
        upload=SimpleUploadedFile("a.csv", "Nội dung\nGiá phân bón\n".encode()),
    )
    ImportJob.objects.filter(pk=imported.pk).update(
        status="done", created_at=timezone.now() - dt.timedelta(days=31)
    )
    export = ItemExportJob.objects.create(requested_by=world.compiler_a, status="done")
    export.file.save("tt.xlsx", ContentFile(b"xlsx"), save=True)
    ItemExportJob.objects.filter(pk=export.pk).update(
        created_at=timezone.now() - dt.timedelta(days=8)
    )
    fresh = ItemExportJob.objects.create(requested_by=world.compiler_a, status="done")
    fresh.file.save("moi.xlsx", ContentFile(b"xlsx"), save=True)

    run = retention.purge_now()

    imported.refresh_from_db()
    export.refresh_from_db()
    fresh.refresh_from_db()
    assert not imported.file and imported.errors == []
    assert not export.file and fresh.file
    assert run.counts["import_files"] == 1 and run.counts["exports"] == 1


def test_old_notifications_go(world):
    notify.notify([world.compiler_a], kind="chase", unit=world.commune_a, params={"title": "x"})
    Notification.objects.update(created_at=timezone.now() - dt.timedelta(days=400))
    notify.notify([world.compiler_a], kind="chase", unit=world.commune_a, params={"title": "y"})
    assert retention.purge_now().counts["notifications"] == 1
    assert Notification.objects.count() == 1


def test_a_disabled_rule_purges_nothing_and_the_preview_says_what_would_go(world, old_item):
    assert retention.preview()["items"] == 1
    rule = RetentionRule.objects.get(kind="items")
    retention.rule_update(actor=world.admin, rule=rule, keep_days=3650, enabled=False, basis="")
    assert retention.preview()["items"] is None
    assert "items" not in retention.purge_now().counts
    assert Item.objects.filter(pk=old_item[0].pk).exists()


def test_rules_are_changed_by_the_deployments_administrator_with_a_sane_period(
    world, commune_admin
):
    rule = RetentionRule.objects.get(kind="exports")
    with pytest.raises(PermissionDeniedError):
        retention.rule_update(actor=commune_admin, rule=rule, keep_days=3, enabled=True, basis="")
    with pytest.raises(ValidationError):
        retention.rule_update(actor=world.admin, rule=rule, keep_days=0, enabled=True, basis="")
    retention.rule_update(actor=world.admin, rule=rule, keep_days=3, enabled=True, basis="Ngắn")
    rule.refresh_from_db()
    assert rule.keep_days == 3
    assert AuditEntry.objects.filter(object_type="protection.retentionrule").count() == 1


def test_the_command_counts_with_dry_run_and_purges_without(world, old_item, capsys):
    call_command("purge", "--dry-run")
    assert "items: 1" in capsys.readouterr().out
    assert Item.objects.filter(pk=old_item[0].pk).exists()
    call_command("purge")
    assert not Item.objects.filter(pk=old_item[0].pk).exists()
    assert PurgeRun.objects.get().counts["items"] == 1


@pytest.mark.parametrize(
    ("who", "get", "post"),
    [
        ("anonymous", 302, 302),
        ("outsider", 404, 404),
        ("reporter_a", 404, 404),
        ("compiler_a", 404, 404),
        ("leader", 404, 404),
        ("commune_admin", 404, 404),
        ("admin", 200, 302),
        ("superuser", 200, 302),
    ],
)
def test_retention_page_by_role(client, world, commune_admin, who, get, post):
    login(client, world, who, commune_admin)
    url = reverse("protection:retention")
    rule = RetentionRule.objects.get(kind="exports")
    response = client.get(url)
    assert response.status_code == get
    if get == 200:
        assert "Tệp xuất ra" in response.content.decode()
    data = {"rule": rule.pk, f"r{rule.pk}-keep_days": "14", f"r{rule.pk}-enabled": "on"}
    assert client.post(url, data).status_code == post
    rule.refresh_from_db()
    assert rule.keep_days == (14 if post == 302 and who != "anonymous" else 7)


def test_a_bad_period_is_refused_on_the_page_with_a_message(client, world):
    client.force_login(world.admin)
    rule = RetentionRule.objects.get(kind="exports")
    response = client.post(
        reverse("protection:retention"), {"rule": rule.pk, f"r{rule.pk}-keep_days": "abc"}
    )
    assert response.status_code == 400
    assert "số" in response.content.decode().lower()
    rule.refresh_from_db()
    assert rule.keep_days == 7


def test_purge_now_from_the_page(client, world, old_item, django_capture_on_commit_callbacks):
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("protection:retention"), {"purge": "1"})
    assert PurgeRun.objects.get().status == "done"
    page = client.get(reverse("protection:retention")).content.decode()
    assert "Thông tin: 1" in page or "Items: 1" in page
