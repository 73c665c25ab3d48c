"""Administrators' pages for data protection: keys, retention and purges (and, in their own
modules, data subjects' requests, the records the law asks for, and breaches)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dantinh.core import audit
from dantinh.core.errors import ValidationError, add_to_form
from dantinh.core.params import parse_id
from dantinh.protection import keys, letters, policy, records, retention
from dantinh.protection.forms import RetentionRuleForm
from dantinh.protection.models import JobStatus, KeyRotationJob, PurgeRun, RetentionRule

RUNNING = (JobStatus.PENDING, JobStatus.RUNNING)


def require_manage(user) -> None:
    """The deployment's duties are a root administrator's; to anyone else they do not exist."""
    if not policy.can_manage(user):
        raise Http404


@login_required
def home(request):
    if not (policy.can_manage(request.user) or policy.can_handle_requests_somewhere(request.user)):
        raise Http404
    return render(request, "protection/home.html", {"can_manage": policy.can_manage(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def keys_page(request):
    require_manage(request.user)
    if request.method == "POST":
        try:
            keys.rotation_start(actor=request.user)
            messages.success(
                request,
                _("The rotation has been queued: the worker re-encrypts in the background."),
            )
        except ValidationError as exc:
            messages.error(request, exc.errors.get("__all__", exc.message))
        return redirect("protection:keys")
    rotations = list(KeyRotationJob.objects.select_related("requested_by")[:10])
    context = {
        "columns": keys.status(),
        "rotations": rotations,
        "running": any(r.status in RUNNING for r in rotations),
    }
    if request.htmx:
        return render(request, "protection/_rotations.html", context)
    return render(request, "protection/keys.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def retention_page(request):
    require_manage(request.user)
    rules = retention.rules()
    forms = {
        r.pk: RetentionRuleForm(
            prefix=f"r{r.pk}",
            initial={"keep_days": r.keep_days, "enabled": r.enabled, "basis": r.basis},
        )
        for r in rules
    }
    if request.method == "POST" and "purge" in request.POST:
        try:
            retention.purge_start(actor=request.user)
            messages.success(request, _("The purge has been queued."))
        except ValidationError as exc:
            messages.error(request, exc.errors.get("__all__", exc.message))
        return redirect("protection:retention")
    if request.method == "POST":
        rule = get_object_or_404(RetentionRule, pk=_int(request.POST.get("rule")))
        form = RetentionRuleForm(request.POST, prefix=f"r{rule.pk}")
        forms[rule.pk] = form
        if form.is_valid():
            try:
                retention.rule_update(actor=request.user, rule=rule, **form.cleaned_data)
                messages.success(request, _("The changes have been saved."))
                return redirect("protection:retention")
            except ValidationError as exc:
                add_to_form(form, exc)
    preview = retention.preview()
    runs = list(PurgeRun.objects.select_related("requested_by")[:10])
    labels = dict(RetentionRule.Kind.choices)
    for run in runs:
        run.lines = [(labels.get(k, k), n) for k, n in (run.counts or {}).items()]
    context = {
        "rows": [(r, forms[r.pk], preview.get(r.kind), r.kind in retention.PURGERS) for r in rules],
        "runs": runs,
        "running": any(r.status in RUNNING for r in runs),
    }
    status = 400 if request.method == "POST" else 200
    if request.htmx and request.method == "GET":
        return render(request, "protection/_purges.html", context)
    return render(request, "protection/retention.html", context, status=status)


def _int(value) -> int:
    found = parse_id(value)
    if found is None:
        raise Http404
    return found


@login_required
def records_page(request):
    """The register of processing activities, as generated from the configuration now."""
    require_manage(request.user)
    return render(
        request,
        "protection/records.html",
        {
            "categories": records.categories(),
            "recipients": records.recipients(),
            "rules": retention.rules(),
            "safeguards": records.safeguards(),
            "purposes": records.PURPOSES,
        },
    )


RECORDS = {
    "register": (records.register_document, "so-ghi-nhan-xu-ly-du-lieu-ca-nhan.docx"),
    "impact": (records.impact_assessment_document, "ho-so-danh-gia-tac-dong.docx"),
}


@login_required
def records_download(request, which):
    require_manage(request.user)
    if which not in RECORDS:
        raise Http404
    build, filename = RECORDS[which]
    with translation.override("vi"):  # an official document, whatever the reader's language
        data = letters.docx(build())
    audit.record(
        actor=request.user,
        action=audit.Action.EXPORT,
        object_type=f"protection.{which}",
        object_repr=filename,
    )
    response = HttpResponse(data, content_type=letters.DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
