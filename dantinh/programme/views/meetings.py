"""Meeting pages: list, record, detail (points and the items they became), edit, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dantinh.core.concurrency import ConflictError, parse_version
from dantinh.core.errors import PermissionDeniedError, ValidationError, add_to_form
from dantinh.core.history import history
from dantinh.core.pagination import CappedPaginator
from dantinh.core.params import parse_id
from dantinh.intake.models import Field, Kind, Mood
from dantinh.org import policies
from dantinh.programme import selectors, services
from dantinh.programme.forms import MeetingFilterForm, MeetingForm
from dantinh.programme.models import Meeting
from dantinh.programme.views.common import visible_or_404

PAGE_SIZE = 30


def visible_meeting(user, pk) -> Meeting:
    return visible_or_404(selectors.meeting_get, Meeting, user, pk)


@login_required
def meeting_list(request):
    form = MeetingFilterForm(request.GET or None)
    filters = selectors.MeetingFilters()
    if form.is_valid():
        filters.kind = form.cleaned_data.get("kind") or ""
        filters.year = form.cleaned_data.get("year")
    paginator = CappedPaginator(
        selectors.meeting_list(user=request.user, filters=filters), PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programme/meeting_list.html",
        {
            "form": form,
            "page": page,
            "total": paginator.count,
            "query": query.urlencode(),
            "can_record": policies.can_anywhere(request.user, "meeting.record"),
        },
    )


def _unit_choice(form):
    pk = parse_id(form["unit"].value())
    return form.fields["unit"].queryset.filter(pk=pk).first() if pk else None


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    if not policies.can_anywhere(request.user, "meeting.record"):
        raise Http404
    form = MeetingForm(request.POST or None, user=request.user)
    if request.method == "GET":
        unit = policies.primary_unit(request.user)
        if unit is not None and form.fields["unit"].queryset.filter(pk=unit.pk).exists():
            form.initial["unit"] = unit.pk
        form.initial["kind"] = request.GET.get("kind", Meeting.Kind.DIALOGUE)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_record(
                actor=request.user, make_items="make_items" in request.POST, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        except PermissionDeniedError:
            form.add_error(None, _("You cannot record meetings or log items for this unit."))
        else:
            made = meeting.points.filter(item__isnull=False).count()
            if made:
                messages.success(
                    request,
                    _("The meeting has been recorded and its %(n)s points became items.")
                    % {"n": made},
                )
            else:
                messages.success(request, _("The meeting has been recorded."))
            return redirect("programme:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "programme/meeting_form.html",
        {
            "form": form,
            "unit_choice": _unit_choice(form),
            "groups_error": form.errors.get("groups"),
        },
    )


def _choices(model):
    return list(model.objects.filter(is_active=True).order_by("order", "name"))


@login_required
def meeting_detail(request, pk):
    meeting = visible_meeting(request.user, pk)
    points = list(meeting.points.select_related("item"))
    can_change = services.can_change(request.user, meeting)
    return render(
        request,
        "programme/meeting_detail.html",
        {
            "meeting": meeting,
            "groups": list(meeting.groups.all()),
            "points": points,
            "pending": [p for p in points if p.item_id is None],
            "made_any": any(p.item_id for p in points),
            "can_change": can_change,
            "can_make_items": can_change
            and policies.can(request.user, "item.create", meeting.unit),
            "kinds": _choices(Kind),
            "fields": _choices(Field),
            "moods": _choices(Mood),
            "history": history(meeting),
        },
    )


@login_required
@require_POST
def meeting_items(request, pk):
    meeting = visible_meeting(request.user, pk)
    labels: dict[int, dict[str, str]] = {}
    for point in meeting.points.filter(item__isnull=True):
        chosen = {
            head: request.POST.get(f"{head}-{point.pk}", "")[:50]
            for head in ("kind", "field", "mood")
            if f"{head}-{point.pk}" in request.POST
        }
        if chosen:
            labels[point.pk] = chosen
    try:
        made = services.meeting_make_items(actor=request.user, meeting=meeting, labels=labels)
    except ValidationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(n)s points became items.") % {"n": len(made)})
    return redirect("programme:meeting_detail", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_update(request, pk):
    meeting = visible_meeting(request.user, pk)
    if not services.can_change(request.user, meeting):
        raise PermissionDeniedError()
    pending = meeting.points.filter(item__isnull=True).order_by("order", "id")
    initial = {
        "unit": meeting.unit_id,
        "kind": meeting.kind,
        "held_on": meeting.held_on,
        "place": meeting.place,
        "title": meeting.title,
        "summary": meeting.summary,
        "points": "\n".join(p.text for p in pending),
        "version": meeting.version,
        **{f"group_{g.group}": g.count for g in meeting.groups.all()},
    }
    form = MeetingForm(request.POST or None, initial=initial, user=request.user)
    form.fields["unit"].required = False
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        kwargs.pop("unit")
        kwargs["new_points"] = kwargs.pop("points")
        try:
            services.meeting_update(
                actor=request.user,
                meeting=meeting,
                version=parse_version(request.POST.get("version")),
                **kwargs,
            )
        except ConflictError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The meeting has been saved."))
            return redirect("programme:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "programme/meeting_form.html",
        {
            "form": form,
            "meeting": meeting,
            "made": meeting.points.filter(item__isnull=False).count(),
            "groups_error": form.errors.get("groups"),
        },
    )


@login_required
@require_POST
def meeting_delete(request, pk):
    meeting = visible_meeting(request.user, pk)
    try:
        services.meeting_delete(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, exc.message)
        return redirect("programme:meeting_detail", pk=meeting.pk)
    messages.success(request, _("The meeting has been deleted."))
    return redirect("programme:meeting_list")
