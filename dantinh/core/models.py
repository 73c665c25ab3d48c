from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One change or sensitive reading, in an append-only, hash-chained log (SPEC §11).

    Rows are never updated or deleted: database triggers refuse it, and each row's hash covers
    the previous row's hash, so `dantinh audit verify` finds any edit made behind the app's back.
    The actor and object are copied as plain values (no foreign keys) so that deleting a user
    or an object never rewrites history.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")
        IMPORT = "import", _("imported")
        EXPORT = "export", _("exported")
        READ_PERSONAL = "read_personal", _("read personal data")
        LOGIN = "login", _("logged in")
        OTHER = "other", _("other")

    at = models.DateTimeField(_("time"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_name = models.CharField(_("actor"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    # The unit subtree the object belongs to, so that a unit's administrator browses only theirs.
    unit_path = models.CharField(_("unit path"), max_length=255, blank=True, db_index=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("audit entries are append-only")


class AuditHead(models.Model):
    """A single row locked while appending, so concurrent writers cannot fork the hash chain."""

    last_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return self.last_hash
