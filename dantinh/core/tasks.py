"""The core's jobs: sealing the audit trail (rotating the data keys is protection's job). Each app declares its
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
