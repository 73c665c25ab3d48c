"""Who may do what with data protection: the actions added to the one policy.

- protection.manage: the deployment's duties as a whole — data keys, retention and purges,
  the register of processing activities, the impact assessment, breaches. Held by
  administrators, and used only at a root unit (`can_manage`): these are the whole
  deployment's, not a commune's.
- protection.requests: data subjects' requests received by a unit and its subtree — record
  them, look the person up across the system, answer them. Administrators only: finding a
  person by name or number is the most sensitive reading the system allows (SPEC §11).
"""

from __future__ import annotations

from dantinh.org import policies
from dantinh.org.models import Membership

Role = Membership.Role


def register() -> None:
    policies.register_actions(Role.ADMIN, {"protection.manage", "protection.requests"})


def can_manage(user) -> bool:
    return policies.holds_at_root(user, "protection.manage")


def can_handle_requests_somewhere(user) -> bool:
    return policies.can_anywhere(user, "protection.requests")
