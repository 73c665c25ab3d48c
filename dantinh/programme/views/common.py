"""Helpers of the programme's pages."""

from __future__ import annotations

from django.utils import timezone


def year_param(raw, default: int | None = None) -> int:
    """A year from the query string (2000–2100), else this year."""
    try:
        year = int(str(raw).strip()[:4])
    except (TypeError, ValueError):
        year = 0
    if 2000 <= year <= 2100:
        return year
    return default or timezone.localdate().year


def visible_or_404(selector, model, user, pk):
    """`selector(user=…, pk=…)` for an id from the address; 404 for a bad id, a missing row
    and a row outside the user's scope alike."""
    from django.http import Http404

    from dantinh.core.params import parse_id

    object_id = parse_id(pk)
    if object_id is None:
        raise Http404
    try:
        return selector(user=user, pk=object_id)
    except model.DoesNotExist:
        raise Http404 from None
