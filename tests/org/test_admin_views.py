import pytest
from django.urls import reverse

from dantinh.core.models import AuditEntry
from dantinh.org.models import Membership, Unit, User

pytestmark = pytest.mark.django_db


def _person(unit, username="newbie"):
    return {
        "username": username,
        "full_name": "Ngô Thị Hoa",
        "password": "a-Strong-pass-2026",
        "unit": unit.pk,
        "role": "reporter",
        "title": "Cán bộ",
    }


@pytest.mark.parametrize(
    ("who", "status"), [("admin", 200), ("compiler_a", 404), ("leader", 404), ("reporter_a", 404)]
)
def test_people_page_by_role(client, world, who, status):
    client.force_login(getattr(world, who))
    assert client.get(reverse("org:people")).status_code == status


def test_admin_creates_an_account_with_a_role_and_it_is_audited(client, world):
    client.force_login(world.admin)
    response = client.post(reverse("org:people"), _person(world.village_a1))
    assert response.status_code == 302
    person = User.objects.get(username="newbie")
    assert person.check_password("a-Strong-pass-2026")
    assert person.memberships.get().unit == world.village_a1
    assert AuditEntry.objects.filter(object_type="org.membership", actor_name="admin").exists()


def test_an_admin_of_a_commune_cannot_grant_outside_it(client, world):
    from tests.factories import Role, member

    commune_admin = member("admin_a", world.commune_a, Role.ADMIN)
    client.force_login(commune_admin)
    page = client.post(reverse("org:people"), _person(world.village_b1, "intruder"))
    assert page.status_code == 200 and not User.objects.filter(username="intruder").exists()
    listing = client.get(reverse("org:people")).content.decode()
    assert "reporter_a" in listing and "reporter_b" not in listing


def test_suspending_a_role_removes_the_scope(client, world, items):
    client.force_login(world.admin)
    membership = Membership.objects.get(user=world.reporter_a)
    client.post(reverse("org:membership_toggle", args=[membership.pk]))
    client.force_login(world.reporter_a)
    assert client.get(reverse("intake:item_detail", args=[items["a"].pk])).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [("admin", 302), ("compiler_a", 403), ("reporter_b", 404)]
)
def test_adding_a_unit_by_role(client, world, who, status):
    client.force_login(getattr(world, who))
    response = client.post(
        reverse("org:unit_add", args=[world.commune_a.pk]),
        {"name": "Tổ dân phố số 7", "kind": "territorial"},
    )
    assert response.status_code == status
    assert Unit.objects.filter(name="Tổ dân phố số 7").exists() is (status == 302)
