"""Who owes what; on time, late, missing; rates rolled up the tree; scope of every figure."""

import pytest

from dantinh.org.actors import system_actor
from dantinh.reporting import services, timeliness
from dantinh.reporting.models import Schedule
from dantinh.reporting.obligations import obligated_units, schedules_owed
from dantinh.reporting.periods import resolve
from tests.factories import Role, make_unit, member
from tests.reporting.conftest import at

pytestmark = pytest.mark.django_db
AFTER = at(2026, 11, 12, 9, 0)  # W45 and W46… W46 is still open


def send(world, unit, actor, when, key="2026-W45"):
    submission = services.submission_draft(
        actor=actor,
        unit=unit,
        schedule=Schedule.objects.get(slug="weekly"),
        period_key=key,
        now=at(2026, 11, 3),
    )
    services.section_update(
        actor=actor, submission=submission, code="general", text="Tình hình ổn định."
    )
    return services.submission_submit(actor=actor, submission=submission, now=when)


def test_who_owes_which_schedule(world):
    weekly = Schedule.objects.get(slug="weekly")
    assert set(obligated_units(weekly)) == {world.commune_a, world.commune_b}
    assert {s.slug for s in schedules_owed(world.commune_a)} == {
        "weekly",
        "monthly",
        "quarterly",
        "half-yearly",
        "yearly",
    }
    assert [s.slug for s in schedules_owed(world.front)] == ["partner-monthly"]
    assert schedules_owed(world.province) == [] and schedules_owed(world.village_a1) == []


def test_a_unit_merged_away_no_longer_owes(world):
    from dantinh.org import services as org_services

    weekly = Schedule.objects.get(slug="weekly")
    import datetime as dt

    org_services.unit_merge(
        actor=system_actor(),
        unit=world.commune_b,
        successor=world.commune_a,
        on=dt.date(2026, 11, 1),
    )
    assert set(obligated_units(weekly, period=resolve(weekly, "2026-W45"))) == {world.commune_a}
    assert set(obligated_units(weekly, period=resolve(weekly, "2026-W43"))) == {
        world.commune_a,
        world.commune_b,
    }


def test_on_time_late_missing_and_rates(world, weekly):
    send(world, world.commune_a, world.compiler_a, at(2026, 11, 5, 15, 59))
    period = resolve(weekly, "2026-W45")
    rows = {
        r.unit.pk: r.state
        for r in timeliness.statuses(user=world.leader, schedule=weekly, period=period, now=AFTER)
    }
    assert rows == {world.commune_a.pk: "on_time", world.commune_b.pk: "missing"}
    send(world, world.commune_b, world.compiler_b, at(2026, 11, 5, 16, 1))
    rates = timeliness.rates(
        timeliness.statuses(user=world.leader, schedule=weekly, period=period, now=AFTER)
    )
    assert (
        rates.expected,
        rates.on_time,
        rates.late,
        rates.missing,
        rates.rate,
        rates.on_time_rate,
    ) == (2, 1, 1, 0, 100, 50)


def test_rates_roll_up_the_tree(world, weekly):
    """A district level between the city and two of its communes: the city's matrix shows
    the district as one row with its subtree's rate."""
    district = make_unit("Quận Hồng Bàng", world.province, level_code="huyen")
    c1 = make_unit("Phường Quán Toan", district, level_code="xa")
    make_unit("Phường Hùng Vương", district, level_code="xa")
    compiler = member("bdv.hongbang", district, Role.COMPILER)
    send(world, c1, compiler, at(2026, 11, 5, 10, 0))
    send(world, district, compiler, at(2026, 11, 5, 15, 0))
    send(world, world.commune_a, world.compiler_a, at(2026, 11, 6, 8, 0))
    periods = [resolve(weekly, "2026-W44"), resolve(weekly, "2026-W45")]
    table = timeliness.matrix(
        user=world.leader, schedule=weekly, root=world.province, periods=periods, now=AFTER
    )
    rows = {r.unit.name: r for r in table.rows}
    assert set(rows) == {"Quận Hồng Bàng", "Phường Lê Chân", "Xã An Hưng"}
    hong_bang = rows["Quận Hồng Bàng"]
    assert not hong_bang.is_leaf
    assert (
        hong_bang.cells[1].expected,
        hong_bang.cells[1].on_time,
        hong_bang.cells[1].missing,
    ) == (3, 2, 1)
    assert hong_bang.cells[1].rate == 67 and hong_bang.cells[1].css == "fair"
    assert rows["Phường Lê Chân"].is_leaf and rows["Phường Lê Chân"].cells[1].state == "late"
    assert rows["Xã An Hưng"].cells[0].state == "missing"
    assert (table.totals[1].expected, table.totals[1].submitted) == (5, 3)
    # Drilling down: the district's own matrix lists it and its two communes, by name...
    inner = timeliness.matrix(
        user=world.leader, schedule=weekly, root=district, periods=periods, now=AFTER, sort="name"
    )
    assert [r.unit.name for r in inner.rows] == [
        "Quận Hồng Bàng",
        "Phường Hùng Vương",
        "Phường Quán Toan",
    ]
    # ...or worst first (the default): none sent, then one of two.
    worst = timeliness.matrix(
        user=world.leader, schedule=weekly, root=district, periods=periods, now=AFTER
    )
    assert [(r.unit.name, r.total.rate) for r in worst.rows] == [
        ("Phường Hùng Vương", 0),
        ("Phường Quán Toan", 50),
        ("Quận Hồng Bàng", 50),
    ]


