"""Writes of the media monitor: sources and column mappings (administrators), files and
pushed posts taken in, and posts or stories promoted into items. Each asks the policy and is
audited; polling itself is in `polling.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dantinh.cases import policy as case_policy
from dantinh.cases.models import Case
from dantinh.core import audit
from dantinh.core.concurrency import check_version
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.intake import services as item_services
from dantinh.intake.models import Channel, Field, Item, Kind
from dantinh.media import parse, pipeline
from dantinh.media.models import ColumnMapping, Post, Source, Story
from dantinh.org import policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, User

SOURCE_FIELDS = ["name", "kind", "url", "mapping", "interval_minutes", "is_active", "unit"]
MAPPING_FIELDS = [
    "name",
    "platform",
    "text_column",
    "title_column",
    "url_column",
    "published_column",
    "id_column",
    "author_column",
    "public_column",
]
MEDIA_CHANNEL = "bao_chi_mang_xa_hoi"
MIN_INTERVAL, MAX_INTERVAL = 5, 7 * 24 * 60
MAX_PUSH = 500  # posts in one API call
ITEM_TEXT_CHARS = 4000


def _validate_source(values: dict) -> dict:
    errors = {}
    kind = values.get("kind")
    if kind not in Source.Kind.values:
        errors["kind"] = _("Choose the kind of source.")
    name = (values.get("name") or "").strip()
    if not name:
        errors["name"] = _("Give the source a name.")
    url = (values.get("url") or "").strip()
    if kind in (Source.Kind.RSS, Source.Kind.PAGE):
        if not url.startswith(("http://", "https://")):
            errors["url"] = _(
                "A feed or a page needs an address starting with http:// or https://."
            )
    if kind == Source.Kind.SOCIAL and values.get("mapping") is None:
        errors["mapping"] = _("A social media export needs a column mapping.")
    interval = values.get("interval_minutes") or 60
    if not MIN_INTERVAL <= int(interval) <= MAX_INTERVAL:
        errors["interval_minutes"] = _("Fetch between every %(low)s minutes and once a week.") % {
            "low": MIN_INTERVAL
        }
    if errors:
        raise ValidationError(errors)
    return {**values, "name": name[:200], "url": url, "interval_minutes": int(interval)}


def _check_manage(actor: User, unit: Unit) -> None:
    require_actor(actor)
    if not policies.can(actor, "media.manage", unit):
        raise PermissionDeniedError()


@transaction.atomic
def source_create(
    *,
    actor: User,
    unit: Unit,
    name: str,
    kind: str,
    url: str = "",
    mapping: ColumnMapping | None = None,
    interval_minutes: int = 60,
    is_active: bool = True,
) -> Source:
    """Add a source followed by `unit` (needs media.manage there). A feed or page is fetched
    at the next round of the poller. Raises PermissionDeniedError or ValidationError."""
    _check_manage(actor, unit)
    values = _validate_source(
        {
            "name": name,
            "kind": kind,
            "url": url,
            "mapping": mapping,
            "interval_minutes": interval_minutes,
        }
    )
    source = Source.objects.create(
        unit=unit,
        unit_path=unit.path,
        is_active=is_active,
        created_by=actor,
        next_poll_at=timezone.now(),
        **values,
    )
    audit.record(
        actor=actor,
        action=audit.Action.CREATE,
        obj=source,
        changes=audit.diff({}, audit.snapshot(source, SOURCE_FIELDS)),
    )
    return source


@transaction.atomic
def source_update(*, actor: User, source: Source, version: int | None, **values) -> Source:
    """Change a source's settings (needs media.manage at its unit, and at the new unit if it
    moves). A changed address starts afresh: no ETag, fetched at the next round, its error
    state cleared. Raises PermissionDeniedError, ValidationError or ConflictError."""
    _check_manage(actor, source.unit)
    locked = Source.objects.select_for_update().get(pk=source.pk)
    before = audit.snapshot(locked, SOURCE_FIELDS)
    current = {f: getattr(locked, f) for f in SOURCE_FIELDS}
    check_version(locked, version)
    unit = values.pop("unit", None) or locked.unit
    if unit.pk != locked.unit_id:
        _check_manage(actor, unit)
    cleaned = _validate_source({**current, **values})
    cleaned.pop("unit", None)
    if cleaned["url"] != locked.url or cleaned["kind"] != locked.kind:
        locked.etag = locked.last_modified = ""
        locked.failures = 0
        locked.last_error = ""
        locked.state = Source.State.NEW
        locked.next_poll_at = timezone.now()
    for name, value in cleaned.items():
        setattr(locked, name, value)
    locked.unit, locked.unit_path = unit, unit.path
    if locked.is_active and locked.state == Source.State.PAUSED:
        locked.state = Source.State.NEW
    locked.version += 1
    locked.save()
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE,
        obj=locked,
        changes=audit.diff(before, audit.snapshot(locked, SOURCE_FIELDS)),
    )
    return locked


@transaction.atomic
def source_delete(*, actor: User, source: Source) -> None:
    """Delete a source with its posts; stories left without posts go too."""
    _check_manage(actor, source.unit)
    story_ids = set(Post.objects.filter(source=source).values_list("story_id", flat=True))
    audit.record(actor=actor, action=audit.Action.DELETE, obj=source)
    source.delete()
    for story in Story.objects.filter(pk__in=story_ids):
        if Post.objects.filter(story=story).exists():
            pipeline.refresh_story(story)
        else:
            story.delete()


def _check_mappings(actor: User) -> None:
    require_actor(actor)
    if not policies.can_anywhere(actor, "media.manage"):
        raise PermissionDeniedError()


@transaction.atomic
def mapping_save(*, actor: User, mapping: ColumnMapping | None = None, **values) -> ColumnMapping:
    """Create or change a platform's column mapping (any administrator of the monitor)."""
    _check_mappings(actor)
    values = {k: str(values.get(k, "") or "").strip()[:100] for k in MAPPING_FIELDS}
    errors = {}
    if not values["name"]:
        errors["name"] = _("Give the mapping a name.")
    if not values["text_column"]:
        errors["text_column"] = _("Say which column holds the content.")
    clash = ColumnMapping.objects.filter(name=values["name"])
    if mapping is not None:
        clash = clash.exclude(pk=mapping.pk)
    if values["name"] and clash.exists():
        errors["name"] = _("Another mapping has this name.")
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(mapping, MAPPING_FIELDS) if mapping else {}
    if mapping is None:
        mapping = ColumnMapping.objects.create(**values)
    else:
        for name, value in values.items():
            setattr(mapping, name, value)
        mapping.save()
    audit.record(
        actor=actor,
        action=audit.Action.UPDATE if before else audit.Action.CREATE,
        obj=mapping,
        changes=audit.diff(before, audit.snapshot(mapping, MAPPING_FIELDS)),
    )
    return mapping


