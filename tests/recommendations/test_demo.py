"""The demo's recommendations: built through the services, the walk-through included."""

import datetime as dt
import random

import pytest

from dantinh.demo.recommendations import build_recommendations_demo
from dantinh.recommendations.models import Recommendation
from tests.factories import make_item

pytestmark = pytest.mark.django_db


def test_the_demo_walks_a_grievance_through_every_step(world):
    for n in range(12):
        make_item(
            world.compiler_a,
            world.village_a1,
            f"Kiến nghị số {n}: sửa chữa hệ thống chiếu sáng ngõ {n} tổ dân phố số 1",
            observed_on=dt.date(2026, 6, 1) + dt.timedelta(days=9 * n),
        )
    build_recommendations_demo(
        province=world.province,
        today=dt.date(2026, 11, 25),
        rng=random.Random(1),
        password="x" * 12,
        log=lambda m: None,
    )
    story = Recommendation.objects.get(item__text__startswith="Người dân tổ dân phố số 3")
    assert story.state == Recommendation.State.IN_PROGRESS and story.reopened_count == 1
    assert [e.action for e in story.events.all()] == [
        "register",
        "forward",
        "decline",
        "forward",
        "accept",
        "answer",
        "close",
        "reopen",
    ]
    city = Recommendation.objects.get(owner=world.province)
    assert city.escalated and city.group_id == story.group_id
    assert Recommendation.objects.count() == 14
    assert Recommendation.objects.exclude(state=Recommendation.State.RECEIVED).exists()
