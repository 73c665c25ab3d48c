"""Item pages: list with filters and search, detail with history, quick entry, edit, delete,
export. Thin doors into selectors and services."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dantinh.core.concurrency import ConflictError
from dantinh.core.errors import PermissionDeniedError, ValidationError, add_to_form
from dantinh.core.history import history
from dantinh.core.pagination import CappedPaginator
from dantinh.core.params import parse_id
from dantinh.intake import exports, labelling, selectors, services, similar
from dantinh.intake.forms import ItemFilterForm, ItemForm
from dantinh.intake.models import Item, ItemExportJob
from dantinh.language import pii
from dantinh.org import policies
from dantinh.org.models import Unit

PAGE_SIZE = 30


def _visible_item(user, pk) -> Item:
    try:
        return selectors.item_get(user=user, pk=pk)
    except Item.DoesNotExist:
        raise Http404 from None


@login_required
def item_list(request):
    form = ItemFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if request.GET else selectors.ItemFilters()
    if filters is None:  # a filter names nothing the user can see: nothing, never everything
        items = Item.objects.none()
    else:
        items = selectors.item_list(user=request.user, filters=filters)
    paginator = CappedPaginator(items, PAGE_SIZE)
    page: Page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "total": paginator.count,
        "exact": paginator.exact,
        "query": query.urlencode(),
        "filter_unit": filters.unit if filters else None,
        "filter_errors": [e for errors in form.errors.values() for e in errors]
        if filters is None
        else [],
        "can_export": policies.can_anywhere(request.user, "item.export"),
        "can_create": policies.can_anywhere(request.user, "item.create"),
        "can_import": policies.can_anywhere(request.user, "item.import"),
    }
    template = "intake/_item_results.html" if request.htmx else "intake/item_list.html"
    return render(request, template, context)


@login_required
def item_detail(request, pk):
    item = _visible_item(request.user, pk)
    return render(
        request,
        "intake/item_detail.html",
        {
            "item": item,
            "history": history(item),
            "can_change": policies.can(request.user, "item.change", item),
            "can_delete": policies.can(request.user, "item.delete", item),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request):
    if not policies.can_anywhere(request.user, "item.create"):
        raise Http404
    form = ItemForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "GET":
        default_unit = policies.primary_unit(request.user)
        if default_unit is not None:
            form.initial["unit"] = default_unit.pk
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(actor=request.user, **form.service_kwargs())
        except services.AlreadySaved as exc:
            messages.info(request, exc.message)
            return redirect("intake:item_detail", pk=exc.item.pk)
        except ValidationError as exc:
            add_to_form(form, exc)
        except PermissionDeniedError:
            form.add_error("unit", _("You cannot log items for this unit."))
        else:
            messages.success(request, _("The item has been saved."))
            if "another" in request.POST:
                return redirect(f"{reverse('intake:item_create')}?unit={item.unit_id}")
            return redirect("intake:item_detail", pk=item.pk)
    elif request.method == "GET" and request.GET.get("unit"):
        form.initial["unit"] = request.GET["unit"]
    return render(request, "intake/item_form.html", {"form": form, **_unit_label(form)})


def _unit_label(form) -> dict:
    """The chosen unit's name for the autocomplete box when the form is shown again."""
    pk = parse_id(form["unit"].value())
    unit = form.fields["unit"].queryset.filter(pk=pk).first() if pk else None
    return {"unit_choice": unit}


@login_required
@require_http_methods(["GET", "POST"])
def item_update(request, pk):
    item = _visible_item(request.user, pk)
    if not policies.can(request.user, "item.change", item):
        raise PermissionDeniedError()
    initial = {
        "text": item.text,
        "unit": item.unit_id,
        "observed_on": item.observed_on,
        "kind": item.kind_id,
        "field": item.field_id,
        "mood": item.mood_id,
        "channel": item.channel_id,
        "authority": item.authority_id,
        "scale": item.scale,
        "verification": item.verification,
        "source_url": item.source_url,
        "secondary_fields": [f.pk for f in item.secondary_fields.all()],
        "version": item.version,
    }
    form = ItemForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(
                actor=request.user, item=item, **form.service_kwargs(creating=False)
            )
        except ConflictError as exc:
            form.add_error(None, exc.message)
            form.show_stored_version(exc.version)
        except ValidationError as exc:
            add_to_form(form, exc)
        except PermissionDeniedError:
            form.add_error("unit", _("You cannot move the item to this unit."))
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("intake:item_detail", pk=item.pk)
    return render(
        request, "intake/item_form.html", {"form": form, "item": item, **_unit_label(form)}
    )


