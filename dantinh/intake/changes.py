"""Who is told that items changed: the rooms above that keep figures about items (insight's
weekly roll-ups) register a listener here, and every writer of items calls `touched` inside
its transaction with the (unit path, observed day) of each item it created, changed (before
and after) or deleted, once per write: an import of ten thousand rows tells them once. The
listeners are called inside the transaction and queue their work after the commit, so that a
rolled-back write queues none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

Touched = set[tuple[str, dt.date]]
_listeners: list[Callable[[Touched], None]] = []


def on_items_changed(listener: Callable[[Touched], None]) -> None:
    """Call `listener(touched)` whenever items are written (from an app's `ready()`)."""
    if listener not in _listeners:
        _listeners.append(listener)


def touched(pairs: Iterable[tuple[str, dt.date]]) -> None:
    """Record that the items at these (unit path, observed day) pairs changed."""
    found = {(path, day) for path, day in pairs}
    if not found or not _listeners:
        return
    for listener in _listeners:
        listener(found)
