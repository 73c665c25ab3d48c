import pytest
from django.urls import reverse

PASSWORD = "pass12345"  # the factories' password


def sign_in(client, username: str, password: str = PASSWORD):
    """Through the sign-in page, as a person does (not force_login): lockout, audit and the
    second factor all apply."""
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.fixture
def require_2fa(settings):
    settings.DANTINH_REQUIRE_2FA = True
    return settings


class Clock:
    """A movable `timezone.now` (and `time.time`) for expiry tests."""

    def __init__(self, monkeypatch, start):
        import time

        from django.utils import timezone

        self.now = start
        monkeypatch.setattr(timezone, "now", lambda: self.now)
        monkeypatch.setattr(time, "time", lambda: self.now.timestamp())

    def advance(self, **delta):
        import datetime as dt

        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    import datetime as dt

    return Clock(monkeypatch, dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC))


def trail(**filters):
    """Audit entries matching `filters`, each with its sealed values (repr, changes, note)."""
    from dantinh.core import audit
    from dantinh.core.models import AuditEntry

    entries = list(AuditEntry.objects.filter(**filters).order_by("id"))
    values = audit.values_of(entries)
    return [(entry, values[entry.pk]) for entry in entries]
