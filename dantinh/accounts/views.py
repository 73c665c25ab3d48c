"""Signing in (password, then the second factor) and one's own account page; what an
administrator does to the accounts of their people (see also org's people page)."""

from __future__ import annotations

import base64

import segno
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from dantinh.accounts import selectors, services
from dantinh.accounts.forms import CodeForm, TokenForm
from dantinh.core.errors import ValidationError, add_to_form
from dantinh.org import policies

# Shown once, on the next page, then forgotten.
NEW_CODES = "dantinh_recovery_codes"
NEW_TOKEN = "dantinh_new_token"
TEMPORARY_PASSWORD = "dantinh_temporary_password"


def _next_url(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


class SignInView(auth_views.LoginView):
    """The password step. Wrong passwords are recorded in the audit trail and counted by
    django-axes, which refuses the account for a while after too many."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        services.signin_record(user=form.get_user(), step="password")
        return response

    def form_invalid(self, form):
        username = (self.request.POST.get("username") or "").strip()
        if username and self.request.POST.get("password"):
            locked = getattr(self.request, "axes_locked_out", False)
            services.signin_failure_record(
                username=username, reason="locked out" if locked else "wrong password"
            )
        return super().form_invalid(form)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out account (AXES_LOCKOUT_CALLABLE)."""
    cool_off = get_cool_off(request)
    minutes = max(1, int(cool_off.total_seconds() // 60)) if cool_off else None
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of signing in: a code from the authenticator or a recovery code."""
    if request.user.is_verified() or not selectors.has_second_factor(request.user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    wait = 0
    if request.method == "POST" and form.is_valid():
        device = services.second_factor_check(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            request.session.cycle_key()
            otp_login(request, device)
            services.signin_record(user=request.user, step="second factor")
            return redirect(_next_url(request))
        services.signin_failure_record(
            username=request.user.get_username(), reason="wrong second-factor code"
        )
        wait = services.second_factor_wait(request.user)
        form.add_error("code", _("The code is not right."))
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "wait": wait, "next": request.GET.get("next", "")},
    )


def _qr_svg(url: str) -> str:
    # The QR code is drawn here, as SVG markup: nothing is fetched from elsewhere.
    return mark_safe(segno.make(url, error="m").svg_inline(scale=5, light="#fff", title="QR"))


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Set up an authenticator app: scan the QR code (or type the secret), confirm with a
    code. Replacing an authenticator asks for the code of the new one."""
    device = services.totp_pending(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.totp_confirm(
            actor=request.user, device=device, code=form.cleaned_data["code"]
        )
        if codes is not None:
            request.session.cycle_key()
            otp_login(request, device)
            request.session[NEW_CODES] = codes
            messages.success(request, _("Two-step sign-in is on."))
            return redirect("accounts:home")
        form.add_error("code", _("The code is not right. Check the phone's clock and try again."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "qr": _qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": selectors.second_factor_required(request.user),
            "replacing": selectors.has_second_factor(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def password(request):
    """Change one's own password; a temporary password from an administrator must be
    changed here before anything else."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_change(actor=request.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password has been changed."))
        return redirect(_next_url(request, "accounts:home"))
    return render(
        request,
        "accounts/password.html",
        {"form": form, "forced": request.user.must_change_password},
    )


@login_required
def home(request):
    """One's own account: password, two-step sign-in, API tokens."""
    user = request.user
    drf_token = selectors.drf_token_of(user)
    return render(
        request,
        "accounts/home.html",
        {
            "has_second_factor": selectors.has_second_factor(user),
            "required": selectors.second_factor_required(user),
            "codes_left": selectors.recovery_codes_left(user),
            "new_codes": request.session.pop(NEW_CODES, None),
            "new_token": request.session.pop(NEW_TOKEN, None),
            "tokens": selectors.tokens_of(user),
            "drf_token": drf_token,
            "drf_token_expiry": selectors.drf_token_expiry(drf_token) if drf_token else None,
            "token_form": TokenForm(),
            "session_minutes": settings.SESSION_COOKIE_AGE // 60,
        },
    )


@login_required
@require_POST
def codes_renew(request):
    try:
        request.session[NEW_CODES] = services.recovery_codes_renew(actor=request.user)
    except ValidationError as error:
        messages.error(request, error.message)
    return redirect("accounts:home")


@login_required
@require_POST
def second_factor_disable(request):
    if selectors.second_factor_required(request.user):
        messages.error(request, _("Two-step sign-in is required for your role."))
    else:
        services.second_factor_disable(actor=request.user)
        messages.success(request, _("Two-step sign-in is off."))
    return redirect("accounts:home")


@login_required
@require_POST
def token_issue(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, key = services.token_issue(
                actor=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
            )
        except ValidationError as error:
            add_to_form(form, error)
        else:
            request.session[NEW_TOKEN] = {"name": token.name, "key": key}
            return redirect("accounts:home")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("accounts:home")


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(selectors.tokens_of(request.user), pk=pk)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("accounts:home")


@login_required
@require_POST
def drf_token_revoke(request):
    services.drf_token_revoke(actor=request.user)
    messages.success(request, _("The older token has been revoked."))
    return redirect("accounts:home")


# --- an administrator and the accounts of their people ----------------------------------


def _their_person(request, pk):
    return get_object_or_404(policies.accounts_manageable(request.user), pk=pk)


def _back_to_people(request):
    return redirect(_next_url(request, "org:people"))


@login_required
@require_POST
def person_password_reset(request, pk):
    person = _their_person(request, pk)
    request.session[TEMPORARY_PASSWORD] = {
        "username": person.get_username(),
        "password": services.password_reset(actor=request.user, person=person),
    }
    return _back_to_people(request)


@login_required
@require_POST
def person_second_factor_reset(request, pk):
    person = _their_person(request, pk)
    services.second_factor_reset(actor=request.user, person=person)
    messages.success(
        request,
        _("Two-step sign-in of %(name)s has been reset.") % {"name": person.get_username()},
    )
    return _back_to_people(request)


@login_required
@require_POST
def person_unlock(request, pk):
    person = _their_person(request, pk)
    services.lockout_clear(actor=request.user, person=person)
    messages.success(request, _("%(name)s may sign in again.") % {"name": person.get_username()})
    return _back_to_people(request)


def people_page_extras(request, person_ids: list[int]) -> dict:
    """What the people page (org) shows of accounts: who is locked out, whose account the
    administrator may reset, who has two-step sign-in, and a temporary password just given."""
    lockouts = selectors.lockouts_visible(request.user)
    return {
        "lockouts": lockouts,
        "locked_ids": {lockout.user.pk for lockout in lockouts},
        "manageable_ids": set(
            policies.accounts_manageable(request.user)
            .filter(pk__in=person_ids)
            .values_list("pk", flat=True)
        ),
        "second_factor_ids": selectors.with_second_factor(person_ids),
        "temporary_password": request.session.pop(TEMPORARY_PASSWORD, None),
    }
