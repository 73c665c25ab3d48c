"""Who may do what with alerts (actions added to the one policy, `dantinh.org.policies`).

- alert.view: see the alerts of a subtree (leaders, compilers, area officers, administrators;
  not grassroots reporters);
- alert.handle: acknowledge or dismiss an alert (leaders, compilers, administrators);
- alert.notify: is told of a new alert at the unit itself or below (leaders).

Raising an alert is background work: only the system actor (or a superuser) raises.
"""

from __future__ import annotations

from dantinh.org import policies
from dantinh.org.models import Membership

Role = Membership.Role


def register() -> None:
    policies.register_actions(Role.AREA_OFFICER, {"alert.view"})
    policies.register_actions(Role.COMPILER, {"alert.view", "alert.handle"})
    policies.register_actions(Role.LEADER, {"alert.view", "alert.handle", "alert.notify"})
    policies.register_actions(Role.ADMIN, {"alert.view", "alert.handle"})
