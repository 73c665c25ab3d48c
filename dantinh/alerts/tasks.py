"""The alerts' periodic job: run every registered detector."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="20", hour="*/3"))
def run_detectors() -> None:
    """Every three hours: what each detector finds is raised once (the unique window makes a
    second run a no-op)."""
    from django.utils import timezone

    from dantinh.alerts import services
    from dantinh.org.actors import system_actor

    services.run_detectors(actor=system_actor(), today=timezone.localdate())
