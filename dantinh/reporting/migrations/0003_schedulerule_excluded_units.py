"""A schedule rule can leave out named units (the general-affairs desk among the departments)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0001_initial"),
        ("reporting", "0002_adhoc_request_cancel"),
    ]

    operations = [
        migrations.AddField(
            model_name="schedulerule",
            name="excluded_units",
            field=models.ManyToManyField(
                blank=True, help_text="Units that match the rule but do not owe the schedule.",
                related_name="+", to="org.unit", verbose_name="except these units",
            ),
        ),
    ]
