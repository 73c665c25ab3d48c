"""One rule for the acting user: every service needs one; background work is the system actor,
named in the trail; the policy never reads a missing user as "everyone"."""

import importlib
import inspect

import pytest

from dantinh.core.models import AuditEntry
from dantinh.org import policies
from dantinh.org.actors import system_actor

SERVICE_MODULES = [
    "dantinh.intake.services",
    "dantinh.intake.training",
    "dantinh.org.services",
    "dantinh.org.importer",
    "dantinh.reporting.services",
    "dantinh.reporting.config_services",
    "dantinh.reporting.exports",
    "dantinh.reporting.reminders",
    "dantinh.reporting.notify",
]


def services_with_an_actor():
    for name in SERVICE_MODULES:
        module = importlib.import_module(name)
        for fname, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != name or fname.startswith("_"):
                continue
            params = inspect.signature(fn).parameters
            if "actor" in params:
                yield pytest.param(fn, id=f"{name.rsplit('.', 2)[-2]}.{fname}")


SERVICES = list(services_with_an_actor())


def test_the_service_modules_were_found():
    assert len(SERVICES) > 40


@pytest.mark.parametrize("service", SERVICES)
def test_no_service_accepts_a_missing_actor(db, service):
    params = inspect.signature(service).parameters
    kwargs = {
        name: object()
        for name, p in params.items()
        if p.default is inspect.Parameter.empty and name != "actor"
    }
    with pytest.raises(TypeError, match="actor"):
        service(actor=None, **kwargs)


@pytest.mark.parametrize("service", SERVICES)
def test_every_actor_is_typed_as_a_user(service):
    annotation = inspect.signature(service).parameters["actor"].annotation
    assert annotation in ("User", "User | None") or getattr(annotation, "__name__", "") == "User"
    assert "None" not in str(annotation)


@pytest.mark.parametrize(
    "question",
    [
        lambda: policies.scope_q(None, "item.view"),
        lambda: policies.can_anywhere(None, "item.view"),
        lambda: policies.grants(None),
        lambda: policies.is_unrestricted(None),
    ],
)
def test_the_policy_refuses_a_missing_user_instead_of_guessing(question):
    with pytest.raises(TypeError):
        question()


def test_background_work_is_recorded_under_the_system_actors_name(world):
    from dantinh.org.services import unit_create

    unit_create(actor=system_actor(), name="Thôn Mới", parent=world.commune_a)
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry.actor_name == "system"
    assert entry.actor_id == system_actor().pk


def test_the_system_actor_cannot_sign_in(client, world):
    system = system_actor()
    assert not system.has_usable_password()
    # Through the sign-in page: authentication needs the request (django-axes counts failures).
    response = client.post("/login/", {"username": "system", "password": "any-password"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert not system.is_active


def test_the_system_name_is_reserved(world):
    from dantinh.core.errors import ValidationError
    from dantinh.org.services import user_create

    with pytest.raises(ValidationError):
        user_create(actor=world.admin, username="System", password="x-long-passw0rd")
