"""The reports home, the timeliness matrix, the chasing list and the composite report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dantinh.core.errors import ValidationError
from dantinh.org import policies
from dantinh.org.models import Unit
from dantinh.org.services import ancestors
from dantinh.reporting import (
    composite as composite_sections,
)
from dantinh.reporting import (
    docbuild,
    notify,
    policy,
    reminders,
    selectors,
    timeliness,
)
from dantinh.reporting.forms import schedule_choices
from dantinh.reporting.models import Frequency, Schedule
from dantinh.reporting.periods import format_deadline, holiday_set, last_due, next_due, recent
from dantinh.reporting.views.common import (
    EXPORT_FORMATS,
    default_root,
    now,
    parse_id,
    period_or_404,
    schedule_by_slug,
    visible_unit,
)

MATRIX_PERIODS = {
    Frequency.WEEKLY: 8,
    Frequency.MONTHLY: 6,
    Frequency.QUARTERLY: 4,
    Frequency.HALF_YEARLY: 4,
    Frequency.YEARLY: 3,
}


@login_required
def home(request):
    """What I owe and when; what is due from the units below me; what awaits my review."""
    if not policies.can_anywhere(request.user, "report.view") and not policy.compile_units(
        request.user
    ):
        raise Http404
    moment = now()
    obligations = selectors.my_obligations(user=request.user, now=moment)
    for o in obligations:
        o.due_text, o.lock_text = (
            format_deadline(o.period.due_at),
            format_deadline(o.period.lock_at),
        )
        o.window = o.period.status_at(moment)
    notes = list(notify.visible_notifications(request.user)[:5])
    for n in notes:
        n.text = notify.message(n.kind, n.params)
    return render(
        request,
        "reporting/home.html",
        {
            "obligations": obligations,
            "summaries": selectors.subordinate_summary(user=request.user, now=moment),
            "awaiting": selectors.awaiting_review(user=request.user),
            "notifications": notes,
            "root": default_root(request.user),
            "can_chase": policies.can_anywhere(request.user, "report.chase"),
            "can_configure": policy.can_configure(request.user),
            "can_request": policies.can_anywhere(request.user, "report.review"),
        },
    )


def _root_and_schedule(request):
    root = (
        visible_unit(request.user, request.GET["unit"])
        if request.GET.get("unit")
        else default_root(request.user)
    )
    if root is None:
        raise Http404
    schedule = schedule_by_slug(request.GET.get("schedule"), default="weekly")
    if schedule.is_ad_hoc:
        raise Http404
    trail = [u for u in ancestors(root) if policy.can_view(request.user, u)]
    return root, schedule, trail


def _matrix(request):
    root, schedule, trail = _root_and_schedule(request)
    raw = request.GET.get("n", "")
    count = max(1, min(int(raw), 26)) if raw.isascii() and raw.isdigit() and len(raw) < 4 else 0
    count = count or MATRIX_PERIODS.get(schedule.frequency, 6)
    moment = now()
    periods = list(reversed(recent(schedule, moment, count)))
    sort = request.GET.get("sort", "worst")
    return root, schedule, trail, count, periods, moment, sort


@login_required
def matrix(request):
    """Units × periods, like DHIS2's reporting rates: a unit's state, or a subtree's rates,
    worst first (or by name)."""
    root, schedule, trail, count, periods, moment, sort = _matrix(request)
    table = timeliness.matrix(
        user=request.user, schedule=schedule, root=root, periods=periods, now=moment, sort=sort
    )
    return render(
        request,
        "reporting/matrix.html",
        {
            "root": root,
            "schedule": schedule,
            "schedules": schedule_choices(),
            "table": table,
            "trail": trail,
            "count": count,
            # A cell's report is this and its id: one reverse() for the thousands of cells.
            "submission_url": reverse("reporting:submission_detail", args=[0]).removesuffix("0/"),
        },
    )


@login_required
def matrix_export(request):
    """The timeliness matrix as shown, as an Excel file (within the viewer's scope)."""
    from django.http import HttpResponse

    from dantinh.reporting import exports

    root, schedule, _trail, _count, periods, moment, sort = _matrix(request)
    content, name = exports.timeliness_xlsx(
        actor=request.user, schedule=schedule, root=root, periods=periods, now=moment, sort=sort
    )
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def chase_default(schedule, moment):
    """The period to chase: the last one due while it still receives reports, else the next."""
    period = last_due(schedule, moment)
    return period if period.status_at(moment) != "closed" else next_due(schedule, moment)


@login_required
@require_http_methods(["GET", "POST"])
def chasing(request):
    """The general-affairs desk's list of units to chase for a period, and the chase itself."""
    if not policies.can_anywhere(request.user, "report.chase"):
        raise Http404
    params = request.POST if request.method == "POST" else request.GET
    chase = "report.chase"
    root = (
        visible_unit(request.user, params["unit"], chase)
        if params.get("unit")
        else default_root(request.user, chase)
    )
    if root is None:
        raise Http404
    schedule = schedule_by_slug(params.get("schedule"), default="weekly")
    moment = now()
    if params.get("period"):
        period = period_or_404(request.user, schedule, params["period"])
    elif schedule.is_ad_hoc:
        raise Http404
    else:
        period = chase_default(schedule, moment)
    query = urlencode({"unit": root.pk, "schedule": schedule.slug, "period": period.key})
    if request.method == "POST":
        ids = [parse_id(i) for i in request.POST.getlist("units")]
        if None in ids:
            raise Http404
        units = list(
            Unit.objects.filter(pk__in=ids).filter(
                policies.scope_q(request.user, "report.chase", "path")
            )
        )
        if len(units) != len(set(ids)):
            raise Http404
        try:
            sent = reminders.chase(
                actor=request.user,
                schedule=schedule,
                period_key=period.key,
                units=units,
                now=moment,
            )
            messages.success(
                request,
                _(
                    "%(n)s units are being reminded (e-mail and notification); the list shows "
                    "whether each reminder has gone out."
                )
                % {"n": sent},
            )
        except ValidationError as exc:
            messages.error(request, exc.message)
        return redirect(f"{reverse('reporting:chasing')}?{query}")
    rows = timeliness.chasing(
        user=request.user, schedule=schedule, period=period, now=moment, root=root
    )
    holidays = holiday_set()
    return render(
        request,
        "reporting/chasing.html",
        {
            "root": root,
            "schedule": schedule,
            "schedules": schedule_choices(),
            "period": period,
            "rows": rows,
            "periods": recent(schedule, moment, 6, holidays) if not schedule.is_ad_hoc else [],
            "due": format_deadline(period.due_at),
            "lock": format_deadline(period.lock_at),
            "window": period.status_at(moment),
            "rates": timeliness.rates(
                timeliness.statuses(
                    user=request.user,
                    schedule=schedule,
                    period=period,
                    now=moment,
                    root=root,
                    action=chase,
                )
            ),
        },
    )


@login_required
def composite(request):
    """A unit's composite report for a period: how the units below reported, then the six
    sections of the report as its Word file has them (the saved report, else the draft from
    the unit's coverage and the reports below), each figure opening the items behind it."""
    unit = (
        visible_unit(request.user, request.GET.get("unit"))
        if request.GET.get("unit")
        else default_root(request.user)
    )
    if unit is None:
        raise Http404
    schedule = schedule_by_slug(request.GET.get("schedule"), default="weekly")
    moment = now()
    if request.GET.get("period"):
        period = period_or_404(request.user, schedule, request.GET["period"])
    elif schedule.is_ad_hoc:
        raise Http404
    else:
        period = last_due(schedule, moment)
    statuses = timeliness.below(unit=unit, schedule=schedule, period=period, now=moment)
    # The same sections as the report's Word file: the saved report, else the draft.
    sections, submission = docbuild.sections_for_period(
        unit=unit, schedule=schedule, period=period, user=request.user
    )
    periods = [] if schedule.is_ad_hoc else recent(schedule, moment, 6)
    return render(
        request,
        "reporting/composite.html",
        {
            "unit": unit,
            "schedule": schedule,
            "schedules": Schedule.objects.filter(is_active=True).exclude(
                frequency=Frequency.AD_HOC
            ),
            "period": period,
            "periods": periods,
            "statuses": statuses,
            "rates": timeliness.rates(statuses),
            "sections": composite_sections.shown_sections(sections),
            "submission": submission,
            "can_compile": policy.can_compile(request.user, unit),
            "can_export": policy.can_export(request.user, unit),
            "export_formats": EXPORT_FORMATS,
            "due": format_deadline(period.due_at),
            "lock": format_deadline(period.lock_at),
            "trail": [u for u in ancestors(unit) if policy.can_view(request.user, u)],
            "children": [
                c
                for c in unit.children.filter(valid_to__isnull=True).order_by("kind", "name")[:200]
                if policy.can_view(request.user, c)
            ],
        },
    )
