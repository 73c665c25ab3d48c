"""What a source's answer or file holds, as raw posts: feeds (feedparser), web pages (the main
text by trafilatura), and social-media exports (CSV, JSON, XLSX) read through a column
mapping. Nothing here touches the database; bad input raises `ParseError` with a Vietnamese
message."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import unicodedata
import xml.sax
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

MAX_ROWS = 50_000  # rows of one export file
MAX_POSTS_PER_FETCH = 2_000
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


class ParseError(Exception):
    """The content could not be read; `str(error)` says why, in Vietnamese."""


@dataclass
class RawPost:
    """One post as found, before cleaning. `author` is read only to be counted (salted per
    story) and dropped; `ident` is whatever identifies the post at its source."""

    text: str
    title: str = ""
    url: str = ""
    published: dt.datetime | None = None
    ident: str = ""
    author: str = ""


def plain(value: str) -> str:
    """Text without markup, entities resolved, spaces collapsed."""
    text = html.unescape(strip_tags(value or ""))
    # Windows-1258 and some phones write tone marks apart from their letter
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _refuse_entities(body: bytes) -> None:
    # An XML entity declaration is how "billion laughs" and external-entity attacks start;
    # no news feed needs one.
    head = body[:200_000]
    if _ENTITY.search(head) or _ENTITY.search(head.replace(b"\x00", b"")):
        raise ParseError(
            _("The feed declares XML entities, which feeds do not need; it was refused for safety.")
        )


def parse_feed(body: bytes, *, content_type: str = "", charset: str = "") -> list[RawPost]:
    """The entries of an RSS or Atom document."""
    import feedparser

    _refuse_entities(body)
    headers = {"content-type": content_type + (f"; charset={charset}" if charset else "")}
    parsed = feedparser.parse(body, response_headers=headers if content_type else None)
    # feedparser also reads broken XML leniently, guessing where entries end; a guess could
    # cut or merge posts, so a feed that is not well-formed is refused (a wrong declared
    # encoding, which it corrects, is not)
    if isinstance(parsed.get("bozo_exception"), xml.sax.SAXException):
        raise ParseError(_("This is not a valid RSS or Atom feed (the XML is malformed)."))
    if not parsed.entries:
        if not parsed.get("version"):
            raise ParseError(_("This is not an RSS or Atom feed."))
        return []
    posts = []
    for entry in parsed.entries[:MAX_POSTS_PER_FETCH]:
        content = ""
        if entry.get("content"):
            content = " ".join(c.get("value", "") for c in entry.content)
        summary = plain(content or entry.get("summary", ""))
        title = plain(entry.get("title", ""))
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.datetime(*when[:6], tzinfo=dt.UTC) if when else None
        link = entry.get("link", "") or ""
        posts.append(
            RawPost(
                text=summary or title,
                title=title,
                url=link if link.startswith(("http://", "https://")) else "",
                published=published,
                ident=entry.get("id", "") or link or "",
            )
        )
    return posts


def parse_page(body: bytes, *, charset: str = "", url: str = "") -> list[RawPost]:
    """A web page's main text as one post (its title, date and text by trafilatura)."""
    import trafilatura

    document = _decode(body, charset)
    extracted = trafilatura.extract(
        document, url=url or None, output_format="json", with_metadata=True, favor_precision=True
    )
    if not extracted:
        raise ParseError(_("No article text was found on this page."))
    data = json.loads(extracted)
    text = _SPACE.sub(" ", data.get("text") or "").strip()
    if not text:
        raise ParseError(_("No article text was found on this page."))
    published = None
    if data.get("date"):
        try:
            published = dt.datetime.fromisoformat(data["date"]).replace(tzinfo=dt.UTC)
        except ValueError:
            published = None
    return [
        RawPost(
            text=text,
            title=plain(data.get("title") or ""),
            url=url,
            published=published,
            ident="",  # a page's post is identified by its text: a changed page is new news
        )
    ]


