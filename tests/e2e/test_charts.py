"""End to end in headless Chromium: the dashboard's chart is drawn by plotly.js from the
application's own static files (no inline script, under the Content-Security-Policy), fits a
phone, downloads as PNG and SVG, and a click on a bar opens the items it counts."""

import datetime as dt
import json

import pytest

from tests.e2e.test_browser import CHROMIUM
from tests.factories import Role, make_item, make_unit, member

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM, reason="no Chromium installed (apt-get install chromium)"),
]


@pytest.fixture
def compiler(live_server):
    """A ward's compiler and two items of this week, made before the browser starts."""
    from django.utils import timezone

    from dantinh.org.models import Unit

    gso = Unit.CodeScheme.GSO_2025  # real codes: the packaged boundaries draw the map
    province = make_unit("Thành phố Hải Phòng", code="31", code_scheme=gso)
    ward = make_unit("Phường Lê Chân", province, code="11311", code_scheme=gso)
    group = make_unit("Tổ dân phố số 5", ward)
    person = member("bdv.lechan", ward, Role.COMPILER)
    member("tonghop", province, Role.COMPILER)  # whose map shows the city's wards
    day = timezone.localdate() - dt.timedelta(days=1)
    for text in ("Người dân tổ 5 phản ánh cống thoát nước bị tắc", "Bà con đề nghị sửa đèn đường"):
        make_item(person, group, text, observed_on=day)
    return person


@pytest.fixture
def phone_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, locale="vi-VN", accept_downloads=True
        )
        page = context.new_page()
        page.set_default_timeout(20_000)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        # console errors too: a style or script the Content-Security-Policy refuses is one
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.errors = errors
        yield page
        browser.close()


def _sign_in(page, base_url: str, username: str = "bdv.lechan") -> None:
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass12345")
    page.click("form:has(#id_password) button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def test_the_weekly_chart_draws_downloads_and_opens_its_items(live_server, compiler, phone_page):
    page = phone_page
    _sign_in(page, live_server.url)

    page.goto(f"{live_server.url}/dashboard/")
    page.wait_for_selector("#weekly-chart .main-svg")
    assert page.errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    figure = json.loads(page.locator("#weekly-chart-data").text_content())
    counts = figure["data"][0]["y"]
    busiest = counts.index(max(counts))
    assert counts[busiest] == 2
    # plotly.js drew the bars itself, one per week, in the box's width
    bars = page.locator("#weekly-chart .bars .point")
    assert bars.count() == len(counts)
    assert page.locator("#weekly-chart").bounding_box()["width"] <= 390

    for label, name in (
        ("Tải biểu đồ dạng ảnh (PNG)", "dantinh-theo-tuan.png"),
        ("Tải biểu đồ dạng hình vẽ (SVG)", "dantinh-theo-tuan.svg"),
    ):
        with page.expect_download() as download:
            page.click(f"#weekly-chart .modebar-btn[data-title='{label}']")
        assert download.value.suggested_filename == name

    # plotly.js takes clicks on the plot area above the bars: click where the bar is drawn
    page.locator("#weekly-chart").scroll_into_view_if_needed()
    box = bars.nth(busiest).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/items/?**")
    listing = page.locator("main").inner_text()
    assert "cống thoát nước" in listing and "đèn đường" in listing


def test_the_map_downloads_as_png_and_svg(live_server, compiler, phone_page):
    """The map stays drawn on the server; the browser makes its PNG and SVG files."""
    page = phone_page
    _sign_in(page, live_server.url, "tonghop")
    page.goto(f"{live_server.url}/map/")
    for label, name, starts in (
        ("Tải PNG", "dantinh-ban-do.png", b"\x89PNG"),
        ("Tải SVG", "dantinh-ban-do.svg", b"<svg"),
    ):
        with page.expect_download() as download:
            page.click(f"[data-svg-download] button:has-text('{label}')")
        assert download.value.suggested_filename == name
        with open(download.value.path(), "rb") as saved:
            assert saved.read().startswith(starts)
    assert page.errors == []


def test_the_overview_charts_draw_and_their_bars_open_their_items(
    live_server, compiler, phone_page
):
    """The overview's field bars and mood strip are drawn by plotly.js with nothing refused
    by the Content-Security-Policy (plotly's map stylesheet included); a bar opens its items."""
    page = phone_page
    _sign_in(page, live_server.url)
    page.wait_for_selector("#field-chart .main-svg")
    page.wait_for_selector("#mood-chart .main-svg")
    assert page.errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    bar = page.locator("#field-chart .bars .point").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/items/?**")
    listing = page.locator("main").inner_text()
    assert "cống thoát nước" in listing and "đèn đường" in listing
