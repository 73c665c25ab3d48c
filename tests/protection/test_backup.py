"""Backup and restore: a loaded system round-trips to identical data (rows, files, the audit
chain, encrypted personal data still readable with the same keys); the backup holds no key
and cannot be read without the backup key; a damaged backup is refused."""

import datetime as dt

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from dantinh.core import audit
from dantinh.intake import services as item_services
from dantinh.intake.models import Item, ItemAttachment
from dantinh.protection import backup, requests
from dantinh.protection.models import SubjectRequest
from tests.factories import make_item

pytestmark = pytest.mark.django_db
KEY = Fernet.generate_key()


@pytest.fixture
def loaded(world, items, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DANTINH_MODEL_DIR = str(tmp_path / "models")
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "items.joblib").write_bytes(b"model bytes")
    item = make_item(world.compiler_a, world.village_a1, "Dân tổ 1 phản ánh ngập úng kéo dài")
    item_services.item_attach(
        actor=world.compiler_a, item=item, upload=SimpleUploadedFile("anh.txt", b"anh ngap")
    )
    requests.request_create(
        actor=world.admin,
        unit=world.province,
        kind="access",
        received_on=dt.date(2026, 11, 20),
        channel="letter",
        identity=requests.Identity(name="Lê Văn Bình", phone="0987000111"),
        details="Xin xem dữ liệu",
    )
    audit.seal()
    return item


def test_backup_then_restore_gives_identical_data(loaded, world, tmp_path, settings):
    file = tmp_path / "b.dtb"
    before = backup.fingerprint()
    made = backup.backup(file, key=KEY)
    assert made.rows == sum(t["rows"] for t in before.values()) and made.files == 2
    raw = file.read_bytes()
    assert b"anh ngap" not in raw and "ngập úng".encode() not in raw
    for data_key in settings.DATA_KEYS:
        assert data_key.encode() not in raw

    # the system changes after the backup: a new item, one deleted, a file gone
    make_item(world.compiler_b, world.village_b1, "Tin mới sau sao lưu")
    Item.objects.filter(pk=loaded.pk).delete()
    (tmp_path / "models" / "items.joblib").unlink()

    restored = backup.restore(file, key=KEY)

    assert backup.fingerprint() == before
    assert restored.rows == made.rows
    assert Item.objects.filter(text__contains="ngập úng").exists()
    assert not Item.objects.filter(text="Tin mới sau sao lưu").exists()
    attachment = ItemAttachment.objects.get(item_id=loaded.pk)
    assert attachment.file.read() == b"anh ngap"
    assert (tmp_path / "models" / "items.joblib").read_bytes() == b"model bytes"
    assert audit.verify().broken is None
    request = SubjectRequest.objects.get()
    assert requests.request_read(user=world.admin, request=request).identity.name == "Lê Văn Bình"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM intake_item_fts WHERE intake_item_fts MATCH 'ngap'"
            )
            assert cursor.fetchone()[0] == 1
    # the trail still refuses changes after the restore
    from dantinh.core.models import AuditEntry

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry")
    assert AuditEntry.objects.exists()


def test_the_check_reads_a_backup_through(loaded, tmp_path):
    file = tmp_path / "b.dtb"
    backup.backup(file, key=KEY)
    summary = backup.check(file, key=KEY)
    assert summary.tables > 10 and summary.files == 2
    with pytest.raises(backup.BackupError, match="decrypt"):
        backup.check(file, key=Fernet.generate_key())
    damaged = bytearray(file.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    (tmp_path / "bad.dtb").write_bytes(bytes(damaged))
    with pytest.raises(backup.BackupError):
        backup.check(tmp_path / "bad.dtb", key=KEY)
    (tmp_path / "short.dtb").write_bytes(bytes(file.read_bytes()[:-100]))
    with pytest.raises(backup.BackupError):
        backup.check(tmp_path / "short.dtb", key=KEY)


def test_a_damaged_backup_restores_nothing(loaded, tmp_path):
    file = tmp_path / "b.dtb"
    backup.backup(file, key=KEY)
    before = backup.fingerprint()
    (tmp_path / "short.dtb").write_bytes(bytes(file.read_bytes()[:-100]))
    with pytest.raises(backup.BackupError):
        backup.restore(tmp_path / "short.dtb", key=KEY)
    assert backup.fingerprint() == before


def test_the_commands(loaded, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DANTINH_BACKUP_KEY", KEY.decode())
    file = str(tmp_path / "c.dtb")
    call_command("backup", file)
    call_command("backup", file, "--check")
    assert "OK:" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", file)
    call_command("restore", file, "--yes")
    assert "identical" in capsys.readouterr().out
    monkeypatch.setenv("DANTINH_BACKUP_KEY", Fernet.generate_key().decode())
    with pytest.raises(CommandError, match="decrypt"):
        call_command("backup", file, "--check")
