"""Scope of the reporting pages and API beyond the submission itself: an ad-hoc request is
known only where it was made or to whom it was sent; the chasing list (with its contact
details) only where one may chase."""

import pytest
from django.urls import reverse

from dantinh.core.errors import ValidationError
from dantinh.org.actors import system_actor
from dantinh.reporting import config_services, services
from dantinh.reporting.models import ReportTemplate, Schedule, Submission
from tests.factories import Role, UserFactory, member
from tests.reporting.conftest import at

pytestmark = pytest.mark.django_db
TITLE = "Tình hình Nhân dân sau sự cố sạt lở đê"


@pytest.fixture
def adhoc(world):
    """The province asks commune A, and only commune A, for an ad-hoc report."""
    return config_services.adhoc_request_create(
        actor=world.leader,
        unit=world.province,
        title=TITLE,
        template=ReportTemplate.objects.first(),
        units=[world.commune_a],
        window_start=at(2026, 11, 20).date(),
        window_end=at(2026, 11, 25).date(),
        due_at=at(2026, 12, 30, 16, 0),
    )


# (who, the unit they ask about, outcome): the unit is always one the user may see.
OPEN = [
    ("compiler_a", "commune_a", 200),
    ("reporter_a", "commune_a", 200),
    ("leader", "province", 200),
    ("admin", "province", 200),
    ("compiler_b", "commune_b", 404),
    ("reporter_b", "commune_b", 404),
    ("area_officer", "commune_b", 404),
    ("area_officer", "front", 404),
]


@pytest.mark.parametrize(("who", "unit", "status"), OPEN)
@pytest.mark.parametrize("page", ["reporting:submission_open", "reporting:composite"])
def test_an_adhoc_request_is_known_only_where_it_was_made_or_sent(
    client, world, adhoc, page, who, unit, status
):
    client.force_login(getattr(world, who))
    query = {"unit": getattr(world, unit).pk, "schedule": "ad-hoc"}
    response = client.get(reverse(page), {**query, "period": adhoc.period_key})
    assert response.status_code == status
    assert (TITLE in response.content.decode()) is (status == 200)
    # Not yours reads exactly like a request that does not exist.
    assert client.get(reverse(page), {**query, "period": "R999999"}).status_code == 404


@pytest.mark.parametrize(
    ("who", "unit", "status"), [("compiler_a", "commune_a", 200), ("compiler_b", "commune_b", 404)]
)
def test_the_chasing_list_of_an_adhoc_request_follows_the_same_rule(
    client, world, adhoc, who, unit, status
):
    client.force_login(getattr(world, who))
    response = client.get(
        reverse("reporting:chasing"),
        {"unit": getattr(world, unit).pk, "schedule": "ad-hoc", "period": adhoc.period_key},
    )
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("compiler_a", 200),
        ("leader", 200),
        ("compiler_b", 400),
        ("reporter_b", 400),
        ("area_officer", 400),
    ],
)
def test_the_timeliness_api_does_not_confirm_someone_elses_request(
    client, world, adhoc, who, status
):
    client.force_login(getattr(world, who))
    url = reverse("timeliness-list")
    response = client.get(url, {"schedule": "ad-hoc", "period": adhoc.period_key})
    assert response.status_code == status
    if status == 400:
        missing = client.get(url, {"schedule": "ad-hoc", "period": "R999999"})
        assert response.json() == missing.json()


def test_a_unit_cannot_draft_a_report_for_a_request_it_cannot_know(world, adhoc):
    schedule = Schedule.objects.get(slug="ad-hoc")
    with pytest.raises(ValidationError) as refused:
        services.submission_draft(
            actor=world.compiler_b,
            unit=world.commune_b,
            schedule=schedule,
            period_key=adhoc.period_key,
        )
    assert "period" in refused.value.errors
    assert not Submission.objects.filter(unit=world.commune_b).exists()
    # The unit asked drafts it.
    drafted = services.submission_draft(
        actor=world.compiler_a, unit=world.commune_a, schedule=schedule, period_key=adhoc.period_key
    )
    assert drafted.title == TITLE


