from django.db import migrations, models

from dantinh.intake.search import EnsureSearchIndex


class Migration(migrations.Migration):
    dependencies = [("intake", "0011_importjob_review")]

    operations = [
        migrations.AddIndex(
            model_name="item",
            index=models.Index(
                fields=["observed_on", "unit_path", "field", "kind", "mood", "id"],
                name="item_when_idx",
            ),
        ),
        EnsureSearchIndex(),
    ]
