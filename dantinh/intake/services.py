"""Writes to items: create, update, delete, attach. Each checks the policy and is audited."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.intake.models import Authority, Channel, Field, Item, ItemAttachment, Kind, Mood
from dantinh.language.normalize import search_text
from dantinh.org import policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User

ITEM_AUDIT_FIELDS = [
    "unit",
    "reporting_unit",
    "observed_on",
    "kind",
    "field",
    "secondary_fields",
    "mood",
    "channel",
    "authority",
    "text",
    "scale",
    "verification",
    "source_url",
]
MAX_TEXT = 20_000


def _check_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("The content cannot be empty.")})
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {"text": _("The content is longer than %(n)s characters.") % {"n": MAX_TEXT}}
        )
    return text.replace("\x00", "")


def _check_date(observed_on: dt.date) -> dt.date:
    from django.utils import timezone

    if observed_on > timezone.localdate() + dt.timedelta(days=1):
        raise ValidationError({"observed_on": _("The date cannot be in the future.")})
    return observed_on


SUGGESTED_HEADS = ("field", "kind", "mood", "authority")


def clean_suggested(suggested: dict | None) -> dict:
    """The model's suggestion as stored on an item: codes of the known heads, nothing else."""
    if not isinstance(suggested, dict):
        return {}
    return {
        k: str(v)[:50]
        for k, v in suggested.items()
        if k in SUGGESTED_HEADS and isinstance(v, str) and v
    }


def default_reporting_unit(actor: User, unit: Unit) -> Unit:
    """The actor's membership unit that covers `unit`, else their first unit, else `unit`."""
    grants = policies.grants(actor)
    covering = [g for g in grants if unit.path.startswith(g.path)]
    chosen = (
        max(covering, key=lambda g: len(g.path)) if covering else (grants[0] if grants else None)
    )
    if chosen is None or chosen.unit_id == unit.pk:
        return unit
    return Unit.objects.get(pk=chosen.unit_id)


@transaction.atomic
def item_create(
    *,
    actor: User,
    unit: Unit,
    text: str,
    kind: Kind,
    field: Field,
    channel: Channel,
    observed_on: dt.date,
    mood: Mood | None = None,
    secondary_fields: list[Field] | None = None,
    authority: Authority | None = None,
    scale: int | None = None,
    verification: str = Item.Verification.UNVERIFIED,
    source_url: str = "",
    reporting_unit: Unit | None = None,
    import_job=None,
    model_version: str = "",
    suggested: dict | None = None,
    audit_entry: bool = True,
) -> Item:
    """Log an item about `unit`. Needs "item.create" on the unit; raises PermissionDeniedError
    or ValidationError."""
    require_actor(actor)
    if not policies.can(actor, "item.create", unit):
        raise PermissionDeniedError()
    if reporting_unit is not None and not policies.can(actor, "item.create", reporting_unit):
        raise PermissionDeniedError()
    text = _check_text(text)
    item = Item(
        unit=unit,
        unit_path=unit.path,
        reporting_unit=reporting_unit or default_reporting_unit(actor, unit),
        observed_on=_check_date(observed_on),
        kind=kind,
        field=field,
        mood=mood,
        channel=channel,
        authority=authority,
        text=text,
        scale=scale,
        verification=verification,
        source_url=source_url or "",
        search_text=search_text(text),
        created_by=actor,
        import_job=import_job,
        model_version=model_version[:64] if suggested else "",
        suggested=clean_suggested(suggested),
    )
    item.label_corrected = item.labels_differ_from_suggestion()
    item.save()
    secondary = [f for f in (secondary_fields or []) if f.pk != field.pk]
    if secondary:
        item.secondary_fields.set(secondary)
    if audit_entry:
        audit.record(
            actor=actor,
            action=audit.Action.CREATE,
            obj=item,
            changes=audit.diff(
                {},
                audit.snapshot(
                    item, ITEM_AUDIT_FIELDS, known={"secondary_fields": [f.pk for f in secondary]}
                ),
            ),
        )
    return item


