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
