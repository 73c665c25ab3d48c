"""The state machine of a followed recommendation, declared once (SPEC §5, §13).

States: received → forwarded → being resolved → answered → resolved for good. Overdue,
prolonged and reopened are flags over these, not states. Each transition below is carried out
by one service in `services.py`, which checks it here, asks the policy and records it.

Who may carry a transition out:
- "desk": the following unit's staff holding "rec.manage" over the recommendation;
- "body": a contact (with an account) of the body the recommendation is routed to, or the
  desk on the body's behalf (a body without accounts answers by letter).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from dantinh.recommendations.models import Recommendation

S = Recommendation.State
OPEN = (S.RECEIVED, S.FORWARDED, S.IN_PROGRESS)
CLOSED = (S.ANSWERED, S.RESOLVED)


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change (an extension)
    by: str  # "desk" or "body"
    label: object


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        # Forwarding again after a decline goes from "received" too.
        Transition("forward", (S.RECEIVED,), S.FORWARDED, "desk", _("Forward")),
        Transition("accept", (S.FORWARDED,), S.IN_PROGRESS, "body", _("Accept")),
        # A body that is not competent sends it back to the desk, which forwards it again.
        Transition("decline", (S.FORWARDED, S.IN_PROGRESS), S.RECEIVED, "body", _("Decline")),
        Transition("extend", (S.IN_PROGRESS,), None, "body", _("Extend the deadline")),
        # The desk answers itself what the commission can resolve; bodies answer theirs.
        Transition("answer", (S.FORWARDED, S.IN_PROGRESS), S.ANSWERED, "body", _("Answer")),
        Transition("answer_self", (S.RECEIVED,), S.ANSWERED, "desk", _("Answer directly")),
        Transition("close", (S.ANSWERED,), S.RESOLVED, "desk", _("Resolved for good")),
        # An unsatisfied citizen reopens it: back to the body that answered.
        Transition("reopen", (S.ANSWERED, S.RESOLVED), S.IN_PROGRESS, "desk", _("Reopen")),
    )
}


def allowed(name: str, state: str) -> bool:
    return state in TRANSITIONS[name].sources


def available(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
