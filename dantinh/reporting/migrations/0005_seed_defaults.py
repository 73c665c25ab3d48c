"""The shipped reporting regime (template, schedules, holidays), created when missing.

Formerly seeded on every post_migrate; now data, like any other, put in place once by this
migration. `defaults.seed()` never overwrites what a deployment has edited."""

from django.db import migrations


def seed(apps, schema_editor):
    from dantinh.reporting import defaults

    defaults.seed(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0002_user_is_system"),
        ("reporting", "0004_exportjob_without_submission"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
