"""API authentication by token: dantinh's named, expiring, hashed tokens, and the older DRF
tokens (one per person) that keep working until they expire."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import (
    BaseAuthentication,
    TokenAuthentication,
    get_authorization_header,
)

from dantinh.accounts import selectors
from dantinh.accounts.models import KEY_PREFIX, ApiToken

# Writing "last used" at most this often keeps a busy script from writing on every call.
LAST_USED_GRANULARITY = dt.timedelta(minutes=1)


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer dt_…` (or `Token dt_…`): a token issued on the person's own page.
    Other keys are left to the next class."""

    keywords = ("bearer", "token")

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if len(parts) != 2 or parts[0].decode("latin-1").lower() not in self.keywords:
            return None
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            return None
        if not key.startswith(KEY_PREFIX):
            return None
        token = selectors.token_for_key(key)
        now = timezone.now()
        if token is None or not token.is_usable(now) or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is not valid or has expired."))
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return "Bearer"


class ExpiringDrfTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <40 hex>`: the older DRF tokens, now with an expiry."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if selectors.drf_token_expiry(token) <= timezone.now():
            raise exceptions.AuthenticationFailed(_("The token is not valid or has expired."))
        return user, token


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the API description names dantinh's tokens (Swagger UI's "Authorize" uses it)."""

    target_class = "dantinh.accounts.authentication.ApiTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from the person's own account page (dt_…).",
        }
