"""Forms of item entry and item filters. They validate input; services do the writing."""

from __future__ import annotations

import datetime as dt
import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dantinh.intake.models import Authority, Channel, Field, Item, Kind, Mood
from dantinh.intake.selectors import ItemFilters
from dantinh.org.selectors import units_visible


def _active(model):
    return model.objects.filter(is_active=True).order_by("order", "name")


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picked by id from the user's scope (the widget is an autocomplete)."""

    widget = forms.HiddenInput

    def label_from_instance(self, obj):
        return obj.full_name


class ItemForm(forms.Form):
    text = forms.CharField(
        label=_("What did you learn?"),
        widget=forms.Textarea(attrs={"rows": 5, "autofocus": True}),
        max_length=20_000,
    )
    unit = UnitChoiceField(label=_("Place (unit concerned)"), queryset=None)
    observed_on = forms.DateField(
        label=_("Observed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=None, empty_label=None)
    field = forms.ModelChoiceField(label=_("Field"), queryset=None, empty_label=None)
    secondary_fields = forms.ModelMultipleChoiceField(
        label=_("Other fields"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    mood = forms.ModelChoiceField(
        label=_("Mood"), queryset=None, required=False, empty_label=_("— not stated —")
    )
    channel = forms.ModelChoiceField(label=_("Channel"), queryset=None, empty_label=None)
    authority = forms.ModelChoiceField(
        label=_("Competent authority"), queryset=None, required=False, empty_label=_("— none —")
    )
    scale = forms.IntegerField(
        label=_("People involved"), required=False, min_value=0, max_value=10_000_000
    )
    verification = forms.ChoiceField(label=_("Verification"), choices=Item.Verification.choices)
    source_url = forms.URLField(
        label=_("Source link"), required=False, max_length=500, assume_scheme="https"
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)
    # Filled by the page when the model's suggestions arrive: which model, and what it said.
    model_version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    suggested = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = units_visible(user, "item.create")
        self.fields["kind"].queryset = _active(Kind)
        self.fields["field"].queryset = _active(Field)
        self.fields["secondary_fields"].queryset = _active(Field)
        self.fields["mood"].queryset = _active(Mood)
        self.fields["channel"].queryset = _active(Channel)
        self.fields["authority"].queryset = _active(Authority)
        self.fields["observed_on"].initial = timezone.localdate()

    def clean_observed_on(self):
        value = self.cleaned_data["observed_on"]
        if value > timezone.localdate() + dt.timedelta(days=1):
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value

    def clean_suggested(self):
        try:
            value = json.loads(self.cleaned_data.get("suggested") or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def service_kwargs(self, *, with_suggestion: bool = True) -> dict:
        data = dict(self.cleaned_data)
        data.pop("attachment", None)
        if not with_suggestion:
            data.pop("model_version", None)
            data.pop("suggested", None)
        data["secondary_fields"] = list(data.get("secondary_fields") or [])
        data["source_url"] = data.get("source_url") or ""
        return data


PERIODS = [
    ("", _("Any time")),
    ("7d", _("Last 7 days")),
    ("30d", _("Last 30 days")),
    ("month", _("This month")),
    ("quarter", _("This quarter")),
    ("year", _("This year")),
]


def period_range(code: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    if code == "7d":
        return today - dt.timedelta(days=6), today
    if code == "30d":
        return today - dt.timedelta(days=29), today
    if code == "month":
        return today.replace(day=1), today
    if code == "quarter":
        return today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1), today
    if code == "year":
        return today.replace(month=1, day=1), today
    return None, None


class ItemFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _('Search with or without diacritics; "quotes" for a phrase'),
            }
        ),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=None, required=False, widget=forms.HiddenInput
    )
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=None, required=False, empty_label=_("All")
    )
    kind = forms.ModelChoiceField(
        label=_("Kind"), queryset=None, required=False, empty_label=_("All")
    )
    mood = forms.ModelChoiceField(
        label=_("Mood"), queryset=None, required=False, empty_label=_("All")
    )
    valence = forms.ChoiceField(
        label=_("Valence"), required=False, choices=[("", _("All")), *Mood.Valence.choices]
    )
    channel = forms.ModelChoiceField(
        label=_("Channel"), queryset=None, required=False, empty_label=_("All")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_visible(user)
        self.fields["field"].queryset = Field.objects.order_by("order", "name")
        self.fields["kind"].queryset = Kind.objects.order_by("order", "name")
        self.fields["mood"].queryset = Mood.objects.order_by("order", "name")
        self.fields["channel"].queryset = Channel.objects.order_by("order", "name")

    def filters(self) -> ItemFilters:
        """The filters to apply; invalid values are ignored rather than failing the page."""
        data = (
            self.cleaned_data
            if self.is_valid()
            else {
                k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors
            }
        )
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if data.get("period"):
            date_from, date_to = period_range(data["period"], timezone.localdate())
        return ItemFilters(
            unit=data.get("unit"),
            date_from=date_from,
            date_to=date_to,
            field=data.get("field"),
            kind=data.get("kind"),
            mood=data.get("mood"),
            valence=data.get("valence") or "",
            channel=data.get("channel"),
            q=(data.get("q") or "")[:200],
        )
