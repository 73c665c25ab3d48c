"""The reporting regime as data: holidays, report templates, schedules, who owes them, ad-hoc
requests, and the header values of each unit's official documents."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dantinh.core.models import TimeStampedModel
from dantinh.org.models import Unit, UnitLevel


class Holiday(models.Model):
    """A public holiday (or an official day off in lieu); deadlines falling on one follow the
    schedule's holiday rule."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        ordering = ["date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class ReportTemplate(TimeStampedModel):
    """A report template (mẫu báo cáo): the ordered sections a report is written in."""

    slug = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    title_prefix = models.CharField(
        _("title"),
        max_length=200,
        default="Tình hình Nhân dân",
        help_text=_("The document's title before the period, e.g. “Tình hình Nhân dân”."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")

    def __str__(self) -> str:
        return self.name


class TemplateSection(models.Model):
    """One section of a template. `code` is stable: contributors fill sections by code."""

    class Code(models.TextChoices):
        GENERAL = "general", _("General situation")
        MOOD = "mood", _("Mood, thought and opinion")
        RECOMMENDATIONS = "recommendations", _("Recommendations and grievances")
        INCIDENTS = "incidents", _("Complex incidents and hotspots")
        FORECAST = "forecast", _("Forecast")
        PROPOSALS = "proposals", _("Proposals")

    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="sections")
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guidance for the writer"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["template", "order", "id"]
        verbose_name = _("template section")
        verbose_name_plural = _("template sections")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "code"], name="template_section_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("weekly")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    HALF_YEARLY = "half_yearly", _("six-monthly")
    YEARLY = "yearly", _("yearly")
    AD_HOC = "ad_hoc", _("ad hoc")


class HolidayRule(models.TextChoices):
    KEEP = "keep", _("keep the deadline")
    EARLIER = "earlier", _("move to the previous working day")
    LATER = "later", _("move to the next working day")


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class Schedule(TimeStampedModel):
    """A reporting schedule (chế độ báo cáo): how often, which window of days a report
    covers, and when it is due. The on-time cutoff (`due`) and the closing (`lock`) are
    distinct: between them a report is late but still accepted; after the lock it is refused.

    Weekly: the period is the ISO week; the window ends on `window_end_weekday` of that week;
    the deadline is `due_weekday` of that week at `due_time`.
    Monthly and longer: the window ends on `window_end_day` of the period's last month (empty:
    its last day); the deadline is day `due_day` (clamped to the month's end) of the month
    `due_months_after` months after the period's last month, at `due_time`. A due time of
    00:00 reads "before that day".
    """

    slug = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices)
    template = models.ForeignKey(
        ReportTemplate,
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        related_name="schedules",
    )
    due_weekday = models.PositiveSmallIntegerField(_("due weekday"), choices=WEEKDAYS, default=3)
    window_end_weekday = models.PositiveSmallIntegerField(
        _("window ends on"), choices=WEEKDAYS, default=6
    )
    due_day = models.PositiveSmallIntegerField(_("due day of the month"), default=5)
    due_months_after = models.PositiveSmallIntegerField(
        _("due months after the period"),
        default=1,
        help_text=_("0: in the period's last month; 1: in the month after."),
    )
    window_end_day = models.PositiveSmallIntegerField(
        _("window ends on day"),
        null=True,
        blank=True,
        help_text=_("Empty: the window is the calendar period."),
    )
    due_time = models.TimeField(_("due time"), default=dt.time(17, 0))
    lock_after_days = models.PositiveSmallIntegerField(
        _("closes days after the deadline"),
        null=True,
        blank=True,
        help_text=_("Empty: late reports are accepted at any time."),
    )
    holiday_rule = models.CharField(
        _("deadline on a public holiday"),
        max_length=10,
        choices=HolidayRule.choices,
        default=HolidayRule.EARLIER,
    )
    remind_before_hours = models.PositiveSmallIntegerField(
        _("remind hours before the deadline"), default=24
    )
    is_active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("reporting schedule")
        verbose_name_plural = _("reporting schedules")

    def __str__(self) -> str:
        return self.name

    @property
    def is_ad_hoc(self) -> bool:
        return self.frequency == Frequency.AD_HOC


