"""The audit trail page: administrators and leaders browse it within their units."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from dantinh.core.models import AuditEntry
from dantinh.org import policies, trail

PAGE_SIZE = 50


@login_required
def audit_list(request):
    """The trail within the user's units; entries with no unit are the deployment's own and
    only a superuser sees them."""
    if not policies.can_anywhere(request.user, "audit.view"):
        raise Http404
    entries = trail.entries_visible(request.user)
    actor = request.GET.get("actor", "").strip()[:150]
    action = request.GET.get("action", "")
    object_type = request.GET.get("object_type", "").strip()[:100]
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    if action in AuditEntry.Action.values:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    page = Paginator(entries.order_by("-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_list.html",
        {
            "page": page,
            "rows": trail.rows(list(page.object_list)),
            "actions": AuditEntry.Action.choices,
            "actor": actor,
            "action": action,
            "object_type": object_type,
            "query": query.urlencode(),
        },
    )
