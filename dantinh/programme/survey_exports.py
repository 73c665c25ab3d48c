"""A survey's results as a Word document laid out like the unit's reports, or as an Excel
workbook: a job row run by the worker, within the requester's scope, audited. Small groups
stay hidden exactly as on the page (`survey_selectors.MIN_GROUP`)."""

from __future__ import annotations

import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit, jobs
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.documents.model import ReportDocument, Section, Signature, Table
from dantinh.language.normalize import fold
from dantinh.org import policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User
from dantinh.programme import survey_selectors
from dantinh.programme.models import Survey, SurveyJob
from dantinh.reporting.docbuild import header_for

FORMATS = ("docx", "xlsx")
HIDDEN = "<5"


def export_start(*, actor: User, survey: Survey, unit: Unit, fmt: str) -> SurveyJob:
    """Queue the export of the results under `unit`. Needs "survey.export" on the unit."""
    require_actor(actor)
    if not policies.can(actor, "survey.export", unit):
        raise PermissionDeniedError()
    if fmt not in FORMATS:
        raise ValidationError({"format": _("Unknown format.")})
    with transaction.atomic():
        job = SurveyJob.objects.create(
            survey=survey,
            kind=SurveyJob.Kind.EXPORT,
            fmt=fmt,
            unit=unit,
            unit_path=unit.path,
            requested_by=actor,
        )
        audit.record(
            actor=actor,
            action=audit.Action.EXPORT,
            obj=job,
            object_type="programme.surveyjob",
            note=f"{survey.pk} {fmt}",
        )
        from dantinh.programme import tasks

        transaction.on_commit(lambda: tasks.run_survey_job(job.pk))
    return job


def _pct(cell, i: int) -> str | int:
    if cell is None or not cell.shown:
        return HIDDEN if cell is not None else "—"
    return f"{cell.percents[i]}%" if i < len(cell.percents) else "—"


def document(*, user, survey: Survey, unit: Unit) -> ReportDocument:
    """The results under `unit` as `user` may see them, one section per question."""
    respondents, results = survey_selectors.results(user=user, survey=survey, root=unit)
    sections = []
    last = survey.previous.year if survey.previous else None
    for n, result in enumerate(results, start=1):
        q = result.question
        section = Section(title=f"{n}. {q.text}")
        if not result.total.shown:
            section.paragraphs.append(
                _("Fewer than %(n)s answers: not shown.") % {"n": survey_selectors.MIN_GROUP}
            )
            sections.append(section)
            continue
        section.paragraphs.append(_("%(n)s answers.") % {"n": result.total.n})
        if result.choices:
            columns = [_("Answer"), _("Answers"), str(survey.year)]
            if last:
                columns.append(str(last))
            rows = []
            for label, count, pct, prev in result.bars:
                row = [label, count, f"{pct}%"]
                if last:
                    row.append(f"{prev}%" if prev is not None else _pct(result.previous, 0))
                rows.append(row)
            section.tables.append(Table(columns=columns, rows=rows))
        if result.total.mean is not None:
            text = _("Average: %(v)s") % {"v": result.total.mean}
            if result.previous and result.previous.shown and result.previous.mean is not None:
                text += " " + _("(%(year)s: %(v)s)") % {"year": last, "v": result.previous.mean}
            section.paragraphs.append(text)
        for title, cells in ((_("By unit"), result.by_unit), (_("By group"), result.by_group)):
            if not cells:
                continue
            if result.choices:
                columns = [title, _("Answers"), *[label for _c, label in result.choices]]
                rows = [
                    [c.label, c.n, *[_pct(c, i) for i in range(len(result.choices))]] for c in cells
                ]
            else:
                columns = [title, _("Answers"), _("Average")]
                rows = [[c.label, c.n, c.mean if c.shown else HIDDEN] for c in cells]
            section.tables.append(Table(columns=columns, rows=rows))
        if result.fields:
            section.bullets.extend(f"{name}: {count}" for name, count in result.fields)
        sections.append(section)
    header = header_for(unit)
    today = timezone.localdate()
    preamble = _(
        "Results of the survey “%(title)s” in %(unit)s: %(n)s respondents, anonymous. Groups "
        "of fewer than %(min)s answers are not broken down (“%(hidden)s”)."
    ) % {
        "title": survey.title,
        "unit": unit.full_name,
        "n": respondents,
        "min": survey_selectors.MIN_GROUP,
        "hidden": HIDDEN,
    }
    return ReportDocument(
        superior_body=header.superior_body,
        issuing_body=header.issuing_body,
        number=f"Số      -{header.number_suffix}",
        place=header.place,
        date=today,
        doc_type="BÁO CÁO",
        summary=_("Results of the survey of the people's situation, %(year)s")
        % {"year": survey.year},
        sections=sections,
        recipients=header.recipients,
        signature=Signature(
            header.signature_authority, header.signature_position, header.signer_name
        ),
        preamble=preamble,
        period_label=str(survey.year),
    )


def file_name(job: SurveyJob) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", fold(f"khao sat {job.survey.year} {job.unit.name}"))
    return f"{base.strip('-')[:120]}.{job.fmt}"


def run_export(job: SurveyJob) -> SurveyJob:
    return jobs.run(job, _run_export, failure=_("The export failed; try again later."))


def _run_export(job: SurveyJob) -> SurveyJob:
    from dantinh.documents.render import render_docx
    from dantinh.documents.workbook import render_xlsx

    if not policies.can(job.requested_by, "survey.export", job.unit):
        return jobs.fail(job, _("You may no longer export this unit's results."))
    doc = document(user=job.requested_by, survey=job.survey, unit=job.unit)
    data = render_docx(doc) if job.fmt == "docx" else render_xlsx(doc)
    name = file_name(job)
    job.file.save(name, ContentFile(data), save=False)
    job.original_name = name
    job.status = SurveyJob.Status.DONE
    job.finished_at = timezone.now()
    job.message = _("The file is ready.")
    job.save()
    return job
