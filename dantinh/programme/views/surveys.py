"""Survey pages: the list, writing a survey, entering answers (on a phone), importing a file
of answers, the results (tables and charts, with last year) and their export."""

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
from dantinh.org.selectors import units_visible
from dantinh.programme import survey_exports, survey_selectors, survey_services
from dantinh.programme.forms import ImportForm, QuestionForm, SurveyEditForm, SurveyForm
from dantinh.programme.models import Question, Survey, SurveyJob
from dantinh.programme.views.common import subtree_root, visible_or_404


def visible_survey(user, pk) -> Survey:
    return visible_or_404(survey_selectors.survey_get, Survey, user, pk)


def _manager_units(user):
    ids = policies.grant_units(user, "survey.manage")
    if not ids and policies.is_unrestricted(user):
        return Unit.objects.filter(parent__isnull=True).order_by("path")
    return Unit.objects.filter(pk__in=ids).order_by("path")


@login_required
def survey_list(request):
    surveys = survey_selectors.surveys_visible(request.user).select_related("unit")
    return render(
        request,
        "programme/survey_list.html",
        {"surveys": surveys, "can_create": _manager_units(request.user).exists()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request):
    units = _manager_units(request.user)
    if not units.exists():
        raise Http404
    form = SurveyForm(
        request.POST or None,
        units=units,
        initial={"year": timezone.localdate().year, "title": "Khảo sát tình hình Nhân dân"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_services.survey_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The survey has been created: add its questions."))
            return redirect("programme:survey_detail", pk=survey.pk)
    return render(request, "programme/survey_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def survey_detail(request, pk):
    survey = visible_survey(request.user, pk)
    can_manage = policies.can(request.user, "survey.manage", survey)
    answered = survey.responses.exists()
    edit_form = SurveyEditForm(
        initial={
            "title": survey.title,
            "description": survey.description,
            "groups": "\n".join(survey.groups),
            "status": survey.status,
            "version": survey.version,
        }
    )
    question_form = QuestionForm(survey=survey)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDeniedError()
        if "add_question" in request.POST:
            question_form = QuestionForm(request.POST, survey=survey)
            if question_form.is_valid():
                data = question_form.cleaned_data
                try:
                    survey_services.question_add(
                        actor=request.user,
                        survey=survey,
                        **{
                            **data,
                            "scale_min": data["scale_min"] or 1,
                            "scale_max": data["scale_max"] or 5,
                        },
                    )
                except ValidationError as exc:
                    add_to_form(question_form, exc)
                else:
                    messages.success(request, _("The question has been added."))
                    return redirect("programme:survey_detail", pk=survey.pk)
        else:
            edit_form = SurveyEditForm(request.POST)
            if edit_form.is_valid():
                data = edit_form.cleaned_data
                try:
                    survey_services.survey_update(
                        actor=request.user,
                        survey=survey,
                        version=parse_version(request.POST.get("version")),
                        title=data["title"],
                        description=data["description"],
                        groups=data["groups"],
                        status=data["status"],
                    )
                except ConflictError as exc:
                    edit_form.add_error(None, exc.message)
                except ValidationError as exc:
                    add_to_form(edit_form, exc)
                else:
                    messages.success(request, _("The survey has been saved."))
                    return redirect("programme:survey_detail", pk=survey.pk)
    return render(
        request,
        "programme/survey_detail.html",
        {
            "survey": survey,
            "questions": survey.questions.select_related("show_if").order_by("order", "id"),
            "can_manage": can_manage,
            "answered": answered,
            "responses": survey_selectors.responses_visible(request.user, survey).count(),
            "edit_form": edit_form,
            "question_form": question_form,
            "can_answer": survey.status == Survey.Status.OPEN
            and policies.can_anywhere(request.user, "survey.answer"),
            "can_import": survey.status == Survey.Status.OPEN
            and policies.can_anywhere(request.user, "survey.import"),
        },
    )


@login_required
@require_POST
def question_delete(request, pk, question_id):
    survey = visible_survey(request.user, pk)
    question = survey.questions.filter(pk=parse_id(question_id)).first()
    if question is None:
        raise Http404
    try:
        survey_services.question_delete(actor=request.user, question=question)
    except ValidationError as exc:
        messages.error(request, exc.message)
    return redirect("programme:survey_detail", pk=survey.pk)


def _answer_units(user, survey: Survey):
    return units_visible(user, "survey.answer").filter(paths.subtree_q("path", [survey.unit_path]))


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer(request, pk):
    survey = visible_survey(request.user, pk)
    units = _answer_units(request.user, survey)
    if survey.status != Survey.Status.OPEN or not units.exists():
        raise Http404
    questions = list(survey.questions.select_related("show_if").order_by("order", "id"))
    errors: dict[str, str] = {}
    values: dict = {}
    unit = units.filter(pk=parse_id(request.POST.get("unit") or request.GET.get("unit"))).first()
    group = request.POST.get("group", request.GET.get("group", ""))
    if request.method == "POST":
        values = {
            q.code: request.POST.getlist(q.code)
            if q.kind == Question.Kind.MULTIPLE
            else request.POST.get(q.code, "")
            for q in questions
        }
        if unit is None:
            errors["unit"] = _("Choose the unit where the answers were collected.")
        else:
            try:
                survey_services.response_submit(
                    actor=request.user, survey=survey, unit=unit, answers=values, group=group
                )
            except ValidationError as exc:
                errors = dict(exc.errors)
            else:
                messages.success(request, _("The answers have been saved. Next respondent:"))
                return redirect(
                    f"{reverse('programme:survey_answer', args=[survey.pk])}?unit={unit.pk}&group={group}"
                )
    if unit is None:
        unit = units.filter(pk__in=policies.grant_units(request.user, "survey.answer")).first()
    sections: list[tuple[str, list]] = []
    for q in questions:
        value = values.get(q.code, [] if q.kind == Question.Kind.MULTIPLE else "")
        if not sections or sections[-1][0] != q.section:
            sections.append((q.section, []))
        sections[-1][1].append((q, value, errors.get(q.code, "")))
    return render(
        request,
        "programme/survey_answer.html",
        {
            "survey": survey,
            "sections": sections,
            "unit_choice": unit,
            "group": group,
            "errors": errors,
            "general_error": errors.get("__all__", ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_import(request, pk):
    survey = visible_survey(request.user, pk)
    if survey.status != Survey.Status.OPEN or not policies.can_anywhere(
        request.user, "survey.import"
    ):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            job = survey_services.import_start(
                actor=request.user,
                survey=survey,
                unit=form.cleaned_data["unit"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        except PermissionDeniedError:
            form.add_error("unit", _("You cannot import answers for this unit."))
        else:
            return redirect("programme:survey_job", pk=job.pk)
    pk_unit = parse_id(form["unit"].value())
    return render(
        request,
        "programme/survey_import.html",
        {
            "survey": survey,
            "form": form,
            "questions": survey.questions.order_by("order", "id"),
            "unit_choice": form.fields["unit"].queryset.filter(pk=pk_unit).first()
            if pk_unit
            else None,
        },
    )


def _visible_job(user, pk) -> SurveyJob:
    job_id = parse_id(pk)
    job = (
        SurveyJob.objects.filter(pk=job_id, requested_by=user)
        .select_related("survey", "unit")
        .first()
        if job_id
        else None
    )
    if job is None or not policies.can(user, "programme.view", job):
        raise Http404
    return job


@login_required
def survey_job(request, pk):
    job = _visible_job(request.user, pk)
    template = "programme/_survey_job.html" if request.htmx else "programme/survey_job.html"
    return render(request, template, {"job": job})


@login_required
def survey_job_download(request, pk):
    job = _visible_job(request.user, pk)
    if job.kind != SurveyJob.Kind.EXPORT or job.status != SurveyJob.Status.DONE or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.original_name)


@login_required
def survey_results(request, pk):
    survey = visible_survey(request.user, pk)
    root = subtree_root(request.user, survey, request.GET.get("unit"))
    respondents, results = survey_selectors.results(user=request.user, survey=survey, root=root)
    ancestors = (
        Unit.objects.filter(
            pk__in=paths.ids_in_path(root.path)[:-1], path__gte=survey.unit_path
        ).order_by("depth")
        if root.pk != survey.unit_id
        else []
    )
    return render(
        request,
        "programme/survey_results.html",
        {
            "survey": survey,
            "root": root,
            "ancestors": ancestors,
            "respondents": respondents,
            "results": results,
            "min_group": survey_selectors.MIN_GROUP,
            "can_export": policies.can(request.user, "survey.export", root),
        },
    )


@login_required
@require_POST
def survey_export(request, pk, fmt):
    survey = visible_survey(request.user, pk)
    root = subtree_root(request.user, survey, request.POST.get("unit"))
    try:
        job = survey_exports.export_start(actor=request.user, survey=survey, unit=root, fmt=fmt)
    except ValidationError:
        raise Http404 from None
    return redirect("programme:survey_job", pk=job.pk)
