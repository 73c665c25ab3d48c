"""Recommendations' pages: my queue and the lists, a recommendation's page with its
actions, the items waiting to be followed, the figures by body and field, and the
directory. Thin doors into selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dantinh.core.concurrency import ConflictError
from dantinh.core.errors import PermissionDeniedError, ValidationError, add_to_form
from dantinh.core.params import parse_id
from dantinh.intake.models import Item
from dantinh.intake.selectors import items_visible
from dantinh.org import policies
from dantinh.org.models import User
from dantinh.recommendations import (
    complainants,
    deadlines,
    duplicates,
    forms,
    policy,
    selectors,
    services,
    states,
    transmittal,
)
from dantinh.recommendations.models import Body, Recommendation, ReplyTemplate

PAGE_SIZE = 30
VIEWS = ("queue", "overdue", "all")


def _can_use(user) -> bool:
    return policies.can_anywhere(user, policy.VIEW) or policy.contact_body_id(user) is not None


@login_required
def rec_list(request):
    """My queue, the overdue list, or all with filters."""
    if not _can_use(request.user):
        raise Http404
    view = request.GET.get("view", "queue")
    view = view if view in VIEWS else "queue"
    form = forms.FilterForm(request.GET or None)
    cleaned = form.cleaned_data if form.is_valid() else {}
    if view == "queue":
        recs = selectors.queue(request.user)
    elif view == "overdue":
        recs = selectors.overdue(request.user)
    else:
        recs = selectors.filtered(
            request.user,
            state=cleaned.get("state") or "",
            body=cleaned.get("body"),
            field_code=cleaned["field"].code if cleaned.get("field") else "",
            flag=cleaned.get("flag") or "",
            unit=cleaned.get("unit"),
            date_from=cleaned.get("date_from"),
            date_to=cleaned.get("date_to"),
            date_field=f"{cleaned['on']}_on" if cleaned.get("on") else "received_on",
        )
    page = Paginator(recs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    can_manage = policies.can_anywhere(request.user, policy.MANAGE)
    return render(
        request,
        "recommendations/list.html",
        {
            "view": view,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": deadlines.today(),
            "can_manage": can_manage,
            "bodies": selectors.bodies_visible(request.user) if can_manage else [],
            "bulk_actions": services.BULK_ACTIONS,
        },
    )


def _detail_context(request, rec: Recommendation, **extra) -> dict:
    user = request.user
    can_manage = policy.can_manage(user, rec)
    actions = [
        t.name
        for t in states.available(rec.state)
        if policy.can_act(user, rec, t.by)
        and not (t.name == "extend" and not deadlines.extension_allowed(rec))
    ]
    if "answer_self" in actions:
        actions.append("answer")
    suggested = services.suggested_body(rec) if "forward" in actions else None
    return {
        "rec": rec,
        "events": rec.events.select_related("actor", "body"),
        "actions": actions,
        "can_manage": can_manage,
        "can_personal": policy.can_read_personal(user, rec),
        "has_complainant": hasattr(rec, "complainant"),
        "overdue": deadlines.is_overdue(rec),
        "prolonged": deadlines.is_prolonged(rec),
        "suggested": suggested,
        "forward_form": forms.ForwardForm(initial={"body": suggested, "version": rec.version}),
        "reason_form": forms.ReasonForm(initial={"version": rec.version}),
        "answer_form": forms.AnswerForm(initial={"version": rec.version}),
        "close_form": forms.CloseForm(
            initial={"version": rec.version, "satisfaction": "satisfied"}
        ),
        "duplicates": duplicates.duplicate_candidates(user=user, rec=rec) if can_manage else [],
        "group_members": (
            selectors.recommendations_visible(user)
            .filter(group_id=rec.group_id)
            .exclude(pk=rec.pk)
            .select_related("item", "unit")
            if rec.group_id
            else []
        ),
        "templates": forms.AnswerForm().fields["template"].queryset,
        "assignees": _assignees(rec) if can_manage else [],
    } | extra


def _assignees(rec: Recommendation) -> list[User]:
    return list(policies.holders(policy.MANAGE, rec.owner))


@login_required
def detail(request, pk):
    rec = selectors.recommendation_get(user=request.user, pk=pk)
    extra = {}
    template = ReplyTemplate.objects.filter(
        pk=parse_id(request.GET.get("template")) or 0, is_active=True
    ).first()
    if template is not None:  # the answer starts from a reply template
        text = template.text.replace("{body}", rec.body.name if rec.body else rec.owner.full_name)
        extra = {
            "open_action": "answer",
            "answer_form": forms.AnswerForm(
                initial={"version": rec.version, "template": template, "text": text}
            ),
        }
    return render(request, "recommendations/detail.html", _detail_context(request, rec, **extra))


def _run(request, rec, name: str):
    """Carry out one transition from its form; returns None when done, else the form."""
    user = request.user
    version = parse_id(request.POST.get("version"))
    if name == "forward":
        form = forms.ForwardForm(request.POST)
        if form.is_valid():
            services.recommendation_forward(
                actor=user,
                rec=rec,
                body=form.cleaned_data["body"],
                note=form.cleaned_data["note"],
                version=version,
            )
            return None
        return form
    if name in ("decline", "extend", "reopen"):
        form = forms.ReasonForm(request.POST)
        if form.is_valid():
            service = {
                "decline": services.recommendation_decline,
                "extend": services.recommendation_extend,
                "reopen": services.recommendation_reopen,
            }[name]
            service(actor=user, rec=rec, reason=form.cleaned_data["reason"], version=version)
            return None
        return form
    if name == "answer":
        form = forms.AnswerForm(request.POST)
        if form.is_valid():
            services.recommendation_answer(
                actor=user,
                rec=rec,
                text=form.cleaned_data["text"],
                template=form.cleaned_data["template"],
                version=version,
            )
            return None
        return form
    if name == "close":
        form = forms.CloseForm(request.POST)
        if form.is_valid():
            services.recommendation_close(
                actor=user,
                rec=rec,
                satisfaction=form.cleaned_data["satisfaction"],
                note=form.cleaned_data["note"],
                version=version,
            )
            return None
        return form
    if name == "accept":
        services.recommendation_accept(actor=user, rec=rec, version=version)
        return None
    if name == "assign":
        assignee_id = parse_id(request.POST.get("assignee"))
        assignee = User.objects.filter(pk=assignee_id).first() if assignee_id else None
        services.recommendation_assign(actor=user, rec=rec, assignee=assignee, version=version)
        return None
    raise Http404


FORM_KEYS = {
    "forward": "forward_form",
    "decline": "reason_form",
    "extend": "reason_form",
    "reopen": "reason_form",
    "answer": "answer_form",
    "close": "close_form",
}
DONE = {
    "forward": _("Forwarded."),
    "accept": _("Accepted for resolution."),
    "decline": _("Sent back as not competent."),
    "extend": _("The deadline was extended."),
    "answer": _("The answer was recorded."),
    "close": _("Resolved for good."),
    "reopen": _("Reopened."),
    "assign": _("Assigned."),
}


@login_required
@require_POST
def act(request, pk, name):
    rec = selectors.recommendation_get(user=request.user, pk=pk)
    if name not in DONE:
        raise Http404
    try:
        form = _run(request, rec, name)
    except ConflictError as error:
        messages.error(request, error.message)
        return redirect("recommendations:detail", pk=rec.pk)
    except ValidationError as error:
        form_key = FORM_KEYS.get(name)
        if form_key is None:
            messages.error(request, error.message)
            return redirect("recommendations:detail", pk=rec.pk)
        form = {
            "forward_form": forms.ForwardForm,
            "reason_form": forms.ReasonForm,
            "answer_form": forms.AnswerForm,
            "close_form": forms.CloseForm,
        }[form_key](request.POST)
        form.is_valid()
        add_to_form(form, error)
    if form is None:
        messages.success(request, str(DONE[name]))
        return redirect("recommendations:detail", pk=rec.pk)
    rec = selectors.recommendation_get(user=request.user, pk=pk)
    context = _detail_context(request, rec, open_action=name, **{FORM_KEYS[name]: form})
    return render(request, "recommendations/detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def complainant(request, pk):
    """Who complained: shown on request (each reading is recorded) to those who must act."""
    rec = selectors.recommendation_get(user=request.user, pk=pk)
    if not policy.can_read_personal(request.user, rec):
        raise Http404
    if request.method == "POST":
        form = forms.ComplainantForm(request.POST)
        if form.is_valid():
            try:
                complainants.complainant_set(actor=request.user, rec=rec, **form.cleaned_data)
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("The complainant's details were saved."))
                return redirect("recommendations:detail", pk=rec.pk)
        identity = None
    else:
        identity = complainants.complainant_read(user=request.user, rec=rec)
        form = forms.ComplainantForm(initial=identity.__dict__ if identity else None)
    template = (
        "recommendations/_complainant.html" if request.htmx else "recommendations/complainant.html"
    )
    return render(request, template, {"rec": rec, "identity": identity, "form": form})


@login_required
@require_POST
def merge(request, pk):
    rec = selectors.recommendation_get(user=request.user, pk=pk)
    ids = [i for i in (parse_id(v) for v in request.POST.getlist("other")) if i]
    others = list(selectors.recommendations_visible(request.user).filter(pk__in=ids))
    try:
        duplicates.recommendations_merge(actor=request.user, recs=[rec, *others])
    except ValidationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Merged into one group; every report is kept."))
    return redirect("recommendations:detail", pk=rec.pk)


@login_required
def transmittal_docx(request, pk):
    """The transmittal letter of the latest forwarding, as a Word document."""
    rec = selectors.recommendation_get(user=request.user, pk=pk)
    if not policy.can_manage(request.user, rec) or rec.body_id is None:
        raise Http404
    data, name = transmittal.transmittal(actor=request.user, rec=rec)
    response = HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    """Items of kind recommendation or complaint not yet followed: follow them."""
    if not policies.can_anywhere(request.user, policy.MANAGE):
        raise Http404
    waiting = (
        items_visible(request.user, policy.MANAGE)
        .filter(kind__code__in=services.KINDS, recommendation__isnull=True)
        .select_related("unit", "field", "kind")
        .order_by("-observed_on", "-id")
    )
    if request.method == "POST":
        ids = [i for i in (parse_id(v) for v in request.POST.getlist("item")) if i]
        made = 0
        for item in Item.objects.filter(pk__in=ids).filter(pk__in=waiting.values("pk")):
            try:
                services.recommendation_register(actor=request.user, item=item)
                made += 1
            except (ValidationError, PermissionDeniedError) as error:
                messages.error(request, f"#{item.pk}: {error.message}")
        if made:
            messages.success(request, _("%(n)s recommendations are now followed.") % {"n": made})
        return redirect("recommendations:register")
    page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "recommendations/register.html", {"page": page})


@login_required
@require_POST
def bulk(request):
    if not policies.can_anywhere(request.user, policy.MANAGE):
        raise Http404
    ids = [i for i in (parse_id(v) for v in request.POST.getlist("rec")) if i]
    recs = list(selectors.recommendations_visible(request.user).filter(pk__in=ids))
    action = request.POST.get("action", "")
    body = Body.objects.filter(pk=parse_id(request.POST.get("body")), is_active=True).first()
    assignee = None
    if action == "assign":
        assignee = request.user
    if not recs:
        messages.error(request, _("Choose at least one recommendation."))
        return redirect(request.POST.get("next") or "recommendations:list")
    try:
        done, failed = services.recommendations_bulk(
            actor=request.user,
            recs=recs,
            action=action,
            assignee=assignee,
            body=body,
            text=request.POST.get("text", ""),
        )
    except ValidationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done for %(n)s.") % {"n": done})
        for rec, why in failed[:10]:
            messages.error(request, f"#{rec.pk}: {why}")
    nxt = request.POST.get("next", "")
    return redirect(nxt if nxt.startswith("/recommendations/") else "recommendations:list")


@login_required
def figures(request):
    """By body (median and 90th percentile of the days to answer) and by field."""
    if not policies.can_anywhere(request.user, policy.VIEW):
        raise Http404
    return render(
        request,
        "recommendations/figures.html",
        {
            "bodies": selectors.by_body(request.user),
            "fields": selectors.by_field(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def body_list(request):
    """The directory; administrators add bodies to it."""
    if not policies.can_anywhere(request.user, policy.VIEW):
        raise Http404
    can_manage = policies.can_anywhere(request.user, "body.manage")
    form = None
    if can_manage:
        form = forms.BodyForm(request.POST or None)
        form.fields["unit"].queryset = selectors.units_for_bodies(request.user)
        if request.method == "POST" and form.is_valid():
            from dantinh.recommendations import bodies as body_services

            try:
                body = body_services.body_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("The body was added to the directory."))
                return redirect("recommendations:body_detail", pk=body.pk)
    elif request.method == "POST":
        raise Http404
    bodies = selectors.bodies_visible(request.user).order_by("level", "unit_path", "name")
    page = Paginator(bodies, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "recommendations/bodies.html",
        {"page": page, "can_manage": can_manage, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def body_detail(request, pk):
    body = selectors.bodies_managed(request.user).filter(pk=parse_id(pk) or 0).first()
    if body is None:
        raise Http404
    form = forms.ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                _add_contact(request.user, body, data)
        except ValidationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The contact was added."))
            return redirect("recommendations:body_detail", pk=body.pk)
    return render(
        request,
        "recommendations/body_detail.html",
        {"body": body, "contacts": body.contacts.select_related("user"), "form": form},
    )


def _add_contact(user, body, data) -> None:
    from dantinh.recommendations import bodies as body_services

    contact = body_services.contact_create(
        actor=user,
        body=body,
        full_name=data["full_name"],
        title=data["title"],
        email=data["email"],
        phone=data["phone"],
    )
    if data["username"]:
        body_services.contact_give_account(
            actor=user,
            contact=contact,
            username=data["username"],
            password=data["password"] or None,
        )
