"""End to end in headless Chromium: the report editor loses nothing. Two sections edited and
sent at once are both in the version sent; a section autosaves and says so; leaving with
unsaved text asks first; a section someone else changed meanwhile stops autosaving and
says what is stored now."""

import pytest

from tests.e2e.test_browser import CHROMIUM
from tests.factories import Role, make_unit, member

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM, reason="no Chromium installed (apt-get install chromium)"),
]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def draft(live_server):
    """A ward's weekly report in draft, and two people who may write it; made before the
    browser starts (Playwright's event loop forbids the ORM in this thread)."""
    from django.utils import timezone

    from dantinh.reporting import services
    from dantinh.reporting.models import Schedule
    from dantinh.reporting.periods import next_due

    province = make_unit("Thành phố Hải Phòng")
    ward = make_unit("Phường Lê Chân", province)
    compiler = member("bdv.lechan", ward, Role.COMPILER)
    member("quantri", province, Role.ADMIN)
    schedule = Schedule.objects.get(slug="weekly")
    return services.submission_draft(
        actor=compiler,
        unit=ward,
        schedule=schedule,
        period_key=next_due(schedule, timezone.now()).key,  # the server's clock: not pinned
    )


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _page(browser, base_url: str, username: str, width: int = 1366):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass12345")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")
    return page


def test_two_sections_edited_and_sent_at_once_are_both_sent(live_server, draft, browser):
    page = _page(browser, live_server.url, "bdv.lechan", width=390)
    page.goto(f"{live_server.url}/reports/s/{draft.pk}/")
    page.fill("#text-general", "Tình hình Nhân dân trên địa bàn phường ổn định.")
    page.fill("#text-proposals", "Đề nghị thành phố sớm cải tạo tuyến đường ven sông.")
    # Sent at once, before either section had time to save itself.
    page.click("button:has-text('Gửi báo cáo')")
    page.wait_for_selector("text=Đã gửi báo cáo.")
    page.goto(f"{live_server.url}/reports/s/{draft.pk}/versions/1/")
    sent = page.locator("main").inner_text()
    assert "Tình hình Nhân dân trên địa bàn phường ổn định." in sent
    assert "Đề nghị thành phố sớm cải tạo tuyến đường ven sông." in sent


def test_a_section_saves_itself_and_leaving_unsaved_text_asks_first(live_server, draft, browser):
    page = _page(browser, live_server.url, "bdv.lechan")
    url = f"{live_server.url}/reports/s/{draft.pk}/"
    page.goto(url)
    status = page.locator("#section-mood .save-status")
    page.fill("#text-mood", "Nhân dân phấn khởi.")
    assert status.inner_text() == "Chưa lưu"
    page.wait_for_selector("#section-mood .save-status:has-text('Đã lưu lúc')")
    # Saved: leaving asks nothing.
    page.goto(url)
    assert page.locator("#text-mood").input_value() == "Nhân dân phấn khởi."
    # Typed and left at once: the browser asks first.
    page.fill("#text-forecast", "Dự báo: ổn định.")
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.evaluate("window.location.href = '/reports/'")
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.locator("#text-forecast").input_value() == "Dự báo: ổn định."


def test_a_conflict_stops_autosave_and_shows_what_is_stored(live_server, draft, browser):
    mine = _page(browser, live_server.url, "bdv.lechan")
    theirs = _page(browser, live_server.url, "quantri")
    url = f"{live_server.url}/reports/s/{draft.pk}/"
    mine.goto(url)
    theirs.goto(url)
    theirs.fill("#text-general", "Bản của quản trị.")
    theirs.wait_for_selector("#section-general .save-status:has-text('Đã lưu lúc')")

    mine.fill("#text-general", "Bản của cán bộ phường.")
    conflict = mine.wait_for_selector("#section-general .save-status.bad")
    assert "quantri đã sửa bản ghi này" in conflict.inner_text()
    assert "“Bản của quản trị.”" in conflict.inner_text()
    # Autosave has stopped: typing more sends nothing, and the text stays as typed.
    requests = []
    mine.on("request", lambda r: requests.append(r.url) if "/sections/" in r.url else None)
    mine.fill("#text-general", "Bản của cán bộ phường, sửa thêm.")
    mine.wait_for_timeout(3000)
    assert requests == []
    assert mine.locator("#text-general").input_value() == "Bản của cán bộ phường, sửa thêm."
    # Saving deliberately, having read the message, keeps the person's text.
    mine.click("#section-general button:has-text('Lưu')")
    mine.wait_for_selector("text=Đã lưu báo cáo.")
    assert mine.locator("#text-general").input_value() == "Bản của cán bộ phường, sửa thêm."
