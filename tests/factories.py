"""Factories with fixed, readable values. Units and items go through the services so that
paths, search text and audit entries are what the product makes."""

import datetime as dt

import factory

from dantinh.intake import services as item_services
from dantinh.intake.models import Channel, Field, Kind, Mood
from dantinh.org import services as org_services
from dantinh.org.actors import system_actor
from dantinh.org.importer import ensure_levels
from dantinh.org.models import Membership, Unit, User


def level(code: str):
    return ensure_levels()[code]


def make_unit(
    name: str, parent: Unit | None = None, *, level_code: str | None = None, **kwargs
) -> Unit:
    if level_code is None:
        level_code = {0: "tinh", 1: "xa"}.get(parent.depth + 1 if parent else 0, "thon")
    return org_services.unit_create(
        actor=system_actor(),
        name=name,
        full_name=kwargs.pop("full_name", name),
        parent=parent,
        level=level(level_code),
        **kwargs,
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.LazyAttribute(lambda o: f"Cán bộ {o.username}")
    password = factory.django.Password("pass12345")


def member(username: str, unit: Unit, role: str, areas=None) -> User:
    user = UserFactory(username=username)
    org_services.membership_grant(
        actor=system_actor(), user=user, unit=unit, role=role, assigned_areas=areas
    )
    return user


def make_item(
    actor, unit: Unit, text: str = "Nhân dân phản ánh đường liên thôn xuống cấp", **kwargs
):
    defaults = {
        "kind": Kind.objects.get(code="kien_nghi"),
        "field": Field.objects.get(code="giao_thong_ha_tang"),
        "channel": Channel.objects.get(code="cot_can_uy_tin"),
        "mood": Mood.objects.get(code="buc_xuc"),
        "observed_on": dt.date(2026, 11, 2),
    }
    defaults.update(kwargs)
    return item_services.item_create(actor=actor, unit=unit, text=text, **defaults)


Role = Membership.Role
