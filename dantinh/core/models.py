from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One change, export or sensitive reading, in an append-only, hash-chained log (SPEC §11).

    The row keeps who, when, what kind of action, on which object, and which unit the object
    concerns (by id: visibility follows the unit to wherever the tree puts it today). The values
    — the object's description, the changed values, the note — are not in this row: they are
    sealed in an `AuditValue`, encrypted under a key of the object's own (`AuditRecordKey`),
    and the row keeps only the SHA-256 digest of that ciphertext. Erasing an object's key and
    values (real deletion) leaves every chained row, and so the chain, intact.

    Writers never wait for each other: a row is written unsealed, and `audit.seal()` later links
    the rows in the order it finds them (`seq`), each hash covering the previous one. Database
    triggers refuse any UPDATE other than that one-time sealing, and every DELETE.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")
        IMPORT = "import", _("imported")
        EXPORT = "export", _("exported")
        READ_PERSONAL = "read_personal", _("read personal data")
        LOGIN = "login", _("logged in")
        ERASE = "erase", _("erased")
        OTHER = "other", _("other")

    at = models.DateTimeField(_("time"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"))
    actor_name = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    # The unit the object concerns (None: the deployment's own, seen by superusers only).
    # Not a foreign key: the trail outlives anything it mentions.
    unit_id = models.BigIntegerField(_("unit"), null=True, blank=True, db_index=True)
    # SHA-256 of the sealed values' ciphertext; "" when the entry has no values.
    values_digest = models.CharField(max_length=64, blank=True)
    # Set once by the sealer: the position in the chain and the hashes.
    seq = models.BigIntegerField(null=True, blank=True, unique=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(
                fields=["id"], condition=models.Q(hash__isnull=True), name="audit_unsealed_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("audit entries are append-only")

    @cached_property
    def values(self):
        """The entry's values, read from their sealed store (`dantinh.core.audit.Values`);
        for many entries use `audit.values_of`, which reads them in one query."""
        from dantinh.core.audit import values_of

        return values_of([self])[self.pk]

    @property
    def changes(self) -> dict:
        return self.values.changes

    @property
    def note(self) -> str:
        return self.values.note

    @property
    def object_repr(self) -> str:
        return self.values.repr


class AuditRecordKey(models.Model):
    """The key that seals the audit values of one object (one record: an item, a submission,
    a complainant…), itself encrypted under the deployment's data keys. Deleting it makes every
    value ever recorded about the object unreadable, wherever a copy of the ciphertext lies."""

    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    wrapped_key = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["object_type", "object_id"], name="audit_record_key")
        ]

    def __str__(self) -> str:
        return f"{self.object_type}#{self.object_id}"


class AuditValue(models.Model):
    """The erasable values of one audit entry: {"repr", "changes", "note"} as JSON, encrypted
    under the record's key."""

    entry = models.OneToOneField(
        AuditEntry, on_delete=models.DO_NOTHING, primary_key=True, db_constraint=False
    )
    record = models.ForeignKey(AuditRecordKey, on_delete=models.CASCADE, related_name="values")
    ciphertext = models.BinaryField()

    def __str__(self) -> str:
        return f"values of {self.entry_id}"


class AuditHead(models.Model):
    """A single row locked while sealing, so that two sealers cannot fork the chain."""

    last_hash = models.CharField(max_length=64, blank=True)
    last_seq = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return self.last_hash
