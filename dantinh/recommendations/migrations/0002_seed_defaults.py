from django.db import migrations


def seed(apps, schema_editor):
    from dantinh.recommendations import defaults

    defaults.seed(apps)


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
