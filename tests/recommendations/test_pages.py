"""Pages: role × outcome for each page and action, and what a person sees on them."""

import re

import pytest
from django.urls import reverse

from dantinh.core.models import AuditEntry
from dantinh.recommendations import services
from dantinh.recommendations.models import Recommendation
from tests.recommendations.conftest import make_rec

S = Recommendation.State
pytestmark = pytest.mark.django_db


@pytest.fixture
def routed(world, directory, rec):
    return services.recommendation_forward(actor=world.compiler_a, rec=rec, body=directory.ubnd_a)


def _user(world, directory, role):
    return {
        "compiler_a": world.compiler_a,
        "reporter_a": world.reporter_a,
        "leader": world.leader,
        "admin": world.admin,
        "compiler_b": world.compiler_b,
        "area_officer": world.area_officer,
        "outsider": world.outsider,
        "contact_a": directory.contact_a,
        "contact_b": directory.contact_b,
        "contact_xd": directory.contact_xd,
        "superuser": world.superuser,
    }[role]


@pytest.mark.parametrize(
    "role,status",
    [
        ("compiler_a", 200),
        ("reporter_a", 200),
        ("leader", 200),
        ("superuser", 200),
        ("contact_a", 200),  # routed to their body
        ("compiler_b", 404),
        ("area_officer", 404),  # follows commune B only
        ("outsider", 404),
        ("contact_b", 404),
        ("contact_xd", 404),
        (None, 302),
    ],
)
def test_detail_role_by_outcome(client, world, directory, routed, role, status):
    if role:
        client.force_login(_user(world, directory, role))
    response = client.get(reverse("recommendations:detail", args=[routed.pk]))
    assert response.status_code == status
    if status == 404:
        missing = client.get(reverse("recommendations:detail", args=[routed.pk + 999]))
        assert missing.status_code == 404
        assert routed.item.headline not in response.content.decode()


@pytest.mark.parametrize(
    "role,status,state",
    [
        ("contact_a", 302, S.IN_PROGRESS),
        ("compiler_a", 302, S.IN_PROGRESS),  # the desk on the body's behalf
        ("reporter_a", 403, S.FORWARDED),
        ("leader", 403, S.FORWARDED),
        ("contact_b", 404, S.FORWARDED),
        ("compiler_b", 404, S.FORWARDED),
        ("outsider", 404, S.FORWARDED),
    ],
)
def test_accept_role_by_outcome(client, world, directory, routed, role, status, state):
    client.force_login(_user(world, directory, role))
    response = client.post(reverse("recommendations:act", args=[routed.pk, "accept"]))
    assert response.status_code == status
    routed.refresh_from_db()
    assert routed.state == state


@pytest.mark.parametrize(
    "role,status",
    [("compiler_a", 302), ("reporter_a", 403), ("contact_a", 404), ("compiler_b", 404)],
)
def test_forward_role_by_outcome(client, world, directory, rec, role, status):
    client.force_login(_user(world, directory, role))
    response = client.post(
        reverse("recommendations:act", args=[rec.pk, "forward"]), {"body": directory.ubnd_a.pk}
    )
    assert response.status_code == status
    rec.refresh_from_db()
    assert (rec.state == S.FORWARDED) == (status == 302)


def test_the_desk_page_shows_the_suggested_body_and_forwards(client, world, directory, rec):
    client.force_login(world.compiler_a)
    page = client.get(reverse("recommendations:detail", args=[rec.pk])).content.decode()
    assert directory.ubnd_a.name in page and "Chuyển" in page
    response = client.post(
        reverse("recommendations:act", args=[rec.pk, "forward"]),
        {"body": directory.ubnd_a.pk, "version": rec.version},
        follow=True,
    )
    assert "Đã chuyển." in response.content.decode()


def test_declining_without_a_reason_says_so_and_keeps_the_state(client, world, directory, routed):
    client.force_login(directory.contact_a)
    response = client.post(
        reverse("recommendations:act", args=[routed.pk, "decline"]), {"reason": ""}
    )
    assert response.status_code == 400
    assert "Trường này là bắt buộc" in response.content.decode()
    routed.refresh_from_db()
    assert routed.state == S.FORWARDED


def test_a_stale_form_says_who_changed_it(client, world, directory, rec):
    client.force_login(world.compiler_a)
    services.recommendation_assign(actor=world.compiler_a, rec=rec, assignee=world.compiler_a)
    response = client.post(
        reverse("recommendations:act", args=[rec.pk, "forward"]),
        {"body": directory.ubnd_a.pk, "version": 1},
        follow=True,
    )
    assert "compiler_a" in response.content.decode()
    rec.refresh_from_db()
    assert rec.state == S.RECEIVED


