"""Telling people: in-app notifications and e-mail. Messages are written here once, for
both, in the reader's language."""

from __future__ import annotations

import collections
import datetime as dt
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dantinh.org import paths, policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User
from dantinh.reporting.models import Notification

logger = logging.getLogger(__name__)
Kind = Notification.Kind


def compilers_of(unit: Unit) -> list[User]:
    """Who answers for a unit's own reports ("report.owe" at the unit itself): its compilers,
    and in a department its area officers."""
    return list(policies.holders("report.owe", unit))


def compilers_by_unit(units: list[Unit]) -> dict[int, list[User]]:
    """`compilers_of` for many units at once."""
    return policies.holders_by_unit("report.owe", units)


def superiors_of(unit: Unit) -> list[User]:
    """Who receives a unit's report: at the nearest unit above where someone holds
    "report.receive" (its compilers), those; where the nearest unit above has none, whoever
    may review there (its leaders and administrators)."""
    for ancestor in Unit.objects.filter(pk__in=paths.ids_in_path(unit.path)[:-1]).order_by(
        "-depth"
    ):
        for action in ("report.receive", "report.review"):
            users = list(policies.holders(action, ancestor))
            if users:
                return users
    return []


# Messages that the rooms above add (recommendations, cases, alerts...): kind -> a function
# returning the translatable text, called when the notification is read, in the reader's language.
_MESSAGES: dict[str, Callable[[], str]] = {}


def register_message(kind: str, text: Callable[[], str]) -> None:
    """Add a kind of notification: `text` returns the (translated) message with %(name)s
    placeholders filled from the notification's params. Kinds are at most 20 characters; call
    this from the room's AppConfig.ready()."""
    if len(kind) > 20:
        raise ValueError(f"notification kind {kind!r} is longer than 20 characters")
    _MESSAGES[kind] = text


def message(kind: str, params: dict) -> str:
    """The text of a notification (and an e-mail's subject)."""
    if kind in _MESSAGES:
        return _MESSAGES[kind]() % collections.defaultdict(str, params)
    texts = {
        Kind.REMIND_BEFORE: _("%(unit)s: the report “%(title)s” is due %(due)s."),
        Kind.REMIND_OVERDUE: _(
            "%(unit)s: the report “%(title)s” was due %(due)s and has not been submitted."
        ),
        Kind.CHASE: _("%(unit)s: please submit the report “%(title)s” (due %(due)s)."),
        Kind.SUBMITTED: _("%(unit)s submitted the report “%(title)s”."),
        Kind.RETURNED: _(
            "The report “%(title)s” of %(unit)s was returned for changes: %(comment)s"
        ),
        Kind.ACCEPTED: _("The report “%(title)s” of %(unit)s was accepted."),
        Kind.ADHOC: _("%(unit)s: an ad-hoc report “%(title)s” is requested, due %(due)s."),
        Kind.ADHOC_CHANGED: _(
            "%(unit)s: the request for the ad-hoc report “%(title)s” has been changed; it is due %(due)s."
        ),
        Kind.ADHOC_CANCELLED: _(
            "%(unit)s: the request for the ad-hoc report “%(title)s” has been cancelled: %(comment)s"
        ),
        Kind.ADHOC_WITHDRAWN: _(
            "%(unit)s: the ad-hoc report “%(title)s” is no longer requested from this unit."
        ),
    }
    values = {"unit": "", "title": "", "due": "", "comment": ""} | params
    return texts.get(kind, "%(title)s") % values


def notify(
    users, *, kind: str, unit: Unit, params: dict, url: str = "", now: dt.datetime | None = None
) -> int:
    now = now or timezone.now()
    rows = [
        Notification(user=u, unit_path=unit.path, kind=kind, params=params, url=url, created_at=now)
        for u in {u.pk: u for u in users}.values()
    ]
    Notification.objects.bulk_create(rows)
    return len(rows)


def email(users, *, kind: str, params: dict, url: str = "") -> int:
    """One e-mail to the users who have an address; returns how many addresses. Raises the
    backend's error so that the caller records it."""
    addresses = sorted({u.email for u in users if u.email})
    if not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = message(kind, params)
        link = f"{settings.DANTINH_BASE_URL.rstrip('/')}{url}" if url else ""
        body = "\n\n".join(
            p
            for p in [
                subject,
                link,
                _("This message was sent by dantinh; please do not reply to it."),
            ]
            if p
        )
    EmailMessage(subject=subject[:200], body=body, to=addresses).send(fail_silently=False)
    return len(addresses)


# Rooms above may show their notifications to people without a unit scope (a body's
# contact): each function returns, for a user, a filter of further notifications they see.
_VISIBILITY: list[Callable[[User], Q]] = []


def register_visibility(extra: Callable[[User], Q]) -> None:
    if extra not in _VISIBILITY:
        _VISIBILITY.append(extra)


def visible_notifications(user) -> QuerySet[Notification]:
    """The user's notifications about units still in their scope (and those the rooms above
    show them otherwise: see `register_visibility`)."""
    shown = policies.scope_q(user, "report.view", "unit_path")
    if shown:  # an empty filter is the unrestricted scope: nothing to add
        for extra in _VISIBILITY:
            shown |= extra(user)
    return Notification.objects.filter(user=user).filter(shown)


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return visible_notifications(user).filter(read_at__isnull=True).count()


def mark_read(*, actor: User, ids: list[int] | None = None) -> int:
    require_actor(actor)
    qs = Notification.objects.filter(user=actor, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
