"""Intake's jobs on the task queue, thin wrappers of services, and its periodic jobs."""

import datetime as dt

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from dantinh.intake.models import ImportJob


@db_task()
def import_items(job_id: int) -> None:
    from dantinh.intake import imports

    imports.run(ImportJob.objects.select_related("unit", "created_by").get(pk=job_id))


@db_task()
def analyse_items(ids: list[int]) -> None:
    """The text features of items just written (`intake.features`)."""
    from dantinh.intake import features

    features.store(ids)


@db_task()
def retrain_model(job_id: int) -> None:
    from dantinh.intake import training
    from dantinh.intake.models import TrainingJob

    training.run(TrainingJob.objects.get(pk=job_id))


@db_task()
def export_items(job_id: int) -> None:
    from dantinh.intake import exports
    from dantinh.intake.models import ItemExportJob

    exports.run(ItemExportJob.objects.select_related("requested_by").get(pk=job_id))


@db_periodic_task(crontab(day_of_week="0", hour="2", minute="30"))
def retrain_language_model() -> None:
    """Sunday night: retrain the language model if people corrected its suggestions."""
    from dantinh.intake import training

    training.retrain_if_corrected()


@db_periodic_task(crontab(hour="3", minute="10"))
def clean_up() -> None:
    """Every night: delete the files of expired exports, and the entry forms' one-time tokens
    once no one can send their form twice any more."""
    from django.utils import timezone

    from dantinh.intake import exports
    from dantinh.intake.models import ItemEntryToken

    exports.purge_expired()
    ItemEntryToken.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=2)).delete()
