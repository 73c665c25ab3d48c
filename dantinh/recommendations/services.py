"""Writes on followed recommendations: register an item, then each transition of the state
machine (`states.py`) as one service — actor first, guarded by the policy, in one
transaction, recorded in the audit trail and in the recommendation's own history.

Errors: PermissionDeniedError (not allowed), ValidationError (a wrong state or value, in
Vietnamese), ConflictError (someone changed it since it was read).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.concurrency import check_version
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.intake.models import Authority, Item
from dantinh.org import policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User
from dantinh.recommendations import deadlines, notices, policy, rollup, routing, states
from dantinh.recommendations.models import (
    Body,
    Event,
    Procedure,
    Recommendation,
    ReplyTemplate,
)

S = Recommendation.State
KINDS = {"kien_nghi": Procedure.RECOMMENDATION, "khieu_nai_to_cao": Procedure.COMPLAINT}
AUDIT_FIELDS = [
    "state",
    "body",
    "procedure",
    "assignee",
    "forwarded_on",
    "returned_on",
    "accepted_on",
    "due_on",
    "answered_on",
    "resolved_on",
    "is_complex",
    "is_remote",
    "extensions",
    "answer",
    "satisfaction",
    "reopened_count",
    "declined_count",
    "group",
    "escalated",
]
NOTE_MAX = 2000
ANSWER_MAX = 10000


def _today() -> dt.date:
    return timezone.localdate()


def _day_of(rec: Recommendation) -> dt.date:
    """The day the step being recorded happened (set by `_begin`)."""
    return getattr(rec, "_day", None) or _today()


def _procedure_for(item: Item) -> str:
    code = item.kind.code
    if code not in KINDS:
        raise ValidationError(
            {"item": _("Only items of kind recommendation or complaint/denunciation are followed.")}
        )
    procedure = KINDS[code]
    if procedure == Procedure.COMPLAINT and "to cao" in item.search_text:
        return Procedure.DENUNCIATION
    return procedure


def suggested_authority_code(item: Item, procedure: str) -> str | None:
    """The category the body should be of: the item's confirmed authority (suggested by the
    language engine at entry), corrected by the directory's rules (`routing`)."""
    suggested = (item.suggested or {}).get("authority")
    if item.authority and suggested and item.authority.code != suggested:
        return item.authority.code  # a person corrected the engine: their choice stands
    engine = item.authority.code if item.authority else suggested
    if not engine:
        from dantinh.intake.labelling import item_model

        try:
            engine = item_model().suggest(item.text).authority
        except Exception:  # no model yet (a fresh deployment): the directory's rules alone
            engine = None
    return routing.route(item.text, engine_code=engine, procedure=procedure).authority


@transaction.atomic
def recommendation_register(
    *,
    actor: User,
    item: Item,
    owner: Unit | None = None,
    procedure: str | None = None,
    is_complex: bool = False,
    is_remote: bool = False,
    received_on: dt.date | None = None,
) -> Recommendation:
    """Follow an item of kind recommendation or complaint/denunciation. Needs "rec.manage"
    where the item is, or at the following unit (`owner`, default: the item's reporting
    unit). The deadline of screening and forwarding starts; the competent body is suggested,
    not chosen. Raises ValidationError for another kind or an item already followed."""
    require_actor(actor)
    owner = owner or item.reporting_unit
    if not (policies.can(actor, policy.MANAGE, item) or policies.can(actor, policy.MANAGE, owner)):
        raise PermissionDeniedError()
    if Recommendation.objects.filter(item=item).exists():
        raise ValidationError({"item": _("This item is already followed as a recommendation.")})
    procedure = procedure or _procedure_for(item)
    if procedure not in Procedure.values:
        raise ValidationError({"procedure": _("Choose a procedure from the list.")})
    code = suggested_authority_code(item, procedure)
    rec = Recommendation(
        item=item,
        unit=item.unit,
        unit_path=item.unit_path,
        owner=owner,
        owner_path=owner.path,
        procedure=procedure,
        field=item.field,
        received_on=received_on or item.observed_on,
        is_complex=is_complex,
        is_remote=is_remote,
        suggested_authority=Authority.objects.filter(code=code).first() if code else None,
        created_by=actor,
    )
    rec.due_on = deadlines.due_for(rec)
    rec.save()
    rollup.apply({}, rollup.contribution(rec))
    rec._day = rec.received_on  # type: ignore[attr-defined]  # received before it was followed
    _event(rec, actor, "register", "", rec.state)
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=rec,
        changes={k: [None, v] for k, v in audit.snapshot(rec, AUDIT_FIELDS).items() if v},
    )
    from dantinh.recommendations import duplicates

    duplicates.flag_escalation(rec)
    return rec


