"""`dantinh health` says what monitoring must know, with Nagios exit codes."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from dantinh.protection import breaches, retention

pytestmark = pytest.mark.django_db


def _run(capsys):
    try:
        call_command("health")
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, capsys.readouterr().out


def test_a_deployment_without_a_recent_purge_warns(world, capsys):
    code, out = _run(capsys)
    assert code == 1 and "WARNING: no retention purge" in out and "OK: database" in out


def test_all_well_after_a_purge(world, capsys):
    retention.purge_now()
    code, out = _run(capsys)
    assert code == 0, out


def test_a_breach_past_72_hours_is_critical(world, capsys):
    retention.purge_now()
    breaches.breach_record(
        actor=world.admin,
        title="Mất máy",
        discovered_at=timezone.now() - dt.timedelta(hours=73),
        description="Mất máy tính",
        data_affected="Nội dung thông tin",
    )
    code, out = _run(capsys)
    assert code == 2 and "CRITICAL: breaches past their 72 hours" in out
