"""Writes to surveys: write a survey and its questions, open and close it, enter a
respondent's answers, import a file of answers (all rows or none), export the results.

Answers pass one validation path (`clean_answers`) whether typed on the page, sent to the API
or imported. Respondents are anonymous: a response keeps the unit where it was collected and
the respondent's group, never a name, an address or a telephone number."""

from __future__ import annotations

import logging
import math
import re
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.core import audit, jobs
from dantinh.core.concurrency import check_version
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.intake import labelling
from dantinh.intake.imports import RejectedFile, read_rows
from dantinh.language.normalize import fold
from dantinh.org import policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User
from dantinh.programme.models import Answer, Question, Response, Survey, SurveyJob

logger = logging.getLogger(__name__)
QKind = Question.Kind
MAX_TEXT = 2_000
MAX_QUESTIONS = 200
SURVEY_AUDIT_FIELDS = ["title", "year", "description", "groups", "status", "previous"]
# Columns of an XLSForm tool's export (ODK, KoboToolbox…) that are not answers.
META_COLUMNS = {"start", "end", "today", "deviceid", "username", "instanceid", "version"}
GROUP_HEADERS = {"nhom", "nhom doi tuong", "group", "respondent_group", "doi tuong"}
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


# --- the survey and its questions ---------------------------------------------------------


def _check_manage(actor: User, survey_or_unit) -> None:
    require_actor(actor)
    if not policies.can(actor, "survey.manage", survey_or_unit):
        raise PermissionDeniedError()


def _clean_groups(groups) -> list[str]:
    if isinstance(groups, str):
        groups = groups.splitlines()
    cleaned: list[str] = []
    for g in groups or []:
        name = str(g).strip()[:100]
        if name and name not in cleaned:
            cleaned.append(name)
    return cleaned[:30]


@transaction.atomic
def survey_create(
    *,
    actor: User,
    unit: Unit,
    year: int,
    title: str,
    description: str = "",
    groups: Any = (),
    previous: Survey | None = None,
) -> Survey:
    """A survey run by `unit` (answered within its subtree), being written. `previous` is the
    survey its results are compared with (by default the unit's survey of the year before).
    Needs "survey.manage" on the unit."""
    _check_manage(actor, unit)
    title = (title or "").strip()[:200]
    errors = {}
    if not title:
        errors["title"] = _("Give the survey a title.")
    if not 2000 <= int(year or 0) <= 2100:
        errors["year"] = _("The year is a number from 2000 to 2100.")
    if errors:
        raise ValidationError(errors)
    if previous is None:
        previous = (
            Survey.objects.filter(unit=unit, year=int(year) - 1).order_by("-created_at").first()
        )
    survey = Survey.objects.create(
        unit=unit,
        unit_path=unit.path,
        year=int(year),
        title=title,
        description=(description or "").strip()[:5000],
        groups=_clean_groups(groups),
        previous=previous,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=survey,
        changes=audit.diff({}, audit.snapshot(survey, SURVEY_AUDIT_FIELDS)),
    )
    return survey


