"""The alerts pages: the list of the user's alerts, one alert with its evidence, and handling
it (acknowledge, dismiss, or turn it into a case). An alert outside the user's scope is a 404
like a missing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dantinh.alerts import services
from dantinh.alerts.models import Alert
from dantinh.alerts.selectors import alerts_visible
from dantinh.cases import services as case_services
from dantinh.cases.selectors import cases_visible
from dantinh.insight import early_warning, evidence
from dantinh.org import paths, policies
from dantinh.org.selectors import units_visible


@login_required
@require_GET
def alert_list(request):
    """The user's alerts; ``unit`` narrows them to a unit's subtree (a unit outside the user's
    scope is a 404 like a missing one) and ``since`` (a date) to those whose week ends on or
    after it: the map's alert counts open this list."""
    alerts = alerts_visible(request.user)
    status = request.GET.get("status", "")
    if status in Alert.Status.values:
        alerts = alerts.filter(status=status)
    unit = None
    if request.GET.get("unit"):
        raw = request.GET["unit"]
        unit = (
            units_visible(request.user).filter(pk=int(raw)).first()
            if raw.isdigit() and len(raw) < 10
            else None
        )
        if unit is None:
            raise Http404
        alerts = alerts.filter(unit_path__gte=unit.path, unit_path__lt=paths.upper_bound(unit.path))
    since = _since(request)
    if since is not None:
        alerts = alerts.filter(window_end__gte=since)
    page = Paginator(alerts, 30).get_page(request.GET.get("page"))
    keep = {k: v for k, v in (("unit", unit and unit.pk), ("since", since)) if v}
    return render(
        request,
        "insight/alert_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Alert.Status.choices,
            "unit": unit,
            "since": since,
            "keep": urlencode({**keep, "status": status}),
        },
    )


def _since(request):
    try:
        return parse_date(request.GET.get("since", ""))
    except ValueError:  # well formed but no such day (2026-02-30): ignored like a bad one
        return None


@login_required
@require_GET
def alert_detail(request, pk):
    alert = get_object_or_404(alerts_visible(request.user), pk=pk)
    case = cases_visible(request.user).filter(alert=alert).first()
    return render(
        request,
        "insight/alert_detail.html",
        {
            "alert": alert,
            "ev": evidence.read(alert, request.user),
            "case": case,
            "can_handle": alert.status == Alert.Status.OPEN
            and policies.can(request.user, "alert.handle", alert),
            "can_open_case": case is None
            and alert.status != Alert.Status.DISMISSED
            and case_services.can_open_from_alert(request.user, alert),
        },
    )


@login_required
@require_POST
def alert_handle(request, pk):
    alert = get_object_or_404(alerts_visible(request.user), pk=pk)
    note = request.POST.get("note", "")
    if request.POST.get("decision") == "dismiss":
        services.alert_dismiss(actor=request.user, alert=alert, note=note)
        messages.success(request, _("The alert was dismissed."))
    else:
        services.alert_acknowledge(actor=request.user, alert=alert, note=note)
        messages.success(request, _("The alert was acknowledged."))
    return redirect("insight_alert", pk=alert.pk)


@login_required
@require_POST
def alert_to_case(request, pk):
    """One click: the alert becomes a case (or opens the case it already became)."""
    alert = get_object_or_404(alerts_visible(request.user), pk=pk)
    case, created = case_services.case_from_alert(
        actor=request.user,
        alert=alert,
        situation=early_warning.situation_of(alert),
        items=early_warning.items_of(alert, request.user)[: case_services.MAX_ALERT_ITEMS],
    )
    if created:
        messages.success(request, _("A case was opened from the alert."))
    return redirect(case_services.url_of(case))
