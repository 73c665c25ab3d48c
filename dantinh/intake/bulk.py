"""Writing many items at once (imports): COPY on PostgreSQL, executemany on SQLite.

Django's `bulk_create` builds a model object and binds every value of every row through the
ORM; for tens of thousands of rows that was half of an import's time. Here each row is a
tuple of column values, written by the driver in one stream, inside the caller's
transaction (so an import stays all or nothing). Everything the database adds on insert is
still added: the search index (SQLite's full-text triggers, PostgreSQL's generated
`search_tsv` and its GIN index), the foreign keys' checks and the other indexes. Columns
not given take their model default, so a field added to `Item` later is written too.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Sequence

from django.db import connection
from django.db.models import DateField, DateTimeField, JSONField
from django.utils import timezone

from dantinh.intake.models import Item


def _adapter(field):
    """How one column's Python value becomes what the driver writes (None: as it is)."""
    if isinstance(field, JSONField):
        return lambda v: None if v is None else json.dumps(v, cls=field.encoder)
    if connection.vendor == "sqlite" and isinstance(field, DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if connection.vendor == "sqlite" and isinstance(field, DateField):
        return connection.ops.adapt_datefield_value
    return None


def _constants(given: Sequence[str]) -> list[tuple[str, object]]:
    """(column, value written) of the item table's columns not in `given`, but the key."""
    now = timezone.now()
    constants = []
    for field in Item._meta.concrete_fields:
        if field.primary_key or field.attname in given:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        adapt = _adapter(field)
        constants.append((field.column, adapt(value) if adapt else value))
    return constants


def _reserve_ids(count: int) -> list[int]:
    """PostgreSQL: `count` new item ids from the table's sequence, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('intake_item', 'id'))"
            " FROM generate_series(1, %s)",
            [count],
        )
        return [row[0] for row in cursor.fetchall()]


# Rows per COPY statement on PostgreSQL: the foreign keys of each are checked at its end.
SEGMENT = 1_000


def _deferred_keys(cursor, tables: list[str]) -> str:
    """The foreign keys of these tables declared deferred (Django declares them so), as the
    list `SET CONSTRAINTS` takes ("" if none)."""
    cursor.execute(
        "SELECT conname FROM pg_constraint WHERE contype = 'f' AND condeferred"
        " AND conrelid = ANY(%s::regclass[])",
        [tables],
    )
    return ", ".join(connection.ops.quote_name(name) for (name,) in cursor.fetchall())


def insert_items(
    rows: Iterable[dict], secondary: Sequence[list[int]], *, count: int | None = None
) -> list[int]:
    """Insert items given as {attname: value} (every row the same keys: `Item` attnames such
    as "unit_id", "observed_on", "suggested"), and each one's secondary field ids; returns
    the new ids in order. Must run inside a transaction (`transaction.atomic`).

    `rows` may be an iterator of `count` rows: on PostgreSQL each is sent to COPY as it
    comes, so that the database works while the caller makes the next (SQLite, whose write
    lock would be held meanwhile, takes them all first). `secondary` is read once every row
    was taken, so the caller may fill it as it yields the rows."""
    if not connection.in_atomic_block:
        raise RuntimeError("insert_items must run inside a transaction")
    streamed = connection.vendor == "postgresql" and count is not None
    if not streamed:
        rows = list(rows)
        count = len(rows)
    if not count:
        return []
    stream = iter(rows)
    first = next(stream)
    given = list(first)
    fields = {f.attname: f for f in Item._meta.concrete_fields}
    constants = _constants(given)
    adapters = [_adapter(fields[name]) for name in given]
    tail = [value for _column, value in constants]
    order = [*(fields[name].column for name in given), *(c for c, _v in constants)]

    def values() -> Iterator[list]:
        for row in itertools.chain([first], stream):
            yield [
                adapt(row[name]) if adapt else row[name]
                for name, adapt in zip(given, adapters, strict=True)
            ] + tail

    names = ", ".join(f'"{c}"' for c in order)
    through = Item.secondary_fields.through._meta.db_table
    if connection.vendor == "postgresql":
        ids = _reserve_ids(count)
        with connection.cursor() as cursor:
            pg = cursor.cursor  # psycopg's own cursor, for COPY
            # The foreign keys are checked at the end of each segment's COPY instead of all at
            # the commit, so the database checks the first rows while the caller makes the
            # next (an import: while the model labels them), not after the last one.
            keys = _deferred_keys(cursor, ["intake_item", through])
            if keys:
                cursor.execute(f"SET CONSTRAINTS {keys} IMMEDIATE")
            rows_with_ids = zip(ids, values(), strict=True)
            for _start in range(0, count, SEGMENT):
                with pg.copy(f'COPY "intake_item" (id, {names}) FROM STDIN') as copy:
                    for item_id, row in itertools.islice(rows_with_ids, SEGMENT):
                        copy.write_row([item_id, *row])
            if next(rows_with_ids, None) is not None:
                raise ValueError(f"more rows than the {count} announced")
            with pg.copy(f'COPY "{through}" (item_id, field_id) FROM STDIN') as copy:
                for item_id, field_ids in zip(ids, secondary, strict=True):
                    for field_id in field_ids:
                        copy.write_row((item_id, field_id))
            if keys:
                cursor.execute(f"SET CONSTRAINTS {keys} DEFERRED")  # as they were declared
        return ids
    marks = ", ".join(["%s"] * len(order))
    table = list(values())
    with connection.cursor() as cursor:
        # The first row takes the database's write lock and the next id; while the
        # transaction lasts no other connection can write, so the rest follow it.
        cursor.execute(f'INSERT INTO "intake_item" ({names}) VALUES ({marks})', table[0])
        first_id = cursor.lastrowid
        ids = list(range(first_id, first_id + count))
        cursor.executemany(
            f'INSERT INTO "intake_item" (id, {names}) VALUES (%s, {marks})',
            [[item_id, *row] for item_id, row in zip(ids[1:], table[1:], strict=True)],
        )
        cursor.executemany(
            f'INSERT INTO "{through}" (item_id, field_id) VALUES (%s, %s)',
            [
                (item_id, field_id)
                for item_id, field_ids in zip(ids, secondary, strict=True)
                for field_id in field_ids
            ],
        )
    return ids
