"""End to end in headless Chromium: log in, log an item on the phone-sized page, find it by a
search typed without diacritics."""

import os
import shutil

import pytest

from tests.factories import Role, make_unit, member

CHROMIUM = (
    os.environ.get("DANTINH_CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM, reason="no Chromium installed (apt-get install chromium)"),
]


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        browser.close()


@pytest.fixture
def reporter(live_server):
    """Made before the browser starts: Playwright's event loop forbids the ORM in this thread."""
    province = make_unit("Thành phố Hải Phòng")
    commune = make_unit("Phường Lê Chân", province)
    make_unit("Tổ dân phố số 5", commune)
    return member("cb.lechan", commune, Role.REPORTER)


def _sign_in(page, base_url: str) -> None:
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", "cb.lechan")
    page.fill("#id_password", "pass12345")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def test_log_an_item_and_find_it_without_diacritics(live_server, reporter, browser_page):
    page = browser_page

    _sign_in(page, live_server.url)

    page.goto(f"{live_server.url}/items/new/")
    page.fill(
        "#id_text", "Người dân tổ 5 bức xúc vì tiến độ giải phóng mặt bằng đường Hồ Sen kéo dài"
    )
    # The model's suggestions arrive as the person types and fill the choices not yet made.
    page.wait_for_selector("#suggestions .tag", timeout=30_000)
    assert page.locator("#id_field option:checked").inner_text().startswith("Đất đai")
    assert page.locator("#id_model_version").input_value()
    page.fill("#id_unit_q", "to dan pho so 5")  # the unit picker ignores diacritics too
    page.click("#unit-options button:has-text('Tổ dân phố số 5')")
    page.select_option("#id_kind", label="Kiến nghị, bức xúc")
    page.select_option("#id_field", label="Đất đai, thu hồi đất, bồi thường, GPMB")
    page.select_option("#id_mood", label="Bức xúc")
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("text=Đã lưu thông tin.")
    assert page.locator(".item-text").inner_text().startswith("Người dân tổ 5")

    page.goto(f"{live_server.url}/items/")
    page.fill("#id_q", "giai phong mat bang ho sen")
    page.wait_for_selector("#results a:has-text('giải phóng mặt bằng')")
    page.fill("#id_q", "khong co tin nay")
    page.wait_for_selector("#results >> text=Không có thông tin nào phù hợp.")


@pytest.fixture
def logged_grievance(reporter):
    """An item of the reporter's ward, logged before the browser starts."""
    from dantinh.org.models import Unit
    from tests.factories import make_item

    village = Unit.objects.get(full_name="Tổ dân phố số 5")
    return make_item(
        reporter,
        village,
        "Nhiều hộ dân tổ dân phố số 5 bức xúc vì cống thoát nước phố "
        "Hàng Kênh bị tắc, mỗi khi mưa lớn nước thải tràn vào nhà; bà con đề nghị phường "
        "sớm nạo vét.",
    )


def test_a_grievance_already_logged_is_pointed_out_while_typing(
    live_server, logged_grievance, browser_page
):
    page = browser_page
    _sign_in(page, live_server.url)

    page.goto(f"{live_server.url}/items/new/")
    page.fill(
        "#id_text",
        "Người dân tổ dân phố số 5 phản ánh cống thoát nước phố Hàng Kênh bị tắc, cứ mưa "
        "lớn là nước thải tràn vào nhà, đề nghị phường sớm cho nạo vét.",
    )
    hint = page.wait_for_selector(f"#similar a[href='/items/{logged_grievance.pk}/']")
    assert "Hàng Kênh" in hint.inner_text()
    assert "Có thể đã được ghi nhận" in page.locator("#similar").inner_text()
    # only a hint: the item is saved all the same
    page.wait_for_selector("#suggestions .tag", timeout=30_000)
    page.select_option("#id_kind", label="Kiến nghị, bức xúc")
    page.select_option("#id_field", label="Môi trường")
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("text=Đã lưu thông tin.")
    # and its page, once loaded, lists the item it repeats
    page.wait_for_selector(f"#similar-items a[href='/items/{logged_grievance.pk}/']")


def test_on_a_phone_save_and_the_bell_stay_in_reach(live_server, reporter, browser_page):
    """Issue 9.16, on a 390 px screen: the entry form's Save button stays on screen however
    long the form, the notification bell is in sight, kind and field wait to be chosen, and a
    date typed as digits on the number keys reads day first."""
    page = browser_page
    _sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/items/new/")
    viewport = page.viewport_size
    save = page.locator("button.btn.primary:has-text('Lưu')").bounding_box()
    assert save["y"] + save["height"] <= viewport["height"]
    bell = page.locator("a[href='/reports/notifications/']").bounding_box()
    assert 0 <= bell["x"] and bell["x"] + bell["width"] <= viewport["width"]
    assert page.locator("#id_kind option:checked").inner_text() == "— chọn —"
    assert page.locator("#id_field option:checked").inner_text() == "— chọn —"
    page.fill("#id_observed_on", "")
    page.type("#id_observed_on", "05112026")
    assert page.input_value("#id_observed_on") == "05/11/2026"


def test_an_unsure_label_offers_two_choices_and_a_click_picks_one(
    live_server, reporter, browser_page, monkeypatch
):
    """Where the model is unsure (here: made unsure of everything) the field list is not
    filled in; the two likeliest fields are offered, and a click on the second puts it in."""
    from dantinh.language.classify import item as item_model

    monkeypatch.setattr(item_model, "UNSURE_BELOW", 1.01)
    page = browser_page
    _sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/items/new/")
    page.fill(
        "#id_text", "Người dân tổ 5 bức xúc vì tiến độ giải phóng mặt bằng đường Hồ Sen kéo dài"
    )
    page.wait_for_selector("[data-choose='field']", timeout=30_000)
    assert page.input_value("#id_field") == ""
    choices = page.locator("[data-choose='field']")
    assert choices.count() == 2
    second = choices.nth(1)
    value = second.get_attribute("data-value")
    second.click()
    assert page.input_value("#id_field") == value
    assert second.get_attribute("aria-pressed") == "true"
    assert choices.nth(0).get_attribute("aria-pressed") == "false"
    # the group fits a phone's width
    box = page.locator("[data-choices='field']").bounding_box()
    assert box["x"] + box["width"] <= page.viewport_size["width"]
