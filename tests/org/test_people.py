"""The people page: search without diacritics, in pages, within the administrator's units;
the API documentation sits in the application's frame and only administrators see its link."""

import re

import pytest
from django.urls import reverse

from tests.factories import Role, UserFactory, member

pytestmark = pytest.mark.django_db


def _usernames(page: str) -> list[str]:
    return re.findall(r"<td><strong>([\w.@+-]+)</strong>", page)


def test_search_ignores_diacritics_and_stays_in_scope(client, world):
    hoa = member("ngo.hoa", world.village_a1, Role.REPORTER)
    hoa.full_name = "Ngô Thị Hòa"
    hoa.save()
    other = member("hoa.b", world.village_b1, Role.REPORTER)
    other.full_name = "Lê Thị Hoa"
    other.save()
    admin_a = member("admin_a", world.commune_a, Role.ADMIN)

    client.force_login(admin_a)
    found = _usernames(client.get(reverse("org:people"), {"q": "ngo thi hoa"}).content.decode())
    assert found == ["ngo.hoa"]
    found = _usernames(client.get(reverse("org:people"), {"q": "HOA"}).content.decode())
    assert found == ["ngo.hoa"]  # Lê Thị Hoa is in commune B
    by_unit = _usernames(
        client.get(reverse("org:people"), {"q": "to dan pho so 1"}).content.decode()
    )
    assert by_unit == ["ngo.hoa"]


def test_people_come_in_pages(client, world):
    for n in range(60):
        member(f"cb{n:02d}", world.village_a1, Role.REPORTER)
    client.force_login(world.admin)
    first = client.get(reverse("org:people")).content.decode()
    second = client.get(reverse("org:people"), {"page": 2}).content.decode()
    on_first, on_second = _usernames(first), _usernames(second)
    assert len(on_first) == 50
    everyone = {
        "admin",
        "compiler_a",
        "compiler_b",
        "leader",
        "officer",
        "reporter_a",
        "reporter_b",
    }
    assert set(on_first) | set(on_second) == everyone | {f"cb{n:02d}" for n in range(60)}
    assert not set(on_first) & set(on_second)
    assert 'rel="next"' in first and 'rel="prev"' in second


def test_a_person_with_two_roles_is_one_row(client, world):
    member("reporter_a", world.village_a2, Role.COMPILER)
    client.force_login(world.admin)
    page = client.get(reverse("org:people"), {"q": "reporter_a"}).content.decode()
    assert _usernames(page) == ["reporter_a"]
    assert page.count("/toggle/") == 2  # each role keeps its own suspend button


@pytest.mark.parametrize(
    ("who", "sees"), [("admin", True), ("reporter_a", False), ("leader", False)]
)
def test_only_administrators_have_the_api_in_their_menu(client, world, who, sees):
    client.force_login(getattr(world, who))
    menu = client.get("/").content.decode().split('<nav class="main"', 1)[1].split("</nav>")[0]
    assert (reverse("api-docs") in menu) is sees


def test_the_api_documentation_is_in_the_frame_with_its_assets_served_here(client, world):
    client.force_login(world.admin)
    page = client.get(reverse("api-docs")).content.decode()
    assert '<nav class="main"' in page and "Tài liệu API" in page  # the menu: a way back
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert any("swagger-ui-bundle.js" in s for s in scripts)
    assert all(s.startswith("/static/") for s in scripts)
    assert client.get(reverse("api-schema")).status_code == 200


def test_users_created_elsewhere_are_found_too(client, world):
    UserFactory(username="tao.tay", full_name="Đặng Văn Tạo")
    member("tao.tay", world.village_a1, Role.REPORTER)
    client.force_login(world.admin)
    assert _usernames(
        client.get(reverse("org:people"), {"q": "dang van tao"}).content.decode()
    ) == ["tao.tay"]
