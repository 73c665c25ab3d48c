"""A unit's report: open or draft it, edit its sections (htmx), attach files, upload a Word
file, submit, and the superior's accept or return. Thin doors into the services."""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dantinh.core.concurrency import ConflictError, parse_version
from dantinh.core.errors import PermissionDeniedError, ValidationError, add_to_form
from dantinh.org.models import Unit
from dantinh.reporting import policy, services
from dantinh.reporting.forms import (
    AttachmentForm,
    ReviewForm,
    SubmitForm,
    UploadForm,
    report_units,
)
from dantinh.reporting.models import Submission
from dantinh.reporting.periods import format_deadline
from dantinh.reporting.timeliness import state_of
from dantinh.reporting.views.common import (
    EXPORT_FORMATS,
    now,
    parse_id,
    period_or_404,
    schedule_by_slug,
    visible_submission,
    visible_unit,
)


def _error_message(request, exc: ValidationError) -> None:
    for message in exc.errors.values():
        messages.error(request, message)


@contextmanager
def errors_as_messages(request):
    """A service's refusal of an action becomes a message on the page the action returns to."""
    try:
        yield
    except ValidationError as exc:
        _error_message(request, exc)


@login_required
@require_http_methods(["GET", "POST"])
def submission_open(request):
    """The report of a unit for a schedule and period: shown if it exists, else offered to
    be drafted (POST drafts it)."""
    params = request.POST if request.method == "POST" else request.GET
    unit = visible_unit(request.user, params.get("unit"))
    schedule = schedule_by_slug(params.get("schedule"))
    period = period_or_404(request.user, schedule, params.get("period", ""))
    existing = services.submission_find(unit=unit, schedule=schedule, period_key=period.key)
    if existing is not None:
        return redirect("reporting:submission_detail", pk=existing.pk)
    can_compile = policy.can_compile(request.user, unit)
    if request.method == "POST":
        if not can_compile:
            raise Http404
        try:
            submission = services.submission_draft(
                actor=request.user, unit=unit, schedule=schedule, period_key=period.key
            )
        except ValidationError as exc:
            _error_message(request, exc)
        else:
            return redirect("reporting:submission_detail", pk=submission.pk)
    return render(
        request,
        "reporting/submission_open.html",
        {
            "unit": unit,
            "schedule": schedule,
            "period": period,
            "can_compile": can_compile,
            "state": state_of(None, period, now()),
            "due": format_deadline(period.due_at),
            "lock": format_deadline(period.lock_at),
            "closed": period.status_at(now()) == "closed" and services.owes(unit, schedule, period),
            "can_export": policy.can_export(request.user, unit),
            "export_formats": EXPORT_FORMATS,
            "submission": None,
        },
    )


