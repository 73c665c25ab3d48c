"""Exports as jobs with progress and scope; the command line writes a file. (The layout of
the .docx is the documents package's to test: here, a non-empty file with the right title.)"""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from dantinh.core.models import AuditEntry
from dantinh.reporting import exports, services
from dantinh.reporting.models import ExportJob
from tests.factories import make_item
from tests.reporting.conftest import at

pytestmark = pytest.mark.django_db
TITLE = "Tình hình Nhân dân tuần 45 năm 2026"


@pytest.fixture
def sub_a(world, weekly):
    make_item(
        world.reporter_a, world.village_a1, "Người dân tổ 1 bức xúc vì giải phóng mặt bằng chậm"
    )
    return services.submission_draft(
        actor=world.compiler_a,
        unit=world.commune_a,
        schedule=weekly,
        period_key="2026-W45",
        now=at(2026, 11, 3),
    )


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def start(client, submission, fmt, capture):
    with capture(execute=True):
        response = client.post(reverse("reporting:export_start", args=[submission.pk, fmt]))
    return response


def test_word_export_runs_as_a_job_and_downloads(
    client, world, sub_a, django_capture_on_commit_callbacks
):
    client.force_login(world.compiler_a)
    response = start(client, sub_a, "docx", django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert response.url == reverse("reporting:export_detail", args=[job.pk])
    assert (job.status, job.progress) == ("done", 100)
    download = client.get(reverse("reporting:export_download", args=[job.pk]))
    content = b"".join(download.streaming_content)
    assert download["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    text = docx_text(content)
    assert TITLE in text and "BAN DÂN VẬN" in text and "ĐẢNG ỦY PHƯỜNG LÊ CHÂN" in text
    assert AuditEntry.objects.filter(action="export", object_type="reporting.exportjob").exists()
    page = client.get(
        reverse("reporting:export_detail", args=[job.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Tải về" in page and "hx-trigger" not in page  # finished: no more polling


def test_excel_export_holds_the_figures(client, world, sub_a, django_capture_on_commit_callbacks):
    client.force_login(world.compiler_a)
    start(client, sub_a, "xlsx", django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert job.status == "done"
    workbook = load_workbook(io.BytesIO(job.file.read()))
    cells = " ".join(
        str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value
    )
    assert "Đất đai" in cells or "Giao thông" in cells


def test_pdf_without_libreoffice_fails_with_a_clear_message(
    client, world, sub_a, monkeypatch, django_capture_on_commit_callbacks
):
    from dantinh.documents import render

    monkeypatch.setattr(
        render, "render_pdf", lambda doc: (_ for _ in ()).throw(render.ConversionUnavailable())
    )
    client.force_login(world.compiler_a)
    start(client, sub_a, "pdf", django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert job.status == "failed" and "LibreOffice" in job.message
    assert client.get(reverse("reporting:export_download", args=[job.pk])).status_code == 404


@pytest.mark.parametrize(
    ("who", "start_status", "detail_status"),
    [
        ("compiler_a", 302, 200),
        ("leader", 302, 200),
        ("reporter_a", 404, 404),
        ("compiler_b", 404, 404),
        ("area_officer", 404, 404),
        ("outsider", 404, 404),
    ],
)
def test_exports_by_role(client, world, sub_a, who, start_status, detail_status, monkeypatch):
    monkeypatch.setattr(exports, "render", lambda document, fmt: b"PK-fake")
    job = exports.ExportJob.objects.create(
        submission=sub_a,
        unit=sub_a.unit,
        unit_path=sub_a.unit_path,
        format="docx",
        requested_by=world.compiler_a,
        file_name="x.docx",
    )
    client.force_login(getattr(world, who))
    assert (
        client.post(reverse("reporting:export_start", args=[sub_a.pk, "docx"])).status_code
        == start_status
    )
    assert (
        client.get(reverse("reporting:export_detail", args=[job.pk])).status_code == detail_status
    )


def test_the_command_line_writes_the_citys_composite_report(world, tmp_path):
    make_item(world.reporter_b, world.village_b1, "Nhân dân thôn Đông lo lắng giá phân bón tăng")
    target = tmp_path / "out" / "bao-cao.docx"
    call_command(
        "report",
        "export",
        "--unit",
        "31",
        "--schedule",
        "monthly",
        "--period",
        "2026-11",
        "--format",
        "docx",
        "--output",
        str(target),
    )
    text = docx_text(target.read_bytes())
    assert "Tình hình Nhân dân tháng 11 năm 2026" in text
    assert "THÀNH ỦY HẢI PHÒNG" in text and "phân bón" in text
    exports = AuditEntry.objects.filter(action="export", actor_name="system")
    assert any(e.note.startswith("command line") for e in exports)


def test_the_command_line_writes_a_workbook(world, tmp_path):
    target = tmp_path / "bao-cao.xlsx"
    call_command(
        "report",
        "export",
        "--unit",
        "11311",
        "--schedule",
        "weekly",
        "--period",
        "2026-W45",
        "--format",
        "xlsx",
        "--output",
        str(target),
    )
    assert load_workbook(target).worksheets


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "99999"], "No unit"),
        (["--schedule", "daily"], "No schedule"),
        (["--period", "2026-W60"], "2026-W60"),
    ],
)
def test_the_command_line_explains_bad_input(world, tmp_path, args, message):
    base = {"--unit": "31", "--schedule": "weekly", "--period": "2026-W45"}
    base[args[0]] = args[1]
    argv = [x for pair in base.items() for x in pair]
    with pytest.raises(CommandError, match=message):
        call_command("report", "export", *argv, "--output", str(tmp_path / "x.docx"))


def test_a_units_document_header_is_its_own(client, world, tmp_path):
    client.force_login(world.admin)
    response = client.post(
        reverse("reporting:unit_document", args=[world.province.pk]),
        {
            "superior_body": "THÀNH ỦY HẢI PHÒNG",
            "issuing_body": "BAN DÂN VẬN",
            "number_suffix": "BC/BDVTU",
            "place": "Hải Phòng",
            "recipients": "- Thường trực Thành ủy (để b/c),\n- Lưu VT.",
            "signature_authority": "T/M BAN DÂN VẬN",
            "signature_position": "TRƯỞNG BAN",
            "signer_name": "Nguyễn Văn A",
        },
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(object_type="reporting.unitreportsettings").exists()
    target = tmp_path / "r.docx"
    call_command(
        "report",
        "export",
        "--unit",
        "31",
        "--schedule",
        "weekly",
        "--period",
        "2026-W45",
        "--output",
        str(target),
    )
    text = docx_text(target.read_bytes())
    assert "T/M BAN DÂN VẬN" in text and "Nguyễn Văn A" in text and "- Lưu VT." in text


# Exports of a report that has not been saved -----------------------------------------------


def start_period(client, unit, schedule, period, fmt, capture):
    with capture(execute=True):
        return client.post(
            reverse("reporting:export_period", args=[fmt]),
            {"unit": unit.pk, "schedule": schedule, "period": period},
        )


def test_the_web_drafts_an_unsaved_report_as_the_command_line_does(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    from dantinh.reporting import drafting
    from dantinh.reporting.models import Submission

    make_item(world.reporter_b, world.village_b1, "Nhân dân thôn Đông lo lắng giá phân bón tăng")
    drafted_for = []
    real = drafting.draft_sections

    def spy(**kwargs):
        drafted_for.append(kwargs["user"])
        return real(**kwargs)

    monkeypatch.setattr(drafting, "draft_sections", spy)
    client.force_login(world.leader)
    response = start_period(
        client, world.province, "monthly", "2026-11", "docx", django_capture_on_commit_callbacks
    )
    job = ExportJob.objects.get()
    assert response.url == reverse("reporting:export_detail", args=[job.pk])
    assert (job.status, job.progress, job.submission, job.unit, job.period_key) == (
        "done",
        100,
        None,
        world.province,
        "2026-11",
    )
    assert drafted_for == [world.leader]  # the requester, for audit and links
    assert not Submission.objects.exists()  # and nothing saved
    text = docx_text(
        b"".join(client.get(reverse("reporting:export_download", args=[job.pk])).streaming_content)
    )
    assert (
        "Tình hình Nhân dân tháng 11 năm 2026" in text
        and "phân bón" in text
        and "THÀNH ỦY HẢI PHÒNG" in text
    )
    entry = AuditEntry.objects.filter(action="export", object_type="reporting.exportjob").latest(
        "id"
    )
    assert entry.actor_name == "leader" and "drafted on the fly" in entry.note
    page = client.get(reverse("reporting:export_detail", args=[job.pk])).content.decode()
    assert "không lưu" in page and "Tải về" in page
    # Drafted on the fly, the file is the leader's alone: an administrator of the same unit
    # gets what a missing export gives.
    client.force_login(world.admin)
    assert client.get(reverse("reporting:export_download", args=[job.pk])).status_code == 404
    assert client.get(reverse("reporting:export_detail", args=[job.pk])).status_code == 404


def test_an_export_drafted_on_the_fly_holds_the_units_content_for_its_requester_alone(
    client, world, django_capture_on_commit_callbacks
):
    """A department's compiler cannot read commune B's items, but the department's report
    covers the commune its area officer follows: the export drafted for the compiler says
    what anyone drafting the department's report would get, and stays the compiler's file."""
    from dantinh.org.models import Unit
    from tests.factories import Role, make_unit, member

    department = make_unit(
        "Phòng Dân vận chính quyền",
        world.province,
        kind=Unit.Kind.SECTOR,
        sector=Unit.Sector.COMMISSION_DEPARTMENT,
    )
    member("chuyenvien", department, Role.AREA_OFFICER, areas=[world.commune_b])
    compiler = member("tp.phong", department, Role.COMPILER)
    make_item(world.reporter_b, world.village_b1, "Nhân dân thôn Đông lo lắng giá phân bón tăng")
    client.force_login(compiler)
    start_period(
        client, department, "officer-weekly", "2026-W45", "docx", django_capture_on_commit_callbacks
    )
    job = ExportJob.objects.get()
    assert job.status == "done" and job.submission is None
    assert "phân bón" in docx_text(job.file.read())
    client.force_login(world.leader)
    assert client.get(reverse("reporting:export_download", args=[job.pk])).status_code == 404


def test_an_export_drafted_on_the_fly_checks_the_requester_again_when_it_runs(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.compiler_a)
    with django_capture_on_commit_callbacks() as queued:
        client.post(
            reverse("reporting:export_period", args=["docx"]),
            {"unit": world.commune_a.pk, "schedule": "weekly", "period": "2026-W45"},
        )
    world.compiler_a.memberships.update(is_active=False)  # moved to another post meanwhile
    for callback in queued:
        callback()
    job = ExportJob.objects.get()
    assert job.status == "failed" and not job.file
    assert job.message == "Bạn không còn được xuất báo cáo của đơn vị này."


def test_a_saved_report_is_exported_as_saved(
    client, world, sub_a, django_capture_on_commit_callbacks
):
    services.section_update(
        actor=world.compiler_a, submission=sub_a, code="general", text="Văn bản đã sửa tay."
    )
    client.force_login(world.compiler_a)
    start_period(
        client, world.commune_a, "weekly", "2026-W45", "docx", django_capture_on_commit_callbacks
    )
    job = ExportJob.objects.get()
    assert job.submission == sub_a and job.status == "done"
    assert "Văn bản đã sửa tay." in docx_text(job.file.read())


def test_the_composite_page_offers_the_export(client, world):
    client.force_login(world.leader)
    page = client.get(
        reverse("reporting:composite"),
        {"unit": world.commune_b.pk, "schedule": "weekly", "period": "2026-W45"},
    ).content.decode()
    assert reverse("reporting:export_period", args=["docx"]) in page
    client.force_login(world.reporter_a)
    page = client.get(
        reverse("reporting:composite"),
        {"unit": world.commune_a.pk, "schedule": "weekly", "period": "2026-W45"},
    ).content.decode()
    assert reverse("reporting:export_period", args=["docx"]) not in page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("compiler_a", 302),
        ("leader", 302),
        ("admin", 302),
        ("reporter_a", 404),
        ("compiler_b", 404),
        ("area_officer", 404),
        ("outsider", 404),
        (None, 302),
    ],
)
def test_exports_of_a_period_by_role(client, world, who, status, monkeypatch):
    monkeypatch.setattr(exports, "render", lambda document, fmt: b"PK-fake")
    if who:
        client.force_login(getattr(world, who))
    response = client.post(
        reverse("reporting:export_period", args=["docx"]),
        {"unit": world.commune_a.pk, "schedule": "weekly", "period": "2026-W45"},
    )
    assert response.status_code == status
    if who is None:
        assert response.url.startswith(reverse("login"))
    assert ExportJob.objects.exists() is (who is not None and status == 302)


def test_bad_requests_for_a_period_are_not_found(client, world, django_capture_on_commit_callbacks):
    from dantinh.reporting import config_services
    from dantinh.reporting.models import ReportTemplate

    request = config_services.adhoc_request_create(
        actor=world.leader,
        unit=world.province,
        title="Đột xuất",
        template=ReportTemplate.objects.first(),
        units=[world.commune_a],
        window_start=at(2026, 11, 20).date(),
        window_end=at(2026, 11, 25).date(),
        due_at=at(2026, 12, 10, 16, 0),
    )
    client.force_login(world.compiler_b)
    url = reverse("reporting:export_period", args=["docx"])
    for data in (
        {"unit": world.commune_b.pk, "schedule": "weekly", "period": "2026-W60"},
        {"unit": world.commune_b.pk, "schedule": "daily", "period": "2026-W45"},
        {
            "unit": world.commune_b.pk,
            "schedule": "ad-hoc",
            "period": request.period_key,
        },  # not theirs
        {"unit": world.commune_a.pk, "schedule": "weekly", "period": "2026-W45"},
        {"unit": "x", "schedule": "weekly", "period": "2026-W45"},
    ):
        assert client.post(url, data).status_code == 404
    assert (
        client.post(
            reverse("reporting:export_period", args=["odt"]),
            {"unit": world.commune_b.pk, "schedule": "weekly", "period": "2026-W45"},
        ).status_code
        == 404
    )
    # The request's own unit may export it, drafted on the fly.
    client.force_login(world.compiler_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"unit": world.commune_a.pk, "schedule": "ad-hoc", "period": request.period_key}
        )
    assert ExportJob.objects.filter(
        unit=world.commune_a, period_key=request.period_key, status="done"
    ).exists()


def test_an_export_that_fails_while_drafting_says_so(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    from dantinh.reporting import drafting

    monkeypatch.setattr(
        drafting, "draft_sections", lambda **kw: (_ for _ in ()).throw(RuntimeError("hỏng"))
    )
    client.force_login(world.compiler_a)
    start_period(
        client, world.commune_a, "weekly", "2026-W45", "docx", django_capture_on_commit_callbacks
    )
    job = ExportJob.objects.get()
    assert job.status == "failed" and "hỏng" in job.message and not job.file
