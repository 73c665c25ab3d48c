"""The cases in a report's "complex incidents and hotspots" section: by risk level at the end
of the period and the one before, what came to each level, the changes with their reasons,
and every figure opening the cases behind it."""

import datetime as dt

import pytest

from dantinh.cases import services
from dantinh.cases.models import Risk
from dantinh.reporting.contributors import draft_section
from dantinh.reporting.models import Schedule
from dantinh.reporting.periods import resolve
from tests.cases.conftest import open_case

pytestmark = pytest.mark.django_db
RAISED = "Công nhân đình công lan sang xưởng bên cạnh"
OPENED = "Hơn hai trăm hộ ký đơn tập thể phản đối"


@pytest.fixture
def october(world):
    period = resolve(Schedule.objects.get(slug="monthly"), "2026-10")
    start = period.start

    def day(n):
        return start + dt.timedelta(days=n)

    x = open_case(world, title="Đình công tại công ty may", opened_on=day(-20))
    services.case_change_risk(
        actor=world.compiler_a, case=x, level=Risk.LIKELY, reason="Có dấu hiệu lan rộng", on=day(-5)
    )
    services.case_change_risk(
        actor=world.compiler_a, case=x, level=Risk.HOTSPOT, reason=RAISED, on=day(3)
    )
    y = open_case(
        world,
        title="Phản đối trạm trung chuyển rác",
        opened_on=day(5),
        level=Risk.LIKELY,
        reason=OPENED,
    )
    z = open_case(
        world, title="Tranh chấp lối đi chung", opened_on=day(-30), resolution="Hòa giải thành"
    )
    services.case_change_risk(
        actor=world.compiler_a,
        case=z,
        level=Risk.RESOLVED,
        reason="Hai bên ký biên bản hòa giải",
        on=day(10),
    )
    services.case_create(
        actor=world.compiler_b,
        unit=world.commune_b,
        place=world.village_b1,
        title="Tụ tập đông người ở thôn Đông",
        situation="Người dân tụ tập.",
        opened_on=day(1),
        level=Risk.HOTSPOT,
        reason="Người dân chặn quốc lộ",
    )
    return period, {"x": x, "y": y, "z": z}


def _label(level) -> str:
    return str(Risk(level).label).capitalize()


def _table(draft):
    (table,) = draft.tables
    return {row[0]: [cell["v"] for cell in row[1:]] for row in table.rows}, table


def test_the_cases_of_the_unit_by_risk_level(world, october):
    period, _cases = october
    draft = draft_section("incidents", unit=world.commune_a, period=period, user=world.compiler_a)
    figures, _t = _table(draft)
    assert figures == {
        _label(Risk.HOTSPOT): [0, 1, 1],
        _label(Risk.LIKELY): [1, 1, 1],
        _label(Risk.LATENT): [1, 0, 0],
        _label(Risk.RESOLVED): [0, 1, 1],
    }
    text = draft.text()
    assert "Tụ tập đông người" not in text  # commune B's
    assert RAISED in text and OPENED in text
    assert text.index("Đình công") < text.index("Tranh chấp lối đi")  # hotspots first


def test_the_province_report_counts_every_commune(world, october):
    period, _cases = october
    draft = draft_section("incidents", unit=world.province, period=period, user=world.leader)
    figures, _t = _table(draft)
    assert figures[_label(Risk.HOTSPOT)] == [0, 2, 2]


def test_each_figure_opens_the_cases_behind_it(client, world, october):
    period, _cases = october
    draft = draft_section("incidents", unit=world.commune_a, period=period, user=world.compiler_a)
    _figures, table = _table(draft)
    client.force_login(world.compiler_a)
    for row in table.rows:
        for cell in row[1:]:
            response = client.get(cell["href"])
            assert response.status_code == 200
            assert response.context["page"].paginator.count == cell["v"], (row[0], cell["href"])
    for source in draft.sources:
        assert client.get(source.href).context["page"].paginator.count == {
            "Vụ việc phát sinh trong kỳ": 1,
            "Vụ việc thay đổi mức độ trong kỳ": 2,
        }.get(source.text, -1), source.text
    for note in draft.notes:
        assert client.get(note.href).status_code == 200


def test_a_unit_without_cases_adds_nothing(world):
    period = resolve(Schedule.objects.get(slug="monthly"), "2026-10")
    assert (
        draft_section(
            "incidents", unit=world.commune_b, period=period, user=world.compiler_b
        ).tables
        == []
    )
