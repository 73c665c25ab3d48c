"""The leaders' pages: the overview every user opens first."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from dantinh.insight.selectors import overview
from dantinh.intake import selectors as item_selectors
from dantinh.org import policies


@login_required
def home(request):
    today = timezone.localdate()
    figures = overview(user=request.user, today=today)
    recent = item_selectors.item_list(user=request.user)[:8]
    return render(
        request,
        "insight/home.html",
        {
            "figures": figures,
            "recent": recent,
            "max_field": max([n for _, n in figures.fields], default=1),
            "today": today,
            "can_create": policies.can_anywhere(request.user, "item.create"),
            "can_import": policies.can_anywhere(request.user, "item.import"),
        },
    )
