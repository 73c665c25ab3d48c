"""Helpers shared by the reporting pages: scope lookups that answer 404 for "not yours"."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from dantinh.core.params import parse_id
from dantinh.org.models import Unit
from dantinh.org.selectors import units_visible
from dantinh.reporting import selectors
from dantinh.reporting.models import Schedule, Submission
from dantinh.reporting.periods import Period, PeriodError

EXPORT_FORMATS = [("docx", "Word"), ("pdf", "PDF"), ("xlsx", "Excel")]


def now():
    return timezone.now()


def visible_unit(user, pk, action: str = "report.view") -> Unit:
    unit_id = parse_id(pk)
    if unit_id is None:
        raise Http404
    try:
        return units_visible(user, action).select_related("parent", "level").get(pk=unit_id)
    except Unit.DoesNotExist:
        raise Http404 from None


def visible_submission(user, pk) -> Submission:
    try:
        return selectors.submission_get(user=user, pk=pk)
    except Submission.DoesNotExist:
        raise Http404 from None


def schedule_by_slug(slug: str | None, default: str | None = None) -> Schedule:
    slug = slug or default
    schedule = (
        Schedule.objects.select_related("template").filter(slug=slug).first() if slug else None
    )
    if schedule is None:
        raise Http404
    return schedule


def period_or_404(user, schedule: Schedule, key: str) -> Period:
    try:
        return selectors.period_get(user=user, schedule=schedule, key=key)
    except PeriodError:
        raise Http404 from None


def default_root(user, action: str = "report.view") -> Unit | None:
    """The top unit of the user's scope for `action` (their first unit)."""
    from dantinh.org import policies

    units = units_visible(user, action)
    prefixes = policies.action_paths(user, action)
    if policies.is_unrestricted(user):
        return units.filter(parent__isnull=True).order_by("path").first()
    return units.filter(path__in=prefixes).order_by("path").first()
