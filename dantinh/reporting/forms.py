"""Forms of the reporting pages. They validate input; services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dantinh.core.params import parse_id
from dantinh.org.selectors import units_visible
from dantinh.reporting.models import (
    Frequency,
    Holiday,
    ReportTemplate,
    Schedule,
    ScheduleRule,
    TemplateSection,
    UnitReportSettings,
)


class IdChoiceField(forms.ModelChoiceField):
    """A choice of a row by id that refuses what cannot be an id (letters, 25 digits) as an
    invalid choice before the database sees it."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """`IdChoiceField` for several rows."""

    def _check_values(self, value):
        for pk in value:
            if parse_id(pk) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)[:30]},
                )
        return super()._check_values(value)


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 10})
    )


class SubmitForm(forms.Form):
    note = forms.CharField(label=_("Note to the superior"), required=False, max_length=500)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("return", _("Return for changes"))]
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))


class UploadForm(forms.Form):
    unit = IdChoiceField(label=_("Unit"), queryset=None, empty_label=None)
    schedule = forms.ModelChoiceField(
        label=_("Schedule"), queryset=None, empty_label=None, to_field_name="slug"
    )
    period = forms.CharField(
        label=_("Reporting period"), max_length=20, help_text=_("e.g. 2026-W45, 2026-10, 2026-Q3")
    )
    file = forms.FileField(label=_("Word file (.docx)"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["schedule"].queryset = Schedule.objects.filter(is_active=True)


class ScheduleForm(forms.ModelForm):
    class Meta:
        model = Schedule
        fields = [
            "name",
            "description",
            "template",
            "due_weekday",
            "window_end_weekday",
            "due_day",
            "due_months_after",
            "window_end_day",
            "due_time",
            "lock_after_days",
            "holiday_rule",
            "remind_before_hours",
            "is_active",
            "order",
        ]
        widgets = {
            "due_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "description": forms.Textarea(attrs={"rows": 2}),
        }


class RuleForm(forms.ModelForm):
    class Meta:
        model = ScheduleRule
        fields = ["kind", "sectors", "level", "parent_level"]


class TemplateForm(forms.ModelForm):
    class Meta:
        model = ReportTemplate
        fields = ["name", "title_prefix", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class TemplateSectionForm(forms.ModelForm):
    class Meta:
        model = TemplateSection
        fields = ["title", "guidance", "order", "is_active"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 2})}


class NewSectionForm(forms.ModelForm):
    class Meta:
        model = TemplateSection
        fields = ["code", "title", "guidance", "order"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 2})}


class HolidayForm(forms.ModelForm):
    class Meta:
        model = Holiday
        fields = ["date", "name"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class UnitSettingsForm(forms.ModelForm):
    class Meta:
        model = UnitReportSettings
        fields = [
            "superior_body",
            "issuing_body",
            "number_suffix",
            "place",
            "recipients",
            "signature_authority",
            "signature_position",
            "signer_name",
        ]
        widgets = {"recipients": forms.Textarea(attrs={"rows": 4})}


class AdHocForm(forms.Form):
    unit = IdChoiceField(label=_("Requesting unit"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Subject"), max_length=300)
    instructions = forms.CharField(
        label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    template = IdChoiceField(
        label=_("Template"), queryset=ReportTemplate.objects.all(), empty_label=None
    )
    level = forms.ChoiceField(label=_("Units that must report"), choices=[])
    window_start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    window_end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    due_at = forms.DateTimeField(
        label=_("Deadline"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    lock_at = forms.DateTimeField(
        label=_("Closes at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def __init__(self, *args, user, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["level"].choices = [
            ("children", _("All units directly below")),
            ("territorial", _("The territorial units directly below")),
            ("sector", _("The sector bodies directly below")),
        ]
        self.user = user


DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class AdHocEditForm(forms.Form):
    """An ad-hoc request's values. Once a unit has sent its report (`answered`), the subject,
    the window and the units are shown but cannot be changed."""

    title = forms.CharField(label=_("Subject"), max_length=300)
    instructions = forms.CharField(
        label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    units = IdMultipleChoiceField(
        label=_("Units that must report"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    window_start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    window_end = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    due_at = forms.DateTimeField(
        label=_("Deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    lock_at = forms.DateTimeField(
        label=_("Closes at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )

    def __init__(self, *args, units, answered: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        if answered:
            for name in ("title", "units", "window_start", "window_end"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Some units have already sent their report: this can no longer be changed."
                )


class AdHocCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RuleExclusionsForm(forms.Form):
    """The units a rule leaves out, chosen among those it matches (and those already out)."""

    excluded_units = IdMultipleChoiceField(
        label=_("Except these units"), queryset=None, required=False
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["excluded_units"]
        field.queryset = candidates
        # A handful of departments reads best as boxes to tick; thousands of communes as a list.
        field.widget = (
            forms.CheckboxSelectMultiple()
            if candidates.count() <= 60
            else forms.SelectMultiple(attrs={"size": 10})
        )
        field.widget.choices = field.choices


def schedule_choices():
    return Schedule.objects.filter(is_active=True).exclude(frequency=Frequency.AD_HOC)


def report_units(user, action: str = "report.compile"):
    return units_visible(user, action)
