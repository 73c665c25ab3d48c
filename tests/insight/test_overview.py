"""The overview every user opens first: its numbers and its two charts (fields, mood) count
only the viewer's items, and every number, bar and part of the mood strip opens the list of
exactly the items it counts; the charts' figures are the tables' figures."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from dantinh.core.staticfinders import PLOTLY_MAP_STYLE_ID
from dantinh.intake.models import Field, Kind, Mood
from tests.factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def recent(world):
    """This month: commune A two transport items (one angry, one glad, one a complaint),
    commune B one worried agriculture item; and one from two months ago (counted nowhere)."""
    today = timezone.localdate()
    glad = Mood.objects.get(code="vui_mung")
    worried = Mood.objects.get(code="lo_lang")
    make_item(world.reporter_a, world.village_a1, "Đường tổ 1 ngập sâu sau mưa", observed_on=today)
    make_item(
        world.reporter_a,
        world.village_a1,
        "Người dân phấn khởi vì đường mới thông xe",
        mood=glad,
        kind=Kind.objects.get(code="khieu_nai_to_cao"),
        observed_on=today - dt.timedelta(days=9),
    )
    make_item(
        world.reporter_b,
        world.village_b1,
        "Nhân dân thôn Đông lo giá phân bón tăng",
        field=Field.objects.get(code="nong_nghiep"),
        mood=worried,
        observed_on=today - dt.timedelta(days=2),
    )
    make_item(
        world.reporter_b,
        world.village_b1,
        "Chuyện cũ của thôn Đông từ hai tháng trước",
        observed_on=today - dt.timedelta(days=60),
    )


def figure(html: str, chart_id: str) -> dict:
    found = re.search(rf'<script id="{chart_id}-data" type="application/json">(.*?)</script>', html)
    assert found, f"no figure for {chart_id}"
    assert f'data-chart="{chart_id}-data"' in html
    return json.loads(found.group(1))


def section(html: str, heading_id: str) -> str:
    part = html[html.index(f'id="{heading_id}"') :]
    return part[: part.index("</section>")].replace("&amp;", "&")


def listing(client, url: str) -> str:
    return client.get(url).content.decode()


@pytest.mark.parametrize(
    "who, bars",
    [
        ("leader", {"Giao thông": 2, "Nông nghiệp": 1}),
        ("admin", {"Giao thông": 2, "Nông nghiệp": 1}),
        ("compiler_a", {"Giao thông": 2}),
        ("reporter_b", {"Nông nghiệp": 1}),
        ("area_officer", {"Nông nghiệp": 1}),
        ("outsider", None),
    ],
)
def test_field_bars_count_the_viewers_items_and_open_them(client, world, recent, who, bars):
    client.force_login(getattr(world, who))
    html = client.get(reverse("home")).content.decode()
    if bars is None:
        assert 'id="field-chart-data"' not in html and 'id="mood-chart-data"' not in html
        assert "plotly.min.js" not in html  # no chart, no library
        return
    chart = figure(html, "field-chart")
    trace = chart["data"][0]
    assert trace["type"] == "bar" and trace["orientation"] == "h"
    assert dict(zip(trace["y"], trace["x"], strict=True)) == bars
    assert chart["download"]["filename"] and chart["download"]["png"]
    table = section(html, "by-field")
    for (url, name), n in zip(trace["customdata"], trace["x"], strict=True):
        assert name.startswith(next(label for label in bars if name.startswith(label)))
        # the table beside the chart carries the same number with the same link
        assert f'<a href="{url}">{n}</a>' in table
        page = listing(client, url)
        assert ("ngập sâu" in page) == ("Giao thông" in name)
        assert ("phân bón" in page) == ("Nông nghiệp" in name)
        assert "hai tháng trước" not in page


def test_mood_strip_parts_open_their_items(client, world, recent):
    client.force_login(world.leader)
    html = client.get(reverse("home")).content.decode()
    chart = figure(html, "mood-chart")
    parts = {trace["name"]: trace for trace in chart["data"]}
    assert list(parts) == ["Tích cực", "Trung tính", "Tiêu cực"]
    assert {name: trace["x"][0] for name, trace in parts.items()} == {
        "Tích cực": 1,
        "Trung tính": 0,
        "Tiêu cực": 2,
    }
    table = section(html, "by-mood")
    for trace in chart["data"]:
        url, share = trace["customdata"][0]
        assert f'<a href="{url}">{trace["x"][0]}</a>' in table and f"{share}%" in table
    negative = listing(client, parts["Tiêu cực"]["customdata"][0][0])
    assert "ngập sâu" in negative and "phân bón" in negative and "phấn khởi" not in negative
    positive = listing(client, parts["Tích cực"]["customdata"][0][0])
    assert "phấn khởi" in positive and "ngập sâu" not in positive


def test_the_numbers_open_their_items(client, world, recent):
    client.force_login(world.leader)
    html = client.get(reverse("home")).content.decode()
    stats = html[html.index('class="grid cols-4 dash-stats"') :]
    stats = stats[: stats.index('<div class="grid side">')].replace("&amp;", "&")
    links = dict(
        (" ".join(re.sub(r"<[^>]+>", " ", text).split()), url)
        for url, text in re.findall(r'<a[^>]*href="(/items/\?[^"]+)"[^>]*>(.*?)</a>', stats, re.S)
    )
    # (the number as the page shows it, what its list holds, what it must not hold)
    for shown, holds, lacks in (
        ("2", ["ngập sâu", "phân bón"], ["phấn khởi"]),  # the last 7 days
        ("1 trong 7 ngày trước đó", ["phấn khởi"], ["ngập sâu"]),  # 9 days ago
        ("3 thông tin trong 30 ngày qua", ["phấn khởi", "phân bón"], ["hai tháng trước"]),
        (
            "67% mang tâm trạng tiêu cực (2 thông tin, 30 ngày)",
            ["ngập sâu", "phân bón"],
            ["phấn khởi"],
        ),
        ("Đơn thư khiếu nại, tố cáo: 1", ["phấn khởi"], ["ngập sâu"]),
        ("Kiến nghị, bức xúc: 2", ["ngập sâu", "phân bón"], ["phấn khởi"]),
    ):
        page = listing(client, links[shown])
        assert all(text in page for text in holds), shown
        assert not any(text in page for text in lacks), shown


def test_chart_pages_mark_plotlys_map_stylesheet_as_present(client, world, recent):
    """The element plotly.js looks for before injecting its map stylesheet (an inline style
    the Content-Security-Policy refuses) is in every chart page, so nothing is refused."""
    client.force_login(world.leader)
    for name in ("home", "insight_dashboard"):
        html = client.get(reverse(name)).content.decode()
        assert f'id="{PLOTLY_MAP_STYLE_ID}"' in html, name
        assert html.index(f'id="{PLOTLY_MAP_STYLE_ID}"') < html.index("plotly.min.js")
