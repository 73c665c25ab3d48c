"""Retention and real deletion (SPEC §11; Law 91/2025/QH15, Art. 14: data are deleted once the
purpose is met or the retention period ends).

Each kind of data has a rule (`RetentionRule`: how many days, counted from what) and a purger
here that deletes for real what is older: database rows (with their search index entries,
which the database's own triggers or generated columns drop with the row), stored files, and
the audit trail's values about a deleted object (crypto-shredding, `audit.erase`). A purge is a
job row (`PurgeRun`) that records how many of each kind it deleted, never what they said.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit, jobs
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.intake import services as item_services
from dantinh.intake.models import ImportJob, Item, ItemAttachment, ItemExportJob
from dantinh.org.actors import require_actor, system_actor
from dantinh.org.models import User
from dantinh.protection import defaults, policy, requests
from dantinh.protection.models import JobStatus, PurgeRun, RetentionRule
from dantinh.recommendations.complainants import complainant_set
from dantinh.recommendations.models import Complainant, Recommendation
from dantinh.reporting.models import ExportJob, Notification

logger = logging.getLogger(__name__)
Kind = RetentionRule.Kind
BATCH = 200


def seed() -> int:
    return defaults.seed_retention(RetentionRule)


# --- purgers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Purger:
    # (cutoff) -> how many would go, without deleting
    count: Callable[[dt.datetime], int]
    # (actor, cutoff, tick) -> how many were deleted; tick(n) reports progress
    purge: Callable[..., int]


PURGERS: dict[str, Purger] = {}


def register_purger(kind: str, purger: Purger) -> None:
    PURGERS[kind] = purger


def _in_batches(ids: list[int], work: Callable[[list[int]], int], tick) -> int:
    done = 0
    for start in range(0, len(ids), BATCH):
        done += work(ids[start : start + BATCH])
        tick(done)
    return done


def _delete_files(files) -> None:
    for stored in files:
        try:
            stored.delete(save=False)
        except OSError:
            logger.exception("could not delete %s", stored.name)


# Items: the row, its attachments' files, its search entry (dropped with the row by the
# database) and every value the trail holds about it (item_delete erases them).
def _old_items(cutoff: dt.datetime):
    return Item.objects.filter(observed_on__lt=timezone.localtime(cutoff).date())


def _purge_items(actor, cutoff: dt.datetime, tick) -> int:
    def work(ids: list[int]) -> int:
        deleted = 0
        for item in Item.objects.filter(pk__in=ids):
            try:
                with transaction.atomic():
                    item_services.item_delete(actor=actor, item=item)
                deleted += 1
            except ProtectedError:  # something still needs it (a case, a recommendation)
                logger.info("item %s is still referred to: kept", item.pk)
        return deleted

    return _in_batches(list(_old_items(cutoff).values_list("pk", flat=True)), work, tick)


def _old_attachments(cutoff: dt.datetime):
    return ItemAttachment.objects.filter(uploaded_at__lt=cutoff)


def _drop_files(actor, rows, *, note: str, remove, owner=lambda row: row) -> int:
    """Delete the files of `rows` after the commit, `remove` their rows (or file columns) now,
    and record it on each row's owner in the trail, naming no file."""
    with transaction.atomic():
        for row in rows:
            target = owner(row)
            audit.record(
                actor=actor,
                action=audit.Action.UPDATE,
                obj=target,
                object_repr=f"#{target.pk}",
                note=note,
            )
        remove([r.pk for r in rows])
        files = [r.file for r in rows]
        transaction.on_commit(lambda: _delete_files(files))
    return len(rows)


def _purge_attachments(actor, cutoff: dt.datetime, tick) -> int:
    def work(ids: list[int]) -> int:
        return _drop_files(
            actor,
            list(ItemAttachment.objects.filter(pk__in=ids).select_related("item")),
            note="attachment deleted: retention period over",
            remove=lambda pks: ItemAttachment.objects.filter(pk__in=pks).delete(),
            owner=lambda row: row.item,
        )

    return _in_batches(list(_old_attachments(cutoff).values_list("pk", flat=True)), work, tick)


# Uploaded spreadsheets: the file goes, and the row's errors and labels to check, which quote
# the sheet's cells; the row stays as the record that an import was made.
def _old_imports(cutoff: dt.datetime):
    return ImportJob.objects.filter(created_at__lt=cutoff, status__in=jobs.FINISHED).exclude(
        file=""
    )