@transaction.atomic
def survey_update(
    *,
    actor: User,
    survey: Survey,
    version: int | None,
    title: str,
    description: str = "",
    groups: Any = (),
    status: str | None = None,
) -> Survey:
    """Change a survey's title, description, groups and status (being written → collecting
    answers → closed; it can be reopened). A survey with no question cannot be opened.
    Needs "survey.manage"."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _check_manage(actor, survey)
    check_version(survey, version)
    before = audit.snapshot(survey, SURVEY_AUDIT_FIELDS)
    title = (title or "").strip()[:200]
    if not title:
        raise ValidationError({"title": _("Give the survey a title.")})
    status = status or survey.status
    if status not in Survey.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == Survey.Status.OPEN and not survey.questions.exists():
        raise ValidationError({"status": _("Add questions before collecting answers.")})
    survey.title, survey.description = title, (description or "").strip()[:5000]
    survey.groups, survey.status = _clean_groups(groups), status
    survey.version += 1
    survey.save()
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=survey,
        changes=audit.diff(before, audit.snapshot(survey, SURVEY_AUDIT_FIELDS)),
    )
    return survey


def parse_choices(text: str) -> list[list[str]]:
    """Choices typed one per line, as "code = label" or just a label (coded 1, 2, 3…)."""
    choices: list[list[str]] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        code, sep, label = line.partition("=")
        code = code.strip().lower()
        if sep and label.strip() and (_CODE.match(code) or code.isdigit()):
            choices.append([code, label.strip()[:200]])
        else:
            choices.append([str(len(choices) + 1), line[:200]])
    return choices


@transaction.atomic
def question_add(
    *,
    actor: User,
    survey: Survey,
    code: str,
    text: str,
    kind: str,
    section: str = "",
    choices: Any = "",
    scale_min: Any = 1,
    scale_max: Any = 5,
    required: bool = False,
    show_if: Question | None = None,
    show_values: Any = (),
) -> Question:
    """Add a question at the end of the survey (its code names it in imported files and in
    the comparison with last year). Only while no answer has been collected. Needs
    "survey.manage". Raises PermissionDeniedError or ValidationError."""
    _check_manage(actor, survey)
    if survey.responses.exists():
        raise ValidationError(_("Answers have been collected: the questions can no longer change."))
    errors: dict[str, str] = {}
    code = (code or "").strip().lower()
    if not _CODE.match(code):
        errors["code"] = _(
            "A code is a short name of lower-case letters without accents, digits and _, "
            "starting with a letter (e.g. hai_long)."
        )
    elif survey.questions.filter(code=code).exists():
        errors["code"] = _("Another question has this code.")
    text = (text or "").strip()[:500]
    if not text:
        errors["text"] = _("Write the question.")
    if kind not in QKind.values:
        errors["kind"] = _("Choose the type of question.")
    parsed = parse_choices(choices) if isinstance(choices, str) else [list(c) for c in choices]
    if kind in (QKind.SINGLE, QKind.MULTIPLE) and len(parsed) < 2:
        errors["choices"] = _("A choice question needs at least two choices, one per line.")
    if len({c for c, _label in parsed}) != len(parsed):
        errors["choices"] = _("Two choices have the same code.")
    try:
        low, high = int(scale_min), int(scale_max)
        if kind == QKind.SCALE and not (low < high and high - low <= 10):
            raise ValueError
    except (TypeError, ValueError):
        errors["scale_max"] = _(
            "A scale goes from a smaller to a larger whole number (at most 10 steps)."
        )
        low, high = 1, 5
    values = [str(v).strip().lower() for v in (show_values or []) if str(v).strip()]
    if isinstance(show_values, str):
        values = [v.strip().lower() for v in re.split(r"[,;\s]+", show_values) if v.strip()]
    if show_if is not None:
        if show_if.survey_id != survey.pk or not show_if.is_choice:
            errors["show_if"] = _("A question is skipped depending on an earlier choice question.")
        elif not values or not set(values) <= {c for c, _label in show_if.choices}:
            errors["show_values"] = _("Give the codes of the choices for which it is asked.")
    if survey.questions.count() >= MAX_QUESTIONS:
        errors["text"] = _("A survey has at most %(n)s questions.") % {"n": MAX_QUESTIONS}
    if errors:
        raise ValidationError(errors)
    order = (survey.questions.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    question = Question.objects.create(
        survey=survey,
        section=(section or "").strip()[:200],
        order=order,
        code=code,
        text=text,
        kind=kind,
        choices=parsed if kind in (QKind.SINGLE, QKind.MULTIPLE) else [],
        scale_min=low,
        scale_max=high,
        required=bool(required),
        show_if=show_if,
        show_values=values if show_if is not None else [],
    )
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=survey,
        note=_("Question added: %(code)s") % {"code": code},
    )
    return question


@transaction.atomic
def question_delete(*, actor: User, question: Question) -> None:
    survey = question.survey
    _check_manage(actor, survey)
    if survey.responses.exists():
        raise ValidationError(_("Answers have been collected: the questions can no longer change."))
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=survey,
        note=_("Question removed: %(code)s") % {"code": question.code},
    )
    question.delete()


# --- answers --------------------------------------------------------------------------------


def _match_choice(question: Question, raw: str) -> str | None:
    key = fold(str(raw).strip())
    for code, label in question.choices:
        if key in (fold(code), fold(label)):
            return code
    return None


def _parse_number(raw: Any) -> float:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    else:
        text = str(raw).strip().replace(" ", "")
        if "," in text and "." in text:  # 1.234,5 written the Vietnamese way
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", ".")
        value = float(text)
    if not math.isfinite(value) or abs(value) > 1e12:
        raise ValueError
    return value


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def clean_answer(question: Question, raw: Any) -> dict:
    """One answer's value as stored ({"choices"} / {"number"} / {"text"}); raises ValueError
    with the message for the person."""
    kind = question.kind
    if kind == QKind.SINGLE:
        code = _match_choice(question, raw[0] if isinstance(raw, list) and raw else raw)
        if code is None:
            raise ValueError(_("“%(v)s” is not one of the choices.") % {"v": str(raw)[:50]})
        return {"choices": [code]}
    if kind == QKind.MULTIPLE:
        parts = raw if isinstance(raw, list) else re.split(r"[;,\n]+|\s+(?=\S)", str(raw))
        parts = [p for p in (str(x).strip() for x in parts) if p]
        codes = []
        for part in parts:
            code = _match_choice(question, part)
            if code is None:
                raise ValueError(_("“%(v)s” is not one of the choices.") % {"v": part[:50]})
            if code not in codes:
                codes.append(code)
        return {"choices": codes}
    if kind in (QKind.SCALE, QKind.NUMBER):
        try:
            value = _parse_number(raw)
        except (TypeError, ValueError):
            raise ValueError(_("“%(v)s” is not a number.") % {"v": str(raw)[:50]}) from None
        if kind == QKind.SCALE:
            if value != int(value) or not question.scale_min <= value <= question.scale_max:
                raise ValueError(
                    _("Give a whole number from %(a)s to %(b)s.")
                    % {"a": question.scale_min, "b": question.scale_max}
                )
        return {"number": value}
    text = str(raw).replace("\x00", "").strip()
    if len(text) > MAX_TEXT:
        raise ValueError(_("At most %(n)s characters.") % {"n": MAX_TEXT})
    return {"text": text}


def is_asked(question: Question, cleaned: dict[int, dict]) -> bool:
    """The skip rule: asked unless it depends on an earlier choice not made."""
    if question.show_if_id is None:
        return True
    earlier = cleaned.get(question.show_if_id) or {}
    return bool(set(earlier.get("choices", [])) & set(question.show_values))


def clean_answers(
    survey: Survey, questions: list[Question], raw: dict[str, Any], group: Any = ""
) -> tuple[dict[int, dict], str, dict[str, str]]:
    """A respondent's answers checked against the questions: ({question id: value}, group,
    {question code or "group": message}). Questions skipped by a rule lose their answer;
    required questions are required only when asked."""
    errors: dict[str, str] = {}
    cleaned: dict[int, dict] = {}
    for question in questions:
        value = raw.get(question.code)
        if not is_asked(question, cleaned):
            continue
        if _blank(value):
            if question.required:
                errors[question.code] = _("This question must be answered.")
            continue
        try:
            cleaned[question.pk] = clean_answer(question, value)
        except ValueError as exc:
            errors[question.code] = str(exc)
    group_name = str(group or "").strip()
    if group_name and survey.groups:
        found = [g for g in survey.groups if fold(g) == fold(group_name)]
        if not found:
            errors["group"] = _("“%(v)s” is not one of the survey's groups.") % {
                "v": group_name[:50]
            }
        else:
            group_name = found[0]
    if not cleaned and not errors:
        errors["__all__"] = _("No question was answered.")
    return cleaned, group_name[:100], errors


def _label(answers: list[Answer]) -> None:
    texts = [a for a in answers if a.text]
    if not texts:
        return
    for answer, labels in zip(texts, labelling.label_texts([a.text for a in texts]), strict=True):
        answer.labels = {
            "field": labels.get("field") or "",
            "mood": labels.get("mood") or "",
            "model_version": labels.get("model_version", ""),
        }


def _save_responses(
    *, actor: User, survey: Survey, unit: Unit, rows: list[tuple[dict, str]], source: str, job=None
) -> list[Response]:
    answers: list[Answer] = []
    saved = []
    for values, group in rows:
        response = Response.objects.create(
            survey=survey,
            unit=unit,
            unit_path=unit.path,
            group=group,
            source=source,
            job=job,
            entered_by=actor,
        )
        saved.append(response)
        answers.extend(
            Answer(response=response, question_id=qid, **value) for qid, value in values.items()
        )
    _label(answers)
    Answer.objects.bulk_create(answers, batch_size=1000)
    return saved


def _check_answer(actor: User, survey: Survey, unit: Unit, action: str = "survey.answer") -> None:
    require_actor(actor)
    if not policies.can(actor, action, unit):
        raise PermissionDeniedError()
    if not unit.path.startswith(survey.unit_path):
        raise ValidationError(_("This unit is outside the survey's area."))
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("The survey is not collecting answers."))


@transaction.atomic
def response_submit(
    *, actor: User, survey: Survey, unit: Unit, answers: dict[str, Any], group: str = ""
) -> Response:
    """Save one respondent's answers collected at `unit` (anonymous). Needs "survey.answer"
    on the unit, inside the survey's area, while it is collecting answers. Raises
    PermissionDeniedError or ValidationError (by question code)."""
    _check_answer(actor, survey, unit)
    questions = list(survey.questions.all())
    cleaned, group, errors = clean_answers(survey, questions, answers, group)
    if errors:
        raise ValidationError(errors)
    [response] = _save_responses(
        actor=actor, survey=survey, unit=unit, rows=[(cleaned, group)], source=Response.Source.FORM
    )
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=response,
        object_type="programme.response",
        unit_path=unit.path,
        changes={"survey": [None, survey.pk], "answers": [0, len(cleaned)]},
    )
    return response


# --- importing a file of answers --------------------------------------------------------------


def import_start(*, actor: User, survey: Survey, unit: Unit, upload: Any) -> SurveyJob:
    """Queue the import of a spreadsheet (.xlsx, .csv) of answers collected at `unit`: one row
    per respondent, a column per question (its code, as in an XLSForm tool's export; "nhóm"
    for the group). Needs "survey.import" on the unit."""
    _check_answer(actor, survey, unit, "survey.import")
    from dantinh.intake.validation import FieldError, clean_upload

    try:
        clean_upload(upload)
    except FieldError as exc:
        raise ValidationError({"file": exc.message}) from None
    name = re.sub(r"[\\/\x00]", "_", str(upload.name))[-255:]
    if not name.lower().endswith((".xlsx", ".csv")):
        raise ValidationError({"file": _("Only .xlsx and .csv files can be imported.")})
    with transaction.atomic():
        job = SurveyJob(
            survey=survey,
            kind=SurveyJob.Kind.IMPORT,
            unit=unit,
            unit_path=unit.path,
            original_name=name,
            requested_by=actor,
        )
        job.file.save(name, upload, save=False)
        job.save()
        from dantinh.programme import tasks

        transaction.on_commit(lambda: tasks.run_survey_job(job.pk))
    return job


def _header(text: Any) -> str:
    return fold(str(text or "").strip())


def _columns(header: list, questions: list[Question]) -> tuple[dict[int, Any], int | None]:
    """Which column holds which question: {column: question, or (question, choice code) for a
    select-multiple's one-column-per-choice export}, and the group's column."""
    by_code = {q.code: q for q in questions}
    by_text = {fold(q.text): q for q in questions}
    found: dict[int, Any] = {}
    group_col = None
    for i, cell in enumerate(header):
        key = _header(cell)
        if not key:
            continue
        if key in GROUP_HEADERS:
            group_col = i
            continue
        parts = [p for p in key.split("/") if p]
        last = parts[-1] if parts else key
        if last.startswith("_") or last in META_COLUMNS:
            continue
        if last in by_code:
            found[i] = by_code[last]
        elif key in by_text:
            found[i] = by_text[key]
        elif len(parts) >= 2 and parts[-2] in by_code and by_code[parts[-2]].kind == QKind.MULTIPLE:
            found[i] = (by_code[parts[-2]], last)
    # Tools export a select-multiple both whole ("a b") and one column per choice: the whole
    # column is read, the others only when it is missing.
    whole = {q.pk for q in found.values() if isinstance(q, Question)}
    found = {i: t for i, t in found.items() if not (isinstance(t, tuple) and t[0].pk in whole)}
    return found, group_col


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def validate_rows(survey: Survey, rows: list[list]) -> tuple[list[tuple[dict, str]], list[dict]]:
    """Every data row checked; ([(answers, group)], [{"row", "column", "message"}])."""
    if not rows:
        raise RejectedFile(_("The file is empty."))
    questions = list(survey.questions.all())
    columns, group_col = _columns(rows[0], questions)
    if not columns:
        raise RejectedFile(
            _("No column is named after a question's code: the first row must hold the codes.")
        )
    valid, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        cells = [_cell(v) for v in row]
        if not any(str(c).strip() for c in cells):
            continue
        raw: dict[str, Any] = {}
        for col, target in columns.items():
            value = cells[col] if col < len(cells) else ""
            if isinstance(target, tuple):
                question, code = target
                if str(value).strip() in ("1", "true", "True", "x", "X"):
                    raw.setdefault(question.code, []).append(code)
            else:
                raw[target.code] = value
        group = cells[group_col] if group_col is not None and group_col < len(cells) else ""
        cleaned, group, row_errors = clean_answers(survey, questions, raw, group)
        for key, message in row_errors.items():
            errors.append(
                {"row": number, "column": key if key != "__all__" else "", "message": message}
            )
        if not row_errors:
            valid.append((cleaned, group))
    return valid, errors


def run_import(job: SurveyJob) -> SurveyJob:
    """Validate the job's file; if every row is valid, save all its responses at once."""
    return jobs.run(
        job,
        _run_import,
        failure=_("The import failed because of an unexpected error; nothing was saved."),
    )


def _finish(job: SurveyJob, status: str, *, message: str, rows: int = 0, errors=None) -> SurveyJob:
    job.status, job.message, job.rows = status, message[:500], rows
    job.errors = (errors or [])[:500]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "rows", "errors", "finished_at", "updated_at"])
    return job