def suggested_body(rec: Recommendation) -> Body | None:
    """The directory's body for the suggested category, nearest the place (for a
    denunciation of a commune chair or police, the level above)."""
    if rec.suggested_authority_id is None:
        return None
    code = rec.suggested_authority.code  # type: ignore[union-attr]
    place = rec.unit
    if rec.procedure == Procedure.DENUNCIATION:
        folded = rec.item.search_text
        for phrases, body_code, up in routing.DENOUNCED:
            if body_code == code and up and any(routing._has(folded, p) for p in phrases):
                place = place.parent or place
                break
    return routing.nearest_body(code, place)


# --- transitions -----------------------------------------------------------------------------


def _event(rec, actor, action, from_state, to_state, *, body=None, note="") -> Event:
    now = timezone.now()
    day = getattr(rec, "_day", None)
    if day is not None and day != timezone.localtime(now).date():  # a step recorded late: its day
        now = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    return Event.objects.create(
        recommendation=rec,
        at=now,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=to_state,
        body=body,
        note=note,
    )


def _locked(rec: Recommendation) -> Recommendation:
    # "of self": the body is the nullable side of an outer join, which PostgreSQL cannot lock
    return (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("item", "body")
        .get(pk=rec.pk)
    )


def _begin(
    actor: User, rec: Recommendation, name: str, version: int | None, on: dt.date | None = None
) -> Recommendation:
    """Lock the row, then check the policy, the version and the state machine. `on` is the
    day the step happened (default today): a step recorded late (a body's letter that arrived
    yesterday, a register taken over from paper) keeps its own date, never before the
    recommendation's last step nor in the future."""
    require_actor(actor)
    transition = states.TRANSITIONS[name]
    stored = _locked(rec)
    if not policy.can_view(actor, stored) or not policy.can_act(actor, stored, transition.by):
        raise PermissionDeniedError()
    check_version(stored, version)
    if not states.allowed(name, stored.state):
        raise ValidationError(
            _("This cannot be done to a recommendation that is “%(state)s”.")
            % {"state": stored.get_state_display()}
        )
    day = on or _today()
    last = stored.events.order_by("-at", "-id").values_list("at", flat=True).first()
    earliest = max(
        stored.received_on, timezone.localtime(last).date() if last else stored.received_on
    )
    if day > _today() or day < earliest:
        raise ValidationError(
            {
                "on": _("The date must lie between %(a)s and today.")
                % {"a": earliest.strftime("%d/%m/%Y")}
            }
        )
    stored._day = day  # type: ignore[attr-defined]
    stored._rollup_before = rollup.contribution(stored)  # type: ignore[attr-defined]
    return stored


def _finish(
    actor: User,
    rec: Recommendation,
    name: str,
    before: dict,
    from_state: str,
    *,
    body: Body | None = None,
    note: str = "",
) -> Recommendation:
    rec.due_on = deadlines.due_for(rec)
    rec.version += 1
    rec.save()
    rollup.apply(getattr(rec, "_rollup_before", {}), rollup.contribution(rec))
    _event(rec, actor, name, from_state, rec.state, body=body, note=note)
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=rec,
        changes=audit.diff(before, audit.snapshot(rec, AUDIT_FIELDS)),
        note=name,
    )
    return rec