def source_take_file(
    *, actor: User, source: Source, content: bytes, filename: str
) -> pipeline.Ingested:
    """Take an export file into a social source through its column mapping (needs
    media.manage at the source's unit). Raises PermissionDeniedError or ValidationError
    (the file unreadable, or without the mapping's content column); nothing is taken then."""
    _check_manage(actor, source.unit)
    if source.mapping is None:
        raise ValidationError({"file": _("This source has no column mapping.")})
    try:
        raw = parse.map_rows(parse.read_table(content, filename), source.mapping)
    except parse.ParseError as error:
        raise ValidationError({"file": str(error)}) from None
    result = pipeline.ingest(source=source, raw=raw)
    audit.record(
        actor=actor,
        action=audit.Action.IMPORT,
        obj=source,
        note=f"{filename[:100]}: {result.new_posts} posts",
    )
    return result


def posts_push(*, actor: User, source: Source, posts: list[Mapping]) -> pipeline.Ingested:
    """Posts sent by another collector into a source (needs media.manage at its unit). Each
    has "text", and may have "title", "url", "published_at" (ISO 8601), "id" and "author"
    (counted, never kept). Raises ValidationError naming the first bad post."""
    _check_manage(actor, source.unit)
    if not isinstance(posts, list) or not posts:
        raise ValidationError({"posts": _("Send a list of posts.")})
    if len(posts) > MAX_PUSH:
        raise ValidationError({"posts": _("At most %(n)s posts in one call.") % {"n": MAX_PUSH}})
    raw = []
    for number, post in enumerate(posts, start=1):
        if not isinstance(post, Mapping) or not str(post.get("text") or "").strip():
            raise ValidationError({"posts": _("Post %(n)s has no text.") % {"n": number}})
        published = None
        if post.get("published_at"):
            try:
                published = dt.datetime.fromisoformat(
                    str(post["published_at"]).replace("Z", "+00:00")
                )
            except ValueError:
                raise ValidationError(
                    {"posts": _("Post %(n)s: the date is not ISO 8601.") % {"n": number}}
                ) from None
            if timezone.is_naive(published):
                published = timezone.make_aware(published)
        url = str(post.get("url") or "")
        raw.append(
            parse.RawPost(
                text=str(post["text"]),
                title=str(post.get("title") or ""),
                url=url if url.startswith(("http://", "https://")) else "",
                published=published,
                ident=str(post.get("id") or ""),
                author=str(post.get("author") or ""),
            )
        )
    result = pipeline.ingest(source=source, raw=raw)
    audit.record(
        actor=actor, action=audit.Action.IMPORT, obj=source, note=f"push: {result.new_posts} posts"
    )
    return result


