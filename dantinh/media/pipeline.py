"""From raw posts to stories: clean, label, group, store. The one path for every door (the
poller, an uploaded export, the push API, `dantinh media ingest`, the demo).

- **Clean**: markup and spaces out, lengths capped, too-short texts dropped, a key per post
  (its id at the source, else its link, else its text) so a post fetched again is not taken
  twice, a date in the future brought back to now.
- **Label** with the language engine: field, kind, mood and valence from the deployment's
  current model (in batches), places from the unit tree's names.
- **Group**: a post joins the story of its nearest near-duplicate among the posts of the same
  unit's sources seen in the last WINDOW_DAYS (MinHash LSH, `dantinh.language.dedup`), else
  starts a story. Only posts of one unit are compared, so a story never mixes what two scopes
  may see.
- **Count authors** without keeping them: a post's author (from an export or a push) becomes
  an HMAC under the story's own random salt, stored once per story (`StoryAuthor`), and is
  then forgotten. Nothing ties a digest to a post, and the same person has unrelated digests
  in two stories.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from dantinh.intake.labelling import item_model, place_matcher, units_for_codes
from dantinh.intake.models import Field, Mood
from dantinh.language.dedup import NearDuplicateIndex, shingles
from dantinh.media import surge
from dantinh.media.models import Post, Source, Story, StoryAuthor
from dantinh.media.parse import RawPost, plain

WINDOW_DAYS = 7
# Jaccard of the dedup shingles from which two posts tell the same story. Lower than items'
# 0.5: papers rewrite a story more than officers retype a grievance (measured on the demo
# feeds, whose copies are rewritten: see docs/benchmarks.md, "Media monitor").
THRESHOLD = 0.4
GROUP_CHARS = 1500  # the start of a post is what its copies share; the rest adds noise
MAX_TEXT = 20_000
MIN_WORDS = 4
PLACES_KEPT = 10


@dataclass
class CleanPost:
    key: str
    text: str
    title: str
    url: str
    published: dt.datetime
    author: str = ""
    # filled by labelling
    field: str = ""
    kind: str = ""
    mood: str | None = None
    valence: str = ""
    place_codes: list[str] = dataclasses.field(default_factory=list)
    model_version: str = ""

    @property
    def group_text(self) -> str:
        return f"{self.title}. {self.text[:GROUP_CHARS]}" if self.title else self.text[:GROUP_CHARS]


def clean(raw: Iterable[RawPost], *, now: dt.datetime | None = None) -> list[CleanPost]:
    """Cleaned posts, without the too short and without repeats of one key."""
    now = now or timezone.now()
    out: dict[str, CleanPost] = {}
    for post in raw:
        text = plain(post.text)[:MAX_TEXT]
        if len(text.split()) < MIN_WORDS:
            continue
        ident = (post.ident or post.url or text).strip()
        key = hashlib.sha256(ident.encode("utf-8", "replace")).hexdigest()[:40]
        published = post.published if post.published and post.published <= now else now
        out.setdefault(
            key,
            CleanPost(
                key=key,
                text=text,
                title=plain(post.title)[:300],
                url=post.url[:1000],
                published=published,
                author=post.author,
            ),
        )
    return list(out.values())


def label(posts: Sequence[CleanPost], *, with_places: bool = True) -> None:
    """Fill each post's labels from the language engine (in place)."""
    if not posts:
        return
    model = item_model()
    matcher = place_matcher() if with_places else None
    suggestions = model.predict([p.group_text for p in posts])
    for post, suggestion in zip(posts, suggestions, strict=True):
        post.field = suggestion.field
        post.kind = suggestion.kind
        post.mood = suggestion.mood
        post.valence = suggestion.valence or ""
        post.model_version = suggestion.model_version
        if matcher is not None:
            post.place_codes = matcher.codes(f"{post.title} {post.text}")


class Grouper:
    """Near-duplicate grouping against what is already stored for one unit, and among the
    new posts themselves. `place` answers a story id, or a negative number standing for a
    new story (the same number for posts of the same new story)."""

    def __init__(self, *, unit_id: int | None, since: dt.datetime | None) -> None:
        self.index = NearDuplicateIndex(THRESHOLD)
        self.story_of: dict[object, int] = {}
        self._new = 0
        if unit_id is not None and since is not None:
            recent = Post.objects.filter(
                story__unit_id=unit_id, published_at__gte=since
            ).values_list("id", "story_id", "title", "text")
            for pk, story_id, title, text in recent.iterator(chunk_size=2000):
                body = text[:GROUP_CHARS]
                self.index.add(pk, f"{title}. {body}" if title else body)
                self.story_of[pk] = story_id

    def place(self, post: CleanPost, position: int) -> int:
        # the shingles and signature are computed once, for the query and for the index
        # (as `dedup.group` does)
        index = self.index
        shingle_set = shingles(post.group_text, ngram=index.ngram)
        band_keys = index._band_keys(index.signature(shingle_set))
        matches = index._query_set(shingle_set, band_keys, None)
        if matches:
            story = self.story_of[matches[0][0]]
        else:
            self._new -= 1
            story = self._new
        key = ("new", position)
        index._add_set(key, shingle_set, band_keys)
        self.story_of[key] = story
        return story


