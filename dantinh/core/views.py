from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from dantinh.core.models import AuditEntry
from dantinh.intake import selectors as item_selectors
from dantinh.intake.summaries import overview
from dantinh.org import policies


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def home(request):
    today = timezone.localdate()
    figures = overview(user=request.user, today=today)
    recent = item_selectors.item_list(user=request.user)[:8]
    return render(
        request,
        "core/home.html",
        {
            "figures": figures,
            "recent": recent,
            "max_field": max([n for _, n in figures.fields], default=1),
            "today": today,
            "can_create": policies.can_anywhere(request.user, "item.create"),
            "can_import": policies.can_anywhere(request.user, "item.import"),
        },
    )


def audit_visible(user):
    return AuditEntry.objects.filter(policies.scope_q(user, "audit.view", "unit_path"))


@login_required
def audit_list(request):
    """The trail within the administrator's units; entries with no unit are the system's and
    only a superuser sees them."""
    if not policies.can_anywhere(request.user, "audit.view"):
        raise Http404
    entries = audit_visible(request.user)
    actor = request.GET.get("actor", "").strip()
    action = request.GET.get("action", "")
    object_type = request.GET.get("object_type", "")
    if actor:
        entries = entries.filter(actor_name__icontains=actor[:150])
    if action in AuditEntry.Action.values:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type[:100])
    page = Paginator(entries.order_by("-id"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_list.html",
        {
            "page": page,
            "actions": AuditEntry.Action.choices,
            "actor": actor,
            "action": action,
            "object_type": object_type,
            "query": query.urlencode(),
        },
    )
