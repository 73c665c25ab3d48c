"""Recommendations followed to closure (SPEC §5): the competent bodies that resolve them, the
register of followed recommendations, their timeline, deadline rules, reply templates,
duplicate groups and the complainants' data, kept apart and encrypted.

A recommendation describes a grievance, not a person: the complainant, when recorded at all,
lives in `Complainant`, encrypted under the deployment's data keys, read only through
`selectors.complainant_read` (which records each reading).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dantinh.core.concurrency import Versioned
from dantinh.core.models import TimeStampedModel
from dantinh.intake.models import Authority, Field, Item
from dantinh.org.models import Unit


class Body(TimeStampedModel):
    """A competent body (cơ quan có thẩm quyền): a people's committee, a department, the
    police, a court, the Front, an enterprise. It sits at a unit of the tree (the commune it
    serves, the city, or a sector unit) and is of one authority category (the engine's
    suggestion is a category; the directory finds the body of that category nearest the
    place)."""

    class Level(models.TextChoices):
        COMMUNE = "commune", _("commune level")
        PROVINCE = "province", _("province level")
        CENTRAL = "central", _("central level")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    authority = models.ForeignKey(
        Authority, verbose_name=_("category"), on_delete=models.PROTECT, related_name="bodies"
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit served"), on_delete=models.PROTECT, related_name="bodies"
    )
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("competent body")
        verbose_name_plural = _("competent bodies")
        ordering = ["unit_path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="body_unique_name_per_unit")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path


class BodyContact(TimeStampedModel):
    """A person to write to at a body. With an account (`user`), they sign in and see the
    recommendations routed to their body, and nothing else."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="contacts")
    full_name = models.CharField(_("full name"), max_length=150)
    title = models.CharField(_("position"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="body_contact",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("body contact")
        verbose_name_plural = _("body contacts")
        ordering = ["body", "full_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def audit_unit_path(self) -> str:
        return self.body.unit_path


class Procedure(models.TextChoices):
    """The legal regime a recommendation follows, which sets its default deadlines."""

    RECOMMENDATION = "kien_nghi", _("recommendation or petition")
    COMPLAINT = "khieu_nai", _("complaint (Law on Complaints 2011)")
    DENUNCIATION = "to_cao", _("denunciation (Law on Denunciations 2018)")


class Stage(models.TextChoices):
    FORWARD = "forward", _("screening and forwarding")
    ACCEPT = "accept", _("acceptance by the body")
    RESOLVE = "resolve", _("resolution")


class DeadlineRule(models.Model):
    """How many days a stage of a procedure may take: deadlines are data (seeded from the
    laws, editable by the deployment)."""

    procedure = models.CharField(_("procedure"), max_length=12, choices=Procedure.choices)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    days = models.PositiveSmallIntegerField(_("days"))
    complex_days = models.PositiveSmallIntegerField(
        _("days for a complex case"), null=True, blank=True
    )
    remote_days = models.PositiveSmallIntegerField(
        _("days in a remote area"), null=True, blank=True
    )
    remote_complex_days = models.PositiveSmallIntegerField(
        _("days for a complex case in a remote area"), null=True, blank=True
    )
    extension_days = models.PositiveSmallIntegerField(_("days per extension"), default=0)
    max_extensions = models.PositiveSmallIntegerField(_("extensions allowed"), default=0)
    working_days = models.BooleanField(_("counted in working days"), default=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "stage"], name="deadline_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_procedure_display()} — {self.get_stage_display()}"


class ReplyTemplate(models.Model):
    """A starting text for an answer."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    text = models.TextField(_("text"))
    is_active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class DuplicateGroup(models.Model):
    """Recommendations that are one grievance, reported by several units or over several
    months. Every report stays a recommendation of its own, with its history; `first` is the
    one received first, which the group credits."""

    first = models.ForeignKey(
        "Recommendation", on_delete=models.PROTECT, related_name="+", verbose_name=_("first report")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("duplicate group")
        verbose_name_plural = _("duplicate groups")

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def audit_unit_path(self) -> str:
        return self.first.unit_path


class Recommendation(Versioned, TimeStampedModel):
    """A followed recommendation (kiến nghị, khiếu nại, tố cáo): one item of those kinds,
    from receipt to resolution for good. States and transitions: `states.py`."""

    class State(models.TextChoices):
        RECEIVED = "tiep_nhan", _("received")
        FORWARDED = "da_chuyen", _("forwarded")
        IN_PROGRESS = "dang_giai_quyet", _("being resolved")
        ANSWERED = "da_tra_loi", _("answered")
        RESOLVED = "giai_quyet_dut_diem", _("resolved for good")

    class Satisfaction(models.TextChoices):
        UNKNOWN = "", _("not known")
        SATISFIED = "satisfied", _("satisfied")
        UNSATISFIED = "unsatisfied", _("not satisfied")

    item = models.OneToOneField(
        Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="recommendation"
    )
    # Where the grievance is (the item's place): the scope of the recommendation.
    unit = models.ForeignKey(
        Unit, verbose_name=_("place"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, editable=False)
    # The unit that received it and follows it (forwards, chases, is reminded after the
    # deadline): the item's reporting unit by default.
    owner = models.ForeignKey(
        Unit, verbose_name=_("following unit"), on_delete=models.PROTECT, related_name="+"
    )
    owner_path = models.CharField(max_length=255, editable=False)
    procedure = models.CharField(
        _("procedure"), max_length=12, choices=Procedure.choices, default=Procedure.RECOMMENDATION
    )
    field = models.ForeignKey(
        Field, verbose_name=_("field"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.RECEIVED
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("competent body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    suggested_authority = models.ForeignKey(
        Authority,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    received_on = models.DateField(_("received on"))
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    # The day a body last sent it back as not competent: forwarding again is due from then.
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    resolved_on = models.DateField(_("resolved for good on"), null=True, blank=True)
    is_complex = models.BooleanField(_("complex case"), default=False)
    is_remote = models.BooleanField(_("remote area"), default=False)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    answer = models.TextField(_("answer"), blank=True)
    satisfaction = models.CharField(
        _("citizen's satisfaction"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    declined_count = models.PositiveSmallIntegerField(_("times declined"), default=0)
    group = models.ForeignKey(
        DuplicateGroup,
        verbose_name=_("duplicate group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    # Đơn thư vượt cấp: it reached a higher level before the lower level had answered.
    escalated = models.BooleanField(_("escalated over the levels"), default=False)
    # Reminders are sent once per deadline: the deadline they were sent for.
    reminded_before_for = models.DateField(null=True, blank=True, editable=False)
    reminded_after_for = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit_path", "state", "due_on"], name="rec_scope_idx"),
            models.Index(fields=["owner_path", "state", "due_on"], name="rec_owner_idx"),
            models.Index(fields=["body", "state", "due_on"], name="rec_body_idx"),
            models.Index(fields=["state", "due_on"], name="rec_due_idx"),
            models.Index(fields=["field", "received_on"], name="rec_field_idx"),
            # The open ones by deadline, with what scopes and groups them: overdue counts
            # (by body, by field, the list's) read this small index alone on PostgreSQL.
            models.Index(
                fields=["due_on"],
                include=["id", "unit_path", "owner_path", "body", "field", "received_on"],
                condition=models.Q(state__in=["tiep_nhan", "da_chuyen", "dang_giai_quyet"]),
                name="rec_open_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.item.headline}" if self.item_id else f"#{self.pk}"

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path

    @property
    def is_open(self) -> bool:
        return self.state not in (self.State.ANSWERED, self.State.RESOLVED)


class Event(models.Model):
    """One step of a recommendation's history, as people read it on its page: who did what,
    when, to which body, and why. Declines keep the body that declined and its reason; the
    next forwarding names the body it went to next."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["action", "at"], name="rec_event_action_idx")]

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.action}"


class Complainant(models.Model):
    """Who complained (optional), apart from the recommendation and encrypted under the
    deployment's data keys (SPEC §11). `data` is one Fernet token of a JSON object (name,
    phone, id number, address); `lookup` holds keyed hashes of the normalised phone and id
    number so that a data subject's request finds their rows without decrypting all."""

    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.CASCADE, related_name="complainant"
    )
    data = models.BinaryField()
    lookup = models.CharField(max_length=200, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("complainant")
        verbose_name_plural = _("complainants")

    def __str__(self) -> str:
        return f"complainant #{self.pk}"

    @property
    def audit_unit_path(self) -> str:
        return self.recommendation.unit_path


# --- roll-ups: the figures page reads these, not a million rows (`rollup.py`) --------------

# Days from forwarding to the answer, in fixed buckets: one per day up to 60 days (the legal
# deadlines lie there, so medians and 90th percentiles are exact), then wider ones; the last
# bucket holds everything from 730 days on. Bucket i covers [EDGES[i], EDGES[i + 1]).
ANSWER_DAY_EDGES: tuple[int, ...] = (
    *range(61),
    75,
    90,
    105,
    120,
    150,
    180,
    240,
    300,
    365,
    730,
)


class MonthCell(models.Model):
    """A roll-up row: one place, following unit and month of receipt (the same scope as the
    recommendations it counts)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    owner = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    owner_path = models.CharField(max_length=255, editable=False)
    month = models.DateField()
    open = models.IntegerField(default=0)
    answered = models.IntegerField(default=0)

    class Meta:
        abstract = True


class BodyMonth(MonthCell):
    """Per place, following unit, body and month of receipt: how many recommendations were
    routed to the body, how many are open, how many were answered, and the histogram of
    their days to answer (`h0`… one column per bucket of ANSWER_DAY_EDGES). Counts add up
    over months and places; percentiles come from the summed histograms."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    routed = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "owner", "body", "month"], name="rec_body_month_unique"
            )
        ]
        indexes = [
            models.Index(fields=["unit_path", "month"], name="rec_bm_unit_idx"),
            models.Index(fields=["owner_path", "month"], name="rec_bm_owner_idx"),
            models.Index(fields=["body", "month"], name="rec_bm_body_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.body_id} {self.month:%m/%Y}"


class BodyMonthRoot(models.Model):
    """BodyMonth summed over a whole tree (a province, `root_path`): what a desk whose scope
    covers the province reads — one row per body and month instead of one per place, body
    and month. It counts the recommendations whose place and following unit both lie in that
    tree (the others are read from BodyMonth)."""

    root_path = models.CharField(max_length=255)
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    routed = models.IntegerField(default=0)
    open = models.IntegerField(default=0)
    answered = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["root_path", "body", "month"], name="rec_body_month_root_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.root_path} {self.body_id} {self.month:%m/%Y}"


for _i in range(len(ANSWER_DAY_EDGES)):
    BodyMonth.add_to_class(f"h{_i}", models.IntegerField(default=0))
    BodyMonthRoot.add_to_class(f"h{_i}", models.IntegerField(default=0))


class FieldMonth(MonthCell):
    """Per place, following unit, field and month of receipt: how many recommendations are
    in each state now (answered: in the state "answered")."""

    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="+")
    received = models.IntegerField(default=0)
    resolved = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "owner", "field", "month"], name="rec_field_month_unique"
            )
        ]
        indexes = [
            models.Index(fields=["unit_path", "month"], name="rec_fm_unit_idx"),
            models.Index(fields=["owner_path", "month"], name="rec_fm_owner_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.field_id} {self.month:%m/%Y}"
