import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("intake", "0009_itementrytoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ItemExportJob",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                ("query", models.CharField(blank=True, max_length=1000, verbose_name="filters")),
                ("unit_path", models.CharField(blank=True, editable=False, max_length=255)),
                ("status", models.CharField(choices=[("pending", "waiting"), ("running", "running"), ("done", "done"), ("failed", "failed")], default="pending", max_length=10, verbose_name="status")),
                ("progress", models.PositiveSmallIntegerField(default=0, verbose_name="progress")),
                ("total_rows", models.PositiveIntegerField(default=0, verbose_name="rows")),
                ("message", models.CharField(blank=True, max_length=500, verbose_name="message")),
                ("file", models.FileField(blank=True, max_length=300, upload_to="exports/items/%Y/%m/", verbose_name="file")),
                ("file_name", models.CharField(blank=True, max_length=255, verbose_name="file name")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="finished at")),
                ("expires_at", models.DateTimeField(blank=True, null=True, verbose_name="available until")),
                ("requested_by", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "items export",
                "verbose_name_plural": "items exports",
                "ordering": ["-created_at"],
            },
        ),
    ]
