"""Exports (jobs with progress), notifications, and ad-hoc requests."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dantinh.core.errors import ValidationError, add_to_form
from dantinh.org import policies
from dantinh.org.models import Unit
from dantinh.org.selectors import units_visible
from dantinh.reporting import config_services, exports, notify, policy, selectors
from dantinh.reporting.forms import AdHocForm
from dantinh.reporting.models import ExportJob
from dantinh.reporting.periods import TZ, format_deadline
from dantinh.reporting.views.common import visible_submission


@login_required
@require_POST
def export_start(request, pk, fmt):
    submission = visible_submission(request.user, pk)
    if fmt not in exports.CONTENT_TYPES or not policy.can_export(request.user, submission.unit):
        raise Http404
    job = exports.export_start(actor=request.user, submission=submission, fmt=fmt)
    return redirect("reporting:export_detail", pk=job.pk)


def _job(user, pk) -> ExportJob:
    return get_object_or_404(exports.jobs_visible(user).select_related("submission__unit", "requested_by"), pk=pk)


@login_required
def export_detail(request, pk):
    job = _job(request.user, pk)
    template = "reporting/_export_status.html" if request.htmx else "reporting/export_detail.html"
    return render(request, template, {"job": job})


@login_required
def export_download(request, pk):
    job = _job(request.user, pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file_name)
    response["Content-Type"] = exports.CONTENT_TYPES[job.format]
    return response


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    if request.method == "POST":
        notify.mark_read(actor=request.user)
        return redirect("reporting:notifications")
    items = list(notify.visible_notifications(request.user)[:100])
    for n in items:
        n.text = notify.message(n.kind, n.params)
    return render(request, "reporting/notifications.html", {"items": items})


@login_required
def notification_open(request, pk):
    item = get_object_or_404(notify.visible_notifications(request.user), pk=pk)
    notify.mark_read(actor=request.user, ids=[item.pk])
    return redirect(item.url or "reporting:notifications")


@login_required
def adhoc_list(request):
    requests = selectors.adhoc_visible(request.user).select_related("unit", "requested_by")[:100]
    for r in requests:
        r.due_text = format_deadline(r.due_at)
    return render(request, "reporting/adhoc_list.html", {
        "requests": requests, "can_request": policies.can_anywhere(request.user, "report.review"),
    })  # fmt: skip


def _targets(unit: Unit, level: str, user) -> list[Unit]:
    qs = unit.children.filter(valid_to__isnull=True).filter(policies.scope_q(user, "report.view", "path"))
    if level in (Unit.Kind.TERRITORIAL, Unit.Kind.SECTOR):
        qs = qs.filter(kind=level)
    return list(qs)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=TZ) if value.tzinfo is None else value


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_create(request):
    if not policies.can_anywhere(request.user, "report.review"):
        raise Http404
    grant_ids = [g.unit_id for g in policies.grants(request.user)]
    units = units_visible(request.user, "report.review").filter(pk__in=grant_ids)
    if policies.is_unrestricted(request.user):
        units = units_visible(request.user).filter(parent__isnull=True)
    form = AdHocForm(request.POST or None, user=request.user, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            request_obj = config_services.adhoc_request_create(
                actor=request.user, unit=data["unit"], title=data["title"], instructions=data["instructions"],
                template=data["template"], units=_targets(data["unit"], data["level"], request.user),
                window_start=data["window_start"], window_end=data["window_end"],
                due_at=_aware(data["due_at"]), lock_at=_aware(data.get("lock_at")),
            )  # fmt: skip
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request, _("The request has been sent to %(n)s units.") % {"n": request_obj.units.count()}
            )
            return redirect("reporting:adhoc_list")
    return render(request, "reporting/adhoc_form.html", {"form": form})
