"""Forms of item entry and item filters. They validate input; services do the writing."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dantinh.intake import validation
from dantinh.intake.models import Authority, Channel, Field, Item, Kind, Mood
from dantinh.intake.selectors import ANY_MOOD, ItemFilters
from dantinh.org.selectors import units_visible


def _active(model):
    return model.objects.filter(is_active=True).order_by("order", "name")


class RuleField(forms.Field):
    """A form field whose value passes the item rule of the same name (`validation.RULES`):
    the form, the API and the import refuse the same values with the same message."""

    def __init__(self, rule, *, widget=None, **kwargs):
        self.rule = rule
        kwargs.setdefault("required", False)  # the rule says what is required, and how
        super().__init__(widget=widget or forms.TextInput, **kwargs)

    def clean(self, value):
        try:
            return self.rule(value)
        except validation.FieldError as exc:
            raise forms.ValidationError(exc.message) from None


class DateField(RuleField):
    """A date typed and shown as dd/mm/yyyy whatever the browser's language (a text box with
    the phone's number keys; the page adds the slashes)."""

    def __init__(self, rule=None, **kwargs):
        attrs = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "placeholder": _("dd/mm/yyyy"),
            "maxlength": "10",
            "data-date": "",
        }
        super().__init__(
            rule or validation.clean_observed_on,
            widget=forms.DateInput(attrs=attrs, format="%d/%m/%Y"),
            **kwargs,
        )


def _optional_date(value):
    return None if value in (None, "") else validation.parse_date(value)


class EntryChoiceField(forms.ModelChoiceField):
    """An entry of a list, picked by id; the rule then checks it is given and still in use."""

    def __init__(self, *, required, **kwargs):
        super().__init__(queryset=None, required=False, **kwargs)
        self.rule = validation.entry_rule(required=required)
        self.is_required = required
        self.error_messages["invalid_choice"] = _("This choice is not in the list.")

    def clean(self, value):
        entry = super().clean(value)
        try:
            return self.rule(entry)
        except validation.FieldError as exc:
            raise forms.ValidationError(exc.message) from None


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picked by id from the user's scope (the widget is an autocomplete)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.error_messages["invalid_choice"] = _("You cannot log items for this unit.")
        self.error_messages["required"] = validation.required_message()

    def label_from_instance(self, obj):
        return obj.full_name


