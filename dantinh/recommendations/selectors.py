"""Reads of recommendations, through the policy: what a person may see (by place, following
unit or routed body), the queues and the figures of the register."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
)
from django.http import Http404

from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError
from dantinh.org import paths, policies
from dantinh.org.actors import require_actor
from dantinh.recommendations import deadlines, policy
from dantinh.recommendations.models import Body, Complainant, Recommendation

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


def _percentile(values: list[int], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return float(values[0])
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1], 1)


class _Percentile(Aggregate):
    """PostgreSQL's ordered-set percentile (continuous), in the database."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(q)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, q: float, **extra):
        super().__init__(expression, q=q, **extra)


def _answer_quantiles(qs) -> dict[int, tuple[float | None, float | None]]:
    """{body id: (median, 90th percentile)} of the days from forwarding to the answer: in
    the database on PostgreSQL, in Python on SQLite (no percentile function there)."""
    answered = qs.filter(answered_on__isnull=False, forwarded_on__isnull=False)
    if connection.vendor == "postgresql":
        # date - date is a number of days in PostgreSQL
        days = Func(
            F("answered_on"),
            F("forwarded_on"),
            template="(%(expressions)s)",
            arg_joiner=" - ",
            output_field=IntegerField(),
        )
        rows = (
            answered.values("body_id")
            .annotate(median=_Percentile(days, 0.5), p90=_Percentile(days, 0.9))
            .order_by()
        )
        return {r["body_id"]: (round(r["median"], 1), round(r["p90"], 1)) for r in rows}
    durations: dict[int, list[int]] = {}
    for body_id, forwarded, answered_on in answered.values_list(
        "body_id", "forwarded_on", "answered_on"
    ):
        durations.setdefault(body_id, []).append((answered_on - forwarded).days)
    return {
        body_id: (float(statistics.median(values)), _percentile(values, 90))
        for body_id, values in durations.items()
    }


def by_body(user, on: dt.date | None = None, *, since: dt.date | None = None) -> list[BodyRow]:
    """Per body: routed, open, overdue, answered, and the median and 90th percentile of the
    days from forwarding to the answer — who resolves slowly, slowest first."""
    on = on or deadlines.today()
    qs = recommendations_visible(user).filter(body__isnull=False)
    if since is not None:
        qs = qs.filter(received_on__gte=since)
    counts = qs.values("body_id", "body__name").annotate(
        routed=Count("id"),
        open=Count("id", filter=Q(state__in=deadlines.OPEN_STATES)),
        overdue=Count("id", filter=deadlines.overdue_q(on)),
        answered=Count("id", filter=Q(answered_on__isnull=False)),
    )
    quantiles = _answer_quantiles(qs)
    rows = [
        BodyRow(
            c["body_id"],
            c["body__name"],
            c["routed"],
            c["open"],
            c["overdue"],
            c["answered"],
            quantiles.get(c["body_id"], (None, None))[0],
            quantiles.get(c["body_id"], (None, None))[1],
        )
        for c in counts
    ]
    rows.sort(key=lambda r: (-(r.p90_days or -1), -r.overdue, r.name))
    return rows


def by_field(user, on: dt.date | None = None) -> list:
    """Per field: received, open, overdue, answered, resolved for good."""
    on = on or deadlines.today()
    return list(
        recommendations_visible(user)
        .values("field__code", "field__name")
        .annotate(
            received=Count("id"),
            open=Count("id", filter=Q(state__in=deadlines.OPEN_STATES)),
            overdue=Count("id", filter=deadlines.overdue_q(on)),
            answered=Count("id", filter=Q(state=S.ANSWERED)),
            resolved=Count("id", filter=Q(state=S.RESOLVED)),
        )
        .order_by("-received", "field__name")
    )


def bodies_visible(user) -> QuerySet[Body]:
    """The directory: every body in use is public knowledge to whoever may follow
    recommendations (forwarding needs to pick one); its contacts are not listed here."""
    return Body.objects.filter(is_active=True).select_related("authority", "unit")


def units_for_bodies(user):
    """Units where the user may add a body: the province and its communes in their scope."""
    from dantinh.org.models import Unit

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
