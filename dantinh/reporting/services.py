"""Writes to submissions: draft, edit, attach, upload a Word file, submit, return, accept.
Each checks the reporting policy and is audited; the superior and the unit are notified."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.concurrency import ConflictError, check_version
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User
from dantinh.reporting import drafting, notify, period_states, policy
from dantinh.reporting.models import (
    AdHocRequest,
    Notification,
    Schedule,
    Submission,
    SubmissionAttachment,
    SubmissionEvent,
    SubmissionSection,
    SubmissionVersion,
)
from dantinh.reporting.periods import Period, PeriodError, format_deadline, resolve

MAX_SECTION_TEXT = 100_000
Status = Submission.Status


def _check_compile(actor: User, unit: Unit) -> None:
    require_actor(actor)
    if not policy.can_compile(actor, unit):
        raise PermissionDeniedError()


def _period(schedule: Schedule, period_key: str, actor: User) -> Period:
    """The period; an ad-hoc period only for a request the actor may know of."""
    from dantinh.reporting.selectors import adhoc_known

    try:
        return resolve(schedule, period_key, requests=adhoc_known(actor))
    except PeriodError as exc:
        raise ValidationError({"period": str(exc)}) from exc


def owes(unit: Unit, schedule: Schedule, period: Period) -> bool:
    """Does the unit owe this report? A unit compiling a report it does not owe (a city's
    composite for its own leaders) is not held to the schedule's closing."""
    from dantinh.reporting.obligations import obligated_units

    return obligated_units(schedule, period=period).filter(pk=unit.pk).exists()


def _check_open(unit: Unit, schedule: Schedule, period: Period, now: dt.datetime) -> None:
    lock_at = period.lock_at
    if lock_at is not None and now >= lock_at and owes(unit, schedule, period):
        raise ValidationError(
            _("The period closed at %(at)s: reports are no longer received for it.")
            % {"at": format_deadline(lock_at)}
        )


def _cancelled() -> ValidationError:
    return ValidationError(
        _("The ad-hoc request has been cancelled: its report can no longer be written or sent.")
    )


def _check_not_cancelled(period: Period) -> None:
    if period.cancelled:
        raise _cancelled()


def _sections(submission: Submission, drafted: list[drafting.DraftedSection]) -> None:
    SubmissionSection.objects.bulk_create(
        [
            SubmissionSection(
                submission=submission,
                code=d.code,
                title=d.title,
                guidance=d.guidance,
                order=d.order,
                text=d.text,
                data=d.data,
            )
            for d in drafted
        ]
    )


def _event(
    submission: Submission, kind: str, actor: User, now: dt.datetime, comment: str = ""
) -> None:
    SubmissionEvent.objects.create(
        submission=submission,
        kind=kind,
        at=now,
        actor=actor,
        version=submission.version,
        comment=comment,
    )


def _new_submission(*, actor: User, unit: Unit, schedule: Schedule, period: Period) -> Submission:
    template = drafting.template_for(schedule, period)
    return Submission(
        unit=unit,
        unit_path=unit.path,
        schedule=schedule,
        period_key=period.key,
        adhoc_id=period.adhoc_id,
        window_start=period.start,
        window_end=period.end,
        due_at=period.due_at,
        lock_at=period.lock_at,
        title=drafting.title_for(template, period),
        created_by=actor,
    )


def submission_find(*, unit: Unit, schedule: Schedule, period_key: str) -> Submission | None:
    return Submission.objects.filter(unit=unit, schedule=schedule, period_key=period_key).first()


