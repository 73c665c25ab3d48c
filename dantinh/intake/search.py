"""Accent- and case-insensitive full-text search of items on SQLite and PostgreSQL.

Items keep a folded copy of their text (`search_text`: "giai phong mat bang"). The database
indexes it: on SQLite an FTS5 table kept in step by triggers, on PostgreSQL a generated
tsvector column with a GIN index. A query is folded the same way; words must all occur,
and words in "double quotes" must occur together as a phrase.

On PostgreSQL the GIN index also holds each item's "where and when" keys: the path of its
unit and of every ancestor, and its month (`intake_item_keys`). A search repeats the list's
scope and dates as conditions on those keys, so that the index finds only the matches inside
them. Without them a common phrase ("giai phong mat bang": 5% of a country's items) makes
the database fetch every match in the country, then throw most away.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations

from django.db import connections, migrations
from django.db.models import BigIntegerField, BooleanField, F, Func, Max, Q, QuerySet
from django.db.models.expressions import RawSQL

from dantinh.language.normalize import search_tokens
from dantinh.org.paths import SEGMENT

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
_FTS_MATCH = "SELECT rowid FROM intake_item_fts WHERE intake_item_fts MATCH %s"
# The keys of an item: "m" + its month ("m202611"), and the paths of its unit and of every
# ancestor down to depth KEY_DEPTH (prefixes of whole segments; a scope deeper than that is
# left out of the index). One plain expression, so that PostgreSQL inlines it: a phrase search
# rechecks it on every candidate row. Changing it needs the index rebuilt.
KEY_DEPTH = 8


def _prefixes(depth: int) -> str:
    return "ARRAY[" + ", ".join(f"left(path, {SEGMENT * d})" for d in range(1, depth + 1)) + "]"


_KEYS_SQL = (
    "CASE "
    + " ".join(
        f"WHEN length(path) <= {SEGMENT * d} THEN {_prefixes(d)}" for d in range(1, KEY_DEPTH)
    )
    + f" ELSE {_prefixes(KEY_DEPTH)} END"
    + " || ('m' || (date_part('year', day) * 100 + date_part('month', day))::int::text)"
)
PG_KEYS = "intake_item_keys(intake_item.unit_path, intake_item.observed_on)"
PG_SETUP = [
    """ALTER TABLE intake_item ADD COLUMN IF NOT EXISTS search_tsv tsvector
         GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED""",
    f"""CREATE OR REPLACE FUNCTION intake_item_keys(path text, day date) RETURNS text[]
         LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT {_KEYS_SQL} $$""",
    """CREATE INDEX IF NOT EXISTS intake_item_search_keys_gin ON intake_item
         USING gin (search_tsv, intake_item_keys(unit_path, observed_on))""",
    "DROP INDEX IF EXISTS intake_item_search_gin",  # the first version, without the keys
]
# Past this many months a date condition is left out of the index: it would select nearly
# everything anyway.
MAX_MONTH_KEYS = 36


def ensure_index(connection) -> None:
    """Create the search structures if they are missing (idempotent); when SQLite's triggers
    were missing, the FTS table is rebuilt from the items.

    Made by intake's migrations (`EnsureSearchIndex`). SQLite rebuilds a table on most of
    Django's schema changes (adding a column with a default, altering one) and drops its
    triggers with it: every migration that alters `intake_item` must end with
    `EnsureSearchIndex()` (tests/intake/test_migrations.py checks it).
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


