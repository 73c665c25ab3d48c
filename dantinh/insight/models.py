"""Insight's own rows: boundaries a deployment adds, and the weekly roll-ups of items."""

from django.db import models
from django.db.models import F
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from dantinh.org import paths


class Boundary(models.Model):
    """A unit's boundary added by a deployment (`dantinh units boundaries FILE.geojson`),
    drawn instead of the package's for the same official code."""

    code = models.CharField(_("official code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    geometry = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ItemRollup(models.Model):
    """Items counted by (bucket, ISO week, primary field, mood): what the dashboard and the map
    sum instead of reading the items (`insight/rollup.py`). The bucket is the item's unit path
    cut to the first `rollup.BUCKET_SEGMENTS` units (a village's items count in its commune),
    so every subtree down to that depth is a range of buckets. Kept by a job queued after each
    commit that writes items or moves a unit, and rebuilt every night."""

    bucket_path = models.CharField(max_length=255)
    week = models.DateField()  # its Monday
    field = models.ForeignKey(
        "intake.Field", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    mood = models.ForeignKey(
        "intake.Mood",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    n = models.PositiveIntegerField()

    class Meta:
        indexes = [
            # A subtree's weeks (a province, a commune), and a window of the whole country:
            # both cover the counts, so a dashboard reads the index only.
            models.Index(
                fields=["bucket_path", "week", "field", "mood", "n"], name="rollup_path_idx"
            ),
            models.Index(
                fields=["week", "bucket_path", "field", "mood", "n"], name="rollup_week_idx"
            ),
            # A province's weeks side by side: its few thousand rows of a quarter, not its
            # three years (by path) nor the whole country's quarter (by week).
            models.Index(
                Substr("bucket_path", 1, paths.SEGMENT),
                F("week"),
                F("bucket_path"),
                F("field"),
                F("mood"),
                F("n"),
                name="rollup_top_week_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bucket_path} {self.week} {self.field_id}/{self.mood_id}: {self.n}"


class TopRollup(models.Model):
    """Items counted by (top unit, ISO week, primary field), with the negative, positive and
    with-a-mood ones beside the total: the second level of `ItemRollup`, summed from it by
    the same jobs (`insight/rollup.py`). A top unit is a root of the tree (a province): a
    province's or the country's weekly series read a few rows per week instead of one per
    commune, field and mood. The moods' valences are counted as they were when the row was
    written (a mood whose valence changes counts anew at the nightly rebuild)."""

    top_path = models.CharField(max_length=255)
    week = models.DateField()  # its Monday
    field = models.ForeignKey(
        "intake.Field", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    n = models.PositiveIntegerField()
    negative = models.PositiveIntegerField()
    positive = models.PositiveIntegerField()
    moody = models.PositiveIntegerField()  # with a mood

    class Meta:
        indexes = [
            # A province's weeks, and a window of the whole country: both cover the sums.
            models.Index(
                fields=["top_path", "week", "field", "n", "negative", "positive", "moody"],
                name="top_rollup_path_idx",
            ),
            models.Index(
                fields=["week", "top_path", "field", "n", "negative", "positive", "moody"],
                name="top_rollup_week_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.top_path} {self.week} {self.field_id}: {self.n}"