@transaction.atomic
def submission_draft(
    *, actor: User, unit: Unit, schedule: Schedule, period_key: str, now: dt.datetime | None = None
) -> Submission:
    """The unit's report for the period, drafted from the contributors if it does not exist
    yet. Needs "report.compile" on the unit; refused once the period has closed, and for an
    ad-hoc request that was cancelled."""
    require_actor(actor)
    _check_compile(actor, unit)
    existing = submission_find(unit=unit, schedule=schedule, period_key=period_key)
    if existing is not None:
        return existing
    now = now or timezone.now()
    period = _period(schedule, period_key, actor)
    _check_not_cancelled(period)
    _check_open(unit, schedule, period, now)
    submission = _new_submission(actor=actor, unit=unit, schedule=schedule, period=period)
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:  # drafted by someone else a moment ago
        return Submission.objects.get(unit=unit, schedule=schedule, period_key=period.key)
    _sections(
        submission, drafting.draft_sections(unit=unit, schedule=schedule, period=period, user=actor)
    )
    _event(submission, SubmissionEvent.Kind.DRAFTED, actor, now)
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=submission,
        changes={"status": [None, submission.status], "period": [None, period.key]},
    )
    return submission


def _check_editable(actor: User, submission: Submission) -> None:
    _check_compile(actor, submission.unit)
    if submission.is_cancelled:
        raise _cancelled()
    if not submission.is_editable:
        raise ValidationError(
            _("This report has been sent; it can be changed only if it is returned.")
        )


@transaction.atomic
def submission_redraft(
    *,
    actor: User,
    submission: Submission,
    codes: list[str] | None = None,
    replace_text: bool = False,
) -> Submission:
    """Recompute the figures (and, with `replace_text`, the narrative) of some or all
    sections from the current items and reports below."""
    require_actor(actor)
    _check_editable(actor, submission)
    period = _period(submission.schedule, submission.period_key, actor)
    drafted = {
        d.code: d
        for d in drafting.draft_sections(
            unit=submission.unit, schedule=submission.schedule, period=period, user=actor
        )
    }
    changed = []
    for section in submission.sections.all():
        fresh = drafted.get(section.code)
        if fresh is None or (codes and section.code not in codes):
            continue
        section.data = fresh.data
        fields = ["data"]
        if replace_text and section.text != fresh.text:
            section.text = fresh.text
            section.version += 1
            section.saved_at = timezone.now()
            fields += ["text", "version", "saved_at"]
        section.save(update_fields=fields)
        changed.append(section.code)
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=submission,
        changes={"redrafted": [None, changed]},
        note="text" if replace_text else "figures",
    )
    return submission


@dataclass
class SectionEdit:
    """A section's text as the person sends it, with the version they read (None: not
    checked, for clients that do not send it)."""

    text: str
    version: int | None = None


@dataclass
class HeaderEdit:
    title: str
    number: str = ""
    version: int | None = None


def _clean_text(text: str) -> str:
    text = (text or "").replace("\x00", "").replace("\r\n", "\n")
    if len(text) > MAX_SECTION_TEXT:
        raise ValidationError(
            {"text": _("The text is longer than %(n)s characters.") % {"n": MAX_SECTION_TEXT}}
        )
    return text


def _clean_header(edit: HeaderEdit) -> tuple[str, str]:
    title = (edit.title or "").strip()[:300]
    if not title:
        raise ValidationError({"title": _("The title cannot be empty.")})
    return title, (edit.number or "").strip()[:30]


