"""The one audit trail: every create, update, delete, import, export and reading of personal
data is appended here with who, when and what — and it can forget.

Three tables (see `dantinh.core.models` and `docs/architecture.md`):
- `AuditEntry`: the chained row. Who, when, the action, the object's type and id, the unit it
  concerns (by id), and the SHA-256 digest of the entry's sealed values. Append-only.
- `AuditValue`: the entry's values (the object's description, the changed values, the note),
  encrypted under the object's own key. Deletable.
- `AuditRecordKey`: one key per object, itself encrypted under the deployment's data keys.
  Deleting it (`erase`) makes every value ever recorded about the object unreadable; the
  chained rows, and so `verify`, are untouched.

Writers never serialise on the chain: `record` inserts an unsealed row; `seal` (queued after
each commit, and run every minute and before every verification) links the unsealed rows in
one short transaction under the head's row lock.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import logging
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from dantinh.core.crypto import InvalidToken, data_cipher, new_key, record_cipher
from dantinh.core.models import AuditEntry, AuditHead, AuditRecordKey, AuditValue

logger = logging.getLogger(__name__)
Action = AuditEntry.Action
SEGMENT = 8  # digits per id in a unit path (dantinh.org.paths.SEGMENT; core does not import org)


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


def snapshot(
    instance: models.Model, fields: Iterable[str], *, known: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The audited values of an instance: concrete fields by attname, many-to-many as id lists
    (`known` gives values the caller already has, such as a many-to-many it just set)."""
    result: dict[str, Any] = {}
    for name in fields:
        field_ = instance._meta.get_field(name)
        if known and name in known:
            result[name] = _jsonable(sorted(known[name]) if field_.many_to_many else known[name])
        elif field_.many_to_many:
            result[name] = sorted(
                instance.pk and getattr(instance, name).values_list("pk", flat=True) or []
            )
        else:
            result[name] = _jsonable(getattr(instance, field_.attname))  # type: ignore[union-attr]
    return result


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    keys = list(dict.fromkeys([*old.keys(), *new.keys()]))
    return {k: [old.get(k), new.get(k)] for k in keys if old.get(k) != new.get(k)}


# --- writing -------------------------------------------------------------------------------


def _unit_id(unit_path: str) -> int | None:
    return int(unit_path[-SEGMENT:]) if unit_path and len(unit_path) >= SEGMENT else None


_KEY_UPSERT = (
    "INSERT INTO core_auditrecordkey (object_type, object_id, wrapped_key, created_at) "
    "VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (object_type, object_id) DO UPDATE SET object_type = excluded.object_type "
    "RETURNING id, wrapped_key"
)


def _record_key(object_type: str, object_id: str) -> AuditRecordKey:
    """The object's key row, created on its first audited value: one statement either way
    (an upsert that returns the row, new or existing; SQLite ≥ 3.35 and PostgreSQL)."""
    wrapped = data_cipher().encrypt(new_key())
    with connection.cursor() as cursor:
        cursor.execute(_KEY_UPSERT, [object_type, object_id, wrapped, timezone.now()])
        key_id, stored = cursor.fetchone()
    return AuditRecordKey(
        id=key_id, object_type=object_type, object_id=object_id, wrapped_key=bytes(stored)
    )


