"""Reads of recommendations, through the policy: what a person may see (by place, following
unit or routed body), the queues and the figures of the register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError
from dantinh.intake.models import Field
from dantinh.org import paths, policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit
from dantinh.recommendations import deadlines, policy, rollup
from dantinh.recommendations.models import (
    Body,
    BodyMonth,
    BodyMonthRoot,
    Complainant,
    FieldMonth,
    Recommendation,
)

S = Recommendation.State


def recommendations_visible(user, action: str = policy.VIEW) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(policy.visible_q(user, action))


def recommendation_get(*, user, pk) -> Recommendation:
    """One recommendation, or Http404 when missing or not the user's (the same answer)."""
    try:
        pk = int(str(pk)[:12])
    except ValueError:
        raise Http404 from None
    rec = (
        recommendations_visible(user)
        .select_related("item", "item__kind", "unit", "owner", "field", "body", "assignee", "group")
        .filter(pk=pk)
        .first()
    )
    if rec is None:
        raise Http404
    return rec


def _list(user) -> QuerySet[Recommendation]:
    return recommendations_visible(user).select_related("item", "unit", "field", "body")


def queue(user) -> QuerySet[Recommendation]:
    """My queue: for a body's contact, what is routed to their body and still open; for the
    desk, the open recommendations they may act on (assigned to them first), by deadline."""
    body_id = policy.contact_body_id(user)
    qs = _list(user).filter(state__in=deadlines.OPEN_STATES)
    if body_id is not None and not policies.can_anywhere(user, policy.MANAGE):
        return qs.filter(body_id=body_id).order_by("due_on", "id")
    return qs.filter(policy.visible_q(user, policy.MANAGE)).order_by("due_on", "id")


def overdue(user, on: dt.date | None = None) -> QuerySet[Recommendation]:
    return _list(user).filter(deadlines.overdue_q(on)).order_by("due_on", "id")


def filtered(
    user,
    *,
    state: str = "",
    body: Body | None = None,
    field_code: str = "",
    flag: str = "",
    on: dt.date | None = None,
    unit=None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    date_field: str = "received_on",
) -> QuerySet[Recommendation]:
    qs = _list(user)
    if unit is not None:
        qs = qs.filter(
            paths.subtree_q("unit_path", [unit.path]) | paths.subtree_q("owner_path", [unit.path])
        )
    if date_field not in ("received_on", "answered_on", "resolved_on"):
        date_field = "received_on"
    if date_from is not None:
        qs = qs.filter(**{f"{date_field}__gte": date_from})
    if date_to is not None:
        qs = qs.filter(**{f"{date_field}__lte": date_to})
    if state in S.values:
        qs = qs.filter(state=state)
    if body is not None:
        qs = qs.filter(body=body)
    if field_code:
        qs = qs.filter(field__code=field_code)
    if flag == "overdue":
        qs = qs.filter(deadlines.overdue_q(on))
    elif flag == "prolonged":
        qs = qs.filter(deadlines.prolonged_q(on))
    elif flag == "escalated":
        qs = qs.filter(escalated=True)
    elif flag == "reopened":
        qs = qs.filter(reopened_count__gt=0)
    elif flag == "declined":
        qs = qs.filter(declined_count__gt=0)
    return qs


@dataclass
class BodyRow:
    body_id: int
    name: str
    routed: int
    open: int
    overdue: int
    answered: int
    median_days: float | None
    p90_days: float | None


