import datetime as dt
from dataclasses import dataclass

import pytest

from dantinh.intake.models import Authority, Field, Kind
from dantinh.org.actors import system_actor
from dantinh.recommendations import bodies, services
from dantinh.recommendations.models import Body, Recommendation
from tests.factories import Role, make_item, member


@dataclass
class Directory:
    ubnd_a: Body
    ubnd_b: Body
    so_xay_dung: Body
    cong_an: Body
    contact_a: object  # the account of UBND commune A's contact
    contact_b: object
    contact_xd: object


@pytest.fixture
def directory(world) -> Directory:
    system = system_actor()
    bodies.bodies_seed_defaults(actor=system, root=world.province)
    by = {(b.unit_id, b.authority.code): b for b in Body.objects.select_related("authority")}
    ubnd_a = by[(world.commune_a.pk, "ubnd_xa")]
    ubnd_b = by[(world.commune_b.pk, "ubnd_xa")]
    so_xd = by[(world.province.pk, "so_xay_dung")]
    accounts = []
    for body, username in ((ubnd_a, "ubnd_a"), (ubnd_b, "ubnd_b"), (so_xd, "so_xd")):
        contact = bodies.contact_create(actor=system, body=body, full_name=f"Liên hệ {username}")
        accounts.append(
            bodies.contact_give_account(
                actor=system, contact=contact, username=username, password="pass12345"
            )
        )
    for account in accounts:  # as if each had signed in once and chosen a password
        account.must_change_password = False
        account.save(update_fields=["must_change_password"])
    return Directory(
        ubnd_a,
        ubnd_b,
        so_xd,
        by[(world.province.pk, "cong_an")],
        *accounts,
    )


def make_rec(
    world,
    text="Đường liên thôn tổ 1 xuống cấp, nhiều ổ gà, người dân đi lại khó khăn",
    *,
    unit=None,
    actor=None,
    kind="kien_nghi",
    **kwargs,
) -> Recommendation:
    unit = unit or world.village_a1
    actor = actor or world.compiler_a
    item = make_item(
        actor,
        unit,
        text,
        kind=Kind.objects.get(code=kind),
        observed_on=kwargs.pop("observed_on", dt.date(2026, 11, 16)),
        **{k: kwargs.pop(k) for k in ("field", "authority") if k in kwargs},
    )
    return services.recommendation_register(actor=actor, item=item, **kwargs)


@pytest.fixture
def rec(world, directory) -> Recommendation:
    return make_rec(world)


@pytest.fixture
def field_road(db):
    return Field.objects.get(code="giao_thong_ha_tang")


@pytest.fixture
def authority(db):
    return lambda code: Authority.objects.get(code=code)


__all__ = ["Role", "member"]