@login_required
@require_POST
def item_delete(request, pk):
    item = _visible_item(request.user, pk)
    services.item_delete(actor=request.user, item=item)
    messages.success(request, _("The item has been deleted."))
    return redirect("intake:item_list")


@login_required
@require_http_methods(["GET", "POST"])
def item_export(request):
    """The filtered list as an .xlsx file, prepared by the worker: GET offers it (with the
    user's recent exports), POST queues it and shows its progress."""
    if not policies.can_anywhere(request.user, "item.export"):
        raise Http404
    if request.method == "POST":
        job = exports.item_export_start(actor=request.user, query=request.POST.get("query", ""))
        return redirect("intake:item_export_detail", pk=job.pk)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "intake/export_form.html",
        {"query": query.urlencode(), "jobs": exports.jobs_recent(request.user)},
    )


def _export_job(user, pk):
    try:
        return exports.job_get(user=user, pk=pk)
    except ItemExportJob.DoesNotExist:
        raise Http404 from None


@login_required
def item_export_detail(request, pk):
    job = _export_job(request.user, pk)
    template = "intake/_export_status.html" if request.htmx else "intake/export_detail.html"
    return render(request, template, {"job": job})


@login_required
def item_export_download(request, pk):
    job = _export_job(request.user, pk)
    if job.status != ItemExportJob.Status.DONE or not job.file:
        raise Http404
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file_name)
    response["Content-Type"] = exports.CONTENT_TYPE
    return response


@login_required
@require_POST
def item_suggest(request):
    """htmx: the model's suggestions for the text being typed (applied by the page to the
    choices the person has not made yet)."""
    if not policies.can_anywhere(request.user, "item.create"):
        raise Http404
    text = request.POST.get("text", "")[:5000]
    suggestion = labelling.suggest(user=request.user, text=text) if len(text.split()) >= 3 else None
    return render(
        request,
        "intake/_suggestions.html",
        {"s": suggestion, "suggested_json": json.dumps(suggestion.codes()) if suggestion else "{}"},
    )


@login_required
@require_POST
def item_similar(request):
    """htmx: items the user may see that may already record the text being typed, about the
    chosen place (a hint beside the suggestions; it never stops the item being saved)."""
    if not policies.can_anywhere(request.user, "item.view"):
        raise Http404
    text = request.POST.get("text", "")[:5000]
    unit_id, item_id = parse_id(request.POST.get("unit")), parse_id(request.POST.get("item"))
    unit = Unit.objects.filter(pk=unit_id).first() if unit_id else None
    if unit is not None and not policies.can(request.user, "unit.view", unit):
        unit = None
    found = similar.items_similar(user=request.user, text=text, unit=unit, exclude=item_id)
    return render(
        request, "intake/_similar.html", {"similar": found, "personal": pii.warning(text)}
    )


@login_required
def item_similar_items(request, pk):
    """htmx, on the item's page once it has loaded: the similar items the user may see."""
    item = _visible_item(request.user, pk)
    found = similar.items_similar_to(user=request.user, item=item)
    return render(request, "intake/_similar_items.html", {"similar": found})


@login_required
def attachment_download(request, pk, attachment_pk):
    """An item's attached file, for those who may see the item (uploads are never served
    from a public folder)."""
    item = _visible_item(request.user, pk)
    attachment = item.attachments.filter(pk=attachment_pk).first()
    if attachment is None or not attachment.file.storage.exists(attachment.file.name):
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
