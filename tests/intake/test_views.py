"""Every item page against a table of roles × outcomes: own commune 200, other commune 404
(exactly like a missing item), anonymous to the login page."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dantinh.core import pagination
from dantinh.intake.models import Channel, Field, Item, ItemExportJob, Kind

pytestmark = pytest.mark.django_db

ROLES_ON_ITEM_A = [
    # who, detail, edit page, delete
    ("reporter_a", 200, 200, 403),
    ("compiler_a", 200, 200, 302),
    ("reporter_b", 404, 404, 404),
    ("compiler_b", 404, 404, 404),
    ("area_officer", 404, 404, 404),
    ("leader", 200, 403, 403),
    ("admin", 200, 200, 302),
    ("outsider", 404, 404, 404),
]


@pytest.mark.parametrize(("who", "detail", "edit", "delete"), ROLES_ON_ITEM_A)
def test_item_pages_by_role(client, world, items, who, detail, edit, delete):
    client.force_login(getattr(world, who))
    pk = items["a"].pk
    assert client.get(reverse("intake:item_detail", args=[pk])).status_code == detail
    assert client.get(reverse("intake:item_update", args=[pk])).status_code == edit
    assert client.post(reverse("intake:item_delete", args=[pk])).status_code == delete
    assert Item.objects.filter(pk=pk).exists() is (delete != 302)


def test_not_yours_looks_like_not_found(client, world, items):
    client.force_login(world.reporter_b)
    missing = client.get(reverse("intake:item_detail", args=[999_999]))
    not_yours = client.get(reverse("intake:item_detail", args=[items["a"].pk]))
    assert missing.status_code == not_yours.status_code == 404

    def normalised(response, url):
        content = response.content.replace(url.encode(), b"URL")
        return re.sub(rb'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', b"", content)

    assert normalised(missing, reverse("intake:item_detail", args=[999_999])) == normalised(
        not_yours, reverse("intake:item_detail", args=[items["a"].pk])
    )


@pytest.mark.parametrize(
    "url_name",
    ["home", "intake:item_list", "intake:item_create", "intake:import_start", "audit_list"],
)
def test_anonymous_goes_to_login(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("who", "sees_a", "sees_b"),
    [
        ("reporter_a", True, False),
        ("reporter_b", False, True),
        ("leader", True, True),
        ("outsider", False, False),
    ],
)
def test_list_search_and_export_stay_in_scope(
    client, world, items, who, sees_a, sees_b, django_capture_on_commit_callbacks
):
    client.force_login(getattr(world, who))
    listing = client.get(reverse("intake:item_list")).content.decode()
    searched = client.get(
        reverse("intake:item_list"), {"q": "giai phong mat bang phan bon"}
    ).content.decode()
    assert ("giải phóng mặt bằng" in listing) is sees_a
    assert ("phân bón" in listing) is sees_b
    assert "phân bón" not in searched or sees_b
    if who == "outsider":
        assert client.get(reverse("intake:item_export")).status_code == 404
        assert client.post(reverse("intake:item_export")).status_code == 404
        return
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:item_export"), {"query": ""})
    job = ItemExportJob.objects.get(requested_by=getattr(world, who))
    export = client.get(reverse("intake:item_export_download", args=[job.pk]))
    content = b"".join(export.streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    texts = " ".join(str(r[8]) for r in rows[1:])
    assert ("giải phóng mặt bằng" in texts) is sees_a
    assert ("phân bón" in texts) is sees_b


def test_filter_by_another_communes_unit_shows_nothing(client, world, items):
    client.force_login(world.reporter_a)
    page = client.get(reverse("intake:item_list"), {"unit": world.commune_b.pk}).content.decode()
    assert "phân bón" not in page


@pytest.mark.parametrize(
    ("who", "cap", "shown"),
    [
        ("leader", 10_000, "2 thông tin"),  # a: its other field; b: its main field
        ("leader", 1, "hơn 1 thông tin"),  # b alone passes the cap: "more than"
        ("reporter_a", 10_000, "1 thông tin"),
        ("reporter_b", 10_000, "1 thông tin"),
        ("outsider", 10_000, "0 thông tin"),
    ],
)
def test_field_filter_counts_what_it_shows(client, world, items, monkeypatch, who, cap, shown):
    monkeypatch.setattr(pagination, "COUNT_CAP", cap)
    farming = Field.objects.get(code="nong_nghiep")
    items["a"].secondary_fields.add(farming)
    client.force_login(getattr(world, who))
    page = client.get(
        reverse("intake:item_list"), {"field": farming.pk}, HTTP_HX_REQUEST="true"
    ).content.decode()
    counted = re.search(r'<p class="small muted flush">([^<]*)</p>', page).group(1).strip()
    assert counted == shown
    if cap > 1:  # past the cap the pages stop at the cap (here one row)
        assert ("giải phóng mặt bằng" in page) is (who in ("leader", "reporter_a"))
        assert ("phân bón" in page) is (who in ("leader", "reporter_b"))


def test_search_without_diacritics_on_the_page(client, world, items):
    client.force_login(world.reporter_a)
    page = client.get(
        reverse("intake:item_list"), {"q": "giai phong mat bang"}, HTTP_HX_REQUEST="true"
    )
    assert "giải phóng mặt bằng" in page.content.decode()
    assert "<html" not in page.content.decode()  # htmx gets the results only


def _form(unit, **extra):
    data = {
        "text": "Bà con tổ 2 mong sớm có điện chiếu sáng ngõ 45",
        "unit": unit.pk,
        "observed_on": "2026-11-20",
        "kind": Kind.objects.get(code="kien_nghi").pk,
        "field": Field.objects.get(code="giao_thong_ha_tang").pk,
        "channel": Channel.objects.get(code="cot_can_uy_tin").pk,
        "verification": "unverified",
    }
    data.update(extra)
    return data


def test_quick_entry_logs_an_item(client, world):
    client.force_login(world.reporter_a)
    response = client.post(reverse("intake:item_create"), _form(world.village_a2))
    item = Item.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "intake:item_detail", args=[item.pk]
    )
    assert item.unit == world.village_a2 and item.observed_on == dt.date(2026, 11, 20)
    assert item.created_by == world.reporter_a


def test_quick_entry_refuses_another_communes_unit(client, world):
    client.force_login(world.reporter_a)
    response = client.post(reverse("intake:item_create"), _form(world.village_b1))
    assert response.status_code == 200 and not Item.objects.exists()
    assert "Bạn không được nhập tin cho đơn vị này." in response.content.decode()


def test_entry_form_shows_errors_in_vietnamese(client, world):
    client.force_login(world.reporter_a)
    response = client.post(
        reverse("intake:item_create"), _form(world.village_a1, text="", observed_on="31/02/2026")
    )
    body = response.content.decode()
    assert "Nội dung không được để trống." in body
    assert "“31/02/2026” không phải là ngày" in body
    assert not Item.objects.exists()


def test_history_shows_changes(client, world, items):
    client.force_login(world.compiler_a)
    client.post(
        reverse("intake:item_update", args=[items["a"].pk]),
        _form(world.village_a1, text="Đã cập nhật: người dân tổ 1 vẫn chờ bồi thường"),
    )
    page = client.get(reverse("intake:item_detail", args=[items["a"].pk])).content.decode()
    assert "compiler_a" in page and "Đã cập nhật" in page


def test_list_needs_few_queries(client, world, items, django_assert_max_num_queries):
    client.force_login(world.leader)
    # A fixed number whatever the page size: sign-in, grants, the bell (which also asks whether
    # the reader is a competent body's contact), the taxonomies, the page and its count.
    with django_assert_max_num_queries(13):
        client.get(reverse("intake:item_list"))


@pytest.mark.parametrize(
    ("who", "status"),
    [("compiler_a", 200), ("leader", 200), ("reporter_b", 404), ("outsider", 404)],
)
def test_attachments_download_within_scope(client, world, items, who, status):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dantinh.intake.services import item_attach

    attachment = item_attach(
        actor=world.compiler_a,
        item=items["a"],
        upload=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minutes"),
    )
    client.force_login(getattr(world, who))
    response = client.get(
        reverse("intake:attachment_download", args=[items["a"].pk, attachment.pk])
    )
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 minutes"
