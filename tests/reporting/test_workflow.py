"""Submitting, returning, resubmitting, accepting and locking; closing; who may do each."""

import io

import pytest
from docx import Document

from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.core.models import AuditEntry
from dantinh.org.models import Unit
from dantinh.reporting import services, timeliness
from dantinh.reporting.models import Notification, Submission, SubmissionEvent
from dantinh.reporting.periods import resolve
from tests.factories import Role, make_item, make_unit, member
from tests.reporting.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(world, weekly):
    make_item(
        world.reporter_a, world.village_a1, "Người dân tổ 1 bức xúc vì giải phóng mặt bằng chậm"
    )
    return services.submission_draft(
        actor=world.compiler_a,
        unit=world.commune_a,
        schedule=weekly,
        period_key="2026-W45",
        now=at(2026, 11, 3, 9, 0),
    )


def events(submission):
    return list(submission.events.order_by("at", "id").values_list("kind", flat=True))


def test_submit_on_time_keeps_a_version_and_tells_the_superior(world, submission):
    sent = services.submission_submit(
        actor=world.compiler_a, submission=submission, note="Kính gửi", now=at(2026, 11, 5, 15, 59)
    )
    assert sent.status == Submission.Status.SUBMITTED and sent.version == 1
    assert sent.versions.get().content["sections"][0]["code"] == "general"
    period = resolve(sent.schedule, sent.period_key)
    assert timeliness.state_of(sent, period, at(2026, 11, 6)) == timeliness.ON_TIME
    # No compiler sits at the province in this world: its leaders and administrators hear of it.
    told = set(
        Notification.objects.filter(kind="submitted").values_list("user__username", flat=True)
    )
    assert told == {"leader", "admin"}
    assert (
        AuditEntry.objects.filter(
            object_type="reporting.submission", object_id=str(sent.pk)
        ).count()
        >= 2
    )


def test_return_and_resubmit(world, submission):
    services.submission_submit(
        actor=world.compiler_a, submission=submission, now=at(2026, 11, 5, 15, 0)
    )
    with pytest.raises(ValidationError):
        services.submission_return(actor=world.leader, submission=submission, comment="  ")
    returned = services.submission_return(
        actor=world.leader,
        submission=submission,
        comment="Bổ sung số liệu kiến nghị",
        now=at(2026, 11, 5, 17, 0),
    )
    assert returned.status == Submission.Status.RETURNED
    assert Notification.objects.filter(user=world.compiler_a, kind="returned").exists()
    services.section_update(
        actor=world.compiler_a, submission=returned, code="recommendations", text="Đã bổ sung."
    )
    again = services.submission_submit(
        actor=world.compiler_a, submission=returned, now=at(2026, 11, 6, 9, 0)
    )
    assert again.version == 2 and again.status == Submission.Status.SUBMITTED
    assert again.first_submitted_at == at(2026, 11, 5, 15, 0)  # timeliness counts the first sending
    assert [v.number for v in again.versions.all()] == [2, 1]
    assert again.versions.get(number=2).content["sections"][2]["text"] == "Đã bổ sung."
    assert events(again) == ["drafted", "submitted", "returned", "submitted"]


def test_accepted_is_locked(world, submission):
    services.submission_submit(
        actor=world.compiler_a, submission=submission, now=at(2026, 11, 5, 15, 0)
    )
    accepted = services.submission_accept(
        actor=world.leader, submission=submission, now=at(2026, 11, 5, 18, 0)
    )
    assert accepted.is_locked
    with pytest.raises(ValidationError):
        services.section_update(
            actor=world.compiler_a, submission=accepted, code="general", text="sửa"
        )
    with pytest.raises(ValidationError):
        services.submission_submit(actor=world.compiler_a, submission=accepted)
    with pytest.raises(ValidationError):
        services.submission_return(actor=world.leader, submission=accepted, comment="x")
    assert Notification.objects.filter(user=world.compiler_a, kind="accepted").exists()


def test_a_draft_cannot_be_reviewed_and_only_the_superior_reviews(world, submission):
    with pytest.raises(ValidationError):
        services.submission_accept(actor=world.leader, submission=submission)
    services.submission_submit(
        actor=world.compiler_a, submission=submission, now=at(2026, 11, 5, 15, 0)
    )
    for who in (world.compiler_a, world.compiler_b, world.reporter_a, world.area_officer):
        with pytest.raises(PermissionDeniedError):
            services.submission_accept(actor=who, submission=submission)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("compiler_a", True),
        ("admin", True),
        ("reporter_a", False),
        ("compiler_b", False),
        ("leader", False),
        ("area_officer", False),
        ("outsider", False),
    ],
)
def test_who_may_draft(world, weekly, who, allowed):
    call = lambda: services.submission_draft(  # noqa: E731
        actor=getattr(world, who),
        unit=world.commune_a,
        schedule=weekly,
        period_key="2026-W45",
        now=at(2026, 11, 3),
    )
    if allowed:
        assert call().unit == world.commune_a
    else:
        with pytest.raises(PermissionDeniedError):
            call()


