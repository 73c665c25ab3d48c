"""The alert: one signal raised once per unit, detector, key and window."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dantinh.org.models import Unit


class Alert(models.Model):
    """Something unusual a detector found (a surge of negative items in a field, a surging media
    story…), with the figures behind it. Raised once: a second run over the same window finds
    the row already there (unique kind, unit, key and window)."""

    class Level(models.TextChoices):
        NOTICE = "notice", _("notice")
        WARNING = "warning", _("warning")
        SEVERE = "severe", _("severe")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        DISMISSED = "dismissed", _("dismissed")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    # A copy of unit.path (kept current by org's moves): the scope filter needs no join.
    unit_path = models.CharField(max_length=255, editable=False)
    kind = models.CharField(_("detector"), max_length=40)
    key = models.CharField(_("signal"), max_length=200)
    window_start = models.DateField(_("from"))
    window_end = models.DateField(_("to"))
    level = models.CharField(
        _("level"), max_length=10, choices=Level.choices, default=Level.WARNING
    )
    params = models.JSONField(default=dict, blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    raised_at = models.DateTimeField(_("raised at"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "unit", "key", "window_start", "window_end"],
                name="alert_once_per_window",
            )
        ]
        indexes = [
            models.Index(fields=["unit_path"], name="alert_unit_path_idx"),
            models.Index(fields=["raised_at"], name="alert_raised_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} {self.window_start}–{self.window_end}"

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path

    @property
    def title(self) -> str:
        from dantinh.alerts.registry import title_of

        return title_of(self)
