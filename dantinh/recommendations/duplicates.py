"""The same grievance reported by several units or over several months: suggested as
duplicates (text similarity from intake's near-duplicate engine, the same place or a place
near it, the same field), merged into a group that credits the first report and keeps every
report with its history. And escalation over the levels (đơn thư vượt cấp): a grievance that
reached a higher level before the lower level had answered it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.intake.similar import items_similar
from dantinh.org import paths
from dantinh.org.actors import require_actor
from dantinh.org.models import User
from dantinh.recommendations import policy
from dantinh.recommendations.models import DuplicateGroup, Recommendation

S = Recommendation.State
# Below the intake engine's 0.5: a grievance is often retold in other words by another
# unit; place and field carry the rest of the evidence.
THRESHOLD = 0.35
PLACE_BONUS = 0.1
FIELD_BONUS = 0.1
SUGGEST_FROM = 0.5
WINDOW_DAYS = 365


@dataclass(frozen=True)
class Candidate:
    rec: Recommendation
    similarity: float  # of the texts
    same_place: bool
    same_field: bool

    @property
    def score(self) -> float:
        return self.similarity + PLACE_BONUS * self.same_place + FIELD_BONUS * self.same_field

    @property
    def percent(self) -> int:
        return round(min(self.score, 1.0) * 100)


def _near(a: str, b: str) -> bool:
    """The same place, one inside the other, or two places of the same commune or ward."""
    if a.startswith(b) or b.startswith(a):
        return True
    commune = 2 * paths.SEGMENT
    return len(a) >= commune and len(b) >= commune and a[:commune] == b[:commune]


def duplicate_candidates(*, user, rec: Recommendation, limit: int = 5) -> list[Candidate]:
    """Recommendations the user may see that may be the same grievance as `rec`, best
    first: similar texts (reworded ones too), scored up for the same place and field."""
    import datetime as dt

    from dantinh.recommendations.selectors import recommendations_visible

    window = dt.timedelta(days=WINDOW_DAYS)
    similar = items_similar(
        user=user,
        text=rec.item.text,
        exclude=rec.item_id,
        since=rec.item.observed_on - window,
        until=rec.item.observed_on + window,
        limit=20,
        threshold=THRESHOLD,
    )
    scores = {s.item.pk: s.similarity for s in similar}
    found = recommendations_visible(user).filter(item_id__in=scores).select_related("item", "unit")
    result = [
        Candidate(
            other,
            scores[other.item_id],
            _near(other.unit_path, rec.unit_path),
            other.field_id == rec.field_id,
        )
        for other in found
        if other.group_id is None or other.group_id != rec.group_id
    ]
    result = [c for c in result if c.score >= SUGGEST_FROM]
    result.sort(key=lambda c: (-c.score, c.rec.received_on, c.rec.pk))
    return result[:limit]


@transaction.atomic
def recommendations_merge(*, actor: User, recs: list[Recommendation]) -> DuplicateGroup:
    """One group for these recommendations (and the groups they already belong to). Needs
    "rec.manage" on each. The first received is credited; none is deleted."""
    require_actor(actor)
    ids = {r.pk for r in recs}
    locked = list(Recommendation.objects.select_for_update().filter(pk__in=ids))
    if len(locked) < 2:
        raise ValidationError(_("Choose at least two recommendations to merge."))
    if not all(policy.can_manage(actor, r) for r in locked):
        raise PermissionDeniedError()
    group_ids = {r.group_id for r in locked if r.group_id}
    members = list(
        Recommendation.objects.select_for_update().filter(pk__in=ids)
        | Recommendation.objects.select_for_update().filter(group_id__in=group_ids)
    )
    if not all(policy.can_manage(actor, r) for r in members):
        raise PermissionDeniedError()
    first = min(members, key=lambda r: (r.received_on, r.pk))
    group = DuplicateGroup.objects.filter(pk__in=group_ids).order_by("pk").first()
    if group is None:
        group = DuplicateGroup.objects.create(first=first, created_by=actor)
    elif group.first_id != first.pk:
        group.first = first
        group.save(update_fields=["first"])
    for member in members:
        if member.group_id != group.pk:
            old = member.group_id
            Recommendation.objects.filter(pk=member.pk).update(
                group=group, version=member.version + 1
            )
            audit.record(
                actor=actor,
                action=audit.Action.UPDATE,
                obj=member,
                changes={"group": [old, group.pk]},
                note="merge",
            )
    DuplicateGroup.objects.filter(pk__in=group_ids - {group.pk}).delete()
    for member in Recommendation.objects.filter(group=group):
        flag_escalation(member)
    return group


def flag_escalation(rec: Recommendation) -> bool:
    """Đơn thư vượt cấp: `rec` was received at a higher level (its following unit is above
    another report's) while that lower report of the same grievance (same group) was still
    not answered. Sets and returns the flag."""
    if rec.group_id is None:
        return rec.escalated
    lower = Recommendation.objects.filter(group_id=rec.group_id).exclude(pk=rec.pk)
    for other in lower.only("owner_path", "received_on", "answered_on"):
        higher = len(rec.owner_path) < len(other.owner_path) and other.owner_path.startswith(
            rec.owner_path
        )
        unanswered = other.received_on <= rec.received_on and (
            other.answered_on is None or other.answered_on > rec.received_on
        )
        if higher and unanswered and not rec.escalated:
            Recommendation.objects.filter(pk=rec.pk).update(escalated=True)
            rec.escalated = True
            break
    return rec.escalated
