"""API tokens from one's own page: several, named, shown once, stored hashed, listed with their
expiry and last use, revoked at once; the older DRF tokens keep working until they expire."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token as DrfToken

from dantinh.accounts.models import ApiToken
from dantinh.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _issue(client, name="Kịch bản báo cáo", days=90) -> str:
    assert (
        client.post(reverse("accounts:token_issue"), {"name": name, "days": days}).status_code
        == 302
    )
    page = client.get(reverse("accounts:home")).content.decode()
    return re.search(r'<code class="key">(dt_[\w-]+)</code>', page).group(1)


def _api(client, key, keyword="Bearer"):
    client.logout()
    return client.get("/api/v1/items/", HTTP_AUTHORIZATION=f"{keyword} {key}")


def test_a_token_is_issued_shown_once_and_works(client, world, items):
    client.force_login(world.reporter_a)
    key = _issue(client)
    page = client.get(reverse("accounts:home")).content.decode()
    assert key not in page and "Kịch bản báo cáo" in page and key[:10] in page
    token = ApiToken.objects.get(user=world.reporter_a)
    assert key not in str(ApiToken.objects.values_list().get())  # only its hash is kept
    assert token.expires_at.date() == (timezone.now() + dt.timedelta(days=90)).date()
    assert AuditEntry.objects.filter(
        object_type="accounts.apitoken", actor_name="reporter_a"
    ).exists()

    response = _api(client, key)
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [items["a"].pk]  # reporter_a's scope
    assert _api(client, key, keyword="Token").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_several_tokens_and_a_revoked_one_stops_at_once(client, world):
    client.force_login(world.reporter_a)
    first, second = _issue(client, "một"), _issue(client, "hai")
    revoked = ApiToken.objects.get(name="một")
    client.force_login(world.reporter_a)
    assert client.post(reverse("accounts:token_revoke", args=[revoked.pk])).status_code == 302
    assert _api(client, first).status_code == 401
    assert _api(client, second).status_code == 200


def test_an_expired_token_is_refused(client, world):
    client.force_login(world.reporter_a)
    key = _issue(client, days=30)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert _api(client, key).status_code == 401


def test_no_one_revokes_or_sees_another_persons_token(client, world):
    client.force_login(world.reporter_b)
    _issue(client, "của B")
    token = ApiToken.objects.get(user=world.reporter_b)
    client.force_login(world.reporter_a)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    assert "của B" not in client.get(reverse("accounts:home")).content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_validity_is_capped_by_the_setting(client, world, settings):
    settings.DANTINH_API_TOKEN_MAX_DAYS = 30
    client.force_login(world.reporter_a)
    client.post(reverse("accounts:token_issue"), {"name": "dài", "days": 365})
    assert not ApiToken.objects.exists()  # not a choice any more


def test_an_older_drf_token_works_until_it_expires_and_can_be_revoked(client, world, settings):
    old = DrfToken.objects.create(user=world.reporter_a)
    assert _api(client, old.key, keyword="Token").status_code == 200
    DrfToken.objects.filter(pk=old.pk).update(
        created=timezone.now() - dt.timedelta(days=settings.DANTINH_API_TOKEN_MAX_DAYS + 1)
    )
    assert _api(client, old.key, keyword="Token").status_code == 401

    fresh = DrfToken.objects.create(user=world.reporter_b)
    client.force_login(world.reporter_b)
    assert client.post(reverse("accounts:drf_token_revoke")).status_code == 302
    assert _api(client, fresh.key, keyword="Token").status_code == 401
