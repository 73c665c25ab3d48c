"""Posts become labelled stories: copies of one news item or rumour are one story, different
events are different stories, and nothing identifies an author."""

import json
import unicodedata

import pytest
from django.core import serializers
from django.db import connection
from django.utils import timezone

from dantinh.media import parse, pipeline, polling, services
from dantinh.media.models import Post, Source, Story, StoryAuthor
from tests.media.conftest import DEMO, FARM_INPUT_PRICES

pytestmark = pytest.mark.django_db


TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters with a separate tone mark."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tone = next(c for c in parts if c in TONES)
            out += unicodedata.normalize("NFC", parts.replace(tone, "")).encode("cp1258")
            out += tone.encode("cp1258")
    return out


def _take_csv(world, source):
    return services.source_take_file(
        actor=world.admin,
        source=source,
        content=(DEMO / "mang-xa-hoi.csv").read_bytes(),
        filename="mang-xa-hoi.csv",
    )


def test_a_feed_becomes_labelled_stories(world, feed_source):
    result = polling.poll(feed_source.pk)

    assert result.new_posts == 5
    feed_source.refresh_from_db()
    assert feed_source.state == Source.State.OK
    assert feed_source.etag == '"v1"'
    stories = Story.objects.filter(unit=world.province)
    assert stories.count() == 5  # five different events
    fertiliser = stories.get(title__startswith="Giá phân bón")
    assert fertiliser.field.code in FARM_INPUT_PRICES
    assert fertiliser.valence == "negative"
    assert world.commune_b.pk in fertiliser.places  # "xã An Hưng" is in the test tree


def test_rewritten_copies_join_one_story_and_other_events_stay_apart(world, feed_source, server):
    from tests.media.conftest import Route

    polling.poll(feed_source.pk)
    server.routes["/atom.xml"] = Route(body=(DEMO / "tin-ven-bien.xml").read_bytes())
    other = services.source_create(
        actor=world.admin,
        unit=world.province,
        name="Tin Ven Biển",
        kind="rss",
        url=server.url("/atom.xml"),
    )
    polling.poll(other.pk)

    flood = Story.objects.get(title__startswith="Mưa lớn kéo dài")
    assert flood.post_count == 2 and flood.source_count == 2
    school = Story.objects.get(title__startswith="Khánh thành trường mầm non")
    assert school.post_count == 2
    # the ward's drains cleared after the flood is another event, as is the ferry
    assert Story.objects.get(title__startswith="Phường Lê Chân nạo vét").post_count == 1
    assert Story.objects.filter(post_count=1).count() == 6  # 10 posts, 8 stories
    assert flood.first_seen < flood.last_seen


def test_fifty_copies_of_a_rumour_are_one_story_counting_distinct_authors(world, social_source):
    result = _take_csv(world, social_source)

    rumour = Story.objects.filter(posts__text__contains="thu hồi hết đất ruộng").distinct().get()
    assert rumour.post_count == 8
    assert rumour.author_count == 7  # one person posted twice
    # the post marked for friends only was not taken
    assert not Post.objects.filter(text__contains="nhóm kín").exists()
    assert result.new_posts == 15


def test_taking_the_same_file_twice_adds_nothing(world, social_source):
    _take_csv(world, social_source)
    again = _take_csv(world, social_source)
    assert again.new_posts == 0
    assert Post.objects.count() == 15


def test_no_author_identity_is_stored_anywhere(world, social_source):
    _take_csv(world, social_source)
    services.posts_push(
        actor=world.admin,
        source=social_source,
        posts=[
            {
                "text": "Người dân phản ánh đường ở Thôn Đông xuống cấp nặng",
                "author": "@dan.thon.dong",
            }
        ],
    )

    names = ["Nguyễn Văn Minh", "Vũ Đức Anh", "dan.thon.dong", "Nguyen Van Minh"]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            dump = json.dumps(
                [list(map(str, row)) for row in cursor.fetchall()], ensure_ascii=False
            )
            for name in names:
                assert name not in dump, (table, name)
    # and the digests: per story, never on a post, unlike for the same person in two stories
    assert "author" not in {f.name for f in Post._meta.get_fields()}
    salts = dict(Story.objects.values_list("pk", "salt"))
    assert len(set(salts.values())) == len(salts)
    digests = set(StoryAuthor.objects.values_list("digest", flat=True))
    assert pipeline.author_digest("x", "Vũ Đức Anh") not in digests
    exported = serializers.serialize("json", Post.objects.all())
    assert "Vũ Đức Anh" not in exported


def test_a_broken_feed_fails_alone_with_a_vietnamese_message(world, feed_source, server):
    from tests.media.conftest import Route

    server.routes["/broken.xml"] = Route(body=b"<rss><channel><item><title>Thi")
    broken = services.source_create(
        actor=world.admin,
        unit=world.province,
        name="Hỏng",
        kind="rss",
        url=server.url("/broken.xml"),
    )
    polling.poll(broken.pk)
    polling.poll(feed_source.pk)

    broken.refresh_from_db()
    assert broken.state == Source.State.FAILING
    assert "RSS" in broken.last_error and "hợp lệ" in broken.last_error
    assert broken.failures == 1
    assert Story.objects.count() == 5  # the good one was taken


def test_mapping_without_the_content_column_names_the_columns(world, social_source):
    with pytest.raises(Exception) as caught:
        services.source_take_file(
            actor=world.admin, source=social_source, content=b"a,b\n1,2\n", filename="x.csv"
        )
    assert "message" in str(caught.value.args) and "a, b" in str(caught.value.args)


@pytest.mark.parametrize(
    "name,content",
    [
        (
            "bai.json",
            json.dumps(
                {
                    "data": [
                        {"message": "Người dân xã An Hưng lo giá phân bón tăng cao", "post_id": 1}
                    ]
                }
            ).encode(),
        ),
        ("bai.csv", cp1258("post_id;message\n1;Người dân xã An Hưng lo giá phân bón tăng cao\n")),
    ],
)
def test_exports_in_json_and_semicolon_csv_in_windows_1258(world, social_source, name, content):
    result = services.source_take_file(
        actor=world.admin, source=social_source, content=content, filename=name
    )
    assert result.new_posts == 1
    assert Post.objects.get().text == "Người dân xã An Hưng lo giá phân bón tăng cao"


def test_xlsx_export(world, social_source):
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["post_id", "message", "created_time", "privacy"])
    book.active.append(
        ["x1", "Bà con Thôn Đông mong sớm sửa đường liên thôn bị hỏng", "05/12/2026", "public"]
    )
    out = io.BytesIO()
    book.save(out)
    services.source_take_file(
        actor=world.admin, source=social_source, content=out.getvalue(), filename="bai.xlsx"
    )
    post = Post.objects.get()
    assert timezone.localtime(post.published_at).date().isoformat() == "2026-12-05"


def test_hostile_html_in_a_feed_is_kept_as_plain_text(world):
    posts = parse.parse_feed(
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><item><title>A &lt;script&gt;'
            "alert(1)&lt;/script&gt; tin</title><description>&lt;img src=x onerror=alert(1)&gt;"
            "Người dân &lt;b&gt;phản ánh&lt;/b&gt; đường hỏng</description></item></channel></rss>"
        ).encode()
    )
    assert "<" not in posts[0].title + posts[0].text
    assert posts[0].text == "Người dân phản ánh đường hỏng"
