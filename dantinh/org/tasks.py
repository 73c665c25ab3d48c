"""Periodic jobs of org: background work that acts as the system actor."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/5"))
def reap_jobs() -> None:
    """Fail the jobs (imports, exports, retrainings of every app) whose worker died, as the
    system actor: no job stays "running" for ever (`dantinh.core.jobs`)."""
    from dantinh.core import jobs
    from dantinh.org.actors import system_actor

    jobs.reap(actor=system_actor())
