from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dantinh.intake.models import Field, Mood
from dantinh.media.models import ColumnMapping, Source
from dantinh.org.selectors import units_visible


class UnitSelect(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Source.Kind.choices)
    url = forms.CharField(
        label=_("Address (feed or page)"),
        max_length=500,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    mapping = forms.ModelChoiceField(
        label=_("Column mapping (social media exports)"),
        queryset=ColumnMapping.objects.all(),
        required=False,
    )
    unit = UnitSelect(label=_("Unit following it"), queryset=None)
    interval_minutes = forms.IntegerField(
        label=_("Fetch every (minutes)"), min_value=5, max_value=7 * 24 * 60, initial=60
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            units_visible(user, "media.manage").filter(depth__lte=1).order_by("path")
        )
        self.fields["unit"].error_messages["invalid_choice"] = _(
            "You cannot manage sources for this unit."
        )


class MappingForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    platform = forms.CharField(label=_("Platform"), max_length=50, required=False)
    text_column = forms.CharField(label=_("Content column"), max_length=100)
    title_column = forms.CharField(label=_("Title column"), max_length=100, required=False)
    url_column = forms.CharField(label=_("Link column"), max_length=100, required=False)
    published_column = forms.CharField(label=_("Date column"), max_length=100, required=False)
    id_column = forms.CharField(label=_("Post id column"), max_length=100, required=False)
    author_column = forms.CharField(
        label=_("Author column"),
        max_length=100,
        required=False,
        help_text=_("Read only to count distinct authors per story; never stored."),
    )
    public_column = forms.CharField(
        label=_("Public flag column"),
        max_length=100,
        required=False,
        help_text=_('Rows whose value is not "public" are skipped; empty: every row is public.'),
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Export file (CSV, JSON or XLSX)"))


class StoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search titles"), required=False)
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=Field.objects.filter(is_active=True), required=False
    )
    valence = forms.ChoiceField(
        label=_("Valence"), choices=[("", "—"), *Mood.Valence.choices], required=False
    )
    days = forms.TypedChoiceField(
        label=_("Seen in the last"),
        coerce=int,
        choices=[(1, _("24 hours")), (7, _("7 days")), (30, _("30 days")), (365, _("year"))],
        initial=30,
        required=False,
        empty_value=30,
    )
