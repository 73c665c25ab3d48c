"""The monitor's pages, by role: who sees what, who may act, and what a refusal looks like."""

import pytest
from django.urls import reverse

from dantinh.intake.models import Item
from dantinh.media import polling, services
from dantinh.media.models import Post, Source, Story
from tests.media.conftest import DEMO, FARM_INPUT_PRICES, Route

pytestmark = pytest.mark.django_db


@pytest.fixture
def monitored(world, feed_source, server):
    """The city follows a feed; commune B follows its own social export."""
    polling.poll(feed_source.pk)
    mapping = services.mapping_save(actor=world.admin, name="Zalo", text_column="noi_dung")
    b_source = services.source_create(
        actor=world.admin, unit=world.commune_b, name="Nhóm Zalo xã", kind="social", mapping=mapping
    )
    services.source_take_file(
        actor=world.admin,
        source=b_source,
        content="noi_dung\nBà con Thôn Đông phản ánh đường liên thôn hỏng nặng nhiều ổ gà\n".encode(),
        filename="zalo.csv",
    )
    return {"city": feed_source, "b": b_source, "b_story": Story.objects.get(unit=world.commune_b)}


def _as(client, user):
    client.force_login(user)
    return client


# (role, status of the stories page)
@pytest.mark.parametrize(
    "role,status",
    [
        ("leader", 200),
        ("admin", 200),
        ("compiler_b", 200),
        ("area_officer", 200),
        ("reporter_a", 403),
        ("outsider", 403),
    ],
)
def test_story_list_by_role(client, world, monitored, role, status):
    response = _as(client, getattr(world, role)).get(reverse("media:story_list"))
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        sees_city = "Giá phân bón tăng mạnh" in body
        assert sees_city == (role in ("leader", "admin"))
        assert ("Thôn Đông phản ánh" in body) is True


@pytest.mark.parametrize(
    "role,status",
    [
        ("leader", 200),
        ("compiler_b", 200),
        ("area_officer", 200),
        ("compiler_a", 404),
        ("reporter_b", 404),
        ("outsider", 404),
    ],
)
def test_a_commune_story_by_role(client, world, monitored, role, status):
    url = reverse("media:story_detail", args=[monitored["b_story"].pk])
    assert _as(client, getattr(world, role)).get(url).status_code == status


def test_story_page_shows_volume_sources_and_places(client, world, monitored):
    story = Story.objects.get(title__startswith="Giá phân bón")
    body = (
        _as(client, world.leader)
        .get(reverse("media:story_detail", args=[story.pk]))
        .content.decode()
    )
    assert "Bản tin Đất Cảng (1)" in body
    assert "Xã An Hưng" in body
    assert 'class="bar h10"' in body
    assert "Tạo thông tin" not in body  # a leader does not promote


@pytest.mark.parametrize(
    "role,status",
    [
        ("compiler_b", 302),
        ("area_officer", 302),
        ("admin", 302),
        ("leader", 403),
        ("compiler_a", 404),
        ("outsider", 404),
    ],
)
def test_promote_a_commune_post_by_role(client, world, monitored, role, status):
    post = Post.objects.get(source=monitored["b"])
    response = _as(client, getattr(world, role)).post(reverse("media:post_promote", args=[post.pk]))
    assert response.status_code == status
    post.refresh_from_db()
    assert (post.item_id is not None) == (status == 302)


def test_a_story_becomes_an_item_in_one_click(client, world, monitored):
    story = Story.objects.get(title__startswith="Giá phân bón")
    response = _as(client, world.admin).post(reverse("media:story_promote", args=[story.pk]))

    item = Item.objects.get()
    assert response.url == reverse("intake:item_detail", args=[item.pk])
    assert item.channel.code == "bao_chi_mang_xa_hoi"
    assert item.source_url.endswith("phan-bon-an-hung.html")
    assert item.field == story.field and item.field.code in FARM_INPUT_PRICES
    assert item.unit == world.commune_b  # the place the story mentions
    assert item.text.startswith("Giá phân bón tăng mạnh")
    story.refresh_from_db()
    assert story.item == item
    # a second click opens the same item
    again = _as(client, world.admin).post(reverse("media:story_promote", args=[story.pk]))
    assert again.url == response.url and Item.objects.count() == 1


@pytest.mark.parametrize(
    "role,status", [("admin", 200), ("leader", 403), ("compiler_b", 403), ("outsider", 403)]
)
def test_only_administrators_add_sources(client, world, role, status):
    assert (
        _as(client, getattr(world, role)).get(reverse("media:source_create")).status_code == status
    )


