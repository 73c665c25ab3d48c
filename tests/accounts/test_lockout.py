"""Wrong passwords: after a few in a row the account is locked for a while (django-axes),
every failure is in the audit trail without the password, and administrators see and unlock
the locked accounts of their units."""

import datetime as dt

import pytest
from django.conf import settings
from django.db.models import F
from django.urls import reverse

from dantinh.core.models import AuditEntry
from tests.accounts.conftest import PASSWORD, sign_in, trail
from tests.factories import Role, member

pytestmark = pytest.mark.django_db
WRONG = "not-the-password"


def _hammer(client, username, times):
    return [sign_in(client, username, WRONG).status_code for _ in range(times)]


def test_thirty_wrong_passwords_are_not_all_answered(client, world):
    statuses = _hammer(client, "reporter_a", 30)

    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)  # the form again, with its error
    assert set(statuses[limit:]) == {429}
    locked = sign_in(client, "reporter_a", PASSWORD)  # even the right password, for now
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Tài khoản tạm khóa" in page and "phút" in page
    assert "_auth_user_id" not in client.session


def test_failed_sign_ins_are_in_the_trail_without_the_password(client, world):
    _hammer(client, "reporter_a", 2)
    sign_in(client, "nobody-by-this-name", WRONG)

    failures = [
        (e, v)
        for e, v in trail(action=AuditEntry.Action.LOGIN)
        if v.changes == {"result": "failed"}
    ]
    assert len(failures) == 3
    on_account = [e for e, v in failures if e.actor_name == "reporter_a"]
    assert len(on_account) == 2
    assert {e.unit_id for e in on_account} == {world.commune_a.pk}  # its admins read it
    unknown = [v for e, v in failures if e.actor_name == "system"]
    assert [v.repr for v in unknown] == ["nobody-by-this-name"]
    for _, values in failures:
        assert WRONG not in f"{values.changes} {values.note} {values.repr}"


def test_a_successful_sign_in_is_recorded_and_starts_the_count_again(client, world):
    limit = settings.AXES_FAILURE_LIMIT
    _hammer(client, "reporter_a", limit - 1)
    assert sign_in(client, "reporter_a").status_code == 302
    assert [v.note for _, v in trail(action=AuditEntry.Action.LOGIN, actor_name="reporter_a")][
        -1
    ] == "password"
    client.logout()
    _hammer(client, "reporter_a", limit - 1)
    assert sign_in(client, "reporter_a").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, world):
    from axes.models import AccessAttempt

    _hammer(client, "reporter_a", settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "reporter_a").status_code == 429
    # As if the cool-off had passed since the last try.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - dt.timedelta(minutes=1)
    )
    assert sign_in(client, "reporter_a").status_code == 302


def test_administrators_see_who_is_locked_in_their_units_and_unlock(client, world):
    admin_b = member("admin_b", world.commune_b, Role.ADMIN)
    _hammer(client, "reporter_a", settings.AXES_FAILURE_LIMIT)
    _hammer(client, "reporter_b", settings.AXES_FAILURE_LIMIT)

    client.force_login(admin_b)
    page = client.get(reverse("org:people")).content.decode()
    assert "Tài khoản đang bị khóa" in page
    assert "reporter_b" in page and "reporter_a" not in page
    assert (
        client.post(reverse("accounts:person_unlock", args=[world.reporter_a.pk])).status_code
        == 404
    )

    client.force_login(world.admin)
    page = client.get(reverse("org:people")).content.decode()
    assert reverse("accounts:person_unlock", args=[world.reporter_a.pk]) in page
    assert (
        client.post(reverse("accounts:person_unlock", args=[world.reporter_a.pk])).status_code
        == 302
    )
    assert [
        v.changes for _, v in trail(actor_name="admin", object_id=str(world.reporter_a.pk))
    ] == [{"locked": [True, False]}]

    client.logout()
    assert sign_in(client, "reporter_a").status_code == 302
    client.logout()
    assert sign_in(client, "reporter_b").status_code == 429


def test_the_api_token_path_is_not_affected_by_a_lock(client, world):
    from dantinh.accounts import services

    _, key = services.token_issue(actor=world.reporter_a, name="script", days=30)
    _hammer(client, "reporter_a", settings.AXES_FAILURE_LIMIT)
    response = client.get("/api/v1/items/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
