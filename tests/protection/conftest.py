import pytest

from tests.factories import Role, member


@pytest.fixture
def commune_admin(world):
    """An administrator of commune A only: handles its requests, not the deployment's duties."""
    return member("admin_a", world.commune_a, Role.ADMIN)


def login(client, world, who, commune_admin=None):
    if who == "anonymous":
        return
    user = commune_admin if who == "commune_admin" else getattr(world, who)
    client.force_login(user)