def _decode(body: bytes, charset: str) -> str:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body.decode("utf-16", "replace")
    head = body[:2048].decode("ascii", "ignore").lower()
    match = re.search(r"charset=[\"']?([a-z0-9_-]+)", head)
    if match:
        try:
            return body.decode(match.group(1), "replace")
        except LookupError:
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1258", "replace")


# --- social-media exports ---------------------------------------------------------------


def read_table(content: bytes, filename: str) -> list[dict[str, object]]:
    """Rows of a CSV, JSON or XLSX export as dicts keyed by column name."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(content)
    if name.endswith(".json"):
        return _read_json(content)
    if name.endswith(".csv"):
        return _read_csv(content)
    raise ParseError(_("Unknown file type: send a CSV, JSON or XLSX file."))


def _read_csv(content: bytes) -> list[dict[str, object]]:
    text = None
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:  # cp1258 decodes nearly anything; kept for the type checker
        raise ParseError(_("The file's text encoding could not be read."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
    except csv.Error:
        raise ParseError(_("The CSV file is malformed.")) from None
    return rows[:MAX_ROWS]


def _read_json(content: bytes) -> list[dict[str, object]]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise ParseError(_("The JSON file is malformed.")) from None
    if isinstance(data, Mapping):
        data = next((v for v in data.values() if isinstance(v, list)), None)
    if not isinstance(data, list) or not all(isinstance(r, Mapping) for r in data):
        raise ParseError(_("The JSON file must hold a list of posts (objects)."))
    return [dict(r) for r in data[:MAX_ROWS]]


def _read_xlsx(content: bytes) -> list[dict[str, object]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ParseError(_("The Excel file could not be opened.")) from None
    try:
        rows = book.active.iter_rows(values_only=True)
        header = next(rows, None)
        if not header:
            return []
        names = [str(h).strip() if h is not None else "" for h in header]
        out = []
        for row in rows:
            if len(out) >= MAX_ROWS:
                break
            out.append({n: v for n, v in zip(names, row, strict=False) if n})
        return out
    finally:
        book.close()


def _when(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, dt.date):
        return timezone.make_aware(dt.datetime.combine(value, dt.time(12)))
    if isinstance(value, int | float) and 1e9 < value < 1e11:  # a Unix time
        return dt.datetime.fromtimestamp(value, tz=dt.UTC)
    text = str(value or "").strip()
    if not text:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    for layout in ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return timezone.make_aware(dt.datetime.strptime(text, layout))
        except ValueError:
            continue
    return None


_PUBLIC = {"", "public", "công khai", "cong khai", "true", "1", "yes", "everyone"}


def map_rows(rows: Iterable[Mapping[str, object]], mapping) -> list[RawPost]:
    """Raw posts from the rows of an export through a `ColumnMapping` (or anything with its
    *_column attributes); rows not marked public are left out."""
    rows = list(rows)
    if rows and mapping.text_column not in rows[0]:
        columns = ", ".join(str(c) for c in list(rows[0])[:20])
        raise ParseError(
            _(
                'The file has no column "%(column)s" (mapping %(mapping)s). Its columns: %(columns)s.'
            )
            % {"column": mapping.text_column, "mapping": mapping.name, "columns": columns}
        )

    def cell(row: Mapping[str, object], column: str) -> object:
        return row.get(column) if column else None

    posts = []
    for row in rows:
        if mapping.public_column:
            flag = str(cell(row, mapping.public_column) or "").strip().lower()
            if flag not in _PUBLIC:
                continue
        text = plain(str(cell(row, mapping.text_column) or ""))
        if not text:
            continue
        url = str(cell(row, mapping.url_column) or "").strip()
        posts.append(
            RawPost(
                text=text,
                title=plain(str(cell(row, mapping.title_column) or "")),
                url=url if url.startswith(("http://", "https://")) else "",
                published=_when(cell(row, mapping.published_column)),
                ident=str(cell(row, mapping.id_column) or "") or url,
                author=str(cell(row, mapping.author_column) or "").strip(),
            )
        )
    return posts