def _cipher_of(key: AuditRecordKey):
    return record_cipher(data_cipher().decrypt(bytes(key.wrapped_key)))


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
    explicit type, id and repr (for things that are not rows, such as an export). The unit it
    concerns comes from `unit_path` or the object's `audit_unit_path`. The description,
    changes and note are sealed under the object's own key, so that `erase` can forget them.
    """
    if actor is None or not getattr(actor, "pk", None):
        raise TypeError("audit.record needs an actor (system_actor() for background work)")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)
        unit_path = unit_path or getattr(obj, "audit_unit_path", "") or ""
    object_id = str(object_id or "")
    entry = AuditEntry(
        at=timezone.now(),
        actor_id=actor.pk,
        actor_name=actor.get_username(),
        action=action,
        object_type=object_type,
        object_id=object_id,
        unit_id=_unit_id(unit_path),
    )
    values = {"repr": object_repr[:300], "changes": _jsonable(changes or {}), "note": note[:500]}
    with transaction.atomic():
        ciphertext = b""
        key = None
        if any(values.values()):
            key = _record_key(object_type, object_id)
            plain = json.dumps(values, ensure_ascii=False, sort_keys=True).encode("utf-8")
            ciphertext = _cipher_of(key).encrypt(plain)
            entry.values_digest = hashlib.sha256(ciphertext).hexdigest()
        entry.save()
        if key is not None:
            AuditValue.objects.create(entry=entry, record=key, ciphertext=ciphertext)
        transaction.on_commit(request_seal)
    return entry


def erase(*, actor, object_type: str, object_id: str | int, unit_path: str = "") -> int:
    """Forget every value the trail holds about one object (real deletion, SPEC §11): its key
    and sealed values are deleted; the chained entries stay, so the chain still verifies.
    Records the erasure itself, with no values. Returns how many entries' values were erased.

    The caller has checked that `actor` may delete the object."""
    if actor is None or not getattr(actor, "pk", None):
        raise TypeError("audit.erase needs an actor")
    object_id = str(object_id)
    with transaction.atomic():
        erased = AuditValue.objects.filter(
            record__object_type=object_type, record__object_id=object_id
        ).count()
        AuditRecordKey.objects.filter(object_type=object_type, object_id=object_id).delete()
        entry = AuditEntry(
            at=timezone.now(),
            actor_id=actor.pk,
            actor_name=actor.get_username(),
            action=Action.ERASE,
            object_type=object_type,
            object_id=object_id,
            unit_id=_unit_id(unit_path),
        )
        entry.save()
        transaction.on_commit(request_seal)
    return erased


def erase_object(*, actor, obj: models.Model) -> int:
    return erase(
        actor=actor,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        unit_path=getattr(obj, "audit_unit_path", "") or "",
    )


# --- reading -------------------------------------------------------------------------------


@dataclass
class Values:
    """An entry's values as people read them; `erased` when its object was forgotten."""

    repr: str = ""
    changes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    erased: bool = False


def values_of(entries: Iterable[AuditEntry]) -> dict[int, Values]:
    """The values of many entries at once (one query, each record's key unwrapped once)."""
    entries = list(entries)
    rows = AuditValue.objects.filter(entry_id__in=[e.pk for e in entries]).select_related("record")
    ciphers: dict[int, Any] = {}
    result: dict[int, Values] = {}
    for row in rows:
        try:
            cipher = ciphers.get(row.record_id) or _cipher_of(row.record)
            ciphers[row.record_id] = cipher
            data = json.loads(cipher.decrypt(bytes(row.ciphertext)))
        except (InvalidToken, ValueError):
            logger.error("audit values of entry %s cannot be read", row.entry_id)
            continue
        result[row.entry_id] = Values(
            repr=data.get("repr", ""), changes=data.get("changes") or {}, note=data.get("note", "")
        )
    for entry in entries:
        if entry.pk not in result:
            result[entry.pk] = Values(erased=bool(entry.values_digest))
    return result


# --- the chain -----------------------------------------------------------------------------


