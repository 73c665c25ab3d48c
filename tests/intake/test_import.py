"""Spreadsheet import: all rows or none, every bad row named, bad files refused clearly."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from dantinh.intake import imports, services
from dantinh.intake.models import ImportJob, Item

pytestmark = pytest.mark.django_db

HEADER = [
    "Ngày nắm bắt",
    "Mã đơn vị",
    "Tên đơn vị",
    "Loại tin",
    "Lĩnh vực",
    "Lĩnh vực khác",
    "Tâm trạng",
    "Kênh nắm bắt",
    "Nội dung",
    "Số người liên quan",
]


def xlsx(rows, header=HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(user, unit, name, content):
    job = services.import_start(actor=user, unit=unit, upload=SimpleUploadedFile(name, content))
    return imports.run(ImportJob.objects.get(pk=job.pk))


GOOD = [
    [
        "02/11/2026",
        "",
        "Tổ dân phố số 1",
        "Kiến nghị, bức xúc",
        "Giao thông, hạ tầng",
        "Môi trường",
        "Bức xúc",
        "Cốt cán, người có uy tín, người dân",
        "Đường ngõ 12 ngập sau mưa",
        40,
    ],
    [
        "03/11/2026",
        "",
        "to dan pho so 2",
        "tam_trang",
        "gia ca doi song",
        "",
        "lo lang",
        "du_luan_xa_hoi",
        "Tiểu thương lo giá thịt lợn tăng",
        "",
    ],
]


def test_a_good_file_saves_every_row(world):
    job = upload(world.compiler_a, world.commune_a, "tuan-45.xlsx", xlsx(GOOD))
    assert job.status == ImportJob.Status.DONE, job.errors or job.message
    assert job.created_count == 2 and job.progress_percent == 100
    first = Item.objects.get(text="Đường ngõ 12 ngập sau mưa")
    assert first.unit == world.village_a1 and first.scale == 40
    assert [f.code for f in first.secondary_fields.all()] == ["moi_truong"]
    assert Item.objects.get(text__startswith="Tiểu thương").mood.code == "lo_lang"


def test_one_bad_row_saves_nothing_and_every_error_is_named(world):
    rows = [
        *GOOD,
        [
            "31/02/2026",
            "",
            "Tổ dân phố số 1",
            "Tin vặt",
            "Giao thông, hạ tầng",
            "",
            "",
            "du_luan_xa_hoi",
            "x",
            "",
        ],
        [
            "04/11/2026",
            "",
            "Thôn Đông",
            "tam_trang",
            "Lĩnh vực lạ",
            "",
            "",
            "du_luan_xa_hoi",
            "",
            "mười",
        ],
    ]
    job = upload(world.compiler_a, world.commune_a, "loi.xlsx", xlsx(rows))
    assert job.status == ImportJob.Status.FAILED
    assert not Item.objects.exists()
    errors = {(e["row"], e["column"]) for e in job.errors}
    assert (4, "Ngày nắm bắt") in errors and (4, "Loại tin") in errors
    # "Thôn Đông" belongs to another commune: outside the reporting unit, it is not found.
    assert {
        (5, "Tên đơn vị"),
        (5, "Lĩnh vực"),
        (5, "Nội dung"),
        (5, "Số người liên quan"),
    } <= errors
    assert job.message.startswith("Có 2 dòng bị lỗi nên chưa lưu dòng nào")


def test_csv_with_semicolons_and_windows_encoding(world):
    text = (
        "Ngày nắm bắt;Tên đơn vị;Loại tin;Lĩnh vực;Kênh nắm bắt;Nội dung\n"
        "05/11/2026;Tổ dân phố số 2;kien_nghi;moi_truong;to_cong_tac;Rác tồn đọng ở chợ\n"
    )
    job = upload(world.compiler_a, world.commune_a, "tuan.csv", text.encode("utf-8-sig"))
    assert job.status == ImportJob.Status.DONE, job.errors
    assert Item.objects.get().field.code == "moi_truong"


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("hong.xlsx", b"PK\x03\x04 not really a workbook", "Excel"),
        ("bang.xlsx", xlsx([["a", "b"]], header=["Cột 1", "Cột 2"]), "Nội dung"),
        ("thieu.xlsx", xlsx([], header=["Nội dung", "Tên đơn vị"]), "Ngày nắm bắt"),
        ("rong.xlsx", xlsx([]), "không có"),
    ],
)
def test_unreadable_files_are_refused_in_vietnamese(world, name, content, fragment):
    job = upload(world.compiler_a, world.commune_a, name, content)
    assert job.status == ImportJob.Status.FAILED
    assert fragment.lower() in job.message.lower()
    assert not Item.objects.exists()


def test_wrong_extension_and_huge_upload_are_refused(world, settings):
    from dantinh.core.errors import ValidationError

    with pytest.raises(ValidationError):
        services.import_start(
            actor=world.compiler_a,
            unit=world.commune_a,
            upload=SimpleUploadedFile("virus.exe", b"MZ"),
        )
    settings.DANTINH_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError):
        services.import_start(
            actor=world.compiler_a,
            unit=world.commune_a,
            upload=SimpleUploadedFile("lon.csv", b"x" * 200),
        )
    assert not ImportJob.objects.exists()


def test_template_has_vietnamese_headers_and_lists(client, world):
    client.force_login(world.compiler_a)
    response = client.get(reverse("intake:import_template"))
    wb = load_workbook(io.BytesIO(response.content))
    headers = [c.value for c in wb["Thông tin"][1]]
    assert headers[0] == "Ngày nắm bắt (*)" and "Nội dung (*)" in headers
    assert "Kiến nghị, bức xúc" in [c.value for c in wb["Danh mục"]["A"]]


@pytest.mark.parametrize(
    ("who", "status"),
    [("compiler_a", 302), ("reporter_a", 404), ("leader", 404), ("outsider", 404)],
)
def test_upload_page_by_role(client, world, who, status, django_capture_on_commit_callbacks):
    client.force_login(getattr(world, who))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("intake:import_start"),
            {"unit": world.commune_a.pk, "file": SimpleUploadedFile("t.xlsx", xlsx(GOOD))},
        )
    assert response.status_code == status
    assert Item.objects.count() == (2 if status == 302 else 0)


def test_job_pages_are_scoped(client, world):
    job = upload(world.compiler_a, world.commune_a, "tuan-45.xlsx", xlsx(GOOD))
    client.force_login(world.compiler_b)
    assert client.get(reverse("intake:import_detail", args=[job.pk])).status_code == 404
    client.force_login(world.compiler_a)
    page = client.get(reverse("intake:import_detail", args=[job.pk]))
    assert page.status_code == 200 and "2 thông tin" in page.content.decode()
