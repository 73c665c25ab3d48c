"""Accent- and case-insensitive full-text search of items on SQLite and PostgreSQL.

Items keep a folded copy of their text (`search_text`: "giai phong mat bang"). The database
indexes it: on SQLite an FTS5 table kept in step by triggers, on PostgreSQL a generated
tsvector column with a GIN index. A query is folded the same way; words must all occur,
and words in "double quotes" must occur together as a phrase.
"""

from __future__ import annotations

import re

from django.db import connections
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from dantinh.language.normalize import search_tokens

_QUOTED = re.compile(r'"([^"]*)"')

SQLITE_SETUP = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS intake_item_fts USING fts5(
         search_text, content='intake_item', content_rowid='id', tokenize='unicode61')""",
    """CREATE TRIGGER IF NOT EXISTS intake_item_fts_ai AFTER INSERT ON intake_item BEGIN
         INSERT INTO intake_item_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
    """CREATE TRIGGER IF NOT EXISTS intake_item_fts_ad AFTER DELETE ON intake_item BEGIN
         INSERT INTO intake_item_fts(intake_item_fts, rowid, search_text)
         VALUES ('delete', old.id, old.search_text); END""",
    """CREATE TRIGGER IF NOT EXISTS intake_item_fts_au AFTER UPDATE OF search_text ON intake_item
       BEGIN
         INSERT INTO intake_item_fts(intake_item_fts, rowid, search_text)
         VALUES ('delete', old.id, old.search_text);
         INSERT INTO intake_item_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
]
PG_SETUP = [
    """ALTER TABLE intake_item ADD COLUMN IF NOT EXISTS search_tsv tsvector
         GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED""",
    "CREATE INDEX IF NOT EXISTS intake_item_search_gin ON intake_item USING gin (search_tsv)",
]


def ensure_index(connection) -> None:
    """Create the search structures if they are missing (idempotent).

    Run after every migration: SQLite rebuilds a table on some schema changes and drops its
    triggers with it; when that happened the FTS table is rebuilt from the items.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE 'intake_item_fts_%'"
            )
            complete = cursor.fetchone()[0] == 3
            for sql in SQLITE_SETUP:
                cursor.execute(sql)
            if not complete:
                cursor.execute("INSERT INTO intake_item_fts(intake_item_fts) VALUES ('rebuild')")
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in PG_SETUP:
                cursor.execute(sql)


def parse(query: str) -> list[list[str]]:
    """Split a query into terms: each quoted part is one phrase, every other word its own."""
    terms: list[list[str]] = []
    position = 0
    for match in _QUOTED.finditer(query or ""):
        terms.extend([t] for t in search_tokens(query[position : match.start()]))
        phrase = search_tokens(match.group(1))
        if phrase:
            terms.append(phrase)
        position = match.end()
    terms.extend([t] for t in search_tokens((query or "")[position:].replace('"', " ")))
    return terms


def apply(queryset: QuerySet, query: str) -> QuerySet:
    """Filter an item queryset to those matching `query`; an empty query filters nothing."""
    terms = parse(query)
    if not terms:
        return queryset
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        tsquery = " & ".join("(" + " <-> ".join(f"'{t}'" for t in term) + ")" for term in terms)
        condition = RawSQL(
            "intake_item.search_tsv @@ to_tsquery('simple', %s)",
            [tsquery],
            output_field=BooleanField(),
        )
        return queryset.filter(condition)
    if vendor == "sqlite":
        match = " AND ".join('"' + " ".join(term) + '"' for term in terms)
        return queryset.filter(
            id__in=RawSQL("SELECT rowid FROM intake_item_fts WHERE intake_item_fts MATCH %s", [match])
        )
    for term in terms:  # other databases: correct but unindexed
        queryset = queryset.filter(search_text__contains=" ".join(term))
    return queryset
