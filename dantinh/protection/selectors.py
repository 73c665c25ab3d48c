"""Reads of data protection: what each user may see, through the one policy."""

from __future__ import annotations

from django.db.models import QuerySet

from dantinh.org import policies
from dantinh.org.models import Unit
from dantinh.protection.models import SubjectRequest

ACTION = "protection.requests"


def requests_visible(user) -> QuerySet[SubjectRequest]:
    """The requests received by units where the user handles requests (never their
    identities: those are read one by one, through `requests.request_read`)."""
    return SubjectRequest.objects.filter(
        policies.scope_q(user, ACTION, "unit_path")
    ).select_related("unit")


def request_units(user) -> QuerySet[Unit]:
    """The units a user may record a request for: those of their own grants (a superuser: the
    roots)."""
    if policies.is_unrestricted(user):
        return Unit.objects.filter(parent__isnull=True).order_by("path")
    return Unit.objects.filter(pk__in=policies.grant_units(user, ACTION)).order_by("path")
