"""Item entry: nothing half-saved (issue 9.3) and nothing filed by default (issue 9.16)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dantinh.intake.models import Item, ItemAttachment
from tests.intake.test_views import _form

pytestmark = pytest.mark.django_db


def test_an_attachment_too_large_saves_nothing(client, world, settings):
    settings.DANTINH_MAX_UPLOAD_BYTES = 2**20
    client.force_login(world.reporter_a)
    big = SimpleUploadedFile("bien-ban.pdf", b"x" * (2**20 + 1))
    response = client.post(reverse("intake:item_create"), _form(world.village_a1, attachment=big))
    assert response.status_code == 200
    assert "Tệp lớn hơn 1 MB." in response.content.decode()
    assert not Item.objects.exists()
    assert not ItemAttachment.objects.exists()


def test_the_item_and_its_attachment_are_saved_together(client, world):
    client.force_login(world.reporter_a)
    small = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4")
    response = client.post(reverse("intake:item_create"), _form(world.village_a1, attachment=small))
    assert response.status_code == 302
    assert Item.objects.get().attachments.get().name == "bien-ban.pdf"


def _entry_token(client) -> str:
    page = client.get(reverse("intake:item_create")).content.decode()
    return re.search(r'name="entry_token" value="([0-9a-f]{32})"', page).group(1)


def test_the_same_form_sent_twice_makes_one_item(client, world):
    client.force_login(world.reporter_a)
    token = _entry_token(client)
    data = _form(world.village_a1, entry_token=token)
    first = client.post(reverse("intake:item_create"), data)
    second = client.post(reverse("intake:item_create"), data)
    item = Item.objects.get()
    assert first.url == second.url == reverse("intake:item_detail", args=[item.pk])
    page = client.get(second.url).content.decode()
    assert "Thông tin này đã được lưu trước đó; hệ thống không lưu lần thứ hai." in page


def test_each_new_form_has_its_own_token(client, world):
    client.force_login(world.reporter_a)
    client.post(
        reverse("intake:item_create"), _form(world.village_a1, entry_token=_entry_token(client))
    )
    client.post(
        reverse("intake:item_create"), _form(world.village_a1, entry_token=_entry_token(client))
    )
    assert Item.objects.count() == 2


def test_another_persons_token_does_not_show_their_item(client, world):
    client.force_login(world.reporter_a)
    token = _entry_token(client)
    client.post(reverse("intake:item_create"), _form(world.village_a1, entry_token=token))
    client.force_login(world.compiler_a)
    response = client.post(
        reverse("intake:item_create"), _form(world.village_a2, entry_token=token)
    )
    assert response.status_code == 200
    assert "Biểu mẫu đã hết hiệu lực" in response.content.decode()
    assert Item.objects.count() == 1


def test_kind_and_field_start_empty_and_are_required(client, world):
    client.force_login(world.reporter_a)
    page = client.get(reverse("intake:item_create")).content.decode()
    for name in ("kind", "field"):
        select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
        assert re.search(r'<option value="" selected>— chọn —</option>', select), name
    response = client.post(
        reverse("intake:item_create"), _form(world.village_a1, kind="", field="")
    )
    assert response.content.decode().count("Trường này là bắt buộc.") == 2
    assert not Item.objects.exists()


def test_dates_are_shown_day_first(client, world, items):
    client.force_login(world.compiler_a)
    page = client.get(reverse("intake:item_update", args=[items["a"].pk])).content.decode()
    assert re.search(r'name="observed_on" value="02/11/2026"', page)
    assert 'type="date"' not in page
    listing = client.get(reverse("intake:item_list"), {"date_from": "01/11/2026"})
    assert 'name="date_from" value="01/11/2026"' in listing.content.decode()


@pytest.mark.parametrize("typed", ["P. Lê Chân", "p.le chan", "Phường Lê Chân"])
def test_the_unit_picker_reads_abbreviations(client, world, typed):
    client.force_login(world.leader)
    options = client.get(reverse("org:unit_picker"), {"unit_q": typed}).content.decode()
    assert "Phường Lê Chân" in options


def test_the_list_filtered_to_a_unit_outside_the_scope_is_empty_with_a_message(
    client, world, items
):
    client.force_login(world.reporter_a)
    for unit in (world.commune_b.pk, 999_999, "9" * 25, "abc"):
        page = client.get(reverse("intake:item_list"), {"unit": unit}).content.decode()
        assert "Không có đơn vị này trong phạm vi của bạn." in page
        assert "giải phóng mặt bằng" not in page  # not even the user's own items
        assert "phân bón" not in page
