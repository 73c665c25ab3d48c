"""Who acts when no person does: the system actor.

Background work (the task worker's periodic jobs, the command line, the demo builder) acts as
one named account, `system`, that the audit trail records by name. It cannot sign in (no usable
password, inactive) and is the only account the policy treats as unrestricted without being a
superuser. A service never accepts a missing actor: "nobody" is not "the system".
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from dantinh.org.models import User

SYSTEM_USERNAME = "system"


def system_actor() -> User:
    """The system account (created by a migration; recreated if a test flushed it)."""
    user = User.objects.filter(username=SYSTEM_USERNAME, is_system=True).first()
    if user is not None:
        return user
    try:
        with transaction.atomic():
            user = User(
                username=SYSTEM_USERNAME,
                full_name="Hệ thống",
                is_active=False,
                is_system=True,
            )
            user.set_unusable_password()
            user.save()
    except IntegrityError:  # created by another worker a moment ago
        user = User.objects.get(username=SYSTEM_USERNAME, is_system=True)
    return user


def is_system(user) -> bool:
    return bool(getattr(user, "is_system", False))


def require_actor(actor: object) -> None:
    """Refuse a missing actor loudly: a programming error, never a user's."""
    if actor is None or not getattr(actor, "pk", None):
        raise TypeError("a service needs an actor (a user, or system_actor() for background work)")
