"""The programme's measurable targets for a year (Đề án I.2, II.1, II.2, II.4), the evidence
that each unit met them, and the reminders sent about what is due."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dantinh.core.concurrency import Versioned
from dantinh.core.models import TimeStampedModel
from dantinh.org.models import Unit, UnitLevel
from dantinh.programme.models.meetings import Meeting


class Target(Versioned, TimeStampedModel):
    """A target a commission (`unit`) sets for its subtree for one `year`: which units owe it
    (`applies_to`, `level`) and how many times a year (`per_year`: 1, 2 or 12)."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("yearly plan of the party committee and the authority")
        COORDINATION = "coordination", _("coordination mechanism at the level")
        SURVEY = "survey", _("yearly survey of the people's situation")
        GROUP_MEETINGS = "group_meetings", _("six-monthly meetings with groups of the people")
        BRIEFINGS = "briefings", _("monthly commune briefings")
        PARTNER_REPORTS = "partner_reports", _("partner bodies' monthly reports")

    class AppliesTo(models.TextChoices):
        SELF = "self", _("the unit itself")
        LEVEL = "level", _("every unit of the level")
        DOWN_TO = "down_to", _("the unit and every level down to")
        PARTNERS = "partners", _("every partner body (Front, unions, sectors)")

    unit = models.ForeignKey(
        Unit, verbose_name=_("set by"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("target"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    applies_to = models.CharField(_("units that owe it"), max_length=10, choices=AppliesTo.choices)
    level = models.ForeignKey(
        UnitLevel,
        verbose_name=_("level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    per_year = models.PositiveSmallIntegerField(_("times a year"), default=1)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year", "unit_path", "kind"]
        verbose_name = _("programme target")
        verbose_name_plural = _("programme targets")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind"], name="target_unique_kind")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path

    def period_of(self, day: dt.date) -> int:
        """The period (1…per_year) a day of the year falls in: a month, a half or the year."""
        return (day.month - 1) * self.per_year // 12 + 1

    def period_end(self, number: int) -> dt.date:
        """The last day of period `number`; a yearly target ends on its due date if it has one."""
        if self.per_year == 1 and self.due_on is not None:
            return self.due_on
        month = number * 12 // self.per_year
        if month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, month + 1, 1) - dt.timedelta(days=1)

    def period_label(self, number: int) -> str:
        if self.per_year == 12:
            return _("month %(n)s") % {"n": number}
        if self.per_year == 2:
            return _("half %(n)s") % {"n": number}
        if self.per_year == 1:
            return str(self.year)
        return _("period %(n)s") % {"n": number}


def evidence_path(instance, filename: str) -> str:
    return f"programme/evidence/{instance.target.year}/{filename}"


class Evidence(TimeStampedModel):
    """That `unit` met `target` for one period: a document, a meeting record or a report."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("document")
        MEETING = "meeting", _("meeting record")
        SUBMISSION = "submission", _("report")
        SURVEY = "survey", _("survey")

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="evidence")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    kind = models.CharField(_("evidence"), max_length=12, choices=Kind.choices)
    dated = models.DateField(_("date"))
    period = models.PositiveSmallIntegerField(_("period"), default=1)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    submission = models.ForeignKey(
        "reporting.Submission", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    survey = models.ForeignKey(
        "programme.Survey", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["target", "unit_path", "period", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        indexes = [models.Index(fields=["target", "unit_path"], name="evidence_target_path_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "meeting"],
                condition=models.Q(meeting__isnull=False),
                name="evidence_meeting_once",
            ),
            models.UniqueConstraint(
                fields=["target", "submission"],
                condition=models.Q(submission__isnull=False),
                name="evidence_submission_once",
            ),
            models.UniqueConstraint(
                fields=["target", "survey"],
                condition=models.Q(survey__isnull=False),
                name="evidence_survey_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.dated:%d/%m/%Y}"

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path


class TargetReminder(models.Model):
    """A reminder about a target's period sent once to a unit (before or after its end)."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("before the end of the period")
        OVERDUE = "overdue", _("after the end of the period")

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    period = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField()
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["target", "unit", "period", "kind"], name="target_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target_id}/{self.unit_id}/{self.period}/{self.kind}"
