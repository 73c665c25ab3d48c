"""Data protection's own records: key rotations and purges (job rows with progress), the
retention rules (data, seeded by a migration), data subjects' requests and breaches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dantinh.core.models import TimeStampedModel


class JobStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ProtectionJob(TimeStampedModel):
    """A job row of this room (`dantinh.core.jobs`): status, progress, message, requester."""

    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class KeyRotationJob(ProtectionJob):
    """Re-encrypting every column kept under the data keys with the newest key
    (`dantinh keys rotate`, or the Keys page): one row per rotation, with its progress."""

    rows_done = models.PositiveIntegerField(_("rows re-encrypted"), default=0)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    # {column: rows}, filled as the rotation goes
    columns = models.JSONField(default=dict, blank=True)

    class Meta(ProtectionJob.Meta):
        verbose_name = _("key rotation")
        verbose_name_plural = _("key rotations")

    def __str__(self) -> str:
        return f"rotation {self.pk}"


class RetentionRule(models.Model):
    """How long one kind of data is kept before the purge deletes it for real. The kinds are
    fixed by the code (each has its purger in `retention.py`); the periods are data, with
    defaults put in place by a migration and changed by administrators."""

    class Kind(models.TextChoices):
        COMPLAINANT = "complainant", _("Complainants' identity")
        ITEMS = "items", _("Items")
        ATTACHMENTS = "attachments", _("Item attachments")
        IMPORT_FILES = "import_files", _("Uploaded import files")
        EXPORTS = "exports", _("Generated exports")
        NOTIFICATIONS = "notifications", _("Notifications")
        LOGS = "logs", _("Mail copies and logs")
        REQUESTS = "requests", _("Identity in data subjects' requests")

    kind = models.CharField(_("kind of data"), max_length=20, choices=Kind.choices, unique=True)
    keep_days = models.PositiveIntegerField(_("kept for (days)"))
    # What the period counts from, said to people (e.g. "after the item's observation date").
    counted_from = models.CharField(_("counted from"), max_length=200)
    basis = models.CharField(_("reason for the period"), max_length=300, blank=True)
    enabled = models.BooleanField(_("purged"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.keep_days}"


class PurgeRun(ProtectionJob):
    """One run of the purge: what it deleted, as counts per kind of data — never the data."""

    # {kind: count deleted}
    counts = models.JSONField(_("deleted"), default=dict, blank=True)

    class Meta(ProtectionJob.Meta):
        verbose_name = _("purge")
        verbose_name_plural = _("purges")

    def __str__(self) -> str:
        return f"purge {self.pk}"

    @property
    def total(self) -> int:
        return sum(int(v) for v in (self.counts or {}).values())
