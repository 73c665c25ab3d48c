"""The erasable trail (docs/architecture.md, "The audit trail").

Entries keep who, when, what and the unit they concern (by id); their values move into
`AuditValue`, encrypted under a key per object (`AuditRecordKey`) wrapped by the deployment's
data keys; the chain is rebuilt over the new rows, in their old order. The old chain is
checked first and the result logged, so that a trail altered before the upgrade is not
silently re-blessed.
"""

import datetime as dt
import hashlib
import json
import logging

from django.db import migrations, models

logger = logging.getLogger("dantinh.migrations")

OLD_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
]
OLD_PG_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry",
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry",
    "DROP FUNCTION IF EXISTS core_auditentry_append_only()",
]


def drop_triggers(apps, schema_editor):
    statements = {"sqlite": OLD_SQLITE_DROP, "postgresql": OLD_PG_DROP}
    with schema_editor.connection.cursor() as cursor:
        for sql in statements.get(schema_editor.connection.vendor, []):
            cursor.execute(sql)


def add_triggers(apps, schema_editor):
    from dantinh.core.dbtriggers import add_audit_triggers

    add_audit_triggers(schema_editor.connection)


def _old_hash(prev_hash, e):
    payload = json.dumps(
        [
            prev_hash,
            e.at.isoformat(),
            e.actor_id,
            e.actor_name,
            e.action,
            e.object_type,
            e.object_id,
            e.object_repr,
            e.unit_path,
            e.changes,
            e.note,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _new_hash(prev_hash, seq, e):
    payload = json.dumps(
        [
            prev_hash,
            seq,
            e.at.astimezone(dt.UTC).isoformat(),
            e.actor_id,
            e.actor_name,
            e.action,
            e.object_type,
            e.object_id,
            e.unit_id,
            e.values_digest,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def convert(apps, schema_editor):
    from cryptography.fernet import Fernet

    from dantinh.core.crypto import data_cipher

    Entry = apps.get_model("core", "AuditEntry")
    Key = apps.get_model("core", "AuditRecordKey")
    Value = apps.get_model("core", "AuditValue")
    Head = apps.get_model("core", "AuditHead")
    User = apps.get_model("org", "User")
    system = User.objects.filter(username="system", is_system=True).first()

    prev, broken = "", None
    for e in Entry.objects.order_by("id").iterator(chunk_size=2000):
        if broken is None and (e.prev_hash != prev or _old_hash(prev, e) != e.hash):
            broken = e.pk
        prev = e.hash
    if broken is not None:
        logger.warning("audit trail: the chain was already broken at entry %s before the upgrade", broken)

    keys: dict[tuple[str, str], tuple[object, Fernet]] = {}
    prev, seq = "", 0
    for e in Entry.objects.order_by("id").iterator(chunk_size=2000):
        e.unit_id = int(e.unit_path[-8:]) if len(e.unit_path or "") >= 8 else None
        if e.actor_id is None:
            e.actor_id = system.pk if system else 0
            e.actor_name = e.actor_name or "system"
        values = {"repr": e.object_repr or "", "changes": e.changes or {}, "note": e.note or ""}
        ciphertext = b""
        if any(values.values()):
            ref = (e.object_type, e.object_id or "")
            if ref not in keys:
                raw = Fernet.generate_key()
                row = Key.objects.create(
                    object_type=ref[0], object_id=ref[1], wrapped_key=data_cipher().encrypt(raw)
                )
                keys[ref] = (row, Fernet(raw))
            row, cipher = keys[ref]
            plain = json.dumps(values, ensure_ascii=False, sort_keys=True).encode("utf-8")
            ciphertext = cipher.encrypt(plain)
            e.values_digest = hashlib.sha256(ciphertext).hexdigest()
            Value.objects.create(entry_id=e.pk, record=row, ciphertext=ciphertext)
        seq += 1
        e.seq, e.prev_hash = seq, prev
        e.hash = _new_hash(prev, seq, e)
        prev = e.hash
        Entry.objects.filter(pk=e.pk).update(
            unit_id=e.unit_id,
            actor_id=e.actor_id,
            actor_name=e.actor_name,
            values_digest=e.values_digest,
            seq=e.seq,
            prev_hash=e.prev_hash,
            hash=e.hash,
        )
    Head.objects.update_or_create(pk=1, defaults={"last_hash": prev, "last_seq": seq})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("org", "0002_user_is_system"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, migrations.RunPython.noop),
        migrations.AddField(
            model_name="auditentry",
            name="unit_id",
            field=models.BigIntegerField(blank=True, db_index=True, null=True, verbose_name="unit"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="values_digest",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="seq",
            field=models.BigIntegerField(blank=True, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(blank=True, max_length=64, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="audithead",
            name="last_seq",
            field=models.BigIntegerField(default=0),
        ),
        migrations.CreateModel(
            name="AuditRecordKey",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_type", models.CharField(max_length=100)),
                ("object_id", models.CharField(max_length=64)),
                ("wrapped_key", models.BinaryField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("object_type", "object_id"), name="audit_record_key")
                ],
            },
        ),
        migrations.CreateModel(
            name="AuditValue",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        primary_key=True,
                        serialize=False,
                        to="core.auditentry",
                    ),
                ),
                ("ciphertext", models.BinaryField()),
                (
                    "record",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE,
                        related_name="values",
                        to="core.auditrecordkey",
                    ),
                ),
            ],
        ),
        migrations.RunPython(convert, migrations.RunPython.noop),
        migrations.RemoveField(model_name="auditentry", name="object_repr"),
        migrations.RemoveField(model_name="auditentry", name="unit_path"),
        migrations.RemoveField(model_name="auditentry", name="changes"),
        migrations.RemoveField(model_name="auditentry", name="note"),
        migrations.AlterField(
            model_name="auditentry",
            name="actor_id",
            field=models.BigIntegerField(verbose_name="actor id"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="actor_name",
            field=models.CharField(max_length=150, verbose_name="actor"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("create", "created"),
                    ("update", "updated"),
                    ("delete", "deleted"),
                    ("import", "imported"),
                    ("export", "exported"),
                    ("read_personal", "read personal data"),
                    ("login", "logged in"),
                    ("erase", "erased"),
                    ("other", "other"),
                ],
                max_length=20,
                verbose_name="action",
            ),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(
                condition=models.Q(("hash__isnull", True)), fields=["id"], name="audit_unsealed_idx"
            ),
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