def _apply_edits(
    *,
    actor: User,
    submission: Submission,
    sections: Mapping[str, SectionEdit],
    header: HeaderEdit | None,
) -> list[str]:
    """Save the header and the sections' texts as one change, inside the caller's transaction
    and under its lock on the submission. Every part is checked first: an unknown section or
    a text too long is refused, and so is a part changed by someone else since the person
    read it (ConflictError listing what is stored now); then nothing is saved. Returns the
    names of the parts that changed."""
    stored = {s.code: s for s in submission.sections.select_for_update()}
    unknown = [code for code in sections if code not in stored]
    if unknown:
        raise ValidationError({"code": _("No such section.")})
    texts = {code: _clean_text(edit.text) for code, edit in sections.items()}
    title_number = _clean_header(header) if header is not None else None
    conflicts: list[ConflictError] = []
    if (
        header is not None
        and title_number is not None
        and title_number != (submission.title, submission.number)
    ):
        try:
            check_version(
                submission,
                header.version,
                stored_version=submission.header_version,
                submitted={"title": title_number[0], "number": title_number[1]},
                current={"title": submission.title, "number": submission.number},
                labels={"title": _("Title"), "number": _("Document number")},
            )
        except ConflictError as exc:
            conflicts.append(exc)
    for code, text in texts.items():
        section = stored[code]
        if text == section.text:
            continue  # nothing of the person's would be lost
        try:
            check_version(
                submission,
                sections[code].version,
                stored_version=section.version,
                submitted={f"text-{code}": text},
                current={f"text-{code}": section.text},
                labels={f"text-{code}": section.title},
            )
        except ConflictError as exc:
            conflicts.append(exc)
    if conflicts:
        raise ConflictError(
            by=conflicts[0].by,
            at=conflicts[0].at,
            differences=[d for c in conflicts for d in c.differences],
            version=conflicts[0].version,
        )
    now = timezone.now()
    changes: dict[str, list] = {}
    if title_number is not None and title_number != (submission.title, submission.number):
        changes |= audit.diff(
            {"title": submission.title, "number": submission.number},
            {"title": title_number[0], "number": title_number[1]},
        )
        submission.title, submission.number = title_number
        submission.header_version += 1
        submission.save(update_fields=["title", "number", "header_version", "updated_at"])
    for code, text in texts.items():
        section = stored[code]
        if text == section.text:
            continue
        changes[f"section:{code}"] = [section.text, text]
        section.text, section.saved_at = text, now
        section.version += 1
        section.save(update_fields=["text", "version", "saved_at"])
    if changes:
        audit.record(actor=actor, action=audit.Action.UPDATE, obj=submission, changes=changes)
    return list(changes)


def _locked(submission: Submission) -> Submission:
    # Only the submission's row: its ad-hoc request is an outer join PostgreSQL cannot lock.
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("unit", "schedule", "adhoc")
        .get(pk=submission.pk)
    )


@transaction.atomic
def section_update(
    *, actor: User, submission: Submission, code: str, text: str, version: int | None = None
) -> SubmissionSection:
    """Save the narrative of one section (the compiler's edit, or the editor's autosave).
    `version` is the section's version the person read: a section changed meanwhile by
    someone else is not overwritten (ConflictError says what is stored now)."""
    require_actor(actor)
    submission = _locked(submission)
    _check_editable(actor, submission)
    _apply_edits(
        actor=actor,
        submission=submission,
        sections={code: SectionEdit(text, version)},
        header=None,
    )
    return submission.sections.get(code=code)


@transaction.atomic
def submission_set_header(
    *, actor: User, submission: Submission, title: str, number: str, version: int | None = None
) -> Submission:
    """Save the report's title and document number; `version` as for `section_update`."""
    require_actor(actor)
    submission = _locked(submission)
    _check_editable(actor, submission)
    _apply_edits(
        actor=actor,
        submission=submission,
        sections={},
        header=HeaderEdit(title, number, version),
    )
    return submission


@transaction.atomic
def submission_save(
    *,
    actor: User,
    submission: Submission,
    sections: Mapping[str, SectionEdit],
    header: HeaderEdit | None = None,
) -> Submission:
    """Save everything the editor shows — the header and every section's text — in one
    transaction: all of it, or (on a refusal or a conflict) none of it. Needs
    "report.compile" on the unit and an editable report."""
    require_actor(actor)
    submission = _locked(submission)
    _check_editable(actor, submission)
    _apply_edits(actor=actor, submission=submission, sections=sections, header=header)
    return submission


def _check_size(upload) -> None:
    if upload.size > settings.DANTINH_MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "file": _("The file is larger than %(mb)s MB.")
                % {"mb": settings.DANTINH_MAX_UPLOAD_BYTES // 2**20}
            }
        )