def author_digest(salt: str, author: str) -> str:
    return hmac.new(salt.encode(), author.strip().lower().encode(), hashlib.sha256).hexdigest()


@dataclass
class Ingested:
    new_posts: int = 0
    stories: list[Story] = dataclasses.field(
        default_factory=list
    )  # created or updated, newest first


def ingest(*, source: Source, raw: Iterable[RawPost], now: dt.datetime | None = None) -> Ingested:
    """Take a source's raw posts through the whole pipeline and store them. Posts already
    taken from this source are skipped. Returns the stories created or updated."""
    now = now or timezone.now()
    posts = clean(raw, now=now)
    known = set(
        Post.objects.filter(source=source, key__in=[p.key for p in posts]).values_list(
            "key", flat=True
        )
    )
    posts = [p for p in posts if p.key not in known]
    if not posts:
        return Ingested()
    posts.sort(key=lambda p: p.published)
    label(posts)
    fields = {f.code: f for f in Field.objects.all()}
    moods = {m.code: m for m in Mood.objects.all()}
    codes = {c for p in posts for c in p.place_codes}
    unit_ids = {
        (unit.code if unit.code in codes else f"u{unit.pk}"): unit.pk
        for unit in units_for_codes(sorted(codes))
    }
    with transaction.atomic():
        # one grouping at a time per unit: two polls of its sources must not start the same
        # story twice (the source's row lock serialises them on PostgreSQL; SQLite has one writer)
        Source.objects.select_for_update().filter(unit_id=source.unit_id).order_by("id").first()
        earliest = min(p.published for p in posts) - dt.timedelta(days=WINDOW_DAYS)
        grouper = Grouper(unit_id=source.unit_id, since=earliest)
        placed = [grouper.place(post, i) for i, post in enumerate(posts)]
        new_stories: dict[int, Story] = {}
        for post, story_id in zip(posts, placed, strict=True):
            if story_id < 0 and story_id not in new_stories:
                new_stories[story_id] = Story.objects.create(
                    unit_id=source.unit_id,
                    unit_path=source.unit_path,
                    title=(post.title or post.text[:200])[:300],
                    first_seen=post.published,
                    last_seen=post.published,
                    salt=secrets.token_hex(16),
                )
        rows = []
        for post, story_id in zip(posts, placed, strict=True):
            rows.append(
                Post(
                    source=source,
                    unit_path=source.unit_path,
                    story_id=new_stories[story_id].pk if story_id < 0 else story_id,
                    key=post.key,
                    url=post.url,
                    title=post.title,
                    text=post.text,
                    published_at=post.published,
                    field=fields.get(post.field),
                    kind=post.kind,
                    mood=moods.get(post.mood or ""),
                    valence=post.valence,
                    places=[unit_ids[c] for c in post.place_codes if c in unit_ids],
                    model_version=post.model_version,
                )
            )
        Post.objects.bulk_create(rows, batch_size=500)
        touched = {row.story_id for row in rows}
        stories = {s.pk: s for s in Story.objects.filter(pk__in=touched)}
        authors = [
            StoryAuthor(
                story_id=row.story_id, digest=author_digest(stories[row.story_id].salt, p.author)
            )
            for row, p in zip(rows, posts, strict=True)
            if p.author
        ]
        StoryAuthor.objects.bulk_create(authors, ignore_conflicts=True, batch_size=500)
        for story in stories.values():
            refresh_story(story)
        Source.objects.filter(pk=source.pk).update(posts_taken=source.posts_taken + len(rows))
    ordered = sorted(stories.values(), key=lambda s: (s.last_seen, s.pk), reverse=True)
    surge.raise_for(ordered, now=now)
    return Ingested(new_posts=len(rows), stories=ordered)


def refresh_story(story: Story) -> None:
    """Recount a story from its posts: volume, first and latest appearance, sources,
    authors, and its labels (the commonest among its posts), places (the most mentioned)."""
    posts = Post.objects.filter(story=story)
    totals = posts.aggregate(
        n=Count("id"),
        first=Min("published_at"),
        last=Max("published_at"),
        sources=Count("source", distinct=True),
    )
    story.post_count = totals["n"]
    story.first_seen = totals["first"] or story.first_seen
    story.last_seen = totals["last"] or story.last_seen
    story.source_count = totals["sources"]
    story.author_count = StoryAuthor.objects.filter(story=story).count()
    labels = list(posts.values_list("field_id", "mood_id", "valence", "places"))
    story.field_id = _commonest(f for f, _m, _v, _p in labels)
    story.mood_id = _commonest(m for _f, m, _v, _p in labels)
    story.valence = _commonest(v for _f, _m, v, _p in labels) or ""
    places: Counter[int] = Counter(u for _f, _m, _v, p in labels for u in p or [])
    story.places = [u for u, _n in places.most_common(PLACES_KEPT)]
    story.save(
        update_fields=[
            "post_count",
            "first_seen",
            "last_seen",
            "source_count",
            "author_count",
            "field",
            "mood",
            "valence",
            "places",
            "updated_at",
        ]
    )


def _commonest(values: Iterable):
    counts = Counter(v for v in values if v not in (None, ""))
    return counts.most_common(1)[0][0] if counts else None
