"""The media monitor's jobs: one poll per due source, claimed every minute."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def poll_source(source_id: int) -> None:
    from dantinh.media import polling

    polling.poll(source_id)


@db_periodic_task(crontab(minute="*"))
def poll_due_sources() -> None:
    """Queue a poll for each source that is due; each runs alone, so one broken source
    never stops the others."""
    from dantinh.media import polling

    for source_id in polling.claim_due():
        poll_source(source_id)
