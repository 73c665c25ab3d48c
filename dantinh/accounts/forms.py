from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from dantinh.accounts.services import TOKEN_DAYS


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


def _days_choices():
    limit = settings.DANTINH_API_TOKEN_MAX_DAYS
    days = [d for d in TOKEN_DAYS if d <= limit] or [limit]
    return [(d, ngettext_lazy("%(n)d day", "%(n)d days", d) % {"n": d}) for d in days]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("What the token is for, e.g. “reporting script of the district”."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"), coerce=int, choices=_days_choices, initial=90
    )
