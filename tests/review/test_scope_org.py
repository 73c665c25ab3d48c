"""Scope of the organisation's administration: an administrator gives roles only within
their units, the areas an area officer follows included."""

import pytest
from django.urls import reverse

from dantinh.core.errors import PermissionDeniedError
from dantinh.org import services
from dantinh.org.models import Membership
from tests.factories import Role, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_a(world):
    return member("admin_a", world.commune_a, Role.ADMIN)


def test_an_administrator_cannot_assign_areas_outside_their_units(world, items, admin_a, client):
    person = UserFactory(username="can_bo_moi")
    with pytest.raises(PermissionDeniedError):
        services.membership_grant(
            actor=admin_a,
            user=person,
            unit=world.commune_a,
            role=Role.AREA_OFFICER,
            assigned_areas=[world.commune_b],
        )
    assert not Membership.objects.filter(user=person).exists()
    client.force_login(person)
    assert client.get(reverse("intake:item_detail", args=[items["b"].pk])).status_code == 404


def test_an_administrator_assigns_areas_within_their_units(world, admin_a):
    person = UserFactory(username="can_bo_moi")
    membership = services.membership_grant(
        actor=admin_a,
        user=person,
        unit=world.commune_a,
        role=Role.AREA_OFFICER,
        assigned_areas=[world.village_a1],
    )
    assert list(membership.assigned_areas.all()) == [world.village_a1]


def test_the_people_page_refuses_areas_outside_the_units(client, world, admin_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("org:people"),
        {
            "username": "can_bo_moi",
            "full_name": "Cán bộ mới",
            "password": "mat-khau-dai-12345",
            "unit": world.commune_a.pk,
            "role": Role.AREA_OFFICER,
            "areas": [world.commune_b.pk],
        },
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user__username="can_bo_moi").exists()
