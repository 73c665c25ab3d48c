from huey.contrib.djhuey import db_task

from dantinh.intake import imports
from dantinh.intake.models import ImportJob


@db_task()
def import_items(job_id: int) -> None:
    job = ImportJob.objects.select_related("unit", "created_by").get(pk=job_id)
    imports.run(job)


@db_task()
def retrain_model(job_id: int) -> None:
    from dantinh.intake import training
    from dantinh.intake.models import TrainingJob

    training.run(TrainingJob.objects.get(pk=job_id))
