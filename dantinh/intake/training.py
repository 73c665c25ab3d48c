"""Retraining the language model on the deployment's corrections: wherever a person chose
other labels than the model suggested, the item becomes a training example."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit, jobs
from dantinh.core.errors import PermissionDeniedError
from dantinh.intake.models import Item, TrainingJob
from dantinh.language.classify.corpus import read_seed
from dantinh.language.classify.item import publish, train_item_model
from dantinh.org import policies
from dantinh.org.actors import require_actor, system_actor
from dantinh.org.models import User

logger = logging.getLogger(__name__)


def _final_codes(item: Item) -> dict[str, str | None]:
    return {
        "field": item.field.code,
        "kind": item.kind.code,
        "mood": item.mood.code if item.mood else None,
        "authority": item.authority.code if item.authority else None,
    }


def corrections(since: dt.datetime | None = None) -> list[dict]:
    """Examples from items whose labels a person set otherwise than the model suggested
    (`Item.label_corrected`, kept by the item services); each carries every final label."""
    items = (
        Item.objects.filter(label_corrected=True)
        .select_related("field", "kind", "mood", "authority")
        .prefetch_related("secondary_fields")
        .order_by("id")
    )
    if since is not None:
        items = items.filter(updated_at__gte=since)
    return [
        {
            "text": item.text,
            **_final_codes(item),
            "secondary_fields": [f.code for f in item.secondary_fields.all()],
        }
        for item in items.iterator(chunk_size=1000)
    ]


def corrections_count() -> int:
    return Item.objects.filter(label_corrected=True).count()


@transaction.atomic
def training_start(*, actor: User) -> TrainingJob:
    """Queue a retraining. Needs "taxonomy.manage" at a root unit (the model serves, and is
    trained on, the whole deployment)."""
    require_actor(actor)
    from dantinh.intake import tasks

    if not policies.holds_at_root(actor, "taxonomy.manage"):
        raise PermissionDeniedError()
    job = TrainingJob.objects.create(requested_by=actor)
    audit.record(actor=actor, action=audit.Action.CREATE, obj=job, note="language model retraining")
    transaction.on_commit(lambda: tasks.retrain_model(job.pk))
    return job


def run(job: TrainingJob) -> TrainingJob:
    """The worker's part: train on the seed plus every correction so far, publish, record the
    versions. The job always ends (`core.jobs`); on failure the current model stays."""
    return jobs.run(
        job, _train, failure=_("The retraining failed; the current model stays in service.")
    )


def _train(job: TrainingJob) -> TrainingJob:
    from dantinh.intake.labelling import item_model, model_seed

    jobs.heartbeat(job, progress=10)
    try:
        previous = item_model().version
        examples = corrections()
        jobs.heartbeat(job, progress=30, corrections=len(examples))
        model = train_item_model(examples, base=read_seed(model_seed()))
        publish(model, settings.DANTINH_MODEL_DIR)
    except Exception:  # the job row must say so; the current model stays in service
        logger.exception("training job %s failed", job.pk)
        job.status = TrainingJob.Status.FAILED
        job.message = _("The retraining failed; the current model stays in service.")
    else:
        job.status = TrainingJob.Status.DONE
        job.corrections, job.model_version, job.previous_version = (
            len(examples),
            model.version,
            previous,
        )
        job.message = _("Trained on the seed corpus and %(n)s corrections.") % {"n": len(examples)}
    job.progress, job.finished_at = 100, timezone.now()
    job.save()
    audit.record(
        actor=job.requested_by or system_actor(),
        action=audit.Action.UPDATE,
        obj=job,
        changes={
            "status": [None, job.status],
            "model_version": [job.previous_version, job.model_version],
        },
    )
    return job


def retrain_if_corrected() -> TrainingJob | None:
    """The periodic job: retrain when people corrected suggestions since the last training."""
    last = (
        TrainingJob.objects.filter(status=TrainingJob.Status.DONE).order_by("-created_at").first()
    )
    if last is not None and not corrections(since=last.created_at):
        return None
    job = TrainingJob.objects.create(requested_by=system_actor())
    return run(job)
