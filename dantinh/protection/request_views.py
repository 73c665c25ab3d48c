"""Pages of data subjects' requests: the register, a new request, a request's page (with the
person's identity, each showing recorded), its letter, and the time limits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from dantinh.core import audit
from dantinh.core.concurrency import ConflictError
from dantinh.core.errors import ValidationError, add_to_form
from dantinh.core.params import parse_id
from dantinh.protection import letters, policy, requests, selectors
from dantinh.protection.forms import AnswerForm, RequestForm, TimeLimitForm
from dantinh.protection.models import SubjectRequest, TimeLimit
from dantinh.protection.views import require_manage


def _require_requests(user) -> None:
    if not policy.can_handle_requests_somewhere(user):
        raise Http404


def _request(user, pk) -> SubjectRequest:
    try:
        return selectors.requests_visible(user).get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


@login_required
def request_list(request):
    _require_requests(request.user)
    show = request.GET.get("show", "open")
    rows = selectors.requests_visible(request.user)
    if show != "all":
        rows = rows.filter(
            status__in=[SubjectRequest.Status.RECEIVED, SubjectRequest.Status.ACKNOWLEDGED]
        )
    today = timezone.localdate()
    return render(
        request,
        "protection/request_list.html",
        {"rows": list(rows[:200]), "show": show, "today": today},
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    _require_requests(request.user)
    units = selectors.request_units(request.user)
    form = RequestForm(request.POST or None, units=units, initial={"unit": units.first()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = requests.request_create(
                actor=request.user,
                unit=data["unit"],
                kind=data["kind"],
                received_on=data["received_on"],
                channel=data["channel"],
                identity=requests.Identity(
                    name=data["name"],
                    phone=data["phone"],
                    id_number=data["id_number"],
                    address=data["address"],
                ),
                details=data["details"],
            )
            messages.success(request, _("The request has been recorded."))
            return redirect("protection:request_detail", pk=made.pk)
        except ValidationError as exc:
            add_to_form(form, exc)
    status = 400 if request.method == "POST" else 200
    return render(request, "protection/request_new.html", {"form": form}, status=status)


ACTIONS = {
    "acknowledge": (requests.request_acknowledge, gettext_lazy("Receipt has been acknowledged.")),
    "extend": (requests.request_extend, gettext_lazy("The deadline has been extended.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request, pk):
    _require_requests(request.user)
    subject = _request(request.user, pk)
    answer_form = AnswerForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        version = parse_id(request.POST.get("version"))
        try:
            if action in ACTIONS:
                service, done = ACTIONS[action]
                service(actor=request.user, request=subject, version=version)
                messages.success(request, done)
                return redirect("protection:request_detail", pk=pk)
            if action == "erase":
                erased = requests.request_erase_found(actor=request.user, request=subject)
                messages.success(request, _("Identities erased: %(n)s.") % {"n": erased})
                return redirect("protection:request_detail", pk=pk)
            if action == "lookup":
                found = requests.request_lookup(actor=request.user, request=subject)
                messages.success(request, _("Records found: %(n)s.") % {"n": len(found)})
                return redirect("protection:request_detail", pk=pk)
            if action == "answer":
                answer_form = AnswerForm(request.POST)
                if answer_form.is_valid():
                    requests.request_answer(
                        actor=request.user,
                        request=subject,
                        version=version,
                        **answer_form.cleaned_data,
                    )
                    messages.success(request, _("The request has been answered."))
                    return redirect("protection:request_detail", pk=pk)
                status = 400
            else:
                raise Http404
        except ValidationError as exc:
            if action == "answer":
                add_to_form(answer_form, exc)
            else:
                messages.error(request, "; ".join(str(m) for m in exc.errors.values()))
            status = 400
        except ConflictError as exc:
            messages.error(request, exc.message)
            status = 409
        subject = _request(request.user, pk)
    personal = requests.request_read(user=request.user, request=subject)
    return render(
        request,
        "protection/request_detail.html",
        {
            "subject": subject,
            "personal": personal,
            "answer_form": answer_form,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def request_letter(request, pk):
    _require_requests(request.user)
    subject = _request(request.user, pk)
    if subject.is_open:
        raise Http404
    personal = requests.request_read(user=request.user, request=subject)
    data = letters.docx(letters.request_answer(subject, personal))
    audit.record(actor=request.user, action=audit.Action.EXPORT, obj=subject, note="answer letter")
    response = HttpResponse(data, content_type=letters.DOCX)
    response["Content-Disposition"] = f'attachment; filename="tra-loi-yeu-cau-{subject.pk}.docx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def time_limits(request):
    require_manage(request.user)
    rows = list(TimeLimit.objects.all())
    forms = {
        r.pk: TimeLimitForm(
            prefix=f"t{r.pk}",
            initial={"days": r.days, "working_days": r.working_days, "basis": r.basis},
        )
        for r in rows
    }
    status = 200
    if request.method == "POST":
        row = get_object_or_404(TimeLimit, pk=parse_id(request.POST.get("limit")) or 0)
        form = TimeLimitForm(request.POST, prefix=f"t{row.pk}")
        forms[row.pk] = form
        if form.is_valid():
            requests.time_limit_update(actor=request.user, limit=row, **form.cleaned_data)
            messages.success(request, _("The changes have been saved."))
            return redirect("protection:time_limits")
        status = 400
    return render(
        request,
        "protection/time_limits.html",
        {"rows": [(r, forms[r.pk]) for r in rows]},
        status=status,
    )
