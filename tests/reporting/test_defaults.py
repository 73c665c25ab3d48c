"""The shipped reporting regime is data put in place by a migration, once; seeding again
never overwrites a deployment's edits."""

import importlib
import weakref

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models.signals import post_migrate

from dantinh.reporting import defaults
from dantinh.reporting.models import Holiday, ReportTemplate, Schedule, ScheduleRule

pytestmark = pytest.mark.django_db


def _empty_regime():
    ScheduleRule.objects.all().delete()
    Schedule.objects.all().delete()
    ReportTemplate.objects.all().delete()
    Holiday.objects.all().delete()


def test_the_migration_puts_the_regime_in_place(world):
    _empty_regime()
    migration = importlib.import_module("dantinh.reporting.migrations.0005_seed_defaults")
    state = MigrationExecutor(connection).loader.project_state(("reporting", "0005_seed_defaults"))
    migration.seed(state.apps, None)
    weekly = Schedule.objects.get(slug="weekly")
    assert weekly.due_weekday == 3 and weekly.due_time.hour == 16
    assert [r.level.code for r in weekly.rules.order_by("id")] == ["xa", "huyen"]
    assert ReportTemplate.objects.get().sections.count() == 6
    assert Holiday.objects.filter(date__year=2026).exists()


def test_seeding_again_keeps_what_a_deployment_edited(world):
    Schedule.objects.filter(slug="weekly").update(name="Báo cáo tuần (sửa)")
    counts = (Schedule.objects.count(), ScheduleRule.objects.count(), Holiday.objects.count())
    defaults.seed()
    assert Schedule.objects.get(slug="weekly").name == "Báo cáo tuần (sửa)"
    assert (Schedule.objects.count(), ScheduleRule.objects.count(), Holiday.objects.count()) == (
        counts
    )


def _receiver_modules(signal) -> list[str]:
    modules = []
    for entry in signal.receivers:
        receiver = entry[1]
        if isinstance(receiver, weakref.ReferenceType):
            receiver = receiver()
        modules.append(getattr(receiver, "__module__", ""))
    return modules


def test_reporting_seeds_nothing_on_post_migrate():
    """Start-up work on post_migrate runs on every `migrate` and every flush; the regime is
    seeded by its migration only (the test suite's own flush helper is not the product's)."""
    modules = _receiver_modules(post_migrate)
    assert "tests.conftest" in modules
    assert [m for m in modules if m.startswith("dantinh.reporting")] == []
