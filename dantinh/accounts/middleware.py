"""What a signed-in person must do before anything else: enter the code of their second
factor, set one up when it is required of them, or replace a temporary password."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from dantinh.accounts import selectors

# Reachable whatever is pending: assets, the language switch, health checks, signing out.
ALWAYS_OPEN = ("/static/", "/i18n/", "/healthz", "/logout/")


def pending_step(request) -> str | None:
    """The URL name of the step the signed-in person owes, or None."""
    user = request.user
    if not user.is_authenticated:
        return None
    if not user.is_verified() and selectors.has_second_factor(user):
        return "accounts:verify"
    if not user.is_verified() and selectors.second_factor_required(user):
        return "accounts:setup"
    if user.must_change_password:
        return "accounts:password"
    return None


class AccountGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = pending_step(request)
        request.account_pending = step  # the page frame hides the menu meanwhile
        if step is not None and request.path != reverse(step):
            if not request.path.startswith(ALWAYS_OPEN):
                return self._send_to(request, step)
        return self.get_response(request)

    def _send_to(self, request, step: str):
        if request.path.startswith("/api/") and request.path != reverse("api-docs"):
            return JsonResponse(
                {"detail": _("Finish signing in on the website first.")}, status=403
            )
        url = reverse(step)
        if request.method == "GET" and not getattr(request, "htmx", False):
            url += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return redirect(url)


class IdleSessionMiddleware:
    """A session ends after SESSION_COOKIE_AGE without a request (DANTINH_SESSION_IDLE_MINUTES).

    Each request moves the end forward, but the session is written at most once a minute
    (Django's SESSION_SAVE_EVERY_REQUEST would write it on every request, polling included).
    """

    KEY = "dantinh_seen"

    def __init__(self, get_response):
        self.get_response = get_response
        self.every = min(60, max(1, settings.SESSION_COOKIE_AGE // 10))

    @classmethod
    def on_login(cls, sender, request=None, **kwargs):
        # A new session was just saved with a full lifetime: no need to write it again at once.
        if request is not None and hasattr(request, "session"):
            request.session[cls.KEY] = int(time.time())

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.every:
                session[self.KEY] = now
        return response
