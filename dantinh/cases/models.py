"""Complex incidents (vụ việc phức tạp) followed until they are resolved for good.

A case belongs to the unit that opened it (`unit`, its path copied into `unit_path` for the
scope filter) and happens at a place (`place`, in that unit's subtree). Its risk level moves
through the transitions declared in `dantinh.cases.risk`; every change is a `RiskChange` row
with its reason, and the developments people record form its dated timeline (`Development`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dantinh.core.concurrency import Versioned
from dantinh.core.models import TimeStampedModel
from dantinh.intake.models import Field, Item
from dantinh.org.models import Unit


class Risk(models.TextChoices):
    """The risk levels of SPEC §13, in the order a case climbs them."""

    LATENT = "tiem_an", _("latent risk")
    LIKELY = "co_kha_nang", _("likely to become a hotspot")
    HOTSPOT = "diem_nong", _("hotspot")
    RESOLVED = "da_giai_quyet", _("resolved for good")


class Case(Versioned, TimeStampedModel):
    """One complex incident: what is happening, why, what is being done, and how risky it is.

    It describes a situation, never persons (SPEC §11): no names or contacts of citizens."""

    title = models.CharField(_("title"), max_length=300)
    unit = models.ForeignKey(
        Unit, verbose_name=_("followed by"), on_delete=models.PROTECT, related_name="cases"
    )
    # A copy of unit.path (kept current by org's moves): the scope filter is one index range.
    unit_path = models.CharField(max_length=255, editable=False)
    place = models.ForeignKey(
        Unit, verbose_name=_("place"), on_delete=models.PROTECT, related_name="cases_here"
    )
    field = models.ForeignKey(
        Field,
        verbose_name=_("field"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    opened_on = models.DateField(_("arose on"))
    situation = models.TextField(_("situation"))
    origin = models.TextField(_("origin"), blank=True)
    causes = models.TextField(_("causes"), blank=True)
    resolution = models.TextField(_("resolution process"), blank=True)
    direction = models.TextField(_("agreed direction"), blank=True)
    mood_impact = models.TextField(_("impact on the people's mood and opinion"), blank=True)
    scale = models.PositiveIntegerField(_("people involved"), null=True, blank=True)
    involved_units = models.ManyToManyField(
        Unit,
        verbose_name=_("units and bodies involved"),
        blank=True,
        related_name="cases_involved",
    )
    involved_others = models.CharField(
        _("other bodies involved"),
        max_length=500,
        blank=True,
        help_text=_("Bodies that are not in the unit tree (an enterprise, an investor…)."),
    )
    involved_bodies = models.ManyToManyField(
        "recommendations.Body",
        verbose_name=_("competent bodies involved"),
        blank=True,
        related_name="cases",
    )
    items = models.ManyToManyField(
        Item, verbose_name=_("linked items"), blank=True, related_name="cases"
    )
    recommendations = models.ManyToManyField(
        "recommendations.Recommendation",
        verbose_name=_("linked recommendations"),
        blank=True,
        related_name="cases",
    )
    risk = models.CharField(
        _("risk level"), max_length=16, choices=Risk.choices, default=Risk.LATENT
    )
    risk_since = models.DateField(_("at this level since"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="cases_opened",
    )
    # The early-warning alert the case was opened from (one case per alert).
    alert = models.OneToOneField(
        "alerts.Alert",
        verbose_name=_("opened from the alert"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case",
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-risk_since", "-id"]
        indexes = [
            models.Index(fields=["unit_path", "risk", "opened_on"], name="case_scope_idx"),
            models.Index(fields=["risk", "risk_since"], name="case_risk_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path

    @property
    def is_open(self) -> bool:
        return self.risk != Risk.RESOLVED


class RiskChange(models.Model):
    """One change of a case's risk level, with the reason that the person gave."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="risk_changes")
    from_risk = models.CharField(_("from"), max_length=16, choices=Risk.choices, blank=True)
    to_risk = models.CharField(_("to"), max_length=16, choices=Risk.choices)
    changed_on = models.DateField(_("on"))
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # The ad-hoc report asked of the units concerned when the case was raised, if any.
    adhoc_request = models.ForeignKey(
        "reporting.AdHocRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Leaders told of the change (raising to "likely" or "hotspot").
    notified = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["changed_on", "id"]
        indexes = [models.Index(fields=["changed_on", "to_risk"], name="riskchange_day_idx")]

    def __str__(self) -> str:
        return f"{self.from_risk or '-'} → {self.to_risk}"

    @property
    def recorded_late(self) -> bool:
        """Entered after the fact (`risk.recorded_late`); a case's opening level never is."""
        from django.utils import timezone

        from dantinh.cases.risk import recorded_late

        if not self.from_risk or self.recorded_at is None:
            return False
        return recorded_late(self.changed_on, timezone.localtime(self.recorded_at).date())


class Development(models.Model):
    """A dated entry of a case's timeline: what happened, as the people following it wrote."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="developments")
    happened_on = models.DateField(_("date"))
    text = models.TextField(_("what happened"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_on", "id"]

    def __str__(self) -> str:
        return f"{self.happened_on:%d/%m/%Y}"
