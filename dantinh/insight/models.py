"""Insight's own rows: boundaries a deployment adds, and the weekly roll-ups of items."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Boundary(models.Model):
    """A unit's boundary added by a deployment (`dantinh units boundaries FILE.geojson`),
    drawn instead of the package's for the same official code."""

    code = models.CharField(_("official code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    geometry = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
