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


def subtree_root(user, obj, raw):
    """The unit whose subtree a page about `obj` (a target, a survey: set at obj.unit) shows:
    the one asked for, inside obj's tree and the user's scope; else obj's unit if the user
    sees it; else the user's highest unit inside it. 404 when there is none."""
    from django.http import Http404

    from dantinh.core.params import parse_id
    from dantinh.org import paths
    from dantinh.org.selectors import units_visible

    visible = units_visible(user, "programme.view").filter(paths.subtree_q("path", [obj.unit_path]))
    pk = parse_id(raw)
    if pk is not None:
        unit = visible.filter(pk=pk).first()
    else:
        unit = visible.filter(pk=obj.unit_id).first() or visible.order_by("depth", "path").first()
    if unit is None:
        raise Http404
    return unit
