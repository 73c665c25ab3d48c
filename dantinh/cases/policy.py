"""Who may do what with cases: the case actions added to the one policy
(`dantinh.org.policies`).

- case.view: see the cases of one's subtree (every role). A case is the opening unit's, so
  it is seen there and above; the members of a unit or body involved in a case see it too
  (read only), through `selectors.cases_visible`;
- case.create: open a case at a unit (compilers, area officers for the areas they follow,
  leaders, administrators);
- case.change: edit a case, record its developments and link items (the same roles);
- case.risk: change a case's risk level (the same roles);
- case.lead: whom a case reaching "likely" or "hotspot" is told at once: the leaders of the
  case's unit and of every unit above it (read with `policies.holders`).
"""

from __future__ import annotations

from dantinh.org import paths, policies
from dantinh.org.models import Membership, Unit, User

Role = Membership.Role
WRITE = {"case.view", "case.create", "case.change", "case.risk"}


def register() -> None:
    policies.register_actions(Role.REPORTER, {"case.view"})
    policies.register_actions(Role.AREA_OFFICER, WRITE)
    policies.register_actions(Role.COMPILER, WRITE)
    policies.register_actions(Role.LEADER, WRITE | {"case.lead"})
    policies.register_actions(Role.ADMIN, WRITE)


def can_change(user, case) -> bool:
    return policies.can(user, "case.change", case)


def can_change_risk(user, case) -> bool:
    return policies.can(user, "case.risk", case)


def leaders_of(unit: Unit) -> list[User]:
    """The leaders who answer for `unit` and for every unit above it, nearest first."""
    ancestors = list(Unit.objects.filter(pk__in=paths.ids_in_path(unit.path)))
    by_unit = policies.holders_by_unit("case.lead", ancestors)
    result: dict[int, User] = {}
    for ancestor in sorted(ancestors, key=lambda u: -u.depth):
        for user in by_unit.get(ancestor.pk, []):
            result.setdefault(user.pk, user)
    return list(result.values())
