"""The default lists of SPEC §13 (fields, kinds, moods, channels, competent authorities):
created if missing, never overwriting a deployment's own edits."""

from django.db import migrations


def seed(apps, schema_editor):
    from dantinh.intake import defaults

    defaults.seed(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("intake", "0006_search_index"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop, elidable=False),
    ]
