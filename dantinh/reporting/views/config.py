"""Administrators' pages: schedules and who owes them, templates, holidays, and a unit's
document header."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dantinh.core.errors import ValidationError, add_to_form
from dantinh.reporting import config_services, docbuild, policy
from dantinh.reporting.forms import (
    HolidayForm,
    NewSectionForm,
    RuleExclusionsForm,
    RuleForm,
    ScheduleForm,
    TemplateForm,
    TemplateSectionForm,
    UnitSettingsForm,
)
from dantinh.reporting.models import Holiday, ReportTemplate, Schedule, UnitReportSettings
from dantinh.reporting.obligations import exclusion_candidates
from dantinh.reporting.periods import format_deadline, next_due
from dantinh.reporting.views.common import default_root, now, visible_unit


def _require_configure(user) -> None:
    if not policy.can_configure(user):
        raise Http404


@login_required
def settings_home(request):
    _require_configure(request.user)
    schedules = list(
        Schedule.objects.select_related("template").prefetch_related(
            "rules__level", "rules__parent_level", "rules__excluded_units"
        )
    )
    moment = now()
    for s in schedules:
        if not s.is_ad_hoc:
            p = next_due(s, moment)
            s.example = (p, format_deadline(p.due_at), format_deadline(p.lock_at))
    return render(
        request,
        "reporting/settings_home.html",
        {
            "schedules": schedules,
            "templates": ReportTemplate.objects.prefetch_related("sections"),
            "holidays": Holiday.objects.filter(date__year__gte=moment.year - 1).order_by("date")[
                :60
            ],
            "root": default_root(request.user),
        },
    )


def _exclusion_form(rule, data=None) -> RuleExclusionsForm:
    return RuleExclusionsForm(
        data,
        prefix=f"x{rule.pk}",
        candidates=exclusion_candidates(rule),
        initial={"excluded_units": list(rule.excluded_units.all())},
    )


@login_required
@require_http_methods(["GET", "POST"])
def schedule_edit(request, pk):
    """A schedule's timing, and its rules of who owes it (each with the units it leaves out)."""
    _require_configure(request.user)
    schedule = get_object_or_404(Schedule, pk=pk)
    form = ScheduleForm(request.POST or None, instance=Schedule.objects.get(pk=pk), prefix="s")
    rule_form = RuleForm(prefix="r")
    rules = list(
        schedule.rules.select_related("level", "parent_level", "under").prefetch_related(
            "excluded_units"
        )
    )
    exclusion_forms = {r.pk: _exclusion_form(r) for r in rules}
    if request.method == "POST" and "add_rule" in request.POST:
        rule_form = RuleForm(request.POST, prefix="r")
        if rule_form.is_valid():
            config_services.rule_create(
                actor=request.user, schedule=schedule, **rule_form.cleaned_data
            )
            messages.success(request, _("The rule has been added."))
            return redirect("reporting:schedule_edit", pk=pk)
    elif request.method == "POST" and "delete_rule" in request.POST:
        rule = get_object_or_404(schedule.rules, pk=request.POST["delete_rule"])
        config_services.rule_delete(actor=request.user, rule=rule)
        messages.success(request, _("The rule has been removed."))
        return redirect("reporting:schedule_edit", pk=pk)
    elif request.method == "POST" and "save_exclusions" in request.POST:
        rule = next((r for r in rules if str(r.pk) == request.POST["save_exclusions"]), None)
        if rule is None:
            raise Http404
        exclusion_forms[rule.pk] = _exclusion_form(rule, request.POST)
        if exclusion_forms[rule.pk].is_valid():
            config_services.rule_set_exclusions(
                actor=request.user,
                rule=rule,
                units=list(exclusion_forms[rule.pk].cleaned_data["excluded_units"]),
            )
            messages.success(request, _("The changes have been saved."))
            return redirect("reporting:schedule_edit", pk=pk)
    elif request.method == "POST" and form.is_valid():
        try:
            config_services.schedule_update(
                actor=request.user, schedule=schedule, **form.cleaned_data
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("reporting:settings_home")
    return render(
        request,
        "reporting/schedule_edit.html",
        {
            "schedule": schedule,
            "form": form,
            "rule_form": rule_form,
            "rules": [(r, exclusion_forms[r.pk]) for r in rules],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request, pk):
    _require_configure(request.user)
    template = get_object_or_404(ReportTemplate, pk=pk)
    sections = list(template.sections.all())
    form = TemplateForm(
        request.POST or None, instance=ReportTemplate.objects.get(pk=pk), prefix="t"
    )
    # The forms get copies: validating a form writes into its instance, and the service must
    # see the values before the change to audit them.
    section_forms = [
        TemplateSectionForm(request.POST or None, instance=copy.copy(s), prefix=f"s{s.pk}")
        for s in sections
    ]
    new_form = NewSectionForm(prefix="new")
    if request.method == "POST" and "add_section" in request.POST:
        new_form = NewSectionForm(request.POST, prefix="new")
        if new_form.is_valid():
            try:
                config_services.section_create(
                    actor=request.user, template=template, **new_form.cleaned_data
                )
            except ValidationError as exc:
                add_to_form(new_form, exc)
            else:
                messages.success(request, _("The section has been added."))
                return redirect("reporting:template_edit", pk=pk)
    elif request.method == "POST" and form.is_valid() and all(f.is_valid() for f in section_forms):
        config_services.template_update(actor=request.user, template=template, **form.cleaned_data)
        for section, section_form in zip(sections, section_forms, strict=True):
            config_services.section_update(
                actor=request.user, section=section, **section_form.cleaned_data
            )
        messages.success(request, _("The changes have been saved."))
        return redirect("reporting:template_edit", pk=pk)
    return render(
        request,
        "reporting/template_edit.html",
        {
            "template": template,
            "form": form,
            "sections": list(zip(sections, section_forms, strict=True)),
            "new_form": new_form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def holidays(request):
    _require_configure(request.user)
    form = HolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            config_services.holiday_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The holiday has been added."))
            return redirect("reporting:holidays")
    return render(
        request,
        "reporting/holidays.html",
        {"form": form, "holidays": Holiday.objects.order_by("-date")},
    )


@login_required
@require_POST
def holiday_delete(request, pk):
    _require_configure(request.user)
    config_services.holiday_delete(actor=request.user, holiday=get_object_or_404(Holiday, pk=pk))
    messages.success(request, _("The holiday has been removed."))
    return redirect("reporting:holidays")


@login_required
@require_http_methods(["GET", "POST"])
def unit_document(request, pk):
    """A unit's document header; empty fields take the values shown as defaults."""
    unit = visible_unit(request.user, pk)
    if not policy.can_configure_unit(request.user, unit):
        raise Http404
    saved = UnitReportSettings.objects.filter(unit=unit).first() or UnitReportSettings(
        unit=unit, unit_path=unit.path
    )
    form = UnitSettingsForm(request.POST or None, instance=saved)
    if request.method == "POST" and form.is_valid():
        config_services.unit_settings_update(actor=request.user, unit=unit, **form.cleaned_data)
        messages.success(request, _("The changes have been saved."))
        return redirect("reporting:unit_document", pk=unit.pk)
    return render(
        request,
        "reporting/unit_document.html",
        {
            "unit": unit,
            "form": form,
            "defaults": docbuild.default_header(unit),
        },
    )