def _text(value: str, field: str, limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(n)s characters, please.") % {"n": limit}})
    return value


def _params(rec: Recommendation, body: Body | None, **extra) -> dict:
    # Never the complainant: only the grievance's headline, the body and dates.
    params = {"title": rec.item.headline, "body": body.name if body else "", "rec_id": rec.pk}
    if body is not None:
        params["body_id"] = body.pk
    return params | extra


def _url(rec: Recommendation) -> str:
    from django.urls import reverse

    return reverse("recommendations:detail", args=[rec.pk])


def _notify_later(users_of, kind: str, rec: Recommendation, unit: Unit, params: dict) -> None:
    from dantinh.reporting import notify

    def send() -> None:
        notify.notify(users_of(), kind=kind, unit=unit, params=params, url=_url(rec))

    transaction.on_commit(send)


def contact_users(body: Body) -> list[User]:
    return [
        c.user
        for c in body.contacts.filter(is_active=True, user__is_active=True).select_related("user")
        if c.user is not None
    ]


def desk_users(unit: Unit) -> list[User]:
    return list(policies.holders(policy.MANAGE, unit))


@transaction.atomic
def recommendation_forward(
    *,
    actor: User,
    rec: Recommendation,
    body: Body,
    note: str = "",
    version: int | None = None,
    on: dt.date | None = None,
) -> Recommendation:
    """Send it to a competent body: the acceptance deadline starts, the body's contacts are
    told, and a transmittal letter can be downloaded. Needs "rec.manage"."""
    rec = _begin(actor, rec, "forward", version, on)
    if not body.is_active:
        raise ValidationError({"body": _("This body is no longer in use.")})
    note = _text(note, "note", NOTE_MAX, required=False)
    before, from_state = audit.snapshot(rec, AUDIT_FIELDS), rec.state
    rec.state, rec.body, rec.forwarded_on = S.FORWARDED, body, _day_of(rec)
    rec.accepted_on = None
    _finish(actor, rec, "forward", before, from_state, body=body, note=note)
    _notify_later(
        lambda: contact_users(body), notices.FORWARDED, rec, rec.owner, _params(rec, body)
    )
    return rec


@transaction.atomic
def recommendation_accept(
    *, actor: User, rec: Recommendation, version: int | None = None, on: dt.date | None = None
) -> Recommendation:
    """The body accepts it for resolution (thụ lý): the resolution deadline starts."""
    rec = _begin(actor, rec, "accept", version, on)
    before, from_state = audit.snapshot(rec, AUDIT_FIELDS), rec.state
    rec.state, rec.accepted_on = S.IN_PROGRESS, _day_of(rec)
    return _finish(actor, rec, "accept", before, from_state, body=rec.body)


@transaction.atomic
def recommendation_decline(
    *,
    actor: User,
    rec: Recommendation,
    reason: str,
    version: int | None = None,
    on: dt.date | None = None,
) -> Recommendation:
    """The body is not competent: it goes back to the desk (received), which forwards it to
    another body. The history keeps who declined, for which body, and why."""
    rec = _begin(actor, rec, "decline", version, on)
    reason = _text(reason, "reason", NOTE_MAX)
    before, from_state, body = audit.snapshot(rec, AUDIT_FIELDS), rec.state, rec.body
    rec.state, rec.body = S.RECEIVED, None
    rec.forwarded_on = rec.accepted_on = None
    rec.returned_on = _day_of(rec)
    rec.declined_count += 1
    _finish(actor, rec, "decline", before, from_state, body=body, note=reason)
    _notify_later(
        lambda: desk_users(rec.owner),
        notices.DECLINED,
        rec,
        rec.owner,
        _params(rec, body, comment=reason[:300]) | {"body_id": None},
    )
    return rec


@transaction.atomic
def recommendation_extend(
    *,
    actor: User,
    rec: Recommendation,
    reason: str,
    version: int | None = None,
    on: dt.date | None = None,
) -> Recommendation:
    """Extend the resolution deadline, as far as the procedure's rule allows (a
    denunciation: once, twice for an especially complex case)."""
    rec = _begin(actor, rec, "extend", version, on)
    reason = _text(reason, "reason", NOTE_MAX)
    if not deadlines.extension_allowed(rec):
        raise ValidationError(_("The deadline of this recommendation cannot be extended further."))
    before, from_state = audit.snapshot(rec, AUDIT_FIELDS), rec.state
    rec.extensions += 1
    return _finish(actor, rec, "extend", before, from_state, body=rec.body, note=reason)


@transaction.atomic
def recommendation_answer(
    *,
    actor: User,
    rec: Recommendation,
    text: str,
    template: ReplyTemplate | None = None,
    version: int | None = None,
    on: dt.date | None = None,
) -> Recommendation:
    """Record the answer (the body's, or the desk's own for what the commission resolves
    itself, from "received"). The following unit is told."""
    stored = Recommendation.objects.get(pk=rec.pk)
    name = "answer_self" if stored.state == S.RECEIVED else "answer"
    rec = _begin(actor, rec, name, version, on)
    text = _text(text, "text", ANSWER_MAX)
    before, from_state = audit.snapshot(rec, AUDIT_FIELDS), rec.state
    rec.state, rec.answer, rec.answered_on = S.ANSWERED, text, _day_of(rec)
    note = template.name if template else ""
    _finish(actor, rec, "answer", before, from_state, body=rec.body, note=note)
    body = rec.body
    _notify_later(
        lambda: desk_users(rec.owner),
        notices.ANSWERED,
        rec,
        rec.owner,
        _params(rec, body) | {"body_id": None},
    )
    return rec


@transaction.atomic
def recommendation_close(
    *,
    actor: User,
    rec: Recommendation,
    satisfaction: str = Recommendation.Satisfaction.SATISFIED,
    note: str = "",
    version: int | None = None,
    on: dt.date | None = None,
) -> Recommendation:
    """Resolved for good (giải quyết dứt điểm), with the citizen's satisfaction."""
    rec = _begin(actor, rec, "close", version, on)
    if satisfaction not in Recommendation.Satisfaction.values:
        raise ValidationError({"satisfaction": _("Choose a value from the list.")})
    note = _text(note, "note", NOTE_MAX, required=False)
    before, from_state = audit.snapshot(rec, AUDIT_FIELDS), rec.state
    rec.state, rec.resolved_on, rec.satisfaction = S.RESOLVED, _day_of(rec), satisfaction
    return _finish(actor, rec, "close", before, from_state, body=rec.body, note=note)


@transaction.atomic
def recommendation_reopen(
    *,
    actor: User,
    rec: Recommendation,
    reason: str,
    version: int | None = None,
    on: dt.date | None = None,
) -> Recommendation:
    """The citizen is not satisfied: it goes back to being resolved by the body that
    answered (its resolution deadline starts again) and counts as reopened."""
    rec = _begin(actor, rec, "reopen", version, on)
    reason = _text(reason, "reason", NOTE_MAX)
    before, from_state = audit.snapshot(rec, AUDIT_FIELDS), rec.state
    rec.state = S.IN_PROGRESS
    rec.satisfaction = Recommendation.Satisfaction.UNSATISFIED
    rec.accepted_on, rec.resolved_on, rec.extensions = _day_of(rec), None, 0
    rec.reopened_count += 1
    _finish(actor, rec, "reopen", before, from_state, body=rec.body, note=reason)
    if rec.body is not None:
        body = rec.body
        _notify_later(
            lambda: contact_users(body),
            notices.REOPENED,
            rec,
            rec.owner,
            _params(rec, body, comment=reason[:300]),
        )
    return rec


@transaction.atomic
def recommendation_assign(
    *, actor: User, rec: Recommendation, assignee: User | None, version: int | None = None
) -> Recommendation:
    """Give it to one person of the desk (or to nobody). Needs "rec.manage", and the
    assignee must be able to manage it too."""
    require_actor(actor)
    stored = _locked(rec)
    if not policy.can_manage(actor, stored):
        raise PermissionDeniedError()
    check_version(stored, version)
    if assignee is not None and not policy.can_manage(assignee, stored):
        raise ValidationError({"assignee": _("This person cannot act on this recommendation.")})
    before = audit.snapshot(stored, AUDIT_FIELDS)
    stored.assignee = assignee
    stored.version += 1
    stored.save()
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=stored,
        changes=audit.diff(before, audit.snapshot(stored, AUDIT_FIELDS)),
    )
    return stored


