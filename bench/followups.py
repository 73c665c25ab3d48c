"""What the desks follow up from the country-scale data set's items: recommendations followed
to closure, complex cases, and the media posts and stories the monitor took.

Made from the items already written, at these proportions (assumptions, not census data):
- every province's default directory of competent bodies (`bodies_seed_defaults`);
- one in `FOLLOWED` items of kind recommendation or complaint is registered as a followed
  recommendation (about 8% of the items: 80,000 at 1m, 800,000 at 10m), owned by its
  commune, sent to the commune's committee or to the province's body of the item's
  authority, in every state as `bench.recommendations.life` draws it; then the monthly
  roll-ups are rebuilt as `dantinh recommendations rollup` does;
- one in `CASE_EVERY` incident items (vụ việc) is followed as a complex case (about 0.05%:
  5,000 at 10m), with its opening risk level, a climb for some, one to three developments,
  and the item linked; the older ones mostly resolved;
- one in `STORY_EVERY` items from the press and social media is a story the media monitor
  grouped (2.5% of the items), told by one to six posts (the first as the item's text, the
  others rewritten copies, `bench.media.rewrite`) from the province's three sources.

Everything is chosen from the items by id and drawn from random streams of the seed, so the
data is the same on every run; rows go in by COPY on PostgreSQL (`bench.submissions.Writer`),
executemany on SQLite. Complainants and the recommendations' event history are not made: no
measured path reads them in bulk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from collections import defaultdict

from django.db import connection, transaction
from django.utils import timezone

from bench.media import rewrite
from bench.recommendations import life
from bench.submissions import Writer

FOLLOWED = 5
CASE_EVERY = 100
STORY_EVERY = 4  # of the items of channel press and social media (10% of all)


def _rows(sql: str, params: list):
    """Rows of a query, streamed (a server-side cursor on PostgreSQL)."""
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.chunked_cursor() as cursor:
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(10_000):
                yield from batch
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(10_000):
                yield from batch


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _defaults(model) -> dict:
    """Every column of `model` with its default (None where it has none)."""
    out = {}
    for f in model._meta.concrete_fields:
        out[f.column] = f.get_default() if f.has_default() or not f.null else None
    return out


def _next_id(model) -> int:
    return (model.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1


def _kind_ids(*codes: str) -> list[int]:
    from dantinh.intake.models import Kind

    return list(Kind.objects.filter(code__in=codes).values_list("id", flat=True))


def _provinces():
    from dantinh.org.models import Unit

    return Unit.objects.filter(
        parent__isnull=True, code_scheme=Unit.CodeScheme.GSO_2025, valid_to__isnull=True
    ).order_by("path")


def seed_bodies(log) -> int:
    from dantinh.org.actors import system_actor
    from dantinh.recommendations import bodies

    system = system_actor()
    made = 0
    for province in _provinces():
        made += bodies.bodies_seed_defaults(actor=system, root=province)
    log(f"  {made:,} competent bodies")
    return made


def recommendations(seed: int, today: dt.date, log) -> int:
    from dantinh.org.paths import SEGMENT
    from dantinh.recommendations.models import Body, Recommendation
    from dantinh.reporting.periods import holiday_set

    rng = random.Random(f"{seed}/recommendations")
    holidays = holiday_set(range(today.year - 4, today.year + 2))
    commune_body: dict[int, Body] = {}
    province_bodies: dict[str, dict[int, Body]] = defaultdict(dict)
    for b in Body.objects.select_related("authority").order_by("id"):
        if b.authority.code == "ubnd_xa":
            commune_body[b.unit_id] = b
        else:
            province_bodies[b.unit_path][b.authority_id] = b
    slow = {b.pk: rng.uniform(0.5, 3.0) for bs in province_bodies.values() for b in bs.values()}
    fallback = {p: sorted(bs.values(), key=lambda b: b.pk) for p, bs in province_bodies.items()}
    complaint = set(_kind_ids("khieu_nai_to_cao"))
    kinds = _kind_ids("kien_nghi", "khieu_nai_to_cao")
    writer = Writer(Recommendation)
    base = _defaults(Recommendation)
    pk = _next_id(Recommendation)
    now = timezone.now()
    rows = _rows(
        f"""SELECT i.id, i.unit_id, i.unit_path, i.reporting_unit_id, c.path, i.observed_on,
                  i.field_id, i.authority_id, i.created_by_id, i.kind_id
           FROM intake_item i JOIN org_unit c ON c.id = i.reporting_unit_id
           WHERE i.kind_id IN ({", ".join(["%s"] * len(kinds))}) AND i.id %% %s = 0
           ORDER BY i.id""",
        [*kinds, FOLLOWED],
    )
    started = time.perf_counter()
    for item_id, unit_id, unit_path, owner_id, owner_path, day, field_id, auth, by, kind in rows:
        received = _date(day)
        province = owner_path[:SEGMENT]
        body = province_bodies[province].get(auth) if auth else None
        if body is None or rng.random() < 0.5:
            body = commune_body.get(owner_id) or rng.choice(fallback[province])
        procedure = "kien_nghi"
        if kind in complaint:
            procedure = "khieu_nai" if rng.random() < 0.8 else "to_cao"
        row = dict(base)
        row.update(
            id=pk,
            created_at=now,
            updated_at=now,
            version=1,
            item_id=item_id,
            unit_id=unit_id,
            unit_path=unit_path,
            owner_id=owner_id,
            owner_path=owner_path,
            procedure=procedure,
            field_id=field_id,
            received_on=received,
            suggested_authority_id=auth,
            created_by_id=by,
        )
        for name, value in life(
            rng, received=received, body=body, today=today, holidays=holidays, slow=slow
        ).items():
            row[f"{name}_id" if name == "body" else name] = value.pk if name == "body" else value
        writer.add(row)
        pk += 1
    writer.flush()
    log(f"  {writer.count:,} recommendations in {time.perf_counter() - started:.0f} s")
    return writer.count


CASE_SITUATION = "Diễn biến: {text}"
DEVELOPMENTS = (
    "Tổ công tác đã đối thoại với các hộ dân, ghi nhận ý kiến.",
    "Ủy ban nhân dân đã họp với các bên liên quan, thống nhất hướng giải quyết.",
    "Một số hộ tiếp tục gửi đơn, tập trung đông người tại trụ sở.",
    "Cơ quan chức năng đã kiểm tra hiện trường, lập biên bản.",
    "Các hộ dân đồng thuận với phương án hỗ trợ.",
)


def cases(seed: int, today: dt.date, log) -> int:
    from dantinh.cases.models import Case, Development, RiskChange

    rng = random.Random(f"{seed}/cases")
    kinds = _kind_ids("vu_viec")
    links = Case.items.through
    case_rows, change_rows = Writer(Case), Writer(RiskChange)
    development_rows, link_rows = Writer(Development), Writer(links)
    base, change_base = _defaults(Case), _defaults(RiskChange)
    case_id, change_id = _next_id(Case), _next_id(RiskChange)
    development_id, link_id = _next_id(Development), _next_id(links)
    now = timezone.now()
    rows = _rows(
        """SELECT i.id, i.unit_id, i.reporting_unit_id, c.path, i.observed_on, i.field_id,
                  i.created_by_id, i.text, i.scale
           FROM intake_item i JOIN org_unit c ON c.id = i.reporting_unit_id
           WHERE i.kind_id = %s AND i.id %% %s = 0 ORDER BY i.id""",
        [kinds[0], CASE_EVERY],
    )
    for item_id, place_id, unit_id, unit_path, day, field_id, by, text, scale in rows:
        opened = _date(day)
        age = (today - opened).days
        risk = rng.choice(("tiem_an", "tiem_an", "co_kha_nang", "diem_nong"))
        climbed = risk != "diem_nong" and rng.random() < 0.2
        resolved = age > 90 and rng.random() < min(0.9, age / 400)
        steps = [("", risk, opened)]
        if climbed:
            up = "co_kha_nang" if risk == "tiem_an" else "diem_nong"
            steps.append((risk, up, min(today, opened + dt.timedelta(days=rng.randint(3, 60)))))
        if resolved:
            on = min(today, steps[-1][2] + dt.timedelta(days=rng.randint(30, 90)))
            steps.append((steps[-1][1], "da_giai_quyet", on))
        row = dict(base)
        row.update(
            id=case_id,
            created_at=now,
            updated_at=now,
            version=1,
            title=text[:120].rsplit(" ", 1)[0],
            unit_id=unit_id,
            unit_path=unit_path,
            place_id=place_id,
            field_id=field_id,
            opened_on=opened,
            situation=CASE_SITUATION.format(text=text),
            scale=scale,
            risk=steps[-1][1],
            risk_since=steps[-1][2],
            resolved_on=steps[-1][2] if resolved else None,
            created_by_id=by,
        )
        case_rows.add(row)
        for from_risk, to_risk, on in steps:
            change = dict(change_base)
            change.update(
                id=change_id,
                case_id=case_id,
                from_risk=from_risk,
                to_risk=to_risk,
                changed_on=on,
                reason="Đánh giá của tổ công tác.",
                changed_by_id=by,
                recorded_at=now,
            )
            change_rows.add(change)
            change_id += 1
        for k in range(rng.randint(1, 3)):
            development_rows.add(
                {
                    "id": development_id,
                    "case_id": case_id,
                    "happened_on": min(today, opened + dt.timedelta(days=7 * k)),
                    "text": rng.choice(DEVELOPMENTS),
                    "created_by_id": by,
                    "created_at": now,
                }
            )
            development_id += 1
        link_rows.add({"id": link_id, "case_id": case_id, "item_id": item_id})
        link_id += 1
        case_id += 1
    for writer in (case_rows, change_rows, development_rows, link_rows):
        writer.flush()
    log(f"  {case_rows.count:,} cases, {change_rows.count:,} risk changes")
    return case_rows.count


SOURCES = (
    ("rss", "Báo điện tử {place}"),
    ("social", "Trang mạng xã hội của cư dân {place}"),
    ("page", "Diễn đàn {place}"),
)


def media(seed: int, today: dt.date, log) -> dict:
    from dantinh.intake.models import Channel, Mood
    from dantinh.media.models import Post, Source, Story
    from dantinh.org.models import User
    from dantinh.org.paths import SEGMENT
    from dantinh.reporting.docbuild import short_name

    rng = random.Random(f"{seed}/media")
    admin = User.objects.filter(is_superuser=True).order_by("id").first()
    creator = admin.pk if admin else User.objects.order_by("id").values_list("id", flat=True)[0]
    now = timezone.now()
    source_rows, story_rows, post_rows = Writer(Source), Writer(Story), Writer(Post)
    source_base, story_base, post_base = _defaults(Source), _defaults(Story), _defaults(Post)
    sources: dict[str, list[int]] = {}
    source_id = _next_id(Source)
    for province in _provinces():
        sources[province.path] = []
        for kind, name in SOURCES:
            row = dict(source_base)
            row.update(
                id=source_id,
                created_at=now,
                updated_at=now,
                version=1,
                unit_id=province.pk,
                unit_path=province.path,
                name=name.format(place=short_name(province)),
                kind=kind,
                created_by_id=creator,
                state="ok",
                last_polled_at=now,
                last_success_at=now,
            )
            source_rows.add(row)
            sources[province.path].append(source_id)
            source_id += 1
    source_rows.flush()
    province_ids = {p.path: p.pk for p in _provinces()}
    valence = dict(Mood.objects.values_list("id", "valence"))
    channel = Channel.objects.get(code="bao_chi_mang_xa_hoi").pk
    story_id, post_id = _next_id(Story), _next_id(Post)
    rows = _rows(
        """SELECT id, unit_path, observed_on, field_id, mood_id, text
           FROM intake_item WHERE channel_id = %s AND id %% %s = 0 ORDER BY id""",
        [channel, STORY_EVERY],
    )
    tz = timezone.get_current_timezone()
    for item_id, unit_path, day, field_id, mood_id, text in rows:
        province = unit_path[:SEGMENT]
        if province not in sources:
            continue
        first = dt.datetime.combine(_date(day), dt.time(6), tz) - dt.timedelta(
            minutes=rng.randint(0, 2000)
        )
        count = min(6, 1 + int(rng.expovariate(0.6)))
        times = sorted(first + dt.timedelta(minutes=rng.randint(0, 4000)) for _ in range(count))
        times[0] = first
        used = set()
        for k, published in enumerate(times):
            source = rng.choice(sources[province])
            used.add(source)
            body = text if k == 0 else rewrite(text, rng)
            post = dict(post_base)
            post.update(
                id=post_id,
                source_id=source,
                unit_path=province,
                story_id=story_id,
                key=hashlib.sha256(f"{source}/{post_id}".encode()).hexdigest(),
                url=f"https://tin.example/{published:%Y/%m}/{post_id}",
                title=body[:80].rsplit(" ", 1)[0],
                text=body,
                published_at=published,
                fetched_at=published + dt.timedelta(minutes=30),
                field_id=field_id,
                mood_id=mood_id,
                valence=valence.get(mood_id, ""),
                places="[]",
                item_id=item_id if k == 0 else None,
            )
            post_rows.add(post)
            post_id += 1
        story = dict(story_base)
        story.update(
            id=story_id,
            created_at=first,
            updated_at=times[-1],
            unit_id=province_ids[province],
            unit_path=province,
            title=text[:120].rsplit(" ", 1)[0],
            first_seen=first,
            last_seen=times[-1],
            post_count=count,
            source_count=len(used),
            author_count=count,
            field_id=field_id,
            mood_id=mood_id,
            valence=valence.get(mood_id, ""),
            places="[]",
            item_id=item_id,
            salt=hashlib.md5(f"{seed}/{story_id}".encode()).hexdigest(),
        )
        story_rows.add(story)
        story_id += 1
    # stories before their posts (the foreign key is checked at once on SQLite's side too)
    story_rows.flush()
    post_rows.flush()
    log(f"  {story_rows.count:,} media stories told by {post_rows.count:,} posts")
    return {"sources": source_rows.count, "stories": story_rows.count, "posts": post_rows.count}


TABLES = [
    "recommendations_recommendation",
    "cases_case",
    "cases_riskchange",
    "cases_development",
    "cases_case_items",
    "media_source",
    "media_story",
    "media_post",
]


def generate(*, seed: int, today: dt.date, log) -> dict:
    """The follow-ups of the items in the current database (bodies, recommendations and their
    roll-ups, cases, media); returns their counts."""
    from bench.generate import _reset_sequences, pg_without_indexes
    from dantinh.cases.models import Case, Development, RiskChange
    from dantinh.media.models import Post, Source, Story
    from dantinh.recommendations import rollup
    from dantinh.recommendations.models import Recommendation

    facts: dict = {}
    started = time.perf_counter()
    with transaction.atomic():
        facts["bodies"] = seed_bodies(log)
    if connection.vendor == "postgresql":
        load = pg_without_indexes(TABLES, log)
    else:
        load = transaction.atomic()
    with load:
        facts["recommendations"] = recommendations(seed, today, log)
        facts["cases"] = cases(seed, today, log)
        facts["media"] = media(seed, today, log)
    _reset_sequences([Recommendation, Case, RiskChange, Development, Case.items.through])
    _reset_sequences([Source, Story, Post])
    t = time.perf_counter()
    cells = rollup.rebuild()
    log(f"  recommendation roll-ups: {cells[0]:,} body and {cells[1]:,} field cells")
    log(f"    in {time.perf_counter() - t:.0f} s")
    facts["seconds"] = round(time.perf_counter() - started, 1)
    return facts
