"""Every reporting page against a table of roles × outcomes: own unit 200, another commune
404 (exactly like something that does not exist), anonymous to the login page."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dantinh.reporting import services
from dantinh.reporting.models import Notification, Submission
from tests.factories import make_item
from tests.reporting.conftest import at

pytestmark = pytest.mark.django_db
ROLES = [
    "reporter_a",
    "compiler_a",
    "reporter_b",
    "compiler_b",
    "area_officer",
    "leader",
    "admin",
    "outsider",
]


@pytest.fixture
def sub_a(world, weekly):
    """Commune A's weekly report, sent; with an attachment."""
    make_item(
        world.reporter_a, world.village_a1, "Người dân tổ 1 bức xúc vì giải phóng mặt bằng chậm"
    )
    submission = services.submission_draft(
        actor=world.compiler_a,
        unit=world.commune_a,
        schedule=weekly,
        period_key="2026-W45",
        now=at(2026, 11, 3),
    )
    services.submission_attach(
        actor=world.compiler_a,
        submission=submission,
        upload=SimpleUploadedFile("bien-ban.txt", b"bien ban"),
    )
    return services.submission_submit(
        actor=world.compiler_a, submission=submission, now=at(2026, 11, 5, 10, 0)
    )


def login(client, world, who):
    if who:
        client.force_login(getattr(world, who))
    return client


@pytest.mark.parametrize(
    ("who", "detail", "attachment", "version"),
    [
        ("reporter_a", 200, 200, 200),
        ("compiler_a", 200, 200, 200),
        ("reporter_b", 404, 404, 404),
        ("compiler_b", 404, 404, 404),
        ("area_officer", 404, 404, 404),
        ("leader", 200, 200, 200),
        ("admin", 200, 200, 200),
        ("outsider", 404, 404, 404),
    ],
)
def test_submission_pages_by_role(client, world, sub_a, who, detail, attachment, version):
    login(client, world, who)
    assert client.get(reverse("reporting:submission_detail", args=[sub_a.pk])).status_code == detail
    att = sub_a.attachments.get()
    assert (
        client.get(reverse("reporting:attachment", args=[sub_a.pk, att.pk])).status_code
        == attachment
    )
    assert client.get(reverse("reporting:version", args=[sub_a.pk, 1])).status_code == version


@pytest.mark.parametrize(
    ("who", "review"),
    [
        ("reporter_a", 403),
        ("compiler_a", 403),
        ("compiler_b", 404),
        ("area_officer", 404),
        ("leader", 302),
        ("admin", 302),
        ("outsider", 404),
    ],
)
def test_review_by_role(client, world, sub_a, who, review):
    login(client, world, who)
    response = client.post(reverse("reporting:review", args=[sub_a.pk]), {"decision": "accept"})
    assert response.status_code == review
    sub_a.refresh_from_db()
    assert (sub_a.status == Submission.Status.ACCEPTED) is (review == 302)


