"""An export job names its unit, schedule and period, so that a report without a saved
submission can be exported (drafted when the job runs). Existing jobs take them from their
submission."""

import django.db.models.deletion
from django.db import migrations, models


def from_submissions(apps, schema_editor):
    ExportJob = apps.get_model("reporting", "ExportJob")
    for job in ExportJob.objects.select_related("submission").iterator():
        job.unit_id = job.submission.unit_id
        job.schedule_id = job.submission.schedule_id
        job.period_key = job.submission.period_key
        job.save(update_fields=["unit", "schedule", "period_key"])


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0001_initial"),
        ("reporting", "0003_schedulerule_excluded_units"),
    ]

    operations = [
        migrations.AlterField(
            model_name="exportjob",
            name="submission",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="exports",
                to="reporting.submission",
            ),
        ),
        migrations.AddField(
            model_name="exportjob",
            name="unit",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="org.unit",
                verbose_name="unit",
            ),
        ),
        migrations.AddField(
            model_name="exportjob",
            name="schedule",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+",
                to="reporting.schedule", verbose_name="schedule",
            ),
        ),
        migrations.AddField(
            model_name="exportjob",
            name="period_key",
            field=models.CharField(blank=True, max_length=20, verbose_name="period"),
        ),
        migrations.RunPython(from_submissions, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="exportjob",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="org.unit", verbose_name="unit",
            ),
        ),
    ]
