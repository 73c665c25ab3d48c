"""How close an embedded (SQLite) deployment is to the size past which it stops meeting the
product's speed targets, said by `dantinh check` and `dantinh health`.

The limits are measured (docs/benchmarks.md, "SQLite's honest limit"): with SQLite, searching
a province or the whole country for a common phrase reads every match through the full-text
index, and the "may already be logged" hint reads every item holding a syllable of the text;
both grow with the items, while PostgreSQL bounds them by the scope and the dates. SQLite also
writes one transaction at a time, whoever sends it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import DatabaseError, connection

# Items past which SQLite's searches of a province or of the country for a common phrase
# pass 100 ms at the 95th percentile (the target of issue 16).
SQLITE_ITEMS_LIMIT = 500_000
# Warn from this share of a limit: time to plan the move before it is reached.
WARN_FROM = 0.8


@dataclass(frozen=True)
class Capacity:
    items: int
    level: str  # "ok", "near" (past WARN_FROM of the limit) or "past" (the limit reached)

    @property
    def message(self) -> str:
        return (
            f"the embedded SQLite database holds about {self.items:,} items; it meets the "
            f"speed targets up to about {SQLITE_ITEMS_LIMIT:,}. Move to PostgreSQL "
            "(docs/deployment.md, 'Moving to PostgreSQL')."
        )


def embedded_capacity() -> Capacity | None:
    """The embedded deployment's size against SQLite's measured limits; None on PostgreSQL or
    when the tables do not exist yet (before `migrate`). Reads the largest item id, not a
    count: instant whatever the size, and deletions are rare."""
    if connection.vendor != "sqlite":
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COALESCE(MAX(id), 0) FROM intake_item")
            items = cursor.fetchone()[0]
    except DatabaseError:
        return None
    share = items / SQLITE_ITEMS_LIMIT
    level = "past" if share >= 1 else "near" if share >= WARN_FROM else "ok"
    return Capacity(items=items, level=level)


def check_embedded_capacity(app_configs=None, **kwargs) -> list:
    """A system check (`dantinh check`): a warning when an embedded deployment nears or
    passes SQLite's limits."""
    from django.core.checks import Warning

    capacity = embedded_capacity()
    if capacity is None or capacity.level == "ok":
        return []
    return [
        Warning(
            capacity.message,
            hint="dantinh backup FILE, then dantinh restore FILE --yes with "
            "DANTINH_DATABASE_URL=postgres://…",
            id="dantinh.W001",
        )
    ]
