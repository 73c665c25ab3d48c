"""The yearly survey of the people's situation (Đề án II.4): typed questions in sections with
skip rules, answers collected per unit, anonymous. A response says which unit it was
collected in and which group of the people the respondent belongs to — never who it was."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dantinh.core.concurrency import Versioned
from dantinh.core.models import TimeStampedModel
from dantinh.org.models import Unit


class Survey(Versioned, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("being written")
        OPEN = "open", _("collecting answers")
        CLOSED = "closed", _("closed")

    unit = models.ForeignKey(
        Unit, verbose_name=_("run by"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # The groups of the people respondents are counted in (farmers, workers, …), in order.
    groups = models.JSONField(_("respondent groups"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("last year's survey"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("one choice")
        MULTIPLE = "multiple", _("several choices")
        SCALE = "scale", _("scale")
        NUMBER = "number", _("number")
        TEXT = "text", _("text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.CharField(_("section"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    code = models.SlugField(_("code"), max_length=40)
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    # [[code, label], …] for the choice questions
    choices = models.JSONField(_("choices"), default=list, blank=True)
    scale_min = models.SmallIntegerField(_("scale from"), default=1)
    scale_max = models.SmallIntegerField(_("scale to"), default=5)
    required = models.BooleanField(_("required"), default=False)
    # Skip rule: asked only when the answer to `show_if` is one of `show_values`.
    show_if = models.ForeignKey(
        "self",
        verbose_name=_("asked only if"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    show_values = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["survey", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="question_code_unique")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_choice(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    @property
    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))

    def choice_label(self, code: str) -> str:
        return dict((c, label) for c, label in self.choices).get(code, code)


class Response(models.Model):
    """One respondent's answers, anonymous: the unit where they were collected and the group."""

    class Source(models.TextChoices):
        FORM = "form", _("entered")
        IMPORT = "import", _("imported")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    group = models.CharField(_("respondent group"), max_length=100, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.FORM)
    job = models.ForeignKey(
        "programme.SurveyJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["survey", "unit_path"], name="response_survey_path_idx")]

    def __str__(self) -> str:
        return f"#{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choices = models.JSONField(default=list, blank=True)
    number = models.FloatField(null=True, blank=True)
    text = models.TextField(blank=True)
    # The language engine's labels of a text answer: {"field", "mood", "model_version"}.
    labels = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_once")]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"


class SurveyJob(TimeStampedModel):
    """An import of a file of answers (all rows or none) or an export of the results."""

    class Kind(models.TextChoices):
        IMPORT = "import", _("import")
        EXPORT = "export", _("export")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("rejected")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    fmt = models.CharField(max_length=10, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    file = models.FileField(upload_to="programme/surveys/%Y/", max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    message = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name or f"{self.kind} #{self.pk}"

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path
