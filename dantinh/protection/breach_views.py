"""Pages of breaches: the list with each clock, recording one, its page (edit, mark notified,
close) and its notification as a Word document."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dantinh.core import audit
from dantinh.core.concurrency import ConflictError
from dantinh.core.errors import ValidationError, add_to_form
from dantinh.core.params import parse_id
from dantinh.protection import breaches, letters
from dantinh.protection.forms import BreachForm, NotifiedForm
from dantinh.protection.models import Breach
from dantinh.protection.views import require_manage


def _breach(pk) -> Breach:
    found = Breach.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@login_required
@require_http_methods(["GET", "POST"])
def breach_list(request):
    require_manage(request.user)
    form = BreachForm(request.POST or None, initial={"discovered_at": timezone.localtime()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                made = breaches.breach_record(actor=request.user, **form.cleaned_data)
                messages.success(
                    request, _("The breach has been recorded: the 72-hour clock runs.")
                )
                return redirect("protection:breach_detail", pk=made.pk)
            except ValidationError as exc:
                add_to_form(form, exc)
        status = 400
    return render(
        request,
        "protection/breach_list.html",
        {"rows": list(Breach.objects.all()[:100]), "form": form, "now": timezone.now()},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def breach_detail(request, pk):
    require_manage(request.user)
    breach = _breach(pk)
    initial = {name: getattr(breach, name) for name in breaches.EDITABLE}
    form = BreachForm(initial=initial)
    notified_form = NotifiedForm(initial={"notified_at": timezone.localtime()})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        version = parse_id(request.POST.get("version"))
        try:
            if action == "save":
                form = BreachForm(request.POST)
                if form.is_valid():
                    breaches.breach_update(
                        actor=request.user, breach=breach, version=version, **form.cleaned_data
                    )
                    messages.success(request, _("The changes have been saved."))
                    return redirect("protection:breach_detail", pk=pk)
            elif action == "notified":
                notified_form = NotifiedForm(request.POST)
                if notified_form.is_valid():
                    breaches.breach_notified(
                        actor=request.user,
                        breach=breach,
                        version=version,
                        notified_at=notified_form.cleaned_data["notified_at"],
                    )
                    messages.success(request, _("The notification has been recorded."))
                    return redirect("protection:breach_detail", pk=pk)
            elif action == "close":
                breaches.breach_close(actor=request.user, breach=breach, version=version)
                messages.success(request, _("The breach has been closed."))
                return redirect("protection:breach_detail", pk=pk)
            else:
                raise Http404
        except ValidationError as exc:
            add_to_form(notified_form if action == "notified" else form, exc)
            if action == "close":
                messages.error(request, "; ".join(str(m) for m in exc.errors.values()))
        except ConflictError as exc:
            messages.error(request, exc.message)
        status = 400
        breach = _breach(pk)
    return render(
        request,
        "protection/breach_detail.html",
        {
            "breach": breach,
            "form": form,
            "notified_form": notified_form,
            "now": timezone.now(),
            "left": breach.notify_by - timezone.now(),
        },
        status=status,
    )


@login_required
def breach_notification(request, pk):
    require_manage(request.user)
    breach = _breach(pk)
    with translation.override("vi"):
        data = letters.docx(breaches.notification(breach))
    audit.record(actor=request.user, action=audit.Action.EXPORT, obj=breach, note="notification")
    response = HttpResponse(data, content_type=letters.DOCX)
    response["Content-Disposition"] = f'attachment; filename="thong-bao-vi-pham-{breach.pk}.docx"'
    return response