@transaction.atomic
def submission_attach(*, actor: User, submission: Submission, upload) -> SubmissionAttachment:
    require_actor(actor)
    _check_editable(actor, submission)
    _check_size(upload)
    attachment = SubmissionAttachment(
        submission=submission, name=upload.name[:255], size=upload.size, uploaded_by=actor
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=submission,
        changes={"attachments": [None, attachment.name]},
    )
    return attachment


@transaction.atomic
def attachment_delete(*, actor: User, attachment: SubmissionAttachment) -> None:
    require_actor(actor)
    submission = attachment.submission
    _check_editable(actor, submission)
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=submission,
        changes={"attachments": [attachment.name, None]},
    )
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.delete(save=False))


@transaction.atomic
def submission_upload_docx(
    *,
    actor: User,
    unit: Unit,
    schedule: Schedule,
    period_key: str,
    upload,
    now: dt.datetime | None = None,
) -> Submission:
    """A unit that writes in Word sends its .docx: the file is kept as the original and its
    text, extracted, fills the sections (by their headings when they can be recognised)."""
    require_actor(actor)
    from dantinh.reporting import docx_import

    _check_compile(actor, unit)
    now = now or timezone.now()
    if not (upload.name or "").lower().endswith(".docx"):
        raise ValidationError({"file": _("Only Word files (.docx) can be uploaded as a report.")})
    _check_size(upload)
    data = upload.read()
    try:
        paragraphs = docx_import.extract(data)
    except docx_import.NotADocx as exc:
        raise ValidationError({"file": str(exc)}) from exc
    upload.seek(0)
    submission = submission_find(unit=unit, schedule=schedule, period_key=period_key)
    if submission is None:
        submission = submission_draft(
            actor=actor, unit=unit, schedule=schedule, period_key=period_key, now=now
        )
    _check_editable(actor, submission)
    sections = list(submission.sections.all())
    texts = docx_import.split_into_sections(paragraphs, [(s.code, s.title) for s in sections])
    for section in sections:
        if section.text != texts.get(section.code, ""):
            section.text = texts.get(section.code, "")
            section.version += 1
            section.saved_at = now
    SubmissionSection.objects.bulk_update(sections, ["text", "version", "saved_at"])
    if submission.original_file:
        old = submission.original_file
        transaction.on_commit(lambda: old.delete(save=False))
    submission.source = Submission.Source.UPLOADED
    submission.original_name = upload.name[:255]
    submission.extracted_text = "\n".join(paragraphs)
    submission.original_file.save(upload.name, upload, save=False)
    submission.save()
    _event(submission, SubmissionEvent.Kind.UPLOADED, actor, now, comment=submission.original_name)
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=submission,
        changes={"original_file": [None, submission.original_name]},
    )
    return submission


def _content(submission: Submission) -> dict:
    return {
        "title": submission.title,
        "number": submission.number,
        "sections": [
            {"code": s.code, "title": s.title, "text": s.text} for s in submission.sections.all()
        ],
    }


def _url(submission: Submission) -> str:
    return reverse("reporting:submission_detail", args=[submission.pk])


def _params(submission: Submission, **extra) -> dict:
    return {
        "unit": submission.unit.full_name,
        "title": submission.title,
        "due": format_deadline(submission.due_at),
        **extra,
    }


