"""The media monitor's rows: sources, the column mappings of social exports, posts and stories.

A source belongs to a unit (the one whose staff follow it); its posts and the stories they
form copy that unit's path, so one scope filter serves every list. No row names a person: a
post keeps no author, and a story counts its distinct authors through digests salted with the
story's own salt (`StoryAuthor`), which cannot be matched across stories nor tied to a post.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dantinh.core.concurrency import Versioned
from dantinh.core.models import TimeStampedModel
from dantinh.org.models import Unit


class ColumnMapping(TimeStampedModel):
    """Which columns of one platform's export hold what (saved once, used for every file)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    platform = models.CharField(_("platform"), max_length=50)
    text_column = models.CharField(_("content column"), max_length=100)
    title_column = models.CharField(_("title column"), max_length=100, blank=True)
    url_column = models.CharField(_("link column"), max_length=100, blank=True)
    published_column = models.CharField(_("date column"), max_length=100, blank=True)
    id_column = models.CharField(_("post id column"), max_length=100, blank=True)
    # Read only to count distinct authors (hashed with the story's salt), never stored.
    author_column = models.CharField(_("author column"), max_length=100, blank=True)
    # A column whose value says whether the post is public; a row with another value is
    # skipped. Empty: every row of the file is a public post.
    public_column = models.CharField(_("public flag column"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Source(Versioned, TimeStampedModel):
    class Kind(models.TextChoices):
        RSS = "rss", _("news feed (RSS/Atom)")
        PAGE = "page", _("web page")
        SOCIAL = "social", _("social media export")
        PUSH = "push", _("pushed by another collector")

    class State(models.TextChoices):
        NEW = "new", _("not yet fetched")
        OK = "ok", _("working")
        FAILING = "failing", _("failing")
        PAUSED = "paused", _("paused")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit following it"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    url = models.URLField(_("address"), max_length=500, blank=True)
    mapping = models.ForeignKey(
        ColumnMapping,
        verbose_name=_("column mapping"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    interval_minutes = models.PositiveIntegerField(_("fetch every (minutes)"), default=60)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    # Polling state, written by the poller only.
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.NEW, editable=False
    )
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)
    last_polled_at = models.DateTimeField(_("last fetched"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True, editable=False)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    last_error = models.CharField(_("last error"), max_length=500, blank=True, editable=False)
    posts_taken = models.PositiveIntegerField(_("posts taken"), default=0, editable=False)

    class Meta:
        verbose_name = _("media source")
        verbose_name_plural = _("media sources")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path


class Story(TimeStampedModel):
    """The same news or rumour told by many posts: grouped by near-duplicate detection within
    the posts of one unit's sources."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    first_seen = models.DateTimeField(_("first seen"), db_index=True)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    source_count = models.PositiveIntegerField(_("sources"), default=0)
    author_count = models.PositiveIntegerField(_("distinct authors"), default=0)
    field = models.ForeignKey(
        "intake.Field", verbose_name=_("field"), on_delete=models.SET_NULL, null=True, blank=True
    )
    mood = models.ForeignKey(
        "intake.Mood", verbose_name=_("mood"), on_delete=models.SET_NULL, null=True, blank=True
    )
    valence = models.CharField(_("valence"), max_length=10, blank=True)
    # Ids of the units the posts mention (the deployment's tree).
    places = models.JSONField(_("places"), default=list, blank=True)
    item = models.ForeignKey(
        "intake.Item",
        verbose_name=_("item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Random, per story: the salt of its author digests.
    salt = models.CharField(max_length=32, editable=False)
    alerted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-last_seen", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_unit_path(self) -> str:
        return self.unit_path


class StoryAuthor(models.Model):
    """One distinct author of a story, as a digest salted per story: counts, never names."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "digest"], name="media_story_author_once")
        ]

    def __str__(self) -> str:
        return f"{self.story_id}:{self.digest[:8]}"


class Post(models.Model):
    """One public post or article, cleaned and labelled; it keeps no author."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="posts")
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="posts")
    # A digest of the post's own id (the feed's guid, the file's id, else its link or text):
    # the same post fetched again is not taken twice.
    key = models.CharField(max_length=64)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    text = models.TextField(_("content"))
    published_at = models.DateTimeField(_("published"), db_index=True)
    fetched_at = models.DateTimeField(_("taken"), auto_now_add=True)
    field = models.ForeignKey(
        "intake.Field", verbose_name=_("field"), on_delete=models.SET_NULL, null=True, blank=True
    )
    kind = models.CharField(max_length=50, blank=True)
    mood = models.ForeignKey(
        "intake.Mood", verbose_name=_("mood"), on_delete=models.SET_NULL, null=True, blank=True
    )
    valence = models.CharField(_("valence"), max_length=10, blank=True)
    places = models.JSONField(_("places"), default=list, blank=True)
    model_version = models.CharField(max_length=64, blank=True)
    item = models.ForeignKey(
        "intake.Item",
        verbose_name=_("item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="media_post_once_per_source")
        ]
        indexes = [models.Index(fields=["story", "published_at"])]

    def __str__(self) -> str:
        return self.title or self.text[:80]
