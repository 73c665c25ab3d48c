import datetime as dt

import pytest

from dantinh.cases import services
from dantinh.cases.models import Case, Risk
from dantinh.intake.models import Field
from dantinh.reporting.periods import TZ

NOW = dt.datetime(2026, 11, 25, 17, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch):
    """The clock of every case test, in step with the suite's pinned 'today' (25/11/2026)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)


def open_case(world, *, actor=None, level=Risk.LATENT, reason="", place=None, **values) -> Case:
    """Commune A's case about a site clearance in village A1, opened on 02/11/2026."""
    defaults = {
        "title": "Tranh chấp bồi thường giải phóng mặt bằng tổ dân phố số 1",
        "situation": "Nhiều hộ dân không đồng ý mức bồi thường, tụ tập tại trụ sở phường.",
        "opened_on": dt.date(2026, 11, 2),
        "field": Field.objects.get(code="dat_dai"),
        "origin": "Dự án mở rộng đường ven sông",
        "causes": "Đơn giá bồi thường thấp hơn giá thị trường",
    }
    defaults.update(values)
    return services.case_create(
        actor=actor or world.compiler_a,
        unit=world.commune_a,
        place=place or world.village_a1,
        level=level,
        reason=reason,
        **defaults,
    )


@pytest.fixture
def case_a(world) -> Case:
    return open_case(world)


@pytest.fixture
def case_b(world) -> Case:
    """Commune B's case, in village B1."""
    return services.case_create(
        actor=world.compiler_b,
        unit=world.commune_b,
        place=world.village_b1,
        title="Ngừng việc tập thể tại xưởng may thôn Đông",
        situation="Công nhân ngừng việc đòi trả lương chậm.",
        opened_on=dt.date(2026, 11, 10),
    )
