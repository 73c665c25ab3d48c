"""Breaches: recorded with their 72-hour clock, the notification drafted as a Word document,
the deployment's administrators reminded once per stage of the clock."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.protection import breaches, letters
from dantinh.protection.models import Breach
from dantinh.reporting import notify
from dantinh.reporting.models import Notification
from tests.protection.conftest import login

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)


def _record(world, **extra):
    values = {
        "title": "Lộ tệp xuất danh sách kiến nghị",
        "discovered_at": T0,
        "description": "Một tệp xuất bị gửi nhầm ra ngoài.",
        "data_affected": "Họ tên, số điện thoại người phản ánh",
        "subjects_estimate": 40,
    } | extra
    return breaches.breach_record(actor=world.admin, **values)


def test_the_clock_is_72_hours_from_discovery(world):
    breach = _record(world)
    assert breach.notify_by == T0 + dt.timedelta(hours=72)
    assert "Cục An ninh mạng" in breach.authority  # the default authority


def test_only_the_deployments_administrator_records_breaches(world, commune_admin):
    for user in (commune_admin, world.leader, world.compiler_a):
        with pytest.raises(PermissionDeniedError):
            breaches.breach_record(
                actor=user, title="x", discovered_at=T0, description="x", data_affected="x"
            )
    with pytest.raises(ValidationError) as caught:
        breaches.breach_record(
            actor=world.admin, title="", discovered_at=T0, description="", data_affected=""
        )
    assert {"title", "description", "data_affected"} <= set(caught.value.errors)


def test_reminders_once_per_stage_to_the_administrators(world):
    breach = _record(world)
    people = {u.username for u in breaches.responsible()}
    assert people == {"admin"}
    assert breaches.remind(now=T0 + dt.timedelta(minutes=10)) == 1  # stage 1, on record
    assert breaches.remind(now=T0 + dt.timedelta(hours=2)) == 0
    assert breaches.remind(now=T0 + dt.timedelta(hours=25)) == 1
    assert breaches.remind(now=T0 + dt.timedelta(hours=80)) == 1  # 48h and 72h: one catch-up
    assert Notification.objects.filter(user=world.admin, kind="breach_clock").count() == 3
    text = notify.message(
        "breach_clock", Notification.objects.filter(kind="breach_clock").first().params
    )
    assert "Lộ tệp xuất" in text
    assert breach.pk


def test_a_notified_breach_is_not_reminded(world):
    breach = _record(world)
    breaches.breach_notified(
        actor=world.admin, breach=breach, notified_at=T0 + dt.timedelta(hours=5)
    )
    assert breaches.remind(now=T0 + dt.timedelta(hours=30)) == 0


def test_late_notification_needs_a_reason(world):
    breach = _record(world, discovered_at=timezone.now() - dt.timedelta(hours=100))
    with pytest.raises(ValidationError, match="72"):
        breaches.breach_notified(actor=world.admin, breach=breach, notified_at=timezone.now())
    breach = breaches.breach_update(
        actor=world.admin,
        breach=breach,
        version=1,
        title=breach.title,
        discovered_at=breach.discovered_at,
        description=breach.description,
        data_affected=breach.data_affected,
        delay_reason="Chờ xác minh phạm vi.",
    )
    breach = breaches.breach_notified(actor=world.admin, breach=breach, notified_at=timezone.now())
    assert breach.status == "notified"
    assert breaches.breach_close(actor=world.admin, breach=breach).status == "closed"


def test_the_notification_is_drafted_from_the_record(world):
    breach = _record(world, measures="Đã thu hồi tệp, đổi khóa dữ liệu.")
    document = Document(io.BytesIO(letters.docx(breaches.notification(breach))))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "THÔNG BÁO" in text and "Kính gửi: Cục An ninh mạng" in text
    assert "ước tính): 40" in text
    assert "Đã thu hồi tệp" in text
    assert "08/11" not in text and "23/11/2026" in text


ROLES = [
    ("anonymous", 302),
    ("outsider", 404),
    ("reporter_a", 404),
    ("compiler_a", 404),
    ("leader", 404),
    ("commune_admin", 404),
    ("admin", 200),
    ("superuser", 200),
]


@pytest.mark.parametrize(("who", "status"), ROLES)
def test_breach_pages_by_role(client, world, commune_admin, who, status):
    breach = _record(world)
    login(client, world, who, commune_admin)
    for url in (
        reverse("protection:breach_list"),
        reverse("protection:breach_detail", args=[breach.pk]),
        reverse("protection:breach_notification", args=[breach.pk]),
    ):
        assert client.get(url).status_code == status
    response = client.post(
        reverse("protection:breach_detail", args=[breach.pk]),
        {"action": "notified", "version": "1", "notified_at": "23/11/2026 18:00"},
    )
    assert response.status_code == (302 if status == 200 else status)
    breach.refresh_from_db()
    assert (breach.status == "notified") == (status == 200)


def test_recording_on_the_page_keeps_what_was_typed_when_a_date_is_wrong(client, world):
    client.force_login(world.admin)
    data = {
        "title": "Mất máy tính xách tay",
        "discovered_at": "32/11/2026 08:00",
        "description": "Máy có bản sao dữ liệu.",
        "data_affected": "Nội dung thông tin",
    }
    response = client.post(reverse("protection:breach_list"), data)
    assert response.status_code == 400 and not Breach.objects.exists()
    assert "Mất máy tính xách tay" in response.content.decode()
    data["discovered_at"] = "23/11/2026 08:00"
    assert client.post(reverse("protection:breach_list"), data).status_code == 302
    assert Breach.objects.get().discovered_at == dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)
