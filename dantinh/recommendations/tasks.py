"""Recommendations' periodic job: the reminders before and after deadlines."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from dantinh.org.actors import system_actor


@db_periodic_task(crontab(minute="7"))
def remind_recommendations() -> None:
    from dantinh.recommendations.reminders import send_reminders

    send_reminders(actor=system_actor())


@db_periodic_task(crontab(hour="2", minute="37"))
def rebuild_rollups() -> None:
    """The roll-ups are kept current by every transition; recomputing them nightly repairs
    what a change outside the services (a unit merged, a row edited by hand) left behind."""
    from dantinh.recommendations.rollup import rebuild

    rebuild()
