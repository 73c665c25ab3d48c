"""Data subjects' requests: recorded with their time limits, identity encrypted and read only by
those who handle them (each reading recorded), answered with a Word letter."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.core.models import AuditEntry
from dantinh.protection import requests
from dantinh.protection.models import SubjectRequest, TimeLimit
from dantinh.protection.retention import purge_now
from dantinh.recommendations.complainants import complainant_set
from dantinh.recommendations.models import Complainant, Recommendation
from dantinh.reporting import notify
from dantinh.reporting.models import Notification
from tests.protection.conftest import login
from tests.recommendations.conftest import make_rec

pytestmark = pytest.mark.django_db
PERSON = requests.Identity(name="Trần Thị Mai", phone="0912345678", id_number="031190001234")


def _make(world, unit=None, kind="deletion", received=dt.date(2026, 11, 20)):
    return requests.request_create(
        actor=world.admin,
        unit=unit or world.province,
        kind=kind,
        received_on=received,
        channel="letter",
        identity=PERSON,
        details="Đề nghị xóa số điện thoại của tôi khỏi hồ sơ kiến nghị.",
    )


def test_deadlines_come_from_the_time_limits_as_data(world):
    # Friday 20/11/2026: 2 working days later is Tuesday 24/11; deletion 20 days later
    request = _make(world)
    assert request.acknowledge_by == dt.date(2026, 11, 24)
    assert request.due_on == dt.date(2026, 12, 10)
    TimeLimit.objects.filter(step="deletion").update(days=30)
    assert _make(world).due_on == dt.date(2026, 12, 20)


def test_the_identity_is_encrypted_and_never_in_the_trail(world):
    request = _make(world)
    raw = bytes(SubjectRequest.objects.values_list("identity", flat=True).get(pk=request.pk))
    assert b"Mai" not in raw and b"0912345678" not in raw
    for entry in AuditEntry.objects.filter(object_type="protection.subjectrequest"):
        text = str(entry.changes) + entry.note + entry.object_repr
        assert "Mai" not in text and "0912" not in text


def test_reading_the_identity_is_recorded(world):
    request = _make(world)
    personal = requests.request_read(user=world.admin, request=request)
    assert personal.identity.name == "Trần Thị Mai"
    assert AuditEntry.objects.filter(
        action="read_personal", object_type="protection.subjectrequest", actor_name="admin"
    ).exists()


def test_a_request_naming_no_one_or_dated_tomorrow_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        requests.request_create(
            actor=world.admin,
            unit=world.province,
            kind="access",
            received_on=dt.date(2026, 11, 26),
            channel="email",
            identity=requests.Identity(address="Lê Chân"),
            details="Xin xem dữ liệu",
        )
    assert set(caught.value.errors) == {"name", "received_on"}
    assert not SubjectRequest.objects.exists()


def test_only_administrators_over_the_unit_handle_requests(world, commune_admin):
    for user in (world.leader, world.compiler_a, world.reporter_a):
        with pytest.raises(PermissionDeniedError):
            requests.request_create(
                actor=user,
                unit=world.commune_a,
                kind="access",
                received_on=dt.date(2026, 11, 20),
                channel="letter",
                identity=PERSON,
                details="x",
            )
    in_a = requests.request_create(
        actor=commune_admin,
        unit=world.commune_a,
        kind="access",
        received_on=dt.date(2026, 11, 20),
        channel="letter",
        identity=PERSON,
        details="Xin xem dữ liệu",
    )
    in_province = _make(world)
    with pytest.raises(PermissionDeniedError):
        requests.request_read(user=commune_admin, request=in_province)
    assert requests.request_read(user=world.admin, request=in_a).identity.name


def test_the_workflow_acknowledge_extend_once_answer(world):
    request = _make(world)
    request = requests.request_acknowledge(actor=world.admin, request=request, version=1)
    request = requests.request_extend(actor=world.admin, request=request, version=2)
    assert request.deadline == dt.date(2026, 12, 25)
    with pytest.raises(ValidationError):
        requests.request_extend(actor=world.admin, request=request)
    request = requests.request_answer(
        actor=world.admin, request=request, refused=False, answer="Đã xóa số điện thoại.", version=3
    )
    assert request.status == "answered" and request.closed_at
    with pytest.raises(ValidationError):
        requests.request_answer(actor=world.admin, request=request, refused=True, answer="x")


@pytest.fixture
def complained(world):
    """A recommendation in commune A whose complainant is the person of the request."""
    rec = make_rec(world)
    complainant_set(
        actor=world.compiler_a, rec=rec, name="Trần Thị Mai", phone="0912 345 678", address="Tổ 1"
    )
    other = make_rec(world, "Nhân dân tổ 2 đề nghị sửa cống thoát nước", unit=world.village_a2)
    complainant_set(actor=world.compiler_a, rec=other, name="Nguyễn Văn Khác", phone="0900000000")
    return rec, other


def test_the_lookup_finds_the_person_across_the_system_by_reference(world, complained):
    rec, other = complained
    request = _make(world)
    found = requests.request_lookup(actor=world.admin, request=request)
    assert [f["id"] for f in found] == [rec.pk]
    request.refresh_from_db()
    assert request.findings[0]["type"] == "recommendations.recommendation"
    assert "Mai" not in str(request.findings)  # by reference only
    reads = AuditEntry.objects.filter(
        action="read_personal", object_type="recommendations.complainant"
    )
    assert reads.count() == 1


def test_a_deletion_request_erases_the_identity_where_it_was_found(world, complained):
    rec, other = complained
    request = _make(world)
    with pytest.raises(ValidationError):  # not searched yet
        requests.request_erase_found(actor=world.admin, request=request)
    requests.request_lookup(actor=world.admin, request=request)
    request.refresh_from_db()
    assert requests.request_erase_found(actor=world.admin, request=request) == 1
    assert not Complainant.objects.filter(recommendation=rec).exists()
    assert Complainant.objects.filter(recommendation=other).exists()
    erased = AuditEntry.objects.filter(action="erase", object_type="recommendations.complainant")
    assert erased.count() == 1
    assert audit.verify().broken is None


def test_resolved_complainants_are_purged_after_their_period(world, complained):
    rec, other = complained
    Recommendation.objects.filter(pk=rec.pk).update(
        state=Recommendation.State.RESOLVED, resolved_on=dt.date(2020, 1, 1)
    )
    assert purge_now().counts["complainant"] == 1
    assert not Complainant.objects.filter(recommendation=rec).exists()
    assert Complainant.objects.filter(recommendation=other).exists()
    # every value the trail held about the purged complainant is unreadable; the chain holds
    entries = AuditEntry.objects.filter(object_type="recommendations.complainant")
    values = audit.values_of(entries)
    purged = [e for e in entries if e.action != "erase" and values[e.pk].erased]
    assert purged and audit.verify().broken is None


def test_the_answer_letter_is_a_word_document_addressed_to_the_person(world):
    request = requests.request_answer(
        actor=world.admin,
        request=_make(world),
        refused=False,
        answer="Đã xóa số điện thoại của bà.",
    )
    from dantinh.protection import letters

    personal = requests.request_read(user=world.admin, request=request)
    text = "\n".join(
        p.text
        for p in Document(
            io.BytesIO(letters.docx(letters.request_answer(request, personal)))
        ).paragraphs
    )
    assert "Kính gửi: Trần Thị Mai" in text
    assert "Đã xóa số điện thoại của bà." in text
    assert "20/11/2026" in text


def test_the_retention_purge_erases_who_asked_and_keeps_the_register(world):
    request = _make(world)
    requests.request_answer(actor=world.admin, request=request, refused=False, answer="Đã xóa.")
    SubjectRequest.objects.filter(pk=request.pk).update(
        closed_at=dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
    )
    assert purge_now().counts["requests"] == 1
    request.refresh_from_db()
    assert request.identity_erased_at and bytes(request.identity) == b""
    assert request.kind == "deletion" and request.status == "answered"


# --- pages ---------------------------------------------------------------------------------

ROLES = [
    ("anonymous", 302),
    ("outsider", 404),
    ("reporter_a", 404),
    ("compiler_a", 404),
    ("leader", 404),
    ("commune_admin", 404),  # the province's request is outside commune A
    ("admin", 200),
    ("superuser", 200),
]


@pytest.mark.parametrize(("who", "status"), ROLES)
def test_a_requests_page_by_role(client, world, commune_admin, who, status):
    request = _make(world)
    login(client, world, who, commune_admin)
    response = client.get(reverse("protection:request_detail", args=[request.pk]))
    assert response.status_code == status
    shown = "Trần Thị Mai" in response.content.decode()
    assert shown == (status == 200)
    reads = AuditEntry.objects.filter(action="read_personal").count()
    assert reads == (1 if status == 200 else 0)


@pytest.mark.parametrize(("who", "status"), ROLES)
def test_acknowledging_by_role(client, world, commune_admin, who, status):
    request = _make(world)
    login(client, world, who, commune_admin)
    url = reverse("protection:request_detail", args=[request.pk])
    response = client.post(url, {"action": "acknowledge", "version": "1"})
    assert response.status_code == (302 if status == 200 else status)
    request.refresh_from_db()
    assert (request.status == "acknowledged") == (status == 200)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("leader", 404),
        ("compiler_a", 404),
        ("commune_admin", 200),
        ("admin", 200),
    ],
)
def test_the_register_lists_requests_without_identities(client, world, commune_admin, who, status):
    _make(world)
    login(client, world, who, commune_admin)
    response = client.get(reverse("protection:request_list"))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Trần Thị Mai" not in page and "0912345678" not in page
        assert ("Xóa" in page or "Deletion" in page) == (who == "admin")


def test_recording_a_request_on_the_page(client, world):
    client.force_login(world.admin)
    data = {
        "unit": world.province.pk,
        "kind": "access",
        "received_on": "20/11/2026",
        "channel": "in_person",
        "name": "Phạm Văn An",
        "details": "Xin được xem dữ liệu của tôi.",
    }
    response = client.post(reverse("protection:request_new"), data)
    made = SubjectRequest.objects.get()
    assert response.status_code == 302 and made.received_on == dt.date(2026, 11, 20)
    # a bad date: a Vietnamese message, nothing saved, what was typed kept
    data["received_on"] = "31/02/2026"
    response = client.post(reverse("protection:request_new"), data)
    assert response.status_code == 400 and SubjectRequest.objects.count() == 1
    assert "Phạm Văn An" in response.content.decode()


def test_answering_and_downloading_the_letter_on_the_page(client, world):
    request = _make(world)
    client.force_login(world.admin)
    url = reverse("protection:request_detail", args=[request.pk])
    letter = reverse("protection:request_letter", args=[request.pk])
    assert client.get(letter).status_code == 404  # not answered yet
    assert client.post(url, {"action": "answer", "answer": "", "refused": "0"}).status_code == 400
    client.post(url, {"action": "answer", "answer": "Đã xóa.", "refused": "0", "version": "1"})
    response = client.get(letter)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEntry.objects.filter(
        action="export", object_type="protection.subjectrequest"
    ).exists()


def test_time_limits_are_corrected_by_the_deployments_administrator(client, world, commune_admin):
    row = TimeLimit.objects.get(step="access")
    client.force_login(commune_admin)
    url = reverse("protection:time_limits")
    assert client.get(url).status_code == 404
    client.force_login(world.admin)
    assert client.get(url).status_code == 200
    client.post(url, {"limit": row.pk, f"t{row.pk}-days": "15", f"t{row.pk}-basis": "NĐ 356"})
    row.refresh_from_db()
    assert row.days == 15


def test_handlers_are_reminded_of_the_deadlines_once_each(world, commune_admin):
    request = requests.request_create(
        actor=commune_admin,
        unit=world.commune_a,
        kind="access",
        received_on=dt.date(2026, 11, 20),
        channel="letter",
        identity=PERSON,
        details="Xin xem dữ liệu",
    )
    assert requests.remind(today=dt.date(2026, 11, 23)) == 0  # nothing due yet
    assert requests.remind(today=dt.date(2026, 11, 24)) == 1  # acknowledge today
    assert requests.remind(today=dt.date(2026, 11, 24)) == 0  # once
    assert requests.remind(today=dt.date(2026, 11, 28)) == 1  # answer due in 2 days
    assert requests.remind(today=dt.date(2026, 12, 1)) == 1  # late
    sent = Notification.objects.filter(kind__startswith="dsr_")
    assert {n.user.username for n in sent} == {"admin_a"}
    late = sent.get(kind="dsr_late")
    assert "30/11/2026" in notify.message("dsr_late", late.params)
    request.refresh_from_db()
    assert request.reminded == ["ack", "soon", "late"]
