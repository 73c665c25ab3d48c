"""Fetching a source over HTTP, politely and within limits.

One GET with a connect and a read timeout, and a deadline for the whole body (a server that
trickles a byte a second is cut off like one that does not answer); at most MAX_REDIRECTS
redirects; the body refused beyond `max_bytes` (from Content-Length at once, else while
reading); conditional requests with the ETag and Last-Modified of the previous answer, so an
unchanged feed costs a 304; and the site's robots.txt asked first, cached per site for a day
(a robots.txt that cannot be read because the server fails means "do not fetch", RFC 9309).

Every failure is a `FetchError` whose message is Vietnamese and says what to do.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

USER_AGENT = "dantinh-media/1.0"
MAX_REDIRECTS = 5
ROBOTS_SECONDS = 24 * 3600
ROBOTS_MAX_BYTES = 512 * 1024
CHUNK = 64 * 1024

_pool = urllib3.PoolManager(num_pools=20, headers={"User-Agent": USER_AGENT})
_robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
_robots_lock = threading.Lock()


class FetchError(Exception):
    """A source could not be fetched; `str(error)` is the message for the source's page,
    `status` the HTTP status when the server answered with an error."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Fetched:
    status: int  # 200, or 304 when nothing changed since the previous fetch
    body: bytes
    content_type: str
    charset: str
    url: str  # after redirects
    etag: str
    last_modified: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def max_bytes() -> int:
    return int(getattr(settings, "DANTINH_MEDIA_MAX_BYTES", 5 * 1024 * 1024))


def timeout_seconds() -> float:
    return float(getattr(settings, "DANTINH_MEDIA_TIMEOUT", 20))


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(_("The address must start with http:// or https://."))


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    limit: int | None = None,
    timeout: float | None = None,
    check_robots: bool = True,
) -> Fetched:
    """GET `url`, conditionally when `etag`/`last_modified` are given. Raises FetchError."""
    _check_url(url)
    if check_robots and not robots_allow(url):
        raise FetchError(_("The site's robots.txt does not allow this address to be fetched."))
    limit = max_bytes() if limit is None else limit
    total = timeout_seconds() if timeout is None else timeout
    headers = {"Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + total
    try:
        response = _pool.request(
            "GET",
            url,
            headers=headers,
            preload_content=False,
            timeout=urllib3.Timeout(connect=min(10.0, total), read=total),
            retries=urllib3.Retry(total=None, connect=0, read=0, redirect=MAX_REDIRECTS),
        )
    except urllib3.exceptions.MaxRetryError as error:
        reason = error.reason
        if isinstance(reason, urllib3.exceptions.ResponseError):
            raise FetchError(_("Too many redirects.")) from None
        if isinstance(reason, urllib3.exceptions.NewConnectionError):
            # (a subclass of the timeout error in urllib3 2: asked first)
            raise FetchError(_("The server could not be reached.")) from None
        if isinstance(reason, urllib3.exceptions.TimeoutError):
            raise FetchError(_("The server did not answer in time.")) from None
        raise FetchError(_("The server could not be reached.")) from None
    except urllib3.exceptions.TimeoutError:
        raise FetchError(_("The server did not answer in time.")) from None
    except urllib3.exceptions.HTTPError:
        raise FetchError(_("The server could not be reached.")) from None
    try:
        if response.status == 304:
            return _result(response, url, b"")
        if response.status >= 400:
            raise FetchError(
                _("The server answered with error %(status)s.") % {"status": response.status},
                status=response.status,
            )
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(_too_big(limit))
        body = bytearray()
        try:
            while True:
                # read1: whatever one receive brings (read(n) would wait for n bytes, and a
                # server trickling a byte a second would never reach the deadline check)
                chunk = response.read1(CHUNK, decode_content=True)
                if not chunk:
                    break
                body += chunk
                if len(body) > limit:
                    raise FetchError(_too_big(limit))
                if time.monotonic() > deadline:
                    raise FetchError(_("The server did not answer in time."))
        except urllib3.exceptions.TimeoutError:
            raise FetchError(_("The server did not answer in time.")) from None
        except urllib3.exceptions.DecodeError:
            raise FetchError(_("The server sent a damaged compressed answer.")) from None
        except urllib3.exceptions.HTTPError:
            raise FetchError(_("The connection was cut before the whole answer arrived.")) from None
        return _result(response, url, bytes(body))
    finally:
        response.release_conn()


def _too_big(limit: int) -> str:
    return _("The answer is larger than the limit of %(size)s; it was not taken.") % {
        "size": filesizeformat(limit)
    }


def _result(response, url: str, body: bytes) -> Fetched:
    content_type = response.headers.get("Content-Type", "")
    charset = ""
    for part in content_type.split(";")[1:]:
        name, _sep, value = part.strip().partition("=")
        if name.lower() == "charset":
            charset = value.strip().strip('"').lower()
    final = response.geturl() or url
    return Fetched(
        status=response.status,
        body=body,
        content_type=content_type.split(";")[0].strip().lower(),
        charset=charset,
        url=final,
        etag=response.headers.get("ETag", "")[:300],
        last_modified=response.headers.get("Last-Modified", "")[:100],
    )


def robots_allow(url: str) -> bool:
    """Whether the site's robots.txt lets USER_AGENT fetch `url` (cached per site)."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    now = time.monotonic()
    with _robots_lock:
        cached = _robots.get(origin)
    if cached is None or cached[0] < now:
        parser = _read_robots(origin)  # FetchError when the server cannot be reached
        with _robots_lock:
            _robots[origin] = (now + ROBOTS_SECONDS, parser)
    else:
        parser = cached[1]
    return True if parser is None else parser.can_fetch(USER_AGENT, url)


def _read_robots(origin: str) -> urllib.robotparser.RobotFileParser | None:
    """The parsed robots.txt; None when the site has none (everything allowed). A server
    that cannot be reached raises FetchError (not cached: the next poll asks again)."""
    parser = urllib.robotparser.RobotFileParser()
    try:
        answer = fetch(
            f"{origin}/robots.txt",
            limit=ROBOTS_MAX_BYTES,
            timeout=min(10.0, timeout_seconds()),
            check_robots=False,
        )
    except FetchError as error:
        if error.status is None:
            raise
        if 400 <= error.status < 500:
            return None
        parser.disallow_all = True  # unreachable: assume nothing may be fetched
        return parser
    parser.parse(answer.body.decode("utf-8", "replace").splitlines())
    return parser


def forget_robots() -> None:
    with _robots_lock:
        _robots.clear()
