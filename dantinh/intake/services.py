"""Writes to items: create, update, delete, attach. Each checks the policy and is audited."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.concurrency import check_version
from dantinh.core.errors import DomainError, PermissionDeniedError, ValidationError
from dantinh.intake import changes as item_changes
from dantinh.intake import features, validation
from dantinh.intake.models import (
    Authority,
    Channel,
    Field,
    Item,
    ItemAttachment,
    ItemEntryToken,
    Kind,
    Mood,
)
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


class AlreadySaved(DomainError):
    """The entry form was sent again after its item was saved: `item` is that item."""

    def __init__(self, item: Item):
        self.item = item
        super().__init__(_("This item had already been saved; it was not saved twice."))


def _claim_entry_token(actor: User, token: str) -> ItemEntryToken | None:
    """Take the entry form's one-time token; AlreadySaved when its item exists already."""
    if not token:
        return None
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable
            return ItemEntryToken.objects.create(token=token[:64], created_by=actor)
    except IntegrityError:
        # Sent before: that transaction has committed (PostgreSQL made us wait for it).
        claimed = ItemEntryToken.objects.select_related("item").filter(token=token[:64]).first()
        if claimed is None or claimed.created_by_id != actor.pk or claimed.item is None:
            raise ValidationError(
                {"__all__": _("This form has expired; reload the page and enter the item again.")}
            ) from None
        raise AlreadySaved(claimed.item) from None


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
    model_version: str = "",
    suggested: dict | None = None,
    attachments: list | None = None,
    entry_token: str = "",
    audit_entry: bool = True,
) -> Item:
    """Log an item about `unit`, with its attached files, all or nothing.

    Needs "item.create" on the unit (and on `reporting_unit`). Every value passes the rules
    of `validation` first, the files included: nothing is saved unless all are good. With the
    entry form's one-time `entry_token`, the same form sent twice makes one item (the second
    time raises AlreadySaved with the first one). `audit_entry=False` is for the audit
    benchmark alone. Raises PermissionDeniedError, ValidationError or AlreadySaved."""
    require_actor(actor)
    if not policies.can(actor, "item.create", unit):
        raise PermissionDeniedError()
    if reporting_unit is not None and not policies.can(actor, "item.create", reporting_unit):
        raise PermissionDeniedError()
    values = validation.clean_item(
        {
            "text": text,
            "observed_on": observed_on,
            "kind": kind,
            "field": field,
            "channel": channel,
            "mood": mood,
            "authority": authority,
            "secondary_fields": secondary_fields or [],
            "scale": scale,
            "verification": verification,
            "source_url": source_url,
        }
    )
    uploads = _check_uploads(attachments)
    token = _claim_entry_token(actor, entry_token)
    field = values["field"]
    item = Item(
        unit=unit,
        unit_path=unit.path,
        reporting_unit=reporting_unit or default_reporting_unit(actor, unit),
        observed_on=values["observed_on"],
        kind=values["kind"],
        field=field,
        mood=values["mood"],
        channel=values["channel"],
        authority=values["authority"],
        text=values["text"],
        scale=values["scale"],
        verification=values["verification"],
        source_url=values["source_url"],
        search_text=search_text(values["text"]),
        created_by=actor,
        model_version=model_version[:64] if suggested else "",
        suggested=clean_suggested(suggested),
    )
    item.label_corrected = item.labels_differ_from_suggestion()
    item.save()
    item_changes.touched([(item.unit_path, item.observed_on)])
    features.queue([item.pk])
    secondary = [f for f in values["secondary_fields"] if f.pk != field.pk]
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
    _attach_all(actor=actor, item=item, uploads=uploads)
    if token is not None:
        token.item = item
        token.save(update_fields=["item"])
    return item


def _check_uploads(uploads) -> list:
    checked = []
    for upload in uploads or []:
        try:
            checked.append(validation.clean_upload(upload))
        except validation.FieldError as exc:
            raise ValidationError({"attachment": exc.message}) from None
    return checked


def _comparable(item: Item, name: str):
    """An item's value of `name` as a form or body gives it: ids for lists, sorted ids for
    the other fields."""
    if name == "secondary_fields":
        return sorted(item.secondary_fields.values_list("pk", flat=True))
    return item.serializable_value(name)


def _label(name: str) -> str:
    return str(capfirst(getattr(Item._meta.get_field(name), "verbose_name", name)))


def _readable(item: Item, name: str):
    if name == "secondary_fields":
        return [f.name for f in item.secondary_fields.all()] or None
    value = getattr(item, name)
    if name == "verification":
        return item.get_verification_display()
    if name == "unit":
        return value.full_name
    return value


