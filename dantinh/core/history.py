"""Reading the audit trail back as a history a person can follow."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from dantinh.core import audit
from dantinh.core.models import AuditEntry


@dataclass
class Change:
    label: str
    old: str
    new: str


def _display(field: models.Field, value, cache: dict) -> str:
    if value in (None, "", []):
        return "—"
    if field.is_relation:
        model = field.related_model
        ids = value if isinstance(value, list) else [value]
        key = model._meta.label
        known = cache.setdefault(key, {})
        missing = [i for i in ids if i not in known]
        if missing:
            known.update({pk: str(obj) for pk, obj in model.objects.in_bulk(missing).items()})
        return ", ".join(known.get(i, f"#{i}") for i in ids)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField) and isinstance(value, str) and len(value) == 10:
        y, m, d = value.split("-")
        return f"{d}/{m}/{y}"
    text = str(value)
    return text if len(text) <= 300 else text[:297] + "…"


def describe(changes: dict, model: type[models.Model], cache: dict | None = None) -> list[Change]:
    """Changes ({field: [old, new]}) with field labels and readable values."""
    cache = {} if cache is None else cache
    result = []
    for name, pair in (changes or {}).items():
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a name that is not a field (e.g. "section:general")
            result.append(Change(name, str(old or "—"), str(new or "—")))
            continue
        if not field.concrete and not field.many_to_many:
            # A reverse relation ("attachments"): the values are names, the label the related rows'.
            label = field.related_model._meta.verbose_name_plural
            result.append(Change(str(label), str(old or "—"), str(new or "—")))
            continue
        result.append(
            Change(
                str(field.verbose_name), _display(field, old, cache), _display(field, new, cache)
            )
        )
    return result


@dataclass
class Event:
    """One entry of an object's history: who, when, what, and the changes (none if erased)."""

    entry: AuditEntry
    changes: list[Change]
    note: str
    erased: bool


def history(obj: models.Model) -> list[Event]:
    entries = list(
        AuditEntry.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk)
        ).order_by("id")
    )
    values = audit.values_of(entries)
    cache: dict = {}
    return [
        Event(
            e,
            describe(values[e.pk].changes, type(obj), cache),
            values[e.pk].note,
            values[e.pk].erased,
        )
        for e in entries
    ]
