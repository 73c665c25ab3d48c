"""Each item's text features (`intake/features.py`). The table starts empty: computing them
here would hold `migrate` for an hour on a deployment of millions of items, and reports fall
back to the texts meanwhile. Fill it with `dantinh intake features --rebuild` after the upgrade
(the demo loader does it; new and edited items are analysed by a job after their commit)."""

import django.db.models.deletion
import dantinh.intake.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0012_item_when_idx'),
    ]

    operations = [
        migrations.CreateModel(
            name='ItemFeatures',
            fields=[
                ('item', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='features', serialize=False, to='intake.item')),
                ('engine', models.CharField(max_length=16)),
                ('digest', models.CharField(max_length=16)),
                ('data', models.JSONField(encoder=dantinh.intake.models.PlainJSONEncoder)),
            ],
            options={
                'verbose_name': "item's text features",
                'verbose_name_plural': "items' text features",
            },
        ),
    ]
