"""Two people edit one item (issue 9.2): the second save does not silently overwrite the
first. The page says who changed it and what is stored now, keeping the person's input; the
API answers 409 with the same message."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from dantinh.core.concurrency import ConflictError
from dantinh.intake import services
from dantinh.intake.models import Item
from tests.intake.test_views import _form

pytestmark = pytest.mark.django_db


def _edit_page_version(client, item) -> str:
    page = client.get(reverse("intake:item_update", args=[item.pk])).content.decode()
    marker = 'name="version" value="'
    return page[page.index(marker) + len(marker) :].split('"', 1)[0]


def test_the_second_save_is_refused_and_keeps_the_persons_input(client, world, items):
    item = items["a"]
    # both open the edit page
    client.force_login(world.compiler_a)
    version_a = _edit_page_version(client, item)
    client.force_login(world.reporter_a)
    version_b = _edit_page_version(client, item)
    assert version_a == version_b == "1"
    # the compiler saves first
    client.force_login(world.compiler_a)
    first = client.post(
        reverse("intake:item_update", args=[item.pk]),
        _form(world.village_a1, text="Bản của tổng hợp viên", version=version_a),
    )
    assert first.status_code == 302
    # the reporter saves the page they opened before that
    client.force_login(world.reporter_a)
    second = client.post(
        reverse("intake:item_update", args=[item.pk]),
        _form(world.village_a1, text="Bản của phóng viên", version=version_b),
    )
    body = second.content.decode()
    assert second.status_code == 200
    assert "compiler_a đã sửa bản ghi này lúc" in body
    assert "Hiện đang lưu: Nội dung: “Bản của tổng hợp viên”" in body
    assert "Bản của phóng viên</textarea>" in body  # what they typed is still there
    item.refresh_from_db()
    assert item.text == "Bản của tổng hợp viên" and item.version == 2
    # saving again, having seen what is stored, is their decision: it goes through
    assert 'name="version" value="2"' in body
    third = client.post(
        reverse("intake:item_update", args=[item.pk]),
        _form(world.village_a1, text="Bản của phóng viên", version="2"),
    )
    assert third.status_code == 302
    item.refresh_from_db()
    assert item.text == "Bản của phóng viên" and item.version == 3


def test_the_service_refuses_a_stale_version(world, items):
    item = items["a"]
    services.item_update(actor=world.compiler_a, item=item, scale=5, version=1)
    with pytest.raises(ConflictError) as conflict:
        services.item_update(actor=world.compiler_a, item=item, scale=9, version=1)
    assert conflict.value.version == 2
    assert [d.field for d in conflict.value.differences] == ["scale"]
    assert Item.objects.get(pk=item.pk).scale == 5


def test_the_api_answers_409_on_a_stale_version(world, items):
    api = APIClient()
    api.force_authenticate(world.compiler_a)
    url = f"/api/v1/items/{items['a'].pk}/"
    read = api.get(url).json()
    assert read["version"] == 1
    assert api.patch(url, {"scale": 12, "version": 1}, format="json").status_code == 200
    stale = api.patch(url, {"scale": 30, "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["version"] == 2
    assert stale.json()["detail"].startswith("compiler_a đã sửa bản ghi này lúc")
    assert Item.objects.get(pk=items["a"].pk).scale == 12
    # without a version an old client still updates, as before
    assert api.patch(url, {"scale": 31}, format="json").status_code == 200
