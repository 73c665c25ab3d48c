"""The risk levels' state machine, declared once: which changes are allowed, what each kind
of change is called, and which of them must reach leadership at once.

    latent ──► likely ──► hotspot          raising: any step up, jumps allowed (a strike
      ▲  ◄──     ▲   ◄──    │                        can break out overnight)
      │          │          │              lowering: one step down at a time (a hotspot
      └──────────┴──────────┴─► resolved              calms through "likely", never
                 ◄── reopened ──┘                      straight to "latent")
                                           resolving: from any open level
                                           reopening: a resolved case flares up again

Every change carries a reason. Raising (or reopening) to "likely" or "hotspot" notifies
leadership and may ask the units concerned for an ad-hoc report.

A change recorded after the fact (dated more than `NEWS_DAYS` before the day it is entered:
a hotspot that flared up last week, written down today) is not news: leadership is not
alarmed as if it were happening now (no at-once notice, no e-mail); they are told in the
application that it was recorded late, with the day it took effect, and the timeline shows
it as recorded afterwards. A case opened at "likely" or "hotspot" is news whatever day it
arose on: leadership learns of it now.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dantinh.cases.models import Risk

# Height of each level; resolved is below everything (reopening climbs from it).
RANK = {Risk.RESOLVED: 0, Risk.LATENT: 1, Risk.LIKELY: 2, Risk.HOTSPOT: 3}
OPEN = (Risk.HOTSPOT, Risk.LIKELY, Risk.LATENT)  # the board's order, most urgent first
ALERTING = frozenset({Risk.LIKELY, Risk.HOTSPOT})

TRANSITIONS: dict[str, frozenset[str]] = {
    Risk.LATENT: frozenset({Risk.LIKELY, Risk.HOTSPOT, Risk.RESOLVED}),
    Risk.LIKELY: frozenset({Risk.HOTSPOT, Risk.LATENT, Risk.RESOLVED}),
    Risk.HOTSPOT: frozenset({Risk.LIKELY, Risk.RESOLVED}),
    Risk.RESOLVED: frozenset({Risk.LATENT, Risk.LIKELY, Risk.HOTSPOT}),
}


class Move(models.TextChoices):
    OPENED = "opened", _("opened")
    RAISED = "raised", _("raised")
    LOWERED = "lowered", _("lowered")
    RESOLVED = "resolved", _("resolved for good")
    REOPENED = "reopened", _("reopened")


def allowed(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def targets(current: str) -> list[str]:
    """The levels a case at `current` may move to, highest first."""
    return sorted(TRANSITIONS.get(current, frozenset()), key=lambda r: -RANK[Risk(r)])


def move(current: str, target: str) -> Move:
    """What kind of change going from `current` ("" when the case is being opened) to
    `target` is."""
    if not current:
        return Move.OPENED
    if target == Risk.RESOLVED:
        return Move.RESOLVED
    if current == Risk.RESOLVED:
        return Move.REOPENED
    return Move.RAISED if RANK[Risk(target)] > RANK[Risk(current)] else Move.LOWERED


# A change dated today or yesterday (entered the next morning) is news; earlier is recorded
# after the fact.
NEWS_DAYS = 1


def recorded_late(changed_on, recorded_on) -> bool:
    return (recorded_on - changed_on).days > NEWS_DAYS


def alerts(current: str, target: str) -> bool:
    """Must leadership be told at once? When a case comes to "likely" or "hotspot" from
    below (raised, reopened, or opened at that level)."""
    if target not in ALERTING:
        return False
    return not current or RANK[Risk(target)] > RANK[Risk(current)]
