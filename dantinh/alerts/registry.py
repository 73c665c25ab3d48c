"""The detectors the periodic job runs, the titles of their alerts, and who hears of new ones."""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from dantinh.alerts.models import Alert
    from dantinh.org.models import Unit


@dataclass
class Signal:
    """What a detector found; `run_detectors` raises it as an alert (once)."""

    unit: Unit
    key: str
    window_start: dt.date
    window_end: dt.date
    level: str = "warning"
    params: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)


Detector = Callable[[dt.date], Iterable[Signal]]


@dataclass
class _Entry:
    detect: Detector
    title: Callable[[], str]


_DETECTORS: dict[str, _Entry] = {}
_LISTENERS: list[Callable[[list[int]], None]] = []


def register_detector(code: str, detect: Detector, *, title: Callable[[], str]) -> None:
    """Add a detector: `detect(today)` yields `Signal`s; `title()` returns the translated title
    of its alerts with %(name)s placeholders filled from each alert's params. `code` (at most
    40 characters) becomes the alerts' `kind`. Call from the room's AppConfig.ready()."""
    if len(code) > 40:
        raise ValueError(f"detector code {code!r} is longer than 40 characters")
    _DETECTORS[code] = _Entry(detect=detect, title=title)


def register_title(code: str, title: Callable[[], str]) -> None:
    """The title of alerts raised directly with `raise_alert` (without a detector)."""
    if code in _DETECTORS:
        _DETECTORS[code].title = title
    else:
        _DETECTORS[code] = _Entry(detect=lambda today: (), title=title)


def detectors() -> dict[str, Detector]:
    return {code: entry.detect for code, entry in _DETECTORS.items()}


def on_raised(listener: Callable[[list[int]], None]) -> None:
    """Call `listener(alert_ids)` after the commit that raised new alerts (not for alerts that
    already existed). The rooms above use it to tell people (reporting's notifications)."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def listeners() -> list[Callable[[list[int]], None]]:
    return list(_LISTENERS)


def title_of(alert: Alert) -> str:
    entry = _DETECTORS.get(alert.kind)
    text = entry.title() if entry else _("Unusual signal: %(key)s")
    params = collections.defaultdict(str, {"key": alert.key, **(alert.params or {})})
    try:
        return text % params
    except (TypeError, ValueError):
        return text