@transaction.atomic
def submission_submit(
    *,
    actor: User,
    submission: Submission,
    note: str = "",
    sections: Mapping[str, SectionEdit] | None = None,
    header: HeaderEdit | None = None,
    now: dt.datetime | None = None,
) -> Submission:
    """Send the report to the superior: a new version is kept. What the editor shows
    (`sections`, `header`) is saved first, in the same transaction, so that what is sent is
    what the person sees (refused as a whole on a conflict, see `submission_save`). A first
    submission after the period's closing is refused; a returned report may always be sent
    again; nothing is sent for an ad-hoc request that was cancelled."""
    require_actor(actor)
    now = now or timezone.now()
    if submission.adhoc_id is not None:
        # Lock the request before the report, in the order its changes and cancelling take:
        # a report is not sent while its request is being cancelled.
        list(
            AdHocRequest.objects.select_for_update()
            .filter(pk=submission.adhoc_id)
            .values_list("pk")
        )
    submission = (
        Submission.objects.select_for_update()
        .select_related("unit", "schedule")
        .get(pk=submission.pk)
    )
    _check_editable(actor, submission)
    if sections or header is not None:
        _apply_edits(actor=actor, submission=submission, sections=sections or {}, header=header)
    if not submission.was_submitted:
        _check_open(
            submission.unit,
            submission.schedule,
            _period(submission.schedule, submission.period_key, actor),
            now,
        )
    if not any(s.text.strip() for s in submission.sections.all()):
        raise ValidationError(_("The report is empty."))
    before = submission.status
    submission.version += 1
    submission.status = Status.SUBMITTED
    submission.submitted_at = now
    submission.submitted_by = actor
    submission.first_submitted_at = submission.first_submitted_at or now
    submission.save()
    period_states.submission_changed(submission)
    SubmissionVersion.objects.create(
        submission=submission,
        number=submission.version,
        created_by=actor,
        created_at=now,
        content=_content(submission),
        note=note[:500],
    )
    _event(submission, SubmissionEvent.Kind.SUBMITTED, actor, now, comment=note)
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=submission,
        changes={
            "status": [before, submission.status],
            "version": [submission.version - 1, submission.version],
        },
    )
    notify.notify(
        notify.superiors_of(submission.unit),
        kind=Notification.Kind.SUBMITTED,
        unit=submission.unit,
        params=_params(submission),
        url=_url(submission),
        now=now,
    )
    return submission


def _check_review(actor: User, submission: Submission) -> None:
    if not policy.can_review(actor, submission.unit):
        raise PermissionDeniedError()
    if submission.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be accepted or returned."))


@transaction.atomic
def submission_return(
    *, actor: User, submission: Submission, comment: str, now: dt.datetime | None = None
) -> Submission:
    """Send the report back to the unit with what to change (the comment is required)."""
    require_actor(actor)
    now = now or timezone.now()
    submission = Submission.objects.select_for_update().select_related("unit").get(pk=submission.pk)
    _check_review(actor, submission)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what should be changed.")})
    submission.status = Status.RETURNED
    submission.reviewed_at, submission.reviewed_by = now, actor
    submission.save()
    period_states.submission_changed(submission)
    _event(submission, SubmissionEvent.Kind.RETURNED, actor, now, comment=comment)
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=submission,
        changes={"status": [Status.SUBMITTED, Status.RETURNED]},
        note=comment,
    )
    notify.notify(
        notify.compilers_of(submission.unit),
        kind=Notification.Kind.RETURNED,
        unit=submission.unit,
        params=_params(submission, comment=comment[:300]),
        url=_url(submission),
        now=now,
    )
    return submission


@transaction.atomic
def submission_accept(
    *, actor: User, submission: Submission, comment: str = "", now: dt.datetime | None = None
) -> Submission:
    """Accept the report: it is final and locked from then on."""
    require_actor(actor)
    now = now or timezone.now()
    submission = Submission.objects.select_for_update().select_related("unit").get(pk=submission.pk)
    _check_review(actor, submission)
    submission.status = Status.ACCEPTED
    submission.reviewed_at, submission.reviewed_by = now, actor
    submission.save()
    period_states.submission_changed(submission)
    _event(submission, SubmissionEvent.Kind.ACCEPTED, actor, now, comment=(comment or "").strip())
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=submission,
        changes={"status": [Status.SUBMITTED, Status.ACCEPTED]},
        note=comment or "",
    )
    notify.notify(
        notify.compilers_of(submission.unit),
        kind=Notification.Kind.ACCEPTED,
        unit=submission.unit,
        params=_params(submission),
        url=_url(submission),
        now=now,
    )
    return submission
