from django.db import migrations, models

from dantinh.core.dbtriggers import add_audit_triggers, drop_audit_triggers


def add_triggers(apps, schema_editor):
    add_audit_triggers(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    drop_audit_triggers(schema_editor.connection)


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
