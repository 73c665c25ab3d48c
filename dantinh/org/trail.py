"""Browsing the audit trail within one's units.

An entry is visible where the unit it concerns lies *today*: the trail keeps the unit's id,
and the policy's subtrees are matched against the units' current paths. After a unit moves or
merges into a successor, its history follows it: the new parent's and the successor's leaders
see it, the old parent's no longer do. Entries that concern no unit are the deployment's own
(settings, the system's jobs) and only unrestricted users see them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db.models import QuerySet

from dantinh.core import audit
from dantinh.core.history import Change, describe
from dantinh.core.models import AuditEntry
from dantinh.org import paths, policies
from dantinh.org.models import Unit, User


def entries_visible(user: User) -> QuerySet[AuditEntry]:
    """The entries `user` may browse ("audit.view"), by the units' current places."""
    if policies.is_unrestricted(user):
        return AuditEntry.objects.all()
    prefixes = policies.action_paths(user, "audit.view")
    if not prefixes:
        return AuditEntry.objects.none()
    units = Unit.objects.filter(paths.subtree_q("path", prefixes)).values("id")
    return AuditEntry.objects.filter(unit_id__in=units)


@dataclass
class Row:
    """An entry as the audit page shows it."""

    entry: AuditEntry
    object_label: str
    changes: list[Change]
    note: str
    erased: bool


def rows(entries: list[AuditEntry]) -> list[Row]:
    """Entries with their values read (one query) and each change described with its field's
    label; an erased object's values show as erased."""
    values = audit.values_of(entries)
    cache: dict = {}
    result = []
    for entry in entries:
        v = values[entry.pk]
        model = _model(entry.object_type)
        changes = describe(v.changes, model, cache) if model else _plain(v.changes)
        result.append(Row(entry, v.repr, changes, v.note, v.erased))
    return result


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _plain(changes: dict) -> list[Change]:
    result = []
    for name, pair in changes.items():
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        result.append(Change(str(name), str(old if old is not None else "—"), str(new or "—")))
    return result
