"""Exports (jobs with progress) and notifications."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dantinh.reporting import exports, notify, policy
from dantinh.reporting.models import ExportJob
from dantinh.reporting.views.common import (
    period_or_404,
    schedule_by_slug,
    visible_submission,
    visible_unit,
)


@login_required
@require_POST
def export_start(request, pk, fmt):
    submission = visible_submission(request.user, pk)
    if fmt not in exports.CONTENT_TYPES or not policy.can_export(request.user, submission.unit):
        raise Http404
    job = exports.export_start(actor=request.user, submission=submission, fmt=fmt)
    return redirect("reporting:export_detail", pk=job.pk)


@login_required
@require_POST
def export_period(request, fmt):
    """Export a unit's report for a schedule and period (POST unit, schedule, period), saved
    or not: without a saved submission the job drafts it as it runs, within the requester's
    scope, like `dantinh report export`."""
    unit = visible_unit(request.user, request.POST.get("unit"), "report.export")
    schedule = schedule_by_slug(request.POST.get("schedule"))
    period = period_or_404(request.user, schedule, request.POST.get("period", ""))
    if fmt not in exports.CONTENT_TYPES:
        raise Http404
    job = exports.export_start_for_period(
        actor=request.user, unit=unit, schedule=schedule, period_key=period.key, fmt=fmt
    )
    return redirect("reporting:export_detail", pk=job.pk)


def _job(user, pk) -> ExportJob:
    jobs = exports.jobs_visible(user).select_related(
        "submission", "unit", "schedule", "requested_by"
    )
    return get_object_or_404(jobs, pk=pk)


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
