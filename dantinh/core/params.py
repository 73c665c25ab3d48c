"""Ids read from a request (query string, form): one way, for pages and the API alike."""

from __future__ import annotations

# The largest id of a BigAutoField (both databases' bigint).
MAX_ID = 2**63 - 1


def parse_id(raw: object) -> int | None:
    """`raw` as an id; None when it is not one (not plain digits, or beyond any database id),
    so that a hostile value never reaches a query (SQLite raises OverflowError past 2**63)."""
    text = str(raw if raw is not None else "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
