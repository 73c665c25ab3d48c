"""Encryption at rest with the deployment's data keys (DANTINH_DATA_KEYS, newest first).

Everything the product encrypts goes through here: the audit trail's per-record keys, and
personal data of complainants. Several keys may be configured during a rotation: the first
encrypts, all of them decrypt (cryptography's MultiFernet).
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

__all__ = ["InvalidToken", "data_cipher", "new_key", "record_cipher"]


@lru_cache(maxsize=4)
def _data_cipher(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.strip().encode()) for k in keys if k.strip()])


def data_cipher() -> MultiFernet:
    """The cipher of the deployment's data keys (cached per key list)."""
    return _data_cipher(tuple(settings.DATA_KEYS))


def new_key() -> bytes:
    return Fernet.generate_key()


@lru_cache(maxsize=4096)
def record_cipher(key: bytes) -> Fernet:
    """The cipher of one record's own key (unwrapped)."""
    return Fernet(key)


# --- rotation ------------------------------------------------------------------------------
# Columns encrypted under the data keys, registered by the room that owns them (from its
# AppConfig.ready()): `dantinh keys rotate` re-encrypts each under the newest key.
ROTATED: list[tuple[type, str]] = []


def register_rotation(model: type, field: str) -> None:
    if (model, field) not in ROTATED:
        ROTATED.append((model, field))


def rotate(*, batch: int = 1000, progress=None) -> dict[str, int]:
    """Re-encrypt every registered column under the newest data key, in batches of short
    transactions (the application keeps running: old keys still decrypt until the operator
    drops them). Returns rows rotated per column."""
    from django.db import transaction

    cipher = data_cipher()
    done: dict[str, int] = {}
    for model, field in ROTATED:
        label = f"{model._meta.label_lower}.{field}"
        total = model.objects.count()
        count, last = 0, 0
        while True:
            with transaction.atomic():
                rows = list(
                    model.objects.select_for_update()
                    .filter(pk__gt=last)
                    .order_by("pk")
                    .values_list("pk", field)[:batch]
                )
                for pk, token in rows:
                    if token:
                        model.objects.filter(pk=pk).update(**{field: cipher.rotate(bytes(token))})
            if not rows:
                break
            last = rows[-1][0]
            count += len(rows)
            if progress:
                progress(label, count, total)
        done[label] = count
    return done


def newest_key_share() -> dict[str, tuple[int, int]]:
    """(rows readable with the newest key alone, rows) per registered column: 100% when a
    rotation has finished and older keys can be dropped."""
    newest = Fernet(settings.DATA_KEYS[0].encode())
    result = {}
    for model, field in ROTATED:
        ok = total = 0
        for token in model.objects.values_list(field, flat=True).iterator(chunk_size=2000):
            total += 1
            if not token:  # nothing encrypted (an optional or erased value)
                ok += 1
                continue
            try:
                newest.decrypt(bytes(token))
                ok += 1
            except InvalidToken:
                pass
        result[f"{model._meta.label_lower}.{field}"] = (ok, total)
    return result