@transaction.atomic
def item_update(
    *,
    actor: User,
    item: Item,
    version: int | None = None,
    attachments: list | None = None,
    **changes,
) -> Item:
    """Change an item (and attach files), all or nothing. Needs "item.change" (or
    "item.change_own" on one's own item) both where the item is and where it moves to.

    `version` is the item's version when the person read it: if someone saved the item since,
    nothing is saved and ConflictError says who, when, and which of the values sent differ
    from what is stored now. Raises PermissionDeniedError, ValidationError, ConflictError."""
    require_actor(actor)
    if not policies.can(actor, "item.change", item):
        raise PermissionDeniedError()
    unknown = set(changes) - set(ITEM_AUDIT_FIELDS)
    if unknown:
        raise ValidationError({k: _("This value cannot be changed.") for k in unknown})
    stored = Item.objects.select_for_update().get(pk=item.pk)
    if version is not None and version != stored.version:
        submitted = {
            name: sorted(f.pk for f in value)
            if name == "secondary_fields"
            else getattr(value, "pk", value)
            for name, value in changes.items()
        }
        current = {name: _comparable(stored, name) for name in submitted}
        differing = {n for n in submitted if submitted[n] != current[n]}
        check_version(
            stored,
            version,
            submitted={n: submitted[n] for n in differing},
            current={n: _readable(stored, n) for n in differing},
            labels={n: _label(n) for n in differing},
        )
    changes = validation.clean_item(changes, current=stored)
    uploads = _check_uploads(attachments)
    item = stored
    before = audit.snapshot(item, ITEM_AUDIT_FIELDS)
    was = (item.unit_path, item.observed_on)
    secondary = changes.pop("secondary_fields", None)
    if "text" in changes and changes["text"] != item.text:
        item.search_text = search_text(changes["text"])
        features.queue([item.pk])
    if "unit" in changes and changes["unit"].pk != item.unit_id:
        if not policies.can(actor, "item.create", changes["unit"]):
            raise PermissionDeniedError()
        item.unit_path = changes["unit"].path
    for key, value in changes.items():
        setattr(item, key, value)
    item.label_corrected = item.labels_differ_from_suggestion()
    item.version = stored.version + 1
    item.save()
    item_changes.touched([was, (item.unit_path, item.observed_on)])
    if secondary is not None:
        item.secondary_fields.set([f for f in secondary if f.pk != item.field_id])
    delta = audit.diff(before, audit.snapshot(item, ITEM_AUDIT_FIELDS))
    if delta:
        audit.record(actor=actor, action=audit.Action.UPDATE, obj=item, changes=delta)
    _attach_all(actor=actor, item=item, uploads=uploads)
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
    item_changes.touched([(item.unit_path, item.observed_on)])
    item.delete()
    transaction.on_commit(lambda: _delete_files(files))


def _delete_files(files) -> None:
    for stored in files:
        stored.delete(save=False)


@transaction.atomic
def item_attach(*, actor: User, item: Item, upload) -> ItemAttachment:
    """Attach an uploaded file to an item; refuses files above DANTINH_MAX_UPLOAD_BYTES."""
    require_actor(actor)
    if not policies.can(actor, "item.change", item):
        raise PermissionDeniedError()
    (upload,) = _check_uploads([upload])
    return _attach(actor=actor, item=item, upload=upload)


def _attach(*, actor: User, item: Item, upload) -> ItemAttachment:
    return _attach_all(actor=actor, item=item, uploads=[upload])[0]


def _attach_all(*, actor: User, item: Item, uploads: list) -> list[ItemAttachment]:
    """Store the files and their rows inside the caller's transaction; if one fails, the files
    already stored are removed again, so that no file outlives a refused save."""
    done: list[ItemAttachment] = []
    try:
        for upload in uploads:
            attachment = ItemAttachment(
                item=item, name=upload.name[:255], size=upload.size, uploaded_by=actor
            )
            attachment.file.save(upload.name, upload, save=False)
            done.append(attachment)
            attachment.save()
            audit.record(
                actor=actor,
                action=audit.Action.UPDATE,
                obj=item,
                changes={"attachments": [None, attachment.name]},
            )
    except Exception:
        for attachment in done:
            attachment.file.delete(save=False)
        raise
    return done


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
    Needs "taxonomy.manage" at a root unit: the lists are shared by the whole deployment, so
    a commune's administrator may not change them for everyone.
    """
    require_actor(actor)
    if not policies.holds_at_root(actor, "taxonomy.manage"):
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
