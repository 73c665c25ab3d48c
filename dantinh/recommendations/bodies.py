"""The directory of competent bodies and their contacts (services), and its defaults: after
the 2025 reorganisation, each commune's people's committee, and at the province its
committee, departments, police, inspectorate and the like, one per authority category."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.intake.models import Authority
from dantinh.org import policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User
from dantinh.recommendations.models import Body, BodyContact

BODY_FIELDS = ["name", "authority", "level", "unit", "address", "email", "phone", "is_active"]
CONTACT_FIELDS = ["full_name", "title", "email", "phone", "is_active", "user"]
# Categories that every commune has (its people's committee), and the rest at the province.
COMMUNE_CATEGORIES = {"ubnd_xa"}
PROVINCE_NAMES = {
    "ubnd_tinh": "UBND {place}",
    "cong_an": "Công an {place}",
    "thanh_tra": "Thanh tra {place}",
    "bhxh": "Bảo hiểm xã hội {place}",
    "dien_nuoc": "Công ty Điện lực {place}",
    "mttq_doan_the": "Ủy ban MTTQ Việt Nam {place}",
    "co_quan_dang": "Văn phòng {committee}",
}


def _check(actor: User, unit: Unit) -> None:
    require_actor(actor)
    if not policies.can(actor, "body.manage", unit):
        raise PermissionDeniedError()


def _clean_body(values: dict) -> dict:
    name = " ".join(str(values.get("name") or "").split())
    if not name:
        raise ValidationError({"name": _("This field is required.")})
    values["name"] = name[:200]
    if values.get("level") not in Body.Level.values:
        raise ValidationError({"level": _("Choose a value from the list.")})
    return values


@transaction.atomic
def body_create(
    *,
    actor: User,
    name: str,
    authority: Authority,
    level: str,
    unit: Unit,
    address: str = "",
    email: str = "",
    phone: str = "",
) -> Body:
    """Add a body to the directory. Needs "body.manage" at its unit."""
    _check(actor, unit)
    values = _clean_body({"name": name, "level": level})
    body = Body(
        name=values["name"],
        authority=authority,
        level=level,
        unit=unit,
        unit_path=unit.path,
        address=address.strip()[:255],
        email=email.strip(),
        phone=phone.strip()[:30],
    )
    try:
        with transaction.atomic():
            body.save()
    except IntegrityError:
        raise ValidationError({"name": _("This unit already has a body of that name.")}) from None
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=body,
        changes={k: [None, v] for k, v in audit.snapshot(body, BODY_FIELDS).items()},
    )
    return body


@transaction.atomic
def body_update(*, actor: User, body: Body, **changes) -> Body:
    _check(actor, body.unit)
    unknown = set(changes) - set(BODY_FIELDS)
    if unknown:
        raise ValidationError({k: _("This value cannot be changed.") for k in unknown})
    before = audit.snapshot(body, BODY_FIELDS)
    values = _clean_body({"name": body.name, "level": body.level} | changes)
    if "unit" in changes:
        _check(actor, changes["unit"])
        body.unit_path = changes["unit"].path
    for key, value in (changes | {"name": values["name"]}).items():
        setattr(body, key, value)
    body.save()
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=body,
        changes=audit.diff(before, audit.snapshot(body, BODY_FIELDS)),
    )
    return body


@transaction.atomic
def contact_create(
    *,
    actor: User,
    body: Body,
    full_name: str,
    title: str = "",
    email: str = "",
    phone: str = "",
) -> BodyContact:
    """A person to write to at a body. Needs "body.manage" at the body's unit."""
    _check(actor, body.unit)
    full_name = " ".join(full_name.split())[:150]
    if not full_name:
        raise ValidationError({"full_name": _("This field is required.")})
    contact = BodyContact.objects.create(
        body=body,
        full_name=full_name,
        title=title.strip()[:150],
        email=email.strip(),
        phone=phone.strip()[:30],
    )
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=contact,
        changes={k: [None, v] for k, v in audit.snapshot(contact, CONTACT_FIELDS).items()},
    )
    return contact


@transaction.atomic
def contact_give_account(
    *, actor: User, contact: BodyContact, username: str, password: str | None
) -> User:
    """Give a contact an account: it holds no role in any unit, so it sees the
    recommendations routed to the contact's body and nothing else. The first sign-in must
    change the password. Needs "body.manage" at the body's unit."""
    _check(actor, contact.body.unit)
    if contact.user_id is not None:
        raise ValidationError({"username": _("This contact already has an account.")})
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("This field is required.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This user name is taken.")})
    # The account is made here, not through org's user_create: its right to exist comes from
    # the directory ("body.manage"), not from managing people of a unit.
    user = User(
        username=username,
        full_name=contact.full_name,
        email=contact.email,
        phone=contact.phone,
        must_change_password=True,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    contact.user = user
    contact.save(update_fields=["user", "updated_at"])
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=user,
        unit_path=contact.body.unit_path,
        changes={"username": [None, username], "body_contact": [None, contact.pk]},
    )
    return user


@transaction.atomic
def bodies_seed_defaults(*, actor: User, root: Unit) -> int:
    """The default directory under a province or city: the people's committee of each of its
    communes and wards in use (commune-first matters go there), and one body per other
    category at the province. Creates only what is missing; returns how many it made."""
    _check(actor, root)
    from dantinh.reporting.docbuild import short_name

    place = short_name(root)
    committee = "Thành ủy" if root.full_name.startswith("Thành phố") else "Tỉnh ủy"
    existing = set(
        Body.objects.filter(unit_path__startswith=root.path).values_list("unit_id", "authority_id")
    )
    made = 0
    authorities = {a.code: a for a in Authority.objects.filter(is_active=True)}
    communes = Unit.objects.filter(
        parent=root, kind=Unit.Kind.TERRITORIAL, valid_to__isnull=True
    ).order_by("path")
    commune_body = authorities.get("ubnd_xa")
    rows: list[Body] = []
    if commune_body is not None:
        for commune in communes:
            if (commune.pk, commune_body.pk) not in existing:
                rows.append(
                    Body(
                        name=f"UBND {commune.full_name}",
                        authority=commune_body,
                        level=Body.Level.COMMUNE,
                        unit=commune,
                        unit_path=commune.path,
                    )
                )
    for code, authority in authorities.items():
        if code in COMMUNE_CATEGORIES or code == "khac" or (root.pk, authority.pk) in existing:
            continue
        pattern = PROVINCE_NAMES.get(code)
        name = (
            pattern.format(place=root.full_name, committee=f"{committee} {place}")
            if pattern
            else (f"{authority.name} {place}")
        )
        rows.append(
            Body(
                name=name[:200],
                authority=authority,
                level=Body.Level.PROVINCE,
                unit=root,
                unit_path=root.path,
            )
        )
    Body.objects.bulk_create(rows, ignore_conflicts=True)
    made = len(rows)
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        object_type="recommendations.body",
        object_repr=f"default directory of {root.full_name}",
        unit_path=root.path,
        changes={"bodies": [0, made]},
    )
    return made