@pytest.mark.parametrize(
    "role,sees",
    [
        ("compiler_a", True),
        ("contact_a", True),
        ("contact_b", False),
        ("reporter_a", True),
        ("outsider", False),
    ],
)
def test_queue_and_lists(client, world, directory, routed, role, sees):
    client.force_login(_user(world, directory, role))
    for view in ("queue", "all"):
        response = client.get(reverse("recommendations:list") + f"?view={view}")
        if role == "outsider":
            assert response.status_code == 404
            continue
        if role == "reporter_a" and view == "queue":
            continue  # a reporter does not act: their queue is empty
        assert (routed.item.headline in response.content.decode()) == sees


def test_a_body_contact_sees_nothing_else(client, world, directory, routed):
    other = make_rec(world, "Kiến nghị về ô nhiễm tiếng ồn từ xưởng gỗ ở tổ dân phố số 2 kéo dài")
    client.force_login(directory.contact_a)
    page = client.get(reverse("recommendations:list") + "?view=all").content.decode()
    assert routed.item.headline in page and other.item.headline not in page
    assert client.get(reverse("intake:item_detail", args=[routed.item_id])).status_code == 404
    assert client.get(reverse("intake:item_list")).status_code == 200
    assert routed.item.headline not in client.get(reverse("intake:item_list")).content.decode()


def test_figures_page(client, world, directory, routed):
    services.recommendation_answer(actor=directory.contact_a, rec=routed, text="Đã sửa")
    client.force_login(world.leader)
    page = client.get(reverse("recommendations:figures")).content.decode()
    assert directory.ubnd_a.name in page


@pytest.mark.parametrize(
    "role,status", [("compiler_a", 200), ("reporter_a", 404), ("outsider", 404)]
)
def test_register_page(client, world, directory, role, status):
    from tests.factories import make_item

    item = make_item(
        world.compiler_a, world.village_a1, "Kiến nghị sớm lắp đèn chiếu sáng ngõ 5 tổ 1"
    )
    client.force_login(_user(world, directory, role))
    assert client.get(reverse("recommendations:register")).status_code == status
    client.post(reverse("recommendations:register"), {"item": [item.pk]})
    assert Recommendation.objects.filter(item=item).exists() == (status == 200)


def test_transmittal_letter(client, world, directory, routed):
    client.force_login(world.compiler_a)
    response = client.get(reverse("recommendations:transmittal", args=[routed.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml").decode()
    assert directory.ubnd_a.name in xml
    assert AuditEntry.objects.filter(action="export", object_id=str(routed.pk)).exists()
    client.force_login(directory.contact_a)
    assert client.get(reverse("recommendations:transmittal", args=[routed.pk])).status_code == 404


@pytest.mark.parametrize("role,status", [("admin", 200), ("compiler_a", 404), ("contact_a", 404)])
def test_body_page(client, world, directory, role, status):
    client.force_login(_user(world, directory, role))
    assert (
        client.get(reverse("recommendations:body_detail", args=[directory.ubnd_a.pk])).status_code
        == status
    )


def test_bulk_forward(client, world, directory):
    recs = [
        make_rec(world, f"Đề nghị sửa chữa đường liên thôn đoạn số {n} tổ dân phố số 1")
        for n in range(2)
    ]
    client.force_login(world.compiler_a)
    client.post(
        reverse("recommendations:bulk"),
        {"rec": [r.pk for r in recs], "action": "forward", "body": directory.ubnd_a.pk},
    )
    assert set(
        Recommendation.objects.filter(pk__in=[r.pk for r in recs]).values_list("state", flat=True)
    ) == {S.FORWARDED}


def _main_menu(page: str) -> list[str]:
    nav = re.search(r'<nav class="main".*?</nav>', page, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"', nav)


def test_a_body_contact_menu_holds_only_what_they_use(client, world, directory, routed):
    """The ward committee's contact holds no unit role: the menu offers their queue, their
    account and their notifications, not pages that would show them nothing; their first
    page is the queue."""
    client.force_login(directory.contact_a)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("recommendations:list")
    page = response.content.decode()
    assert routed.item.headline in page
    assert _main_menu(page) == [
        reverse("recommendations:list"),
        reverse("accounts:home"),
        reverse("reporting:notifications"),
    ]
    tabs = re.search(r'<nav class="actions tabs".*?</nav>', page, re.S).group(0)
    assert reverse("recommendations:figures") not in tabs
    assert reverse("recommendations:bodies") not in tabs
    account = client.get(reverse("accounts:home")).content.decode()
    assert reverse("intake:item_list") not in _main_menu(account)


def test_the_desk_menu_is_whole(client, world, directory, routed):
    client.force_login(world.compiler_a)
    page = client.get(reverse("recommendations:list")).content.decode()
    menu = _main_menu(page)
    for name in ("home", "intake:item_list", "reporting:home", "cases:board", "org:unit_list"):
        assert reverse(name) in menu
    assert reverse("accounts:home") not in menu  # their name in the header leads there
    tabs = re.search(r'<nav class="actions tabs".*?</nav>', page, re.S).group(0)
    assert reverse("recommendations:figures") in tabs
    assert client.get("/").status_code == 200