@transaction.atomic
def item_update(*, actor: User, item: Item, **changes) -> Item:
    """Change an item. Needs "item.change" (or "item.change_own" on one's own item) both where
    the item is and where it moves to."""
    require_actor(actor)
    if not policies.can(actor, "item.change", item):
        raise PermissionDeniedError()
    unknown = set(changes) - set(ITEM_AUDIT_FIELDS)
    if unknown:
        raise ValidationError({k: _("This value cannot be changed.") for k in unknown})
    before = audit.snapshot(item, ITEM_AUDIT_FIELDS)
    secondary = changes.pop("secondary_fields", None)
    if "text" in changes:
        changes["text"] = _check_text(changes["text"])
        item.search_text = search_text(changes["text"])
    if "observed_on" in changes:
        _check_date(changes["observed_on"])
    if "unit" in changes and changes["unit"].pk != item.unit_id:
        if not policies.can(actor, "item.create", changes["unit"]):
            raise PermissionDeniedError()
        item.unit_path = changes["unit"].path
    for key, value in changes.items():
        setattr(item, key, value)
    item.label_corrected = item.labels_differ_from_suggestion()
    item.save()
    if secondary is not None:
        item.secondary_fields.set([f for f in secondary if f.pk != item.field_id])
    delta = audit.diff(before, audit.snapshot(item, ITEM_AUDIT_FIELDS))
    if delta:
        audit.record(actor=actor, action=audit.Action.UPDATE, obj=item, changes=delta)
    return item


@transaction.atomic
def item_delete(*, actor: User, item: Item) -> None:
    """Delete an item for good, with its attachments, its search entry and every value the
    audit trail holds about it (SPEC §11: deletion is real). The trail keeps that the item
    existed, who deleted it and when. Needs "item.delete"."""
    require_actor(actor)
    if not policies.can(actor, "item.delete", item):
        raise PermissionDeniedError()
    audit.record(actor=actor, action=audit.Action.DELETE, obj=item, object_repr=f"#{item.pk}")
    audit.erase_object(actor=actor, obj=item)
    files = [a.file for a in item.attachments.all()]
    item.delete()
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])


@transaction.atomic
def item_attach(*, actor: User, item: Item, upload) -> ItemAttachment:
    """Attach an uploaded file to an item; refuses files above DANTINH_MAX_UPLOAD_BYTES."""
    require_actor(actor)
    if not policies.can(actor, "item.change", item):
        raise PermissionDeniedError()
    if upload.size > settings.DANTINH_MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "file": _("The file is larger than %(mb)s MB.")
                % {"mb": settings.DANTINH_MAX_UPLOAD_BYTES // 2**20}
            }
        )
    attachment = ItemAttachment(
        item=item, name=upload.name[:255], size=upload.size, uploaded_by=actor
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=item,
        changes={"attachments": [None, attachment.name]},
    )
    return attachment


IMPORT_EXTENSIONS = (".xlsx", ".csv")


@transaction.atomic
def import_start(*, actor: User, unit: Unit, upload):
    """Record an import job for `upload` and queue it; the rows are checked by the worker.

    Needs "item.import" on the reporting unit; rows may only concern its subtree.
    """
    require_actor(actor)
    from dantinh.intake import tasks
    from dantinh.intake.models import ImportJob

    if not policies.can(actor, "item.import", unit):
        raise PermissionDeniedError()
    name = upload.name or "upload"
    if not name.lower().endswith(IMPORT_EXTENSIONS):
        raise ValidationError({"file": _("Only .xlsx and .csv files can be imported.")})
    if upload.size > settings.DANTINH_MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "file": _("The file is larger than %(mb)s MB.")
                % {"mb": settings.DANTINH_MAX_UPLOAD_BYTES // 2**20}
            }
        )
    job = ImportJob(unit=unit, unit_path=unit.path, original_name=name[:255], created_by=actor)
    job.file.save(name, upload, save=False)
    job.save()
    audit.record(actor=actor, action=audit.Action.CREATE, obj=job, note=name)
    transaction.on_commit(lambda: tasks.import_items(job.pk))
    return job


TAXONOMY_FIELDS = ["code", "name", "description", "order", "is_active"]


@transaction.atomic
def taxonomy_save(*, actor: User, model, entry=None, **values):
    """Add or change an entry of an editable list (fields, kinds, moods, channels, authorities).

    Codes are stable: an existing entry's code never changes (reports and the language model
    refer to it); retire an entry with is_active=False instead of deleting it.
    Needs "taxonomy.manage" somewhere (the lists are shared by the whole deployment).
    """
    require_actor(actor)
    if not policies.can_anywhere(actor, "taxonomy.manage"):
        raise PermissionDeniedError()
    if entry is not None:
        entry = model.objects.get(pk=entry.pk)  # the stored values, whatever a form did to its copy
        values.pop("code", None)
        before = audit.snapshot(entry, TAXONOMY_FIELDS)
    else:
        code = values.get("code", "")
        if model.objects.filter(code=code).exists():
            raise ValidationError({"code": _("This code is already used.")})
        entry = model()
        before = {}
    for key, value in values.items():
        setattr(entry, key, value)
    entry.full_clean()
    entry.save()
    delta = audit.diff(before, audit.snapshot(entry, TAXONOMY_FIELDS))
    if delta:
        audit.record(
            actor=actor,
            action=audit.Action.UPDATE if before else audit.Action.CREATE,
            obj=entry,
            changes=delta,
        )
    return entry
