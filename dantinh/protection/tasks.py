"""Data protection's jobs: thin wrappers of the services, and the nightly purge."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def rotate_keys(job_id: int) -> None:
    from dantinh.protection import keys
    from dantinh.protection.models import KeyRotationJob

    keys.run(KeyRotationJob.objects.get(pk=job_id))


@db_task()
def purge(run_id: int) -> None:
    from dantinh.protection import retention
    from dantinh.protection.models import PurgeRun

    retention.run(PurgeRun.objects.get(pk=run_id))


@db_periodic_task(crontab(hour="3", minute="40"))
def purge_nightly() -> None:
    """Every night: delete what has outlived its retention period."""
    from dantinh.protection import retention

    retention.purge_now()


@db_periodic_task(crontab(minute="5"))
def remind_breaches() -> None:
    """Every hour: remind the administrators of breaches whose 72-hour clock runs."""
    from dantinh.protection import breaches

    breaches.remind()


@db_periodic_task(crontab(hour="7", minute="30"))
def remind_requests() -> None:
    """Every morning: remind the handlers of data subjects' requests of their deadlines."""
    from dantinh.protection import requests

    requests.remind()
