"""Writes to the organisation: units, their moves and mergers, users and memberships."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.language.normalize import search_text
from dantinh.org import paths, policies
from dantinh.org.actors import SYSTEM_USERNAME, require_actor
from dantinh.org.models import Membership, Unit, UnitLevel, User

UNIT_AUDIT_FIELDS = [
    "name",
    "full_name",
    "kind",
    "sector",
    "level",
    "parent",
    "code",
    "code_scheme",
    "valid_from",
    "valid_to",
    "successor",
]

# Tables that copy a unit's path for fast scope filters register here, so that moving a
# unit rewrites their copies too: (model, path field).
PATH_COPIES: list[tuple[type, str]] = []


def register_path_copy(model, field: str = "unit_path") -> None:
    if (model, field) not in PATH_COPIES:
        PATH_COPIES.append((model, field))


# Rooms above that keep figures by unit (insight's roll-ups) are told of each move, inside its
# transaction, with the subtree's old and new path.
MOVE_LISTENERS: list[Callable[[str, str], None]] = []


def on_unit_moved(listener: Callable[[str, str], None]) -> None:
    if listener not in MOVE_LISTENERS:
        MOVE_LISTENERS.append(listener)


def _check_manage(actor: User, parent: Unit | None) -> None:
    require_actor(actor)
    if parent is None:
        if not policies.is_unrestricted(actor):
            raise PermissionDeniedError()
    elif not policies.can(actor, "unit.manage", parent):
        raise PermissionDeniedError()


@transaction.atomic
def unit_create(
    *,
    actor: User,
    name: str,
    full_name: str = "",
    parent: Unit | None = None,
    level: UnitLevel | None = None,
    kind: str = Unit.Kind.TERRITORIAL,
    sector: str = "",
    code: str = "",
    code_scheme: str = Unit.CodeScheme.LOCAL,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    successor: Unit | None = None,
    audit_entry: bool = True,
) -> Unit:
    """Create a unit under `parent` (None: a root). Needs "unit.manage" on the parent."""
    require_actor(actor)
    _check_manage(actor, parent)
    if kind == Unit.Kind.SECTOR and not sector:
        raise ValidationError({"sector": "required for a sector body"})
    unit = Unit(
        name=name,
        full_name=full_name or name,
        parent=parent,
        level=level,
        kind=kind,
        sector=sector,
        code=code,
        code_scheme=code_scheme,
        valid_from=valid_from,
        valid_to=valid_to,
        successor=successor,
        search_name=search_text(full_name or name),
        depth=(parent.depth + 1) if parent else 0,
        path=f"tmp-{id(object())}",
    )
    unit.save()
    unit.path = paths.child_path(parent.path if parent else "", unit.pk)
    Unit.objects.filter(pk=unit.pk).update(path=unit.path)
    if audit_entry:
        audit.record(
            actor=actor,
            action=audit.Action.CREATE,
            obj=unit,
            changes=audit.diff({}, audit.snapshot(unit, UNIT_AUDIT_FIELDS)),
        )
    return unit


@transaction.atomic
def unit_update(*, actor: User, unit: Unit, **changes) -> Unit:
    """Change a unit's attributes (not its place in the tree: see `unit_move`)."""
    require_actor(actor)
    _check_manage(actor, unit)
    allowed = set(UNIT_AUDIT_FIELDS) - {"parent"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({k: "cannot be changed here" for k in unknown})
    before = audit.snapshot(unit, UNIT_AUDIT_FIELDS)
    for key, value in changes.items():
        setattr(unit, key, value)
    unit.search_name = search_text(unit.full_name or unit.name)
    unit.save()
    delta = audit.diff(before, audit.snapshot(unit, UNIT_AUDIT_FIELDS))
    if delta:
        audit.record(actor=actor, action=audit.Action.UPDATE, obj=unit, changes=delta)
    return unit


def _rewrite_prefix(model, field: str, old: str, new: str) -> int:
    start = len(old) + 1  # Substr is 1-based
    return model.objects.filter(
        **{f"{field}__gte": old, f"{field}__lt": paths.upper_bound(old)}
    ).update(**{field: Concat(Value(new), Substr(F(field), start, Length(F(field))))})


@transaction.atomic
def unit_move(*, actor: User, unit: Unit, new_parent: Unit) -> Unit:
    """Move a unit and its subtree under `new_parent`; every copied path follows."""
    require_actor(actor)
    _check_manage(actor, unit)
    _check_manage(actor, new_parent)
    if paths.contains(unit.path, new_parent.path):
        raise ValidationError({"parent": "a unit cannot move under itself"})
    old_path = unit.path
    new_path = paths.child_path(new_parent.path, unit.pk)
    depth_delta = new_parent.depth + 1 - unit.depth
    subtree = Unit.objects.filter(path__gte=old_path, path__lt=paths.upper_bound(old_path))
    subtree.update(depth=F("depth") + depth_delta)
    _rewrite_prefix(Unit, "path", old_path, new_path)
    for model, field in PATH_COPIES:
        _rewrite_prefix(model, field, old_path, new_path)
    for listener in MOVE_LISTENERS:
        listener(old_path, new_path)
    old_parent_id = unit.parent_id
    Unit.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.refresh_from_db()
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=unit,
        changes={"parent": [old_parent_id, new_parent.pk], "path": [old_path, new_path]},
    )
    return unit


