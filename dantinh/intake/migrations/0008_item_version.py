import dantinh.intake.search
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("intake", "0007_default_lists"),
    ]

    operations = [
        migrations.AddField(
            model_name="item",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        # SQLite rebuilt intake_item for the new column, and dropped its triggers with it.
        dantinh.intake.search.EnsureSearchIndex(),
    ]
