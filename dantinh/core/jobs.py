"""Background jobs that always end: done, or failed with a message a person can read.

A job is a row (an import, an export, a retraining) with a `status`, a `message`, a
`finished_at` and the `updated_at` of `TimeStampedModel`. Each app registers its job models
here (`register`), and runs each job through `run`, which

- starts it only once (a job reaped or already run is left alone),
- turns anything the work raises — a bug, a hostile file that slipped through, a
  `MemoryError`, a `RecursionError` — into a failed job with a Vietnamese message, the error
  itself going to the log, not to the page;

and the work calls `heartbeat` as it progresses. A worker that dies (killed, out of memory,
the machine restarted) cannot fail its job, so the periodic `reap` fails the jobs that have
been running without a heartbeat for longer than their model allows, and those that have been
waiting far longer than any queue takes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger("dantinh.jobs")

PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
FINISHED = (DONE, FAILED)


@dataclass(frozen=True)
class JobKind:
    model: type[models.Model]
    # Running this long without a heartbeat means the worker that ran it is gone.
    stale_after: dt.timedelta
    # Waiting this long means no worker will ever take it.
    pending_after: dt.timedelta


_kinds: dict[str, JobKind] = {}

J = TypeVar("J", bound=models.Model)


def register(
    model: type[models.Model],
    *,
    stale_after: dt.timedelta = dt.timedelta(minutes=30),
    pending_after: dt.timedelta = dt.timedelta(hours=24),
) -> None:
    """Let the reaper watch `model`'s rows (called from the app's `ready()`)."""
    _kinds[model._meta.label_lower] = JobKind(model, stale_after, pending_after)


def registered() -> list[JobKind]:
    return list(_kinds.values())


def heartbeat(job: models.Model, **fields: Any) -> None:
    """Record progress (and that the worker is alive): `fields` and `updated_at` are saved
    on the row without touching its other columns."""
    now = timezone.now()
    type(job)._default_manager.filter(pk=job.pk).update(updated_at=now, **fields)
    for name, value in fields.items():
        setattr(job, name, value)
    job.updated_at = now


def start(job: models.Model, **fields: Any) -> bool:
    """Mark a waiting job as running; False when it is not waiting any more (already run, or
    reaped while the queue held it), in which case the worker must leave it alone."""
    now = timezone.now()
    started = (
        type(job)
        ._default_manager.filter(pk=job.pk, status=PENDING)
        .update(status=RUNNING, updated_at=now, **fields)
    )
    if started:
        job.status, job.updated_at = RUNNING, now
        for name, value in fields.items():
            setattr(job, name, value)
    return bool(started)


def fail(job: J, message: str) -> J:
    """End `job` as failed with `message` (for people: Vietnamese, no internals)."""
    now = timezone.now()
    fields = {"status": FAILED, "message": str(message)[:500], "finished_at": now}
    type(job)._default_manager.filter(pk=job.pk).update(updated_at=now, **fields)
    for name, value in fields.items():
        setattr(job, name, value)
    job.updated_at = now
    return job


def run(job: J, work: Callable[[J], J], *, failure: str | None = None) -> J:
    """Run `work(job)` for a waiting job; whatever it raises ends the job as failed.

    `work` ends the job itself when it succeeds or refuses the input with its own message;
    this catches what nobody foresaw. The exception and its traceback are logged with the
    job's id; the page says only `failure` (or a generic message)."""
    if not start(job):
        logger.info("%s %s is not waiting (%s): not run", job._meta.label, job.pk, job.status)
        return job
    try:
        return work(job)
    except Exception:  # MemoryError and RecursionError included
        logger.exception("%s %s failed", job._meta.label, job.pk)
        return fail(job, failure or _("The job failed because of an unexpected error."))


def reap(*, actor, now: dt.datetime | None = None) -> int:
    """Fail every registered job whose worker is gone: running with no heartbeat for longer
    than its kind's `stale_after`, or waiting for longer than its `pending_after`. Returns
    how many were failed; each is logged and recorded in the audit trail as `actor`'s (the
    system actor: the periodic job is `dantinh.org.tasks.reap_jobs`)."""
    from dantinh.core import audit

    now = now or timezone.now()
    reaped = 0
    for kind in registered():
        manager = kind.model._default_manager
        for status, after, message in (
            (
                RUNNING,
                kind.stale_after,
                _(
                    "The job stopped without finishing (the worker running it ended). Start it again."
                ),
            ),
            (
                PENDING,
                kind.pending_after,
                _("The job was never started by the worker. Start it again."),
            ),
        ):
            for job in manager.filter(status=status, updated_at__lt=now - after):
                with transaction.atomic():
                    changed = manager.filter(pk=job.pk, status=status).update(
                        status=FAILED, message=message, finished_at=now, updated_at=now
                    )
                    if not changed:  # it moved on meanwhile
                        continue
                    audit.record(
                        actor=actor,
                        action=audit.Action.UPDATE,
                        obj=job,
                        changes={"status": [status, FAILED]},
                        note="job reaped: no progress since " + job.updated_at.isoformat(),
                    )
                logger.warning(
                    "reaped %s %s (%s since %s)",
                    kind.model._meta.label,
                    job.pk,
                    status,
                    job.updated_at,
                )
                reaped += 1
    return reaped