@pytest.mark.parametrize(
    ("who", "save"),
    [
        ("compiler_a", 200),
        ("admin", 200),
        ("reporter_a", 403),
        ("leader", 403),
        ("compiler_b", 404),
        ("outsider", 404),
    ],
)
def test_editing_a_section_by_role(client, world, weekly, who, save):
    draft = services.submission_draft(
        actor=world.compiler_a,
        unit=world.commune_a,
        schedule=weekly,
        period_key="2026-W45",
        now=at(2026, 11, 3),
    )
    login(client, world, who)
    response = client.post(
        reverse("reporting:section_save", args=[draft.pk, "general"]),
        {"text": "Mới"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == save
    assert (draft.sections.get(code="general").text == "Mới") is (save == 200)


def test_the_compiler_edits_and_submits_in_the_browser(client, world, weekly):
    client.force_login(world.compiler_a)
    url = f"{reverse('reporting:submission_open')}?unit={world.commune_a.pk}&schedule=weekly&period=2026-W48"
    page = client.get(url)
    assert page.status_code == 200 and "Soạn dự thảo" in page.content.decode()
    response = client.post(
        reverse("reporting:submission_open"),
        {"unit": world.commune_a.pk, "schedule": "weekly", "period": "2026-W48"},
    )
    submission = Submission.objects.get()
    assert response.url == reverse("reporting:submission_detail", args=[submission.pk])
    saved = client.post(
        reverse("reporting:section_save", args=[submission.pk, "general"]),
        {"text": "Tình hình chung ổn định."},
        HTTP_HX_REQUEST="true",
    )
    assert "Đã lưu" in saved.content.decode() and "<html" not in saved.content.decode()
    client.post(reverse("reporting:submit", args=[submission.pk]), {"note": ""})
    submission.refresh_from_db()
    assert submission.status == "submitted"
    assert client.get(url).url == reverse("reporting:submission_detail", args=[submission.pk])


@pytest.mark.parametrize("who", ROLES)
def test_submission_open_for_another_commune_is_not_found(client, world, who):
    login(client, world, who)
    url = f"{reverse('reporting:submission_open')}?unit={world.commune_b.pk}&schedule=weekly&period=2026-W48"
    expected = (
        200 if who in ("reporter_b", "compiler_b", "area_officer", "leader", "admin") else 404
    )
    assert client.get(url).status_code == expected


@pytest.mark.parametrize(
    ("who", "home", "matrix", "chasing", "composite_b", "settings", "adhoc"),
    [
        ("reporter_a", 200, 200, 404, 404, 404, 404),
        ("compiler_a", 200, 200, 200, 404, 404, 200),
        ("compiler_b", 200, 200, 200, 200, 404, 200),
        ("area_officer", 200, 200, 404, 200, 404, 404),
        ("leader", 200, 200, 404, 200, 404, 200),
        ("admin", 200, 200, 200, 200, 200, 200),
        ("outsider", 404, 404, 404, 404, 404, 404),
    ],
)
def test_overview_pages_by_role(
    client, world, sub_a, who, home, matrix, chasing, composite_b, settings, adhoc
):
    login(client, world, who)
    assert client.get(reverse("reporting:home")).status_code == home
    assert client.get(reverse("reporting:matrix")).status_code == matrix
    assert client.get(reverse("reporting:chasing")).status_code == chasing
    composite = f"{reverse('reporting:composite')}?unit={world.commune_b.pk}&schedule=weekly&period=2026-W45"
    assert client.get(composite).status_code == composite_b
    assert client.get(reverse("reporting:settings_home")).status_code == settings
    assert client.get(reverse("reporting:adhoc_create")).status_code == adhoc


@pytest.mark.parametrize(
    ("who", "sees_a", "sees_b"),
    [
        ("compiler_a", True, False),
        ("compiler_b", False, True),
        ("area_officer", False, True),
        ("leader", True, True),
    ],
)
def test_matrix_and_composite_show_only_the_scope(client, world, sub_a, who, sees_a, sees_b):
    login(client, world, who)
    page = client.get(reverse("reporting:matrix"), {"schedule": "weekly"}).content.decode()
    assert ("Phường Lê Chân" in page) is sees_a
    assert ("Xã An Hưng" in page) is sees_b
    composite = client.get(
        reverse("reporting:composite"), {"schedule": "weekly", "period": "2026-W45"}
    ).content.decode()
    assert ("giải phóng mặt bằng" in composite) is sees_a


def test_a_unit_outside_the_scope_in_a_query_is_not_found(client, world, sub_a):
    client.force_login(world.compiler_b)
    for name in ("reporting:matrix", "reporting:chasing", "reporting:composite"):
        assert client.get(reverse(name), {"unit": world.commune_a.pk}).status_code == 404


def test_not_yours_looks_like_not_found(client, world, sub_a):
    client.force_login(world.compiler_b)
    missing = client.get(reverse("reporting:submission_detail", args=[999_999]))
    not_yours = client.get(reverse("reporting:submission_detail", args=[sub_a.pk]))
    assert missing.status_code == not_yours.status_code == 404

    def normalised(response, pk):
        content = response.content.replace(
            reverse("reporting:submission_detail", args=[pk]).encode(), b"URL"
        )
        return re.sub(rb'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', b"", content)

    assert normalised(missing, 999_999) == normalised(not_yours, sub_a.pk)


@pytest.mark.parametrize(
    "url_name",
    [
        "reporting:home",
        "reporting:matrix",
        "reporting:chasing",
        "reporting:composite",
        "reporting:notifications",
        "reporting:upload",
        "reporting:adhoc_list",
        "reporting:settings_home",
        "reporting:holidays",
    ],
)
def test_anonymous_goes_to_login(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_anonymous_cannot_open_a_submission(client, world, sub_a):
    response = client.get(reverse("reporting:submission_detail", args=[sub_a.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_chasing_from_the_page(client, world, sub_a, django_capture_on_commit_callbacks):
    client.force_login(world.admin)
    closed = client.get(
        reverse("reporting:chasing"), {"schedule": "weekly", "period": "2026-W45"}
    ).content.decode()
    rows = closed.split("<tbody>")[1].split("</tbody>")[0]
    assert "Xã An Hưng" in rows and "Phường Lê Chân" not in rows  # A sent W45, B did not
    assert "Đôn đốc các đơn vị đã chọn" not in closed  # W45 is closed: nothing to chase
    page = client.get(reverse("reporting:chasing"), {"schedule": "weekly"}).content.decode()
    assert "Tuần 48/2026" in page and "Đôn đốc các đơn vị đã chọn" in page  # due tomorrow
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:chasing"),
            {
                "schedule": "weekly",
                "period": "2026-W48",
                "unit": world.province.pk,
                "units": [world.commune_b.pk],
            },
        )
    assert response.status_code == 302
    assert Notification.objects.filter(user=world.compiler_b, kind="chase").count() == 1
    client.force_login(world.compiler_a)  # may chase in its own subtree only
    response = client.post(
        reverse("reporting:chasing"),
        {"schedule": "weekly", "period": "2026-W48", "units": [world.commune_b.pk]},
    )
    assert response.status_code == 404


def test_the_bell_counts_my_notifications(client, world, sub_a):
    client.force_login(world.leader)
    page = client.get(reverse("reporting:home")).content.decode()
    assert 'aria-label="Thông báo: 1"' in page
    note = Notification.objects.get(user=world.leader)
    assert client.get(reverse("reporting:notification_open", args=[note.pk])).url == reverse(
        "reporting:submission_detail", args=[sub_a.pk]
    )
    client.force_login(world.compiler_b)
    assert client.get(reverse("reporting:notification_open", args=[note.pk])).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("admin", 200), ("compiler_a", 404), ("leader", 404)])
def test_configuration_pages(client, world, who, status):
    from dantinh.reporting.models import Holiday, ReportTemplate, Schedule

    login(client, world, who)
    schedule = Schedule.objects.get(slug="weekly")
    assert client.get(reverse("reporting:schedule_edit", args=[schedule.pk])).status_code == status
    assert (
        client.get(
            reverse("reporting:template_edit", args=[ReportTemplate.objects.first().pk])
        ).status_code
        == status
    )
    assert client.get(reverse("reporting:holidays")).status_code == status
    assert (
        client.get(reverse("reporting:unit_document", args=[world.province.pk])).status_code
        == status
    )
    client.post(reverse("reporting:holidays"), {"date": "2026-12-24", "name": "Nghỉ thử"})
    assert Holiday.objects.filter(name="Nghỉ thử").exists() is (status == 200)


def test_an_administrator_edits_a_schedule_and_a_template(client, world):
    from dantinh.core.models import AuditEntry
    from dantinh.reporting.models import ReportTemplate, Schedule

    client.force_login(world.admin)
    schedule = Schedule.objects.get(slug="weekly")
    data = {
        f"s-{k}": v
        for k, v in {
            "name": schedule.name,
            "description": "",
            "template": schedule.template_id,
            "due_weekday": 4,
            "window_end_weekday": 3,
            "due_day": 5,
            "due_months_after": 1,
            "window_end_day": "",
            "due_time": "11:00",
            "lock_after_days": 3,
            "holiday_rule": "later",
            "remind_before_hours": 12,
            "is_active": "on",
            "order": 1,
        }.items()
    }
    assert (
        client.post(reverse("reporting:schedule_edit", args=[schedule.pk]), data).status_code == 302
    )
    schedule.refresh_from_db()
    assert (schedule.due_weekday, schedule.due_time.hour) == (4, 11)
    entry = AuditEntry.objects.filter(object_type="reporting.schedule").latest("id")
    assert entry.changes["due_weekday"] == [3, 4]
    template = ReportTemplate.objects.first()
    section = template.sections.get(code="forecast")
    form = {"t-name": template.name, "t-title_prefix": "Tình hình Nhân dân", "t-description": ""}
    for s in template.sections.all():
        form |= {
            f"s{s.pk}-title": s.title if s.pk != section.pk else "Dự báo tình hình thời gian tới",
            f"s{s.pk}-guidance": s.guidance,
            f"s{s.pk}-order": s.order,
            f"s{s.pk}-is_active": "on",
        }
    assert (
        client.post(reverse("reporting:template_edit", args=[template.pk]), form).status_code == 302
    )
    section.refresh_from_db()
    assert section.title == "Dự báo tình hình thời gian tới"
    assert AuditEntry.objects.filter(
        object_type="reporting.templatesection", object_id=str(section.pk)
    ).exists()


def test_an_adhoc_request_reaches_the_units(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:adhoc_create"),
            {
                "unit": world.province.pk,
                "title": "Tình hình Nhân dân sau bão số 5",
                "instructions": "",
                "template": 1,
                "level": "territorial",
                "window_start": "2026-11-20",
                "window_end": "2026-11-25",
                "due_at": "2026-12-30T16:00",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert (
        Notification.objects.filter(
            kind="adhoc", user__in=[world.compiler_a, world.compiler_b]
        ).count()
        == 2
    )
    client.force_login(world.compiler_a)
    home = client.get(reverse("reporting:home")).content.decode()
    assert "Tình hình Nhân dân sau bão số 5" in home


def test_matrix_and_chasing_queries_do_not_grow_with_the_units(
    client, world, sub_a, django_assert_max_num_queries
):
    from tests.factories import make_unit

    client.force_login(world.admin)
    with django_assert_max_num_queries(45) as before:
        client.get(reverse("reporting:matrix"), {"schedule": "weekly"})
    for i in range(6):
        make_unit(f"Xã Mới {i}", world.province)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("reporting:matrix"), {"schedule": "weekly"})
    with django_assert_max_num_queries(30):
        client.get(reverse("reporting:chasing"), {"schedule": "weekly", "period": "2026-W48"})
