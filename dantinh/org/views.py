"""Browsing the unit tree within one's scope, and the unit picker used by forms."""

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from dantinh.org import paths, policies, services
from dantinh.org.models import Unit
from dantinh.org.selectors import unit_search, units_visible
from dantinh.org.unit_page import child_activity


@login_required
def unit_list(request):
    """The units where the user holds a role (their roots); a superuser sees the top level."""
    visible = units_visible(request.user)
    if policies.is_unrestricted(request.user):
        roots = visible.filter(parent__isnull=True)
    else:
        root_ids = {g.unit_id for g in policies.grants(request.user)}
        roots = visible.filter(pk__in=root_ids)
    return render(request, "org/unit_list.html", {"units": roots.select_related("level")})


@login_required
def unit_detail(request, pk):
    visible = units_visible(request.user)
    try:
        unit = visible.select_related("level", "parent", "successor").get(pk=pk)
    except Unit.DoesNotExist:
        raise Http404 from None
    since = timezone.localdate() - timezone.timedelta(days=29)
    children = list(
        unit.children.filter(policies.scope_q(request.user, "unit.view", "path"))
        .select_related("level")
        .order_by("kind", F("valid_to").asc(nulls_first=True), "name")
    )
    recent = child_activity(user=request.user, unit=unit, since=since)
    for child in children:
        child.recent = recent.get(child.path, 0)
    trail = [u for u in services.ancestors(unit) if policies.can(request.user, "unit.view", u)]
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "children": children,
            "trail": trail,
            "can_manage": policies.can(request.user, "unit.manage", unit),
            "subtree_size": visible.filter(
                path__gte=unit.path, path__lt=paths.upper_bound(unit.path)
            ).count(),
        },
    )


@login_required
def unit_picker(request):
    """htmx: the units matching what was typed, for the unit autocomplete of a form."""
    action = request.GET.get("action", "unit.view")
    if action not in {"unit.view", "item.create", "item.view"}:
        action = "unit.view"
    query = request.GET.get("unit_q", "")[:100]
    units = unit_search(user=request.user, query=query, action=action) if query.strip() else []
    return render(
        request,
        "org/_unit_options.html",
        {"units": units, "target": request.GET.get("target", "unit")},
    )
