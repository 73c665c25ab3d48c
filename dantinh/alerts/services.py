"""Raising and handling alerts (writes; the actor first)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.alerts import registry
from dantinh.alerts.models import Alert
from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.org import policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User

logger = logging.getLogger(__name__)


def _tell(ids: list[int]) -> None:
    for listener in registry.listeners():
        try:
            listener(ids)
        except Exception:  # one listener failing must not lose the others' work
            logger.exception("alert listener %r failed for %s", listener, ids)


def raise_alert(
    *,
    actor: User,
    unit: Unit,
    kind: str,
    key: str,
    window_start: dt.date,
    window_end: dt.date,
    level: str = Alert.Level.WARNING,
    params: dict[str, Any] | None = None,
    evidence: dict[str, Any] | None = None,
) -> tuple[Alert, bool]:
    """Raise an alert once: returns (alert, created). If an alert of this kind, unit, key and
    window exists it is returned unchanged (created False). Only background work (the system
    actor, or a superuser) raises. Listeners (`registry.on_raised`) hear of a new alert after
    commit. Raises `PermissionDeniedError`, or `ValueError` for a bad level or window."""
    require_actor(actor)
    if not policies.is_unrestricted(actor):
        raise PermissionDeniedError()
    if level not in Alert.Level.values:
        raise ValueError(f"unknown alert level {level!r}")
    if window_end < window_start:
        raise ValueError("an alert's window ends before it starts")
    with transaction.atomic():
        alert, created = Alert.objects.get_or_create(
            kind=kind[:40],
            unit=unit,
            key=key[:200],
            window_start=window_start,
            window_end=window_end,
            defaults={
                "unit_path": unit.path,
                "level": level,
                "params": params or {},
                "evidence": evidence or {},
                "raised_at": timezone.now(),
            },
        )
        if created:
            audit.record(actor=actor, action="alert.raise", obj=alert)
            transaction.on_commit(lambda: _tell([alert.pk]))
    return alert, created


def run_detectors(*, actor: User, today: dt.date, codes: list[str] | None = None) -> list[Alert]:
    """Run every registered detector (or those in `codes`) for `today` and raise what they
    find. A detector that fails is logged and skipped; the others still run. Returns the alerts
    newly raised."""
    require_actor(actor)
    raised: list[Alert] = []
    for code, detect in registry.detectors().items():
        if codes is not None and code not in codes:
            continue
        try:
            with transaction.atomic():
                for signal in detect(today):
                    alert, created = raise_alert(
                        actor=actor,
                        unit=signal.unit,
                        kind=code,
                        key=signal.key,
                        window_start=signal.window_start,
                        window_end=signal.window_end,
                        level=signal.level,
                        params=signal.params,
                        evidence=signal.evidence,
                    )
                    if created:
                        raised.append(alert)
        except Exception:
            logger.exception("alert detector %s failed", code)
    return raised


def _handle(*, actor: User, alert: Alert, status: str, note: str) -> Alert:
    require_actor(actor)
    if not policies.can(actor, "alert.handle", alert):
        raise PermissionDeniedError()
    with transaction.atomic():
        locked = Alert.objects.select_for_update().get(pk=alert.pk)
        if locked.status != Alert.Status.OPEN:
            raise ValidationError(_("This alert has already been handled."))
        locked.status = status
        locked.acknowledged_by = actor
        locked.acknowledged_at = timezone.now()
        locked.note = note.strip()[:2000]
        locked.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "note"])
        audit.record(
            actor=actor,
            action=f"alert.{status}",
            obj=locked,
            changes={"status": [Alert.Status.OPEN, status]},
            note=locked.note,
        )
    return locked


def alert_acknowledge(*, actor: User, alert: Alert, note: str = "") -> Alert:
    """Mark an open alert as seen and being dealt with (needs "alert.handle" on its unit).
    Raises `PermissionDeniedError`, or `ValidationError` if it was already handled."""
    return _handle(actor=actor, alert=alert, status=Alert.Status.ACKNOWLEDGED, note=note)


def alert_dismiss(*, actor: User, alert: Alert, note: str = "") -> Alert:
    """Mark an open alert as a false alarm (needs "alert.handle" on its unit). Raises
    `PermissionDeniedError`, or `ValidationError` if it was already handled."""
    return _handle(actor=actor, alert=alert, status=Alert.Status.DISMISSED, note=note)
