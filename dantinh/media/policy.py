"""Who may do what in the media monitor: its actions added to the one policy.

- media.view: read the sources, posts and stories of a unit's subtree (leaders, compilers,
  area officers, administrators; grassroots reporters log items, they do not watch the press);
- media.manage: add, change and pause sources, upload exports, push posts through the API,
  edit column mappings (administrators);
- media.promote: turn a post or a story into an item (compilers, area officers,
  administrators); the item itself is still created under `item.create`.
"""

from __future__ import annotations

from dantinh.org import policies
from dantinh.org.models import Membership

Role = Membership.Role


def register() -> None:
    policies.register_actions(Role.LEADER, {"media.view"})
    policies.register_actions(Role.COMPILER, {"media.view", "media.promote"})
    policies.register_actions(Role.AREA_OFFICER, {"media.view", "media.promote"})
    policies.register_actions(Role.ADMIN, {"media.view", "media.manage", "media.promote"})
