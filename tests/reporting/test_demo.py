"""The reporting part of the demo builds on any tree and gives every page something to show."""

import random

import pytest

from dantinh.org.models import Unit
from dantinh.reporting.demo import build_reporting_demo
from dantinh.reporting.models import Schedule, Submission
from dantinh.reporting.obligations import obligated_units
from tests.factories import make_unit

pytestmark = pytest.mark.django_db


def test_reporting_demo_on_a_small_province(world, items):
    department = {
        "kind": Unit.Kind.SECTOR,
        "sector": Unit.Sector.COMMISSION_DEPARTMENT,
        "level_code": "tinh",
    }
    desk = make_unit("Phòng Tôn giáo, Dân tộc và Tổng hợp", world.province, **department)
    other = make_unit(
        "Phòng Dân vận chính quyền, Mặt trận và các đoàn thể", world.province, **department
    )
    made = build_reporting_demo(province=world.province, rng=random.Random(3), log=lambda m: None)
    assert made == Submission.objects.count() > 20
    statuses = set(Submission.objects.values_list("status", flat=True))
    assert {"accepted", "submitted"} <= statuses
    assert Submission.objects.filter(unit=world.commune_a, schedule__slug="weekly").count() >= 20
    assert all(s.sections.count() == 6 for s in Submission.objects.all()[:20])
    # The general-affairs desk receives the officers' reports: it owes none and has none.
    for slug in ("officer-weekly", "officer-monthly"):
        assert list(obligated_units(Schedule.objects.get(slug=slug))) == [other]
    assert not Submission.objects.filter(unit=desk).exists()
    assert Submission.objects.filter(unit=other, schedule__slug="officer-weekly").exists()
