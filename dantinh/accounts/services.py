"""Writes about accounts: sign-in records, passwords, the second factor, API tokens.

Each service takes the acting person first; what an administrator does to another person's
account goes through `policies.accounts_manageable` (an account is theirs to take over only
when all of its roles are). Passwords, keys and codes never reach the audit trail.
"""

from __future__ import annotations

import datetime as dt
import secrets

from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token as DrfToken

from dantinh.accounts.models import KEY_PREFIX, ApiToken, hash_key
from dantinh.accounts.selectors import second_factor_required, unit_path_of
from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.org import policies
from dantinh.org.actors import system_actor
from dantinh.org.models import User

RECOVERY_CODES = 10
TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
TOKEN_DAYS = (30, 90, 180, 365)


def _record_on_account(*, actor, person, action=audit.Action.UPDATE, changes=None, note=""):
    audit.record(
        actor=actor,
        action=action,
        obj=person,
        unit_path=unit_path_of(person),
        changes=changes or {},
        note=note,
    )


def _check_manage(actor, person) -> None:
    if not policies.can_manage_account(actor, person):
        raise PermissionDeniedError()


# --- signing in ---------------------------------------------------------------------------


def signin_record(*, user, step: str) -> None:
    """A successful step of signing in ("password" or "second factor")."""
    _record_on_account(actor=user, person=user, action=audit.Action.LOGIN, note=step)


def signin_failure_record(*, username: str, reason: str) -> None:
    """A refused sign-in, filed on the account it named (nothing of the password is kept).

    The trail has no separate action for failures: they are LOGIN entries whose changes say
    {"result": "failed"} and whose note gives the reason. The actor is the account named (the
    trail is searched by it); a name that matches no account is recorded by the system actor,
    with the name tried as the object's description.
    """
    username = username[:150]
    person = User.objects.filter(username=username).first()
    if person is None:
        audit.record(
            actor=system_actor(),
            action=audit.Action.LOGIN,
            object_type="org.user",
            object_repr=username,
            changes={"result": "failed"},
            note=f"{reason}: unknown account",
        )
        return
    _record_on_account(
        actor=person,
        person=person,
        action=audit.Action.LOGIN,
        changes={"result": "failed"},
        note=reason,
    )


# --- passwords ----------------------------------------------------------------------------


@transaction.atomic
def password_change(*, actor, password: str) -> None:
    """The person sets their own new password (already validated by the form)."""
    before = actor.must_change_password
    actor.set_password(password)
    actor.must_change_password = False
    actor.save(update_fields=["password", "must_change_password"])
    _record_on_account(
        actor=actor,
        person=actor,
        changes={"password": ["…", "changed"], "must_change_password": [before, False]},
    )


def temporary_password() -> str:
    return "-".join("".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(4)) for _ in range(3))


@transaction.atomic
def password_reset(*, actor, person: User) -> str:
    """An administrator gives `person` a temporary password, to be replaced at the next
    sign-in, and lifts any lockout. Returns the password, to be shown once. Needs the account
    to be the actor's (`policies.accounts_manageable`)."""
    _check_manage(actor, person)
    password = temporary_password()
    person.set_password(password)
    person.must_change_password = True
    person.save(update_fields=["password", "must_change_password"])
    axes_reset(username=person.get_username())
    _record_on_account(
        actor=actor,
        person=person,
        changes={"password": ["…", "temporary"], "must_change_password": [False, True]},
    )
    return password


@transaction.atomic
def lockout_clear(*, actor, person: User) -> None:
    """An administrator lets a locked-out account try again at once."""
    _check_manage(actor, person)
    axes_reset(username=person.get_username())
    _record_on_account(actor=actor, person=person, changes={"locked": [True, False]})


# --- the second factor --------------------------------------------------------------------

DEVICE_NAME = "Ứng dụng xác thực"