def apply(
    queryset: QuerySet,
    query: str,
    *,
    within: list[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    indexed: bool = True,
) -> QuerySet:
    """Filter an item queryset to those matching `query`; an empty query filters nothing.

    `within` (unit paths), `since` and `until` (observed dates) tell where the queryset is
    already limited to: they never change the result, only help the index find it.
    `indexed=False` (PostgreSQL): the match is a test of each row, which the planner cannot
    answer from the search index — for a queryset limited to a few thousand rows by other
    means, where the index would give every match in the country first.
    """
    terms = parse(query)
    if not terms:
        return queryset
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        tsquery = " & ".join(_ts_phrase(term) for term in terms)
        if not indexed:
            # `IS TRUE` is the same test, in a form no index answers
            return queryset.filter(_ts_match(tsquery, template="(%s) IS TRUE"))
        queryset = queryset.filter(_ts_match(tsquery))
        if within and all(len(path) <= SEGMENT * KEY_DEPTH for path in within):
            queryset = _keys_overlap(queryset, list(within))
        if since is not None:
            queryset = within_months(queryset, since=since, until=until)
        queryset._searching = True
        return queryset
    if vendor == "sqlite":
        match = " AND ".join(_fts_phrase(term) for term in terms)
        queryset = _sqlite_among(queryset, RawSQL(_FTS_MATCH, [match]), within)
        queryset._searching = True
        return queryset
    for term in terms:  # other databases: correct but unindexed
        queryset = queryset.filter(search_text__contains=" ".join(term))
    return queryset


def apply_any(
    queryset: QuerySet, phrases: list[str], *, at_least: int = 1, within: list[str] | None = None
) -> QuerySet:
    """Filter an item queryset to those containing at least `at_least` of `phrases` (each
    folded like a query and matched as a phrase); no phrases filter out everything.

    For finding candidates (the near-duplicates of a text) with a few distinctive phrases,
    in a queryset already limited to a scope and a window of dates. `within` as for `apply`.
    """
    terms: list[list[str]] = []
    for phrase in phrases:
        term = search_tokens(phrase)
        if term and term not in terms:
            terms.append(term)
    if not terms:
        return queryset.none()
    at_least = max(1, min(at_least, len(terms)))
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        # Any of the phrases (what the GIN index can find), then how many of them a row holds.
        # The scope and month keys of `apply` are left out: a window of months in one
        # province made the GIN scan several times slower than reading the scope's rows, and
        # listing every choice of `at_least` phrases slower still (measured on the demo).
        ts_phrases = [_ts_phrase(term) for term in terms]
        queryset = queryset.filter(_ts_match(" | ".join(ts_phrases)))
        if at_least > 1:
            held = " + ".join(
                ["(intake_item.search_tsv @@ to_tsquery('simple', %s))::int"] * len(terms)
            )
            queryset = queryset.filter(
                RawSQL(f"({held}) >= %s", [*ts_phrases, at_least], output_field=BooleanField())
            )
        return queryset
    if vendor == "sqlite":
        fts_phrases = [_fts_phrase(term) for term in terms]
        if at_least == 1:
            matches = RawSQL(_FTS_MATCH, [" OR ".join(fts_phrases)])
        else:
            # Each phrase read once from the index, then counted (FTS5 would read a phrase
            # again for every combination of `at_least` phrases that names it).
            each = " UNION ALL ".join([_FTS_MATCH] * len(terms))
            matches = RawSQL(
                f"SELECT rowid FROM ({each}) GROUP BY rowid HAVING count(*) >= %s",
                [*fts_phrases, at_least],
            )
        return _sqlite_among(queryset, matches, within)
    condition = Q(pk__in=[])  # other databases: correct but unindexed
    for chosen in combinations(terms, at_least):
        condition |= Q(*[Q(search_text__contains=" ".join(term)) for term in chosen])
    return queryset.filter(condition)


def _ts_phrase(term: list[str]) -> str:
    # tokens are [0-9a-z] only: safe inside a tsquery
    return "(" + " <-> ".join(f"'{t}'" for t in term) + ")"


def _ts_match(tsquery: str, template: str = "%s") -> RawSQL:
    return RawSQL(
        template % "intake_item.search_tsv @@ to_tsquery('simple', %s)",
        [tsquery],
        output_field=BooleanField(),
    )


def _fts_phrase(term: list[str]) -> str:
    return '"' + " ".join(term) + '"'


def _sqlite_among(queryset: QuerySet, matches: RawSQL, within: list[str] | None) -> QuerySet:
    if within:
        # Inside a subtree SQLite should read the subtree's index range and look each row
        # up among the matches, not fetch every match of the country by id (a common
        # phrase has tens of thousands): the unary plus keeps it from using the ids.
        return queryset.alias(
            search_id=Func(F("id"), template="+%(expressions)s", output_field=BigIntegerField())
        ).filter(search_id__in=matches)
    return queryset.filter(id__in=matches)


def within_months(queryset: QuerySet, *, since: dt.date, until: dt.date | None = None) -> QuerySet:
    """On PostgreSQL, repeat "observed between `since` and `until`" (already a condition of the
    queryset) as month keys of the search index; elsewhere, or when the months are too many
    to help, the queryset is returned as it is."""
    if connections[queryset.db].vendor != "postgresql":
        return queryset
    if until is None:  # up to the newest item's month: dates in the future are rare but legal
        until = queryset.model._base_manager.using(queryset.db).aggregate(m=Max("observed_on"))["m"]
        if until is None:
            return queryset
    first, last = since.year * 12 + since.month - 1, until.year * 12 + until.month - 1
    if last < first or last - first >= MAX_MONTH_KEYS:
        return queryset
    return _keys_overlap(queryset, [f"m{m // 12}{m % 12 + 1:02d}" for m in range(first, last + 1)])


def _keys_overlap(queryset: QuerySet, keys: list[str]) -> QuerySet:
    return queryset.filter(RawSQL(f"{PG_KEYS} && %s::text[]", [keys], output_field=BooleanField()))


def drop_index(connection) -> None:
    """Remove the search structures (the reverse of the migration that made them)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in ("intake_item_fts_ai", "intake_item_fts_ad", "intake_item_fts_au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute("DROP TABLE IF EXISTS intake_item_fts")
        elif connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS intake_item_search_keys_gin")
            cursor.execute("ALTER TABLE intake_item DROP COLUMN IF EXISTS search_tsv")
            cursor.execute("DROP FUNCTION IF EXISTS intake_item_keys(text, date)")


def _ensure(apps, schema_editor) -> None:
    ensure_index(schema_editor.connection)


class EnsureSearchIndex(migrations.RunPython):
    """The migration operation that (re)creates the items' search index and its triggers, on
    SQLite and PostgreSQL. Append it to every migration that alters `intake_item`: SQLite
    drops a table's triggers when Django rebuilds the table."""

    def __init__(self):
        super().__init__(_ensure, migrations.RunPython.noop, elidable=False)

    def deconstruct(self):
        return (self.__class__.__qualname__, [], {})

    def describe(self) -> str:
        return "Create the items' search index and triggers if missing"
