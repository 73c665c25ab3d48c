"""Exports of reports as Word, PDF or Excel: a job row with progress, run by the worker,
within the requester's scope, and audited.

A job exports a saved submission, or the report of a unit for a schedule and period that has
none yet: the worker drafts it in memory when the job runs, exactly as `dantinh report
export` does (`docbuild.for_period`). Its content is the unit's (drafted within the unit's
coverage, as anyone drafting that unit and period would get it); the file is its requester's
alone, and the requester's right to export the unit is checked again when the job runs."""

from __future__ import annotations

import io
import logging
import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit, jobs
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.language.normalize import fold
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User
from dantinh.reporting import docbuild, policy
from dantinh.reporting.models import ExportJob, Schedule, Submission
from dantinh.reporting.periods import PeriodError, resolve

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_name(submission: Submission, fmt: str) -> str:
    return unit_file_name(submission.unit, submission.period_key, fmt)


def unit_file_name(unit: Unit, period_key: str, fmt: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", fold(f"bao cao {unit.name} {period_key}")).strip("-")
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


def _queue(job: ExportJob) -> None:
    from dantinh.reporting import tasks

    transaction.on_commit(lambda: tasks.run_export(job.pk))


@transaction.atomic
def export_start(*, actor: User, submission: Submission, fmt: str) -> ExportJob:
    """Queue an export of `submission`. Needs "report.export" on its unit."""
    require_actor(actor)
    if fmt not in CONTENT_TYPES:
        raise ValidationError({"format": _("Unknown format.")})
    if not policy.can_export(actor, submission.unit):
        raise PermissionDeniedError()
    job = ExportJob.objects.create(
        submission=submission,
        unit=submission.unit,
        schedule=submission.schedule,
        period_key=submission.period_key,
        unit_path=submission.unit_path,
        format=fmt,
        requested_by=actor,
        file_name=file_name(submission, fmt),
    )
    audit.record(
        actor=actor,
        action=audit.Action.EXPORT,
        obj=job,
        object_repr=f"{submission} ({fmt})",
        note=f"submission {submission.pk}",
    )
    _queue(job)
    return job


@transaction.atomic
def export_start_for_period(
    *, actor: User, unit: Unit, schedule: Schedule, period_key: str, fmt: str
) -> ExportJob:
    """Queue an export of `unit`'s report for `schedule` and `period_key`, saved or not: with
    no saved submission, the report is drafted from the unit's coverage when the job runs, and
    nothing is saved. Needs "report.export" on the unit and a period the actor may know of
    (an ad-hoc request of theirs); raises ValidationError for a period that does not exist."""
    require_actor(actor)
    from dantinh.reporting.selectors import period_get

    if fmt not in CONTENT_TYPES:
        raise ValidationError({"format": _("Unknown format.")})
    if not policy.can_export(actor, unit):
        raise PermissionDeniedError()
    try:
        period = period_get(user=actor, schedule=schedule, key=period_key)
    except PeriodError as exc:
        raise ValidationError({"period": str(exc)}) from exc
    submission = Submission.objects.filter(
        unit=unit, schedule=schedule, period_key=period.key
    ).first()
    if submission is not None:
        return export_start(actor=actor, submission=submission, fmt=fmt)
    job = ExportJob.objects.create(
        unit=unit,
        schedule=schedule,
        period_key=period.key,
        unit_path=unit.path,
        format=fmt,
        requested_by=actor,
        file_name=unit_file_name(unit, period.key, fmt),
    )
    audit.record(
        actor=actor,
        action=audit.Action.EXPORT,
        obj=job,
        object_repr=f"{unit}: {schedule} {period.label} ({fmt})",
        note=f"unit {unit.pk}, {schedule.slug} {period.key}, drafted on the fly",
    )
    _queue(job)
    return job


def _progress(
    job: ExportJob, percent: int, status: str = ExportJob.Status.RUNNING, message: str = ""
) -> None:
    jobs.heartbeat(job, progress=percent, status=status, message=message[:500])


def run(job: ExportJob) -> ExportJob:
    """Build the document, render it, keep the file; a failure is recorded on the job, and
    the job always ends (`core.jobs`)."""
    return jobs.run(job, _run, failure=_("The export failed; try again later."))


def _run(job: ExportJob) -> ExportJob:
    from dantinh.documents.render import ConversionFailed, ConversionUnavailable

    _progress(job, 10)
    try:
        document = _document(job)
        _progress(job, 40)
        content = render(document, job.format)
    except (ConversionUnavailable, ConversionFailed, PermissionDeniedError) as exc:
        return _finish(job, ExportJob.Status.FAILED, message=str(exc))  # written for users
    except Exception as exc:  # recorded so that the failure is visible, not lost
        logger.exception("export %s failed", job.pk)
        return _finish(
            job,
            ExportJob.Status.FAILED,
            message=_("The export failed: %(e)s") % {"e": str(exc)[:300]},
        )
    _progress(job, 90)
    job.file.save(job.file_name, ContentFile(content), save=False)
    return _finish(job, ExportJob.Status.DONE, message=_("Ready to download."))


def _document(job: ExportJob):
    if job.submission_id is not None:
        submission = Submission.objects.select_related("unit", "schedule").get(pk=job.submission_id)
        return docbuild.for_submission(submission)
    # Drafted on the fly: the requester may have lost the unit since the job was queued.
    if not policy.can_export(job.requested_by, job.unit):
        raise PermissionDeniedError(_("You can no longer export this unit's reports."))
    # The period was checked against the requester's knowledge when the job was queued.
    period = resolve(job.schedule, job.period_key)
    _progress(
        job, 15, message=_("Drafting the report from the period's items and the reports below…")
    )
    document, _saved = docbuild.for_period(
        unit=job.unit, schedule=job.schedule, period=period, user=job.requested_by
    )
    return document


def _finish(job: ExportJob, status: str, *, message: str) -> ExportJob:
    job.status = status
    job.progress = 100
    job.message = message[:500]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "progress", "message", "file", "finished_at", "updated_at"])
    return job


