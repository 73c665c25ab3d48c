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