def _entry_hash(prev_hash: str, seq: int, row: dict[str, Any]) -> str:
    at = row["at"]
    payload = json.dumps(
        [
            prev_hash,
            seq,
            at.astimezone(dt.UTC).isoformat() if isinstance(at, dt.datetime) else str(at),
            row["actor_id"],
            row["actor_name"],
            row["action"],
            row["object_type"],
            row["object_id"],
            row["unit_id"],
            row["values_digest"],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


CHAINED = ["at", "actor_id", "actor_name", "action", "object_type", "object_id", "unit_id"]


def _write_seals(sealed: list[tuple[int, str, str, int]]) -> None:
    """(seq, prev_hash, hash, id) for each entry, in as few statements as the database allows."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for start in range(0, len(sealed), 1000):
                chunk = sealed[start : start + 1000]
                values = ", ".join(["(%s::bigint, %s, %s, %s::bigint)"] * len(chunk))
                cursor.execute(
                    "UPDATE core_auditentry AS e SET seq = v.seq, prev_hash = v.prev, hash = v.hash "
                    f"FROM (VALUES {values}) AS v(seq, prev, hash, id) WHERE e.id = v.id",
                    [x for row in chunk for x in row],
                )
        else:
            cursor.executemany(
                "UPDATE core_auditentry SET seq = %s, prev_hash = %s, hash = %s WHERE id = %s",
                sealed,
            )


def seal(*, batch: int = 5000) -> int:
    """Link every unsealed entry into the chain, in batches; returns how many were sealed."""
    total = 0
    while True:
        with transaction.atomic():
            head = AuditHead.objects.select_for_update().filter(pk=1).first()
            if head is None:  # a database flushed by a test; the migration creates the head
                head, _ = AuditHead.objects.get_or_create(pk=1)
            rows = list(
                AuditEntry.objects.filter(hash__isnull=True)
                .order_by("id")
                .values("id", *CHAINED, "values_digest")[:batch]
            )
            if not rows:
                return total
            prev, seq = head.last_hash, head.last_seq
            sealed = []
            for row in rows:
                seq += 1
                digest = _entry_hash(prev, seq, row)
                sealed.append((seq, prev, digest, row["id"]))
                prev = digest
            _write_seals(sealed)
            AuditHead.objects.filter(pk=1).update(last_hash=prev, last_seq=seq)
            total += len(rows)
        if len(rows) < batch:
            return total


_seal_lock = threading.Lock()
_last_request = 0.0


def request_seal() -> None:
    """After a commit that wrote entries: queue a sealing, at most once a second per process
    (the periodic job seals whatever a skipped request left)."""
    global _last_request
    with _seal_lock:
        now = time.monotonic()
        if now - _last_request < 1.0:
            return
        _last_request = now
    from dantinh.core import tasks

    try:
        tasks.seal_audit_trail()
    except Exception:  # the queue being down must not fail the request that committed
        logger.exception("could not queue the sealing of the audit trail")


@dataclass
class Verification:
    checked: int
    broken: AuditEntry | None
    reason: str = ""


def verify() -> Verification:
    """Seal what is pending, then walk the chain in order: every hash must follow from its
    predecessor and the entry's fields, no position may be missing, and every value still
    held must match its digest. Erased values are fine: the digest stays in the chain."""
    seal()
    prev = ""
    expected_seq = 0
    checked = 0
    head = AuditHead.objects.filter(pk=1).first()
    rows = (
        AuditEntry.objects.filter(seq__isnull=False)
        .order_by("seq")
        .values("id", "seq", "prev_hash", "hash", *CHAINED, "values_digest")
    )
    for row in rows.iterator(chunk_size=5000):
        expected_seq += 1
        reason = ""
        if row["seq"] != expected_seq:
            reason = "missing"
        elif row["prev_hash"] != prev or _entry_hash(prev, row["seq"], row) != row["hash"]:
            reason = "altered"
        if reason:
            return Verification(checked, AuditEntry.objects.get(pk=row["id"]), reason)
        prev = row["hash"]
        checked += 1
    if head is not None and (head.last_seq != expected_seq or head.last_hash != prev):
        last = AuditEntry.objects.order_by("-seq").first()
        return Verification(checked, last, "truncated")
    for entry_id, ciphertext, digest in AuditValue.objects.values_list(
        "entry_id", "ciphertext", "entry__values_digest"
    ).iterator(chunk_size=5000):
        if hashlib.sha256(bytes(ciphertext)).hexdigest() != digest:
            return Verification(checked, AuditEntry.objects.get(pk=entry_id), "values altered")
    # Values may vanish only through `erase`, which records itself.
    erased = set(
        AuditEntry.objects.filter(action=Action.ERASE).values_list("object_type", "object_id")
    )
    missing = (
        AuditEntry.objects.exclude(values_digest="")
        .filter(auditvalue__isnull=True)
        .values_list("id", "object_type", "object_id")
    )
    for entry_id, object_type, object_id in missing.iterator(chunk_size=5000):
        if (object_type, object_id) not in erased:
            return Verification(checked, AuditEntry.objects.get(pk=entry_id), "values removed")
    return Verification(checked, None)
