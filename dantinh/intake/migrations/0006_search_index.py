"""The items' full-text search index: on SQLite an FTS5 table kept in step by triggers, on
PostgreSQL a generated tsvector column with a GIN index (dantinh.intake.search). Made here,
not after every migrate; migrations that alter intake_item end with EnsureSearchIndex()."""

from django.db import migrations


def create(apps, schema_editor):
    from dantinh.intake import search

    search.ensure_index(schema_editor.connection)


def drop(apps, schema_editor):
    from dantinh.intake import search

    search.drop_index(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("intake", "0005_item_label_corrected"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
