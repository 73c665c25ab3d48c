"""The case pages: the hotspot board, the list, a case with its timeline, opening and
editing a case, changing its risk. Thin doors into the selectors and services."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dantinh.alerts.selectors import alerts_visible
from dantinh.cases import charts, policy, risk, selectors, services
from dantinh.cases.forms import (
    CaseForm,
    DevelopmentForm,
    LinkItemsForm,
    LinkRecommendationsForm,
    RiskForm,
)
from dantinh.cases.models import Case, Risk
from dantinh.core.concurrency import ConflictError
from dantinh.core.errors import PermissionDeniedError, ValidationError, add_to_form
from dantinh.core.params import parse_id
from dantinh.intake import validation
from dantinh.intake.models import Field
from dantinh.intake.selectors import items_visible
from dantinh.org import paths, policies
from dantinh.org.models import Unit
from dantinh.org.selectors import units_visible
from dantinh.recommendations.selectors import recommendations_visible
from dantinh.reporting.periods import TZ

PER_PAGE = 50


def _case_or_404(user, pk) -> Case:
    """A case the user may see; 404 whether it does not exist or is not theirs."""
    try:
        return selectors.case_get(user=user, pk=pk)
    except Case.DoesNotExist:
        raise Http404 from None


def _require(allowed: bool) -> None:
    """Someone who may see the case but not do this is refused (403), not misled."""
    if not allowed:
        raise PermissionDeniedError()


def _filters(request) -> tuple[selectors.CaseFilters, dict]:
    """The list's filters from the query string; what names nothing the user can see is
    dropped (the list is then unfiltered by it, never widened beyond the scope)."""
    p = request.GET
    unit_id = parse_id(p.get("unit", ""))
    unit = units_visible(request.user).filter(pk=unit_id).first() if unit_id else None
    field_id = parse_id(p.get("field", ""))
    field = Field.objects.filter(pk=field_id).first() if field_id else None
    dates = {}
    for key in ("date_from", "date_to", "opened_from", "opened_to", "as_of"):
        try:
            dates[key] = validation.parse_date(p[key]) if p.get(key) else None
        except validation.FieldError:
            dates[key] = None
    level = p.get("risk", "")[:20]
    changed = p.get("changed_to", "")[:20]
    filters = selectors.CaseFilters(
        unit=unit,
        risk=level if level in [*Risk.values, "open"] else "",
        field=field,
        q=p.get("q", "")[:200],
        changed_to=changed if changed in [*Risk.values, "any"] else "",
        **dates,
    )
    return filters, {"unit": unit, "field": field}


@login_required
def case_board(request):
    """The hotspot board: open cases by risk, age and place, as pictures and as cards."""
    filters, chosen = _filters(request)
    today = timezone.localdate()
    board = selectors.board(user=request.user, unit=filters.unit, today=today)
    base = filters.unit
    if base is None:
        prefixes = policies.action_paths(request.user, "case.view")
        base_depth = min((len(p) // paths.SEGMENT - 1 for p in prefixes), default=0)
    else:
        base_depth = base.depth
    bars = charts.place_bars(board, base_depth=base_depth)
    columns = [
        {
            "level": level,
            "label": Risk(level).label,
            "cases": board[level],
            "colour": charts.COLOUR[level],
        }
        for level in risk.OPEN
    ]
    return render(
        request,
        "cases/board.html",
        {
            "columns": columns,
            "total": sum(len(c["cases"]) for c in columns),
            "age_chart": charts.age_chart(board),
            "age_table": charts.age_table(board, unit=base, today=today),
            "age_bands": [charts.age_band_label(band) for band in charts.AGE_BANDS],
            "place_bars": bars,
            "place_chart": charts.place_chart(bars),
            "unit": base,
            "can_create": policies.can_anywhere(request.user, "case.create"),
            "fields": Field.objects.filter(is_active=True).order_by("order", "name"),
            "field": chosen["field"],
        },
    )


@login_required
def case_list(request):
    """Every case in the user's scope, filtered as a report's figure links to it."""
    filters, chosen = _filters(request)
    qs = selectors.case_list(user=request.user, filters=filters)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    today = timezone.localdate()
    for case in page.object_list:
        case.age = (today - case.opened_on).days
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "filters": filters,
            "unit": chosen["unit"],
            "field": chosen["field"],
            "levels": Risk.choices,
            "hidden": [
                (k, request.GET[k][:20])
                for k in ("changed_to", "date_from", "date_to", "opened_from", "opened_to", "as_of")
                if request.GET.get(k)
            ],
            "fields": Field.objects.filter(is_active=True).order_by("order", "name"),
            "can_create": policies.can_anywhere(request.user, "case.create"),
        },
    )


@login_required
def case_detail(request, pk):
    case = _case_or_404(request.user, pk)
    can_change = policy.can_change(request.user, case)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "timeline": selectors.timeline(case),
            "items": selectors.linked_items(user=request.user, case=case)[:100],
            "hidden_items": case.items.count()
            - selectors.linked_items(user=request.user, case=case).count(),
            "involved": case.involved_units.all(),
            "can_change": can_change,
            "can_risk": policy.can_change_risk(request.user, case),
            "development_form": DevelopmentForm(initial={"happened_on": timezone.localdate()}),
            "link_form": LinkItemsForm(),
            "recommendations": selectors.linked_recommendations(user=request.user, case=case),
            "rec_form": LinkRecommendationsForm(),
            "age": (timezone.localdate() - case.opened_on).days,
            "at_level": (timezone.localdate() - case.risk_since).days,
            "targets": risk.targets(case.risk),
            "from_alert": alerts_visible(request.user).filter(pk=case.alert_id).first()
            if case.alert_id
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request):
    if not policies.can_anywhere(request.user, "case.create"):
        raise Http404
    form = CaseForm(
        request.POST or None,
        user=request.user,
        initial={"opened_on": timezone.localdate(), "level": Risk.LATENT},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = form.values()
        try:
            case = services.case_create(
                actor=request.user,
                unit=data["unit"],
                level=data["level"],
                reason=data.get("reason", ""),
                **values,
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        except PermissionDeniedError:
            form.add_error("unit", _("You cannot open a case for this unit."))
        else:
            messages.success(request, _("The case has been opened."))
            return redirect("cases:case_detail", pk=case.pk)
    return render(request, "cases/case_form.html", _form_context(form, None))


def _form_context(form: CaseForm, case: Case | None) -> dict:
    place_id = parse_id(str(form["place"].value() or ""))
    place = Unit.objects.filter(pk=place_id).first() if place_id else None
    return {"form": form, "case": case, "place_choice": place}


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, pk):
    case = _case_or_404(request.user, pk)
    _require(policy.can_change(request.user, case))
    initial = {
        name: getattr(case, name)
        for name in ("title", "field", "opened_on", *services.TEXTS, "scale", "involved_others")
    }
    initial.update(
        place=case.place_id,
        unit=case.unit_id,
        involved_units=[u.pk for u in case.involved_units.all()],
        version=case.version,
        field=case.field_id,
    )
    form = CaseForm(request.POST or None, user=request.user, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(
                actor=request.user,
                case=case,
                version=form.cleaned_data.get("version"),
                **form.values(),
            )
        except ConflictError as exc:
            form.add_error(None, exc.message)
            form.show_stored_version(exc.version)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("cases:case_detail", pk=case.pk)
    return render(request, "cases/case_form.html", _form_context(form, case))


def _due_at(day: dt.date | None) -> dt.datetime | None:
    """A report due on a day is due at the end of its working hours (17:00)."""
    return dt.datetime.combine(day, dt.time(17, 0), tzinfo=TZ) if day else None


@login_required
@require_http_methods(["GET", "POST"])
def case_risk(request, pk):
    case = _case_or_404(request.user, pk)
    _require(policy.can_change_risk(request.user, case))
    form = RiskForm(request.POST or None, case=case, initial={"on": timezone.localdate()})
    requester, asked = services.report_plan(actor=request.user, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = None
        if data["ask_report"]:
            due = _due_at(data.get("due_on"))
            if due is None:
                form.add_error("due_on", _("Give the deadline."))
            else:
                report = services.ReportAsk(due_at=due)
        if not form.errors:
            try:
                change = services.case_change_risk(
                    actor=request.user,
                    case=case,
                    level=data["level"],
                    reason=data["reason"],
                    on=data["on"],
                    report=report,
                )
            except ValidationError as exc:
                errors = dict(exc.errors)
                if "report" in errors:
                    errors["ask_report"] = errors.pop("report")
                if "due_at" in errors:
                    errors["due_on"] = errors.pop("due_at")
                add_to_form(form, ValidationError(errors))
            else:
                messages.success(request, _change_message(change))
                return redirect("cases:case_detail", pk=case.pk)
    return render(
        request,
        "cases/case_risk.html",
        {
            "case": case,
            "form": form,
            "requester": requester,
            "asked": asked,
            "alerting": [t for t in risk.targets(case.risk) if risk.alerts(case.risk, t)],
        },
    )


def _change_message(change) -> str:
    text = _("The risk level is now “%(level)s”.") % {"level": Risk(change.to_risk).label}
    if change.notified and change.recorded_late:
        text += " " + _(
            "Dated more than a day back, it is recorded after the fact: %(n)s leaders have "
            "been told so in the application, without the alarm."
        ) % {"n": change.notified}
    elif change.notified:
        text += " " + _("%(n)s leaders have been told.") % {"n": change.notified}
    if change.adhoc_request_id:
        text += " " + _("An ad-hoc report has been requested of %(n)s units.") % {
            "n": change.adhoc_request.units.count()
        }
    return text


@login_required
@require_POST
def development_add(request, pk):
    case = _case_or_404(request.user, pk)
    _require(policy.can_change(request.user, case))
    form = DevelopmentForm(request.POST)
    if form.is_valid():
        try:
            services.development_add(
                actor=request.user,
                case=case,
                happened_on=form.cleaned_data["happened_on"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The development has been added to the timeline."))
            return redirect(f"{_detail(case)}#timeline")
    for error in [e for errors in form.errors.values() for e in errors]:
        messages.error(request, error)
    return redirect(f"{_detail(case)}#timeline")


def _detail(case: Case) -> str:
    return services.url_of(case)


def _numbers(request) -> set[int]:
    raw = request.POST.get("numbers", "")[:500]
    ids = [parse_id(part.strip().lstrip("#")) for part in raw.replace(";", ",").split(",")]
    return {i for i in ids if i}


def _link(request, case: Case, visible, link, anchor: str):
    """Link the numbered objects of `visible` (the user's scope) to the case with `link`;
    a number not found and one out of scope read the same, and nothing is linked then."""
    wanted = _numbers(request)
    found = list(visible.filter(pk__in=wanted))
    missing = sorted(wanted - {o.pk for o in found})
    if not wanted:
        messages.error(request, _("Give the numbers to link."))
    elif missing:
        messages.error(
            request,
            _("Nothing numbered %(list)s was found.") % {"list": ", ".join(map(str, missing))},
        )
    else:
        added = link(found)
        messages.success(request, _("%(n)s have been linked.") % {"n": added})
    return redirect(f"{_detail(case)}#{anchor}")


@login_required
@require_POST
def items_link(request, pk):
    case = _case_or_404(request.user, pk)
    _require(policy.can_change(request.user, case))
    return _link(
        request,
        case,
        items_visible(request.user),
        lambda found: services.case_link_items(actor=request.user, case=case, items=found),
        "items",
    )


@login_required
@require_POST
def recommendations_link(request, pk):
    case = _case_or_404(request.user, pk)
    _require(policy.can_change(request.user, case))
    return _link(
        request,
        case,
        recommendations_visible(request.user),
        lambda found: services.case_link_recommendations(
            actor=request.user, case=case, recommendations=found
        ),
        "recommendations",
    )


@login_required
@require_POST
def recommendation_unlink(request, pk, rec_pk):
    case = _case_or_404(request.user, pk)
    _require(policy.can_change(request.user, case))
    rec = recommendations_visible(request.user).filter(pk=rec_pk, cases=case).first()
    if rec is None:
        raise Http404
    services.case_unlink_recommendation(actor=request.user, case=case, recommendation=rec)
    messages.success(request, _("The recommendation is no longer linked."))
    return redirect(f"{_detail(case)}#recommendations")


@login_required
@require_POST
def item_unlink(request, pk, item_pk):
    case = _case_or_404(request.user, pk)
    _require(policy.can_change(request.user, case))
    item = items_visible(request.user).filter(pk=item_pk, cases=case).first()
    if item is None:
        raise Http404
    services.case_unlink_item(actor=request.user, case=case, item=item)
    messages.success(request, _("The item is no longer linked."))
    return redirect(f"{_detail(case)}#items")