class ItemForm(forms.Form):
    text = RuleField(
        validation.clean_text,
        label=_("What did you learn?"),
        widget=forms.Textarea(attrs={"rows": 5, "autofocus": True, "maxlength": 20_000}),
    )
    unit = UnitChoiceField(label=_("Place (unit concerned)"), queryset=None)
    observed_on = DateField(label=_("Observed on"))
    # Kind and field start empty: saved before the suggestions arrive, an item must not be
    # filed under whatever happens to be first in the list.
    kind = EntryChoiceField(label=_("Kind"), required=True, empty_label=_("— choose —"))
    field = EntryChoiceField(label=_("Field"), required=True, empty_label=_("— choose —"))
    secondary_fields = forms.ModelMultipleChoiceField(
        label=_("Other fields"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    mood = EntryChoiceField(label=_("Mood"), required=False, empty_label=_("— not stated —"))
    channel = EntryChoiceField(label=_("Channel"), required=True, empty_label=None)
    authority = EntryChoiceField(
        label=_("Competent authority"), required=False, empty_label=_("— none —")
    )
    scale = RuleField(
        validation.clean_scale,
        label=_("People involved"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 20}),
    )
    verification = forms.ChoiceField(label=_("Verification"), choices=Item.Verification.choices)
    source_url = RuleField(
        validation.clean_source_url,
        label=_("Source link"),
        widget=forms.URLInput(attrs={"maxlength": validation.MAX_URL}),
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)
    # Filled by the page when the model's suggestions arrive: which model, and what it said.
    model_version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    suggested = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    # The item's version when the edit form was opened (optimistic locking), and the new
    # item form's one-time token (a form sent twice makes one item).
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    entry_token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

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
        self.fields["entry_token"].initial = uuid.uuid4().hex

    def clean_attachment(self):
        try:
            return validation.clean_upload(self.cleaned_data.get("attachment"))
        except validation.FieldError as exc:
            raise forms.ValidationError(exc.message) from None

    def clean_entry_token(self):
        token = self.cleaned_data.get("entry_token") or ""
        return token if token.isalnum() else ""

    def clean_suggested(self):
        try:
            value = json.loads(self.cleaned_data.get("suggested") or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def service_kwargs(self, *, creating: bool = True) -> dict:
        """The arguments of `services.item_create` (or `item_update` when not `creating`)."""
        data = dict(self.cleaned_data)
        upload = data.pop("attachment", None)
        data["attachments"] = [upload] if upload else []
        version, token = data.pop("version", None), data.pop("entry_token", "")
        if creating:
            data["entry_token"] = token
        else:
            data.pop("model_version", None)
            data.pop("suggested", None)
            data["version"] = version
        data["secondary_fields"] = list(data.get("secondary_fields") or [])
        return data

    def show_stored_version(self, version: int) -> None:
        """After a conflict: the person's values stay; saving again overwrites the version
        now stored (which the page shows them)."""
        self.data = self.data.copy()
        self.data["version"] = str(version)


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


class OneOrManySelect(forms.SelectMultiple):
    """A drop-down of one choice, shown as a list of several only when the query selects more
    than one (a link such as the overview's "recommendations and complaints" selects both
    kinds); blank values ("All") select nothing."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if len([v for v in value or [] if v]) <= 1:
            context["widget"]["attrs"].pop("multiple", None)
        return context

    def value_from_datadict(self, data, files, name):
        return [v for v in super().value_from_datadict(data, files, name) if v]


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
        label=_("Unit"),
        queryset=None,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("No such unit within your scope.")},
    )
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    date_from = DateField(_optional_date, label=_("From"))
    date_to = DateField(_optional_date, label=_("To"))
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=None, required=False, empty_label=_("All")
    )
    # Set by the links of figures that count items by their main field (the dashboard's, an
    # alert's): the list then holds exactly the items counted.
    field_main = forms.BooleanField(required=False, widget=forms.HiddenInput)
    kind = forms.ModelMultipleChoiceField(
        label=_("Kind"), queryset=None, required=False, widget=OneOrManySelect
    )
    mood = forms.ModelChoiceField(
        label=_("Mood"), queryset=None, required=False, empty_label=_("All")
    )
    valence = forms.ChoiceField(
        label=_("Valence"),
        required=False,
        choices=[("", _("All")), (ANY_MOOD, _("with a mood")), *Mood.Valence.choices],
    )
    channel = forms.ModelChoiceField(
        label=_("Channel"), queryset=None, required=False, empty_label=_("All")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_visible(user)
        self.fields["field"].queryset = Field.objects.order_by("order", "name")
        self.fields["kind"].queryset = Kind.objects.order_by("order", "name")
        self.fields["kind"].empty_label = _("All")  # the one-choice drop-down's first option
        self.fields["mood"].queryset = Mood.objects.order_by("order", "name")
        self.fields["channel"].queryset = Channel.objects.order_by("order", "name")

    def filters(self) -> ItemFilters | None:
        """The filters to apply; None when one is not valid or names something the user cannot
        see (a unit outside their scope reads like one that does not exist): the list is then
        empty, with the reason shown, and never the whole scope."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if data.get("period"):
            date_from, date_to = period_range(data["period"], timezone.localdate())
        return ItemFilters(
            unit=data.get("unit"),
            date_from=date_from,
            date_to=date_to,
            field=data.get("field"),
            main_field_only=bool(data.get("field_main")),
            kinds=list(data.get("kind") or ()),
            mood=data.get("mood"),
            valence=data.get("valence") or "",
            channel=data.get("channel"),
            q=(data.get("q") or "")[:200],
        )