BULK_ACTIONS = ("assign", "forward", "close_with_answer")


def recommendations_bulk(
    *,
    actor: User,
    recs: Iterable[Recommendation],
    action: str,
    assignee: User | None = None,
    body: Body | None = None,
    text: str = "",
) -> tuple[int, list[tuple[Recommendation, str]]]:
    """One action on many (a backlog): assign, forward to one body, or close with one
    answer. Each goes through its own service in its own transaction, so one refusal does
    not undo the others. Returns (done, [(recommendation, why not)])."""
    require_actor(actor)
    if action not in BULK_ACTIONS:
        raise ValidationError({"action": _("Choose an action from the list.")})
    if action == "forward" and body is None:
        raise ValidationError({"body": _("Choose the body to forward to.")})
    if action == "close_with_answer":
        _text(text, "text", ANSWER_MAX)
    done, failed = 0, []
    for rec in recs:
        try:
            if action == "assign":
                recommendation_assign(actor=actor, rec=rec, assignee=assignee)
            elif action == "forward":
                recommendation_forward(actor=actor, rec=rec, body=body)  # type: ignore[arg-type]
            else:
                with transaction.atomic():
                    rec = recommendation_answer(actor=actor, rec=rec, text=text)
                    recommendation_close(actor=actor, rec=rec)
            done += 1
        except (PermissionDeniedError, ValidationError) as error:
            failed.append((rec, str(getattr(error, "message", error))))
    return done, failed
