"""Writes to meetings: record, change, delete, and turn their points into items. Each asks
the policy, validates, writes in one transaction and is audited."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.concurrency import check_version
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.intake import labelling, validation
from dantinh.intake import services as item_services
from dantinh.intake.models import Channel, Field, Item, Kind, Mood
from dantinh.org import policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User
from dantinh.programme import target_services
from dantinh.programme.models import (
    Evidence,
    Meeting,
    MeetingGroup,
    MeetingPoint,
    ParticipantGroup,
)

MAX_POINTS = 100
MAX_POINT = 5_000
MAX_COUNT = 1_000_000
MEETING_AUDIT_FIELDS = ["unit", "kind", "held_on", "place", "title", "summary"]
# The channel (Hướng dẫn II.2) through which what is heard at each kind of meeting arrives.
KIND_CHANNEL: dict[str, str] = {
    Meeting.Kind.DIALOGUE: "doi_thoai_tiep_xuc",
    Meeting.Kind.VOTER_CONTACT: "doi_thoai_tiep_xuc",
    Meeting.Kind.GROUP_MEETING: "doi_thoai_tiep_xuc",
    Meeting.Kind.BRIEFING: "hoi_nghi_kiem_tra_khao_sat",
}
# When the engine proposes nothing (or a retired code): a mood or opinion, field "other".
FALLBACK = {"kind": "tam_trang", "field": "khac"}


def split_points(text: str) -> list[str]:
    """Points typed one per line (bullets and numbering dropped)."""
    points = []
    for line in (text or "").replace("\x00", "").splitlines():
        point = line.strip().lstrip("-•*+–").strip()
        if point:
            points.append(point)
    return points


def _clean(
    *, kind: str, held_on: Any, place: str, title: str, summary: str, groups: dict, points: list
) -> dict:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    if kind not in Meeting.Kind.values:
        errors["kind"] = _("Choose the kind of meeting.")
    values["kind"] = kind
    try:
        values["held_on"] = validation.clean_observed_on(held_on)
    except validation.FieldError as exc:
        errors["held_on"] = exc.message
    values["place"] = (place or "").strip()[:200]
    if not values["place"]:
        errors["place"] = _("Say where the meeting was held.")
    values["title"] = (title or "").strip()[:200]
    values["summary"] = (summary or "").replace("\x00", "").strip()[:20_000]
    counts: dict[str, int] = {}
    for group, raw in (groups or {}).items():
        if raw in (None, "", 0, "0"):
            continue
        if group not in ParticipantGroup.values:
            errors["groups"] = _("Unknown group of participants.")
            continue
        try:
            count = int(str(raw).strip())
        except ValueError:
            count = -1
        if count < 0 or count > MAX_COUNT:
            errors["groups"] = _("Each group's number of people is a whole number from 0.")
            continue
        if count:
            counts[group] = count
    if not counts and "groups" not in errors:
        errors["groups"] = _(
            "Say who took part: the number of people of at least one group (no names)."
        )
    values["groups"] = counts
    texts = [str(p).replace("\x00", "").strip() for p in points or []]
    texts = [t for t in texts if t]
    if len(texts) > MAX_POINTS:
        errors["points"] = _("At most %(n)s points per meeting.") % {"n": MAX_POINTS}
    elif any(len(t) > MAX_POINT for t in texts):
        errors["points"] = _("A point is at most %(n)s characters.") % {"n": MAX_POINT}
    values["points"] = texts
    if errors:
        raise ValidationError(errors)
    return values


def _suggest(texts: list[str]) -> list[dict]:
    """The engine's codes for each text (field, kind, mood, authority, model_version)."""
    if not texts:
        return []
    heads = ("field", "kind", "mood", "authority")
    return [
        {**{h: labels.get(h) or "" for h in heads}, "model_version": labels["model_version"]}
        for labels in labelling.label_texts(texts)
    ]


def _add_points(meeting: Meeting, texts: list[str], start: int = 0) -> list[MeetingPoint]:
    suggestions = _suggest(texts)
    return MeetingPoint.objects.bulk_create(
        [
            MeetingPoint(meeting=meeting, order=start + i, text=text, suggested=suggested)
            for i, (text, suggested) in enumerate(zip(texts, suggestions, strict=True))
        ]
    )


def _snapshot(meeting: Meeting) -> dict:
    known = {"groups": {g.group: g.count for g in meeting.groups.all()}}
    return audit.snapshot(meeting, [*MEETING_AUDIT_FIELDS, "groups"], known=known)


@transaction.atomic
def meeting_record(
    *,
    actor: User,
    unit: Unit,
    kind: str,
    held_on: Any,
    place: str,
    groups: dict[str, Any],
    points: list[str],
    title: str = "",
    summary: str = "",
    make_items: bool = False,
) -> Meeting:
    """Record a meeting held at `unit`: its participants as groups and counts, and the points
    heard, each labelled by the language engine. With `make_items`, every point becomes an
    item at once (`meeting_make_items`). Needs "meeting.record" on the unit (and
    "item.create" for the items). Raises PermissionDeniedError or ValidationError."""
    require_actor(actor)
    if not policies.can(actor, "meeting.record", unit):
        raise PermissionDeniedError()
    values = _clean(
        kind=kind,
        held_on=held_on,
        place=place,
        title=title,
        summary=summary,
        groups=groups,
        points=points,
    )
    meeting = Meeting.objects.create(
        unit=unit,
        unit_path=unit.path,
        kind=values["kind"],
        held_on=values["held_on"],
        place=values["place"],
        title=values["title"],
        summary=values["summary"],
        created_by=actor,
    )
    MeetingGroup.objects.bulk_create(
        [MeetingGroup(meeting=meeting, group=g, count=c) for g, c in values["groups"].items()]
    )
    _add_points(meeting, values["points"])
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=meeting,
        changes=audit.diff({}, _snapshot(meeting)),
    )
    target_services.link_meeting(actor=actor, meeting=meeting)
    if make_items and values["points"]:
        meeting_make_items(actor=actor, meeting=meeting)
    return meeting


