import datetime as dt
import json

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dantinh.core.concurrency import Versioned
from dantinh.core.models import TimeStampedModel
from dantinh.intake import search
from dantinh.language.excerpt import cut
from dantinh.org.models import Unit


class TaxonomyEntry(models.Model):
    """An entry of an editable list with a stable code (SPEC §13): renamed, added, retired."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Field(TaxonomyEntry):
    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("field")
        verbose_name_plural = _("fields")


class Kind(TaxonomyEntry):
    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("item kind")
        verbose_name_plural = _("item kinds")


class Mood(TaxonomyEntry):
    class Valence(models.TextChoices):
        POSITIVE = "positive", _("positive")
        NEUTRAL = "neutral", _("neutral")
        NEGATIVE = "negative", _("negative")

    valence = models.CharField(_("valence"), max_length=10, choices=Valence.choices)

    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("mood")
        verbose_name_plural = _("moods")


class Channel(TaxonomyEntry):
    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("channel")
        verbose_name_plural = _("channels")


class Authority(TaxonomyEntry):
    """A body competent to resolve a recommendation (cơ quan có thẩm quyền giải quyết)."""

    class Meta(TaxonomyEntry.Meta):
        verbose_name = _("competent authority")
        verbose_name_plural = _("competent authorities")


class ItemQuerySet(models.QuerySet):
    """Items. A list of items is ordered newest first; `since` cuts a window of recent dates
    out of it, which `CappedPaginator` reads first to find the newest rows of a big list
    without reading and sorting all of it."""

    # Set by search.apply: the list is a full-text search, whose windows on PostgreSQL also
    # restrict the search index by month.
    _searching = False
    # Set by the list's selector when it filters row by row (a field, a kind, a search…): the
    # list before those filters, whose newest rows an index gives in date order, and the list
    # with its filters as tests of each row (`newest`).
    _newest: "tuple[models.QuerySet, models.QuerySet] | None" = None

    # Set by the list's selector: a part of the list that an index counts fast (the items of
    # a field as their main field, for a filter that also takes them as another field).
    _at_least: "models.QuerySet | None" = None

    def _clone(self):
        clone = super()._clone()
        clone._searching = self._searching
        clone._newest = self._newest
        clone._at_least = self._at_least
        return clone

    def at_least(self):
        """A part of these items, fast to count (`CappedPaginator`: more than its cap there is
        more than the cap here), or None."""
        return self._at_least

    def newest(self, rows: int):
        """These items among the newest `rows` of the list before its row-by-row filters; None
        when there is no such list, or this one is not ordered by date, newest first.

        Both lists are in the same order and this one is a part of the other, so the result is
        the start of this list: when it holds a page, it holds the page's rows. The database
        reads `rows` rows of an index in date order and tests each, however many rows match in
        all (a common phrase has 5% of the country's items), so the work does not grow with
        them."""
        if self._newest is None or not self._newest_first():
            return None
        base, tested = self._newest
        newest = base.order_by("-observed_on", "-id").values("pk")[:rows]
        among = tested.filter(pk__in=newest).order_by(*self.query.order_by)
        among.query.select_related = self.query.select_related
        return among

    def _newest_first(self) -> bool:
        if self.query.is_sliced or self.query.distinct_fields or self.query.combinator:
            return False
        order = self.query.order_by or (
            self.model._meta.ordering if self.query.default_ordering else ()
        )
        return bool(order) and order[0] == "-observed_on"

    def since(self, day, *, before=None):
        """These items observed on `day` or later (and before `before`); None when the list is
        not ordered by date, newest first (a window of another order would not hold its first
        rows)."""
        if not self._newest_first():
            return None
        window = self.filter(observed_on__gte=day)
        until = None
        if before is not None:
            window = window.filter(observed_on__lt=before)
            until = before - dt.timedelta(days=1)
        return search.within_months(window, since=day, until=until) if self._searching else window


class Item(Versioned, TimeStampedModel):
    """One piece of information about the people (tin, thông tin tình hình Nhân dân).

    It describes a situation, not a person: no personal data lives on an item. `version`
    counts its saves, so that two people editing it at once do not overwrite each other.
    """

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("not yet verified")
        VERIFIED = "verified", _("verified")
        INACCURATE = "inaccurate", _("found inaccurate")

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("place (unit concerned)"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    # A copy of unit.path: the scope filter is one index range on this table, no join.
    unit_path = models.CharField(max_length=255, editable=False)
    reporting_unit = models.ForeignKey(
        Unit,
        verbose_name=_("reporting unit"),
        on_delete=models.PROTECT,
        related_name="reported_items",
    )
    observed_on = models.DateField(_("observed on"))
    # kind, field, mood and channel: no index of their own, each leads an index with the
    # day (Meta.indexes) that serves the same look-ups; every index is written by every
    # insert (an import of 10,000 rows wrote four more for nothing).
    kind = models.ForeignKey(Kind, verbose_name=_("kind"), on_delete=models.PROTECT, db_index=False)
    field = models.ForeignKey(
        Field,
        verbose_name=_("field"),
        on_delete=models.PROTECT,
        related_name="primary_items",
        db_index=False,
    )
    secondary_fields = models.ManyToManyField(
        Field, verbose_name=_("other fields"), blank=True, related_name="secondary_items"
    )
    mood = models.ForeignKey(
        Mood,
        verbose_name=_("mood"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
    )
    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), on_delete=models.PROTECT, db_index=False
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("competent authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    text = models.TextField(_("content"))
    scale = models.PositiveIntegerField(
        _("people involved"),
        null=True,
        blank=True,
        help_text=_("How many people are involved or affected."),
    )
    verification = models.CharField(
        _("verification"),
        max_length=12,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
    )
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="items_created",
    )
    import_job = models.ForeignKey(
        "intake.ImportJob",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        editable=False,
    )
    # The language model that suggested this item's labels, and what it suggested (codes):
    # where a person chose otherwise, the item is a correction the next model learns from.
    model_version = models.CharField(
        _("labelled by model"), max_length=64, blank=True, editable=False
    )
    suggested = models.JSONField(_("suggested labels"), default=dict, blank=True, editable=False)
    label_corrected = models.BooleanField(_("suggestion corrected"), default=False, editable=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["-observed_on", "-id"]
        indexes = [
            # The scope range, covering the list's filters: a count of a province's items of
            # one field (or kind, mood, channel) reads this index only, not the table.
            models.Index(
                fields=["unit_path", "observed_on", "field", "kind", "mood", "channel", "id"],
                name="item_scope_idx",
            ),
            # The recent days of the whole country or of a subtree, covering what the overview
            # counts (field, kind, mood): a month of the country reads ~40k entries of this
            # index, not item_scope_idx's million (docs/benchmarks.md, "Hot paths").
            models.Index(
                fields=["observed_on", "unit_path", "field", "kind", "mood", "id"],
                name="item_when_idx",
            ),
            models.Index(fields=["-observed_on", "-id"], name="item_date_idx"),
            models.Index(fields=["field", "observed_on"], name="item_field_date_idx"),
            models.Index(fields=["kind", "observed_on"], name="item_kind_date_idx"),
            models.Index(fields=["mood", "observed_on"], name="item_mood_date_idx"),
            models.Index(fields=["channel", "observed_on"], name="item_channel_date_idx"),
            # The corrections the next model learns from: a few rows, not one entry per item.
            models.Index(
                fields=["id"], condition=Q(label_corrected=True), name="item_corrected_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def labels_differ_from_suggestion(self) -> bool:
        """Did a person choose other labels than the model suggested (on a head it suggested)?"""
        final = {
            "field": self.field.code if self.field_id else None,
            "kind": self.kind.code if self.kind_id else None,
            "mood": self.mood.code if self.mood_id else None,
            "authority": self.authority.code if self.authority_id else None,
        }
        return any(
            code and final.get(head) != code for head, code in (self.suggested or {}).items()
        )

    @property
    def headline(self) -> str:
        # Cut between two words, never inside one ("bảo hiểm"): see `language.excerpt`.
        return cut(self.text, 110)

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path


class PlainJSONEncoder(json.JSONEncoder):
    """JSON with its letters as they are ("đường", not "\\u0111\\u01b0\\u1eddng"): a third
    of the size of Vietnamese text where the database stores JSON as text (SQLite)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class ItemFeatures(models.Model):
    """What the reports derive from an item's text (`language.features.analyse`), computed
    once where the item is written (`intake.features`). Used only while `engine` and `digest`
    still match the engine and the item's text; reports compute whatever is missing."""

    item = models.OneToOneField(
        Item, on_delete=models.CASCADE, primary_key=True, related_name="features"
    )
    engine = models.CharField(max_length=16)
    digest = models.CharField(max_length=16)
    data = models.JSONField(encoder=PlainJSONEncoder)

    class Meta:
        verbose_name = _("item's text features")
        verbose_name_plural = _("items' text features")

    def __str__(self) -> str:
        return f"#{self.item_id}"


def attachment_path(instance: "ItemAttachment", filename: str) -> str:
    return f"items/{instance.item_id}/{filename}"


class ItemAttachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name

    @property
    def unit_path(self) -> str:
        return self.item.unit_path


def import_path(instance: "ImportJob", filename: str) -> str:
    return f"imports/{instance.created_at:%Y/%m}/{filename}"


class TrainingJob(TimeStampedModel):
    """A retraining of the language model on the deployment's corrections."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    corrections = models.PositiveIntegerField(_("corrections used"), default=0)
    model_version = models.CharField(_("model version"), max_length=64, blank=True)
    previous_version = models.CharField(_("previous version"), max_length=64, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("model training")
        verbose_name_plural = _("model trainings")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.model_version or str(self.pk)


class ImportJob(TimeStampedModel):
    """An upload of a spreadsheet of items: all rows are saved, or none."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("rejected")

    unit = models.ForeignKey(
        Unit, verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="import_jobs"
    )
    unit_path = models.CharField(max_length=255, editable=False)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("items created"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # Rows whose blank labels the language model filled in without being sure (below
    # UNSURE_BELOW): {"row", "item", "labels": [{"label", "answer", "other", "p"}]}.
    review = models.JSONField(_("labels to check"), default=list, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0 if self.status in (self.Status.PENDING, self.Status.RUNNING) else 100
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path


class ItemEntryToken(models.Model):
    """The one-time token of an item entry form: the form sent twice (a double click, a
    resubmission after an error page, a retry on a slow line) makes one item, not two."""

    token = models.CharField(max_length=64, unique=True)
    item = models.ForeignKey(Item, on_delete=models.CASCADE, null=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.token


class ItemExportJob(TimeStampedModel):
    """The filtered list of items as a spreadsheet, built by the worker. The file holds what
    its requester could see when it ran: it is theirs alone to download, until `expires_at`."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The list's filters as the page's query string (re-read, within the requester's scope,
    # when the job runs).
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    # The filtered unit's subtree, or "" for the whole of the requester's scope: where the
    # export is filed in the audit trail.
    unit_path = models.CharField(max_length=255, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="exports/items/%Y/%m/", max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)

    class Meta:
        verbose_name = _("items export")
        verbose_name_plural = _("items exports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name or str(self.pk)

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
