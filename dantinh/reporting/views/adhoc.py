"""Ad-hoc requests (báo cáo đột xuất): the list, a request's page with who has reported,
asking for one, changing it and cancelling it. Thin doors into config_services."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dantinh.core.errors import PermissionDeniedError, ValidationError, add_to_form
from dantinh.org import policies
from dantinh.org.models import Unit
from dantinh.org.selectors import units_visible
from dantinh.reporting import config_services, policy, selectors
from dantinh.reporting.forms import AdHocCancelForm, AdHocEditForm, AdHocForm
from dantinh.reporting.models import AdHocRequest, Frequency, Schedule, Submission
from dantinh.reporting.periods import TZ, adhoc_period, format_deadline
from dantinh.reporting.timeliness import state_of
from dantinh.reporting.views.common import now

EDITABLE = ["title", "instructions", "units", "window_start", "window_end", "due_at", "lock_at"]


@login_required
def adhoc_list(request):
    requests = selectors.adhoc_visible(request.user).select_related("unit", "requested_by")[:100]
    for r in requests:
        r.due_text = format_deadline(r.due_at)
    return render(
        request,
        "reporting/adhoc_list.html",
        {
            "requests": requests,
            "can_request": policies.can_anywhere(request.user, "report.review"),
        },
    )


def _targets(unit: Unit, level: str, user) -> list[Unit]:
    qs = unit.children.filter(valid_to__isnull=True).filter(
        policies.scope_q(user, "report.view", "path")
    )
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
                actor=request.user,
                unit=data["unit"],
                title=data["title"],
                instructions=data["instructions"],
                template=data["template"],
                units=_targets(data["unit"], data["level"], request.user),
                window_start=data["window_start"],
                window_end=data["window_end"],
                due_at=_aware(data["due_at"]),
                lock_at=_aware(data.get("lock_at")),
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request,
                _("The request has been sent to %(n)s units.") % {"n": request_obj.units.count()},
            )
            return redirect("reporting:adhoc_detail", pk=request_obj.pk)
    return render(request, "reporting/adhoc_form.html", {"form": form})


def _request_or_404(user, pk) -> AdHocRequest:
    """A request the user may know of; 404 whether it does not exist or is not theirs."""
    try:
        return selectors.adhoc_get(user=user, pk=pk)
    except AdHocRequest.DoesNotExist:
        raise Http404 from None


def _adhoc_schedule() -> Schedule:
    schedule = Schedule.objects.filter(frequency=Frequency.AD_HOC).order_by("order").first()
    if schedule is None:
        raise Http404
    return schedule


def _require_change(user, request_obj: AdHocRequest) -> None:
    """Someone who may see the request but not change it is refused (403), not misled."""
    if not policy.can_change_adhoc(user, request_obj):
        raise PermissionDeniedError()


@login_required
def adhoc_detail(request, pk):
    """A request: what is asked, by whom, until when; the units asked (those in the reader's
    scope) and their reports; its cancellation, if it was cancelled."""
    request_obj = _request_or_404(request.user, pk)
    schedule = _adhoc_schedule()
    period = adhoc_period(schedule.pk, request_obj)
    moment = now()
    units = list(
        request_obj.units.filter(policies.scope_q(request.user, "report.view", "path")).order_by(
            "path"
        )
    )
    subs = {
        s.unit_id: s for s in request_obj.submissions.filter(unit__in=units).select_related("adhoc")
    }
    rows = [
        (u, subs.get(u.pk), "" if period.cancelled else state_of(subs.get(u.pk), period, moment))
        for u in units
    ]
    can_change = policy.can_change_adhoc(request.user, request_obj) and not request_obj.is_cancelled
    return render(
        request,
        "reporting/adhoc_detail.html",
        {
            "adhoc": request_obj,
            "schedule": schedule,
            "period": period,
            "rows": rows,
            "asked": len(units),
            "due": format_deadline(period.due_at),
            "lock": format_deadline(period.lock_at),
            "can_change": can_change,
            "answered": can_change and config_services.adhoc_answered(request_obj),
            "can_view_unit": policy.can_view(request.user, request_obj.unit),
        },
    )


def _unit_choices(user, request_obj: AdHocRequest):
    """The units directly below the requesting unit in the user's scope, and those asked."""
    below = Q(parent=request_obj.unit, valid_to__isnull=True) & policies.scope_q(
        user, "report.view", "path"
    )
    return Unit.objects.filter(below | Q(pk__in=request_obj.units.values("pk"))).order_by(
        "-kind", "name"
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_edit(request, pk):
    request_obj = _request_or_404(request.user, pk)
    _require_change(request.user, request_obj)
    if request_obj.is_cancelled:
        messages.error(request, _("The request has been cancelled: it can no longer be changed."))
        return redirect("reporting:adhoc_detail", pk=request_obj.pk)
    answered = config_services.adhoc_answered(request_obj)
    initial = {
        "title": request_obj.title,
        "instructions": request_obj.instructions,
        "units": [u.pk for u in request_obj.units.all()],
        "window_start": request_obj.window_start,
        "window_end": request_obj.window_end,
        "due_at": request_obj.due_at,
        "lock_at": request_obj.lock_at,
    }
    form = AdHocEditForm(
        request.POST or None,
        initial=initial,
        units=_unit_choices(request.user, request_obj),
        answered=answered,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {k: data[k] for k in EDITABLE if not form.fields[k].disabled}
        for key in ("due_at", "lock_at"):
            changes[key] = _aware(changes[key])
        if "units" in changes:
            changes["units"] = list(changes["units"])
        try:
            config_services.adhoc_request_update(actor=request.user, request=request_obj, **changes)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request, _("The request has been changed; the units concerned have been told.")
            )
            return redirect("reporting:adhoc_detail", pk=request_obj.pk)
    return render(
        request,
        "reporting/adhoc_edit.html",
        {"adhoc": request_obj, "form": form, "answered": answered},
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_cancel(request, pk):
    """The confirmation page of a cancellation, with its reason."""
    request_obj = _request_or_404(request.user, pk)
    _require_change(request.user, request_obj)
    if request_obj.is_cancelled:
        messages.error(request, _("The request has already been cancelled."))
        return redirect("reporting:adhoc_detail", pk=request_obj.pk)
    form = AdHocCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            config_services.adhoc_request_cancel(
                actor=request.user, request=request_obj, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request, _("The request has been cancelled; the units asked have been told.")
            )
            return redirect("reporting:adhoc_detail", pk=request_obj.pk)
    return render(
        request,
        "reporting/adhoc_cancel.html",
        {
            "adhoc": request_obj,
            "form": form,
            "asked": request_obj.units.count(),
            "sent": request_obj.submissions.filter(status__in=Submission.SENT).count(),
        },
    )
