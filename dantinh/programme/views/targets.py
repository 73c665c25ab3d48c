"""Target pages: a year's targets, a target's completion rolled up the unit tree, a unit's
evidence, and setting targets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dantinh.core.concurrency import ConflictError, parse_version
from dantinh.core.errors import PermissionDeniedError, ValidationError, add_to_form
from dantinh.core.params import parse_id
from dantinh.org import paths, policies
from dantinh.org.models import Unit
from dantinh.programme import target_selectors as selectors
from dantinh.programme import target_services as services
from dantinh.programme.forms import EvidenceForm, TargetForm
from dantinh.programme.models import Evidence, Meeting, Target
from dantinh.programme.views.common import subtree_root, visible_or_404, year_param


def visible_target(user, pk) -> Target:
    return visible_or_404(selectors.target_get, Target, user, pk)


def _root(user, target: Target, raw) -> Unit:
    return subtree_root(user, target, raw)


@login_required
def target_list(request):
    year = year_param(request.GET.get("year"))
    today = timezone.localdate()
    rows = []
    for target in selectors.target_list(user=request.user, year=year):
        try:
            root = _root(request.user, target, None)
        except Http404:
            continue
        total, _rows = selectors.completion(
            user=request.user, target=target, root=root, today=today
        )
        rows.append((target, root, total))
    setters = list(selectors.setter_units(request.user))
    return render(
        request,
        "programme/target_list.html",
        {
            "year": year,
            "rows": rows,
            "setters": setters,
            "years": range(today.year + 1, today.year - 4, -1),
        },
    )


@login_required
@require_POST
def target_defaults(request):
    unit = (
        selectors.setter_units(request.user).filter(pk=parse_id(request.POST.get("unit"))).first()
    )
    if unit is None:
        raise Http404
    year = year_param(request.POST.get("year"))
    made = services.targets_set_defaults(actor=request.user, unit=unit, year=year)
    messages.success(
        request, _("%(n)s targets were set for %(year)s.") % {"n": len(made), "year": year}
    )
    return redirect(f"{reverse('programme:target_list')}?year={year}")


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request):
    if not selectors.setter_units(request.user).exists():
        raise Http404
    form = TargetForm(
        request.POST or None,
        user=request.user,
        initial={
            "year": year_param(request.GET.get("year")),
            "applies_to": Target.AppliesTo.SELF,
            "per_year": 1,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target = services.target_set(
                actor=request.user,
                unit=data["unit"],
                year=data["year"],
                kind=data["kind"],
                title=data["title"] or Target.Kind(data["kind"]).label,
                applies_to=data["applies_to"],
                level=data["level"],
                per_year=data["per_year"],
                due_on=data["due_on"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The target has been set."))
            return redirect("programme:target_detail", pk=target.pk)
    return render(request, "programme/target_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def target_update(request, pk):
    target = visible_target(request.user, pk)
    if not policies.can(request.user, "target.set", target):
        raise PermissionDeniedError()
    initial = {
        "unit": target.unit_id,
        "year": target.year,
        "kind": target.kind,
        "title": target.title,
        "applies_to": target.applies_to,
        "level": target.level_id,
        "per_year": target.per_year,
        "due_on": target.due_on,
        "note": target.note,
        "version": target.version,
    }
    form = TargetForm(request.POST or None, user=request.user, initial=initial)
    for name in ("unit", "year", "kind"):
        form.fields[name].required = False
        form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.target_update(
                actor=request.user,
                target=target,
                version=parse_version(request.POST.get("version")),
                title=data["title"] or target.title,
                applies_to=data["applies_to"],
                level=data["level"],
                per_year=data["per_year"],
                due_on=data["due_on"],
                note=data["note"],
            )
        except ConflictError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The target has been saved."))
            return redirect("programme:target_detail", pk=target.pk)
    return render(request, "programme/target_form.html", {"form": form, "target": target})


@login_required
@require_POST
def target_delete(request, pk):
    target = visible_target(request.user, pk)
    services.target_delete(actor=request.user, target=target)
    messages.success(request, _("The target has been deleted."))
    return redirect(f"{reverse('programme:target_list')}?year={target.year}")


@login_required
@require_POST
def target_collect(request, pk):
    target = visible_target(request.user, pk)
    if not policies.can(request.user, "target.set", target):
        raise PermissionDeniedError()
    added = services.target_collect(actor=request.user, target=target)
    messages.success(
        request, _("%(n)s meetings and reports were added as evidence.") % {"n": added}
    )
    return redirect("programme:target_detail", pk=target.pk)


def _evidence_form(request, target: Target, unit: Unit, data=None, files=None) -> EvidenceForm:
    from dantinh.reporting.models import Submission

    return EvidenceForm(
        data,
        files,
        meetings=Meeting.objects.filter(unit=unit, held_on__year=target.year).order_by("-held_on"),
        submissions=Submission.objects.filter(
            unit=unit, status__in=Submission.SENT, window_start__year=target.year
        ).order_by("-window_start"),
    )


@login_required
def target_detail(request, pk):
    target = visible_target(request.user, pk)
    root = _root(request.user, target, request.GET.get("unit"))
    today = timezone.localdate()
    total, rows = selectors.completion(user=request.user, target=target, root=root, today=today)
    owes = selectors.owing_units(target).filter(pk=root.pk).exists()
    context = {
        "target": target,
        "root": root,
        "total": total,
        "rows": rows,
        "due": selectors.periods_due(target, today),
        "today": today,
        "owes": owes,
        "can_set": policies.can(request.user, "target.set", target),
        "ancestors": Unit.objects.filter(
            pk__in=paths.ids_in_path(root.path)[:-1], path__gte=target.unit_path
        ).order_by("depth")
        if root.pk != target.unit_id
        else [],
    }
    if owes:
        evidence = list(selectors.evidence_for(user=request.user, target=target, unit=root))
        by_period = {
            n: [e for e in evidence if e.period == n] for n in range(1, target.per_year + 1)
        }
        context["periods"] = [
            (n, target.period_label(n), target.period_end(n), by_period[n]) for n in by_period
        ]
        if policies.can(request.user, "target.evidence", root):
            context["evidence_form"] = _evidence_form(request, target, root)
    return render(request, "programme/target_detail.html", context)


@login_required
@require_POST
def evidence_add(request, pk, unit_id):
    target = visible_target(request.user, pk)
    unit = _root(request.user, target, unit_id)
    form = _evidence_form(request, target, unit, request.POST, request.FILES)
    back = f"{reverse('programme:target_detail', args=[target.pk])}?unit={unit.pk}"
    if not form.is_valid():
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    try:
        services.evidence_add(actor=request.user, target=target, unit=unit, **form.service_kwargs())
    except ValidationError as exc:
        messages.error(request, " ".join(str(m) for m in exc.errors.values()))
    else:
        messages.success(request, _("The evidence has been recorded."))
    return redirect(back)


def _visible_evidence(user, pk) -> Evidence:
    return visible_or_404(selectors.evidence_get, Evidence, user, pk)


@login_required
def evidence_download(request, pk):
    evidence = _visible_evidence(request.user, pk)
    if not evidence.file:
        raise Http404
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.file_name)


@login_required
@require_POST
def evidence_remove(request, pk):
    evidence = _visible_evidence(request.user, pk)
    services.evidence_remove(actor=request.user, evidence=evidence)
    messages.success(request, _("The evidence has been removed."))
    return redirect(
        f"{reverse('programme:target_detail', args=[evidence.target_id])}?unit={evidence.unit_id}"
    )
