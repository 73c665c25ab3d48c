"""The items of a field among their other fields, in one index range read without the table:
the item list's field filter looks up the other fields by (field, item) (`selectors._has_field`).
Django makes the many-to-many table itself, so its index is made here."""

from django.db import migrations

INDEX = "intake_item_secondary_fields_field_item_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0014_item_fewer_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON intake_item_secondary_fields (field_id, item_id)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
