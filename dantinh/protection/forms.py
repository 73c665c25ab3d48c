"""Forms of the data protection pages. They validate input; services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dantinh.org.models import Unit
from dantinh.protection.models import SubjectRequest
from dantinh.protection.retention import MAX_DAYS, MIN_DAYS


class RetentionRuleForm(forms.Form):
    keep_days = forms.IntegerField(
        label=_("Kept for (days)"), min_value=MIN_DAYS, max_value=MAX_DAYS
    )
    enabled = forms.BooleanField(label=_("Purged"), required=False)
    basis = forms.CharField(
        label=_("Reason for the period"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RequestForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Received by"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Request"), choices=SubjectRequest.Kind.choices)
    received_on = forms.DateField(
        label=_("Received on"),
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=SubjectRequest.Channel.choices)
    name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    id_number = forms.CharField(label=_("ID number"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    details = forms.CharField(
        label=_("What the person asks"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class AnswerForm(forms.Form):
    refused = forms.TypedChoiceField(
        label=_("Outcome"),
        choices=[("0", _("carried out")), ("1", _("refused"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="0",
    )
    answer = forms.CharField(
        label=_("Answer to the person (the body of the letter)"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class TimeLimitForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365)
    working_days = forms.BooleanField(label=_("working days"), required=False)
    basis = forms.CharField(label=_("Legal basis"), max_length=300, required=False)


MOMENT_FORMATS = ["%d/%m/%Y %H:%M", "%H:%M %d/%m/%Y", "%d/%m/%Y"]


def _moment(label, *, required=True):
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=MOMENT_FORMATS,
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}
        ),
    )


class BreachForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    discovered_at = _moment(_("Discovered at"))
    occurred_at = _moment(_("Occurred at"), required=False)
    description = forms.CharField(
        label=_("What happened (no personal data here)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    data_affected = forms.CharField(label=_("Kinds of data affected"), max_length=500)
    subjects_estimate = forms.IntegerField(
        label=_("People affected (estimate)"), min_value=0, required=False
    )
    consequences = forms.CharField(
        label=_("Possible consequences"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    measures = forms.CharField(
        label=_("Measures taken and planned"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    contact = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    authority = forms.CharField(label=_("Authority to notify"), max_length=300, required=False)
    delay_reason = forms.CharField(
        label=_("Reason for notifying late"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class NotifiedForm(forms.Form):
    notified_at = _moment(_("Notified at"))
