"""Export jobs, reminders (one row per unit, period and kind, so each is sent once) and
in-app notifications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dantinh.core.models import TimeStampedModel
from dantinh.org.models import Unit
from dantinh.reporting.models.schedules import Schedule
from dantinh.reporting.models.submissions import Submission


class ExportJob(TimeStampedModel):
    """The rendering of a report as .docx, .pdf or .xlsx, with its progress and its file.

    The report is a saved submission, or (without one) the report of `unit` for `schedule`
    and `period_key` as it would be drafted when the job runs, within the requester's scope.
    """

    class Format(models.TextChoices):
        DOCX = "docx", "Word (.docx)"
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel (.xlsx)"

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, null=True, blank=True, related_name="exports"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    schedule = models.ForeignKey(
        Schedule,
        verbose_name=_("schedule"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    period_key = models.CharField(_("period"), max_length=20, blank=True)
    unit_path = models.CharField(max_length=255, editable=False)
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return self.file_name or f"{self.submission or self.unit} ({self.format})"

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Reminder(models.Model):
    """A reminder to a unit about a report: before the deadline, after it (both automatic and
    sent once: the unique constraint is the guarantee), or a chase sent by hand.

    The row is written when the reminder is decided; the worker then tells the unit's people
    (in the application once, `notified_at`, and by e-mail) and records the outcome: `status`,
    `attempts`, `error`. A failed e-mail is tried again by the periodic job."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("reminder before the deadline")
        OVERDUE = "overdue", _("reminder after the deadline")
        CHASE = "chase", _("chased by the general-affairs desk")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("not sent")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(max_length=20)
    kind = models.CharField(_("kind of reminder"), max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)
    emails = models.PositiveSmallIntegerField(_("e-mails sent"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    tried_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    notified_at = models.DateTimeField(_("notified in the application"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "schedule", "period_key", "kind"],
                condition=Q(kind__in=["before", "overdue"]),
                name="reminder_once_per_unit_period_kind",
            )
        ]
        indexes = [
            models.Index(fields=["schedule", "period_key"], name="reminder_period_idx"),
            models.Index(fields=["status"], name="reminder_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} {self.period_key}"

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path


class Notification(models.Model):
    """A message in the application for one user. The text is rendered when read (so it
    follows the reader's language) from `kind` and `params`."""

    class Kind(models.TextChoices):
        REMIND_BEFORE = "remind_before", _("deadline approaching")
        REMIND_OVERDUE = "remind_overdue", _("report overdue")
        CHASE = "chase", _("chased")
        SUBMITTED = "submitted", _("a unit submitted")
        RETURNED = "returned", _("report returned")
        ACCEPTED = "accepted", _("report accepted")
        ADHOC = "adhoc", _("ad-hoc report requested")
        ADHOC_CHANGED = "adhoc_changed", _("ad-hoc request changed")
        ADHOC_CANCELLED = "adhoc_cancelled", _("ad-hoc request cancelled")
        ADHOC_WITHDRAWN = "adhoc_withdrawn", _("ad-hoc report no longer requested")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # The unit the message is about: shown only while it is still in the reader's scope.
    unit_path = models.CharField(max_length=255)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}"