def jobs_visible(user):
    """Exports of saved reports within the user's export scope; an export drafted on the fly
    is its requester's alone (nobody else asked for that moment's draft), though its content
    is the unit's."""
    from django.db.models import Q

    from dantinh.org import policies

    scoped = ExportJob.objects.filter(policies.scope_q(user, "report.export", "unit_path"))
    return scoped.filter(Q(submission__isnull=False) | Q(requested_by=user))


STATE_WORDS = {
    "on_time": "đúng hạn",
    "late": "muộn",
    "returned": "bị trả lại, chưa gửi lại",
    "missing": "chưa nộp",
    "open": "chưa đến hạn",
}


def timeliness_xlsx(*, actor: User, schedule, root: Unit, periods, now, sort: str = "worst"):
    """The timeliness matrix of `root`'s units for `periods`, within `actor`'s "report.view"
    scope, as an Excel workbook (bytes, file name); audited as an export. A unit's cell says
    its state; a group's cell its reports submitted and on time of those expected. Every
    text goes through `cells.safe_row`: unit names never become formulas."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from dantinh.core.cells import safe_row
    from dantinh.reporting import timeliness

    require_actor(actor)
    if not policy.can_view(actor, root):
        raise PermissionDeniedError()
    table = timeliness.matrix(
        user=actor, schedule=schedule, root=root, periods=periods, now=now, sort=sort
    )

    def rates_text(rates) -> str:
        if not rates.expected:
            return ""
        return (
            f"nộp {rates.submitted}/{rates.expected} ({rates.rate}%); "
            f"đúng hạn {rates.on_time}/{rates.expected} ({rates.on_time_rate}%)"
        )

    wb = Workbook()
    ws = wb.active
    ws.title = "Tình hình nộp báo cáo"
    ws.append(safe_row([f"Tình hình nộp báo cáo: {root.full_name}"]))
    ws.append(safe_row([schedule.name]))
    last = table.last_due
    if last is not None:
        ws.append(safe_row([f"{last[0].label}: {last[1].sentence()}"]))
    ws.append([])
    header = ["Đơn vị", *[p.label for p in periods], "Đã nộp (các kỳ đã đến hạn)", "Đúng hạn"]
    ws.append(safe_row(header))
    header_row = ws.max_row
    for row in table.rows:
        cells = [
            rates_text(c) if hasattr(c, "expected") else STATE_WORDS[c.state] for c in row.cells
        ]
        total = row.total
        ws.append(
            safe_row(
                [
                    row.unit.full_name,
                    *cells,
                    total.rate / 100 if total.rate is not None else None,
                    total.on_time_rate / 100 if total.on_time_rate is not None else None,
                ]
            )
        )
        for col in (len(header) - 1, len(header)):
            ws.cell(row=ws.max_row, column=col).number_format = "0%"
    ws.append(safe_row(["Tất cả", *[rates_text(r) for r in table.totals]]))
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
    ws.column_dimensions["A"].width = 34
    for col in range(2, len(header) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 18
    out = io.BytesIO()
    wb.save(out)
    audit.record(
        actor=actor,
        action=audit.Action.EXPORT,
        object_type="reporting.timeliness",
        object_repr=f"{root.full_name}: {schedule.name} (.xlsx)",
        unit_path=root.path,
        note=f"{schedule.slug} {periods[0].key}–{periods[-1].key}" if periods else schedule.slug,
    )
    slug = re.sub(r"[^a-z0-9]+", "-", fold(f"tinh hinh nop bao cao {root.name} {schedule.slug}"))
    return out.getvalue(), f"{slug.strip('-')[:120]}.xlsx"
