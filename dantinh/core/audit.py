"""The one audit trail: every create, update, delete, import, export and reading of personal
data is appended here with who, when, what, and old and new values."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from dantinh.core.models import AuditEntry, AuditHead

Action = AuditEntry.Action


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The audited values of an instance: concrete fields by attname, many-to-many as id lists."""
    result: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            result[name] = sorted(
                instance.pk and getattr(instance, name).values_list("pk", flat=True) or []
            )
        else:
            result[name] = _jsonable(getattr(instance, field.attname))
    return result


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    keys = list(dict.fromkeys([*old.keys(), *new.keys()]))
    return {k: [old.get(k), new.get(k)] for k in keys if old.get(k) != new.get(k)}


def _entry_hash(prev_hash: str, entry: AuditEntry) -> str:
    payload = json.dumps(
        [
            prev_hash,
            entry.at.isoformat(),
            entry.actor_id,
            entry.actor_name,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.object_repr,
            entry.unit_path,
            entry.changes,
            entry.note,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
    unit_path: str = "",
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    """Append one entry to the trail, inside the caller's transaction.

    `actor` is the acting user (`dantinh.org.actors.system_actor()` for background work);
    a missing actor is a programming error. Identify the object with `obj` or with the
    explicit type, id and repr (for things that are not rows, such as an export).
    """
    if actor is None or not getattr(actor, "pk", None):
        raise TypeError("audit.record needs an actor (system_actor() for background work)")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)
        unit_path = unit_path or getattr(obj, "audit_unit_path", "") or ""
    entry = AuditEntry(
        at=timezone.now(),
        actor_id=getattr(actor, "pk", None),
        actor_name=actor.get_username(),
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        object_repr=object_repr[:300],
        unit_path=unit_path,
        changes=_jsonable(changes or {}),
        note=note[:500],
    )
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        entry.prev_hash = head.last_hash
        entry.hash = _entry_hash(head.last_hash, entry)
        entry.save()
        AuditHead.objects.filter(pk=1).update(last_hash=entry.hash)
    return entry


def verify() -> tuple[int, AuditEntry | None]:
    """Walk the chain in order; return (entries checked, first broken entry or None)."""
    prev = ""
    count = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev or _entry_hash(prev, entry) != entry.hash:
            return count, entry
        prev = entry.hash
        count += 1
    return count, None