def _purge_imports(actor, cutoff: dt.datetime, tick) -> int:
    def work(ids: list[int]) -> int:
        return _drop_files(
            actor,
            list(ImportJob.objects.filter(pk__in=ids)),
            note="uploaded file deleted: retention period over",
            remove=lambda pks: ImportJob.objects.filter(pk__in=pks).update(
                file="", errors=[], review=[]
            ),
        )

    return _in_batches(list(_old_imports(cutoff).values_list("pk", flat=True)), work, tick)


# Generated exports: the items' spreadsheets and the reports' documents.
EXPORT_MODELS = (ItemExportJob, ExportJob)


def _old_exports(model, cutoff: dt.datetime):
    return model.objects.filter(created_at__lt=cutoff, status__in=jobs.FINISHED).exclude(file="")


def _purge_exports(actor, cutoff: dt.datetime, tick) -> int:
    total = 0
    for model in EXPORT_MODELS:

        def work(ids: list[int], model=model) -> int:
            return _drop_files(
                actor,
                list(model.objects.filter(pk__in=ids)),
                note="export file deleted: retention period over",
                remove=lambda pks: model.objects.filter(pk__in=pks).update(file=""),
            )

        ids = list(_old_exports(model, cutoff).values_list("pk", flat=True))
        total += _in_batches(ids, work, lambda n, base=total: tick(base + n))
    return total


def _purge_notifications(actor, cutoff: dt.datetime, tick) -> int:
    deleted, _detail = Notification.objects.filter(created_at__lt=cutoff).delete()
    tick(deleted)
    return deleted


# Copies of e-mails written to files (no SMTP configured) and log files under var/.
def _log_dirs() -> list[Path]:
    dirs = [Path(settings.VAR_DIR) / "log"]
    mail = getattr(settings, "EMAIL_FILE_PATH", None)
    if mail:
        dirs.append(Path(mail))
    return [d for d in dirs if d.is_dir()]


def _old_log_files(cutoff: dt.datetime) -> list[Path]:
    limit = cutoff.timestamp()
    return [
        path
        for folder in _log_dirs()
        for path in folder.iterdir()
        if path.is_file() and path.stat().st_mtime < limit
    ]


def _purge_logs(actor, cutoff: dt.datetime, tick) -> int:
    deleted = 0
    for path in _old_log_files(cutoff):
        try:
            os.remove(path)
            deleted += 1
        except OSError:
            logger.exception("could not delete %s", path)
    tick(deleted)
    return deleted


register_purger(Kind.ITEMS, Purger(lambda c: _old_items(c).count(), _purge_items))
register_purger(Kind.ATTACHMENTS, Purger(lambda c: _old_attachments(c).count(), _purge_attachments))
register_purger(Kind.IMPORT_FILES, Purger(lambda c: _old_imports(c).count(), _purge_imports))
register_purger(
    Kind.EXPORTS,
    Purger(lambda c: sum(_old_exports(m, c).count() for m in EXPORT_MODELS), _purge_exports),
)
register_purger(
    Kind.NOTIFICATIONS,
    Purger(lambda c: Notification.objects.filter(created_at__lt=c).count(), _purge_notifications),
)


# Complainants: who complained is erased once the recommendation is resolved for good and the
# period has passed (the row goes, and every value the trail held about it is shredded).
def _old_complainants(cutoff: dt.datetime):
    return Complainant.objects.filter(
        recommendation__state=Recommendation.State.RESOLVED,
        recommendation__resolved_on__lt=timezone.localtime(cutoff).date(),
    )


def _purge_complainants(actor, cutoff: dt.datetime, tick) -> int:
    def work(ids: list[int]) -> int:
        recs = Recommendation.objects.filter(complainant__pk__in=ids)
        with transaction.atomic():
            for rec in recs:
                complainant_set(actor=actor, rec=rec)  # all values empty: removed and shredded
        return len(ids)

    return _in_batches(list(_old_complainants(cutoff).values_list("pk", flat=True)), work, tick)


register_purger(
    Kind.COMPLAINANT, Purger(lambda c: _old_complainants(c).count(), _purge_complainants)
)
register_purger(Kind.LOGS, Purger(lambda c: len(_old_log_files(c)), _purge_logs))
register_purger(
    Kind.REQUESTS,
    Purger(
        requests.erasable_count,
        lambda actor, cutoff, tick: requests.erase_identities(
            actor=actor, closed_before=cutoff, tick=tick
        ),
    ),
)


