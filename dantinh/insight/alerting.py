"""Telling leaders of new alerts: each new alert notifies (in the application) the leaders who
hold "alert.notify" at its unit or any unit above it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from dantinh.alerts.models import Alert
from dantinh.org import paths, policies
from dantinh.org.models import Unit
from dantinh.reporting import notify

KIND = "alert"


def register() -> None:
    notify.register_message(KIND, lambda: _("Alert, %(unit)s: %(title)s"))


def leaders_of(unit: Unit) -> list:
    """Who hears of an alert at `unit`: the holders of "alert.notify" at it and above it."""
    users: dict[int, object] = {}
    ancestors = Unit.objects.filter(pk__in=paths.ids_in_path(unit.path))
    for by_unit in policies.holders_by_unit("alert.notify", list(ancestors)).values():
        for user in by_unit:
            users[user.pk] = user
    return list(users.values())


def tell(alert_ids: list[int]) -> None:
    for alert in Alert.objects.filter(pk__in=alert_ids).select_related("unit"):
        notify.notify(
            leaders_of(alert.unit),
            kind=KIND,
            unit=alert.unit,
            params={"unit": alert.unit.name, "title": alert.title},
            url=reverse("insight_alert", args=[alert.pk]),
        )
