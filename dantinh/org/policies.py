"""The one policy: who may do what, where.

A user's grants are (path, role) pairs from their active memberships: the membership's unit,
and for area officers also each assigned area. A role permits a set of actions; an action on
an object is allowed when some grant whose role permits it covers the object's unit path. A
grant knows where it comes from: some actions (writing a unit's report) are granted only by a
membership's own unit, never through the areas an area officer follows.

The same grants answer both questions:
- `can(user, action, obj)`: may this user do this to this object?
- `scope_q(user, action, field)`: a filter selecting the rows this user may act on, for every
  list, count, chart, search, export and API call (no per-row checks).

And, read the other way round, the same rules answer:
- `holders(action, unit)`: who holds an action at a unit itself (whom to tell about it);
- `unit_coverage(unit)`: what a unit answers for — its subtree and the areas its area officers
  follow (a commission department reports on the communes its officers follow).

Deny by default: no membership, no rows. Views turn "outside the scope" into 404, so that
"not found" and "not yours" look the same.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from dantinh.org import paths
from dantinh.org.models import Membership, Unit, User

Role = Membership.Role

VIEW = {"unit.view", "item.view"}
ENTRY = VIEW | {"item.create", "item.change_own", "item.export"}
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.REPORTER: frozenset(ENTRY),
    Role.AREA_OFFICER: frozenset(ENTRY),
    Role.LEADER: frozenset(ENTRY | {"audit.view"}),
    Role.COMPILER: frozenset(ENTRY | {"item.change", "item.delete", "item.import"}),
    Role.ADMIN: frozenset(
        ENTRY
        | {
            "item.change",
            "item.delete",
            "item.import",
            "unit.manage",
            "user.manage",
            "taxonomy.manage",
            "audit.view",
        }
    ),
}


# Actions that only a membership's own unit grants, never an area an area officer follows.
OWN_UNIT_ONLY: set[str] = set()


def register_actions(
    role: str, actions: set[str], *, own_unit_only: Collection[str] = frozenset()
) -> None:
    """Let a later part of the product (reporting, cases…) add its actions to a role. Those
    in `own_unit_only` are granted by the membership's own unit only, for every role: an
    assigned area never grants them."""
    ROLE_ACTIONS[role] = frozenset(ROLE_ACTIONS[role] | actions | set(own_unit_only))
    OWN_UNIT_ONLY.update(own_unit_only)


@dataclass(frozen=True)
class Grant:
    path: str
    role: str
    unit_id: int
    # True for an area an area officer follows, False for the membership's own unit.
    via_area: bool = False

    def allows(self, action: str) -> bool:
        if action not in ROLE_ACTIONS.get(self.role, ()):
            return False
        return not (self.via_area and action in OWN_UNIT_ONLY)


def _known(user) -> None:
    """A missing user is a programming error, never "everyone" nor "nobody": a visitor is
    Django's AnonymousUser, background work is the system actor."""
    if user is None:
        raise TypeError("the policy needs a user (AnonymousUser, a person, or system_actor())")


def grants(user) -> list[Grant]:
    """The user's grants, read once per request and kept on the user object."""
    _known(user)
    if not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, "_dantinh_grants", None)
    if cached is not None:
        return cached
    result: list[Grant] = []
    memberships = (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("unit")
        .prefetch_related("assigned_areas")
    )
    for membership in memberships:
        result.append(Grant(membership.unit.path, membership.role, membership.unit_id))
        if membership.role == Role.AREA_OFFICER:
            for area in membership.assigned_areas.all():
                result.append(Grant(area.path, membership.role, area.id, via_area=True))
    user._dantinh_grants = result
    return result


def forget(user) -> None:
    """Drop the cached grants after memberships change."""
    if hasattr(user, "_dantinh_grants"):
        del user._dantinh_grants


def _base_action(action: str) -> str:
    return action[: -len("_own")] if action.endswith("_own") else action


def action_paths(user, action: str) -> list[str]:
    """The subtrees (path prefixes) where the user may perform `action`."""
    return paths.minimal_prefixes(g.path for g in grants(user) if g.allows(action))


def grant_units(user, action: str) -> list[int]:
    """Ids of the units whose own grant lets the user perform `action` (their membership
    units, and the areas they follow where the action may come from an area), in grant
    order; not the units below them."""
    result: list[int] = []
    for grant in grants(user):
        if grant.allows(action) and grant.unit_id not in result:
            result.append(grant.unit_id)
    return result


def is_unrestricted(user) -> bool:
    """A superuser, or the system actor that background work acts as (it cannot sign in)."""
    _known(user)
    if not user.is_authenticated:
        return False
    return bool((user.is_active and user.is_superuser) or getattr(user, "is_system", False))


def scope_of_whole_rows(user, action: str, depth: int) -> bool:
    """Is the user's scope for `action` everything, or subtrees whose paths are at most `depth`
    long? A roll-up kept by paths of that length then answers for the scope exactly."""
    if is_unrestricted(user):
        return True
    return all(len(p) <= depth for p in action_paths(user, action))


def scope_q(user, action: str, field: str = "unit_path") -> Q:
    """Rows whose `field` (a unit path) lies where the user may perform `action`."""
    if is_unrestricted(user):
        return Q()
    return paths.subtree_q(field, action_paths(user, action))


def object_path(obj) -> str:
    if isinstance(obj, Unit):
        return obj.path
    path = getattr(obj, "unit_path", None)
    if path is None:
        raise TypeError(f"{type(obj).__name__} has no unit path for the policy")
    return path


