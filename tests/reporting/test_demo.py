"""The reporting part of the demo builds on any tree and gives every page something to show."""

import random

import pytest

from dantinh.reporting.demo import build_reporting_demo
from dantinh.reporting.models import Submission

pytestmark = pytest.mark.django_db


def test_reporting_demo_on_a_small_province(world, items):
    made = build_reporting_demo(province=world.province, rng=random.Random(3), log=lambda m: None)
    assert made == Submission.objects.count() > 20
    statuses = set(Submission.objects.values_list("status", flat=True))
    assert {"accepted", "submitted"} <= statuses
    assert Submission.objects.filter(unit=world.commune_a, schedule__slug="weekly").count() >= 20
    assert all(s.sections.count() == 6 for s in Submission.objects.all()[:20])
