"""Duplicates (reworded texts, place and field), merging that keeps every report, and the
escalation flag (đơn thư vượt cấp)."""

import datetime as dt

import pytest

from dantinh.core.errors import PermissionDeniedError
from dantinh.recommendations import duplicates, selectors, services
from dantinh.recommendations.models import DuplicateGroup, Recommendation
from tests.factories import Role, member
from tests.recommendations.conftest import make_rec

pytestmark = pytest.mark.django_db
TEXT = (
    "Nhân dân tổ dân phố số 1 phản ánh tuyến đường liên thôn qua khu chợ bị xuống cấp nghiêm trọng, "
    "nhiều ổ gà sâu, mùa mưa ngập nước, xe máy đi lại rất nguy hiểm, đề nghị sớm sửa chữa"
)
REWORDED = (
    "Người dân tổ dân phố số 1 kiến nghị tuyến đường liên thôn qua khu chợ xuống cấp nghiêm trọng, "
    "có nhiều ổ gà sâu, mùa mưa bị ngập nước, xe máy đi lại rất nguy hiểm, đề nghị sửa chữa sớm"
)


def test_a_reworded_report_from_another_place_is_suggested(world, directory):
    first = make_rec(world, TEXT, observed_on=dt.date(2026, 9, 3))
    other = make_rec(world, REWORDED, unit=world.village_a2, observed_on=dt.date(2026, 11, 10))
    unrelated = make_rec(
        world,
        "Đề nghị tăng cường tuần tra ban đêm vì trộm cắp xe máy gia tăng ở tổ 2",
        unit=world.village_a2,
    )
    found = duplicates.duplicate_candidates(user=world.compiler_a, rec=other)
    assert [c.rec for c in found] == [first]
    assert found[0].same_place and found[0].same_field
    assert unrelated not in [c.rec for c in found]
    # Nobody outside the scope is told of it.
    assert duplicates.duplicate_candidates(user=world.compiler_b, rec=other) == []


def test_merging_keeps_every_report_and_credits_the_first(world, directory):
    first = make_rec(world, TEXT, observed_on=dt.date(2026, 9, 3))
    services.recommendation_forward(actor=world.compiler_a, rec=first, body=directory.ubnd_a)
    later = make_rec(world, REWORDED, unit=world.village_a2)
    group = duplicates.recommendations_merge(actor=world.compiler_a, recs=[later, first])
    assert group.first == first
    assert set(group.members.all()) == {first, later}
    assert Recommendation.objects.count() == 2
    assert [e.action for e in first.events.all()] == ["register", "forward"]
    # A third report joins the same group.
    third = make_rec(world, TEXT + " trước Tết", unit=world.village_a1)
    again = duplicates.recommendations_merge(actor=world.compiler_a, recs=[third, later])
    assert again == group and DuplicateGroup.objects.count() == 1 and group.members.count() == 3


def test_merging_needs_the_right_on_each(world, directory):
    a = make_rec(world, TEXT)
    b = make_rec(world, REWORDED, unit=world.village_b1, actor=world.compiler_b)
    with pytest.raises(PermissionDeniedError):
        duplicates.recommendations_merge(actor=world.compiler_a, recs=[a, b])


def test_escalation_over_the_levels_is_flagged_and_counted(world, directory):
    city_desk = member("desk_city", world.province, Role.COMPILER)
    lower = make_rec(world, TEXT, observed_on=dt.date(2026, 10, 1))  # the ward's desk follows it
    assert lower.owner == world.commune_a
    # The same grievance reaches the city before the ward answered.
    higher = make_rec(
        world, REWORDED, actor=city_desk, owner=world.province, observed_on=dt.date(2026, 11, 2)
    )
    assert not higher.escalated
    duplicates.recommendations_merge(actor=city_desk, recs=[lower, higher])
    higher.refresh_from_db()
    lower.refresh_from_db()
    assert higher.escalated and not lower.escalated
    assert selectors.filtered(city_desk, flag="escalated").count() == 1
