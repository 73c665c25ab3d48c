"""Forms of the programme's pages. They parse input; services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dantinh.intake.forms import DateField, UnitChoiceField
from dantinh.org.models import UnitLevel
from dantinh.org.selectors import units_visible
from dantinh.programme.models import Evidence, Meeting, ParticipantGroup, Question, Survey, Target
from dantinh.programme.target_selectors import setter_units


def _date_text(value):
    """The date as typed (dd/mm/yyyy); the service checks it with the project's rule."""
    return value


class MeetingForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit where it was held"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices)
    held_on = DateField(_date_text, label=_("Held on"))
    place = forms.CharField(label=_("Venue"), max_length=200, required=False)
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


class TargetForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Set by"), queryset=None, empty_label=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Target"), choices=Target.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    applies_to = forms.ChoiceField(label=_("Units that owe it"), choices=Target.AppliesTo.choices)
    level = forms.ModelChoiceField(
        label=_("Level"), queryset=UnitLevel.objects.order_by("rank"), required=False
    )
    per_year = forms.TypedChoiceField(
        label=_("Times a year"),
        coerce=int,
        choices=[
            (1, _("once")),
            (2, _("twice (every six months)")),
            (4, _("every quarter")),
            (12, _("every month")),
        ],
    )
    due_on = DateField(_date_text, label=_("Due on (yearly targets)"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3, "maxlength": 5000})
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = setter_units(user)
        self.fields["unit"].label_from_instance = lambda u: u.full_name


class EvidenceForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Evidence"),
        choices=Evidence.Kind.choices,
        widget=forms.RadioSelect,
        initial=Evidence.Kind.DOCUMENT,
    )
    file = forms.FileField(label=_("Document"), required=False)
    dated = DateField(_date_text, label=_("Date of the document"))
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=None, required=False)
    submission = forms.ModelChoiceField(label=_("Report"), queryset=None, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, meetings, submissions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: f"{m.held_on:%d/%m/%Y} · {m}"
        self.fields["submission"].queryset = submissions
        self.fields["submission"].label_from_instance = lambda s: s.title

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        source = data["source"]
        return {
            "upload": data.get("file") if source == Evidence.Kind.DOCUMENT else None,
            "dated": data.get("dated") if source == Evidence.Kind.DOCUMENT else None,
            "meeting": data.get("meeting") if source == Evidence.Kind.MEETING else None,
            "submission": data.get("submission") if source == Evidence.Kind.SUBMISSION else None,
            "note": data.get("note", ""),
        }


class SurveyForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Run by"), queryset=None, empty_label=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    groups = forms.CharField(
        label=_("Respondent groups (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: u.full_name


class SurveyEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    groups = forms.CharField(
        label=_("Respondent groups (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Survey.Status.choices)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class QuestionForm(forms.Form):
    section = forms.CharField(label=_("Section"), max_length=200, required=False)
    code = forms.CharField(label=_("Code"), max_length=40)
    text = forms.CharField(label=_("Question"), max_length=500)
    kind = forms.ChoiceField(label=_("Type"), choices=Question.Kind.choices)
    choices = forms.CharField(
        label=_("Choices (one per line, “code = label” or just the label)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    scale_min = forms.IntegerField(label=_("Scale from"), initial=1, required=False)
    scale_max = forms.IntegerField(label=_("Scale to"), initial=5, required=False)
    required = forms.BooleanField(label=_("Required"), required=False)
    show_if = forms.ModelChoiceField(
        label=_("Asked only if the answer to"),
        queryset=None,
        required=False,
        empty_label=_("— always asked —"),
    )
    show_values = forms.CharField(
        label=_("is one of (choice codes)"), max_length=200, required=False
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show_if"].queryset = survey.questions.filter(
            kind__in=[Question.Kind.SINGLE, Question.Kind.MULTIPLE]
        )
        self.fields["show_if"].label_from_instance = lambda q: f"{q.code}: {q.text[:60]}"


class ImportForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit where the answers were collected"), queryset=None)
    file = forms.FileField(label=_("File (.xlsx, .csv)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_visible(user, "survey.import")
