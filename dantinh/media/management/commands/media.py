"""`dantinh media ingest SOURCE`: take a feed, a page or an export once, through the same
pipeline as the scheduled polling, and print one JSON line per story created or updated."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dantinh.media import fetch, parse, pipeline, services
from dantinh.media.models import ColumnMapping, Source
from dantinh.org.actors import system_actor
from dantinh.org.models import Unit

SOCIAL_SUFFIXES = (".csv", ".json", ".xlsx")


def _guess_kind(source: str) -> str:
    name = source.lower().split("?")[0]
    if name.endswith(SOCIAL_SUFFIXES):
        return Source.Kind.SOCIAL
    if name.endswith((".html", ".htm")):
        return Source.Kind.PAGE
    return Source.Kind.RSS


class Command(BaseCommand):
    help = "The media monitor: ingest a feed, a web page or a social-media export once."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        ingest = sub.add_parser("ingest", help="take one URL or file through the pipeline")
        ingest.add_argument("source", help="an http(s) address or a file")
        ingest.add_argument("--kind", choices=["rss", "page", "social"], default=None)
        ingest.add_argument("--mapping", default="", help="column mapping name (social exports)")
        ingest.add_argument(
            "--unit", default="", help="code of the unit following it (default: the first root)"
        )

    def handle(self, *args, **options):
        kind = options["kind"] or _guess_kind(options["source"])
        unit = self._unit(options["unit"])
        mapping = None
        if kind == Source.Kind.SOCIAL:
            mapping = ColumnMapping.objects.filter(name=options["mapping"]).first()
            if mapping is None:
                names = ", ".join(ColumnMapping.objects.values_list("name", flat=True)) or "—"
                raise CommandError(
                    f"--mapping: no column mapping named {options['mapping']!r} ({names})"
                )
        raw, source = self._read(options["source"], kind, unit, mapping)
        result = pipeline.ingest(source=source, raw=raw)
        for story in result.stories:
            self.stdout.write(json.dumps(_story_line(story), ensure_ascii=False))

    def _unit(self, code: str) -> Unit:
        qs = Unit.objects.filter(code=code) if code else Unit.objects.filter(parent=None)
        unit = qs.order_by("path").first()
        if unit is None:
            raise CommandError(f"--unit: no unit {code!r}" if code else "no unit: load units first")
        return unit

    def _read(self, where: str, kind: str, unit: Unit, mapping) -> tuple[list, Source]:
        is_url = where.startswith(("http://", "https://"))
        try:
            if is_url:
                answer = fetch.fetch(where)
                body, charset, content_type, url = (
                    answer.body,
                    answer.charset,
                    answer.content_type,
                    answer.url,
                )
            else:
                path = Path(where)
                if not path.is_file():
                    raise CommandError(f"{where}: no such file")
                body, charset, content_type, url = path.read_bytes(), "", "", ""
            if kind == Source.Kind.SOCIAL:
                raw = parse.map_rows(parse.read_table(body, where), mapping)
            elif kind == Source.Kind.PAGE:
                raw = parse.parse_page(body, charset=charset, url=url)
            else:
                raw = parse.parse_feed(body, content_type=content_type, charset=charset)
        except (fetch.FetchError, parse.ParseError) as error:
            raise CommandError(str(error)) from None
        return raw, self._source(where if is_url else "", Path(where).name, kind, unit, mapping)

    def _source(self, url: str, name: str, kind: str, unit: Unit, mapping) -> Source:
        if not url and kind != Source.Kind.SOCIAL:
            kind = Source.Kind.PUSH  # a feed or page read from a file: taken, never polled
        found = Source.objects.filter(unit=unit, kind=kind)
        found = found.filter(url=url) if url else found.filter(url="", name=name)
        source = found.first()
        if source is not None:
            return source
        # a file is taken once from the command line, never polled
        return services.source_create(
            actor=system_actor(),
            unit=unit,
            name=(url or name)[:200],
            kind=kind,
            url=url,
            mapping=mapping,
            is_active=bool(url),
        )


def _story_line(story) -> dict:
    story.refresh_from_db()
    field = story.field.code if story.field_id else None
    places = dict(Unit.objects.filter(pk__in=story.places).values_list("pk", "full_name"))
    return {
        "id": story.pk,
        "title": story.title,
        "posts": story.post_count,
        "fields": [field] if field else [],
        "places": [places[p] for p in story.places if p in places],
        "first_seen": story.first_seen.isoformat(),
        "last_seen": story.last_seen.isoformat(),
    }
