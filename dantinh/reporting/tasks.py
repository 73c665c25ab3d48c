"""The reporting jobs on the task queue. Every periodic job of reporting is declared here;
each is a thin wrapper of a service."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from dantinh.reporting import exports, reminders
from dantinh.reporting.models import ExportJob


@db_periodic_task(crontab(minute="*/15"))
def send_reminders() -> None:
    """Reminders before and after each deadline; each is sent once whatever the runs."""
    reminders.run()


@db_task()
def run_export(job_id: int) -> None:
    exports.run(ExportJob.objects.get(pk=job_id))
