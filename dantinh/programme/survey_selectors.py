"""Reads of surveys and their results, through the policy. Results are counted over the
responses the user may see; a cell of fewer than MIN_GROUP answers is never broken down (a
small group could otherwise be recognised)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from dantinh.intake.models import Field
from dantinh.org import paths, policies
from dantinh.org.models import Unit
from dantinh.programme.models import Answer, Question, Response, Survey
from dantinh.programme.target_selectors import within_or_above_q

MIN_GROUP = 5
QKind = Question.Kind


def surveys_visible(user) -> QuerySet[Survey]:
    """Surveys run within the user's scope, and those run above it (answered within it)."""
    where = within_or_above_q(user)
    return Survey.objects.none() if where is None else Survey.objects.filter(where)


def survey_get(*, user, pk: int) -> Survey:
    return surveys_visible(user).select_related("unit", "previous").get(pk=pk)


def responses_visible(user, survey: Survey, root: Unit | None = None) -> QuerySet[Response]:
    qs = Response.objects.filter(survey=survey).filter(
        policies.scope_q(user, "programme.view", "unit_path")
    )
    if root is not None:
        qs = qs.filter(paths.subtree_q("unit_path", [root.path]))
    return qs


@dataclass
class Cell:
    """Figures of one group of answers; `shown` is False below MIN_GROUP."""

    label: str
    n: int
    shown: bool
    percents: list[int] = field(default_factory=list)  # per choice, for choice questions
    mean: float | None = None


@dataclass
class QuestionResult:
    question: Question
    total: Cell
    choices: list[tuple[str, str]]  # (code, label)
    counts: list[int]
    previous: Cell | None = None  # last year's, same question code
    by_unit: list[Cell] = field(default_factory=list)
    by_group: list[Cell] = field(default_factory=list)
    fields: list[tuple[str, int]] = field(default_factory=list)  # text answers by field
    samples: list[str] = field(default_factory=list)

    @property
    def bars(self) -> list[tuple[str, int, int, int | None]]:
        """(label, count, percent this year, percent last year) per choice."""
        prev = self.previous.percents if self.previous and self.previous.shown else []
        return [
            (label, n, pct, prev[i] if i < len(prev) else None)
            for i, ((_code, label), n, pct) in enumerate(
                zip(self.choices, self.counts, self.total.percents, strict=False)
            )
        ]


def _cell(question: Question, label: str, answers: list[Answer]) -> Cell:
    n = len(answers)
    cell = Cell(label=label, n=n, shown=n >= MIN_GROUP)
    if not cell.shown:
        return cell
    if question.is_choice:
        counts = Counter(c for a in answers for c in a.choices)
        cell.percents = [round(100 * counts[code] / n) for code, _label in question.choices]
    elif question.kind in (QKind.SCALE, QKind.NUMBER):
        numbers = [a.number for a in answers if a.number is not None]
        cell.mean = round(sum(numbers) / len(numbers), 2) if numbers else None
    return cell


def _choices_of(question: Question) -> list[tuple[str, str]]:
    if question.is_choice:
        return [(c, label) for c, label in question.choices]
    if question.kind == QKind.SCALE:
        return [(str(v), str(v)) for v in range(question.scale_min, question.scale_max + 1)]
    return []


def results(*, user, survey: Survey, root: Unit) -> tuple[int, list[QuestionResult]]:
    """The survey's results under `root` for `user`: (respondents, one result per question)
    with last year's figures for the questions of the same code, and breakdowns by the
    units just below `root` and by respondent group (cells under MIN_GROUP hidden)."""
    responses = list(responses_visible(user, survey, root).values_list("id", "unit_path", "group"))
    by_id = {rid: (path, group) for rid, path, group in responses}
    answers: dict[int, list[Answer]] = defaultdict(list)
    for answer in Answer.objects.filter(response_id__in=list(by_id)).only(
        "response_id", "question_id", "choices", "number", "text", "labels"
    ):
        answers[answer.question_id].append(answer)
    children = list(Unit.objects.filter(parent=root).only("id", "path", "name").order_by("name"))
    width = len(root.path) + paths.SEGMENT
    previous = _previous_answers(user, survey, root)
    field_names = dict(Field.objects.values_list("code", "name"))
    out = []
    for question in survey.questions.select_related("show_if").order_by("order", "id"):
        mine = answers.get(question.pk, [])
        result = QuestionResult(
            question=question,
            total=_cell(question, "", mine),
            choices=_choices_of(question),
            counts=[],
        )
        if question.kind == QKind.SCALE:
            # a scale is shown as its distribution too
            numbers = Counter(int(a.number) for a in mine if a.number is not None)
            result.counts = [numbers[int(c)] for c, _label in result.choices]
            if result.total.shown:
                result.total.percents = [round(100 * n / len(mine)) for n in result.counts]
        elif question.is_choice:
            counts = Counter(c for a in mine for c in a.choices)
            result.counts = [counts[c] for c, _label in result.choices]
        if not result.total.shown:
            result.counts = []
        prev = previous.get(question.code)
        if prev is not None:
            result.previous = _cell(
                question, str(survey.previous.year if survey.previous else ""), prev
            )
            if question.kind == QKind.SCALE and result.previous.shown:
                numbers = Counter(int(a.number) for a in prev if a.number is not None)
                result.previous.percents = [
                    round(100 * numbers[int(c)] / len(prev)) for c, _label in result.choices
                ]
        for child in children:
            part = [a for a in mine if by_id[a.response_id][0][:width] == child.path]
            if part:
                result.by_unit.append(_cell(question, child.name, part))
        for group in [*survey.groups, ""]:
            part = [a for a in mine if by_id[a.response_id][1] == group]
            if part:
                result.by_group.append(_cell(question, group or "—", part))
        if question.kind == QKind.TEXT and result.total.shown:
            fields = Counter(a.labels.get("field", "") for a in mine if a.text)
            result.fields = [
                (field_names.get(code, code or "—"), n) for code, n in fields.most_common(8)
            ]
            result.samples = [a.text for a in mine if a.text][:5]
        out.append(result)
    return len(responses), out


def _previous_answers(user, survey: Survey, root: Unit) -> dict[str, list[Answer]]:
    """Last year's answers under `root` that the user may see, by question code."""
    if survey.previous_id is None or survey.previous is None:
        return {}
    ids = responses_visible(user, survey.previous, root).values("id")
    found: dict[str, list[Answer]] = defaultdict(list)
    for answer in Answer.objects.filter(response_id__in=ids).select_related("question"):
        found[answer.question.code].append(answer)
    return found
