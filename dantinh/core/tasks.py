"""The core's jobs: sealing the audit trail and rotating the data keys. Each app declares its
own jobs, periodic ones included, in its tasks module (intake's, org's and reporting's)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


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
