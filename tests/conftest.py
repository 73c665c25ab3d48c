import datetime as dt
import os
from dataclasses import dataclass

import pytest
from django.db import connection

from dantinh.core.dbtriggers import add_audit_triggers, drop_audit_triggers
from dantinh.intake.models import Field
from dantinh.org.models import Unit, User
from tests.factories import Role, UserFactory, make_item, make_unit, member


@pytest.fixture(autouse=True)
def _audit_triggers_allow_flush(request):
    """Transactional tests end with a flush that deletes every row, the append-only audit
    trail included: lift its triggers for that moment only, and put them back."""
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames)
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    add_audit_triggers(connection)
    yield
    drop_audit_triggers(connection)


@pytest.fixture(scope="session", autouse=True)
def _default_lists_after_flush():
    """The default lists are made by a migration; the flush that ends a transactional test
    empties them. Flush sends post_migrate: put them back then (`seed` is idempotent)."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    def reseed(sender, **kwargs):
        from dantinh.intake import defaults

        defaults.seed()

    post_migrate.connect(
        reseed, sender=apps.get_app_config("intake"), dispatch_uid="tests-reseed-lists", weak=False
    )
    yield
    post_migrate.disconnect(dispatch_uid="tests-reseed-lists", sender=apps.get_app_config("intake"))


@pytest.fixture(scope="session", autouse=True)
def _reporting_regime_after_flush():
    """The shipped reporting regime is data put in place by a migration too: seed it again
    after a flush, as the migration did (the product itself never seeds on post_migrate)."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    def reseed(sender, **kwargs):
        from dantinh.reporting import defaults

        defaults.seed()

    reporting = apps.get_app_config("reporting")
    post_migrate.connect(
        reseed, sender=reporting, dispatch_uid="tests-reporting-regime", weak=False
    )
    yield
    post_migrate.disconnect(dispatch_uid="tests-reporting-regime", sender=reporting)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    """Items in tests are dated November 2026; 'today' is pinned so date checks agree."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 11, 25))


@dataclass
class World:
    """A small province: two communes with villages, one sector body, and users of every role."""

    province: Unit
    commune_a: Unit
    commune_b: Unit
    village_a1: Unit
    village_a2: Unit
    village_b1: Unit
    front: Unit
    reporter_a: User
    compiler_a: User
    reporter_b: User
    compiler_b: User
    area_officer: User
    leader: User
    admin: User
    outsider: User
    superuser: User


@pytest.fixture
def world(db) -> World:
    province = make_unit("Thành phố Hải Phòng", code="31", code_scheme=Unit.CodeScheme.GSO_2025)
    commune_a = make_unit(
        "Phường Lê Chân", province, code="11311", code_scheme=Unit.CodeScheme.GSO_2025
    )
    commune_b = make_unit(
        "Xã An Hưng", province, code="11674", code_scheme=Unit.CodeScheme.GSO_2025
    )
    village_a1 = make_unit("Tổ dân phố số 1", commune_a)
    village_a2 = make_unit("Tổ dân phố số 2", commune_a)
    village_b1 = make_unit("Thôn Đông", commune_b)
    front = make_unit(
        "Ủy ban MTTQ thành phố",
        province,
        kind=Unit.Kind.SECTOR,
        sector=Unit.Sector.FRONT,
        level_code="tinh",
    )
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    return World(
        province=province,
        commune_a=commune_a,
        commune_b=commune_b,
        village_a1=village_a1,
        village_a2=village_a2,
        village_b1=village_b1,
        front=front,
        reporter_a=member("reporter_a", commune_a, Role.REPORTER),
        compiler_a=member("compiler_a", commune_a, Role.COMPILER),
        reporter_b=member("reporter_b", commune_b, Role.REPORTER),
        compiler_b=member("compiler_b", commune_b, Role.COMPILER),
        area_officer=member("officer", front, Role.AREA_OFFICER, areas=[commune_b]),
        leader=member("leader", province, Role.LEADER),
        admin=member("admin", province, Role.ADMIN),
        outsider=UserFactory(username="outsider"),
        superuser=superuser,
    )


@pytest.fixture
def items(world):
    """One item in each commune's village, logged by that commune's reporter."""
    return {
        "a": make_item(
            world.reporter_a, world.village_a1, "Người dân tổ 1 bức xúc vì giải phóng mặt bằng chậm"
        ),
        "b": make_item(
            world.reporter_b,
            world.village_b1,
            "Nhân dân thôn Đông lo lắng giá phân bón tăng",
            field=Field.objects.get(code="nong_nghiep"),
        ),
    }


# In CI (`.ci/run` sets DANTINH_CI=1) the tools the suite needs are installed: a test that would
# skip because Chromium, LibreOffice or pdftotext is missing fails instead, so that a broken
# install cannot pass as green.
CI_TOOLS = ("Chromium", "LibreOffice", "pdftotext")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not (report.skipped and os.environ.get("DANTINH_CI")):
        return
    reason = str(report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr)
    if any(tool in reason for tool in CI_TOOLS):
        report.outcome = "failed"
        report.longrepr = f"CI needs this tool installed: {reason}"
