"""The risk levels' state machine: every change and its guards, through the service."""

import datetime as dt
import itertools

import pytest

from dantinh.cases import risk, services
from dantinh.cases.models import Case, Risk, RiskChange
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.core.models import AuditEntry
from tests.cases.conftest import open_case

pytestmark = pytest.mark.django_db
REASON = "Số hộ tham gia tăng, có dấu hiệu kích động"
ALLOWED = {
    (Risk.LATENT, Risk.LIKELY),
    (Risk.LATENT, Risk.HOTSPOT),
    (Risk.LATENT, Risk.RESOLVED),
    (Risk.LIKELY, Risk.HOTSPOT),
    (Risk.LIKELY, Risk.LATENT),
    (Risk.LIKELY, Risk.RESOLVED),
    (Risk.HOTSPOT, Risk.LIKELY),
    (Risk.HOTSPOT, Risk.RESOLVED),
    (Risk.RESOLVED, Risk.LATENT),
    (Risk.RESOLVED, Risk.LIKELY),
    (Risk.RESOLVED, Risk.HOTSPOT),
}


def _at(world, level):
    """A case of commune A brought to `level` through allowed changes."""
    case = open_case(world, resolution="Đối thoại, điều chỉnh đơn giá")
    path = {
        Risk.LATENT: [],
        Risk.LIKELY: [Risk.LIKELY],
        Risk.HOTSPOT: [Risk.HOTSPOT],
        Risk.RESOLVED: [Risk.RESOLVED],
    }[level]
    for step in path:
        services.case_change_risk(actor=world.leader, case=case, level=step, reason=REASON)
    return Case.objects.get(pk=case.pk)


def test_the_declared_transitions_are_the_ones_expected():
    declared = {(a, b) for a, targets in risk.TRANSITIONS.items() for b in targets}
    assert declared == ALLOWED


@pytest.mark.parametrize(("source", "target"), list(itertools.product(Risk.values, Risk.values)))
def test_each_change_is_allowed_or_refused_as_declared(world, source, target):
    case = _at(world, source)
    changes = case.risk_changes.count()
    version = case.version
    if (source, target) in ALLOWED:
        change = services.case_change_risk(
            actor=world.compiler_a, case=case, level=target, reason=REASON
        )
        case.refresh_from_db()
        assert (case.risk, change.from_risk, change.to_risk) == (target, source, target)
        assert change.reason == REASON and case.version == version + 1
        assert (case.resolved_on is not None) == (target == Risk.RESOLVED)
    else:
        with pytest.raises(ValidationError) as exc:
            services.case_change_risk(
                actor=world.compiler_a, case=case, level=target, reason=REASON
            )
        assert "level" in exc.value.errors
        case.refresh_from_db()
        assert case.risk == source and case.risk_changes.count() == changes


@pytest.mark.parametrize("reason", ["", "   ", "vì sao"])
def test_a_change_without_a_real_reason_is_refused(world, case_a, reason):
    with pytest.raises(ValidationError) as exc:
        services.case_change_risk(
            actor=world.compiler_a, case=case_a, level=Risk.LIKELY, reason=reason
        )
    assert "reason" in exc.value.errors
    case_a.refresh_from_db()
    assert case_a.risk == Risk.LATENT and case_a.risk_changes.count() == 1


def test_resolving_needs_the_resolution_written_down(world, case_a):
    with pytest.raises(ValidationError) as exc:
        services.case_change_risk(
            actor=world.leader, case=case_a, level=Risk.RESOLVED, reason=REASON
        )
    assert "level" in exc.value.errors
    assert Case.objects.get(pk=case_a.pk).risk == Risk.LATENT
    services.case_update(actor=world.compiler_a, case=case_a, resolution="Đã chi trả bổ sung")
    services.case_change_risk(actor=world.leader, case=case_a, level=Risk.RESOLVED, reason=REASON)
    case_a.refresh_from_db()
    assert case_a.risk == Risk.RESOLVED and case_a.resolved_on == dt.date(2026, 11, 25)


def test_a_change_is_dated_between_the_last_change_and_today(world, case_a):
    services.case_change_risk(
        actor=world.compiler_a, case=case_a, level=Risk.LIKELY, reason=REASON, on="10/11/2026"
    )
    for day in ("05/11/2026", "26/11/2026", "hôm qua"):
        with pytest.raises(ValidationError) as exc:
            services.case_change_risk(
                actor=world.compiler_a, case=case_a, level=Risk.HOTSPOT, reason=REASON, on=day
            )
        assert "on" in exc.value.errors
    change = services.case_change_risk(
        actor=world.compiler_a, case=case_a, level=Risk.HOTSPOT, reason=REASON, on="12/11/2026"
    )
    case_a.refresh_from_db()
    assert change.changed_on == case_a.risk_since == dt.date(2026, 11, 12)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("compiler_a", True),
        ("leader", True),
        ("admin", True),
        ("superuser", True),
        ("reporter_a", False),  # sees the case, cannot judge its risk
        ("compiler_b", False),  # another commune
        ("area_officer", False),  # follows commune B only
        ("outsider", False),
    ],
)
def test_who_may_change_the_risk(world, case_a, who, allowed):
    actor = getattr(world, who)
    if allowed:
        services.case_change_risk(actor=actor, case=case_a, level=Risk.LIKELY, reason=REASON)
        assert Case.objects.get(pk=case_a.pk).risk == Risk.LIKELY
    else:
        with pytest.raises(PermissionDeniedError):
            services.case_change_risk(actor=actor, case=case_a, level=Risk.LIKELY, reason=REASON)
        assert Case.objects.get(pk=case_a.pk).risk == Risk.LATENT


def test_every_change_is_in_the_audit_trail_with_its_reason(world, case_a):
    from dantinh.core import audit

    services.case_change_risk(
        actor=world.compiler_a, case=case_a, level=Risk.HOTSPOT, reason=REASON
    )
    entry = (
        AuditEntry.objects.filter(object_type="cases.case", object_id=str(case_a.pk))
        .order_by("id")
        .last()
    )
    values = audit.values_of([entry])[entry.pk]
    assert entry.actor_name == "compiler_a" and entry.action == "update"
    assert values.changes == {"risk": [Risk.LATENT, Risk.HOTSPOT]}
    assert values.note == REASON


def test_opening_above_latent_needs_a_reason(world):
    with pytest.raises(ValidationError) as exc:
        open_case(world, level=Risk.HOTSPOT)
    assert "reason" in exc.value.errors
    assert not Case.objects.exists()
    case = open_case(world, level=Risk.HOTSPOT, reason=REASON)
    first = RiskChange.objects.get(case=case)
    assert (first.from_risk, first.to_risk, first.changed_on) == ("", Risk.HOTSPOT, case.opened_on)


def test_a_case_cannot_open_resolved(world):
    with pytest.raises(ValidationError):
        open_case(world, level=Risk.RESOLVED, reason=REASON)


@pytest.mark.parametrize(
    ("source", "target", "kind"),
    [
        ("", Risk.HOTSPOT, risk.Move.OPENED),
        (Risk.LATENT, Risk.LIKELY, risk.Move.RAISED),
        (Risk.HOTSPOT, Risk.LIKELY, risk.Move.LOWERED),
        (Risk.LIKELY, Risk.RESOLVED, risk.Move.RESOLVED),
        (Risk.RESOLVED, Risk.HOTSPOT, risk.Move.REOPENED),
    ],
)
def test_each_change_is_named(source, target, kind):
    assert risk.move(source, target) == kind
