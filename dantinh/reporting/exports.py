"""Exports of reports as Word, PDF or Excel: a job row with progress, run by the worker,
within the requester's scope, and audited."""

from __future__ import annotations

import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.language.normalize import fold
from dantinh.reporting import docbuild, policy
from dantinh.reporting.models import ExportJob, Submission

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_name(submission: Submission, fmt: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", fold(f"bao cao {submission.unit.name} {submission.period_key}")).strip("-")
    return f"{base[:120]}.{fmt}"


def render(document, fmt: str) -> bytes:
    """The documents package's renderers; raises its ConversionUnavailable for PDF without
    LibreOffice."""
    from dantinh.documents import render as renderers

    if fmt == "docx":
        return renderers.render_docx(document)
    if fmt == "pdf":
        return renderers.render_pdf(document)
    if fmt == "xlsx":
        return renderers.render_xlsx(document)
    raise ValidationError({"format": _("Unknown format.")})


@transaction.atomic
def export_start(*, actor, submission: Submission, fmt: str) -> ExportJob:
    """Queue an export of `submission`. Needs "report.export" on its unit."""
    if fmt not in CONTENT_TYPES:
        raise ValidationError({"format": _("Unknown format.")})
    if not policy.can_export(actor, submission.unit):
        raise PermissionDeniedError()
    job = ExportJob.objects.create(submission=submission, unit_path=submission.unit_path, format=fmt,
                                   requested_by=actor, file_name=file_name(submission, fmt))  # fmt: skip
    audit.record(actor=actor, action=audit.Action.EXPORT, obj=job, object_repr=f"{submission} ({fmt})",
                 note=f"submission {submission.pk}")  # fmt: skip
    from dantinh.reporting import tasks

    transaction.on_commit(lambda: tasks.run_export(job.pk))
    return job


def _progress(job: ExportJob, percent: int, status: str = ExportJob.Status.RUNNING) -> None:
    ExportJob.objects.filter(pk=job.pk).update(progress=percent, status=status)


def run(job: ExportJob) -> ExportJob:
    """Build the document, render it, keep the file; a failure is recorded on the job."""
    from dantinh.documents.render import ConversionFailed, ConversionUnavailable

    _progress(job, 10)
    try:
        submission = Submission.objects.select_related("unit", "schedule").get(pk=job.submission_id)
        document = docbuild.for_submission(submission)
        _progress(job, 40)
        content = render(document, job.format)
    except (ConversionUnavailable, ConversionFailed) as exc:  # their messages are for users
        return _finish(job, ExportJob.Status.FAILED, message=str(exc))
    except Exception as exc:  # recorded so that the failure is visible, not lost
        return _finish(job, ExportJob.Status.FAILED, message=_("The export failed: %(e)s") % {"e": str(exc)[:300]})
    _progress(job, 90)
    job.file.save(job.file_name, ContentFile(content), save=False)
    return _finish(job, ExportJob.Status.DONE, message=_("Ready to download."))


def _finish(job: ExportJob, status: str, *, message: str) -> ExportJob:
    job.status = status
    job.progress = 100
    job.message = message[:500]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "progress", "message", "file", "finished_at", "updated_at"])
    return job


def jobs_visible(user):
    from dantinh.org import policies

    return ExportJob.objects.filter(policies.scope_q(user, "report.export", "unit_path"))
