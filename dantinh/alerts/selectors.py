"""Reading alerts, within the reader's scope."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from dantinh.alerts.models import Alert
from dantinh.org import policies


def alerts_visible(user) -> QuerySet[Alert]:
    """The alerts of the units where the user holds "alert.view" (none for a reporter)."""
    return Alert.objects.filter(policies.scope_q(user, "alert.view", "unit_path")).select_related(
        "unit"
    )


def alerts_since(user, since: dt.datetime) -> QuerySet[Alert]:
    return alerts_visible(user).filter(raised_at__gte=since)