def by_body(user, on: dt.date | None = None, *, since: dt.date | None = None) -> list[BodyRow]:
    """Per body: routed, open, overdue, answered, and the median and 90th percentile of the
    days from forwarding to the answer — who resolves slowly, slowest first. Read from the
    monthly roll-up (`rollup.py`, its precision there), the overdue counts (which change
    with the date alone) from the register. `since` counts from the first day of its month
    (the roll-up's grain)."""
    on = on or deadlines.today()
    routed = recommendations_visible(user).filter(body__isnull=False)
    # A province the user sees whole is read from its province-wide cells; the rest (other
    # places in scope, and what a place follows from another province) from the detailed.
    roots = _whole_trees(user)
    cells = BodyMonth.objects.filter(policy.visible_q(user))
    for root in roots:
        cells = cells.exclude(
            paths.subtree_q("unit_path", [root]) & paths.subtree_q("owner_path", [root])
        )
    whole = BodyMonthRoot.objects.filter(root_path__in=roots)
    if since is not None:
        since = since.replace(day=1)  # the roll-up's grain: whole months
        cells = cells.filter(month__gte=since)
        whole = whole.filter(month__gte=since)
        routed = routed.filter(received_on__gte=since)
    table: dict[int, list] = {}
    for source in (cells, whole) if roots else (cells,):
        sums: Any = (
            source.values("body_id")
            .annotate(**{f"n_{c}": Sum(c) for c in rollup.BODY_COUNTS})
            .order_by()
        )
        for row in sums:
            entry = table.setdefault(row["body_id"], [0, 0, 0, [0] * len(rollup.BUCKETS)])
            entry[0] += row["n_routed"]
            entry[1] += row["n_open"]
            entry[2] += row["n_answered"]
            hist = entry[3]
            for i, b in enumerate(rollup.BUCKETS):
                hist[i] += row[f"n_{b}"]
    late = dict(
        routed.filter(deadlines.overdue_q(on))
        .values_list("body_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    names = dict(Body.objects.filter(pk__in=table).values_list("pk", "name"))
    rows = [
        BodyRow(
            body_id,
            names.get(body_id, ""),
            n,
            n_open,
            late.get(body_id, 0),
            answered,
            rollup.percentile(hist, 0.5),
            rollup.percentile(hist, 0.9),
        )
        for body_id, (n, n_open, answered, hist) in table.items()
        if n
    ]
    rows.sort(key=lambda r: (-(r.p90_days or -1), -r.overdue, r.name))
    return rows


def _whole_trees(user) -> list[str]:
    """The root paths (provinces) of which the user sees every recommendation."""
    if policies.is_unrestricted(user):
        return list(Unit.objects.filter(parent__isnull=True).values_list("path", flat=True))
    return [p for p in policies.action_paths(user, policy.VIEW) if len(p) == paths.SEGMENT]


def by_field(user, on: dt.date | None = None) -> list:
    """Per field: received, open, overdue, answered, resolved for good. From the monthly
    roll-up, overdue from the register; a body's contact (whose scope is their body, which
    the field roll-up does not know) from the register."""
    on = on or deadlines.today()
    visible = recommendations_visible(user)
    late = dict(
        visible.filter(deadlines.overdue_q(on))
        .values_list("field_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: Any
    if policy.contact_body_id(user) is not None:
        counts = (
            visible.values("field_id")
            .annotate(
                received=Count("id"),
                open=Count("id", filter=Q(state__in=deadlines.OPEN_STATES)),
                answered=Count("id", filter=Q(state=S.ANSWERED)),
                resolved=Count("id", filter=Q(state=S.RESOLVED)),
            )
            .order_by()
        )
    else:
        counts = (
            FieldMonth.objects.filter(policy.visible_q(user))
            .values("field_id")
            .annotate(
                received=Sum("received"),
                open=Sum("open"),
                answered=Sum("answered"),
                resolved=Sum("resolved"),
            )
            .order_by()
        )
    rows: list[dict[str, Any]] = [dict(r) for r in counts if r["received"]]
    fields = {
        f["id"]: f for f in Field.objects.filter(pk__in=[r["field_id"] for r in rows]).values()
    }
    for r in rows:
        r["field__code"] = fields[r["field_id"]]["code"]
        r["field__name"] = fields[r["field_id"]]["name"]
        r["overdue"] = late.get(r["field_id"], 0)
    rows.sort(key=lambda r: (-r["received"], r["field__name"]))
    return rows


def bodies_visible(user) -> QuerySet[Body]:
    """The directory: every body in use is public knowledge to whoever may follow
    recommendations (forwarding needs to pick one); its contacts are not listed here."""
    return Body.objects.filter(is_active=True).select_related("authority", "unit")


def units_for_bodies(user):
    """Units where the user may add a body: the province and its communes in their scope."""
    return Unit.objects.filter(
        policies.scope_q(user, "body.manage", "path"), depth__lte=1, valid_to__isnull=True
    ).order_by("path")


def bodies_managed(user) -> QuerySet[Body]:
    return Body.objects.filter(policies.scope_q(user, "body.manage", "unit_path")).select_related(
        "authority", "unit"
    )


def complainants_matching(user, *, name: str = "", phone: str = "", id_number: str = ""):
    """The recommendations whose complainant matches any of the identity's values (the
    folded full name, the phone's digits, the id number), for a data subject's request.
    Needs "rec.personal_request" (administrators), within its scope; each complainant found
    is a reading of personal data, recorded in the trail. Returns [(recommendation,
    Identity)]."""
    from dantinh.recommendations.complainants import decrypt, lookup_tokens

    require_actor(user)
    if not policies.can_anywhere(user, "rec.personal_request"):
        raise PermissionDeniedError()
    tokens = lookup_tokens(name=name, phone=phone, id_number=id_number)
    if not tokens:
        return []
    match = Q()
    for token in tokens:
        match |= Q(lookup__contains=token)
    rows = (
        Complainant.objects.filter(match)
        .filter(
            Q(policies.scope_q(user, "rec.personal_request", "recommendation__unit_path"))
            | Q(policies.scope_q(user, "rec.personal_request", "recommendation__owner_path"))
        )
        .select_related("recommendation", "recommendation__item")
        .order_by("pk")
    )
    result = []
    for row in rows:
        audit.record(
            actor=user,
            action=audit.Action.READ_PERSONAL,
            obj=row,
            object_repr=f"complainant of #{row.recommendation_id}",
            unit_path=row.recommendation.unit_path,
            note="data subject request",
        )
        result.append((row.recommendation, decrypt(row)))
    return result
