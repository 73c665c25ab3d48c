"""The shipped time limits of data subjects' requests (data: administrators correct them)."""

from django.db import migrations


def seed(apps, schema_editor):
    from dantinh.protection.defaults import seed_time_limits

    seed_time_limits(apps.get_model("protection", "TimeLimit"))


class Migration(migrations.Migration):
    dependencies = [("protection", "0003_subject_requests")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
