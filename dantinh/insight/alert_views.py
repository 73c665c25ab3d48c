"""The alerts pages: the list of the user's alerts, one alert with its evidence, and handling
it (acknowledge or dismiss). An alert outside the user's scope is a 404 like a missing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dantinh.alerts import services
from dantinh.alerts.models import Alert
from dantinh.alerts.selectors import alerts_visible
from dantinh.insight import evidence
from dantinh.org import policies


@login_required
@require_GET
def alert_list(request):
    alerts = alerts_visible(request.user)
    status = request.GET.get("status", "")
    if status in Alert.Status.values:
        alerts = alerts.filter(status=status)
    page = Paginator(alerts, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "insight/alert_list.html",
        {"page": page, "status": status, "statuses": Alert.Status.choices},
    )


@login_required
@require_GET
def alert_detail(request, pk):
    alert = get_object_or_404(alerts_visible(request.user), pk=pk)
    return render(
        request,
        "insight/alert_detail.html",
        {
            "alert": alert,
            "ev": evidence.read(alert),
            "can_handle": alert.status == Alert.Status.OPEN
            and policies.can(request.user, "alert.handle", alert),
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
