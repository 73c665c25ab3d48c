"""Forms of the data protection pages. They validate input; services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dantinh.protection.retention import MAX_DAYS, MIN_DAYS


class RetentionRuleForm(forms.Form):
    keep_days = forms.IntegerField(
        label=_("Kept for (days)"), min_value=MIN_DAYS, max_value=MAX_DAYS
    )
    enabled = forms.BooleanField(label=_("Purged"), required=False)
    basis = forms.CharField(label=_("Reason for the period"), max_length=300, required=False)