# --- rules, preview and runs ---------------------------------------------------------------


def cutoff_of(rule: RetentionRule, now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=rule.keep_days)


def rules() -> list[RetentionRule]:
    found = {r.kind: r for r in RetentionRule.objects.all()}
    return [found[k] for k in Kind.values if k in found]


def preview(now: dt.datetime | None = None) -> dict[str, int | None]:
    """{kind: how many the next purge would delete} (None: no purger for that kind yet)."""
    result: dict[str, int | None] = {}
    for rule in rules():
        purger = PURGERS.get(rule.kind)
        result[rule.kind] = purger.count(cutoff_of(rule, now)) if purger and rule.enabled else None
    return result


MIN_DAYS = 1
MAX_DAYS = 100 * 365


def rule_update(
    *, actor: User, rule: RetentionRule, keep_days: int, enabled: bool, basis: str
) -> RetentionRule:
    """Change a retention period. Needs "protection.manage" over the whole deployment."""
    require_actor(actor)
    if not policy.can_manage(actor):
        raise PermissionDeniedError()
    if not MIN_DAYS <= keep_days <= MAX_DAYS:
        raise ValidationError(
            {
                "keep_days": _("Enter a number of days between %(low)s and %(high)s.")
                % {"low": MIN_DAYS, "high": MAX_DAYS}
            }
        )
    with transaction.atomic():
        rule = RetentionRule.objects.select_for_update().get(pk=rule.pk)
        old = audit.snapshot(rule, ["keep_days", "enabled", "basis"])
        rule.keep_days, rule.enabled, rule.basis = keep_days, enabled, basis.strip()[:300]
        rule.save()
        changes = audit.diff(old, audit.snapshot(rule, ["keep_days", "enabled", "basis"]))
        if changes:
            audit.record(actor=actor, action=audit.Action.UPDATE, obj=rule, changes=changes)
    return rule


def purge_start(*, actor: User) -> PurgeRun:
    """Queue a purge now (it also runs every night). Needs "protection.manage"."""
    require_actor(actor)
    if not policy.can_manage(actor):
        raise PermissionDeniedError()
    if PurgeRun.objects.filter(status__in=[JobStatus.PENDING, JobStatus.RUNNING]).exists():
        raise ValidationError(_("A purge is already under way."))
    run = PurgeRun.objects.create(requested_by=actor)
    audit.record(actor=actor, action=audit.Action.CREATE, obj=run, object_repr=str(run))
    from dantinh.protection import tasks

    transaction.on_commit(lambda: tasks.purge(run.pk))
    return run


def run(run: PurgeRun, *, now: dt.datetime | None = None) -> PurgeRun:
    """Delete, for every enabled rule, what is older than its period (a job: `jobs.run`)."""
    return jobs.run(
        run,
        lambda r: _work(r, now=now),
        failure=_("The purge stopped because of an unexpected error; what it had deleted is gone."),
    )


def _work(run: PurgeRun, *, now: dt.datetime | None) -> PurgeRun:
    actor = system_actor()
    todo = [r for r in rules() if r.enabled and r.kind in PURGERS]
    counts: dict[str, int] = {}
    for index, rule in enumerate(todo):

        def tick(n: int, kind=rule.kind, index=index) -> None:
            jobs.heartbeat(
                run,
                counts={**counts, kind: n},
                progress=min(99, round(100 * index / max(1, len(todo)))),
            )

        counts[rule.kind] = PURGERS[rule.kind].purge(actor, cutoff_of(rule, now), tick)
        jobs.heartbeat(run, counts=dict(counts))
    with transaction.atomic():
        jobs.heartbeat(
            run,
            status=JobStatus.DONE,
            progress=100,
            counts=counts,
            finished_at=timezone.now(),
            message=_("Deleted: %(n)s.") % {"n": sum(counts.values())},
        )
        # What was purged, in counts only: never what it said.
        audit.record(
            actor=actor,
            action=audit.Action.DELETE,
            obj=run,
            object_repr=str(run),
            changes={kind: [n, 0] for kind, n in counts.items() if n},
            note="retention purge",
        )
    return run


def purge_now(*, now: dt.datetime | None = None) -> PurgeRun:
    """The nightly purge (and `dantinh purge`): a run by the system actor, here and now."""
    purge = PurgeRun.objects.create(requested_by=system_actor())
    return run(purge, now=now)
