"""What the fuzzers found (issue 9.18), each kept as a plain test that failed before its fix;
docs/trust.md tells the story of each."""

import json

import pytest

from dantinh.intake.models import Item
from tests.fuzz.test_fuzz_api_bodies import GOOD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("text", "Người dân \ud800"),  # 500 UnicodeEncodeError on both databases
        ("source_url", "https://baodientu.vn/\udfff"),
        ("kind", "\ud800"),
        ("text", "Người dân\x00"),  # 500 DataError on PostgreSQL
        ("kind", "kien\x00nghi"),
        ("source_url", "https://baodientu.vn/bai\x00"),
    ],
)
def test_a_body_spelling_a_character_no_database_holds_answers_400(api, world, key, value):
    body = dict(GOOD, unit=world.village_a1.pk, **{key: value})
    response = api.post("/api/v1/items/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Nội dung JSON có chứa ký tự không phải là chữ (\\u0000 hoặc một nửa cặp "
        "surrogate \\ud800–\\udfff)."
    }
    assert not Item.objects.exists()


def test_an_emoji_spelled_as_a_surrogate_pair_is_text(api, world):
    body = dict(GOOD, unit=world.village_a1.pk, text="Người dân vui mừng \ud83d\ude00")
    response = api.post("/api/v1/items/", json.dumps(body), content_type="application/json")
    assert response.status_code == 201
    assert Item.objects.get().text == "Người dân vui mừng \U0001f600"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/items/?q=%00",
        "/api/v1/items/?kind=a%00",
        "/api/v1/units/?code=%00",
        "/api/v1/submissions/?schedule=%00",
        "/api/v1/timeliness/?schedule=weekly%00",
        "/api/v1/items/?%00=1",
    ],
)
def test_a_nul_in_the_address_answers_400_with_a_message(api, url):
    response = api.get(url)
    assert response.status_code == 400
    assert response.json() == {"detail": "Địa chỉ (URL) có chứa ký tự không phải là chữ (NUL)."}


def test_a_nul_in_a_page_address_answers_400_with_a_message(client, world):
    client.force_login(world.compiler_a)
    response = client.get("/items/?q=%00")
    assert response.status_code == 400
    assert "Địa chỉ (URL) có chứa ký tự không phải là chữ (NUL)." in response.content.decode()


def test_a_field_left_null_is_refused_in_vietnamese(api, world):
    response = api.post(
        "/api/v1/items/", dict(GOOD, unit=None, channel=None, text=None), format="json"
    )
    assert response.status_code == 400
    assert response.json()["unit"] == ["Trường này không được để rỗng (null)."]
    assert response.json()["channel"] == ["Trường này không được để rỗng (null)."]


# --- Word upload ---------------------------------------------------------------------------


def _word_upload(world, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dantinh.core.errors import ValidationError
    from dantinh.reporting import services
    from dantinh.reporting.models import Schedule

    with pytest.raises(ValidationError) as refused:
        services.submission_upload_docx(
            actor=world.compiler_a,
            unit=world.commune_a,
            schedule=Schedule.objects.get(slug="weekly"),
            period_key="2026-W48",
            upload=SimpleUploadedFile("bao-cao.docx", data),
        )
    return refused.value.errors["file"]


@pytest.mark.parametrize(
    "document_xml",
    [
        b"<w:document",  # not XML: lxml's XMLSyntaxError went through as a 500
        b'<a xmlns:w="urn:x"/>',  # XML but no document: AttributeError, a 500
    ],
)
def test_a_word_file_whose_document_is_broken_is_refused_with_a_message(
    world, reporting_clock, document_xml
):
    from dantinh.reporting.models import Submission
    from tests.fuzz.test_fuzz_docx import _docx

    assert (
        _word_upload(world, _docx(document_xml)) == "Tệp không phải là văn bản Word (.docx) hợp lệ."
    )
    assert not Submission.objects.exists()


def test_a_word_file_that_unpacks_too_large_is_refused_before_it_is_parsed(
    world, reporting_clock, monkeypatch
):
    from dantinh.reporting import docx_import
    from tests.fuzz.test_fuzz_docx import _docx

    monkeypatch.setattr(docx_import, "MAX_UNCOMPRESSED", 2**20)
    message = _word_upload(world, _docx(b" " * 2**20))
    assert message == "Tệp Word khi giải nén sẽ lớn hơn 1 MB: đây không phải là một báo cáo."


# --- spreadsheet import --------------------------------------------------------------------


def test_a_csv_saved_as_unicode_text_utf16_is_read(world):
    from dantinh.intake import imports

    text = "Nội dung\tKênh nắm bắt\r\nNgười dân phản ánh\tto_cong_tac\r\n"
    rows = imports.read_rows(text.encode("utf-16"), "tuan.csv")
    assert rows == [["Nội dung", "Kênh nắm bắt"], ["Người dân phản ánh", "to_cong_tac"]]


# --- the unit importer ---------------------------------------------------------------------


@pytest.mark.parametrize("code", ["99", "", "3１", "31\x00"])
def test_an_unknown_province_code_is_refused_with_a_message(world, code):
    """It raised a bare KeyError, no message to show."""
    from dantinh.core.errors import ValidationError
    from dantinh.org import importer
    from dantinh.org.models import Unit

    count = Unit.objects.count()
    with pytest.raises(ValidationError) as refused:
        importer.import_province(code, actor=world.superuser)
    assert refused.value.errors["province"].startswith(f"Không có tỉnh, thành phố mã: {code}.")
    assert Unit.objects.count() == count


# --- the API's description -----------------------------------------------------------------


def test_an_item_without_a_link_matches_the_api_description(api, world):
    """The description said source_url is a "uri": "" (no link) broke it on every item."""
    from drf_spectacular.generators import SchemaGenerator

    from tests.factories import make_item

    make_item(world.compiler_a, world.village_a1)
    schema = SchemaGenerator().get_schema(request=None, public=True)
    described = schema["components"]["schemas"]["Item"]["properties"]["source_url"]
    value = api.get("/api/v1/items/").json()["results"][0]["source_url"]
    assert value == ""
    assert {"maxLength": 0} in described["anyOf"]
