"""Database objects live in migrations (issue 8.5): the items' search index and its triggers,
and the default lists, are made by intake's migrations on both databases, and survive the
table rebuilds SQLite does for Django's schema changes."""

import ast
import os
import subprocess
import sys

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.fields import FieldOperation
from django.db.migrations.operations.models import ModelOptionOperation

from dantinh.intake import defaults
from dantinh.intake.models import Field, Mood
from dantinh.intake.search import EnsureSearchIndex

pytestmark = pytest.mark.django_db

SQLITE_TRIGGERS = {"intake_item_fts_ai", "intake_item_fts_ad", "intake_item_fts_au"}


def search_objects(conn) -> set[str]:
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'intake_item_fts%'")
        else:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE indexname = 'intake_item_search_keys_gin'"
                " UNION SELECT column_name FROM information_schema.columns"
                " WHERE table_name = 'intake_item' AND column_name = 'search_tsv'"
            )
        return {row[0] for row in cursor.fetchall()}


def expected_search_objects(vendor: str) -> set[str]:
    if vendor == "sqlite":
        return SQLITE_TRIGGERS | {"intake_item_fts"}
    return {"intake_item_search_keys_gin", "search_tsv"}


def test_after_all_migrations_the_search_index_and_triggers_exist():
    assert expected_search_objects(connection.vendor) <= search_objects(connection)


def _alters_items(operation) -> bool:
    if isinstance(operation, FieldOperation | ModelOptionOperation):
        return operation.model_name_lower == "item"
    return getattr(operation, "name_lower", None) == "item"


def test_every_migration_altering_items_ends_by_restoring_the_search_index():
    """SQLite rebuilds intake_item for most schema changes and drops its triggers: a migration
    that alters the table must end with EnsureSearchIndex() (as 0008_item_version does)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    first = loader.graph.nodes[("intake", "0006_search_index")]
    checked = []
    for key, migration in loader.graph.nodes.items():
        if key[0] != "intake" or key <= ("intake", first.name):
            continue
        touching = [i for i, op in enumerate(migration.operations) if _alters_items(op)]
        if touching:
            checked.append(key[1])
            assert isinstance(migration.operations[-1], EnsureSearchIndex), key
    assert "0008_item_version" in checked


MIGRATE_ALONE = """
import django, sqlite3, sys
django.setup()
from django.core.management import call_command
from django.db.models.signals import post_migrate
post_migrate.receivers.clear()  # no start-up work of any app: the migrations alone
call_command("migrate", interactive=False, verbosity=0)
db = sqlite3.connect(sys.argv[1])
print(sorted(r[0] for r in db.execute(
    "SELECT name FROM sqlite_master WHERE name LIKE 'intake_item_fts%'")))
print(db.execute("SELECT count(*) FROM intake_field").fetchone()[0])
"""


def test_migrations_alone_make_the_index_and_the_lists(tmp_path):
    """A fresh SQLite database migrated without any post_migrate handler: the search index
    and its triggers exist (after 0008 made SQLite rebuild the table) and the lists are in."""
    path = tmp_path / "fresh.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dantinh.config.settings.base",
        "DANTINH_VAR_DIR": str(tmp_path),
        "DANTINH_DATABASE_URL": f"sqlite:///{path}",
    }
    done = subprocess.run(
        [sys.executable, "-c", MIGRATE_ALONE, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names, fields = done.stdout.splitlines()[-2:]
    assert set(ast.literal_eval(names)) >= expected_search_objects("sqlite")
    assert int(fields) == len(defaults.FIELDS)


def test_seeding_again_changes_nothing_a_deployment_edited():
    Field.objects.filter(code="moi_truong").update(name="Môi trường, khí hậu")
    Mood.objects.filter(code="lo_lang").delete()
    defaults.seed()
    defaults.seed()
    assert Field.objects.get(code="moi_truong").name == "Môi trường, khí hậu"
    assert Field.objects.count() == len(defaults.FIELDS)
    assert Mood.objects.get(code="lo_lang").valence == "negative"
