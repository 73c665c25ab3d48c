"""What recommendations tell people (in-app, through reporting's notifications), and which
of those a body's contact sees: they hold no unit scope, so theirs are shown by body."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

FORWARDED = "rec_forwarded"
DECLINED = "rec_declined"
ANSWERED = "rec_answered"
REOPENED = "rec_reopened"
DUE_SOON = "rec_due_soon"
OVERDUE = "rec_overdue"
# Kinds sent to a body's contacts: they carry the body's id in their params.
TO_BODY = (FORWARDED, REOPENED, DUE_SOON)


def register() -> None:
    from dantinh.reporting import notify

    notify.register_message(
        FORWARDED, lambda: _("A recommendation was forwarded to %(body)s: “%(title)s”.")
    )
    notify.register_message(
        DECLINED,
        lambda: _("%(body)s declined the recommendation “%(title)s” as not competent: %(comment)s"),
    )
    notify.register_message(
        ANSWERED, lambda: _("%(body)s answered the recommendation “%(title)s”.")
    )
    notify.register_message(
        REOPENED, lambda: _("The recommendation “%(title)s” was reopened: %(comment)s")
    )
    notify.register_message(
        DUE_SOON, lambda: _("%(body)s: the recommendation “%(title)s” is due %(due)s.")
    )
    notify.register_message(
        OVERDUE,
        lambda: _(
            "The recommendation “%(title)s” forwarded to %(body)s was due %(due)s and is not answered."
        ),
    )
    notify.register_visibility(contact_notifications_q)


def contact_notifications_q(user) -> Q:
    """A body's contact sees the notifications about their body."""
    from dantinh.recommendations.policy import contact_body_id

    body_id = contact_body_id(user)
    if body_id is None:
        return Q(pk__in=[])
    return Q(kind__in=TO_BODY, params__body_id=body_id)