def _run_import(job: SurveyJob) -> SurveyJob:
    survey = job.survey
    try:
        with job.file.open("rb") as fh:
            rows = read_rows(fh.read(), job.original_name)
        valid, errors = validate_rows(survey, rows)
    except RejectedFile as exc:
        return _finish(job, SurveyJob.Status.FAILED, message=exc.message)
    if errors:
        bad = len({e["row"] for e in errors})
        return _finish(
            job,
            SurveyJob.Status.FAILED,
            message=_(
                "%(n)s rows have errors; nothing was saved. Fix them and upload the file again."
            )
            % {"n": bad},
            errors=errors,
        )
    if not valid:
        return _finish(job, SurveyJob.Status.FAILED, message=_("The file has no rows of data."))
    if survey.status != Survey.Status.OPEN:
        return _finish(
            job, SurveyJob.Status.FAILED, message=_("The survey is not collecting answers.")
        )
    with transaction.atomic():
        saved = len(
            _save_responses(
                actor=job.requested_by,
                survey=survey,
                unit=job.unit,
                rows=valid,
                source=Response.Source.IMPORT,
                job=job,
            )
        )
        audit.record(
            actor=job.requested_by,
            action=audit.Action.IMPORT,
            obj=job,
            object_type="programme.surveyjob",
            changes={"responses": [0, saved]},
            note=job.original_name,
        )
    return _finish(
        job,
        SurveyJob.Status.DONE,
        rows=saved,
        message=_("%(n)s respondents' answers were saved.") % {"n": saved},
    )
