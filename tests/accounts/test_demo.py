"""The demo's leader and administrator sign in in two steps too: their authenticators have
fixed secrets printed with the accounts, and `dantinh demo --code` gives the current code."""

import io

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from dantinh.demo import build
from tests.factories import Role, member

pytestmark = pytest.mark.django_db


def test_the_demo_leader_and_administrator_have_an_authenticator(world):
    member("quantri", world.province, Role.ADMIN)
    member("lanhdao", world.province, Role.LEADER)

    devices = build.second_factors()

    assert set(devices) == {"quantri", "lanhdao"}
    assert build.second_factors()["quantri"].pk == devices["quantri"].pk  # made once
    out = io.StringIO()
    call_command("demo", code="quantri", stdout=out)
    device = TOTPDevice.objects.get(user__username="quantri")
    assert device.verify_token(out.getvalue().strip())
    assert build.secret_b32(device).replace(" ", "") == build.secret_b32(
        devices["quantri"]
    ).replace(" ", "")


def test_only_demo_devices_give_their_code(world):
    TOTPDevice.objects.create(user=world.leader, name="điện thoại", confirmed=True)
    assert build.current_code("leader") is None
