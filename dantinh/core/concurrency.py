"""Optimistic locking: two people editing one record must not silently overwrite each other.

An editable model inherits `Versioned` (a `version` counter bumped on every save through its
service). A form or an API body carries the version it was read at; the service calls
`check_version(obj, expected, submitted)` inside its transaction, after locking the row
(`select_for_update`), and a stale version raises `ConflictError`, which says who changed the
record, when, and which of the person's values now differ from what is stored, so that the
page can show them and keep what the person typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dantinh.core.errors import DomainError


class Versioned(models.Model):
    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)

    class Meta:
        abstract = True


@dataclass
class Difference:
    field: str
    label: str
    stored: str  # the value now stored, as a person reads it


class ConflictError(DomainError):
    """The record changed since the person opened it."""

    def __init__(
        self, *, by: str, at: dt.datetime | None, differences: list[Difference], version: int
    ):
        self.by, self.at, self.differences, self.version = by, at, differences, version
        when = ""
        if at is not None:
            from django.utils import timezone

            when = timezone.localtime(at).strftime("%H:%M %d/%m/%Y")
        message = _(
            "%(who)s changed this record at %(when)s while you were editing it. Your changes "
            "have not been saved yet: check the values below and save again."
        ) % {"who": by or _("Someone"), "when": when or "—"}
        if differences:
            message += " " + _("Now stored: %(list)s.") % {
                "list": "; ".join(f"{d.label}: “{d.stored}”" for d in differences)
            }
        super().__init__(message)


def parse_version(raw: Any) -> int | None:
    """The version a form or body sent; None when absent (old clients are not refused),
    invalid values count as stale."""
    if raw in (None, ""):
        return None
    try:
        value = int(str(raw).strip()[:12])
    except ValueError:
        return 0
    return value if value >= 0 else 0


def _display(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list | tuple | set):
        return ", ".join(sorted(str(v) for v in value)) or "—"
    text = " ".join(str(value).split())
    return text if len(text) <= 80 else text[:77] + "…"


def check_version(
    obj: models.Model,
    expected: int | None,
    *,
    stored_version: int | None = None,
    submitted: Mapping[str, Any] | None = None,
    current: Mapping[str, Any] | None = None,
    labels: Mapping[str, str] | None = None,
) -> None:
    """Raise ConflictError when `obj` (read under a row lock) is no longer at `expected`.

    `stored_version` is the stored counter when it is not `obj.version` (a part of a record
    with its own counter, such as a section of a report: `obj` is then the record whose trail
    says who changed it). `submitted` and `current` map field names to comparable values (what
    the person sends and what is stored); the fields where they differ are listed in the error
    with the stored value. `labels` gives each field's name as people read it."""
    stored = getattr(obj, "version", None) if stored_version is None else stored_version
    if expected is None or expected == stored:
        return
    from dantinh.core.models import AuditEntry

    last: Mapping[str, Any] = (
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("-id")
        .values("actor_name", "at")
        .first()
    ) or {}
    differences = []
    for name, mine in (submitted or {}).items():
        now = (current or {}).get(name)
        if now != mine:
            label = (labels or {}).get(name) or _field_label(obj, name)
            differences.append(Difference(name, str(label), _display(now)))
    raise ConflictError(
        by=last.get("actor_name", ""),
        at=last.get("at"),
        differences=differences,
        version=int(stored or 0),
    )


def _field_label(obj: models.Model, name: str) -> str:
    try:
        field = obj._meta.get_field(name)
    except Exception:  # a name that is not a model field
        return name
    return str(getattr(field, "verbose_name", name))
