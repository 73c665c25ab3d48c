"""The reporting jobs on the task queue, thin wrappers of services, and reporting's periodic
jobs (each app declares its own)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from dantinh.reporting import exports
from dantinh.reporting.models import ExportJob


@db_task()
def run_export(job_id: int) -> None:
    exports.run(ExportJob.objects.get(pk=job_id))


@db_task()
def deliver_reminder(reminder_id: int) -> None:
    """Tell a unit about a reminder or a chase (in the application and by e-mail)."""
    from dantinh.reporting import reminders

    reminders.deliver(reminder_id)


@db_task()
def tell_adhoc(request_id: int, kind: str, unit_ids: list[int]) -> None:
    """Tell units that an ad-hoc report is requested of them, changed, cancelled or no longer
    asked of them."""
    from dantinh.org.models import Unit
    from dantinh.reporting import config_services, reminders
    from dantinh.reporting.models import AdHocRequest

    request = AdHocRequest.objects.filter(pk=request_id).first()
    if request is None or not unit_ids:
        return
    reminders.tell_adhoc(
        request=request,
        schedule=config_services.adhoc_schedule(),
        kind=kind,
        units=list(Unit.objects.filter(pk__in=unit_ids).order_by("path")),
    )


@db_periodic_task(crontab(minute="*/15"))
def send_reminders() -> None:
    """Reminders before and after each report deadline (each decided once whatever the runs),
    and the e-mails that failed, tried again."""
    from dantinh.reporting import reminders

    reminders.run()


@db_periodic_task(crontab(minute="*/15"))
def close_periods() -> None:
    """Write the timeliness states of the periods whose cutoff has just passed."""
    from django.utils import timezone

    from dantinh.reporting import period_states

    period_states.close_due(now=timezone.now())


@db_periodic_task(crontab(minute="10", hour="3"))
def reclose_periods() -> None:
    """Every night the latest twelve periods of each schedule again: a changed rule or a unit
    retired with a past date shows in the matrix by morning (`report states --rebuild` for
    older ones)."""
    from django.utils import timezone

    from dantinh.reporting import period_states

    period_states.close_due(now=timezone.now(), back=12, again=True)
