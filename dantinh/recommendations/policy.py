"""Who may do what with recommendations: the actions added to the one policy, and the rule
for bodies' contacts.

- rec.view: see the recommendations about a place of one's scope, or followed by a unit of it;
- rec.manage: register, forward, assign, answer directly, close, reopen, merge duplicates and
  act on a body's behalf (compilers of the following unit and above, administrators);
- rec.personal: read a complainant's identity, because one must act on it (compilers);
- rec.personal_request: find complainants by identity for a data subject's request
  (administrators; `selectors.complainants_matching`);
- rec.overdue_notice: is told when a recommendation the unit follows is overdue (leaders);
- body.manage: keep the directory of competent bodies and their contacts (administrators).

A body's contact holds no membership: their account sees exactly the recommendations now
routed to their body (accept, decline, extend, answer) and their complainants' contact,
and nothing else (`contact_body`).
"""

from __future__ import annotations

from django.db.models import Q

from dantinh.org import policies
from dantinh.org.models import Membership

Role = Membership.Role
VIEW = "rec.view"
MANAGE = "rec.manage"
PERSONAL = "rec.personal"


def register() -> None:
    policies.register_actions(Role.REPORTER, {VIEW})
    policies.register_actions(Role.AREA_OFFICER, {VIEW})
    # Told when a recommendation their unit follows is overdue.
    policies.register_actions(Role.LEADER, {VIEW, "rec.overdue_notice"})
    policies.register_actions(Role.COMPILER, {VIEW, MANAGE, PERSONAL})
    policies.register_actions(Role.ADMIN, {VIEW, MANAGE, "rec.personal_request", "body.manage"})


def contact_body_id(user) -> int | None:
    """The body whose active contact this account is (None for everyone else); read once
    per request."""
    if user is None:
        raise TypeError("the policy needs a user")
    if not user.is_authenticated or not user.is_active:
        return None
    cached = getattr(user, "_dantinh_contact_body", False)
    if cached is not False:
        return cached
    from dantinh.recommendations.models import BodyContact

    body_id = (
        BodyContact.objects.filter(user=user, is_active=True, body__is_active=True)
        .values_list("body_id", flat=True)
        .first()
    )
    user._dantinh_contact_body = body_id
    return body_id


def visible_q(user, action: str = VIEW) -> Q:
    """Recommendations the user may see: by place or following unit within their scope, or
    routed to the body they are a contact of."""
    if policies.is_unrestricted(user):
        return Q()
    q = policies.scope_q(user, action, "unit_path") | policies.scope_q(user, action, "owner_path")
    body_id = contact_body_id(user)
    if body_id is not None and action in (VIEW, PERSONAL):
        q |= Q(body_id=body_id)
    return q


def is_body_contact(user, rec) -> bool:
    return rec.body_id is not None and contact_body_id(user) == rec.body_id


def _desk(user, action: str, rec) -> bool:
    return policies.covers(user, action, rec.unit_path) or policies.covers(
        user, action, rec.owner_path
    )


def can_view(user, rec) -> bool:
    return _desk(user, VIEW, rec) or is_body_contact(user, rec)


def can_manage(user, rec) -> bool:
    return _desk(user, MANAGE, rec)


def can_act(user, rec, by: str) -> bool:
    """May the user carry out a transition done "by" the desk or the body?"""
    if by == "body" and is_body_contact(user, rec):
        return True
    return can_manage(user, rec)


def can_read_personal(user, rec) -> bool:
    """Those who must act on the complainant: the following desk's compilers and the routed
    body's contacts."""
    return _desk(user, PERSONAL, rec) or is_body_contact(user, rec)


def can_manage_bodies(user, unit) -> bool:
    return policies.can(user, "body.manage", unit)