def test_closing_refuses_new_reports_but_not_a_returned_one(world, weekly, submission):
    with pytest.raises(ValidationError):  # W44 closed on Monday 2/11 16:00
        services.submission_draft(
            actor=world.compiler_a,
            unit=world.commune_a,
            schedule=weekly,
            period_key="2026-W44",
            now=at(2026, 11, 3),
        )
    with pytest.raises(ValidationError):
        services.submission_submit(
            actor=world.compiler_a, submission=submission, now=at(2026, 11, 9, 16, 0)
        )
    services.submission_submit(
        actor=world.compiler_a, submission=submission, now=at(2026, 11, 9, 15, 0)
    )
    services.submission_return(
        actor=world.leader, submission=submission, comment="Sửa lại", now=at(2026, 11, 9, 15, 30)
    )
    again = services.submission_submit(
        actor=world.compiler_a, submission=submission, now=at(2026, 11, 10, 9, 0)
    )
    assert again.status == Submission.Status.SUBMITTED
    # The city does not owe the weekly report: its composite is not held to the closing.
    city = services.submission_draft(
        actor=world.admin,
        unit=world.province,
        schedule=weekly,
        period_key="2026-W44",
        now=at(2026, 11, 3),
    )
    services.section_update(actor=world.admin, submission=city, code="proposals", text="Đề xuất.")
    assert (
        services.submission_submit(actor=world.admin, submission=city, now=at(2026, 11, 10)).version
        == 1
    )


def test_an_area_officer_writes_for_the_department_not_for_the_areas(world):
    from dantinh.reporting.models import Schedule

    department = make_unit(
        "Phòng Tổng hợp",
        world.province,
        kind=Unit.Kind.SECTOR,
        sector=Unit.Sector.COMMISSION_DEPARTMENT,
    )
    officer = member("cv", department, Role.AREA_OFFICER, areas=[world.commune_b])
    schedule = Schedule.objects.get(slug="officer-weekly")
    own = services.submission_draft(
        actor=officer,
        unit=department,
        schedule=schedule,
        period_key="2026-W45",
        now=at(2026, 11, 3),
    )
    assert own.unit == department
    with pytest.raises(PermissionDeniedError):
        services.submission_draft(
            actor=officer,
            unit=world.commune_b,
            schedule=Schedule.objects.get(slug="weekly"),
            period_key="2026-W45",
            now=at(2026, 11, 3),
        )


def _docx(*paragraphs) -> io.BytesIO:
    document = Document()
    for p in paragraphs:
        document.add_paragraph(p)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Lĩnh vực đất đai", "12"
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    buffer.name = "bao-cao-tuan.docx"
    buffer.size = len(buffer.getvalue())
    return buffer


def test_a_word_file_becomes_the_submission(world, weekly):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _docx(
        "BÁO CÁO",
        "Tình hình Nhân dân tuần 45",
        "Mở đầu chung của báo cáo.",
        "I. TÌNH HÌNH CHUNG",
        "Tình hình ổn định.",
        "II. TÂM TRẠNG, TƯ TƯỞNG, DƯ LUẬN",
        "Nhân dân phấn khởi.",
        "III. KIẾN NGHỊ, BỨC XÚC",
        "Đề nghị sửa đường.",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
        "Đề xuất tăng cường đối thoại.",
    ).getvalue()
    upload = SimpleUploadedFile("bao-cao-tuan.docx", data)
    submission = services.submission_upload_docx(
        actor=world.compiler_a,
        unit=world.commune_a,
        schedule=weekly,
        period_key="2026-W45",
        upload=upload,
        now=at(2026, 11, 3),
    )
    texts = {s.code: s.text for s in submission.sections.all()}
    assert "Tình hình ổn định." in texts["general"] and "Mở đầu chung" in texts["general"]
    assert texts["mood"] == "Nhân dân phấn khởi."
    assert texts["recommendations"] == "Đề nghị sửa đường."
    assert (
        texts["proposals"] == "Đề xuất tăng cường đối thoại.\n\nLĩnh vực đất đai | 12"
    )  # the table came last
    assert (
        submission.source == Submission.Source.UPLOADED
        and submission.original_name == "bao-cao-tuan.docx"
    )
    assert "Nhân dân phấn khởi." in submission.extracted_text
    assert submission.original_file.read() == data
    assert events(submission) == [SubmissionEvent.Kind.DRAFTED, SubmissionEvent.Kind.UPLOADED]


@pytest.mark.parametrize(
    ("name", "content"), [("bao-cao.pdf", b"%PDF-1.4"), ("bao-cao.docx", b"not a zip")]
)
def test_bad_word_files_are_refused_with_a_message(world, weekly, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as exc:
        services.submission_upload_docx(
            actor=world.compiler_a,
            unit=world.commune_a,
            schedule=weekly,
            period_key="2026-W45",
            upload=SimpleUploadedFile(name, content),
            now=at(2026, 11, 3),
        )
    assert "Word" in exc.value.message
    assert not Submission.objects.exists()
