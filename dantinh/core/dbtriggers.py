"""Database triggers that make the audit trail append-only whoever writes to the database."""

SQLITE_ADD = [
    """CREATE TRIGGER IF NOT EXISTS core_auditentry_no_update BEFORE UPDATE ON core_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
    """CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete BEFORE DELETE ON core_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
]
PG_ADD = [
    """CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$ LANGUAGE plpgsql;""",
    "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry",
    """CREATE TRIGGER core_auditentry_no_change BEFORE UPDATE OR DELETE ON core_auditentry
       FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();""",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry",
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