def test_an_administrator_adds_a_feed(client, world, server):
    server.routes["/f.xml"] = Route(body=(DEMO / "bao-dat-cang.xml").read_bytes())
    response = _as(client, world.admin).post(
        reverse("media:source_create"),
        {
            "name": "Báo",
            "kind": "rss",
            "url": server.url("/f.xml"),
            "unit": world.province.pk,
            "interval_minutes": 30,
            "is_active": "on",
        },
    )
    source = Source.objects.get()
    assert response.url == reverse("media:source_detail", args=[source.pk])
    assert source.interval_minutes == 30 and source.next_poll_at is not None


def test_a_feed_without_an_address_is_refused_in_vietnamese(client, world):
    response = _as(client, world.admin).post(
        reverse("media:source_create"),
        {
            "name": "Báo",
            "kind": "rss",
            "url": "",
            "unit": world.province.pk,
            "interval_minutes": 60,
        },
    )
    assert response.status_code == 400
    assert "http://" in response.content.decode()
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    "role,status", [("admin", 200), ("leader", 200), ("compiler_b", 404), ("outsider", 404)]
)
def test_a_city_source_page_by_role(client, world, monitored, role, status):
    url = reverse("media:source_detail", args=[monitored["city"].pk])
    response = _as(client, getattr(world, role)).get(url)
    assert response.status_code == status
    if status == 200:
        assert ('name="url"' in response.content.decode()) == (role == "admin")


@pytest.mark.parametrize(
    "role,status", [("admin", 302), ("leader", 403), ("compiler_b", 404), ("outsider", 404)]
)
def test_upload_and_delete_by_role(client, world, monitored, role, status):
    from django.core.files.uploadedfile import SimpleUploadedFile

    source = monitored["b"] if role != "compiler_b" else monitored["city"]
    if role in ("compiler_b",):
        source = monitored["city"]
    user = getattr(world, role)
    upload = SimpleUploadedFile(
        "z.csv", "noi_dung\nNgười dân xã An Hưng mong sớm có nước sạch sinh hoạt\n".encode()
    )
    response = _as(client, user).post(
        reverse("media:source_upload", args=[source.pk]), {"file": upload}
    )
    assert response.status_code == status
    response = _as(client, user).post(reverse("media:source_delete", args=[source.pk]))
    assert response.status_code == status
    assert Source.objects.filter(pk=source.pk).exists() == (status != 302)


def test_a_bad_upload_says_why_and_keeps_what_was_taken(client, world, monitored):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = Post.objects.count()
    response = _as(client, world.admin).post(
        reverse("media:source_upload", args=[monitored["b"].pk]),
        {"file": SimpleUploadedFile("z.json", b"{not json")},
        follow=True,
    )
    assert "JSON" in response.content.decode()
    assert Post.objects.count() == before


def test_mappings_are_for_administrators(client, world):
    assert _as(client, world.leader).get(reverse("media:mapping_list")).status_code == 403
    response = _as(client, world.admin).post(
        reverse("media:mapping_create"), {"name": "TikTok", "text_column": "desc"}
    )
    assert response.status_code == 302


def test_post_list_shows_only_the_scope(client, world, monitored):
    body = _as(client, world.compiler_b).get(reverse("media:post_list")).content.decode()
    assert "Thôn Đông" in body and "Giá phân bón" not in body


@pytest.fixture
def b_case(world):
    import datetime as dt

    from dantinh.cases import services as case_services

    return case_services.case_create(
        actor=world.compiler_b,
        unit=world.commune_b,
        place=world.village_b1,
        title="Tranh chấp đất ruộng Thôn Đông",
        situation="Người dân lo bị thu hồi đất",
        opened_on=dt.date(2026, 11, 20),
    )


@pytest.mark.parametrize(
    "role,status,linked",
    [
        ("compiler_b", 302, True),
        ("leader", 302, True),
        ("compiler_a", 404, False),
        ("outsider", 404, False),
    ],
)
def test_link_a_story_to_a_case_by_role(client, world, monitored, b_case, role, status, linked):
    story = monitored["b_story"]
    url = reverse("media:story_case", args=[story.pk])
    response = _as(client, getattr(world, role)).post(url, {"case": b_case.pk})
    assert response.status_code == status
    story.refresh_from_db()
    assert (story.case_id == b_case.pk) == linked
    if linked:
        body = _as(client, getattr(world, role)).get(reverse("media:story_detail", args=[story.pk]))
        assert "Tranh chấp đất ruộng Thôn Đông" in body.content.decode()


def test_a_city_story_cannot_be_linked_to_a_case_one_may_not_change(
    client, world, monitored, b_case
):
    story = Story.objects.get(title__startswith="Giá phân bón")
    response = _as(client, world.leader).post(
        reverse("media:story_case", args=[story.pk]), {"case": b_case.pk}
    )
    assert response.status_code == 302  # the city leader may change the commune's case
    response = _as(client, world.compiler_b).post(
        reverse("media:story_case", args=[story.pk]), {"case": ""}
    )
    assert response.status_code == 404  # the city's story is not theirs
