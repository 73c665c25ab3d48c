"""Rotating the data keys in the background, as a job row with progress (issue 14, part 1).

`dantinh keys rotate`, or the Keys page, queues a `KeyRotationJob`; the worker re-encrypts
every column registered with `crypto.register_rotation` under the newest key, in short
transactions while the application keeps running (`crypto.rotate`), and reports its progress
on the row. The keys themselves never pass through here: they come from the environment.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit, crypto, jobs
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.org.actors import require_actor
from dantinh.org.models import User
from dantinh.protection import policy
from dantinh.protection.models import JobStatus, KeyRotationJob


def rotation_start(*, actor: User, queue: bool = True) -> KeyRotationJob:
    """Queue a rotation (`queue=False`: the caller runs it). Needs "protection.manage" over the whole deployment; refused while
    another rotation waits or runs."""
    require_actor(actor)
    if not policy.can_manage(actor):
        raise PermissionDeniedError()
    if KeyRotationJob.objects.filter(status__in=[JobStatus.PENDING, JobStatus.RUNNING]).exists():
        raise ValidationError(_("A rotation is already under way."))
    job = KeyRotationJob.objects.create(requested_by=actor)
    audit.record(actor=actor, action=audit.Action.CREATE, obj=job, object_repr=str(job))
    if queue:
        from dantinh.protection import tasks

        transaction.on_commit(lambda: tasks.rotate_keys(job.pk))
    return job


def run(job: KeyRotationJob, *, batch: int = 1000) -> KeyRotationJob:
    return jobs.run(
        job,
        lambda j: _work(j, batch=batch),
        failure=_("The rotation stopped because of an unexpected error. Start it again."),
    )


def _work(job: KeyRotationJob, *, batch: int) -> KeyRotationJob:
    total = sum(model.objects.count() for model, _field in crypto.ROTATED)
    jobs.heartbeat(job, rows_total=total)
    seen: dict[str, int] = {}  # rows re-encrypted so far, per column

    def progress(column: str, n: int, _column_total: int) -> None:
        seen[column] = n
        done = sum(seen.values())
        jobs.heartbeat(
            job,
            rows_done=done,
            columns=dict(seen),
            progress=min(99, round(100 * done / total)) if total else 0,
        )

    done = crypto.rotate(batch=batch, progress=progress)
    jobs.heartbeat(
        job,
        status=JobStatus.DONE,
        progress=100,
        rows_done=sum(done.values()),
        columns=done,
        finished_at=timezone.now(),
        message=_("%(n)s rows are now under the newest key.") % {"n": sum(done.values())},
    )
    return job


def status() -> list[dict]:
    """Per encrypted column: rows readable with the newest key alone, and rows."""
    return [
        {"column": column, "newest": ok, "total": total, "complete": ok == total}
        for column, (ok, total) in crypto.newest_key_share().items()
    ]