class ScheduleRule(models.Model):
    """Which units owe a schedule: those matching every condition that is set."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("kind of unit"), max_length=20, choices=Unit.Kind.choices, blank=True)
    sectors = models.CharField(
        _("sectors"),
        max_length=300,
        blank=True,
        help_text=_("Sector codes separated by commas; empty: any."),
    )
    level = models.ForeignKey(
        UnitLevel,
        verbose_name=_("level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    parent_level = models.ForeignKey(
        UnitLevel,
        verbose_name=_("level of the parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    under = models.ForeignKey(
        Unit,
        verbose_name=_("only under"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The general-affairs desk is a department like the others but receives the officers'
    # reports rather than owing them: a rule can name the units it leaves out.
    excluded_units = models.ManyToManyField(
        Unit,
        verbose_name=_("except these units"),
        blank=True,
        related_name="+",
        help_text=_("Units that match the rule but do not owe the schedule."),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("schedule rule")
        verbose_name_plural = _("schedule rules")

    def __str__(self) -> str:
        parts = [
            self.get_kind_display() if self.kind else "",
            self.sectors,
            str(self.level or ""),
            str(self.parent_level or ""),
        ]
        return " · ".join(p for p in parts if p) or "*"

    @property
    def sector_list(self) -> list[str]:
        return [s.strip() for s in self.sectors.split(",") if s.strip()]


class AdHocRequest(TimeStampedModel):
    """An ad-hoc report (báo cáo đột xuất) requested by a superior unit from some of the units
    below it, with its own window, deadline and closing."""

    title = models.CharField(_("subject"), max_length=300)
    instructions = models.TextField(_("instructions"), blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("requesting unit"),
        on_delete=models.PROTECT,
        related_name="adhoc_requests",
    )
    unit_path = models.CharField(max_length=255, editable=False)
    units = models.ManyToManyField(Unit, verbose_name=_("units that must report"), related_name="+")
    template = models.ForeignKey(
        ReportTemplate, verbose_name=_("template"), on_delete=models.PROTECT
    )
    window_start = models.DateField(_("from"))
    window_end = models.DateField(_("to"))
    due_at = models.DateTimeField(_("deadline"))
    lock_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        ordering = ["-due_at"]
        verbose_name = _("ad-hoc report request")
        verbose_name_plural = _("ad-hoc report requests")

    def __str__(self) -> str:
        return self.title

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path

    @property
    def period_key(self) -> str:
        return f"R{self.pk}"

    @property
    def is_cancelled(self) -> bool:
        """A cancelled request is owed by nobody; its reports stay readable but are final."""
        return self.cancelled_at is not None


class UnitReportSettings(TimeStampedModel):
    """The header values of a unit's official documents; empty values are derived from the
    unit (see `docbuild.header_for`)."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="report_settings")
    unit_path = models.CharField(max_length=255, editable=False)
    superior_body = models.CharField(
        _("superior body"), max_length=200, blank=True, help_text=_("e.g. THÀNH ỦY HẢI PHÒNG")
    )
    issuing_body = models.CharField(
        _("issuing body"), max_length=200, blank=True, help_text=_("e.g. BAN DÂN VẬN")
    )
    number_suffix = models.CharField(
        _("number suffix"), max_length=50, blank=True, help_text=_("e.g. BC/BDVTU")
    )
    place = models.CharField(_("place"), max_length=100, blank=True, help_text=_("e.g. Hải Phòng"))
    recipients = models.TextField(
        _("recipients"),
        blank=True,
        help_text=_("One line each, e.g. “- Thường trực Thành ủy (để b/c),”"),
    )
    signature_authority = models.CharField(
        _("signing authority"), max_length=100, blank=True, help_text=_("e.g. K/T TRƯỞNG BAN")
    )
    signature_position = models.CharField(
        _("signer's position"), max_length=100, blank=True, help_text=_("e.g. PHÓ TRƯỞNG BAN")
    )
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("document settings of a unit")
        verbose_name_plural = _("document settings of units")

    def __str__(self) -> str:
        return str(self.unit)

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path