@transaction.atomic
def unit_merge(*, actor: User, unit: Unit, successor: Unit, on: dt.date) -> Unit:
    """Retire `unit` into `successor` from date `on`.

    History survives: the unit keeps its items and moves under its successor, so that they
    roll up into the successor's subtree and every report above it.
    """
    require_actor(actor)
    if unit.pk == successor.pk or paths.contains(unit.path, successor.path):
        raise ValidationError({"successor": "a unit cannot merge into itself or its subtree"})
    unit_move(actor=actor, unit=unit, new_parent=successor)
    return unit_update(
        actor=actor, unit=unit, valid_to=on - dt.timedelta(days=1), successor=successor
    )


def ancestors(unit: Unit) -> list[Unit]:
    ids = paths.ids_in_path(unit.path)[:-1]
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


@transaction.atomic
def user_create(
    *, actor: User, username: str, password: str | None, full_name: str = "", email: str = ""
) -> User:
    """Create an account (its roles come from `membership_grant`). Needs "user.manage" on some
    unit; the system account's name is reserved."""
    require_actor(actor)
    if not policies.can_anywhere(actor, "user.manage"):
        raise PermissionDeniedError()
    if username.strip().lower() == SYSTEM_USERNAME:
        raise ValidationError({"username": _("This user name is reserved.")})
    user = User(username=username, full_name=full_name, email=email)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=user,
        changes={"username": [None, username], "full_name": [None, full_name]},
    )
    return user


@transaction.atomic
def membership_grant(
    *,
    actor: User,
    user: User,
    unit: Unit,
    role: str,
    title: str = "",
    assigned_areas: list[Unit] | None = None,
) -> Membership:
    """Give `user` a role in `unit`. Needs "user.manage" on the unit and on every assigned
    area (an area officer sees the areas' items: they must be the actor's to share)."""
    require_actor(actor)
    if not all(policies.can(actor, "user.manage", u) for u in [unit, *(assigned_areas or [])]):
        raise PermissionDeniedError()
    membership, created = Membership.objects.get_or_create(
        user=user, unit=unit, role=role, defaults={"title": title}
    )
    if assigned_areas is not None:
        membership.assigned_areas.set(assigned_areas)
    policies.forget(user)
    audit.record(
        actor=actor,
        action=audit.Action.CREATE if created else audit.Action.UPDATE,
        obj=membership,
        changes={
            "role": [None, role],
            "unit": [None, unit.pk],
            "assigned_areas": [None, [a.pk for a in assigned_areas or []]],
        },
    )
    return membership


@transaction.atomic
def membership_set_active(*, actor: User, membership: Membership, active: bool) -> Membership:
    """Suspend or restore a role. Needs "user.manage" on the membership's unit."""
    require_actor(actor)
    if not policies.can(actor, "user.manage", membership.unit):
        raise PermissionDeniedError()
    if membership.is_active != active:
        membership.is_active = active
        membership.save(update_fields=["is_active", "updated_at"])
        policies.forget(membership.user)
        audit.record(
            actor=actor,
            action=audit.Action.UPDATE,
            obj=membership,
            changes={"is_active": [not active, active]},
        )
    return membership
