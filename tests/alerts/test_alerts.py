"""Alerts are raised once per signal and window, seen within the subtree, handled once."""

import datetime as dt

import pytest

from dantinh.alerts import registry, services
from dantinh.alerts.models import Alert
from dantinh.alerts.selectors import alerts_visible
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.core.models import AuditEntry
from dantinh.org.actors import system_actor

pytestmark = pytest.mark.django_db
MON = dt.date(2026, 11, 16)
SUN = dt.date(2026, 11, 22)


def _raise(unit, key="field:1/negative", **kwargs):
    return services.raise_alert(
        actor=system_actor(),
        unit=unit,
        kind="test.surge",
        key=key,
        window_start=kwargs.pop("window_start", MON),
        window_end=kwargs.pop("window_end", SUN),
        level=kwargs.pop("level", Alert.Level.WARNING),
        params={"unit": unit.name},
        evidence={"observed": 9, "expected": 2.1},
        **kwargs,
    )


def test_an_alert_is_raised_once_per_window(world):
    first, created = _raise(world.commune_a)
    again, created_again = _raise(world.commune_a)
    assert created and not created_again and first.pk == again.pk
    assert Alert.objects.count() == 1
    assert AuditEntry.objects.filter(action="alert.raise").count() == 1
    # The next week, another unit or another signal is another alert.
    _raise(world.commune_a, window_start=MON + dt.timedelta(7), window_end=SUN + dt.timedelta(7))
    _raise(world.commune_b)
    _raise(world.commune_a, key="field:2/negative")
    assert Alert.objects.count() == 4


def test_only_background_work_raises(world):
    with pytest.raises(PermissionDeniedError):
        services.raise_alert(
            actor=world.leader,
            unit=world.commune_a,
            kind="test.surge",
            key="k",
            window_start=MON,
            window_end=SUN,
        )
    with pytest.raises(TypeError):
        services.raise_alert(
            actor=None, unit=world.commune_a, kind="t", key="k", window_start=MON, window_end=SUN
        )
    with pytest.raises(ValueError):
        _raise(world.commune_a, level="panic")


@pytest.mark.parametrize(
    "who, sees",
    [
        ("leader", {"a", "b"}),
        ("admin", {"a", "b"}),
        ("compiler_a", {"a"}),
        ("area_officer", {"b"}),
        ("reporter_a", set()),
        ("outsider", set()),
    ],
)
def test_alerts_are_seen_within_the_subtree(world, who, sees):
    _raise(world.village_a1)
    _raise(world.commune_b)
    seen = {
        "a" if a.unit_path.startswith(world.commune_a.path) else "b"
        for a in alerts_visible(getattr(world, who))
    }
    assert seen == sees


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("leader", True),
        ("compiler_a", True),
        ("admin", True),
        ("compiler_b", False),
        ("area_officer", False),
        ("reporter_a", False),
        ("outsider", False),
    ],
)
def test_acknowledging_needs_the_handle_action(world, who, allowed):
    alert, _ = _raise(world.commune_a)
    actor = getattr(world, who)
    if not allowed:
        with pytest.raises(PermissionDeniedError):
            services.alert_acknowledge(actor=actor, alert=alert)
        assert Alert.objects.get().status == Alert.Status.OPEN
        return
    done = services.alert_acknowledge(actor=actor, alert=alert, note="Đã giao xã xác minh")
    assert done.status == Alert.Status.ACKNOWLEDGED and done.acknowledged_by == actor
    with pytest.raises(ValidationError):
        services.alert_dismiss(actor=actor, alert=alert)
    assert Alert.objects.get().status == Alert.Status.ACKNOWLEDGED


def test_detectors_run_each_once_and_a_failure_spares_the_others(
    world, django_capture_on_commit_callbacks
):
    heard: list[list[int]] = []

    def good(today):
        yield registry.Signal(
            unit=world.commune_a,
            key="k1",
            window_start=today - dt.timedelta(days=6),
            window_end=today,
            params={"what": "giao thông"},
        )

    def broken(today):
        raise RuntimeError("boom")

    registry.register_detector("test.good", good, title=lambda: "Tăng đột biến: %(what)s")
    registry.register_detector("test.broken", broken, title=lambda: "x")
    registry.on_raised(heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            raised = services.run_detectors(actor=system_actor(), today=SUN)
        with django_capture_on_commit_callbacks(execute=True):
            again = services.run_detectors(actor=system_actor(), today=SUN)
        title = raised[0].title
    finally:
        registry._DETECTORS.pop("test.good")
        registry._DETECTORS.pop("test.broken")
        registry._LISTENERS.remove(heard.append)
    assert [a.key for a in raised] == ["k1"] and again == []
    assert heard == [[raised[0].pk]]
    assert title == "Tăng đột biến: giao thông"
