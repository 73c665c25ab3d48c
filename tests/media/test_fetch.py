"""Fetching against a local HTTP server: limits, timeouts, redirects, conditional requests,
robots.txt, encodings and hostile feeds, each ending in a clear message on the source."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from dantinh.media import fetch, polling, services
from dantinh.media.models import Post, Source, Story
from tests.media.conftest import DEMO, Route

pytestmark = pytest.mark.django_db

ITEM = "<item><guid>{n}</guid><title>{title}</title><description>{text}</description></item>"


def rss(*items: str, encoding: str = "utf-8") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>T</title>'
        + "".join(items)
        + "</channel></rss>"
    )


def add(world, server, path, route, kind="rss"):
    server.routes[path] = route
    return services.source_create(
        actor=world.admin, unit=world.province, name=path, kind=kind, url=server.url(path)
    )


def polled(source):
    polling.poll(source.pk)
    source.refresh_from_db()
    return source


def test_second_poll_is_conditional_and_a_304_takes_nothing(world, server, feed_source):
    polled(feed_source)

    def not_modified(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return Route(status=304)
        return None

    server.routes["/feed.xml"].handler = not_modified
    source = polled(feed_source)

    assert server.requests[-1][1].get("If-None-Match") == '"v1"'
    assert source.state == Source.State.OK and Post.objects.count() == 5


def test_redirects_are_followed_and_loops_are_cut(world, server):
    server.routes["/new.xml"] = Route(body=(DEMO / "bao-dat-cang.xml").read_bytes())
    moved = add(world, server, "/old.xml", Route(status=301, headers={"Location": "/new.xml"}))
    assert polled(moved).state == Source.State.OK
    assert Post.objects.count() == 5

    loop = add(world, server, "/loop", Route(status=302, headers={"Location": "/loop"}))
    assert "chuyển hướng" in polled(loop).last_error


@override_settings(DANTINH_MEDIA_MAX_BYTES=50_000)
def test_a_huge_page_is_refused_whether_or_not_it_says_its_size(world, server):
    huge = b"<html><body>" + b"<p>tin</p>" * 20_000 + b"</body></html>"
    declared = add(world, server, "/huge.html", Route(body=huge), kind="page")
    undeclared = add(
        world, server, "/huge2.html", Route(body=huge, delay=0.0001, chunk=65536), kind="page"
    )
    for source in (declared, undeclared):
        assert "giới hạn" in polled(source).last_error
    assert Post.objects.count() == 0


@override_settings(DANTINH_MEDIA_TIMEOUT=1)
def test_a_slow_server_times_out_and_the_source_backs_off(world, server):
    slow = add(
        world,
        server,
        "/slow.xml",
        Route(body=rss(ITEM.format(n=1, title="a", text="b")).encode() * 50, delay=0.3, chunk=10),
    )
    now = timezone.now()
    polling.poll(slow.pk, now=now)
    slow.refresh_from_db()
    assert "kịp" in slow.last_error and slow.state == Source.State.FAILING
    assert slow.next_poll_at == now + dt.timedelta(minutes=60)
    polling.poll(slow.pk, now=now)
    slow.refresh_from_db()
    assert slow.failures == 2 and slow.next_poll_at == now + dt.timedelta(minutes=120)


def test_an_entity_bomb_is_refused(world, server):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<rss version="2.0"><channel><item><title>&lol2;</title></item></channel></rss>'
    )
    source = polled(add(world, server, "/bomb.xml", Route(body=bomb.encode())))
    assert source.state == Source.State.FAILING and "thực thể" in source.last_error


TEXT = "Người dân phường Lê Chân phản ánh đường ngập sâu sau mưa lớn"


def test_windows_1258_and_utf_16_feeds_read_right(world, server):
    from tests.media.test_pipeline import cp1258

    windows = add(
        world,
        server,
        "/cp.xml",
        Route(body=cp1258(rss(ITEM.format(n=1, title="Tin", text=TEXT), encoding="windows-1258"))),
    )
    utf16 = add(
        world,
        server,
        "/u16.xml",
        Route(
            body=rss(ITEM.format(n=2, title="Tin", text=TEXT), encoding="utf-16").encode("utf-16")
        ),
    )
    for source in (windows, utf16):
        assert polled(source).state == Source.State.OK, source.last_error
    assert set(Post.objects.values_list("text", flat=True)) == {TEXT}


def test_robots_txt_is_respected(world, server):
    server.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /private/\n")
    server.routes["/private/feed.xml"] = Route(body=(DEMO / "bao-dat-cang.xml").read_bytes())
    source = polled(add(world, server, "/private/feed.xml", server.routes["/private/feed.xml"]))
    assert "robots.txt" in source.last_error
    assert not any(path == "/private/feed.xml" for path, _h in server.requests)


def test_an_unreachable_server_and_an_error_status_read_plainly(world, server):
    gone = services.source_create(
        actor=world.admin, unit=world.province, name="x", kind="rss", url="http://127.0.0.1:9/x.xml"
    )
    assert "Không kết nối" in polled(gone).last_error
    missing = polled(add(world, server, "/nothing", Route(status=500)))
    assert "500" in missing.last_error


def test_a_web_page_gives_its_main_text_without_scripts(world, server):
    page = (
        "<html><head><title>Đường Thôn Đông xuống cấp</title><script>alert('x')</script></head>"
        "<body><nav>Trang chủ | Tin tức | Liên hệ</nav><article><h1>Đường Thôn Đông xuống cấp</h1>"
        + "<p>Người dân Thôn Đông, xã An Hưng phản ánh tuyến đường liên thôn xuống cấp nặng, "
        "nhiều ổ gà gây nguy hiểm cho học sinh đi học. Bà con mong chính quyền sớm sửa chữa.</p>"
        * 3
        + "<script>document.write('mã độc')</script></article><footer>Bản quyền</footer></body></html>"
    )
    source = polled(
        add(
            world,
            server,
            "/bai.html",
            Route(body=page.encode(), headers={"Content-Type": "text/html; charset=utf-8"}),
            kind="page",
        )
    )
    assert source.state == Source.State.OK, source.last_error
    post = Post.objects.get()
    assert "ổ gà" in post.text and "alert" not in post.text and "mã độc" not in post.text
    assert Story.objects.get().unit == world.province


def test_due_sources_are_claimed_once_and_paused_ones_never(world, server, feed_source):
    paused = add(world, server, "/p.xml", Route(body=b""))
    Source.objects.filter(pk=paused.pk).update(is_active=False)
    assert polling.claim_due() == [feed_source.pk]
    assert polling.claim_due() == []


def test_the_periodic_job_polls_every_due_source_even_after_one_breaks(world, server, feed_source):
    from dantinh.media import tasks

    add(world, server, "/bad.xml", Route(body=b"not xml at all <<<"))
    tasks.poll_due_sources.call_local()
    assert Source.objects.get(url__endswith="/bad.xml").state == Source.State.FAILING
    assert Source.objects.get(pk=feed_source.pk).state == Source.State.OK


def test_only_http_addresses_are_fetched():
    with pytest.raises(fetch.FetchError):
        fetch.fetch("file:///etc/passwd")