@pytest.mark.parametrize(
    ("who", "units"),
    [
        ("compiler_a", {"Phường Lê Chân"}),
        ("compiler_b", {"Xã An Hưng"}),
        ("area_officer", {"Xã An Hưng"}),
        ("leader", {"Phường Lê Chân", "Xã An Hưng"}),
        ("outsider", set()),
    ],
)
def test_timeliness_stays_in_scope(world, weekly, who, units):
    period = resolve(weekly, "2026-W45")
    rows = timeliness.statuses(user=getattr(world, who), schedule=weekly, period=period, now=AFTER)
    assert {r.unit.name for r in rows} == units


def test_chasing_list_lists_who_has_not_sent_with_whom_to_call(world, weekly):
    send(world, world.commune_a, world.compiler_a, at(2026, 11, 5, 10, 0))
    period = resolve(weekly, "2026-W45")
    rows = timeliness.chasing(user=world.admin, schedule=weekly, period=period, now=AFTER)
    assert [(r.status.unit, r.status.state) for r in rows] == [(world.commune_b, "missing")]
    assert rows[0].compilers == [world.compiler_b]


# Returned is not submitted; the same figures everywhere ------------------------------------


@pytest.fixture
def returned_and_late(world, weekly):
    """W45 (due Thursday 5/11 16:00): commune A sent on time and was returned for changes;
    commune B sent late."""
    sent = send(world, world.commune_a, world.compiler_a, at(2026, 11, 5, 10, 0))
    services.submission_return(
        actor=world.leader, submission=sent, comment="Bổ sung số liệu", now=at(2026, 11, 5, 11)
    )
    send(world, world.commune_b, world.compiler_b, at(2026, 11, 5, 16, 30))
    return sent


def test_a_returned_report_is_not_submitted_until_it_is_sent_again(
    world, weekly, returned_and_late
):
    period = resolve(weekly, "2026-W45")
    rows = timeliness.statuses(user=world.leader, schedule=weekly, period=period, now=AFTER)
    assert {r.unit.name: r.state for r in rows} == {
        "Phường Lê Chân": "returned",
        "Xã An Hưng": "late",
    }
    rates = timeliness.rates(rows)
    assert (rates.expected, rates.submitted, rates.returned, rates.rate) == (2, 1, 1, 50)
    assert (rates.on_time, rates.on_time_rate) == (0, 0)
    chase = timeliness.chasing(user=world.admin, schedule=weekly, period=period, now=AFTER)
    assert [(r.status.unit.name, r.status.state) for r in chase] == [("Phường Lê Chân", "returned")]
    # Sent again after the deadline, it counts from its first sending: on time.
    services.submission_submit(
        actor=world.compiler_a, submission=returned_and_late, now=at(2026, 11, 6, 9, 0)
    )
    rows = timeliness.statuses(user=world.leader, schedule=weekly, period=period, now=AFTER)
    assert {r.unit.name: r.state for r in rows}["Phường Lê Chân"] == "on_time"


def test_the_page_the_word_file_and_the_api_give_the_same_figures(
    client, world, weekly, returned_and_late, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from dantinh.reporting.models import ExportJob
    from tests.reporting.test_exports import docx_text

    expected = (
        "Đã nộp 1/2 báo cáo (50%), trong đó đúng hạn 0 (0% số phải nộp); muộn 1, "
        "bị trả lại chưa gửi lại 1, chưa nộp 0."
    )
    client.force_login(world.leader)
    page = client.get(
        reverse("reporting:composite"),
        {"unit": world.province.pk, "schedule": "weekly", "period": "2026-W45"},
    ).content.decode()
    assert f'<p class="small" id="timeliness-figures">{expected}</p>' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reporting:export_period", args=["docx"]),
            {"unit": world.province.pk, "schedule": "weekly", "period": "2026-W45"},
        )
    word = docx_text(ExportJob.objects.get().file.read())
    assert f"Tình hình nộp báo cáo của các đơn vị cấp dưới: {expected}" in word
    api = client.get("/api/v1/timeliness/", {"schedule": "weekly", "period": "2026-W45"}).json()
    assert api["rates"] == {
        "expected": 2,
        "submitted": 1,
        "on_time": 0,
        "late": 1,
        "returned": 1,
        "missing": 0,
        "open": 0,
        "rate": 50,
        "on_time_rate": 0,
    }
    assert {u["name"]: u["state"] for u in api["units"]}["Phường Lê Chân"] == "returned"
