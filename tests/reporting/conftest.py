import datetime as dt

import pytest

from dantinh.reporting.models import Schedule
from dantinh.reporting.periods import TZ


def at(*args) -> dt.datetime:
    """A moment in Asia/Ho_Chi_Minh: at(2026, 11, 5, 15, 59)."""
    return dt.datetime(*args, tzinfo=TZ)


NOW = at(2026, 11, 25, 17, 0)  # Wednesday of week 48, the day before its deadline


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch):
    """The clock of every reporting test, in step with the suite's pinned 'today'
    (25/11/2026): deadlines are compared with it, so no test depends on when it runs."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def weekly(db) -> Schedule:
    return Schedule.objects.get(slug="weekly")


@pytest.fixture
def monthly(db) -> Schedule:
    return Schedule.objects.get(slug="monthly")


@pytest.fixture
def emails(world):
    """Compilers with e-mail addresses, so that reminders go out by mail too."""
    for user in (world.compiler_a, world.compiler_b):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return world