# --- from post to item -------------------------------------------------------------------


def _item_unit(actor: User, places: Iterable[int], fallback: Unit) -> Unit:
    """The deepest place mentioned where the actor may log items, else the source's unit."""
    units = [
        u for u in Unit.objects.filter(pk__in=list(places)) if policies.can(actor, "item.create", u)
    ]
    if units:
        return max(units, key=lambda u: u.depth)
    return fallback


def _promote(*, actor: User, obj, unit: Unit, text: str, url: str, kind_code: str, day) -> Item:
    require_actor(actor)
    if not policies.can(actor, "media.promote", obj):
        raise PermissionDeniedError()
    channel = Channel.objects.filter(code=MEDIA_CHANNEL).first()
    kind = (
        Kind.objects.filter(code=kind_code, is_active=True).first()
        or Kind.objects.filter(is_active=True).first()
    )
    field = obj.field or Field.objects.filter(code="khac", is_active=True).first()
    if channel is None or kind is None or field is None:
        raise ValidationError({"__all__": _("The lists of channels, kinds or fields are missing.")})
    suggested = {"field": getattr(obj.field, "code", ""), "kind": kind_code}
    if obj.mood is not None:
        suggested["mood"] = obj.mood.code
    return item_services.item_create(
        actor=actor,
        unit=unit,
        text=text[:ITEM_TEXT_CHARS],
        kind=kind,
        field=field,
        channel=channel,
        mood=obj.mood,
        # an item is observed no later than today
        observed_on=min(timezone.localtime(day).date(), timezone.localdate()),
        source_url=url[:500],
        suggested=suggested,
        model_version=getattr(obj, "model_version", "") or "media",
    )


@transaction.atomic
def post_promote(*, actor: User, post: Post) -> Item:
    """Make an item of a post, channel "press and social media", its link and labels filled
    in, about the deepest place it mentions where the actor logs items (else the unit
    following its source). Needs media.promote on the post and item.create at that place.
    A post already promoted gives its item again."""
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("source__unit", "field", "mood")
        .get(pk=post.pk)
    )
    if post.item_id is not None and Item.objects.filter(pk=post.item_id).exists():
        return Item.objects.get(pk=post.item_id)
    text = f"{post.title}. {post.text}" if post.title and post.title not in post.text else post.text
    item = _promote(
        actor=actor,
        obj=post,
        unit=_item_unit(actor, post.places, post.source.unit),
        text=text,
        url=post.url,
        kind_code=post.kind,
        day=post.published_at,
    )
    post.item = item
    post.save(update_fields=["item"])
    return item


@transaction.atomic
def story_promote(*, actor: User, story: Story) -> Item:
    """Make an item of a story: its title and the start of its first post, the link of its
    first post, its labels and most mentioned place; the story then points to the item."""
    story = (
        Story.objects.select_for_update(of=("self",))
        .select_related("unit", "field", "mood")
        .get(pk=story.pk)
    )
    if story.item_id is not None and Item.objects.filter(pk=story.item_id).exists():
        return Item.objects.get(pk=story.item_id)
    first = story.posts.order_by("published_at", "id").first()
    body = first.text if first else ""
    sources = story.source_count
    text = f"{story.title}. {body}" if story.title not in body else body
    if story.post_count > 1:
        text += " " + _("(Told by %(posts)s posts from %(sources)s sources.)") % {
            "posts": story.post_count,
            "sources": sources,
        }
    kinds = [k for k in story.posts.values_list("kind", flat=True) if k]
    item = _promote(
        actor=actor,
        obj=story,
        unit=_item_unit(actor, story.places, story.unit),
        text=text,
        url=first.url if first else "",
        kind_code=max(set(kinds), key=kinds.count) if kinds else "",
        day=story.first_seen,
    )
    story.item = item
    story.save(update_fields=["item"])
    return item


@transaction.atomic
def story_link_case(*, actor: User, story: Story, case: Case | None) -> Story:
    """Link a story to the case it feeds (or, with None, unlink it). Needs media.view on the
    story and case.change on the case linked or unlinked. Raises PermissionDeniedError."""
    require_actor(actor)
    story = Story.objects.select_for_update(of=("self",)).select_related("case").get(pk=story.pk)
    if not policies.can(actor, "media.view", story):
        raise PermissionDeniedError()
    for touched in (story.case, case):
        if touched is not None and not case_policy.can_change(actor, touched):
            raise PermissionDeniedError()
    before = story.case_id
    story.case = case
    story.save(update_fields=["case", "updated_at"])
    if before != story.case_id:
        audit.record(
            actor=actor,
            action=audit.Action.UPDATE,
            obj=story,
            changes={"case": [before, story.case_id]},
        )
    return story
