from django.db import migrations, models

# The triggers as they were for this version of the table (frozen: 0002 replaces them).
SQLITE_ADD = [
    """CREATE TRIGGER IF NOT EXISTS core_auditentry_no_update BEFORE UPDATE ON core_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
    """CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete BEFORE DELETE ON core_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
]
PG_ADD = [
    """CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$ LANGUAGE plpgsql;""",
    "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry",
    """CREATE TRIGGER core_auditentry_no_change BEFORE UPDATE OR DELETE ON core_auditentry
       FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();""",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry",
    "DROP FUNCTION IF EXISTS core_auditentry_append_only()",
]


def _run(connection, statements):
    with connection.cursor() as cursor:
        for sql in statements.get(connection.vendor, []):
            cursor.execute(sql)


def add_triggers(apps, schema_editor):
    _run(schema_editor.connection, {"sqlite": SQLITE_ADD, "postgresql": PG_ADD})


def drop_triggers(apps, schema_editor):
    _run(schema_editor.connection, {"sqlite": SQLITE_DROP, "postgresql": PG_DROP})


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="AuditEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(db_index=True, verbose_name="time")),
                ("actor_id", models.BigIntegerField(blank=True, null=True, verbose_name="actor id")),
                ("actor_name", models.CharField(blank=True, max_length=150, verbose_name="actor")),
                ("action", models.CharField(choices=[("create", "created"), ("update", "updated"), ("delete", "deleted"), ("import", "imported"), ("export", "exported"), ("read_personal", "read personal data"), ("login", "logged in"), ("other", "other")], max_length=20, verbose_name="action")),
                ("object_type", models.CharField(max_length=100, verbose_name="object type")),
                ("object_id", models.CharField(blank=True, max_length=64, verbose_name="object id")),
                ("object_repr", models.CharField(blank=True, max_length=300, verbose_name="object")),
                ("unit_path", models.CharField(blank=True, db_index=True, max_length=255, verbose_name="unit path")),
                ("changes", models.JSONField(blank=True, default=dict, verbose_name="changes")),
                ("note", models.CharField(blank=True, max_length=500, verbose_name="note")),
                ("prev_hash", models.CharField(blank=True, max_length=64)),
                ("hash", models.CharField(max_length=64, unique=True)),
            ],
            options={
                "verbose_name": "audit entry",
                "verbose_name_plural": "audit trail",
                "ordering": ["-id"],
                "indexes": [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")],
            },
        ),
        migrations.CreateModel(
            name="AuditHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("last_hash", models.CharField(blank=True, max_length=64)),
            ],
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
