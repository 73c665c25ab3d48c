"""One rule per field, whichever door a value comes through: the entry form, the API and the
spreadsheet import refuse the same values with the same Vietnamese message, and save nothing
(issues 8.5 and 9.9)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from dantinh.intake.models import ImportJob, Item
from tests.intake.test_import import GOOD, upload, xlsx
from tests.intake.test_views import _form

pytestmark = pytest.mark.django_db

# (column, as typed in the form, as sent to the API, as written in the spreadsheet, message)
CASES = [
    (
        "observed_on",
        "01/01/0001",
        "0001-01-01",
        "01/01/0001",
        "Ngày không được trước 01/01/2000.",
    ),
    ("observed_on", "26/11/2026", "2026-11-26", "26/11/2026", "Ngày không được ở tương lai."),
    (
        "observed_on",
        "31/02/2026",
        "2026-02-31",
        "31/02/2026",
        "“{}” không phải là ngày: hãy ghi ngày/tháng/năm, ví dụ 15/10/2026.",
    ),
    ("scale", "5000000000", 5_000_000_000, 5_000_000_000, "Số người phải từ 0 đến 10.000.000."),
    ("scale", "3.7", 3.7, 3.7, "“3.7” không phải là số nguyên."),
    ("scale", "1" + "0" * 30, 1e30, 1e30, "Số người phải từ 0 đến 10.000.000."),
    ("scale", "-4", -4, -4, "Số người phải từ 0 đến 10.000.000."),
    ("text", "  ", "  ", " ", "Nội dung không được để trống."),
    ("text", "x" * 20_001, "x" * 20_001, "x" * 20_001, "Nội dung dài quá 20.000 ký tự."),
    (
        "source_url",
        "ftp://bao.vn/bai",
        "ftp://bao.vn/bai",
        "ftp://bao.vn/bai",
        "“ftp://bao.vn/bai” không phải là địa chỉ trang web (http:// hoặc https://).",
    ),
]
IMPORT_COLUMNS = {"observed_on": 0, "text": 8, "scale": 9, "source_url": 10}
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
    "Đường link nguồn",
]


def _expected(message, value):
    return message.format(value)


@pytest.mark.parametrize(("column", "typed", "sent", "written", "message"), CASES)
def test_each_door_refuses_with_the_same_message(
    client, world, column, typed, sent, written, message
):
    # the entry form
    client.force_login(world.reporter_a)
    page = client.post(reverse("intake:item_create"), _form(world.village_a1, **{column: typed}))
    assert _expected(message, typed) in page.content.decode()

    # the API
    api = APIClient()
    api.force_authenticate(world.reporter_a)
    body = {
        "unit": world.village_a1.pk,
        "observed_on": "2026-11-10",
        "kind": "kien_nghi",
        "field": "moi_truong",
        "channel": "to_cong_tac",
        "text": "Khói từ lò gạch gây ô nhiễm",
        column: sent,
    }
    response = api.post("/api/v1/items/", body, format="json")
    assert response.status_code == 400
    assert response.json()[column] == [_expected(message, sent)]

    # the spreadsheet import, row by row, column by column
    row = [*GOOD[0], ""]
    row[IMPORT_COLUMNS[column]] = written
    job = upload(world.compiler_a, world.commune_a, "tuan.xlsx", xlsx([row], header=HEADER))
    assert job.status == ImportJob.Status.FAILED
    header = HEADER[IMPORT_COLUMNS[column]]
    assert {"row": 2, "column": header, "message": _expected(message, written)} in job.errors

    assert not Item.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("15/10/2026", "2026-10-15"), ("15102026", "2026-10-15"), ("2026-10-15", "2026-10-15")],
)
def test_dates_are_typed_day_first_whatever_the_browser(client, world, typed, stored):
    client.force_login(world.reporter_a)
    response = client.post(
        reverse("intake:item_create"), _form(world.village_a1, observed_on=typed)
    )
    assert response.status_code == 302
    assert Item.objects.get().observed_on.isoformat() == stored


@pytest.mark.parametrize(
    ("written", "stored"), [("1.000", 1000), ("1,000", 1000), (40.0, 40), ("12", 12)]
)
def test_people_involved_as_spreadsheets_write_them(world, written, stored):
    row = [*GOOD[0], ""]
    row[9] = written
    job = upload(world.compiler_a, world.commune_a, "tuan.xlsx", xlsx([row], header=HEADER))
    assert job.status == ImportJob.Status.DONE, job.errors
    assert Item.objects.get().scale == stored


def test_a_retired_entry_is_refused_by_the_import_too(world):
    from dantinh.intake.models import Kind

    Kind.objects.filter(code="kien_nghi").update(is_active=False)
    job = upload(world.compiler_a, world.commune_a, "tuan.xlsx", xlsx([[*GOOD[0], ""]], HEADER))
    assert job.status == ImportJob.Status.FAILED
    assert {
        "row": 2,
        "column": "Loại tin",
        "message": "“Kiến nghị, bức xúc” không còn được sử dụng.",
    } in job.errors
