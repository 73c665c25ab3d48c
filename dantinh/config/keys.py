"""The data keys (DANTINH_DATA_KEYS): checked when the settings load.

Personal data and the audit trail's values are encrypted at rest under these keys (Fernet:
AES-128-CBC with HMAC-SHA256, 32 random bytes in URL-safe base64). Several keys may be given,
newest first, during a rotation (`dantinh keys rotate`). A malformed key would only fail at the
first encryption, and a weak one would protect nothing: production refuses both at start; the
embedded default generates its own.
"""

from __future__ import annotations

import base64
import binascii

from django.core.exceptions import ImproperlyConfigured

KEY_BYTES = 32
# A random 32-byte key has ~30 distinct byte values; fewer than this means it was typed or built.
MIN_DISTINCT_BYTES = 16


def _problem(key: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(key.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return "is not URL-safe base64"
    if len(raw) != KEY_BYTES:
        return f"decodes to {len(raw)} bytes instead of {KEY_BYTES}"
    if len(set(raw)) < MIN_DISTINCT_BYTES:
        return "is not random (too few distinct bytes)"
    return ""


def parse_data_keys(value: str) -> list[str]:
    """The keys of DANTINH_DATA_KEYS (comma-separated, newest first), each checked; raises
    ImproperlyConfigured naming the key's position, never the key itself."""
    keys = [k.strip() for k in (value or "").split(",") if k.strip()]
    if not keys:
        raise ImproperlyConfigured("DANTINH_DATA_KEYS holds no key.")
    for position, key in enumerate(keys, start=1):
        problem = _problem(key)
        if problem:
            raise ImproperlyConfigured(
                f"DANTINH_DATA_KEYS: key {position} {problem}. Make one with "
                "`dantinh keys new` (or Fernet.generate_key())."
            )
    if len(set(keys)) != len(keys):
        raise ImproperlyConfigured("DANTINH_DATA_KEYS: the same key is given twice.")
    return keys
