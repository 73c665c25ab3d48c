"""The leaders' pages: the overview every user opens first, the dashboard and the map."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dantinh.insight import charts, dashboard, panels
from dantinh.insight import overview as overview_page
from dantinh.insight.selectors import overview
from dantinh.intake import selectors as item_selectors
from dantinh.intake.models import Field
from dantinh.org import policies
from dantinh.org.selectors import units_visible
from dantinh.recommendations.policy import contact_body_id
from dantinh.reporting.selectors import subordinate_summary


@login_required
def home(request):
    user = request.user
    if not (policies.is_unrestricted(user) or policies.grants(user)) and contact_body_id(user):
        # a body's contact holds no unit role: their first page is their queue
        return redirect("recommendations:list")
    today = timezone.localdate()
    figures = overview_page.build(overview(user=request.user, today=today))
    recent = item_selectors.item_list(user=request.user)[:8]
    return render(
        request,
        "insight/home.html",
        {
            "o": figures,
            "recent": recent,
            "today": today,
            "can_create": policies.can_anywhere(request.user, "item.create"),
            "can_import": policies.can_anywhere(request.user, "item.import"),
        },
    )


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _dashboard(request):
    """The dashboard's figures for the query's unit, weeks and field. A unit outside the
    user's scope is a 404, like one that does not exist."""
    focus = None
    if request.GET.get("unit"):
        focus = units_visible(request.user).filter(pk=_int(request.GET["unit"], 0)).first()
        if focus is None:
            raise Http404
    else:
        focus = dashboard.default_focus(request.user)
    weeks = _int(request.GET.get("weeks"), 12)
    if weeks not in dashboard.WEEK_CHOICES:
        weeks = 12
    field_id = _int(request.GET.get("field"))
    if field_id is not None and not Field.objects.filter(pk=field_id).exists():
        field_id = None
    return dashboard.build(
        user=request.user, today=timezone.localdate(), focus=focus, weeks=weeks, field_id=field_id
    )


def _weekly_chart(dash):
    name = dict(Field.objects.values_list("pk", "name")).get(dash.field_filter, "")
    title = _("Items per week") + (f" · {name}" if name else "")
    return charts.weekly(dash.weeks, title=title, last_year=charts.last_year_urls(dash))


@login_required
@require_GET
def dashboard_page(request):
    dash = _dashboard(request)
    query = request.GET.copy()
    query.pop("field", None)
    weekly = _weekly_chart(dash)
    return render(
        request,
        "insight/dashboard.html",
        {
            "d": dash,
            "weekly_chart": weekly,
            "weekly_rows": zip(dash.weeks, weekly["data"][1]["customdata"], strict=True),
            "heat_rows": charts.heat_rows(dash),
            "week_choices": dashboard.WEEK_CHOICES,
            "weeks": len(dash.weeks),
            "min_mood": dashboard.MIN_MOOD_ITEMS,
            "min_share": dashboard.MIN_SHARE_ITEMS,
            "query_no_field": query.urlencode(),
            "query": request.GET.urlencode(),
            "ancestors": _ancestors(request.user, dash.focus),
            "cases": panels.cases_by_risk(request.user, dash.focus),
            "overdue": panels.overdue_recommendations(
                request.user, dash.focus, timezone.localdate()
            ),
        },
    )


@login_required
@require_GET
def dashboard_timeliness(request):
    """The report-timeliness panel, loaded after the page (it reads every schedule's last
    period: the slowest part of the dashboard)."""
    return render(
        request,
        "insight/_timeliness.html",
        {"timeliness": subordinate_summary(user=request.user, now=timezone.now())},
    )


def _ancestors(user, unit):
    """The focused unit's ancestors the user may see (the breadcrumb)."""
    if unit is None:
        return []
    from dantinh.org import paths

    ids = paths.ids_in_path(unit.path)[:-1]
    return list(units_visible(user).filter(pk__in=ids).order_by("depth"))


@login_required
@require_GET
def map_page(request):
    from dantinh.insight import mapview

    dash_focus = None
    if request.GET.get("unit"):
        dash_focus = units_visible(request.user).filter(pk=_int(request.GET["unit"], 0)).first()
        if dash_focus is None:
            raise Http404
    else:
        dash_focus = dashboard.default_focus(request.user)
    weeks = _int(request.GET.get("weeks"), 12)
    if weeks not in dashboard.WEEK_CHOICES:
        weeks = 12
    measure = request.GET.get("measure", "volume")
    if measure not in mapview.MEASURES:
        measure = "volume"
    field_id = _int(request.GET.get("field"))
    if field_id is not None and not Field.objects.filter(pk=field_id).exists():
        field_id = None
    result = mapview.build(
        user=request.user,
        focus=dash_focus,
        today=timezone.localdate(),
        weeks=weeks,
        measure=measure,
        field_id=field_id,
    )
    return render(
        request,
        "insight/map.html",
        {
            "m": result,
            "focus": dash_focus,
            "weeks": weeks,
            "week_choices": dashboard.WEEK_CHOICES,
            "measure": measure,
            "measures": [
                ("volume", _("Items")),
                ("negative", _("Negative share")),
                *(
                    [("alerts", _("Alerts"))]
                    if policies.can_anywhere(request.user, "alert.view")
                    else []
                ),
            ],
            "field": field_id,
            "fields": Field.objects.order_by("order", "name"),
            "colours": mapview.COLOURS,
            "ancestors": _ancestors(request.user, dash_focus),
        },
    )
