"""The shipped retention periods (data: administrators change them on the Retention page)."""

from django.db import migrations


def seed(apps, schema_editor):
    from dantinh.protection.defaults import seed_retention

    seed_retention(apps.get_model("protection", "RetentionRule"))


class Migration(migrations.Migration):
    dependencies = [("protection", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