def can_change(user, meeting: Meeting) -> bool:
    return policies.can(user, "meeting.change", meeting)


@transaction.atomic
def meeting_update(
    *,
    actor: User,
    meeting: Meeting,
    version: int | None,
    kind: str,
    held_on: Any,
    place: str,
    groups: dict[str, Any],
    new_points: list[str],
    title: str = "",
    summary: str = "",
) -> Meeting:
    """Change a meeting's record and the points that have not become items yet (they are
    replaced by `new_points`; the points already turned into items stay as they are). Needs
    "meeting.change" (or "meeting.change_own" on one's own record). Raises
    PermissionDeniedError, ValidationError or ConflictError."""
    require_actor(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not can_change(actor, meeting):
        raise PermissionDeniedError()
    check_version(meeting, version)
    values = _clean(
        kind=kind,
        held_on=held_on,
        place=place,
        title=title,
        summary=summary,
        groups=groups,
        points=new_points,
    )
    before = _snapshot(meeting)
    for name in ("kind", "held_on", "place", "title", "summary"):
        setattr(meeting, name, values[name])
    meeting.version += 1
    meeting.save()
    meeting.groups.all().delete()
    MeetingGroup.objects.bulk_create(
        [MeetingGroup(meeting=meeting, group=g, count=c) for g, c in values["groups"].items()]
    )
    pending = meeting.points.filter(item__isnull=True)
    kept = {p.text: p for p in pending}
    wanted = values["points"]
    pending.exclude(text__in=wanted).delete()
    start = (meeting.points.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    _add_points(meeting, [t for t in wanted if t not in kept], start=start)
    after = _snapshot(meeting)
    audit.record(
        actor=actor, action=audit.Action.UPDATE, obj=meeting, changes=audit.diff(before, after)
    )
    if (before["kind"], before["held_on"]) != (after["kind"], after["held_on"]):
        # what the meeting is evidence of follows its kind and date
        Evidence.objects.filter(meeting=meeting).delete()
        target_services.link_meeting(actor=actor, meeting=meeting)
    return meeting


@transaction.atomic
def meeting_delete(*, actor: User, meeting: Meeting) -> None:
    """Delete a meeting whose points have not become items (once they have, the record is
    their source and stays). Needs "meeting.change" (or its own)."""
    require_actor(actor)
    if not can_change(actor, meeting):
        raise PermissionDeniedError()
    if meeting.points.filter(item__isnull=False).exists():
        raise ValidationError(
            _("Points of this meeting have become items: the meeting is their source and stays.")
        )
    audit.record(actor=actor, action=audit.Action.DELETE, obj=meeting)
    meeting.delete()


def _entry(model, code: str | None):
    return model.objects.filter(code=code, is_active=True).first() if code else None


def meeting_url(meeting: Meeting) -> str:
    path = reverse("programme:meeting_detail", args=[meeting.pk])
    return f"{settings.DANTINH_BASE_URL.rstrip('/')}{path}"


def _channel(meeting: Meeting) -> Channel:
    channel = _entry(Channel, KIND_CHANNEL.get(meeting.kind))
    if channel is None:  # the deployment retired the code: the first channel in use
        channel = Channel.objects.filter(is_active=True).order_by("order", "id").first()
    if channel is None:
        raise ValidationError(_("No channel is in use: an administrator must add one."))
    return channel


@transaction.atomic
def meeting_make_items(
    *, actor: User, meeting: Meeting, labels: dict[int, dict[str, str]] | None = None
) -> list[Item]:
    """Turn every point not yet an item into an item, in one step, all or nothing: about the
    meeting's unit, observed on its date, through the channel of its kind, with the meeting as
    source; labelled as the person chose in `labels` ({point id: {"field", "kind", "mood"}:
    codes}) or else as the engine suggested. Needs "meeting.change" (or its own) and
    "item.create" on the unit."""
    require_actor(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not can_change(actor, meeting) or not policies.can(actor, "item.create", meeting.unit):
        raise PermissionDeniedError()
    labels = labels or {}
    channel = _channel(meeting)
    source = meeting_url(meeting)
    made = []
    for point in meeting.points.filter(item__isnull=True).order_by("order", "id"):
        chosen = labels.get(point.pk, {})
        suggested = point.suggested or {}

        def pick(head: str, model, chosen=chosen, suggested=suggested):
            code = chosen.get(head, suggested.get(head))
            entry = _entry(model, code)
            if entry is None and head in FALLBACK:
                entry = _entry(model, FALLBACK[head])
            return entry

        item = item_services.item_create(
            actor=actor,
            unit=meeting.unit,
            text=point.text,
            kind=pick("kind", Kind),
            field=pick("field", Field),
            mood=pick("mood", Mood),
            channel=channel,
            observed_on=meeting.held_on,
            source_url=source,
            model_version=suggested.get("model_version", ""),
            suggested={h: suggested.get(h, "") for h in ("field", "kind", "mood", "authority")},
        )
        point.item = item
        point.save(update_fields=["item"])
        made.append(item)
    if made:
        audit.record(
            actor=actor,
            action=audit.Action.UPDATE,
            obj=meeting,
            note=_("%(n)s points became items.") % {"n": len(made)},
        )
    return made
