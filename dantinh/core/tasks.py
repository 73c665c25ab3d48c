"""Periodic jobs of the core, and those not yet moved to the app they belong to. Each is a
thin wrapper of a service; a loop over units wraps each unit so that one failing unit does not
stop the rest. (Each app declares its own periodic jobs in its tasks module: intake's are in
dantinh/intake/tasks.py.)"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_periodic_task(crontab(minute="*/15"))
def send_reminders() -> None:
    """Reminders before and after each report deadline; each is sent once whatever the runs."""
    from dantinh.reporting import reminders

    reminders.run()


@db_task()
def seal_audit_trail() -> None:
    """Queued after each commit that wrote audit entries: link them into the chain."""
    from dantinh.core import audit

    audit.seal()


@db_periodic_task(crontab(minute="*"))
def seal_audit_trail_periodically() -> None:
    """Every minute: seal whatever a skipped or failed request left unsealed."""
    from dantinh.core import audit

    audit.seal()


@db_task()
def rotate_data_keys() -> None:
    """Re-encrypt every registered column under the newest data key (`dantinh keys rotate`)."""
    import logging

    from dantinh.core import crypto

    log = logging.getLogger("dantinh.keys")
    done = crypto.rotate(progress=lambda column, n, total: log.info("%s: %s/%s", column, n, total))
    log.info("data keys rotated: %s", done)
