"""A unit's report for a schedule and period (báo cáo của đơn vị): its sections, versions,
review events and attachments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dantinh.core.concurrency import Versioned
from dantinh.core.models import TimeStampedModel
from dantinh.org.models import Unit
from dantinh.reporting.models.schedules import AdHocRequest, Schedule


def original_path(instance: Submission, filename: str) -> str:
    return f"reports/{instance.unit_id}/{instance.period_key}/{filename}"


class Submission(TimeStampedModel):
    """The report of `unit` for `schedule` and `period_key` ("2026-W45", "2026-10", "R12").

    A unit that compiles reports from units below it writes its composite report in the same
    row: its draft takes in their submissions as well as the items of its subtree.

    A report is in (sent) while it is submitted or accepted; one returned for changes is the
    unit's again and counts as not submitted until it is sent again. Timeliness then counts
    the first submission: a resubmitted report keeps the time it was first sent.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for changes")
        ACCEPTED = "accepted", _("accepted")

    SENT = (Status.SUBMITTED, Status.ACCEPTED)

    class Source(models.TextChoices):
        DRAFTED = "drafted", _("drafted in dantinh")
        UPLOADED = "uploaded", _("uploaded Word file")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="submissions"
    )
    unit_path = models.CharField(max_length=255, editable=False)
    schedule = models.ForeignKey(
        Schedule, verbose_name=_("schedule"), on_delete=models.PROTECT, related_name="submissions"
    )
    period_key = models.CharField(_("period"), max_length=20)
    adhoc = models.ForeignKey(
        AdHocRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions"
    )
    window_start = models.DateField(_("from"))
    window_end = models.DateField(_("to"))
    due_at = models.DateTimeField(_("deadline"))
    lock_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(_("document number"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.DRAFTED
    )
    version = models.PositiveIntegerField(_("version"), default=0)  # versions sent
    # Edits of the title and number, for optimistic locking (`core.concurrency`): a person
    # saving the header they read at an older count is told what changed meanwhile.
    header_version = models.PositiveIntegerField(default=1, editable=False)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    original_file = models.FileField(
        _("original file"), upload_to=original_path, max_length=300, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    extracted_text = models.TextField(_("text of the file"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-due_at", "unit_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "schedule", "period_key"], name="submission_unit_period_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["schedule", "period_key", "unit_path"], name="submission_period_idx"
            ),
            models.Index(fields=["unit_path", "status"], name="submission_scope_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.title}"

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path

    @property
    def is_locked(self) -> bool:
        """Accepted reports are final."""
        return self.status == self.Status.ACCEPTED

    @property
    def is_cancelled(self) -> bool:
        """The report answers an ad-hoc request that was cancelled: readable, never sent."""
        return self.adhoc_id is not None and self.adhoc.cancelled_at is not None

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED) and not self.is_cancelled

    @property
    def was_submitted(self) -> bool:
        return self.first_submitted_at is not None


class SubmissionSection(Versioned):
    """One section of a submission: the narrative the compiler edits, and the figures and
    links the drafter computed (`data`: tables, notable items, sources). `version` counts
    the edits of the text (optimistic locking); `saved_at` is when the text was last saved."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="sections")
    code = models.SlugField(max_length=40)
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("text"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    saved_at = models.DateTimeField(_("saved at"), null=True, blank=True)

    class Meta:
        ordering = ["submission", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "code"], name="submission_section_unique")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unit_path(self) -> str:
        return self.submission.unit_path


class SubmissionVersion(models.Model):
    """What was sent, each time it was sent: title, number and section texts."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    content = models.JSONField(default=dict)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["submission", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="submission_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


class SubmissionEvent(models.Model):
    """The submission's timeline as users read it: drafted, submitted, returned, accepted."""

    class Kind(models.TextChoices):
        DRAFTED = "drafted", _("drafted")
        UPLOADED = "uploaded", _("Word file uploaded")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for changes")
        ACCEPTED = "accepted", _("accepted")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["submission", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d/%m/%Y %H:%M}"


def attachment_path(instance: SubmissionAttachment, filename: str) -> str:
    return f"reports/{instance.submission.unit_id}/{instance.submission.period_key}/att/{filename}"


class SubmissionAttachment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def unit_path(self) -> str:
        return self.submission.unit_path
