"""Administration within one's units: people and their roles, and new units in the tree."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import validate_password
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from dantinh.core.errors import PermissionDeniedError
from dantinh.language.normalize import search_text
from dantinh.org import policies, services
from dantinh.org.models import Membership, Unit, UnitLevel, User
from dantinh.org.selectors import units_visible

PEOPLE_PER_PAGE = 50

# What rooms above org know of the people listed (accounts: locks, two-step sign-in, resets),
# added to the page's context without org importing them: functions (request, person ids) ->
# context, registered from their AppConfig.ready().
PEOPLE_PAGE_EXTRAS: list[Callable[[HttpRequest, list[int]], dict]] = []


def register_people_page_extra(extra: Callable[[HttpRequest, list[int]], dict]) -> None:
    if extra not in PEOPLE_PAGE_EXTRAS:
        PEOPLE_PAGE_EXTRAS.append(extra)


def people_page_extras(request, person_ids: list[int]) -> dict:
    context: dict = {}
    for extra in PEOPLE_PAGE_EXTRAS:
        context.update(extra(request, person_ids))
    return context


def memberships_visible(user):
    return Membership.objects.filter(policies.scope_q(user, "user.manage", "unit__path"))


def people_visible(user, query: str = ""):
    """People with a role where `user` manages people, each with those roles only; `query`
    matches their name or user name, or the name of the unit of such a role, with or without
    diacritics."""
    roles = memberships_visible(user)
    folded = search_text(query)[:200]
    if folded:
        roles = roles.filter(
            Q(user__search_name__contains=folded) | Q(unit__search_name__contains=folded)
        )
    return (
        User.objects.filter(Exists(roles.filter(user=OuterRef("pk"))))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=memberships_visible(user)
                .select_related("unit")
                .prefetch_related("assigned_areas")
                .order_by("unit__path", "role"),
                to_attr="visible_roles",
            )
        )
        .order_by("username")
    )


class PersonForm(forms.Form):
    username = forms.RegexField(label=_("User name"), regex=r"^[\w.@+-]+$", max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, min_length=8)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    title = forms.CharField(label=_("Position"), max_length=150, required=False)
    areas = forms.ModelMultipleChoiceField(
        label=_("Assigned areas (area officers)"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = units_visible(user, "user.manage")
        self.fields["unit"].queryset = scope
        self.fields["areas"].queryset = scope.filter(
            kind=Unit.Kind.TERRITORIAL, valid_to__isnull=True, depth__lte=1
        ).order_by("path")

    def clean_username(self):
        name = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=name).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return name

    def clean(self):
        data = super().clean()
        if data.get("password"):
            validate_password(data["password"])
        return data


@login_required
@require_http_methods(["GET", "POST"])
def people(request):
    if not policies.can_anywhere(request.user, "user.manage"):
        raise Http404
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            person = services.user_create(
                actor=request.user,
                username=data["username"],
                password=data["password"],
                full_name=data["full_name"],
                email=data["email"],
            )
            services.membership_grant(
                actor=request.user,
                user=person,
                unit=data["unit"],
                role=data["role"],
                title=data["title"],
                assigned_areas=list(data["areas"]) or None,
            )
        messages.success(request, _("The account has been created."))
        return redirect("org:people")
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(people_visible(request.user, query), PEOPLE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    unit_choice = None
    if form["unit"].value():
        unit_choice = (
            units_visible(request.user, "user.manage").filter(pk=form["unit"].value()).first()
        )
    return render(
        request,
        "org/people.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "unit_choice": unit_choice,
            **people_page_extras(request, [person.pk for person in page.object_list]),
        },
    )


@login_required
@require_POST
def membership_toggle(request, pk):
    membership = get_object_or_404(memberships_visible(request.user), pk=pk)
    services.membership_set_active(
        actor=request.user, membership=membership, active=not membership.is_active
    )
    return redirect("org:people")


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Unit.Kind.choices)
    sector = forms.ChoiceField(
        label=_("Sector (for a sector body)"), choices=Unit.Sector.choices, required=False
    )
    level = forms.ModelChoiceField(
        label=_("Level"), queryset=UnitLevel.objects.all(), required=False
    )
    code = forms.CharField(label=_("Local code"), max_length=20, required=False)


@login_required
@require_http_methods(["GET", "POST"])
def unit_add(request, pk):
    parent = get_object_or_404(units_visible(request.user), pk=pk)
    if not policies.can(request.user, "unit.manage", parent):
        raise PermissionDeniedError()
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if (
            data["code"]
            and Unit.objects.filter(code_scheme=Unit.CodeScheme.LOCAL, code=data["code"]).exists()
        ):
            form.add_error("code", _("This code is already used."))
        elif data["kind"] == Unit.Kind.SECTOR and not data["sector"]:
            form.add_error("sector", _("Choose the sector of the body."))
        else:
            unit = services.unit_create(
                actor=request.user,
                name=data["name"],
                parent=parent,
                kind=data["kind"],
                sector=data["sector"] if data["kind"] == Unit.Kind.SECTOR else "",
                level=data["level"],
                code=data["code"],
            )
            messages.success(request, _("The unit has been created."))
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_add.html", {"form": form, "parent": parent})