def covers(user, action: str, path: str) -> bool:
    if is_unrestricted(user):
        return True
    return any(paths.contains(prefix, path) for prefix in action_paths(user, action))


def can(user, action: str, obj) -> bool:
    """May `user` do `action` on `obj`? For "x.change" a grant of "x.change_own" suffices on
    objects the user created."""
    path = object_path(obj)
    if covers(user, action, path):
        return True
    own_action = f"{_base_action(action)}_own"
    created_by_id = getattr(obj, "created_by_id", None)
    return (
        own_action != action
        and created_by_id is not None
        and user is not None
        and created_by_id == getattr(user, "pk", None)
        and covers(user, own_action, path)
    )


def can_anywhere(user, action: str) -> bool:
    """Does the user hold `action` on some subtree (to show a menu entry or a button)?"""
    return is_unrestricted(user) or bool(action_paths(user, action))


def holds_at_root(user, action: str) -> bool:
    """Does the user hold `action` over a whole tree (at a root unit)? For what serves, and
    shows figures of, the whole deployment."""
    return is_unrestricted(user) or any(len(p) == paths.SEGMENT for p in action_paths(user, action))


def primary_unit(user) -> Unit | None:
    """The unit shown by default in forms: the user's first membership unit."""
    for grant in grants(user):
        return Unit.objects.filter(pk=grant.unit_id).first()
    if is_unrestricted(user):
        return Unit.objects.filter(parent__isnull=True).order_by("path").first()
    return None


# --- accounts ---------------------------------------------------------------------------

SECOND_FACTOR_ROLES = frozenset({Role.LEADER, Role.ADMIN})


def requires_second_factor(user) -> bool:
    """Leaders, administrators and superusers sign in with a second factor (when the
    deployment's DANTINH_REQUIRE_2FA is on); for everyone else it is their choice."""
    return is_unrestricted(user) or any(g.role in SECOND_FACTOR_ROLES for g in grants(user))


def accounts_manageable(user) -> QuerySet[User]:
    """The accounts `user` may administer: reset the password or the second factor, unlock.

    An account is the administrator's when it has at least one role and every role it holds
    (and every area an area officer follows) lies where the administrator holds
    "user.manage": whoever takes over an account gets all of its roles, so a person who also
    holds a role elsewhere, or a superuser, is not a unit administrator's to take over.
    """
    if is_unrestricted(user):
        return User.objects.filter(is_system=False)
    prefixes = action_paths(user, "user.manage")
    if not prefixes:
        return User.objects.none()
    roles = Membership.objects.filter(user=OuterRef("pk"))
    areas = Membership.assigned_areas.through.objects.filter(membership__user=OuterRef("pk"))
    return (
        User.objects.filter(is_superuser=False)
        .filter(Exists(roles))
        .exclude(Exists(roles.exclude(paths.subtree_q("unit__path", prefixes))))
        .exclude(Exists(areas.exclude(paths.subtree_q("unit__path", prefixes))))
    )


def can_manage_account(user, person) -> bool:
    return accounts_manageable(user).filter(pk=person.pk).exists()


def _roles_with(action: str) -> list[str]:
    return [role for role, actions in ROLE_ACTIONS.items() if action in actions]


def holders(action: str, unit: Unit) -> QuerySet[User]:
    """The active users who hold `action` at `unit` itself: through a membership of that very
    unit, or as area officers following it (unless the action is kept to a membership's own
    unit). Not those who hold it over the subtree from a unit above: this names who answers
    for the unit — whom to remind, chase or tell — not everyone who may act there."""
    roles = _roles_with(action)
    held = Q(unit=unit, role__in=roles)
    if action not in OWN_UNIT_ONLY and Role.AREA_OFFICER in roles:
        held |= Q(assigned_areas=unit, role=Role.AREA_OFFICER)
    memberships = Membership.objects.filter(held, is_active=True)
    return (
        User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))
        .distinct()
        .order_by("username")
    )


def holders_by_unit(action: str, units: list[Unit]) -> dict[int, list[User]]:
    """`holders` for many units in two queries: {unit id: users, by username}."""
    roles = _roles_with(action)
    ids = [u.pk for u in units]
    found: dict[int, dict[int, User]] = {}
    own = Membership.objects.filter(
        unit_id__in=ids, role__in=roles, is_active=True, user__is_active=True
    ).select_related("user")
    for m in own:
        found.setdefault(m.unit_id, {})[m.user_id] = m.user
    if action not in OWN_UNIT_ONLY and Role.AREA_OFFICER in roles:
        links = Membership.assigned_areas.through.objects.filter(
            unit_id__in=ids,
            membership__role=Role.AREA_OFFICER,
            membership__is_active=True,
            membership__user__is_active=True,
        ).select_related("membership__user")
        for link in links:
            found.setdefault(link.unit_id, {})[link.membership.user_id] = link.membership.user
    return {
        unit_id: sorted(users.values(), key=lambda u: u.username)
        for unit_id, users in found.items()
    }


def unit_coverage(unit: Unit) -> list[str]:
    """The subtrees (path prefixes) a unit answers for: its own, and the areas that its
    active area officers follow (their area grants). What a unit's report covers, whoever
    drafts it."""
    areas = Unit.objects.filter(
        area_officers__unit=unit,
        area_officers__role=Role.AREA_OFFICER,
        area_officers__is_active=True,
        area_officers__user__is_active=True,
    ).values_list("path", flat=True)
    return paths.minimal_prefixes([unit.path, *areas])


def coverage_q(unit: Unit, field: str = "unit_path") -> Q:
    """Rows whose `field` (a unit path) lies within what `unit` answers for."""
    return paths.subtree_q(field, unit_coverage(unit))
