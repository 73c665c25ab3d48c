"""The REST doors (stories, sources, pushed posts), `dantinh media ingest`, and surging
stories raising alerts."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from dantinh.alerts.models import Alert
from dantinh.media import services
from dantinh.media.models import Post, Source, Story
from tests.media.conftest import DEMO, FARM_INPUT_PRICES

pytestmark = pytest.mark.django_db

RUMOUR = "Nghe nói sắp thu hồi hết đất ruộng ở Thôn Đông để làm khu công nghiệp, đền bù rất thấp"


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def b_source(world):
    mapping = services.mapping_save(actor=world.admin, name="Zalo", text_column="noi_dung")
    return services.source_create(
        actor=world.admin, unit=world.commune_b, name="Nhóm Zalo xã", kind="social", mapping=mapping
    )


def _push(user, source, posts):
    return api(user).post(f"/api/v1/media/sources/{source.pk}/posts/", posts, format="json")


@pytest.mark.parametrize(
    "role,status",
    [("admin", 201), ("compiler_b", 403), ("leader", 403), ("compiler_a", 404), ("outsider", 403)],
)
def test_push_by_role(world, b_source, role, status):
    response = _push(getattr(world, role), b_source, [{"text": RUMOUR, "id": "z1"}])
    assert response.status_code == status
    assert Post.objects.count() == (1 if status == 201 else 0)


def test_pushed_posts_surge_into_an_alert_once(world, b_source):
    now = timezone.now()
    posts = [
        {
            "text": f"{RUMOUR} {'!' * n} bài số {n}",
            "id": f"z{n}",
            "author": f"nguoi{n % 4}",
            "published_at": (now - dt.timedelta(minutes=10 * n)).isoformat(),
        }
        for n in range(6)
    ]
    response = _push(world.admin, b_source, posts)
    assert response.status_code == 201
    body = response.json()
    assert body["new_posts"] == 6 and len(body["stories"]) == 1
    story = Story.objects.get()
    assert story.author_count == 4
    alert = Alert.objects.get(kind="media_surge")
    assert alert.unit == world.commune_b
    assert alert.evidence["posts_last_24h"] == 6
    assert "Thôn Đông" in alert.title or "thu hồi" in alert.title
    # more of the same the same day: the story grows, the alert stays one
    _push(world.admin, b_source, [{"text": f"{RUMOUR} nữa", "id": "z9"}])
    assert Alert.objects.count() == 1


def test_a_quiet_story_raises_nothing(world, b_source):
    _push(
        world.admin,
        b_source,
        [{"text": RUMOUR, "id": "z1"}, {"text": RUMOUR + " thật không", "id": "z2"}],
    )
    assert not Alert.objects.exists()


def test_bad_pushes_say_which_post(world, b_source):
    response = _push(world.admin, b_source, [{"text": RUMOUR}, {"title": "không có nội dung"}])
    assert response.status_code == 400
    assert "1" in json.dumps(response.json())
    assert Post.objects.count() == 0


@pytest.mark.parametrize(
    "role,count", [("leader", 1), ("compiler_b", 1), ("compiler_a", 0), ("outsider", 0)]
)
def test_story_list_by_role(world, b_source, role, count):
    _push(world.admin, b_source, [{"text": RUMOUR, "id": "z1"}])
    response = api(getattr(world, role)).get("/api/v1/media/stories/")
    if role == "outsider":
        assert response.status_code == 403
        return
    assert len(response.json()["results"]) == count
    story = Story.objects.get()
    assert api(getattr(world, role)).get(f"/api/v1/media/stories/{story.pk}/").status_code == (
        200 if count else 404
    )


def test_ingest_command_on_a_local_feed_prints_stories(world):
    out = io.StringIO()
    call_command("media", "ingest", str(DEMO / "bao-dat-cang.xml"), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 5
    assert set(lines[0]) == {"id", "title", "posts", "fields", "places", "first_seen", "last_seen"}
    fertiliser = next(line for line in lines if line["title"].startswith("Giá phân bón"))
    assert len(fertiliser["fields"]) == 1 and set(fertiliser["fields"]) <= FARM_INPUT_PRICES
    assert fertiliser["places"] == ["Xã An Hưng"]
    assert Source.objects.get().kind == Source.Kind.PUSH  # a file is never polled
    again = io.StringIO()
    call_command("media", "ingest", str(DEMO / "bao-dat-cang.xml"), stdout=again)
    assert again.getvalue() == ""  # nothing new


def test_ingest_command_on_an_export_with_a_mapping(world, fb_mapping):
    out = io.StringIO()
    call_command(
        "media", "ingest", str(DEMO / "mang-xa-hoi.csv"), "--mapping", "Facebook (CSV)", stdout=out
    )
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert max(line["posts"] for line in lines) == 8


def test_ingest_command_on_a_url(world, server):
    from tests.media.conftest import Route

    server.routes["/f.xml"] = Route(body=(DEMO / "tin-ven-bien.xml").read_bytes())
    out = io.StringIO()
    call_command("media", "ingest", server.url("/f.xml"), "--kind", "rss", stdout=out)
    assert len(out.getvalue().splitlines()) == 5
    assert Source.objects.get().url == server.url("/f.xml")