def totp_pending(*, user) -> TOTPDevice:
    """The authenticator being set up: an unconfirmed device with a fresh secret, kept until
    its first code confirms it (so that reloading the page keeps the same QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Mã dự phòng", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic
def totp_confirm(*, actor, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator being set up with its first code. On success it replaces any
    earlier authenticator, new recovery codes are made, and they are returned (to be shown
    once); a wrong code returns None."""
    if device.user_id != actor.pk or device.confirmed:
        raise PermissionDeniedError()
    code = "".join(code.split())
    if not (code.isdigit() and device.verify_token(code)):
        return None
    had = TOTPDevice.objects.filter(user=actor, confirmed=True).exists()
    TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(actor)
    _record_on_account(
        actor=actor,
        person=actor,
        changes={"second_factor": ["authenticator" if had else None, "authenticator"]},
    )
    return codes


def second_factor_check(*, user, code: str):
    """The device that accepts `code` — six digits from the authenticator, or one of the
    recovery codes (each works once) — or None. Wrong codes slow further tries down (the
    devices' own throttling)."""
    code = "".join(code.split()).lower()
    if not code:
        return None
    model = TOTPDevice if code.isdigit() and len(code) in (6, 8) else StaticDevice
    with transaction.atomic():
        for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
            if device.verify_token(code):
                return device
    return None


def second_factor_wait(user) -> int:
    """Seconds before the authenticator accepts another try after wrong codes (0: now)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return 0
    allowed, details = device.verify_is_allowed()
    if allowed or not details or not details.get("locked_until"):
        return 0
    return max(1, int((details["locked_until"] - timezone.now()).total_seconds()) + 1)


@transaction.atomic
def recovery_codes_renew(*, actor) -> list[str]:
    """New recovery codes replace the old ones (which stop working)."""
    if not TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise ValidationError(_("Set up an authenticator app first."))
    codes = _new_recovery_codes(actor)
    _record_on_account(actor=actor, person=actor, changes={"recovery_codes": ["…", "renewed"]})
    return codes


def _drop_second_factor(person) -> bool:
    had = TOTPDevice.objects.filter(user=person, confirmed=True).exists()
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    return had


@transaction.atomic
def second_factor_disable(*, actor) -> None:
    """A person for whom the second factor is optional turns it off."""
    if second_factor_required(actor):
        raise PermissionDeniedError()
    if _drop_second_factor(actor):
        _record_on_account(
            actor=actor, person=actor, changes={"second_factor": ["authenticator", None]}
        )


@transaction.atomic
def second_factor_reset(*, actor, person: User) -> None:
    """An administrator removes a person's authenticator and recovery codes (a lost phone):
    the person sets up a new one at the next sign-in if it is required of them."""
    _check_manage(actor, person)
    if _drop_second_factor(person):
        _record_on_account(
            actor=actor, person=person, changes={"second_factor": ["authenticator", None]}
        )


# --- API tokens ---------------------------------------------------------------------------


@transaction.atomic
def token_issue(*, actor, name: str, days: int) -> tuple[ApiToken, str]:
    """A new API token for the actor, valid `days` days (at most DANTINH_API_TOKEN_MAX_DAYS).
    Returns the token and its key; only the key's hash is kept, so the key is shown once."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    days = min(int(days), settings.DANTINH_API_TOKEN_MAX_DAYS)
    if days < 1:
        raise ValidationError({"days": _("Choose how long the token is valid.")})
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name[:100],
        prefix=key[:10],
        key_hash=hash_key(key),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=token,
        changes={"name": [None, token.name], "expires_at": [None, token.expires_at]},
    )
    return token, key


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> None:
    """The token's owner revokes it; it stops working at once."""
    if token.user_id != actor.pk:
        raise PermissionDeniedError()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor=actor,
            action=audit.Action.UPDATE,
            obj=token,
            changes={"revoked_at": [None, token.revoked_at]},
        )


@transaction.atomic
def drf_token_revoke(*, actor) -> None:
    """The person revokes their older DRF token (from before named tokens)."""
    deleted, _ = DrfToken.objects.filter(user=actor).delete()
    if deleted:
        _record_on_account(actor=actor, person=actor, changes={"api_token": ["…", None]})
