"""Forms of the case pages. They read the input's shape; the services judge the values
(`services.validate`), so the pages, the API and the demo refuse the same things."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dantinh.cases import risk
from dantinh.cases.models import Risk
from dantinh.intake import validation
from dantinh.intake.forms import DateField
from dantinh.intake.models import Field
from dantinh.org import paths, policies
from dantinh.org.models import Unit
from dantinh.org.selectors import units_visible
from dantinh.recommendations.models import Body
from dantinh.recommendations.selectors import bodies_visible
from dantinh.reporting.forms import IdChoiceField, IdMultipleChoiceField

TEXT = {"rows": 4, "maxlength": 20_000}


def _optional_date(value):
    return None if value in (None, "") else validation.parse_date(value)


def opening_units(user):
    """The units where the user may open a case: those of their own grants ("case.create"),
    or the roots for an unrestricted user."""
    if policies.is_unrestricted(user):
        return Unit.objects.filter(parent__isnull=True, valid_to__isnull=True).order_by("path")
    return Unit.objects.filter(pk__in=policies.grant_units(user, "case.create")).order_by("path")


def involved_candidates(user, bases):
    """Units and bodies that may be named as involved: the sector bodies beside the units
    `bases` and above them, and the units directly below them, within the user's scope."""
    ancestors: set[int] = set()
    for base in bases:
        ancestors.update(paths.ids_in_path(base.path))
    near = Q(parent_id__in=ancestors, kind=Unit.Kind.SECTOR) | Q(parent__in=list(bases))
    return (
        units_visible(user)
        .filter(valid_to__isnull=True)
        .filter(near)
        .select_related("parent")
        .order_by("kind", "path")
    )


def body_candidates(user, bases):
    """Competent bodies that may be named: those of the units `bases`, of the units above
    them and of the units directly below them."""
    ids: set[int] = set()
    for base in bases:
        ids.update(paths.ids_in_path(base.path))
    return bodies_visible(user).filter(Q(unit_id__in=ids) | Q(unit__parent__in=list(bases)))


class CaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    unit = IdChoiceField(label=_("Followed by"), queryset=None, empty_label=None)
    place = IdChoiceField(
        label=_("Place"), queryset=Unit.objects.all(), required=False, widget=forms.HiddenInput
    )
    field = IdChoiceField(
        label=_("Field"),
        queryset=Field.objects.filter(is_active=True).order_by("order", "name"),
        required=False,
        empty_label=_("— choose —"),
    )
    opened_on = DateField(label=_("Arose on"))
    scale = forms.CharField(
        label=_("People involved"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 20}),
    )
    situation = forms.CharField(
        label=_("Situation"), required=False, widget=forms.Textarea(attrs=TEXT)
    )
    origin = forms.CharField(label=_("Origin"), required=False, widget=forms.Textarea(attrs=TEXT))
    causes = forms.CharField(label=_("Causes"), required=False, widget=forms.Textarea(attrs=TEXT))
    resolution = forms.CharField(
        label=_("Resolution process"), required=False, widget=forms.Textarea(attrs=TEXT)
    )
    direction = forms.CharField(
        label=_("Agreed direction"), required=False, widget=forms.Textarea(attrs=TEXT)
    )
    mood_impact = forms.CharField(
        label=_("Impact on the people's mood and opinion"),
        required=False,
        widget=forms.Textarea(attrs=TEXT),
    )
    involved_units = IdMultipleChoiceField(
        label=_("Units and bodies involved"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    involved_bodies = IdMultipleChoiceField(
        label=_("Competent bodies involved"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    involved_others = forms.CharField(
        label=_("Other bodies involved"),
        max_length=500,
        required=False,
        help_text=_("Bodies that are not in the unit tree (an enterprise, an investor…)."),
    )
    # Only when opening: the level the case starts at, and why when it is above latent.
    level = forms.ChoiceField(
        label=_("Risk level"),
        choices=[(r, Risk(r).label) for r in reversed(risk.OPEN)],
        initial=Risk.LATENT,
    )
    reason = forms.CharField(
        label=_("Why this level"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, user, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        if case is None:
            units = opening_units(user)
            self.fields["unit"].queryset = units
            bases = list(units)
            del self.fields["version"]
        else:
            self.fields["unit"].queryset = Unit.objects.filter(pk=case.unit_id)
            self.fields["unit"].disabled = True
            self.fields["unit"].required = False
            bases = [case.unit]
            del self.fields["level"], self.fields["reason"]
        chosen = [u.pk for u in case.involved_units.all()] if case else []
        self.fields["involved_units"].queryset = Unit.objects.filter(
            Q(pk__in=involved_candidates(user, bases).values("pk")) | Q(pk__in=chosen)
        ).order_by("kind", "path")
        self.fields["involved_units"].label_from_instance = lambda u: u.full_name
        chosen_bodies = [b.pk for b in case.involved_bodies.all()] if case else []
        self.fields["involved_bodies"].queryset = Body.objects.filter(
            Q(pk__in=body_candidates(user, bases).values("pk")) | Q(pk__in=chosen_bodies)
        ).order_by("unit_path", "name")

    def values(self) -> dict:
        """The case's values for the service (without the opening unit, level and reason)."""
        data = dict(self.cleaned_data)
        for name in ("unit", "level", "reason", "version"):
            data.pop(name, None)
        data["involved_units"] = list(data.get("involved_units") or [])
        data["involved_bodies"] = list(data.get("involved_bodies") or [])
        return data

    def show_stored_version(self, version: int) -> None:
        """After a conflict: the person's values stay; saving again overwrites the version
        now stored, knowingly."""
        self.data = self.data.copy()
        self.data["version"] = str(version)


class RiskForm(forms.Form):
    level = forms.ChoiceField(label=_("New risk level"), choices=[], widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000})
    )
    on = DateField(_optional_date, label=_("Since"))
    ask_report = forms.BooleanField(
        label=_("Ask the units concerned for an ad-hoc report"), required=False
    )
    due_on = DateField(_optional_date, label=_("Report due on"))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(r, Risk(r).label) for r in risk.targets(case.risk)]


class DevelopmentForm(forms.Form):
    happened_on = DateField(label=_("Date"))
    text = forms.CharField(
        label=_("What happened"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 20_000}),
    )


class LinkItemsForm(forms.Form):
    numbers = forms.CharField(
        label=_("Item numbers"),
        max_length=500,
        help_text=_("The numbers of the items to link, separated by commas: 120, 135"),
    )


class LinkRecommendationsForm(forms.Form):
    numbers = forms.CharField(
        label=_("Recommendation numbers"),
        max_length=500,
        help_text=_("The numbers of the recommendations to link, separated by commas: 12, 31"),
    )
