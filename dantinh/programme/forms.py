"""Forms of the programme's pages. They parse input; services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dantinh.intake.forms import DateField, UnitChoiceField
from dantinh.org.selectors import units_visible
from dantinh.programme.models import Meeting, ParticipantGroup


def _date_text(value):
    """The date as typed (dd/mm/yyyy); the service checks it with the project's rule."""
    return value


class MeetingForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit where it was held"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices)
    held_on = DateField(_date_text, label=_("Held on"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("What was discussed or explained"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 20_000}),
    )
    points = forms.CharField(
        label=_("What was heard (one point per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 200_000}),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_visible(user, "meeting.record")
        self.fields["unit"].error_messages["invalid_choice"] = _(
            "You cannot record meetings for this unit."
        )
        for value, label in ParticipantGroup.choices:
            self.fields[f"group_{value}"] = forms.CharField(
                label=label,
                required=False,
                max_length=12,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
            )

    def group_fields(self):
        return [self[f"group_{value}"] for value in ParticipantGroup.values]

    def groups(self) -> dict[str, str]:
        return {g: self.cleaned_data.get(f"group_{g}") or "" for g in ParticipantGroup.values}

    def service_kwargs(self) -> dict:
        from dantinh.programme.services import split_points

        data = self.cleaned_data
        return {
            "unit": data["unit"],
            "kind": data["kind"],
            "held_on": data["held_on"],
            "place": data["place"],
            "title": data["title"],
            "summary": data["summary"],
            "groups": self.groups(),
            "points": split_points(data["points"]),
        }


class MeetingFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of meeting"),
        choices=[("", _("All kinds")), *Meeting.Kind.choices],
        required=False,
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