def test_the_upload_page_refuses_a_request_it_cannot_know(client, world, adhoc):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.reporting.test_workflow import _docx

    client.force_login(world.compiler_b)
    response = client.post(
        reverse("reporting:upload"),
        {
            "unit": world.commune_b.pk,
            "schedule": "ad-hoc",
            "period": adhoc.period_key,
            "file": SimpleUploadedFile("bao-cao.docx", _docx("BÁO CÁO", "Tình hình").getvalue()),
        },
    )
    assert response.status_code == 200
    assert not Submission.objects.filter(unit=world.commune_b).exists()


@pytest.fixture
def desk(world):
    """A commune A compiler who is also a leader of the province: may read every unit's
    reports, but may chase only commune A."""
    user = member("desk_a", world.commune_a, Role.COMPILER)
    from dantinh.org import services as org_services

    org_services.membership_grant(
        actor=system_actor(), user=user, unit=world.province, role=Role.LEADER
    )
    for name in ("compiler_a", "compiler_b"):
        person = getattr(world, name)
        person.phone = f"09{person.pk:08d}"
        person.save(update_fields=["phone"])
    return user


def test_the_chasing_list_shows_contacts_only_where_one_may_chase(client, world, weekly, desk):
    client.force_login(desk)
    query = {"schedule": "weekly", "period": "2026-W48"}
    assert (
        client.get(reverse("reporting:chasing"), {**query, "unit": world.province.pk}).status_code
        == 404
    )
    assert (
        client.get(reverse("reporting:chasing"), {**query, "unit": world.commune_b.pk}).status_code
        == 404
    )
    page = client.get(reverse("reporting:chasing"), query).content.decode()
    assert world.compiler_a.phone in page
    assert world.compiler_b.phone not in page


def test_an_outsider_with_a_new_account_sees_no_adhoc_request(client, world, adhoc):
    client.force_login(UserFactory(username="moi"))
    query = {"unit": world.province.pk, "schedule": "ad-hoc", "period": adhoc.period_key}
    assert client.get(reverse("reporting:composite"), query).status_code == 404


def test_the_reports_home_does_not_query_once_per_adhoc_request(
    client, world, django_assert_max_num_queries
):
    def ask(n):
        for i in range(n):
            config_services.adhoc_request_create(
                actor=world.leader,
                unit=world.province,
                title=f"Yêu cầu {i}",
                template=ReportTemplate.objects.first(),
                units=[world.commune_a, world.commune_b],
                window_start=at(2026, 11, 1).date(),
                window_end=at(2026, 11, 20).date(),
                due_at=at(2026, 12, 30, 16, 0),
            )

    client.force_login(world.compiler_a)
    ask(1)
    with django_assert_max_num_queries(60) as first:
        page = client.get(reverse("reporting:home"))
    assert "Yêu cầu 0" in page.content.decode()
    ask(6)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(reverse("reporting:home"))
    assert page.content.decode().count("Yêu cầu") >= 7


def test_no_one_is_chased_for_a_request_the_desk_cannot_know(world, adhoc):
    from dantinh.reporting import reminders
    from dantinh.reporting.models import Reminder

    schedule = Schedule.objects.get(slug="ad-hoc")
    with pytest.raises(ValidationError):
        reminders.chase(
            actor=world.compiler_b,
            schedule=schedule,
            period_key=adhoc.period_key,
            units=[world.commune_b],
        )
    assert not Reminder.objects.exists()


def test_a_report_for_a_request_shows_to_those_who_see_the_report(client, world, adhoc, weekly):
    """The province's administrator drafts commune B's answer to a request sent to commune A
    only: commune B's reporter sees the report, and so its period."""
    schedule = Schedule.objects.get(slug="ad-hoc")
    answer = services.submission_draft(
        actor=world.admin, unit=world.commune_b, schedule=schedule, period_key=adhoc.period_key
    )
    client.force_login(world.reporter_b)
    assert client.get(reverse("reporting:submission_detail", args=[answer.pk])).status_code == 200
    client.force_login(world.reporter_a)
    assert client.get(reverse("reporting:submission_detail", args=[answer.pk])).status_code == 404
