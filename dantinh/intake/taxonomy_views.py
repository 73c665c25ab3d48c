"""Editing the shared lists (SPEC §13): rename, add, retire. Codes stay as they are."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError as ModelValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from dantinh.core.errors import ValidationError
from dantinh.core.params import parse_id
from dantinh.intake import services
from dantinh.intake.models import Authority, Channel, Field, Kind, Mood
from dantinh.org import policies

LISTS = {
    "fields": (Field, _("Fields")),
    "kinds": (Kind, _("Item kinds")),
    "moods": (Mood, _("Moods")),
    "channels": (Channel, _("Channels")),
    "authorities": (Authority, _("Competent authorities")),
}


def _form_class(model):
    fields = ["code", "name", "description", "order", "is_active"]
    if model is Mood:
        fields.append("valence")
    return forms.modelform_factory(model, fields=fields)


@login_required
@require_http_methods(["GET", "POST"])
def taxonomy_edit(request, slug="fields"):
    # the lists are the whole deployment's: for those who manage them at a root unit
    if not policies.holds_at_root(request.user, "taxonomy.manage") or slug not in LISTS:
        raise Http404
    model, title = LISTS[slug]
    Form = _form_class(model)
    entry = None
    if request.GET.get("edit"):
        entry = model.objects.filter(pk=parse_id(request.GET["edit"]) or 0).first()
    form = Form(request.POST or None, instance=entry, prefix="entry")
    if entry is not None:
        form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items()}
        try:
            services.taxonomy_save(actor=request.user, model=model, entry=entry, **values)
        except (ValidationError, ModelValidationError) as exc:
            errors = exc.errors if isinstance(exc, ValidationError) else exc.message_dict
            for field, message in errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("The list has been saved."))
            return redirect("intake:taxonomy_edit", slug=slug)
    return render(
        request,
        "intake/taxonomy.html",
        {
            "lists": LISTS,
            "slug": slug,
            "title": title,
            "entries": model.objects.order_by("order", "name"),
            "form": form,
            "entry": entry,
            "can_model": policies.holds_at_root(request.user, "taxonomy.manage"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def language_model(request):
    """The language model: which version suggests labels, the corrections people made, and
    retraining on them (a background job). Its figures are the whole deployment's: only for
    those who manage the lists at a root unit."""
    from dantinh.intake import labelling, training
    from dantinh.intake.models import TrainingJob

    if not policies.holds_at_root(request.user, "taxonomy.manage"):
        raise Http404
    if request.method == "POST":
        job = training.training_start(actor=request.user)
        messages.success(request, _("Retraining has started; this page shows its progress."))
        return redirect(f"{request.path}?job={job.pk}")
    jobs = TrainingJob.objects.select_related("requested_by")[:10]
    running = any(
        j.status in (TrainingJob.Status.PENDING, TrainingJob.Status.RUNNING) for j in jobs
    )
    return render(
        request,
        "intake/language_model.html",
        {
            "lists": LISTS,
            "slug": "model",
            "version": labelling.item_model().version,
            "corrections": training.corrections_count(),
            "jobs": jobs,
            "running": running,
        },
    )
