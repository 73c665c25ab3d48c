"""Data protection's own records: key rotations and purges (job rows with progress), the
retention rules (data, seeded by a migration), data subjects' requests and breaches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dantinh.core.concurrency import Versioned
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


class TimeLimit(models.Model):
    """A legal time limit for data subjects' requests (Decree 356/2025/NĐ-CP), as data: the
    shipped values come from a migration, administrators correct them if the text in force
    says otherwise."""

    class Step(models.TextChoices):
        ACKNOWLEDGE = "acknowledge", _("Acknowledge receipt")
        ACCESS = "access", _("Access (see or be given one's data)")
        CORRECTION = "correction", _("Correction")
        DELETION = "deletion", _("Deletion")
        OBJECTION = "objection", _("Objection or restriction")
        EXTENSION = "extension", _("Extension (once)")

    step = models.CharField(_("step"), max_length=20, choices=Step.choices, unique=True)
    days = models.PositiveSmallIntegerField(_("days"))
    working_days = models.BooleanField(_("working days"), default=False)
    basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        ordering = ["step"]

    def __str__(self) -> str:
        return f"{self.step}: {self.days}"


class SubjectRequest(Versioned, TimeStampedModel):
    """A data subject's request (Law 91/2025/QH15, Art. 4): to see, correct or delete their
    personal data, or to object to its processing. Who asks is personal data: kept encrypted
    under the data keys (`identity`, with what they ask in `details` and the answer in
    `answer`), shown only on the request's own page to those who handle it, every reading
    recorded; lists and the trail see only the number, kind, unit and dates."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access")
        CORRECTION = "correction", _("Correction")
        DELETION = "deletion", _("Deletion")
        OBJECTION = "objection", _("Objection")

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        LETTER = "letter", _("letter")
        EMAIL = "email", _("e-mail")
        PHONE = "phone", _("telephone")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        ACKNOWLEDGED = "acknowledged", _("being handled")
        ANSWERED = "answered", _("answered")
        REFUSED = "refused", _("refused")

    kind = models.CharField(_("request"), max_length=12, choices=Kind.choices)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("received by"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, editable=False)
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    # Encrypted (Fernet, data keys): {"name", "phone", "id_number", "address"}; b"" once erased.
    identity = models.BinaryField(default=b"")
    details = models.BinaryField(default=b"")
    answer = models.BinaryField(default=b"", blank=True)
    acknowledge_by = models.DateField(_("acknowledge by"))
    due_on = models.DateField(_("answer by"))
    extended_to = models.DateField(_("extended to"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    identity_erased_at = models.DateTimeField(null=True, blank=True)
    # What the lookup found, by reference only: [{"type", "id", "unit"}].
    findings = models.JSONField(default=list, blank=True)
    looked_up_at = models.DateTimeField(null=True, blank=True)
    # The deadline reminders already sent (requests.REMINDERS), so that each goes once.
    reminded = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("data subject's request")
        verbose_name_plural = _("data subjects' requests")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["unit_path", "status"], name="dsr_scope_idx")]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path

    @property
    def deadline(self):
        return self.extended_to or self.due_on

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.ACKNOWLEDGED)


class Breach(Versioned, TimeStampedModel):
    """A personal-data breach and its 72-hour clock (Law 91/2025/QH15; SPEC §11): from its
    discovery, the specialised authority must be told within 72 hours. It describes what
    happened to data, not the people in it: its text must hold no personal data."""

    class Status(models.TextChoices):
        OPEN = "open", _("to notify")
        NOTIFIED = "notified", _("notified")
        CLOSED = "closed", _("closed")

    title = models.CharField(_("title"), max_length=200)
    discovered_at = models.DateTimeField(_("discovered at"))
    occurred_at = models.DateTimeField(_("occurred at"), null=True, blank=True)
    description = models.TextField(_("what happened"))
    data_affected = models.CharField(_("kinds of data affected"), max_length=500)
    subjects_estimate = models.PositiveIntegerField(
        _("people affected (estimate)"), null=True, blank=True
    )
    consequences = models.TextField(_("possible consequences"), blank=True)
    measures = models.TextField(_("measures taken and planned"), blank=True)
    contact = models.CharField(_("contact person"), max_length=200, blank=True)
    authority = models.CharField(
        _("authority to notify"),
        max_length=300,
        default="Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (A05), Bộ Công an",
    )
    delay_reason = models.TextField(_("reason for notifying late"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The last reminder sent (breaches.STAGES), so that each is sent once.
    reminded = models.PositiveSmallIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("breach")
        verbose_name_plural = _("breaches")
        ordering = ["-discovered_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def notify_by(self):
        import datetime as dt

        return self.discovered_at + dt.timedelta(hours=72)

    @property
    def hours_left(self) -> int:
        """Whole hours left on the clock now (0 once it has run out)."""
        from django.utils import timezone

        return max(0, int((self.notify_by - timezone.now()).total_seconds() // 3600))
