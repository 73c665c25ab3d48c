"""The demo's cases: two at each risk level, each with a dated timeline, built through the
services by the demo's accounts, leadership told of the raises, once only."""

import datetime as dt
from collections import Counter

import pytest

from dantinh.cases.models import Case, Risk
from dantinh.demo.cases import build_cases_demo
from dantinh.org.models import Unit
from dantinh.reporting.models import AdHocRequest, Notification
from tests.factories import Role, make_unit, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db):
    city = make_unit("Thành phố Hải Phòng", code="31", code_scheme=Unit.CodeScheme.GSO_2025)
    communes = {
        name: make_unit(name, city)
        for name in (
            "Phường Đông Hải",
            "Phường Lê Chân",
            "Phường Ngô Quyền",
            "Xã Tiên Lãng",
            "Xã An Hưng",
            "Phường Hải An",
        )
    }
    make_unit(  # a former commune merged into Lê Chân in 2025: never a case's place
        "Phường An Biên cũ",
        communes["Phường Lê Chân"],
        level_code="xa",
        valid_to=dt.date(2025, 6, 30),
    )
    make_unit("Tổ dân phố Cát Cụt", communes["Phường Lê Chân"])
    for name, sector in (
        ("Liên đoàn Lao động thành phố", Unit.Sector.LABOUR),
        ("Công an thành phố", Unit.Sector.POLICE),
        ("Ủy ban nhân dân thành phố", Unit.Sector.GOVERNMENT),
    ):
        make_unit(name, city, kind=Unit.Kind.SECTOR, sector=sector, level_code="tinh")
    department = make_unit(
        "Phòng Tôn giáo, Dân tộc và Tổng hợp",
        city,
        kind=Unit.Kind.SECTOR,
        sector=Unit.Sector.COMMISSION_DEPARTMENT,
        level_code="tinh",
    )
    from dantinh.org.actors import system_actor
    from dantinh.recommendations.bodies import bodies_seed_defaults

    bodies_seed_defaults(actor=system_actor(), root=city)
    member("tonghop", city, Role.COMPILER)
    member("lanhdao", city, Role.LEADER)
    member("bdv.lechan", communes["Phường Lê Chân"], Role.COMPILER)
    member("chuyenvien", department, Role.AREA_OFFICER, areas=[communes["Phường Ngô Quyền"]])
    return city


def test_two_cases_at_each_level_with_their_timelines(city):
    assert build_cases_demo(province=city, today=dt.date(2026, 11, 25), log=lambda _m: None) == 8
    cases = list(Case.objects.all())
    assert Counter(c.risk for c in cases) == {level: 2 for level in Risk.values}
    for case in cases:
        assert case.developments.exists(), case.title
        changes = list(case.risk_changes.order_by("changed_on", "id"))
        assert changes[-1].to_risk == case.risk and case.risk_since == changes[-1].changed_on
        assert all(c.reason for c in changes if c.from_risk)
        assert changes[0].changed_on == case.opened_on
    assert not Case.objects.filter(place__valid_to__isnull=False).exists()
    assert Case.objects.filter(place__name="Tổ dân phố Cát Cụt").count() == 3
    hot = Case.objects.get(title__startswith="Công nhân")
    request = AdHocRequest.objects.get()
    assert hot.risk_changes.filter(adhoc_request=request).exists()
    assert {u.full_name for u in request.units.all()} >= {"Phường Đông Hải"}
    assert Notification.objects.filter(user__username="lanhdao", kind="case_hotspot").count() >= 2
    assert Case.objects.filter(risk=Risk.RESOLVED).exclude(resolution="").count() == 2
    bodies = {b.name for b in hot.involved_bodies.all()}
    assert len(bodies) == 3 and any("Đông Hải" in name for name in bodies), bodies
    # A second run adds nothing.
    assert build_cases_demo(province=city, log=lambda _m: None) == 0
    assert Case.objects.count() == 8
