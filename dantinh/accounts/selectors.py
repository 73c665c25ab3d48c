"""Reads about accounts: tokens, second-factor devices, lockouts (through the policy)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token as DrfToken

from dantinh.accounts.models import KEY_PREFIX, ApiToken, hash_key
from dantinh.org import policies
from dantinh.org.models import Membership


def unit_path_of(user) -> str:
    """The unit path under which the account's audit entries are filed: its first role's unit,
    so that the administrators of that unit read them."""
    if user is None or user.pk is None:
        return ""
    path = (
        Membership.objects.filter(user_id=user.pk)
        .order_by("-is_active", "id")
        .values_list("unit__path", flat=True)
        .first()
    )
    return path or ""


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def with_second_factor(user_ids) -> set[int]:
    return set(
        TOTPDevice.objects.filter(user_id__in=list(user_ids), confirmed=True).values_list(
            "user_id", flat=True
        )
    )


def second_factor_required(user) -> bool:
    return settings.DANTINH_REQUIRE_2FA and policies.requires_second_factor(user)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user_id=user.pk, device__confirmed=True).count()


def tokens_of(user):
    """The person's own API tokens that were not revoked, newest first."""
    return ApiToken.objects.filter(user_id=user.pk, revoked_at__isnull=True)


def token_for_key(key: str) -> ApiToken | None:
    if not key.startswith(KEY_PREFIX):
        return None
    return ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()


def drf_token_expiry(token: DrfToken) -> dt.datetime:
    """The older one-per-person DRF tokens expire as long after they were created as the
    longest token dantinh issues."""
    return token.created + dt.timedelta(days=settings.DANTINH_API_TOKEN_MAX_DAYS)


def drf_token_of(user) -> DrfToken | None:
    return DrfToken.objects.filter(user_id=user.pk).first()


@dataclass(frozen=True)
class Lockout:
    user: object
    failures: int
    last_attempt: dt.datetime
    until: dt.datetime


def lockouts_visible(actor) -> list[Lockout]:
    """Accounts locked after too many wrong passwords that `actor` may unlock (see
    `policies.accounts_manageable`), most recent first."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    locked = {
        row["username"]: row
        for row in AccessAttempt.objects.filter(attempt_time__gte=since, username__isnull=False)
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    }
    if not locked:
        return []
    people = policies.accounts_manageable(actor).filter(username__in=list(locked))
    result = [
        Lockout(
            user=person,
            failures=locked[person.username]["failures"],
            last_attempt=locked[person.username]["last"],
            until=locked[person.username]["last"] + settings.AXES_COOLOFF_TIME,
        )
        for person in people
    ]
    return sorted(result, key=lambda lockout: lockout.last_attempt, reverse=True)
