"""Two-step sign-in (TOTP): required of leaders, administrators and superusers, who are sent
to set it up before anything else; after the password, the code; recovery codes work once."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import sign_in, trail

pytestmark = pytest.mark.django_db


def code_of(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """What the person's phone shows now (or one step later: a code is accepted once)."""
    return str(
        totp(
            device.bin_key,
            step=device.step,
            t0=device.t0,
            digits=device.digits,
            drift=device.drift + steps_ahead,
        )
    ).zfill(device.digits)


def a_moment_later(user):
    """Wrong codes make the next try wait a second or more (throttling): as if it passed."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=None)


def enrolled(user, recovery=("abcd2345", "efgh6723")) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="codes", confirmed=True)
    for token in recovery:
        StaticToken.objects.create(device=static, token=token)
    return device


@pytest.mark.parametrize("who", ["leader", "admin", "superuser"])
def test_a_leader_without_a_device_reaches_nothing_before_setting_one_up(
    client, world, require_2fa, who
):
    sign_in(client, getattr(world, who).username)

    for path in ["/", "/items/", reverse("reporting:home"), reverse("accounts:home")]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:setup"))
    api = client.get("/api/v1/items/")
    assert api.status_code == 403
    assert client.get(reverse("accounts:setup")).status_code == 200


def test_setting_up_with_the_qr_code_then_the_pages_open(client, world, require_2fa):
    sign_in(client, "leader")
    page = client.get(reverse("accounts:setup")).content.decode()
    assert "<svg" in page and "http://" not in page.split("<svg", 1)[1].split("</svg>")[0]
    device = TOTPDevice.objects.get(user=world.leader, confirmed=False)
    secret = re.search(r'class="secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    assert secret == __import__("base64").b32encode(device.bin_key).decode()

    wrong = client.post(reverse("accounts:setup"), {"code": "000000"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.filter(confirmed=True).exists()
    a_moment_later(world.leader)

    done = client.post(reverse("accounts:setup"), {"code": code_of(device)})
    assert done.status_code == 302
    account = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", account)
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=world.leader).values_list("token", flat=True)
    )
    assert client.get(reverse("accounts:home")).content.decode().count(codes[0]) == 0  # once
    assert client.get("/").status_code == 200
    assert {"second_factor": [None, "authenticator"]} in [
        v.changes for _, v in trail(actor_name="leader")
    ]


def test_with_a_device_the_code_is_asked_after_the_password(client, world, require_2fa):
    device = enrolled(world.leader)
    assert sign_in(client, "leader").status_code == 302
    blocked = client.get("/items/")
    assert blocked.status_code == 302
    assert blocked["Location"].startswith(reverse("accounts:verify"))

    wrong = client.post(reverse("accounts:verify"), {"code": "123456"})
    assert wrong.status_code == 200 and "Mã không đúng" in wrong.content.decode()
    assert client.get("/items/").status_code == 302
    assert ("wrong second-factor code", {"result": "failed"}) in [
        (v.note, v.changes) for _, v in trail(actor_name="leader")
    ]
    a_moment_later(world.leader)

    right = client.post(
        reverse("accounts:verify") + "?next=/items/", {"code": code_of(device), "next": "/items/"}
    )
    assert right.status_code == 302 and right["Location"] == "/items/"
    assert client.get("/items/").status_code == 200


def test_a_recovery_code_works_once(client, world, require_2fa):
    enrolled(world.leader, recovery=("abcd2345",))
    sign_in(client, "leader")
    assert client.post(reverse("accounts:verify"), {"code": "ABCD 2345"}).status_code == 302
    assert client.get("/").status_code == 200
    assert not StaticToken.objects.filter(token="abcd2345").exists()

    client.post(reverse("logout"))
    sign_in(client, "leader")
    again = client.post(reverse("accounts:verify"), {"code": "abcd2345"})
    assert again.status_code == 200
    assert client.get("/").status_code == 302


def test_for_others_it_is_optional_but_once_on_it_is_asked(client, world, require_2fa):
    sign_in(client, "reporter_a")
    assert client.get("/items/").status_code == 200
    client.post(reverse("logout"))

    device = enrolled(world.reporter_a)
    sign_in(client, "reporter_a")
    assert client.get("/items/")["Location"].startswith(reverse("accounts:verify"))
    client.post(reverse("accounts:verify"), {"code": code_of(device)})
    assert client.get("/items/").status_code == 200
    client.post(reverse("accounts:second_factor_disable"))
    assert not TOTPDevice.objects.filter(user=world.reporter_a).exists()


def test_a_leader_cannot_turn_it_off(client, world, require_2fa):
    device = enrolled(world.leader)
    sign_in(client, "leader")
    client.post(reverse("accounts:verify"), {"code": code_of(device)})
    client.post(reverse("accounts:second_factor_disable"))
    assert TOTPDevice.objects.filter(user=world.leader, confirmed=True).exists()


def test_an_administrator_resets_a_lost_phone_within_their_units(client, world, require_2fa):
    from tests.factories import Role, member

    enrolled(world.reporter_b)
    admin_a = member("admin_a", world.commune_a, Role.ADMIN)
    enrolled(admin_a)
    client.force_login(admin_a)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=admin_a).persistent_id
    session.save()
    url = reverse("accounts:person_second_factor_reset", args=[world.reporter_b.pk])
    assert client.post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=world.reporter_b).exists()

    client.force_login(world.admin)
    enrolled_admin = enrolled(world.admin)
    session = client.session
    session["otp_device_id"] = enrolled_admin.persistent_id
    session.save()
    assert client.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=world.reporter_b).exists()
    assert not StaticDevice.objects.filter(user=world.reporter_b).exists()