def _saved_time(moment) -> str:
    """ "14:32" today, "14:32 24/11/2026" another day."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return f"{local:%H:%M}"
    return f"{local:%H:%M %d/%m/%Y}"


def _edits(request, submission: Submission):
    """What the editor sent: the header (if shown) and each section's text, each with the
    version the person read."""
    post = request.POST
    sections = {
        s.code: services.SectionEdit(
            post[f"text-{s.code}"], parse_version(post.get(f"version-{s.code}"))
        )
        for s in submission.sections.all()
        if f"text-{s.code}" in post
    }
    header = None
    if "title" in post:
        header = services.HeaderEdit(
            post.get("title", ""), post.get("number", ""), parse_version(post.get("header_version"))
        )
    return sections, header


def _detail(request, submission: Submission, *, posted=None, status: int = 200):
    """The report page; with `posted` (the editor's values that could not be saved), those
    are shown in place of the stored ones, so that nothing the person typed is lost."""
    period = period_or_404(request.user, submission.schedule, submission.period_key)
    can_compile = policy.can_compile(request.user, submission.unit)
    sections_posted, header_posted = posted or ({}, None)
    sections = list(submission.sections.all())
    for s in sections:
        mine = sections_posted.get(s.code)
        s.shown = mine.text if mine is not None else s.text
        s.state = "unsaved" if mine is not None and mine.text != s.text else ""
        if not s.state and s.saved_at:
            s.state, s.time = "saved", _saved_time(s.saved_at)
    header = {"title": submission.title, "number": submission.number, "state": ""}
    if header_posted is not None:
        header["title"], header["number"] = header_posted.title, header_posted.number
        if (header_posted.title, header_posted.number) != (submission.title, submission.number):
            header["state"] = "unsaved"
    return render(
        request,
        "reporting/submission_detail.html",
        {
            "submission": submission,
            "period": period,
            "sections": sections,
            "header": header,
            "can_edit": can_compile and submission.is_editable,
            "can_review": policy.can_review(request.user, submission.unit)
            and submission.status == "submitted",
            "can_export": policy.can_export(request.user, submission.unit),
            "can_configure_unit": policy.can_configure_unit(request.user, submission.unit),
            "state": state_of(submission, period, now())
            if services.owes(submission.unit, submission.schedule, period)
            else "",
            "due": format_deadline(submission.due_at),
            "lock": format_deadline(submission.lock_at),
            "events": submission.events.select_related("actor"),
            "versions": submission.versions.select_related("created_by"),
            "attachments": submission.attachments.all(),
            "note": request.POST.get("note", "") if posted else "",
            "submit_form": SubmitForm(),
            "review_form": ReviewForm(),
            "attachment_form": AttachmentForm(),
            "export_formats": EXPORT_FORMATS,
        },
        status=status,
    )


def _refused(request, submission: Submission, exc: ValidationError | ConflictError, posted):
    """A save or a submission that was refused: the page again, with what the person typed
    and why (409 for a conflict, 400 otherwise)."""
    if isinstance(exc, ConflictError):
        messages.error(request, exc.message)
        status = 409
    else:
        _error_message(request, exc)
        status = 400
    fresh = visible_submission(request.user, submission.pk)
    return _detail(request, fresh, posted=posted, status=status)


@login_required
def submission_detail(request, pk):
    return _detail(request, visible_submission(request.user, pk))


def _save_state(request, *, state: str, name: str, version: int, saved_at=None, message=""):
    """htmx: the save state of one part of the editor, with the version to send next time."""
    response = render(
        request,
        "reporting/_save_state.html",
        {
            "state": state,
            "name": name,
            "version": version,
            "time": _saved_time(saved_at) if saved_at else "",
            "message": message,
        },
    )
    response["X-Save-State"] = state
    return response


@login_required
@require_POST
def section_save(request, pk, code):
    """Save one section's text: the editor's autosave (htmx answers with the section's save
    state) or a plain form. A section changed by someone else since it was opened is not
    overwritten: the person is told what is stored now and keeps their text."""
    submission = visible_submission(request.user, pk)
    if not submission.sections.filter(code=code).exists():
        raise Http404
    post = request.POST
    text = post.get(f"text-{code}", post.get("text", ""))
    version = parse_version(post.get(f"version-{code}", post.get("version")))
    try:
        services.section_update(
            actor=request.user, submission=submission, code=code, text=text, version=version
        )
        state, message = "saved", ""
    except ConflictError as exc:
        state, message = "conflict", exc.message
    except ValidationError as exc:
        state, message = "invalid", "; ".join(str(m) for m in exc.errors.values())
    if request.htmx:
        section = submission.sections.get(code=code)
        return _save_state(
            request,
            state=state,
            name=f"version-{code}",
            version=section.version,
            saved_at=section.saved_at if state == "saved" else None,
            message=message,
        )
    if state == "conflict":
        posted = ({code: services.SectionEdit(text, version)}, None)
        messages.error(request, message)
        return _detail(request, visible_submission(request.user, pk), posted=posted, status=409)
    if state == "invalid":
        messages.error(request, message)
    else:
        messages.success(request, _("The section has been saved."))
    return redirect("reporting:submission_detail", pk=submission.pk)


@login_required
@require_POST
def header_save(request, pk):
    """Save the title and the document number (autosave or a plain form), like a section."""
    submission = visible_submission(request.user, pk)
    post = request.POST
    edit = services.HeaderEdit(
        post.get("title", ""), post.get("number", ""), parse_version(post.get("header_version"))
    )
    try:
        services.submission_set_header(
            actor=request.user,
            submission=submission,
            title=edit.title,
            number=edit.number,
            version=edit.version,
        )
        state, message = "saved", ""
    except ConflictError as exc:
        state, message = "conflict", exc.message
    except ValidationError as exc:
        state, message = "invalid", "; ".join(str(m) for m in exc.errors.values())
    if request.htmx:
        fresh = Submission.objects.get(pk=submission.pk)
        return _save_state(
            request,
            state=state,
            name="header_version",
            version=fresh.header_version,
            saved_at=fresh.updated_at if state == "saved" else None,
            message=message,
        )
    if state == "conflict":
        messages.error(request, message)
        return _detail(request, visible_submission(request.user, pk), posted=({}, edit), status=409)
    if state == "invalid":
        messages.error(request, message)
    else:
        messages.success(request, _("The changes have been saved."))
    return redirect("reporting:submission_detail", pk=submission.pk)


@login_required
@require_POST
def submission_save(request, pk):
    """Save everything the editor shows (the header and every section) at once."""
    submission = visible_submission(request.user, pk)
    posted = _edits(request, submission)
    try:
        services.submission_save(
            actor=request.user, submission=submission, sections=posted[0], header=posted[1]
        )
    except (ConflictError, ValidationError) as exc:
        return _refused(request, submission, exc, posted)
    messages.success(request, _("The report has been saved."))
    return redirect("reporting:submission_detail", pk=submission.pk)


@login_required
@require_POST
def redraft(request, pk):
    submission = visible_submission(request.user, pk)
    code = request.POST.get("code") or None
    with errors_as_messages(request):
        services.submission_redraft(
            actor=request.user,
            submission=submission,
            codes=[code] if code else None,
            replace_text=bool(code),
        )
        messages.success(
            request,
            _("The figures have been updated.")
            if not code
            else _("The section has been drafted again."),
        )
    return redirect("reporting:submission_detail", pk=submission.pk)


@login_required
@require_POST
def attach(request, pk):
    submission = visible_submission(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        with errors_as_messages(request):
            services.submission_attach(
                actor=request.user, submission=submission, upload=form.cleaned_data["file"]
            )
            messages.success(request, _("The file has been attached."))
    return redirect("reporting:submission_detail", pk=submission.pk)


@login_required
def attachment_download(request, pk, attachment_id):
    submission = visible_submission(request.user, pk)
    attachment = get_object_or_404(submission.attachments, pk=attachment_id)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def attachment_remove(request, pk, attachment_id):
    submission = visible_submission(request.user, pk)
    attachment = get_object_or_404(submission.attachments, pk=attachment_id)
    with errors_as_messages(request):
        services.attachment_delete(actor=request.user, attachment=attachment)
    return redirect("reporting:submission_detail", pk=submission.pk)


@login_required
def original_download(request, pk):
    submission = visible_submission(request.user, pk)
    if not submission.original_file:
        raise Http404
    return FileResponse(
        submission.original_file.open("rb"), as_attachment=True, filename=submission.original_name
    )


@login_required
@require_POST
def submit(request, pk):
    """Send the report as the editor shows it: the header and every section's text are saved
    with the submission, in one transaction. If sending is refused (a closed period, an empty
    report) what was typed is saved all the same; on a conflict nothing is, and the page
    shows the person's text with what is stored now."""
    submission = visible_submission(request.user, pk)
    form = SubmitForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    posted = _edits(request, submission)
    try:
        services.submission_submit(
            actor=request.user,
            submission=submission,
            note=note,
            sections=posted[0],
            header=posted[1],
        )
    except ConflictError as exc:
        return _refused(request, submission, exc, posted)
    except ValidationError as exc:
        if posted[0] or posted[1] is not None:
            try:
                services.submission_save(
                    actor=request.user, submission=submission, sections=posted[0], header=posted[1]
                )
            except (ConflictError, ValidationError) as refused:
                _error_message(request, exc)
                return _refused(request, submission, refused, posted)
        _error_message(request, exc)
        if posted[0] or posted[1] is not None:
            messages.info(request, _("Your text has been saved; the report has not been sent."))
        return redirect("reporting:submission_detail", pk=submission.pk)
    messages.success(request, _("The report has been submitted."))
    return redirect("reporting:submission_detail", pk=submission.pk)


@login_required
@require_POST
def review(request, pk):
    submission = visible_submission(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose to accept or to return the report."))
    decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
    with errors_as_messages(request):
        if decision == "accept":
            services.submission_accept(actor=request.user, submission=submission, comment=comment)
            messages.success(request, _("The report has been accepted."))
        else:
            services.submission_return(actor=request.user, submission=submission, comment=comment)
            messages.success(request, _("The report has been returned to the unit."))
    return redirect("reporting:submission_detail", pk=submission.pk)


@login_required
def version_detail(request, pk, number):
    submission = visible_submission(request.user, pk)
    version = get_object_or_404(submission.versions.select_related("created_by"), number=number)
    return render(
        request, "reporting/version_detail.html", {"submission": submission, "version": version}
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    """A unit that writes in Word uploads its .docx as the report."""
    params = request.POST if request.method == "POST" else request.GET
    own = set(policy.compile_units(request.user))
    asked = parse_id(params.get("unit"))
    units = report_units(request.user).filter(pk__in=[asked] if asked is not None else [])
    units = (units | Unit.objects.filter(pk__in=own)).distinct().order_by("path")
    if not units.exists():
        raise Http404
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        initial={
            "unit": request.GET.get("unit"),
            "schedule": request.GET.get("schedule"),
            "period": request.GET.get("period", ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.submission_upload_docx(
                actor=request.user,
                unit=data["unit"],
                schedule=data["schedule"],
                period_key=data["period"],
                upload=data["file"],
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        except PermissionDeniedError:
            form.add_error("unit", _("You cannot write reports for this unit."))
        else:
            messages.success(
                request, _("The Word file has been read into the report; check it and submit it.")
            )
            return redirect("reporting:submission_detail", pk=submission.pk)
    return render(request, "reporting/upload.html", {"form": form})
