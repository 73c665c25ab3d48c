"""Ad-hoc requests can be cancelled (who, when, why); notifications of a changed, cancelled
or withdrawn request."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="adhocrequest",
            name="cancelled_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="cancelled at"),
        ),
        migrations.AddField(
            model_name="adhocrequest",
            name="cancelled_by",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to=settings.AUTH_USER_MODEL, verbose_name="cancelled by",
            ),
        ),
        migrations.AddField(
            model_name="adhocrequest",
            name="cancel_reason",
            field=models.TextField(blank=True, verbose_name="reason for cancelling"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("remind_before", "deadline approaching"), ("remind_overdue", "report overdue"),
                    ("chase", "chased"), ("submitted", "a unit submitted"), ("returned", "report returned"),
                    ("accepted", "report accepted"), ("adhoc", "ad-hoc report requested"),
                    ("adhoc_changed", "ad-hoc request changed"), ("adhoc_cancelled", "ad-hoc request cancelled"),
                    ("adhoc_withdrawn", "ad-hoc report no longer requested"),
                ],
                max_length=20,
            ),
        ),
    ]
