"""Database triggers that make the audit trail append-only whoever writes to the database.

A chained row may be updated once, by the sealer, to set its position and hashes; nothing
else of it ever changes, and no row is ever deleted (nor the table truncated). The same SQL is
run by the migrations that create or rebuild the table (SQLite drops a table's triggers when
Django rebuilds it) and by the test suite around flushes.
"""

CHAINED_COLUMNS = [
    "id",
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "unit_id",
    "values_digest",
]

_SQLITE_CHANGED = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in CHAINED_COLUMNS)
SQLITE_ADD = [
    f"""CREATE TRIGGER IF NOT EXISTS core_auditentry_no_update BEFORE UPDATE ON core_auditentry
       WHEN OLD.hash IS NOT NULL OR {_SQLITE_CHANGED}
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
    """CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete BEFORE DELETE ON core_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
]
_PG_NEW = ", ".join(f"NEW.{c}" for c in CHAINED_COLUMNS)
_PG_OLD = ", ".join(f"OLD.{c}" for c in CHAINED_COLUMNS)
PG_ADD = [
    f"""CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'UPDATE' AND OLD.hash IS NULL
            AND ROW({_PG_NEW}) IS NOT DISTINCT FROM ROW({_PG_OLD}) THEN
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'audit entries are append-only';
       END; $$ LANGUAGE plpgsql;""",
    "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry",
    """CREATE TRIGGER core_auditentry_no_change BEFORE UPDATE OR DELETE ON core_auditentry
       FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();""",
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry",
    """CREATE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE ON core_auditentry
       FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only();""",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry",
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry",
    "DROP FUNCTION IF EXISTS core_auditentry_append_only()",
]


def _run(connection, statements_by_vendor):
    with connection.cursor() as cursor:
        for sql in statements_by_vendor.get(connection.vendor, []):
            cursor.execute(sql)


def add_audit_triggers(connection) -> None:
    _run(connection, {"sqlite": SQLITE_ADD, "postgresql": PG_ADD})


def drop_audit_triggers(connection) -> None:
    _run(connection, {"sqlite": SQLITE_DROP, "postgresql": PG_DROP})
