"""Forms of the recommendations' pages: they parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dantinh.intake.models import Authority, Field
from dantinh.org.models import Unit
from dantinh.recommendations.models import Body, Recommendation, ReplyTemplate

FLAGS = [
    ("", _("all")),
    ("overdue", _("overdue")),
    ("prolonged", _("prolonged")),
    ("reopened", _("reopened")),
    ("declined", _("declined at least once")),
    ("escalated", _("escalated over the levels")),
]


class FilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("all"))] + Recommendation.State.choices, required=False
    )
    flag = forms.ChoiceField(label=_("Flag"), choices=FLAGS, required=False)
    field = forms.ModelChoiceField(
        label=_("Field"),
        queryset=Field.objects.filter(is_active=True),
        required=False,
        to_field_name="code",
        empty_label=_("all"),
    )
    body = forms.ModelChoiceField(
        label=_("Competent body"),
        queryset=Body.objects.filter(is_active=True),
        required=False,
        empty_label=_("all"),
    )
    # Set by the reports' links: a unit's subtree, and a window of received (or answered,
    # resolved) dates.
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.all(), required=False, widget=forms.HiddenInput
    )
    date_from = forms.DateField(
        required=False, widget=forms.HiddenInput, input_formats=["%Y-%m-%d", "%d/%m/%Y"]
    )
    date_to = forms.DateField(
        required=False, widget=forms.HiddenInput, input_formats=["%Y-%m-%d", "%d/%m/%Y"]
    )
    on = forms.ChoiceField(
        choices=[("", ""), ("answered", ""), ("resolved", "")],
        required=False,
        widget=forms.HiddenInput,
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ForwardForm(VersionForm):
    body = forms.ModelChoiceField(
        label=_("Competent body"), queryset=Body.objects.filter(is_active=True)
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReasonForm(VersionForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(VersionForm):
    template = forms.ModelChoiceField(
        queryset=ReplyTemplate.objects.filter(is_active=True),
        required=False,
        widget=forms.HiddenInput,
    )
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))


class CloseForm(VersionForm):
    satisfaction = forms.ChoiceField(
        label=_("Is the citizen satisfied?"),
        choices=[
            (Recommendation.Satisfaction.SATISFIED, _("satisfied")),
            ("", _("not known")),
        ],
        required=False,
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ComplainantForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    id_number = forms.CharField(label=_("Identity card number"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)


class BodyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    authority = forms.ModelChoiceField(
        label=_("Category"), queryset=Authority.objects.filter(is_active=True)
    )
    level = forms.ChoiceField(label=_("Level"), choices=Body.Level.choices)
    unit = forms.ModelChoiceField(label=_("Unit served"), queryset=Unit.objects.none())
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)


class ContactForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    title = forms.CharField(label=_("Position"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    username = forms.CharField(
        label=_("Give an account: user name"),
        max_length=150,
        required=False,
        help_text=_("The contact signs in and sees only the recommendations routed to this body."),
    )
    password = forms.CharField(
        label=_("Temporary password"),
        widget=forms.PasswordInput,
        required=False,
        min_length=10,
        help_text=_("To be changed at the first sign-in."),
    )
