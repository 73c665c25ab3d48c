"""What the rooms above org add to a unit's page, registered from their AppConfig.ready()
(org imports nothing above it): the activity in each unit below, over a recent window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dantinh.org.models import Unit, User

# (user, unit, since) -> {child path: count}, within the user's scope.
ChildActivity = Callable[..., dict[str, int]]
_child_activity: list[ChildActivity] = []


def register_child_activity(fn: ChildActivity) -> None:
    _child_activity[:] = [fn]


def child_activity(*, user: User, unit: Unit, since: dt.date) -> dict[str, int]:
    return _child_activity[0](user=user, unit=unit, since=since) if _child_activity else {}
