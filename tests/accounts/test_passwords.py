"""Passwords: everyone changes their own; an administrator gives a temporary one to the people
of their units, which must be replaced at the next sign-in; a session ends after inactivity."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.accounts.conftest import PASSWORD, sign_in, trail
from tests.factories import Role, member

pytestmark = pytest.mark.django_db
NEW = "Mat-khau-moi-2026"


def _change(client, old, new=NEW):
    return client.post(
        reverse("accounts:password"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_everyone_changes_their_own_password(client, world):
    client.force_login(world.reporter_a)
    assert client.get(reverse("accounts:password")).status_code == 200
    assert _change(client, "wrong-old").status_code == 200  # refused, with the form
    assert _change(client, PASSWORD).status_code == 302
    assert client.get("/").status_code == 200  # still signed in
    world.reporter_a.refresh_from_db()
    assert world.reporter_a.check_password(NEW)
    [(_, values)] = trail(actor_name="reporter_a", object_type="org.user")
    assert values.changes == {"password": ["…", "changed"], "must_change_password": [False, False]}


def test_an_administrator_gives_a_temporary_password_to_be_replaced(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("accounts:person_password_reset", args=[world.reporter_a.pk]),
        {"next": reverse("org:people")},
    )
    assert response.status_code == 302
    people = client.get(reverse("org:people")).content.decode()
    temporary = re.search(r'<code class="key">([a-z2-9-]+)</code>', people).group(1)
    assert temporary not in client.get(reverse("org:people")).content.decode()  # shown once
    [(_, values)] = trail(actor_name="admin", object_id=str(world.reporter_a.pk))
    assert values.changes == {"password": ["…", "temporary"], "must_change_password": [False, True]}

    client.logout()
    assert sign_in(client, "reporter_a", PASSWORD).status_code == 200  # the old one is gone
    assert sign_in(client, "reporter_a", temporary).status_code == 302
    for path in ["/", "/items/", reverse("accounts:home")]:
        assert client.get(path)["Location"].startswith(reverse("accounts:password"))
    assert _change(client, temporary).status_code == 302
    assert client.get("/items/").status_code == 200
    world.reporter_a.refresh_from_db()
    assert not world.reporter_a.must_change_password


@pytest.mark.parametrize("person", ["reporter_b", "leader", "superuser", "both"])
def test_a_commune_administrator_resets_only_accounts_wholly_in_their_commune(
    client, world, person
):
    admin_a = member("admin_a", world.commune_a, Role.ADMIN)
    if person == "both":  # a role in commune A and another in commune B
        target = member("both", world.village_a1, Role.REPORTER)
        member("both", world.commune_b, Role.COMPILER)
    else:
        target = getattr(world, person)
    before = target.password
    client.force_login(admin_a)
    url = reverse("accounts:person_password_reset", args=[target.pk])
    assert client.post(url).status_code == 404
    target.refresh_from_db()
    assert target.password == before and not target.must_change_password


def test_a_session_ends_after_inactivity_and_activity_keeps_it(client, world, clock):
    sign_in(client, "reporter_a")
    idle = settings.SESSION_COOKIE_AGE
    for _ in range(3):  # active every half of the idle time: still signed in
        clock.advance(seconds=idle // 2)
        assert client.get("/items/").status_code == 200
    clock.advance(seconds=idle + 60)
    response = client.get("/items/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_idle_time_is_thirty_minutes_by_default():
    assert settings.SESSION_COOKIE_AGE == dt.timedelta(minutes=30).total_seconds()
